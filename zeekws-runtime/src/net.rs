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

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// A prefix length that does not fit the network's address family.
///
/// Zeek turns such a subnet into `::/0` without complaint; we refuse it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum SubnetError {
    /// IPv4 network with a prefix length above 32.
    #[error("prefix length {prefix} exceeds 32 for IPv4 network {network}")]
    V4PrefixTooLong {
        /// The network address as given.
        network: Ipv4Addr,
        /// The prefix length as given.
        prefix: u8,
    },
    /// IPv6 network with a prefix length above 128.
    #[error("prefix length {prefix} exceeds 128 for IPv6 network {network}")]
    V6PrefixTooLong {
        /// The network address as given.
        network: Ipv6Addr,
        /// The prefix length as given.
        prefix: u8,
    },
}

/// Why an address, subnet, port or protocol text was rejected.
///
/// Obtained from [`ParseNetError::reason`]; its `Display` is the part of the
/// error message after the quoted input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseNetErrorReason {
    /// The input is empty.
    #[error("empty input")]
    Empty,
    /// Not an IPv4 or IPv6 address.
    #[error("expected an IPv4 or IPv6 address")]
    Address,
    /// The part of a subnet before `/` is not an address.
    #[error("network {0:?} is not an IPv4 or IPv6 address")]
    SubnetAddress(Box<str>),
    /// A subnet without `/`.
    #[error("expected '/' followed by a prefix length")]
    MissingPrefix,
    /// A prefix length that is not a decimal number 0-255.
    #[error("prefix length {0:?} is not a decimal number 0-255")]
    Prefix(Box<str>),
    /// A prefix length that does not fit the address family.
    #[error(transparent)]
    Subnet(SubnetError),
    /// A port number that is not a non-empty run of decimal digits.
    #[error("expected a decimal port number, found {0:?}")]
    PortNumber(Box<str>),
    /// A port number above 65535 (strict parsing).
    #[error("number {0} exceeds 65535")]
    PortTooLarge(Box<str>),
    /// A port number beyond the 64-bit range (wrapping parsing).
    #[error("number {0} exceeds the 64-bit range")]
    PortBeyondU64(Box<str>),
    /// A protocol name other than `tcp`, `udp`, `icmp`, `?` or `unknown`.
    #[error("expected tcp, udp, icmp, ? or unknown")]
    Protocol,
}

/// Error returned when parsing an address, subnet, port or protocol fails.
///
/// Displays as `invalid <what> "<input>": <reason>`, e.g.
/// `invalid port "70000/tcp": number 70000 exceeds 65535`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {what} {input:?}: {reason}")]
pub struct ParseNetError {
    what: &'static str,
    input: Box<str>,
    reason: ParseNetErrorReason,
}

impl ParseNetError {
    fn new(what: &'static str, input: &str, reason: ParseNetErrorReason) -> Self {
        Self {
            what,
            input: input.into(),
            reason,
        }
    }

    /// The rejected input text.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// Why the input was rejected.
    pub fn reason(&self) -> &ParseNetErrorReason {
        &self.reason
    }

    /// What was being parsed: `address`, `subnet`, `port` or `protocol`.
    pub fn what(&self) -> &'static str {
        self.what
    }
}

/// Writes `bytes` (ASCII produced by a `write_*` function) to a formatter.
fn write_ascii(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    match std::str::from_utf8(bytes) {
        Ok(s) => f.pad(s),
        Err(_) => Err(fmt::Error),
    }
}

// ---------------------------------------------------------------------------
// Addresses
// ---------------------------------------------------------------------------

#[inline]
fn push_u8_dec(out: &mut Vec<u8>, v: u8) {
    if v >= 100 {
        out.push(b'0' + v / 100);
    }
    if v >= 10 {
        out.push(b'0' + v / 10 % 10);
    }
    out.push(b'0' + v % 10);
}

fn write_v4(octets: [u8; 4], out: &mut Vec<u8>) {
    push_u8_dec(out, octets[0]);
    for &o in &octets[1..] {
        out.push(b'.');
        push_u8_dec(out, o);
    }
}

#[inline]
fn push_hex16(out: &mut Vec<u8>, v: u16) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut started = false;
    for shift in [12u32, 8, 4, 0] {
        let nibble = usize::from((v >> shift) & 0xf);
        if started || nibble != 0 || shift == 0 {
            out.push(HEX[nibble]);
            started = true;
        }
    }
}

fn write_v6(addr: &Ipv6Addr, out: &mut Vec<u8>) {
    let seg = addr.segments();
    // Longest run of >= 2 zero groups; the first one wins on a tie.
    let (mut best_start, mut best_len) = (0usize, 0usize);
    let mut i = 0;
    while i < 8 {
        if seg[i] == 0 {
            let start = i;
            while i < 8 && seg[i] == 0 {
                i += 1;
            }
            if i - start > best_len {
                best_start = start;
                best_len = i - start;
            }
        } else {
            i += 1;
        }
    }
    if best_len < 2 {
        best_len = 0;
        best_start = 8;
    }
    for (i, &s) in seg.iter().enumerate().take(best_start) {
        if i > 0 {
            out.push(b':');
        }
        push_hex16(out, s);
    }
    if best_len > 0 {
        out.extend_from_slice(b"::");
        for (i, &s) in seg.iter().enumerate().skip(best_start + best_len) {
            if i > best_start + best_len {
                out.push(b':');
            }
            push_hex16(out, s);
        }
    }
}

