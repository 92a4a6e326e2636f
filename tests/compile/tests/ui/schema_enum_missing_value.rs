use zeekws_runtime::ZeekEnum;

#[derive(ZeekEnum)]
#[zeek(schema = "zeek/alert.zeek", name = "App::Level")]
enum Level {
    LOW,
}

/// Open enums accept values they do not list: no error.
#[derive(ZeekEnum)]
#[zeek(schema = "zeek/alert.zeek", name = "App::Level")]
enum OpenLevel {
    LOW,
    #[zeek(other)]
    Other(String),
}

fn main() {}
