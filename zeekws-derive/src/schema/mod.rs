//! `#[zeek(schema = "app.zeek")]`: checks a `ZeekRecord` or `ZeekEvent` struct against the
//! Zeek declaration it claims to mirror, at compile time.
//!
//! The schema file is read with zeekws-codegen's parser and resolver (the same code path as
//! the build-time generator), following `@load` within the file's directory. Then:
//!
//! - **Structure** (field count, names, order) is compared here, in the macro: a missing,
//!   extra, renamed or misplaced field is a spanned error naming the field, its index and the
//!   Zeek declaration's `file:line`.
//! - **Types** cannot be known in the macro (a field's type may be an alias, a type from
//!   another crate, ...), so each field gets a `const` item that compares the field type's
//!   `ZeekType::ZEEK_TYPE` with the declared type and panics at compile time with a message
//!   naming both, spanned at the field's type. The rule is `ZeekTypeName::conforms_to`: the
//!   same structure, named records and enums by qualified name (aliases looked through), and
//!   `Value` (Zeek `any`) on the Rust side accepts every declared type at any depth. A
//!   declared `any`, `opaque`, `file` or function type needs a `Value`, as the generator emits.
//! - **Optionality**: an `&optional` field must be an `Option<T>` (or a `Value`, which holds
//!   none) and any other field must not be an `Option` (checked on `ZeekType::OPTIONAL` in the
//!   same `const`). `&default` fields are always sent, so they are not `Option`s.
//!
//! Paths are relative to `CARGO_MANIFEST_DIR`, as sqlx does. When no file exists there, the
//! directory of the source file holding the derive is tried too: trybuild (and any tool that
//! compiles a copied crate) builds test files from a generated crate whose manifest directory
//! is elsewhere. Absolute paths are rejected: they would not build on another machine.
//!
//! Every file the schema read is named in an `include_bytes!` so that editing it rebuilds
//! the crate, and parsed schemas are kept in a per-process cache keyed by path and checked
//! against the files' modification times, so many derives naming one file parse it once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::LitStr;
use syn::spanned::Spanned;
use zeekws_codegen::{Location, Schema, Type, TypeDesc};

use crate::internals::ast::{Container, Derive, Field, Style};

mod cache;
mod file;
mod lookup;
mod structure;
mod types;

use file::*;
use lookup::*;
use structure::*;
use types::*;

