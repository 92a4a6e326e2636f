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

/// Units accepted by [`Timespan::parse`], with their length in nanoseconds.
const SPAN_UNITS: [(&str, u64); 6] = [
    ("ns", 1),
    ("us", 1_000),
    ("ms", 1_000_000),
    ("s", 1_000_000_000),
    ("min", 60_000_000_000),
    ("h", 3_600_000_000_000),
];

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// Why a [`Timestamp`] or [`Timespan`] text was rejected.
///
/// Obtained from [`ParseTimeError::reason`]; its `Display` is the part of the
/// error message after the quoted input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseTimeErrorReason {
    /// The input is empty.
    #[error("empty input")]
    Empty,
    /// A fixed part of the layout is missing or wrong.
    #[error("expected {expected} at byte {at}")]
    Syntax {
        /// What was expected, e.g. `2 digit month`.
        expected: &'static str,
        /// Byte offset into the input.
        at: usize,
    },
    /// Month outside 1-12.
    #[error("month {0} out of range 1-12")]
    Month(u8),
    /// Day outside the days of the given month.
    #[error("day {day} out of range 1-{max} for {year:04}-{month:02}")]
    Day {
        /// The day as written.
        day: u8,
        /// Number of days in that month.
        max: u8,
        /// The year as written.
        year: u16,
        /// The month as written.
        month: u8,
    },
    /// Hour outside 0-23.
    #[error("hour {0} out of range 0-23")]
    Hour(u8),
    /// Minute outside 0-59.
    #[error("minute {0} out of range 0-59")]
    Minute(u8),
    /// Second outside 0-59 (leap seconds are not accepted).
    #[error("second {0} out of range 0-59")]
    Second(u8),
    /// Zone offset hour outside 0-23.
    #[error("zone offset hour {0} out of range 0-23")]
    OffsetHour(u8),
    /// Zone offset minute outside 0-59.
    #[error("zone offset minute {0} out of range 0-59")]
    OffsetMinute(u8),
    /// A `.` without digits after it.
    #[error("expected 1 to 9 fraction digits after '.' at byte {0}")]
    EmptyFraction(usize),
    /// More than 9 fraction digits in a timestamp.
    #[error("more than 9 fraction digits at byte {0}")]
    FractionTooLong(usize),
    /// Text left after a complete value.
    #[error("unexpected trailing characters at byte {0}")]
    Trailing(usize),
    /// The timestamp is outside the i64 nanosecond range.
    #[error(
        "outside the representable range 1677-09-21T00:12:43.145224192 to 2262-04-11T23:47:16.854775807"
    )]
    TimestampRange,
    /// A timespan without digits before its unit.
    #[error("expected decimal digits at byte {0}")]
    NoDigits(usize),
    /// A timespan whose integer part has a leading zero (strict mode only).
    #[error("leading zero in the integer part")]
    LeadingZero,
    /// A timespan without a unit.
    #[error("missing unit, expected one of ns, us, ms, s, min, h")]
    MissingUnit,
    /// A timespan with an unknown unit (such as `d`).
    #[error("unknown unit {0:?}, expected one of ns, us, ms, s, min, h")]
    UnknownUnit(Box<str>),
    /// The timespan exceeds the i64 nanosecond range.
    #[error("value exceeds the signed 64-bit nanosecond range")]
    TimespanRange,
}

/// Error returned when parsing a [`Timestamp`] or [`Timespan`] fails.
///
/// Displays as `invalid timestamp "<input>": <reason>` (or `invalid timespan`),
/// e.g. `invalid timestamp "2024-13-01T00:00:00": month 13 out of range 1-12`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {what} {input:?}: {reason}")]
pub struct ParseTimeError {
    what: &'static str,
    input: Box<str>,
    reason: ParseTimeErrorReason,
}

impl ParseTimeError {
    fn timestamp(input: &str, reason: ParseTimeErrorReason) -> Self {
        Self {
            what: "timestamp",
            input: input.into(),
            reason,
        }
    }

    fn timespan(input: &str, reason: ParseTimeErrorReason) -> Self {
        Self {
            what: "timespan",
            input: input.into(),
            reason,
        }
    }

    /// The rejected input text.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// Why the input was rejected.
    pub fn reason(&self) -> &ParseTimeErrorReason {
        &self.reason
    }

    /// `true` if the input was meant as a [`Timestamp`], `false` for a [`Timespan`].
    pub fn is_timestamp(&self) -> bool {
        self.what == "timestamp"
    }
}

/// Error of the conversions between [`Timestamp`]/[`Timespan`] and
/// [`SystemTime`]/[`Duration`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TimeRangeError {
    /// A [`SystemTime`] outside 1677-09-21T00:12:43.145224192 to 2262-04-11T23:47:16.854775807.
    #[error(
        "system time outside the timestamp range 1677-09-21T00:12:43.145224192 to 2262-04-11T23:47:16.854775807"
    )]
    SystemTime,
    /// A [`Duration`] longer than `i64::MAX` nanoseconds.
    #[error("duration of {0:?} exceeds the timespan maximum of 9223372036854775807ns")]
    DurationTooLong(Duration),
    /// A negative [`Timespan`] converted to a [`Duration`].
    #[error("negative timespan {0} cannot be converted to a duration")]
    NegativeTimespan(Timespan),
}

// ---------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian, integer only)
// ---------------------------------------------------------------------------

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a civil date (month 1-12, day 1-31).
fn days_from_civil(year: i64, month: u8, day: u8) -> i64 {
    let (m, d) = (i64::from(month), i64::from(day));
    let y = if m <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date `(year, month, day)` of a day count since 1970-01-01.
///
/// Valid for every day count derived from an i64 nanosecond timestamp.
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    // m is 1..=12 and d is 1..=31 by construction.
    (y, m as u8, d as u8)
}

// ---------------------------------------------------------------------------
// Digit writing helpers
// ---------------------------------------------------------------------------

#[inline]
fn push2(out: &mut Vec<u8>, v: u32) {
    out.push(b'0' + (v / 10 % 10) as u8);
    out.push(b'0' + (v % 10) as u8);
}

/// Appends the lowest `width` decimal digits of `v`, zero-padded.
#[inline]
fn push_padded(out: &mut Vec<u8>, mut v: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let width = width.min(buf.len());
    for slot in buf[..width].iter_mut().rev() {
        *slot = b'0' + (v % 10) as u8;
        v /= 10;
    }
    out.extend_from_slice(&buf[..width]);
}

/// Writes `bytes` (ASCII produced by a `write_wire`) to a formatter.
fn write_ascii(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    // The writers only produce ASCII, so this never fails in practice.
    match std::str::from_utf8(bytes) {
        Ok(s) => f.pad(s),
        Err(_) => Err(fmt::Error),
    }
}

// ---------------------------------------------------------------------------
// Timestamp
// ---------------------------------------------------------------------------

/// A point in time: nanoseconds since the Unix epoch (1970-01-01T00:00:00 UTC).
///
/// Broker's `timestamp`, Zeek's `time`. The representable range is
/// 1677-09-21T00:12:43.145224192 to 2262-04-11T23:47:16.854775807.
///
/// Text form (Display, [`write_wire`](Self::write_wire)): `YYYY-MM-DDThh:mm:ss.fff`
/// in UTC without a zone designator, e.g. `2014-07-09T10:16:44.000`. Three
/// fraction digits when the value is a whole number of milliseconds
/// (byte-for-byte what Zeek 8 emits), else 6 or 9 digits so that no precision
/// is lost.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp {
    nanos: i64,
}

