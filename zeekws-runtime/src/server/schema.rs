//! The events and types MockZeek knows, and Zeek 8's checks of client-published events.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use zeekws_codegen::TypeDesc;

use crate::codec::{Layout, Layouts, ZeekEvent};
use crate::contract::{self, Describe, FieldInfo, LayoutInfo};
use crate::protocol::{self, Event};
use crate::value::Value;
use crate::wire::{DecodeError, DecodeOptions};

/// One field of a record type declared with [`MockZeekBuilder::record_type`](super::MockZeekBuilder::record_type).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The field's type.
    pub ty: TypeDesc,
    /// True for `&optional` (informational: Zeek 8 accepts `none` for any field).
    pub optional: bool,
}

impl Field {
    /// A required field.
    pub fn required(ty: impl Into<TypeDesc>) -> Field {
        Field {
            ty: ty.into(),
            optional: false,
        }
    }

    /// An `&optional` field.
    pub fn optional(ty: impl Into<TypeDesc>) -> Field {
        Field {
            ty: ty.into(),
            optional: true,
        }
    }
}

type TypedCheck = Arc<dyn Fn(&[u8]) -> Result<(), DecodeError> + Send + Sync>;

#[derive(Clone)]
enum Check {
    /// Decode the frame into a Rust event type.
    Typed(TypedCheck),
    /// Check the decoded [`Event`]'s arguments against Zeek types.
    Dynamic(Vec<TypeDesc>),
}

#[derive(Debug, Clone)]
enum NamedType {
    Record(Vec<Field>),
    Enum(Vec<String>),
}

/// The known events and named types (what Zeek's event registry holds on the WebSocket host).
#[derive(Clone, Default)]
pub(crate) struct Schema {
    events: HashMap<String, Check>,
    types: HashMap<String, NamedType>,
    described: Described,
    pub(crate) accept_unknown: bool,
}

/// What MockZeek answers a client's `Zeekws::describe`, as the contract script would: the
/// layouts it was built with, names included.
#[derive(Debug, Clone, Default)]
struct Described {
    records: HashMap<String, Vec<(String, TypeDesc, bool)>>,
    enums: HashMap<String, Vec<String>>,
    events: HashMap<String, Vec<(String, TypeDesc)>>,
}

impl fmt::Debug for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut names: Vec<_> = self.events.keys().collect();
        names.sort();
        f.debug_struct("Schema")
            .field("events", &names)
            .field("types", &self.types)
            .field("accept_unknown", &self.accept_unknown)
            .finish()
    }
}

/// Why an event is refused (Zeek answers all of these with `failed to create Zeek event`).
#[derive(Debug)]
pub(crate) enum Refusal {
    UnknownEvent(String),
    BadArgs(String),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::UnknownEvent(name) => write!(f, "Failed to lookup handler for '{name}'"),
            Refusal::BadArgs(why) => write!(f, "Unserialize error: {why}"),
        }
    }
}

