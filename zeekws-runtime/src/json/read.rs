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

use std::borrow::Cow;
use std::fmt;
use std::net::IpAddr;

use super::error::{DecodeError, ErrorKind};
use crate::net::{Port, Subnet, parse_addr};
use crate::time::{Timespan, Timestamp};
use crate::value::DataType;

type Result<T> = std::result::Result<T, DecodeError>;

/// Limits and leniency for decoding. The defaults take everything any Zeek 5.0 to 8.x sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeOptions {
    pub(crate) max_depth: u32,
    pub(crate) max_size: usize,
    pub(crate) strict: bool,
}

impl DecodeOptions {
    /// The largest `max_depth` accepted; deeper limits could exhaust a thread's stack.
    pub const MAX_DEPTH_CEILING: u32 = 1024;

    /// Defaults: 128 nested containers (CAF's JSON limit in Zeek), 256 MiB of input
    /// (Zeek itself has no limit and real deployments send 16 MiB frames), lenient.
    pub const fn new() -> Self {
        DecodeOptions {
            max_depth: 128,
            max_size: 256 << 20,
            strict: false,
        }
    }

    /// How many containers (vector, set, table) may nest. Clamped to [`Self::MAX_DEPTH_CEILING`].
    pub const fn max_depth(mut self, depth: u32) -> Self {
        self.max_depth = if depth > Self::MAX_DEPTH_CEILING {
            Self::MAX_DEPTH_CEILING
        } else {
            depth
        };
        self
    }

    /// The largest input accepted, in bytes.
    pub const fn max_size(mut self, bytes: usize) -> Self {
        self.max_size = bytes;
        self
    }

    /// Accept only what a Zeek 8 server accepts from clients: reals must contain `.` or an
    /// exponent (`42` is refused), timespans must not have leading zeros, port numbers above
    /// 65535 wrap as Zeek wraps them. The Zeek imitation server decodes with this.
    pub const fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Whether [`DecodeOptions::strict`] is on.
    pub const fn is_strict(&self) -> bool {
        self.strict
    }
}

impl Default for DecodeOptions {
    fn default() -> Self {
        Self::new()
    }
}

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
    pos: usize,
    depth: u32,
    opts: DecodeOptions,
    path: Vec<Seg>,
    /// A `none` value object without `data` member: the next `skip_payload` consumes nothing.
    empty_payload: bool,
}

const LITERAL_DATA_TYPE: &[u8] = b"\"@data-type\"";
const LITERAL_DATA: &[u8] = b"\"data\"";

impl<'a> Reader<'a> {
    /// A reader with default [`DecodeOptions`].
    pub fn new(input: &'a [u8]) -> Self {
        Self::with_options(input, DecodeOptions::new())
    }

