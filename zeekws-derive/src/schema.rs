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
use zeekws_codegen::{Location, Schema, Type};

use crate::internals::ast::{Container, Derive, Field, Style};

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
    name: String,
    /// "field" or "argument".
    what: &'static str,
    /// `app.zeek:4`.
    at: String,
    decls: Vec<Decl>,
}

/// One declared field or argument.
struct Decl {
    name: String,
    ty: Type,
    optional: bool,
    /// `app.zeek:9`.
    at: String,
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
        out.extend(type_check(&target, f, d));
    }
    Ok(())
}

/// Resolves the attribute's path: relative to `CARGO_MANIFEST_DIR`, else to the directory of
/// the source file (see the module docs); absolute paths are refused.
fn resolve_path(lit: &LitStr) -> syn::Result<PathBuf> {
    let value = lit.value();
    let rel = Path::new(&value);
    if value.is_empty() {
        return Err(syn::Error::new(
            lit.span(),
            "#[zeek(schema = ..)] needs a path to a .zeek file, relative to the crate root",
        ));
    }
    if rel.is_absolute() || rel.has_root() {
        return Err(syn::Error::new(
            lit.span(),
            "absolute paths will only work on the current machine; write the path relative to the crate root (CARGO_MANIFEST_DIR)",
        ));
    }
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let mut tried = Vec::new();
    if let Some(dir) = &manifest {
        let p = dir.join(rel);
        if p.is_file() {
            return Ok(p);
        }
        tried.push("CARGO_MANIFEST_DIR (the crate root)");
    }
    if let Some(dir) = source_dir() {
        let p = dir.join(rel);
        if p.is_file() {
            return Ok(p);
        }
        tried.push("the directory of this source file");
    }
    let msg = if tried.is_empty() {
        format!(
            "cannot find schema file {value:?}: CARGO_MANIFEST_DIR is not set; build with cargo"
        )
    } else {
        format!(
            "schema file {value:?} not found; looked relative to {}",
            tried.join(" and ")
        )
    };
    Err(syn::Error::new(lit.span(), msg))
}

/// The directory of the file being compiled, when the compiler knows it.
fn source_dir() -> Option<PathBuf> {
    if !proc_macro::is_available() {
        return None;
    }
    let file = proc_macro::Span::call_site().local_file()?;
    let file = if file.is_relative() {
        std::env::current_dir().ok()?.join(file)
    } else {
        file
    };
    file.parent().map(Path::to_path_buf)
}

/// `const _: &[u8] = include_bytes!("<abs>");` for every file read: the compiler then lists
/// them as inputs, and Cargo rebuilds when one changes.
fn track_files(schema: &Schema, entry: &Path, out: &mut TokenStream) {
    let mut files: Vec<PathBuf> = schema.files().into_iter().map(Path::to_path_buf).collect();
    if files.is_empty() {
        files.push(entry.to_path_buf());
    }
    track(&files, out);
}

fn track(files: &[PathBuf], out: &mut TokenStream) {
    for f in files.iter().cloned() {
        let abs = if f.is_absolute() {
            f
        } else {
            match std::env::current_dir() {
                Ok(d) => d.join(f),
                Err(_) => continue,
            }
        };
        let Some(s) = abs.to_str() else { continue };
        let s = LitStr::new(s, Span::call_site());
        out.extend(quote! {
            // Tells the compiler to watch this file: editing the schema rebuilds the crate.
            const _: &[u8] = ::core::include_bytes!(#s);
        });
    }
}

/// `file:line` with the path relative to the schema's directory when it is inside it.
fn short(loc: &Location, base: &Path) -> String {
    let path = loc
        .path
        .strip_prefix(base)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| loc.path.clone());
    format!("{}:{}", path.display(), loc.line)
}

