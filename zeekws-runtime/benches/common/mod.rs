//! What the benchmarks share: the `Conn::log_conn` event they measure.

use std::collections::BTreeSet;
use std::net::IpAddr;

use zeekws_runtime::protocol::Event;
use zeekws_runtime::{Port, Timespan, Timestamp, Value};

/// A `Conn::log_conn(Conn::Info)` event as Zeek 8.2 sends it: 20 fields, a nested 6-field
/// `conn_id`, strings, counts, an interval, a set of strings and unset optionals.
pub fn conn_event() -> Event {
    let addr = |s: &str| Value::Address(s.parse::<IpAddr>().unwrap());
    let conn_id = Value::vector([
        addr("192.168.1.101"),
        Value::Port(Port::tcp(49_823)),
        addr("2001:db8:85a3::8a2e:370:7334"),
        Value::Port(Port::tcp(443)),
        Value::Count(6),
        Value::vector([]),
    ]);
    let info = Value::vector([
        Value::Timestamp(Timestamp::from_nanos(1_404_901_004_123_000_000)),
        Value::String("CHhAvVGS1DHFjwGM9".into()),
        conn_id,
        Value::enum_value("tcp"),
        Value::String("ssl".into()),
        Value::Timespan(Timespan::from_nanos(3_512_345_000)),
        Value::Count(1_204),
        Value::Count(184_213),
        Value::String("SF".into()),
        Value::Boolean(true),
        Value::Boolean(false),
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
        Value::None,
        Value::None,
    ]);
    Event::new("Conn::log_conn", [info])
}
