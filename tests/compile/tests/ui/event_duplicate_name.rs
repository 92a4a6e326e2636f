use zeekws_runtime::ZeekEvent;

#[derive(ZeekEvent)]
enum Events {
    #[zeek(name = "App::ping")]
    Ping(String, u64),
    #[zeek(name = "App::ping")]
    PingAgain(String, u64),
}

fn main() {}
