//! The pull parser every decoder runs on: [`Reader`].
//!
//! It is specialised for Broker's shapes. A value object is expected as Zeek writes it,
//! `{"@data-type":"<tag>","data":<payload>}`, and that layout is matched as byte literals; any
//! other member order or extra members fall back to a general path that records where `data`
//! starts, reads the rest of the object and comes back. Strings are borrowed from the input and
//! only copied when they contain an escape or invalid UTF-8. Zeek's non-standard output is
//! accepted natively: `\v` escapes, raw control characters, bare `nan`/`inf` tokens.
//!
//! Typed decoders (derived or hand-written [`ZeekType`](crate::ZeekType) impls) call
//! [`Reader::begin_value`], one payload method (`read_count`, `begin_seq`, ...) and
//! [`Reader::end_value`].

use std::fmt;

mod container;
mod number;
mod object;
mod skip;
mod string;
mod text;
mod value;

use super::error::{DecodeError, ErrorKind};
use super::options::DecodeOptions;
use crate::value::DataType;
type Result<T> = std::result::Result<T, DecodeError>;

#[derive(Debug, Clone, Copy)]
enum Seg {
    Elem(u32),
    Key,
    Value,
}

/// Marks an open value object; hand it back to [`Reader::end_value`].
#[derive(Debug)]
#[must_use = "pass the frame to Reader::end_value"]
pub struct ValueFrame {
    tag: DataType,
    /// Where the object ends when the general path already read past `data`.
    end: Option<usize>,
}

impl ValueFrame {
    /// The value's `@data-type`.
    pub fn tag(&self) -> DataType {
        self.tag
    }
}

/// State of an open vector/set/table payload; see [`Reader::next_element`].
#[derive(Debug)]
pub struct Seq {
    index: u32,
    started: bool,
    done: bool,
}

impl Seq {
    /// Elements started so far.
    pub fn count(&self) -> usize {
        if self.started {
            self.index as usize + usize::from(!self.done)
        } else {
            0
        }
    }
}

/// An open table entry `{"key": .., "value": ..}`; see [`Reader::begin_entry`].
#[derive(Debug)]
#[must_use = "pass the entry to Reader::entry_value and Reader::end_entry"]
pub struct Entry {
    value_pos: Option<usize>,
    end: Option<usize>,
}

/// A pull parser over one JSON text in Broker's JSON v1 encoding.
#[derive(Debug)]
pub struct Reader<'a> {
    input: &'a [u8],
    /// `input` as text when all of it is valid UTF-8 (checked once, up front): plain
    /// strings are then sliced from it without validating each one again.
    text: Option<&'a str>,
    pos: usize,
    depth: u32,
    opts: DecodeOptions,
    path: Vec<Seg>,
    /// A `none` value object without `data` member: the next `skip_payload` consumes nothing.
    empty_payload: bool,
}

impl<'a> Reader<'a> {
    /// A reader with default [`DecodeOptions`].
    pub fn new(input: &'a [u8]) -> Self {
        Self::with_options(input, DecodeOptions::new())
    }

    /// A reader with the given options. The size limit is checked by [`Reader::check_size`]
    /// (the `json::from_*` functions call it).
    pub fn with_options(input: &'a [u8], opts: DecodeOptions) -> Self {
        Self::build(input, std::str::from_utf8(input).ok(), opts)
    }

    /// A reader of text already known to be UTF-8 (a WebSocket text frame), which is not
    /// checked again.
    pub(crate) fn with_text(text: &'a str, opts: DecodeOptions) -> Self {
        Self::build(text.as_bytes(), Some(text), opts)
    }

    /// True when the input is known to be UTF-8 (given as text, or bytes that passed the check).
    #[cfg(test)]
    pub(crate) fn is_text(&self) -> bool {
        self.text.is_some()
    }

    fn build(input: &'a [u8], text: Option<&'a str>, opts: DecodeOptions) -> Self {
        Reader {
            input,
            text,
            pos: 0,
            depth: 0,
            opts,
            path: Vec::with_capacity(8),
            empty_payload: false,
        }
    }

