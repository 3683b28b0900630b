//! Phase and milestone queries, and months elapsed, as invariants.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use twinning_cohort::{MilestoneKind, builtin_cohorts};

use crate::{at, cohort};

/// Brussels wall-clock date of an instant, computed independently of the
/// library: CEST from the last Sunday of March to the last Sunday of
/// October, switching at 01:00 UTC.
fn brussels_date(t: DateTime<FixedOffset>) -> NaiveDate {
    let utc = t.with_timezone(&Utc);
    let y = utc.year();
    let last_sunday = |m: u32| {
        (22..=31)
            .filter_map(|d| NaiveDate::from_ymd_opt(y, m, d))
            .rfind(|d| d.weekday() == chrono::Weekday::Sun)
            .unwrap()
    };
    let start = Utc.from_utc_datetime(&last_sunday(3).and_hms_opt(1, 0, 0).unwrap());
    let end = Utc.from_utc_datetime(&last_sunday(10).and_hms_opt(1, 0, 0).unwrap());
    let hours = if start <= utc && utc < end { 2 } else { 1 };
    (utc + Duration::hours(hours)).date_naive()
}

fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    // 2023-01-01 to 2028-12-31, any quarter-hour offset from -12:00 to +14:00.
    (1_672_531_200i64..1_861_920_000, -48i32..=56).prop_map(|(secs, quarters)| {
        let offset = FixedOffset::east_opt(quarters * 900).unwrap();
        Utc.timestamp_opt(secs, 0).unwrap().with_timezone(&offset)
    })
}

proptest! {
    #[test]
    fn phase_at_agrees_with_the_phase_ranges(t in instant(), n in 1u16..=5) {
        let c = cohort(n);
        let day = brussels_date(t);
        let containing: Vec<_> = c.phases().iter().filter(|p| p.months.contains(day)).collect();
        prop_assert!(containing.len() <= 1, "phases overlap");
        prop_assert_eq!(c.phase_at(t), containing.first().copied());
    }

    #[test]
    fn next_milestones_are_sorted_after_and_complete(t in instant(), n in 1u16..=5, limit in 0usize..20) {
        let c = cohort(n);
        let next = c.next_milestones(t, limit);
        prop_assert!(next.len() <= limit);
        for m in &next {
            prop_assert!(m.at > t);
        }
        for pair in next.windows(2) {
            prop_assert!(pair[0].at <= pair[1].at);
        }
        let after = c.milestones().iter().filter(|m| m.at > t).count();
        prop_assert_eq!(next.len(), after.min(limit));
    }

    #[test]
    fn months_elapsed_and_remaining_add_up(days in 0i64..3000, n in 1u16..=5) {
        let c = cohort(n);
        let on = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + Duration::days(days);
        let p = c.programme_period();
        let span = u32::try_from(p.start().months_until(p.end())).unwrap();
        prop_assert_eq!(c.months_elapsed(on) + c.months_remaining(on), span);
        if on < p.start().first_day() {
            prop_assert_eq!(c.months_elapsed(on), 0);
        }
        if on > p.end().last_day() {
            prop_assert_eq!(c.months_remaining(on), 0);
        }
    }
}

#[test]
fn cohort_5_phase_on_given_days() {
    let c = cohort(5);
    let phase = |t: &str| c.phase_at(at(t)).map(|p| p.id.as_str().to_owned());
    assert_eq!(phase("2026-05-28T10:00:00+02:00").as_deref(), Some("matchmaking"));
    assert_eq!(phase("2026-07-15T10:00:00+02:00"), None); // between phases
    // 23:30 UTC on 31 May is 01:30 on 1 June in Brussels: pairs are being confirmed.
    assert_eq!(phase("2026-05-31T23:30:00Z").as_deref(), Some("pairs-confirmed"));
}

#[test]
fn months_elapsed_in_cohort_5() {
    // 12 months from September 2026 to September 2027.
    let c = cohort(5);
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert_eq!((c.months_elapsed(d(2026, 8, 31)), c.months_remaining(d(2026, 8, 31))), (0, 12));
    assert_eq!((c.months_elapsed(d(2026, 9, 15)), c.months_remaining(d(2026, 9, 15))), (0, 12));
    assert_eq!((c.months_elapsed(d(2027, 3, 1)), c.months_remaining(d(2027, 3, 1))), (6, 6));
    assert_eq!((c.months_elapsed(d(2028, 1, 1)), c.months_remaining(d(2028, 1, 1))), (12, 0));
}

#[test]
fn next_milestones_after_a_given_instant() {
    // After the December webinar of cohort 5: the January webinar, then the
    // end of Mission-minded registration (January), then Mission-city registration opens.
    let c = cohort(5);
    let next = c.next_milestones(at("2025-12-16T13:00:00+01:00"), 3);
    let keys: Vec<&str> = next.iter().map(|m| m.key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "activity.webinar-january",
            "call.mission-minded-registration.closes",
            "call.mission-city-registration.opens"
        ]
    );
    assert_eq!(next[1].kind, MilestoneKind::CallCloses);
}

#[test]
fn milestone_ids_are_unique_and_stable() {
    let mut all = Vec::new();
    for c in builtin_cohorts() {
        for m in c.milestones() {
            all.push(m.id);
        }
        for p in c.phases() {
            all.push(c.phase_uid(p));
        }
    }
    let n = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), n);
    // Stable: recomputed from the cohort id and key (UUIDv5).
    let c = cohort(4);
    let m = &c.milestones()[0];
    assert_eq!(*m.id.as_uuid(), uuid::Uuid::new_v5(c.id().as_uuid(), m.key.as_bytes()));
}

proptest! {
    #[test]
    fn cohort_3_status_matches_the_published_window(t in instant()) {
        // Opens 10 September 2024 (00:00 CEST = 2024-09-09T22:00Z); closes
        // 14 November 2024 17:00 CET, the minute included (so late from 16:01Z).
        let opens = at("2024-09-09T22:00:00Z");
        let late_from = at("2024-11-14T16:01:00Z");
        let status = cohort(3).registration_status(twinning_cohort::Role::TwinCity, t);
        if t < opens {
            prop_assert!(matches!(status, twinning_cohort::RegistrationStatus::NotYetOpen { .. }), "{status:?}");
        } else if t < late_from {
            prop_assert!(status.is_open(), "{status:?}");
        } else {
            prop_assert!(matches!(status, twinning_cohort::RegistrationStatus::Closed { .. }), "{status:?}");
        }
    }

    #[test]
    fn moments_and_spans_round_trip_through_text(t in instant(), days in 0i64..400) {
        use twinning_cohort::{Moment, When};
        let instant = Moment::At(t);
        prop_assert_eq!(instant.to_string().parse::<Moment>().unwrap(), instant);
        let day = Moment::Day(t.date_naive());
        let later = Moment::Day(t.date_naive() + Duration::days(days));
        let span = When::span(day, later).unwrap();
        prop_assert_eq!(span.to_string().parse::<When>().unwrap(), span);
        prop_assert!(span.start_instant() <= span.end_instant());
        // A span whose end precedes its start is refused.
        if days > 0 {
            prop_assert!(When::span(later, day).is_err());
        }
    }
}
