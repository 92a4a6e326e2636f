//! `#[derive(ZeekEnum)]`: a fieldless enum as Broker `enum-value`s.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{DeriveInput, LitStr};

use crate::dummy;
use crate::internals::{
    self,
    ast::{Data, Derive},
    check::enum_value_name,
};

/// JSON string body for `s` with the writer's escapes (names are identifiers, so this is
/// normally the text itself).
fn json_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Expands `#[derive(ZeekEnum)]`.
pub fn expand_derive_zeek_enum(input: &DeriveInput) -> syn::Result<TokenStream> {
    let cont = internals::parse(input, Derive::Enum)?;
    let Data::Enum(variants) = &cont.data else {
        return Err(syn::Error::new_spanned(input, "expected an enum"));
    };
    let runtime = dummy::runtime_path(&cont);
    let ident = cont.ident;
    let name = cont
        .attrs
        .name
        .get()
        .map(LitStr::value)
        .ok_or_else(|| syn::Error::new_spanned(ident, "missing enum name"))?;
    let global = !name.contains("::");

    let mut values = Vec::new();
    let mut encode = Vec::new();
    let mut zeek_name = Vec::new();
    let mut decode = Vec::new();
    let mut other = None;
    let mut checked = Vec::new();
    for v in variants {
        let vid = v.ident;
        if v.attrs.other.is_set() {
            encode.push(quote!(Self::#vid(__s) => __w.enum_value(__s),));
            zeek_name.push(quote!(Self::#vid(__s) => __s,));
            other = Some(vid);
            continue;
        }
        let value = enum_value_name(&cont, v);
        checked.push((vid, value.clone()));
        let bytes = format!(
            "{{\"@data-type\":\"enum-value\",\"data\":\"{}\"}}",
            json_escape(&value)
        );
        let bytes = syn::LitByteStr::new(bytes.as_bytes(), vid.span());
        values.push(quote!(#value));
        encode.push(quote!(Self::#vid => __w.raw(#bytes),));
        zeek_name.push(quote!(Self::#vid => #value,));
        decode.push(quote!(#value => __zeek::Result::Ok(Self::#vid),));
    }
    let open = other.is_some();
    let unknown = match other {
        Some(vid) => quote!(_ => __zeek::Result::Ok(Self::#vid(__zeek::String::from(__v))),),
        None => quote!(_ => __zeek::Result::Err(__zeek::unknown_enum_value(__r, #name, &__s)),),
    };
    let strip = global.then(|| quote!(let __v = __zeek::strip_global(__v);));
    let empty = variants
        .is_empty()
        .then(|| quote!(_ => ::core::unreachable!(),));

    let code = quote! {
        #[automatically_derived]
        impl __zeek::ZeekType for #ident {
            const ZEEK_TYPE: __zeek::ZeekTypeName = __zeek::ZeekTypeName::Named(#name);
            #[inline]
            fn encode(&self, __w: &mut __zeek::Writer) {
                match self {
                    #(#encode)*
                    #empty
                }
            }
            fn describe(__out: &mut __zeek::Layouts) {
                __out.insert_enum(#name, <Self as __zeek::ZeekEnum>::VALUES, #open);
            }
        }

        #[automatically_derived]
        impl __zeek::ZeekDecode for #ident {
            const WIRE_TAG: __zeek::Option<__zeek::DataType> = __zeek::Option::Some(__zeek::DataType::EnumValue);
            fn decode_payload(
                __r: &mut __zeek::Reader<'_>,
                __tag: __zeek::DataType,
            ) -> __zeek::Result<Self, __zeek::DecodeError> {
                let __s = __zeek::read_enum(__r, __tag, &<Self as __zeek::ZeekType>::ZEEK_TYPE)?;
                let __v: &str = &__s;
                #strip
                match __v {
                    #(#decode)*
                    #unknown
                }
            }
        }

        #[automatically_derived]
        impl __zeek::ZeekEnum for #ident {
            const NAME: &'static str = #name;
            const VALUES: &'static [&'static str] = &[#(#values),*];
            const OPEN: bool = #open;
            #[inline]
            fn zeek_name(&self) -> &str {
                match self {
                    #(#zeek_name)*
                    #empty
                }
            }
        }
    };
    let schema = crate::schema::expand_enum(&cont, &checked, open);
    Ok(dummy::wrap_in_const(&runtime, quote!(#code #schema)))
}
