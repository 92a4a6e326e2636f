//! Broker `address`, `subnet` and `port` values (Zeek `addr`, `subnet`, `port`).
//!
//! Text forms, as Zeek emits them:
//!
//! * address: IPv4 (and IPv4-mapped IPv6, which is how Zeek stores IPv4) as a
//!   dotted quad `192.168.1.1`; other IPv6 in RFC 5952 form `2001:db8::1`.
//! * subnet: `<network>/<length>`, network masked: `10.0.0.0/8`, `2001:db8::/32`.
//! * port: `<number>/<proto>` with proto `tcp`, `udp`, `icmp` or `?`: `80/tcp`, `0/?`.
//!
//! Parsers refuse what Zeek would silently mangle (a port above 65535, a
//! prefix length too long for the family); [`Port::parse_wrapping`] imitates
//! Zeek's wrapping for the imitation server.

use std::cmp::Ordering;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

mod addr;
mod error;
mod port;
mod subnet;

pub(crate) use addr::*;
pub use error::*;
pub use port::*;
pub use subnet::*;

#[cfg(test)]
mod tests;
