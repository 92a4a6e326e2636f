//! The resolved model: records with their fields in wire order, enums with their values,
//! events with their arguments, and aliases, all under fully qualified Zeek names.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use crate::ast::FuncKind;
use crate::descriptor::TypeDesc;
use crate::error::{Diagnostic, Error};
use crate::resolve::LoadOptions;
use crate::source::{FileId, Location, SourceMap, Span};

/// A resolved Zeek type.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Type {
    /// `bool`
    Bool,
    /// `count`
    Count,
    /// `int`
    Int,
    /// `double`
    Double,
    /// `time`
    Time,
    /// `interval`
    Interval,
    /// `string`
    String,
    /// `pattern`
    Pattern,
    /// `port`
    Port,
    /// `addr`
    Addr,
    /// `subnet`
    Subnet,
    /// `any`
    Any,
    /// An enum type, by qualified name.
    Enum(String),
    /// A record type, by qualified name.
    Record(String),
    /// A use of an alias (`string_vec`) and what it stands for.
    Alias {
        /// The alias's qualified name.
        name: String,
        /// The aliased type.
        target: Box<Type>,
    },
    /// `vector of T`
    Vector(Box<Type>),
    /// `set[T, ...]`
    Set(Vec<Type>),
    /// `table[K, ...] of V`
    Table(Vec<Type>, Box<Type>),
    /// `opaque of X`
    Opaque(String),
    /// `file` / `file of T`
    File(Option<Box<Type>>),
    /// `function(...)`, `event(...)`, `hook(...)`.
    Func {
        /// Which.
        kind: FuncKind,
        /// Parameters (name, type).
        params: Vec<(String, Type)>,
        /// Return type of a function.
        ret: Option<Box<Type>>,
    },
    /// A record or enum type written inline (`record { ... }` as a field type), as text.
    Inline(String),
    /// A name that did not resolve (its declaration was not loaded).
    Unknown {
        /// The name as written.
        name: String,
        /// Where it was used.
        location: Location,
        /// Its span (file id within the schema's [`SourceMap`]).
        span: Span,
    },
}

impl Type {
    /// The type with aliases looked through.
    pub fn unalias(&self) -> &Type {
        let mut t = self;
        while let Type::Alias { target, .. } = t {
            t = target;
        }
        t
    }

    /// What this type is on the wire: aliases looked through, records, enums and names that
    /// did not resolve as [`TypeDesc::Named`], `opaque`, `file`, functions and inline records
    /// as [`TypeDesc::Opaque`] with their Zeek text.
    ///
    /// ```
    /// # fn main() -> Result<(), zeekws_codegen::Error> {
    /// # let dir = std::env::temp_dir().join(format!("zeekws-desc-{}", std::process::id()));
    /// # std::fs::create_dir_all(&dir).unwrap();
    /// # let path = dir.join("a.zeek");
    /// # std::fs::write(&path, "module A;\ntype ports: set[addr, port];\nexport { type R: record { p: ports; }; }\n").unwrap();
    /// let schema = zeekws_codegen::Schema::load(&path, &[] as &[&str])?;
    /// let field = &schema.record("A::R").unwrap().fields[0];
    /// assert_eq!(field.ty.to_string(), "A::ports");
    /// assert_eq!(field.ty.descriptor().to_string(), "set[addr,port]");
    /// # Ok(())
    /// # }
    /// ```
    pub fn descriptor(&self) -> TypeDesc {
        match self {
            Type::Bool => TypeDesc::Bool,
            Type::Count => TypeDesc::Count,
            Type::Int => TypeDesc::Int,
            Type::Double => TypeDesc::Double,
            Type::Time => TypeDesc::Time,
            Type::Interval => TypeDesc::Interval,
            Type::String => TypeDesc::String,
            Type::Pattern => TypeDesc::Pattern,
            Type::Port => TypeDesc::Port,
            Type::Addr => TypeDesc::Addr,
            Type::Subnet => TypeDesc::Subnet,
            Type::Any => TypeDesc::Any,
            Type::Enum(n) | Type::Record(n) | Type::Unknown { name: n, .. } => {
                TypeDesc::Named(n.clone())
            }
            Type::Alias { target, .. } => target.descriptor(),
            Type::Vector(t) => TypeDesc::Vector(Box::new(t.descriptor())),
            Type::Set(index) => TypeDesc::set(index.iter().map(Type::descriptor)),
            Type::Table(index, value) => {
                TypeDesc::table(index.iter().map(Type::descriptor), value.descriptor())
            }
            Type::Opaque(_) | Type::File(_) | Type::Func { .. } | Type::Inline(_) => {
                TypeDesc::Opaque(self.to_string())
            }
        }
    }

