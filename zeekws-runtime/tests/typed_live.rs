//! Every event a real Zeek 8.2.2 sent or was sent in the live captures
//! (`vectors/live/*.json`, script `vectors/live/app.zeek`), and the events of the shared
//! golden vectors, decoded into hand-written typed structs and re-encoded: received frames
//! come back byte for byte (in zeekws' documented form); what Zeek refused, the typed
//! decoders refuse too, except for two documented, deliberate differences.

// Zeek enum values are upper case; constant assertions check derived constants.
#![allow(clippy::upper_case_acronyms, clippy::assertions_on_constants)]

mod common;

use common::conn::TransportProto;

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

use common::*;
use serde_json::Value as J;
use zeekws_runtime::json::{self, DecodeOptions};
use zeekws_runtime::protocol::Event;
use zeekws_runtime::protocol::Message;
use zeekws_runtime::{
    Pattern, Port, Subnet, Timespan, Timestamp, Value, ZeekDecode, ZeekEnum, ZeekEvent, ZeekRecord,
};

#[derive(ZeekEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[zeek(name = "App::Color")]
enum Color {
    RED,
    GREEN,
    BLUE,
}

#[derive(ZeekEnum, Debug, Clone, Copy, PartialEq, Eq)]
#[zeek(name = "App::Level")]
enum Level {
    LOW,
    HIGH,
}

#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "App::Inner")]
struct Inner {
    a: u64,
    b: Option<String>,
}

/// `App::Everything` with the two fields app.zeek appends with `redef record`.
#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "App::Everything")]
struct Everything {
    b: bool,
    c: u64,
    i: i64,
    d: f64,
    t: Timestamp,
    iv: Timespan,
    s: String,
    ad4: IpAddr,
    ad6: IpAddr,
    sn: Subnet,
    p: Port,
    e: Color,
    tp: TransportProto,
    v: Vec<u64>,
    st: BTreeSet<String>,
    st2: BTreeSet<(IpAddr, Port)>,
    tb: BTreeMap<String, u64>,
    tb2: BTreeMap<(u64, String), Inner>,
    inner: Inner,
    opt_unset: Option<u64>,
    opt_set: Option<String>,
    def: u64,
    pat: Pattern,
    neg_iv: Timespan,
    big: u64,
    small_d: f64,
    lvl: Level,
    appended: Option<String>,
    appended_def: u64,
}

/// The same record as a script without the `redef` sees it.
#[derive(ZeekRecord, Debug, Clone, PartialEq)]
#[zeek(name = "App::Everything", extensible)]
struct EverythingBase {
    b: bool,
    c: u64,
    i: i64,
    d: f64,
    t: Timestamp,
    iv: Timespan,
    s: String,
    ad4: IpAddr,
    ad6: IpAddr,
    sn: Subnet,
    p: Port,
    e: Color,
    tp: TransportProto,
    v: Vec<u64>,
    st: BTreeSet<String>,
    st2: BTreeSet<(IpAddr, Port)>,
    tb: BTreeMap<String, u64>,
    tb2: BTreeMap<(u64, String), Inner>,
    inner: Inner,
    opt_unset: Option<u64>,
    opt_set: Option<String>,
    def: u64,
    pat: Value,
    neg_iv: Timespan,
    big: u64,
    small_d: f64,
    lvl: Level,
}