    /// A reader with the given options. The size limit is checked by [`Reader::check_size`]
    /// (the `json::from_*` functions call it).
    pub fn with_options(input: &'a [u8], opts: DecodeOptions) -> Self {
        Reader {
            input,
            pos: 0,
            depth: 0,
            opts,
            path: Vec::with_capacity(8),
            empty_payload: false,
        }
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

    // ---- errors ------------------------------------------------------------------------

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
            Some(rest) => {
                let n = rest.len().min(24);
                let mut end = n;
                // never cut inside a UTF-8 sequence
                while end < rest.len() && end > 0 && (rest[end] & 0xC0) == 0x80 {
                    end -= 1;
                }
                let q = String::from_utf8_lossy(&rest[..end]);
                if rest.len() > end {
                    format!("{q:?}...")
                } else {
                    format!("{q:?}")
                }
            }
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

    // ---- bytes -------------------------------------------------------------------------

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

    #[inline]
    fn eat_literal(&mut self, lit: &[u8]) -> bool {
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

    // ---- value objects -----------------------------------------------------------------

    /// Opens a value object and positions the reader at its payload.
    #[inline]
    pub fn begin_value(&mut self) -> Result<ValueFrame> {
        if let Some(frame) = self.begin_value_compact() {
            return Ok(frame);
        }
        self.begin_value_spaced()
    }

    /// Opens a value object that should be of type `tag` (typed decoders know what they
    /// expect): Zeek's compact opening for that type is matched as one literal; anything else
    /// (another type, another layout) takes [`Reader::begin_value`]'s way.
    #[inline]
    pub fn begin_value_expecting(&mut self, tag: DataType) -> Result<ValueFrame> {
        let lit = tag.compact_prefix();
        if self.rest().starts_with(lit) {
            self.pos += lit.len();
            return Ok(ValueFrame { tag, end: None });
        }
        self.begin_value()
    }

    /// The hot path: a value object exactly as Zeek 8 and zeekws write it,
    /// `{"@data-type":"<tag>","data":`, matched as one prefix plus the tag.
    #[inline]
    fn begin_value_compact(&mut self) -> Option<ValueFrame> {
        const HEAD: &[u8] = b"{\"@data-type\":\"";
        const TAIL: &[u8] = b"\",\"data\":";
        let after = self.rest().strip_prefix(HEAD)?;
        let (tag, name): (DataType, &[u8]) = match *after.first()? {
            b'c' => (DataType::Count, b"count"),
            b'i' => (DataType::Integer, b"integer"),
            b'r' => (DataType::Real, b"real"),
            b'b' => (DataType::Boolean, b"boolean"),
            b'a' => (DataType::Address, b"address"),
            b'p' => (DataType::Port, b"port"),
            b'e' => (DataType::EnumValue, b"enum-value"),
            b'v' => (DataType::Vector, b"vector"),
            b'n' => (DataType::None, b"none"),
            b's' => match after.get(1..3)? {
                b"tr" => (DataType::String, b"string"),
                b"ub" => (DataType::Subnet, b"subnet"),
                b"et" => (DataType::Set, b"set"),
                _ => return None,
            },
            b't' => match (after.get(1)?, after.get(5)?) {
                (b'i', b't') => (DataType::Timestamp, b"timestamp"),
                (b'i', b'p') => (DataType::Timespan, b"timespan"),
                (b'a', _) => (DataType::Table, b"table"),
                _ => return None,
            },
            _ => return None,
        };
        if !after.strip_prefix(name)?.starts_with(TAIL) {
            return None;
        }
        self.pos += HEAD.len() + name.len() + TAIL.len();
        Some(ValueFrame { tag, end: None })
    }

    /// Any whitespace, then Zeek's member order; other layouts go the general way.
    fn begin_value_spaced(&mut self) -> Result<ValueFrame> {
        self.skip_ws();
        if self.peek() != Some(b'{') {
            return Err(self.syntax("a value object {\"@data-type\": .., \"data\": ..}"));
        }
        let open = self.pos + 1;
        self.pos = open;
        self.skip_ws();
        if self.eat_literal(LITERAL_DATA_TYPE) {
            self.skip_ws();
            self.eat(b':', "':'")?;
            self.skip_ws();
            let tag = self.read_tag()?;
            self.skip_ws();
            if self.peek() == Some(b',') {
                self.pos += 1;
                self.skip_ws();
                if self.eat_literal(LITERAL_DATA) {
                    self.skip_ws();
                    self.eat(b':', "':'")?;
                    self.skip_ws();
                    return Ok(ValueFrame { tag, end: None });
                }
            }
        }
        self.pos = open;
        self.begin_value_general()
    }

    #[cold]
    fn begin_value_general(&mut self) -> Result<ValueFrame> {
        let mut tag = None;
        let mut data = None;
        self.members(true, "',' or '}' in a value object", |r, key| {
            match key.as_ref() {
                "@data-type" => tag = Some(r.read_tag()?),
                "data" => {
                    data = Some(r.pos);
                    r.skip_json()?;
                }
                _ => r.skip_json()?,
            }
            Ok(())
        })?;
        let end = self.pos;
        let Some(tag) = tag else {
            return Err(self.error(ErrorKind::MissingMember("@data-type")));
        };
        match data {
            Some(d) => self.pos = d,
            // Broker ignores `data` for none; tolerate its absence there only.
            None if tag == DataType::None => self.empty_payload = true,
            None => return Err(self.error(ErrorKind::MissingMember("data"))),
        }
        Ok(ValueFrame {
            tag,
            end: Some(end),
        })
    }

    /// Reads an object key and the `:` after it.
    fn read_key(&mut self) -> Result<Cow<'a, str>> {
        if self.peek() != Some(b'"') {
            return Err(self.syntax("a member name"));
        }
        let key = self.parse_string()?;
        self.skip_ws();
        self.eat(b':', "':'")?;
        self.skip_ws();
        Ok(key)
    }

    fn read_tag(&mut self) -> Result<DataType> {
        if self.peek() != Some(b'"') {
            return Err(self.syntax("a @data-type string"));
        }
        let start = self.pos + 1;
        let rest = self.input.get(start..).unwrap_or_default();
        if let Some(n) = rest.iter().take(16).position(|&b| b == b'"' || b == b'\\')
            && rest[n] == b'"'
            && let Some(t) = DataType::from_bytes(&rest[..n])
        {
            self.pos = start + n + 1;
            return Ok(t);
        }
        let name = self.parse_string()?;
        DataType::from_name(&name)
            .ok_or_else(|| self.error(ErrorKind::UnknownDataType(name.into_owned())))
    }

    /// Closes the value object opened by [`Reader::begin_value`] (after its payload was read).
    pub fn end_value(&mut self, frame: ValueFrame) -> Result<()> {
        self.close_object(frame.end, "',' or '}' after a value's data")
    }

    /// Finishes an object whose interesting member was just read: jumps to `end` when the
    /// general path already read the whole object, else skips any further `"k": v` members
    /// up to and including the closing brace.
    fn close_object(&mut self, end: Option<usize>, expected: &'static str) -> Result<()> {
        if let Some(end) = end {
            self.pos = end;
            return Ok(());
        }
        self.skip_ws();
        match self.peek() {
            Some(b'}') => {
                self.pos += 1;
                Ok(())
            }
            Some(b',') => {
                self.pos += 1;
                self.members(false, "',' or '}'", |r, _| r.skip_json())
            }
            _ => Err(self.syntax(expected)),
        }
    }

    /// Reads object members up to and including the closing `}`: `member` gets each key and
    /// must consume its value. `may_be_empty` when the `{` was just read (not after a `,`).
    fn members(
        &mut self,
        may_be_empty: bool,
        expected: &'static str,
        mut member: impl FnMut(&mut Self, Cow<'a, str>) -> Result<()>,
    ) -> Result<()> {
        self.skip_ws();
        if may_be_empty && self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.skip_ws();
            let key = self.read_key()?;
            member(self, key)?;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(self.syntax(expected)),
            }
        }
    }

