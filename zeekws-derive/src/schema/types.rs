//! Types: one `const` check per field comparing its `ZEEK_TYPE` with the declared type.

use super::*;

/// A field's type checked against its declaration. What the macro can decide from the
/// syntax alone (`Option<..>` for a field that is not `&optional`, a std type where an
/// `&optional` field needs an `Option`, a std leaf type of the wrong Zeek type) is an
/// ordinary spanned error; anything else (user types, aliases, containers) becomes a
/// `const` that compares the Rust type's `ZEEK_TYPE` with the declaration at compile time
/// and panics with the same kind of message.
pub(super) fn type_check(
    target: &Target,
    f: &Field<'_>,
    d: &Decl,
) -> Result<TokenStream, syn::Error> {
    let ty = f.ty;
    let rust = rust_text(ty);
    let zeek = zeek_text(&d.ty);
    let who = format!("{} '{}'", target.what, f.name);
    let declared_desc = d.ty.descriptor();
    let (is_option, inner) = match option_inner(ty) {
        Some(inner) => (true, inner),
        None => (false, ty),
    };
    let inner_leaf = std_leaf(inner);
    if !d.optional && is_option {
        return Err(syn::Error::new(
            ty.span(),
            format!(
                "{who} is '{rust}' in Rust but '{zeek}' in {} ({}), which is not &optional: Zeek refuses none for it, so it cannot be an Option",
                target.name, d.at
            ),
        ));
    }
    if d.optional && !is_option && inner_leaf.is_some() {
        return Err(syn::Error::new(
            ty.span(),
            format!(
                "{who} is '{rust}' in Rust but '{zeek} &optional' in {} ({}): an &optional {} needs an Option<..>, Zeek sends none when it is unset",
                target.name, d.at, target.what
            ),
        ));
    }
    if let Some(leaf) = &inner_leaf
        && is_leaf(&declared_desc)
        && *leaf != declared_desc
    {
        return Err(syn::Error::new(
            inner.span(),
            format!(
                "{who} is '{rust}' (Zeek type {leaf}) in Rust but '{zeek}' in {} ({})",
                target.name, d.at
            ),
        ));
    }
    Ok(const_check(target, f, d, &who, &rust, &zeek))
}

/// `T` of a type written `Option<T>` (also `std::option::Option<T>`).
fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    if p.qself.is_some() {
        return None;
    }
    let last = p.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(syn::GenericArgument::Type(t)) if args.args.len() == 1 => Some(t),
        _ => None,
    }
}

/// The Zeek type of a primitive or std type named by its usual path (`u64`, `String`,
/// `std::net::IpAddr`): names no user type takes over in practice. zeekws' own types
/// (`Port`, `Timestamp`, ...) and user types are left to the `const` check.
fn std_leaf(ty: &syn::Type) -> Option<TypeDesc> {
    let syn::Type::Path(p) = ty else { return None };
    if p.qself.is_some() {
        return None;
    }
    let last = p.path.segments.last()?;
    if !last.arguments.is_none() {
        return None;
    }
    let name = last.ident.to_string();
    let prefix: Vec<String> = p
        .path
        .segments
        .iter()
        .rev()
        .skip(1)
        .map(|s| s.ident.to_string())
        .collect();
    let std_path = |module: &str| match prefix.as_slice() {
        [] => true,
        [m, rest @ ..] => m == module && matches!(rest, [] | [_]),
    };
    Some(match name.as_str() {
        "bool" if prefix.is_empty() => TypeDesc::Bool,
        "u8" | "u16" | "u32" | "u64" | "usize" if prefix.is_empty() => TypeDesc::Count,
        "i8" | "i16" | "i32" | "i64" | "isize" if prefix.is_empty() => TypeDesc::Int,
        "f32" | "f64" if prefix.is_empty() => TypeDesc::Double,
        "String" if std_path("string") => TypeDesc::String,
        "IpAddr" | "Ipv4Addr" | "Ipv6Addr" if std_path("net") => TypeDesc::Addr,
        _ => return None,
    })
}

/// A declared type a std leaf can be compared with.
fn is_leaf(t: &TypeDesc) -> bool {
    matches!(
        t,
        TypeDesc::Bool
            | TypeDesc::Count
            | TypeDesc::Int
            | TypeDesc::Double
            | TypeDesc::Time
            | TypeDesc::Interval
            | TypeDesc::String
            | TypeDesc::Addr
            | TypeDesc::Subnet
            | TypeDesc::Port
            | TypeDesc::Pattern
            | TypeDesc::Named(_)
    )
}