/// Appends an address in Zeek's text form: IPv4 and IPv4-mapped IPv6
/// (`::ffff:a.b.c.d`) as a dotted quad, other IPv6 in RFC 5952 form
/// (lowercase, no leading zeros, longest run of two or more zero groups as
/// `::`, first run on a tie; `::` for all-zero).
pub fn write_addr(addr: &IpAddr, out: &mut Vec<u8>) {
    match addr {
        IpAddr::V4(a) => write_v4(a.octets(), out),
        IpAddr::V6(a) => match a.to_ipv4_mapped() {
            Some(v4) => write_v4(v4.octets(), out),
            None => write_v6(a, out),
        },
    }
}

/// Returns an IPv4-mapped IPv6 address as [`IpAddr::V4`]; other addresses unchanged.
///
/// IPv4-compatible addresses (`::a.b.c.d`) stay IPv6, as in Zeek.
pub fn canonical_addr(addr: IpAddr) -> IpAddr {
    match addr {
        IpAddr::V6(a) => match a.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => addr,
        },
        IpAddr::V4(_) => addr,
    }
}

/// Parses an address: dotted IPv4, full or compressed IPv6, or IPv6 with an
/// embedded dotted IPv4 (`::ffff:1.2.3.4`, `64:ff9b::1.2.3.4`).
///
/// An IPv4-mapped IPv6 address is returned as [`IpAddr::V4`]. Brackets, zone
/// ids (`%eth0`) and whitespace are rejected.
pub fn parse_addr(s: &str) -> Result<IpAddr, ParseNetError> {
    if s.is_empty() {
        return Err(ParseNetError::new("address", s, ParseNetErrorReason::Empty));
    }
    if let Some(v4) = parse_dotted_quad(s.as_bytes()) {
        return Ok(IpAddr::V4(v4));
    }
    IpAddr::from_str(s)
        .map(canonical_addr)
        .map_err(|_| ParseNetError::new("address", s, ParseNetErrorReason::Address))
}

/// The common case, fast: exactly four decimal octets 0-255 without leading zeros (what
/// std accepts too); anything else is left to std's parser.
fn parse_dotted_quad(s: &[u8]) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let mut parts = s.split(|&b| b == b'.');
    for octet in &mut octets {
        let part = parts.next()?;
        if part.is_empty() || part.len() > 3 || (part.len() > 1 && part[0] == b'0') {
            return None;
        }
        let mut v: u16 = 0;
        for &d in part {
            if !d.is_ascii_digit() {
                return None;
            }
            v = v * 10 + u16::from(d - b'0');
        }
        *octet = u8::try_from(v).ok()?;
    }
    if parts.next().is_some() {
        return None;
    }
    Some(Ipv4Addr::from(octets))
}

/// The address as 16 octets, IPv4 mapped into `::ffff:0:0/96` (Zeek's
/// internal representation); useful as a total order over both families.
pub fn addr_octets16(addr: &IpAddr) -> [u8; 16] {
    match addr {
        IpAddr::V4(a) => a.to_ipv6_mapped().octets(),
        IpAddr::V6(a) => a.octets(),
    }
}

// ---------------------------------------------------------------------------
// Subnet
// ---------------------------------------------------------------------------

/// An IP network: an address with its host bits cleared and a prefix length.
///
/// Broker's `subnet`, Zeek's `subnet`. Text form `10.0.0.0/8`, `2001:db8::/32`.
/// IPv4 networks have prefix lengths 0-32 and IPv6 networks 0-128. An
/// IPv4-mapped IPv6 network with prefix length 96 or more is stored as IPv4
/// (`::ffff:10.0.0.0/104` is `10.0.0.0/8`), matching how Zeek prints it.
///
/// Ordered by (network as 16 octets with IPv4 mapped into `::ffff:0:0/96`,
/// prefix length).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Subnet {
    network: IpAddr,
    prefix: u8,
}

fn v4_mask(prefix: u8) -> u32 {
    u32::MAX
        .checked_shl(32 - u32::from(prefix.min(32)))
        .unwrap_or(0)
}

fn v6_mask(prefix: u8) -> u128 {
    u128::MAX
        .checked_shl(128 - u32::from(prefix.min(128)))
        .unwrap_or(0)
}

impl Subnet {
    /// Creates a subnet, clearing host bits (`10.1.2.3/8` becomes `10.0.0.0/8`).
    ///
    /// Fails for a prefix length above 32 on IPv4 or above 128 on IPv6. An
    /// IPv4-mapped IPv6 address with a prefix length of 96 or more becomes an
    /// IPv4 network with prefix length `prefix - 96`.
    pub fn new(addr: IpAddr, prefix: u8) -> Result<Subnet, SubnetError> {
        match addr {
            IpAddr::V4(a) => {
                if prefix > 32 {
                    return Err(SubnetError::V4PrefixTooLong { network: a, prefix });
                }
                let net = u32::from(a) & v4_mask(prefix);
                Ok(Subnet {
                    network: IpAddr::V4(Ipv4Addr::from(net)),
                    prefix,
                })
            }
            IpAddr::V6(a) => {
                if prefix > 128 {
                    return Err(SubnetError::V6PrefixTooLong { network: a, prefix });
                }
                if prefix >= 96
                    && let Some(v4) = a.to_ipv4_mapped()
                {
                    return Subnet::new(IpAddr::V4(v4), prefix - 96);
                }
                let net = u128::from(a) & v6_mask(prefix);
                Ok(Subnet {
                    network: IpAddr::V6(Ipv6Addr::from(net)),
                    prefix,
                })
            }
        }
    }

