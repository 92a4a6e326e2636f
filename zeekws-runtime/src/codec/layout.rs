//! [`Layouts`]: the records, enums and events a set of Rust types was compiled against, as
//! the derives recorded them, for comparing with what a running Zeek declares
//! ([`ClientBuilder::verify_contract`](crate::client::ClientBuilder::verify_contract)).

use std::collections::BTreeMap;

use zeekws_codegen::TypeDesc;

use super::ZeekTypeName;

/// One record field as a Rust type declares it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldLayout {
    /// The field name.
    pub name: String,
    /// Its Zeek type.
    pub ty: TypeDesc,
    /// `Option<T>`: `&optional` in Zeek.
    pub optional: bool,
}

/// What a Rust type says a named Zeek type or event looks like.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Layout {
    /// A record: its fields in wire order; `extensible` accepts fields appended after them.
    Record {
        /// Fields in wire order.
        fields: Vec<FieldLayout>,
        /// `#[zeek(extensible)]`.
        extensible: bool,
    },
    /// An enum: the value names it knows; `open` keeps unknown values (`#[zeek(other)]`).
    Enum {
        /// Value names as sent (`App::RED`).
        values: Vec<String>,
        /// Has an `other` variant.
        open: bool,
    },
    /// An event: its arguments (name, Zeek type) in order.
    Event {
        /// Arguments in order.
        args: Vec<(String, TypeDesc)>,
    },
}

/// The layouts reachable from some Rust types, by Zeek name.
///
/// ```
/// use zeekws_runtime::codec::{Layout, Layouts};
/// use zeekws_runtime::{ZeekEvent, ZeekRecord};
///
/// #[derive(ZeekRecord)]
/// #[zeek(name = "App::Inner")]
/// struct Inner { a: u64, b: Option<String> }
///
/// #[derive(ZeekEvent)]
/// #[zeek(name = "App::seen")]
/// struct Seen { i: Inner, n: u64 }
///
/// let mut layouts = Layouts::new();
/// layouts.add_events::<Seen>();
/// assert!(matches!(layouts.get("App::seen"), Some(Layout::Event { args }) if args.len() == 2));
/// assert!(matches!(layouts.get("App::Inner"), Some(Layout::Record { fields, extensible: false }) if fields.len() == 2));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layouts {
    items: BTreeMap<String, Layout>,
}

impl Layouts {
    /// No layouts.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the events of `E` and every record and enum their arguments reach.
    pub fn add_events<E: super::ZeekEvent>(&mut self) {
        E::describe_events(self);
    }

    /// Adds the record or enum `T` is (if it is one) and everything its fields reach.
    pub fn add_type<T: super::ZeekType + ?Sized>(&mut self) {
        T::describe(self);
    }

    /// Records a record; false when it was already there (the caller then stops recursing).
    #[doc(hidden)]
    pub fn insert_record(
        &mut self,
        name: &str,
        fields: &[(&str, ZeekTypeName, bool)],
        extensible: bool,
    ) -> bool {
        self.insert(
            name,
            Layout::Record {
                fields: fields
                    .iter()
                    .map(|(n, ty, optional)| FieldLayout {
                        name: (*n).to_owned(),
                        ty: ty.descriptor(),
                        optional: *optional,
                    })
                    .collect(),
                extensible,
            },
        )
    }

    /// Records an enum.
    #[doc(hidden)]
    pub fn insert_enum(&mut self, name: &str, values: &[&str], open: bool) -> bool {
        self.insert(
            name,
            Layout::Enum {
                values: values.iter().map(|v| (*v).to_owned()).collect(),
                open,
            },
        )
    }

    /// Records an event.
    #[doc(hidden)]
    pub fn insert_event(&mut self, name: &str, args: &[(&str, ZeekTypeName)]) -> bool {
        self.insert(
            name,
            Layout::Event {
                args: args
                    .iter()
                    .map(|(n, t)| ((*n).to_owned(), t.descriptor()))
                    .collect(),
            },
        )
    }

    /// Adds a layout described by hand or from a loaded script (see
    /// [`from_schema`](Self::from_schema)); false when the name was already there.
    pub fn insert(&mut self, name: &str, layout: Layout) -> bool {
        if self.items.contains_key(name) {
            return false;
        }
        self.items.insert(name.to_owned(), layout);
        true
    }

    /// The layouts a loaded script declares for `names` (records, enums and events, with
    /// the records and enums their fields and arguments reach), or for everything its entry
    /// files declare when `names` is empty. Records are taken as not extensible: every
    /// field must be there. Unknown names are left out and returned.
    pub fn from_schema(
        schema: &zeekws_codegen::Schema,
        names: &[String],
    ) -> (Layouts, Vec<String>) {
        let mut out = Layouts::new();
        let mut todo: Vec<String> = if names.is_empty() {
            let entry = |span| schema.is_entry(span);
            schema
                .records()
                .iter()
                .filter(|r| entry(r.span))
                .map(|r| r.name.clone())
                .chain(
                    schema
                        .enums()
                        .iter()
                        .filter(|e| entry(e.span))
                        .map(|e| e.name.clone()),
                )
                .chain(
                    schema
                        .events()
                        .iter()
                        .filter(|e| entry(e.span))
                        .map(|e| e.name.clone()),
                )
                .collect()
        } else {
            names.to_vec()
        };
        let mut unknown = Vec::new();
        let reach = |t: &TypeDesc, todo: &mut Vec<String>| {
            let mut stack = vec![t];
            while let Some(t) = stack.pop() {
                match t {
                    TypeDesc::Named(n) => todo.push(n.clone()),
                    TypeDesc::Vector(e) | TypeDesc::Set(e) => stack.push(e),
                    TypeDesc::Table(k, v) => {
                        stack.push(k);
                        stack.push(v);
                    }
                    TypeDesc::Tuple(items) => stack.extend(items),
                    _ => {}
                }
            }
        };
        while let Some(name) = todo.pop() {
            if out.get(&name).is_some() {
                continue;
            }
            if let Some(r) = schema.record(&name) {
                let fields: Vec<FieldLayout> = r
                    .fields
                    .iter()
                    .map(|f| FieldLayout {
                        name: f.name.clone(),
                        ty: f.ty.descriptor(),
                        optional: f.optional,
                    })
                    .collect();
                for f in &fields {
                    reach(&f.ty, &mut todo);
                }
                out.insert(
                    &name,
                    Layout::Record {
                        fields,
                        extensible: false,
                    },
                );
            } else if let Some(e) = schema.enum_(&name) {
                let values = e.values.iter().map(|v| v.name.clone()).collect();
                out.insert(
                    &name,
                    Layout::Enum {
                        values,
                        open: false,
                    },
                );
            } else if let Some(ev) = schema.event(&name) {
                let args: Vec<(String, TypeDesc)> = ev
                    .params
                    .iter()
                    .map(|p| (p.name.clone(), p.ty.descriptor()))
                    .collect();
                for (_, t) in &args {
                    reach(t, &mut todo);
                }
                out.insert(&name, Layout::Event { args });
            } else if names.contains(&name) {
                unknown.push(name);
            }
        }
        (out, unknown)
    }

    /// The layout recorded for a Zeek name.
    pub fn get(&self, name: &str) -> Option<&Layout> {
        self.items.get(name)
    }

    /// Every layout, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Layout)> {
        self.items.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// No layouts recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.items.len()
    }
}
