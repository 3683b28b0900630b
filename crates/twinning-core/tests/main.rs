//! Integration tests for `twinning-core`: the specification of its types.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

use chrono::NaiveDate;
use proptest::prelude::*;
use twinning_core::{
    CityId, Confidence, CountryCode, DateRange, Error, MonthRange, Provenance, Reported, Slug,
    Sourced, YearMonth,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn country_codes_used_by_the_programme_are_accepted() {
    // Every country named in the fact sheet's catalogue, Mission Cities and association tables.
    for code in [
        "DK", "PT", "TR", "GB", "DE", "PL", "BE", "GR", "FR", "SI", "CZ", "IT", "NO", "IS", "IL",
        "GE", "MD", "ME", "MK", "RS", "AM", "BA", "UA", "AL", "FO", "TN", "NZ", "CA", "KR", "CH",
        "EG", "JP", "MA", "XK",
    ] {
        assert_eq!(code.parse::<CountryCode>().unwrap().as_str(), code);
    }
}

#[test]
fn country_code_mistakes_people_make_are_explained() {
    let hint = |s: &str| s.parse::<CountryCode>().unwrap_err().to_string();
    assert!(hint("UK").contains("GB"));
    assert!(hint("EL").contains("GR"));
    assert!(hint("pt").contains("capitals"));
    assert!(hint("PRT").contains("two"));
    assert!(hint("").contains("two"));
    assert!(hint("QQ").contains("not an assigned"));
    assert!(hint("P1").contains("two capital letters"));
}

#[test]
fn country_code_serializes_as_a_plain_string() {
    let code: CountryCode = serde_json::from_str("\"SI\"").unwrap();
    assert_eq!(serde_json::to_string(&code).unwrap(), "\"SI\"");
    let err = serde_json::from_str::<CountryCode>("\"UK\"").unwrap_err();
    assert!(err.to_string().contains("GB"), "{err}");
}

#[test]
fn ids_round_trip_through_text_and_json() {
    let id = CityId::from_slug(&"aalborg".parse().unwrap());
    assert_eq!(id.to_string().parse::<CityId>().unwrap(), id);
    let json = serde_json::to_string(&id).unwrap();
    assert_eq!(json, format!("\"{id}\""));
    assert_eq!(serde_json::from_str::<CityId>(&json).unwrap(), id);
    assert!(matches!("not-a-uuid".parse::<CityId>(), Err(Error::InvalidId { kind: "city", .. })));
}

#[test]
fn deterministic_ids_are_uuid_v5() {
    let id = CityId::from_slug(&"ghent".parse().unwrap());
    assert_eq!(id.as_uuid().get_version_num(), 5);
}

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

#[test]
fn provenance_needs_a_source_and_serializes_its_confidence() {
    assert_eq!(Provenance::new("  ", Confidence::Confirmed), Err(Error::EmptySource));
    let p = Provenance::uncertain("seed 000", "entry 24 is unresolved").with_as_of(day(2026, 2, 1));
    let json = serde_json::to_string(&p).unwrap();
    assert!(json.contains("\"confidence\":\"uncertain\""), "{json}");
    assert_eq!(serde_json::from_str::<Provenance>(&json).unwrap(), p);
    assert!(
        serde_json::from_str::<Provenance>(r#"{"source":"","confidence":"confirmed"}"#).is_err()
    );
}

#[test]
fn reported_facts_keep_every_variant() {
    let r = Reported::disputed(
        Sourced::new(19, Provenance::confirmed("NZC 16 Sep 2024")),
        vec![Sourced::new(18, Provenance::confirmed("NZC page 2025-09-12"))],
        "selection count",
    );
    let json = serde_json::to_string(&r).unwrap();
    let back: Reported<u32> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    assert_eq!(back.all().count(), 2);
    assert!(!Reported::single(1, Provenance::confirmed("x")).is_disputed());
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

    #[test]
    fn slugs_round_trip(s in "[a-z0-9][a-z0-9_-]{0,63}") {
        let slug: Slug = s.parse().unwrap();
        prop_assert_eq!(slug.as_str(), s.as_str());
        let back: Slug = serde_json::from_str(&serde_json::to_string(&slug).unwrap()).unwrap();
        prop_assert_eq!(back, slug);
    }

    #[test]
    fn country_parsing_never_panics(s in "\\PC{0,4}") {
        let _ = s.parse::<CountryCode>();
    }
}
