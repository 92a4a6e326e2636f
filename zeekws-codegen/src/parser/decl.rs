//! Declarations: directives and `@if` markers, `redef`s, globals, functions and handlers (bodies skipped), error recovery.

use super::*;

impl<'a> Parser<'a> {
    pub(super) fn decls(&mut self, in_block: bool) -> PResult<Vec<Decl>> {
        let mut out = Vec::new();
        loop {
            match self.peek_kind() {
                Tok::Eof => {
                    if in_block && self.errors.is_empty() {
                        return Err(self.error_here("`}`"));
                    }
                    return Ok(out);
                }
                Tok::RBrace if in_block => return Ok(out),
                Tok::Semi => {
                    self.bump();
                }
                _ => {
                    let depth = self.depth;
                    match self.decl() {
                        Ok(d) => out.push(d),
                        Err(e) => {
                            self.depth = depth;
                            self.record(e);
                            if self.errors.len() >= MAX_ERRORS {
                                self.pos = self.toks.len().saturating_sub(1);
                                return Ok(out);
                            }
                            self.recover();
                        }
                    }
                }
            }
        }
    }

    /// Keeps an error, unless it is likely a consequence of an earlier one (brace balance).
    pub(super) fn record(&mut self, d: Diag) {
        let cascade = d.message.contains("end of file") || d.message.starts_with("unexpected `}`");
        if (self.errors.is_empty() || !cascade)
            && self.errors.len() < MAX_ERRORS
            && !self.errors.iter().any(|e| e.span == d.span)
        {
            self.errors.push(d);
        }
    }

    /// After an error: skips at least one token, then up to a line that starts with a
    /// declaration keyword or a directive.
    pub(super) fn recover(&mut self) {
        self.bump();
        loop {
            let t = self.peek();
            match t.tok {
                Tok::Eof => return,
                Tok::Directive(_) if self.starts_line(t.span) => return,
                Tok::Ident if self.starts_line(t.span) => {
                    if matches!(
                        self.text_of(t.span),
                        "module"
                            | "export"
                            | "type"
                            | "redef"
                            | "global"
                            | "const"
                            | "option"
                            | "function"
                            | "event"
                            | "hook"
                    ) {
                        return;
                    }
                }
                _ => {}
            }
            self.bump();
        }
    }

    pub(super) fn starts_line(&self, span: Span) -> bool {
        let before = self.text.get(..span.start as usize).unwrap_or("");
        let line = before.rsplit('\n').next().unwrap_or("");
        line.chars().all(char::is_whitespace)
    }

    pub(super) fn decl(&mut self) -> PResult<Decl> {
        let first = self.pos;
        let start = self.peek().span;
        let mut doc = self.docs_of(first, DocKind::Pre);
        let kind = self.decl_kind()?;
        let span = start.to(self.prev_span());
        doc.extend(self.docs_of(self.pos, DocKind::Post));
        Ok(Decl { kind, span, doc })
    }

    pub(super) fn decl_kind(&mut self) -> PResult<DeclKind> {
        let t = self.peek();
        if let Tok::Directive(d) = t.tok {
            return self.directive(d);
        }
        if t.tok != Tok::Ident {
            if t.tok == Tok::RBrace {
                return Err(Diag::error("unexpected `}`", t.span).label("no block to close"));
            }
            return self.stmt();
        }
        match self.text_of(t.span) {
            "module" => {
                self.bump();
                let name = self.name("a module name")?;
                self.expect(Tok::Semi, "`;`")?;
                Ok(DeclKind::Module(name))
            }
            "export" => {
                self.bump();
                self.expect(Tok::LBrace, "`{`")?;
                self.enter()?;
                let decls = self.decls(true)?;
                self.leave();
                self.expect(Tok::RBrace, "`}`")?;
                Ok(DeclKind::Export(decls))
            }
            "type" => {
                self.bump();
                let name = self.name("a type name")?;
                self.expect(Tok::Colon, "`:`")?;
                let ty = self.ty()?;
                let attrs = self.attrs()?;
                self.expect(Tok::Semi, "`;`")?;
                Ok(DeclKind::Type { name, ty, attrs })
            }
            "redef" => {
                self.bump();
                if self.is_word("record") {
                    self.bump();
                    self.redef_record()
                } else if self.is_word("enum") {
                    self.bump();
                    let name = self.name("an enum type name")?;
                    self.expect(Tok::AddAssign, "`+=`")?;
                    let values = self.enum_body()?;
                    let attrs = self.attrs()?;
                    self.expect(Tok::Semi, "`;`")?;
                    Ok(DeclKind::RedefEnum {
                        name,
                        values,
                        attrs,
                    })
                } else if self.is_word("event") {
                    self.bump();
                    self.func(FuncKind::Event, true)
                } else {
                    self.var(VarKind::Redef)
                }
            }
            "global" => {
                self.bump();
                self.var(VarKind::Global)
            }
            "const" => {
                self.bump();
                self.var(VarKind::Const)
            }
            "option" => {
                self.bump();
                self.var(VarKind::Option)
            }
            "function" => {
                self.bump();
                self.func(FuncKind::Function, false)
            }
            "event" => {
                self.bump();
                self.func(FuncKind::Event, false)
            }
            "hook" => {
                self.bump();
                self.func(FuncKind::Hook, false)
            }
            _ => self.stmt(),
        }
    }

