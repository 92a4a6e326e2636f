use zeekws_runtime::ZeekEvent;

#[derive(ZeekEvent)]
enum Events {
    #[zeek(name = "App::tick")]
    Tick,
    Ping { msg: String, c: u64 },
}

fn main() {}
