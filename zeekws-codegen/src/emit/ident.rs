//! Casing and keyword escaping for generated identifiers.

use proc_macro2::{Ident, Span};

/// Rust keywords (strict and reserved, 2024 edition).
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Splits `IPAddrAnonymization`, `conn_id`, `ACTION_LOG`, `HTTP2` into words.
pub(crate) fn words(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' || c == ':' || !c.is_ascii_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(&prev) = i.checked_sub(1).and_then(|j| chars.get(j)) {
            let next = chars.get(i + 1).copied();
            let boundary = c.is_ascii_uppercase()
                && ((prev.is_ascii_lowercase() || prev.is_ascii_digit())
                    || (prev.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase())));
            if boundary && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// `conn_id` -> `ConnId`, `RED` -> `Red`, `IPAddr` -> `IpAddr`.
pub(crate) fn upper_camel(s: &str) -> String {
    let mut out = String::new();
    for w in words(s) {
        let mut cs = w.chars();
        if let Some(f) = cs.next() {
            out.push(f.to_ascii_uppercase());
            out.extend(cs.map(|c| c.to_ascii_lowercase()));
        }
    }
    if out.is_empty() {
        out.push_str("Unnamed");
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'N');
    }
    out
}

/// `Management::Agent::API` segment `API` -> `api`, `MySQL` -> `my_sql`.
pub(crate) fn snake(s: &str) -> String {
    let w: Vec<String> = words(s)
        .into_iter()
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let out = w.join("_");
    if out.is_empty() {
        "unnamed".to_string()
    } else {
        out
    }
}

/// An identifier for `name` as written: Rust keywords become raw identifiers (`r#type`), the
/// ones that cannot be raw get a `_` suffix (`self_`), a leading digit gets a `_` prefix.
pub(crate) fn ident(name: &str) -> Ident {
    let valid = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_";
    if !valid {
        let cleaned: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        return Ident::new(&format!("_{cleaned}"), Span::call_site());
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return Ident::new(&format!("_{name}"), Span::call_site());
    }
    match name {
        "self" | "super" | "crate" | "Self" => Ident::new(&format!("{name}_"), Span::call_site()),
        _ if KEYWORDS.contains(&name) => Ident::new_raw(name, Span::call_site()),
        _ => Ident::new(name, Span::call_site()),
    }
}

/// Whether a field name needs `#[allow(non_snake_case)]`.
pub(crate) fn is_snake(name: &str) -> bool {
    !name.chars().any(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casing() {
        assert_eq!(upper_camel("conn_id"), "ConnId");
        assert_eq!(upper_camel("IPAddrAnonymization"), "IpAddrAnonymization");
        assert_eq!(upper_camel("ACTION_LOG"), "ActionLog");
        assert_eq!(upper_camel("Info"), "Info");
        assert_eq!(upper_camel("log_conn"), "LogConn");
        assert_eq!(upper_camel("HTTP2"), "Http2");
        assert_eq!(snake("API"), "api");
        assert_eq!(snake("MySQL"), "my_sql");
        assert_eq!(snake("X509"), "x509");
        assert_eq!(snake("App"), "app");
    }

    #[test]
    fn keywords() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("match").to_string(), "r#match");
        assert_eq!(ident("self").to_string(), "self_");
        assert_eq!(ident("Self").to_string(), "Self_");
        assert_eq!(ident("crate").to_string(), "crate_");
        assert_eq!(ident("orig_h").to_string(), "orig_h");
        assert_eq!(ident("_").to_string(), "__");
    }
}
