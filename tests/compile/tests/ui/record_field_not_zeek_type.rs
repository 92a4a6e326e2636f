use zeekws_runtime::ZeekRecord;

#[derive(ZeekRecord)]
#[zeek(name = "App::Log")]
struct Log {
    name: String,
    file: std::fs::File,
}

fn main() {}
