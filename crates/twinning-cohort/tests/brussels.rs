//! Brussels time against the time-zone database and the EU summer-time rule,
//! for every minute around each transition from 2023 to 2030.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, Offset, TimeZone, Utc, Weekday,
};
use chrono_tz::Europe::Brussels;
use twinning_cohort::{BrusselsTime, Moment, brussels_offset, brussels_time, to_brussels};

/// The last Sunday of `month`, counted back from the month's last day
/// (an independent computation of the EU rule, Directive 2000/84/EC).
fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let mut day = NaiveDate::from_ymd_opt(year, month + 1, 1).unwrap().pred_opt().unwrap();
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt().unwrap();
    }
    day
}

/// The two transitions of `year`, at 01:00 UTC on the last Sundays of March and October.
fn transitions(year: i32) -> [DateTime<Utc>; 2] {
    let at_one = |d: NaiveDate| Utc.from_utc_datetime(&d.and_hms_opt(1, 0, 0).unwrap());
    [at_one(last_sunday(year, 3)), at_one(last_sunday(year, 10))]
}

fn hours(h: i32) -> FixedOffset {
    FixedOffset::east_opt(h * 3600).unwrap()
}

#[test]
fn the_transitions_are_the_last_sundays_of_march_and_october() {
    // Typed from the calendar: 2026's are 29 March and 25 October.
    assert_eq!(transitions(2026)[0].date_naive(), NaiveDate::from_ymd_opt(2026, 3, 29).unwrap());
    assert_eq!(transitions(2026)[1].date_naive(), NaiveDate::from_ymd_opt(2026, 10, 25).unwrap());
}

#[test]
fn every_minute_around_each_transition_2023_to_2030_matches_the_database() {
    let mut checked = 0;
    for year in 2023..=2030 {
        let [spring, autumn] = transitions(year);
        for (transition, before, after) in
            [(spring, hours(1), hours(2)), (autumn, hours(2), hours(1))]
        {
            // Two days either side, minute by minute.
            for minute in -2 * 24 * 60..2 * 24 * 60 {
                let utc = transition + Duration::minutes(minute);
                let expected = if utc < transition { before } else { after };
                let database = Brussels.offset_from_utc_datetime(&utc.naive_utc()).fix();
                assert_eq!(database, expected, "{utc}: the database and the EU rule");
                assert_eq!(brussels_offset(utc), expected, "{utc}");
                // The Brussels reading of the instant is the same instant.
                let local = to_brussels(utc.fixed_offset());
                assert_eq!(local, utc);
                assert_eq!(*local.offset(), expected, "{utc}");
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 8 * 2 * 4 * 24 * 60);
}

#[test]
fn a_local_time_in_the_spring_gap_does_not_exist() {
    // 29 March 2026: the clock goes from 02:00 to 03:00, so 02:30 never shows.
    let local = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap().and_hms_opt(2, 30, 0).unwrap();
    let t = brussels_time(local);
    let BrusselsTime::Nonexistent { shifted } = t else { panic!("{t:?}") };
    // Read with the winter offset in force before the gap: 01:30 UTC, shown as 03:30 CEST.
    assert_eq!(shifted.to_rfc3339(), "2026-03-29T02:30:00+01:00");
    assert_eq!(to_brussels(shifted).to_rfc3339(), "2026-03-29T03:30:00+02:00");
    assert_eq!(t.resolve(), shifted);
    // The minutes either side exist once.
    for (h, m, offset) in [(1, 59, 1), (3, 0, 2)] {
        let local = local.date().and_hms_opt(h, m, 0).unwrap();
        let BrusselsTime::Single(at) = brussels_time(local) else { panic!("{local}") };
        assert_eq!(*at.offset(), hours(offset));
    }
}

#[test]
fn a_local_time_in_the_autumn_overlap_occurs_twice() {
    // 25 October 2026: the clock goes back from 03:00 to 02:00, so 02:30 shows twice.
    let local = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap().and_hms_opt(2, 30, 0).unwrap();
    let t = brussels_time(local);
    let BrusselsTime::Ambiguous { earlier, later } = t else { panic!("{t:?}") };
    assert_eq!(earlier.to_rfc3339(), "2026-10-25T02:30:00+02:00");
    assert_eq!(later.to_rfc3339(), "2026-10-25T02:30:00+01:00");
    assert_eq!(later - earlier, Duration::hours(1));
    // A deadline at that local time stays open through both readings.
    assert_eq!(t.resolve(), later);
}

#[test]
fn day_and_month_moments_use_the_database_offsets() {
    // 31 March 2026 is after the 29 March switch: CEST. 31 October 2026 is after 25 October: CET.
    let m: Moment = "2026-03".parse().unwrap();
    assert_eq!(m.end_instant().to_rfc3339(), "2026-03-31T23:59:00+02:00");
    let d: Moment = "2026-10-31".parse().unwrap();
    assert_eq!(d.end_instant().to_rfc3339(), "2026-10-31T23:59:00+01:00");
    let d: Moment = "2026-03-29".parse().unwrap();
    assert_eq!(d.start_instant().to_rfc3339(), "2026-03-29T00:00:00+01:00");
    assert_eq!(d.end_instant().to_rfc3339(), "2026-03-29T23:59:00+02:00");
}
