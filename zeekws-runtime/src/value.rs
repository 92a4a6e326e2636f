//! The dynamic Broker data model: [`Value`] and its [`DataType`] tag.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::net::IpAddr;

use crate::net::{Port, Subnet, addr_octets16};
use crate::time::{Timespan, Timestamp};

/// One of the 15 Broker data types, as named by `@data-type` on the wire.
///
/// The declaration order is Broker's own type order (`broker::data`'s variant index), which
/// is how Zeek sorts the elements of mixed sets and tables; [`Value`]'s [`Ord`] follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DataType {
    /// `none`: no value (an unset `&optional` record field).
    None,
    /// `boolean`
    Boolean,
    /// `count`: unsigned 64-bit.
    Count,
    /// `integer`: signed 64-bit.
    Integer,
    /// `real`: IEEE double.
    Real,
    /// `string`
    String,
    /// `address`: IPv4 or IPv6.
    Address,
    /// `subnet`
    Subnet,
    /// `port`
    Port,
    /// `timestamp`
    Timestamp,
    /// `timespan`
    Timespan,
    /// `enum-value`
    EnumValue,
    /// `set`
    Set,
    /// `table`
    Table,
    /// `vector`
    Vector,
}

impl DataType {
    /// Every data type, in Broker's order.
    pub const ALL: [DataType; 15] = [
        DataType::None,
        DataType::Boolean,
        DataType::Count,
        DataType::Integer,
        DataType::Real,
        DataType::String,
        DataType::Address,
        DataType::Subnet,
        DataType::Port,
        DataType::Timestamp,
        DataType::Timespan,
        DataType::EnumValue,
        DataType::Set,
        DataType::Table,
        DataType::Vector,
    ];

    /// The `@data-type` string, e.g. `"enum-value"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            DataType::None => "none",
            DataType::Boolean => "boolean",
            DataType::Count => "count",
            DataType::Integer => "integer",
            DataType::Real => "real",
            DataType::String => "string",
            DataType::Address => "address",
            DataType::Subnet => "subnet",
            DataType::Port => "port",
            DataType::Timestamp => "timestamp",
            DataType::Timespan => "timespan",
            DataType::EnumValue => "enum-value",
            DataType::Set => "set",
            DataType::Table => "table",
            DataType::Vector => "vector",
        }
    }

    /// Looks a `@data-type` string up (exact, case-sensitive, as Broker does).
    pub fn from_name(name: &str) -> Option<DataType> {
        Self::from_bytes(name.as_bytes())
    }

    pub(crate) fn from_bytes(name: &[u8]) -> Option<DataType> {
        Some(match name {
            b"none" => DataType::None,
            b"boolean" => DataType::Boolean,
            b"count" => DataType::Count,
            b"integer" => DataType::Integer,
            b"real" => DataType::Real,
            b"string" => DataType::String,
            b"address" => DataType::Address,
            b"subnet" => DataType::Subnet,
            b"port" => DataType::Port,
            b"timestamp" => DataType::Timestamp,
            b"timespan" => DataType::Timespan,
            b"enum-value" => DataType::EnumValue,
            b"set" => DataType::Set,
            b"table" => DataType::Table,
            b"vector" => DataType::Vector,
            _ => return None,
        })
    }

    /// True for `vector`, `set` and `table`.
    pub const fn is_container(self) -> bool {
        matches!(self, DataType::Set | DataType::Table | DataType::Vector)
    }
}

