//! Replays every scenario a real Zeek 8.2.2 went through (shared/vectors/live/
//! transcript-zeek-8.2.2.json, driven by scenarios.py against app.zeek) against MockZeek
//! serving app.zeek's events, and requires the same frames and close codes, apart from
//! endpoint ids and versions in acks. Zeek's own publications in `zeek-published` are fed
//! in with `MockZeek::publish_frame`, byte for byte.

mod common;

use std::time::Duration;

use common::{Seen, WAIT, app_zeek, is_ack, next, raw, send};
use serde_json::Value as Json;

const QUIET: Duration = Duration::from_millis(150);

fn transcript() -> Vec<Json> {
    let path = shared_dir().join("vectors/live/transcript-zeek-8.2.2.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the shared/ folder must sit beside the repository, or set ZEEKWS_SHARED)",
            path.display()
        )
    });
    serde_json::from_str::<Json>(&text)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

/// `../shared` next to the repository; ZEEKWS_SHARED overrides (as in zeekws-runtime's
/// tests). build.rs found it (or made the crate fail to compile saying so) and passes the
/// directory it used.
fn shared_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("ZEEKWS_SHARED_DIR"))
}

/// Checks one received item against the transcript's.
fn check(scenario: &str, expected: &Json, seen: &Seen) {
    if let Some(frame) = expected.get("frame").and_then(Json::as_str) {
        let ok = match seen {
            Seen::Frame(got) if is_ack(frame) => is_ack(got),
            Seen::Frame(got) => got == frame,
            _ => false,
        };
        assert!(ok, "{scenario}: expected frame\n  {frame}\ngot\n  {seen:?}");
    } else if let Some(closed) = expected.get("closed").and_then(Json::as_array) {
        let code = closed[0].as_u64().unwrap() as u16;
        let reason = closed[1].as_str().unwrap_or("").to_owned();
        assert_eq!(seen, &Seen::Closed(code, reason), "{scenario}: close");
    } else {
        panic!("{scenario}: unknown transcript item {expected}");
    }
}

fn received(step: &Json) -> Vec<Json> {
    step.get("received")
        .and_then(Json::as_array)
        .cloned()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mockzeek_replays_the_zeek_8_2_2_transcript() {
    replay(app_zeek()).await;
}

/// The same transcript against a MockZeek that read its events and types from the very
/// app.zeek the real Zeek ran, through `MockZeekBuilder::script`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mockzeek_loaded_from_app_zeek_replays_the_transcript() {
    let script = shared_dir().join("vectors/live/app.zeek");
    let zeek = zeekws_runtime::server::MockZeek::builder()
        .script(&script)
        .unwrap_or_else(|e| panic!("{}: {e}", script.display()))
        .ping_pong("App::ping", "App::pong", "/test/pongs");
    replay(zeek).await;
}

async fn replay(builder: zeekws_runtime::server::MockZeekBuilder) {
    let zeek = builder.start().await.unwrap();
    let base = zeek.base_url();
    let mut replayed = 0;
    for sc in transcript() {
        let name = sc["scenario"].as_str().unwrap().to_owned();
        match name.as_str() {
            "pipelining" => {
                let mut ws = raw(&zeek.url(), &[]).await;
                let step = &sc["steps"][0];
                for m in step["sent_all"].as_array().unwrap() {
                    send(&mut ws, m.as_str().unwrap()).await;
                }
                for exp in received(step) {
                    check(&name, &exp, &next(&mut ws, WAIT).await);
                }
                assert_eq!(
                    next(&mut ws, QUIET).await,
                    Seen::Nothing,
                    "{name}: extra frame"
                );
            }
            "no-echo-fanout" => {
                let mut a = raw(&zeek.url(), &[]).await;
                let mut b = raw(&zeek.url(), &[]).await;
                send(&mut a, r#"["/test/"]"#).await;
                send(&mut b, r#"["/test/"]"#).await;
                check(&name, &sc["a_ack"][0], &next(&mut a, WAIT).await);
                check(&name, &sc["b_ack"][0], &next(&mut b, WAIT).await);
                send(&mut a, &common::ping_frame("/test/pings", "from-a", 1)).await;
                for exp in sc["a_got"].as_array().unwrap() {
                    check(&name, exp, &next(&mut a, WAIT).await);
                }
                for exp in sc["b_got"].as_array().unwrap() {
                    check(&name, exp, &next(&mut b, WAIT).await);
                }
                assert_eq!(
                    next(&mut a, QUIET).await,
                    Seen::Nothing,
                    "{name}: echo to sender"
                );
                assert_eq!(
                    next(&mut b, QUIET).await,
                    Seen::Nothing,
                    "{name}: extra frame"
                );
            }
            _ => {
                let path = sc["path"].as_str().unwrap();
                let headers: Vec<(String, String)> = sc["headers"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
                    .collect();
                let headers: Vec<(&str, &str)> = headers
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                let mut ws = raw(&format!("{base}{path}"), &headers).await;
                let mut closed = false;
                for step in sc["steps"].as_array().unwrap() {
                    if let Some(text) = step["sent"].as_str() {
                        send(&mut ws, text).await;
                    }
                    let items = received(step);
                    for (i, exp) in items.iter().enumerate() {
                        if name == "zeek-published" && i == 1 {
                            // Zeek's tick() publications, byte for byte.
                            for later in &items[1..] {
                                let f = later["frame"].as_str().unwrap();
                                assert_eq!(zeek.publish_frame("zeek.test", f).await, 1);
                            }
                        }
                        let seen = next(&mut ws, WAIT).await;
                        closed |= matches!(seen, Seen::Closed(..));
                        check(&name, exp, &seen);
                    }
                }
                if !closed {
                    assert_eq!(
                        next(&mut ws, QUIET).await,
                        Seen::Nothing,
                        "{name}: extra frame"
                    );
                }
            }
        }
        replayed += 1;
    }
    assert_eq!(replayed, 14, "every scenario of the transcript");
    zeek.shutdown().await;
}
