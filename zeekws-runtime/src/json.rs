//! Broker's JSON v1 encoding, in one place: single values ([`from_str`], [`to_string`], ...)
//! and whole WebSocket messages ([`decode_message`], [`encode_event`], ...).
//!
//! ```
//! use zeekws_runtime::{json, Value};
//! let v: Value = json::from_str(r#"{"@data-type":"count","data":1}"#)?;
//! assert_eq!(v, Value::Count(1));
//! assert_eq!(json::to_string(&v), r#"{"@data-type":"count","data":1}"#);
//! let n: u64 = json::from_str(r#"{"@data-type":"count","data":1}"#)?;   // typed, no Value built
//! assert_eq!(n, 1);
//! # Ok::<(), zeekws_runtime::json::DecodeError>(())
//! ```
//!
//! This module is a façade: the value codec is [`wire`](crate::wire) ([`Reader`], [`Writer`],
//! [`DecodeError`], [`DecodeOptions`]), the message envelopes are
//! [`protocol`](crate::protocol)'s, and the functions here decode into any
//! [`ZeekDecode`] type ([`Value`](crate::Value) included) and encode any [`ZeekType`]. Output is compact and
//! byte-for-byte what Zeek 8 writes, with the deliberate differences listed in [`Writer`]'s
//! docs; input may be anything Zeek 5.0 to 8.x writes.

pub use crate::protocol::{
    decode_event, decode_event_with, decode_message, decode_message_with, encode_data_message,
    encode_event, write_event_message,
};
pub use crate::wire::{
    Context, DecodeError, DecodeOptions, Entry, ErrorKind, Input, Reader, Seq, ValueFrame, Writer,
};

use crate::codec::{ZeekDecode, ZeekType};

/// Decodes one value object from text into `T` (a [`Value`](crate::Value), or any typed
/// [`ZeekDecode`] without building a `Value`).
pub fn from_str<T: ZeekDecode>(text: &str) -> Result<T, DecodeError> {
    let mut r = Reader::with_text(text, DecodeOptions::new());
    r.check_size()?;
    let v = T::decode(&mut r)?;
    r.finish()?;
    Ok(v)
}

/// Decodes one value object from bytes (which may hold Zeek's invalid UTF-8) into `T`.
pub fn from_slice<T: ZeekDecode>(bytes: &[u8]) -> Result<T, DecodeError> {
    from_slice_with(bytes, DecodeOptions::new())
}

/// [`from_slice`] with explicit limits and leniency.
pub fn from_slice_with<T: ZeekDecode>(bytes: &[u8], opts: DecodeOptions) -> Result<T, DecodeError> {
    let mut r = Reader::with_options(bytes, opts);
    r.check_size()?;
    let v = T::decode(&mut r)?;
    r.finish()?;
    Ok(v)
}

/// Encodes a value (a [`Value`](crate::Value) or any [`ZeekType`]) as one compact value object.
pub fn to_string<T: ZeekType + ?Sized>(value: &T) -> String {
    let mut w = Writer::new();
    value.encode(&mut w);
    w.into_string()
}

/// Encodes a value into bytes.
pub fn to_vec<T: ZeekType + ?Sized>(value: &T) -> Vec<u8> {
    let mut w = Writer::new();
    value.encode(&mut w);
    w.into_vec()
}

