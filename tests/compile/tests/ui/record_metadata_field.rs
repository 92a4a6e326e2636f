use zeekws_runtime::{Value, ZeekRecord};

#[derive(ZeekRecord)]
#[zeek(name = "App::Info")]
struct Info {
    a: u64,
    #[zeek(metadata)]
    meta: Option<Vec<(u64, Value)>>,
}

fn main() {}
