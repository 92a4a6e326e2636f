//! Ports and protocols: text, the fast path, lenient forms, wrapping, order.

use super::*;

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
