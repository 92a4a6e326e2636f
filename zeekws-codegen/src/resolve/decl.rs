//! Declarations in load order: `@load`, types, records and their `redef`s, enums, events.

use super::*;

impl<'o> Walker<'o> {
    pub(super) fn decls(&mut self, decls: &[ast::Decl], file: FileId, conds: &mut CondStack) {
        for d in decls {
            if let DeclKind::Cond(c) = &d.kind {
                self.cond(c, d.span, conds);
                continue;
            }
            if !conds.active() {
                continue;
            }
            self.direct_guess = conds.guessed();
            self.current_guess = self
                .direct_guess
                .clone()
                .or_else(|| self.guess_context.last().cloned());
            self.decl(d, file, conds);
        }
    }

    pub(super) fn decl(&mut self, d: &ast::Decl, file: FileId, conds: &mut CondStack) {
        match &d.kind {
            DeclKind::Module(n) => {
                self.module = n.text.trim_start_matches("::").to_string();
            }
            DeclKind::Export(ds) => self.decls(ds, file, conds),
            DeclKind::Load { kind, path } => match kind {
                ast::LoadKind::Load => {
                    // What the loaded file declares depends on the guesses around this load.
                    let guess = self.current_guess.clone();
                    if let Some(g) = &guess {
                        self.guess_context.push(g.clone());
                    }
                    self.at_load(path, file, d.span);
                    if guess.is_some() {
                        self.guess_context.pop();
                    }
                    self.current_guess = guess;
                }
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
                        // An event declared in a file loaded under a guess simply may not
                        // exist; only an `@if` in its own file can swap its arguments.
                        condition: self.direct_guess.clone(),
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

    pub(super) fn at_load(&mut self, path: &str, file: FileId, span: Span) {
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

    pub(super) fn unknown_diag(&self, name: &str, span: Span, what: &str) -> Diag {
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

    pub(super) fn lookup_record(&mut self, name: &ast::Name, file: FileId) -> Option<usize> {
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

    pub(super) fn fields(
        &mut self,
        items: &[FieldItem],
        log_all: bool,
        _file: FileId,
    ) -> Vec<PField> {
        let mut conds = CondStack::default();
        let mut out = Vec::new();
        for item in items {
            match item {
                FieldItem::Cond(c, span) => self.cond(c, *span, &mut conds),
                FieldItem::Field(f) if conds.active() => out.push(PField {
                    condition: conds.guessed().or_else(|| self.current_guess.clone()),
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

    pub(super) fn enum_values(&mut self, idx: usize, items: &[EnumItem], _file: FileId) {
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

    pub(super) fn redeclared(&mut self, q: &str, span: Span, first: Span) {
        let first = self.sources.location(first);
        self.errors.push(
            Diag::error(format!("type `{q}` is declared twice"), span)
                .label("declared again here")
                .note(format!("first declared at {first}")),
        );
    }

    pub(super) fn type_decl(
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
                                r.condition = self.current_guess.clone();
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
                            condition: self.current_guess.clone(),
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
                    Some(Item::Enum(i)) => {
                        // Zeek accepts an enum declared again with the same values (a script
                        // and the bif file bifcl writes both declare `Broker::ErrorCode`).
                        let again: std::collections::BTreeSet<String> = items
                            .iter()
                            .filter_map(|item| match item {
                                EnumItem::Value(v) => {
                                    Some(scope::qualify(&v.name.text, &self.module))
                                }
                                EnumItem::Cond(..) => None,
                            })
                            .collect();
                        let known: std::collections::BTreeSet<String> = self
                            .enums
                            .get(i)
                            .map(|e| e.e.values.iter().map(|v| v.name.clone()).collect())
                            .unwrap_or_default();
                        if again != known {
                            let first = self.item_span(Item::Enum(i));
                            self.redeclared(&q, name.span, first);
                        }
                        return;
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

    pub(super) fn item_span(&self, item: Item) -> Span {
        let fallback = Span::new(FileId(0), 0, 0);
        match item {
            Item::Record(i) => self.records.get(i).map_or(fallback, |r| r.span),
            Item::Enum(i) => self.enums.get(i).map_or(fallback, |e| e.e.span),
            Item::Alias(i) => self.aliases.get(i).map_or(fallback, |a| a.span),
        }
    }
}
