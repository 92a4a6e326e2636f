//! Property tests: any `Value` survives a trip through zeekws' text, in both encodings of a
//! data message, and in any member order or whitespace style.

mod common;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use proptest::prelude::*;
use zeekws_runtime::json;
use zeekws_runtime::protocol::Message;
use zeekws_runtime::{Port, Protocol, Subnet, Timespan, Timestamp, Value};

fn addr() -> impl Strategy<Value = IpAddr> {
    prop_oneof![
        any::<u32>().prop_map(|a| IpAddr::V4(Ipv4Addr::from(a))),
        any::<u128>().prop_map(|a| IpAddr::V6(Ipv6Addr::from(a))),
        any::<u32>().prop_map(|a| IpAddr::V6(Ipv4Addr::from(a).to_ipv6_mapped())),
    ]
}

fn real() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("one NaN only", |x| !x.is_nan()),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(-0.0),
        Just(1e-7),
        Just(5e-324),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::None),
        any::<bool>().prop_map(Value::Boolean),
        any::<u64>().prop_map(Value::Count),
        any::<i64>().prop_map(Value::Integer),
        real().prop_map(Value::Real),
        any::<String>().prop_map(Value::String),
        "[A-Za-z_:]{1,20}".prop_map(Value::EnumValue),
        addr().prop_map(Value::Address),
        (addr(), any::<u8>()).prop_map(|(a, p)| {
            let max = if a.to_canonical().is_ipv4() { 32 } else { 128 };
            Value::Subnet(Subnet::new(a.to_canonical(), p % (max + 1)).unwrap())
        }),
        (any::<u16>(), 0..4u8).prop_map(|(n, p)| {
            let p = [
                Protocol::Tcp,
                Protocol::Udp,
                Protocol::Icmp,
                Protocol::Unknown,
            ][usize::from(p)];
            Value::Port(Port::new(n, p))
        }),
        any::<i64>().prop_map(|n| Value::Timestamp(Timestamp::from_nanos(n))),
        any::<i64>().prop_map(|n| Value::Timespan(Timespan::from_nanos(n))),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Vector),
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::set),
            prop::collection::vec((inner.clone(), inner), 0..8).prop_map(Value::table),
        ]
    })
}

fn is_finite_everywhere(v: &Value) -> bool {
    match v {
        Value::Real(x) => x.is_finite(),
        Value::Vector(v) => v.iter().all(is_finite_everywhere),
        Value::Set(s) => s.iter().all(is_finite_everywhere),
        Value::Table(t) => t
            .iter()
            .all(|(k, v)| is_finite_everywhere(k) && is_finite_everywhere(v)),
        _ => true,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn value_round_trips(v in value()) {
        let text = json::to_string(&v);
        let back = json::from_str::<zeekws_runtime::Value>(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
        prop_assert_eq!(&back, &v);
        // Encoding is deterministic and idempotent.
        prop_assert_eq!(json::to_string(&back), text);
    }

    #[test]
    fn data_message_round_trips(topic in any::<String>(), v in value()) {
        let frame = json::encode_data_message(&topic, &v);
        match json::decode_message(&frame) {
            Ok(Message::Data(d)) => {
                prop_assert_eq!(&d.topic, &topic);
                prop_assert_eq!(&d.value, &v);
                prop_assert_eq!(d.to_json(), frame);
            }
            other => prop_assert!(false, "{:?}", other),
        }
    }

    /// serde_json re-prints our output pretty, with members sorted by name (so `topic` and
    /// `type` come after `data`): the decoder does not depend on layout or member order.
    /// (serde_json's default float parsing may round a real's last digit, so reals are compared
    /// with a tolerance against the original and exactly against serde_json's compact text.)
    #[test]
    fn layout_and_member_order_do_not_matter(v in value().prop_filter("finite", is_finite_everywhere)) {
        let frame = json::encode_data_message("t", &v);
        let doc = serde_json::from_str::<serde_json::Value>(&frame).unwrap();
        let pretty = serde_json::to_string_pretty(&doc).unwrap();
        let sorted = serde_json::to_string(&doc).unwrap();
        let (Ok(Message::Data(a)), Ok(Message::Data(b))) = (json::decode_message(&pretty), json::decode_message(&sorted)) else {
            return Err(TestCaseError::fail(format!("not decoded:\n{pretty}")));
        };
        prop_assert_eq!(&a, &b);
        prop_assert!(common::zeek_rounded_eq(&a.value, &v), "{:?} != {:?}", a.value, v);
    }
}