    pub(super) fn directive(&mut self, d: Directive) -> PResult<DeclKind> {
        let t = self.bump();
        let arg = self.text_of(t.arg).to_string();
        let load = |kind| DeclKind::Load {
            kind,
            path: arg.clone(),
        };
        Ok(match d {
            Directive::Load => load(LoadKind::Load),
            Directive::LoadSigs => load(LoadKind::LoadSigs),
            Directive::LoadPlugin => load(LoadKind::LoadPlugin),
            Directive::Unload => load(LoadKind::Unload),
            Directive::Prefixes | Directive::Deprecated | Directive::Pragma | Directive::Debug => {
                DeclKind::Directive(self.text_of(t.span.to(t.arg)).to_string())
            }
            Directive::If
            | Directive::Ifdef
            | Directive::Ifndef
            | Directive::Else
            | Directive::Endif => DeclKind::Cond(self.cond_rest(d)?),
            Directive::Dir | Directive::Filename => {
                // A string constant at the top level: a statement.
                self.pos -= 1;
                return self.stmt();
            }
        })
    }

    /// After an `@if`-family token: the parenthesised condition, if any.
    pub(super) fn cond_rest(&mut self, d: Directive) -> PResult<Cond> {
        let text = match d {
            Directive::Else => return Ok(Cond::Else),
            Directive::Endif => return Ok(Cond::Endif),
            _ => {
                let open = self.expect(Tok::LParen, "`(` after the directive")?;
                let mut depth = 1usize;
                let mut end = open.span;
                loop {
                    let t = self.bump();
                    match t.tok {
                        Tok::Eof => return Err(self.error_here("`)`")),
                        Tok::LParen | Tok::LBracket | Tok::LBrace => depth += 1,
                        Tok::RParen | Tok::RBracket | Tok::RBrace => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    end = t.span;
                }
                if end == open.span {
                    String::new()
                } else {
                    let s = Span {
                        start: open.span.end,
                        ..end
                    };
                    self.text_of(s).trim().to_string()
                }
            }
        };
        Ok(match d {
            Directive::Ifdef => Cond::Ifdef(text),
            Directive::Ifndef => Cond::Ifndef(text),
            _ => Cond::If(text),
        })
    }

    pub(super) fn cond_marker(&mut self) -> PResult<Option<(Cond, Span)>> {
        let t = self.peek();
        if let Tok::Directive(
            d @ (Directive::If
            | Directive::Ifdef
            | Directive::Ifndef
            | Directive::Else
            | Directive::Endif),
        ) = t.tok
        {
            self.bump();
            let c = self.cond_rest(d)?;
            return Ok(Some((c, t.span.to(self.prev_span()))));
        }
        Ok(None)
    }

    pub(super) fn redef_record(&mut self) -> PResult<DeclKind> {
        let name = self.name("a record type name")?;
        if self.peek_kind() == Tok::Dollar {
            self.bump();
            let field = self.name("a field name")?;
            let op = match self.peek_kind() {
                Tok::AddAssign => AttrOp::Add,
                Tok::SubAssign => AttrOp::Remove,
                _ => return Err(self.error_here("`+=` or `-=`")),
            };
            self.bump();
            self.expect(Tok::LBrace, "`{`")?;
            let attrs = self.attrs()?;
            self.expect(Tok::RBrace, "`}`")?;
            self.expect(Tok::Semi, "`;`")?;
            return Ok(DeclKind::RedefField {
                name,
                field,
                op,
                attrs,
            });
        }
        self.expect(Tok::AddAssign, "`+=`")?;
        let fields = self.record_body()?;
        let attrs = self.attrs()?;
        self.expect(Tok::Semi, "`;`")?;
        Ok(DeclKind::RedefRecord {
            name,
            fields,
            attrs,
        })
    }

    pub(super) fn var(&mut self, kind: VarKind) -> PResult<DeclKind> {
        let name = self.name("a name")?;
        let ty = if self.peek_kind() == Tok::Colon {
            self.bump();
            Some(self.ty()?)
        } else {
            None
        };
        let init = matches!(
            self.peek_kind(),
            Tok::Assign | Tok::AddAssign | Tok::SubAssign
        );
        if init {
            self.bump();
            self.skip_expr()?;
        }
        let attrs = self.attrs()?;
        self.expect(Tok::Semi, "`;`")?;
        Ok(DeclKind::Var {
            kind,
            name,
            ty,
            init,
            attrs,
        })
    }

    /// `function name(args) : ret attrs { body }` after the keyword; the body is skipped.
    pub(super) fn func(&mut self, kind: FuncKind, redef: bool) -> PResult<DeclKind> {
        let name = self.name("a name")?;
        self.expect(Tok::LParen, "`(`")?;
        self.skip_balanced(1)?;
        // Header rest: return type, attributes, `@if` lines, up to `{` (or `;`).
        let mut depth = 0usize;
        loop {
            let t = self.peek();
            match t.tok {
                Tok::Eof => return Err(self.error_here("a body `{`")),
                Tok::LBrace if depth == 0 => {
                    self.bump();
                    self.skip_balanced(1)?;
                    break;
                }
                Tok::Semi if depth == 0 => {
                    self.bump();
                    break;
                }
                Tok::LParen | Tok::LBracket | Tok::LBrace => depth += 1,
                Tok::RParen | Tok::RBracket | Tok::RBrace => {
                    if depth == 0 {
                        return Err(self.error_here("a body `{`"));
                    }
                    depth -= 1;
                }
                _ => {}
            }
            self.bump();
        }
        Ok(DeclKind::Func { kind, name, redef })
    }

    /// A statement at the top level: up to `;` or a closed block.
    pub(super) fn stmt(&mut self) -> PResult<DeclKind> {
        let mut depth = 0usize;
        loop {
            let t = self.bump();
            match t.tok {
                Tok::Eof => return Err(Diag::error("unexpected end of file", t.span)),
                Tok::Semi if depth == 0 => break,
                Tok::LParen | Tok::LBracket | Tok::LBrace => depth += 1,
                Tok::RParen | Tok::RBracket | Tok::RBrace => {
                    if depth == 0 {
                        return Err(Diag::error(
                            format!("unexpected {}", self.describe(t)),
                            t.span,
                        )
                        .label("nothing to close"));
                    }
                    depth -= 1;
                    if depth == 0 && t.tok == Tok::RBrace && !self.is_word("else") {
                        break;
                    }
                }
                _ => {}
            }
        }
        Ok(DeclKind::Stmt)
    }

    /// Skips to the bracket that closes `depth` open ones (any of `( [ {`).
    pub(super) fn skip_balanced(&mut self, mut depth: usize) -> PResult<()> {
        while depth > 0 {
            let t = self.bump();
            match t.tok {
                Tok::Eof => {
                    return Err(
                        Diag::error("unexpected end of file", t.span).label("unclosed bracket")
                    );
                }
                Tok::LParen | Tok::LBracket | Tok::LBrace => depth += 1,
                Tok::RParen | Tok::RBracket | Tok::RBrace => depth -= 1,
                _ => {}
            }
        }
        Ok(())
    }

    /// Skips an expression (initialiser or attribute value) and returns its text. It ends
    /// before `;`, `,`, an attribute or a closing bracket at depth 0, or before a `{` at depth 0
    /// unless the `{` comes first (a constructor) or opens a lambda's body.
    pub(super) fn skip_expr(&mut self) -> PResult<String> {
        let start = self.peek().span;
        let mut end: Option<Span> = None;
        let mut depth = 0usize;
        let mut lambda_depth: Option<usize> = None;
        loop {
            let t = self.peek();
            match t.tok {
                Tok::Eof => return Err(self.error_here("`;`")),
                Tok::Semi | Tok::Comma | Tok::Attr if depth == 0 => break,
                Tok::RParen | Tok::RBracket | Tok::RBrace if depth == 0 => break,
                Tok::LBrace if depth == 0 && end.is_some() && lambda_depth != Some(0) => break,
                Tok::LBrace => {
                    if lambda_depth == Some(depth) {
                        lambda_depth = None;
                    }
                    depth += 1;
                }
                Tok::LParen | Tok::LBracket => depth += 1,
                Tok::RParen | Tok::RBracket | Tok::RBrace => depth -= 1,
                Tok::Ident if lambda_depth.is_none() && self.text_of(t.span) == "function" => {
                    lambda_depth = Some(depth);
                }
                _ => {}
            }
            self.bump();
            end = Some(t.span);
        }
        match end {
            Some(end) => Ok(self.text_of(start.to(end)).to_string()),
            None => Err(self.error_here("an expression")),
        }
    }

    pub(super) fn attrs(&mut self) -> PResult<Vec<Attr>> {
        let mut out = Vec::new();
        loop {
            let t = self.peek();
            match t.tok {
                Tok::Attr => {
                    self.bump();
                    let name = self.text_of(t.span)[1..].to_string();
                    let value = if self.peek_kind() == Tok::Assign {
                        self.bump();
                        Some(self.skip_expr()?)
                    } else {
                        None
                    };
                    out.push(Attr {
                        name,
                        value,
                        span: t.span.to(self.prev_span()),
                    });
                }
                Tok::Op if self.text_of(t.span) == "&" => {
                    let next = self.tok_at(self.pos + 1);
                    if next.tok == Tok::Ident && next.span.start == t.span.end {
                        return Err(Diag::error(
                            format!("unknown attribute `&{}`", self.text_of(next.span)),
                            t.span.to(next.span),
                        )
                        .label("not an attribute zeek knows"));
                    }
                    return Ok(out);
                }
                _ => return Ok(out),
            }
        }
    }
}
