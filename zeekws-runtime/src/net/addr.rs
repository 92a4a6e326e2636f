//! Addresses: Zeek's text forms, IPv4-mapped canonical form, fast dotted-quad parsing.

use super::*;

#[inline]
pub(super) fn push_u8_dec(out: &mut Vec<u8>, v: u8) {
    if v >= 100 {
        out.push(b'0' + v / 100);
    }
    if v >= 10 {
        out.push(b'0' + v / 10 % 10);
    }
    out.push(b'0' + v % 10);
}

/// An address's text, built on the stack and appended with one copy. 39 bytes is the
/// longest IPv6 text; the rest is room for [`AddrText::hex16`]'s whole-word writes.
struct AddrText {
    buf: [u8; 48],
    len: usize,
}

impl AddrText {
    fn new() -> Self {
        AddrText {
            buf: [0; 48],
            len: 0,
        }
    }

    #[inline]
    fn push(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    #[inline]
    fn dec(&mut self, v: u8) {
        if v >= 100 {
            self.push(b'0' + v / 100);
        }
        if v >= 10 {
            self.push(b'0' + v / 10 % 10);
        }
        self.push(b'0' + v % 10);
    }

    /// A group in lowercase hex without leading zeros: the four digits are made at once, one
    /// per byte of a `u32`, and written as one word of which `digits` bytes count.
    #[inline]
    fn hex16(&mut self, v: u16) {
        let x = u32::from(v);
        let nibbles = ((x & 0xf000) << 12) | ((x & 0x0f00) << 8) | ((x & 0x00f0) << 4) | (x & 0xf);
        // '0' + n, and 'a' - '0' - 10 = 0x27 more where n >= 10 (n + 6 carries into bit 4).
        let ascii = nibbles + 0x3030_3030 + (((nibbles + 0x0606_0606) >> 4) & 0x0101_0101) * 0x27;
        let digits = (4 - v.leading_zeros() / 4).max(1);
        let word = (ascii << (8 * (4 - digits))).to_be_bytes();
        if let Some(slot) = self.buf.get_mut(self.len..self.len + 4) {
            slot.copy_from_slice(&word);
            self.len += digits as usize;
        }
    }

    fn v4(&mut self, octets: [u8; 4]) {
        self.dec(octets[0]);
        for &o in &octets[1..] {
            self.push(b'.');
            self.dec(o);
        }
    }

    fn v6(&mut self, addr: &Ipv6Addr) {
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
                self.push(b':');
            }
            self.hex16(s);
        }
        if best_len > 0 {
            self.push(b':');
            self.push(b':');
            for (i, &s) in seg.iter().enumerate().skip(best_start + best_len) {
                if i > best_start + best_len {
                    self.push(b':');
                }
                self.hex16(s);
            }
        }
    }
}

/// Appends an address in Zeek's text form: IPv4 and IPv4-mapped IPv6
/// (`::ffff:a.b.c.d`) as a dotted quad, other IPv6 in RFC 5952 form
/// (lowercase, no leading zeros, longest run of two or more zero groups as
/// `::`, first run on a tie; `::` for all-zero).
pub(crate) fn write_addr(addr: &IpAddr, out: &mut Vec<u8>) {
    let mut text = AddrText::new();
    match addr {
        IpAddr::V4(a) => text.v4(a.octets()),
        IpAddr::V6(a) => match a.to_ipv4_mapped() {
            Some(v4) => text.v4(v4.octets()),
            None => text.v6(a),
        },
    }
    // The whole buffer, then cut to the text: a copy of constant length is a few moves,
    // where one of the text's length is a call to `memcpy`.
    let at = out.len();
    out.extend_from_slice(&text.buf);
    out.truncate(at + text.len);
}