type Meta = Option<Vec<(u64, Value)>>;

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::everything")]
struct EverythingEvent {
    e: Everything,
    n: u64,
    #[zeek(metadata)]
    meta: Meta,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::hello")]
struct Hello {
    n: u64,
    #[zeek(metadata)]
    meta: Meta,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::ping")]
struct Ping {
    msg: String,
    c: u64,
    #[zeek(metadata)]
    meta: Meta,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::pong")]
struct Pong {
    msg: String,
    c: u64,
    #[zeek(metadata)]
    meta: Meta,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[zeek(name = "App::seen")]
struct Seen {
    i: Inner,
    c: Color,
    #[zeek(metadata)]
    meta: Meta,
}

#[derive(ZeekEvent, Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
enum AppEvents {
    Everything(EverythingEvent),
    Hello(Hello),
    Ping(Ping),
    Pong(Pong),
    Seen(Seen),
}

fn transcript() -> J {
    load_json("vectors/live/transcript-zeek-8.2.2.json")
}

/// Every frame of the transcript: (scenario, sent?, text).
fn frames() -> Vec<(String, bool, String)> {
    let mut out = Vec::new();
    for sc in transcript().as_array().unwrap() {
        let name = sc["scenario"].as_str().unwrap().to_owned();
        for step in sc["steps"].as_array().unwrap() {
            if let Some(s) = step["sent"].as_str() {
                out.push((name.clone(), true, s.to_owned()));
            }
            for r in step["received"].as_array().into_iter().flatten() {
                if let Some(f) = r["frame"].as_str() {
                    out.push((name.clone(), false, f.to_owned()));
                }
            }
        }
        // The fan-out scenario keeps what each of its two clients received.
        for key in ["a_ack", "b_ack", "a_got", "b_got"] {
            for r in sc[key].as_array().into_iter().flatten() {
                if let Some(f) = r["frame"].as_str() {
                    out.push((name.clone(), false, f.to_owned()));
                }
            }
        }
    }
    out
}

fn is_event_frame(text: &str) -> bool {
    text.contains("data-message")
}

/// Decodes a received frame and checks its re-encoding is byte-identical (zeekws' form).
fn round_trip<E: ZeekEvent + PartialEq + std::fmt::Debug>(frame: &str) -> E {
    let (topic, ev) = json::decode_event::<E>(frame)
        .and_then(Message::into_parts)
        .unwrap_or_else(|e| panic!("{e}\n  in {frame}"));
    let again = json::encode_event(&topic, &ev);
    assert_eq!(again, zeekws_form(frame), "re-encoding differs");
    // The Value path agrees with the direct path.
    let via_value: E = json::decode_message(frame).unwrap().into_event().unwrap();
    assert_eq!(via_value, ev);
    ev
}

#[test]
fn every_received_event_round_trips() {
    let mut names = BTreeMap::<&'static str, usize>::new();
    let mut n = 0;
    for (scenario, sent, text) in frames() {
        if sent || !is_event_frame(&text) {
            continue;
        }
        let ev: AppEvents = round_trip(&text);
        *names.entry(ev.event_name_static()).or_default() += 1;
        n += 1;
        if let AppEvents::Everything(e) = &ev {
            check_everything(&e.e);
            assert!(e.meta.is_none(), "{scenario}");
            // A script that does not know the appended fields reads it too, when extensible.
            let base: EverythingBase = reparse_arg(&text);
            assert_eq!(base.def, 42);
            assert_eq!(
                base.pat,
                Value::Vector(vec![
                    Value::String("^?(ab+c)$?".into()),
                    Value::String("^?(.|\\n)*(ab+c)".into())
                ])
            );
        }
    }
    assert!(n >= 16, "only {n} received events");
    for name in ["App::everything", "App::hello", "App::pong", "App::seen"] {
        assert!(names.contains_key(name), "no {name} in {names:?}");
    }
}

impl AppEvents {
    fn event_name_static(&self) -> &'static str {
        match self {
            AppEvents::Everything(_) => "App::everything",
            AppEvents::Hello(_) => "App::hello",
            AppEvents::Ping(_) => "App::ping",
            AppEvents::Pong(_) => "App::pong",
            AppEvents::Seen(_) => "App::seen",
        }
    }
}

/// Argument 0 of the event in `frame`, read into `T` from the dynamic value.
fn reparse_arg<T: ZeekDecode>(frame: &str) -> T {
    let ev: Event = json::decode_message(frame).unwrap().into_event().unwrap();
    json::from_str(&json::to_string(&ev.args[0])).unwrap()
}

fn check_everything(e: &Everything) {
    assert!(e.b);
    assert_eq!(e.c, u64::MAX);
    assert_eq!(e.i, -9_223_372_036_854_775_807);
    assert_eq!(e.d, -7.5);
    assert_eq!(e.t, Timestamp::from_nanos(1_404_901_004_123_000_000));
    assert_eq!(e.iv, Timespan::from_nanos(1_500_000_000));
    assert_eq!(e.s, "tab\there \"q\" é \u{1} end");
    assert_eq!(e.ad4, "192.168.1.1".parse::<IpAddr>().unwrap());
    assert_eq!(e.ad6, "2001:db8::1".parse::<IpAddr>().unwrap());
    assert_eq!(e.sn, "10.0.0.0/8".parse::<Subnet>().unwrap());
    assert_eq!(e.p, "53/udp".parse::<Port>().unwrap());
    assert_eq!(
        (e.e, e.tp, e.lvl),
        (Color::BLUE, TransportProto::icmp, Level::HIGH)
    );
    assert_eq!(e.v, [1, 2, 3]);
    assert_eq!(e.st, BTreeSet::from(["x".to_owned(), "y".to_owned()]));
    assert_eq!(
        e.st2,
        BTreeSet::from([("10.0.0.1".parse().unwrap(), "80/tcp".parse().unwrap())])
    );
    assert_eq!(e.tb, BTreeMap::from([("k".to_owned(), 1)]));
    assert_eq!(
        e.tb2,
        BTreeMap::from([((1, "one".to_owned()), Inner { a: 1, b: None })])
    );
    assert_eq!(
        e.inner,
        Inner {
            a: 5,
            b: Some("five".into())
        }
    );
    assert_eq!((e.opt_unset, e.opt_set.as_deref()), (None, Some("set")));
    assert_eq!(e.def, 42);
    assert_eq!(e.pat, Pattern::new("ab+c"));
    assert_eq!(e.neg_iv, Timespan::from_nanos(-120_000_000_000));
    assert_eq!(e.big, 9_007_199_254_740_993);
    assert_eq!(e.small_d, 0.0);
    assert_eq!((e.appended.as_deref(), e.appended_def), (None, 7));
    assert_eq!(Color::BLUE.zeek_name(), "App::BLUE");
}

#[test]
fn every_sent_event_matches_zeeks_verdict() {
    // What Zeek answered to each frame a client sent: accepted (no error frame) or refused.
    let transcript = transcript();
    let mut checked = 0;
    for sc in transcript.as_array().unwrap() {
        let scenario = sc["scenario"].as_str().unwrap();
        for step in sc["steps"].as_array().unwrap() {
            let Some(sent) = step["sent"].as_str() else {
                continue;
            };
            if sent.starts_with('[') {
                continue; // subscriptions
            }
            let refused = step["received"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|r| r["frame"].as_str().is_some_and(|f| f.contains("\"error\"")));
            let ours = json::decode_event::<AppEvents>(sent).and_then(Message::into_parts);
            // Deliberate differences (see spec/broker-json.md section 5 and DESIGN.md):
            let inner_args = sent.contains("App::seen").then(|| {
                let ev: Event = json::decode_message(sent).unwrap().into_event().unwrap();
                match &ev.args[0] {
                    Value::Vector(v) => v.len(),
                    _ => 0,
                }
            });
            match inner_args {
                // Zeek refuses a record vector shorter than the record even when the missing
                // trailing fields are &optional, and so does zeekws (unless the record opts
                // in with #[zeek(optional_tail)]): a short record is another layout.
                Some(1) => {
                    assert!(refused);
                    let err = ours.unwrap_err().to_string();
                    assert!(
                        err.contains("field 1 'b': expected 2 elements, got 1"),
                        "{err}"
                    );
                }
                // Zeek ignores extra trailing record elements; zeekws refuses them unless the
                // record is #[zeek(extensible)]: that drift is what typed records catch.
                Some(3) => {
                    assert!(!refused);
                    let err = ours.unwrap_err();
                    assert_eq!(
                        err.to_string(),
                        "event App::seen arg 0 (App::Inner): expected 2 elements, got 3 at data[2].data[1].data[0].data[2]"
                    );
                }
                _ => assert_eq!(
                    ours.is_err(),
                    refused,
                    "{scenario}: zeek refused={refused}, zeekws: {ours:?}\n  {sent}"
                ),
            }
            if let (Ok((topic, ev)), false) = (
                json::decode_event::<AppEvents>(sent).and_then(Message::into_parts),
                inner_args == Some(1),
            ) {
                // Same JSON as what the client sent (modulo whitespace).
                let ours: J = serde_json::from_str(&json::encode_event(&topic, &ev)).unwrap();
                let theirs: J = serde_json::from_str(sent).unwrap();
                assert_eq!(ours, theirs, "{scenario}");
            }
            checked += 1;
        }
    }
    assert!(checked >= 18, "only {checked} sent frames");
}

#[test]
fn metadata_capture() {
    let doc = load_json("vectors/live/metadata-zeek-8.2.2.json");
    let frames = doc["frames"].as_array().unwrap();
    assert!(!frames.is_empty());
    for f in frames {
        let f = f.as_str().unwrap();
        let ev: AppEvents = round_trip(f);
        let meta = match &ev {
            AppEvents::Hello(h) => &h.meta,
            AppEvents::Seen(s) => &s.meta,
            other => panic!("unexpected {other:?}"),
        };
        let meta = meta.as_ref().expect("metadata");
        assert_eq!(meta.len(), 1);
        assert_eq!(meta[0].0, 1);
        assert!(matches!(meta[0].1, Value::Timestamp(_)));
    }
}

/// Decodes one value text into `T` with strict options (what a Zeek 8 server accepts).
fn accepts<T: ZeekDecode>(text: &str) -> bool {
    json::from_slice_with::<T>(
        text.as_bytes(),
        DecodeOptions::new().zeek_server_rules(true),
    )
    .is_ok()
}

#[test]
fn forms_zeek_accepts_decode_typed() {
    let forms = load_json("vectors/live/forms-zeek-8.2.2.json");
    let mut checked = 0;
    for f in forms.as_array().unwrap() {
        let Some(field) = f["field"].as_str() else {
            continue;
        };
        let text = serde_json::to_string(&f["sent_value"]).unwrap();
        let zeek_ok = f["zeek_reply"].is_null();
        let ours = match field {
            "b" => accepts::<bool>(&text),
            "c" | "def" | "big" => accepts::<u64>(&text),
            "i" => accepts::<i64>(&text),
            "d" | "small_d" => accepts::<f64>(&text),
            "t" => accepts::<Timestamp>(&text),
            "iv" | "neg_iv" => accepts::<Timespan>(&text),
            "s" => accepts::<String>(&text),
            "ad4" | "ad6" => accepts::<IpAddr>(&text),
            "sn" => accepts::<Subnet>(&text),
            "p" => accepts::<Port>(&text),
            "tp" => accepts::<TransportProto>(&text),
            "st" => accepts::<BTreeSet<String>>(&text),
            "opt_set" => accepts::<Option<String>>(&text),
            "pat" => accepts::<Pattern>(&text),
            "inner" => accepts::<Inner>(&text),
            other => panic!("no Rust type for field {other}"),
        };
        let variant = f["variant"].as_str().unwrap();
        match variant {
            // Zeek silently mangles these (spec/zeek-8.2-observed.md); typed values refuse them.
            "subnet /33" | "required none" | "default none" => {
                assert!(zeek_ok && !ours, "{variant}")
            }
            _ => assert_eq!(ours, zeek_ok, "{variant}: {text}"),
        }
        checked += 1;
    }
    assert!(checked >= 38, "{checked}");
}

#[test]
fn shared_vector_events_decode_typed() {
    #[derive(ZeekEvent, Debug, Clone, PartialEq)]
    #[zeek(name = "hello")]
    struct GlobalHello {
        n: u64,
        #[zeek(metadata)]
        meta: Meta,
    }
    #[derive(ZeekEvent, Debug, Clone, PartialEq)]
    #[zeek(name = "ping")]
    struct GlobalPing {
        msg: String,
        c: u64,
        #[zeek(metadata)]
        meta: Meta,
    }
    #[derive(ZeekEvent, Debug, Clone, PartialEq)]
    enum Shared {
        Hello(GlobalHello),
        Ping(GlobalPing),
        #[zeek(name = "pong")]
        Pong {
            msg: String,
            c: u64,
            #[zeek(metadata)]
            meta: Meta,
        },
    }
    let mut n = 0;
    for (file, v) in all_vectors() {
        let Some(zm) = v["value"].get("zeek_message") else {
            continue;
        };
        let text = v["json_text"].as_str().unwrap();
        let msg = json::decode_message(text).unwrap();
        let direct = match json::decode_event_with::<Shared>(text.as_bytes(), DecodeOptions::new())
        {
            Ok(Message::Data(d)) => d.value,
            other => panic!("{file}: {other:?}"),
        };
        let via_value: Shared = msg.to_event().unwrap();
        assert_eq!(direct, via_value, "{file}");
        let dynamic: Event = msg.to_event().unwrap();
        assert_eq!(direct.event_name(), zm["event_name"].as_str().unwrap());
        assert_eq!(direct.metadata(), dynamic.metadata.as_deref(), "{file}");
        let args: Vec<Value> = zm["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(notation)
            .collect();
        let (msg_arg, c_arg) = match &direct {
            Shared::Hello(h) => (None, h.n),
            Shared::Ping(p) => (Some(p.msg.clone()), p.c),
            Shared::Pong { msg, c, .. } => (Some(msg.clone()), *c),
        };
        match msg_arg {
            Some(m) => assert_eq!(args, [Value::String(m), Value::Count(c_arg)], "{file}"),
            None => assert_eq!(args, [Value::Count(c_arg)], "{file}"),
        }
        // The typed value re-encodes to what the dynamic event re-encodes to.
        assert_eq!(
            json::encode_event("t", &direct),
            json::encode_event("t", &dynamic),
            "{file}"
        );
        n += 1;
    }
    assert!(n >= 20, "{n}");
}
