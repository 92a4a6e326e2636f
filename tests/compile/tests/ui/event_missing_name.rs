use zeekws_runtime::ZeekEvent;

#[derive(ZeekEvent)]
struct Hello {
    n: u64,
}

fn main() {}
