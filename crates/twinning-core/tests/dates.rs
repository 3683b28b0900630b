//! Date ranges and months: never inverted, counted independently.

use chrono::NaiveDate;
use proptest::prelude::*;
use twinning_core::{DateRange, MonthRange, YearMonth};

use crate::day;

#[test]
fn inverted_date_range_is_rejected_on_load() {
    let err = serde_json::from_str::<DateRange>(r#"{"start":"2026-05-29","end":"2026-05-28"}"#)
        .unwrap_err();
    assert!(err.to_string().contains("before it starts"), "{err}");
    let err =
        serde_json::from_str::<DateRange>(r#"{"start":"2026-05-28","end":"2026-05-29","x":1}"#)
            .unwrap_err();
    assert!(err.to_string().contains("unknown field"), "{err}");
}

#[test]
fn programme_periods_have_the_documented_lengths() {
    // Cohort 5 runs "12 months from September 2026 to September 2027" (seed 001):
    // twelve months between the two month starts, thirteen calendar months touched.
    let start: YearMonth = "2026-09".parse().unwrap();
    let end: YearMonth = "2027-09".parse().unwrap();
    assert_eq!(start.months_until(end), 12);
    let range = MonthRange::new(start, end).unwrap();
    assert_eq!(range.days().calendar_months(), 13);
    assert_eq!(range.days().start(), day(2026, 9, 1));
    assert_eq!(range.days().end(), day(2027, 9, 30));
    // February of a leap year.
    assert_eq!("2024-02".parse::<YearMonth>().unwrap().last_day(), day(2024, 2, 29));
}

#[test]
fn year_month_parsing_is_strict() {
    for bad in
        ["2026-9", "2026-13", "2026-00", "26-09", "2026/09", "0000-01", "2026-09-01", " 2026-09"]
    {
        assert!(bad.parse::<YearMonth>().is_err(), "{bad}");
    }
    assert!(MonthRange::new("2027-01".parse().unwrap(), "2026-12".parse().unwrap()).is_err());
}

fn any_day() -> impl Strategy<Value = NaiveDate> {
    // Days from year 1 to 9999.
    (1i32..=9999, 1u32..=12, 1u32..=31)
        .prop_filter_map("valid day", |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d))
}

proptest! {
    #[test]
    fn a_range_exists_exactly_when_it_is_not_inverted(a in any_day(), b in any_day()) {
        prop_assert_eq!(DateRange::new(a, b).is_ok(), a <= b);
    }

    #[test]
    fn ranges_contain_their_ends_and_count_days(a in any_day(), b in any_day()) {
        let r = DateRange::new(a.min(b), a.max(b)).unwrap();
        prop_assert!(r.contains(r.start()) && r.contains(r.end()));
        // Independent count: walk day by day for short ranges.
        if r.days() < 400 {
            let walked = r.start().iter_days().take_while(|d| *d <= r.end()).count() as u64;
            prop_assert_eq!(walked, r.days());
        }
    }

    #[test]
    fn intersection_is_symmetric_and_inside_both(a in any_day(), b in any_day(), c in any_day(), d in any_day()) {
        let r = DateRange::new(a.min(b), a.max(b)).unwrap();
        let s = DateRange::new(c.min(d), c.max(d)).unwrap();
        prop_assert_eq!(r.intersection(&s), s.intersection(&r));
        prop_assert_eq!(r.intersection(&s).is_some(), r.overlaps(&s));
        if let Some(i) = r.intersection(&s) {
            prop_assert!(r.encloses(&i) && s.encloses(&i));
        }
        let span = r.span(&s);
        prop_assert!(span.encloses(&r) && span.encloses(&s));
    }

    #[test]
    fn date_ranges_round_trip_through_json(a in any_day(), b in any_day()) {
        let r = DateRange::new(a.min(b), a.max(b)).unwrap();
        let back: DateRange = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        prop_assert_eq!(back, r);
    }

    #[test]
    fn months_add_and_count_consistently(y in 1i32..=9999, m in 1u32..=12, n in -200i32..200) {
        let ym = YearMonth::new(y, m).unwrap();
        if let Some(later) = ym.checked_add_months(n) {
            prop_assert_eq!(ym.months_until(later), n);
            prop_assert_eq!(later.to_string().parse::<YearMonth>().unwrap(), later);
            prop_assert!(later.first_day() <= later.last_day());
        }
    }
}
