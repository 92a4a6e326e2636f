//! Tokens of the Zeek script language (scan.l), as far as declarations need them.
//!
//! Comments are dropped, except `##`, `##<` and `##!` doc comments, which are kept beside the
//! tokens: each token knows the doc comments that stand between it and the previous token.

use crate::error::Diag;
use crate::source::{FileId, Span};

/// The attribute names Zeek knows (scan.l); `&` before anything else is an operator.
pub(crate) const ATTRIBUTES: &[&str] = &[
    "add_func",
    "create_expire",
    "default",
    "default_insert",
    "delete_func",
    "deprecated",
    "raw_output",
    "error_handler",
    "expire_func",
    "group",
    "log",
    "optional",
    "is_assigned",
    "is_used",
    "priority",
    "type_column",
    "read_expire",
    "redef",
    "write_expire",
    "on_change",
    "publish_on_change",
    "broker_store",
    "broker_allow_complex_type",
    "backend",
    "ordered",
    "no_ZAM_opt",
    "no_CPP_opt",
];

/// `@` directives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Directive {
    Load,
    LoadSigs,
    LoadPlugin,
    Unload,
    Prefixes,
    Deprecated,
    Pragma,
    Debug,
    If,
    Ifdef,
    Ifndef,
    Else,
    Endif,
    Dir,
    Filename,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    /// A name, possibly qualified (`Conn::Info`); keywords are identifiers too.
    Ident,
    /// `::name`.
    GlobalIdent,
    /// `&name` for a known attribute.
    Attr,
    Str,
    Regex,
    /// Counts, doubles, ports, addresses: anything starting with a digit.
    Number,
    /// A directive; for line directives `arg` holds the rest of the line.
    Directive(Directive),
    LBrace,
    RBrace,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Semi,
    Colon,
    Comma,
    Assign,
    AddAssign,
    SubAssign,
    Dollar,
    /// Any other operator or stray character.
    Op,
    Eof,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub tok: Tok,
    pub span: Span,
    /// For line directives: the argument (trimmed rest of the line).
    pub arg: Span,
    /// Doc comments before this token: `docs[docs_start..docs_end]`.
    pub docs_start: u32,
    pub docs_end: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DocKind {
    /// `##`: documents what follows.
    Pre,
    /// `##<`: documents what precedes.
    Post,
    /// `##!`: documents the file.
    File,
}

#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub kind: DocKind,
    pub text: String,
}

pub(crate) struct Lexed {
    pub tokens: Vec<Token>,
    pub docs: Vec<Doc>,
}

fn is_id_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_id_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Words after which a `/` starts a regex although they are identifiers.
const NON_OPERAND_WORDS: &[&str] = &[
    "return", "in", "case", "print", "local", "const", "global", "else", "when", "of", "add",
    "delete",
];

