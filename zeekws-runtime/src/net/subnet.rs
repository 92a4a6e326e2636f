//! [`Subnet`]: a masked network and prefix length.

use super::*;

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

pub(super) fn v4_mask(prefix: u8) -> u32 {
    u32::MAX
        .checked_shl(32 - u32::from(prefix.min(32)))
        .unwrap_or(0)
}

pub(super) fn v6_mask(prefix: u8) -> u128 {
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
    /// The address is read as an address value is, so an IPv4-mapped address is
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
pub(super) fn parse_prefix(s: &str) -> Option<u8> {
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
