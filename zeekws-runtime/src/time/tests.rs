use super::*;

fn ts(s: &str) -> Timestamp {
    match Timestamp::parse(s) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    }
}

fn span(s: &str) -> Timespan {
    match Timespan::parse(s) {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    }
}

fn ts_err(s: &str) -> String {
    match Timestamp::parse(s) {
        Ok(t) => panic!("{s:?} parsed as {t}"),
        Err(e) => e.to_string(),
    }
}

fn span_err(s: &str) -> String {
    match Timespan::parse(s) {
        Ok(t) => panic!("{s:?} parsed as {t}"),
        Err(e) => e.to_string(),
    }
}

fn wire_ts(t: Timestamp) -> String {
    let mut v = Vec::new();
    t.write_wire(&mut v);
    String::from_utf8(v).unwrap()
}

fn wire_span(t: Timespan) -> String {
    let mut v = Vec::new();
    t.write_wire(&mut v);
    String::from_utf8(v).unwrap()
}

/// Deterministic pseudo-random i64 values (64-bit LCG).
fn lcg(n: usize) -> impl Iterator<Item = i64> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n).map(move |_| {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        x as i64
    })
}

// ----- calendar -----

#[test]
fn civil_round_trip_over_whole_range() {
    let lo = i64::MIN.div_euclid(NANOS_PER_DAY);
    let hi = i64::MAX.div_euclid(NANOS_PER_DAY);
    let mut prev: Option<(i64, u8, u8)> = None;
    for days in lo..=hi {
        let (y, m, d) = civil_from_days(days);
        assert!((1..=12).contains(&m));
        assert!(d >= 1 && d <= days_in_month(y, m));
        assert_eq!(days_from_civil(y, m, d), days);
        if let Some(p) = prev {
            assert!(p < (y, m, d));
        }
        prev = Some((y, m, d));
    }
}

#[test]
fn known_days() {
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    assert_eq!(civil_from_days(-1), (1969, 12, 31));
    assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    assert_eq!(days_from_civil(1600, 1, 1), -135_140);
    assert_eq!(civil_from_days(days_from_civil(2400, 2, 29)), (2400, 2, 29));
}

#[test]
fn leap_years() {
    assert!(is_leap(2000));
    assert!(!is_leap(1900));
    assert!(is_leap(2024));
    assert!(!is_leap(2023));
    assert!(!is_leap(2100));
}

// ----- timestamp text -----

#[test]
fn zeek_example() {
    let t = Timestamp::from_nanos(1_404_901_004 * NANOS_PER_SEC);
    assert_eq!(t.to_string(), "2014-07-09T10:16:44.000");
    assert_eq!(wire_ts(t), "2014-07-09T10:16:44.000");
    assert_eq!(ts("2014-07-09T10:16:44.000"), t);
    assert_eq!(ts("2014-07-09T10:16:44"), t);
    assert_eq!(ts("2014-07-09T10:16:44Z"), t);
    assert_eq!(ts("2014-07-09T12:16:44+02:00"), t);
    assert_eq!(ts("2014-07-09T12:16:44+0200"), t);
    assert_eq!(ts("2014-07-09T12:16:44+02"), t);
    assert_eq!(ts("2014-07-09T07:46:44-02:30"), t);
    assert_eq!(ts("2014-07-09T07:46:44-0230"), t);
}

#[test]
fn zeek_time_with_micros() {
    // Zeek emits only milliseconds (".123"); we keep the microseconds.
    let t = Timestamp::from_secs_f64(1_404_901_004.123456).unwrap();
    assert!((t.as_nanos() - 1_404_901_004_123_456_000).abs() < 1_000);
    assert!(t.to_string().starts_with("2014-07-09T10:16:44.123"));
    let t = Timestamp::from_nanos(1_404_901_004_123_456_000);
    assert_eq!(t.to_string(), "2014-07-09T10:16:44.123456");
    assert_eq!(
        ts("2014-07-09T10:16:44.123"),
        Timestamp::from_nanos(1_404_901_004_123_000_000)
    );
}

