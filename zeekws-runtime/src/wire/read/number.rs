//! Number and boolean payloads: `count`, `integer`, `real`, `boolean`.

use super::{Reader, Result};
use crate::wire::{DecodeError, ErrorKind};

impl<'a> Reader<'a> {
    /// Reads a `boolean` payload.
    pub fn read_bool(&mut self) -> Result<bool> {
        if self.eat_literal(b"true") {
            Ok(true)
        } else if self.eat_literal(b"false") {
            Ok(false)
        } else {
            Err(self.syntax("true or false"))
        }
    }

    /// Reads a `count` payload: a JSON integer in 0..=2^64-1, never through f64.
    #[inline]
    pub fn read_count(&mut self) -> Result<u64> {
        let start = self.pos;
        let (n, len) = leading_digits(self.rest());
        if len == 0 {
            return Err(if self.peek() == Some(b'-') {
                self.number_out_of_range("count", start)
            } else {
                self.syntax("a count (JSON integer)")
            });
        }
        self.pos = start + len;
        match self.peek() {
            Some(b'0'..=b'9') => self.long_digits(n, "count", start),
            Some(b'.' | b'e' | b'E') => Err(self.not_an_integer("count", start)),
            _ => Ok(n),
        }
    }

    /// Reads an `integer` payload: a JSON integer in -2^63..=2^63-1.
    #[inline]
    pub fn read_integer(&mut self) -> Result<i64> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        let digits = start + usize::from(negative);
        let (mut n, len) = leading_digits(self.input.get(digits..).unwrap_or_default());
        if len == 0 {
            self.pos = digits;
            return Err(self.syntax("an integer (JSON integer)"));
        }
        self.pos = digits + len;
        match self.peek() {
            Some(b'0'..=b'9') => n = self.long_digits(n, "integer", start)?,
            Some(b'.' | b'e' | b'E') => return Err(self.not_an_integer("integer", start)),
            _ => {}
        }
        if negative {
            if n > 1u64 << 63 {
                return Err(self.number_out_of_range("integer", start));
            }
            Ok((n as i64).wrapping_neg())
        } else {
            i64::try_from(n).map_err(|_| self.number_out_of_range("integer", start))
        }
    }

    /// The digits after the nineteenth, which could overflow: checked one by one.
    #[cold]
    fn long_digits(&mut self, mut n: u64, what: &'static str, start: usize) -> Result<u64> {
        while let Some(d @ b'0'..=b'9') = self.peek() {
            n = match n
                .checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(d - b'0')))
            {
                Some(n) => n,
                None => return Err(self.number_out_of_range(what, start)),
            };
            self.pos += 1;
        }
        if let Some(b'.' | b'e' | b'E') = self.peek() {
            return Err(self.not_an_integer(what, start));
        }
        Ok(n)
    }

    #[cold]
    fn not_an_integer(&mut self, what: &'static str, start: usize) -> DecodeError {
        self.scan_number();
        let text = String::from_utf8_lossy(&self.input[start..self.pos]).into_owned();
        self.invalid(
            what,
            format_args!("{text} is not an integer (Broker refuses a fraction or exponent here)"),
        )
    }

    #[cold]
    pub(super) fn number_out_of_range(&mut self, what: &'static str, start: usize) -> DecodeError {
        self.pos = start;
        self.scan_number();
        let text = String::from_utf8_lossy(&self.input[start..self.pos]).into_owned();
        self.pos = start;
        self.error(ErrorKind::OutOfRange { what, text })
    }

    pub(super) fn scan_number(&mut self) {
        while let Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') = self.peek() {
            self.pos += 1;
        }
    }

    /// Reads a `real` payload. Accepts integral numbers (`42`, as Zeek 6.1 and older write
    /// 42.0) unless strict, the bare tokens `nan`, `-nan`, `inf`, `-inf` (Zeek's output for
    /// non-finite values), `NaN`/`Infinity`/`-Infinity`, and `null` (zeekws' own encoding of NaN).
    pub fn read_real(&mut self) -> Result<f64> {
        let start = self.pos;
        self.scan_number();
        let text = &self.input[start..self.pos];
        if text.is_empty() || text == b"-" || text == b"+" {
            self.pos = start;
            for (lit, v) in [
                (&b"nan"[..], f64::NAN),
                (b"-nan", -f64::NAN),
                (b"+nan", f64::NAN),
                (b"inf", f64::INFINITY),
                (b"-inf", f64::NEG_INFINITY),
                (b"+inf", f64::INFINITY),
                (b"NaN", f64::NAN),
                (b"Infinity", f64::INFINITY),
                (b"-Infinity", f64::NEG_INFINITY),
                (b"null", f64::NAN),
            ] {
                if self.eat_literal(lit) {
                    return Ok(v);
                }
            }
            return Err(self.syntax("a real (JSON number)"));
        }
        if self.opts.zeek_server_rules && !text.iter().any(|b| matches!(b, b'.' | b'e' | b'E')) {
            self.pos = start;
            return Err(self.invalid(
                "real",
                format_args!(
                    "{} has no decimal point or exponent",
                    String::from_utf8_lossy(text)
                ),
            ));
        }
        // The scanned bytes are ASCII by construction.
        let s = std::str::from_utf8(text).unwrap_or_default();
        if !is_json_number(text) {
            self.pos = start;
            return Err(self.invalid("real", format_args!("{s:?} is not a number")));
        }
        s.parse::<f64>().map_err(|_| {
            let e = self.invalid("real", format_args!("{s:?} is not a number"));
            self.pos = start;
            e
        })
    }
}

