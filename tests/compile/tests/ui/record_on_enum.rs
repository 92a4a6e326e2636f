use zeekws_runtime::ZeekRecord;

#[derive(ZeekRecord)]
enum Color {
    Red,
}

fn main() {}