    /// The network address (host bits cleared).
    pub const fn network(&self) -> IpAddr {
        self.network
    }

    /// The prefix length: 0-32 for IPv4, 0-128 for IPv6.
    pub const fn prefix_len(&self) -> u8 {
        self.prefix
    }

    /// `true` for an IPv4 network.
    pub const fn is_ipv4(&self) -> bool {
        matches!(self.network, IpAddr::V4(_))
    }

    /// Whether `addr` lies in this subnet, with Zeek's semantics: addresses
    /// are compared as 128-bit values with IPv4 mapped into `::ffff:0:0/96`.
    ///
    /// So an IPv4 subnet contains IPv4 and IPv4-mapped IPv6 addresses, and an
    /// IPv6 subnet short enough to cover `::ffff:0:0/96` (such as `::/0`)
    /// contains IPv4 addresses too.
    pub fn contains(&self, addr: IpAddr) -> bool {
        let prefix = if self.is_ipv4() {
            self.prefix.saturating_add(96)
        } else {
            self.prefix
        };
        let mask = v6_mask(prefix);
        let net = u128::from_be_bytes(addr_octets16(&self.network));
        let a = u128::from_be_bytes(addr_octets16(&addr));
        a & mask == net
    }

    /// Appends the text form (`10.0.0.0/8`, `2001:db8::/32`) to `out`.
    pub fn write_wire(&self, out: &mut Vec<u8>) {
        write_addr(&self.network, out);
        out.push(b'/');
        push_u8_dec(out, self.prefix);
    }

    /// Parses `<address>/<length>`, splitting at the first `/`, as Broker does.
    ///
    /// The address is read by [`parse_addr`], so an IPv4-mapped address is
    /// IPv4 and its length counts IPv4 bits (`::ffff:10.1.2.3/8` is
    /// `10.0.0.0/8`, like in Zeek). The length must be decimal digits with a
    /// value 0-255 and then fit the family (see [`Subnet::new`]): where Zeek
    /// would silently turn the subnet into `::/0`, this fails. Host bits are
    /// cleared. A text without `/` is rejected.
    pub fn parse(s: &str) -> Result<Subnet, ParseNetError> {
        use ParseNetErrorReason as R;
        let err = |r| ParseNetError::new("subnet", s, r);
        if s.is_empty() {
            return Err(err(R::Empty));
        }
        let Some((addr_text, len_text)) = s.split_once('/') else {
            return Err(err(R::MissingPrefix));
        };
        let addr = IpAddr::from_str(addr_text)
            .map(canonical_addr)
            .map_err(|_| err(R::SubnetAddress(addr_text.into())))?;
        let prefix = parse_prefix(len_text).ok_or_else(|| err(R::Prefix(len_text.into())))?;
        Subnet::new(addr, prefix).map_err(|e| err(R::Subnet(e)))
    }
}

/// Decimal digits with a value 0-255 (leading zeros allowed).
fn parse_prefix(s: &str) -> Option<u8> {
    if s.is_empty() {
        return None;
    }
    let mut v: u16 = 0;
    for c in s.bytes() {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u16::from(c - b'0');
        if v > 255 {
            return None;
        }
    }
    u8::try_from(v).ok()
}

impl PartialOrd for Subnet {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Subnet {
    fn cmp(&self, other: &Self) -> Ordering {
        addr_octets16(&self.network)
            .cmp(&addr_octets16(&other.network))
            .then(self.prefix.cmp(&other.prefix))
    }
}

impl fmt::Display for Subnet {
    /// Same text as [`Subnet::write_wire`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = Vec::with_capacity(44);
        self.write_wire(&mut buf);
        write_ascii(f, &buf)
    }
}

impl FromStr for Subnet {
    type Err = ParseNetError;

    /// See [`Subnet::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

// ---------------------------------------------------------------------------
// Protocol and Port
// ---------------------------------------------------------------------------

/// Transport protocol of a [`Port`].
///
/// Declared in Broker's order (`unknown < tcp < udp < icmp`), which the
/// derived `Ord` follows.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Protocol {
    /// Unknown protocol, written `?`.
    #[default]
    Unknown,
    /// TCP, written `tcp`.
    Tcp,
    /// UDP, written `udp`.
    Udp,
    /// ICMP, written `icmp`; the port number carries the ICMP type/code as in Zeek.
    Icmp,
}

impl Protocol {
    /// The Zeek notation: `tcp`, `udp`, `icmp` or `?`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Protocol::Tcp => "tcp",
            Protocol::Udp => "udp",
            Protocol::Icmp => "icmp",
            Protocol::Unknown => "?",
        }
    }

    /// Broker's lenient mapping: `tcp`, `udp`, `icmp`; anything else is unknown.
    fn from_broker_text(s: &str) -> Protocol {
        match s {
            "tcp" => Protocol::Tcp,
            "udp" => Protocol::Udp,
            "icmp" => Protocol::Icmp,
            _ => Protocol::Unknown,
        }
    }
}

impl fmt::Display for Protocol {
    /// Writes `tcp`, `udp`, `icmp` or `?`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Protocol {
    type Err = ParseNetError;

