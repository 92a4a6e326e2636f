use zeekws_runtime::ZeekEnum;

#[derive(ZeekEnum)]
#[zeek(name = "Notice::Action")]
enum Action {
    #[zeek(name = "ACTION_LOG")]
    Log,
}

fn main() {}
