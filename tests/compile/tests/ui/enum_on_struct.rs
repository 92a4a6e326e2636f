use zeekws_runtime::ZeekEnum;

#[derive(ZeekEnum)]
#[zeek(name = "App::Color")]
struct Color {
    rgb: u32,
}

fn main() {}
