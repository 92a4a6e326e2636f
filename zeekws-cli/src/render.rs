//! Events as JSON lines with the declared names (records as objects with field names), or as
//! Zeek literals; a value that does not fit its declaration is printed as it came and
//! reported as a warning naming the event, argument, field and JSON path.

use serde_json::{Map, Value as J, json};
use zeekws_codegen::{Schema, TypeDesc};
use zeekws_runtime::protocol::Event;
use zeekws_runtime::{Value, literal};

/// Renders events, naming what `schema` declares.
pub struct Renderer<'s> {
    pub schema: Option<&'s Schema>,
}

/// Where a value sits: its place for people (`arg 0 'rec' field 'id'`) and its JSON path
/// in the frame's value (`data[2].data[1].data[0].data[2]`).
struct At<'a> {
    place: &'a str,
    path: &'a str,
}

impl Renderer<'_> {
    /// The event as one JSON object: `{"topic":..,"event":..,"args":{..},"network_time":..}`,
    /// and the warnings about values that do not fit their declarations.
    pub fn event_json(&self, topic: &str, ev: &Event) -> (J, Vec<String>) {
        let mut warnings = Vec::new();
        let decl = self.schema.and_then(|s| s.event(&ev.name));
        let args = match decl {
            Some(decl) => {
                if decl.params.len() != ev.args.len() {
                    warnings.push(format!(
                        "event {}: {} argument{} arrived, the schema declares {}",
                        ev.name,
                        ev.args.len(),
                        if ev.args.len() == 1 { "" } else { "s" },
                        decl.params.len()
                    ));
                }
                let mut obj = Map::new();
                for (i, v) in ev.args.iter().enumerate() {
                    let path = format!("data[2].data[1].data[{i}]");
                    match decl.params.get(i) {
                        Some(p) => {
                            let place = format!("event {} arg {i} '{}'", ev.name, p.name);
                            let at = At {
                                place: &place,
                                path: &path,
                            };
                            let ty = p.ty.descriptor();
                            obj.insert(
                                p.name.clone(),
                                self.value(v, Some(&ty), &at, &mut warnings),
                            );
                        }
                        None => {
                            let place = format!("event {} arg {i}", ev.name);
                            let at = At {
                                place: &place,
                                path: &path,
                            };
                            obj.insert(format!("#{i}"), self.value(v, None, &at, &mut warnings));
                        }
                    }
                }
                J::Object(obj)
            }
            None => {
                let args = ev.args.iter().enumerate().map(|(i, v)| {
                    let path = format!("data[2].data[1].data[{i}]");
                    let place = format!("event {} arg {i}", ev.name);
                    self.value(
                        v,
                        None,
                        &At {
                            place: &place,
                            path: &path,
                        },
                        &mut warnings,
                    )
                });
                J::Array(args.collect())
            }
        };
        let mut out = json!({ "topic": topic, "event": ev.name, "args": args });
        if let Some(t) = ev.network_timestamp() {
            out["network_time"] = J::String(format!("{t}Z"));
        }
        (out, warnings)
    }

    /// The event in Zeek's literal syntax: `App::seen([$a=1, $b="x"], App::RED)`.
    pub fn event_zeek(&self, ev: &Event) -> String {
        let decl = self.schema.and_then(|s| s.event(&ev.name));
        let args: Vec<String> = ev
            .args
            .iter()
            .enumerate()
            .map(|(i, v)| match decl.and_then(|d| d.params.get(i)) {
                Some(p) => literal::to_string_as(v, &p.ty.descriptor(), self.schema),
                None => literal::to_string(v),
            })
            .collect();
        format!("{}({})", ev.name, args.join(", "))
    }

    fn value(
        &self,
        v: &Value,
        ty: Option<&TypeDesc>,
        at: &At<'_>,
        warnings: &mut Vec<String>,
    ) -> J {
        let ty = match ty {
            Some(TypeDesc::Any | TypeDesc::Opaque(_)) | None => None,
            t => t,
        };
        if let Some(t) = ty
            && !fits(v, t, self.schema)
        {
            warnings.push(format!(
                "{}: expected {t}, got {} at {}",
                at.place,
                v.data_type(),
                at.path
            ));
            return self.value(v, None, at, warnings);
        }
        match v {
            Value::None => J::Null,
            Value::Boolean(b) => J::Bool(*b),
            Value::Count(c) => json!(c),
            Value::Integer(i) => json!(i),
            Value::Real(r) => number(*r),
            Value::String(s) => J::String(s.clone()),
            Value::Address(a) => J::String(a.to_string()),
            Value::Subnet(s) => J::String(s.to_string()),
            Value::Port(p) => J::String(p.to_string()),
            Value::Timestamp(t) => J::String(format!("{t}Z")),
            // Seconds, as Zeek's JSON logs write intervals.
            Value::Timespan(t) => number(t.as_nanos() as f64 / 1e9),
            Value::EnumValue(e) => J::String(e.clone()),
            Value::Vector(items) => self.vector(items, ty, at, warnings),
            Value::Set(items) => {
                let key = match ty {
                    Some(TypeDesc::Set(k)) => Some(k.as_ref()),
                    _ => None,
                };
                J::Array(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, x)| {
                            let path = format!("{}.data[{i}]", at.path);
                            self.value(
                                x,
                                key,
                                &At {
                                    place: at.place,
                                    path: &path,
                                },
                                warnings,
                            )
                        })
                        .collect(),
                )
            }
            Value::Table(entries) => {
                let (key, val) = match ty {
                    Some(TypeDesc::Table(k, v)) => (Some(k.as_ref()), Some(v.as_ref())),
                    _ => (None, None),
                };
                let rendered = entries.iter().enumerate().map(|(i, (k, x))| {
                    let kp = format!("{}.data[{i}].key", at.path);
                    let vp = format!("{}.data[{i}].value", at.path);
                    (
                        k,
                        self.value(
                            k,
                            key,
                            &At {
                                place: at.place,
                                path: &kp,
                            },
                            warnings,
                        ),
                        self.value(
                            x,
                            val,
                            &At {
                                place: at.place,
                                path: &vp,
                            },
                            warnings,
                        ),
                    )
                });
                if entries.keys().all(|k| matches!(k, Value::String(_))) {
                    J::Object(
                        rendered
                            .map(|(k, _, x)| match k {
                                Value::String(s) => (s.clone(), x),
                                _ => unreachable!("all keys are strings"),
                            })
                            .collect(),
                    )
                } else {
                    J::Array(rendered.map(|(_, k, x)| J::Array(vec![k, x])).collect())
                }
            }
        }
    }

    fn vector(
        &self,
        items: &[Value],
        ty: Option<&TypeDesc>,
        at: &At<'_>,
        warnings: &mut Vec<String>,
    ) -> J {
        let item =
            |i: usize, x: &Value, t: Option<&TypeDesc>, place: &str, warnings: &mut Vec<String>| {
                let path = format!("{}.data[{i}]", at.path);
                self.value(x, t, &At { place, path: &path }, warnings)
            };
        match ty {
            Some(TypeDesc::Named(name)) => {
                let Some(record) = self.schema.and_then(|s| s.record(name)) else {
                    return J::Array(
                        items
                            .iter()
                            .enumerate()
                            .map(|(i, x)| item(i, x, None, at.place, warnings))
                            .collect(),
                    );
                };
                if items.len() < record.fields.len() {
                    warnings.push(format!(
                        "{}: {name} has {} fields, {} arrived at {}",
                        at.place,
                        record.fields.len(),
                        items.len(),
                        at.path
                    ));
                }
                let mut obj = Map::new();
                for (i, x) in items.iter().enumerate() {
                    match record.fields.get(i) {
                        Some(f) => {
                            let place = format!("{} field '{}'", at.place, f.name);
                            let t = f.ty.descriptor();
                            obj.insert(f.name.clone(), item(i, x, Some(&t), &place, warnings));
                        }
                        // Appended by a script the schema does not load.
                        None => {
                            obj.insert(format!("#{i}"), item(i, x, None, at.place, warnings));
                        }
                    }
                }
                J::Object(obj)
            }
            Some(TypeDesc::Pattern) => match items {
                [Value::String(exact), Value::String(_)] => {
                    let re = exact
                        .strip_prefix("^?(")
                        .and_then(|s| s.strip_suffix(")$?"))
                        .unwrap_or(exact);
                    J::String(format!("/{re}/"))
                }
                _ => J::Array(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, x)| item(i, x, None, at.place, warnings))
                        .collect(),
                ),
            },
            Some(TypeDesc::Vector(t)) => J::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| item(i, x, Some(t), at.place, warnings))
                    .collect(),
            ),
            Some(TypeDesc::Tuple(ts)) => J::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| item(i, x, ts.get(i), at.place, warnings))
                    .collect(),
            ),
            _ => J::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| item(i, x, None, at.place, warnings))
                    .collect(),
            ),
        }
    }
}

