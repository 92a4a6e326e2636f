//! Recursive-descent parser for the declaration subset of Zeek (parse.y). Function, event and
//! hook bodies and initialisers are skipped by bracket matching. Every loop consumes a token or
//! stops, and nesting is bounded, so no input makes it loop or overflow the stack.

use crate::ast::*;
use crate::error::Diag;
use crate::lexer::{self, Directive, Doc, DocKind, Tok, Token};
use crate::source::{FileId, Span};

mod decl;
mod types;

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
}

#[cfg(test)]
mod tests;
