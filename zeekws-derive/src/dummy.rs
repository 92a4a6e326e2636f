//! Wrapping generated impls, the runtime path, trait bounds, and the stub impls emitted next
//! to a compile error.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{DeriveInput, Path, parse_quote};

use crate::internals::ast::{Container, Derive};

/// `#[zeek(crate = "..")]` or `::zeekws_runtime`.
pub fn runtime_path(cont: &Container<'_>) -> Path {
    cont.attrs
        .krate
        .get()
        .cloned()
        .unwrap_or_else(|| parse_quote!(::zeekws_runtime))
}

/// Puts the impls in an anonymous const so helper imports stay local; generated code reaches
/// the runtime as `__zeek::..` (its hidden `__private` module).
pub fn wrap_in_const(runtime: &Path, code: TokenStream) -> TokenStream {
    quote! {
        #[doc(hidden)]
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all)]
        const _: () = {
            use #runtime::__private as __zeek;
            #code
        };
    }
}

/// The input's generics with `bound` added for every type parameter.
pub fn with_bound(generics: &syn::Generics, bound: &Path) -> syn::Generics {
    let mut g = generics.clone();
    let params: Vec<syn::Ident> = g.type_params().map(|p| p.ident.clone()).collect();
    if !params.is_empty() {
        let wc = g.make_where_clause();
        for p in params {
            wc.predicates.push(parse_quote!(#p: #bound));
        }
    }
    g
}

/// The error, plus stub impls of the derive's traits so that uses of the type elsewhere do
/// not report follow-on errors.
pub fn fallback(input: &DeriveInput, derive: Derive, err: syn::Error) -> TokenStream {
    let error = err.into_compile_error();
    let ident = &input.ident;
    let (impl_g, ty_g, where_c) = input.generics.split_for_impl();
    let stubs = match derive {
        Derive::Record | Derive::Enum => {
            let extra = if derive == Derive::Record {
                quote! {
                    impl #impl_g __zeek::ZeekRecord for #ident #ty_g #where_c {
                        const NAME: &'static str = "";
                        const FIELDS: &'static [(&'static str, __zeek::ZeekTypeName, bool)] = &[];
                        const EXTENSIBLE: bool = false;
                    }
                }
            } else {
                quote! {
                    impl #impl_g __zeek::ZeekEnum for #ident #ty_g #where_c {
                        const NAME: &'static str = "";
                        const VALUES: &'static [&'static str] = &[];
                        const OPEN: bool = false;
                        fn zeek_name(&self) -> &str { ::core::unreachable!() }
                    }
                }
            };
            quote! {
                impl #impl_g __zeek::ZeekType for #ident #ty_g #where_c {
                    const ZEEK_TYPE: __zeek::ZeekTypeName = __zeek::ZeekTypeName::Named("");
                    fn encode(&self, _: &mut __zeek::Writer) { ::core::unreachable!() }
                }
                impl #impl_g __zeek::ZeekDecode for #ident #ty_g #where_c {
                    fn decode_payload(
                        _: &mut __zeek::Reader<'_>,
                        _: __zeek::DataType,
                    ) -> __zeek::Result<Self, __zeek::DecodeError> {
                        ::core::unreachable!()
                    }
                }
                #extra
            }
        }
        Derive::Event => quote! {
            impl #impl_g __zeek::ZeekEvent for #ident #ty_g #where_c {
                const EVENT_NAMES: &'static [&'static str] = &[];
                fn event_name(&self) -> &str { ::core::unreachable!() }
                fn encode_args(&self, _: &mut __zeek::Writer) { ::core::unreachable!() }
                fn decode_args(
                    _: &str,
                    _: &mut __zeek::Reader<'_>,
                ) -> __zeek::Result<Self, __zeek::DecodeError> {
                    ::core::unreachable!()
                }
            }
        },
    };
    let runtime: Path = parse_quote!(::zeekws_runtime);
    let wrapped = wrap_in_const(&runtime, stubs);
    quote! {
        #error
        #wrapped
    }
}
