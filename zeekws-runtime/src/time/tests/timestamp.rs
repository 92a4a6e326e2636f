//! `Timestamp`: text, wire form, arithmetic.

use super::*;

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
