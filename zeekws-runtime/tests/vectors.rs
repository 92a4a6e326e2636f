//! Every golden vector under `../shared/vectors/` (loaded at test time) decodes to its value;
//! byte-exact texts in the current format re-encode to the same bytes (reals compared as
//! numbers, control characters as escapes); inputs marked invalid are refused; and zeekws'
//! own encoding of every value decodes back to it exactly.

mod common;

use common::*;
use serde_json::Value as J;
use zeekws_runtime::json::{self, Reader};
use zeekws_runtime::protocol::{self, Event, Message};
use zeekws_runtime::{Value, ZeekDecode};

fn own_round_trip(expected: &Value) -> Result<(), String> {
    let text = json::to_string(expected);
    let back = json::from_str::<Value>(&text)
        .map_err(|e| format!("own encoding {text} does not decode: {e}"))?;
    if &back != expected {
        return Err(format!(
            "own encoding {text} decodes to {back:?}, not {expected:?}"
        ));
    }
    Ok(())
}

fn check_reencode(text: &str, ours: &str, v: &J) -> Result<(), String> {
    // Texts in the current (compact) writer's style must come back byte for byte.
    let current = is_compact(text) && v["byte_exact"].as_bool() != Some(false)
        || v["byte_exact"].as_bool() == Some(true);
    if current && is_compact(text) {
        let want = zeekws_form(text);
        if ours != want {
            return Err(format!(
                "re-encoding differs:\n  want {want}\n  got  {ours}"
            ));
        }
    }
    Ok(())
}

