//! The encoder: [`Writer`] appends Broker JSON v1 to a byte buffer, compact, exactly as Zeek 8
//! writes it (`@data-type` before `data`, tables as `{"key":..,"value":..}`, `none` as `{}`).
//!
//! Deliberate differences from Zeek's own writer, all so that the output is valid JSON that
//! every Zeek version reads back exactly:
//! - reals are written as the shortest text that round-trips (`-7.5`, `1e-7`), always with a
//!   `.` or an exponent, where Zeek prints C's lossy `%f` (`-7.500000`, `0.000000`);
//!   infinities are written `1e999`/`-1e999` (valid JSON that reads back as infinity) and NaN as
//!   `null` (JSON has no NaN; zeekws reads it back as NaN, a real Zeek refuses it), where Zeek
//!   writes bare `nan`/`inf`;
//! - control characters are escaped (`\u000b` for vertical tab, `\u0001`, ...) where Zeek
//!   writes `\v` and raw bytes;
//! - timestamps keep sub-millisecond precision: exactly 3 fraction digits when the value is a
//!   whole millisecond (as Zeek), else 6 or 9 digits, which Zeek 8 reads as a real fraction.

use std::net::IpAddr;

use crate::net::{Port, Subnet, write_addr};
use crate::time::{Timespan, Timestamp};

/// Appends Broker JSON to a reusable buffer. Every method writes one complete piece; commas
/// between elements are the caller's (see [`Writer::comma`]).
#[derive(Debug, Default, Clone)]
pub struct Writer {
    buf: Vec<u8>,
}