impl Timestamp {
    /// 1970-01-01T00:00:00.000 UTC.
    pub const UNIX_EPOCH: Timestamp = Timestamp { nanos: 0 };
    /// The earliest timestamp, 1677-09-21T00:12:43.145224192.
    pub const MIN: Timestamp = Timestamp { nanos: i64::MIN };
    /// The latest timestamp, 2262-04-11T23:47:16.854775807.
    pub const MAX: Timestamp = Timestamp { nanos: i64::MAX };

    /// Creates a timestamp from nanoseconds since the Unix epoch.
    pub const fn from_nanos(nanos: i64) -> Self {
        Self { nanos }
    }

    /// Nanoseconds since the Unix epoch.
    pub const fn as_nanos(self) -> i64 {
        self.nanos
    }

    /// Converts Zeek's `time` (a double of seconds since the epoch) the way
    /// Zeek does: `secs * 1e9`, truncated toward zero.
    ///
    /// Returns `None` for NaN, infinities and values outside the i64
    /// nanosecond range.
    pub fn from_secs_f64(secs: f64) -> Option<Self> {
        f64_nanos(secs).map(Self::from_nanos)
    }

    /// Seconds since the epoch as a double (Zeek's `time`).
    pub fn as_secs_f64(self) -> f64 {
        self.nanos as f64 / 1e9
    }

    /// The current system time, saturated to [`Timestamp::MIN`]/[`Timestamp::MAX`]
    /// if the clock is outside the representable range.
    pub fn now() -> Self {
        let now = SystemTime::now();
        match Self::try_from(now) {
            Ok(t) => t,
            Err(_) if now > SystemTime::UNIX_EPOCH => Self::MAX,
            Err(_) => Self::MIN,
        }
    }

    /// `self + span`, or `None` on overflow.
    pub const fn checked_add(self, span: Timespan) -> Option<Self> {
        match self.nanos.checked_add(span.nanos) {
            Some(nanos) => Some(Self { nanos }),
            None => None,
        }
    }

    /// `self - span`, or `None` on overflow.
    pub const fn checked_sub(self, span: Timespan) -> Option<Self> {
        match self.nanos.checked_sub(span.nanos) {
            Some(nanos) => Some(Self { nanos }),
            None => None,
        }
    }

    /// The signed span `self - earlier`, or `None` if it does not fit a [`Timespan`].
    pub const fn checked_duration_since(self, earlier: Timestamp) -> Option<Timespan> {
        match self.nanos.checked_sub(earlier.nanos) {
            Some(nanos) => Some(Timespan { nanos }),
            None => None,
        }
    }

    /// Appends the text form (`2014-07-09T10:16:44.000`, UTC, no zone, 3/6/9
    /// fraction digits) to `out`, without quotes.
    pub fn write_wire(&self, out: &mut Vec<u8>) {
        let days = self.nanos.div_euclid(NANOS_PER_DAY);
        let in_day = self.nanos.rem_euclid(NANOS_PER_DAY); // 0..NANOS_PER_DAY
        let (year, month, day) = civil_from_days(days);
        let secs_of_day = in_day / NANOS_PER_SEC;
        let frac = (in_day % NANOS_PER_SEC) as u64;
        // The i64 range spans the years 1677..=2262: always 4 digits.
        push_padded(out, year.rem_euclid(10_000) as u64, 4);
        out.push(b'-');
        push2(out, u32::from(month));
        out.push(b'-');
        push2(out, u32::from(day));
        out.push(b'T');
        push2(out, (secs_of_day / 3600) as u32);
        out.push(b':');
        push2(out, (secs_of_day / 60 % 60) as u32);
        out.push(b':');
        push2(out, (secs_of_day % 60) as u32);
        out.push(b'.');
        if frac.is_multiple_of(1_000_000) {
            push_padded(out, frac / 1_000_000, 3);
        } else if frac.is_multiple_of(1_000) {
            push_padded(out, frac / 1_000, 6);
        } else {
            push_padded(out, frac, 9);
        }
    }

    /// Parses Zeek 8's timestamp syntax: `YYYY-MM-DDThh:mm:ss`, an optional
    /// `.` with 1-9 fraction digits (a real fraction: `.5` is 500 ms) and an
    /// optional zone `Z`, `+hh:mm`, `-hh:mm`, `+hhmm` or `+hh` (no zone = UTC).
    ///
    /// Fields are range-checked (including leap years; seconds 0-59); trailing
    /// characters and values outside the i64 nanosecond range are rejected.
    /// Does not allocate on success.
    pub fn parse(s: &str) -> Result<Timestamp, ParseTimeError> {
        parse_timestamp(s.as_bytes()).map_err(|r| ParseTimeError::timestamp(s, r))
    }
}

/// Converts seconds as f64 to nanoseconds truncated toward zero (Zeek's rule).
fn f64_nanos(secs: f64) -> Option<i64> {
    let ns = secs * 1e9;
    // -2^63 is exactly representable; 2^63 is the first value out of range.
    if ns.is_finite() && (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&ns) {
        Some(ns as i64)
    } else {
        None
    }
}

/// Cursor over ASCII input for the fixed-layout timestamp parser.
struct Cursor<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn digits(&mut self, n: usize, expected: &'static str) -> Result<u32, ParseTimeErrorReason> {
        let start = self.pos;
        let mut v = 0u32;
        for i in 0..n {
            match self.s.get(start + i) {
                Some(&c) if c.is_ascii_digit() => v = v * 10 + u32::from(c - b'0'),
                _ => {
                    return Err(ParseTimeErrorReason::Syntax {
                        expected,
                        at: start,
                    });
                }
            }
        }
        self.pos = start + n;
        Ok(v)
    }

    fn lit(&mut self, c: u8, expected: &'static str) -> Result<(), ParseTimeErrorReason> {
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(ParseTimeErrorReason::Syntax {
                expected,
                at: self.pos,
            })
        }
    }
}