/// JSON number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, relaxed to
/// allow leading zeros (CAF accepts them).
pub(super) fn is_json_number(t: &[u8]) -> bool {
    let mut i = 0;
    if t.first() == Some(&b'-') {
        i += 1;
    }
    let int_start = i;
    while t.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    if i == int_start {
        return false;
    }
    if t.get(i) == Some(&b'.') {
        i += 1;
        let f = i;
        while t.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == f {
            return false;
        }
    }
    if let Some(b'e' | b'E') = t.get(i) {
        i += 1;
        if let Some(b'+' | b'-') = t.get(i) {
            i += 1;
        }
        let e = i;
        while t.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == e {
            return false;
        }
    }
    i == t.len()
}

/// The value of the first (at most nineteen) ASCII digits of `bytes` and how many there
/// were: nineteen digits never overflow a `u64`, so no digit is checked.
#[inline]
fn leading_digits(bytes: &[u8]) -> (u64, usize) {
    let mut n = 0u64;
    let mut len = 0;
    while len < 19 {
        match bytes.get(len) {
            Some(&d @ b'0'..=b'9') => {
                n = n * 10 + u64::from(d - b'0');
                len += 1;
            }
            _ => break,
        }
    }
    (n, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(text: &str) -> Result<u64> {
        Reader::new(text.as_bytes()).read_count()
    }

    fn integer(text: &str) -> Result<i64> {
        Reader::new(text.as_bytes()).read_integer()
    }

    /// Around the nineteen digits read unchecked: every length agrees with `str::parse`,
    /// and what does not fit is out of range, never wrapped.
    #[test]
    fn every_digit_count_reads_as_str_parse_does() {
        for len in 1..=22 {
            for first in ['1', '9'] {
                let text: String = std::iter::once(first)
                    .chain("8446744073709551615999".chars())
                    .take(len)
                    .collect();
                assert_eq!(count(&text).ok(), text.parse::<u64>().ok(), "count {text}");
                for sign in ["", "-"] {
                    let text = format!("{sign}{text}");
                    assert_eq!(
                        integer(&text).ok(),
                        text.parse::<i64>().ok(),
                        "integer {text}"
                    );
                }
                let input = format!("{text},1");
                let mut r = Reader::new(input.as_bytes());
                if let Ok(n) = r.read_count() {
                    assert_eq!(n.to_string().len(), len);
                    assert_eq!(r.position(), len, "stops at the comma");
                }
            }
        }
        assert_eq!(count("18446744073709551615").unwrap(), u64::MAX);
        assert_eq!(integer("-9223372036854775808").unwrap(), i64::MIN);
    }

    #[test]
    fn fractions_and_exponents_are_refused_after_any_number_of_digits() {
        for digits in ["1", "1234567890123456789", "12345678901234567890"] {
            for tail in [".5", "e3", "E3"] {
                let text = format!("{digits}{tail}");
                let e = count(&text).unwrap_err();
                assert!(e.to_string().contains("is not an integer"), "{text}: {e}");
                assert!(integer(&text).is_err(), "{text}");
            }
        }
        assert!(
            count("-1")
                .unwrap_err()
                .to_string()
                .contains("out of range")
        );
        assert!(count("x").is_err() && integer("-").is_err() && integer("").is_err());
    }
}