impl Schema {
    pub(crate) fn add_typed<E: ZeekEvent + 'static>(&mut self) {
        let mut layouts = Layouts::new();
        layouts.add_events::<E>();
        for (name, layout) in layouts.iter() {
            let d = &mut self.described;
            match layout {
                Layout::Record { fields, .. } => {
                    d.records.entry(name.to_owned()).or_insert_with(|| {
                        fields
                            .iter()
                            .map(|f| (f.name.clone(), f.ty.clone(), f.optional))
                            .collect()
                    });
                }
                Layout::Enum { values, .. } => {
                    d.enums
                        .entry(name.to_owned())
                        .or_insert_with(|| values.clone());
                }
                Layout::Event { args } => {
                    d.events
                        .entry(name.to_owned())
                        .or_insert_with(|| args.clone());
                }
            }
        }
        let check: TypedCheck = Arc::new(|frame: &[u8]| {
            protocol::decode_event_with::<E>(frame, DecodeOptions::new().zeek_server_rules(true))
                .map(|_| ())
        });
        for name in E::EVENT_NAMES {
            self.events
                .insert((*name).to_owned(), Check::Typed(check.clone()));
        }
    }

    /// An event by argument types; `names` names the arguments for contract answers
    /// (`arg0`, `arg1`, ... where empty).
    pub(crate) fn add_dynamic(&mut self, name: String, args: Vec<TypeDesc>, names: Vec<String>) {
        let described = args
            .iter()
            .enumerate()
            .map(|(i, t)| {
                (
                    names.get(i).cloned().unwrap_or_else(|| format!("arg{i}")),
                    t.clone(),
                )
            })
            .collect();
        self.described.events.insert(name.clone(), described);
        self.events.insert(name, Check::Dynamic(args));
    }

    /// A record type; `names` names its fields for contract answers (`f0`, `f1`, ...
    /// where empty).
    pub(crate) fn add_record(&mut self, name: String, fields: Vec<Field>, names: Vec<String>) {
        let described = fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let n = names.get(i).cloned().unwrap_or_else(|| format!("f{i}"));
                (n, f.ty.clone(), f.optional)
            })
            .collect();
        self.described.records.insert(name.clone(), described);
        self.types.insert(name, NamedType::Record(fields));
    }

    pub(crate) fn add_enum(&mut self, name: String, values: Vec<String>) {
        self.described.enums.insert(name.clone(), values.clone());
        self.types.insert(name, NamedType::Enum(values));
    }

    /// The contract script's answer to `request`, as this Zeek imitation `version` knows
    /// the names.
    pub(crate) fn describe(&self, request: &Describe, version: &str) -> contract::Described {
        let d = &self.described;
        let kind_of = |n: &str| -> Option<&'static str> {
            if d.records.contains_key(n) || matches!(self.types.get(n), Some(NamedType::Record(_)))
            {
                Some("record")
            } else if d.enums.contains_key(n)
                || matches!(self.types.get(n), Some(NamedType::Enum(_)))
            {
                Some("enum")
            } else {
                None
            }
        };
        let missing = |name: &str| LayoutInfo {
            name: name.to_owned(),
            kind: "missing".to_owned(),
            fields: Vec::new(),
            values: Vec::new(),
            signature: String::new(),
        };
        let mut layouts = Vec::new();
        for name in &request.records {
            layouts.push(match d.records.get(name) {
                Some(fields) => LayoutInfo {
                    kind: "record".to_owned(),
                    fields: fields
                        .iter()
                        .map(|(n, t, optional)| FieldInfo {
                            name: n.clone(),
                            type_name: contract::type_name::render(t, &kind_of),
                            optional: *optional,
                        })
                        .collect(),
                    ..missing(name)
                },
                None => missing(name),
            });
        }
        for name in &request.enums {
            layouts.push(match d.enums.get(name) {
                Some(values) => LayoutInfo {
                    kind: "enum".to_owned(),
                    values: values.clone(),
                    ..missing(name)
                },
                None => missing(name),
            });
        }
        for name in &request.events {
            layouts.push(match d.events.get(name) {
                Some(args) => LayoutInfo {
                    kind: "event".to_owned(),
                    signature: contract::type_name::render_event(args, &kind_of),
                    ..missing(name)
                },
                None => missing(name),
            });
        }
        contract::Described {
            zeek_version: version.to_owned(),
            layouts,
        }
    }

    /// Zeek 8's event creation: the name must be known, the argument count exact, the types
    /// strict. `frame` is the whole message, `event` its decoded content.
    /// Whether an event named `name` is accepted without looking at its arguments (no
    /// declaration, and unknown events accepted), so that `check` would pass whatever they
    /// are.
    pub(crate) fn admits_unchecked(&self, name: &str) -> bool {
        name != contract::DESCRIBE && self.accept_unknown && !self.events.contains_key(name)
    }

    pub(crate) fn check(&self, frame: &[u8], event: &Event) -> Result<(), Refusal> {
        if event.name == contract::DESCRIBE {
            // The contract script is part of this imitation: its event is known.
            return protocol::decode_event_with::<Describe>(
                frame,
                DecodeOptions::new().zeek_server_rules(true),
            )
            .map(|_| ())
            .map_err(|e| Refusal::BadArgs(e.to_string()));
        }
        let Some(check) = self.events.get(&event.name) else {
            if self.accept_unknown {
                return Ok(());
            }
            return Err(Refusal::UnknownEvent(event.name.clone()));
        };
        match check {
            Check::Typed(f) => f(frame).map_err(|e| Refusal::BadArgs(e.to_string())),
            Check::Dynamic(types) => {
                if types.len() != event.args.len() {
                    return Err(Refusal::BadArgs(format!(
                        "'{}' arg_types.size()={} and args.size()={}",
                        event.name,
                        types.len(),
                        event.args.len()
                    )));
                }
                for (i, (ty, v)) in types.iter().zip(&event.args).enumerate() {
                    if matches!(v, Value::None) || !self.conforms(v, ty, 0) {
                        return Err(Refusal::BadArgs(format!(
                            "event '{}' arg {i}: {} is not a {ty}",
                            event.name,
                            v.data_type()
                        )));
                    }
                }
                Ok(())
            }
        }
    }

    /// Whether `v` converts to the Zeek type `ty` as Zeek's `val_converter` would.
    fn conforms(&self, v: &Value, ty: &TypeDesc, depth: u32) -> bool {
        use TypeDesc as T;
        if depth > 64 {
            return false;
        }
        match (ty, v) {
            // `opaque`, `file`, functions: no datum converts; like `any`, anything but none.
            (T::Any | T::Opaque(_), _) => true,
            (T::Bool, Value::Boolean(_))
            | (T::Count, Value::Count(_))
            | (T::Int, Value::Integer(_))
            | (T::Double, Value::Real(_))
            | (T::Time, Value::Timestamp(_))
            | (T::Interval, Value::Timespan(_))
            | (T::String, Value::String(_))
            | (T::Addr, Value::Address(_))
            | (T::Subnet, Value::Subnet(_))
            | (T::Port, Value::Port(_)) => true,
            (T::Pattern, Value::Vector(parts)) => {
                parts.len() == 2 && parts.iter().all(|p| matches!(p, Value::String(_)))
            }
            (T::Vector(t), Value::Vector(items)) => items
                .iter()
                .all(|x| matches!(x, Value::None) || self.conforms(x, t, depth + 1)),
            (T::Set(t), Value::Set(items)) => items.iter().all(|x| self.conforms(x, t, depth + 1)),
            (T::Table(k, val), Value::Table(entries)) => entries.iter().all(|(kk, vv)| {
                self.conforms(kk, k, depth + 1) && self.conforms(vv, val, depth + 1)
            }),
            (T::Tuple(ts), Value::Vector(items)) => {
                ts.len() == items.len()
                    && ts
                        .iter()
                        .zip(items)
                        .all(|(t, x)| self.conforms(x, t, depth + 1))
            }
            (T::Named(name), v) => match (self.types.get(name.as_str()), v) {
                // Records: shorter fails, longer is accepted (extras ignored), none unsets.
                (Some(NamedType::Record(fields)), Value::Vector(items)) => {
                    items.len() >= fields.len()
                        && fields.iter().zip(items).all(|(f, x)| {
                            matches!(x, Value::None) || self.conforms(x, &f.ty, depth + 1)
                        })
                }
                (Some(NamedType::Record(_)), _) => false,
                (Some(NamedType::Enum(values)), Value::EnumValue(s)) => {
                    let bare = s
                        .strip_prefix("GLOBAL::")
                        .or_else(|| s.strip_prefix("::"))
                        .unwrap_or(s);
                    values
                        .iter()
                        .any(|x| x == s || (!x.contains("::") && x == bare))
                }
                (Some(NamedType::Enum(_)), _) => false,
                // A type the test did not describe: accept any value but none.
                (None, _) => true,
            },
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TypeDesc as T;

    fn app() -> Schema {
        let mut s = Schema::default();
        s.add_enum(
            "App::Color".into(),
            vec!["App::RED".into(), "App::GREEN".into()],
        );
        s.add_enum("transport_proto".into(), vec!["tcp".into(), "icmp".into()]);
        s.add_record(
            "App::Inner".into(),
            vec![Field::required(T::Count), Field::optional(T::String)],
            vec![],
        );
        s.add_dynamic(
            "App::seen".into(),
            vec![T::Named("App::Inner".into()), T::Named("App::Color".into())],
            vec!["i".into(), "c".into()],
        );
        s.add_dynamic(
            "App::proto".into(),
            vec![T::Named("transport_proto".into())],
            vec![],
        );
        s.add_dynamic("App::ping".into(), vec![T::String, T::Count], vec![]);
        s
    }

    fn seen(inner: Vec<Value>, color: &str) -> Event {
        Event::new(
            "App::seen",
            [Value::Vector(inner), Value::EnumValue(color.into())],
        )
    }

    #[test]
    fn checks_like_zeek_8() {
        let s = app();
        let ok = |e: &Event| s.check(b"", e).is_ok();
        assert!(ok(&seen(
            vec![Value::Count(1), Value::from("b")],
            "App::GREEN"
        )));
        // Longer records are accepted, shorter refused; none unsets a field.
        assert!(ok(&seen(
            vec![Value::Count(1), Value::from("b"), Value::Count(9)],
            "App::GREEN"
        )));
        assert!(!ok(&seen(vec![Value::Count(1)], "App::GREEN")));
        assert!(ok(&seen(vec![Value::Count(1), Value::None], "App::GREEN")));
        // Enums need the qualified name and a known value.
        assert!(!ok(&seen(vec![Value::Count(1), Value::from("b")], "GREEN")));
        assert!(!ok(&seen(
            vec![Value::Count(1), Value::from("b")],
            "App::PURPLE"
        )));
        // GLOBAL enums: bare, GLOBAL:: or :: prefixed.
        for name in ["icmp", "GLOBAL::icmp", "::icmp"] {
            let e = Event::new("App::proto", [Value::EnumValue(name.into())]);
            assert!(ok(&e), "{name}");
        }
        // Strict conversions, exact argument count, no top-level none.
        let ping = |args: Vec<Value>| Event::new("App::ping", args);
        assert!(ok(&ping(vec![Value::from("a"), Value::Count(1)])));
        assert!(!ok(&ping(vec![Value::from("a"), Value::Integer(1)])));
        assert!(!ok(&ping(vec![Value::from("a")])));
        assert!(!ok(&ping(vec![Value::from("a"), Value::None])));
        assert!(!ok(&Event::new("App::nope", [])));
        let mut lenient = app();
        lenient.accept_unknown = true;
        assert!(lenient.check(b"", &Event::new("App::nope", [])).is_ok());
    }
}
