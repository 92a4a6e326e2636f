use zeekws_runtime::ZeekEvent;

#[derive(ZeekEvent)]
enum Events<T> {
    #[zeek(name = "App::value")]
    Value(T),
}

fn main() {}
