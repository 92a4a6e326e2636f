use zeekws_runtime::ZeekEvent;

#[derive(ZeekEvent)]
#[zeek(schema = "zeek/alert.zeek", name = "App::ping")]
struct Ping {
    msg: String,
    n: i64,
}

#[derive(ZeekEvent)]
#[zeek(schema = "zeek/alert.zeek", name = "App::Alert")]
struct NotAnEvent {
    msg: String,
}

fn main() {}
