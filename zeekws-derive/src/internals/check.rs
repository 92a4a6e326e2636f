//! Rules across attributes and shapes, per derive. Every violation is a spanned error in the
//! [`Ctxt`]; checking goes on so the user sees all of them.

use std::collections::HashMap;

use syn::{LitStr, Type};

use super::ast::{Container, Data, Derive, Field, Style, Variant};
use super::ctxt::Ctxt;

/// Checks `cont` for `derive`.
pub fn check(cx: &Ctxt, cont: &Container<'_>, derive: Derive) {
    if let Some(span) = cont.attrs.schema.span() {
        check_schema_target(cx, cont, derive, span);
    }
    if let Some(name) = cont.attrs.name.get() {
        check_name(cx, name, "type");
    }
    match derive {
        Derive::Record => check_record(cx, cont),
        Derive::Event => check_event(cx, cont),
        Derive::Enum => check_enum(cx, cont),
    }
}

/// `#[zeek(schema = ..)]` checks one record or one event: a struct (see `crate::schema`).
fn check_schema_target(cx: &Ctxt, cont: &Container<'_>, derive: Derive, span: proc_macro2::Span) {
    let is_struct = matches!(cont.data, Data::Struct(..));
    match derive {
        Derive::Event if !is_struct => cx.error_at(
            span,
            "#[zeek(schema = ..)] checks one event; put it on each #[derive(ZeekEvent)] struct this enum wraps",
        ),
        _ => {}
    }
}

