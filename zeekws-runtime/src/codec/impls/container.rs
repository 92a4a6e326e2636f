//! Sequences, sets, tables and tuples.

use super::*;

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
    #[inline]
    fn describe(out: &mut crate::codec::Layouts) {
        T::describe(out);
    }

    const ZEEK_TYPE: ZeekTypeName = ZeekTypeName::Vector(&T::ZEEK_TYPE);
    fn encode(&self, w: &mut Writer) {
        w.begin_vector();
        encode_seq(w, self.iter());
    }
}

impl<T: ZeekType> ZeekType for Vec<T> {
    #[inline]
    fn describe(out: &mut crate::codec::Layouts) {
        T::describe(out);
    }

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
    #[inline]
    fn describe(out: &mut crate::codec::Layouts) {
        T::describe(out);
    }

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
    #[inline]
    fn describe(out: &mut crate::codec::Layouts) {
        T::describe(out);
    }

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
    #[inline]
    fn describe(out: &mut crate::codec::Layouts) {
        T::describe(out);
    }

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
    #[inline]
    fn describe(out: &mut crate::codec::Layouts) {
        K::describe(out);
        V::describe(out);
    }

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
    #[inline]
    fn describe(out: &mut crate::codec::Layouts) {
        K::describe(out);
        V::describe(out);
    }

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
            #[inline]
            fn describe(out: &mut crate::codec::Layouts) {
                $($t::describe(out);)+
            }

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
