//! Unit tests of `time/`, by concept: `calendar.rs`, `timestamp.rs`, `timespan.rs`; the
//! helpers below parse and render through the real entry points.

mod calendar;
mod timespan;
mod timestamp;

use super::*;

fn ts(s: &str) -> Timestamp {
    match Timestamp::parse(s) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    }
}

fn span(s: &str) -> Timespan {
    match Timespan::parse(s) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    }
}

fn ts_err(s: &str) -> String {
    match Timestamp::parse(s) {
        Ok(t) => panic!("{s:?} parsed as {t}"),
        Err(e) => e.to_string(),
    }
}

fn span_err(s: &str) -> String {
    match Timespan::parse(s) {
        Ok(t) => panic!("{s:?} parsed as {t}"),
        Err(e) => e.to_string(),
    }
}

fn wire_ts(t: Timestamp) -> String {
    let mut v = Vec::new();
    t.write_wire(&mut v);
    String::from_utf8(v).unwrap()
}

fn wire_span(t: Timespan) -> String {
    let mut v = Vec::new();
    t.write_wire(&mut v);
    String::from_utf8(v).unwrap()
}

/// Deterministic pseudo-random i64 values (64-bit LCG).
fn lcg(n: usize) -> impl Iterator<Item = i64> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n).map(move |_| {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        x as i64
    })
}
