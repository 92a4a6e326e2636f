//! [`ZeekType`] and [`ZeekDecode`] for std types and the data model, one file per family:
//! `scalar.rs` (bool, integers, floats, strings), `data.rs` (addresses, ports, subnets, time
//! and the dynamic `Value`), `wrapper.rs` (`Option`, `Box`, `Rc`, `Arc`, references),
//! `container.rs` (sequences, sets, tables, tuples).

mod container;
mod data;
mod scalar;
mod wrapper;

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
pub(super) fn expect(
    r: &Reader<'_>,
    tag: DataType,
    want: DataType,
    name: &ZeekTypeName,
) -> Result<()> {
    if tag == want {
        Ok(())
    } else {
        Err(r.mismatch(name, tag))
    }
}

/// Duplicates collapse, as in Broker, except under strict decoding (a Zeek 8 server refuses them).
#[inline]
pub(super) fn check_duplicate(r: &Reader<'_>, fresh: bool) -> Result<()> {
    if !fresh && r.options().follows_zeek_server_rules() {
        return Err(r.error(ErrorKind::InvalidValue {
            what: "set",
            reason: "duplicate element".to_owned(),
        }));
    }
    Ok(())
}
