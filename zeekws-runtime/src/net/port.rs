//! [`Port`] and [`Protocol`]: a transport port as Zeek writes it (`80/tcp`).

use super::*;

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
    pub(super) fn from_broker_text(s: &str) -> Protocol {
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
        if let Some(port) = parse_canonical(s) {
            return Ok(port);
        }
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
        if let Some(port) = parse_canonical(s) {
            return Ok(port);
        }
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

/// The text exactly as [`Port::write_wire`] writes it (`<number>/<protocol>`, the number
/// without leading zeros and at most 65535, the protocol `tcp`, `udp`, `icmp` or `?`), read
/// in one pass; `None` for every other form, which the general parsers then decide.
pub(crate) fn parse_canonical(s: &str) -> Option<Port> {
    let b = s.as_bytes();
    let mut number: u32 = 0;
    let mut i = 0;
    while let Some(&d @ b'0'..=b'9') = b.get(i) {
        if i == 5 || (i == 1 && number == 0) {
            return None;
        }
        number = number * 10 + u32::from(d - b'0');
        i += 1;
    }
    let number = u16::try_from(number).ok()?;
    let protocol = match b.get(i..)? {
        b"/tcp" => Protocol::Tcp,
        b"/udp" => Protocol::Udp,
        b"/icmp" => Protocol::Icmp,
        b"/?" => Protocol::Unknown,
        _ => return None,
    };
    (i > 0).then_some(Port::new(number, protocol))
}

/// Splits a port text into its number text (checked to be non-empty decimal
/// digits) and protocol.
pub(super) fn split_port(s: &str) -> Result<(&str, Protocol), ParseNetError> {
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
pub(super) fn parse_port_number(digits: &str) -> Option<u64> {
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
