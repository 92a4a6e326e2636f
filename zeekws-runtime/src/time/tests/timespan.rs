//! `Timespan`: text, wire form, units, limits, conversions.

use super::*;

#[test]
fn timespan_writer() {
    let cases: [(i64, &str); 18] = [
        (0, "0s"),
        (1, "1ns"),
        (999, "999ns"),
        (1_000, "1us"),
        (999_000, "999us"),
        (1_000_000, "1ms"),
        (NANOS_PER_SEC, "1s"),
        (90 * NANOS_PER_SEC, "90s"),
        (1_500_000_000, "1500ms"),
        (-1_500_000_000, "-1500ms"),
        (-120 * NANOS_PER_SEC, "-120s"),
        (2_500, "2500ns"),
        (3_600 * NANOS_PER_SEC, "3600s"),
        (1_000_000_000_000, "1000s"),
        (1_000_001_000, "1000001us"),
        (i64::MIN, "-9223372036854775808ns"),
        (i64::MAX, "9223372036854775807ns"),
        (-1, "-1ns"),
    ];
    for (ns, text) in cases {
        let t = Timespan::from_nanos(ns);
        assert_eq!(t.to_string(), text);
        assert_eq!(wire_span(t), text);
        assert_eq!(span(text), t);
        assert_eq!(Timespan::parse_strict(text), Ok(t));
    }
    assert_eq!(format!("{:<6}|", Timespan::ZERO), "0s    |");
}

#[test]
fn timespan_units() {
    assert_eq!(span("7ns").as_nanos(), 7);
    assert_eq!(span("7us").as_nanos(), 7_000);
    assert_eq!(span("7ms").as_nanos(), 7_000_000);
    assert_eq!(span("7s").as_nanos(), 7_000_000_000);
    assert_eq!(span("7min").as_nanos(), 420_000_000_000);
    assert_eq!(span("7h").as_nanos(), 25_200_000_000_000);
    // The forms Zeek 8.2.2 accepted.
    let s15 = Timespan::from_millis(1_500).unwrap();
    assert_eq!(span("1.5s"), s15);
    assert_eq!(span("1500000us"), s15);
    assert_eq!(span("1500000000ns"), s15);
    assert_eq!(span("90s"), Timespan::from_secs(90).unwrap());
    assert_eq!(span("2min"), Timespan::from_secs(120).unwrap());
    assert_eq!(span("-2min"), Timespan::from_secs(-120).unwrap());
    assert_eq!(span("1h"), Timespan::from_secs(3600).unwrap());
    assert_eq!(span("+5s"), Timespan::from_secs(5).unwrap());
    assert_eq!(span("-0s"), Timespan::ZERO);
    // Old-writer output.
    assert_eq!(span("1.5min"), Timespan::from_secs(90).unwrap());
    assert_eq!(span("1.666667min").as_nanos(), 100_000_020_000);
    assert_eq!(span("15ms"), Timespan::from_millis(15).unwrap());
    assert_eq!(span("-1000000000ns"), Timespan::from_secs(-1).unwrap());
}

#[test]
fn timespan_fraction_truncation() {
    assert_eq!(span("1.5ns").as_nanos(), 1);
    assert_eq!(span("-1.5ns").as_nanos(), -1);
    assert_eq!(span("0.9999ns").as_nanos(), 0);
    assert_eq!(span("1.0015us").as_nanos(), 1_001);
    assert_eq!(span("-1.0015us").as_nanos(), -1_001);
    assert_eq!(span("0.123456789123s").as_nanos(), 123_456_789);
    assert_eq!(
        span("0.333333333333333333333333333333h").as_nanos(),
        1_199_999_999_999
    );
    // 1/6 min = 10 s exactly; digits just above and below.
    assert_eq!(
        span("0.1666666666666666666666666666666666666666667min").as_nanos(),
        10_000_000_000
    );
    assert_eq!(
        span("0.1666666666666666666666666666666666666666666min").as_nanos(),
        9_999_999_999
    );
    assert_eq!(
        span("0.000000000000000000000000000000000000001h").as_nanos(),
        0
    );
    assert_eq!(span("1.000s").as_nanos(), NANOS_PER_SEC);
    assert_eq!(span("007s").as_nanos(), 7 * NANOS_PER_SEC);
}