    /// Opens a value object and checks its tag, or reports `expected <what>, got <tag>`.
    #[inline]
    pub fn begin_typed(&mut self, tag: DataType, what: &dyn fmt::Display) -> Result<ValueFrame> {
        let frame = self.begin_value()?;
        if frame.tag != tag {
            return Err(self.mismatch(what, frame.tag));
        }
        Ok(frame)
    }

    // ---- payloads ----------------------------------------------------------------------

    /// Skips the payload of the current value (any JSON).
    pub fn skip_payload(&mut self) -> Result<()> {
        if std::mem::take(&mut self.empty_payload) {
            return Ok(());
        }
        self.skip_json()
    }

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

    fn integer_end(&mut self, what: &'static str, start: usize) -> Result<()> {
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
    fn number_out_of_range(&mut self, what: &'static str, start: usize) -> DecodeError {
        self.pos = start;
        self.scan_number();
        let text = String::from_utf8_lossy(&self.input[start..self.pos]).into_owned();
        self.pos = start;
        self.error(ErrorKind::OutOfRange { what, text })
    }

    fn scan_number(&mut self) {
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
        if self.opts.strict && !text.iter().any(|b| matches!(b, b'.' | b'e' | b'E')) {
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

    /// Reads a JSON string payload, borrowed when it has no escapes.
    ///
    /// Accepts Zeek's `\v` escape and raw control bytes; invalid UTF-8 is replaced by U+FFFD;
    /// an unknown escape letter becomes `?` as in Broker's own parser.
    pub fn read_str(&mut self) -> Result<Cow<'a, str>> {
        if self.peek() != Some(b'"') {
            return Err(self.syntax("a JSON string"));
        }
        self.parse_string()
    }

    fn parse_string(&mut self) -> Result<Cow<'a, str>> {
        let start = self.pos + 1;
        let bytes = self.input;
        let mut i = start;
        // Eight bytes at a time while none of them is a quote or a backslash.
        while let Some(chunk) = bytes.get(i..i + 8) {
            let Ok(chunk) = <[u8; 8]>::try_from(chunk) else {
                break;
            };
            let w = u64::from_le_bytes(chunk);
            if has_byte(w, b'"') | has_byte(w, b'\\') != 0 {
                break;
            }
            i += 8;
        }
        while let Some(&b) = bytes.get(i) {
            if b == b'"' {
                self.pos = i + 1;
                let raw = &bytes[start..i];
                return Ok(match std::str::from_utf8(raw) {
                    Ok(s) => Cow::Borrowed(s),
                    Err(_) => Cow::Owned(String::from_utf8_lossy(raw).into_owned()),
                });
            }
            if b == b'\\' {
                return self.parse_string_escaped(start, i);
            }
            i += 1;
        }
        self.pos = bytes.len();
        Err(self.syntax("a closing '\"'"))
    }

    #[cold]
    fn parse_string_escaped(&mut self, start: usize, first_escape: usize) -> Result<Cow<'a, str>> {
        let bytes = self.input;
        let mut out: Vec<u8> = Vec::with_capacity(first_escape - start + 16);
        out.extend_from_slice(&bytes[start..first_escape]);
        let mut i = first_escape;
        loop {
            let Some(&b) = bytes.get(i) else {
                self.pos = bytes.len();
                return Err(self.syntax("a closing '\"'"));
            };
            match b {
                b'"' => {
                    self.pos = i + 1;
                    return Ok(Cow::Owned(match String::from_utf8(out) {
                        Ok(s) => s,
                        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
                    }));
                }
                b'\\' => {
                    let Some(&esc) = bytes.get(i + 1) else {
                        self.pos = bytes.len();
                        return Err(self.syntax("an escape character"));
                    };
                    i += 2;
                    match esc {
                        b'"' => out.push(b'"'),
                        b'\\' => out.push(b'\\'),
                        b'/' => out.push(b'/'),
                        b'b' => out.push(0x08),
                        b'f' => out.push(0x0C),
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'v' => out.push(0x0B),
                        b'u' => {
                            self.pos = i;
                            let c = self.parse_unicode_escape()?;
                            i = self.pos;
                            let mut buf = [0u8; 4];
                            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                        }
                        _ => out.push(b'?'),
                    }
                }
                _ => {
                    out.push(b);
                    i += 1;
                }
            }
        }
    }