fn number(r: f64) -> J {
    serde_json::Number::from_f64(r).map_or_else(|| J::String(r.to_string()), J::Number)
}

/// Whether `v` has the shape `ty` declares (one level deep; containers check their
/// elements as they are rendered).
fn fits(v: &Value, ty: &TypeDesc, schema: Option<&Schema>) -> bool {
    match (ty, v) {
        (_, Value::None) => true,
        (TypeDesc::Bool, Value::Boolean(_))
        | (TypeDesc::Count, Value::Count(_))
        | (TypeDesc::Int, Value::Integer(_))
        | (TypeDesc::Double, Value::Real(_))
        | (TypeDesc::Time, Value::Timestamp(_))
        | (TypeDesc::Interval, Value::Timespan(_))
        | (TypeDesc::String, Value::String(_))
        | (TypeDesc::Addr, Value::Address(_))
        | (TypeDesc::Subnet, Value::Subnet(_))
        | (TypeDesc::Port, Value::Port(_))
        | (TypeDesc::Pattern, Value::Vector(_))
        | (TypeDesc::Vector(_) | TypeDesc::Tuple(_), Value::Vector(_))
        | (TypeDesc::Set(_), Value::Set(_))
        | (TypeDesc::Table(..), Value::Table(_)) => true,
        (TypeDesc::Named(name), v) => match schema {
            Some(s) if s.record(name).is_some() => matches!(v, Value::Vector(_)),
            Some(s) if s.enum_(name).is_some() => matches!(v, Value::EnumValue(_)),
            _ => true,
        },
        _ => false,
    }
}