impl fmt::Display for DataType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A Broker value: what travels inside every `{"@data-type": T, "data": V}` object.
///
/// Sets and tables are ordered by [`Value`]'s total order (Broker's: first by data type, then
/// by value), so a set can never hold duplicates and a decoded Zeek set re-encodes in the order
/// Zeek wrote it. Reals compare with [`f64::total_cmp`], so `NaN` equals itself and `-0.0` sorts
/// before `0.0`; IPv4 addresses compare as their IPv4-mapped IPv6 form, as in Zeek.
#[derive(Debug, Clone, Default)]
pub enum Value {
    /// `none`
    #[default]
    None,
    /// `boolean`
    Boolean(bool),
    /// `count`
    Count(u64),
    /// `integer`
    Integer(i64),
    /// `real`
    Real(f64),
    /// `string` (Zeek strings are bytes; invalid UTF-8 from the wire is replaced by U+FFFD)
    String(String),
    /// `address`
    Address(IpAddr),
    /// `subnet`
    Subnet(Subnet),
    /// `port`
    Port(Port),
    /// `timestamp`
    Timestamp(Timestamp),
    /// `timespan`
    Timespan(Timespan),
    /// `enum-value`: the name as Zeek writes it (`"Notice::ACTION_LOG"`, or `"tcp"` for GLOBAL enums)
    EnumValue(String),
    /// `set`
    Set(BTreeSet<Value>),
    /// `table`
    Table(BTreeMap<Value, Value>),
    /// `vector` (also records, patterns, and Zeek's event envelope)
    Vector(Vec<Value>),
}

impl Value {
    /// This value's data type.
    pub const fn data_type(&self) -> DataType {
        match self {
            Value::None => DataType::None,
            Value::Boolean(_) => DataType::Boolean,
            Value::Count(_) => DataType::Count,
            Value::Integer(_) => DataType::Integer,
            Value::Real(_) => DataType::Real,
            Value::String(_) => DataType::String,
            Value::Address(_) => DataType::Address,
            Value::Subnet(_) => DataType::Subnet,
            Value::Port(_) => DataType::Port,
            Value::Timestamp(_) => DataType::Timestamp,
            Value::Timespan(_) => DataType::Timespan,
            Value::EnumValue(_) => DataType::EnumValue,
            Value::Set(_) => DataType::Set,
            Value::Table(_) => DataType::Table,
            Value::Vector(_) => DataType::Vector,
        }
    }

    /// True for [`Value::None`].
    pub const fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// The count, if this is a `count`.
    pub const fn as_count(&self) -> Option<u64> {
        match self {
            Value::Count(n) => Some(*n),
            _ => None,
        }
    }

    /// The integer, if this is an `integer`.
    pub const fn as_integer(&self) -> Option<i64> {
        match self {
            Value::Integer(n) => Some(*n),
            _ => None,
        }
    }

    /// The real, if this is a `real`.
    pub const fn as_real(&self) -> Option<f64> {
        match self {
            Value::Real(n) => Some(*n),
            _ => None,
        }
    }

