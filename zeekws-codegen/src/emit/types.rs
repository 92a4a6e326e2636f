//! Zeek types to Rust types.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Gen, RustName, ident};
use crate::model::Type;

/// A mapped type.
pub(crate) struct Mapped {
    pub tokens: TokenStream,
    /// Eq, Hash and Ord hold (no `f64` or dynamic value inside).
    pub ord: bool,
    /// Some part is kept as a dynamic `Value`.
    pub dynamic: bool,
}

fn value() -> Mapped {
    Mapped {
        tokens: quote!(::zeekws_runtime::Value),
        ord: false,
        dynamic: true,
    }
}

fn plain(tokens: TokenStream, ord: bool) -> Mapped {
    Mapped {
        tokens,
        ord,
        dynamic: false,
    }
}

impl Gen<'_> {
    /// The path to a generated item as seen from module `from`.
    pub(crate) fn path_to(&self, target: &RustName, from: &[String]) -> TokenStream {
        let name = ident::ident(&target.name);
        if target.module.as_slice() == from {
            return quote!(#name);
        }
        let supers = from.iter().map(|_| quote!(super::));
        let mods = target.module.iter().map(|m| ident::ident(m));
        quote!(#(#supers)* #(#mods ::)* #name)
    }

    /// Whether a type maps to something orderable (uses the record table being computed).
    pub(crate) fn type_ord(&self, ty: &Type) -> bool {
        match ty {
            Type::Bool
            | Type::Count
            | Type::Int
            | Type::Time
            | Type::Interval
            | Type::String
            | Type::Port
            | Type::Addr
            | Type::Subnet => true,
            Type::Enum(n) => self.externs.lookup(n).is_none(),
            Type::Record(n) => {
                self.externs.lookup(n).is_none() && self.ord.get(n).copied().unwrap_or(false)
            }
            Type::Alias { name, target } => {
                self.externs.lookup(name).is_none() && self.type_ord(target)
            }
            Type::Vector(t) => self.type_ord(t),
            Type::Set(ts) => ts.iter().all(|t| self.type_ord(t)),
            Type::Table(ks, v) => ks.iter().all(|t| self.type_ord(t)) && self.type_ord(v),
            _ => false,
        }
    }

    /// The Rust type for a Zeek type used in module `from`.
    pub(crate) fn map(&self, ty: &Type, from: &[String]) -> Mapped {
        match ty {
            Type::Bool => plain(quote!(bool), true),
            Type::Count => plain(quote!(u64), true),
            Type::Int => plain(quote!(i64), true),
            Type::Double => plain(quote!(f64), false),
            Type::Time => plain(quote!(::zeekws_runtime::Timestamp), true),
            Type::Interval => plain(quote!(::zeekws_runtime::Timespan), true),
            Type::String => plain(quote!(::std::string::String), true),
            Type::Addr => plain(quote!(::std::net::IpAddr), true),
            Type::Subnet => plain(quote!(::zeekws_runtime::Subnet), true),
            Type::Port => plain(quote!(::zeekws_runtime::Port), true),
            Type::Enum(n) | Type::Record(n) => {
                if let Some(p) = self.externs.lookup(n) {
                    return plain(p, false);
                }
                match self.names.get(n) {
                    Some(rn) => plain(self.path_to(rn, from), self.type_ord(ty)),
                    None => value(),
                }
            }
            Type::Alias { name, target } => {
                if let Some(p) = self.externs.lookup(name) {
                    return plain(p, false);
                }
                match self.names.get(name) {
                    Some(rn) => {
                        let cached = self.alias_flags.borrow().get(name).copied();
                        let (ord, dynamic) = cached.unwrap_or_else(|| {
                            let m = self.map(target, from);
                            self.alias_flags
                                .borrow_mut()
                                .insert(name.clone(), (m.ord, m.dynamic));
                            (m.ord, m.dynamic)
                        });
                        Mapped {
                            tokens: self.path_to(rn, from),
                            ord,
                            dynamic,
                        }
                    }
                    None => self.map(target, from),
                }
            }
            Type::Vector(t) => {
                let m = self.map(t, from);
                let inner = &m.tokens;
                Mapped {
                    tokens: quote!(::std::vec::Vec<#inner>),
                    ..m
                }
            }
            Type::Set(ts) => {
                let Some(key) = self.key(ts, from) else {
                    return value();
                };
                let k = &key.tokens;
                Mapped {
                    tokens: quote!(::std::collections::BTreeSet<#k>),
                    ord: true,
                    dynamic: key.dynamic,
                }
            }
            Type::Table(ks, v) => {
                let Some(key) = self.key(ks, from) else {
                    return value();
                };
                let val = self.map(v, from);
                let (k, vt) = (&key.tokens, &val.tokens);
                Mapped {
                    tokens: quote!(::std::collections::BTreeMap<#k, #vt>),
                    ord: val.ord,
                    dynamic: key.dynamic || val.dynamic,
                }
            }
            Type::Unknown { name, span, .. } => {
                if let Some(p) = self.externs.lookup(name) {
                    return plain(p, false);
                }
                self.unknown(name, *span);
                value()
            }
            Type::Pattern
            | Type::Any
            | Type::Opaque(_)
            | Type::File(_)
            | Type::Func { .. }
            | Type::Inline(_) => value(),
        }
    }

    /// A set or table index: one type or a tuple; `None` when it cannot be ordered.
    fn key(&self, ts: &[Type], from: &[String]) -> Option<Mapped> {
        let parts: Vec<Mapped> = ts.iter().map(|t| self.map(t, from)).collect();
        if parts.iter().any(|p| !p.ord) {
            return None;
        }
        if parts.len() == 1 {
            return parts.into_iter().next();
        }
        let toks = parts.iter().map(|p| &p.tokens);
        Some(Mapped {
            tokens: quote!((#(#toks),*)),
            ord: true,
            dynamic: parts.iter().any(|p| p.dynamic),
        })
    }
}
