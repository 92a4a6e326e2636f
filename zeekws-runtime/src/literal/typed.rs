//! [`Lit`] → [`Value`]: as written (untyped), or converted to a declared Zeek type the way
//! Zeek converts a constant (a count where a double is declared becomes a real, a record
//! literal fills the record's fields by name in declaration order).

use std::collections::{BTreeMap, BTreeSet};

use zeekws_codegen::{Schema, TypeDesc};

use super::LiteralError;
use super::parse::Lit;
use crate::codec::Pattern;
use crate::time::Timestamp;
use crate::value::Value;

/// The value a literal denotes without a declared type.
pub(super) fn untyped(lit: &Lit) -> Result<Value, LiteralError> {
    Ok(match lit {
        Lit::Count(v) => Value::Count(*v),
        Lit::Int(v) => Value::Integer(*v),
        Lit::Real(v) => Value::Real(*v),
        Lit::Bool(v) => Value::Boolean(*v),
        Lit::Str(s) => Value::String(s.clone()),
        Lit::Addr(a) => Value::Address(*a),
        Lit::Subnet(s) => Value::Subnet(*s),
        Lit::Port(p) => Value::Port(*p),
        Lit::Interval(t) => Value::Timespan(*t),
        Lit::Name(n) => Value::EnumValue(n.clone()),
        Lit::Pattern(re) => pattern(re),
        Lit::Bracket(items) => {
            if items.iter().any(|(name, _)| name.is_some()) {
                return Err(LiteralError::new(
                    "a record literal with `$name=` fields needs the record's declaration to \
                     know the field order (give the script with --schema), or write the fields \
                     positionally: [1, \"x\"]",
                ));
            }
            Value::Vector(
                items
                    .iter()
                    .map(|(_, v)| untyped(v))
                    .collect::<Result<_, _>>()?,
            )
        }
        Lit::Vector(items) => Value::Vector(items.iter().map(untyped).collect::<Result<_, _>>()?),
        Lit::Set(items) => Value::Set(
            items
                .iter()
                .map(untyped)
                .collect::<Result<BTreeSet<_>, _>>()?,
        ),
        Lit::Table(entries) => {
            let mut map = BTreeMap::new();
            for (keys, v) in entries {
                let key = match keys.as_slice() {
                    [one] => untyped(one)?,
                    many => Value::Vector(many.iter().map(untyped).collect::<Result<_, _>>()?),
                };
                map.insert(key, untyped(v)?);
            }
            Value::Table(map)
        }
    })
}

fn pattern(re: &str) -> Value {
    let p = Pattern::new(re);
    Value::Vector(vec![Value::String(p.exact), Value::String(p.anywhere)])
}

/// What a literal is, for messages: "count literal `1`".
fn describe(lit: &Lit) -> String {
    match lit {
        Lit::Count(v) => format!("the count {v}"),
        Lit::Int(v) => format!("the int {v:+}"),
        Lit::Real(v) => format!("the double {v:?}"),
        Lit::Bool(v) => format!("the bool {}", if *v { "T" } else { "F" }),
        Lit::Str(s) => format!("the string {s:?}"),
        Lit::Addr(a) => format!("the addr {a}"),
        Lit::Subnet(s) => format!("the subnet {s}"),
        Lit::Port(p) => format!("the port {p}"),
        Lit::Interval(t) => format!("the interval {t}"),
        Lit::Name(n) => format!("the name {n}"),
        Lit::Pattern(re) => format!("the pattern /{re}/"),
        Lit::Bracket(_) => "a [...] literal".to_owned(),
        Lit::Set(_) => "a set(...)".to_owned(),
        Lit::Table(_) => "a table(...)".to_owned(),
        Lit::Vector(_) => "a vector(...)".to_owned(),
    }
}

/// Converts literals to declared types, looking records and enums up in a schema.
pub(super) struct Typer<'s> {
    pub(super) schema: Option<&'s Schema>,
}