#[test]
fn fraction_digit_counts() {
    let base = 1_000_000_000 * NANOS_PER_SEC;
    let cases = [
        (0, "2001-09-09T01:46:40.000"),
        (500_000_000, "2001-09-09T01:46:40.500"),
        (1_000_000, "2001-09-09T01:46:40.001"),
        (1_000, "2001-09-09T01:46:40.000001"),
        (123_456_000, "2001-09-09T01:46:40.123456"),
        (1, "2001-09-09T01:46:40.000000001"),
        (999_999_999, "2001-09-09T01:46:40.999999999"),
        (120_000_100, "2001-09-09T01:46:40.120000100"),
    ];
    for (frac, text) in cases {
        let t = Timestamp::from_nanos(base + frac);
        assert_eq!(t.to_string(), text);
        assert_eq!(wire_ts(t), text);
        assert_eq!(ts(text), t);
    }
}

#[test]
fn fraction_is_real_fraction() {
    let base = ts("2024-01-01T00:00:00").as_nanos();
    let cases = [
        (".5", 500_000_000),
        (".05", 50_000_000),
        (".123", 123_000_000),
        (".1234", 123_400_000),
        (".123456", 123_456_000),
        (".123456789", 123_456_789),
        (".000000001", 1),
        (".0", 0),
    ];
    for (frac, ns) in cases {
        let t = ts(&format!("2024-01-01T00:00:00{frac}"));
        assert_eq!(t.as_nanos() - base, ns, "{frac}");
        let t = ts(&format!("2024-01-01T00:00:00{frac}Z"));
        assert_eq!(t.as_nanos() - base, ns, "{frac}");
    }
}

#[test]
fn epoch_and_negative() {
    assert_eq!(Timestamp::UNIX_EPOCH.to_string(), "1970-01-01T00:00:00.000");
    assert_eq!(Timestamp::default(), Timestamp::UNIX_EPOCH);
    assert_eq!(ts("1970-01-01T00:00:00"), Timestamp::UNIX_EPOCH);
    let cases = [
        (-500_000_000, "1969-12-31T23:59:59.500"),
        (-1, "1969-12-31T23:59:59.999999999"),
        (-NANOS_PER_SEC, "1969-12-31T23:59:59.000"),
        (-1_000, "1969-12-31T23:59:59.999999"),
        (-NANOS_PER_DAY, "1969-12-31T00:00:00.000"),
        (-NANOS_PER_DAY - 1, "1969-12-30T23:59:59.999999999"),
        (1, "1970-01-01T00:00:00.000000001"),
        (-1_500_000_000, "1969-12-31T23:59:58.500"),
    ];
    for (ns, text) in cases {
        let t = Timestamp::from_nanos(ns);
        assert_eq!(t.to_string(), text);
        assert_eq!(ts(text), t);
    }
    // Offset crossing the epoch.
    assert_eq!(
        ts("1970-01-01T00:30:00+01:00").as_nanos(),
        -1800 * NANOS_PER_SEC
    );
    assert_eq!(ts("1969-12-31T23:00:00-01:00"), Timestamp::UNIX_EPOCH);
}

#[test]
fn metadata_example() {
    assert_eq!(ts("1970-01-01T01:42:42").as_nanos(), 6162 * NANOS_PER_SEC);
}

