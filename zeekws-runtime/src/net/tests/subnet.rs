//! Subnets: text, masking, construction, errors, order.

use super::*;

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
