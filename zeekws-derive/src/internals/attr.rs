//! `#[zeek(..)]` parsed into typed values that remember their spans. Parsers return values,
//! not `Result`s: problems go into the [`Ctxt`] so every bad attribute is reported.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{LitStr, Path};

use super::ctxt::Ctxt;
use super::symbol::*;

/// One attribute value with the span of the key that set it; reports duplicates.
pub struct Attr<T> {
    name: Symbol,
    value: Option<(T, Span)>,
}

impl<T> Attr<T> {
    fn none(name: Symbol) -> Self {
        Attr { name, value: None }
    }

    fn set(&mut self, cx: &Ctxt, span: Span, value: T) {
        if self.value.is_some() {
            cx.error_at(span, format!("duplicate zeek attribute `{}`", self.name));
        } else {
            self.value = Some((value, span));
        }
    }

    /// The value, if set.
    pub fn get(&self) -> Option<&T> {
        self.value.as_ref().map(|(v, _)| v)
    }

    /// The span of the key, if set.
    pub fn span(&self) -> Option<Span> {
        self.value.as_ref().map(|(_, s)| *s)
    }
}

/// A flag such as `extensible`.
pub type Flag = Attr<()>;

impl Flag {
    /// Whether the flag was given.
    pub fn is_set(&self) -> bool {
        self.value.is_some()
    }
}

fn parse_str(meta: &ParseNestedMeta<'_>) -> syn::Result<LitStr> {
    meta.value()?.parse::<LitStr>()
}

fn no_value(meta: &ParseNestedMeta<'_>, key: Symbol) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) || meta.input.peek(syn::token::Paren) {
        return Err(meta.error(format!("`{key}` takes no value; write #[zeek({key})]")));
    }
    Ok(())
}

fn unknown(meta: &ParseNestedMeta<'_>, allowed: &str) -> syn::Error {
    let path = &meta.path;
    let key = quote::quote!(#path).to_string().replace(' ', "");
    meta.error(format!(
        "unknown zeek attribute `{key}`; expected {allowed}"
    ))
}

/// Runs `f` for every key of every `#[zeek(..)]` attribute in `attrs`.
fn for_each_key(
    cx: &Ctxt,
    attrs: &[syn::Attribute],
    mut f: impl FnMut(&ParseNestedMeta<'_>) -> syn::Result<()>,
) {
    for attr in attrs {
        if attr.path() != ZEEK {
            continue;
        }
        if let syn::Meta::List(list) = &attr.meta
            && list.tokens.is_empty()
        {
            continue;
        }
        if let Err(err) = attr.parse_nested_meta(|meta| f(&meta)) {
            cx.syn_error(err);
        }
    }
}

/// `#[zeek(..)]` on a struct or enum.
pub struct Container {
    /// `name = "Mod::Type"` (record, enum, event struct).
    pub name: Attr<LitStr>,
    /// `extensible` (records).
    pub extensible: Flag,
    /// `optional_tail` (records): a vector that ends before trailing `Option` fields is
    /// accepted (they are `None`).
    pub optional_tail: Flag,
    /// `crate = "path"`.
    pub krate: Attr<Path>,
    /// `schema = "file.zeek"`: check against a Zeek declaration (see `crate::schema`).
    pub schema: Attr<LitStr>,
}

impl Container {
    /// Parses the container attributes.
    pub fn from_ast(cx: &Ctxt, input: &syn::DeriveInput) -> Self {
        let mut out = Container {
            name: Attr::none(NAME),
            extensible: Attr::none(EXTENSIBLE),
            optional_tail: Attr::none(OPTIONAL_TAIL),
            krate: Attr::none(CRATE),
            schema: Attr::none(SCHEMA),
        };
        for_each_key(cx, &input.attrs, |meta| {
            let span = meta.path.span();
            if meta.path == NAME {
                let s = parse_str(meta)?;
                out.name.set(cx, span, s);
            } else if meta.path == EXTENSIBLE {
                no_value(meta, EXTENSIBLE)?;
                out.extensible.set(cx, span, ());
            } else if meta.path == OPTIONAL_TAIL {
                no_value(meta, OPTIONAL_TAIL)?;
                out.optional_tail.set(cx, span, ());
            } else if meta.path == CRATE {
                let s = parse_str(meta)?;
                let path = s.parse::<Path>().map_err(|_| {
                    syn::Error::new(s.span(), format!("invalid path {:?}", s.value()))
                })?;
                out.krate.set(cx, span, path);
            } else if meta.path == SCHEMA {
                let s = parse_str(meta)?;
                out.schema.set(cx, span, s);
            } else {
                return Err(unknown(
                    meta,
                    "`name`, `extensible`, `optional_tail`, `crate` or `schema`",
                ));
            }
            Ok(())
        });
        out
    }
}

/// `#[zeek(..)]` on an enum variant.
pub struct Variant {
    /// `name = "Mod::event"` (event variants).
    pub name: Attr<LitStr>,
    /// `rename = "VALUE"` (enum values).
    pub rename: Attr<LitStr>,
    /// `other` (the catch-all variant).
    pub other: Flag,
}

impl Variant {
    /// Parses one variant's attributes.
    pub fn from_ast(cx: &Ctxt, variant: &syn::Variant) -> Self {
        let mut out = Variant {
            name: Attr::none(NAME),
            rename: Attr::none(RENAME),
            other: Attr::none(OTHER),
        };
        for_each_key(cx, &variant.attrs, |meta| {
            let span = meta.path.span();
            if meta.path == NAME {
                let s = parse_str(meta)?;
                out.name.set(cx, span, s);
            } else if meta.path == RENAME {
                let s = parse_str(meta)?;
                out.rename.set(cx, span, s);
            } else if meta.path == OTHER {
                no_value(meta, OTHER)?;
                out.other.set(cx, span, ());
            } else {
                return Err(unknown(meta, "`name`, `rename` or `other`"));
            }
            Ok(())
        });
        out
    }
}

/// `#[zeek(..)]` on a field.
pub struct Field {
    /// `metadata` (event structs: the field receives the event metadata).
    pub metadata: Flag,
}

impl Field {
    /// Parses one field's attributes.
    pub fn from_ast(cx: &Ctxt, field: &syn::Field) -> Self {
        let mut out = Field {
            metadata: Attr::none(METADATA),
        };
        for_each_key(cx, &field.attrs, |meta| {
            let span = meta.path.span();
            if meta.path == METADATA {
                no_value(meta, METADATA)?;
                out.metadata.set(cx, span, ());
            } else {
                return Err(unknown(meta, "`metadata`"));
            }
            Ok(())
        });
        out
    }
}
