//! Resolution: follow `@load`s in Zeek's order, qualify names, apply redefs, and build the
//! [`Schema`].
//!
//! `@if` policy: a condition the user pinned (`Config::condition`, `Config::defined`) is
//! used as given; `@ifdef`/`@ifndef` of a name declared by a loaded script is decided; anything
//! else is assumed true (its first branch is taken) with a warning.

mod cond;
mod decl;
mod finish;
pub(crate) mod load;
pub(crate) mod scope;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use crate::ast::{self, Attr, AttrOp, Cond, DeclKind, EnumItem, FieldItem, TypeKind, VarKind};
use crate::error::{Diag, Error, Severity};
use crate::model::{self, Item, Schema, Type};
use crate::parser;
use crate::source::{FileId, SourceMap, Span};
use scope::{Assumptions, CondStack, GLOBAL};

pub(crate) use scope::normalize_condition;

/// Global types for use without a Zeek tree (Zeek 8.2 layouts).
const PRELUDE: &str = include_str!("prelude.zeek");
/// Enums Zeek creates at run time.
const RUNTIME: &str = include_str!("runtime.zeek");

/// Name of the built-in prelude file in diagnostics.
pub(crate) const PRELUDE_NAME: &str = "<zeekws-codegen prelude, zeek 8.2>";

/// The Zeek version whose layouts the built-in prelude follows.
pub(crate) const PRELUDE_VERSION: &str = "8.2";

/// Deepest `@load` nesting followed.
const MAX_LOAD_DEPTH: usize = 256;
/// Deepest alias chain followed.
const MAX_ALIAS_DEPTH: usize = 32;

/// How to load scripts.
#[derive(Debug, Clone)]
pub(crate) struct LoadOptions {
    /// Where `@load` looks (like `ZEEKPATH`).
    pub search_dirs: Vec<PathBuf>,
    /// Load only `base/init-bare.zeek` of a Zeek tree, not `base/init-default.zeek` (`zeek -b`).
    pub bare: bool,
    /// Use the built-in prelude when no Zeek tree is found.
    pub prelude: bool,
    /// Answers for `@if`s.
    pub assumptions: Assumptions,
    /// Type names provided by the user's code (need not resolve).
    pub externs: HashSet<String>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            search_dirs: Vec::new(),
            bare: false,
            prelude: true,
            assumptions: Assumptions::default(),
            externs: HashSet::new(),
        }
    }
}

/// Loads `entries` (and what they load) into a [`Schema`].
pub(crate) fn load(opts: &LoadOptions, entries: &[PathBuf]) -> Result<Schema, Error> {
    let mut w = Walker::new(opts);
    w.load_virtual("<zeek run-time enums>", RUNTIME);
    match load::zeek_tree(&opts.search_dirs) {
        Some(tree) => {
            w.load_path(&tree.join("base/init-bare.zeek"), false);
            if !opts.bare {
                for f in [
                    "base/init-frameworks-and-bifs.zeek",
                    "base/init-default.zeek",
                ] {
                    let p = tree.join(f);
                    if p.is_file() {
                        w.module = GLOBAL.to_string();
                        w.load_path(&p, false);
                    }
                }
            }
        }
        None => {
            if opts.prelude {
                w.load_virtual(PRELUDE_NAME, PRELUDE);
            }
        }
    }
    for e in entries {
        w.module = GLOBAL.to_string();
        // An entry that is no file may be named as `@load` names scripts
        // (`policy/protocols/conn/community-id-logging`), searched on the Zeek path.
        let found = (!e.exists() && e.is_relative())
            .then(|| {
                e.to_str()
                    .and_then(|name| load::find(name, None, &opts.search_dirs))
            })
            .flatten();
        w.load_path(found.as_deref().unwrap_or(e), true);
    }
    if let Some(e) = w.io_error.take() {
        return Err(e);
    }
    w.finish()
}

struct PField {
    /// The guessed `@if` this field depends on.
    condition: Option<String>,
    name: ast::Name,
    ty: ast::Type,
    module: String,
    optional: bool,
    default: Option<String>,
    log: bool,
    deprecated: Option<String>,
    doc: Vec<String>,
    span: Span,
}

struct PRecord {
    /// The guessed `@if` the declaration itself sits under.
    condition: Option<String>,
    name: String,
    fields: Vec<PField>,
    doc: Vec<String>,
    span: Span,
}

struct PAlias {
    name: String,
    ty: ast::Type,
    module: String,
    doc: Vec<String>,
    span: Span,
}

struct PEvent {
    condition: Option<String>,
    name: String,
    params: Vec<ast::Param>,
    module: String,
    doc: Vec<String>,
    span: Span,
}

struct PEnum {
    e: model::Enum,
    next: u64,
}