    /// The boolean, if this is a `boolean`.
    pub const fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Boolean(b) => Some(*b),
            _ => None,
        }
    }

    /// The text, if this is a `string`.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The name, if this is an `enum-value`.
    pub fn as_enum(&self) -> Option<&str> {
        match self {
            Value::EnumValue(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if this is a `vector`.
    pub fn as_vector(&self) -> Option<&[Value]> {
        match self {
            Value::Vector(v) => Some(v),
            _ => None,
        }
    }

    /// The elements, if this is a `set`.
    pub fn as_set(&self) -> Option<&BTreeSet<Value>> {
        match self {
            Value::Set(v) => Some(v),
            _ => None,
        }
    }

    /// The entries, if this is a `table`.
    pub fn as_table(&self) -> Option<&BTreeMap<Value, Value>> {
        match self {
            Value::Table(v) => Some(v),
            _ => None,
        }
    }

    /// The address, if this is an `address`.
    pub const fn as_address(&self) -> Option<IpAddr> {
        match self {
            Value::Address(a) => Some(*a),
            _ => None,
        }
    }

    /// The timestamp, if this is a `timestamp`.
    pub const fn as_timestamp(&self) -> Option<Timestamp> {
        match self {
            Value::Timestamp(t) => Some(*t),
            _ => None,
        }
    }

    /// The timespan, if this is a `timespan`.
    pub const fn as_timespan(&self) -> Option<Timespan> {
        match self {
            Value::Timespan(t) => Some(*t),
            _ => None,
        }
    }

    /// The port, if this is a `port`.
    pub const fn as_port(&self) -> Option<Port> {
        match self {
            Value::Port(p) => Some(*p),
            _ => None,
        }
    }

    /// The subnet, if this is a `subnet`.
    pub const fn as_subnet(&self) -> Option<Subnet> {
        match self {
            Value::Subnet(s) => Some(*s),
            _ => None,
        }
    }

    /// Builds a `set` from any values (duplicates collapse, as in Zeek).
    pub fn set<I: IntoIterator<Item = Value>>(items: I) -> Value {
        Value::Set(items.into_iter().collect())
    }

    /// Builds a `table` from key/value pairs (a repeated key keeps the last value).
    pub fn table<I: IntoIterator<Item = (Value, Value)>>(items: I) -> Value {
        Value::Table(items.into_iter().collect())
    }

    /// Builds a `vector`.
    pub fn vector<I: IntoIterator<Item = Value>>(items: I) -> Value {
        Value::Vector(items.into_iter().collect())
    }

    /// Builds an `enum-value`.
    pub fn enum_value(name: impl Into<String>) -> Value {
        Value::EnumValue(name.into())
    }
}

impl PartialEq for Value {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Value {}

impl PartialOrd for Value {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Value {
    fn cmp(&self, other: &Self) -> Ordering {
        use Value as V;
        match (self, other) {
            (V::None, V::None) => Ordering::Equal,
            (V::Boolean(a), V::Boolean(b)) => a.cmp(b),
            (V::Count(a), V::Count(b)) => a.cmp(b),
            (V::Integer(a), V::Integer(b)) => a.cmp(b),
            (V::Real(a), V::Real(b)) => a.total_cmp(b),
            (V::String(a), V::String(b)) => a.cmp(b),
            (V::Address(a), V::Address(b)) => addr_octets16(a).cmp(&addr_octets16(b)),
            (V::Subnet(a), V::Subnet(b)) => a.cmp(b),
            (V::Port(a), V::Port(b)) => a.cmp(b),
            (V::Timestamp(a), V::Timestamp(b)) => a.cmp(b),
            (V::Timespan(a), V::Timespan(b)) => a.cmp(b),
            (V::EnumValue(a), V::EnumValue(b)) => a.cmp(b),
            (V::Set(a), V::Set(b)) => a.cmp(b),
            (V::Table(a), V::Table(b)) => a.cmp(b),
            (V::Vector(a), V::Vector(b)) => a.cmp(b),
            _ => self.data_type().cmp(&other.data_type()),
        }
    }
}

impl Hash for Value {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.data_type().hash(state);
        match self {
            Value::None => {}
            Value::Boolean(b) => b.hash(state),
            Value::Count(n) => n.hash(state),
            Value::Integer(n) => n.hash(state),
            Value::Real(r) => r.to_bits().hash(state),
            Value::String(s) | Value::EnumValue(s) => s.hash(state),
            Value::Address(a) => addr_octets16(a).hash(state),
            Value::Subnet(s) => s.hash(state),
            Value::Port(p) => p.hash(state),
            Value::Timestamp(t) => t.hash(state),
            Value::Timespan(t) => t.hash(state),
            Value::Set(s) => s.hash(state),
            Value::Table(t) => t.hash(state),
            Value::Vector(v) => v.hash(state),
        }
    }
}

/// Zeek script notation, for people: `T`, `42`, `"text"`, `10.0.0.0/8`, `80/tcp`,
/// `[1, 2]` (vector), `{1, 2}` (set), `{[k] = v}` (table), `-` for none.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn list<'a>(
            f: &mut fmt::Formatter<'_>,
            open: &str,
            close: &str,
            items: impl Iterator<Item = &'a Value>,
        ) -> fmt::Result {
            f.write_str(open)?;
            for (i, v) in items.enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{v}")?;
            }
            f.write_str(close)
        }
        match self {
            Value::None => f.write_str("-"),
            Value::Boolean(b) => f.write_str(if *b { "T" } else { "F" }),
            Value::Count(n) => write!(f, "{n}"),
            Value::Integer(n) => write!(f, "{n}"),
            Value::Real(r) => write!(f, "{r:?}"),
            Value::String(s) => write!(f, "{s:?}"),
            Value::Address(a) => write!(f, "{}", a.to_canonical()),
            Value::Subnet(s) => write!(f, "{s}"),
            Value::Port(p) => write!(f, "{p}"),
            Value::Timestamp(t) => write!(f, "{t}"),
            Value::Timespan(t) => write!(f, "{t}"),
            Value::EnumValue(e) => f.write_str(e),
            Value::Vector(v) => list(f, "[", "]", v.iter()),
            Value::Set(s) => list(f, "{", "}", s.iter()),
            Value::Table(t) => {
                f.write_str("{")?;
                for (i, (k, v)) in t.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    match k {
                        Value::Vector(parts) => list(f, "[", "]", parts.iter())?,
                        k => write!(f, "[{k}]")?,
                    }
                    write!(f, " = {v}")?;
                }
                f.write_str("}")
            }
        }
    }
}

