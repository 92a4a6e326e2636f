use zeekws_runtime::ZeekRecord;

#[derive(ZeekRecord)]
#[zeek(name = "App::Info", extendable)]
struct Info {
    a: u64,
}

fn main() {}
