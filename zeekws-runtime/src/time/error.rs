//! Why a timestamp or timespan text was refused.

use super::*;

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
    pub(super) fn timestamp(input: &str, reason: ParseTimeErrorReason) -> Self {
        Self {
            what: "timestamp",
            input: input.into(),
            reason,
        }
    }

    pub(super) fn timespan(input: &str, reason: ParseTimeErrorReason) -> Self {
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
