//! [`Value`] → Zeek literal text, with record field names where the type is known.

use std::fmt::Write;
use std::net::IpAddr;

use zeekws_codegen::{Schema, TypeDesc};

use crate::time::Timespan;
use crate::value::Value;

/// Renders values; a schema names record fields.
pub(super) struct Renderer<'s> {
    pub(super) schema: Option<&'s Schema>,
}

impl Renderer<'_> {
    pub(super) fn render(&self, out: &mut String, v: &Value, ty: Option<&TypeDesc>) {
        let ty = match ty {
            Some(TypeDesc::Any) => None,
            t => t,
        };
        match v {
            Value::None => out.push('-'),
            Value::Boolean(b) => out.push(if *b { 'T' } else { 'F' }),
            Value::Count(c) => {
                let _ = write!(out, "{c}");
            }
            Value::Integer(i) => {
                let _ = write!(out, "{i:+}");
            }
            Value::Real(r) => real(out, *r),
            Value::String(s) => string(out, s),
            Value::Address(IpAddr::V4(a)) => {
                let _ = write!(out, "{a}");
            }
            Value::Address(IpAddr::V6(a)) => {
                let _ = write!(out, "[{a}]");
            }
            Value::Subnet(s) => match s.network() {
                IpAddr::V6(a) => {
                    let _ = write!(out, "[{a}]/{}", s.prefix_len());
                }
                IpAddr::V4(_) => {
                    let _ = write!(out, "{s}");
                }
            },
            Value::Port(p) => {
                let _ = write!(out, "{p}");
            }
            // Zeek has no time literal; its logs print time as seconds since the epoch.
            Value::Timestamp(t) => real(out, t.as_secs_f64()),
            Value::Timespan(t) => interval(out, *t),
            Value::EnumValue(e) => out.push_str(e),
            Value::Vector(items) => self.vector(out, items, ty),
            Value::Set(items) => {
                let key = match ty {
                    Some(TypeDesc::Set(k)) => Some(k.as_ref()),
                    _ => None,
                };
                out.push_str("set(");
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.render(out, item, key);
                }
                out.push(')');
            }
            Value::Table(entries) => {
                let (key, val) = match ty {
                    Some(TypeDesc::Table(k, v)) => (Some(k.as_ref()), Some(v.as_ref())),
                    _ => (None, None),
                };
                out.push_str("table(");
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    match (k, key) {
                        // A composite index is written as its list.
                        (Value::Vector(parts), Some(TypeDesc::Tuple(types))) => {
                            out.push('[');
                            for (j, part) in parts.iter().enumerate() {
                                if j > 0 {
                                    out.push_str(", ");
                                }
                                self.render(out, part, types.get(j));
                            }
                            out.push(']');
                        }
                        _ => {
                            out.push('[');
                            self.render(out, k, key);
                            out.push(']');
                        }
                    }
                    out.push_str(" = ");
                    self.render(out, v, val);
                }
                out.push(')');
            }
        }
    }

    fn vector(&self, out: &mut String, items: &[Value], ty: Option<&TypeDesc>) {
        match ty {
            Some(TypeDesc::Named(name)) => {
                if let Some(record) = self.schema.and_then(|s| s.record(name)) {
                    out.push('[');
                    let mut first = true;
                    for (i, item) in items.iter().enumerate() {
                        if matches!(item, Value::None) {
                            continue;
                        }
                        if !first {
                            out.push_str(", ");
                        }
                        first = false;
                        match record.fields.get(i) {
                            Some(f) => {
                                let _ = write!(out, "${}=", f.name);
                                self.render(out, item, Some(&f.ty.descriptor()));
                            }
                            // Fields the declaration does not know (appended by a script
                            // not loaded here): positional.
                            None => self.render(out, item, None),
                        }
                    }
                    out.push(']');
                    return;
                }
            }
            Some(TypeDesc::Pattern) => {
                if let [Value::String(exact), Value::String(_)] = items
                    && let Some(re) = exact
                        .strip_prefix("^?(")
                        .and_then(|s| s.strip_suffix(")$?"))
                {
                    out.push('/');
                    out.push_str(&re.replace('/', "\\/"));
                    out.push('/');
                    return;
                }
            }
            _ => {}
        }
        let (open, close, elem) = match ty {
            Some(TypeDesc::Vector(t)) => ("vector(", ')', Some(t.as_ref())),
            Some(TypeDesc::Tuple(_)) => ("[", ']', None),
            None if items.is_empty() => ("vector(", ')', None),
            _ => ("[", ']', None),
        };
        out.push_str(open);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let t = match ty {
                Some(TypeDesc::Tuple(types)) => types.get(i),
                _ => elem,
            };
            self.render(out, item, t);
        }
        out.push(close);
    }
}

/// A double that reads back as a double: always with `.` or an exponent.
fn real(out: &mut String, r: f64) {
    if r.is_finite() {
        let _ = write!(out, "{r:?}");
    } else if r.is_nan() {
        out.push_str("nan");
    } else if r > 0.0 {
        out.push_str("inf");
    } else {
        out.push_str("-inf");
    }
}

/// `3.5 secs`: exact, in seconds.
fn interval(out: &mut String, t: Timespan) {
    let nanos = t.as_nanos();
    let sign = if nanos < 0 { "-" } else { "" };
    let abs = nanos.unsigned_abs();
    let (secs, frac) = (abs / 1_000_000_000, abs % 1_000_000_000);
    let mut frac = format!("{frac:09}");
    while frac.len() > 1 && frac.ends_with('0') {
        frac.pop();
    }
    let _ = write!(out, "{sign}{secs}.{frac} secs");
}

/// `"..."` with Zeek's escapes.
fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