#[test]
fn timespan_limits() {
    assert_eq!(span("9223372036854775807ns"), Timespan::MAX);
    assert_eq!(span("-9223372036854775808ns"), Timespan::MIN);
    assert_eq!(span("9223372036.854775807s"), Timespan::MAX);
    assert_eq!(span("-9223372036.854775808s"), Timespan::MIN);
    assert_eq!(span("-9223372036.8547758089s"), Timespan::MIN);
    for s in [
        "9223372036854775808ns",
        "-9223372036854775809ns",
        "9223372036.854775808s",
        "9223372037s",
        "2562048h",
        "99999999999999999999999999999999999999999999999ns",
        "18446744073709551616ns",
    ] {
        assert_eq!(
            Timespan::parse(s).unwrap_err().reason(),
            &ParseTimeErrorReason::TimespanRange,
            "{s}"
        );
    }
    assert_eq!(
        span("2562047h").as_nanos(),
        2_562_047 * 3_600 * NANOS_PER_SEC
    );
    assert_eq!(
        span_err("9223372036854775808ns"),
        "invalid timespan \"9223372036854775808ns\": value exceeds the signed 64-bit nanosecond range"
    );
}

#[test]
fn timespan_errors() {
    let cases = [
        ("", "empty input"),
        ("s", "expected decimal digits at byte 0"),
        ("-s", "expected decimal digits at byte 1"),
        ("-", "expected decimal digits at byte 1"),
        (".5s", "expected decimal digits at byte 0"),
        ("1.s", "expected decimal digits at byte 2"),
        ("5", "missing unit, expected one of ns, us, ms, s, min, h"),
        ("1.5", "missing unit, expected one of ns, us, ms, s, min, h"),
        (
            "5w",
            "unknown unit \"w\", expected one of ns, us, ms, s, min, h",
        ),
        (
            "5m",
            "unknown unit \"m\", expected one of ns, us, ms, s, min, h",
        ),
        (
            "5S",
            "unknown unit \"S\", expected one of ns, us, ms, s, min, h",
        ),
        (
            "5 s",
            "unknown unit \" s\", expected one of ns, us, ms, s, min, h",
        ),
        (
            "5sec",
            "unknown unit \"sec\", expected one of ns, us, ms, s, min, h",
        ),
        ("5s ", "unexpected trailing characters at byte 2"),
        ("5s5", "unexpected trailing characters at byte 2"),
        ("5ms.", "unexpected trailing characters at byte 3"),
        (" 5s", "expected decimal digits at byte 0"),
        ("--5s", "expected decimal digits at byte 1"),
        ("+-5s", "expected decimal digits at byte 1"),
        (
            "1e3s",
            "unknown unit \"e\", expected one of ns, us, ms, s, min, h",
        ),
        (
            "0x10s",
            "unknown unit \"x\", expected one of ns, us, ms, s, min, h",
        ),
        (
            "5\u{b5}s",
            "unknown unit \"\u{b5}s\", expected one of ns, us, ms, s, min, h",
        ),
    ];
    for (input, reason) in cases {
        assert_eq!(
            span_err(input),
            format!("invalid timespan {input:?}: {reason}")
        );
    }
    let e = Timespan::parse("5w").unwrap_err();
    assert!(!e.is_timestamp());
    assert_eq!(e.reason(), &ParseTimeErrorReason::UnknownUnit("w".into()));
    assert_eq!("5w".parse::<Timespan>().unwrap_err(), e);
}

