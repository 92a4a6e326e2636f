//! Codec throughput against a baseline measured in the same run: `serde_json` parsing and
//! printing the same bytes as a `serde_json::Value`.
//!
//! Run with `cargo bench -p zeekws-runtime --bench codec`. After criterion's own report, a
//! table gives every measurement as a ratio of its group's serde_json baseline (from
//! criterion's estimates of this run), then the `Conn::log_conn` ratios measured interleaved:
//! baseline and candidates take turns in short slices, so that a machine whose speed drifts
//! during the run (a shared 2-core machine does) moves both sides of each ratio alike.

mod common;

use std::hint::black_box;

use common::conn_event;
use criterion::{Criterion, Throughput};
use zeekws_runtime::{Value, json};

fn bench_pair(c: &mut Criterion, group: &str, frame: &str) {
    let sv: serde_json::Value = serde_json::from_str(frame).unwrap();
    let msg = json::decode_message(frame).unwrap();
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(frame.len() as u64));
    g.bench_function("decode/serde_json_value (baseline)", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(frame)).unwrap())
    });
    // What serde_json needs merely to scan the same bytes: the bar a decoder that builds
    // nothing would have to clear.
    g.bench_function("decode/serde_json_ignored_any (scan only)", |b| {
        b.iter(|| serde_json::from_str::<serde::de::IgnoredAny>(black_box(frame)).unwrap())
    });
    g.bench_function("decode/zeekws_value", |b| {
        b.iter(|| json::decode_message(black_box(frame)).unwrap())
    });
    g.bench_function("encode/serde_json_value (baseline)", |b| {
        b.iter(|| serde_json::to_string(black_box(&sv)).unwrap())
    });
    g.bench_function("encode/zeekws_value", |b| {
        b.iter(|| black_box(&msg).to_json())
    });
    g.finish();
}

fn benches(c: &mut Criterion) {
    let frame = json::encode_event("zeek/conn", &conn_event());
    bench_pair(c, "conn_event", &frame);

    let counts = Value::Vector((0..1000u64).map(|i| Value::Count(i * 7919)).collect());
    let frame = json::encode_data_message("zeek/counts", &counts);
    bench_pair(c, "count_vector_1000", &frame);
}

/// Prints each measurement's speed relative to its group's serde_json baseline.
fn ratios() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/criterion");
    let root = std::env::var_os("CARGO_TARGET_DIR")
        .map(|d| std::path::PathBuf::from(d).join("criterion"))
        .unwrap_or(root);
    let mean = |group: &str, id: &str| -> Option<f64> {
        let dir = root.join(group).join(id.replace('/', "_"));
        let text = std::fs::read_to_string(dir.join("new/estimates.json")).ok()?;
        let v: serde_json::Value = serde_json::from_str(&text).ok()?;
        v["mean"]["point_estimate"].as_f64()
    };
    println!("\nspeed relative to serde_json::Value on the same bytes (higher is faster):");
    for group in ["conn_event", "count_vector_1000"] {
        for op in ["decode", "encode"] {
            let Some(base) = mean(group, &format!("{op}_serde_json_value (baseline)")) else {
                continue;
            };
            let Ok(entries) = std::fs::read_dir(root.join(group)) else {
                continue;
            };
            let mut names: Vec<String> = entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(op) && !n.contains("baseline"))
                .collect();
            names.sort();
            for name in names {
                if let Some(t) = mean(group, &name) {
                    println!(
                        "  {group:<18} {name:<32} {:>6.2}x  ({:.0} ns vs {:.0} ns)",
                        base / t,
                        t,
                        base
                    );
                }
            }
        }
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    benches(&mut c);
    typed::benches(&mut c);
    c.final_summary();
    ratios();
    interleaved();
}

/// Runs `f` for about `slice` and returns nanoseconds per call.
fn ns_per_call(slice: std::time::Duration, f: &mut dyn FnMut() -> usize) -> f64 {
    let start = std::time::Instant::now();
    let mut calls = 0u64;
    let mut sink = 0usize;
    while start.elapsed() < slice {
        for _ in 0..64 {
            sink = sink.wrapping_add(f());
        }
        calls += 64;
    }
    black_box(sink);
    start.elapsed().as_nanos() as f64 / calls as f64
}

