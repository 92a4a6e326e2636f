use zeekws_runtime::ZeekEvent;
use zeekws_runtime::protocol::Event;

#[derive(ZeekEvent)]
enum Events {
    #[zeek(name = "App::tick")]
    Tick,
    #[zeek(other)]
    Other(Event),
    #[zeek(other)]
    Rest(Event),
}

fn main() {}
