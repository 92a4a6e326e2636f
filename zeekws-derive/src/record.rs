//! `#[derive(ZeekRecord)]`: a struct as a positional Broker vector.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{DeriveInput, parse_quote};

use crate::dummy;
use crate::internals::{
    self,
    ast::{Data, Derive, Field, Style},
};

/// The vector prefix every record and argument list starts with.
pub const VECTOR_PREFIX: &[u8] = b"{\"@data-type\":\"vector\",\"data\":[";

/// Writes `values` (expressions of `&T`, with `T`) as one Broker vector; a `T` that is not a
/// `ZeekType` is reported at the field's type.
pub fn encode_vector(values: &[(TokenStream, &syn::Type)]) -> TokenStream {
    let prefix = syn::LitByteStr::new(VECTOR_PREFIX, Span::call_site());
    let items = values.iter().enumerate().map(|(i, (v, ty))| {
        let comma = (i > 0).then(|| quote!(__w.comma();));
        let call = quote_spanned!(ty.span()=> <#ty as __zeek::ZeekType>::encode(#v, __w););
        quote! {
            #comma
            #call
        }
    });
    quote! {
        __w.raw(#prefix);
        #(#items)*
        __w.end_container();
    }
}

/// Builds `Path { a: v0, .. }`, `Path(v0, ..)` or `Path` from field values.
pub fn construct(
    path: TokenStream,
    style: Style,
    fields: &[Field<'_>],
    values: &[TokenStream],
) -> TokenStream {
    match style {
        Style::Unit => path,
        Style::Tuple => quote!(#path ( #(#values),* )),
        Style::Struct => {
            let members = fields.iter().map(|f| &f.member);
            quote!(#path { #(#members: #values),* })
        }
    }
}

/// Expands `#[derive(ZeekRecord)]`.
pub fn expand_derive_zeek_record(input: &DeriveInput) -> syn::Result<TokenStream> {
    let cont = internals::parse(input, Derive::Record)?;
    let Data::Struct(style, fields) = &cont.data else {
        return Err(syn::Error::new_spanned(input, "expected a struct"));
    };
    let runtime = dummy::runtime_path(&cont);
    let ident = cont.ident;
    let name = cont
        .attrs
        .name
        .get()
        .map(syn::LitStr::value)
        .unwrap_or_else(|| syn::ext::IdentExt::unraw(ident).to_string());
    let extensible = cont.attrs.extensible.is_set();
    let optional_tail = cont.attrs.optional_tail.is_set();
    let total = fields.len();

    let enc_generics = dummy::with_bound(cont.generics, &parse_quote!(__zeek::ZeekType));
    let dec_generics = dummy::with_bound(cont.generics, &parse_quote!(__zeek::ZeekDecode));
    let (enc_impl, ty_g, enc_where) = enc_generics.split_for_impl();
    let (dec_impl, _, dec_where) = dec_generics.split_for_impl();

    let accessors: Vec<(TokenStream, &syn::Type)> = fields
        .iter()
        .map(|f| {
            let m = &f.member;
            (quote!(&self.#m), f.ty)
        })
        .collect();
    let encode = encode_vector(&accessors);

    let locals: Vec<TokenStream> = (0..total)
        .map(|i| {
            let id = format_ident!("__f{}", i);
            quote!(#id)
        })
        .collect();
    let reads = fields.iter().zip(&locals).enumerate().map(|(i, (f, local))| {
        let ty = f.ty;
        let fname = &f.name;
        quote! {
            let #local = __zeek::field::<#ty>(__r, &mut __seq, #name, #i, #fname, #total, #extensible, #optional_tail)?;
        }
    });
    let build = construct(quote!(Self), *style, fields, &locals);
    let field_infos = fields.iter().map(|f| {
        let ty = f.ty;
        let fname = &f.name;
        quote! {
            (#fname, <#ty as __zeek::ZeekType>::ZEEK_TYPE, <#ty as __zeek::ZeekType>::OPTIONAL)
        }
    });

    let field_infos: Vec<TokenStream> = field_infos.collect();
    let field_types = fields.iter().map(|f| f.ty);
    let code = quote! {
        #[automatically_derived]
        impl #enc_impl __zeek::ZeekType for #ident #ty_g #enc_where {
            const ZEEK_TYPE: __zeek::ZeekTypeName = __zeek::ZeekTypeName::Named(#name);
            #[inline]
            fn encode(&self, __w: &mut __zeek::Writer) {
                #encode
            }
            fn describe(__out: &mut __zeek::Layouts) {
                if __out.insert_record(#name, &[#(#field_infos),*], #extensible) {
                    #(<#field_types as __zeek::ZeekType>::describe(__out);)*
                }
            }
        }

        #[automatically_derived]
        impl #dec_impl __zeek::ZeekDecode for #ident #ty_g #dec_where {
            const WIRE_TAG: __zeek::Option<__zeek::DataType> = __zeek::Option::Some(__zeek::DataType::Vector);
            fn decode_payload(
                __r: &mut __zeek::Reader<'_>,
                __tag: __zeek::DataType,
            ) -> __zeek::Result<Self, __zeek::DecodeError> {
                let mut __seq = __zeek::begin_record(
                    __r,
                    __tag,
                    &<Self as __zeek::ZeekType>::ZEEK_TYPE,
                )?;
                #(#reads)*
                __zeek::end_record(__r, &mut __seq, #name, #total, #extensible)?;
                __zeek::Result::Ok(#build)
            }
        }

        #[automatically_derived]
        impl #dec_impl __zeek::ZeekRecord for #ident #ty_g #dec_where {
            const NAME: &'static str = #name;
            const FIELDS: &'static [(&'static str, __zeek::ZeekTypeName, bool)] = &[
                #(#field_infos),*
            ];
            const EXTENSIBLE: bool = #extensible;
        }
    };
    let schema = crate::schema::expand(&cont, fields, *style, Derive::Record);
    Ok(dummy::wrap_in_const(&runtime, quote!(#code #schema)))
}
