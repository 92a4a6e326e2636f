//! Structs that match their Zeek declarations in tests/ui/zeek/alert.zeek compile: names,
//! order, types (aliases, named records and enums, composite table keys) and `&optional`.

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

use zeekws_runtime::{Port, Timespan, Value, ZeekEnum, ZeekEvent, ZeekRecord};

#[derive(ZeekEnum, Debug, Clone, PartialEq)]
#[zeek(schema = "../ui/zeek/alert.zeek", name = "App::Level")]
enum Level {
    LOW,
    HIGH,
}

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(schema = "../ui/zeek/alert.zeek", name = "App::Alert")]
struct Alert {
    src: IpAddr,
    reason: String,
    score: Option<f64>,
    level: Level,
    tags: Option<BTreeSet<String>>,
}

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "conn_id_ctx", extensible)]
struct ConnIdCtx {}

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "conn_id")]
struct ConnId {
    orig_h: IpAddr,
    orig_p: Port,
    resp_h: IpAddr,
    resp_p: Port,
    proto: u64,
    ctx: ConnIdCtx,
}

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(schema = "../ui/zeek/alert.zeek", name = "App::Seen")]
struct Seen {
    id: ConnId,
    alert: Alert,
    counts: BTreeMap<(u32, String), u64>,
    history: Vec<Timespan>,
    // `any` needs a dynamic value; a `Value` also stands for any declared type at any depth.
    extra: Option<Value>,
    raw: Vec<Value>,
}

// A `Value` holds none too, so it may stand for an `&optional` field; and for records.
#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(schema = "../ui/zeek/alert.zeek", name = "App::Seen")]
struct SeenDynamic {
    id: Value,
    alert: Value,
    counts: BTreeMap<(u64, String), Value>,
    history: Value,
    extra: Value,
    raw: Vec<Alert>,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(schema = "../ui/zeek/alert.zeek", name = "App::ping")]
struct Ping {
    msg: String,
    n: u64,
}

// Tuple structs are checked by position and type.
#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(schema = "../ui/zeek/alert.zeek", name = "App::ping")]
struct PingTuple(String, u8);

fn main() {
    let a = Alert {
        src: [127, 0, 0, 1].into(),
        reason: "x".into(),
        score: None,
        level: Level::HIGH,
        tags: None,
    };
    let _ = (
        a,
        Ping {
            msg: "hi".into(),
            n: 1,
        },
        PingTuple("hi".into(), 1),
    );
    let _ = (
        std::mem::size_of::<Seen>(),
        std::mem::size_of::<SeenDynamic>(),
    );
}