    /// The whole input.
    pub(crate) fn input(&self) -> &'a [u8] {
        self.input
    }

    /// Refuses input larger than the configured limit.
    pub fn check_size(&self) -> Result<()> {
        if self.input.len() > self.opts.max_size {
            return Err(self.error(ErrorKind::SizeLimit {
                size: self.input.len(),
                limit: self.opts.max_size,
            }));
        }
        Ok(())
    }

    /// The options in force.
    pub fn options(&self) -> DecodeOptions {
        self.opts
    }

    /// Byte offset of the parser.
    pub fn position(&self) -> usize {
        self.pos
    }

    pub(crate) fn seek(&mut self, pos: usize) {
        self.pos = pos;
    }

    fn render_path(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            match seg {
                Seg::Elem(i) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str("data[");
                    out.push_str(itoa::Buffer::new().format(*i));
                    out.push(']');
                }
                Seg::Key => out.push_str(".key"),
                Seg::Value => out.push_str(".value"),
            }
        }
        out
    }

    /// An error of the given kind at the current position and path.
    pub fn error(&self, kind: ErrorKind) -> DecodeError {
        DecodeError::new(kind, self.render_path(), self.pos)
    }

    /// A type mismatch: `expected <expected>, got <got>`.
    #[cold]
    pub fn mismatch(&self, expected: &dyn fmt::Display, got: DataType) -> DecodeError {
        self.error(ErrorKind::TypeMismatch {
            expected: expected.to_string(),
            got,
        })
    }

    /// A wrong element count for a record, tuple, event or array.
    #[cold]
    pub fn length_error(&self, expected: usize, got: usize, extensible: bool) -> DecodeError {
        self.error(ErrorKind::Length {
            expected,
            got,
            extensible,
        })
    }

    #[cold]
    fn syntax(&self, expected: &'static str) -> DecodeError {
        let found = match self.input.get(self.pos..) {
            None | Some([]) => "end of input".to_owned(),
            Some(rest) => format!("`{}`", token(rest)),
        };
        self.error(ErrorKind::Syntax { expected, found })
    }

    #[cold]
    fn invalid(&self, what: &'static str, reason: impl fmt::Display) -> DecodeError {
        self.error(ErrorKind::InvalidValue {
            what,
            reason: reason.to_string(),
        })
    }

    #[inline]
    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    #[inline]
    fn rest(&self) -> &'a [u8] {
        self.input.get(self.pos..).unwrap_or_default()
    }

    #[inline]
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.pos += 1;
        }
    }

    #[inline]
    fn eat(&mut self, b: u8, expected: &'static str) -> Result<()> {
        if self.peek() == Some(b) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.syntax(expected))
        }
    }

    /// Consumes `lit` if the input continues with it, byte for byte (no whitespace is
    /// skipped): the fast path for a layout the caller expects, as Zeek writes it.
    #[inline]
    pub fn eat_literal(&mut self, lit: &[u8]) -> bool {
        if self.rest().starts_with(lit) {
            self.pos += lit.len();
            true
        } else {
            false
        }
    }

    /// Skips whitespace and requires the end of input.
    pub fn finish(&mut self) -> Result<()> {
        self.skip_ws();
        if self.pos < self.input.len() {
            return Err(self.error(ErrorKind::TrailingCharacters));
        }
        Ok(())
    }
}

/// The JSON token at the start of `rest`, for an error message: a whole string (`"30"`),
/// number or word (`nan`, `true`), else one character; at most 32 bytes, then `...`.
fn token(rest: &[u8]) -> String {
    const MAX: usize = 32;
    let len = match rest[0] {
        b'"' => {
            let mut i = 1;
            while i < rest.len() && rest[i] != b'"' {
                i += if rest[i] == b'\\' { 2 } else { 1 };
            }
            (i + 1).min(rest.len())
        }
        b'-' | b'+' | b'.' | b'0'..=b'9' => rest
            .iter()
            .take_while(|c| matches!(c, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'))
            .count(),
        c if c.is_ascii_alphabetic() => rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
            .count(),
        c if c < 0x80 => 1,
        // One UTF-8 character.
        _ => {
            1 + rest[1..]
                .iter()
                .take_while(|c| (**c & 0xC0) == 0x80)
                .count()
        }
    };
    let mut end = len.min(MAX);
    // Never cut inside a UTF-8 sequence.
    while end < rest.len() && end > 0 && (rest[end] & 0xC0) == 0x80 {
        end -= 1;
    }
    let text = String::from_utf8_lossy(&rest[..end]);
    if end < len {
        format!("{text}...")
    } else {
        text.into_owned()
    }
}

/// Non-zero when one of the eight bytes of `w` equals `b` (exact: no false positives for
/// the word as a whole).
#[inline]
pub(super) fn has_byte(w: u64, b: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let x = w ^ (ONES * u64::from(b));
    x.wrapping_sub(ONES) & !x & HIGHS
}