/// Zeek identifiers: `[A-Za-z_][A-Za-z0-9_]*`, joined by `::`.
fn is_zeek_name(s: &str) -> bool {
    !s.is_empty()
        && s.split("::").all(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

fn check_name(cx: &Ctxt, lit: &LitStr, what: &str) {
    let s = lit.value();
    if !is_zeek_name(&s) {
        cx.error_spanned_by(
            lit,
            format!(
                "{s:?} is not a valid Zeek {what} name; expected identifiers joined by `::`, like \"Conn::Info\""
            ),
        );
    }
}

fn no_extensible(cx: &Ctxt, cont: &Container<'_>, derive: Derive) {
    for (flag, span) in [
        ("extensible", cont.attrs.extensible.span()),
        ("optional_tail", cont.attrs.optional_tail.span()),
    ] {
        if let Some(span) = span {
            cx.error_at(
                span,
                format!(
                    "#[zeek({flag})] is not expected here; it belongs on a #[derive(ZeekRecord)] struct, not a {}",
                    derive.name()
                ),
            );
        }
    }
}

fn no_generics(cx: &Ctxt, cont: &Container<'_>, derive: Derive, what: &str) {
    if !cont.generics.params.is_empty() {
        cx.error_spanned_by(
            cont.generics,
            format!(
                "#[derive({})] does not support generic {what}",
                derive.name()
            ),
        );
    }
}

fn no_field_attrs(cx: &Ctxt, fields: &[Field<'_>], derive: Derive) {
    for f in fields {
        if let Some(span) = f.attrs.metadata.span() {
            cx.error_at(
                span,
                format!(
                    "#[zeek(metadata)] is not expected here; it belongs on a field of a #[derive(ZeekEvent)] struct, not a {}",
                    derive.name()
                ),
            );
        }
    }
}

/// Field types that can never be decoded (or encoded) as Zeek data.
fn check_field_types(cx: &Ctxt, fields: &[Field<'_>], derive: Derive) {
    for f in fields {
        let problem = match strip_groups(f.ty) {
            Type::Reference(_) => Some(
                "a reference cannot be decoded from received data; use an owned type (`String` for `&str`, `Vec<T>` for `&[T]`)",
            ),
            Type::Ptr(_) => Some("raw pointers have no Zeek type"),
            Type::BareFn(_) => {
                Some("function pointers have no Zeek type; a Zeek `func` travels as a `Value`")
            }
            Type::ImplTrait(_) | Type::TraitObject(_) => {
                Some("trait objects have no Zeek type; use a concrete type or `Value`")
            }
            Type::Never(_) => Some("`!` has no Zeek type"),
            Type::Tuple(t) if t.elems.is_empty() => Some(
                "`()` has no Zeek type; a record without fields is an empty #[derive(ZeekRecord)] struct",
            ),
            _ => None,
        };
        if let Some(msg) = problem {
            cx.error_spanned_by(
                f.ty,
                format!(
                    "unsupported field type in #[derive({})]: {msg}",
                    derive.name()
                ),
            );
        }
    }
}

fn strip_groups(ty: &Type) -> &Type {
    match ty {
        Type::Group(g) => strip_groups(&g.elem),
        Type::Paren(p) => strip_groups(&p.elem),
        other => other,
    }
}

fn check_record(cx: &Ctxt, cont: &Container<'_>) {
    match &cont.data {
        Data::Struct(_, fields) => {
            no_field_attrs(cx, fields, Derive::Record);
            check_field_types(cx, fields, Derive::Record);
        }
        Data::Enum(_) => {
            if let syn::Data::Enum(e) = &cont.original.data {
                cx.error_spanned_by(
                    e.enum_token,
                    "#[derive(ZeekRecord)] needs a struct; for a Zeek enum use #[derive(ZeekEnum)]",
                );
            }
        }
    }
}

fn check_event(cx: &Ctxt, cont: &Container<'_>) {
    no_extensible(cx, cont, Derive::Event);
    match &cont.data {
        Data::Struct(_, fields) => {
            if cont.attrs.name.get().is_none() {
                cx.error_spanned_by(
                    cont.ident,
                    "#[derive(ZeekEvent)] on a struct needs the event's name: add #[zeek(name = \"Module::event\")]",
                );
            }
            check_event_fields(cx, fields);
        }
        Data::Enum(variants) => {
            if let Some(span) = cont.attrs.name.span() {
                cx.error_at(
                    span,
                    "#[zeek(name = ..)] is not expected on an enum of events; put it on each variant that holds an event's arguments",
                );
            }
            no_generics(cx, cont, Derive::Event, "enums of events");
            let mut names: HashMap<String, ()> = HashMap::new();
            let mut other_seen = false;
            for v in variants {
                if let Some(span) = v.attrs.rename.span() {
                    cx.error_at(
                        span,
                        "#[zeek(rename = ..)] is for ZeekEnum values; an event variant takes #[zeek(name = \"Module::event\")]",
                    );
                }
                if v.attrs.other.is_set() {
                    check_other_once(cx, v, &mut other_seen);
                    if let Some(span) = v.attrs.name.span() {
                        cx.error_at(span, "the #[zeek(other)] variant catches every other event name; it takes no #[zeek(name = ..)]");
                    }
                    if !is_newtype(v) {
                        cx.error_at(
                            fields_span(v),
                            "the #[zeek(other)] variant must hold one event value, like `Other(zeekws_runtime::protocol::Event)`",
                        );
                    }
                    no_field_attrs_in(cx, &v.fields);
                    continue;
                }
                match v.attrs.name.get() {
                    Some(name) => {
                        check_name(cx, name, "event");
                        if names.insert(name.value(), ()).is_some() {
                            cx.error_spanned_by(
                                name,
                                format!(
                                    "event {:?} is already handled by another variant",
                                    name.value()
                                ),
                            );
                        }
                        check_event_fields(cx, &v.fields);
                    }
                    None => {
                        if !is_newtype(v) {
                            cx.error_spanned_by(
                                v.ident,
                                "a variant without #[zeek(name = \"Module::event\")] must wrap one #[derive(ZeekEvent)] type, like `Ping(Ping)`",
                            );
                        }
                        no_field_attrs_in(cx, &v.fields);
                    }
                }
            }
        }
    }
}

fn no_field_attrs_in(cx: &Ctxt, fields: &[Field<'_>]) {
    for f in fields {
        if let Some(span) = f.attrs.metadata.span() {
            cx.error_at(
                span,
                "#[zeek(metadata)] belongs on a field of an event's arguments, not on a wrapped event",
            );
        }
    }
}

fn check_event_fields(cx: &Ctxt, fields: &[Field<'_>]) {
    check_field_types(cx, fields, Derive::Event);
    let mut seen = false;
    for f in fields {
        if let Some(span) = f.attrs.metadata.span() {
            if seen {
                cx.error_at(span, "only one field can hold #[zeek(metadata)]");
            }
            seen = true;
        }
    }
}

/// The variant's field list (`(..)` or `{..}`), or its name when it has none.
fn fields_span(v: &Variant<'_>) -> proc_macro2::Span {
    match &v.original.fields {
        syn::Fields::Named(f) => f.brace_token.span.join(),
        syn::Fields::Unnamed(f) => f.paren_token.span.join(),
        syn::Fields::Unit => v.ident.span(),
    }
}

fn is_newtype(v: &Variant<'_>) -> bool {
    v.style == Style::Tuple && v.fields.len() == 1
}

fn check_other_once(cx: &Ctxt, v: &Variant<'_>, seen: &mut bool) {
    if *seen && let Some(span) = v.attrs.other.span() {
        cx.error_at(span, "only one variant can be #[zeek(other)]");
    }
    *seen = true;
}

fn is_string(ty: &Type) -> bool {
    match strip_groups(ty) {
        Type::Path(p) => {
            p.qself.is_none()
                && p.path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "String" && s.arguments.is_none())
        }
        _ => false,
    }
}

fn check_enum(cx: &Ctxt, cont: &Container<'_>) {
    no_extensible(cx, cont, Derive::Enum);
    let variants = match &cont.data {
        Data::Enum(variants) => variants,
        Data::Struct(..) => {
            if let syn::Data::Struct(s) = &cont.original.data {
                cx.error_spanned_by(
                    s.struct_token,
                    "#[derive(ZeekEnum)] needs a fieldless enum; for a Zeek record use #[derive(ZeekRecord)]",
                );
            }
            return;
        }
    };
    if cont.attrs.name.get().is_none() {
        cx.error_spanned_by(
            cont.ident,
            "#[derive(ZeekEnum)] needs the Zeek enum's name: add #[zeek(name = \"Module::Type\")] (or the bare name of a global enum, like \"transport_proto\")",
        );
    }
    no_generics(cx, cont, Derive::Enum, "enums");
    let mut values: HashMap<String, ()> = HashMap::new();
    let mut other_seen = false;
    for v in variants {
        if let Some(span) = v.attrs.name.span() {
            cx.error_at(
                span,
                "#[zeek(name = ..)] is not expected on a ZeekEnum variant; use #[zeek(rename = \"VALUE\")]",
            );
        }
        no_field_attrs(cx, &v.fields, Derive::Enum);
        if v.attrs.other.is_set() {
            check_other_once(cx, v, &mut other_seen);
            if let Some(span) = v.attrs.rename.span() {
                cx.error_at(span, "the #[zeek(other)] variant holds every other value; it takes no #[zeek(rename = ..)]");
            }
            if !(is_newtype(v) && is_string(v.fields[0].ty)) {
                cx.error_at(
                    fields_span(v),
                    "the #[zeek(other)] variant of a ZeekEnum must hold the value's name, like `Other(String)`",
                );
            }
            continue;
        }
        if v.style != Style::Unit {
            cx.error_at(
                fields_span(v),
                "#[derive(ZeekEnum)] variants cannot carry data; only a #[zeek(other)] variant holds a `String`",
            );
            continue;
        }
        if let Some(lit) = v.attrs.rename.get() {
            check_name(cx, lit, "enum value");
        }
        let value = enum_value_name(cont, v);
        if values.insert(value.clone(), ()).is_some() {
            let at = v
                .attrs
                .rename
                .get()
                .map(|l| l.span())
                .unwrap_or_else(|| v.ident.span());
            cx.error_at(
                at,
                format!("enum value {value:?} is already used by another variant"),
            );
        }
    }
}

/// The value name a ZeekEnum variant travels as: a rename with `::` as written, otherwise the
/// name qualified with the enum's module (none for global enums).
pub fn enum_value_name(cont: &Container<'_>, v: &Variant<'_>) -> String {
    let base = match v.attrs.rename.get() {
        Some(lit) => {
            let s = lit.value();
            if s.contains("::") {
                return s;
            }
            s
        }
        None => syn::ext::IdentExt::unraw(v.ident).to_string(),
    };
    match cont.attrs.name.get().map(LitStr::value) {
        Some(name) => match name.rsplit_once("::") {
            Some((module, _)) => format!("{module}::{base}"),
            None => base,
        },
        None => base,
    }
}
