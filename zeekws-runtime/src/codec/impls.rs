//! [`ZeekType`] and [`ZeekDecode`] for std types and the data model.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{BuildHasher, Hash};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::{ZeekDecode, ZeekType, ZeekTypeName};
use crate::net::{Port, Subnet};
use crate::time::{Timespan, Timestamp};
use crate::value::{DataType, Value};
use crate::wire::{DecodeError, ErrorKind, Reader, Writer};

type Result<T> = std::result::Result<T, DecodeError>;

#[inline]
fn expect(r: &Reader<'_>, tag: DataType, want: DataType, name: &ZeekTypeName) -> Result<()> {
    if tag == want {
        Ok(())
    } else {
        Err(r.mismatch(name, tag))
    }
}

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

// ---- network and time ----------------------------------------------------------------------

macro_rules! simple {
    ($t:ty, $name:expr, $tag:expr, |$s:ident, $w:ident| $enc:expr, |$r:ident| $dec:expr) => {
        impl ZeekType for $t {
            const ZEEK_TYPE: ZeekTypeName = $name;
            #[inline]
            fn encode(&self, $w: &mut Writer) {
                let $s = self;
                $enc
            }
        }
        impl ZeekDecode for $t {
            const WIRE_TAG: Option<DataType> = Some($tag);
            #[inline]
            fn decode_payload($r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
                expect($r, tag, $tag, &Self::ZEEK_TYPE)?;
                $dec
            }
        }
    };
}

simple!(
    IpAddr,
    ZeekTypeName::Addr,
    DataType::Address,
    |s, w| w.address(s),
    |r| r.read_address()
);
simple!(
    Ipv4Addr,
    ZeekTypeName::Addr,
    DataType::Address,
    |s, w| w.address(&IpAddr::V4(*s)),
    |r| match r.read_address()? {
        IpAddr::V4(a) => Ok(a),
        IpAddr::V6(a) => Err(r.error(ErrorKind::InvalidValue {
            what: "address",
            reason: format!("{a} is not an IPv4 address"),
        })),
    }
);
simple!(
    Ipv6Addr,
    ZeekTypeName::Addr,
    DataType::Address,
    |s, w| w.address(&IpAddr::V6(*s)),
    |r| Ok(match r.read_address()? {
        IpAddr::V4(a) => a.to_ipv6_mapped(),
        IpAddr::V6(a) => a,
    })
);
simple!(
    Subnet,
    ZeekTypeName::Subnet,
    DataType::Subnet,
    |s, w| w.subnet(s),
    |r| r.read_subnet()
);
simple!(
    Port,
    ZeekTypeName::Port,
    DataType::Port,
    |s, w| w.port(s),
    |r| r.read_port()
);
simple!(
    Timestamp,
    ZeekTypeName::Time,
    DataType::Timestamp,
    |s, w| w.timestamp(s),
    |r| r.read_timestamp()
);
simple!(
    Timespan,
    ZeekTypeName::Interval,
    DataType::Timespan,
    |s, w| w.timespan(s),
    |r| r.read_timespan()
);
simple!(
    SystemTime,
    ZeekTypeName::Time,
    DataType::Timestamp,
    // Times beyond the i64-nanosecond range (years 1677..2262) saturate.
    |s, w| w.timestamp(&Timestamp::try_from(*s).unwrap_or_else(|_| {
        if *s > SystemTime::UNIX_EPOCH {
            Timestamp::from_nanos(i64::MAX)
        } else {
            Timestamp::from_nanos(i64::MIN)
        }
    })),
    |r| Ok(SystemTime::from(r.read_timestamp()?))
);
simple!(
    Duration,
    ZeekTypeName::Interval,
    DataType::Timespan,
    // Durations beyond i64 nanoseconds (292 years) saturate.
    |s, w| w.timespan(&Timespan::try_from(*s).unwrap_or(Timespan::from_nanos(i64::MAX))),
    |r| {
        let t = r.read_timespan()?;
        Duration::try_from(t).map_err(|_| {
            r.error(ErrorKind::InvalidValue {
                what: "timespan",
                reason: format!("{t} is negative and cannot be a Duration"),
            })
        })
    }
);

// ---- wrappers ------------------------------------------------------------------------------

impl<T: ZeekType> ZeekType for Option<T> {
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
    const ZEEK_TYPE: ZeekTypeName = T::ZEEK_TYPE;
    const OPTIONAL: bool = T::OPTIONAL;
    #[inline]
    fn encode(&self, w: &mut Writer) {
        (**self).encode(w);
    }
}

/// Duplicates collapse, as in Broker, except under strict decoding (a Zeek 8 server refuses them).
#[inline]
fn check_duplicate(r: &Reader<'_>, fresh: bool) -> Result<()> {
    if !fresh && r.options().follows_zeek_server_rules() {
        return Err(r.error(ErrorKind::InvalidValue {
            what: "set",
            reason: "duplicate element".to_owned(),
        }));
    }
    Ok(())
}

