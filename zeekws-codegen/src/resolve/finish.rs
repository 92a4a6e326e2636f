//! Finishing: every type resolved against everything loaded, and the [`Schema`] built.

use super::*;

impl<'o> Walker<'o> {
    pub(super) fn resolve(
        &self,
        ty: &ast::Type,
        module: &str,
        depth: usize,
        unknown: &mut Vec<Span>,
    ) -> Type {
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

    pub(super) fn resolve_name(
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

    pub(super) fn report_unknown(&mut self, unknown: Vec<Span>, file: FileId) {
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

    pub(super) fn finish(mut self) -> Result<Schema, Error> {
        let mut records = Vec::with_capacity(self.records.len());
        let mut pending = Vec::new();
        for r in &self.records {
            let mut unknown = Vec::new();
            let fields = r
                .fields
                .iter()
                .map(|f| model::Field {
                    condition: f.condition.clone(),
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
                condition: r.condition.clone(),
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
                condition: e.condition.clone(),
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
