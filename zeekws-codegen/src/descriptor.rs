//! [`TypeDesc`]: the one owned description of a Zeek type as it travels on the wire.
//!
//! The resolved model ([`Type`](crate::Type)) keeps what a script wrote (aliases, locations,
//! unresolved names); a `TypeDesc` keeps only what decides the wire layout and what a value
//! must be to convert to the type. The generator's schema checks, the runtime's type names
//! (`zeekws_runtime::ZeekTypeName` converts into it and renders through it) and MockZeek's
//! argument checks all speak this one type.

use std::fmt;

/// A Zeek type as the wire sees it: aliases looked through, records and enums by qualified
/// name, a composite index (`set[addr, port]`) as one [`TypeDesc::Tuple`].
///
/// `Display` renders Zeek's notation: `count`, `vector of string`, `set[addr,port]`,
/// `table[string] of count`, `Conn::Info`.
///
/// ```
/// use zeekws_codegen::TypeDesc;
///
/// let t = TypeDesc::table(
///     [TypeDesc::Addr, TypeDesc::Port],
///     TypeDesc::Vector(Box::new(TypeDesc::Named("Conn::Info".into()))),
/// );
/// assert_eq!(t.to_string(), "table[addr,port] of vector of Conn::Info");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TypeDesc {
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
    /// `any`: every Broker value.
    Any,
    /// A record or enum type by its qualified name (`Conn::Info`, `transport_proto`).
    Named(String),
    /// `vector of T`
    Vector(Box<TypeDesc>),
    /// `set[T]`; a composite index is a [`TypeDesc::Tuple`].
    Set(Box<TypeDesc>),
    /// `table[K] of V`; a composite index is a [`TypeDesc::Tuple`].
    Table(Box<TypeDesc>, Box<TypeDesc>),
    /// A composite index `[T1,T2,...]`.
    Tuple(Vec<TypeDesc>),
    /// A type no Broker value converts to as a plain datum (`opaque of x`, `file`, a function
    /// or an inline `record { .. }`), as Zeek writes it: only a dynamic value holds one.
    Opaque(String),
}

impl TypeDesc {
    /// `set[..]` over an index list: one type stands alone, several form a [`TypeDesc::Tuple`].
    pub fn set(index: impl IntoIterator<Item = TypeDesc>) -> TypeDesc {
        TypeDesc::Set(Box::new(Self::index(index)))
    }

    /// `table[..] of V` over an index list, as [`set`](Self::set) forms it.
    pub fn table(index: impl IntoIterator<Item = TypeDesc>, value: TypeDesc) -> TypeDesc {
        TypeDesc::Table(Box::new(Self::index(index)), Box::new(value))
    }

    fn index(index: impl IntoIterator<Item = TypeDesc>) -> TypeDesc {
        let mut items: Vec<TypeDesc> = index.into_iter().collect();
        if items.len() == 1 {
            items.remove(0)
        } else {
            TypeDesc::Tuple(items)
        }
    }

    /// The qualified name of a record or enum type.
    pub fn name(&self) -> Option<&str> {
        match self {
            TypeDesc::Named(n) => Some(n),
            _ => None,
        }
    }
}

fn index(f: &mut fmt::Formatter<'_>, t: &TypeDesc) -> fmt::Result {
    match t {
        TypeDesc::Tuple(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    f.write_str(",")?;
                }
                write!(f, "{item}")?;
            }
            Ok(())
        }
        other => write!(f, "{other}"),
    }
}

impl fmt::Display for TypeDesc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeDesc::Bool => f.write_str("bool"),
            TypeDesc::Count => f.write_str("count"),
            TypeDesc::Int => f.write_str("int"),
            TypeDesc::Double => f.write_str("double"),
            TypeDesc::Time => f.write_str("time"),
            TypeDesc::Interval => f.write_str("interval"),
            TypeDesc::String => f.write_str("string"),
            TypeDesc::Addr => f.write_str("addr"),
            TypeDesc::Subnet => f.write_str("subnet"),
            TypeDesc::Port => f.write_str("port"),
            TypeDesc::Pattern => f.write_str("pattern"),
            TypeDesc::Any => f.write_str("any"),
            TypeDesc::Named(n) | TypeDesc::Opaque(n) => f.write_str(n),
            TypeDesc::Vector(t) => write!(f, "vector of {t}"),
            TypeDesc::Set(t) => {
                f.write_str("set[")?;
                index(f, t)?;
                f.write_str("]")
            }
            TypeDesc::Table(k, v) => {
                f.write_str("table[")?;
                index(f, k)?;
                write!(f, "] of {v}")
            }
            TypeDesc::Tuple(_) => {
                f.write_str("[")?;
                index(f, self)?;
                f.write_str("]")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TypeDesc as T;

    #[test]
    fn renders_zeek_notation() {
        assert_eq!(
            T::Vector(Box::new(T::String)).to_string(),
            "vector of string"
        );
        assert_eq!(T::set([T::Addr, T::Port]).to_string(), "set[addr,port]");
        assert_eq!(T::set([T::Count]).to_string(), "set[count]");
        assert_eq!(
            T::table([T::Count, T::String], T::Named("App::Inner".into())).to_string(),
            "table[count,string] of App::Inner"
        );
        assert_eq!(
            T::Opaque("opaque of md5".into()).to_string(),
            "opaque of md5"
        );
    }
}
