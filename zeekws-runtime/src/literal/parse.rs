//! Zeek literal text → [`Lit`], the syntax tree the typed and untyped conversions read.

use std::net::IpAddr;

use super::LiteralError;
use crate::net::{Port, Subnet};
use crate::time::Timespan;

/// Nesting limit for containers and records (input from a command line or a file).
const MAX_DEPTH: u32 = 64;

/// A parsed literal, before its Zeek type is known.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Lit {
    /// `1`, `42`: a count (an int or double where one is expected).
    Count(u64),
    /// `+3`, `-3`.
    Int(i64),
    /// `4.0`, `1e-7`, `-0.5`.
    Real(f64),
    /// `T`, `F`.
    Bool(bool),
    /// `"text"`.
    Str(String),
    /// `10.0.0.1`, `[2001:db8::1]`, `2001:db8::1`.
    Addr(IpAddr),
    /// `10.0.0.0/8`, `[2001:db8::]/32`.
    Subnet(Subnet),
    /// `80/tcp`.
    Port(Port),
    /// `1.5 secs`, `3mins`.
    Interval(Timespan),
    /// An identifier: an enum value (`App::RED`, `tcp`).
    Name(String),
    /// `/ab+c/`.
    Pattern(String),
    /// `[$a=1, $b="x"]` or `[1, "x"]`: a record, a vector or a composite index.
    Bracket(Vec<(Option<String>, Lit)>),
    /// `set(1, 2)`.
    Set(Vec<Lit>),
    /// `table(["k"] = 1)`: each key is its index list.
    Table(Vec<(Vec<Lit>, Lit)>),
    /// `vector(1, 2)`.
    Vector(Vec<Lit>),
}

/// Parses one whole literal.
pub(super) fn parse(text: &str) -> Result<Lit, LiteralError> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        pos: 0,
        depth: 0,
    };
    p.ws();
    let lit = p.value()?;
    p.ws();
    if p.pos < p.s.len() {
        return Err(p.err("unexpected text after the literal"));
    }
    Ok(lit)
}

/// Parses `name(arg, arg, ...)`: an event call as one line of text.
pub(super) fn parse_call(text: &str) -> Result<(String, Vec<Lit>), LiteralError> {
    let mut p = Parser {
        s: text.as_bytes(),
        text,
        pos: 0,
        depth: 0,
    };
    p.ws();
    let start = p.pos;
    let word = p.word();
    if !is_name(word) {
        p.pos = start;
        return Err(p.err("expected an event name, as in App::ping(\"hi\", 1)"));
    }
    let name = word.to_owned();
    p.ws();
    p.expect(b'(', "`(` after the event name")?;
    let args = p.list(b')')?;
    p.ws();
    if p.pos < p.s.len() {
        return Err(p.err("unexpected text after the event's `)`"));
    }
    Ok((name, args))
}

struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    pos: usize,
    depth: u32,
}

