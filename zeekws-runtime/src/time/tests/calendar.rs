//! The civil calendar.

use super::*;

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
