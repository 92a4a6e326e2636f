#![allow(non_camel_case_types)]

use zeekws_runtime::ZeekEnum;

#[derive(ZeekEnum)]
#[zeek(name = "Notice::Action")]
enum Action {
    ACTION_LOG,
    #[zeek(rename = "ACTION_LOG")]
    Log,
}

fn main() {}
