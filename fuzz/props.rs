//! The properties the fuzz targets check, shared with the corpus replay test
//! (`tests/tests/fuzz_corpus.rs` includes this file by path), so that both run the same
//! code: every function takes arbitrary bytes, must not panic, and asserts a property.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

use zeekws_runtime::json::{self, DecodeOptions, ErrorKind};
use zeekws_runtime::protocol::{self, Event, Message};
use zeekws_runtime::{Port, Subnet, Timespan, Timestamp, Value, ZeekEvent, ZeekRecord};

fn server_rules() -> DecodeOptions {
    DecodeOptions::new().zeek_server_rules(true)
}

/// The `Value` decoder, lenient and under Zeek's server rules: what decodes re-encodes to
/// text that decodes to the same value (a fixed point), and what the server rules accept
/// the lenient decoder accepts too, except ports beyond 65535, which Zeek wraps.
pub fn value(data: &[u8]) {
    let lenient = json::from_slice::<Value>(data);
    if let Ok(v) = &lenient {
        let text = json::to_string(v);
        let again = json::from_str::<Value>(&text)
            .unwrap_or_else(|e| panic!("the writer's output does not read back: {e}\n{text}"));
        assert!(
            same(v, &again),
            "not a fixed point:\n{v:?}\n{again:?}\n{text}"
        );
    }
    if let Ok(strict) = json::from_slice_with::<Value>(data, server_rules()) {
        match &lenient {
            Ok(_) => {}
            Err(e) => assert!(
                matches!(e.kind(), ErrorKind::InvalidValue { what: "port", .. }),
                "the server rules accept what the lenient decoder refuses ({e}): {strict:?}"
            ),
        }
    }
}

/// Whole messages: a data message re-encodes to a frame that decodes to the same message.
pub fn message(data: &[u8]) {
    canonical(data);
    let Ok(msg) = protocol::decode_message(data) else {
        let _ = protocol::decode_message_with(data, server_rules());
        return;
    };
    if let Message::Data(d) = &msg {
        let frame = d.to_json();
        let again = protocol::decode_message(&frame)
            .unwrap_or_else(|e| panic!("the writer's frame does not read back: {e}\n{frame}"));
        match again {
            Message::Data(a) => {
                assert_eq!(a.topic, d.topic);
                assert!(same(&a.value, &d.value), "not a fixed point: {frame}");
            }
            other => panic!("a data message came back as {other:?}"),
        }
        // The typed path reads the kept payload; a dynamic event must agree with it.
        if let (Ok(e1), Ok(e2)) = (
            d.to_event::<Event>(),
            protocol::decode_event::<Event>(&frame),
        ) {
            let (_, e2) = e2.into_parts().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(e1.name, e2.name);
        }
    }
}

/// MockZeek forwards a frame it recognises as canonical without decoding it: that must only
/// happen when the frame decodes under Zeek's server rules and encodes back to itself.
fn canonical(data: &[u8]) {
    let Some((topic, name)) = zeekws_runtime::server::__fuzz::canonical_event(data) else {
        return;
    };
    let (t, event) = protocol::decode_event_with::<Event>(data, server_rules())
        .and_then(|m| m.into_parts())
        .unwrap_or_else(|e| panic!("recognised as canonical but refused: {e}"));
    assert_eq!((topic, name), (t.as_str(), event.name.as_str()));
    assert!(event.metadata.is_none());
    assert_eq!(
        protocol::encode_event(&t, &event).as_bytes(),
        data,
        "recognised as canonical but encodes differently"
    );
}

/// Zeek's `conn_id` (8.2), `conn_id_ctx` and `transport_proto`, as the runtime's tests
/// derive them; and a `Conn::Info`-shaped record.
#[path = "../zeekws-runtime/tests/common/conn.rs"]
mod conn;

use conn::{ConnId, TransportProto};

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "Conn::Info")]
pub struct ConnInfo {
    pub ts: Timestamp,
    pub uid: String,
    pub id: ConnId,
    pub proto: TransportProto,
    pub service: Option<String>,
    pub duration: Option<Timespan>,
    pub orig_bytes: Option<u64>,
    pub resp_bytes: Option<u64>,
    pub conn_state: Option<String>,
    pub local_orig: Option<bool>,
    pub local_resp: Option<bool>,
    pub missed_bytes: u64,
    pub history: Option<String>,
    pub orig_pkts: Option<u64>,
    pub orig_ip_bytes: Option<u64>,
    pub resp_pkts: Option<u64>,
    pub resp_ip_bytes: Option<u64>,
    pub tunnel_parents: Option<BTreeSet<String>>,
    pub ip_proto: Option<u64>,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "Conn::log_conn")]
