//! A hostile corpus: deep nesting, numbers beyond 64 bits, truncated frames, wrong JSON kinds
//! in every slot, invalid timestamps, random corruption. Everything is refused cleanly with
//! the right error; nothing panics, overflows the stack or hangs.

mod common;

use zeekws_runtime::json::{self, DecodeOptions, ErrorKind};
use zeekws_runtime::protocol::Event;
use zeekws_runtime::{DataType, Value};

fn kind(text: &str) -> ErrorKind {
    json::from_str::<zeekws_runtime::Value>(text)
        .expect_err(text)
        .kind()
        .clone()
}

#[test]
fn deep_nesting_hits_the_limit_not_the_stack() {
    let n = 100_000;
    let open = r#"{"@data-type":"vector","data":["#;
    let text = format!("{}{}", open.repeat(n), "]}".repeat(n));
    let err = json::from_str::<zeekws_runtime::Value>(&text).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::DepthLimit(128));
    // The same inside a data message, and as raw JSON in members the decoder skips.
    let msg = format!(
        r#"{{"type":"data-message","topic":"t",{}{}"#,
        &open[1..],
        &text[open.len()..]
    );
    assert!(matches!(
        json::decode_message(&msg).unwrap_err().kind(),
        ErrorKind::DepthLimit(_)
    ));
    let skipped = format!(
        r#"{{"extra":{}{},"@data-type":"count","data":1}}"#,
        "[".repeat(n),
        "]".repeat(n)
    );
    assert!(matches!(kind(&skipped), ErrorKind::DepthLimit(_)));
    let deferred = format!(
        r#"{{"data":{}{},"@data-type":"vector"}}"#,
        "[".repeat(n),
        "]".repeat(n)
    );
    assert!(matches!(kind(&deferred), ErrorKind::DepthLimit(_)));
    // 128 levels are fine; a custom limit applies.
    let ok = format!("{}{}", open.repeat(128), "]}".repeat(128));
    assert!(json::from_str::<zeekws_runtime::Value>(&ok).is_ok());
    let err = json::from_slice_with::<zeekws_runtime::Value>(
        ok.as_bytes(),
        DecodeOptions::new().max_depth(10),
    )
    .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::DepthLimit(10));
}

