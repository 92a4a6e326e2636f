use zeekws_runtime::ZeekEvent;

#[derive(ZeekEvent)]
#[zeek(name = "hello", extensible)]
struct Hello {
    n: u64,
}

fn main() {}
