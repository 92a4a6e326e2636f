//! [`Timespan`]: a signed duration in nanoseconds.

use super::*;

/// A signed duration in nanoseconds: Broker's `timespan`, Zeek's `interval`.
///
/// Text form (Display, [`write_wire`](Self::write_wire)), as Zeek 6.2 and later
/// emit it: `0s` for zero, otherwise the integer count of the coarsest unit
/// among `ns`, `us`, `ms`, `s` that represents the value exactly: `1500ms`,
/// `90s`, `-1500ms`, `2500ns`. Never `min`/`h`/`d`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timespan {
    pub(super) nanos: i64,
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
    /// one of the units `ns`, `us`, `ms`, `s`, `min`, `h`, or `d` for days, which
    /// zeek-client (Zeek's Python client) writes for whole days (`3d`, `0d`) although
    /// Zeek refuses it. zeekws never writes `d`.
    ///
    /// Computed exactly in integers; a fraction finer than 1 ns is truncated
    /// toward zero. Rejects empty input, missing digits, unknown units,
    /// whitespace, trailing text and values beyond i64.
    /// Does not allocate on success.
    ///
    /// ```
    /// use zeekws_runtime::Timespan;
    ///
    /// assert_eq!(Timespan::parse("1.5s").unwrap(), Timespan::from_millis(1500).unwrap());
    /// assert_eq!(Timespan::parse("3d").unwrap(), Timespan::from_secs(3 * 86_400).unwrap());
    /// assert!(Timespan::parse_strict("3d").is_err()); // as Zeek refuses it
    /// ```
    pub fn parse(s: &str) -> Result<Timespan, ParseTimeError> {
        parse_timespan(s.as_bytes(), false).map_err(|r| ParseTimeError::timespan(s, r))
    }

    /// Like [`Timespan::parse`] but as Zeek reads client input: rejects leading zeros
    /// in the integer part (`010s`; a lone `0` is fine) and the `d` unit.
    pub fn parse_strict(s: &str) -> Result<Timespan, ParseTimeError> {
        parse_timespan(s.as_bytes(), true).map_err(|r| ParseTimeError::timespan(s, r))
    }
}

pub(super) fn parse_timespan(s: &[u8], strict: bool) -> Result<Timespan, ParseTimeErrorReason> {
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
    let units = if strict {
        &SPAN_UNITS[..ZEEK_SPAN_UNITS]
    } else {
        &SPAN_UNITS[..]
    };
    let Some(&(_, unit_ns)) = units.iter().find(|(name, _)| name.as_bytes() == unit_text) else {
        // Report the leading letters as the unit, or a trailing-text error.
        let letters = unit_text
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        if letters > 0
            && units
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
