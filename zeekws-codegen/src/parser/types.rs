//! Types, attributes, parameter lists, record and enum bodies.

use super::*;

impl<'a> Parser<'a> {
    pub(super) fn ty(&mut self) -> PResult<Type> {
        self.enter()?;
        let r = self.ty_inner();
        self.leave();
        r
    }

    pub(super) fn ty_inner(&mut self) -> PResult<Type> {
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

    pub(super) fn index_types(&mut self) -> PResult<Vec<Type>> {
        self.expect(Tok::LBracket, "`[`")?;
        let mut out = vec![self.ty()?];
        while self.peek_kind() == Tok::Comma {
            self.bump();
            out.push(self.ty()?);
        }
        self.expect(Tok::RBracket, "`]`")?;
        Ok(out)
    }

    pub(super) fn params(&mut self) -> PResult<Vec<Param>> {
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

    pub(super) fn record_body(&mut self) -> PResult<Vec<FieldItem>> {
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

    pub(super) fn enum_body(&mut self) -> PResult<Vec<EnumItem>> {
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
