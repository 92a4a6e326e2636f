//! Zeek's own type names (`record conn_id`, `vector of record Tunnel::EncapsulatingConn`,
//! `table[count,string] of record App::Inner`, `event(rec:Conn::Info)`) read into
//! [`TypeDesc`]s, and written back from them (MockZeek answers in Zeek's words).

use zeekws_codegen::TypeDesc;

/// A type name as `record_fields` or `global_ids` print it.
pub fn parse(text: &str) -> TypeDesc {
    let t = text.trim();
    if let Some(rest) = t.strip_prefix("vector of ") {
        return TypeDesc::Vector(Box::new(parse(rest)));
    }
    if let Some(rest) = t.strip_prefix("set[")
        && let Some(close) = matching_bracket(rest)
        && rest[close + 1..].trim().is_empty()
    {
        return TypeDesc::set(split_top(&rest[..close]).into_iter().map(parse));
    }
    if let Some(rest) = t.strip_prefix("table[")
        && let Some(close) = matching_bracket(rest)
        && let Some(value) = rest[close + 1..].trim_start().strip_prefix("of ")
    {
        return TypeDesc::table(
            split_top(&rest[..close]).into_iter().map(parse),
            parse(value),
        );
    }
    for prefix in ["record ", "enum "] {
        if let Some(name) = t.strip_prefix(prefix)
            && is_name(name)
        {
            return TypeDesc::Named(name.to_owned());
        }
    }
    match t {
        "bool" => TypeDesc::Bool,
        "count" => TypeDesc::Count,
        "int" => TypeDesc::Int,
        "double" => TypeDesc::Double,
        "time" => TypeDesc::Time,
        "interval" => TypeDesc::Interval,
        "string" => TypeDesc::String,
        "pattern" => TypeDesc::Pattern,
        "port" => TypeDesc::Port,
        "addr" => TypeDesc::Addr,
        "subnet" => TypeDesc::Subnet,
        "any" => TypeDesc::Any,
        name if is_name(name) => TypeDesc::Named(name.to_owned()),
        // opaque of x, file of x, functions, inline records: only a dynamic value holds them.
        other => TypeDesc::Opaque(other.to_owned()),
    }
}

/// The arguments of an event type name, `event(c:connection, is_orig:bool)`; `None` when
/// the text is not one.
pub fn parse_event(signature: &str) -> Option<Vec<(String, TypeDesc)>> {
    let inner = signature.trim().strip_prefix("event(")?.strip_suffix(')')?;
    if inner.trim().is_empty() {
        return Some(Vec::new());
    }
    split_top(inner)
        .into_iter()
        .map(|arg| {
            let (name, ty) = arg.split_once(':')?;
            Some((name.trim().to_owned(), parse(ty)))
        })
        .collect()
}

/// `t` as Zeek names it; `kind_of` says whether a name is a record or an enum type.
pub fn render(t: &TypeDesc, kind_of: &dyn Fn(&str) -> Option<&'static str>) -> String {
    let index = |k: &TypeDesc| match k {
        TypeDesc::Tuple(items) => items
            .iter()
            .map(|i| render(i, kind_of))
            .collect::<Vec<_>>()
            .join(","),
        other => render(other, kind_of),
    };
    match t {
        TypeDesc::Named(n) => match kind_of(n) {
            Some(kind) => format!("{kind} {n}"),
            None => n.clone(),
        },
        TypeDesc::Vector(e) => format!("vector of {}", render(e, kind_of)),
        TypeDesc::Set(k) => format!("set[{}]", index(k)),
        TypeDesc::Table(k, v) => format!("table[{}] of {}", index(k), render(v, kind_of)),
        other => other.to_string(),
    }
}

/// An event's type name: `event(msg:string, c:count)`.
pub fn render_event(
    args: &[(String, TypeDesc)],
    kind_of: &dyn Fn(&str) -> Option<&'static str>,
) -> String {
    let args: Vec<String> = args
        .iter()
        .map(|(n, t)| {
            // Zeek writes argument types by their name alone.
            let ty = match t {
                TypeDesc::Named(name) => name.clone(),
                other => render(other, kind_of),
            };
            format!("{n}:{ty}")
        })
        .collect();
    format!("event({})", args.join(", "))
}