/// zeek-client writes whole days as `3d`/`0d`: read leniently, refused under Zeek's rules.
#[test]
fn timespan_days_are_read_leniently_only() {
    assert_eq!(span("3d").as_nanos(), 3 * NANOS_PER_DAY);
    assert_eq!(span("0d"), Timespan::ZERO);
    assert_eq!(span("-1d").as_nanos(), -NANOS_PER_DAY);
    assert_eq!(span("1.5d").as_nanos(), 36 * 3600 * NANOS_PER_SEC);
    // The largest whole number of days in range, and one more.
    assert_eq!(span("106751d").as_nanos(), 106_751 * NANOS_PER_DAY);
    assert!(Timespan::parse("106752d").is_err());
    let e = Timespan::parse_strict("3d").unwrap_err();
    assert_eq!(e.reason(), &ParseTimeErrorReason::UnknownUnit("d".into()));
    // Never written: whole days print in seconds, as Zeek 8 writes them.
    assert_eq!(wire_span(span("3d")), "259200s");
    // On the wire: the lenient reader takes it, Zeek's server rules refuse it.
    let frame = r#"{"@data-type":"timespan","data":"3d"}"#;
    let v: crate::Value = crate::json::from_str(frame).unwrap();
    assert_eq!(v, crate::Value::Timespan(span("72h")));
    let strict = crate::wire::DecodeOptions::new().zeek_server_rules(true);
    let err = crate::json::from_slice_with::<crate::Value>(frame.as_bytes(), strict).unwrap_err();
    assert!(err.to_string().contains("unknown unit \"d\""), "{err}");
}

#[test]
fn timespan_strict() {
    assert_eq!(span("010s").as_nanos(), 10 * NANOS_PER_SEC);
    let e = Timespan::parse_strict("010s").unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid timespan \"010s\": leading zero in the integer part"
    );
    assert_eq!(e.reason(), &ParseTimeErrorReason::LeadingZero);
    assert!(Timespan::parse_strict("-00s").is_err());
    assert!(Timespan::parse_strict("00.5s").is_err());
    assert_eq!(Timespan::parse_strict("0s"), Ok(Timespan::ZERO));
    assert_eq!(Timespan::parse_strict("-0s"), Ok(Timespan::ZERO));
    assert_eq!(
        Timespan::parse_strict("0.5s"),
        Ok(Timespan::from_millis(500).unwrap())
    );
    assert_eq!(
        Timespan::parse_strict("1.05s"),
        Ok(Timespan::from_millis(1050).unwrap())
    );
    assert_eq!(
        Timespan::parse_strict("100ms"),
        Ok(Timespan::from_millis(100).unwrap())
    );
    assert!(Timespan::parse_strict("5d").is_err());
}

#[test]
fn timespan_round_trips() {
    for n in lcg(20_000) {
        for v in [
            n,
            n / 1000 * 1000,
            n / 1_000_000 * 1_000_000,
            n / NANOS_PER_SEC * NANOS_PER_SEC,
            n % 100_000,
        ] {
            let t = Timespan::from_nanos(v);
            let text = t.to_string();
            assert_eq!(wire_span(t), text);
            assert_eq!(span(&text), t, "{text}");
            assert_eq!(Timespan::parse_strict(&text), Ok(t), "{text}");
        }
    }
}