impl<'a> Parser<'a> {
    fn err(&self, message: impl Into<String>) -> LiteralError {
        LiteralError::at(self.pos, message)
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn ws(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, c: u8, what: &str) -> Result<(), LiteralError> {
        self.ws();
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.err(format!("expected {what}, found {}", self.found())))
        }
    }

    /// The token at the current position, for messages.
    fn found(&self) -> String {
        let rest = &self.text[self.pos.min(self.text.len())..];
        match rest.chars().next() {
            None => "the end of the text".to_owned(),
            Some(c) if is_delimiter(c) => format!("`{c}`"),
            Some(_) => {
                let end = rest.find(is_delimiter).unwrap_or(rest.len()).min(32);
                let end = (0..=end)
                    .rev()
                    .find(|&i| rest.is_char_boundary(i))
                    .unwrap_or(0);
                format!("`{}`", &rest[..end])
            }
        }
    }

    /// The run of characters up to the next delimiter.
    fn word(&mut self) -> &'a str {
        let rest = &self.text[self.pos..];
        let end = rest.find(is_delimiter).unwrap_or(rest.len());
        self.pos += end;
        &rest[..end]
    }

    fn value(&mut self) -> Result<Lit, LiteralError> {
        self.ws();
        if self.depth >= MAX_DEPTH {
            return Err(self.err(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        let start = self.pos;
        match self.peek() {
            None => Err(self.err("expected a value, found the end of the text")),
            Some(b'"') => self.string().map(Lit::Str),
            Some(b'[') => self.bracket(),
            Some(b'/') => self.pattern(),
            Some(c) if is_delimiter(c as char) => {
                Err(self.err(format!("expected a value, found {}", self.found())))
            }
            Some(_) => {
                let word = self.word();
                if self.peek() == Some(b'(') {
                    let items = match word {
                        "set" | "vector" => {
                            self.pos += 1;
                            self.nested(|p| p.list(b')'))?
                        }
                        "table" => {
                            self.pos += 1;
                            return self.nested(|p| p.table()).map(Lit::Table);
                        }
                        _ => {
                            self.pos = start;
                            return Err(self.err(format!(
                                "unknown constructor `{word}(`: use set(..), table(..) or vector(..)"
                            )));
                        }
                    };
                    return Ok(if word == "set" {
                        Lit::Set(items)
                    } else {
                        Lit::Vector(items)
                    });
                }
                self.scalar(word, start)
            }
        }
    }

    fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, LiteralError>,
    ) -> Result<T, LiteralError> {
        self.depth += 1;
        let r = f(self);
        self.depth -= 1;
        r
    }

    /// A word that is not a constructor: number, interval, port, address, subnet, bool or name.
    fn scalar(&mut self, word: &str, start: usize) -> Result<Lit, LiteralError> {
        let fail = |p: &mut Self, msg: String| {
            p.pos = start;
            Err(p.err(msg))
        };
        match word {
            "T" => return Ok(Lit::Bool(true)),
            "F" => return Ok(Lit::Bool(false)),
            _ => {}
        }
        if let Some((num, proto)) = word.split_once('/')
            && matches!(proto, "tcp" | "udp" | "icmp" | "unknown")
        {
            return match Port::parse(word) {
                Ok(p) => Ok(Lit::Port(p)),
                Err(e) => fail(self, format!("invalid port `{num}/{proto}`: {e}")),
            };
        }
        if word.contains('/') {
            return match Subnet::parse(word) {
                Ok(s) => Ok(Lit::Subnet(s)),
                Err(e) => fail(self, format!("invalid subnet `{word}`: {e}")),
            };
        }
        // A name first: `ab::c` is an enum value, as in Zeek, where IPv6 addresses are
        // written in brackets. A bare IPv6 address that is no name (`2001:db8::1`) is
        // accepted too.
        if is_name(word) {
            return Ok(Lit::Name(word.to_owned()));
        }
        if let Ok(a) = word.parse::<IpAddr>() {
            return Ok(Lit::Addr(a));
        }
        let first = word.as_bytes()[0];
        if first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.') {
            return self.number(word, start);
        }
        fail(self, format!("`{word}` is not a Zeek literal"))
    }

    /// `42`, `+3`, `-0.5`, `1e-7`, and an interval when a unit follows (`1.5 secs`, `3mins`).
    fn number(&mut self, word: &str, start: usize) -> Result<Lit, LiteralError> {
        let digits_end = word
            .find(|c: char| c.is_ascii_alphabetic() && c != 'e' && c != 'E')
            .unwrap_or(word.len());
        let (num, suffix) = word.split_at(digits_end);
        let unit = if suffix.is_empty() {
            // A unit may follow after spaces: `1.5 secs`.
            let save = self.pos;
            self.ws();
            let next = self.word();
            if unit_of(next).is_some() {
                Some(next)
            } else {
                self.pos = save;
                None
            }
        } else {
            Some(suffix)
        };
        if let Some(unit) = unit {
            let Some(abbr) = unit_of(unit) else {
                self.pos = start;
                return Err(self.err(format!(
                    "unknown interval unit `{unit}`: use usec(s), msec(s), sec(s), min(s), hr(s) or day(s)"
                )));
            };
            let text = format!("{}{abbr}", num.strip_prefix('+').unwrap_or(num));
            return match Timespan::parse(&text) {
                Ok(t) => Ok(Lit::Interval(t)),
                Err(e) => {
                    self.pos = start;
                    Err(self.err(format!("invalid interval `{num} {unit}`: {}", e.reason())))
                }
            };
        }
        let bad = |p: &mut Self, why: &str| {
            p.pos = start;
            Err(p.err(format!("invalid number `{word}`: {why}")))
        };
        if num.contains(['.', 'e', 'E']) {
            return match num.parse::<f64>() {
                Ok(v) if v.is_finite() => Ok(Lit::Real(v)),
                Ok(_) => bad(self, "out of range"),
                Err(_) => bad(self, "not a decimal number"),
            };
        }
        if num.starts_with(['+', '-']) {
            return match num.parse::<i64>() {
                Ok(v) => Ok(Lit::Int(v)),
                Err(_) if num[1..].bytes().all(|c| c.is_ascii_digit()) && num.len() > 1 => {
                    bad(self, "beyond the 64-bit int range")
                }
                Err(_) => bad(self, "not a decimal number"),
            };
        }
        match num.parse::<u64>() {
            Ok(v) => Ok(Lit::Count(v)),
            Err(_) if !num.is_empty() && num.bytes().all(|c| c.is_ascii_digit()) => {
                bad(self, "beyond the 64-bit count range")
            }
            Err(_) => bad(self, "not a decimal number"),
        }
    }

    /// `"..."` with Zeek's escapes (`\n`, `\t`, `\"`, `\\`, `\xHH`).
    fn string(&mut self) -> Result<String, LiteralError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            match self.peek() {
                None => {
                    self.pos = start;
                    return Err(self.err("unterminated string: a `\"` is missing"));
                }
                Some(b'"') => {
                    self.pos += 1;
                    break;
                }
                Some(b'\\') => {
                    let esc = self.s.get(self.pos + 1).copied();
                    self.pos += 2;
                    match esc {
                        Some(b'n') => out.push(b'\n'),
                        Some(b't') => out.push(b'\t'),
                        Some(b'r') => out.push(b'\r'),
                        Some(b'0') => out.push(0),
                        Some(b'\\') => out.push(b'\\'),
                        Some(b'"') => out.push(b'"'),
                        Some(b'\'') => out.push(b'\''),
                        Some(b'x') => {
                            let hex = self.text.get(self.pos..self.pos + 2).unwrap_or("");
                            match u8::from_str_radix(hex, 16) {
                                Ok(b) if hex.len() == 2 => {
                                    out.push(b);
                                    self.pos += 2;
                                }
                                _ => {
                                    self.pos -= 2;
                                    return Err(self.err("`\\x` needs two hex digits"));
                                }
                            }
                        }
                        _ => {
                            self.pos -= 2;
                            return Err(
                                self.err("unknown escape: use \\n, \\t, \\r, \\\\, \\\" or \\xHH")
                            );
                        }
                    }
                }
                Some(c) => {
                    out.push(c);
                    self.pos += 1;
                }
            }
        }
        String::from_utf8(out).map_err(|_| LiteralError::at(start, "the string is not valid UTF-8"))
    }

    /// `/re/`, with `\/` for a slash inside.
    fn pattern(&mut self) -> Result<Lit, LiteralError> {
        let start = self.pos;
        self.pos += 1;
        let mut re = String::new();
        let rest = &self.text[self.pos..];
        let mut chars = rest.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '/' => {
                    self.pos += i + 1;
                    return Ok(Lit::Pattern(re));
                }
                '\\' => {
                    re.push('\\');
                    if let Some((_, n)) = chars.next() {
                        if n == '/' {
                            re.pop();
                        }
                        re.push(n);
                    }
                }
                c => re.push(c),
            }
        }
        self.pos = start;
        Err(self.err("unterminated pattern: a closing `/` is missing"))
    }

    /// After `[`: an IPv6 address (`[2001:db8::1]`, `[2001:db8::]/32`) or a record/vector.
    fn bracket(&mut self) -> Result<Lit, LiteralError> {
        let start = self.pos;
        let rest = &self.text[self.pos + 1..];
        if let Some(close) = rest.find(']') {
            let inner = &rest[..close];
            if inner.contains(':')
                && !inner.contains(['$', '"', ',', '[', ' '])
                && let Ok(a) = inner.parse::<std::net::Ipv6Addr>()
            {
                self.pos += close + 2;
                if self.peek() == Some(b'/') {
                    self.pos += 1;
                    let bits = self.word();
                    let text = format!("{inner}/{bits}");
                    return match Subnet::parse(&text) {
                        Ok(s) => Ok(Lit::Subnet(s)),
                        Err(e) => {
                            self.pos = start;
                            Err(self.err(format!("invalid subnet `[{inner}]/{bits}`: {e}")))
                        }
                    };
                }
                return Ok(Lit::Addr(IpAddr::V6(a)));
            }
        }
        self.pos += 1;
        self.nested(|p| {
            let mut items = Vec::new();
            p.ws();
            if p.peek() == Some(b']') {
                p.pos += 1;
                return Ok(Lit::Bracket(items));
            }
            loop {
                p.ws();
                let name = if p.peek() == Some(b'$') {
                    p.pos += 1;
                    let at = p.pos;
                    let n = p.word();
                    if !is_field_name(n) {
                        p.pos = at;
                        return Err(p.err(format!(
                            "expected a field name after `$`, found {}",
                            p.found()
                        )));
                    }
                    let n = n.to_owned();
                    p.expect(b'=', "`=` after the field name")?;
                    Some(n)
                } else {
                    None
                };
                let v = p.value()?;
                items.push((name, v));
                p.ws();
                match p.peek() {
                    Some(b',') => p.pos += 1,
                    Some(b']') => {
                        p.pos += 1;
                        return Ok(Lit::Bracket(items));
                    }
                    _ => return Err(p.err(format!("expected `,` or `]`, found {}", p.found()))),
                }
            }
        })
    }

    /// Values separated by commas up to `close` (consumed).
    fn list(&mut self, close: u8) -> Result<Vec<Lit>, LiteralError> {
        let mut items = Vec::new();
        self.ws();
        if self.peek() == Some(close) {
            self.pos += 1;
            return Ok(items);
        }
        loop {
            items.push(self.value()?);
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(c) if c == close => {
                    self.pos += 1;
                    return Ok(items);
                }
                _ => {
                    return Err(self.err(format!(
                        "expected `,` or `{}`, found {}",
                        close as char,
                        self.found()
                    )));
                }
            }
        }
    }

    /// `table(` entries `)`: `[k, ...] = v`, the `(` consumed.
    fn table(&mut self) -> Result<Vec<(Vec<Lit>, Lit)>, LiteralError> {
        let mut entries = Vec::new();
        self.ws();
        if self.peek() == Some(b')') {
            self.pos += 1;
            return Ok(entries);
        }
        loop {
            self.expect(b'[', "`[` opening a table index, as in table([\"k\"] = 1)")?;
            let keys = self.list(b']')?;
            if keys.is_empty() {
                return Err(self.err("a table index needs at least one value"));
            }
            self.expect(b'=', "`=` after the table index")?;
            let v = self.value()?;
            entries.push((keys, v));
            self.ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b')') => {
                    self.pos += 1;
                    return Ok(entries);
                }
                _ => return Err(self.err(format!("expected `,` or `)`, found {}", self.found()))),
            }
        }
    }
}

fn is_delimiter(c: char) -> bool {
    c.is_ascii_whitespace() || matches!(c, ',' | '(' | ')' | '[' | ']' | '=' | '"' | '$')
}

/// `App::RED`, `tcp`, `GLOBAL::x`: identifiers joined by `::`.
pub(super) fn is_name(s: &str) -> bool {
    !s.is_empty() && s.split("::").all(is_field_name)
}

fn is_field_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The timespan unit for a Zeek interval unit word.
fn unit_of(word: &str) -> Option<&'static str> {
    Some(match word {
        "usec" | "usecs" => "us",
        "msec" | "msecs" => "ms",
        "sec" | "secs" => "s",
        "min" | "mins" => "min",
        "hr" | "hrs" => "h",
        "day" | "days" => "d",
        _ => return None,
    })
}
