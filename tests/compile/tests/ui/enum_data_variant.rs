use zeekws_runtime::ZeekEnum;

#[derive(ZeekEnum)]
#[zeek(name = "App::Color")]
enum Color {
    RED,
    Custom(u8, u8, u8),
}

fn main() {}