#[test]
fn numbers_beyond_64_bits_are_out_of_range() {
    let cases = [
        (
            r#"{"@data-type":"count","data":18446744073709551616}"#,
            "count",
        ),
        (
            r#"{"@data-type":"count","data":99999999999999999999999}"#,
            "count",
        ),
        (r#"{"@data-type":"count","data":-1}"#, "count"),
        (
            r#"{"@data-type":"integer","data":9223372036854775808}"#,
            "integer",
        ),
        (
            r#"{"@data-type":"integer","data":-9223372036854775809}"#,
            "integer",
        ),
    ];
    for (text, what) in cases {
        match kind(text) {
            ErrorKind::OutOfRange { what: w, .. } => assert_eq!(w, what, "{text}"),
            other => panic!("{text}: {other:?}"),
        }
    }
    assert_eq!(
        json::from_str::<zeekws_runtime::Value>(
            r#"{"@data-type":"count","data":18446744073709551615}"#
        )
        .unwrap(),
        Value::Count(u64::MAX)
    );
    assert_eq!(
        json::from_str::<zeekws_runtime::Value>(
            r#"{"@data-type":"integer","data":-9223372036854775808}"#
        )
        .unwrap(),
        Value::Integer(i64::MIN)
    );
    for text in [
        r#"{"@data-type":"count","data":1.0}"#,
        r#"{"@data-type":"count","data":1e3}"#,
        r#"{"@data-type":"integer","data":-2.5}"#,
    ] {
        assert!(
            matches!(kind(text), ErrorKind::InvalidValue { .. }),
            "{text}"
        );
    }
    let msg = json::from_str::<zeekws_runtime::Value>(
        r#"{"@data-type":"count","data":18446744073709551616}"#,
    )
    .unwrap_err()
    .to_string();
    assert_eq!(msg, "count out of range: 18446744073709551616 at byte 29");
}

#[test]
fn every_truncation_of_a_real_frame_is_refused() {
    let frame = json::encode_event(
        "zeek.test",
        &Event::new(
            "App::everything",
            [Value::vector([
                Value::from("tab\there \"q\" é \u{1} end"),
                Value::Real(-7.5),
                Value::set([Value::from("x"), Value::from("y")]),
                Value::table([(Value::from("k"), Value::Count(1))]),
                Value::None,
            ])],
        ),
    );
    assert!(json::decode_message(&frame).is_ok());
    for end in 0..frame.len() {
        if !frame.is_char_boundary(end) {
            continue;
        }
        assert!(
            json::decode_message(&frame[..end]).is_err(),
            "prefix {end} accepted"
        );
    }
}

#[test]
fn wrong_json_kinds_in_every_slot_are_refused() {
    let kinds = [
        "true",
        "1",
        "-1",
        "1.5",
        "\"s\"",
        "[]",
        "{}",
        "null",
        "[1]",
        "{\"a\":1}",
    ];
    let valid = |t: DataType, k: &str| -> bool {
        match t {
            DataType::None => true, // Broker ignores none's payload
            DataType::Boolean => k == "true",
            DataType::Count => k == "1",
            DataType::Integer => k == "1" || k == "-1",
            DataType::Real => matches!(k, "1" | "-1" | "1.5" | "null"),
            DataType::String | DataType::EnumValue => k == "\"s\"",
            DataType::Vector | DataType::Set | DataType::Table => k == "[]",
            // "s" is not an address, subnet, port, timestamp or timespan
            _ => false,
        }
    };
    for t in DataType::ALL {
        for k in kinds {
            let text = format!(r#"{{"@data-type":"{t}","data":{k}}}"#);
            let got = json::from_str::<zeekws_runtime::Value>(&text);
            assert_eq!(got.is_ok(), valid(t, k), "{text}: {got:?}");
        }
    }
    // Wrong kinds for the tag, the value object, the envelope and its members.
    for text in [
        r#"{"@data-type":1,"data":1}"#,
        r#"{"@data-type":"money","data":1}"#,
        r#"{"data":1}"#,
        r#"{"@data-type":"count"}"#,
        r#"[]"#,
        r#""count""#,
        r#"1"#,
        r#"{"@data-type":"vector","data":[1]}"#,
        r#"{"@data-type":"table","data":[{"key":{"@data-type":"count","data":1}}]}"#,
        r#"{"@data-type":"table","data":[1]}"#,
    ] {
        assert!(
            json::from_str::<zeekws_runtime::Value>(text).is_err(),
            "{text}"
        );
    }
    for text in [
        r#"[]"#,
        r#"{"type":"ack","endpoint":"e"}"#,
        r#"{"type":"error"}"#,
        r#"{"type":"data-message","@data-type":"count","data":1}"#,
        r#"{"type":"data-message","topic":"t"}"#,
        r#"{"type":"party","topic":"t","@data-type":"count","data":1}"#,
        r#"{"type":"data-message","topic":"t","@data-type":"count","data":1} x"#,
        "this is not json",
        "",
    ] {
        assert!(json::decode_message(text).is_err(), "{text}");
    }
}

#[test]
fn invalid_timestamps_are_refused_with_the_reason() {
    for (ts, needle) in [
        ("2024-13-01T00:00:00", "month"),
        ("2024-02-30T00:00:00", "day"),
        ("2023-02-29T00:00:00", "day"),
        ("2024-01-32T00:00:00", "day"),
        ("2024-01-01T24:00:00", "hour"),
        ("2024-01-01T00:60:00", "minute"),
        ("2024-01-01T00:00:60", "second"),
        ("2024-01-01 00:00:00", ""),
        ("2024-01-01T00:00:00.", ""),
        ("2024-01-01T00:00:00.1234567890", ""),
        ("2024-01-01T00:00:00+25:00", ""),
        ("9999-01-01T00:00:00", ""),
        ("", ""),
    ] {
        let text = format!(r#"{{"@data-type":"timestamp","data":"{ts}"}}"#);
        let err = json::from_str::<zeekws_runtime::Value>(&text).unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::InvalidValue {
                    what: "timestamp",
                    ..
                }
            ),
            "{ts}: {err}"
        );
        assert!(err.to_string().contains(needle), "{ts}: {err}");
    }
}

#[test]
fn errors_say_where() {
    let text = r#"{"@data-type":"vector","data":[{"@data-type":"count","data":1},{"@data-type":"table","data":[{"key":{"@data-type":"string","data":"k"},"value":{"@data-type":"port","data":"99999/tcp"}}]}]}"#;
    let err = json::from_str::<zeekws_runtime::Value>(text).unwrap_err();
    assert_eq!(err.path(), "data[1].data[0].value");
    assert!(err.to_string().starts_with("invalid port: "), "{err}");
    assert!(
        err.to_string().ends_with(" at data[1].data[0].value"),
        "{err}"
    );
}

#[test]
fn size_limit_applies() {
    let text = json::to_string(&Value::from("x".repeat(1000)));
    let err = json::from_slice_with::<zeekws_runtime::Value>(
        text.as_bytes(),
        DecodeOptions::new().max_size(100),
    )
    .unwrap_err();
    assert!(matches!(
        err.kind(),
        ErrorKind::SizeLimit { limit: 100, .. }
    ));
}

#[test]
fn random_corruption_never_panics() {
    let frame = json::encode_event(
        "zeek.test",
        &Event::new(
            "x",
            [
                Value::from(1u64),
                Value::from("a\\b\"c"),
                Value::set([Value::from(2i64)]),
                Value::table([(Value::vector([Value::from(1u64)]), Value::Real(0.5))]),
            ],
        ),
    )
    .into_bytes();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = b"{}[]\",:\\0123456789.-eEtrufalsn \x0b\xff@";
    for _ in 0..20_000 {
        let mut bytes = frame.clone();
        for _ in 0..(next() % 4 + 1) {
            let i = (next() % bytes.len() as u64) as usize;
            match next() % 3 {
                0 => bytes[i] = alphabet[(next() % alphabet.len() as u64) as usize],
                1 => {
                    bytes.remove(i);
                }
                _ => bytes.insert(i, alphabet[(next() % alphabet.len() as u64) as usize]),
            }
        }
        let _ = json::decode_message(&bytes);
        let _ = json::decode_event::<Event>(&bytes);
        let _ = json::from_slice::<zeekws_runtime::Value>(&bytes);
    }
}

/// Messages quote the offending token (not the rest of the input) and always say where:
/// the JSON path inside a value, the byte offset for the top-level value or message object.
#[test]
fn error_texts_quote_the_token_and_say_where() {
    use zeekws_runtime::{Value, json};
    let value = |f: &str| json::from_str::<Value>(f).unwrap_err().to_string();
    assert_eq!(
        value(r#"{"@data-type":"count","data":"30"}"#),
        "expected a count (JSON integer), found `\"30\"` at byte 29"
    );
    assert_eq!(
        value(r#"{"@data-type":"count","data":-1}"#),
        "count out of range: -1 at byte 29"
    );
    assert_eq!(
        value(r#"{"@data-type":"count","data":nan}"#),
        "expected a count (JSON integer), found `nan` at byte 29"
    );
    assert_eq!(
        value(r#"{"@data-type":"count"}"#),
        "missing member \"data\" at byte 22"
    );
    let long = format!(r#"{{"@data-type":"count","data":"{}"}}"#, "x".repeat(100));
    assert_eq!(
        value(&long),
        format!(
            "expected a count (JSON integer), found `\"{}...` at byte 29",
            "x".repeat(31)
        )
    );
    let msg = |f: &str| json::decode_message(f).unwrap_err().to_string();
    assert_eq!(
        msg(
            r#"{"type":"data-message","topic":"t","@data-type":"vector","data":[{"@data-type":"count","data":"30"}]}"#
        ),
        "expected a count (JSON integer), found `\"30\"` at data[0]"
    );
    assert_eq!(
        msg(r#"{"type":"data-message","topic":"t","@data-type":"count"}"#),
        "missing member \"data\" at byte 56"
    );
}
