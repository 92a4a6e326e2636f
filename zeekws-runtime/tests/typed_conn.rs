//! A hand-written `Conn::Info`-shaped record (19 fields, a nested 6-field `conn_id` whose
//! `conn_id_ctx` is extensible and empty, a set of strings, unset optionals): decoded from
//! text the `Value` encoder produced and re-encoded to the same bytes; and the error message
//! a wrong field type produces, exactly.

// Zeek enum values are upper case; constant assertions check derived constants.
#![allow(clippy::upper_case_acronyms, clippy::assertions_on_constants)]

mod common;

use common::conn::{ConnId, ConnIdCtx, TransportProto};

use std::collections::BTreeSet;

use zeekws_runtime::json;
use zeekws_runtime::protocol::Event;
use zeekws_runtime::{Port, Timespan, Timestamp, Value, ZeekEvent, ZeekRecord};

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "Conn::Info")]
struct ConnInfo {
    ts: Timestamp,
    uid: String,
    id: ConnId,
    proto: TransportProto,
    service: Option<String>,
    duration: Option<Timespan>,
    orig_bytes: Option<u64>,
    resp_bytes: Option<u64>,
    conn_state: Option<String>,
    local_orig: Option<bool>,
    local_resp: Option<bool>,
    missed_bytes: u64,
    history: Option<String>,
    orig_pkts: Option<u64>,
    orig_ip_bytes: Option<u64>,
    resp_pkts: Option<u64>,
    resp_ip_bytes: Option<u64>,
    tunnel_parents: Option<BTreeSet<String>>,
    ip_proto: Option<u64>,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "Conn::log_conn")]
struct LogConn {
    rec: ConnInfo,
}

/// The event built with the dynamic model only: 19 fields (`ip_proto` unset).
fn dynamic_event(service: Value) -> Event {
    common::conn::log_conn(service, Value::None, Value::None, [Value::None])
}

#[test]
fn conn_info_round_trips_bytes() {
    let frame = json::encode_event(
        "zeek/logs/conn",
        &dynamic_event(Value::String("ssl".into())),
    );
    let (topic, ev) = json::decode_event::<LogConn>(&frame)
        .unwrap()
        .into_parts()
        .unwrap();
    assert_eq!(topic, "zeek/logs/conn");
    let r = &ev.rec;
    assert_eq!(r.id.resp_p, Port::tcp(443));
    assert_eq!(r.id.ctx, ConnIdCtx {});
    assert_eq!(r.proto, TransportProto::tcp);
    assert_eq!(r.service.as_deref(), Some("ssl"));
    assert_eq!((r.local_orig, r.local_resp, r.ip_proto), (None, None, None));
    assert_eq!(r.tunnel_parents.as_ref().map(BTreeSet::len), Some(2));
    assert_eq!(json::encode_event(&topic, &ev), frame);
    // The record alone, too.
    let text = json::to_string(&dynamic_event(Value::None).args[0]);
    let rec: ConnInfo = json::from_str(&text).unwrap();
    assert_eq!(json::to_string(&rec), text);
    assert_eq!(<ConnInfo as ZeekRecord>::FIELDS.len(), 19);
}

#[test]
fn conn_id_ctx_takes_appended_fields() {
    let mut ev = dynamic_event(Value::None);
    if let Value::Vector(info) = &mut ev.args[0]
        && let Value::Vector(id) = &mut info[2]
    {
        id[5] = Value::vector([Value::String("vlan".into()), Value::Count(10)]);
    }
    let frame = json::encode_event("t", &ev);
    let (_, typed) = json::decode_event::<LogConn>(&frame)
        .unwrap()
        .into_parts()
        .unwrap();
    assert_eq!(typed.rec.id.ctx, ConnIdCtx {});
}

#[test]
fn old_four_field_conn_id_is_an_error_naming_the_field() {
    let mut ev = dynamic_event(Value::None);
    if let Value::Vector(info) = &mut ev.args[0]
        && let Value::Vector(id) = &mut info[2]
    {
        id.truncate(4);
    }
    let frame = json::encode_event("t", &ev);
    let err = json::decode_event::<LogConn>(&frame).unwrap_err();
    assert_eq!(
        err.to_string(),
        "event Conn::log_conn arg 0 (Conn::Info) field 2 'id' (conn_id) field 4 'proto': expected 6 elements, got 4 at data[2].data[1].data[0].data[2]"
    );
}

#[test]
fn wrong_field_type_names_event_arg_field_and_path() {
    let frame = json::encode_event("t", &dynamic_event(Value::Count(443)));
    let err = json::decode_event::<LogConn>(&frame).unwrap_err();
    assert_eq!(
        err.to_string(),
        "event Conn::log_conn arg 0 (Conn::Info) field 4 'service': expected string, got count at data[2].data[1].data[0].data[4]"
    );
    // The same through the Value path (Message::into_event re-encodes the value).
    let msg = json::decode_message(&frame).unwrap();
    let err = msg.into_event::<LogConn>().unwrap_err();
    assert!(
        err.to_string().starts_with(
            "event Conn::log_conn arg 0 (Conn::Info) field 4 'service': expected string, got count"
        ),
        "{err}"
    );
}
