use zeekws_runtime::ZeekEvent;

#[derive(ZeekEvent)]
#[zeek(name = "App::events")]
enum Events {
    #[zeek(name = "App::tick")]
    Tick,
}

fn main() {}
