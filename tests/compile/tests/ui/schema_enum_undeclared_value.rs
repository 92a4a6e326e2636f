use zeekws_runtime::ZeekEnum;

#[derive(ZeekEnum)]
#[zeek(schema = "zeek/alert.zeek", name = "App::Level")]
enum Level {
    LOW,
    MEDIUM,
    HIGH,
}

fn main() {}
