//! Plain JSON objects, for callers that read a layout of their own around value objects
//! (the protocol's envelopes): open, step through members, peek at the next token.

use super::{Reader, Result};

impl Reader<'_> {
    /// Opens a JSON object (after any whitespace): `true` when a member follows, `false` for
    /// `{}` (consumed whole). Read each member with [`Reader::read_key`] and its value, then
    /// call [`Reader::next_member`].
    pub fn begin_object(&mut self, expected: &'static str) -> Result<bool> {
        self.skip_ws();
        self.eat(b'{', expected)?;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(false);
        }
        Ok(true)
    }

    /// After a member's value: `true` if another member follows (its key is next), `false` at
    /// the closing `}` (consumed).
    pub fn next_member(&mut self) -> Result<bool> {
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

    /// Skips whitespace and returns the next byte without consuming it (`None` at the end):
    /// `b'"'` before a string, `b'{'` before an object, and so on.
    pub fn peek_token(&mut self) -> Option<u8> {
        self.skip_ws();
        self.peek()
    }
}
