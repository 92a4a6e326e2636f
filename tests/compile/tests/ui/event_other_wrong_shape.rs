use zeekws_runtime::ZeekEvent;

#[derive(ZeekEvent)]
enum Events {
    #[zeek(name = "App::tick")]
    Tick,
    #[zeek(other)]
    Other { name: String },
}

fn main() {}
