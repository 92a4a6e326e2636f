//! Addresses: the fast paths against std, text, order.

use super::*;

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
        "0.1.2.3",
        "00.1.2.3",
        "1.2.3.04",
        "1.2.3.0",
        "1000.2.3.4",
        ".1.2.3",
        "1.2.3.4.",
        "::1",
    ] {
        let fast = parse_dotted_quad(text.as_bytes());
        let std = text.parse::<Ipv4Addr>().ok();
        assert_eq!(fast, std, "{text:?}");
    }
}

#[test]
fn hex_groups_fast_path_agrees_with_std() {
    let cases = [
        "::",
        "::1",
        "1::",
        "1::2",
        "2001:db8:85a3::8a2e:370:7334",
        "1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7::",
        "::2:3:4:5:6:7:8",
        "1:2:3:4:5:6::8",
        "FFFF:abcd::0",
        "0:0:0:0:0:0:0:0",
        "::ffff:c0a8:101",
        "::ffff:1.2.3.4",
        "1:2:3:4:5:6:7:8::",
        "::1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:8:9",
        "1:::2",
        "1::2::3",
        ":1::2",
        "1::2:",
        ":",
        ":::",
        "12345::",
        "1:2",
        "fe80::1%eth0",
        "g::1",
        "1::2 ",
        "",
        "00000::1",
        "0000::1",
    ];
    let mut texts: Vec<String> = cases.iter().map(|s| (*s).to_owned()).collect();
    // Random strings over the address alphabet, biased towards colons.
    let alphabet = b"0123456789abcdefABCDEF::::.";
    for x in lcg(50_000) {
        let len = (x % 24) as usize;
        let text: String = (0..len)
            .map(|k| alphabet[((x >> (k * 2 % 60)) as usize + k * 7) % alphabet.len()] as char)
            .collect();
        texts.push(text);
    }
    for text in &texts {
        if let Some(fast) = parse_hex_groups(text.as_bytes()) {
            assert_eq!(Ok(fast), text.parse::<Ipv6Addr>(), "{text:?}");
        }
        let std = text.parse::<IpAddr>().ok().map(canonical_addr);
        assert_eq!(parse_addr(text).ok(), std, "{text:?}");
    }
}

proptest::proptest! {
    /// Every address in every textual form std writes or reads (compressed, full, zero
    /// padded, upper case) takes the fast path or std's, with std's answer.
    #[test]
    fn any_ipv6_text_parses_as_std_does(groups: [u16; 8], upper: bool, padded: bool) {
        let a = Ipv6Addr::from(groups);
        let full = groups
            .iter()
            .map(|g| if padded { format!("{g:04x}") } else { format!("{g:x}") })
            .collect::<Vec<_>>()
            .join(":");
        for text in [a.to_string(), full] {
            let text = if upper { text.to_uppercase() } else { text };
            proptest::prop_assert_eq!(parse_addr(&text).ok(), Some(canonical_addr(IpAddr::V6(a))));
            if let Some(fast) = parse_hex_groups(text.as_bytes()) {
                proptest::prop_assert_eq!(fast, a);
            }
        }
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