    /// Accepts `tcp`, `udp`, `icmp`, `?` and `unknown` (case-sensitive).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "tcp" => Ok(Protocol::Tcp),
            "udp" => Ok(Protocol::Udp),
            "icmp" => Ok(Protocol::Icmp),
            "?" | "unknown" => Ok(Protocol::Unknown),
            _ => Err(ParseNetError::new(
                "protocol",
                s,
                ParseNetErrorReason::Protocol,
            )),
        }
    }
}

/// A transport-layer port: Broker's `port`, Zeek's `port`.
///
/// Text form `<number>/<proto>`: `80/tcp`, `53/udp`, `8/icmp`, `0/?`.
/// Ordered by (number, protocol), like Broker.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Port {
    /// The port number (for ICMP, the type/code as Zeek encodes it).
    pub number: u16,
    /// The transport protocol.
    pub protocol: Protocol,
}

impl Port {
    /// A port with the given number and protocol.
    pub const fn new(number: u16, protocol: Protocol) -> Self {
        Self { number, protocol }
    }

    /// `<number>/tcp`.
    pub const fn tcp(number: u16) -> Self {
        Self::new(number, Protocol::Tcp)
    }

    /// `<number>/udp`.
    pub const fn udp(number: u16) -> Self {
        Self::new(number, Protocol::Udp)
    }

    /// `<number>/icmp`.
    pub const fn icmp(number: u16) -> Self {
        Self::new(number, Protocol::Icmp)
    }

    /// `<number>/?`.
    pub const fn unknown(number: u16) -> Self {
        Self::new(number, Protocol::Unknown)
    }

    /// Appends the text form (`80/tcp`, `0/?`) to `out`.
    pub fn write_wire(&self, out: &mut Vec<u8>) {
        let mut buf = itoa::Buffer::new();
        out.extend_from_slice(buf.format(self.number).as_bytes());
        out.push(b'/');
        out.extend_from_slice(self.protocol.as_str().as_bytes());
    }

    /// Parses `<number>/<proto>` as Broker does, but refuses numbers above 65535.
    ///
    /// The number is decimal digits. A text without `/` is TCP (`53` is
    /// `53/tcp`, as in Zeek 6 and later). Any protocol text other than `tcp`,
    /// `udp`, `icmp` is [`Protocol::Unknown`] (so `?` is unknown).
    pub fn parse(s: &str) -> Result<Port, ParseNetError> {
        let (number_text, protocol) = split_port(s)?;
        let err = |r| ParseNetError::new("port", s, r);
        match parse_port_number(number_text) {
            Some(n) => u16::try_from(n)
                .map(|n| Port::new(n, protocol))
                .map_err(|_| err(ParseNetErrorReason::PortTooLarge(number_text.into()))),
            None => Err(err(ParseNetErrorReason::PortTooLarge(number_text.into()))),
        }
    }

    /// Like [`Port::parse`] but wraps numbers above 65535 modulo 65536 as
    /// Zeek does (`70000/tcp` is `4464/tcp`). For imitating Zeek only.
    ///
    /// Numbers beyond the 64-bit range are rejected.
    pub fn parse_wrapping(s: &str) -> Result<Port, ParseNetError> {
        let (number_text, protocol) = split_port(s)?;
        match parse_port_number(number_text) {
            Some(n) => Ok(Port::new((n & 0xffff) as u16, protocol)),
            None => Err(ParseNetError::new(
                "port",
                s,
                ParseNetErrorReason::PortBeyondU64(number_text.into()),
            )),
        }
    }
}

/// Splits a port text into its number text (checked to be non-empty decimal
/// digits) and protocol.
fn split_port(s: &str) -> Result<(&str, Protocol), ParseNetError> {
    if s.is_empty() {
        return Err(ParseNetError::new("port", s, ParseNetErrorReason::Empty));
    }
    let (number_text, protocol) = match s.split_once('/') {
        Some((n, p)) => (n, Protocol::from_broker_text(p)),
        None => (s, Protocol::Tcp),
    };
    if number_text.is_empty() || !number_text.bytes().all(|c| c.is_ascii_digit()) {
        return Err(ParseNetError::new(
            "port",
            s,
            ParseNetErrorReason::PortNumber(number_text.into()),
        ));
    }
    Ok((number_text, protocol))
}

/// Decimal digits (already checked) as u64, or `None` beyond u64.
fn parse_port_number(digits: &str) -> Option<u64> {
    digits.bytes().try_fold(0u64, |acc, c| {
        acc.checked_mul(10)?.checked_add(u64::from(c - b'0'))
    })
}

impl fmt::Display for Port {
    /// Same text as [`Port::write_wire`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut buf = Vec::with_capacity(10);
        self.write_wire(&mut buf);
        write_ascii(f, &buf)
    }
}

impl FromStr for Port {
    type Err = ParseNetError;

