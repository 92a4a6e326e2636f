//! Recognising a published frame that is already exactly what [`encode_event`] writes for
//! the event it holds, without building that event: a relaying server can then forward the
//! received bytes instead of decoding and encoding them again.
//!
//! The recogniser is conservative. It answers `Some` only for frames in the compact layout
//! zeekws (and Zeek) write, with no whitespace, no string escapes, no reals, no metadata,
//! sets only of plain strings in strictly increasing order, and empty tables. For the
//! scalars whose text has more than one spelling (addresses, subnets, ports, times) it
//! decodes the value object with Zeek's server rules and encodes it again, and asks for the
//! same bytes. Anything else is `None`, and the caller takes the full path. The property
//! that matters, tested below and fuzzed: `Some` implies that the frame decodes under Zeek's
//! server rules and that encoding the decoded event gives the frame back, byte for byte.
//!
//! [`encode_event`]: super::encode_event

use crate::value::Value;
use crate::wire::Writer;
use crate::{Port, Subnet, Timespan, Timestamp};

/// The topic and event name of a canonical frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Canonical<'a> {
    pub(crate) topic: &'a str,
    pub(crate) name: &'a str,
}

/// Containers nested deeper than this are left to the full path.
const MAX_DEPTH: u32 = 64;

/// `Some` when `text` is exactly what `encode_event(topic, &event)` writes for the event it
/// holds (see the module docs), and within `max_size`.
pub(crate) fn canonical_event(text: &str, max_size: usize) -> Option<Canonical<'_>> {
    if text.len() > max_size {
        return None;
    }
    let mut c = Cursor {
        s: text,
        pos: 0,
        scratch: Writer::new(),
    };
    c.lit("{\"type\":\"data-message\",\"topic\":")?;
    let topic = c.plain_string()?;
    c.lit(
        ",\"@data-type\":\"vector\",\"data\":[{\"@data-type\":\"count\",\"data\":1},\
         {\"@data-type\":\"count\",\"data\":1},{\"@data-type\":\"vector\",\"data\":[\
         {\"@data-type\":\"string\",\"data\":",
    )?;
    let name = c.plain_string()?;
    c.lit("},{\"@data-type\":\"vector\",\"data\":[")?;
    c.elements(1)?;
    c.lit("]}]}]}")?;
    (c.pos == text.len()).then_some(Canonical { topic, name })
}

