use zeekws_runtime::ZeekRecord;

#[derive(ZeekRecord)]
#[zeek(name = "conn_id_ctx", extensible = true)]
struct Ctx {}

fn main() {}