/// Returns an IPv4-mapped IPv6 address as [`IpAddr::V4`]; other addresses unchanged.
///
/// IPv4-compatible addresses (`::a.b.c.d`) stay IPv6, as in Zeek.
pub(crate) fn canonical_addr(addr: IpAddr) -> IpAddr {
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
pub(crate) fn parse_addr(s: &str) -> Result<IpAddr, ParseNetError> {
    if s.is_empty() {
        return Err(ParseNetError::new("address", s, ParseNetErrorReason::Empty));
    }
    if let Some(v4) = parse_dotted_quad(s.as_bytes()) {
        return Ok(IpAddr::V4(v4));
    }
    if let Some(v6) = parse_hex_groups(s.as_bytes()) {
        return Ok(canonical_addr(IpAddr::V6(v6)));
    }
    IpAddr::from_str(s)
        .map(canonical_addr)
        .map_err(|_| ParseNetError::new("address", s, ParseNetErrorReason::Address))
}

/// The common case, fast: exactly four decimal octets 0-255 without leading zeros (what
/// std accepts too); anything else is left to std's parser.
pub(crate) fn parse_dotted_quad(s: &[u8]) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let (mut k, mut v, mut digits) = (0usize, 0u16, 0u8);
    for &b in s {
        match b {
            b'0'..=b'9' => {
                // At most three digits, and no leading zero.
                if digits == 3 || (digits == 1 && v == 0) {
                    return None;
                }
                v = v * 10 + u16::from(b - b'0');
                digits += 1;
            }
            b'.' if digits > 0 && k < 3 => {
                octets[k] = u8::try_from(v).ok()?;
                (k, v, digits) = (k + 1, 0, 0);
            }
            _ => return None,
        }
    }
    if k != 3 || digits == 0 {
        return None;
    }
    octets[3] = u8::try_from(v).ok()?;
    Some(Ipv4Addr::from(octets))
}

/// The common IPv6 case, fast: one to eight groups of one to four hex digits separated by
/// `:`, with at most one `::` standing for at least one zero group, which is what std
/// accepts in that form. `None` for anything else (an embedded dotted quad, a zone id, an
/// error), which std's parser then decides.
pub(super) fn parse_hex_groups(s: &[u8]) -> Option<Ipv6Addr> {
    fn hex(b: u8) -> Option<u16> {
        match b {
            b'0'..=b'9' => Some(u16::from(b - b'0')),
            b'a'..=b'f' => Some(u16::from(b - b'a' + 10)),
            b'A'..=b'F' => Some(u16::from(b - b'A' + 10)),
            _ => None,
        }
    }
    let mut groups = [0u16; 8];
    let (mut n, mut gap) = (0usize, None::<usize>);
    let mut i = 0;
    if s.starts_with(b"::") {
        gap = Some(0);
        i = 2;
    }
    while i < s.len() {
        let mut v = 0u16;
        let start = i;
        while let Some(d) = s.get(i).copied().and_then(hex) {
            if i - start == 4 {
                return None;
            }
            v = (v << 4) | d;
            i += 1;
        }
        if i == start || n == 8 {
            return None;
        }
        groups[n] = v;
        n += 1;
        match s.get(i) {
            None => break,
            Some(b':') => i += 1,
            Some(_) => return None,
        }
        if s.get(i) == Some(&b':') {
            if gap.is_some() {
                return None;
            }
            gap = Some(n);
            i += 1;
        } else if i == s.len() {
            return None;
        }
    }
    match gap {
        None if n == 8 => Some(Ipv6Addr::from(groups)),
        Some(at) if n <= 7 => {
            // Move the groups after the gap to the end.
            let tail = n - at;
            groups.copy_within(at..n, 8 - tail);
            groups[at..8 - tail].fill(0);
            Some(Ipv6Addr::from(groups))
        }
        _ => None,
    }
}

/// The address as 16 octets, IPv4 mapped into `::ffff:0:0/96` (Zeek's
/// internal representation); useful as a total order over both families.
pub(crate) fn addr_octets16(addr: &IpAddr) -> [u8; 16] {
    match addr {
        IpAddr::V4(a) => a.to_ipv6_mapped().octets(),
        IpAddr::V6(a) => a.octets(),
    }
}