fn parse_timestamp(s: &[u8]) -> Result<Timestamp, ParseTimeErrorReason> {
    use ParseTimeErrorReason as R;
    if s.is_empty() {
        return Err(R::Empty);
    }
    let mut c = Cursor { s, pos: 0 };
    let year = c.digits(4, "4 digit year")?;
    c.lit(b'-', "'-' after the year")?;
    let month = c.digits(2, "2 digit month")? as u8;
    c.lit(b'-', "'-' after the month")?;
    let day = c.digits(2, "2 digit day")? as u8;
    c.lit(b'T', "'T' after the date")?;
    let hour = c.digits(2, "2 digit hour")? as u8;
    c.lit(b':', "':' after the hour")?;
    let minute = c.digits(2, "2 digit minute")? as u8;
    c.lit(b':', "':' after the minute")?;
    let second = c.digits(2, "2 digit second")? as u8;

    let year_i = i64::from(year);
    if !(1..=12).contains(&month) {
        return Err(R::Month(month));
    }
    let max = days_in_month(year_i, month);
    if !(1..=max).contains(&day) {
        return Err(R::Day {
            day,
            max,
            year: year as u16,
            month,
        });
    }
    if hour > 23 {
        return Err(R::Hour(hour));
    }
    if minute > 59 {
        return Err(R::Minute(minute));
    }
    if second > 59 {
        return Err(R::Second(second));
    }

    // Fraction: 1-9 digits, a real fraction of a second.
    let mut frac_ns: i64 = 0;
    if c.peek() == Some(b'.') {
        c.pos += 1;
        let start = c.pos;
        let mut n = 0usize;
        let mut v: i64 = 0;
        while let Some(d) = c.peek().filter(u8::is_ascii_digit) {
            if n == 9 {
                return Err(R::FractionTooLong(c.pos));
            }
            v = v * 10 + i64::from(d - b'0');
            n += 1;
            c.pos += 1;
        }
        if n == 0 {
            return Err(R::EmptyFraction(start));
        }
        frac_ns = v * 10i64.pow(9 - n as u32);
    }

    // Zone: Z, +hh:mm, +hhmm, +hh (or '-').
    let mut offset_secs: i64 = 0;
    match c.peek() {
        Some(b'Z') => c.pos += 1,
        Some(sign @ (b'+' | b'-')) => {
            c.pos += 1;
            let oh = c.digits(2, "2 digit zone offset hour")? as u8;
            let mut om = 0u8;
            match c.peek() {
                Some(b':') => {
                    c.pos += 1;
                    om = c.digits(2, "2 digit zone offset minute")? as u8;
                }
                Some(d) if d.is_ascii_digit() => {
                    om = c.digits(2, "2 digit zone offset minute")? as u8;
                }
                _ => {}
            }
            if oh > 23 {
                return Err(R::OffsetHour(oh));
            }
            if om > 59 {
                return Err(R::OffsetMinute(om));
            }
            offset_secs = i64::from(oh) * 3600 + i64::from(om) * 60;
            if sign == b'-' {
                offset_secs = -offset_secs;
            }
        }
        _ => {}
    }
    if c.pos != s.len() {
        return Err(R::Trailing(c.pos));
    }

    // Years 0000-9999: all of this fits an i64 comfortably (< 4e11 seconds).
    let days = days_from_civil(year_i, month, day);
    let secs =
        days * SECS_PER_DAY + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second)
            - offset_secs;
    let nanos = i128::from(secs) * i128::from(NANOS_PER_SEC) + i128::from(frac_ns);
    i64::try_from(nanos)
        .map(Timestamp::from_nanos)
        .map_err(|_| R::TimestampRange)
}

impl fmt::Display for Timestamp {
    /// Same text as [`Timestamp::write_wire`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = Vec::with_capacity(29);
        self.write_wire(&mut buf);
        write_ascii(f, &buf)
    }
}

impl FromStr for Timestamp {
    type Err = ParseTimeError;

    /// See [`Timestamp::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<SystemTime> for Timestamp {
    type Error = TimeRangeError;

    /// Fails if the time is outside the i64 nanosecond range.
    fn try_from(t: SystemTime) -> Result<Self, Self::Error> {
        let nanos: i128 = match t.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(d) => i128::try_from(d.as_nanos()).map_err(|_| TimeRangeError::SystemTime)?,
            Err(e) => i128::try_from(e.duration().as_nanos())
                .map(|n| -n)
                .map_err(|_| TimeRangeError::SystemTime)?,
        };
        i64::try_from(nanos)
            .map(Self::from_nanos)
            .map_err(|_| TimeRangeError::SystemTime)
    }
}

impl From<Timestamp> for SystemTime {
    fn from(t: Timestamp) -> SystemTime {
        let magnitude = Duration::from_nanos(t.nanos.unsigned_abs());
        let r = if t.nanos >= 0 {
            SystemTime::UNIX_EPOCH.checked_add(magnitude)
        } else {
            SystemTime::UNIX_EPOCH.checked_sub(magnitude)
        };
        // Every supported platform represents 1677..2262; the fallback only
        // avoids a panic on a hypothetical platform that cannot.
        r.unwrap_or(SystemTime::UNIX_EPOCH)
    }
}

// ---------------------------------------------------------------------------
// Timespan
// ---------------------------------------------------------------------------

/// A signed duration in nanoseconds: Broker's `timespan`, Zeek's `interval`.
///
/// Text form (Display, [`write_wire`](Self::write_wire)), as Zeek 6.2 and later
/// emit it: `0s` for zero, otherwise the integer count of the coarsest unit
/// among `ns`, `us`, `ms`, `s` that represents the value exactly: `1500ms`,
/// `90s`, `-1500ms`, `2500ns`. Never `min`/`h`/`d`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timespan {
    nanos: i64,
}

impl Timespan {
    /// The empty span, written `0s`.
    pub const ZERO: Timespan = Timespan { nanos: 0 };
    /// The shortest span, `-9223372036854775808ns`.
    pub const MIN: Timespan = Timespan { nanos: i64::MIN };
    /// The longest span, `9223372036854775807ns`.
    pub const MAX: Timespan = Timespan { nanos: i64::MAX };

    /// Creates a span of `nanos` nanoseconds.
    pub const fn from_nanos(nanos: i64) -> Self {
        Self { nanos }
    }

    /// The span in nanoseconds.
    pub const fn as_nanos(self) -> i64 {
        self.nanos
    }

    /// A span of `micros` microseconds, or `None` on overflow.
    pub const fn from_micros(micros: i64) -> Option<Self> {
        match micros.checked_mul(1_000) {
            Some(nanos) => Some(Self { nanos }),
            None => None,
        }
    }

    /// A span of `millis` milliseconds, or `None` on overflow.
    pub const fn from_millis(millis: i64) -> Option<Self> {
        match millis.checked_mul(1_000_000) {
            Some(nanos) => Some(Self { nanos }),
            None => None,
        }
    }

    /// A span of `secs` seconds, or `None` on overflow.
    pub const fn from_secs(secs: i64) -> Option<Self> {
        match secs.checked_mul(NANOS_PER_SEC) {
            Some(nanos) => Some(Self { nanos }),
            None => None,
        }
    }

    /// Converts Zeek's `interval` (a double of seconds) the way Zeek does:
    /// `secs * 1e9`, truncated toward zero.
    ///
    /// Returns `None` for NaN, infinities and values outside the i64
    /// nanosecond range.
    pub fn from_secs_f64(secs: f64) -> Option<Self> {
        f64_nanos(secs).map(Self::from_nanos)
    }

    /// The span in seconds as a double (Zeek's `interval`).
    pub fn as_secs_f64(self) -> f64 {
        self.nanos as f64 / 1e9
    }

    /// `true` if the span is below zero.
    pub const fn is_negative(self) -> bool {
        self.nanos < 0
    }

    /// `-self`, or `None` for [`Timespan::MIN`].
    pub const fn checked_neg(self) -> Option<Self> {
        match self.nanos.checked_neg() {
            Some(nanos) => Some(Self { nanos }),
            None => None,
        }
    }

    /// `self + other`, or `None` on overflow.
    pub const fn checked_add(self, other: Timespan) -> Option<Self> {
        match self.nanos.checked_add(other.nanos) {
            Some(nanos) => Some(Self { nanos }),
            None => None,
        }
    }

    /// `self - other`, or `None` on overflow.
    pub const fn checked_sub(self, other: Timespan) -> Option<Self> {
        match self.nanos.checked_sub(other.nanos) {
            Some(nanos) => Some(Self { nanos }),
            None => None,
        }
    }

    /// Appends the text form (`0s`, `1500ms`, `90s`, `-2500ns`) to `out`,
    /// without quotes.
    pub fn write_wire(&self, out: &mut Vec<u8>) {
        if self.nanos == 0 {
            out.extend_from_slice(b"0s");
            return;
        }
        const UNITS: [&[u8]; 4] = [b"ns", b"us", b"ms", b"s"];
        let mut v = self.nanos;
        let mut unit = 0;
        while unit < 3 && v % 1000 == 0 {
            v /= 1000;
            unit += 1;
        }
        let mut buf = itoa::Buffer::new();
        out.extend_from_slice(buf.format(v).as_bytes());
        out.extend_from_slice(UNITS[unit]);
    }

