//! The data model's own types (addresses, ports, subnets, time) and the dynamic `Value`.

use super::*;

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
