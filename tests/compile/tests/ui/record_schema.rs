use zeekws_runtime::ZeekRecord;

#[derive(ZeekRecord)]
#[zeek(schema = "zeek/app.zeek", name = "App::Alert")]
struct Alert {
    reason: String,
}

fn main() {}