    /// Parses a timespan leniently: optional `-`/`+`, decimal digits
    /// (leading zeros allowed and read as decimal), an optional `.` with
    /// fraction digits (Zeek 6.1 and older wrote `1.5s`, `1.666667min`), then
    /// one of the units `ns`, `us`, `ms`, `s`, `min`, `h`.
    ///
    /// Computed exactly in integers; a fraction finer than 1 ns is truncated
    /// toward zero. Rejects empty input, missing digits, unknown units
    /// (including `d`), whitespace, trailing text and values beyond i64.
    /// Does not allocate on success.
    pub fn parse(s: &str) -> Result<Timespan, ParseTimeError> {
        parse_timespan(s.as_bytes(), false).map_err(|r| ParseTimeError::timespan(s, r))
    }

    /// Like [`Timespan::parse`] but also rejects leading zeros in the integer
    /// part (`010s`; a lone `0` is fine), as Zeek does for client input.
    pub fn parse_strict(s: &str) -> Result<Timespan, ParseTimeError> {
        parse_timespan(s.as_bytes(), true).map_err(|r| ParseTimeError::timespan(s, r))
    }
}

fn parse_timespan(s: &[u8], strict: bool) -> Result<Timespan, ParseTimeErrorReason> {
    use ParseTimeErrorReason as R;
    if s.is_empty() {
        return Err(R::Empty);
    }
    let mut pos = 0;
    let negative = match s[0] {
        b'-' => {
            pos = 1;
            true
        }
        b'+' => {
            pos = 1;
            false
        }
        _ => false,
    };
    let int_start = pos;
    while s.get(pos).is_some_and(u8::is_ascii_digit) {
        pos += 1;
    }
    let int_digits = &s[int_start..pos];
    if int_digits.is_empty() {
        return Err(R::NoDigits(int_start));
    }
    if strict && int_digits.len() > 1 && int_digits[0] == b'0' {
        return Err(R::LeadingZero);
    }
    let mut frac_digits: &[u8] = &[];
    if s.get(pos) == Some(&b'.') {
        pos += 1;
        let start = pos;
        while s.get(pos).is_some_and(u8::is_ascii_digit) {
            pos += 1;
        }
        if pos == start {
            return Err(R::NoDigits(start));
        }
        frac_digits = &s[start..pos];
    }
    let unit_text = &s[pos..];
    if unit_text.is_empty() {
        return Err(R::MissingUnit);
    }
    let Some(&(_, unit_ns)) = SPAN_UNITS
        .iter()
        .find(|(name, _)| name.as_bytes() == unit_text)
    else {
        // Report the leading letters as the unit, or a trailing-text error.
        let letters = unit_text
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        if letters > 0
            && SPAN_UNITS
                .iter()
                .any(|(name, _)| name.as_bytes() == &unit_text[..letters])
        {
            return Err(R::Trailing(pos + letters));
        }
        let shown = if letters > 0 {
            &unit_text[..letters]
        } else {
            unit_text
        };
        return Err(R::UnknownUnit(String::from_utf8_lossy(shown).into()));
    };

    // Integer part, saturating far beyond the i64 range (checked below).
    let mut int: u128 = 0;
    for &d in int_digits {
        int = int
            .checked_mul(10)
            .and_then(|v| v.checked_add(u128::from(d - b'0')))
            .ok_or(R::TimespanRange)?;
        if int > u128::from(u64::MAX) {
            return Err(R::TimespanRange);
        }
    }
    // Fraction: floor(0.d1d2...dk * unit_ns), exactly, by right-to-left
    // schoolbook multiplication keeping only the carry into the units place.
    let mut carry: u64 = 0;
    for &d in frac_digits.iter().rev() {
        // d*unit_ns + carry < 11 * 3.6e12: no overflow.
        carry = (u64::from(d - b'0') * unit_ns + carry) / 10;
    }
    let magnitude = int
        .checked_mul(u128::from(unit_ns))
        .and_then(|v| v.checked_add(u128::from(carry)))
        .ok_or(R::TimespanRange)?;
    let limit = if negative {
        u128::from(i64::MIN.unsigned_abs())
    } else {
        i64::MAX as u128
    };
    if magnitude > limit {
        return Err(R::TimespanRange);
    }
    let magnitude = magnitude as i128;
    let nanos = if negative { -magnitude } else { magnitude };
    i64::try_from(nanos)
        .map(Timespan::from_nanos)
        .map_err(|_| R::TimespanRange)
}

impl fmt::Display for Timespan {
    /// Same text as [`Timespan::write_wire`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = Vec::with_capacity(24);
        self.write_wire(&mut buf);
        write_ascii(f, &buf)
    }
}

impl FromStr for Timespan {
    type Err = ParseTimeError;

    /// See [`Timespan::parse`] (lenient).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<Duration> for Timespan {
    type Error = TimeRangeError;

    /// Fails if the duration exceeds `i64::MAX` nanoseconds (about 292 years).
    fn try_from(d: Duration) -> Result<Self, Self::Error> {
        i64::try_from(d.as_nanos())
            .map(Self::from_nanos)
            .map_err(|_| TimeRangeError::DurationTooLong(d))
    }
}

impl TryFrom<Timespan> for Duration {
    type Error = TimeRangeError;

    /// Fails if the span is negative.
    fn try_from(t: Timespan) -> Result<Self, Self::Error> {
        u64::try_from(t.nanos)
            .map(Duration::from_nanos)
            .map_err(|_| TimeRangeError::NegativeTimespan(t))
    }
}

#[cfg(test)]
mod tests {
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

    // ----- calendar -----

    #[test]
    fn civil_round_trip_over_whole_range() {
        let lo = i64::MIN.div_euclid(NANOS_PER_DAY);
        let hi = i64::MAX.div_euclid(NANOS_PER_DAY);
        let mut prev: Option<(i64, u8, u8)> = None;
        for days in lo..=hi {
            let (y, m, d) = civil_from_days(days);
            assert!((1..=12).contains(&m));
            assert!(d >= 1 && d <= days_in_month(y, m));
            assert_eq!(days_from_civil(y, m, d), days);
            if let Some(p) = prev {
                assert!(p < (y, m, d));
            }
            prev = Some((y, m, d));
        }
    }

