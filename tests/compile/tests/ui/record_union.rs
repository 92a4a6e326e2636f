use zeekws_runtime::ZeekRecord;

#[derive(ZeekRecord)]
union Bits {
    a: u32,
    b: f32,
}

fn main() {}
