//! `Option`, `Box`, `Rc`, `Arc` and references: the wrapped type's encoding.

use super::*;

// ---- wrappers ------------------------------------------------------------------------------

impl<T: ZeekType> ZeekType for Option<T> {
    #[inline]
    fn describe(out: &mut crate::codec::Layouts) {
        T::describe(out);
    }

    const ZEEK_TYPE: ZeekTypeName = T::ZEEK_TYPE;
    const OPTIONAL: bool = true;
    #[inline]
    fn encode(&self, w: &mut Writer) {
        match self {
            Some(v) => v.encode(w),
            None => w.none(),
        }
    }
}
impl<T: ZeekDecode> ZeekDecode for Option<T> {
    const WIRE_TAG: Option<DataType> = T::WIRE_TAG;
    #[inline]
    fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
        if tag == DataType::None {
            r.skip_payload()?;
            Ok(None)
        } else {
            T::decode_payload(r, tag).map(Some)
        }
    }
    fn absent() -> Option<Self> {
        Some(None)
    }
}

impl<T: ZeekType + ?Sized> ZeekType for Box<T> {
    #[inline]
    fn describe(out: &mut crate::codec::Layouts) {
        T::describe(out);
    }

    const ZEEK_TYPE: ZeekTypeName = T::ZEEK_TYPE;
    const OPTIONAL: bool = T::OPTIONAL;
    #[inline]
    fn encode(&self, w: &mut Writer) {
        (**self).encode(w);
    }
}
impl<T: ZeekDecode> ZeekDecode for Box<T> {
    const WIRE_TAG: Option<DataType> = T::WIRE_TAG;
    #[inline]
    fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
        T::decode_payload(r, tag).map(Box::new)
    }
    fn absent() -> Option<Self> {
        T::absent().map(Box::new)
    }
}

macro_rules! shared_pointer {
    ($($p:ident),*) => {$(
        impl<T: ZeekType + ?Sized> ZeekType for $p<T> {
            #[inline]
            fn describe(out: &mut crate::codec::Layouts) {
                T::describe(out);
            }

            const ZEEK_TYPE: ZeekTypeName = T::ZEEK_TYPE;
            const OPTIONAL: bool = T::OPTIONAL;
            #[inline]
            fn encode(&self, w: &mut Writer) {
                (**self).encode(w);
            }
        }
        impl<T: ZeekDecode> ZeekDecode for $p<T> {
            const WIRE_TAG: Option<DataType> = T::WIRE_TAG;
            #[inline]
            fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
                T::decode_payload(r, tag).map($p::new)
            }
            fn absent() -> Option<Self> {
                T::absent().map($p::new)
            }
        }
        impl ZeekDecode for $p<str> {
            const WIRE_TAG: Option<DataType> = Some(DataType::String);
            #[inline]
            fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
                expect(r, tag, DataType::String, &Self::ZEEK_TYPE)?;
                Ok($p::from(&*r.read_str()?))
            }
        }
    )*};
}
shared_pointer!(Arc, Rc);

impl<T: ZeekType + ?Sized> ZeekType for &T {
    #[inline]
    fn describe(out: &mut crate::codec::Layouts) {
        T::describe(out);
    }

    const ZEEK_TYPE: ZeekTypeName = T::ZEEK_TYPE;
    const OPTIONAL: bool = T::OPTIONAL;
    #[inline]
    fn encode(&self, w: &mut Writer) {
        (**self).encode(w);
    }
}
