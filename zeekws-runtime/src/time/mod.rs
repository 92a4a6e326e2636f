//! Broker `timestamp` and `timespan` values (Zeek `time` and `interval`).
//!
//! Both are signed 64-bit nanosecond counts. This module implements their
//! Broker JSON v1 text forms exactly:
//!
//! * [`Timestamp`]: `YYYY-MM-DDThh:mm:ss.fff` in UTC without a zone designator
//!   (what Zeek 8 emits), with 6 or 9 fraction digits when milliseconds are not
//!   enough, so encoding never loses precision. Parsing accepts what Zeek 8
//!   accepts: 0 or 1-9 fraction digits and an optional zone (`Z`, `±hh:mm`,
//!   `±hhmm`, `±hh`).
//! * [`Timespan`]: an integer followed by the coarsest exact unit among `ns`,
//!   `us`, `ms`, `s` (`1500ms`, `90s`, `0s`). Parsing also accepts the
//!   fractional forms of Zeek 6.1 and older (`1.5s`, `1.666667min`) and the
//!   units `min` and `h`, computed exactly.

use std::fmt;
use std::str::FromStr;
use std::time::{Duration, SystemTime};

const NANOS_PER_SEC: i64 = 1_000_000_000;
const NANOS_PER_DAY: i64 = 86_400 * NANOS_PER_SEC;
const SECS_PER_DAY: i64 = 86_400;

/// Units of timespans, with their length in nanoseconds: Zeek's six, then `d`, which
/// zeek-client (Zeek's Python client) writes for whole days and only [`Timespan::parse`]
/// reads (Zeek itself, and so [`Timespan::parse_strict`], refuses it).
const SPAN_UNITS: [(&str, u64); 7] = [
    ("ns", 1),
    ("us", 1_000),
    ("ms", 1_000_000),
    ("s", 1_000_000_000),
    ("min", 60_000_000_000),
    ("h", 3_600_000_000_000),
    ("d", 86_400_000_000_000),
];

/// How many of [`SPAN_UNITS`] Zeek itself accepts.
const ZEEK_SPAN_UNITS: usize = 6;

mod calendar;
mod error;
mod timespan;
mod timestamp;

use calendar::*;
pub use error::*;
pub use timespan::*;
pub use timestamp::*;

#[cfg(test)]
mod tests;