    /// After `\u`: four hex digits, combining surrogate pairs; lone surrogates become U+FFFD.
    fn parse_unicode_escape(&mut self) -> Result<char> {
        let hi = self.hex4()?;
        if (0xD800..0xDC00).contains(&hi) {
            if self.rest().starts_with(b"\\u") {
                let save = self.pos;
                self.pos += 2;
                let lo = self.hex4()?;
                if (0xDC00..0xE000).contains(&lo) {
                    let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    return Ok(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                }
                self.pos = save;
            }
            return Ok(char::REPLACEMENT_CHARACTER);
        }
        Ok(char::from_u32(hi).unwrap_or(char::REPLACEMENT_CHARACTER))
    }

    fn hex4(&mut self) -> Result<u32> {
        let Some(digits) = self.input.get(self.pos..self.pos + 4) else {
            return Err(self.syntax("four hex digits after \\u"));
        };
        let mut v = 0u32;
        for &d in digits {
            let x = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(self.syntax("four hex digits after \\u")),
            };
            v = v * 16 + u32::from(x);
        }
        self.pos += 4;
        Ok(v)
    }

    /// Reads a string payload and parses it as `what`; a parse failure is reported at the
    /// payload with the parser's reason.
    fn read_parsed<T, E: fmt::Display>(
        &mut self,
        what: &'static str,
        parse: impl FnOnce(&str) -> std::result::Result<T, E>,
    ) -> Result<T> {
        let start = self.pos;
        let s = self.read_str()?;
        parse(&s).map_err(|e| {
            self.pos = start;
            self.invalid(what, e)
        })
    }

