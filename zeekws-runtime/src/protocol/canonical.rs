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

use crate::net::{parse_addr, write_addr};
use crate::value::DataType;
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
        scratch: Writer::from_vec(Vec::with_capacity(96)),
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

    /// [`lit`](Self::lit) for a short literal of known length, compared in registers.
    fn bytes<const N: usize>(&mut self, expected: &[u8; N]) -> Option<()> {
        (self.rest().first_chunk::<N>() == Some(expected)).then(|| {
            self.pos += N;
        })
    }

    /// The byte `b`.
    fn byte(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| {
            self.pos += 1;
        })
    }

    fn peek(&self) -> Option<u8> {
        self.rest().first().copied()
    }

    /// A string literal without escapes or control characters, as the writer writes it.
    fn plain_string(&mut self) -> Option<&'a str> {
        self.byte(b'"')?;
        let start = self.pos;
        let bytes = self.s.as_bytes();
        let mut i = start;
        // Eight bytes at a time: the lowest byte the mask marks is the first quote, backslash
        // or control character (a mask may also mark bytes above a match, never below).
        loop {
            let Some(chunk) = bytes
                .get(i..i + 8)
                .and_then(|c| <[u8; 8]>::try_from(c).ok())
            else {
                // The last few bytes of the input, one at a time.
                loop {
                    match *bytes.get(i)? {
                        b'"' => break,
                        b'\\' | 0..0x20 => return None,
                        _ => i += 1,
                    }
                }
                break;
            };
            const ONES: u64 = 0x0101_0101_0101_0101;
            const HIGHS: u64 = 0x8080_8080_8080_8080;
            let w = u64::from_le_bytes(chunk);
            let has = |b: u8| {
                let x = w ^ (ONES * u64::from(b));
                x.wrapping_sub(ONES) & !x & HIGHS
            };
            // A byte below 0x20 (for bytes below 0x80; UTF-8 bytes above are fine).
            let control = w.wrapping_sub(ONES * 0x20) & !w & HIGHS;
            let found = has(b'"') | has(b'\\') | control;
            if found != 0 {
                i += (found.trailing_zeros() / 8) as usize;
                if bytes.get(i) != Some(&b'"') {
                    return None;
                }
                break;
            }
            i += 8;
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

    /// A value object's tag and the `","data":` after it, as the writer writes them, each
    /// compared as one constant-length literal.
    fn tag(&mut self) -> Option<DataType> {
        macro_rules! tag {
            ($tag:ident, $with_data:literal) => {
                self.bytes($with_data).map(|()| DataType::$tag)
            };
        }
        match self.peek()? {
            b'c' => tag!(Count, b"count\",\"data\":"),
            b'v' => tag!(Vector, b"vector\",\"data\":"),
            b'n' => tag!(None, b"none\",\"data\":"),
            b'b' => tag!(Boolean, b"boolean\",\"data\":"),
            b'i' => tag!(Integer, b"integer\",\"data\":"),
            b'a' => tag!(Address, b"address\",\"data\":"),
            b'p' => tag!(Port, b"port\",\"data\":"),
            b'e' => tag!(EnumValue, b"enum-value\",\"data\":"),
            b'r' => tag!(Real, b"real\",\"data\":"),
            b's' => match self.rest().get(1..3)? {
                b"tr" => tag!(String, b"string\",\"data\":"),
                b"et" => tag!(Set, b"set\",\"data\":"),
                _ => tag!(Subnet, b"subnet\",\"data\":"),
            },
            b't' => match self.rest().get(1..6)? {
                b"able\"" => tag!(Table, b"table\",\"data\":"),
                b"imest" => tag!(Timestamp, b"timestamp\",\"data\":"),
                _ => tag!(Timespan, b"timespan\",\"data\":"),
            },
            _ => None,
        }
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
        self.bytes(b"{\"@data-type\":\"")?;
        let tag = self.tag()?;
        match tag {
            DataType::None => self.bytes(b"{}")?,
            DataType::Boolean => {
                if self.bytes(b"true").is_none() {
                    self.bytes(b"false")?;
                }
            }
            DataType::Count => {
                self.unsigned()?;
            }
            DataType::Integer => {
                let negative = self.byte(b'-').is_some();
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
            DataType::String | DataType::EnumValue => {
                self.plain_string()?;
            }
            DataType::Address
            | DataType::Subnet
            | DataType::Port
            | DataType::Timestamp
            | DataType::Timespan => {
                let body = self.plain_string()?;
                self.byte(b'}')?;
                return self.encodes_back(tag, body);
            }
            DataType::Vector if depth < MAX_DEPTH => {
                self.byte(b'[')?;
                self.elements(depth + 1)?;
                self.byte(b']')?;
            }
            DataType::Set if depth < MAX_DEPTH => {
                self.byte(b'[')?;
                self.string_set()?;
                self.byte(b']')?;
            }
            DataType::Table => self.bytes(b"[]")?,
            // Reals have many spellings and NaN; anything else is not a canonical tag.
            _ => return None,
        }
        self.byte(b'}')
    }

    /// Set elements: plain strings in strictly increasing order (Broker's order for strings
    /// is their bytes'), as the writer writes a set of strings; possibly none.
    fn string_set(&mut self) -> Option<()> {
        let mut previous: Option<&str> = None;
        if self.peek() == Some(b']') {
            return Some(());
        }
        loop {
            self.bytes(b"{\"@data-type\":\"string\",\"data\":")?;
            let s = self.plain_string()?;
            self.byte(b'}')?;
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

    /// The string payload `body` of a value object of type `tag` is read as the decoder
    /// reads it under Zeek's server rules (the same parser for each type) and written back
    /// to the same text.
    fn encodes_back(&mut self, tag: DataType, body: &str) -> Option<()> {
        // The common forms, checked on the bytes: a dotted quad and a port have one
        // spelling; a time that parses is written back the same when its text has the
        // writer's shape.
        match tag {
            DataType::Address if crate::net::parse_dotted_quad(body.as_bytes()).is_some() => {
                return Some(());
            }
            DataType::Port if crate::net::parse_canonical(body).is_some() => return Some(()),
            DataType::Timestamp => {
                return (timestamp_shape(body) && Timestamp::parse(body).is_ok()).then_some(());
            }
            DataType::Timespan => {
                return (timespan_shape(body) && Timespan::parse_strict(body).is_ok())
                    .then_some(());
            }
            _ => {}
        }
        // The rest is parsed and its text written again: the value object around it was
        // matched as the writer writes it, so the text alone decides.
        let text = &mut self.scratch;
        text.clear();
        match tag {
            DataType::Address => write_addr(&parse_addr(body).ok()?, text.buf_mut()),
            DataType::Subnet => Subnet::parse(body).ok()?.write_wire(text.buf_mut()),
            DataType::Port => Port::parse_wrapping(body).ok()?.write_wire(text.buf_mut()),
            _ => return None,
        }
        (text.as_bytes() == body.as_bytes()).then_some(())
    }
}

/// The writer's shape of a timestamp: `YYYY-MM-DDThh:mm:ss.` (which [`Timestamp::parse`]
/// checks) and 3 fraction digits, or 6 or 9 whose last three are not all zero (the writer
/// uses the fewest of 3, 6, 9 that are exact); no zone.
fn timestamp_shape(body: &str) -> bool {
    let b = body.as_bytes();
    let fraction = match b.len() {
        23 | 26 | 29 => &b[20..],
        _ => return false,
    };
    b[19] == b'.'
        && fraction.iter().all(u8::is_ascii_digit)
        && (fraction.len() == 3 || !fraction.ends_with(b"000"))
}

/// The writer's shape of a timespan: `0s`, or an optional `-`, digits without a leading
/// zero and the largest unit of `ns`, `us`, `ms`, `s` that keeps the number whole (so a
/// number before any unit but `s` does not end in `000`).
fn timespan_shape(body: &str) -> bool {
    if body == "0s" {
        return true;
    }
    let b = body.as_bytes();
    let digits_and_unit = b.strip_prefix(b"-").unwrap_or(b);
    let digits = digits_and_unit
        .iter()
        .take_while(|d| d.is_ascii_digit())
        .count();
    let (number, unit) = digits_and_unit.split_at(digits);
    let whole = match unit {
        b"s" => true,
        b"ms" | b"us" | b"ns" => !number.ends_with(b"000"),
        _ => false,
    };
    whole && number.first().is_some_and(|&d| d != b'0')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Value;
    use crate::protocol::{self, Event};
    use crate::wire::DecodeOptions;

    /// The property: a frame recognised as canonical decodes as MockZeek decodes it, and
    /// encoding the decoded event gives the frame back.
    fn sound(frame: &str) -> bool {
        let Some(c) = canonical_event(frame, usize::MAX) else {
            return false;
        };
        let opts = DecodeOptions::new().zeek_server_rules(true);
        let (topic, event) = protocol::decode_published(
            frame.as_bytes(),
            Some(frame),
            opts,
            protocol::read_event::<Event>,
        )
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
    fn odd_names_and_topics_are_sound_or_refused() {
        for (topic, name) in [
            ("/t", ""),
            ("", "T::e"),
            ("<$>", "T::e"),
            ("/t", "a b"),
            ("/t", "\u{7f}"),
        ] {
            let frame = protocol::encode_event(topic, &Event::new(name, []));
            let _ = sound(&frame);
        }
    }

    #[test]
    fn ports_with_one_spelling() {
        for (body, canonical) in [
            ("80/tcp", true),
            ("0/?", true),
            ("65535/icmp", true),
            ("53/udp", true),
            ("080/tcp", false),
            ("65536/tcp", false),
            ("80", false),
            ("80/TCP", false),
            ("/tcp", false),
            ("80/tcp/", false),
            ("-1/tcp", false),
        ] {
            assert_eq!(
                crate::net::parse_canonical(body).is_some(),
                canonical,
                "{body}"
            );
            if canonical {
                let written = Port::parse_wrapping(body).unwrap().to_string();
                assert_eq!(written, body);
            }
        }
    }

    /// A string of every length, with a quote, a backslash or a control character at every
    /// place: plain ones are recognised (and sound), the others are left to the full path.
    #[test]
    fn strings_of_every_length() {
        for len in 0..26 {
            let plain: String = "abcdefghijklmnopqrstuvwxyzé"[..len].to_owned();
            let frame = protocol::encode_event("/t", &event(vec![Value::from(plain.as_str())]));
            assert!(sound(&frame), "{frame}");
            for at in 0..len {
                for special in ["\"", "\\", "\u{1}", "\u{1f}"] {
                    let mut s = plain.clone();
                    s.replace_range(at..=at, special);
                    let escaped =
                        protocol::encode_event("/t", &event(vec![Value::from(s.as_str())]));
                    assert_eq!(canonical_event(&escaped, usize::MAX), None, "{escaped}");
                }
                // A raw control character, which the writer never writes.
                let raw = frame.replacen(
                    &plain,
                    &format!("{}\u{1}{}", &plain[..at], &plain[at + 1..]),
                    1,
                );
                assert_eq!(canonical_event(&raw, usize::MAX), None, "{raw:?}");
            }
        }
    }

    /// The recogniser's shape checks for times agree with "parses and is written back the
    /// same", on the writer's own texts and on other spellings of them.
    #[test]
    fn times_with_one_spelling() {
        let stamp = |body: &str| {
            let written = Timestamp::parse(body).ok().map(|t| {
                let mut text = Vec::new();
                t.write_wire(&mut text);
                text
            });
            assert_eq!(
                timestamp_shape(body) && Timestamp::parse(body).is_ok(),
                written.as_deref() == Some(body.as_bytes()),
                "{body}"
            );
        };
        let span = |body: &str| {
            let written = Timespan::parse_strict(body).ok().map(|t| {
                let mut text = Vec::new();
                t.write_wire(&mut text);
                text
            });
            assert_eq!(
                timespan_shape(body) && Timespan::parse_strict(body).is_ok(),
                written.as_deref() == Some(body.as_bytes()),
                "{body}"
            );
        };
        let mut x = 0x2545_f491_4f6c_dd1d_u64;
        for i in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Whole seconds, milliseconds, microseconds and nanoseconds, either sign.
            let nanos = (x as i64) / [1, 1_000, 1_000_000, 1_000_000_000][i % 4]
                * [1, 1_000, 1_000_000, 1_000_000_000][i % 4];
            let mut t = Vec::new();
            Timestamp::from_nanos(nanos).write_wire(&mut t);
            let t = String::from_utf8(t).unwrap();
            let mut d = Vec::new();
            Timespan::from_nanos(nanos >> (i % 40)).write_wire(&mut d);
            let d = String::from_utf8(d).unwrap();
            for body in [&t, &d] {
                stamp(body);
                span(body);
            }
            stamp(&format!("{t}000"));
            stamp(&format!("{t}Z"));
            stamp(&t[..t.len() - 1]);
            span(&format!("+{d}"));
            span(&format!("0{d}"));
            span(&d.replacen("s", "000ms", 1));
        }
        for body in [
            "2014-07-09T10:16:44.123",
            "2014-07-09T10:16:44.120000",
            "2014-07-09T10:16:44.123450",
            "2014-07-09T10:16:44.123456000",
            "2014-07-09T10:16:44",
            "2014-07-09T10:16:44.1",
            "2014-07-09T10:16:44.123+01:00",
            "2014-02-30T10:16:44.123",
            "2014-07-09T24:00:00.000",
            "2014-07-09T23:59:60.000",
            "2014-07-09 10:16:44.123",
            "1677-09-21T00:12:43.145224192",
            "1677-09-21T00:12:43.145224191",
            "2262-04-11T23:47:16.854775807",
            "2262-04-11T23:47:16.854775808",
            "0000-01-01T00:00:00.000",
            "",
        ] {
            stamp(body);
        }
        for body in [
            "0s",
            "-0s",
            "0ms",
            "00s",
            "1s",
            "-1s",
            "1500ms",
            "2000ms",
            "1000us",
            "1001us",
            "10ns",
            "010s",
            "+1s",
            "1.5s",
            "1min",
            "1h",
            "1d",
            "1000s",
            "100000ms",
            "9223372036854775807ns",
            "9223372036854775808ns",
            "-9223372036854775808ns",
            "9223372036s",
            "9223372037s",
            "s",
            "ms",
            "-",
            "",
            "1e3s",
            "1 s",
        ] {
            span(body);
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