#[test]
fn timespan_constructors() {
    assert_eq!(
        Timespan::from_secs(2),
        Some(Timespan::from_nanos(2_000_000_000))
    );
    assert_eq!(
        Timespan::from_millis(-3),
        Some(Timespan::from_nanos(-3_000_000))
    );
    assert_eq!(Timespan::from_micros(4), Some(Timespan::from_nanos(4_000)));
    assert_eq!(Timespan::from_secs(i64::MAX), None);
    assert_eq!(Timespan::from_secs(9_223_372_037), None);
    assert_eq!(
        Timespan::from_secs(9_223_372_036),
        Some(Timespan::from_nanos(9_223_372_036_000_000_000))
    );
    assert_eq!(Timespan::from_millis(i64::MIN), None);
    assert_eq!(Timespan::from_micros(i64::MAX / 999), None);
    assert_eq!(Timespan::from_secs_f64(1.5), Timespan::from_millis(1500));
    assert_eq!(
        Timespan::from_secs_f64(-2.0 * 60.0),
        Timespan::from_secs(-120)
    );
    assert_eq!(Timespan::from_secs_f64(1e-10), Some(Timespan::ZERO));
    assert_eq!(
        Timespan::from_secs_f64(-2.9e-9),
        Some(Timespan::from_nanos(-2))
    );
    assert_eq!(Timespan::from_secs_f64(f64::NAN), None);
    assert_eq!(Timespan::from_secs_f64(1e10), None);
    assert_eq!(Timespan::from_millis(1500).unwrap().as_secs_f64(), 1.5);
    assert!(Timespan::from_nanos(-1).is_negative());
    assert!(!Timespan::ZERO.is_negative());
    assert_eq!(Timespan::MIN.checked_neg(), None);
    assert_eq!(
        Timespan::from_nanos(5).checked_neg(),
        Some(Timespan::from_nanos(-5))
    );
    assert_eq!(Timespan::MAX.checked_add(Timespan::from_nanos(1)), None);
    assert_eq!(Timespan::MIN.checked_sub(Timespan::from_nanos(1)), None);
    assert_eq!(
        Timespan::from_nanos(5).checked_sub(Timespan::from_nanos(7)),
        Some(Timespan::from_nanos(-2))
    );
}

#[test]
fn timespan_duration_conversions() {
    assert_eq!(
        Timespan::try_from(Duration::from_millis(1500)),
        Ok(Timespan::from_nanos(1_500_000_000))
    );
    assert_eq!(
        Timespan::try_from(Duration::from_nanos(i64::MAX as u64)),
        Ok(Timespan::MAX)
    );
    let big = Duration::from_nanos(i64::MAX as u64 + 1);
    assert_eq!(
        Timespan::try_from(big),
        Err(TimeRangeError::DurationTooLong(big))
    );
    assert_eq!(
        Timespan::try_from(Duration::MAX),
        Err(TimeRangeError::DurationTooLong(Duration::MAX))
    );
    assert_eq!(
        Duration::try_from(Timespan::from_nanos(7)),
        Ok(Duration::from_nanos(7))
    );
    assert_eq!(
        Duration::try_from(Timespan::MAX),
        Ok(Duration::from_nanos(i64::MAX as u64))
    );
    assert_eq!(Duration::try_from(Timespan::ZERO), Ok(Duration::ZERO));
    let neg = Timespan::from_millis(-1500).unwrap();
    assert_eq!(
        Duration::try_from(neg),
        Err(TimeRangeError::NegativeTimespan(neg))
    );
    assert_eq!(
        TimeRangeError::NegativeTimespan(neg).to_string(),
        "negative timespan -1500ms cannot be converted to a duration"
    );
    assert_eq!(
        TimeRangeError::DurationTooLong(Duration::from_secs(10_000_000_000)).to_string(),
        "duration of 10000000000s exceeds the timespan maximum of 9223372036854775807ns"
    );
}

#[test]
fn no_panic_on_odd_input() {
    // Every prefix and single-byte mutation of valid texts is handled.
    let seeds = [
        "2024-02-29T23:59:59.123456789+23:59",
        "1677-09-21T00:12:43.145224192",
        "-9223372036.854775808s",
        "1.666667min",
    ];
    let alphabet = b"0123456789-+:.TZtzsmhnu d\xc3";
    for seed in seeds {
        let bytes = seed.as_bytes();
        for i in 0..=bytes.len() {
            let _ = Timestamp::parse(&seed[..i]);
            let _ = Timespan::parse(&seed[..i]);
            let _ = Timespan::parse_strict(&seed[..i]);
            for &c in alphabet {
                let mut m = bytes.to_vec();
                if i < m.len() {
                    m[i] = c;
                } else {
                    m.push(c);
                }
                let s = String::from_utf8_lossy(&m);
                let _ = Timestamp::parse(&s);
                let _ = Timespan::parse(&s);
                let _ = Timespan::parse_strict(&s);
            }
        }
    }
}