/// The checks for `cont` when it has `#[zeek(schema = ..)]`: file tracking, spanned
/// `compile_error!`s for structural differences, and one `const` type check per field.
/// Empty without the attribute. Expects to be placed where `__zeek` names the runtime's
/// `__private` module.
pub fn expand(
    cont: &Container<'_>,
    fields: &[Field<'_>],
    style: Style,
    derive: Derive,
) -> TokenStream {
    let Some(lit) = cont.attrs.schema.get() else {
        return TokenStream::new();
    };
    let mut out = TokenStream::new();
    if let Err(e) = check(cont, lit, fields, style, derive, &mut out) {
        out.extend(e.to_compile_error());
    }
    out
}

/// The checks for a `ZeekEnum` with `#[zeek(schema = ..)]`: every variant's value (`variants`:
/// the variant and the full name it travels as) must be declared in the enum, by the script
/// or a `redef enum` it loads; unless the enum is `open` (has an `other` variant), every
/// declared value needs a variant. Value order does not matter on the wire (names travel).
pub fn expand_enum(
    cont: &Container<'_>,
    variants: &[(&syn::Ident, String)],
    open: bool,
) -> TokenStream {
    let Some(lit) = cont.attrs.schema.get() else {
        return TokenStream::new();
    };
    let mut out = TokenStream::new();
    if let Err(e) = check_enum(cont, lit, variants, open, &mut out) {
        out.extend(e.to_compile_error());
    }
    out
}

fn check_enum(
    cont: &Container<'_>,
    lit: &LitStr,
    variants: &[(&syn::Ident, String)],
    open: bool,
    out: &mut TokenStream,
) -> syn::Result<()> {
    let path = resolve_path(lit)?;
    let schema = match cache::load(&path) {
        Ok(schema) => schema,
        Err(msg) => {
            track(std::slice::from_ref(&path), out);
            return Err(syn::Error::new(
                lit.span(),
                format!("cannot load schema {:?}: {msg}", lit.value()),
            ));
        }
    };
    track_files(&schema, &path, out);
    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let file = lit.value();
    let (name, name_span) = match cont.attrs.name.get() {
        Some(n) => (n.value(), n.span()),
        None => (cont.ident.to_string(), cont.ident.span()),
    };
    let Some(decl) = schema.enum_(&name) else {
        let other = if schema.record(&name).is_some() {
            "; it is a record there, not an enum"
        } else {
            ""
        };
        let declared: Vec<&str> = schema
            .enums()
            .iter()
            .filter(|e| schema.is_entry(e.span))
            .map(|e| e.name.as_str())
            .collect();
        let hint = if declared.is_empty() || !other.is_empty() {
            String::new()
        } else {
            format!("; it declares {}", quoted(&declared))
        };
        return Err(syn::Error::new(
            name_span,
            format!("enum {name} is not declared in {file:?} or the files it loads{other}{hint}"),
        ));
    };
    let declared: Vec<&str> = decl.values.iter().map(|v| v.name.as_str()).collect();
    let at = short(&decl.location, &base);
    for (ident, value) in variants {
        if !declared.contains(&value.as_str()) {
            out.extend(
                syn::Error::new(
                    ident.span(),
                    format!(
                        "variant `{ident}` travels as {value:?}, which {name} ({at}) does not declare; it declares {}",
                        quoted(&declared)
                    ),
                )
                .to_compile_error(),
            );
        }
    }
    if !open {
        for v in &decl.values {
            if !variants.iter().any(|(_, value)| value == &v.name) {
                out.extend(
                    syn::Error::new(
                        cont.ident.span(),
                        format!(
                            "{name} declares {:?} ({}) but the enum has no variant for it; add one (with #[zeek(rename = ..)] if its Rust name differs), or an #[zeek(other)] variant to accept values this code does not list",
                            v.name,
                            short(&v.location, &base)
                        ),
                    )
                    .to_compile_error(),
                );
            }
        }
    }
    Ok(())
}

/// What is being checked: a record's fields or an event's arguments.
struct Target {
    /// `App::Alert`, `App::ping`.
    pub(super) name: String,
    /// "field" or "argument".
    pub(super) what: &'static str,
    /// `app.zeek:4`.
    pub(super) at: String,
    pub(super) decls: Vec<Decl>,
}

/// One declared field or argument.
struct Decl {
    pub(super) name: String,
    pub(super) ty: Type,
    pub(super) optional: bool,
    /// `app.zeek:9`.
    pub(super) at: String,
}

fn check(
    cont: &Container<'_>,
    lit: &LitStr,
    fields: &[Field<'_>],
    style: Style,
    derive: Derive,
    out: &mut TokenStream,
) -> syn::Result<()> {
    if !cont.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(
            cont.generics,
            "#[zeek(schema = ..)] needs concrete field types to check; remove the generic parameters or the schema",
        ));
    }
    let path = resolve_path(lit)?;
    let schema = match cache::load(&path) {
        Ok(schema) => schema,
        Err(msg) => {
            // Watch the file anyway, so that fixing it rebuilds.
            track(std::slice::from_ref(&path), out);
            return Err(syn::Error::new(
                lit.span(),
                format!("cannot load schema {:?}: {msg}", lit.value()),
            ));
        }
    };
    track_files(&schema, &path, out);

    let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let (name, name_span) = match cont.attrs.name.get() {
        Some(n) => (n.value(), n.span()),
        None => (
            syn::ext::IdentExt::unraw(cont.ident).to_string(),
            lit.span(),
        ),
    };
    let target = lookup(&schema, &name, derive, &base, &lit.value())
        .map_err(|msg| syn::Error::new(name_span, msg))?;

    let fields: Vec<&Field<'_>> = fields
        .iter()
        .filter(|f| !f.attrs.metadata.is_set())
        .collect();
    let errors = structure(cont, &target, &fields, style);
    if !errors.is_empty() {
        for e in errors {
            out.extend(e.to_compile_error());
        }
        return Ok(());
    }
    for (f, d) in fields.iter().zip(&target.decls) {
        match type_check(&target, f, d) {
            Ok(check) => out.extend(check),
            Err(e) => out.extend(e.to_compile_error()),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
