//! String payloads: borrowed when plain, unescaped (Zeek's `\v` too) when not.

use std::borrow::Cow;

use super::{Reader, Result, has_byte};

impl<'a> Reader<'a> {
    /// Reads a JSON string payload, borrowed when it has no escapes.
    ///
    /// Accepts Zeek's `\v` escape and raw control bytes; invalid UTF-8 is replaced by U+FFFD;
    /// an unknown escape letter becomes `?` as in Broker's own parser.
    pub fn read_str(&mut self) -> Result<Cow<'a, str>> {
        self.skip_ws();
        if self.peek() != Some(b'"') {
            return Err(self.syntax("a JSON string"));
        }
        self.parse_string()
    }

    pub(super) fn parse_string(&mut self) -> Result<Cow<'a, str>> {
        let start = self.pos + 1;
        let bytes = self.input;
        // Eight bytes at a time until a quote or a backslash: the lowest byte the mask marks
        // is the first one (`has_byte` may also mark bytes above a match, never below).
        let mut i = start;
        let end = loop {
            let Some(chunk) = bytes
                .get(i..i + 8)
                .and_then(|c| <[u8; 8]>::try_from(c).ok())
            else {
                match bytes
                    .get(i..)
                    .unwrap_or_default()
                    .iter()
                    .position(|&b| b == b'"' || b == b'\\')
                {
                    Some(n) => break i + n,
                    None => {
                        self.pos = bytes.len();
                        return Err(self.syntax("a closing '\"'"));
                    }
                }
            };
            let w = u64::from_le_bytes(chunk);
            let found = has_byte(w, b'"') | has_byte(w, b'\\');
            if found != 0 {
                break i + (found.trailing_zeros() / 8) as usize;
            }
            i += 8;
        };
        if bytes.get(end) == Some(&b'\\') {
            return self.parse_string_escaped(start, end);
        }
        self.pos = end + 1;
        if let Some(text) = self.text.and_then(|t| t.get(start..end)) {
            return Ok(Cow::Borrowed(text));
        }
        let raw = &bytes[start..end];
        Ok(match std::str::from_utf8(raw) {
            Ok(s) => Cow::Borrowed(s),
            Err(_) => Cow::Owned(String::from_utf8_lossy(raw).into_owned()),
        })
    }

    #[cold]
    pub(super) fn parse_string_escaped(
        &mut self,
        start: usize,
        first_escape: usize,
    ) -> Result<Cow<'a, str>> {
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
    pub(super) fn parse_unicode_escape(&mut self) -> Result<char> {
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

    pub(super) fn hex4(&mut self) -> Result<u32> {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Cow<'_, str>> {
        let mut r = Reader::new(json.as_bytes());
        r.read_str()
    }

    /// The word-at-a-time scan ends at the right byte wherever the quote or the first
    /// escape falls relative to the eight-byte chunks, and near the end of the input.
    #[test]
    fn every_length_and_escape_position_reads_as_serde_json_does() {
        for len in 0..=25 {
            let plain: String = ('a'..='z').take(len).collect();
            let json = format!("\"{plain}\"");
            assert_eq!(read(&json).unwrap(), plain, "{json}");
            assert!(matches!(read(&json).unwrap(), Cow::Borrowed(_)));
            // Followed by more input, as inside a message.
            let input = format!("{json},\"x\"]");
            let mut r = Reader::new(input.as_bytes());
            assert_eq!(r.read_str().unwrap(), plain);
            assert_eq!(r.position(), json.len());
            for at in 0..=len {
                let escaped = format!("\"{}\\n{}\"", &plain[..at], &plain[at..]);
                let expected: String = serde_json::from_str(&escaped).unwrap();
                assert_eq!(read(&escaped).unwrap(), expected, "{escaped}");
                let quoted = format!("\"{}\\\"{}\"", &plain[..at], &plain[at..]);
                let expected: String = serde_json::from_str(&quoted).unwrap();
                assert_eq!(read(&quoted).unwrap(), expected, "{quoted}");
            }
        }
    }

    #[test]
    fn an_unterminated_string_is_an_error_at_every_length() {
        for len in 0..=25 {
            let json = format!("\"{}", "b".repeat(len));
            let e = read(&json).unwrap_err();
            assert!(e.to_string().contains("a closing '\"'"), "{json}: {e}");
            let json = format!("\"{}\\", "b".repeat(len));
            assert!(read(&json).is_err(), "{json}");
        }
    }
}