fn check_event(msg: &Message, zm: &J) -> Result<(), String> {
    let ev: Event = msg.to_event().map_err(|e| format!("not an event: {e}"))?;
    if ev.name != zm["event_name"].as_str().unwrap() {
        return Err(format!("event name {} != {}", ev.name, zm["event_name"]));
    }
    let args: Vec<Value> = zm["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(notation)
        .collect();
    if !zeek_rounded_eq(
        &Value::Vector(ev.args.clone()),
        &Value::Vector(args.clone()),
    ) {
        return Err(format!("args {:?} != {:?}", ev.args, args));
    }
    match &zm["metadata"] {
        J::String(s) if s == "absent" => {
            if ev.metadata.is_some() {
                return Err(format!("metadata should be absent, got {:?}", ev.metadata));
            }
        }
        J::Array(entries) => {
            let got = ev.metadata.clone().ok_or("metadata missing")?;
            let want: Vec<Value> = entries
                .iter()
                .map(|e| Value::Vector(e.as_array().unwrap().iter().map(notation).collect()))
                .collect();
            let got: Vec<Value> = got
                .into_iter()
                .map(|(id, v)| Value::Vector(vec![Value::Count(id), v]))
                .collect();
            if !zeek_rounded_eq(&Value::Vector(got.clone()), &Value::Vector(want.clone())) {
                return Err(format!("metadata {got:?} != {want:?}"));
            }
            if let Some(ts) = ev.network_timestamp() {
                let Value::Vector(first) = &want[0] else {
                    unreachable!()
                };
                if !zeek_rounded_eq(&Value::Timestamp(ts), &first[1]) {
                    return Err("network_timestamp() disagrees".into());
                }
            }
        }
        other => return Err(format!("unknown metadata notation {other}")),
    }
    Ok(())
}

fn check_message(text: &str, v: &J) -> Result<(), String> {
    let want = &v["value"];
    let msg = json::decode_message(text).map_err(|e| format!("decode_message: {e}"))?;
    match (want["message"].as_str().unwrap(), &msg) {
        ("data-message", Message::Data(d)) => {
            if d.topic != want["topic"].as_str().unwrap() {
                return Err(format!("topic {} != {}", d.topic, want["topic"]));
            }
            let expected = notation(&want["value"]);
            if !zeek_rounded_eq(&d.value, &expected) {
                return Err(format!("value {:?} != {:?}", d.value, expected));
            }
            own_round_trip(&expected)?;
            if let Some(zm) = want.get("zeek_message") {
                check_event(&msg, zm)?;
            }
        }
        ("ack", Message::Ack(a)) => {
            let f = &want["fields"];
            if a.endpoint != f["endpoint"].as_str().unwrap()
                || a.version != f["version"].as_str().unwrap()
            {
                return Err(format!("ack {a:?} != {f}"));
            }
        }
        ("error", Message::Error(e)) => {
            let f = &want["fields"];
            if e.code.as_str() != f["code"].as_str().unwrap()
                || e.context != f["context"].as_str().unwrap()
            {
                return Err(format!("error {e:?} != {f}"));
            }
        }
        (kind, got) => return Err(format!("expected {kind}, decoded {got:?}")),
    }
    check_reencode(text, &msg.to_json(), v)
}

fn check_vector(v: &J) -> Result<(), String> {
    let text = v["json_text"].as_str().ok_or("no json_text")?;
    if v["expect"].as_str() == Some("error") {
        return match json::decode_message(text) {
            Ok(m) => Err(format!("invalid input decoded: {m:?}")),
            Err(e) if e.to_string().len() > 10 => Ok(()),
            Err(e) => Err(format!("error message too thin: {e}")),
        };
    }
    let want = &v["value"];
    match want {
        // The subscription message.
        J::Array(items) if items.iter().all(J::is_string) => {
            let topics =
                protocol::parse_subscriptions(text.as_bytes()).map_err(|e| e.to_string())?;
            let want: Vec<&str> = items.iter().map(|s| s.as_str().unwrap()).collect();
            if topics != want {
                return Err(format!("topics {topics:?} != {want:?}"));
            }
            if protocol::subscription_message(&topics) != text {
                return Err("subscription message re-encodes differently".into());
            }
            Ok(())
        }
        // A bare JSON array of value objects (metadata vectors printed by a btest).
        J::Array(items) => {
            let mut r = Reader::new(text.as_bytes());
            let mut seq = r.begin_seq().map_err(|e| e.to_string())?;
            let mut got = Vec::new();
            while r.next_element(&mut seq).map_err(|e| e.to_string())? {
                got.push(Value::decode(&mut r).map_err(|e| e.to_string())?);
            }
            r.finish().map_err(|e| e.to_string())?;
            let want: Vec<Value> = items
                .iter()
                .map(|e| Value::Vector(e.as_array().unwrap().iter().map(notation).collect()))
                .collect();
            if !zeek_rounded_eq(&Value::Vector(got.clone()), &Value::Vector(want.clone())) {
                return Err(format!("{got:?} != {want:?}"));
            }
            Ok(())
        }
        // Several value objects printed one after another.
        J::Object(o) if o.contains_key("event_name") => {
            let mut r = Reader::new(text.as_bytes());
            for key in ["event_name", "args"] {
                let got = Value::decode(&mut r).map_err(|e| e.to_string())?;
                let expected = notation(&want[key]);
                if got != expected {
                    return Err(format!("{key}: {got:?} != {expected:?}"));
                }
            }
            r.finish().map_err(|e| e.to_string())
        }
        J::Object(o) if o.contains_key("message") => check_message(text, v),
        J::Object(o) if o.contains_key("t") => {
            let expected = notation(want);
            let got = json::from_str(text).map_err(|e| format!("decode: {e}"))?;
            if !zeek_rounded_eq(&got, &expected) {
                return Err(format!("decoded {got:?}, expected {expected:?}"));
            }
            own_round_trip(&expected)?;
            check_reencode(text, &json::to_string(&got), v)
        }
        other => Err(format!("unknown value notation {other}")),
    }
}

#[test]
fn every_shared_vector_decodes_and_reencodes() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for (file, v) in all_vectors() {
        checked += 1;
        if let Err(e) = check_vector(&v) {
            failures.push(format!("{file} {}: {e}", v["id"]));
        }
    }
    assert!(checked >= 100, "only {checked} vectors found");
    assert!(
        failures.is_empty(),
        "{} of {checked} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Every frame a real Zeek 8.2.2 sent (vectors/live/) decodes, and re-encodes to the same bytes.
#[test]
fn every_live_zeek_frame_decodes_and_reencodes() {
    let mut frames = Vec::new();
    fn collect(j: &J, out: &mut Vec<String>) {
        match j {
            J::Object(o) => {
                for (k, v) in o {
                    match (k.as_str(), v) {
                        ("frame" | "zeek_reply" | "ack", J::String(s)) => out.push(s.clone()),
                        ("frames", J::Array(a)) => {
                            out.extend(a.iter().filter_map(|f| f.as_str().map(str::to_owned)))
                        }
                        _ => collect(v, out),
                    }
                }
            }
            J::Array(a) => a.iter().for_each(|x| collect(x, out)),
            _ => {}
        }
    }
    for f in [
        "vectors/live/transcript-zeek-8.2.2.json",
        "vectors/live/forms-zeek-8.2.2.json",
        "vectors/live/metadata-zeek-8.2.2.json",
    ] {
        collect(&load_json(f), &mut frames);
    }
    assert!(frames.len() >= 40, "only {} live frames", frames.len());
    let mut failures = Vec::new();
    for frame in &frames {
        match json::decode_message(frame) {
            Err(e) => failures.push(format!("{e}: {frame}")),
            Ok(msg) => {
                let ours = msg.to_json();
                let want = zeekws_form(frame);
                if ours != want {
                    failures.push(format!(
                        "re-encoding differs:\n  want {want}\n  got  {ours}"
                    ));
                }
                if let Message::Data(d) = &msg
                    && let Err(e) = d.to_event::<Event>()
                {
                    failures.push(format!("not an event: {e}: {frame}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} live frames failed:\n{}",
        failures.len(),
        frames.len(),
        failures.join("\n")
    );
}

/// What the client sent in the live forms probe: Zeek's verdict is mirrored by zeekws' strict
/// (server-side) decoding for the encodings that are wrong on the wire itself.
#[test]
fn live_forms_zeek_refused_as_json_are_refused_by_strict_decoding() {
    let forms = load_json("vectors/live/forms-zeek-8.2.2.json");
    let strict = json::DecodeOptions::new().zeek_server_rules(true);
    let mut checked = 0;
    for f in forms.as_array().unwrap() {
        let (Some(sent), Some(reply)) = (f.get("sent_value"), f["zeek_reply"].as_str()) else {
            continue;
        };
        if sent.is_null() || !reply.contains("failed to decode JSON object") {
            continue;
        }
        let text = serde_json::to_string(sent).unwrap();
        // Zeek's "failed to decode JSON object" covers JSON that is not Broker data at all.
        let got = json::from_slice_with::<Value>(text.as_bytes(), strict);
        assert!(
            got.is_err(),
            "{} ({}): strict decoding accepted {text}",
            f["variant"],
            f["field"]
        );
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} refused forms found");
}
