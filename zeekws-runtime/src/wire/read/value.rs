//! Value objects: `{"@data-type": .., "data": ..}` opened, matched and closed.

use std::borrow::Cow;
use std::fmt;

use super::{Reader, Result, ValueFrame};
use crate::value::DataType;
use crate::wire::ErrorKind;

const LITERAL_DATA_TYPE: &[u8] = b"\"@data-type\"";
const LITERAL_DATA: &[u8] = b"\"data\"";

impl<'a> Reader<'a> {
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
    // Always inlined: with the caller's constant tag the literal is a constant and its
    // comparison a few word compares.
    #[inline(always)]
    pub fn begin_value_expecting(&mut self, tag: DataType) -> Result<ValueFrame> {
        let lit = compact_prefix(tag);
        if self.rest().starts_with(lit) {
            self.pos += lit.len();
            return Ok(ValueFrame { tag, end: None });
        }
        self.begin_value()
    }

    /// The hot path: a value object exactly as Zeek 8 and zeekws write it,
    /// `{"@data-type":"<tag>","data":`, matched as one prefix plus the tag.
    #[inline]
    pub(super) fn begin_value_compact(&mut self) -> Option<ValueFrame> {
        const HEAD: &[u8] = b"{\"@data-type\":\"";
        // The tag's first letter picks the candidates; each is compared as the rest of its
        // compact opening (`compact_prefix`), a constant-length literal, which compiles to a
        // few word compares instead of a call to memcmp.
        macro_rules! opening {
            ($after:expr, $($tag:ident),+) => {{
                let after: &[u8] = $after;
                $(if after.starts_with(const { compact_prefix(DataType::$tag).split_at(HEAD.len()).1 }) {
                    (DataType::$tag, const { compact_prefix(DataType::$tag).len() })
                } else)+ {
                    return None;
                }
            }};
        }
        let after = self.rest().strip_prefix(HEAD)?;
        let (tag, len) = match *after.first()? {
            b'c' => opening!(after, Count),
            b'i' => opening!(after, Integer),
            b'r' => opening!(after, Real),
            b'b' => opening!(after, Boolean),
            b'a' => opening!(after, Address),
            b'p' => opening!(after, Port),
            b'e' => opening!(after, EnumValue),
            b'v' => opening!(after, Vector),
            b'n' => opening!(after, None),
            b's' => opening!(after, String, Subnet, Set),
            b't' => opening!(after, Timestamp, Timespan, Table),
            _ => return None,
        };
        self.pos += len;
        Some(ValueFrame { tag, end: None })
    }

    /// Any whitespace, then Zeek's member order; other layouts go the general way.
    pub(super) fn begin_value_spaced(&mut self) -> Result<ValueFrame> {
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
    pub(super) fn begin_value_general(&mut self) -> Result<ValueFrame> {
        let mut tag = None;
        let mut data = None;
        self.members(true, "',' or '}' in a value object", |r, key| {
            match key.as_ref() {
                "@data-type" => tag = Some(r.read_tag()?),
                "data" => {
                    data = Some(r.pos);
                    r.skip_value()?;
                }
                _ => r.skip_value()?,
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

    /// Reads an object member's name and the `:` after it (whitespace around is skipped).
    pub fn read_key(&mut self) -> Result<Cow<'a, str>> {
        self.skip_ws();
        if self.peek() != Some(b'"') {
            return Err(self.syntax("a member name"));
        }
        let key = self.parse_string()?;
        self.skip_ws();
        self.eat(b':', "':'")?;
        self.skip_ws();
        Ok(key)
    }

    /// Reads a `@data-type` name (after any whitespace).
    pub fn read_tag(&mut self) -> Result<DataType> {
        self.skip_ws();
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
    #[inline]
    pub fn end_value(&mut self, frame: ValueFrame) -> Result<()> {
        // The hot path: the object closes right after its payload, as Zeek writes it.
        if frame.end.is_none() && self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        self.close_object(frame.end, "',' or '}' after a value's data")
    }

    /// Finishes an object whose interesting member was just read: jumps to `end` when the
    /// general path already read the whole object, else skips any further `"k": v` members
    /// up to and including the closing brace.
    pub(super) fn close_object(
        &mut self,
        end: Option<usize>,
        expected: &'static str,
    ) -> Result<()> {
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
                self.members(false, "',' or '}'", |r, _| r.skip_value())
            }
            _ => Err(self.syntax(expected)),
        }
    }

    /// Reads object members up to and including the closing `}`: `member` gets each key and
    /// must consume its value. `may_be_empty` when the `{` was just read (not after a `,`).
    pub(super) fn members(
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
}

/// `{"@data-type":"<tag>","data":`: how Zeek 8 (and zeekws) open a value of this type.
const fn compact_prefix(tag: DataType) -> &'static [u8] {
    macro_rules! p {
        ($tag:literal) => {
            concat!("{\"@data-type\":\"", $tag, "\",\"data\":").as_bytes()
        };
    }
    match tag {
        DataType::None => p!("none"),
        DataType::Boolean => p!("boolean"),
        DataType::Count => p!("count"),
        DataType::Integer => p!("integer"),
        DataType::Real => p!("real"),
        DataType::String => p!("string"),
        DataType::Address => p!("address"),
        DataType::Subnet => p!("subnet"),
        DataType::Port => p!("port"),
        DataType::Timestamp => p!("timestamp"),
        DataType::Timespan => p!("timespan"),
        DataType::EnumValue => p!("enum-value"),
        DataType::Set => p!("set"),
        DataType::Table => p!("table"),
        DataType::Vector => p!("vector"),
    }
}