    /// Whether this type (alias looked through) is a record or enum named `name`.
    pub fn names(&self, name: &str) -> bool {
        matches!(self.unalias(), Type::Record(n) | Type::Enum(n) if n == name)
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn list(f: &mut fmt::Formatter<'_>, ts: &[Type]) -> fmt::Result {
            for (i, t) in ts.iter().enumerate() {
                if i > 0 {
                    f.write_str(",")?;
                }
                write!(f, "{t}")?;
            }
            Ok(())
        }
        match self {
            Type::Bool => f.write_str("bool"),
            Type::Count => f.write_str("count"),
            Type::Int => f.write_str("int"),
            Type::Double => f.write_str("double"),
            Type::Time => f.write_str("time"),
            Type::Interval => f.write_str("interval"),
            Type::String => f.write_str("string"),
            Type::Pattern => f.write_str("pattern"),
            Type::Port => f.write_str("port"),
            Type::Addr => f.write_str("addr"),
            Type::Subnet => f.write_str("subnet"),
            Type::Any => f.write_str("any"),
            Type::Enum(n) | Type::Record(n) => f.write_str(n),
            Type::Opaque(n) => write!(f, "opaque of {n}"),
            Type::Alias { name, .. } => f.write_str(name),
            Type::Vector(t) => write!(f, "vector of {t}"),
            Type::Set(ts) => {
                f.write_str("set[")?;
                list(f, ts)?;
                f.write_str("]")
            }
            Type::Table(ks, v) => {
                f.write_str("table[")?;
                list(f, ks)?;
                write!(f, "] of {v}")
            }
            Type::File(None) => f.write_str("file"),
            Type::File(Some(t)) => write!(f, "file of {t}"),
            Type::Func { kind, params, ret } => {
                f.write_str(match kind {
                    FuncKind::Function => "function(",
                    FuncKind::Event => "event(",
                    FuncKind::Hook => "hook(",
                })?;
                for (i, (n, t)) in params.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{n}: {t}")?;
                }
                f.write_str(")")?;
                if let Some(r) = ret {
                    write!(f, ": {r}")?;
                }
                Ok(())
            }
            Type::Inline(s) => f.write_str(s),
            Type::Unknown { name, .. } => f.write_str(name),
        }
    }
}

/// A record field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Field name.
    pub name: String,
    /// Field type.
    pub ty: Type,
    /// `&optional`: may be unset (sent as none).
    pub optional: bool,
    /// `&default = ...` as source text (always sent).
    pub default: Option<String>,
    /// `&log` after all redefs.
    pub log: bool,
    /// `&deprecated` message, if deprecated.
    pub deprecated: Option<String>,
    /// `##` / `##<` lines.
    pub doc: Vec<String>,
    /// Where it is declared.
    pub location: Location,
    /// Its span (file id within the schema's [`SourceMap`]).
    pub span: Span,
    /// The `@if` / `@ifdef` directive this field depends on when its value could not be
    /// decided and was guessed (`@ifdef ( Analyzer::ANALYZER_QUIC )`); the generator refuses
    /// to emit a layout that rests on a guess.
    pub condition: Option<String>,
}

/// A record type with its fields in wire order (declaration, then redefs in load order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The guessed `@if` directive the declaration itself sits under: the type may not exist
    /// on a Zeek that decides otherwise, but its own fields do not depend on that guess.
    pub condition: Option<String>,
    /// Qualified name (`Conn::Info`, `conn_id`).
    pub name: String,
    /// Fields in wire order.
    pub fields: Vec<Field>,
    /// `##` lines.
    pub doc: Vec<String>,
    /// Where it is declared (the full declaration when a stub came first).
    pub location: Location,
    /// Its span.
    pub span: Span,
}

/// An enum value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumValue {
    /// The full name Zeek sends (`Conn::LOG`, `tcp`).
    pub name: String,
    /// The name as written in the declaration (`LOG`, `mysql::LOG`).
    pub written: String,
    /// The module that declared it (`GLOBAL` for global values).
    pub module: String,
    /// Its numeric value.
    pub value: u64,
    /// `&deprecated` message, if deprecated.
    pub deprecated: Option<String>,
    /// `##` / `##<` lines.
    pub doc: Vec<String>,
    /// Where it is declared.
    pub location: Location,
}

/// An enum type with its values in declaration order (redefs appended).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enum {
    /// Qualified name.
    pub name: String,
    /// Values.
    pub values: Vec<EnumValue>,
    /// `##` lines.
    pub doc: Vec<String>,
    /// Where it is declared.
    pub location: Location,
    /// Its span.
    pub span: Span,
}

/// An event argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// Name.
    pub name: String,
    /// Type.
    pub ty: Type,
    /// `&default` text (not applied to remote events: every argument is sent).
    pub default: Option<String>,
    /// Where it is declared.
    pub location: Location,
}

/// An event declared with `global name: event(...)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The guessed `@if` directive its declaration depends on (see [`Field::condition`]).
    pub condition: Option<String>,
    /// Qualified name, as sent on the wire.
    pub name: String,
    /// Arguments in order.
    pub params: Vec<Param>,
    /// `##` lines.
    pub doc: Vec<String>,
    /// Where it is declared.
    pub location: Location,
    /// Its span.
    pub span: Span,
}