#[test]
fn i64_limits() {
    let min = "1677-09-21T00:12:43.145224192";
    let max = "2262-04-11T23:47:16.854775807";
    assert_eq!(Timestamp::MIN.to_string(), min);
    assert_eq!(Timestamp::MAX.to_string(), max);
    assert_eq!(ts(min), Timestamp::MIN);
    assert_eq!(ts(max), Timestamp::MAX);
    assert_eq!(ts("2262-04-11T23:47:16.854775807Z"), Timestamp::MAX);
    assert_eq!(ts("2262-04-12T00:47:16.854775807+01:00"), Timestamp::MAX);
    let over = [
        "1677-09-21T00:12:43.145224191",
        "2262-04-11T23:47:16.854775808",
        "2262-04-11T23:47:17",
        "0000-01-01T00:00:00",
        "9999-12-31T23:59:59.999999999",
        "1677-09-21T00:12:43.145224192+00:01",
        "2262-04-11T23:47:16.854775807-00:01",
    ];
    for s in over {
        assert_eq!(
            Timestamp::parse(s).unwrap_err().reason(),
            &ParseTimeErrorReason::TimestampRange,
            "{s}"
        );
    }
    assert_eq!(
        ts_err("2262-04-11T23:47:16.854775808"),
        "invalid timestamp \"2262-04-11T23:47:16.854775808\": outside the representable range \
         1677-09-21T00:12:43.145224192 to 2262-04-11T23:47:16.854775807"
    );
}

#[test]
fn leap_days() {
    assert_eq!(
        ts("2000-02-29T00:00:00").to_string(),
        "2000-02-29T00:00:00.000"
    );
    assert_eq!(
        ts("2024-02-29T12:00:00").to_string(),
        "2024-02-29T12:00:00.000"
    );
    assert_eq!(
        ts_err("1900-02-29T00:00:00"),
        "invalid timestamp \"1900-02-29T00:00:00\": day 29 out of range 1-28 for 1900-02"
    );
    assert_eq!(
        ts_err("2023-02-29T00:00:00"),
        "invalid timestamp \"2023-02-29T00:00:00\": day 29 out of range 1-28 for 2023-02"
    );
    assert_eq!(
        ts_err("2024-02-30T00:00:00"),
        "invalid timestamp \"2024-02-30T00:00:00\": day 30 out of range 1-29 for 2024-02"
    );
    assert_eq!(
        ts_err("2024-04-31T00:00:00"),
        "invalid timestamp \"2024-04-31T00:00:00\": day 31 out of range 1-30 for 2024-04"
    );
    ts("2024-12-31T23:59:59");
    ts("2024-01-31T23:59:59");
    // 2024-02-28 -> 2024-02-29 -> 2024-03-01 are consecutive days.
    let a = ts("2024-02-28T00:00:00").as_nanos();
    let b = ts("2024-02-29T00:00:00").as_nanos();
    let c = ts("2024-03-01T00:00:00").as_nanos();
    assert_eq!(b - a, NANOS_PER_DAY);
    assert_eq!(c - b, NANOS_PER_DAY);
}

