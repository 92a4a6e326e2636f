use zeekws_runtime::ZeekRecord;

#[derive(ZeekRecord)]
#[zeek(name = "App::Info")]
#[zeek(name = "App::Other")]
struct Info {
    a: u64,
}

fn main() {}
