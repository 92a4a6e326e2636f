//! The derive input as a tree of [`Container`], [`Variant`] and [`Field`], each with its
//! parsed attributes and a reference to the syntax node for spans.

use syn::{Member, Type};

use super::attr;
use super::ctxt::Ctxt;

/// Which derive is running (messages and rules differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derive {
    /// `#[derive(ZeekRecord)]`
    Record,
    /// `#[derive(ZeekEvent)]`
    Event,
    /// `#[derive(ZeekEnum)]`
    Enum,
}

impl Derive {
    /// The derive's name as the user writes it.
    pub fn name(self) -> &'static str {
        match self {
            Derive::Record => "ZeekRecord",
            Derive::Event => "ZeekEvent",
            Derive::Enum => "ZeekEnum",
        }
    }
}

/// The whole input.
pub struct Container<'a> {
    /// The type's name.
    pub ident: &'a syn::Ident,
    /// `#[zeek(..)]` on the type.
    pub attrs: attr::Container,
    /// Struct or enum body.
    pub data: Data<'a>,
    /// The type's generics.
    pub generics: &'a syn::Generics,
    /// The original input.
    pub original: &'a syn::DeriveInput,
}

/// A struct's fields or an enum's variants.
pub enum Data<'a> {
    /// An enum.
    Enum(Vec<Variant<'a>>),
    /// A struct.
    Struct(Style, Vec<Field<'a>>),
}

/// How fields are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `{ a: T }`
    Struct,
    /// `(T, U)`
    Tuple,
    /// no fields
    Unit,
}

/// One enum variant.
pub struct Variant<'a> {
    /// Its name.
    pub ident: &'a syn::Ident,
    /// `#[zeek(..)]` on it.
    pub attrs: attr::Variant,
    /// Field style.
    pub style: Style,
    /// Its fields.
    pub fields: Vec<Field<'a>>,
    /// The syntax node.
    pub original: &'a syn::Variant,
}

/// One field.
pub struct Field<'a> {
    /// `a` or `0`.
    pub member: Member,
    /// The name used in error messages (`a`, or the position for tuple fields).
    pub name: String,
    /// `#[zeek(..)]` on it.
    pub attrs: attr::Field,
    /// Its type.
    pub ty: &'a Type,
}

impl<'a> Container<'a> {
    /// Builds the tree; `None` (with an error in `cx`) for unions.
    pub fn from_ast(cx: &Ctxt, input: &'a syn::DeriveInput, derive: Derive) -> Option<Self> {
        let attrs = attr::Container::from_ast(cx, input);
        let data = match &input.data {
            syn::Data::Enum(e) => Data::Enum(
                e.variants
                    .iter()
                    .map(|v| {
                        let (style, fields) = fields_from_ast(cx, &v.fields);
                        Variant {
                            ident: &v.ident,
                            attrs: attr::Variant::from_ast(cx, v),
                            style,
                            fields,
                            original: v,
                        }
                    })
                    .collect(),
            ),
            syn::Data::Struct(s) => {
                let (style, fields) = fields_from_ast(cx, &s.fields);
                Data::Struct(style, fields)
            }
            syn::Data::Union(u) => {
                let what = match derive {
                    Derive::Record => "a struct with named or tuple fields",
                    Derive::Event => "a struct (one event) or an enum (several events)",
                    Derive::Enum => "a fieldless enum",
                };
                cx.error_spanned_by(
                    u.union_token,
                    format!(
                        "#[derive({})] does not support unions; use {what}",
                        derive.name()
                    ),
                );
                return None;
            }
        };
        Some(Container {
            ident: &input.ident,
            attrs,
            data,
            generics: &input.generics,
            original: input,
        })
    }
}

fn fields_from_ast<'a>(cx: &Ctxt, fields: &'a syn::Fields) -> (Style, Vec<Field<'a>>) {
    let style = match fields {
        syn::Fields::Named(_) => Style::Struct,
        syn::Fields::Unnamed(_) => Style::Tuple,
        syn::Fields::Unit => Style::Unit,
    };
    let fields = fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (member, name) = match &f.ident {
                Some(id) => (
                    Member::Named(id.clone()),
                    syn::ext::IdentExt::unraw(id).to_string(),
                ),
                None => (Member::Unnamed(i.into()), i.to_string()),
            };
            Field {
                member,
                name,
                attrs: attr::Field::from_ast(cx, f),
                ty: &f.ty,
            }
        })
        .collect();
    (style, fields)
}