/// The `Conn::log_conn` ratios with baseline and candidates in turns of 20 ms, 25 rounds:
/// each round gives one ratio per candidate, and the median over the rounds is printed.
fn interleaved() {
    use common::LogConn;
    use json::Writer;
    // `cargo bench -- <filter>` runs a part; the interleaved table is for full runs only.
    if std::env::args().skip(1).any(|a| !a.starts_with('-')) {
        return;
    }
    let frame = json::encode_event("zeek/conn", &conn_event());
    let frame = frame.as_str();
    let sv: serde_json::Value = serde_json::from_str(frame).unwrap();
    let msg = json::decode_message(frame).unwrap();
    let (_, ev) = json::decode_event::<LogConn>(frame)
        .unwrap()
        .into_parts()
        .unwrap();
    let mut w = Writer::new();
    type Case<'a> = (&'static str, Box<dyn FnMut() -> usize + 'a>);
    let mut decode: Vec<Case<'_>> = vec![
        (
            "serde_json::Value (baseline)",
            Box::new(|| {
                std::mem::size_of_val(
                    &serde_json::from_str::<serde_json::Value>(black_box(frame)).unwrap(),
                )
            }),
        ),
        (
            "serde_json IgnoredAny (scan only)",
            Box::new(|| {
                serde_json::from_str::<serde::de::IgnoredAny>(black_box(frame)).unwrap();
                1
            }),
        ),
        (
            "zeekws typed",
            Box::new(|| {
                std::mem::size_of_val(&json::decode_event::<LogConn>(black_box(frame)).unwrap())
            }),
        ),
        (
            "zeekws Value",
            Box::new(|| std::mem::size_of_val(&json::decode_message(black_box(frame)).unwrap())),
        ),
    ];
    let mut encode: Vec<Case<'_>> = vec![
        (
            "serde_json::to_string(&Value) (baseline)",
            Box::new(|| serde_json::to_string(black_box(&sv)).unwrap().len()),
        ),
        (
            "zeekws typed",
            Box::new(|| json::encode_event("zeek/conn", black_box(&ev)).len()),
        ),
        (
            "zeekws typed, reused buffer",
            Box::new(|| {
                w.clear();
                json::write_event_message(&mut w, "zeek/conn", black_box(&ev));
                w.len()
            }),
        ),
        ("zeekws Value", Box::new(|| black_box(&msg).to_json().len())),
    ];
    let slice = std::time::Duration::from_millis(20);
    println!("\nConn::log_conn interleaved (median of 25 rounds of 20 ms each, higher is faster):");
    for (op, cases) in [("decode", &mut decode), ("encode", &mut encode)] {
        let mut ratios = vec![Vec::new(); cases.len()];
        let mut times = vec![Vec::new(); cases.len()];
        for _ in 0..25 {
            let base = ns_per_call(slice, &mut cases[0].1);
            for (i, (_, f)) in cases.iter_mut().enumerate().skip(1) {
                let t = ns_per_call(slice, f);
                ratios[i].push(base / t);
                times[i].push(t);
            }
            times[0].push(base);
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        println!(
            "  {op} {:<42} 1.00x  ({:.0} ns)",
            cases[0].0,
            median(&mut times[0])
        );
        for i in 1..cases.len() {
            println!(
                "  {op} {:<42} {:>4.2}x  ({:.0} ns)",
                cases[i].0,
                median(&mut ratios[i]),
                median(&mut times[i])
            );
        }
    }
}

// ---- typed (derived) codec: added by the derive work, kept apart from the code above ----

/// The same `Conn::log_conn` event through `#[derive(ZeekRecord, ZeekEvent)]` structs:
/// decoded straight from the parser and encoded straight into the buffer.
mod typed {
    use std::hint::black_box;

    use super::common::LogConn;
    use criterion::{Criterion, Throughput};
    use zeekws_runtime::json::{self, Writer};

    pub fn benches(c: &mut Criterion) {
        let frame = json::encode_event("zeek/conn", &super::conn_event());
        let (_, ev) = json::decode_event::<LogConn>(&frame)
            .expect("typed decode")
            .into_parts()
            .unwrap();
        // The typed value writes exactly the bytes the dynamic one does.
        assert_eq!(json::encode_event("zeek/conn", &ev), frame);
        let mut g = c.benchmark_group("conn_event");
        g.throughput(Throughput::Bytes(frame.len() as u64));
        g.bench_function("decode/zeekws_typed", |b| {
            b.iter(|| json::decode_event::<LogConn>(black_box(&frame)).unwrap())
        });
        g.bench_function("encode/zeekws_typed", |b| {
            b.iter(|| json::encode_event("zeek/conn", black_box(&ev)))
        });
        // Reusing one buffer, as a client sending many events does.
        let mut w = Writer::new();
        g.bench_function("encode/zeekws_typed_reused_buffer", |b| {
            b.iter(|| {
                w.clear();
                json::write_event_message(&mut w, "zeek/conn", black_box(&ev));
                w.len()
            })
        });
        g.finish();
    }
}