#[test]
fn timestamp_field_errors() {
    let cases = [
        ("2024-13-01T00:00:00", "month 13 out of range 1-12"),
        ("2024-00-01T00:00:00", "month 0 out of range 1-12"),
        ("2024-01-00T00:00:00", "day 0 out of range 1-31 for 2024-01"),
        ("2024-01-01T24:00:00", "hour 24 out of range 0-23"),
        ("2024-01-01T00:60:00", "minute 60 out of range 0-59"),
        ("2024-01-01T00:00:60", "second 60 out of range 0-59"),
        (
            "2024-01-01T00:00:00+24:00",
            "zone offset hour 24 out of range 0-23",
        ),
        (
            "2024-01-01T00:00:00+01:60",
            "zone offset minute 60 out of range 0-59",
        ),
        (
            "2024-01-01T00:00:00.",
            "expected 1 to 9 fraction digits after '.' at byte 20",
        ),
        (
            "2024-01-01T00:00:00.Z",
            "expected 1 to 9 fraction digits after '.' at byte 20",
        ),
        (
            "2024-01-01T00:00:00.1234567890",
            "more than 9 fraction digits at byte 29",
        ),
        (
            "2024-01-01T00:00:00 ",
            "unexpected trailing characters at byte 19",
        ),
        (
            "2024-01-01T00:00:00.5x",
            "unexpected trailing characters at byte 21",
        ),
        (
            "2024-01-01T00:00:00ZZ",
            "unexpected trailing characters at byte 20",
        ),
        (
            "2024-01-01T00:00:00+01:00:00",
            "unexpected trailing characters at byte 25",
        ),
        (
            "2024-01-01T00:00:00+01000",
            "unexpected trailing characters at byte 24",
        ),
        ("", "empty input"),
        ("24-01-01T00:00:00", "expected 4 digit year at byte 0"),
        (
            "20240-01-01T00:00:00",
            "expected '-' after the year at byte 4",
        ),
        ("2024-1-01T00:00:00", "expected 2 digit month at byte 5"),
        ("2024-01-1T00:00:00", "expected 2 digit day at byte 8"),
        (
            "2024-01-01 00:00:00",
            "expected 'T' after the date at byte 10",
        ),
        (
            "2024-01-01t00:00:00",
            "expected 'T' after the date at byte 10",
        ),
        ("2024-01-01T0:00:00", "expected 2 digit hour at byte 11"),
        (
            "2024-01-01T00-00:00",
            "expected ':' after the hour at byte 13",
        ),
        ("2024-01-01T00:0:00", "expected 2 digit minute at byte 14"),
        (
            "2024-01-01T00:00",
            "expected ':' after the minute at byte 16",
        ),
        ("2024-01-01T00:00:0", "expected 2 digit second at byte 17"),
        (
            "2024-01-01T00:00:00+1",
            "expected 2 digit zone offset hour at byte 20",
        ),
        (
            "2024-01-01T00:00:00+",
            "expected 2 digit zone offset hour at byte 20",
        ),
        (
            "2024-01-01T00:00:00+01:",
            "expected 2 digit zone offset minute at byte 23",
        ),
        (
            "2024-01-01T00:00:00+01:5",
            "expected 2 digit zone offset minute at byte 23",
        ),
        (
            "2024-01-01T00:00:00+015",
            "expected 2 digit zone offset minute at byte 22",
        ),
        ("+2024-01-01T00:00:00", "expected 4 digit year at byte 0"),
        (
            "2024-01-01T00:00:00.5z",
            "unexpected trailing characters at byte 21",
        ),
        (
            "2024-01-01T00:00:00\u{e9}",
            "unexpected trailing characters at byte 19",
        ),
    ];
    for (input, reason) in cases {
        assert_eq!(
            ts_err(input),
            format!("invalid timestamp {input:?}: {reason}")
        );
    }
    let e = Timestamp::parse("2024-13-01T00:00:00").unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid timestamp \"2024-13-01T00:00:00\": month 13 out of range 1-12"
    );
    assert_eq!(e.input(), "2024-13-01T00:00:00");
    assert_eq!(e.reason(), &ParseTimeErrorReason::Month(13));
    assert!(e.is_timestamp());
    // FromStr is the same parser.
    assert_eq!("2024-13-01T00:00:00".parse::<Timestamp>().unwrap_err(), e);
    assert_eq!(
        "1970-01-01T00:00:00".parse::<Timestamp>(),
        Ok(Timestamp::UNIX_EPOCH)
    );
}

#[test]
fn timestamp_round_trips() {
    for n in lcg(20_000) {
        for v in [
            n,
            n / 1000 * 1000,
            n / 1_000_000 * 1_000_000,
            n / NANOS_PER_SEC * NANOS_PER_SEC,
        ] {
            let t = Timestamp::from_nanos(v);
            let text = t.to_string();
            assert_eq!(wire_ts(t), text);
            assert_eq!(ts(&text), t, "{text}");
            let len = text.len();
            assert!(len == 23 || len == 26 || len == 29, "{text}");
        }
    }
    for v in [i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX - 1, i64::MAX] {
        let t = Timestamp::from_nanos(v);
        assert_eq!(ts(&t.to_string()), t);
    }
}

#[test]
fn timestamp_display_padding() {
    assert_eq!(
        format!("{:>25}", Timestamp::UNIX_EPOCH),
        "  1970-01-01T00:00:00.000"
    );
}

