//! Rust generated from the script a real Zeek 8.2.2 ran (shared/vectors/live/app.zeek, by
//! tests/build.rs with `zeekws_codegen::Config::compile`) reads what that Zeek sent and
//! writes what it accepted:
//!
//! - every frame Zeek published in the transcript's `zeek-published` scenario (`App::hello`,
//!   `App::everything` with all data types, `App::seen`) decodes into the generated `Events`
//!   enum and re-encodes to the same bytes, modulo zeekws' documented output differences
//!   (reals as shortest round-trip text, `\v` and raw control bytes as `\u00XX`);
//! - the generated `App::ping` encodes exactly like the pings Zeek answered (the transcript
//!   sent them with spaces after `:` and `,`; zeekws writes compact JSON), and Zeek's pongs
//!   decode into the generated `App::pong`.
//!
//! `shared/` sits beside the repository; `ZEEKWS_SHARED` overrides (build.rs passes the
//! directory it used as `ZEEKWS_SHARED_DIR`).

// Generated code must compile without warnings in an application that uses only some of
// it (issue: six `never constructed` warnings pointing into OUT_DIR), and be clippy-clean.
#![deny(dead_code, unused)]

use serde_json::Value as Json;
use zeekws_runtime::json;

mod live {
    zeekws_runtime::include_zeek!("live_app.rs");
}

// The helpers zeekws-runtime's vector tests use (`zeekws_form`).
#[path = "../../zeekws-runtime/tests/common/mod.rs"]
mod runtime_common;

use live::app::{Color, Events, Level, Ping, Pong};
use runtime_common::zeekws_form;

fn scenario(name: &str) -> Json {
    let path = std::path::Path::new(env!("ZEEKWS_SHARED_DIR"))
        .join("vectors/live/transcript-zeek-8.2.2.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the shared/ folder must sit beside the repository, or set ZEEKWS_SHARED)",
            path.display()
        )
    });
    let all: Json = serde_json::from_str(&text).unwrap();
    all.as_array()
        .unwrap()
        .iter()
        .find(|s| s["scenario"] == name)
        .unwrap_or_else(|| panic!("no scenario {name} in the transcript"))
        .clone()
}

/// The frames received in every step of a scenario, acks left out.
fn received_frames(sc: &Json) -> Vec<String> {
    sc["steps"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|st| st["received"].as_array().cloned().unwrap_or_default())
        .filter_map(|r| r["frame"].as_str().map(str::to_owned))
        .filter(|f| !f.starts_with("{\"type\":\"ack\""))
        .collect()
}

/// The frames sent in every step of a scenario (`sent` or `sent_all`).
fn sent_frames(sc: &Json) -> Vec<String> {
    let mut out = Vec::new();
    for st in sc["steps"].as_array().unwrap() {
        if let Some(s) = st["sent"].as_str() {
            out.push(s.to_owned());
        }
        for s in st["sent_all"].as_array().into_iter().flatten() {
            out.push(s.as_str().unwrap().to_owned());
        }
    }
    out
}

/// JSON text without whitespace outside strings.
fn compact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        } else if c.is_whitespace() {
            continue;
        }
        out.push(c);
    }
    out
}

#[test]
fn frames_zeek_published_decode_into_generated_types_and_reencode() {
    let frames = received_frames(&scenario("zeek-published"));
    let (mut hello, mut everything, mut seen) = (0, 0, 0);
    for frame in &frames {
        let (topic, event): (String, Events) = json::decode_event(frame)
            .and_then(|m| m.into_parts())
            .unwrap_or_else(|e| panic!("{e}\n  in {frame}"));
        assert_eq!(topic, "zeek.test");
        match &event {
            Events::Hello(h) => {
                assert!(h.n >= 1);
                hello += 1;
            }
            Events::EverythingEvent(ev) => {
                let e = &ev.e;
                assert!(e.b);
                assert_eq!(e.c, u64::MAX);
                assert_eq!(e.i, -9_223_372_036_854_775_807);
                assert_eq!(e.d, -7.5);
                assert_eq!(e.s, "tab\there \"q\" é \u{1} end");
                assert_eq!(e.e, Color::Blue);
                assert_eq!(e.tp, live::TransportProto::Icmp);
                assert_eq!(e.v, [1, 2, 3]);
                assert_eq!(e.inner.a, 5);
                assert_eq!(e.inner.b.as_deref(), Some("five"));
                assert_eq!(e.opt_unset, None);
                assert_eq!(e.opt_set.as_deref(), Some("set"));
                assert_eq!(e.def, 42);
                assert_eq!(e.big, 9_007_199_254_740_993);
                assert_eq!(e.lvl, Level::High);
                // Fields appended by `redef record` come last, as Zeek sends them.
                assert_eq!(e.appended, None);
                assert_eq!(e.appended_def, 7);
                assert_eq!(e.tb2.len(), 1);
                assert!(ev.n >= 1);
                everything += 1;
            }
            Events::Seen(s) => {
                assert_eq!(s.c, Color::Green);
                assert_eq!(s.i.b, None);
                seen += 1;
            }
            other => panic!("unexpected event {other:?}"),
        }
        let again = json::encode_event(&topic, &event);
        assert_eq!(
            again,
            zeekws_form(frame),
            "re-encoding differs from what Zeek sent (after the documented differences)"
        );
    }
    assert!(
        hello >= 1 && everything >= 1 && seen >= 1,
        "expected hello, everything and seen frames, got {hello}/{everything}/{seen}"
    );
}

#[test]
fn generated_ping_encodes_like_the_pings_zeek_accepted() {
    let mut checked = 0;
    for name in ["ping-pong", "pipelining"] {
        let sc = scenario(name);
        let pings: Vec<String> = sent_frames(&sc)
            .into_iter()
            .filter(|f| f.contains("\"App::ping\""))
            .collect();
        let pongs = received_frames(&sc);
        assert!(!pings.is_empty(), "{name}: no pings");
        assert_eq!(pings.len(), pongs.len(), "{name}: every ping got a pong");
        for (sent, pong) in pings.iter().zip(&pongs) {
            // Rebuild the ping from its arguments with the generated type.
            let (topic, ping): (String, Ping) =
                json::decode_event(sent).unwrap().into_parts().unwrap();
            let ours = json::encode_event(
                &topic,
                &Ping {
                    msg: ping.msg.clone(),
                    c: ping.c,
                },
            );
            assert_eq!(
                ours,
                compact(sent),
                "{name}: our ping differs from the accepted one"
            );

            // Zeek answered with c + 1.
            let (_, got): (String, Pong) = json::decode_event(pong).unwrap().into_parts().unwrap();
            assert_eq!(
                got,
                Pong {
                    msg: ping.msg.clone(),
                    c: ping.c + 1
                }
            );
            checked += 1;
        }
    }
    // The ping-pong scenario's ping, written out.
    let frame = json::encode_event(
        "/test/pings",
        &Ping {
            msg: "hi".into(),
            c: 41,
        },
    );
    assert_eq!(frame, compact(&sent_frames(&scenario("ping-pong"))[1]));
    assert!(checked >= 4, "{checked}");
}