    /// Reads a `timestamp` payload (`2014-07-09T10:16:44.123`, 1 to 9 fraction digits,
    /// optional `Z` or offset; no zone means UTC).
    pub fn read_timestamp(&mut self) -> Result<Timestamp> {
        self.read_parsed("timestamp", Timestamp::parse)
    }

    /// Reads a `timespan` payload (`1500ms`; also the old `1.5s` and `2min`/`h` forms;
    /// strict decoding refuses leading zeros as Zeek does).
    pub fn read_timespan(&mut self) -> Result<Timespan> {
        if self.opts.strict {
            self.read_parsed("timespan", Timespan::parse_strict)
        } else {
            self.read_parsed("timespan", Timespan::parse)
        }
    }

    /// Reads a `port` payload (`80/tcp`, `0/?`; a bare number is TCP; strict decoding wraps
    /// numbers above 65535 as Zeek does, lenient decoding refuses them).
    pub fn read_port(&mut self) -> Result<Port> {
        if self.opts.strict {
            self.read_parsed("port", Port::parse_wrapping)
        } else {
            self.read_parsed("port", Port::parse)
        }
    }

    /// Reads an `address` payload; IPv4-mapped IPv6 comes back as IPv4.
    pub fn read_address(&mut self) -> Result<IpAddr> {
        self.read_parsed("address", parse_addr)
    }

    /// Reads a `subnet` payload (`10.0.0.0/8`; host bits are masked).
    pub fn read_subnet(&mut self) -> Result<Subnet> {
        self.read_parsed("subnet", Subnet::parse)
    }

    // ---- containers --------------------------------------------------------------------

    /// Opens the JSON array payload of a vector, set or table.
    pub fn begin_seq(&mut self) -> Result<Seq> {
        if self.peek() != Some(b'[') {
            return Err(self.syntax("a JSON array"));
        }
        if self.depth >= self.opts.max_depth {
            return Err(self.error(ErrorKind::DepthLimit(self.opts.max_depth)));
        }
        self.pos += 1;
        self.depth += 1;
        self.path.push(Seg::Elem(0));
        Ok(Seq {
            index: 0,
            started: false,
            done: false,
        })
    }

