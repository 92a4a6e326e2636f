//! Recursive-descent parser for the declaration subset of Zeek (parse.y). Function, event and
//! hook bodies and initialisers are skipped by bracket matching. Every loop consumes a token or
//! stops, and nesting is bounded, so no input makes it loop or overflow the stack.

use crate::ast::*;
use crate::error::Diag;
use crate::lexer::{self, Directive, Doc, DocKind, Tok, Token};
use crate::source::{FileId, Span};

/// Deepest nesting of types or `export` blocks accepted.
const MAX_DEPTH: usize = 64;

/// Parses one file's declarations from text (no `@load` following, no name resolution).
pub fn parse_str(path: impl Into<std::path::PathBuf>, text: &str) -> Result<File, crate::Error> {
    let mut sources = crate::SourceMap::new();
    let id = sources.add(path.into(), text.to_string());
    parse(id, text)
        .map_err(|ds| crate::Error::Diagnostics(ds.iter().map(|d| d.render(&sources)).collect()))
}

/// Most errors reported for one file.
const MAX_ERRORS: usize = 20;

/// Parses one file. After an error the parser skips to the next line that starts a
/// declaration and goes on, so one run reports the file's errors together.
pub(crate) fn parse(file: FileId, text: &str) -> Result<File, Vec<Diag>> {
    let lexed = lexer::lex(file, text).map_err(|d| vec![d])?;
    let mut p = Parser {
        text,
        toks: lexed.tokens,
        docs: lexed.docs,
        pos: 0,
        depth: 0,
        errors: Vec::new(),
    };
    let doc = p
        .docs
        .iter()
        .filter(|d| d.kind == DocKind::File)
        .map(|d| d.text.clone())
        .collect();
    let decls = match p.decls(false) {
        Ok(d) => d,
        Err(e) => {
            p.record(e);
            Vec::new()
        }
    };
    if p.errors.is_empty() {
        Ok(File { doc, decls })
    } else {
        Err(p.errors)
    }
}

struct Parser<'a> {
    text: &'a str,
    toks: Vec<Token>,
    docs: Vec<Doc>,
    pos: usize,
    depth: usize,
    errors: Vec<Diag>,
}

type PResult<T> = Result<T, Diag>;

impl<'a> Parser<'a> {
    fn tok_at(&self, i: usize) -> Token {
        match self.toks.get(i) {
            Some(t) => *t,
            // The lexer always ends with Eof, so this is that token.
            None => self.toks[self.toks.len() - 1],
        }
    }

    fn peek(&self) -> Token {
        self.tok_at(self.pos)
    }

    fn peek_kind(&self) -> Tok {
        self.peek().tok
    }

    fn bump(&mut self) -> Token {
        let t = self.peek();
        if t.tok != Tok::Eof {
            self.pos += 1;
        }
        t
    }