macro_rules! prefix {
    ($tag:literal) => {
        concat!("{\"@data-type\":\"", $tag, "\",\"data\":").as_bytes()
    };
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Self {
        Writer { buf: Vec::new() }
    }

    /// A writer that appends to `buf` (reuse a buffer across messages to avoid allocating).
    pub fn from_vec(buf: Vec<u8>) -> Self {
        Writer { buf }
    }

    /// The bytes written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// Gives the buffer back.
    pub fn into_vec(self) -> Vec<u8> {
        self.buf
    }

    /// The text written (always valid UTF-8: every method writes UTF-8).
    pub fn into_string(self) -> String {
        // Every writer method appends valid UTF-8 (string payloads come from `&str`).
        String::from_utf8(self.buf)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.buf.len()
    }

    /// True when nothing was written.
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// Empties the buffer, keeping its capacity.
    pub fn clear(&mut self) {
        self.buf.clear();
    }

    pub(crate) fn buf_mut(&mut self) -> &mut Vec<u8> {
        &mut self.buf
    }

    /// Appends raw bytes (generated code writes constant prefixes this way).
    #[inline]
    pub fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Writes the `,` between two elements.
    #[inline]
    pub fn comma(&mut self) {
        self.buf.push(b',');
    }

    /// `{"@data-type":"none","data":{}}`
    #[inline]
    pub fn none(&mut self) {
        self.raw(b"{\"@data-type\":\"none\",\"data\":{}}");
    }

    /// A `boolean`.
    #[inline]
    pub fn boolean(&mut self, v: bool) {
        self.raw(if v {
            b"{\"@data-type\":\"boolean\",\"data\":true}"
        } else {
            b"{\"@data-type\":\"boolean\",\"data\":false}"
        });
    }

    /// A `count`.
    #[inline]
    pub fn count(&mut self, v: u64) {
        self.raw(prefix!("count"));
        self.raw(itoa::Buffer::new().format(v).as_bytes());
        self.buf.push(b'}');
    }

    /// An `integer`.
    #[inline]
    pub fn integer(&mut self, v: i64) {
        self.raw(prefix!("integer"));
        self.raw(itoa::Buffer::new().format(v).as_bytes());
        self.buf.push(b'}');
    }

    /// A `real` (see the module docs for the number format).
    #[inline]
    pub fn real(&mut self, v: f64) {
        self.raw(prefix!("real"));
        self.real_payload(v);
        self.buf.push(b'}');
    }

    fn real_payload(&mut self, v: f64) {
        if v.is_finite() {
            // ryu always writes a '.' or an exponent ("42.0", "1e-7"), which Zeek requires.
            self.raw(ryu::Buffer::new().format_finite(v).as_bytes());
        } else if v.is_nan() {
            self.raw(b"null");
        } else if v > 0.0 {
            self.raw(b"1e999");
        } else {
            self.raw(b"-1e999");
        }
    }

    /// A `string`.
    #[inline]
    pub fn string(&mut self, v: &str) {
        self.raw(prefix!("string"));
        self.quoted(v);
        self.buf.push(b'}');
    }

    /// An `enum-value` with the given (qualified) name.
    #[inline]
    pub fn enum_value(&mut self, name: &str) {
        self.raw(prefix!("enum-value"));
        self.quoted(name);
        self.buf.push(b'}');
    }

    /// An `address`: dotted quad for IPv4 and IPv4-mapped IPv6, RFC 5952 text otherwise.
    #[inline]
    pub fn address(&mut self, v: &IpAddr) {
        self.raw(prefix!("address"));
        self.buf.push(b'"');
        write_addr(v, &mut self.buf);
        self.raw(b"\"}");
    }

    /// A `subnet`.
    #[inline]
    pub fn subnet(&mut self, v: &Subnet) {
        self.raw(prefix!("subnet"));
        self.buf.push(b'"');
        v.write_wire(&mut self.buf);
        self.raw(b"\"}");
    }

    /// A `port`.
    #[inline]
    pub fn port(&mut self, v: &Port) {
        self.raw(prefix!("port"));
        self.buf.push(b'"');
        v.write_wire(&mut self.buf);
        self.raw(b"\"}");
    }

    /// A `timestamp`.
    #[inline]
    pub fn timestamp(&mut self, v: &Timestamp) {
        self.raw(prefix!("timestamp"));
        self.buf.push(b'"');
        v.write_wire(&mut self.buf);
        self.raw(b"\"}");
    }

    /// A `timespan`.
    #[inline]
    pub fn timespan(&mut self, v: &Timespan) {
        self.raw(prefix!("timespan"));
        self.buf.push(b'"');
        v.write_wire(&mut self.buf);
        self.raw(b"\"}");
    }

    /// Opens a `vector`; write the elements separated by [`Writer::comma`], then
    /// [`Writer::end_container`].
    #[inline]
    pub fn begin_vector(&mut self) {
        self.raw(b"{\"@data-type\":\"vector\",\"data\":[");
    }

    /// Opens a `set`.
    #[inline]
    pub fn begin_set(&mut self) {
        self.raw(b"{\"@data-type\":\"set\",\"data\":[");
    }

    /// Opens a `table`; write entries with [`Writer::begin_entry`], key, [`Writer::entry_value`],
    /// value, [`Writer::end_entry`], separated by [`Writer::comma`].
    #[inline]
    pub fn begin_table(&mut self) {
        self.raw(b"{\"@data-type\":\"table\",\"data\":[");
    }

    /// Closes a vector, set or table.
    #[inline]
    pub fn end_container(&mut self) {
        self.raw(b"]}");
    }

    /// Opens a table entry: `{"key":`.
    #[inline]
    pub fn begin_entry(&mut self) {
        self.raw(b"{\"key\":");
    }

    /// Between an entry's key and value: `,"value":`.
    #[inline]
    pub fn entry_value(&mut self) {
        self.raw(b",\"value\":");
    }

    /// Closes a table entry: `}`.
    #[inline]
    pub fn end_entry(&mut self) {
        self.buf.push(b'}');
    }

    /// Writes a JSON string literal with Broker's escapes, made valid JSON (see module docs).
    #[inline]
    pub fn quoted(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let start = self.buf.len();
        self.buf.reserve(bytes.len() + 2);
        self.buf.push(b'"');
        if self.plain(bytes) {
            self.buf.push(b'"');
        } else {
            self.buf.truncate(start);
            self.quoted_escaped(bytes);
        }
    }

    /// Appends `bytes` and returns true when none of them needs escaping; returns false
    /// otherwise, with some of them appended. The check and the copy go eight bytes at a
    /// time, and the last word overlaps the one before it: only copies of constant length,
    /// no `memcpy` call, for the short strings a frame is made of.
    #[inline]
    fn plain(&mut self, bytes: &[u8]) -> bool {
        let n = bytes.len();
        let base = self.buf.len();
        if let Some(last) = n.checked_sub(8).and_then(|at| bytes.get(at..)) {
            let mut hit = 0;
            let mut chunks = bytes.chunks_exact(8);
            for chunk in &mut chunks {
                let word = word::<8>(chunk);
                hit |= special(u64::from_le_bytes(word));
                self.buf.extend_from_slice(&word);
            }
            if !chunks.remainder().is_empty() {
                let word = word::<8>(last);
                hit |= special(u64::from_le_bytes(word));
                self.buf.truncate(base + n - 8);
                self.buf.extend_from_slice(&word);
            }
            hit == 0
        } else if let (Some(lo), Some(hi)) = (
            bytes.get(..4),
            n.checked_sub(4).and_then(|at| bytes.get(at..)),
        ) {
            let (lo, hi) = (word::<4>(lo), word::<4>(hi));
            let word =
                u64::from(u32::from_le_bytes(lo)) | (u64::from(u32::from_le_bytes(hi)) << 32);
            self.buf.extend_from_slice(&lo);
            self.buf.truncate(base + n - 4);
            self.buf.extend_from_slice(&hi);
            special(word) == 0
        } else {
            for &b in bytes {
                if b < 0x20 || b == b'"' || b == b'\\' {
                    return false;
                }
                self.buf.push(b);
            }
            true
        }
    }

    /// [`Writer::quoted`] of a string with something to escape.
    #[cold]
    fn quoted_escaped(&mut self, bytes: &[u8]) {
        self.buf.reserve(bytes.len() + 8);
        self.buf.push(b'"');
        let first = first_to_escape(bytes);
        let mut start = 0;
        for (i, &b) in bytes.iter().enumerate().skip(first) {
            let esc: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0C => b"\\f",
                0x00..=0x1F => {
                    self.buf.extend_from_slice(&bytes[start..i]);
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.buf.extend_from_slice(&[
                        b'\\',
                        b'u',
                        b'0',
                        b'0',
                        HEX[usize::from(b >> 4)],
                        HEX[usize::from(b & 15)],
                    ]);
                    start = i + 1;
                    continue;
                }
                _ => continue,
            };
            self.buf.extend_from_slice(&bytes[start..i]);
            self.buf.extend_from_slice(esc);
            start = i + 1;
        }
        self.buf.extend_from_slice(&bytes[start..]);
        self.buf.push(b'"');
    }
}