struct Cursor<'a> {
    s: &'a str,
    pos: usize,
    /// Where scalars with several spellings are encoded again, for comparison.
    scratch: Writer,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a [u8] {
        self.s.as_bytes().get(self.pos..).unwrap_or_default()
    }

    fn lit(&mut self, expected: &str) -> Option<()> {
        self.rest().starts_with(expected.as_bytes()).then(|| {
            self.pos += expected.len();
        })
    }

    fn peek(&self) -> Option<u8> {
        self.rest().first().copied()
    }

    /// A string literal without escapes or control characters, as the writer writes it.
    fn plain_string(&mut self) -> Option<&'a str> {
        self.lit("\"")?;
        let start = self.pos;
        let bytes = self.s.as_bytes();
        let mut i = start;
        loop {
            match *bytes.get(i)? {
                b'"' => break,
                b'\\' | 0..0x20 => return None,
                _ => i += 1,
            }
        }
        self.pos = i + 1;
        self.s.get(start..i)
    }

    /// Decimal digits as the writer writes a `u64`: `0`, or no leading zero; in range.
    fn unsigned(&mut self) -> Option<u64> {
        let bytes = self.s.as_bytes();
        let start = self.pos;
        let mut i = start;
        let mut n: u64 = 0;
        while let Some(d @ b'0'..=b'9') = bytes.get(i).copied() {
            n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
            i += 1;
        }
        if i == start || (i - start > 1 && bytes[start] == b'0') {
            return None;
        }
        self.pos = i;
        Some(n)
    }

    /// Values separated by commas up to (not including) the closing `]`; possibly none.
    fn elements(&mut self, depth: u32) -> Option<()> {
        if self.peek() == Some(b']') {
            return Some(());
        }
        loop {
            self.value(depth)?;
            if self.peek() != Some(b',') {
                return Some(());
            }
            self.pos += 1;
        }
    }

    /// One value object.
    fn value(&mut self, depth: u32) -> Option<()> {
        let start = self.pos;
        self.lit("{\"@data-type\":\"")?;
        let tag_len = self.rest().iter().position(|&b| b == b'"')?;
        let tag = self.s.get(self.pos..self.pos + tag_len)?;
        self.pos += tag_len;
        self.lit("\",\"data\":")?;
        match tag {
            "none" => self.lit("{}")?,
            "boolean" => {
                if self.lit("true").is_none() {
                    self.lit("false")?;
                }
            }
            "count" => {
                self.unsigned()?;
            }
            "integer" => {
                let negative = self.lit("-").is_some();
                let n = self.unsigned()?;
                let fits = if negative {
                    n != 0 && n <= 1 << 63
                } else {
                    i64::try_from(n).is_ok()
                };
                if !fits {
                    return None;
                }
            }
            "string" | "enum-value" => {
                self.plain_string()?;
            }
            "address" | "subnet" | "port" | "timestamp" | "timespan" => {
                let body = self.plain_string()?;
                self.lit("}")?;
                return self.encodes_back(tag, body, start);
            }
            "vector" if depth < MAX_DEPTH => {
                self.lit("[")?;
                self.elements(depth + 1)?;
                self.lit("]")?;
            }
            "set" if depth < MAX_DEPTH => {
                self.lit("[")?;
                self.string_set()?;
                self.lit("]")?;
            }
            "table" => self.lit("[]")?,
            // Reals have many spellings and NaN; anything else is not a canonical tag.
            _ => return None,
        }
        self.lit("}")
    }

    /// Set elements: plain strings in strictly increasing order (Broker's order for strings
    /// is their bytes'), as the writer writes a set of strings; possibly none.
    fn string_set(&mut self) -> Option<()> {
        let mut previous: Option<&str> = None;
        if self.peek() == Some(b']') {
            return Some(());
        }
        loop {
            self.lit("{\"@data-type\":\"string\",\"data\":")?;
            let s = self.plain_string()?;
            self.lit("}")?;
            if previous.is_some_and(|p| p >= s) {
                return None;
            }
            previous = Some(s);
            if self.peek() != Some(b',') {
                return Some(());
            }
            self.pos += 1;
        }
    }

    /// The value object at `start..pos`, of type `tag` with the string payload `body`,
    /// is read as the decoder reads it under Zeek's server rules (the same parser for each
    /// type) and written back to the same bytes.
    fn encodes_back(&mut self, tag: &str, body: &str, start: usize) -> Option<()> {
        let value = match tag {
            "address" => Value::Address(crate::net::parse_addr(body).ok()?),
            "subnet" => Value::Subnet(Subnet::parse(body).ok()?),
            "port" => Value::Port(Port::parse_wrapping(body).ok()?),
            "timestamp" => Value::Timestamp(Timestamp::parse(body).ok()?),
            "timespan" => Value::Timespan(Timespan::parse_strict(body).ok()?),
            _ => return None,
        };
        self.scratch.clear();
        crate::codec::ZeekType::encode(&value, &mut self.scratch);
        let text = self.s.get(start..self.pos)?;
        (self.scratch.as_bytes() == text.as_bytes()).then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{self, Event};
    use crate::wire::DecodeOptions;

    /// The property: a frame recognised as canonical decodes as MockZeek decodes it, and
    /// encoding the decoded event gives the frame back.
    fn sound(frame: &str) -> bool {
        let Some(c) = canonical_event(frame, usize::MAX) else {
            return false;
        };
        let opts = DecodeOptions::new().zeek_server_rules(true);
        let (topic, event) =
            protocol::decode_published(frame.as_bytes(), opts, protocol::read_event::<Event>)
                .unwrap_or_else(|e| panic!("recognised but refused: {e}: {frame}"));
        assert_eq!((c.topic, c.name), (topic.as_str(), event.name.as_str()));
        assert!(event.metadata.is_none());
        assert_eq!(protocol::encode_event(&topic, &event), frame);
        true
    }

    fn event(args: Vec<Value>) -> Event {
        Event::new("Test::e", args)
    }

    #[test]
    fn what_the_writer_writes_is_recognised() {
        let set: std::collections::BTreeSet<Value> =
            ["b", "a", "c"].into_iter().map(Value::from).collect();
        let cases = [
            vec![],
            vec![Value::None, Value::Boolean(true), Value::Boolean(false)],
            vec![
                Value::Count(0),
                Value::Count(u64::MAX),
                Value::Integer(i64::MIN),
            ],
            vec![
                Value::Integer(0),
                Value::Integer(-1),
                Value::Integer(i64::MAX),
            ],
            vec![
                Value::from("plain ü"),
                Value::EnumValue("App::GREEN".into()),
            ],
            vec![
                Value::Address("2001:db8::1".parse().unwrap()),
                Value::Address("10.0.0.1".parse().unwrap()),
            ],
            vec![Value::Subnet(Subnet::parse("10.0.0.0/8").unwrap())],
            vec![Value::Port(Port::parse("80/tcp").unwrap())],
            vec![Value::Timestamp(
                Timestamp::parse("2014-07-09T10:16:44.123").unwrap(),
            )],
            vec![Value::Timespan(Timespan::parse("1500ms").unwrap())],
            vec![Value::Vector(vec![Value::Vector(vec![]), Value::Count(1)])],
            vec![Value::Set(set), Value::Set(Default::default())],
            vec![Value::Table(Default::default())],
        ];
        for args in cases {
            let frame = protocol::encode_event("/t", &event(args.clone()));
            assert!(sound(&frame), "not recognised: {frame}");
        }
    }

    #[test]
    fn other_spellings_take_the_full_path() {
        let base = protocol::encode_event("/t", &event(vec![Value::Count(7)]));
        let spaced = base.replacen(",", ", ", 1);
        let escaped = protocol::encode_event("/t", &event(vec![Value::from("a\"b")]));
        let padded = base.replacen("\"data\":7", "\"data\":07", 1);
        let real = protocol::encode_event("/t", &event(vec![Value::Real(1.5)]));
        let mut with_meta = event(vec![]);
        with_meta.metadata = Some(vec![(1, Value::Count(1))]);
        let meta = protocol::encode_event("/t", &with_meta);
        let count_set: std::collections::BTreeSet<Value> =
            [Value::Count(2), Value::Count(10)].into_iter().collect();
        let counts = protocol::encode_event("/t", &event(vec![Value::Set(count_set)]));
        let unsorted = protocol::encode_event(
            "/t",
            &event(vec![Value::Set(
                [Value::from("a"), Value::from("b")].into_iter().collect(),
            )]),
        )
        .replacen("\"a\"", "\"c\"", 1);
        let long_v6 = protocol::encode_event(
            "/t",
            &event(vec![Value::Address("2001:db8::1".parse().unwrap())]),
        )
        .replacen("2001:db8::1", "2001:0db8:0:0:0:0:0:1", 1);
        let wrapped = protocol::encode_event(
            "/t",
            &event(vec![Value::Port(Port::parse("80/tcp").unwrap())]),
        )
        .replacen("80/tcp", "65616/tcp", 1);
        for frame in [
            spaced, escaped, padded, real, meta, counts, unsorted, long_v6, wrapped,
        ] {
            assert_eq!(canonical_event(&frame, usize::MAX), None, "{frame}");
        }
        assert_eq!(canonical_event(&base, base.len() - 1), None);
        assert!(sound(&base));
    }
}
