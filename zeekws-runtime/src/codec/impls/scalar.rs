//! Booleans, integers, floats and strings.

use super::*;

// ---- scalars -------------------------------------------------------------------------------

impl ZeekType for bool {
    const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::Bool;
    #[inline]
    fn encode(&self, w: &mut Writer) {
        w.boolean(*self);
    }
}
impl ZeekDecode for bool {
    const WIRE_TAG: Option<DataType> = Some(DataType::Boolean);
    #[inline]
    fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
        expect(r, tag, DataType::Boolean, &Self::ZEEK_TYPE)?;
        r.read_bool()
    }
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl ZeekType for $t {
            const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::Count;
            #[inline]
            fn encode(&self, w: &mut Writer) {
                w.count(*self as u64);
            }
        }
        impl ZeekDecode for $t {
            const WIRE_TAG: Option<DataType> = Some(DataType::Count);
            #[inline]
            fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
                expect(r, tag, DataType::Count, &Self::ZEEK_TYPE)?;
                let n = r.read_count()?;
                <$t>::try_from(n).map_err(|_| {
                    r.error(ErrorKind::OutOfRange { what: stringify!($t), text: n.to_string() })
                })
            }
        }
    )*};
}
unsigned!(u8, u16, u32, u64, usize);

macro_rules! signed {
    ($($t:ty),*) => {$(
        impl ZeekType for $t {
            const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::Int;
            #[inline]
            fn encode(&self, w: &mut Writer) {
                w.integer(*self as i64);
            }
        }
        impl ZeekDecode for $t {
            const WIRE_TAG: Option<DataType> = Some(DataType::Integer);
            #[inline]
            fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
                expect(r, tag, DataType::Integer, &Self::ZEEK_TYPE)?;
                let n = r.read_integer()?;
                <$t>::try_from(n).map_err(|_| {
                    r.error(ErrorKind::OutOfRange { what: stringify!($t), text: n.to_string() })
                })
            }
        }
    )*};
}
signed!(i8, i16, i32, i64, isize);

impl ZeekType for f64 {
    const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::Double;
    #[inline]
    fn encode(&self, w: &mut Writer) {
        w.real(*self);
    }
}
impl ZeekDecode for f64 {
    const WIRE_TAG: Option<DataType> = Some(DataType::Real);
    #[inline]
    fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
        expect(r, tag, DataType::Real, &Self::ZEEK_TYPE)?;
        r.read_real()
    }
}

impl ZeekType for f32 {
    const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::Double;
    #[inline]
    fn encode(&self, w: &mut Writer) {
        w.real(f64::from(*self));
    }
}
impl ZeekDecode for f32 {
    const WIRE_TAG: Option<DataType> = Some(DataType::Real);
    /// Rounds to the nearest `f32`.
    #[inline]
    fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
        expect(r, tag, DataType::Real, &Self::ZEEK_TYPE)?;
        Ok(r.read_real()? as f32)
    }
}

// ---- strings -------------------------------------------------------------------------------

impl ZeekType for str {
    const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::String;
    #[inline]
    fn encode(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ZeekType for String {
    const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::String;
    #[inline]
    fn encode(&self, w: &mut Writer) {
        w.string(self);
    }
}
impl ZeekDecode for String {
    const WIRE_TAG: Option<DataType> = Some(DataType::String);
    #[inline]
    fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
        expect(r, tag, DataType::String, &Self::ZEEK_TYPE)?;
        Ok(r.read_str()?.into_owned())
    }
}

// `Box<str>` encodes through the `Box<T: ?Sized>` impl.
impl ZeekDecode for Box<str> {
    const WIRE_TAG: Option<DataType> = Some(DataType::String);
    #[inline]
    fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
        String::decode_payload(r, tag).map(String::into_boxed_str)
    }
}

impl ZeekType for Cow<'_, str> {
    const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::String;
    #[inline]
    fn encode(&self, w: &mut Writer) {
        w.string(self);
    }
}
impl ZeekDecode for Cow<'_, str> {
    const WIRE_TAG: Option<DataType> = Some(DataType::String);
    #[inline]
    fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
        expect(r, tag, DataType::String, &Self::ZEEK_TYPE)?;
        Ok(Cow::Owned(r.read_str()?.into_owned()))
    }
}
