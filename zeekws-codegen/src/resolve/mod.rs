//! Resolution: follow `@load`s in Zeek's order, qualify names, apply redefs, and build the
//! [`Schema`].
//!
//! `@if` policy: a condition the user pinned (`Config::condition`, `Config::defined`) is
//! used as given; `@ifdef`/`@ifndef` of a name declared by a loaded script is decided; anything
//! else is assumed true (its first branch is taken) with a warning.

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
        w.load_path(e, true);
    }
    if let Some(e) = w.io_error.take() {
        return Err(e);
    }
    w.finish()
}

struct PField {
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

    /// Evaluates a condition marker and updates the stack.
    fn cond(&mut self, c: &Cond, span: Span, conds: &mut CondStack) {
        match c {
            Cond::Else => {
                if !conds.else_() {
                    self.errors
                        .push(Diag::error("`@else` without `@if`", span).label("no open `@if`"));
                }
            }
            Cond::Endif => {
                if !conds.pop() {
                    self.errors
                        .push(Diag::error("`@endif` without `@if`", span).label("no open `@if`"));
                }
            }
            _ if !conds.active() => conds.push(false),
            Cond::If(text) => {
                let key = normalize_condition(text);
                let value = match key.as_str() {
                    "T" => Some(true),
                    "F" => Some(false),
                    _ => self.opts.assumptions.conditions.get(&key).copied(),
                };
                let value = value.unwrap_or_else(|| {
                    self.warnings.push(
                        Diag::warning(
                            format!("cannot evaluate `@if ( {text} )`; taking its first branch"),
                            span,
                        )
                        .label("assumed true")
                        .note(format!(
                            "pin it with `Config::condition(\"{text}\", true/false)`"
                        )),
                    );
                    true
                });
                conds.push(value);
            }
            Cond::Ifdef(name) | Cond::Ifndef(name) => {
                let defined = match self.opts.assumptions.defined.get(name.trim()) {
                    Some(&v) => v,
                    None => {
                        let known = scope::candidates(name.trim(), &self.module)
                            .iter()
                            .any(|n| self.names.contains(n) || self.types.contains_key(n));
                        if !known && matches!(c, Cond::Ifdef(_)) {
                            self.warnings.push(
                                Diag::warning(
                                    format!(
                                        "`{name}` is not declared by any loaded script; \
                                         taking the first branch of `@ifdef`"
                                    ),
                                    span,
                                )
                                .label("assumed defined")
                                .note(format!(
                                    "pin it with `Config::defined(\"{name}\", true/false)`"
                                )),
                            );
                            true
                        } else {
                            known
                        }
                    }
                };
                conds.push(if matches!(c, Cond::Ifdef(_)) {
                    defined
                } else {
                    !defined
                });
            }
        }
    }

    fn decls(&mut self, decls: &[ast::Decl], file: FileId, conds: &mut CondStack) {
        for d in decls {
            if let DeclKind::Cond(c) = &d.kind {
                self.cond(c, d.span, conds);
                continue;
            }
            if !conds.active() {
                continue;
            }
            self.decl(d, file, conds);
        }
    }

