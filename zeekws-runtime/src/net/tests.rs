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
fn canonical_port_fast_path_agrees_with_the_parsers() {
    let mut texts: Vec<String> = [
        "0/tcp",
        "00/tcp",
        "080/udp",
        "65535/icmp",
        "65536/tcp",
        "99999/tcp",
        "123456/tcp",
        "80",
        "80/",
        "/tcp",
        "80/TCP",
        "80/tcp ",
        " 80/tcp",
        "80/?",
        "80/foo",
        "-1/tcp",
        "",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for n in (0..70_000u32).step_by(7).chain([255, 256, 65535]) {
        for p in ["tcp", "udp", "icmp", "?"] {
            texts.push(format!("{n}/{p}"));
        }
    }
    for text in &texts {
        if let Some(fast) = parse_canonical(text) {
            assert_eq!(Ok(fast), Port::parse(text), "{text}");
            assert_eq!(Ok(fast), Port::parse_wrapping(text), "{text}");
            assert_eq!(
                fast.to_string(),
                *text,
                "only the written form is canonical"
            );
        } else if let Ok(p) = Port::parse(text) {
            assert_ne!(
                p.to_string(),
                *text,
                "{text} is written this way but was not read fast"
            );
        }
    }
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
