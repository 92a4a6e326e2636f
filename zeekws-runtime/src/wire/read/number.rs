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
    pub fn read_count(&mut self) -> Result<u64> {
        let start = self.pos;
        let mut n: u64 = 0;
        let mut digits = 0usize;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            n = match n
                .checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(d - b'0')))
            {
                Some(n) => n,
                None => return Err(self.number_out_of_range("count", start)),
            };
            digits += 1;
            self.pos += 1;
        }
        if digits == 0 {
            if self.peek() == Some(b'-') {
                return Err(self.number_out_of_range("count", start));
            }
            return Err(self.syntax("a count (JSON integer)"));
        }
        self.integer_end("count", start)?;
        Ok(n)
    }

    /// Reads an `integer` payload: a JSON integer in -2^63..=2^63-1.
    pub fn read_integer(&mut self) -> Result<i64> {
        let start = self.pos;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        let mut n: u64 = 0;
        let mut digits = 0usize;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            n = match n
                .checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(d - b'0')))
            {
                Some(n) => n,
                None => return Err(self.number_out_of_range("integer", start)),
            };
            digits += 1;
            self.pos += 1;
        }
        if digits == 0 {
            return Err(self.syntax("an integer (JSON integer)"));
        }
        self.integer_end("integer", start)?;
        let value = if negative {
            if n > 1u64 << 63 {
                return Err(self.number_out_of_range("integer", start));
            }
            (n as i64).wrapping_neg()
        } else {
            i64::try_from(n).map_err(|_| self.number_out_of_range("integer", start))?
        };
        Ok(value)
    }

    pub(super) fn integer_end(&mut self, what: &'static str, start: usize) -> Result<()> {
        if let Some(b'.' | b'e' | b'E') = self.peek() {
            self.scan_number();
            let text = String::from_utf8_lossy(&self.input[start..self.pos]).into_owned();
            return Err(self.invalid(
                what,
                format_args!(
                    "{text} is not an integer (Broker refuses a fraction or exponent here)"
                ),
            ));
        }
        Ok(())
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
