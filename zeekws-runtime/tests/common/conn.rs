//! Zeek's `conn_id` (8.2's six fields) and `transport_proto`, derived once for every test
//! that needs them, and the `Conn::log_conn` event the tests and the benchmarks decode
//! (the benchmarks include this file by path).

use std::collections::BTreeSet;
use std::net::IpAddr;

use zeekws_runtime::protocol::Event;
use zeekws_runtime::{Port, Timespan, Timestamp, Value, ZeekEnum, ZeekRecord};

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "conn_id")]
pub struct ConnId {
    pub orig_h: IpAddr,
    pub orig_p: Port,
    pub resp_h: IpAddr,
    pub resp_p: Port,
    pub proto: u64,
    pub ctx: ConnIdCtx,
}

#[derive(ZeekRecord, Debug, Clone, PartialEq, Default)]
#[zeek(name = "conn_id_ctx", extensible)]
pub struct ConnIdCtx {}

#[derive(ZeekEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[zeek(name = "transport_proto")]
#[allow(non_camel_case_types)]
pub enum TransportProto {
    unknown_transport,
    tcp,
    udp,
    icmp,
}

/// A `Conn::log_conn(Conn::Info)` event as Zeek 8.2 sends it, built with the dynamic model:
/// Zeek's 18 base fields of `Conn::Info` (a nested 6-field `conn_id` with an empty
/// `conn_id_ctx`, strings, counts, an interval, a set of strings), with `service`,
/// `local_orig` and `local_resp` as given, then `tail`: the fields later scripts append
/// (`ip_proto`, `community_id`, ...).
pub fn log_conn(
    service: Value,
    local_orig: Value,
    local_resp: Value,
    tail: impl IntoIterator<Item = Value>,
) -> Event {
    let addr = |s: &str| Value::Address(s.parse::<IpAddr>().unwrap());
    let conn_id = Value::vector([
        addr("192.168.1.101"),
        Value::Port(Port::tcp(49_823)),
        addr("2001:db8:85a3::8a2e:370:7334"),
        Value::Port(Port::tcp(443)),
        Value::Count(6),
        Value::vector([]),
    ]);
    let mut fields = vec![
        Value::Timestamp(Timestamp::from_nanos(1_404_901_004_123_000_000)),
        Value::String("CHhAvVGS1DHFjwGM9".into()),
        conn_id,
        Value::enum_value("tcp"),
        service,
        Value::Timespan(Timespan::from_nanos(3_512_345_000)),
        Value::Count(1_204),
        Value::Count(184_213),
        Value::String("SF".into()),
        local_orig,
        local_resp,
        Value::Count(0),
        Value::String("ShADadFf".into()),
        Value::Count(17),
        Value::Count(2_096),
        Value::Count(141),
        Value::Count(191_549),
        Value::Set(BTreeSet::from([
            Value::String("CYbkZz4bJbFSCmDmz8".into()),
            Value::String("Cq2yL51pQxnTjFPWx3".into()),
        ])),
    ];
    fields.extend(tail);
    Event::new("Conn::log_conn", [Value::Vector(fields)])
}