    /// Advances to the next element: `true` when one follows (read it), `false` at the end
    /// of the array (which is then consumed).
    #[inline]
    pub fn next_element(&mut self, seq: &mut Seq) -> Result<bool> {
        if seq.done {
            return Ok(false);
        }
        self.skip_ws();
        let more = if !seq.started {
            seq.started = true;
            self.peek() != Some(b']')
        } else {
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    seq.index += 1;
                    if let Some(Seg::Elem(i)) = self.path.last_mut() {
                        *i = seq.index;
                    }
                    true
                }
                Some(b']') => false,
                _ => return Err(self.syntax("',' or ']'")),
            }
        };
        if !more {
            self.pos += 1;
            seq.done = true;
            self.path.pop();
            self.depth -= 1;
        }
        Ok(more)
    }

    /// Skips one whole JSON value at the current position (an array element that
    /// [`Reader::next_element`] announced but the caller does not want).
    pub fn skip_value(&mut self) -> Result<()> {
        self.skip_json()
    }

    /// Skips the remaining elements of an open array and returns how many there were.
    pub fn skip_rest(&mut self, seq: &mut Seq) -> Result<usize> {
        let mut n = 0;
        while self.next_element(seq)? {
            self.skip_json()?;
            n += 1;
        }
        Ok(n)
    }

    /// Opens a table entry and positions the reader at its key's value object.
    pub fn begin_entry(&mut self) -> Result<Entry> {
        self.skip_ws();
        self.eat(b'{', "a table entry {\"key\": .., \"value\": ..}")?;
        let open = self.pos;
        self.skip_ws();
        if self.eat_literal(b"\"key\"") {
            self.skip_ws();
            self.eat(b':', "':'")?;
            self.path.push(Seg::Key);
            return Ok(Entry {
                value_pos: None,
                end: None,
            });
        }
        self.pos = open;
        self.begin_entry_general()
    }

    #[cold]
    fn begin_entry_general(&mut self) -> Result<Entry> {
        let (mut key, mut value) = (None, None);
        self.members(true, "',' or '}' in a table entry", |r, name| {
            match name.as_ref() {
                "key" => key = Some(r.pos),
                "value" => value = Some(r.pos),
                _ => {}
            }
            r.skip_json()
        })?;
        let end = self.pos;
        let key = key.ok_or_else(|| self.error(ErrorKind::MissingMember("key")))?;
        let value = value.ok_or_else(|| self.error(ErrorKind::MissingMember("value")))?;
        self.pos = key;
        self.path.push(Seg::Key);
        Ok(Entry {
            value_pos: Some(value),
            end: Some(end),
        })
    }

    /// Moves from an entry's key (already read) to its value.
    pub fn entry_value(&mut self, entry: &mut Entry) -> Result<()> {
        if let Some(last) = self.path.last_mut() {
            *last = Seg::Value;
        }
        if let Some(v) = entry.value_pos {
            self.pos = v;
            return Ok(());
        }
        self.skip_ws();
        self.eat(b',', "',' after a table key")?;
        self.skip_ws();
        if self.eat_literal(b"\"value\"") {
            self.skip_ws();
            return self.eat(b':', "':'");
        }
        loop {
            let name = self.read_key()?;
            if name == "value" {
                return Ok(());
            }
            self.skip_json()?;
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                }
                _ => return Err(self.error(ErrorKind::MissingMember("value"))),
            }
        }
    }

    /// Closes a table entry after its value was read.
    pub fn end_entry(&mut self, entry: Entry) -> Result<()> {
        self.path.pop();
        self.close_object(entry.end, "',' or '}' after a table value")
    }

    // ---- generic JSON --------------------------------------------------------------------

    /// Skips one JSON value of any shape, validating its syntax, within the nesting limit.
    /// Iterative, so hostile nesting costs heap (bounded by the limit), never stack.
    fn skip_json(&mut self) -> Result<()> {
        // Two JSON levels per Broker container, plus slack for the envelope.
        let limit = self.opts.max_depth as usize * 2 + 4;
        // The closing bracket of every open container.
        let mut open: Vec<u8> = Vec::new();
        loop {
            // A value.
            self.skip_ws();
            let close = match self.peek() {
                Some(b'{') => Some(b'}'),
                Some(b'[') => Some(b']'),
                _ => None,
            };
            if let Some(close) = close {
                self.pos += 1;
                self.skip_ws();
                if self.peek() == Some(close) {
                    self.pos += 1;
                } else {
                    if open.len() >= limit {
                        return Err(self.error(ErrorKind::DepthLimit(self.opts.max_depth)));
                    }
                    open.push(close);
                    if close == b'}' {
                        self.read_key()?;
                    }
                    continue;
                }
            } else {
                self.skip_scalar()?;
            }
            // After a value: close containers until one continues with `,`.
            loop {
                let Some(&close) = open.last() else {
                    return Ok(());
                };
                self.skip_ws();
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        if close == b'}' {
                            self.skip_ws();
                            self.read_key()?;
                        }
                        break;
                    }
                    Some(c) if c == close => {
                        self.pos += 1;
                        open.pop();
                    }
                    _ if close == b'}' => return Err(self.syntax("',' or '}'")),
                    _ => return Err(self.syntax("',' or ']'")),
                }
            }
        }
    }

    /// Skips a string, literal or number.
    fn skip_scalar(&mut self) -> Result<()> {
        match self.peek() {
            Some(b'"') => self.parse_string().map(drop),
            Some(b't') if self.eat_literal(b"true") => Ok(()),
            Some(b'f') if self.eat_literal(b"false") => Ok(()),
            Some(b'n') if self.eat_literal(b"null") || self.eat_literal(b"nan") => Ok(()),
            Some(b'i') if self.eat_literal(b"inf") => Ok(()),
            Some(b'N') if self.eat_literal(b"NaN") => Ok(()),
            Some(b'I') if self.eat_literal(b"Infinity") => Ok(()),
            Some(b'-' | b'0'..=b'9') => {
                if self.eat_literal(b"-nan")
                    || self.eat_literal(b"-inf")
                    || self.eat_literal(b"-Infinity")
                {
                    return Ok(());
                }
                let start = self.pos;
                self.scan_number();
                if is_json_number(&self.input[start..self.pos]) {
                    Ok(())
                } else {
                    self.pos = start;
                    Err(self.syntax("a JSON value"))
                }
            }
            _ => Err(self.syntax("a JSON value")),
        }
    }

    /// Reads any JSON string at the current position (for envelopes: topics, ack fields).
    pub(crate) fn read_any_string(&mut self, expected: &'static str) -> Result<Cow<'a, str>> {
        self.skip_ws();
        if self.peek() != Some(b'"') {
            return Err(self.syntax(expected));
        }
        self.parse_string()
    }

    pub(crate) fn read_member_key(&mut self) -> Result<Cow<'a, str>> {
        self.skip_ws();
        self.read_key()
    }

    pub(crate) fn skip_any(&mut self) -> Result<()> {
        self.skip_json()
    }

    /// Consumes `lit` if the input continues with it (no whitespace skipped).
    pub(crate) fn eat_literal_pub(&mut self, lit: &[u8]) -> bool {
        self.eat_literal(lit)
    }

    pub(crate) fn open_object(&mut self, expected: &'static str) -> Result<bool> {
        self.skip_ws();
        self.eat(b'{', expected)?;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(false);
        }
        Ok(true)
    }

    /// After a member: `true` if another member follows, `false` at `}` (consumed).
    pub(crate) fn next_member(&mut self) -> Result<bool> {
        self.skip_ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(b'}') => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(self.syntax("',' or '}'")),
        }
    }

    pub(crate) fn read_tag_at(&mut self) -> Result<DataType> {
        self.skip_ws();
        self.read_tag()
    }

    pub(crate) fn peek_non_ws(&mut self) -> Option<u8> {
        self.skip_ws();
        self.peek()
    }
}

