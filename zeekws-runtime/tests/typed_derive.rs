//! The derives: layout on the wire, lenient decoding, error messages, and proptest round
//! trips for derived records, events and enums.

// Zeek enum values are upper case; constant assertions check derived constants.
#![allow(clippy::upper_case_acronyms, clippy::assertions_on_constants)]

mod common;

use common::conn::{ConnId, ConnIdCtx, TransportProto};

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

use proptest::prelude::*;
use zeekws_runtime::json::{self, ErrorKind};
use zeekws_runtime::protocol::Event;
use zeekws_runtime::{
    Port, Protocol, Timespan, Timestamp, Value, ZeekEnum, ZeekEvent, ZeekRecord, ZeekType,
    ZeekTypeName,
};

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "App::Inner")]
struct Inner {
    a: u64,
    b: Option<String>,
}

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
struct Pair(i64, Option<f64>);

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "App::Wrapper")]
struct Wrapper<T> {
    items: Vec<T>,
    label: String,
}

#[derive(ZeekEnum, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[zeek(name = "App::Color")]
enum Color {
    RED,
    GREEN,
    BLUE,
}

#[derive(ZeekEnum, Debug, Clone, PartialEq, Eq)]
#[zeek(name = "Analyzer::Tag")]
enum AnalyzerTag {
    #[zeek(rename = "ANALYZER_HTTP")]
    Http,
    #[zeek(rename = "Files::ANALYZER_MD5")]
    Md5,
    #[zeek(other)]
    Other(String),
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "hello")]
struct Hello {
    n: u64,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::ping")]
struct Ping {
    msg: String,
    c: u64,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::pong")]
struct Pong(String, u64);

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::seen")]
struct Seen {
    i: Inner,
    c: Color,
    #[zeek(metadata)]
    meta: Option<Vec<(u64, Value)>>,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
enum Events {
    Ping(Ping),
    Pong(Pong),
    #[zeek(name = "App::tick")]
    Tick,
    #[zeek(name = "App::pair")]
    Pair(u64, String),
    #[zeek(name = "App::named")]
    Named {
        x: Color,
        #[zeek(metadata)]
        meta: Option<Vec<(u64, Value)>>,
    },
    #[zeek(other)]
    Other(Event),
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
enum Closed {
    Hello(Hello),
    #[zeek(name = "bye")]
    Bye,
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn conn_id() -> ConnId {
    ConnId {
        orig_h: ip("10.0.0.1"),
        orig_p: Port::new(49152, Protocol::Tcp),
        resp_h: ip("2001:db8::1"),
        resp_p: Port::new(443, Protocol::Tcp),
        proto: 6,
        ctx: ConnIdCtx {},
    }
}

#[test]
fn type_names() {
    assert_eq!(
        <Vec<String> as ZeekType>::ZEEK_TYPE.to_string(),
        "vector of string"
    );
    assert_eq!(ConnId::ZEEK_TYPE.to_string(), "conn_id");
    assert_eq!(Pair::ZEEK_TYPE.to_string(), "Pair");
    assert_eq!(
        <BTreeSet<(IpAddr, Port)>>::ZEEK_TYPE.to_string(),
        "set[addr,port]"
    );
    assert_eq!(
        <BTreeMap<(u64, String), Inner>>::ZEEK_TYPE.to_string(),
        "table[count,string] of App::Inner"
    );
    assert_eq!(<std::sync::Arc<str>>::ZEEK_TYPE.to_string(), "string");
    assert_eq!(<std::rc::Rc<Color>>::ZEEK_TYPE.to_string(), "App::Color");
    assert_eq!(<Wrapper<Color> as ZeekRecord>::NAME, "App::Wrapper");
    assert_eq!(
        <Inner as ZeekRecord>::FIELDS,
        &[
            ("a", ZeekTypeName::Count, false),
            ("b", ZeekTypeName::String, true)
        ]
    );
    assert!(<ConnIdCtx as ZeekRecord>::EXTENSIBLE);
    assert!(!<ConnId as ZeekRecord>::EXTENSIBLE);
    assert_eq!(<ConnId as ZeekRecord>::FIELDS.len(), 6);
    assert_eq!(
        <ConnId as ZeekRecord>::FIELDS[5].1,
        ZeekTypeName::Named("conn_id_ctx")
    );
    assert_eq!(Color::VALUES, &["App::RED", "App::GREEN", "App::BLUE"]);
    assert_eq!(
        TransportProto::VALUES,
        &["unknown_transport", "tcp", "udp", "icmp"]
    );
    assert_eq!(
        AnalyzerTag::VALUES,
        &["Analyzer::ANALYZER_HTTP", "Files::ANALYZER_MD5"]
    );
    assert!(AnalyzerTag::OPEN && !Color::OPEN);
}

#[test]
fn record_layout() {
    let v = Inner {
        a: 5,
        b: Some("five".into()),
    };
    let text = json::to_string(&v);
    assert_eq!(
        text,
        r#"{"@data-type":"vector","data":[{"@data-type":"count","data":5},{"@data-type":"string","data":"five"}]}"#
    );
    assert_eq!(json::from_str::<Inner>(&text).unwrap(), v);
    let none = json::to_string(&Inner { a: 1, b: None });
    assert!(
        none.ends_with(r#"{"@data-type":"none","data":{}}]}"#),
        "{none}"
    );
    // the same through the dynamic model
    let dynamic: Value = json::from_str(&text).unwrap();
    assert_eq!(
        dynamic,
        Value::Vector(vec![Value::Count(5), Value::String("five".into())])
    );
    let pair = Pair(-3, None);
    assert_eq!(
        json::from_str::<Pair>(&json::to_string(&pair)).unwrap(),
        pair
    );
    let w = Wrapper {
        items: vec![Color::RED, Color::BLUE],
        label: "x".into(),
    };
    assert_eq!(
        json::from_str::<Wrapper<Color>>(&json::to_string(&w)).unwrap(),
        w
    );
}

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "App::Inner", optional_tail)]
struct LenientInner {
    a: u64,
    b: Option<String>,
}

#[test]
fn record_lenient_forms() {
    // Members in any order and whitespace.
    let text = r#"{ "data": [ {"data": 7, "@data-type": "count"}, {"@data-type": "none", "data": {}} ], "@data-type": "vector" }"#;
    assert_eq!(
        json::from_str::<Inner>(text).unwrap(),
        Inner { a: 7, b: None }
    );
    // A short vector: refused by default, as Zeek refuses it; accepted with optional_tail.
    let short = r#"{ "data": [ {"data": 7, "@data-type": "count"} ], "@data-type": "vector" }"#;
    assert_eq!(
        json::from_str::<Inner>(short).unwrap_err().to_string(),
        "App::Inner field 1 'b': expected 2 elements, got 1 at byte 48"
    );
    assert_eq!(
        json::from_str::<LenientInner>(short).unwrap(),
        LenientInner { a: 7, b: None }
    );
    // conn_id_ctx is extensible: appended fields are ignored.
    let ctx = r#"{"@data-type":"vector","data":[{"@data-type":"count","data":1},{"@data-type":"string","data":"x"}]}"#;
    assert_eq!(json::from_str::<ConnIdCtx>(ctx).unwrap(), ConnIdCtx {});
}

#[test]
fn record_length_errors() {
    let long = r#"{"@data-type":"vector","data":[{"@data-type":"count","data":1},{"@data-type":"none","data":{}},{"@data-type":"count","data":2},{"@data-type":"count","data":3}]}"#;
    let e = json::from_str::<Inner>(long).unwrap_err();
    assert!(matches!(
        e.kind(),
        ErrorKind::Length {
            expected: 2,
            got: 4,
            ..
        }
    ));
    assert_eq!(
        e.to_string(),
        "record App::Inner: expected 2 elements, got 4 at data[2]"
    );
    let short = r#"{"@data-type":"vector","data":[]}"#;
    let e = json::from_str::<Inner>(short).unwrap_err();
    assert_eq!(
        e.to_string(),
        "App::Inner field 0 'a': expected 2 elements, got 0 at byte 32"
    );
    // nested: the path and every record on the way
    let mut id = json::from_str(&json::to_string(&conn_id())).unwrap();
    if let Value::Vector(f) = &mut id {
        f[3] = Value::Count(443);
    }
    let e = json::from_str::<ConnId>(&json::to_string(&id)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "conn_id field 3 'resp_p': expected port, got count at data[3]"
    );
}

#[test]
fn enums() {
    assert_eq!(
        json::to_string(&Color::GREEN),
        r#"{"@data-type":"enum-value","data":"App::GREEN"}"#
    );
    assert_eq!(Color::BLUE.zeek_name(), "App::BLUE");
    assert_eq!(
        json::to_string(&TransportProto::icmp),
        r#"{"@data-type":"enum-value","data":"icmp"}"#
    );
    let e = |s: &str| format!(r#"{{"@data-type":"enum-value","data":"{s}"}}"#);
    assert_eq!(
        json::from_str::<TransportProto>(&e("udp")).unwrap(),
        TransportProto::udp
    );
    assert_eq!(
        json::from_str::<TransportProto>(&e("GLOBAL::tcp")).unwrap(),
        TransportProto::tcp
    );
    assert_eq!(
        json::from_str::<TransportProto>(&e("::tcp")).unwrap(),
        TransportProto::tcp
    );
    assert_eq!(
        json::from_str::<AnalyzerTag>(&e("Files::ANALYZER_MD5")).unwrap(),
        AnalyzerTag::Md5
    );
    assert_eq!(
        json::from_str::<AnalyzerTag>(&e("Analyzer::ANALYZER_SSH")).unwrap(),
        AnalyzerTag::Other("Analyzer::ANALYZER_SSH".into())
    );
    assert_eq!(
        json::to_string(&AnalyzerTag::Other("Analyzer::ANALYZER_SSH".into())),
        e("Analyzer::ANALYZER_SSH")
    );
    let err = json::from_str::<Color>(&e("App::PURPLE")).unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::UnknownEnumValue {
            enum_name: "App::Color",
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        "unknown value \"App::PURPLE\" for enum App::Color at byte 47"
    );
    let err = json::from_str::<Color>(r#"{"@data-type":"string","data":"App::RED"}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "expected App::Color, got string at byte 30"
    );
}

#[test]
fn event_struct() {
    let frame = json::encode_event("zeek.test", &Hello { n: 3 });
    assert_eq!(
        frame,
        r#"{"type":"data-message","topic":"zeek.test","@data-type":"vector","data":[{"@data-type":"count","data":1},{"@data-type":"count","data":1},{"@data-type":"vector","data":[{"@data-type":"string","data":"hello"},{"@data-type":"vector","data":[{"@data-type":"count","data":3}]}]}]}"#
    );
    let msg = json::decode_message(&frame).unwrap();
    assert_eq!(msg.to_event::<Hello>().unwrap(), Hello { n: 3 });
    assert_eq!(msg.into_event::<Hello>().unwrap(), Hello { n: 3 });
    let (topic, hello) = json::decode_event::<Hello>(&frame)
        .unwrap()
        .into_parts()
        .unwrap();
    assert_eq!((topic.as_str(), hello), ("zeek.test", Hello { n: 3 }));
    // the wrong event
    let err = json::decode_event::<Ping>(&frame).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::UnknownEvent { .. }));
    assert_eq!(
        err.to_string(),
        "event hello: unexpected event \"hello\" (expected App::ping) at data[2].data[1]"
    );
    // argument count must match
    let two = json::encode_event(
        "t",
        &Event::new("hello", [Value::Count(1), Value::Count(2)]),
    );
    let err = json::decode_event::<Hello>(&two).unwrap_err();
    assert_eq!(
        err.to_string(),
        "event hello: expected 1 element, got 2 at data[2].data[1]"
    );
    let none = json::encode_event("t", &Event::new("hello", []));
    let err = json::decode_event::<Hello>(&none).unwrap_err();
    assert_eq!(
        err.to_string(),
        "event hello arg 0 (count): expected 1 element, got 0 at data[2].data[1]"
    );
    let wrong = json::encode_event("t", &Event::new("hello", [Value::Integer(1)]));
    let err = json::decode_event::<Hello>(&wrong).unwrap_err();
    assert_eq!(
        err.to_string(),
        "event hello arg 0 (count): expected count, got integer at data[2].data[1].data[0]"
    );
}

#[test]
fn event_metadata() {
    let ts = Timestamp::from_nanos(1_700_000_000_123_000_000);
    let seen = Seen {
        i: Inner { a: 1, b: None },
        c: Color::GREEN,
        meta: Some(vec![(1, Value::Timestamp(ts))]),
    };
    let frame = json::encode_event("t", &seen);
    assert!(frame.ends_with(r#"{"@data-type":"vector","data":[{"@data-type":"vector","data":[{"@data-type":"count","data":1},{"@data-type":"timestamp","data":"2023-11-14T22:13:20.123"}]}]}]}]}"#), "{frame}");
    let (_, back) = json::decode_event::<Seen>(&frame)
        .unwrap()
        .into_parts()
        .unwrap();
    assert_eq!(back, seen);
    let dynamic: Event = json::decode_message(&frame).unwrap().into_event().unwrap();
    assert_eq!(dynamic.network_timestamp(), Some(ts));
}

#[test]
fn event_enum() {
    assert_eq!(
        Events::EVENT_NAMES,
        &[
            "App::ping",
            "App::pong",
            "App::tick",
            "App::pair",
            "App::named"
        ]
    );
    assert!(Events::ACCEPTS_ANY);
    assert_eq!(Closed::EVENT_NAMES, &["hello", "bye"]);
    assert!(!Closed::ACCEPTS_ANY);
    let all = [
        Events::Ping(Ping {
            msg: "hi".into(),
            c: 1,
        }),
        Events::Pong(Pong("ho".into(), 2)),
        Events::Tick,
        Events::Pair(7, "seven".into()),
        Events::Named {
            x: Color::RED,
            meta: Some(vec![(1, Value::Timespan(Timespan::from_nanos(5)))]),
        },
        Events::Named {
            x: Color::RED,
            meta: None,
        },
        Events::Other(Event::new("App::unknown", [Value::Boolean(true)])),
    ];
    for ev in all {
        let frame = json::encode_event("t", &ev);
        let (_, back) = json::decode_event::<Events>(&frame)
            .unwrap()
            .into_parts()
            .unwrap();
        assert_eq!(back, ev, "{frame}");
        let via_value: Events = json::decode_message(&frame).unwrap().into_event().unwrap();
        assert_eq!(via_value, ev);
    }
    // Wrapped events decode through the enum's variant with the same bytes.
    let frame = json::encode_event(
        "t",
        &Ping {
            msg: "a".into(),
            c: 9,
        },
    );
    assert_eq!(
        frame,
        json::encode_event(
            "t",
            &Events::Ping(Ping {
                msg: "a".into(),
                c: 9
            })
        )
    );
    // A closed enum names the expected events.
    let err = json::decode_event::<Closed>(&frame).unwrap_err();
    assert_eq!(
        err.to_string(),
        "event App::ping: unexpected event \"App::ping\" (expected hello, bye) at data[2].data[1]"
    );
}

// ---- proptest round trips ------------------------------------------------------------------

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "Test::All")]
struct All {
    b: bool,
    c: u64,
    i: i64,
    d: f64,
    t: Timestamp,
    iv: Timespan,
    s: String,
    a: IpAddr,
    p: Port,
    e: Color,
    v: Vec<u32>,
    st: BTreeSet<(IpAddr, Port)>,
    tb: BTreeMap<String, Inner>,
    opt: Option<i16>,
    nested: Option<Box<Inner>>,
}

fn arb_inner() -> impl Strategy<Value = Inner> {
    (any::<u64>(), proptest::option::of(".*")).prop_map(|(a, b)| Inner { a, b })
}

fn arb_ip() -> impl Strategy<Value = IpAddr> {
    prop_oneof![
        any::<[u8; 4]>().prop_map(IpAddr::from),
        any::<[u8; 16]>().prop_map(IpAddr::from),
    ]
}

fn arb_port() -> impl Strategy<Value = Port> {
    (any::<u16>(), 0..4u8).prop_map(|(n, p)| {
        let p = match p {
            0 => Protocol::Tcp,
            1 => Protocol::Udp,
            2 => Protocol::Icmp,
            _ => Protocol::Unknown,
        };
        Port::new(n, p)
    })
}

fn arb_color() -> impl Strategy<Value = Color> {
    prop_oneof![Just(Color::RED), Just(Color::GREEN), Just(Color::BLUE)]
}

fn arb_all() -> impl Strategy<Value = All> {
    (
        (
            any::<bool>(),
            any::<u64>(),
            any::<i64>(),
            any::<f64>().prop_filter("no NaN", |d| !d.is_nan()),
        ),
        (
            any::<i64>(),
            any::<i64>(),
            ".*",
            arb_ip(),
            arb_port(),
            arb_color(),
        ),
        (
            proptest::collection::vec(any::<u32>(), 0..4),
            proptest::collection::btree_set((arb_ip(), arb_port()), 0..3),
            proptest::collection::btree_map(".*", arb_inner(), 0..3),
            proptest::option::of(any::<i16>()),
            proptest::option::of(arb_inner().prop_map(Box::new)),
        ),
    )
        .prop_map(
            |((b, c, i, d), (t, iv, s, a, p, e), (v, st, tb, opt, nested))| All {
                b,
                c,
                i,
                d,
                t: Timestamp::from_nanos(t),
                iv: Timespan::from_nanos(iv),
                s,
                a,
                p,
                e,
                v,
                st,
                tb,
                opt,
                nested,
            },
        )
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "Test::all")]
struct AllEvent {
    all: All,
    n: u8,
}

proptest! {
    #[test]
    fn records_round_trip(all in arb_all()) {
        let text = json::to_string(&all);
        let back: All = json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &all);
        // The dynamic model reads and writes the same bytes.
        let dynamic: Value = json::from_str(&text).unwrap();
        prop_assert_eq!(json::to_string(&dynamic), text);
    }