    fn decl(&mut self, d: &ast::Decl, file: FileId, conds: &mut CondStack) {
        match &d.kind {
            DeclKind::Module(n) => {
                self.module = n.text.trim_start_matches("::").to_string();
            }
            DeclKind::Export(ds) => self.decls(ds, file, conds),
            DeclKind::Load { kind, path } => match kind {
                ast::LoadKind::Load => self.at_load(path, file, d.span),
                ast::LoadKind::Unload => {
                    let dir = self
                        .sources
                        .get(file)
                        .and_then(|f| f.path().parent().map(|p| p.to_path_buf()));
                    if let Some(p) = load::find(path, dir.as_deref(), &self.opts.search_dirs) {
                        self.loaded.entry(load::identity(&p)).or_insert(file);
                    }
                }
                ast::LoadKind::LoadSigs | ast::LoadKind::LoadPlugin => {}
            },
            DeclKind::Directive(_) | DeclKind::Cond(_) | DeclKind::Stmt => {}
            DeclKind::Type { name, ty, attrs } => self.type_decl(name, ty, attrs, d, file),
            DeclKind::RedefRecord {
                name,
                fields,
                attrs,
            } => {
                let Some(i) = self.lookup_record(name, file) else {
                    return;
                };
                let new = self.fields(fields, has(attrs, "log"), file);
                if let Some(r) = self.records.get_mut(i) {
                    r.fields.extend(new);
                }
            }
            DeclKind::RedefField {
                name,
                field,
                op,
                attrs,
            } => {
                let Some(i) = self.lookup_record(name, file) else {
                    return;
                };
                let Some(r) = self.records.get_mut(i) else {
                    return;
                };
                match r.fields.iter_mut().find(|f| f.name.text == field.text) {
                    Some(f) => {
                        if has(attrs, "log") {
                            f.log = *op == AttrOp::Add;
                        }
                    }
                    None => {
                        let msg = format!("record `{}` has no field `{}`", r.name, field.text);
                        self.errors
                            .push(Diag::error(msg, field.span).label("no such field"));
                    }
                }
            }
            DeclKind::RedefEnum { name, values, .. } => {
                let found = scope::candidates(&name.text, &self.module)
                    .into_iter()
                    .find_map(|n| self.types.get(&n).copied());
                match found {
                    Some(Item::Enum(i)) => self.enum_values(i, values, file),
                    Some(_) => self.errors.push(Diag::error(
                        format!("`{}` is not an enum", name.text),
                        name.span,
                    )),
                    None => {
                        let d = self.unknown_diag(&name.text, name.span, "enum");
                        self.unresolved(d, file);
                    }
                }
            }
            DeclKind::Var { kind, name, ty, .. } => {
                if *kind == VarKind::Redef {
                    return;
                }
                let q = scope::qualify(&name.text, &self.module);
                self.names.insert(q.clone());
                let params = match ty {
                    Some(ast::Type {
                        kind:
                            TypeKind::Func {
                                kind: ast::FuncKind::Event,
                                params,
                                ..
                            },
                        ..
                    }) if !self.event_index.contains_key(&q) => Some(params),
                    _ => None,
                };
                if let Some(params) = params {
                    self.event_index.insert(q.clone(), self.events.len());
                    self.events.push(PEvent {
                        name: q,
                        params: params.clone(),
                        module: self.module.clone(),
                        doc: d.doc.clone(),
                        span: name.span,
                    });
                }
            }
            DeclKind::Func { name, .. } => {
                let q = scope::qualify(&name.text, &self.module);
                self.names.insert(q);
            }
        }
    }