impl Typer<'_> {
    /// `lit` as a value of type `ty`; `path` says where, for errors (`field 'id' ($orig_h)`).
    pub(super) fn convert(
        &self,
        lit: &Lit,
        ty: &TypeDesc,
        path: &str,
    ) -> Result<Value, LiteralError> {
        let mismatch = || LiteralError::new(format!("{path}expected {ty}, got {}", describe(lit)));
        Ok(match (ty, lit) {
            (TypeDesc::Any, _) => untyped(lit).map_err(|e| e.within(path))?,
            (TypeDesc::Bool, Lit::Bool(v)) => Value::Boolean(*v),
            (TypeDesc::Count, Lit::Count(v)) => Value::Count(*v),
            (TypeDesc::Int, Lit::Int(v)) => Value::Integer(*v),
            (TypeDesc::Int, Lit::Count(v)) => {
                Value::Integer(i64::try_from(*v).map_err(|_| mismatch())?)
            }
            (TypeDesc::Double, Lit::Real(v)) => Value::Real(*v),
            (TypeDesc::Double, Lit::Count(v)) => Value::Real(*v as f64),
            (TypeDesc::Double, Lit::Int(v)) => Value::Real(*v as f64),
            (TypeDesc::Time, Lit::Real(v)) => time(*v).ok_or_else(mismatch)?,
            (TypeDesc::Time, Lit::Count(v)) => time(*v as f64).ok_or_else(mismatch)?,
            (TypeDesc::Time, Lit::Int(v)) => time(*v as f64).ok_or_else(mismatch)?,
            (TypeDesc::Time, Lit::Str(s)) => Value::Timestamp(
                Timestamp::parse(s).map_err(|e| LiteralError::new(format!("{path}{e}")))?,
            ),
            (TypeDesc::Interval, Lit::Interval(t)) => Value::Timespan(*t),
            (TypeDesc::String, Lit::Str(s)) => Value::String(s.clone()),
            (TypeDesc::Addr, Lit::Addr(a)) => Value::Address(*a),
            (TypeDesc::Subnet, Lit::Subnet(s)) => Value::Subnet(*s),
            (TypeDesc::Port, Lit::Port(p)) => Value::Port(*p),
            (TypeDesc::Pattern, Lit::Pattern(re)) => pattern(re),
            (TypeDesc::Named(name), _) => self.named(name, lit, path)?,
            (TypeDesc::Vector(elem), Lit::Vector(items)) => self.each(items.iter(), elem, path)?,
            (TypeDesc::Vector(elem), Lit::Bracket(items))
                if items.iter().all(|(n, _)| n.is_none()) =>
            {
                self.each(items.iter().map(|(_, v)| v), elem, path)?
            }
            (TypeDesc::Set(key), Lit::Set(items)) => {
                let mut set = BTreeSet::new();
                for (i, item) in items.iter().enumerate() {
                    set.insert(self.index(
                        std::slice::from_ref(item),
                        key,
                        &format!("{path}element {i}: "),
                    )?);
                }
                Value::Set(set)
            }
            (TypeDesc::Table(key, val), Lit::Table(entries)) => {
                let mut map = BTreeMap::new();
                for (i, (keys, v)) in entries.iter().enumerate() {
                    let at = format!("{path}entry {i}: ");
                    map.insert(self.index(keys, key, &at)?, self.convert(v, val, &at)?);
                }
                Value::Table(map)
            }
            (TypeDesc::Tuple(types), Lit::Bracket(items)) => self.index(
                &items.iter().map(|(_, v)| v.clone()).collect::<Vec<_>>(),
                &TypeDesc::Tuple(types.clone()),
                path,
            )?,
            (TypeDesc::Opaque(what), _) => {
                return Err(LiteralError::new(format!(
                    "{path}a value of type {what} cannot be written as a literal"
                )));
            }
            (TypeDesc::Interval, Lit::Count(_) | Lit::Int(_) | Lit::Real(_)) => {
                return Err(LiteralError::new(format!(
                    "{path}expected interval, got {}: an interval needs a unit, as in `1.5 secs`",
                    describe(lit)
                )));
            }
            _ => return Err(mismatch()),
        })
    }

    fn each<'l>(
        &self,
        items: impl Iterator<Item = &'l Lit>,
        elem: &TypeDesc,
        path: &str,
    ) -> Result<Value, LiteralError> {
        let mut out = Vec::new();
        for (i, item) in items.enumerate() {
            out.push(self.convert(item, elem, &format!("{path}element {i}: "))?);
        }
        Ok(Value::Vector(out))
    }

    /// A set element or table index: one type, or a composite index from a list.
    fn index(&self, keys: &[Lit], ty: &TypeDesc, path: &str) -> Result<Value, LiteralError> {
        match (ty, keys) {
            (TypeDesc::Tuple(types), [Lit::Bracket(items)])
                if keys.len() == 1 && types.len() > 1 =>
            {
                let list: Vec<Lit> = items.iter().map(|(_, v)| v.clone()).collect();
                self.index(&list, ty, path)
            }
            (TypeDesc::Tuple(types), _) => {
                if types.len() != keys.len() {
                    return Err(LiteralError::new(format!(
                        "{path}expected an index of {} values ([{}]), got {}",
                        types.len(),
                        types
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(","),
                        keys.len()
                    )));
                }
                let mut out = Vec::new();
                for (i, (t, k)) in types.iter().zip(keys).enumerate() {
                    out.push(self.convert(k, t, &format!("{path}index {i}: "))?);
                }
                Ok(Value::Vector(out))
            }
            (_, [one]) => self.convert(one, ty, path),
            _ => Err(LiteralError::new(format!(
                "{path}expected an index of one {ty}, got {} values",
                keys.len()
            ))),
        }
    }

    /// A record or enum type by name.
    fn named(&self, name: &str, lit: &Lit, path: &str) -> Result<Value, LiteralError> {
        let schema = self.schema;
        if let Some(record) = schema.and_then(|s| s.record(name)) {
            let Lit::Bracket(items) = lit else {
                return Err(LiteralError::new(format!(
                    "{path}expected a {name} record ([$field=value, ...]), got {}",
                    describe(lit)
                )));
            };
            let mut fields: Vec<Option<&Lit>> = vec![None; record.fields.len()];
            for (i, (field, v)) in items.iter().enumerate() {
                let j = match field {
                    Some(n) => {
                        record
                            .fields
                            .iter()
                            .position(|f| &f.name == n)
                            .ok_or_else(|| {
                                LiteralError::new(format!(
                                    "{path}{name} has no field '{n}' (it has {})",
                                    record
                                        .fields
                                        .iter()
                                        .map(|f| f.name.as_str())
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ))
                            })?
                    }
                    None if i < record.fields.len() => i,
                    None => {
                        return Err(LiteralError::new(format!(
                            "{path}{name} has {} fields, the literal gives more",
                            record.fields.len()
                        )));
                    }
                };
                if fields[j].replace(v).is_some() {
                    return Err(LiteralError::new(format!(
                        "{path}field '{}' of {name} is given twice",
                        record.fields[j].name
                    )));
                }
            }
            let mut out = Vec::with_capacity(fields.len());
            for (f, given) in record.fields.iter().zip(fields) {
                let at = format!("{path}field '{}' ({}): ", f.name, name);
                let ty = f.ty.descriptor();
                out.push(match given {
                    Some(v) => self.convert(v, &ty, &at)?,
                    None => match &f.default {
                        // A `&default` written as a plain literal applies, as in Zeek.
                        Some(text) => match super::parse::parse(text) {
                            Ok(d) => self.convert(&d, &ty, &at).map_err(|e| {
                                LiteralError::new(format!(
                                    "{at}not given, and its &default `{text}` is not a literal zeekws can evaluate ({e})"
                                ))
                            })?,
                            Err(_) if f.optional => Value::None,
                            Err(_) => {
                                return Err(LiteralError::new(format!(
                                    "{at}not given, and its &default `{text}` is not a plain literal: give the field"
                                )));
                            }
                        },
                        None if f.optional => Value::None,
                        None => {
                            return Err(LiteralError::new(format!(
                                "{at}required (not &optional, no &default) but not given"
                            )));
                        }
                    },
                });
            }
            return Ok(Value::Vector(out));
        }
        if let Some(e) = schema.and_then(|s| s.enum_(name)) {
            let Lit::Name(given) = lit else {
                return Err(LiteralError::new(format!(
                    "{path}expected a {name} value, got {}",
                    describe(lit)
                )));
            };
            let module = name.rsplit_once("::").map(|(m, _)| m);
            let found = e.values.iter().find(|v| {
                &v.name == given
                    || module.is_some_and(|m| v.name == format!("{m}::{given}"))
                    || v.name.rsplit("::").next() == Some(given.as_str()) && !v.name.contains("::")
            });
            return match found {
                Some(v) => Ok(Value::EnumValue(v.name.clone())),
                None => Err(LiteralError::new(format!(
                    "{path}{given} is not a value of {name} (its values: {})",
                    e.values
                        .iter()
                        .map(|v| v.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))),
            };
        }
        // A type the schema does not describe: take the literal as written.
        untyped(lit).map_err(|e| e.within(path))
    }
}

fn time(secs: f64) -> Option<Value> {
    Timestamp::from_secs_f64(secs).map(Value::Timestamp)
}
