use zeekws_runtime::ZeekEnum;

#[derive(ZeekEnum)]
enum Color {
    RED,
    GREEN,
}

fn main() {}