pub struct LogConn {
    pub rec: ConnInfo,
}

/// A record with every container kind and the data model's types.
#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "Fuzz::Containers", extensible)]
pub struct Containers {
    pub v: Vec<Option<i64>>,
    pub s: BTreeSet<(IpAddr, Port)>,
    pub t: BTreeMap<String, Vec<f64>>,
    pub t2: BTreeMap<(u64, String), Subnet>,
    pub nested: Vec<BTreeMap<String, BTreeSet<String>>>,
    pub any: Option<Value>,
    pub pair: (bool, Timespan),
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
enum Typed {
    LogConn(LogConn),
    #[zeek(name = "Fuzz::containers")]
    Containers {
        c: Containers,
        n: u64,
    },
}

/// The typed decoders: a decoded event re-encodes to a frame that decodes to the same
/// event, and to what the dynamic decoder reads from the same frame.
pub fn typed(data: &[u8]) {
    let Ok(msg) = protocol::decode_event::<Typed>(data) else {
        let _ = protocol::decode_event_with::<Typed>(data, server_rules());
        return;
    };
    let Ok((topic, ev)) = msg.into_parts() else {
        return;
    };
    let frame = protocol::encode_event(&topic, &ev);
    let (_, again) = protocol::decode_event::<Typed>(&frame)
        .and_then(Message::into_parts)
        .unwrap_or_else(|e| panic!("the typed writer's frame does not read back: {e}\n{frame}"));
    let again_frame = protocol::encode_event(&topic, &again);
    assert_eq!(frame, again_frame, "typed encode is not a fixed point");
    let dynamic = protocol::decode_event::<Event>(&frame)
        .and_then(Message::into_parts)
        .unwrap_or_else(|e| panic!("the dynamic decoder refuses the typed writer's frame: {e}"));
    assert_eq!(dynamic.1.name, ev.event_name());
}

/// The `.zeek` front end on arbitrary text: parsing and resolving never panic, and what
/// resolves names its records' fields with the types the generator maps.
pub fn zeek_script(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = zeekws_codegen::__private::parse_str("fuzz.zeek", text);
    let dir = std::env::temp_dir().join(format!("zeekws-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("input.zeek");
    if std::fs::write(&path, text).is_err() {
        return;
    }
    if let Ok(schema) = zeekws_codegen::Schema::load(&path, &[&dir]) {
        for r in schema.records() {
            for f in &r.fields {
                let _ = f.ty.descriptor().to_string();
            }
        }
        let _ = zeekws_codegen::compat::compare(&schema, &schema, &[])
            .iter()
            .map(|c| assert!(!c.breaking, "a schema is not compatible with itself: {c}"))
            .count();
    }
}

/// Zeek literals: what parses renders to text that parses to the same value.
pub fn literal(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(v) = zeekws_runtime::literal::parse(text) {
        let back = zeekws_runtime::literal::to_string(&v);
        let again = zeekws_runtime::literal::parse(&back)
            .unwrap_or_else(|e| panic!("rendered literal does not parse: {e}\n{back}"));
        assert!(
            same(&v, &again),
            "literal not a fixed point: {text:?} -> {back:?}"
        );
    }
    let _ = zeekws_runtime::literal::parse_call(text);
}

/// What a server parses before and at the handshake: the request head checks and the
/// subscription array, as Zeek parses it.
pub fn handshake(data: &[u8]) {
    if let Ok(topics) = protocol::parse_subscriptions(data) {
        let text = protocol::subscription_message(topics.iter());
        let again = protocol::parse_subscriptions(text.as_bytes()).unwrap_or_else(|e| {
            panic!("the writer's subscription does not read back: {e}\n{text}")
        });
        assert_eq!(again, topics);
    }
    if let Ok(head) = std::str::from_utf8(data) {
        let _ = zeekws_runtime::server::__fuzz::upgrade_refusal(head);
        let _ = protocol::is_valid_application_name(head);
    }
}

/// Equality that counts NaN as equal to itself.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Real(x), Value::Real(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Value::Vector(x), Value::Vector(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        _ => a == b,
    }
}