/// The first `N` bytes of `chunk` (which has at least `N`).
#[inline]
fn word<const N: usize>(chunk: &[u8]) -> [u8; N] {
    chunk.first_chunk::<N>().copied().unwrap_or([0; N])
}

/// The high bit of each byte of `w` that JSON must escape (`"`, `\\`, below 0x20); zero when
/// there is none (exact as to whether there is one).
#[inline]
fn special(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let quote = w ^ (ONES * u64::from(b'"'));
    let backslash = w ^ (ONES * u64::from(b'\\'));
    ((w.wrapping_sub(ONES * 0x20) & !w)
        | (quote.wrapping_sub(ONES) & !quote)
        | (backslash.wrapping_sub(ONES) & !backslash))
        & HIGHS
}

/// Index of the first byte that [`Writer::quoted`] must escape (`"`, `\\`, controls), or
/// the length; scans eight bytes at a time.
#[inline]
fn first_to_escape(bytes: &[u8]) -> usize {
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        if special(u64::from_le_bytes(word::<8>(chunk))) != 0 {
            break;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b < 0x20 || b == b'"' || b == b'\\' {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(f: impl FnOnce(&mut Writer)) -> String {
        let mut w = Writer::new();
        f(&mut w);
        w.into_string()
    }

    #[test]
    fn reals_always_have_a_point_or_exponent() {
        assert_eq!(w(|w| w.real(42.0)), r#"{"@data-type":"real","data":42.0}"#);
        assert_eq!(w(|w| w.real(-7.5)), r#"{"@data-type":"real","data":-7.5}"#);
        assert_eq!(w(|w| w.real(1e-7)), r#"{"@data-type":"real","data":1e-7}"#);
        assert_eq!(
            w(|w| w.real(f64::NAN)),
            r#"{"@data-type":"real","data":null}"#
        );
        assert_eq!(
            w(|w| w.real(f64::NEG_INFINITY)),
            r#"{"@data-type":"real","data":-1e999}"#
        );
    }

    #[test]
    fn numbers_are_written_as_std_writes_them() {
        let mut values = vec![
            0,
            1,
            9,
            10,
            11,
            99,
            100,
            101,
            999,
            1000,
            u64::MAX,
            u64::MAX - 1,
        ];
        for k in 1..20 {
            let p = 10u64.pow(k);
            values.extend([p - 1, p, p + 1, p.wrapping_mul(3) + 7]);
        }
        let mut x = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(x >> (x % 64));
        }
        for v in values {
            assert_eq!(
                w(|w| w.count(v)),
                format!(r#"{{"@data-type":"count","data":{v}}}"#)
            );
            for i in [v as i64, (v as i64).wrapping_neg(), i64::MIN, i64::MAX, -1] {
                assert_eq!(
                    w(|w| w.integer(i)),
                    format!(r#"{{"@data-type":"integer","data":{i}}}"#)
                );
            }
        }
    }

    #[test]
    fn escape_scan_finds_the_first_special_byte() {
        for (text, want) in [
            ("", 0),
            ("plain ascii text, long enough", 29),
            ("0123456789abcdef\"", 16),
            ("0123456789abcdef\\x", 16),
            ("0123456\u{1f}89", 7),
            ("é and more ü text here", 24),
            ("\u{7f} is not escaped", 16),
        ] {
            assert_eq!(first_to_escape(text.as_bytes()), want, "{text:?}");
        }
    }

    /// The escaping a string needs, one byte at a time.
    fn reference_quoted(s: &str) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    #[test]
    fn every_length_with_a_special_byte_at_every_place() {
        for len in 0..40 {
            let plain: String = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH"[..len].to_owned();
            let mut cases = vec![plain.clone(), "é".repeat(len / 2)];
            for at in 0..len {
                for special in ['"', '\\', '\n', '\u{1}', '\u{1f}', ' ', '\u{7f}'] {
                    let mut s = plain.clone();
                    s.replace_range(at..=at, special.encode_utf8(&mut [0; 4]));
                    cases.push(s);
                }
            }
            for s in cases {
                // Behind other output, so that a word written past the end would show.
                let mut w = Writer::new();
                w.raw(b"[");
                w.quoted(&s);
                w.raw(b"]");
                assert_eq!(
                    w.into_string(),
                    format!("[{}]", reference_quoted(&s)),
                    "{s:?}"
                );
            }
        }
    }

    #[test]
    fn strings_escape_only_what_json_needs() {
        assert_eq!(
            w(|w| w.quoted("a\"b\\c\n\t\u{b}\u{1}é\u{7f}")),
            "\"a\\\"b\\\\c\\n\\t\\u000b\\u0001é\u{7f}\""
        );
    }
}
