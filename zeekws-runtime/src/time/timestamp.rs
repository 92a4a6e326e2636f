//! [`Timestamp`]: a point in time, nanoseconds since the epoch.

use super::*;

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
    pub(super) nanos: i64,
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
        let secs_of_day = (in_day / NANOS_PER_SEC) as u32;
        let frac = (in_day % NANOS_PER_SEC) as u32;
        // Filled in place and appended at once: one copy instead of a push per byte.
        let mut text = *b"0000-00-00T00:00:00.000000000";
        // The i64 range spans the years 1677..=2262: always 4 digits.
        fill_digits(&mut text[0..4], year.rem_euclid(10_000) as u32);
        fill_digits(&mut text[5..7], u32::from(month));
        fill_digits(&mut text[8..10], u32::from(day));
        fill_digits(&mut text[11..13], secs_of_day / 3600);
        fill_digits(&mut text[14..16], secs_of_day / 60 % 60);
        fill_digits(&mut text[17..19], secs_of_day % 60);
        let len = if frac.is_multiple_of(1_000_000) {
            fill_digits(&mut text[20..23], frac / 1_000_000);
            23
        } else if frac.is_multiple_of(1_000) {
            fill_digits(&mut text[20..26], frac / 1_000);
            26
        } else {
            fill_digits(&mut text[20..29], frac);
            29
        };
        out.extend_from_slice(&text[..len]);
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
pub(super) fn f64_nanos(secs: f64) -> Option<i64> {
    let ns = secs * 1e9;
    // -2^63 is exactly representable; 2^63 is the first value out of range.
    if ns.is_finite() && (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&ns) {
        Some(ns as i64)
    } else {
        None
    }
}

/// Cursor over ASCII input for the fixed-layout timestamp parser.
pub(super) struct Cursor<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    pub(super) fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    pub(super) fn digits(
        &mut self,
        n: usize,
        expected: &'static str,
    ) -> Result<u32, ParseTimeErrorReason> {
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

    pub(super) fn lit(
        &mut self,
        c: u8,
        expected: &'static str,
    ) -> Result<(), ParseTimeErrorReason> {
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

pub(super) fn parse_timestamp(s: &[u8]) -> Result<Timestamp, ParseTimeErrorReason> {
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
