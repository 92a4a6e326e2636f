use std::net::IpAddr;

use zeekws_runtime::{ZeekEnum, ZeekRecord};

#[derive(ZeekEnum)]
#[zeek(name = "App::Level")]
enum Level {
    LOW,
    HIGH,
}

#[derive(ZeekRecord)]
#[zeek(schema = "zeek/alert.zeek", name = "App::Alert")]
struct Alert {
    src: IpAddr,
    reason: String,
    score: Option<f64>,
    level: Level,
    tags: Option<std::collections::BTreeSet<u64>>,
}

fn main() {}