fn lookup(
    schema: &Schema,
    name: &str,
    derive: Derive,
    base: &Path,
    file: &str,
) -> Result<Target, String> {
    let kind_of = |n: &str| -> Option<&'static str> {
        if schema.record(n).is_some() {
            Some("a record")
        } else if schema.enum_(n).is_some() {
            Some("an enum")
        } else if schema.event(n).is_some() {
            Some("an event")
        } else if schema.alias(n).is_some() {
            Some("a type alias")
        } else {
            None
        }
    };
    match derive {
        Derive::Record => {
            if let Some(r) = schema.record(name) {
                return Ok(Target {
                    name: r.name.clone(),
                    what: "field",
                    at: short(&r.location, base),
                    decls: r
                        .fields
                        .iter()
                        .map(|f| Decl {
                            name: f.name.clone(),
                            ty: f.ty.clone(),
                            optional: f.optional,
                            at: short(&f.location, base),
                        })
                        .collect(),
                });
            }
        }
        _ => {
            if let Some(e) = schema.event(name) {
                return Ok(Target {
                    name: e.name.clone(),
                    what: "argument",
                    at: short(&e.location, base),
                    decls: e
                        .params
                        .iter()
                        .map(|p| Decl {
                            name: p.name.clone(),
                            ty: p.ty.clone(),
                            optional: false,
                            at: short(&p.location, base),
                        })
                        .collect(),
                });
            }
        }
    }
    let wanted = if derive == Derive::Record {
        "a record"
    } else {
        "an event"
    };
    if let Some(kind) = kind_of(name) {
        return Err(format!(
            "{name} is {kind} in {file:?}, not {wanted}; #[derive({})] checks {wanted}",
            derive.name()
        ));
    }
    let declared: Vec<&str> = if derive == Derive::Record {
        schema
            .records()
            .iter()
            .filter(|r| schema.is_entry(r.span))
            .map(|r| r.name.as_str())
            .collect()
    } else {
        schema
            .events()
            .iter()
            .filter(|e| schema.is_entry(e.span))
            .map(|e| e.name.as_str())
            .collect()
    };
    let last = name.rsplit("::").next().unwrap_or(name);
    let similar: Vec<&str> = declared
        .iter()
        .copied()
        .filter(|d| {
            d.eq_ignore_ascii_case(name) || d.rsplit("::").next().is_some_and(|l| l == last)
        })
        .collect();
    let mut msg = format!("{name} is not declared in {file:?} or the files it loads");
    if !similar.is_empty() {
        msg.push_str(&format!("; did you mean {}?", quoted(&similar)));
    } else if declared.is_empty() {
        msg.push_str(&format!(
            "; it declares no {}",
            if derive == Derive::Record {
                "records"
            } else {
                "events"
            }
        ));
    } else {
        let shown: Vec<&str> = declared.iter().copied().take(8).collect();
        let more = if declared.len() > shown.len() {
            ", ..."
        } else {
            ""
        };
        msg.push_str(&format!(
            "; it declares {}{more} (write the qualified name, like \"Module::Type\")",
            quoted(&shown)
        ));
    }
    Err(msg)
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Field count, names and order: every difference as a spanned error.
fn structure(
    cont: &Container<'_>,
    target: &Target,
    fields: &[&Field<'_>],
    style: Style,
) -> Vec<syn::Error> {
    let mut errors = Vec::new();
    let what = target.what;
    let zn = target.decls.len();
    let sn = fields.len();
    let header = format!(
        "{} declares {}, the struct has {sn}",
        target.name,
        plural(zn, what)
    );
    let missing_at = |idx: &[usize]| -> String {
        idx.iter()
            .map(|&j| {
                let d = &target.decls[j];
                format!("'{}' ({})", d.name, d.at)
            })
            .collect::<Vec<_>>()
            .join(", ")
    };

    if style != Style::Struct {
        // Tuple (or unit) structs: positions only.
        if zn > sn {
            let idx: Vec<usize> = (sn..zn).collect();
            errors.push(syn::Error::new(
                cont.ident.span(),
                format!("{header}: missing {}", missing_at(&idx)),
            ));
        }
        for f in fields.iter().skip(zn) {
            errors.push(syn::Error::new(
                f.ty.span(),
                format!(
                    "{what} {} is not in {} ({}): {header}",
                    f.name, target.name, target.at
                ),
            ));
        }
        return errors;
    }

    let s: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    let z: Vec<&str> = target.decls.iter().map(|d| d.name.as_str()).collect();
    if s == z {
        return errors;
    }
    let missing: Vec<usize> = (0..zn).filter(|&j| !s.contains(&z[j])).collect();
    let extra: Vec<usize> = (0..sn).filter(|&i| !z.contains(&s[i])).collect();

    if missing.is_empty() && extra.is_empty() {
        // The same names in another order.
        let mut reported = vec![false; sn];
        for i in 0..sn {
            if s[i] == z[i] || reported[i] {
                continue;
            }
            let Some(j) = z.iter().position(|n| *n == s[i]) else {
                continue;
            };
            let field = fields[i];
            if s.get(j) == Some(&z[i]) {
                reported[i] = true;
                reported[j] = true;
                errors.push(syn::Error::new(
                    field.member.span(),
                    format!(
                        "{what}s '{}' (index {i}) and '{}' (index {j}) are swapped: {} declares '{}' at index {i} ({}) and '{}' at index {j} ({}); Zeek sends {what}s in declaration order",
                        s[i], s[j], target.name, z[i], target.decls[i].at, z[j], target.decls[j].at
                    ),
                ));
            } else {
                reported[i] = true;
                errors.push(syn::Error::new(
                    field.member.span(),
                    format!(
                        "{what} '{}' is at index {i} in the struct but at index {j} in {} ({}); Zeek sends {what}s in declaration order",
                        s[i], target.name, target.decls[j].at
                    ),
                ));
            }
        }
        return errors;
    }

    if zn == sn && missing == extra {
        // Same positions, different names: renamed fields.
        for &i in &extra {
            let d = &target.decls[i];
            errors.push(syn::Error::new(
                fields[i].member.span(),
                format!(
                    "{what} '{}' (index {i}) is named '{}' in {} ({}); rename it to match",
                    s[i], d.name, target.name, d.at
                ),
            ));
        }
        return errors;
    }

    for &i in &extra {
        errors.push(syn::Error::new(
            fields[i].member.span(),
            format!(
                "{what} '{}' (index {i}) is not in {} ({}): {header}; remove it, or declare it in the Zeek script",
                s[i], target.name, target.at
            ),
        ));
    }
    if !missing.is_empty() {
        errors.push(syn::Error::new(
            cont.ident.span(),
            format!("{header}: missing {}", missing_at(&missing)),
        ));
    }
    errors
}

/// The `const` that compares a field's Zeek type and optionality with the declaration,
/// spanned at the field's type.
fn type_check(target: &Target, f: &Field<'_>, d: &Decl) -> TokenStream {
    let ty = f.ty;
    let declared = expected(&d.ty);
    let rust = rust_text(ty);
    let zeek = zeek_text(&d.ty);
    let who = format!("{} '{}'", target.what, f.name);
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

/// The declared type as a `ZeekTypeName` expression: aliases looked through, records and
/// enums by name, and types only a `Value` holds (`opaque`, `file`, functions, inline
/// records) as `Any`.
fn expected(ty: &Type) -> TokenStream {
    let t = quote!(__zeek::ZeekTypeName);
    match ty.unalias() {
        Type::Bool => quote!(#t::Bool),
        Type::Count => quote!(#t::Count),
        Type::Int => quote!(#t::Int),
        Type::Double => quote!(#t::Double),
        Type::Time => quote!(#t::Time),
        Type::Interval => quote!(#t::Interval),
        Type::String => quote!(#t::String),
        Type::Pattern => quote!(#t::Pattern),
        Type::Port => quote!(#t::Port),
        Type::Addr => quote!(#t::Addr),
        Type::Subnet => quote!(#t::Subnet),
        Type::Enum(n) | Type::Record(n) | Type::Unknown { name: n, .. } => {
            quote!(#t::Named(#n))
        }
        Type::Vector(inner) => {
            let inner = expected(inner);
            quote!(#t::Vector(&#inner))
        }
        Type::Set(keys) => {
            let k = index(keys);
            quote!(#t::Set(&#k))
        }
        Type::Table(keys, v) => {
            let k = index(keys);
            let v = expected(v);
            quote!(#t::Table(&#k, &#v))
        }
        _ => quote!(#t::Any),
    }
}

fn index(keys: &[Type]) -> TokenStream {
    if let [one] = keys {
        return expected(one);
    }
    let items = keys.iter().map(expected);
    quote!(__zeek::ZeekTypeName::Tuple(&[#(#items),*]))
}

/// The declared type as written, with an alias's meaning: `string_set (set[string])`.
fn zeek_text(ty: &Type) -> String {
    match ty {
        Type::Alias { .. } => format!("{ty} ({})", ty.unalias()),
        _ => ty.to_string(),
    }
}

/// A Rust type as a person writes it: `Option<f64>`, `BTreeMap<(u64, String), u64>`.
fn rust_text(ty: &syn::Type) -> String {
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

/// Parsed schemas, kept for the life of the compiler process (or rust-analyzer's proc-macro
/// server) and re-read when a file's modification time changes.
mod cache {
    use super::*;

    struct Entry {
        stamps: Vec<(PathBuf, Option<SystemTime>)>,
        schema: Arc<Schema>,
    }

    fn mtime(p: &Path) -> Option<SystemTime> {
        std::fs::metadata(p).and_then(|m| m.modified()).ok()
    }

    /// A load error in one line per problem (rustc shows the Rust side's span already):
    /// `broken.zeek:6:3: expected `;`, found `reason``.
    fn describe(e: &zeekws_codegen::Error, base: &Path) -> String {
        let diags: Vec<String> = e
            .diagnostics()
            .iter()
            .filter(|d| d.severity == zeekws_codegen::Severity::Error)
            .map(|d| match &d.location {
                Some(loc) => {
                    let path = loc.path.strip_prefix(base).unwrap_or(&loc.path);
                    format!(
                        "{}:{}:{}: {}",
                        path.display(),
                        loc.line,
                        loc.column,
                        d.message
                    )
                }
                None => d.message.clone(),
            })
            .collect();
        if diags.is_empty() {
            e.to_string()
        } else {
            diags.join("; ")
        }
    }

    fn cache() -> &'static Mutex<HashMap<PathBuf, Entry>> {
        static CACHE: OnceLock<Mutex<HashMap<PathBuf, Entry>>> = OnceLock::new();
        CACHE.get_or_init(|| Mutex::new(HashMap::new()))
    }

    /// The schema of `path` (with `@load` searching its directory), parsed at most once per
    /// version of its files. Load errors are returned as text (not cached).
    pub fn load(path: &Path) -> Result<Arc<Schema>, String> {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        {
            let map = cache().lock().unwrap_or_else(|e| e.into_inner());
            if let Some(e) = map.get(&key)
                && e.stamps.iter().all(|(p, t)| mtime(p) == *t)
            {
                return Ok(Arc::clone(&e.schema));
            }
        }
        let dir = key.parent().map(Path::to_path_buf).unwrap_or_default();
        let schema = Schema::load(&key, &[&dir]).map_err(|e| describe(&e, &dir))?;
        let schema = Arc::new(schema);
        let stamps = schema
            .files()
            .into_iter()
            .map(|p| (p.to_path_buf(), mtime(p)))
            .collect();
        let mut map = cache().lock().unwrap_or_else(|e| e.into_inner());
        map.insert(
            key,
            Entry {
                stamps,
                schema: Arc::clone(&schema),
            },
        );
        Ok(schema)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_rereads_a_changed_file() {
        let dir = std::env::temp_dir().join(format!("zeekws-schema-cache-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.zeek");
        std::fs::write(&file, "type R: record { a: count; };\n").unwrap();
        let first = cache::load(&file).unwrap();
        assert!(Arc::ptr_eq(&first, &cache::load(&file).unwrap()), "cached");
        assert_eq!(first.record("R").unwrap().fields.len(), 1);
        // A new modification time (set explicitly: the file system's clock may be coarse).
        std::fs::write(&file, "type R: record { a: count; b: string; };\n").unwrap();
        let later = SystemTime::now() + std::time::Duration::from_secs(5);
        std::fs::File::options()
            .write(true)
            .open(&file)
            .and_then(|f| f.set_modified(later))
            .unwrap();
        let second = cache::load(&file).unwrap();
        assert_eq!(second.record("R").unwrap().fields.len(), 2);
        // Parse errors are reported as text with file:line:col, relative to the directory.
        std::fs::write(&file, "type R: record { a: ; };\n").unwrap();
        let err = cache::load(&file).unwrap_err();
        assert!(err.starts_with("a.zeek:1:"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn rust_text_is_compact() {
        let t: syn::Type =
            syn::parse_quote!(::std::collections::BTreeMap<(u64, String), Option<Vec<u8> > >);
        assert_eq!(
            rust_text(&t),
            "::std::collections::BTreeMap<(u64, String), Option<Vec<u8>>>"
        );
        let t: syn::Type = syn::parse_quote!(&'static str);
        assert_eq!(rust_text(&t), "&'static str");
    }

    #[test]
    fn expected_looks_through_aliases() {
        let ty = Type::Alias {
            name: "string_set".into(),
            target: Box::new(Type::Set(vec![Type::String])),
        };
        assert_eq!(
            expected(&ty).to_string(),
            quote!(__zeek::ZeekTypeName::Set(&__zeek::ZeekTypeName::String)).to_string()
        );
        assert_eq!(zeek_text(&ty), "string_set (set[string])");
        let ty = Type::Table(
            vec![Type::Addr, Type::Port],
            Box::new(Type::Opaque("x".into())),
        );
        assert_eq!(
            expected(&ty).to_string(),
            quote!(__zeek::ZeekTypeName::Table(
                &__zeek::ZeekTypeName::Tuple(&[
                    __zeek::ZeekTypeName::Addr,
                    __zeek::ZeekTypeName::Port
                ]),
                &__zeek::ZeekTypeName::Any
            ))
            .to_string()
        );
    }
}