#[test]
fn timestamp_f64() {
    assert_eq!(Timestamp::from_secs_f64(0.0), Some(Timestamp::UNIX_EPOCH));
    assert_eq!(
        Timestamp::from_secs_f64(1.5),
        Some(Timestamp::from_nanos(1_500_000_000))
    );
    assert_eq!(
        Timestamp::from_secs_f64(-0.5),
        Some(Timestamp::from_nanos(-500_000_000))
    );
    // Truncation toward zero of secs * 1e9.
    assert_eq!(Timestamp::from_secs_f64(1e-10), Some(Timestamp::UNIX_EPOCH));
    assert_eq!(
        Timestamp::from_secs_f64(-1e-10),
        Some(Timestamp::UNIX_EPOCH)
    );
    assert_eq!(
        Timestamp::from_secs_f64(-1.9e-9),
        Some(Timestamp::from_nanos(-1))
    );
    assert_eq!(Timestamp::from_secs_f64(f64::NAN), None);
    assert_eq!(Timestamp::from_secs_f64(f64::INFINITY), None);
    assert_eq!(Timestamp::from_secs_f64(f64::NEG_INFINITY), None);
    assert_eq!(Timestamp::from_secs_f64(9.3e9), None);
    assert_eq!(Timestamp::from_secs_f64(-9.3e9), None);
    assert_eq!(Timestamp::from_secs_f64(9_223_372_036.854_776), None);
    assert_eq!(
        Timestamp::from_secs_f64(-9_223_372_036.854_776),
        Some(Timestamp::MIN)
    );
    assert_eq!(Timestamp::from_nanos(1_500_000_000).as_secs_f64(), 1.5);
    assert_eq!(Timestamp::from_nanos(-250_000_000).as_secs_f64(), -0.25);
}

#[test]
fn timestamp_arith_and_system_time() {
    let t = Timestamp::from_nanos(1_000);
    let s = Timespan::from_nanos(500);
    assert_eq!(t.checked_add(s), Some(Timestamp::from_nanos(1_500)));
    assert_eq!(t.checked_sub(s), Some(Timestamp::from_nanos(500)));
    assert_eq!(Timestamp::MAX.checked_add(Timespan::from_nanos(1)), None);
    assert_eq!(Timestamp::MIN.checked_sub(Timespan::from_nanos(1)), None);
    assert_eq!(
        t.checked_duration_since(Timestamp::from_nanos(3_000)),
        Some(Timespan::from_nanos(-2_000))
    );
    assert_eq!(Timestamp::MAX.checked_duration_since(Timestamp::MIN), None);

    let now = Timestamp::now();
    assert!(now > ts("2020-01-01T00:00:00"));
    for v in [
        0,
        1,
        -1,
        i64::MIN,
        i64::MAX,
        1_404_901_004_123_456_789,
        -123_456_789_012,
    ] {
        let t = Timestamp::from_nanos(v);
        let st = SystemTime::from(t);
        assert_eq!(Timestamp::try_from(st), Ok(t));
    }
    let far = SystemTime::UNIX_EPOCH + Duration::from_secs(10_000_000_000);
    assert_eq!(Timestamp::try_from(far), Err(TimeRangeError::SystemTime));
    let far_back = SystemTime::UNIX_EPOCH - Duration::from_secs(10_000_000_000);
    assert_eq!(
        Timestamp::try_from(far_back),
        Err(TimeRangeError::SystemTime)
    );
    assert_eq!(
        TimeRangeError::SystemTime.to_string(),
        "system time outside the timestamp range 1677-09-21T00:12:43.145224192 to 2262-04-11T23:47:16.854775807"
    );
}

// ----- timespan text -----

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
            "5d",
            "unknown unit \"d\", expected one of ns, us, ms, s, min, h",
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
    let e = Timespan::parse("5d").unwrap_err();
    assert!(!e.is_timestamp());
    assert_eq!(e.reason(), &ParseTimeErrorReason::UnknownUnit("d".into()));
    assert_eq!("5d".parse::<Timespan>().unwrap_err(), e);
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
