//! A fixed workload for counting instructions with callgrind, which is exact and repeatable
//! where wall-clock timings on a shared machine are not (see `benches/README.md`).
//!
//! `instructions PATH N` runs one codec path N times over the `Conn::log_conn` frame the
//! other benches use. Run it twice under `valgrind --tool=callgrind` with different N: the
//! difference of the two totals divided by the difference of N is the cost of one frame,
//! without the start-up. Run by `cargo bench` without a path, it runs each path once as a
//! smoke test.

mod common;

use std::hint::black_box;

use common::{LogConn, conn_event};
use zeekws_runtime::json::{self, Writer};
use zeekws_runtime::protocol::Event;

const PATHS: [&str; 10] = [
    "serde_value",
    "serde_ignored",
    "serde_encode",
    "value",
    "event",
    "typed",
    "typed_bytes",
    "into_event",
    "encode",
    "typed_encode",
];

/// Runs `path` `n` times; returns a number that depends on every result.
fn run(path: &str, n: u64, frame: &str) -> Option<usize> {
    let (_, typed) = json::decode_event::<LogConn>(frame)
        .ok()?
        .into_parts()
        .ok()?;
    let message = json::decode_message(frame).ok()?;
    let mut w = Writer::new();
    let dom: serde_json::Value = serde_json::from_str(frame).ok()?;
    let mut total = 0usize;
    for _ in 0..n {
        let frame = black_box(frame);
        total += match path {
            // The baselines the criterion benches use, on the same bytes.
            "serde_value" => {
                let v: serde_json::Value = serde_json::from_str(frame).ok()?;
                std::mem::size_of_val(&v)
            }
            "serde_ignored" => {
                serde_json::from_str::<serde::de::IgnoredAny>(frame).ok()?;
                1
            }
            "serde_encode" => serde_json::to_string(black_box(&dom)).ok()?.len(),
            // Each result is looked at where it is, not moved out of its `Result` (a move of
            // a ~500-byte event is a `memcpy` the decoder does not do).
            "value" => ok_size(&json::decode_message(frame))?,
            "event" => ok_size(&json::decode_event::<Event>(frame))?,
            // The frame as text, as a WebSocket text frame arrives (and as serde_json's
            // `from_str` above takes it), and as bytes, whose UTF-8 is checked first.
            "typed" => ok_size(&json::decode_event::<LogConn>(frame))?,
            "typed_bytes" => ok_size(&json::decode_event::<LogConn>(frame.as_bytes()))?,
            "into_event" => {
                let event: Event = json::decode_message(frame).ok()?.into_event().ok()?;
                event.args.len()
            }
            "encode" => black_box(&message).to_json().len(),
            "canonical" => {
                let (topic, _) = zeekws_runtime::server::__fuzz::canonical_event(frame.as_bytes())?;
                topic.len()
            }
            "typed_encode" => {
                w.clear();
                json::write_event_message(&mut w, "zeek/conn", black_box(&typed));
                w.len()
            }
            _ => return None,
        };
    }
    Some(total)
}

/// The size of a successful result, read in place.
fn ok_size<T, E>(result: &Result<T, E>) -> Option<usize> {
    result.as_ref().ok().map(std::mem::size_of_val)
}

fn main() {
    let frame = json::encode_event("zeek/conn", &conn_event());
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (path, n) = match args.as_slice() {
        [path, n] if !path.starts_with('-') => match n.parse() {
            Ok(n) => (path.as_str(), n),
            Err(_) => {
                eprintln!("error: N must be a whole number, got {n:?}");
                std::process::exit(2);
            }
        },
        // `cargo bench` passes `--bench`: run everything once.
        _ => {
            for path in PATHS {
                if run(path, 1, &frame).is_none() {
                    eprintln!("error: path {path} failed");
                    std::process::exit(1);
                }
            }
            println!("instructions: every path ran once; see benches/README.md");
            return;
        }
    };
    match run(path, n, &frame) {
        Some(total) => println!("{path} x{n}: {total}"),
        None => {
            eprintln!("error: unknown or failing path {path:?}; one of {PATHS:?}");
            std::process::exit(2);
        }
    }
}