pub(crate) fn lex(file: FileId, text: &str) -> Result<Lexed, Diag> {
    let src = text.as_bytes();
    let mut tokens: Vec<Token> = Vec::new();
    let mut docs: Vec<Doc> = Vec::new();
    let mut docs_start = 0u32;
    let mut i = 0usize;
    let n = src.len();
    let sp = |a: usize, b: usize| Span::new(file, a, b);
    // Whether the previous token ends an operand (then `/` divides).
    let prev_is_operand = |tokens: &[Token]| -> bool {
        match tokens.last() {
            Some(t) => match t.tok {
                Tok::Ident => {
                    let w = &text[t.span.start as usize..t.span.end as usize];
                    !NON_OPERAND_WORDS.contains(&w)
                }
                Tok::GlobalIdent
                | Tok::Number
                | Tok::Str
                | Tok::Regex
                | Tok::RParen
                | Tok::RBracket => true,
                _ => false,
            },
            None => false,
        }
    };
    while i < n {
        let b = src[i];
        let start = i;
        // Whitespace.
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        // Comments.
        if b == b'#' {
            let end = src[i..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(n, |p| i + p);
            let line = &text[i..end];
            let doc = if let Some(rest) = line.strip_prefix("##!") {
                Some((DocKind::File, rest))
            } else if let Some(rest) = line.strip_prefix("##<") {
                Some((DocKind::Post, rest))
            } else {
                line.strip_prefix("##").map(|rest| (DocKind::Pre, rest))
            };
            if let Some((kind, rest)) = doc {
                let rest = rest.strip_prefix(' ').unwrap_or(rest);
                docs.push(Doc {
                    kind,
                    text: rest.trim_end().to_string(),
                });
            }
            i = end;
            continue;
        }
        let mut arg = sp(i, i);
        let tok = match b {
            b'{' => {
                i += 1;
                Tok::LBrace
            }
            b'}' => {
                i += 1;
                Tok::RBrace
            }
            b'(' => {
                i += 1;
                Tok::LParen
            }
            b')' => {
                i += 1;
                Tok::RParen
            }
            b'[' => {
                i += 1;
                Tok::LBracket
            }
            b']' => {
                i += 1;
                Tok::RBracket
            }
            b';' => {
                i += 1;
                Tok::Semi
            }
            b',' => {
                i += 1;
                Tok::Comma
            }
            b'$' => {
                i += 1;
                Tok::Dollar
            }
            b'"' => {
                i += 1;
                loop {
                    match src.get(i) {
                        None | Some(b'\n') => {
                            return Err(Diag::error("unterminated string", sp(start, i))
                                .label("string starts here")
                                .note("zeek strings end on the line they start"));
                        }
                        Some(b'\\') => i += 2,
                        Some(b'"') => {
                            i += 1;
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
                i = i.min(n);
                Tok::Str
            }
            b':' => {
                if src.get(i + 1) == Some(&b':') {
                    match src.get(i + 2) {
                        Some(&c) if is_id_start(c) => {
                            i += 2;
                            lex_ident(src, &mut i);
                            Tok::GlobalIdent
                        }
                        Some(&c) if c.is_ascii_hexdigit() || c == b']' || c == b':' => {
                            // IPv6 address part such as `[::1]`.
                            i += 2;
                            while i < n
                                && (src[i].is_ascii_hexdigit() || matches!(src[i], b':' | b'.'))
                            {
                                i += 1;
                            }
                            Tok::Number
                        }
                        _ => {
                            i += 2;
                            Tok::Op
                        }
                    }
                } else {
                    i += 1;
                    Tok::Colon
                }
            }
            b'=' => {
                if src.get(i + 1) == Some(&b'=') {
                    i += 2;
                    Tok::Op
                } else {
                    i += 1;
                    Tok::Assign
                }
            }
            b'+' | b'-' => {
                if src.get(i + 1) == Some(&b'=') {
                    i += 2;
                    if b == b'+' {
                        Tok::AddAssign
                    } else {
                        Tok::SubAssign
                    }
                } else {
                    i += if src.get(i + 1) == Some(&b) { 2 } else { 1 };
                    Tok::Op
                }
            }
            b'&' => {
                if src.get(i + 1) == Some(&b'&') {
                    i += 2;
                    Tok::Op
                } else {
                    let mut j = i + 1;
                    while j < n && is_id_char(src[j]) {
                        j += 1;
                    }
                    if j > i + 1 && ATTRIBUTES.contains(&&text[i + 1..j]) {
                        i = j;
                        Tok::Attr
                    } else {
                        i += 1;
                        Tok::Op
                    }
                }
            }
            b'/' => {
                if !prev_is_operand(&tokens) {
                    match scan_regex(src, i) {
                        Some(end) => {
                            i = end;
                            Tok::Regex
                        }
                        None => {
                            i += 1;
                            Tok::Op
                        }
                    }
                } else {
                    i += if src.get(i + 1) == Some(&b'=') { 2 } else { 1 };
                    Tok::Op
                }
            }
            b'@' => {
                let mut j = i + 1;
                while j < n && (is_id_char(src[j]) || src[j] == b'-') {
                    j += 1;
                }
                let word = &text[i + 1..j];
                let d = match word {
                    "load" => Some(Directive::Load),
                    "load-sigs" => Some(Directive::LoadSigs),
                    "load-plugin" => Some(Directive::LoadPlugin),
                    "unload" => Some(Directive::Unload),
                    "prefixes" => Some(Directive::Prefixes),
                    "deprecated" => Some(Directive::Deprecated),
                    "pragma" => Some(Directive::Pragma),
                    "DEBUG" => Some(Directive::Debug),
                    "if" => Some(Directive::If),
                    "ifdef" => Some(Directive::Ifdef),
                    "ifndef" => Some(Directive::Ifndef),
                    "else" => Some(Directive::Else),
                    "endif" => Some(Directive::Endif),
                    "DIR" => Some(Directive::Dir),
                    "FILENAME" => Some(Directive::Filename),
                    _ => None,
                };
                match d {
                    Some(d) => {
                        i = j;
                        if matches!(
                            d,
                            Directive::Load
                                | Directive::LoadSigs
                                | Directive::LoadPlugin
                                | Directive::Unload
                                | Directive::Prefixes
                                | Directive::Deprecated
                                | Directive::Pragma
                        ) {
                            let end = src[i..]
                                .iter()
                                .position(|&c| c == b'\n')
                                .map_or(n, |p| i + p);
                            let line = &text[i..end];
                            // A comment may follow the argument.
                            let line_no_comment = match line.find('#') {
                                Some(p) if d != Directive::Deprecated => &line[..p],
                                _ => line,
                            };
                            let lead = line_no_comment.len() - line_no_comment.trim_start().len();
                            let trimmed = line_no_comment.trim();
                            arg = sp(i + lead, i + lead + trimmed.len());
                            i = end;
                        }
                        Tok::Directive(d)
                    }
                    None => {
                        i += 1;
                        Tok::Op
                    }
                }
            }
            b'0'..=b'9' => {
                lex_number(src, &mut i);
                Tok::Number
            }
            b'.' if src.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                lex_number(src, &mut i);
                Tok::Number
            }
            c if is_id_start(c) => {
                lex_ident(src, &mut i);
                Tok::Ident
            }
            b'!' | b'<' | b'>' | b'*' | b'%' | b'|' | b'^' | b'~' | b'?' | b'.' => {
                i += 1;
                if i < n && (src[i] == b'=' || (src[i] == b'|' && b == b'|')) {
                    i += 1;
                }
                Tok::Op
            }
            _ => {
                // Any other byte: one character, kept on a char boundary.
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                Tok::Op
            }
        };
        let docs_end = u32::try_from(docs.len()).unwrap_or(u32::MAX);
        tokens.push(Token {
            tok,
            span: sp(start, i),
            arg,
            docs_start,
            docs_end,
        });
        docs_start = docs_end;
    }
    let docs_end = u32::try_from(docs.len()).unwrap_or(u32::MAX);
    tokens.push(Token {
        tok: Tok::Eof,
        span: sp(n, n),
        arg: sp(n, n),
        docs_start,
        docs_end,
    });
    Ok(Lexed { tokens, docs })
}

/// `C(::C)*` with `C = [A-Za-z_][A-Za-z_0-9]*`; `i` is at the first character.
fn lex_ident(src: &[u8], i: &mut usize) {
    let n = src.len();
    loop {
        while *i < n && is_id_char(src[*i]) {
            *i += 1;
        }
        if *i + 2 < n && src[*i] == b':' && src[*i + 1] == b':' && is_id_start(src[*i + 2]) {
            *i += 2;
        } else {
            break;
        }
    }
}

/// Counts, doubles (`1.5e-3`), hex, dotted addresses, IPv6 parts, and ports (`80/tcp`).
fn lex_number(src: &[u8], i: &mut usize) {
    let n = src.len();
    while *i < n {
        let c = src[*i];
        if c.is_ascii_alphanumeric() || c == b'.' || c == b'_' {
            if (c == b'e' || c == b'E')
                && *i + 2 < n
                && matches!(src[*i + 1], b'+' | b'-')
                && src[*i + 2].is_ascii_digit()
            {
                *i += 2;
            }
            *i += 1;
        } else if c == b':'
            && src
                .get(*i + 1)
                .is_some_and(|c| c.is_ascii_hexdigit() || *c == b':')
        {
            // IPv6 inside brackets: `[2001:db8::1]`.
            *i += 1;
        } else {
            break;
        }
    }
    // Ports: `80/tcp`, `53/udp`, `8/icmp`, `0/unknown`.
    if *i < n && src[*i] == b'/' {
        for proto in [&b"tcp"[..], b"udp", b"icmp", b"unknown"] {
            let end = *i + 1 + proto.len();
            if src.get(*i + 1..end) == Some(proto) && !src.get(end).is_some_and(|&c| is_id_char(c))
            {
                *i = end;
                break;
            }
        }
    }
}

/// From the opening `/` at `start`, the end of the regex (after its `i`/`s` flags), if it ends
/// on this line.
fn scan_regex(src: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    loop {
        match src.get(i)? {
            b'\n' | b'\r' => return None,
            b'\\' => {
                if matches!(src.get(i + 1), None | Some(b'\n')) {
                    return None;
                }
                i += 2;
            }
            b'/' => {
                i += 1;
                let mut flags = 0;
                while flags < 2 && matches!(src.get(i), Some(b'i' | b's')) {
                    i += 1;
                    flags += 1;
                }
                return Some(i);
            }
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(Tok, String)> {
        let l = lex(FileId(0), s).unwrap();
        l.tokens
            .iter()
            .filter(|t| t.tok != Tok::Eof)
            .map(|t| {
                (
                    t.tok,
                    s[t.span.start as usize..t.span.end as usize].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn regex_vs_division_and_amp_operator() {
        let k = kinds("const r = /([0-9]{1,4}:){7}/ & h; x = a / b; y = /'\\//i;");
        assert!(k.contains(&(Tok::Regex, "/([0-9]{1,4}:){7}/".into())));
        assert!(k.contains(&(Tok::Op, "&".into())));
        assert!(k.contains(&(Tok::Op, "/".into())));
        assert!(k.contains(&(Tok::Regex, "/'\\//i".into())));
    }

    #[test]
    fn attributes_ports_qualified_names() {
        let k = kinds("x: Conn::Info &log &default=80/tcp; ::y [::1]/64 1.5e-3 \"a\\\"\\x41\"");
        assert_eq!(k[2], (Tok::Ident, "Conn::Info".into()));
        assert_eq!(k[3], (Tok::Attr, "&log".into()));
        assert_eq!(k[6], (Tok::Number, "80/tcp".into()));
        assert_eq!(k[8], (Tok::GlobalIdent, "::y".into()));
        assert!(k.contains(&(Tok::Number, "1.5e-3".into())));
        assert!(k.contains(&(Tok::Str, "\"a\\\"\\x41\"".into())));
    }

    #[test]
    fn docs_and_directives() {
        let s = "##! file\n## pre\nx: count; ##< post\n@load base/utils/foo # c\n@if ( T )\n";
        let l = lex(FileId(0), s).unwrap();
        assert_eq!(l.docs.len(), 3);
        assert_eq!(l.docs[2].kind, DocKind::Post);
        let load = l
            .tokens
            .iter()
            .find(|t| t.tok == Tok::Directive(Directive::Load))
            .unwrap();
        assert_eq!(
            &s[load.arg.start as usize..load.arg.end as usize],
            "base/utils/foo"
        );
        assert_eq!(l.tokens[0].docs_end - l.tokens[0].docs_start, 2);
    }

    #[test]
    fn unterminated_string_is_an_error() {
        assert!(lex(FileId(0), "x = \"abc\n").is_err());
    }
}