    fn at_load(&mut self, path: &str, file: FileId, span: Span) {
        let dir = self
            .sources
            .get(file)
            .and_then(|f| f.path().parent().map(|p| p.to_path_buf()));
        let dir = if self.virtual_files.contains(&file) {
            None
        } else {
            dir
        };
        match load::find(path, dir.as_deref(), &self.opts.search_dirs) {
            Some(p) => {
                if self.depth >= MAX_LOAD_DEPTH {
                    self.errors
                        .push(Diag::error("`@load`s nested too deeply", span).label("here"));
                    return;
                }
                self.depth += 1;
                self.load_path(&p, false);
                self.depth -= 1;
            }
            None => {
                self.missing_loads.push((path.to_string(), span));
                let searched = if self.opts.search_dirs.is_empty() {
                    "no search directories are set (`-I` / `Config::zeek_path`)".to_string()
                } else {
                    format!(
                        "searched: {}",
                        self.opts
                            .search_dirs
                            .iter()
                            .map(|d| d.display().to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                self.warnings.push(
                    Diag::warning(format!("cannot find `@load {path}`"), span)
                        .label("not found; its declarations are unknown")
                        .note(searched),
                );
            }
        }
    }

    fn unknown_diag(&self, name: &str, span: Span, what: &str) -> Diag {
        let mut d = Diag::error(format!("unknown {what} `{name}`"), span)
            .label("not declared in any loaded script");
        if !self.missing_loads.is_empty() {
            let list: Vec<String> = self
                .missing_loads
                .iter()
                .take(4)
                .map(|(p, s)| format!("`{p}` ({})", self.sources.location(*s)))
                .collect();
            d = d.note(format!(
                "it may be declared by a script that was not found: {}",
                list.join(", ")
            ));
        }
        d
    }

    fn lookup_record(&mut self, name: &ast::Name, file: FileId) -> Option<usize> {
        let found = scope::candidates(&name.text, &self.module)
            .into_iter()
            .find_map(|n| self.types.get(&n).copied());
        match found {
            Some(Item::Record(i)) => Some(i),
            Some(_) => {
                self.errors.push(
                    Diag::error(format!("`{}` is not a record type", name.text), name.span)
                        .label("declared as another kind of type"),
                );
                None
            }
            None => {
                let d = self.unknown_diag(&name.text, name.span, "record type");
                self.unresolved(d, file);
                None
            }
        }
    }

    fn fields(&mut self, items: &[FieldItem], log_all: bool, _file: FileId) -> Vec<PField> {
        let mut conds = CondStack::default();
        let mut out = Vec::new();
        for item in items {
            match item {
                FieldItem::Cond(c, span) => self.cond(c, *span, &mut conds),
                FieldItem::Field(f) if conds.active() => out.push(PField {
                    name: f.name.clone(),
                    ty: f.ty.clone(),
                    module: self.module.clone(),
                    optional: has(&f.attrs, "optional"),
                    default: f
                        .attrs
                        .iter()
                        .find(|a| a.name == "default")
                        .and_then(|a| a.value.clone()),
                    log: log_all || has(&f.attrs, "log"),
                    deprecated: value_of(&f.attrs, "deprecated"),
                    doc: f.doc.clone(),
                    span: f.span,
                }),
                FieldItem::Field(_) => {}
            }
        }
        out
    }

    fn enum_values(&mut self, idx: usize, items: &[EnumItem], _file: FileId) {
        let mut conds = CondStack::default();
        for item in items {
            match item {
                EnumItem::Cond(c, span) => self.cond(c, *span, &mut conds),
                EnumItem::Value(v) if conds.active() => {
                    let q = scope::qualify(&v.name.text, &self.module);
                    self.names.insert(q.clone());
                    let location = self.sources.location(v.name.span);
                    let Some(pe) = self.enums.get_mut(idx) else {
                        return;
                    };
                    let value = v.value.unwrap_or(pe.next);
                    pe.next = pe.next.max(value.saturating_add(1));
                    pe.e.values.push(model::EnumValue {
                        module: scope::module_of(&q).to_string(),
                        name: q,
                        written: v.name.text.clone(),
                        value,
                        deprecated: v.deprecated.clone(),
                        doc: v.doc.clone(),
                        location,
                    });
                }
                EnumItem::Value(_) => {}
            }
        }
    }

    fn redeclared(&mut self, q: &str, span: Span, first: Span) {
        let first = self.sources.location(first);
        self.errors.push(
            Diag::error(format!("type `{q}` is declared twice"), span)
                .label("declared again here")
                .note(format!("first declared at {first}")),
        );
    }

    fn type_decl(
        &mut self,
        name: &ast::Name,
        ty: &ast::Type,
        attrs: &[Attr],
        d: &ast::Decl,
        file: FileId,
    ) {
        let q = scope::qualify(&name.text, &self.module);
        self.names.insert(q.clone());
        let existing = self.types.get(&q).copied();
        match &ty.kind {
            TypeKind::Record(items) => {
                let fields = self.fields(items, has(attrs, "log"), file);
                match existing {
                    Some(Item::Record(i)) => {
                        let Some(r) = self.records.get_mut(i) else {
                            return;
                        };
                        if r.fields.is_empty() {
                            // A stub is replaced by the full declaration.
                            if !fields.is_empty() {
                                r.fields = fields;
                                r.span = name.span;
                                if !d.doc.is_empty() {
                                    r.doc = d.doc.clone();
                                }
                            }
                        } else if !fields.is_empty() {
                            let first = r.span;
                            self.redeclared(&q, name.span, first);
                        }
                    }
                    Some(other) => {
                        let first = self.item_span(other);
                        self.redeclared(&q, name.span, first);
                    }
                    None => {
                        self.types
                            .insert(q.clone(), Item::Record(self.records.len()));
                        self.records.push(PRecord {
                            name: q,
                            fields,
                            doc: d.doc.clone(),
                            span: name.span,
                        });
                    }
                }
            }
            TypeKind::Enum(items) => {
                let idx = match existing {
                    Some(Item::Enum(i))
                        if self.enums.get(i).is_some_and(|e| e.e.values.is_empty()) =>
                    {
                        i
                    }
                    Some(other) => {
                        let first = self.item_span(other);
                        self.redeclared(&q, name.span, first);
                        return;
                    }
                    None => {
                        let i = self.enums.len();
                        self.types.insert(q.clone(), Item::Enum(i));
                        self.enums.push(PEnum {
                            e: model::Enum {
                                name: q,
                                values: Vec::new(),
                                doc: d.doc.clone(),
                                location: self.sources.location(name.span),
                                span: name.span,
                            },
                            next: 0,
                        });
                        i
                    }
                };
                self.enum_values(idx, items, file);
            }
            _ => match existing {
                Some(_) => {
                    // Zeek accepts an identical re-declaration; keep the first one.
                }
                None => {
                    self.types
                        .insert(q.clone(), Item::Alias(self.aliases.len()));
                    self.aliases.push(PAlias {
                        name: q,
                        ty: ty.clone(),
                        module: self.module.clone(),
                        doc: d.doc.clone(),
                        span: name.span,
                    });
                }
            },
        }
    }

    fn item_span(&self, item: Item) -> Span {
        let fallback = Span::new(FileId(0), 0, 0);
        match item {
            Item::Record(i) => self.records.get(i).map_or(fallback, |r| r.span),
            Item::Enum(i) => self.enums.get(i).map_or(fallback, |e| e.e.span),
            Item::Alias(i) => self.aliases.get(i).map_or(fallback, |a| a.span),
        }
    }

    // ---- finishing: types resolved against everything loaded ----

    fn resolve(&self, ty: &ast::Type, module: &str, depth: usize, unknown: &mut Vec<Span>) -> Type {
        let mut r = |t: &ast::Type| self.resolve(t, module, depth, unknown);
        match &ty.kind {
            TypeKind::Named(n) => self.resolve_name(n, module, depth, unknown),
            TypeKind::Vector(t) => Type::Vector(Box::new(r(t))),
            TypeKind::Set(ts) => Type::Set(ts.iter().map(&mut r).collect()),
            TypeKind::Table(ks, v) => {
                let ks = ks.iter().map(&mut r).collect();
                Type::Table(ks, Box::new(r(v)))
            }
            TypeKind::Record(_) | TypeKind::Enum(_) => {
                Type::Inline(self.sources.snippet(ty.span).to_string())
            }
            TypeKind::Func { kind, params, ret } => Type::Func {
                kind: *kind,
                params: params
                    .iter()
                    .map(|p| (p.name.text.clone(), r(&p.ty)))
                    .collect(),
                ret: ret.as_ref().map(|t| Box::new(r(t))),
            },
            TypeKind::Opaque(n) => Type::Opaque(n.text.clone()),
            TypeKind::File(t) => Type::File(t.as_ref().map(|t| Box::new(r(t)))),
        }
    }

    fn resolve_name(
        &self,
        n: &ast::Name,
        module: &str,
        depth: usize,
        unknown: &mut Vec<Span>,
    ) -> Type {
        let basic = match n.text.as_str() {
            "bool" => Some(Type::Bool),
            "count" | "counter" => Some(Type::Count),
            "int" => Some(Type::Int),
            "double" => Some(Type::Double),
            "time" => Some(Type::Time),
            "interval" => Some(Type::Interval),
            "string" => Some(Type::String),
            "pattern" => Some(Type::Pattern),
            "port" => Some(Type::Port),
            "addr" => Some(Type::Addr),
            "subnet" => Some(Type::Subnet),
            "any" => Some(Type::Any),
            _ => None,
        };
        if let Some(t) = basic {
            return t;
        }
        let found = scope::candidates(&n.text, module)
            .into_iter()
            .find_map(|c| self.types.get(&c).map(|i| (c, *i)));
        match found {
            Some((q, Item::Record(_))) => Type::Record(q),
            Some((q, Item::Enum(_))) => Type::Enum(q),
            Some((q, Item::Alias(i))) => {
                let memo = self.alias_memo.borrow().get(&i).cloned();
                let target = match (memo, self.aliases.get(i)) {
                    (Some((t, size)), _) if size <= self.alias_budget.get() => {
                        self.alias_budget.set(self.alias_budget.get() - size);
                        t
                    }
                    (None, Some(a)) if depth < MAX_ALIAS_DEPTH => {
                        let t = self.resolve(&a.ty, &a.module, depth + 1, unknown);
                        let size = type_size(&t);
                        self.alias_memo.borrow_mut().insert(i, (t.clone(), size));
                        t
                    }
                    _ => {
                        unknown.push(n.span);
                        Type::Unknown {
                            name: n.text.clone(),
                            location: self.sources.location(n.span),
                            span: n.span,
                        }
                    }
                };
                Type::Alias {
                    name: q,
                    target: Box::new(target),
                }
            }
            None => {
                if !self.opts.externs.contains(&n.text)
                    && !scope::candidates(&n.text, module)
                        .iter()
                        .any(|c| self.opts.externs.contains(c))
                {
                    unknown.push(n.span);
                }
                Type::Unknown {
                    name: n.text.clone(),
                    location: self.sources.location(n.span),
                    span: n.span,
                }
            }
        }
    }

    fn report_unknown(&mut self, unknown: Vec<Span>, file: FileId) {
        for span in unknown {
            let name = self.sources.snippet(span).to_string();
            let d = self.unknown_diag(&name, span, "type").note(format!(
                "add the script that declares it to the search path, or map it to a Rust type \
                 with `extern_type(\"{name}\", \"path::to::Type\")`"
            ));
            if self.is_entry(file) {
                self.errors.push(d);
            } else {
                self.warnings.push(Diag {
                    severity: Severity::Warning,
                    ..d
                });
            }
        }
    }

    fn finish(mut self) -> Result<Schema, Error> {
        let mut records = Vec::with_capacity(self.records.len());
        let mut pending = Vec::new();
        for r in &self.records {
            let mut unknown = Vec::new();
            let fields = r
                .fields
                .iter()
                .map(|f| model::Field {
                    name: f.name.text.clone(),
                    ty: self.resolve(&f.ty, &f.module, 0, &mut unknown),
                    optional: f.optional,
                    default: f.default.clone(),
                    log: f.log,
                    deprecated: f.deprecated.clone(),
                    doc: f.doc.clone(),
                    location: self.sources.location(f.span),
                    span: f.span,
                })
                .collect::<Vec<_>>();
            pending.extend(unknown.iter().map(|s| (*s, s.file)));
            records.push(model::Record {
                name: r.name.clone(),
                fields,
                doc: r.doc.clone(),
                location: self.sources.location(r.span),
                span: r.span,
            });
        }
        let mut aliases = Vec::with_capacity(self.aliases.len());
        for a in &self.aliases {
            let mut unknown = Vec::new();
            let ty = self.resolve(&a.ty, &a.module, 0, &mut unknown);
            pending.extend(unknown.iter().map(|s| (*s, s.file)));
            aliases.push(model::Alias {
                name: a.name.clone(),
                ty,
                doc: a.doc.clone(),
                location: self.sources.location(a.span),
                span: a.span,
            });
        }
        let mut events = Vec::with_capacity(self.events.len());
        for e in &self.events {
            let mut unknown = Vec::new();
            let params = e
                .params
                .iter()
                .map(|p| model::Param {
                    name: p.name.text.clone(),
                    ty: self.resolve(&p.ty, &e.module, 0, &mut unknown),
                    default: p
                        .attrs
                        .iter()
                        .find(|a| a.name == "default")
                        .and_then(|a| a.value.clone()),
                    location: self.sources.location(p.name.span),
                })
                .collect();
            pending.extend(unknown.iter().map(|s| (*s, s.file)));
            events.push(model::Event {
                name: e.name.clone(),
                params,
                doc: e.doc.clone(),
                location: self.sources.location(e.span),
                span: e.span,
            });
        }
        // Unknown names inside aliases are reported where the alias is declared; a span's
        // file says whether it is the user's.
        let mut seen = HashSet::new();
        pending.retain(|p| seen.insert(*p));
        for (span, file) in pending {
            self.report_unknown(vec![span], file);
        }
        let enums: Vec<model::Enum> = self.enums.drain(..).map(|e| e.e).collect();
        let render = |ds: &[Diag], sources: &SourceMap| -> Vec<crate::Diagnostic> {
            ds.iter().map(|d| d.render(sources)).collect()
        };
        if !self.errors.is_empty() {
            return Err(Error::Diagnostics(render(&self.errors, &self.sources)));
        }
        let warnings = render(&self.warnings, &self.sources);
        let warning_files = self
            .warnings
            .iter()
            .map(|d| d.span.map_or(FileId(u32::MAX), |s| s.file))
            .collect();
        Ok(Schema {
            records,
            enums,
            events,
            aliases,
            index: self.types,
            event_index: self.event_index,
            entry_files: self.entry_files,
            virtual_files: self.virtual_files,
            warnings,
            warning_files,
            missing_loads: self.missing_loads,
            sources: self.sources,
        })
    }
}