    #[test]
    fn known_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1600, 1, 1), -135_140);
        assert_eq!(civil_from_days(days_from_civil(2400, 2, 29)), (2400, 2, 29));
    }

    #[test]
    fn leap_years() {
        assert!(is_leap(2000));
        assert!(!is_leap(1900));
        assert!(is_leap(2024));
        assert!(!is_leap(2023));
        assert!(!is_leap(2100));
    }

    // ----- timestamp text -----

    #[test]
    fn zeek_example() {
        let t = Timestamp::from_nanos(1_404_901_004 * NANOS_PER_SEC);
        assert_eq!(t.to_string(), "2014-07-09T10:16:44.000");
        assert_eq!(wire_ts(t), "2014-07-09T10:16:44.000");
        assert_eq!(ts("2014-07-09T10:16:44.000"), t);
        assert_eq!(ts("2014-07-09T10:16:44"), t);
        assert_eq!(ts("2014-07-09T10:16:44Z"), t);
        assert_eq!(ts("2014-07-09T12:16:44+02:00"), t);
        assert_eq!(ts("2014-07-09T12:16:44+0200"), t);
        assert_eq!(ts("2014-07-09T12:16:44+02"), t);
        assert_eq!(ts("2014-07-09T07:46:44-02:30"), t);
        assert_eq!(ts("2014-07-09T07:46:44-0230"), t);
    }

    #[test]
    fn zeek_time_with_micros() {
        // Zeek emits only milliseconds (".123"); we keep the microseconds.
        let t = Timestamp::from_secs_f64(1_404_901_004.123456).unwrap();
        assert!((t.as_nanos() - 1_404_901_004_123_456_000).abs() < 1_000);
        assert!(t.to_string().starts_with("2014-07-09T10:16:44.123"));
        let t = Timestamp::from_nanos(1_404_901_004_123_456_000);
        assert_eq!(t.to_string(), "2014-07-09T10:16:44.123456");
        assert_eq!(
            ts("2014-07-09T10:16:44.123"),
            Timestamp::from_nanos(1_404_901_004_123_000_000)
        );
    }

    #[test]
    fn fraction_digit_counts() {
        let base = 1_000_000_000 * NANOS_PER_SEC;
        let cases = [
            (0, "2001-09-09T01:46:40.000"),
            (500_000_000, "2001-09-09T01:46:40.500"),
            (1_000_000, "2001-09-09T01:46:40.001"),
            (1_000, "2001-09-09T01:46:40.000001"),
            (123_456_000, "2001-09-09T01:46:40.123456"),
            (1, "2001-09-09T01:46:40.000000001"),
            (999_999_999, "2001-09-09T01:46:40.999999999"),
            (120_000_100, "2001-09-09T01:46:40.120000100"),
        ];
        for (frac, text) in cases {
            let t = Timestamp::from_nanos(base + frac);
            assert_eq!(t.to_string(), text);
            assert_eq!(wire_ts(t), text);
            assert_eq!(ts(text), t);
        }
    }

    #[test]
    fn fraction_is_real_fraction() {
        let base = ts("2024-01-01T00:00:00").as_nanos();
        let cases = [
            (".5", 500_000_000),
            (".05", 50_000_000),
            (".123", 123_000_000),
            (".1234", 123_400_000),
            (".123456", 123_456_000),
            (".123456789", 123_456_789),
            (".000000001", 1),
            (".0", 0),
        ];
        for (frac, ns) in cases {
            let t = ts(&format!("2024-01-01T00:00:00{frac}"));
            assert_eq!(t.as_nanos() - base, ns, "{frac}");
            let t = ts(&format!("2024-01-01T00:00:00{frac}Z"));
            assert_eq!(t.as_nanos() - base, ns, "{frac}");
        }
    }

    #[test]
    fn epoch_and_negative() {
        assert_eq!(Timestamp::UNIX_EPOCH.to_string(), "1970-01-01T00:00:00.000");
        assert_eq!(Timestamp::default(), Timestamp::UNIX_EPOCH);
        assert_eq!(ts("1970-01-01T00:00:00"), Timestamp::UNIX_EPOCH);
        let cases = [
            (-500_000_000, "1969-12-31T23:59:59.500"),
            (-1, "1969-12-31T23:59:59.999999999"),
            (-NANOS_PER_SEC, "1969-12-31T23:59:59.000"),
            (-1_000, "1969-12-31T23:59:59.999999"),
            (-NANOS_PER_DAY, "1969-12-31T00:00:00.000"),
            (-NANOS_PER_DAY - 1, "1969-12-30T23:59:59.999999999"),
            (1, "1970-01-01T00:00:00.000000001"),
            (-1_500_000_000, "1969-12-31T23:59:58.500"),
        ];
        for (ns, text) in cases {
            let t = Timestamp::from_nanos(ns);
            assert_eq!(t.to_string(), text);
            assert_eq!(ts(text), t);
        }
        // Offset crossing the epoch.
        assert_eq!(
            ts("1970-01-01T00:30:00+01:00").as_nanos(),
            -1800 * NANOS_PER_SEC
        );
        assert_eq!(ts("1969-12-31T23:00:00-01:00"), Timestamp::UNIX_EPOCH);
    }

    #[test]
    fn metadata_example() {
        assert_eq!(ts("1970-01-01T01:42:42").as_nanos(), 6162 * NANOS_PER_SEC);
    }

    #[test]
    fn i64_limits() {
        let min = "1677-09-21T00:12:43.145224192";
        let max = "2262-04-11T23:47:16.854775807";
        assert_eq!(Timestamp::MIN.to_string(), min);
        assert_eq!(Timestamp::MAX.to_string(), max);
        assert_eq!(ts(min), Timestamp::MIN);
        assert_eq!(ts(max), Timestamp::MAX);
        assert_eq!(ts("2262-04-11T23:47:16.854775807Z"), Timestamp::MAX);
        assert_eq!(ts("2262-04-12T00:47:16.854775807+01:00"), Timestamp::MAX);
        let over = [
            "1677-09-21T00:12:43.145224191",
            "2262-04-11T23:47:16.854775808",
            "2262-04-11T23:47:17",
            "0000-01-01T00:00:00",
            "9999-12-31T23:59:59.999999999",
            "1677-09-21T00:12:43.145224192+00:01",
            "2262-04-11T23:47:16.854775807-00:01",
        ];
        for s in over {
            assert_eq!(
                Timestamp::parse(s).unwrap_err().reason(),
                &ParseTimeErrorReason::TimestampRange,
                "{s}"
            );
        }
        assert_eq!(
            ts_err("2262-04-11T23:47:16.854775808"),
            "invalid timestamp \"2262-04-11T23:47:16.854775808\": outside the representable range \
             1677-09-21T00:12:43.145224192 to 2262-04-11T23:47:16.854775807"
        );
    }

    #[test]
    fn leap_days() {
        assert_eq!(
            ts("2000-02-29T00:00:00").to_string(),
            "2000-02-29T00:00:00.000"
        );
        assert_eq!(
            ts("2024-02-29T12:00:00").to_string(),
            "2024-02-29T12:00:00.000"
        );
        assert_eq!(
            ts_err("1900-02-29T00:00:00"),
            "invalid timestamp \"1900-02-29T00:00:00\": day 29 out of range 1-28 for 1900-02"
        );
        assert_eq!(
            ts_err("2023-02-29T00:00:00"),
            "invalid timestamp \"2023-02-29T00:00:00\": day 29 out of range 1-28 for 2023-02"
        );
        assert_eq!(
            ts_err("2024-02-30T00:00:00"),
            "invalid timestamp \"2024-02-30T00:00:00\": day 30 out of range 1-29 for 2024-02"
        );
        assert_eq!(
            ts_err("2024-04-31T00:00:00"),
            "invalid timestamp \"2024-04-31T00:00:00\": day 31 out of range 1-30 for 2024-04"
        );
        ts("2024-12-31T23:59:59");
        ts("2024-01-31T23:59:59");
        // 2024-02-28 -> 2024-02-29 -> 2024-03-01 are consecutive days.
        let a = ts("2024-02-28T00:00:00").as_nanos();
        let b = ts("2024-02-29T00:00:00").as_nanos();
        let c = ts("2024-03-01T00:00:00").as_nanos();
        assert_eq!(b - a, NANOS_PER_DAY);
        assert_eq!(c - b, NANOS_PER_DAY);
    }

    #[test]
    fn timestamp_field_errors() {
        let cases = [
            ("2024-13-01T00:00:00", "month 13 out of range 1-12"),
            ("2024-00-01T00:00:00", "month 0 out of range 1-12"),
            ("2024-01-00T00:00:00", "day 0 out of range 1-31 for 2024-01"),
            ("2024-01-01T24:00:00", "hour 24 out of range 0-23"),
            ("2024-01-01T00:60:00", "minute 60 out of range 0-59"),
            ("2024-01-01T00:00:60", "second 60 out of range 0-59"),
            (
                "2024-01-01T00:00:00+24:00",
                "zone offset hour 24 out of range 0-23",
            ),
            (
                "2024-01-01T00:00:00+01:60",
                "zone offset minute 60 out of range 0-59",
            ),
            (
                "2024-01-01T00:00:00.",
                "expected 1 to 9 fraction digits after '.' at byte 20",
            ),
            (
                "2024-01-01T00:00:00.Z",
                "expected 1 to 9 fraction digits after '.' at byte 20",
            ),
            (
                "2024-01-01T00:00:00.1234567890",
                "more than 9 fraction digits at byte 29",
            ),
            (
                "2024-01-01T00:00:00 ",
                "unexpected trailing characters at byte 19",
            ),
            (
                "2024-01-01T00:00:00.5x",
                "unexpected trailing characters at byte 21",
            ),
            (
                "2024-01-01T00:00:00ZZ",
                "unexpected trailing characters at byte 20",
            ),
            (
                "2024-01-01T00:00:00+01:00:00",
                "unexpected trailing characters at byte 25",
            ),
            (
                "2024-01-01T00:00:00+01000",
                "unexpected trailing characters at byte 24",
            ),
            ("", "empty input"),
            ("24-01-01T00:00:00", "expected 4 digit year at byte 0"),
            (
                "20240-01-01T00:00:00",
                "expected '-' after the year at byte 4",
            ),
            ("2024-1-01T00:00:00", "expected 2 digit month at byte 5"),
            ("2024-01-1T00:00:00", "expected 2 digit day at byte 8"),
            (
                "2024-01-01 00:00:00",
                "expected 'T' after the date at byte 10",
            ),
            (
                "2024-01-01t00:00:00",
                "expected 'T' after the date at byte 10",
            ),
            ("2024-01-01T0:00:00", "expected 2 digit hour at byte 11"),
            (
                "2024-01-01T00-00:00",
                "expected ':' after the hour at byte 13",
            ),
            ("2024-01-01T00:0:00", "expected 2 digit minute at byte 14"),
            (
                "2024-01-01T00:00",
                "expected ':' after the minute at byte 16",
            ),
            ("2024-01-01T00:00:0", "expected 2 digit second at byte 17"),
            (
                "2024-01-01T00:00:00+1",
                "expected 2 digit zone offset hour at byte 20",
            ),
            (
                "2024-01-01T00:00:00+",
                "expected 2 digit zone offset hour at byte 20",
            ),
            (
                "2024-01-01T00:00:00+01:",
                "expected 2 digit zone offset minute at byte 23",
            ),
            (
                "2024-01-01T00:00:00+01:5",
                "expected 2 digit zone offset minute at byte 23",
            ),
            (
                "2024-01-01T00:00:00+015",
                "expected 2 digit zone offset minute at byte 22",
            ),
            ("+2024-01-01T00:00:00", "expected 4 digit year at byte 0"),
            (
                "2024-01-01T00:00:00.5z",
                "unexpected trailing characters at byte 21",
            ),
            (
                "2024-01-01T00:00:00\u{e9}",
                "unexpected trailing characters at byte 19",
            ),
        ];
        for (input, reason) in cases {
            assert_eq!(
                ts_err(input),
                format!("invalid timestamp {input:?}: {reason}")
            );
        }
        let e = Timestamp::parse("2024-13-01T00:00:00").unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid timestamp \"2024-13-01T00:00:00\": month 13 out of range 1-12"
        );
        assert_eq!(e.input(), "2024-13-01T00:00:00");
        assert_eq!(e.reason(), &ParseTimeErrorReason::Month(13));
        assert!(e.is_timestamp());
        // FromStr is the same parser.
        assert_eq!("2024-13-01T00:00:00".parse::<Timestamp>().unwrap_err(), e);
        assert_eq!(
            "1970-01-01T00:00:00".parse::<Timestamp>(),
            Ok(Timestamp::UNIX_EPOCH)
        );
    }

    #[test]
    fn timestamp_round_trips() {
        for n in lcg(20_000) {
            for v in [
                n,
                n / 1000 * 1000,
                n / 1_000_000 * 1_000_000,
                n / NANOS_PER_SEC * NANOS_PER_SEC,
            ] {
                let t = Timestamp::from_nanos(v);
                let text = t.to_string();
                assert_eq!(wire_ts(t), text);
                assert_eq!(ts(&text), t, "{text}");
                let len = text.len();
                assert!(len == 23 || len == 26 || len == 29, "{text}");
            }
        }
        for v in [i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX - 1, i64::MAX] {
            let t = Timestamp::from_nanos(v);
            assert_eq!(ts(&t.to_string()), t);
        }
    }

    #[test]
    fn timestamp_display_padding() {
        assert_eq!(
            format!("{:>25}", Timestamp::UNIX_EPOCH),
            "  1970-01-01T00:00:00.000"
        );
    }

    #[test]
    fn timestamp_f64() {
        assert_eq!(Timestamp::from_secs_f64(0.0), Some(Timestamp::UNIX_EPOCH));
        assert_eq!(
            Timestamp::from_secs_f64(1.5),
            Some(Timestamp::from_nanos(1_500_000_000))
        );
        assert_eq!(
            Timestamp::from_secs_f64(-0.5),
            Some(Timestamp::from_nanos(-500_000_000))
        );
        // Truncation toward zero of secs * 1e9.
        assert_eq!(Timestamp::from_secs_f64(1e-10), Some(Timestamp::UNIX_EPOCH));
        assert_eq!(
            Timestamp::from_secs_f64(-1e-10),
            Some(Timestamp::UNIX_EPOCH)
        );
        assert_eq!(
            Timestamp::from_secs_f64(-1.9e-9),
            Some(Timestamp::from_nanos(-1))
        );
        assert_eq!(Timestamp::from_secs_f64(f64::NAN), None);
        assert_eq!(Timestamp::from_secs_f64(f64::INFINITY), None);
        assert_eq!(Timestamp::from_secs_f64(f64::NEG_INFINITY), None);
        assert_eq!(Timestamp::from_secs_f64(9.3e9), None);
        assert_eq!(Timestamp::from_secs_f64(-9.3e9), None);
        assert_eq!(Timestamp::from_secs_f64(9_223_372_036.854_776), None);
        assert_eq!(
            Timestamp::from_secs_f64(-9_223_372_036.854_776),
            Some(Timestamp::MIN)
        );
        assert_eq!(Timestamp::from_nanos(1_500_000_000).as_secs_f64(), 1.5);
        assert_eq!(Timestamp::from_nanos(-250_000_000).as_secs_f64(), -0.25);
    }

    #[test]
    fn timestamp_arith_and_system_time() {
        let t = Timestamp::from_nanos(1_000);
        let s = Timespan::from_nanos(500);
        assert_eq!(t.checked_add(s), Some(Timestamp::from_nanos(1_500)));
        assert_eq!(t.checked_sub(s), Some(Timestamp::from_nanos(500)));
        assert_eq!(Timestamp::MAX.checked_add(Timespan::from_nanos(1)), None);
        assert_eq!(Timestamp::MIN.checked_sub(Timespan::from_nanos(1)), None);
        assert_eq!(
            t.checked_duration_since(Timestamp::from_nanos(3_000)),
            Some(Timespan::from_nanos(-2_000))
        );
        assert_eq!(Timestamp::MAX.checked_duration_since(Timestamp::MIN), None);

        let now = Timestamp::now();
        assert!(now > ts("2020-01-01T00:00:00"));
        for v in [
            0,
            1,
            -1,
            i64::MIN,
            i64::MAX,
            1_404_901_004_123_456_789,
            -123_456_789_012,
        ] {
            let t = Timestamp::from_nanos(v);
            let st = SystemTime::from(t);
            assert_eq!(Timestamp::try_from(st), Ok(t));
        }
        let far = SystemTime::UNIX_EPOCH + Duration::from_secs(10_000_000_000);
        assert_eq!(Timestamp::try_from(far), Err(TimeRangeError::SystemTime));
        let far_back = SystemTime::UNIX_EPOCH - Duration::from_secs(10_000_000_000);
        assert_eq!(
            Timestamp::try_from(far_back),
            Err(TimeRangeError::SystemTime)
        );
        assert_eq!(
            TimeRangeError::SystemTime.to_string(),
            "system time outside the timestamp range 1677-09-21T00:12:43.145224192 to 2262-04-11T23:47:16.854775807"
        );
    }

    // ----- timespan text -----

    #[test]
    fn timespan_writer() {
        let cases: [(i64, &str); 18] = [
            (0, "0s"),
            (1, "1ns"),
            (999, "999ns"),
            (1_000, "1us"),
            (999_000, "999us"),
            (1_000_000, "1ms"),
            (NANOS_PER_SEC, "1s"),
            (90 * NANOS_PER_SEC, "90s"),
            (1_500_000_000, "1500ms"),
            (-1_500_000_000, "-1500ms"),
            (-120 * NANOS_PER_SEC, "-120s"),
            (2_500, "2500ns"),
            (3_600 * NANOS_PER_SEC, "3600s"),
            (1_000_000_000_000, "1000s"),
            (1_000_001_000, "1000001us"),
            (i64::MIN, "-9223372036854775808ns"),
            (i64::MAX, "9223372036854775807ns"),
            (-1, "-1ns"),
        ];
        for (ns, text) in cases {
            let t = Timespan::from_nanos(ns);
            assert_eq!(t.to_string(), text);
            assert_eq!(wire_span(t), text);
            assert_eq!(span(text), t);
            assert_eq!(Timespan::parse_strict(text), Ok(t));
        }
        assert_eq!(format!("{:<6}|", Timespan::ZERO), "0s    |");
    }

    #[test]
    fn timespan_units() {
        assert_eq!(span("7ns").as_nanos(), 7);
        assert_eq!(span("7us").as_nanos(), 7_000);
        assert_eq!(span("7ms").as_nanos(), 7_000_000);
        assert_eq!(span("7s").as_nanos(), 7_000_000_000);
        assert_eq!(span("7min").as_nanos(), 420_000_000_000);
        assert_eq!(span("7h").as_nanos(), 25_200_000_000_000);
        // The forms Zeek 8.2.2 accepted.
        let s15 = Timespan::from_millis(1_500).unwrap();
        assert_eq!(span("1.5s"), s15);
        assert_eq!(span("1500000us"), s15);
        assert_eq!(span("1500000000ns"), s15);
        assert_eq!(span("90s"), Timespan::from_secs(90).unwrap());
        assert_eq!(span("2min"), Timespan::from_secs(120).unwrap());
        assert_eq!(span("-2min"), Timespan::from_secs(-120).unwrap());
        assert_eq!(span("1h"), Timespan::from_secs(3600).unwrap());
        assert_eq!(span("+5s"), Timespan::from_secs(5).unwrap());
        assert_eq!(span("-0s"), Timespan::ZERO);
        // Old-writer output.
        assert_eq!(span("1.5min"), Timespan::from_secs(90).unwrap());
        assert_eq!(span("1.666667min").as_nanos(), 100_000_020_000);
        assert_eq!(span("15ms"), Timespan::from_millis(15).unwrap());
        assert_eq!(span("-1000000000ns"), Timespan::from_secs(-1).unwrap());
    }

    #[test]
    fn timespan_fraction_truncation() {
        assert_eq!(span("1.5ns").as_nanos(), 1);
        assert_eq!(span("-1.5ns").as_nanos(), -1);
        assert_eq!(span("0.9999ns").as_nanos(), 0);
        assert_eq!(span("1.0015us").as_nanos(), 1_001);
        assert_eq!(span("-1.0015us").as_nanos(), -1_001);
        assert_eq!(span("0.123456789123s").as_nanos(), 123_456_789);
        assert_eq!(
            span("0.333333333333333333333333333333h").as_nanos(),
            1_199_999_999_999
        );
        // 1/6 min = 10 s exactly; digits just above and below.
        assert_eq!(
            span("0.1666666666666666666666666666666666666666667min").as_nanos(),
            10_000_000_000
        );
        assert_eq!(
            span("0.1666666666666666666666666666666666666666666min").as_nanos(),
            9_999_999_999
        );
        assert_eq!(
            span("0.000000000000000000000000000000000000001h").as_nanos(),
            0
        );
        assert_eq!(span("1.000s").as_nanos(), NANOS_PER_SEC);
        assert_eq!(span("007s").as_nanos(), 7 * NANOS_PER_SEC);
    }

    #[test]
    fn timespan_limits() {
        assert_eq!(span("9223372036854775807ns"), Timespan::MAX);
        assert_eq!(span("-9223372036854775808ns"), Timespan::MIN);
        assert_eq!(span("9223372036.854775807s"), Timespan::MAX);
        assert_eq!(span("-9223372036.854775808s"), Timespan::MIN);
        assert_eq!(span("-9223372036.8547758089s"), Timespan::MIN);
        for s in [
            "9223372036854775808ns",
            "-9223372036854775809ns",
            "9223372036.854775808s",
            "9223372037s",
            "2562048h",
            "99999999999999999999999999999999999999999999999ns",
            "18446744073709551616ns",
        ] {
            assert_eq!(
                Timespan::parse(s).unwrap_err().reason(),
                &ParseTimeErrorReason::TimespanRange,
                "{s}"
            );
        }
        assert_eq!(
            span("2562047h").as_nanos(),
            2_562_047 * 3_600 * NANOS_PER_SEC
        );
        assert_eq!(
            span_err("9223372036854775808ns"),
            "invalid timespan \"9223372036854775808ns\": value exceeds the signed 64-bit nanosecond range"
        );
    }

    #[test]
    fn timespan_errors() {
        let cases = [
            ("", "empty input"),
            ("s", "expected decimal digits at byte 0"),
            ("-s", "expected decimal digits at byte 1"),
            ("-", "expected decimal digits at byte 1"),
            (".5s", "expected decimal digits at byte 0"),
            ("1.s", "expected decimal digits at byte 2"),
            ("5", "missing unit, expected one of ns, us, ms, s, min, h"),
            ("1.5", "missing unit, expected one of ns, us, ms, s, min, h"),
            (
                "5d",
                "unknown unit \"d\", expected one of ns, us, ms, s, min, h",
            ),
            (
                "5m",
                "unknown unit \"m\", expected one of ns, us, ms, s, min, h",
            ),
            (
                "5S",
                "unknown unit \"S\", expected one of ns, us, ms, s, min, h",
            ),
            (
                "5 s",
                "unknown unit \" s\", expected one of ns, us, ms, s, min, h",
            ),
            (
                "5sec",
                "unknown unit \"sec\", expected one of ns, us, ms, s, min, h",
            ),
            ("5s ", "unexpected trailing characters at byte 2"),
            ("5s5", "unexpected trailing characters at byte 2"),
            ("5ms.", "unexpected trailing characters at byte 3"),
            (" 5s", "expected decimal digits at byte 0"),
            ("--5s", "expected decimal digits at byte 1"),
            ("+-5s", "expected decimal digits at byte 1"),
            (
                "1e3s",
                "unknown unit \"e\", expected one of ns, us, ms, s, min, h",
            ),
            (
                "0x10s",
                "unknown unit \"x\", expected one of ns, us, ms, s, min, h",
            ),
            (
                "5\u{b5}s",
                "unknown unit \"\u{b5}s\", expected one of ns, us, ms, s, min, h",
            ),
        ];
        for (input, reason) in cases {
            assert_eq!(
                span_err(input),
                format!("invalid timespan {input:?}: {reason}")
            );
        }
        let e = Timespan::parse("5d").unwrap_err();
        assert!(!e.is_timestamp());
        assert_eq!(e.reason(), &ParseTimeErrorReason::UnknownUnit("d".into()));
        assert_eq!("5d".parse::<Timespan>().unwrap_err(), e);
    }

    #[test]
    fn timespan_strict() {
        assert_eq!(span("010s").as_nanos(), 10 * NANOS_PER_SEC);
        let e = Timespan::parse_strict("010s").unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid timespan \"010s\": leading zero in the integer part"
        );
        assert_eq!(e.reason(), &ParseTimeErrorReason::LeadingZero);
        assert!(Timespan::parse_strict("-00s").is_err());
        assert!(Timespan::parse_strict("00.5s").is_err());
        assert_eq!(Timespan::parse_strict("0s"), Ok(Timespan::ZERO));
        assert_eq!(Timespan::parse_strict("-0s"), Ok(Timespan::ZERO));
        assert_eq!(
            Timespan::parse_strict("0.5s"),
            Ok(Timespan::from_millis(500).unwrap())
        );
        assert_eq!(
            Timespan::parse_strict("1.05s"),
            Ok(Timespan::from_millis(1050).unwrap())
        );
        assert_eq!(
            Timespan::parse_strict("100ms"),
            Ok(Timespan::from_millis(100).unwrap())
        );
        assert!(Timespan::parse_strict("5d").is_err());
    }

    #[test]
    fn timespan_round_trips() {
        for n in lcg(20_000) {
            for v in [
                n,
                n / 1000 * 1000,
                n / 1_000_000 * 1_000_000,
                n / NANOS_PER_SEC * NANOS_PER_SEC,
                n % 100_000,
            ] {
                let t = Timespan::from_nanos(v);
                let text = t.to_string();
                assert_eq!(wire_span(t), text);
                assert_eq!(span(&text), t, "{text}");
                assert_eq!(Timespan::parse_strict(&text), Ok(t), "{text}");
            }
        }
    }

    #[test]
    fn timespan_constructors() {
        assert_eq!(
            Timespan::from_secs(2),
            Some(Timespan::from_nanos(2_000_000_000))
        );
        assert_eq!(
            Timespan::from_millis(-3),
            Some(Timespan::from_nanos(-3_000_000))
        );
        assert_eq!(Timespan::from_micros(4), Some(Timespan::from_nanos(4_000)));
        assert_eq!(Timespan::from_secs(i64::MAX), None);
        assert_eq!(Timespan::from_secs(9_223_372_037), None);
        assert_eq!(
            Timespan::from_secs(9_223_372_036),
            Some(Timespan::from_nanos(9_223_372_036_000_000_000))
        );
        assert_eq!(Timespan::from_millis(i64::MIN), None);
        assert_eq!(Timespan::from_micros(i64::MAX / 999), None);
        assert_eq!(Timespan::from_secs_f64(1.5), Timespan::from_millis(1500));
        assert_eq!(
            Timespan::from_secs_f64(-2.0 * 60.0),
            Timespan::from_secs(-120)
        );
        assert_eq!(Timespan::from_secs_f64(1e-10), Some(Timespan::ZERO));
        assert_eq!(
            Timespan::from_secs_f64(-2.9e-9),
            Some(Timespan::from_nanos(-2))
        );
        assert_eq!(Timespan::from_secs_f64(f64::NAN), None);
        assert_eq!(Timespan::from_secs_f64(1e10), None);
        assert_eq!(Timespan::from_millis(1500).unwrap().as_secs_f64(), 1.5);
        assert!(Timespan::from_nanos(-1).is_negative());
        assert!(!Timespan::ZERO.is_negative());
        assert_eq!(Timespan::MIN.checked_neg(), None);
        assert_eq!(
            Timespan::from_nanos(5).checked_neg(),
            Some(Timespan::from_nanos(-5))
        );
        assert_eq!(Timespan::MAX.checked_add(Timespan::from_nanos(1)), None);
        assert_eq!(Timespan::MIN.checked_sub(Timespan::from_nanos(1)), None);
        assert_eq!(
            Timespan::from_nanos(5).checked_sub(Timespan::from_nanos(7)),
            Some(Timespan::from_nanos(-2))
        );
    }

    #[test]
    fn timespan_duration_conversions() {
        assert_eq!(
            Timespan::try_from(Duration::from_millis(1500)),
            Ok(Timespan::from_nanos(1_500_000_000))
        );
        assert_eq!(
            Timespan::try_from(Duration::from_nanos(i64::MAX as u64)),
            Ok(Timespan::MAX)
        );
        let big = Duration::from_nanos(i64::MAX as u64 + 1);
        assert_eq!(
            Timespan::try_from(big),
            Err(TimeRangeError::DurationTooLong(big))
        );
        assert_eq!(
            Timespan::try_from(Duration::MAX),
            Err(TimeRangeError::DurationTooLong(Duration::MAX))
        );
        assert_eq!(
            Duration::try_from(Timespan::from_nanos(7)),
            Ok(Duration::from_nanos(7))
        );
        assert_eq!(
            Duration::try_from(Timespan::MAX),
            Ok(Duration::from_nanos(i64::MAX as u64))
        );
        assert_eq!(Duration::try_from(Timespan::ZERO), Ok(Duration::ZERO));
        let neg = Timespan::from_millis(-1500).unwrap();
        assert_eq!(
            Duration::try_from(neg),
            Err(TimeRangeError::NegativeTimespan(neg))
        );
        assert_eq!(
            TimeRangeError::NegativeTimespan(neg).to_string(),
            "negative timespan -1500ms cannot be converted to a duration"
        );
        assert_eq!(
            TimeRangeError::DurationTooLong(Duration::from_secs(10_000_000_000)).to_string(),
            "duration of 10000000000s exceeds the timespan maximum of 9223372036854775807ns"
        );
    }

    #[test]
    fn no_panic_on_odd_input() {
        // Every prefix and single-byte mutation of valid texts is handled.
        let seeds = [
            "2024-02-29T23:59:59.123456789+23:59",
            "1677-09-21T00:12:43.145224192",
            "-9223372036.854775808s",
            "1.666667min",
        ];
        let alphabet = b"0123456789-+:.TZtzsmhnu d\xc3";
        for seed in seeds {
            let bytes = seed.as_bytes();
            for i in 0..=bytes.len() {
                let _ = Timestamp::parse(&seed[..i]);
                let _ = Timespan::parse(&seed[..i]);
                let _ = Timespan::parse_strict(&seed[..i]);
                for &c in alphabet {
                    let mut m = bytes.to_vec();
                    if i < m.len() {
                        m[i] = c;
                    } else {
                        m.push(c);
                    }
                    let s = String::from_utf8_lossy(&m);
                    let _ = Timestamp::parse(&s);
                    let _ = Timespan::parse(&s);
                    let _ = Timespan::parse_strict(&s);
                }
            }
        }
    }
}