/// The `const` that compares a field's Zeek type and optionality with the declaration,
/// spanned at the field's type.
fn const_check(
    target: &Target,
    f: &Field<'_>,
    d: &Decl,
    who: &str,
    rust: &str,
    zeek: &str,
) -> TokenStream {
    let ty = f.ty;
    let declared = expected(&d.ty);
    let pre = format!("{who} is '{rust}' (Zeek type ");
    let post = format!(") in Rust but '{zeek}' in {} ({})", target.name, d.at);
    let optional = d.optional;
    let opt_msg = if optional {
        format!(
            "{who} is '{rust}' in Rust but '{zeek} &optional' in {} ({}): an &optional {} needs an Option<..>, Zeek sends none when it is unset",
            target.name, d.at, target.what
        )
    } else {
        format!(
            "{who} is '{rust}' in Rust but '{zeek}' in {} ({}), which is not &optional: Zeek refuses none for it, so it cannot be an Option",
            target.name, d.at
        )
    };
    let span = ty.span();
    quote_spanned! {span=>
        const _: () = {
            const __RUST: __zeek::ZeekTypeName = <#ty as __zeek::ZeekType>::ZEEK_TYPE;
            const __ZEEK: __zeek::ZeekTypeName = #declared;
            if !__RUST.conforms_to(&__ZEEK) {
                let __m = __zeek::ConstText::<512>::new()
                    .push(#pre)
                    .push_type(&__RUST)
                    .push(#post);
                ::core::panic!("{}", __m.as_str());
            }
            // A `Value` may stand for an `&optional` field too: it holds none.
            let __dynamic = ::core::matches!(__RUST, __zeek::ZeekTypeName::Any);
            if <#ty as __zeek::ZeekType>::OPTIONAL != #optional && !(#optional && __dynamic) {
                ::core::panic!(#opt_msg);
            }
        };
    }
}

/// The declared type as a `ZeekTypeName` expression, built from its wire descriptor:
/// aliases looked through, records and enums by name, and types only a `Value` holds
/// (`opaque`, `file`, functions, inline records) as `Any`.
pub(super) fn expected(ty: &Type) -> TokenStream {
    tokens(&ty.descriptor())
}

fn tokens(ty: &TypeDesc) -> TokenStream {
    let t = quote!(__zeek::ZeekTypeName);
    match ty {
        TypeDesc::Bool => quote!(#t::Bool),
        TypeDesc::Count => quote!(#t::Count),
        TypeDesc::Int => quote!(#t::Int),
        TypeDesc::Double => quote!(#t::Double),
        TypeDesc::Time => quote!(#t::Time),
        TypeDesc::Interval => quote!(#t::Interval),
        TypeDesc::String => quote!(#t::String),
        TypeDesc::Pattern => quote!(#t::Pattern),
        TypeDesc::Port => quote!(#t::Port),
        TypeDesc::Addr => quote!(#t::Addr),
        TypeDesc::Subnet => quote!(#t::Subnet),
        TypeDesc::Named(n) => quote!(#t::Named(#n)),
        TypeDesc::Vector(inner) => {
            let inner = tokens(inner);
            quote!(#t::Vector(&#inner))
        }
        TypeDesc::Set(k) => {
            let k = tokens(k);
            quote!(#t::Set(&#k))
        }
        TypeDesc::Table(k, v) => {
            let (k, v) = (tokens(k), tokens(v));
            quote!(#t::Table(&#k, &#v))
        }
        TypeDesc::Tuple(items) => {
            let items = items.iter().map(tokens);
            quote!(#t::Tuple(&[#(#items),*]))
        }
        _ => quote!(#t::Any),
    }
}

/// The declared type as written, with an alias's meaning: `string_set (set[string])`.
pub(super) fn zeek_text(ty: &Type) -> String {
    match ty {
        Type::Alias { .. } => format!("{ty} ({})", ty.unalias()),
        _ => ty.to_string(),
    }
}

/// A Rust type as a person writes it: `Option<f64>`, `BTreeMap<(u64, String), u64>`.
pub(super) fn rust_text(ty: &syn::Type) -> String {
    let raw = ty.to_token_stream().to_string();
    let chars: Vec<char> = raw.chars().collect();
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '\'';
    let mut out = String::with_capacity(raw.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let prev = i.checked_sub(1).and_then(|p| chars.get(p)).copied();
            let next = chars.get(i + 1).copied();
            let keep = match (prev, next) {
                (Some(p), Some(n)) => (word(p) && word(n)) || p == ',',
                _ => false,
            };
            if keep {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}