/// Whether a value of our type `ours` reads a value of Zeek's declared type `theirs`: the
/// same structure, where our `any` (a dynamic `Value`) stands for anything.
pub fn conforms(ours: &TypeDesc, theirs: &TypeDesc) -> bool {
    match (ours, theirs) {
        (TypeDesc::Any, _) => true,
        (TypeDesc::Vector(a), TypeDesc::Vector(b)) | (TypeDesc::Set(a), TypeDesc::Set(b)) => {
            conforms(a, b)
        }
        (TypeDesc::Table(ka, va), TypeDesc::Table(kb, vb)) => conforms(ka, kb) && conforms(va, vb),
        (TypeDesc::Tuple(a), TypeDesc::Tuple(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| conforms(x, y))
        }
        (a, b) => a == b,
    }
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.split("::").all(|part| {
            let mut c = part.chars();
            c.next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && c.all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// The index of the `]` that closes an already opened `[`.
fn matching_bracket(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '[' | '(' | '{' => depth += 1,
            ']' if depth == 0 => return Some(i),
            ']' | ')' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Splits at commas outside brackets, parentheses and braces.
fn split_top(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in s.char_indices() {
        match c {
            '[' | '(' | '{' => depth += 1,
            ']' | ')' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(s[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(s[start..].trim());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_zeek_8_2_prints() {
        let named = |n: &str| TypeDesc::Named(n.into());
        assert_eq!(parse("count"), TypeDesc::Count);
        assert_eq!(parse("record conn_id"), named("conn_id"));
        assert_eq!(parse("enum transport_proto"), named("transport_proto"));
        assert_eq!(parse("set[string]"), TypeDesc::set([TypeDesc::String]));
        assert_eq!(
            parse("vector of record Tunnel::EncapsulatingConn"),
            TypeDesc::Vector(Box::new(named("Tunnel::EncapsulatingConn")))
        );
        assert_eq!(
            parse("table[count] of record DCE_RPC::BackingState"),
            TypeDesc::table([TypeDesc::Count], named("DCE_RPC::BackingState"))
        );
        assert_eq!(
            parse("table[count,string] of table[string] of vector of count"),
            TypeDesc::table(
                [TypeDesc::Count, TypeDesc::String],
                TypeDesc::table(
                    [TypeDesc::String],
                    TypeDesc::Vector(Box::new(TypeDesc::Count))
                )
            )
        );
        assert_eq!(
            parse("opaque of md5"),
            TypeDesc::Opaque("opaque of md5".into())
        );
        assert_eq!(
            parse_event("event(rec:Conn::Info)"),
            Some(vec![("rec".into(), named("Conn::Info"))])
        );
        assert_eq!(
            parse_event("event(c:connection, t:table[count,string] of count)").map(|a| a.len()),
            Some(2)
        );
        assert_eq!(parse_event("event()"), Some(vec![]));
        assert_eq!(parse_event("function(x:count) : bool"), None);
    }

    #[test]
    fn renders_as_zeek_and_reads_back() {
        let kind = |n: &str| match n {
            "App::Inner" => Some("record"),
            "App::Color" => Some("enum"),
            _ => None,
        };
        let t = TypeDesc::table(
            [TypeDesc::Count, TypeDesc::String],
            TypeDesc::Named("App::Inner".into()),
        );
        let text = render(&t, &kind);
        assert_eq!(text, "table[count,string] of record App::Inner");
        assert_eq!(parse(&text), t);
        let args = vec![
            ("i".to_owned(), TypeDesc::Named("App::Inner".into())),
            ("c".to_owned(), TypeDesc::Named("App::Color".into())),
        ];
        let sig = render_event(&args, &kind);
        assert_eq!(sig, "event(i:App::Inner, c:App::Color)");
        assert_eq!(parse_event(&sig), Some(args));
    }
}