/// Encodes a value into an [`io::Write`](std::io::Write).
pub fn to_writer<W: std::io::Write, T: ZeekType + ?Sized>(
    mut out: W,
    value: &T,
) -> std::io::Result<()> {
    out.write_all(&to_vec(value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{Event, Message};
    use crate::time::{Timespan, Timestamp};
    use crate::value::Value;

    fn v(text: &str) -> Value {
        from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn member_order_whitespace_and_extra_members_do_not_matter() {
        let want = Value::Count(42);
        assert_eq!(v(r#"{"@data-type":"count","data":42}"#), want);
        assert_eq!(v(r#"{"data":42,"@data-type":"count"}"#), want);
        assert_eq!(v("{ \"@data-type\" : \"count\" ,\n\t\"data\" : 42 }"), want);
        assert_eq!(
            v(r#"{"x":[1,{"y":null}],"data":42,"z":"w","@data-type":"count"}"#),
            want
        );
        assert_eq!(v(r#"{"@data-type":"count","x":true,"data":42}"#), want);
        assert_eq!(v(r#"{"@data-type":"count","data":42,"x":{}}"#), want);
        let table = r#"{"@data-type":"table","data":[{"value":{"@data-type":"count","data":1},"key":{"@data-type":"string","data":"k"}}]}"#;
        assert_eq!(
            v(table),
            Value::table([(Value::from("k"), Value::Count(1))])
        );
        // none needs no data member
        assert_eq!(v(r#"{"@data-type":"none"}"#), Value::None);
    }

    #[test]
    fn skipped_members_are_still_valid_json() {
        let ok = |extra: &str| {
            from_str::<Value>(&format!(r#"{{"x":{extra},"@data-type":"count","data":1}}"#))
        };
        for good in [
            r#"[1,{"a":[]},"s",-2.5e3,true,null,{}]"#,
            r#"{"a":{"b":[[]]}}"#,
            "nan",
            "-inf",
        ] {
            assert_eq!(ok(good).unwrap(), Value::Count(1), "{good}");
        }
        for bad in [
            "[1 2]",
            r#"{"a" 1}"#,
            "[1,]",
            "{,}",
            r#"{"a":1,}"#,
            "[",
            "{",
            "tru",
            "01x",
            "]",
        ] {
            assert!(ok(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn zeeks_non_json_output_is_accepted() {
        assert_eq!(
            v("{\"@data-type\":\"string\",\"data\":\"a\\vb\"}"),
            Value::from("a\u{b}b")
        );
        assert_eq!(
            v("{\"@data-type\":\"string\",\"data\":\"a\u{1}b\"}"),
            Value::from("a\u{1}b")
        );
        assert!(
            v(r#"{"@data-type":"real","data":nan}"#)
                .as_real()
                .unwrap()
                .is_nan()
        );
        assert!(
            v(r#"{"@data-type":"real","data":-nan}"#)
                .as_real()
                .unwrap()
                .is_nan()
        );
        assert_eq!(
            v(r#"{"@data-type":"real","data":-inf}"#),
            Value::Real(f64::NEG_INFINITY)
        );
        assert_eq!(v(r#"{"@data-type":"real","data":42}"#), Value::Real(42.0));
        assert_eq!(
            v(r#"{"@data-type":"real","data":1e999}"#),
            Value::Real(f64::INFINITY)
        );
        // invalid UTF-8 is replaced, not refused
        let bytes = b"{\"@data-type\":\"string\",\"data\":\"caf\xe9\"}";
        assert_eq!(
            from_slice::<Value>(bytes).unwrap(),
            Value::from("caf\u{fffd}")
        );
    }

    #[test]
    fn escapes_decode_like_broker() {
        assert_eq!(
            v(r#"{"@data-type":"string","data":"\u00e9\ud83d\ude00\/"}"#),
            Value::from("é😀/")
        );
        assert_eq!(
            v(r#"{"@data-type":"string","data":"\ud800x"}"#),
            Value::from("\u{fffd}x")
        );
        assert_eq!(
            v(r#"{"@data-type":"string","data":"\q"}"#),
            Value::from("?")
        );
    }

    #[test]
    fn old_writer_forms_decode() {
        assert_eq!(
            v(r#"{"@data-type":"timespan","data":"1.5min"}"#),
            Value::Timespan(Timespan::from_nanos(90_000_000_000))
        );
        assert_eq!(
            v(r#"{"@data-type":"timespan","data":"1h"}"#),
            Value::Timespan(Timespan::from_nanos(3_600_000_000_000))
        );
        assert_eq!(
            v(r#"{"@data-type":"timestamp","data":"2014-07-09T10:16:44.5+02:00"}"#),
            Value::Timestamp(Timestamp::from_nanos(1_404_893_804_500_000_000))
        );
        assert_eq!(
            v(r#"{"@data-type":"port","data":"53"}"#),
            Value::Port(crate::Port::tcp(53))
        );
    }

    #[test]
    fn zeek_server_rules_follow_what_zeek_8_accepts() {
        let strict = DecodeOptions::new().zeek_server_rules(true);
        let s = |t: &str| from_slice_with::<Value>(t.as_bytes(), strict);
        assert!(s(r#"{"@data-type":"real","data":42}"#).is_err());
        assert!(s(r#"{"@data-type":"real","data":42.0}"#).is_ok());
        assert!(s(r#"{"@data-type":"timespan","data":"010s"}"#).is_err());
        assert_eq!(
            s(r#"{"@data-type":"port","data":"70000/tcp"}"#).unwrap(),
            Value::Port(crate::Port::tcp(4464))
        );
        assert!(from_str::<Value>(r#"{"@data-type":"port","data":"70000/tcp"}"#).is_err());
    }

    #[test]
    fn messages_decode_in_any_member_order() {
        let frame = encode_event("t", &Event::new("e", [Value::Count(1)]));
        let reordered = r#"{"data":[{"@data-type":"count","data":1},{"@data-type":"count","data":1},{"@data-type":"vector","data":[{"@data-type":"string","data":"e"},{"@data-type":"vector","data":[{"@data-type":"count","data":1}]}]}],"topic":"t","@data-type":"vector","type":"data-message"}"#;
        let a = decode_message(&frame).unwrap();
        let b = decode_message(reordered).unwrap();
        assert_eq!(a, b);
        let d = decode_event::<Event>(reordered)
            .unwrap()
            .into_data()
            .unwrap();
        assert_eq!((d.topic.as_str(), d.value.name.as_str()), ("t", "e"));
        // `type` is not required on a data message (Broker does not check it)
        assert!(matches!(
            decode_message(r#"{"topic":"t","@data-type":"count","data":1}"#),
            Ok(Message::Data(_))
        ));
        // an error may carry its text under `message`
        let Message::Error(e) =
            decode_message(r#"{"type":"error","code":"x","message":"m"}"#).unwrap()
        else {
            panic!()
        };
        assert_eq!(e.context, "m");
    }

    #[test]
    fn event_content_with_two_or_three_elements() {
        let two = encode_event("t", &Event::new("e", []));
        let three = encode_event(
            "t",
            &Event {
                metadata: Some(vec![]),
                ..Event::new("e", [])
            },
        );
        assert!(three.len() > two.len());
        assert_eq!(
            decode_event::<Event>(&two)
                .unwrap()
                .into_data()
                .unwrap()
                .value
                .metadata,
            None
        );
        assert_eq!(
            decode_event::<Event>(&three)
                .unwrap()
                .into_data()
                .unwrap()
                .value
                .metadata,
            Some(vec![])
        );
        let ts = Timestamp::from_nanos(1_000_000);
        let with = encode_event("t", &Event::new("e", []).with_network_timestamp(ts));
        assert_eq!(
            decode_event::<Event>(&with)
                .unwrap()
                .into_data()
                .unwrap()
                .value
                .network_timestamp(),
            Some(ts)
        );
        let bad = r#"{"type":"data-message","topic":"t","@data-type":"vector","data":[{"@data-type":"count","data":2},{"@data-type":"count","data":1},{"@data-type":"vector","data":[]}]}"#;
        let err = decode_event::<Event>(bad).unwrap_err();
        assert_eq!(
            err.to_string(),
            "not a Zeek event: format version must be count 1, got 2 at data[0]"
        );
    }

    #[test]
    fn encoding_is_byte_exact_zeek() {
        let ev = Event::new("App::hello", [Value::Count(30)]);
        assert_eq!(
            encode_event("zeek.test", &ev),
            r#"{"type":"data-message","topic":"zeek.test","@data-type":"vector","data":[{"@data-type":"count","data":1},{"@data-type":"count","data":1},{"@data-type":"vector","data":[{"@data-type":"string","data":"App::hello"},{"@data-type":"vector","data":[{"@data-type":"count","data":30}]}]}]}"#
        );
        assert_eq!(
            to_string(&Value::None),
            r#"{"@data-type":"none","data":{}}"#
        );
        assert_eq!(
            to_string(&Value::Timespan(Timespan::from_nanos(-120_000_000_000))),
            r#"{"@data-type":"timespan","data":"-120s"}"#
        );
    }
}
