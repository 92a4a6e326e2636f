//! Skipping JSON that a decoder does not want, with its syntax still checked.

use super::number::is_json_number;
use super::{Reader, Result};
use crate::wire::ErrorKind;

impl<'a> Reader<'a> {
    /// Skips the payload of the current value (any JSON).
    pub fn skip_payload(&mut self) -> Result<()> {
        if std::mem::take(&mut self.empty_payload) {
            return Ok(());
        }
        self.skip_value()
    }

    /// Skips one whole JSON value of any shape at the current position (after any
    /// whitespace), validating its syntax, within the nesting limit: an array element that
    /// [`Reader::next_element`] announced but the caller does not want, an unknown member.
    /// Iterative, so hostile nesting costs heap (bounded by the limit), never stack.
    pub fn skip_value(&mut self) -> Result<()> {
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
    pub(super) fn skip_scalar(&mut self) -> Result<()> {
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
}
