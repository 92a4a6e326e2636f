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
                if let Some(text) = self.text.and_then(|t| t.get(start..i)) {
                    return Ok(Cow::Borrowed(text));
                }
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
