use zeekws_runtime::ZeekRecord;

#[derive(ZeekRecord)]
#[zeek(name = "App::Msg")]
struct Msg<'a> {
    text: &'a str,
}

fn main() {}
