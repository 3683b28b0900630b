//! Cohort documents: decode and validate any text, then check that a cohort
//! that decodes survives a JSON round trip unchanged, exports to iCalendar and
//! Mermaid, and answers date queries at fixed instants without panicking.

#![no_main]

use chrono::{DateTime, FixedOffset, NaiveDate};
use libfuzzer_sys::fuzz_target;
use twinning_cohort::{Cohort, Role, to_icalendar, to_mermaid_gantt};

/// Instants the queries run at: far past, the programme years in winter and
/// summer time, a deadline's last minute, and the far future.
const INSTANTS: [&str; 6] = [
    "1970-01-01T00:00:00+00:00",
    "2023-01-15T12:00:00+01:00",
    "2025-06-30T23:59:00+02:00",
    "2026-10-25T02:30:00+01:00",
    "2027-03-28T03:00:00+02:00",
    "9999-12-31T23:59:59+00:00",
];

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let cohort = match Cohort::from_json(text) {
        Ok(cohort) => cohort,
        Err(err) => {
            // Every error renders, and names at least one problem.
            assert!(!err.to_string().is_empty());
            let _ = err.problems();
            return;
        }
    };

    // No silent loss: what we write reads back equal, and writing is stable.
    let json = cohort.to_json();
    let again = match Cohort::from_json(&json) {
        Ok(again) => again,
        Err(err) => panic!("a decoded cohort's own JSON is refused: {err}\n{json}"),
    };
    assert_eq!(again, cohort, "round trip changed the cohort\n{json}");
    assert_eq!(again.to_json(), json, "writing is not stable");

    // Exports never fail and are deterministic.
    let ical = to_icalendar(&cohort);
    assert!(ical.starts_with("BEGIN:VCALENDAR"));
    assert!(ical.lines().all(|line| line.len() <= 75), "unfolded iCalendar line");
    // A name or note cannot inject a content line: every line break is CRLF.
    assert!(!ical.replace("\r\n", "").contains(['\r', '\n']), "bare line break in iCalendar");
    assert_eq!(ical, to_icalendar(&again));
    let gantt = to_mermaid_gantt(&cohort);
    assert_eq!(gantt, to_mermaid_gantt(&again));

    for instant in INSTANTS {
        let Ok(at) = DateTime::<FixedOffset>::parse_from_rfc3339(instant) else { continue };
        for role in Role::ALL {
            let status = cohort.registration_status(role, at);
            let _ = status.is_open();
        }
        let _ = cohort.phase_at(at);
        let next = cohort.next_milestones(at, 3);
        assert!(next.len() <= 3);
        assert!(next.windows(2).all(|w| w.first().map(|m| m.at) <= w.get(1).map(|m| m.at)));
        let day: NaiveDate = at.date_naive();
        let elapsed = cohort.months_elapsed(day);
        let remaining = cohort.months_remaining(day);
        let span = cohort.programme_period().start().months_until(cohort.programme_period().end());
        assert_eq!(u64::from(elapsed) + u64::from(remaining), u64::from(span.unsigned_abs()));
    }
});