// ---- containers ----------------------------------------------------------------------------

#[inline]
fn encode_seq<'a, T: ZeekType + 'a>(w: &mut Writer, items: impl Iterator<Item = &'a T>) {
    for (i, item) in items.enumerate() {
        if i > 0 {
            w.comma();
        }
        item.encode(w);
    }
    w.end_container();
}

impl<T: ZeekType> ZeekType for [T] {
    const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::Vector(&T::ZEEK_TYPE);
    fn encode(&self, w: &mut Writer) {
        w.begin_vector();
        encode_seq(w, self.iter());
    }
}

impl<T: ZeekType> ZeekType for Vec<T> {
    const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::Vector(&T::ZEEK_TYPE);
    fn encode(&self, w: &mut Writer) {
        self.as_slice().encode(w);
    }
}
impl<T: ZeekDecode> ZeekDecode for Vec<T> {
    const WIRE_TAG: Option<DataType> = Some(DataType::Vector);
    fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
        expect(r, tag, DataType::Vector, &Self::ZEEK_TYPE)?;
        let mut seq = r.begin_seq()?;
        let mut out = Vec::new();
        while r.next_element(&mut seq)? {
            out.push(T::decode(r)?);
        }
        Ok(out)
    }
}

impl<T: ZeekType, const N: usize> ZeekType for [T; N] {
    const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::Vector(&T::ZEEK_TYPE);
    fn encode(&self, w: &mut Writer) {
        self.as_slice().encode(w);
    }
}
impl<T: ZeekDecode, const N: usize> ZeekDecode for [T; N] {
    const WIRE_TAG: Option<DataType> = Some(DataType::Vector);
    fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
        let v = Vec::<T>::decode_payload(r, tag)?;
        let got = v.len();
        v.try_into().map_err(|_| r.length_error(N, got, false))
    }
}

impl<T: ZeekType> ZeekType for BTreeSet<T> {
    const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::Set(&T::ZEEK_TYPE);
    fn encode(&self, w: &mut Writer) {
        w.begin_set();
        encode_seq(w, self.iter());
    }
}
impl<T: ZeekDecode + Ord> ZeekDecode for BTreeSet<T> {
    const WIRE_TAG: Option<DataType> = Some(DataType::Set);
    fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
        expect(r, tag, DataType::Set, &Self::ZEEK_TYPE)?;
        let mut seq = r.begin_seq()?;
        let mut out = BTreeSet::new();
        while r.next_element(&mut seq)? {
            let fresh = out.insert(T::decode(r)?);
            check_duplicate(r, fresh)?;
        }
        Ok(out)
    }
}

impl<T: ZeekType, S> ZeekType for HashSet<T, S> {
    const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::Set(&T::ZEEK_TYPE);
    fn encode(&self, w: &mut Writer) {
        w.begin_set();
        encode_seq(w, self.iter());
    }
}
impl<T: ZeekDecode + Eq + Hash, S: BuildHasher + Default> ZeekDecode for HashSet<T, S> {
    const WIRE_TAG: Option<DataType> = Some(DataType::Set);
    fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
        expect(r, tag, DataType::Set, &Self::ZEEK_TYPE)?;
        let mut seq = r.begin_seq()?;
        let mut out = HashSet::default();
        while r.next_element(&mut seq)? {
            let fresh = out.insert(T::decode(r)?);
            check_duplicate(r, fresh)?;
        }
        Ok(out)
    }
}

#[inline]
fn encode_table<'a, K: ZeekType + 'a, V: ZeekType + 'a>(
    w: &mut Writer,
    entries: impl Iterator<Item = (&'a K, &'a V)>,
) {
    w.begin_table();
    for (i, (k, v)) in entries.enumerate() {
        if i > 0 {
            w.comma();
        }
        w.begin_entry();
        k.encode(w);
        w.entry_value();
        v.encode(w);
        w.end_entry();
    }
    w.end_container();
}

#[inline]
fn decode_table<K: ZeekDecode, V: ZeekDecode>(
    r: &mut Reader<'_>,
    tag: DataType,
    name: &ZeekTypeName,
    mut insert: impl FnMut(K, V),
) -> Result<()> {
    expect(r, tag, DataType::Table, name)?;
    let mut seq = r.begin_seq()?;
    while r.next_element(&mut seq)? {
        let mut entry = r.begin_entry()?;
        let k = K::decode(r)?;
        r.entry_value(&mut entry)?;
        let v = V::decode(r)?;
        r.end_entry(entry)?;
        insert(k, v);
    }
    Ok(())
}