    #[test]
    fn events_round_trip(all in arb_all(), n in any::<u8>(), pick in 0..3u8, s in ".*") {
        let ev = match pick {
            0 => Events::Ping(Ping { msg: s, c: u64::from(n) }),
            1 => Events::Pair(u64::from(n), s),
            _ => Events::Other(Event::new(s, [Value::Count(u64::from(n))])),
        };
        let frame = json::encode_event("t", &ev);
        let (_, back) = json::decode_event::<Events>(&frame).unwrap().into_parts().unwrap();
        prop_assert_eq!(back, ev);
        let ev = AllEvent { all, n };
        let frame = json::encode_event("topic", &ev);
        let (_, back) = json::decode_event::<AllEvent>(&frame).unwrap().into_parts().unwrap();
        prop_assert_eq!(&back, &ev);
        // and the dynamic path agrees byte for byte
        let dynamic: Event = json::decode_message(&frame).unwrap().into_event().unwrap();
        prop_assert_eq!(json::encode_event("topic", &dynamic), frame);
    }

    #[test]
    fn enums_round_trip(c in arb_color(), name in "[A-Za-z_][A-Za-z0-9_]{0,8}") {
        prop_assert_eq!(json::from_str::<Color>(&json::to_string(&c)).unwrap(), c);
        let tag = AnalyzerTag::Other(format!("Analyzer::{name}"));
        let back: AnalyzerTag = json::from_str(&json::to_string(&tag)).unwrap();
        let expected = match name.as_str() {
            "ANALYZER_HTTP" => AnalyzerTag::Http,
            _ => tag,
        };
        prop_assert_eq!(back, expected);
    }

    #[test]
    fn garbage_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = json::from_slice::<All>(&bytes);
        let _ = json::decode_event::<Events>(&bytes);
    }
}

#[test]
fn conn_id_round_trip() {
    let id = conn_id();
    let text = json::to_string(&id);
    assert_eq!(json::from_str::<ConnId>(&text).unwrap(), id);
}
