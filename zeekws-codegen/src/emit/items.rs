//! Records, enums, events and aliases as Rust items.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::{Gen, RustName, ident};
use crate::model::{Alias, Enum, Event, Record, Type};
use crate::resolve::scope;

/// `##` lines as `#[doc]` attributes. Leading whitespace is dropped so that indented Zeek
/// docs do not become Rust code blocks (which rustdoc would compile as doctests).
fn docs(lines: &[String]) -> TokenStream {
    // Drop leading and trailing empty lines.
    let start = lines
        .iter()
        .position(|l| !l.trim().is_empty())
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(start, |i| i + 1);
    let lines = lines[start..end.max(start)].iter().map(|l| {
        let t = l.trim();
        if t.is_empty() {
            String::new()
        } else {
            format!(" {t}")
        }
    });
    quote!(#(#[doc = #lines])*)
}

fn note_lines(doc: &[String], extra: Vec<String>) -> Vec<String> {
    let mut out = doc.to_vec();
    if !extra.is_empty() {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(extra);
    }
    out
}

fn dynamic_note(ty: &Type) -> String {
    format!("Zeek type `{ty}`: no typed mapping, kept as a dynamic `zeekws_runtime::Value`.")
}

impl Gen<'_> {
    pub(crate) fn record_item(&self, r: &Record, rn: &RustName) -> TokenStream {
        let name = ident::ident(&rn.name);
        let zeek_name = &r.name;
        let mut ord = self.ord.get(&r.name).copied().unwrap_or(false);
        let mut snake_ok = true;
        let fields: Vec<TokenStream> = r
            .fields
            .iter()
            .map(|f| {
                let m = self.map(&f.ty, &rn.module);
                ord &= m.ord;
                snake_ok &= ident::is_snake(&f.name);
                let mut ty = m.tokens;
                if matches!(f.ty.unalias(), Type::Record(n) if self.closes_cycle(&r.name, n)) {
                    ty = quote!(::std::boxed::Box<#ty>);
                }
                let mut extra = Vec::new();
                if let Some(d) = &f.default {
                    extra.push(format!("`&default = {}`", d.trim()));
                }
                if m.dynamic {
                    extra.push(dynamic_note(&f.ty));
                }
                if let Some(msg) = &f.deprecated {
                    extra.push(format!("Deprecated in Zeek{}", deprecated_suffix(msg)));
                }
                if f.optional && f.default.is_none() {
                    ty = quote!(::core::option::Option<#ty>);
                }
                let doc = docs(&note_lines(&f.doc, extra));
                let fname = ident::ident(&f.name);
                quote! {
                    #doc
                    pub #fname: #ty
                }
            })
            .collect();
        let derives = if ord {
            quote!(
                Debug,
                Clone,
                PartialEq,
                Eq,
                Hash,
                PartialOrd,
                Ord,
                ::zeekws_runtime::ZeekRecord
            )
        } else {
            quote!(Debug, Clone, PartialEq, ::zeekws_runtime::ZeekRecord)
        };
        let allow = if snake_ok {
            quote!()
        } else {
            quote!(#[allow(non_snake_case)])
        };
        let doc = docs(&r.doc);
        // A record with no fields (like `conn_id_ctx`) exists to be extended by scripts this
        // code may not see: accept the fields they append.
        let zeek_attr = if r.fields.is_empty() {
            quote!(#[zeek(name = #zeek_name, extensible)])
        } else {
            quote!(#[zeek(name = #zeek_name)])
        };
        quote! {
            #doc
            #[derive(#derives)]
            #zeek_attr
            #[allow(dead_code)]
            #allow
            pub struct #name {
                #(#fields,)*
            }
        }
    }

    pub(crate) fn enum_item(&self, e: &Enum, rn: &RustName) -> TokenStream {
        let name = ident::ident(&rn.name);
        let zeek_name = &e.name;
        let enum_module = scope::module_of(&e.name);
        let explicit = e
            .values
            .iter()
            .enumerate()
            .any(|(i, v)| v.value != i as u64);
        let mut taken: HashSet<String> = HashSet::new();
        taken.insert("Other".to_string());
        let variants = e.values.iter().map(|v| {
            let last = v.name.rsplit("::").next().unwrap_or(&v.name);
            let same_module = v.module == enum_module;
            let base = if same_module {
                ident::upper_camel(last)
            } else {
                ident::upper_camel(&format!("{}_{}", v.module, last))
            };
            let mut vname = base.clone();
            let mut n = 2;
            while !taken.insert(vname.clone()) {
                vname = format!("{base}{n}");
                n += 1;
            }
            let rename = if same_module {
                last.to_string()
            } else {
                v.name.clone()
            };
            let mut extra = Vec::new();
            if explicit {
                extra.push(format!("`= {}`", v.value));
            }
            if !same_module {
                extra.push(format!("Added by module `{}`.", v.module));
            }
            if let Some(msg) = &v.deprecated {
                extra.push(format!("Deprecated in Zeek{}", deprecated_suffix(msg)));
            }
            let doc = docs(&note_lines(&v.doc, extra));
            let vid = ident::ident(&vname);
            quote! {
                #doc
                #[zeek(rename = #rename)]
                #vid
            }
        });
        let doc = docs(&e.doc);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, ::zeekws_runtime::ZeekEnum)]
            #[zeek(name = #zeek_name)]
            #[allow(dead_code)]
            pub enum #name {
                #(#variants,)*
                /// A value this code does not know (added by a script or plugin not loaded here).
                #[zeek(other)]
                Other(::std::string::String),
            }
        }
    }

    pub(crate) fn alias_item(&self, a: &Alias, rn: &RustName) -> TokenStream {
        let name = ident::ident(&rn.name);
        let m = self.map(&a.ty, &rn.module);
        let ty = m.tokens;
        let mut extra = vec![format!("Zeek type `{}` (`{}`).", a.name, a.ty)];
        if m.dynamic {
            extra.push(dynamic_note(&a.ty));
        }
        let doc = docs(&note_lines(&a.doc, extra));
        quote! {
            #doc
            pub type #name = #ty;
        }
    }

    pub(crate) fn event_item(&self, ev: &Event, rn: &RustName) -> TokenStream {
        let name = ident::ident(&rn.name);
        let zeek_name = &ev.name;
        let snake_ok = ev.params.iter().all(|p| ident::is_snake(&p.name));
        let params = ev.params.iter().map(|p| {
            let m = self.map(&p.ty, &rn.module);
            let mut extra = Vec::new();
            if let Some(d) = &p.default {
                extra.push(format!(
                    "`&default = {}` in Zeek (remote events must still send it)",
                    d.trim()
                ));
            }
            if m.dynamic {
                extra.push(dynamic_note(&p.ty));
            }
            let doc = docs(&extra);
            let pname = ident::ident(&p.name);
            let ty = m.tokens;
            quote! {
                #doc
                pub #pname: #ty
            }
        });
        let allow = if snake_ok {
            quote!()
        } else {
            quote!(#[allow(non_snake_case)])
        };
        let doc = docs(&ev.doc);
        quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, ::zeekws_runtime::ZeekEvent)]
            #[zeek(name = #zeek_name)]
            #[allow(dead_code)]
            #allow
            pub struct #name {
                #(#params,)*
            }
        }
    }

    pub(crate) fn events_enum(
        &self,
        zeek_module: &str,
        name: &str,
        evs: &[RustName],
    ) -> TokenStream {
        let name = ident::ident(name);
        let doc = format!(" The events declared in Zeek module `{zeek_module}`.");
        let variants = evs.iter().map(|rn| {
            let id = ident::ident(&rn.name);
            quote!(#id(#id))
        });
        quote! {
            #[doc = #doc]
            // Variants hold whole records and differ in size; boxing them would only make
            // matching clumsier, and users' clippy runs over included generated code.
            // An application uses some of the generated items, rarely all of them.
            #[allow(clippy::large_enum_variant, dead_code)]
            #[derive(Debug, Clone, PartialEq, ::zeekws_runtime::ZeekEvent)]
            pub enum #name {
                #(#variants,)*
                /// An event this code does not know.
                #[zeek(other)]
                Other(::zeekws_runtime::protocol::Event),
            }
        }
    }
}

fn deprecated_suffix(msg: &str) -> String {
    let m = msg.trim().trim_matches('"').trim();
    if m.is_empty() {
        ".".to_string()
    } else {
        format!(": {m}")
    }
}
