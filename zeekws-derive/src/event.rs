//! `#[derive(ZeekEvent)]`: a struct is one event (fields = arguments in order); an enum is a
//! choice of events, dispatched on the name.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{DeriveInput, LitStr, parse_quote};

use crate::dummy;
use crate::internals::{
    self,
    ast::{Data, Derive, Field, Style, Variant},
};
use crate::record::{construct, encode_vector};

/// Expands `#[derive(ZeekEvent)]`.
pub fn expand_derive_zeek_event(input: &DeriveInput) -> syn::Result<TokenStream> {
    let cont = internals::parse(input, Derive::Event)?;
    let runtime = dummy::runtime_path(&cont);
    let code = match &cont.data {
        Data::Struct(style, fields) => {
            let name = cont
                .attrs
                .name
                .get()
                .ok_or_else(|| syn::Error::new_spanned(cont.ident, "missing event name"))?;
            expand_struct(&cont, name, *style, fields)
        }
        Data::Enum(variants) => expand_enum(&cont, variants),
    };
    let schema = match &cont.data {
        Data::Struct(style, fields) => crate::schema::expand(&cont, fields, *style, Derive::Event),
        Data::Enum(_) => TokenStream::new(),
    };
    Ok(dummy::wrap_in_const(&runtime, quote!(#code #schema)))
}

/// The arguments of one event: which fields are arguments, which holds metadata.
struct Args<'f, 'a> {
    args: Vec<&'f Field<'a>>,
    metadata: Option<&'f Field<'a>>,
}

impl<'f, 'a> Args<'f, 'a> {
    fn new(fields: &'f [Field<'a>]) -> Self {
        let metadata = fields.iter().find(|f| f.attrs.metadata.is_set());
        let args = fields
            .iter()
            .filter(|f| !f.attrs.metadata.is_set())
            .collect();
        Args { args, metadata }
    }

    /// Records the event `name` with its argument types, then what those types reach.
    fn describe(&self, name: &LitStr) -> TokenStream {
        let infos = self.args.iter().map(|f| {
            let ty = f.ty;
            let n = &f.name;
            quote!((#n, <#ty as __zeek::ZeekType>::ZEEK_TYPE))
        });
        let tys = self.args.iter().map(|f| f.ty);
        quote! {
            if __out.insert_event(#name, &[#(#infos),*]) {
                #(<#tys as __zeek::ZeekType>::describe(__out);)*
            }
        }
    }

    /// Decodes the argument vector into `locals` for every field (metadata: `None`), then
    /// builds the value with `path`.
    fn decode(&self, path: TokenStream, style: Style, fields: &[Field<'_>]) -> TokenStream {
        let total = self.args.len();
        let mut reads = Vec::new();
        let mut values = Vec::new();
        let mut index = 0usize;
        for (i, f) in fields.iter().enumerate() {
            if f.attrs.metadata.is_set() {
                values.push(quote!(__zeek::Option::None));
                continue;
            }
            let local = format_ident!("__a{}", i);
            let ty = f.ty;
            reads.push(quote! {
                let #local = __zeek::arg::<#ty>(__r, &mut __seq, #index, #total)?;
            });
            values.push(quote!(#local));
            index += 1;
        }
        let build = construct(path, style, fields, &values);
        quote! {
            let (__frame, mut __seq) = __zeek::begin_args(__r)?;
            #(#reads)*
            __zeek::end_args(__r, __seq, __frame, #total)?;
            __zeek::Result::Ok(#build)
        }
    }
}

fn expand_struct(
    cont: &internals::ast::Container<'_>,
    name: &LitStr,
    style: Style,
    fields: &[Field<'_>],
) -> TokenStream {
    let ident = cont.ident;
    let generics = dummy::with_bound(cont.generics, &parse_quote!(__zeek::ZeekDecode));
    let (impl_g, ty_g, where_c) = generics.split_for_impl();
    let args = Args::new(fields);
    let accessors: Vec<(TokenStream, &syn::Type)> = args
        .args
        .iter()
        .map(|f| {
            let m = &f.member;
            (quote!(&self.#m), f.ty)
        })
        .collect();
    let encode = encode_vector(&accessors);
    let decode = args.decode(quote!(Self), style, fields);
    let describe = args.describe(name);
    let metadata = args.metadata.map(|f| {
        let m = &f.member;
        quote! {
            const WANTS_METADATA: bool = true;

            fn metadata(&self) -> __zeek::Option<&[(u64, __zeek::Value)]> {
                __zeek::Option::as_deref(&self.#m)
            }
            fn set_metadata(&mut self, __m: __zeek::Vec<(u64, __zeek::Value)>) {
                self.#m = __zeek::Option::Some(__m);
            }
        }
    });
    quote! {
        #[automatically_derived]
        impl #impl_g __zeek::ZeekEvent for #ident #ty_g #where_c {
            const EVENT_NAMES: &'static [&'static str] = &[#name];

            #[inline]
            fn event_name(&self) -> &str {
                #name
            }

            #[inline]
            fn encode_args(&self, __w: &mut __zeek::Writer) {
                #encode
            }

            fn decode_args(
                __name: &str,
                __r: &mut __zeek::Reader<'_>,
            ) -> __zeek::Result<Self, __zeek::DecodeError> {
                if __name != #name {
                    return __zeek::Result::Err(__zeek::unknown_event(
                        __r,
                        __name,
                        <Self as __zeek::ZeekEvent>::EVENT_NAMES,
                    ));
                }
                #decode
            }

            fn describe_events(__out: &mut __zeek::Layouts) {
                #describe
            }

            #metadata
        }
    }
}

/// Pattern binding all fields of a variant as `__b0, __b1, ..`.
fn bind(v: &Variant<'_>) -> (TokenStream, Vec<syn::Ident>) {
    let ident = v.ident;
    let names: Vec<syn::Ident> = (0..v.fields.len())
        .map(|i| format_ident!("__b{}", i))
        .collect();
    let pat = match v.style {
        Style::Unit => quote!(Self::#ident),
        Style::Tuple => quote!(Self::#ident( #(#names),* )),
        Style::Struct => {
            let members = v.fields.iter().map(|f| &f.member);
            quote!(Self::#ident { #(#members: #names),* })
        }
    };
    (pat, names)
}

fn expand_enum(cont: &internals::ast::Container<'_>, variants: &[Variant<'_>]) -> TokenStream {
    let ident = cont.ident;
    let mut name_parts = Vec::new();
    let mut accepts_any = Vec::new();
    let mut event_name = Vec::new();
    let mut encode = Vec::new();
    let mut metadata = Vec::new();
    let mut set_metadata = Vec::new();
    let mut wants_metadata = Vec::new();
    let mut by_name = Vec::new();
    let mut wrapped_known = Vec::new();
    let mut wrapped_any = Vec::new();
    let mut describe = Vec::new();
    let mut other = None;

    for v in variants {
        let vid = v.ident;
        let (pat, binds) = bind(v);
        match (v.attrs.name.get(), v.attrs.other.is_set()) {
            (Some(name), false) => {
                name_parts.push(quote!(&[#name]));
                let args = Args::new(&v.fields);
                event_name.push(quote!(#pat => #name,));
                let values: Vec<(TokenStream, &syn::Type)> = v
                    .fields
                    .iter()
                    .zip(&binds)
                    .filter(|(f, _)| !f.attrs.metadata.is_set())
                    .map(|(f, b)| (quote!(#b), f.ty))
                    .collect();
                let enc = encode_vector(&values);
                encode.push(quote!(#pat => { #enc }));
                match v
                    .fields
                    .iter()
                    .zip(&binds)
                    .find(|(f, _)| f.attrs.metadata.is_set())
                {
                    Some((_, b)) => {
                        wants_metadata.push(quote!(true));
                        metadata.push(quote!(#pat => __zeek::Option::as_deref(#b),));
                        set_metadata.push(quote!(#pat => *#b = __zeek::Option::Some(__m),));
                    }
                    None => {
                        metadata.push(quote!(#pat => __zeek::Option::None,));
                        set_metadata.push(quote!(#pat => {}));
                    }
                }
                describe.push(args.describe(name));
                let decode = args.decode(quote!(Self::#vid), v.style, &v.fields);
                by_name.push(quote! {
                    if __name == #name {
                        return { #decode };
                    }
                });
            }
            (_, is_other) => {
                // A wrapped event type, or the catch-all.
                let ty = v.fields.first().map(|f| f.ty);
                let Some(ty) = ty else { continue };
                let b = &binds[0];
                event_name.push(quote!(#pat => __zeek::ZeekEvent::event_name(#b),));
                encode.push(quote!(#pat => __zeek::ZeekEvent::encode_args(#b, __w),));
                metadata.push(quote!(#pat => __zeek::ZeekEvent::metadata(#b),));
                set_metadata.push(quote!(#pat => __zeek::ZeekEvent::set_metadata(#b, __m),));
                wants_metadata.push(quote!(<#ty as __zeek::ZeekEvent>::WANTS_METADATA));
                let call = quote! {
                    return __zeek::Result::Ok(Self::#vid(
                        <#ty as __zeek::ZeekEvent>::decode_args(__name, __r)?,
                    ));
                };
                if is_other {
                    accepts_any.push(quote!(true));
                    other = Some(call);
                } else {
                    describe.push(quote!(<#ty as __zeek::ZeekEvent>::describe_events(__out);));
                    name_parts.push(quote!(<#ty as __zeek::ZeekEvent>::EVENT_NAMES));
                    accepts_any.push(quote!(<#ty as __zeek::ZeekEvent>::ACCEPTS_ANY));
                    wrapped_known.push(quote! {
                        if __zeek::contains_name(<#ty as __zeek::ZeekEvent>::EVENT_NAMES, __name) {
                            #call
                        }
                    });
                    wrapped_any.push(quote! {
                        if <#ty as __zeek::ZeekEvent>::ACCEPTS_ANY {
                            #call
                        }
                    });
                }
            }
        }
    }

    let fallback = other.unwrap_or_else(|| {
        quote! {
            __zeek::Result::Err(__zeek::unknown_event(
                __r,
                __name,
                <Self as __zeek::ZeekEvent>::EVENT_NAMES,
            ))
        }
    });
    let empty = variants
        .is_empty()
        .then(|| quote!(_ => ::core::unreachable!(),));

    quote! {
        #[automatically_derived]
        #[allow(unused_variables)]
        impl __zeek::ZeekEvent for #ident {
            const EVENT_NAMES: &'static [&'static str] = {
                const __PARTS: &[&[&str]] = &[#(#name_parts),*];
                const __N: usize = __zeek::names_len(__PARTS);
                const __ALL: [&str; __N] = __zeek::concat_names::<__N>(__PARTS);
                &__ALL
            };
            const ACCEPTS_ANY: bool = false #(|| #accepts_any)*;
            const WANTS_METADATA: bool = false #(|| #wants_metadata)*;

            fn event_name(&self) -> &str {
                match self {
                    #(#event_name)*
                    #empty
                }
            }

            fn encode_args(&self, __w: &mut __zeek::Writer) {
                match self {
                    #(#encode)*
                    #empty
                }
            }

            fn metadata(&self) -> __zeek::Option<&[(u64, __zeek::Value)]> {
                match self {
                    #(#metadata)*
                    #empty
                }
            }

            #[allow(unreachable_code)]
            fn decode_args(
                __name: &str,
                __r: &mut __zeek::Reader<'_>,
            ) -> __zeek::Result<Self, __zeek::DecodeError> {
                #(#by_name)*
                #(#wrapped_known)*
                #(#wrapped_any)*
                #fallback
            }

            fn set_metadata(&mut self, __m: __zeek::Vec<(u64, __zeek::Value)>) {
                let _ = &__m;
                match self {
                    #(#set_metadata)*
                    #empty
                }
            }

            fn describe_events(__out: &mut __zeek::Layouts) {
                #(#describe)*
            }
        }
    }
}