impl<K: ZeekType, V: ZeekType> ZeekType for BTreeMap<K, V> {
    const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::Table(&K::ZEEK_TYPE, &V::ZEEK_TYPE);
    fn encode(&self, w: &mut Writer) {
        encode_table(w, self.iter());
    }
}
impl<K: ZeekDecode + Ord, V: ZeekDecode> ZeekDecode for BTreeMap<K, V> {
    const WIRE_TAG: Option<DataType> = Some(DataType::Table);
    fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
        let mut out = BTreeMap::new();
        decode_table(r, tag, &Self::ZEEK_TYPE, |k, v| {
            out.insert(k, v);
        })?;
        Ok(out)
    }
}

impl<K: ZeekType, V: ZeekType, S> ZeekType for HashMap<K, V, S> {
    const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::Table(&K::ZEEK_TYPE, &V::ZEEK_TYPE);
    fn encode(&self, w: &mut Writer) {
        encode_table(w, self.iter());
    }
}
impl<K: ZeekDecode + Eq + Hash, V: ZeekDecode, S: BuildHasher + Default> ZeekDecode
    for HashMap<K, V, S>
{
    const WIRE_TAG: Option<DataType> = Some(DataType::Table);
    fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
        let mut out = HashMap::default();
        decode_table(r, tag, &Self::ZEEK_TYPE, |k, v| {
            out.insert(k, v);
        })?;
        Ok(out)
    }
}

macro_rules! tuple {
    ($n:literal: $($t:ident $i:tt),+) => {
        impl<$($t: ZeekType),+> ZeekType for ($($t,)+) {
            const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::Tuple(&[$($t::ZEEK_TYPE),+]);
            fn encode(&self, w: &mut Writer) {
                w.begin_vector();
                let mut _first = true;
                $(
                    if !_first { w.comma(); }
                    _first = false;
                    self.$i.encode(w);
                )+
                w.end_container();
            }
        }
        impl<$($t: ZeekDecode),+> ZeekDecode for ($($t,)+) {
            const WIRE_TAG: Option<DataType> = Some(DataType::Vector);
            fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
                expect(r, tag, DataType::Vector, &Self::ZEEK_TYPE)?;
                let mut seq = r.begin_seq()?;
                let out = ($(
                    {
                        if !r.next_element(&mut seq)? {
                            return Err(r.length_error($n, $i, false));
                        }
                        $t::decode(r)?
                    },
                )+);
                if r.next_element(&mut seq)? {
                    r.skip_value()?;
                    let extra = 1 + r.skip_rest(&mut seq)?;
                    return Err(r.length_error($n, $n + extra, false));
                }
                Ok(out)
            }
        }
    };
}
tuple!(1: A 0);
tuple!(2: A 0, B 1);
tuple!(3: A 0, B 1, C 2);
tuple!(4: A 0, B 1, C 2, D 3);
tuple!(5: A 0, B 1, C 2, D 3, E 4);
tuple!(6: A 0, B 1, C 2, D 3, E 4, F 5);
tuple!(7: A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple!(8: A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);

// ---- the dynamic value ---------------------------------------------------------------------

impl ZeekType for Value {
    const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::Any;
    fn encode(&self, w: &mut Writer) {
        match self {
            Value::None => w.none(),
            Value::Boolean(b) => w.boolean(*b),
            Value::Count(n) => w.count(*n),
            Value::Integer(n) => w.integer(*n),
            Value::Real(x) => w.real(*x),
            Value::String(s) => w.string(s),
            Value::EnumValue(s) => w.enum_value(s),
            Value::Address(a) => w.address(a),
            Value::Subnet(s) => w.subnet(s),
            Value::Port(p) => w.port(p),
            Value::Timestamp(t) => w.timestamp(t),
            Value::Timespan(t) => w.timespan(t),
            Value::Vector(v) => v.encode(w),
            Value::Set(s) => s.encode(w),
            Value::Table(t) => t.encode(w),
        }
    }
}

impl ZeekDecode for Value {
    fn decode_payload(r: &mut Reader<'_>, tag: DataType) -> Result<Self> {
        Ok(match tag {
            DataType::None => {
                r.skip_payload()?;
                Value::None
            }
            DataType::Boolean => Value::Boolean(r.read_bool()?),
            DataType::Count => Value::Count(r.read_count()?),
            DataType::Integer => Value::Integer(r.read_integer()?),
            DataType::Real => Value::Real(r.read_real()?),
            DataType::String => Value::String(r.read_str()?.into_owned()),
            DataType::EnumValue => Value::EnumValue(r.read_str()?.into_owned()),
            DataType::Address => Value::Address(r.read_address()?),
            DataType::Subnet => Value::Subnet(r.read_subnet()?),
            DataType::Port => Value::Port(r.read_port()?),
            DataType::Timestamp => Value::Timestamp(r.read_timestamp()?),
            DataType::Timespan => Value::Timespan(r.read_timespan()?),
            DataType::Vector => Value::Vector(Vec::decode_payload(r, tag)?),
            DataType::Set => Value::Set(BTreeSet::decode_payload(r, tag)?),
            DataType::Table => Value::Table(BTreeMap::decode_payload(r, tag)?),
        })
    }
}