struct Walker<'o> {
    opts: &'o LoadOptions,
    sources: SourceMap,
    loaded: HashMap<PathBuf, FileId>,
    virtual_files: Vec<FileId>,
    entry_files: Vec<FileId>,
    module: String,
    errors: Vec<Diag>,
    warnings: Vec<Diag>,
    /// Guessed `@if`s around the `@load`s that brought in the file being read.
    guess_context: Vec<String>,
    /// The guessed `@if` the declaration being read depends on.
    current_guess: Option<String>,
    /// The same, from an `@if` of the file being read only (not the `@load`s around it).
    direct_guess: Option<String>,
    missing_loads: Vec<(String, Span)>,
    io_error: Option<Error>,
    types: HashMap<String, Item>,
    records: Vec<PRecord>,
    enums: Vec<PEnum>,
    aliases: Vec<PAlias>,
    events: Vec<PEvent>,
    event_index: HashMap<String, usize>,
    names: HashSet<String>,
    depth: usize,
    /// Resolved alias targets (and their sizes), so shared aliases are resolved once.
    alias_memo: std::cell::RefCell<HashMap<usize, (Type, usize)>>,
    /// How many type nodes alias expansion may still copy (bounds pathological nesting).
    alias_budget: std::cell::Cell<usize>,
}

/// Number of nodes in a type tree.
fn type_size(t: &Type) -> usize {
    1 + match t {
        Type::Alias { target, .. } => type_size(target),
        Type::Vector(t) => type_size(t),
        Type::Set(ts) => ts.iter().map(type_size).sum(),
        Type::Table(ks, v) => ks.iter().map(type_size).sum::<usize>() + type_size(v),
        Type::File(Some(t)) => type_size(t),
        Type::Func { params, ret, .. } => {
            params.iter().map(|(_, t)| type_size(t)).sum::<usize>()
                + ret.as_deref().map_or(0, type_size)
        }
        _ => 0,
    }
}

fn has(attrs: &[Attr], name: &str) -> bool {
    attrs.iter().any(|a| a.name == name)
}

fn value_of(attrs: &[Attr], name: &str) -> Option<String> {
    attrs
        .iter()
        .find(|a| a.name == name)
        .map(|a| a.value.clone().unwrap_or_default())
}

impl<'o> Walker<'o> {
    fn new(opts: &'o LoadOptions) -> Self {
        Walker {
            opts,
            sources: SourceMap::new(),
            loaded: HashMap::new(),
            virtual_files: Vec::new(),
            entry_files: Vec::new(),
            module: GLOBAL.to_string(),
            errors: Vec::new(),
            warnings: Vec::new(),
            guess_context: Vec::new(),
            current_guess: None,
            direct_guess: None,
            missing_loads: Vec::new(),
            io_error: None,
            types: HashMap::new(),
            records: Vec::new(),
            enums: Vec::new(),
            aliases: Vec::new(),
            events: Vec::new(),
            event_index: HashMap::new(),
            names: HashSet::new(),
            depth: 0,
            alias_memo: std::cell::RefCell::new(HashMap::new()),
            alias_budget: std::cell::Cell::new(1 << 18),
        }
    }

    fn load_virtual(&mut self, name: &str, text: &str) {
        let id = self.sources.add(PathBuf::from(name), text.to_string());
        self.virtual_files.push(id);
        self.module = GLOBAL.to_string();
        self.process_file(id);
        self.module = GLOBAL.to_string();
    }

    /// Loads a file unless it was loaded before; the module is kept across the load.
    fn load_path(&mut self, path: &std::path::Path, entry: bool) {
        let key = load::identity(path);
        if let Some(&id) = self.loaded.get(&key) {
            if entry && !self.entry_files.contains(&id) {
                self.entry_files.push(id);
            }
            return;
        }
        let id = match self.sources.read(path) {
            Ok(id) => id,
            Err(source) => {
                if self.io_error.is_none() {
                    self.io_error = Some(Error::Io {
                        path: path.to_path_buf(),
                        source,
                    });
                }
                return;
            }
        };
        self.loaded.insert(key, id);
        if entry {
            self.entry_files.push(id);
        }
        let saved = self.module.clone();
        self.process_file(id);
        self.module = saved;
    }

    fn process_file(&mut self, id: FileId) {
        let parsed = match self.sources.get(id) {
            Some(f) => parser::parse(id, f.text()),
            None => return,
        };
        match parsed {
            Err(ds) => self.errors.extend(ds),
            Ok(file) => {
                let mut conds = CondStack::default();
                self.decls(&file.decls, id, &mut conds);
                if conds.depth() > 0 {
                    let end = self.sources.get(id).map_or(0, |f| f.text().len());
                    self.warnings.push(Diag::warning(
                        "`@if` without `@endif` at end of file",
                        Span::new(id, end, end),
                    ));
                }
            }
        }
    }

    fn is_entry(&self, file: FileId) -> bool {
        self.entry_files.contains(&file)
    }

    /// An unresolvable reference: an error in an entry file unless some `@load` failed (the
    /// name may be declared there); a warning otherwise.
    fn unresolved(&mut self, mut d: Diag, file: FileId) {
        if self.is_entry(file) && self.missing_loads.is_empty() {
            self.errors.push(d);
        } else {
            d.severity = Severity::Warning;
            self.warnings.push(d);
        }
    }
}