macro_rules! from_impls {
    ($($t:ty => $variant:ident),* $(,)?) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Value {
                Value::$variant(v.into())
            }
        }
    )*};
}

from_impls! {
    bool => Boolean,
    u8 => Count, u16 => Count, u32 => Count, u64 => Count,
    i8 => Integer, i16 => Integer, i32 => Integer, i64 => Integer,
    f32 => Real, f64 => Real,
    String => String, &str => String,
    IpAddr => Address, std::net::Ipv4Addr => Address, std::net::Ipv6Addr => Address,
    Subnet => Subnet, Port => Port, Timestamp => Timestamp, Timespan => Timespan,
    Vec<Value> => Vector, BTreeSet<Value> => Set, BTreeMap<Value, Value> => Table,
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::None, Into::into)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_type_names_round_trip() {
        for t in DataType::ALL {
            assert_eq!(DataType::from_name(t.as_str()), Some(t));
        }
        assert_eq!(DataType::from_name("money"), None);
        assert_eq!(DataType::from_name("Count"), None);
    }

    #[test]
    fn order_is_by_type_then_value() {
        let mut v = vec![
            Value::Vector(vec![]),
            Value::String("b".into()),
            Value::Count(2),
            Value::None,
            Value::String("a".into()),
            Value::Integer(-1),
            Value::Count(1),
        ];
        v.sort();
        assert_eq!(
            v,
            vec![
                Value::None,
                Value::Count(1),
                Value::Count(2),
                Value::Integer(-1),
                Value::String("a".into()),
                Value::String("b".into()),
                Value::Vector(vec![]),
            ]
        );
    }

    #[test]
    fn ipv4_and_mapped_ipv6_are_the_same_address() {
        let a = Value::Address("10.0.0.1".parse().unwrap());
        let b = Value::Address("::ffff:10.0.0.1".parse().unwrap());
        assert_eq!(a, b);
        let set = Value::set([a, b]);
        assert_eq!(set.as_set().unwrap().len(), 1);
        // v4 sorts where its mapped form sorts: above ::1, below 2001:db8::
        let low = Value::Address("::1".parse().unwrap());
        let high = Value::Address("2001:db8::".parse().unwrap());
        let v4 = Value::Address("10.0.0.1".parse().unwrap());
        assert!(low < v4 && v4 < high);
    }

    #[test]
    fn reals_have_a_total_order() {
        assert_eq!(Value::Real(f64::NAN), Value::Real(f64::NAN));
        assert!(Value::Real(-0.0) < Value::Real(0.0));
        assert!(Value::Real(f64::NEG_INFINITY) < Value::Real(-1e300));
    }

    #[test]
    fn display_uses_zeek_notation() {
        let v = Value::vector([
            Value::from(true),
            Value::from(3u64),
            Value::from("x"),
            Value::None,
            Value::set([Value::from(1u64), Value::from(2u64)]),
            Value::table([(Value::from("k"), Value::from(1u64))]),
        ]);
        assert_eq!(
            v.to_string(),
            r#"[T, 3, "x", -, {1, 2}, {[k] = 1}]"#.replace("[k]", "[\"k\"]")
        );
    }
}
