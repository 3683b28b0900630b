//! Registration windows: deadlines inclusive to the minute, offsets honoured.

use twinning_cohort::{RegistrationStatus, Role};

use crate::{at, cohort};

fn is_closed(s: &RegistrationStatus) -> bool {
    matches!(s, RegistrationStatus::Closed { .. })
}

#[test]
fn cohort_3_deadline_is_inclusive_to_the_minute() {
    // 14 November 2024, 17:00 CET (= 16:00 UTC).
    let c = cohort(3);
    let status = |t: &str| c.registration_status(Role::TwinCity, at(t));
    assert!(status("2024-11-14T16:59:00+01:00").is_open());
    assert!(status("2024-11-14T17:00:00+01:00").is_open());
    assert!(status("2024-11-14T17:00:59+01:00").is_open());
    assert!(is_closed(&status("2024-11-14T17:01:00+01:00")));
    // The same instants written in other offsets.
    assert!(status("2024-11-14T16:00:00Z").is_open());
    assert!(is_closed(&status("2024-11-14T16:01:00Z")));
    // 17:30 CEST is 15:30 UTC, half an hour before a 17:00 CET deadline.
    assert!(status("2024-11-14T17:30:00+02:00").is_open());
}

#[test]
fn cohort_4_mission_minded_deadline_is_in_cest() {
    // 12 September 2025, 17:00 CEST == 15:00 UTC.
    let c = cohort(4);
    let deadline = at("2025-09-12T17:00:00+02:00");
    assert_eq!(deadline, at("2025-09-12T15:00:00Z"));
    let status = |t: &str| c.registration_status(Role::MissionMindedCity, at(t));
    // An application at 16:30 CET (15:30 UTC) is after the deadline.
    let late = status("2025-09-12T16:30:00+01:00");
    match &late {
        RegistrationStatus::Closed { deadline: d, reason } => {
            assert_eq!(*d, deadline);
            assert!(reason.contains("2025-09-12T17:00:00+02:00"), "{reason}");
            assert!(reason.contains("15:00 UTC"), "{reason}");
        }
        other => panic!("expected closed, got {other:?}"),
    }
    assert!(is_closed(&status("2025-09-12T17:01:00+02:00")));
    // Before the deadline the call's opening is unknown, so the status says so.
    let before = status("2025-09-12T17:00:00+02:00");
    assert!(matches!(before, RegistrationStatus::Unknown { .. }), "{before:?}");
    let before = status("2025-09-12T16:00:59+01:00");
    assert!(matches!(before, RegistrationStatus::Unknown { .. }), "{before:?}");
}

#[test]
fn cohort_4_mission_city_window() {
    // 1 March 2025 (a day: from 00:00 Brussels, CET) to 28 March 2025 17:00 CET.
    let c = cohort(4);
    let status = |t: &str| c.registration_status(Role::MissionCity, at(t));
    assert!(matches!(status("2025-02-28T23:59:00+01:00"), RegistrationStatus::NotYetOpen { .. }));
    assert!(status("2025-03-01T00:00:00+01:00").is_open());
    assert!(status("2025-03-28T16:00:00Z").is_open());
    assert!(is_closed(&status("2025-03-28T16:01:00Z")));
}

#[test]
fn cohort_1_window_keeps_the_printed_cet_offset() {
    // "3 May 12.00 CET" and "30 June 23.59 CET" are read as +01:00, as printed.
    let c = cohort(1);
    let status = |t: &str| c.registration_status(Role::TwinCity, at(t));
    let not_yet = status("2023-05-03T11:59:00+01:00");
    assert_eq!(not_yet, RegistrationStatus::NotYetOpen { opens: at("2023-05-03T12:00:00+01:00") });
    assert!(status("2023-05-03T12:00:00+01:00").is_open());
    // 23:59 CET is 22:59 UTC, which is 00:59 CEST on 1 July on a Brussels wall clock.
    assert!(status("2023-07-01T00:59:59+02:00").is_open());
    assert!(is_closed(&status("2023-07-01T01:00:00+02:00")));
    assert!(is_closed(&status("2023-06-30T23:00:00Z")));
}

#[test]
fn day_deadlines_close_at_the_end_of_the_brussels_day() {
    // Cohort 2: "open until 7 June 2024" (the extension is followed); June is CEST.
    let c = cohort(2);
    let status = |t: &str| c.registration_status(Role::TwinCity, at(t));
    assert!(status("2024-06-07T23:59:30+02:00").is_open());
    assert!(is_closed(&status("2024-06-08T00:00:00+02:00")));
    // 22:30 UTC on 7 June is already 00:30 on 8 June in Brussels.
    assert!(is_closed(&status("2024-06-07T22:30:00Z")));
    // 31 May, the first deadline, is not followed.
    assert!(status("2024-06-01T12:00:00+02:00").is_open());
    let RegistrationStatus::Closed { reason, .. } = status("2024-06-09T00:00:00+02:00") else {
        panic!("expected closed");
    };
    assert!(reason.contains("extension"), "{reason}");
}

#[test]
fn month_windows_run_from_the_first_to_the_last_day() {
    let c = cohort(5);
    let mc = |t: &str| c.registration_status(Role::MissionCity, at(t));
    assert!(matches!(mc("2026-01-31T23:59:00+01:00"), RegistrationStatus::NotYetOpen { .. }));
    assert!(mc("2026-02-01T00:00:00+01:00").is_open());
    assert!(mc("2026-03-31T23:59:59+02:00").is_open());
    assert!(is_closed(&mc("2026-04-01T00:00:00+02:00")));
    let mm = |t: &str| c.registration_status(Role::MissionMindedCity, at(t));
    assert!(mm("2025-12-01T00:00:00+01:00").is_open());
    assert!(is_closed(&mm("2026-02-01T00:00:00+01:00")));
}

#[test]
fn roles_without_a_call() {
    for n in 1..=3 {
        let s = cohort(n).registration_status(Role::PilotCity, at("2024-01-01T00:00:00Z"));
        assert_eq!(s, RegistrationStatus::NoCall { role: Role::PilotCity });
    }
    let s = cohort(5).registration_status(Role::TwinCity, at("2026-01-01T00:00:00Z"));
    assert_eq!(s, RegistrationStatus::NoCall { role: Role::TwinCity });
}