    /// See [`Port::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr_text(a: IpAddr) -> String {
        let mut v = Vec::new();
        write_addr(&a, &mut v);
        String::from_utf8(v).unwrap()
    }

    fn sn(s: &str) -> Subnet {
        match Subnet::parse(s) {
            Ok(x) => x,
            Err(e) => panic!("{e}"),
        }
    }

    fn ip(s: &str) -> IpAddr {
        match parse_addr(s) {
            Ok(x) => x,
            Err(e) => panic!("{e}"),
        }
    }

    fn lcg(n: usize) -> impl Iterator<Item = u64> {
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        (0..n).map(move |_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            x
        })
    }

    // ----- addresses -----

    #[test]
    fn dotted_quad_fast_path_agrees_with_std() {
        for text in [
            "0.0.0.0",
            "255.255.255.255",
            "192.168.1.1",
            "10.0.0.1",
            "256.1.1.1",
            "01.2.3.4",
            "1.2.3",
            "1.2.3.4.5",
            "1..3.4",
            "1.2.3.",
            "a.b.c.d",
            "1.2.3.4 ",
            "",
        ] {
            let fast = parse_dotted_quad(text.as_bytes());
            let std = text.parse::<Ipv4Addr>().ok();
            assert_eq!(fast, std, "{text:?}");
        }
    }

    #[test]
    fn address_text() {
        let cases = [
            ("192.128.4.4", "192.128.4.4"),
            ("0.0.0.0", "0.0.0.0"),
            ("255.255.255.255", "255.255.255.255"),
            ("::ffff:192.168.1.1", "192.168.1.1"),
            ("0:0:0:0:0:ffff:c0a8:0101", "192.168.1.1"),
            ("::", "::"),
            ("::1", "::1"),
            ("1::", "1::"),
            ("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
            ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
            ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
            ("1:0:0:1:0:0:1:1", "1::1:0:0:1:1"),
            ("::1.2.3.4", "::102:304"),
            ("64:ff9b::1.2.3.4", "64:ff9b::102:304"),
            ("fe80::abcd:ef01", "fe80::abcd:ef01"),
            (
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            ),
            ("0:0:0:0:0:fffe:0:0", "::fffe:0:0"),
        ];
        for (input, text) in cases {
            let a = ip(input);
            assert_eq!(addr_text(a), text, "{input}");
            assert_eq!(ip(text), a);
        }
        assert_eq!(
            ip("::ffff:192.168.1.1"),
            IpAddr::V4(Ipv4Addr::new(192, 168, 1, 1))
        );
        // write_addr also handles a mapped address given as V6.
        let mapped = IpAddr::V6(Ipv4Addr::new(10, 0, 0, 1).to_ipv6_mapped());
        assert_eq!(addr_text(mapped), "10.0.0.1");
    }

    #[test]
    fn address_matches_std_rfc5952() {
        // Rust's Ipv6Addr Display is RFC 5952 for non-mapped addresses.
        for x in lcg(50_000) {
            let mut seg = [0u16; 8];
            let mut bits = x;
            let mut vals = x.rotate_left(17) ^ 0x5555_aaaa_1234_8765;
            for s in &mut seg {
                // About half the groups are zero, to exercise the run logic.
                if bits & 1 == 1 {
                    *s = (vals & 0xffff) as u16;
                    if bits & 2 == 2 {
                        *s &= 0x00ff;
                    }
                }
                bits >>= 2;
                vals = vals.rotate_left(16);
            }
            let a = Ipv6Addr::from(seg);
            if a.to_ipv4_mapped().is_some() {
                continue;
            }
            let text = addr_text(IpAddr::V6(a));
            assert_eq!(text, a.to_string());
            assert_eq!(ip(&text), IpAddr::V6(a));
        }
        for x in lcg(1000) {
            let v4 = Ipv4Addr::from((x >> 7) as u32);
            assert_eq!(addr_text(IpAddr::V4(v4)), v4.to_string());
            assert_eq!(addr_text(IpAddr::V6(v4.to_ipv6_mapped())), v4.to_string());
        }
    }

    #[test]
    fn address_rejects() {
        for s in [
            "",
            "[::1]",
            "fe80::1%eth0",
            " 1.2.3.4",
            "1.2.3.4 ",
            "1.2.3",
            "1.2.3.256",
            "::g",
            "1:2:3:4:5:6:7:8:9",
            "localhost",
            "1.2.3.4/8",
        ] {
            let e = parse_addr(s).unwrap_err();
            assert_eq!(e.what(), "address");
            assert_eq!(e.input(), s);
        }
        assert_eq!(
            parse_addr("").unwrap_err().to_string(),
            "invalid address \"\": empty input"
        );
        assert_eq!(
            parse_addr("[::1]").unwrap_err().to_string(),
            "invalid address \"[::1]\": expected an IPv4 or IPv6 address"
        );
    }

    #[test]
    fn octets16() {
        assert_eq!(
            addr_octets16(&ip("1.2.3.4")),
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4]
        );
        assert_eq!(addr_octets16(&ip("::1"))[15], 1);
        assert_eq!(
            addr_octets16(&ip("::ffff:1.2.3.4")),
            addr_octets16(&ip("1.2.3.4"))
        );
        assert_eq!(
            canonical_addr(IpAddr::V6("::ffff:1.2.3.4".parse().unwrap())),
            ip("1.2.3.4")
        );
        assert!(canonical_addr(IpAddr::V6("::1.2.3.4".parse().unwrap())).is_ipv6());
    }

    // ----- subnets -----

    #[test]
    fn subnet_text_and_masking() {
        let cases = [
            ("10.0.0.0/8", "10.0.0.0/8"),
            ("10.1.2.3/8", "10.0.0.0/8"),
            ("192.128.4.4/24", "192.128.4.0/24"),
            ("255.255.255.0/24", "255.255.255.0/24"),
            ("1.2.3.4/32", "1.2.3.4/32"),
            ("1.2.3.4/0", "0.0.0.0/0"),
            ("255.255.255.255/1", "128.0.0.0/1"),
            ("2001:db8::/32", "2001:db8::/32"),
            ("2001:db8:ffff::1/32", "2001:db8::/32"),
            ("2001:db8::1/128", "2001:db8::1/128"),
            ("ffff::/0", "::/0"),
            ("::/0", "::/0"),
            ("::ffff:10.1.2.3/8", "10.0.0.0/8"),
            ("::ffff:10.1.2.3/32", "10.1.2.3/32"),
            ("::ffff:10.1.2.3/0", "0.0.0.0/0"),
            ("0:0:0:0:0:ffff:a01:203/16", "10.1.0.0/16"),
            ("::a01:203/104", "::a00:0/104"),
            ("1.2.3.4/008", "1.0.0.0/8"),
            ("fe80::1/10", "fe80::/10"),
            ("2001:db8::1/127", "2001:db8::/127"),
        ];
        for (input, text) in cases {
            let s = sn(input);
            assert_eq!(s.to_string(), text, "{input}");
            let mut v = Vec::new();
            s.write_wire(&mut v);
            assert_eq!(v, text.as_bytes());
            assert_eq!(sn(text), s);
            assert_eq!(text.parse::<Subnet>(), Ok(s));
        }
        let s = sn("::ffff:10.1.2.3/8");
        assert!(s.is_ipv4());
        assert_eq!(s.network(), IpAddr::V4(Ipv4Addr::new(10, 0, 0, 0)));
        assert_eq!(s.prefix_len(), 8);
        assert_eq!(format!("{:>12}", sn("10.0.0.0/8")), "  10.0.0.0/8");
    }

    #[test]
    fn subnet_new() {
        let v4 = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 0));
        assert_eq!(
            Subnet::new(v4, 33),
            Err(SubnetError::V4PrefixTooLong {
                network: Ipv4Addr::new(10, 0, 0, 0),
                prefix: 33
            })
        );
        assert_eq!(
            Subnet::new(v4, 33).unwrap_err().to_string(),
            "prefix length 33 exceeds 32 for IPv4 network 10.0.0.0"
        );
        let v6 = ip("2001:db8::");
        assert_eq!(
            Subnet::new(v6, 129).unwrap_err().to_string(),
            "prefix length 129 exceeds 128 for IPv6 network 2001:db8::"
        );
        assert!(Subnet::new(v6, 255).is_err());
        // The Rust API reads an IPv4-mapped IPv6 value as 128 bits.
        let mapped = IpAddr::V6(Ipv4Addr::new(10, 1, 2, 3).to_ipv6_mapped());
        assert_eq!(Subnet::new(mapped, 104).unwrap().to_string(), "10.0.0.0/8");
        assert_eq!(Subnet::new(mapped, 128).unwrap().to_string(), "10.1.2.3/32");
        assert_eq!(Subnet::new(mapped, 96).unwrap().to_string(), "0.0.0.0/0");
        assert_eq!(
            Subnet::new(mapped, 95).unwrap().to_string(),
            "::fffe:0:0/95"
        );
        assert_eq!(Subnet::new(mapped, 80).unwrap().to_string(), "::/80");
        assert_eq!(
            Subnet::new(mapped, 129).unwrap_err().to_string(),
            "prefix length 129 exceeds 128 for IPv6 network ::ffff:10.1.2.3"
        );
        assert!(Subnet::new(v4, 32).is_ok());
        assert!(Subnet::new(v6, 128).is_ok());
        for p in 0..=32u8 {
            let s = Subnet::new(IpAddr::V4(Ipv4Addr::BROADCAST), p).unwrap();
            let expect = if p == 0 { 0 } else { u32::MAX << (32 - p) };
            assert_eq!(s.network(), IpAddr::V4(Ipv4Addr::from(expect)));
            assert_eq!(
                Subnet::new(IpAddr::V6(Ipv4Addr::BROADCAST.to_ipv6_mapped()), p + 96),
                Ok(s)
            );
        }
        for p in 0..=128u8 {
            let s = Subnet::new(IpAddr::V6(Ipv6Addr::from(u128::MAX)), p).unwrap();
            let expect = if p == 0 { 0 } else { u128::MAX << (128 - p) };
            assert_eq!(s.network(), IpAddr::V6(Ipv6Addr::from(expect)));
            assert_eq!(s.prefix_len(), p);
        }
    }

    #[test]
    fn subnet_parse_errors() {
        let cases = [
            (
                "10.0.0.0/33",
                "prefix length 33 exceeds 32 for IPv4 network 10.0.0.0",
            ),
            (
                "10.0.0.0/255",
                "prefix length 255 exceeds 32 for IPv4 network 10.0.0.0",
            ),
            (
                "::/129",
                "prefix length 129 exceeds 128 for IPv6 network ::",
            ),
            (
                "::ffff:1.2.3.4/33",
                "prefix length 33 exceeds 32 for IPv4 network 1.2.3.4",
            ),
            (
                "::ffff:1.2.3.4/104",
                "prefix length 104 exceeds 32 for IPv4 network 1.2.3.4",
            ),
            (
                "10.0.0.0/256",
                "prefix length \"256\" is not a decimal number 0-255",
            ),
            (
                "10.0.0.0/",
                "prefix length \"\" is not a decimal number 0-255",
            ),
            (
                "10.0.0.0/-1",
                "prefix length \"-1\" is not a decimal number 0-255",
            ),
            (
                "10.0.0.0/+8",
                "prefix length \"+8\" is not a decimal number 0-255",
            ),
            (
                "10.0.0.0/ 8",
                "prefix length \" 8\" is not a decimal number 0-255",
            ),
            (
                "10.0.0.0/8/8",
                "prefix length \"8/8\" is not a decimal number 0-255",
            ),
            (
                "10.0.0.0/99999999999999999999",
                "prefix length \"99999999999999999999\" is not a decimal number 0-255",
            ),
            ("10.0.0.0", "expected '/' followed by a prefix length"),
            ("", "empty input"),
            ("/8", "network \"\" is not an IPv4 or IPv6 address"),
            (
                "10.0.0/8",
                "network \"10.0.0\" is not an IPv4 or IPv6 address",
            ),
            ("[::]/8", "network \"[::]\" is not an IPv4 or IPv6 address"),
        ];
        for (input, reason) in cases {
            let e = Subnet::parse(input).unwrap_err();
            assert_eq!(e.to_string(), format!("invalid subnet {input:?}: {reason}"));
            assert_eq!(e.what(), "subnet");
        }
        assert_eq!(
            Subnet::parse("10.0.0.0/33").unwrap_err().reason(),
            &ParseNetErrorReason::Subnet(SubnetError::V4PrefixTooLong {
                network: Ipv4Addr::new(10, 0, 0, 0),
                prefix: 33
            })
        );
    }

    #[test]
    fn subnet_contains() {
        let s = sn("10.0.0.0/8");
        assert!(s.contains(ip("10.255.1.2")));
        assert!(s.contains(IpAddr::V6(Ipv4Addr::new(10, 1, 1, 1).to_ipv6_mapped())));
        assert!(!s.contains(ip("11.0.0.0")));
        assert!(!s.contains(ip("::a00:1")));
        assert!(!s.contains(ip("2001:db8::1")));
        let all4 = sn("0.0.0.0/0");
        assert!(all4.contains(ip("1.2.3.4")));
        assert!(!all4.contains(ip("::1")));
        let v6 = sn("2001:db8::/32");
        assert!(v6.contains(ip("2001:db8:1::1")));
        assert!(!v6.contains(ip("2001:db9::1")));
        assert!(!v6.contains(ip("1.2.3.4")));
        // Zeek compares 128-bit values: ::/0 covers IPv4 too.
        assert!(sn("::/0").contains(ip("1.2.3.4")));
        assert!(sn("::fffe:0:0/95").contains(ip("1.2.3.4")));
        assert!(!sn("::fffe:0:0/96").contains(ip("1.2.3.4")));
        assert!(sn("1.2.3.4/32").contains(ip("1.2.3.4")));
        assert!(!sn("1.2.3.4/32").contains(ip("1.2.3.5")));
        assert!(sn("2001:db8::1/128").contains(ip("2001:db8::1")));
    }

    #[test]
    fn subnet_order() {
        let mut v = [
            sn("2001:db8::/32"),
            sn("10.0.0.0/16"),
            sn("10.0.0.0/8"),
            sn("::/0"),
            sn("9.0.0.0/8"),
            sn("::1/128"),
            sn("0.0.0.0/0"),
        ];
        v.sort();
        let texts: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(
            texts,
            [
                "::/0",
                "::1/128",
                "0.0.0.0/0",
                "9.0.0.0/8",
                "10.0.0.0/8",
                "10.0.0.0/16",
                "2001:db8::/32"
            ]
        );
    }

    #[test]
    fn subnet_round_trips() {
        for x in lcg(20_000) {
            let p4 = (x % 33) as u8;
            let s = Subnet::new(IpAddr::V4(Ipv4Addr::from((x >> 20) as u32)), p4).unwrap();
            assert_eq!(sn(&s.to_string()), s);
            let hi = u128::from(x) << 64 | u128::from(x.rotate_left(29));
            let p6 = ((x >> 8) % 129) as u8;
            let s = Subnet::new(IpAddr::V6(Ipv6Addr::from(hi)), p6).unwrap();
            assert_eq!(sn(&s.to_string()), s);
        }
    }

    // ----- ports -----

    #[test]
    fn protocol_text() {
        for (p, t) in [
            (Protocol::Tcp, "tcp"),
            (Protocol::Udp, "udp"),
            (Protocol::Icmp, "icmp"),
            (Protocol::Unknown, "?"),
        ] {
            assert_eq!(p.as_str(), t);
            assert_eq!(p.to_string(), t);
            assert_eq!(t.parse::<Protocol>(), Ok(p));
        }
        assert_eq!("unknown".parse::<Protocol>(), Ok(Protocol::Unknown));
        let e = "TCP".parse::<Protocol>().unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid protocol \"TCP\": expected tcp, udp, icmp, ? or unknown"
        );
        assert!("".parse::<Protocol>().is_err());
        assert!(Protocol::Unknown < Protocol::Tcp);
        assert!(Protocol::Tcp < Protocol::Udp);
        assert!(Protocol::Udp < Protocol::Icmp);
        assert_eq!(Protocol::default(), Protocol::Unknown);
    }

    #[test]
    fn port_text() {
        let cases = [
            (Port::tcp(80), "80/tcp"),
            (Port::tcp(8080), "8080/tcp"),
            (Port::udp(9000), "9000/udp"),
            (Port::icmp(8), "8/icmp"),
            (Port::unknown(0), "0/?"),
            (Port::tcp(65535), "65535/tcp"),
            (Port::new(0, Protocol::Udp), "0/udp"),
        ];
        for (p, t) in cases {
            assert_eq!(p.to_string(), t);
            let mut v = Vec::new();
            p.write_wire(&mut v);
            assert_eq!(v, t.as_bytes());
            assert_eq!(Port::parse(t), Ok(p));
            assert_eq!(Port::parse_wrapping(t), Ok(p));
            assert_eq!(t.parse::<Port>(), Ok(p));
        }
        assert_eq!(Port::default(), Port::unknown(0));
        assert_eq!(format!("{:>7}", Port::tcp(80)), " 80/tcp");
    }

    #[test]
    fn port_parse_lenient_forms() {
        assert_eq!(Port::parse("53"), Ok(Port::tcp(53)));
        assert_eq!(Port::parse("53/?"), Ok(Port::unknown(53)));
        assert_eq!(Port::parse("53/unknown"), Ok(Port::unknown(53)));
        assert_eq!(Port::parse("53/sctp"), Ok(Port::unknown(53)));
        assert_eq!(Port::parse("53/TCP"), Ok(Port::unknown(53)));
        assert_eq!(Port::parse("53/"), Ok(Port::unknown(53)));
        assert_eq!(Port::parse("53/tcp/x"), Ok(Port::unknown(53)));
        assert_eq!(Port::parse("0080/tcp"), Ok(Port::tcp(80)));
    }

    #[test]
    fn port_errors() {
        let cases = [
            ("70000/tcp", "number 70000 exceeds 65535"),
            ("65536", "number 65536 exceeds 65535"),
            (
                "99999999999999999999999/udp",
                "number 99999999999999999999999 exceeds 65535",
            ),
            ("", "empty input"),
            ("/tcp", "expected a decimal port number, found \"\""),
            ("-1/tcp", "expected a decimal port number, found \"-1\""),
            ("+1/tcp", "expected a decimal port number, found \"+1\""),
            (" 80/tcp", "expected a decimal port number, found \" 80\""),
            ("80 /tcp", "expected a decimal port number, found \"80 \""),
            ("0x50/tcp", "expected a decimal port number, found \"0x50\""),
            ("tcp", "expected a decimal port number, found \"tcp\""),
        ];
        for (input, reason) in cases {
            let e = Port::parse(input).unwrap_err();
            assert_eq!(e.to_string(), format!("invalid port {input:?}: {reason}"));
            assert_eq!(e.what(), "port");
        }
        assert_eq!(
            Port::parse("70000/tcp").unwrap_err().reason(),
            &ParseNetErrorReason::PortTooLarge("70000".into())
        );
    }

    #[test]
    fn port_wrapping() {
        assert_eq!(Port::parse_wrapping("70000/tcp"), Ok(Port::tcp(4464)));
        assert_eq!(Port::parse_wrapping("65536/udp"), Ok(Port::udp(0)));
        assert_eq!(Port::parse_wrapping("131071"), Ok(Port::tcp(65535)));
        assert_eq!(
            Port::parse_wrapping("18446744073709551615/icmp"),
            Ok(Port::icmp(65535))
        );
        assert_eq!(
            Port::parse_wrapping("18446744073709551616/tcp")
                .unwrap_err()
                .to_string(),
            "invalid port \"18446744073709551616/tcp\": number 18446744073709551616 exceeds the 64-bit range"
        );
        assert!(Port::parse_wrapping("x/tcp").is_err());
        assert!(Port::parse_wrapping("").is_err());
    }

    #[test]
    fn port_order() {
        let mut v = vec![
            Port::udp(80),
            Port::tcp(443),
            Port::unknown(80),
            Port::tcp(80),
            Port::icmp(80),
            Port::tcp(22),
        ];
        v.sort();
        assert_eq!(
            v,
            [
                Port::tcp(22),
                Port::unknown(80),
                Port::tcp(80),
                Port::udp(80),
                Port::icmp(80),
                Port::tcp(443)
            ]
        );
    }

    #[test]
    fn port_round_trips() {
        for x in lcg(5_000) {
            let proto = match x % 4 {
                0 => Protocol::Tcp,
                1 => Protocol::Udp,
                2 => Protocol::Icmp,
                _ => Protocol::Unknown,
            };
            let p = Port::new((x >> 16) as u16, proto);
            assert_eq!(Port::parse(&p.to_string()), Ok(p));
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        let seeds = [
            "::ffff:10.1.2.3/104",
            "2001:db8::1/128",
            "65535/icmp",
            "255.255.255.255/32",
        ];
        let alphabet = b"0123456789abcdef:./?%[] \xc3";
        for seed in seeds {
            let bytes = seed.as_bytes();
            for i in 0..=bytes.len() {
                for &c in alphabet {
                    let mut m = bytes.to_vec();
                    if i < m.len() {
                        m[i] = c;
                    } else {
                        m.push(c);
                    }
                    let s = String::from_utf8_lossy(&m);
                    let _ = Subnet::parse(&s);
                    let _ = Port::parse(&s);
                    let _ = Port::parse_wrapping(&s);
                    let _ = parse_addr(&s);
                    let _ = s.parse::<Protocol>();
                }
            }
        }
    }
}
