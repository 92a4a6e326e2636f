#![allow(non_camel_case_types)]

use zeekws_runtime::ZeekEnum;

#[derive(ZeekEnum)]
#[zeek(name = "Analyzer::Tag")]
enum Tag {
    ANALYZER_HTTP,
    #[zeek(other)]
    Other(u32),
}

fn main() {}
