use std::net::IpAddr;

use zeekws_runtime::{ZeekEnum, ZeekRecord};

#[derive(ZeekEnum)]
#[zeek(name = "App::Level")]
enum Level {
    LOW,
    HIGH,
}

// The last field moved to the front: one error, at the moved field.
#[derive(ZeekRecord)]
#[zeek(schema = "zeek/alert.zeek", name = "App::Alert")]
struct Alert {
    tags: Option<std::collections::BTreeSet<String>>,
    src: IpAddr,
    reason: String,
    score: Option<f64>,
    level: Level,
}

fn main() {}