/// Why [`Reader::string_array`] refused its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StringArrayError {
    /// Not valid JSON, or valid JSON that is not an array.
    NotAnArray,
    /// An array with an element that is not a string.
    NotAString,
}

impl Reader<'_> {
    /// Reads a whole input that must be a JSON array of strings (the subscription message):
    /// first the syntax of the whole text is checked, then the element kinds, as Zeek does.
    pub(crate) fn string_array(&mut self) -> std::result::Result<Vec<String>, StringArrayError> {
        let start = self.pos;
        if self.skip_json().is_err() || self.finish().is_err() {
            return Err(StringArrayError::NotAnArray);
        }
        self.pos = start;
        self.skip_ws();
        if self.peek() != Some(b'[') {
            return Err(StringArrayError::NotAnArray);
        }
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b']') => break,
                Some(b'"') => {
                    let s = self
                        .parse_string()
                        .map_err(|_| StringArrayError::NotAnArray)?;
                    out.push(s.into_owned());
                }
                _ => return Err(StringArrayError::NotAString),
            }
            self.skip_ws();
            if self.peek() == Some(b',') {
                self.pos += 1;
            }
        }
        self.pos = self.input.len();
        Ok(out)
    }
}

/// Non-zero when one of the eight bytes of `w` equals `b` (exact: no false positives for
/// the word as a whole).
#[inline]
fn has_byte(w: u64, b: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let x = w ^ (ONES * u64::from(b));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// JSON number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, relaxed to
/// allow leading zeros (CAF accepts them).
fn is_json_number(t: &[u8]) -> bool {
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
