use zeekws_runtime::ZeekEnum;

#[derive(ZeekEnum)]
#[zeek(name = "Analyzer::Tag")]
enum Tag {
    #[zeek(other)]
    Other(String),
    #[zeek(other)]
    Unknown(String),
}

fn main() {}
