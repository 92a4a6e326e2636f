//! Container payloads: the JSON arrays of vectors, sets and tables, and table entries.

use super::{Entry, Reader, Result, Seg, Seq};
use crate::wire::ErrorKind;

impl<'a> Reader<'a> {
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

    /// Skips the remaining elements of an open array and returns how many there were.
    pub fn skip_rest(&mut self, seq: &mut Seq) -> Result<usize> {
        let mut n = 0;
        while self.next_element(seq)? {
            self.skip_value()?;
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
    pub(super) fn begin_entry_general(&mut self) -> Result<Entry> {
        let (mut key, mut value) = (None, None);
        self.members(true, "',' or '}' in a table entry", |r, name| {
            match name.as_ref() {
                "key" => key = Some(r.pos),
                "value" => value = Some(r.pos),
                _ => {}
            }
            r.skip_value()
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
            self.skip_value()?;
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
}
