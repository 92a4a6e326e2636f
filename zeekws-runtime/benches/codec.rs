//! Codec throughput against a baseline measured in the same run: `serde_json` parsing and
//! printing the same bytes as a `serde_json::Value`.
//!
//! Run with `cargo bench -p zeekws-runtime --bench codec`. After criterion's own report, a
//! table gives every measurement as a ratio of its group's serde_json baseline (from
//! criterion's estimates of this run).

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