    fn text_of(&self, span: Span) -> &'a str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or("")
    }

    fn is_word(&self, w: &str) -> bool {
        let t = self.peek();
        t.tok == Tok::Ident && self.text_of(t.span) == w
    }

    fn prev_span(&self) -> Span {
        self.tok_at(self.pos.saturating_sub(1)).span
    }

    fn describe(&self, t: Token) -> String {
        match t.tok {
            Tok::Eof => "end of file".to_string(),
            _ => format!("`{}`", self.text_of(t.span)),
        }
    }

    fn error_here(&self, expected: &str) -> Diag {
        let t = self.peek();
        Diag::error(
            format!("expected {expected}, found {}", self.describe(t)),
            t.span,
        )
        .label(format!("expected {expected}"))
    }

    fn expect(&mut self, tok: Tok, what: &str) -> PResult<Token> {
        if self.peek_kind() == tok {
            Ok(self.bump())
        } else {
            Err(self.error_here(what))
        }
    }

    fn expect_word(&mut self, w: &str) -> PResult<Token> {
        if self.is_word(w) {
            Ok(self.bump())
        } else {
            Err(self.error_here(&format!("`{w}`")))
        }
    }

    fn name(&mut self, what: &str) -> PResult<Name> {
        let t = self.peek();
        if matches!(t.tok, Tok::Ident | Tok::GlobalIdent) {
            self.bump();
            Ok(Name {
                text: self.text_of(t.span).to_string(),
                span: t.span,
            })
        } else {
            Err(self.error_here(what))
        }
    }

    fn docs_of(&self, tok_index: usize, kind: DocKind) -> Vec<String> {
        let t = self.tok_at(tok_index);
        self.docs
            .get(t.docs_start as usize..t.docs_end as usize)
            .unwrap_or(&[])
            .iter()
            .filter(|d| d.kind == kind)
            .map(|d| d.text.clone())
            .collect()
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err(Diag::error("nesting too deep", self.peek().span))
        } else {
            Ok(())
        }
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    // ---- declarations ----

    fn decls(&mut self, in_block: bool) -> PResult<Vec<Decl>> {
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
    fn record(&mut self, d: Diag) {
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
    fn recover(&mut self) {
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

    fn starts_line(&self, span: Span) -> bool {
        let before = self.text.get(..span.start as usize).unwrap_or("");
        let line = before.rsplit('\n').next().unwrap_or("");
        line.chars().all(char::is_whitespace)
    }

    fn decl(&mut self) -> PResult<Decl> {
        let first = self.pos;
        let start = self.peek().span;
        let mut doc = self.docs_of(first, DocKind::Pre);
        let kind = self.decl_kind()?;
        let span = start.to(self.prev_span());
        doc.extend(self.docs_of(self.pos, DocKind::Post));
        Ok(Decl { kind, span, doc })
    }

    fn decl_kind(&mut self) -> PResult<DeclKind> {
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

    fn directive(&mut self, d: Directive) -> PResult<DeclKind> {
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
    fn cond_rest(&mut self, d: Directive) -> PResult<Cond> {
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

    fn cond_marker(&mut self) -> PResult<Option<(Cond, Span)>> {
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

    fn redef_record(&mut self) -> PResult<DeclKind> {
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

    fn var(&mut self, kind: VarKind) -> PResult<DeclKind> {
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
    fn func(&mut self, kind: FuncKind, redef: bool) -> PResult<DeclKind> {
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
    fn stmt(&mut self) -> PResult<DeclKind> {
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
    fn skip_balanced(&mut self, mut depth: usize) -> PResult<()> {
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
    fn skip_expr(&mut self) -> PResult<String> {
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

    fn attrs(&mut self) -> PResult<Vec<Attr>> {
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

    // ---- types ----

    fn ty(&mut self) -> PResult<Type> {
        self.enter()?;
        let r = self.ty_inner();
        self.leave();
        r
    }

    fn ty_inner(&mut self) -> PResult<Type> {
        let t = self.peek();
        let start = t.span;
        if t.tok == Tok::GlobalIdent {
            let name = self.name("a type")?;
            return Ok(Type {
                kind: TypeKind::Named(name),
                span: start,
            });
        }
        if t.tok != Tok::Ident {
            return Err(self.error_here("a type"));
        }
        let word = self.text_of(t.span);
        let kind = match word {
            "record" => {
                self.bump();
                TypeKind::Record(self.record_body()?)
            }
            "enum" => {
                self.bump();
                TypeKind::Enum(self.enum_body()?)
            }
            "vector" => {
                self.bump();
                self.expect_word("of")?;
                TypeKind::Vector(Box::new(self.ty()?))
            }
            "set" => {
                self.bump();
                TypeKind::Set(self.index_types()?)
            }
            "table" => {
                self.bump();
                let idx = self.index_types()?;
                self.expect_word("of")?;
                TypeKind::Table(idx, Box::new(self.ty()?))
            }
            "function" | "event" | "hook" => {
                self.bump();
                let kind = match word {
                    "function" => FuncKind::Function,
                    "event" => FuncKind::Event,
                    _ => FuncKind::Hook,
                };
                let params = self.params()?;
                let ret = if self.peek_kind() == Tok::Colon {
                    self.bump();
                    Some(Box::new(self.ty()?))
                } else {
                    None
                };
                TypeKind::Func { kind, params, ret }
            }
            "opaque" => {
                self.bump();
                self.expect_word("of")?;
                TypeKind::Opaque(self.name("an opaque type name")?)
            }
            "file" => {
                self.bump();
                if self.is_word("of") {
                    self.bump();
                    TypeKind::File(Some(Box::new(self.ty()?)))
                } else {
                    TypeKind::File(None)
                }
            }
            _ => TypeKind::Named(self.name("a type")?),
        };
        Ok(Type {
            kind,
            span: start.to(self.prev_span()),
        })
    }

    fn index_types(&mut self) -> PResult<Vec<Type>> {
        self.expect(Tok::LBracket, "`[`")?;
        let mut out = vec![self.ty()?];
        while self.peek_kind() == Tok::Comma {
            self.bump();
            out.push(self.ty()?);
        }
        self.expect(Tok::RBracket, "`]`")?;
        Ok(out)
    }

    fn params(&mut self) -> PResult<Vec<Param>> {
        self.expect(Tok::LParen, "`(`")?;
        let mut out = Vec::new();
        loop {
            match self.peek_kind() {
                Tok::RParen => {
                    self.bump();
                    return Ok(out);
                }
                Tok::Comma | Tok::Semi if !out.is_empty() => {
                    self.bump();
                }
                _ => {
                    let name = self.name("a parameter name or `)`")?;
                    self.expect(Tok::Colon, "`:`")?;
                    let ty = self.ty()?;
                    let attrs = self.attrs()?;
                    out.push(Param { name, ty, attrs });
                    if !matches!(self.peek_kind(), Tok::Comma | Tok::Semi | Tok::RParen) {
                        return Err(self.error_here("`,` or `)`"));
                    }
                }
            }
        }
    }

    fn record_body(&mut self) -> PResult<Vec<FieldItem>> {
        self.expect(Tok::LBrace, "`{`")?;
        let mut out = Vec::new();
        loop {
            if let Some((c, span)) = self.cond_marker()? {
                out.push(FieldItem::Cond(c, span));
                continue;
            }
            match self.peek_kind() {
                Tok::RBrace => {
                    self.bump();
                    return Ok(out);
                }
                Tok::Semi => {
                    self.bump();
                }
                _ => {
                    let first = self.pos;
                    let mut doc = self.docs_of(first, DocKind::Pre);
                    let name = self.name("a field name or `}`")?;
                    self.expect(Tok::Colon, "`:`")?;
                    let ty = self.ty()?;
                    let attrs = self.attrs()?;
                    if self.peek_kind() != Tok::RBrace {
                        self.expect(Tok::Semi, "`;`")?;
                    }
                    doc.extend(self.docs_of(self.pos, DocKind::Post));
                    out.push(FieldItem::Field(Field {
                        span: name.span.to(self.prev_span()),
                        name,
                        ty,
                        attrs,
                        doc,
                    }));
                }
            }
        }
    }

    fn enum_body(&mut self) -> PResult<Vec<EnumItem>> {
        self.expect(Tok::LBrace, "`{`")?;
        let mut out = Vec::new();
        loop {
            if let Some((c, span)) = self.cond_marker()? {
                out.push(EnumItem::Cond(c, span));
                continue;
            }
            match self.peek_kind() {
                Tok::RBrace => {
                    self.bump();
                    return Ok(out);
                }
                _ => {
                    let mut doc = self.docs_of(self.pos, DocKind::Pre);
                    let name = self.name("an enum value name or `}`")?;
                    let mut value = None;
                    if self.peek_kind() == Tok::Assign {
                        self.bump();
                        let t = self.expect(Tok::Number, "a count")?;
                        let s = self.text_of(t.span);
                        let parsed = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
                            Some(hex) => u64::from_str_radix(hex, 16).ok(),
                            None => s.parse::<u64>().ok(),
                        };
                        value = Some(parsed.ok_or_else(|| {
                            Diag::error(format!("`{s}` is not a count"), t.span)
                                .label("enum values are non-negative counts")
                        })?);
                    }
                    let mut deprecated = None;
                    for a in self.attrs()? {
                        if a.name == "deprecated" {
                            deprecated = Some(a.value.unwrap_or_default());
                        }
                    }
                    match self.peek_kind() {
                        Tok::Comma => {
                            // `##<` may sit before or after the comma.
                            doc.extend(self.docs_of(self.pos, DocKind::Post));
                            self.bump();
                        }
                        Tok::RBrace => {}
                        Tok::Directive(_) => {}
                        _ => return Err(self.error_here("`,` or `}`")),
                    }
                    doc.extend(self.docs_of(self.pos, DocKind::Post));
                    out.push(EnumItem::Value(EnumValue {
                        name,
                        value,
                        deprecated,
                        doc,
                    }));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> File {
        match parse(FileId(0), s) {
            Ok(f) => f,
            Err(e) => panic!("{} at {:?}", e[0].message, e[0].span),
        }
    }

    #[test]
    fn record_with_conditionals_docs_and_attrs() {
        let f = p(
            "module App;\nexport {\n## An alert.\ntype Alert: record {\n\
             a: count &log; ##< the a\n@if ( T )\n b: set[addr, port] &optional;\n@endif\n\
             c: count &default=function(x: count): count { return x; };\n} &log;\n}\n",
        );
        let DeclKind::Export(ds) = &f.decls[1].kind else {
            panic!()
        };
        let d = &ds[0];
        assert_eq!(d.doc, vec!["An alert."]);
        let DeclKind::Type { ty, attrs, .. } = &d.kind else {
            panic!()
        };
        assert_eq!(attrs[0].name, "log");
        let TypeKind::Record(items) = &ty.kind else {
            panic!()
        };
        assert_eq!(items.len(), 5);
        let FieldItem::Field(a) = &items[0] else {
            panic!()
        };
        assert_eq!(a.doc, vec!["the a"]);
        let FieldItem::Field(c) = &items[4] else {
            panic!()
        };
        assert_eq!(
            c.attrs[0].value.as_deref(),
            Some("function(x: count): count { return x; }")
        );
    }

    #[test]
    fn handlers_lambdas_and_redefs() {
        let f = p(
            "event foo(c: connection) &priority=5 { if ( /x{1}/ in s ) { } }\n\
             const t: table[count] of string = {} &redef &default=function(c: count): string { return \"}\"; };\n\
             redef record Conn::Info$ip_proto -= { &log };\n\
             redef enum Log::ID += { LOG, mysql::LOG };\n\
             global e: event(a: count; b: bool &default=F);\n\
             redef Foo::bar += { [1] = \"a\" };\n",
        );
        assert_eq!(f.decls.len(), 6);
        assert!(matches!(
            f.decls[2].kind,
            DeclKind::RedefField {
                op: AttrOp::Remove,
                ..
            }
        ));
    }

    #[test]
    fn errors_have_spans() {
        let e = parse(FileId(0), "type X: record { a count; };").unwrap_err();
        assert_eq!(e[0].message, "expected `:`, found `count`");
        let e = parse(FileId(0), "type X: record { a: count &bogus; };").unwrap_err();
        assert_eq!(e[0].message, "unknown attribute `&bogus`");
    }

    #[test]
    fn errors_of_a_file_are_reported_together() {
        let src = "module M;\nexport {\n\ttype A: record { a count; };\n\
                   \ttype B: record { b: count; };\n\tglobal e: event(x: );\n}\n\
                   type C: enum { X = y };\nfunction f() { }\n";
        let e = parse(FileId(0), src).unwrap_err();
        let msgs: Vec<&str> = e.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "expected `:`, found `count`",
                "expected a type, found `)`",
                "expected a count, found `y`"
            ]
        );
    }
}
