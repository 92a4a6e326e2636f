//! [`ZeekTypeName`]: a Zeek type as a compile-time constant tree.

use std::fmt;

use zeekws_codegen::TypeDesc;

/// A Zeek type, built at compile time by each [`ZeekType`](super::ZeekType) implementation.
///
/// `Display` renders Zeek's notation: `count`, `vector of string`, `set[addr,port]`,
/// `table[string] of count`, `Conn::Info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ZeekTypeName {
    /// `bool`
    Bool,
    /// `count`
    Count,
    /// `int`
    Int,
    /// `double`
    Double,
    /// `time`
    Time,
    /// `interval`
    Interval,
    /// `string`
    String,
    /// `addr`
    Addr,
    /// `subnet`
    Subnet,
    /// `port`
    Port,
    /// `pattern`
    Pattern,
    /// `any`: a dynamic [`Value`](crate::Value) that accepts every Broker value.
    Any,
    /// A named record or enum type, qualified as Zeek names it (`Conn::Info`, `transport_proto`).
    Named(&'static str),
    /// `vector of T`
    Vector(&'static ZeekTypeName),
    /// `set[T]`; a composite index is a [`ZeekTypeName::Tuple`].
    Set(&'static ZeekTypeName),
    /// `table[K] of V`; a composite index is a [`ZeekTypeName::Tuple`].
    Table(&'static ZeekTypeName, &'static ZeekTypeName),
    /// A composite index `[T1,T2,...]` (a Rust tuple).
    Tuple(&'static [ZeekTypeName]),
}

impl ZeekTypeName {
    /// Structural equality usable in `const` context (schema checks run at compile time).
    pub const fn same(&self, other: &ZeekTypeName) -> bool {
        use ZeekTypeName as T;
        match (self, other) {
            (T::Named(a), T::Named(b)) => str_eq(a, b),
            (T::Vector(a), T::Vector(b)) | (T::Set(a), T::Set(b)) => a.same(b),
            (T::Table(ka, va), T::Table(kb, vb)) => ka.same(kb) && va.same(vb),
            (T::Tuple(a), T::Tuple(b)) => {
                if a.len() != b.len() {
                    return false;
                }
                let mut i = 0;
                while i < a.len() {
                    if !a[i].same(&b[i]) {
                        return false;
                    }
                    i += 1;
                }
                true
            }
            _ => self.leaf_index() != usize::MAX && self.leaf_index() == other.leaf_index(),
        }
    }

    /// Whether a Rust type of this Zeek type can hold a value declared in Zeek as `declared`
    /// (the rule of `#[zeek(schema = ..)]` checks): the same structure, where [`Any`]
    /// (a dynamic [`Value`](crate::Value)) on this side stands for any declared type at any
    /// depth (`Vec<Value>` holds a `vector of Conn::Info`). The reverse does not hold: a
    /// declared `any`, `opaque`, `file` or function needs a `Value`.
    ///
    /// [`Any`]: ZeekTypeName::Any
    pub const fn conforms_to(&self, declared: &ZeekTypeName) -> bool {
        use ZeekTypeName as T;
        match (self, declared) {
            (T::Any, _) => true,
            (T::Vector(a), T::Vector(b)) | (T::Set(a), T::Set(b)) => a.conforms_to(b),
            (T::Table(ka, va), T::Table(kb, vb)) => ka.conforms_to(kb) && va.conforms_to(vb),
            (T::Tuple(a), T::Tuple(b)) => {
                if a.len() != b.len() {
                    return false;
                }
                let mut i = 0;
                while i < a.len() {
                    if !a[i].conforms_to(&b[i]) {
                        return false;
                    }
                    i += 1;
                }
                true
            }
            _ => self.same(declared),
        }
    }

    const fn leaf_index(&self) -> usize {
        match self {
            ZeekTypeName::Bool => 0,
            ZeekTypeName::Count => 1,
            ZeekTypeName::Int => 2,
            ZeekTypeName::Double => 3,
            ZeekTypeName::Time => 4,
            ZeekTypeName::Interval => 5,
            ZeekTypeName::String => 6,
            ZeekTypeName::Addr => 7,
            ZeekTypeName::Subnet => 8,
            ZeekTypeName::Port => 9,
            ZeekTypeName::Pattern => 10,
            ZeekTypeName::Any => 11,
            _ => usize::MAX,
        }
    }
}

/// `const` string equality.
pub(crate) const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl ZeekTypeName {
    /// The owned descriptor of this type, the form the generator, the schema checks and
    /// MockZeek share.
    ///
    /// ```
    /// use zeekws_runtime::{TypeDesc, ZeekType, ZeekTypeName};
    ///
    /// let t = <std::collections::BTreeSet<(std::net::IpAddr, zeekws_runtime::Port)>>::ZEEK_TYPE;
    /// assert_eq!(t.descriptor(), TypeDesc::set([TypeDesc::Addr, TypeDesc::Port]));
    /// # let _: ZeekTypeName = t;
    /// ```
    pub fn descriptor(&self) -> TypeDesc {
        TypeDesc::from(self)
    }
}

impl From<&ZeekTypeName> for TypeDesc {
    fn from(t: &ZeekTypeName) -> TypeDesc {
        match *t {
            ZeekTypeName::Bool => TypeDesc::Bool,
            ZeekTypeName::Count => TypeDesc::Count,
            ZeekTypeName::Int => TypeDesc::Int,
            ZeekTypeName::Double => TypeDesc::Double,
            ZeekTypeName::Time => TypeDesc::Time,
            ZeekTypeName::Interval => TypeDesc::Interval,
            ZeekTypeName::String => TypeDesc::String,
            ZeekTypeName::Addr => TypeDesc::Addr,
            ZeekTypeName::Subnet => TypeDesc::Subnet,
            ZeekTypeName::Port => TypeDesc::Port,
            ZeekTypeName::Pattern => TypeDesc::Pattern,
            ZeekTypeName::Any => TypeDesc::Any,
            ZeekTypeName::Named(n) => TypeDesc::Named(n.to_owned()),
            ZeekTypeName::Vector(t) => TypeDesc::Vector(Box::new(t.into())),
            ZeekTypeName::Set(k) => TypeDesc::Set(Box::new(k.into())),
            ZeekTypeName::Table(k, v) => TypeDesc::Table(Box::new(k.into()), Box::new(v.into())),
            ZeekTypeName::Tuple(items) => TypeDesc::Tuple(items.iter().map(Into::into).collect()),
        }
    }
}

impl From<ZeekTypeName> for TypeDesc {
    fn from(t: ZeekTypeName) -> TypeDesc {
        TypeDesc::from(&t)
    }
}

/// Zeek's notation, rendered by the [`TypeDesc`] this converts to.
impl fmt::Display for ZeekTypeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZeekTypeName::Named(n) => f.write_str(n),
            other => fmt::Display::fmt(&other.descriptor(), f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ZeekTypeName as T;

    #[test]
    fn renders_zeek_notation() {
        assert_eq!(T::Vector(&T::String).to_string(), "vector of string");
        assert_eq!(
            T::Set(&T::Tuple(&[T::Addr, T::Port])).to_string(),
            "set[addr,port]"
        );
        assert_eq!(
            T::Table(&T::Tuple(&[T::Count, T::String]), &T::Named("App::Inner")).to_string(),
            "table[count,string] of App::Inner"
        );
    }

    #[test]
    fn same_is_structural() {
        const A: T = T::Set(&T::Tuple(&[T::Addr, T::Port]));
        const B: T = T::Set(&T::Tuple(&[T::Addr, T::Port]));
        const C: T = T::Set(&T::Tuple(&[T::Addr, T::Count]));
        const _: () = assert!(A.same(&B) && !A.same(&C));
        assert!(T::Named("a").same(&T::Named("a")));
        assert!(!T::Named("a").same(&T::Named("b")));
        assert!(!T::Count.same(&T::Int));
    }

    #[test]
    fn any_conforms_to_everything_not_the_reverse() {
        const V: T = T::Vector(&T::Any);
        const _: () = assert!(V.conforms_to(&T::Vector(&T::Named("Conn::Info"))));
        assert!(T::Any.conforms_to(&T::Table(&T::String, &T::Count)));
        assert!(!T::Count.conforms_to(&T::Any));
        assert!(!V.conforms_to(&T::Set(&T::Count)));
        assert!(
            T::Table(&T::Tuple(&[T::Addr, T::Any]), &T::Any)
                .conforms_to(&T::Table(&T::Tuple(&[T::Addr, T::Port]), &T::Pattern))
        );
    }
}
