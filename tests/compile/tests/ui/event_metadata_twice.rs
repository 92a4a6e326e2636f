use zeekws_runtime::{Value, ZeekEvent};

#[derive(ZeekEvent)]
#[zeek(name = "hello")]
struct Hello {
    n: u64,
    #[zeek(metadata)]
    meta: Option<Vec<(u64, Value)>>,
    #[zeek(metadata)]
    more: Option<Vec<(u64, Value)>>,
}

fn main() {}
