//! Property tests: any `Value` survives a trip through zeekws' text, in both encodings of a
//! data message, and in any member order or whitespace style.

mod common;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use proptest::prelude::*;
use zeekws_runtime::json;
use zeekws_runtime::protocol::{Event, Message};
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

/// MockZeek forwards a frame as it came when it recognises it as canonical; that must only
/// happen when decoding it (under Zeek's server rules) and encoding it again gives the same
/// bytes. Returns whether it was recognised.
fn canonical_is_sound(frame: &str) -> Result<bool, TestCaseError> {
    use zeekws_runtime::json::DecodeOptions;
    use zeekws_runtime::protocol;
    use zeekws_runtime::server::__fuzz::canonical_event;
    let Some((topic, name)) = canonical_event(frame.as_bytes()) else {
        return Ok(false);
    };
    let strict = DecodeOptions::new().zeek_server_rules(true);
    let msg = protocol::decode_event_with::<Event>(frame, strict)
        .map_err(|e| TestCaseError::fail(format!("recognised but refused: {e}: {frame}")))?;
    let (t, event) = msg
        .into_parts()
        .map_err(|e| TestCaseError::fail(format!("not a data message: {e}")))?;
    prop_assert_eq!((topic, name), (t.as_str(), event.name.as_str()));
    prop_assert!(event.metadata.is_none());
    prop_assert_eq!(protocol::encode_event(&t, &event), frame);
    Ok(true)
}

/// Values of the kinds the recogniser accepts (no reals, strings without escapes, sets of
/// strings), so that most frames built from them are recognised.
fn canonical_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::None),
        any::<bool>().prop_map(Value::Boolean),
        any::<u64>().prop_map(Value::Count),
        any::<i64>().prop_map(Value::Integer),
        "[ -!#-\\[\\]-~\u{e9}\u{4e2d}]{0,12}".prop_map(Value::String),
        "[A-Za-z_:]{1,20}".prop_map(Value::EnumValue),
        addr().prop_map(Value::Address),
        (any::<u16>(), 0..3u8).prop_map(|(n, p)| {
            let p = [Protocol::Tcp, Protocol::Udp, Protocol::Icmp][usize::from(p)];
            Value::Port(Port::new(n, p))
        }),
        any::<i64>().prop_map(|n| Value::Timestamp(Timestamp::from_nanos(n))),
        any::<i64>().prop_map(|n| Value::Timespan(Timespan::from_nanos(n))),
        prop::collection::vec("[a-z]{0,6}".prop_map(Value::String), 0..4).prop_map(Value::set),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop::collection::vec(inner, 0..6).prop_map(Value::Vector)
    })
}

fn frame_of(args: Vec<Value>) -> String {
    zeekws_runtime::protocol::encode_event("/t", &Event::new("T::e", args))
}

/// `frame` with a byte replaced, inserted or removed at `at`, if it is still text.
fn mutate(frame: String, at: usize, byte: u8, how: u8) -> Option<String> {
    let mut bytes = frame.into_bytes();
    let at = at % (bytes.len() + 1);
    match how {
        0 if at < bytes.len() => bytes[at] = byte,
        1 => bytes.insert(at, byte),
        _ if at < bytes.len() => {
            bytes.remove(at);
        }
        _ => {}
    }
    String::from_utf8(bytes).ok()
}

const MUTATION_BYTES: &[u8] = b"0123456789abcdefx:./-,{}[] \\\"ntrT";

proptest! {
    /// Every frame the writer writes, for any arguments, is recognised soundly or left to
    /// MockZeek's full path.
    #[test]
    fn canonical_frames_are_recognised_soundly(args in prop::collection::vec(value(), 0..4)) {
        canonical_is_sound(&frame_of(args))?;
    }

    /// Frames of the kinds the recogniser accepts are recognised (it is not vacuous).
    #[test]
    fn canonical_kinds_are_recognised(args in prop::collection::vec(canonical_value(), 0..4)) {
        let frame = frame_of(args);
        prop_assert!(canonical_is_sound(&frame)?, "not recognised: {}", frame);
    }

    /// A byte replaced, inserted or removed never makes a frame recognised unsoundly.
    #[test]
    fn mutated_frames_are_never_recognised_unsoundly(
        args in prop::collection::vec(prop_oneof![value(), canonical_value()], 0..3),
        at in 0usize..4096,
        byte in prop::sample::select(MUTATION_BYTES.to_vec()),
        how in 0u8..3,
    ) {
        if let Some(text) = mutate(frame_of(args), at, byte, how) {
            canonical_is_sound(&text)?;
        }
    }
}