/// `type name: T;` where T is not a record or enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// Qualified name.
    pub name: String,
    /// The aliased type.
    pub ty: Type,
    /// `##` lines.
    pub doc: Vec<String>,
    /// Where it is declared.
    pub location: Location,
    /// Its span.
    pub span: Span,
}

/// Resolved declarations of a set of Zeek scripts and everything they `@load`.
#[derive(Debug)]
pub struct Schema {
    pub(crate) sources: SourceMap,
    pub(crate) records: Vec<Record>,
    pub(crate) enums: Vec<Enum>,
    pub(crate) events: Vec<Event>,
    pub(crate) aliases: Vec<Alias>,
    pub(crate) index: HashMap<String, Item>,
    pub(crate) event_index: HashMap<String, usize>,
    pub(crate) entry_files: Vec<FileId>,
    pub(crate) virtual_files: Vec<FileId>,
    pub(crate) warnings: Vec<Diagnostic>,
    pub(crate) warning_files: Vec<FileId>,
    /// `@load`s that found no file: (argument, where).
    pub(crate) missing_loads: Vec<(String, Span)>,
}

/// What a type name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Item {
    Record(usize),
    Enum(usize),
    Alias(usize),
}

impl Schema {
    /// Loads `path` and what it `@load`s, searching `search_dirs` like `ZEEKPATH`.
    ///
    /// When a search directory holds a Zeek script tree (`base/init-bare.zeek`), Zeek's own
    /// start-up scripts are loaded first, as Zeek does; otherwise a built-in prelude provides
    /// the few global types user scripts use (`conn_id`, `transport_proto`, ...).
    pub fn load<D: AsRef<Path>>(
        path: impl AsRef<Path>,
        search_dirs: &[D],
    ) -> Result<Schema, Error> {
        let opts = LoadOptions {
            search_dirs: search_dirs
                .iter()
                .map(|d| d.as_ref().to_path_buf())
                .collect(),
            ..LoadOptions::default()
        };
        crate::resolve::load(&opts, &[path.as_ref().to_path_buf()])
    }

    /// The record with this qualified name (`App::Alert`, `conn_id`).
    pub fn record(&self, name: &str) -> Option<&Record> {
        match self.index.get(name)? {
            Item::Record(i) => self.records.get(*i),
            _ => None,
        }
    }

    /// The enum with this qualified name.
    pub fn enum_(&self, name: &str) -> Option<&Enum> {
        match self.index.get(name)? {
            Item::Enum(i) => self.enums.get(*i),
            _ => None,
        }
    }

    /// The event with this qualified name (`App::ping`).
    pub fn event(&self, name: &str) -> Option<&Event> {
        self.events.get(*self.event_index.get(name)?)
    }

    /// The alias with this qualified name (`string_vec`).
    pub fn alias(&self, name: &str) -> Option<&Alias> {
        match self.index.get(name)? {
            Item::Alias(i) => self.aliases.get(*i),
            _ => None,
        }
    }

    /// All records, in declaration order.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// All enums, in declaration order.
    pub fn enums(&self) -> &[Enum] {
        &self.enums
    }

    /// All events, in declaration order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// All aliases, in declaration order.
    pub fn aliases(&self) -> &[Alias] {
        &self.aliases
    }

    /// Every file read from disk, in load order (watch these for changes).
    pub fn files(&self) -> Vec<&Path> {
        self.sources
            .files()
            .filter(|(id, _)| !self.virtual_files.contains(id))
            .map(|(_, f)| f.path())
            .collect()
    }

    /// Warnings about the entry files only (the ones a user should see by default).
    pub fn entry_warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.warnings
            .iter()
            .zip(&self.warning_files)
            .filter(|(_, f)| self.entry_files.contains(f))
            .map(|(d, _)| d)
    }

    /// Warnings: unresolved `@load`s, guessed `@if` branches, names from scripts not loaded.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// `@load`s that found no file: the argument and where it was written.
    pub fn missing_loads(&self) -> impl Iterator<Item = (&str, Location)> + '_ {
        self.missing_loads
            .iter()
            .map(|(p, s)| (p.as_str(), self.sources.location(*s)))
    }

    /// The Zeek version whose layouts the built-in prelude follows (`"8.2"`), when the
    /// prelude stood in for Zeek's own scripts because no installation was searched;
    /// `None` when Zeek's scripts were loaded.
    pub fn prelude_version(&self) -> Option<&'static str> {
        let prelude = Path::new(crate::resolve::PRELUDE_NAME);
        self.virtual_files
            .iter()
            .any(|id| self.sources.get(*id).is_some_and(|f| f.path() == prelude))
            .then_some(crate::resolve::PRELUDE_VERSION)
    }

    /// The source files (for turning spans into text).
    pub fn sources(&self) -> &SourceMap {
        &self.sources
    }

    /// Whether a span lies in one of the files given as entry points.
    pub fn is_entry(&self, span: Span) -> bool {
        self.entry_files.contains(&span.file)
    }
}
