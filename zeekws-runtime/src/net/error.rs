//! Why an address, subnet or port text was refused.

use super::*;

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
    pub(super) fn new(what: &'static str, input: &str, reason: ParseNetErrorReason) -> Self {
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
pub(super) fn write_ascii(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    match std::str::from_utf8(bytes) {
        Ok(s) => f.pad(s),
        Err(_) => Err(fmt::Error),
    }
}
