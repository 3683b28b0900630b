//! Call windows to the minute, across CET (+01:00) and CEST (+02:00).

use twinning_cohort::Role;
use twinning_eligibility::{Applicant, Outcome, Reason, RuleSet};

use crate::fake::{Fake, at};

/// The window outcome for a submission at `instant` (RFC 3339 with its offset).
fn window(cohort: u16, role: Role, instant: &str) -> (Outcome, Reason, String, usize) {
    let rules = RuleSet::builtin(crate::fake::no(cohort), role).unwrap();
    let applicant = Applicant::new("Anywhere").unwrap().with_submitted_at(at(instant));
    let d = rules.evaluate(&applicant, at("2030-01-01T00:00:00Z"), &Fake::europe());
    let o = d.outcome("window").unwrap().clone();
    let other_readings = o.evidence.iter().filter(|e| e.fact.ends_with("(other reading)")).count();
    (o.outcome, o.reason, o.sentence, other_readings)
}

fn passes(cohort: u16, role: Role, instant: &str) -> bool {
    window(cohort, role, instant).0 == Outcome::Passed
}

#[test]
fn cohort_4_mission_cities_close_at_17_00_cet_inclusive_to_the_minute() {
    let r = Role::MissionCity;
    assert!(passes(4, r, "2025-03-28T17:00:00+01:00"));
    assert!(passes(4, r, "2025-03-28T17:00:59+01:00"));
    assert!(!passes(4, r, "2025-03-28T17:01:00+01:00"));
    // The same instants written in UTC and in CEST.
    assert!(passes(4, r, "2025-03-28T16:00:59Z"));
    assert!(!passes(4, r, "2025-03-28T16:01:00Z"));
    assert!(passes(4, r, "2025-03-28T18:00:00+02:00"));
    assert!(!passes(4, r, "2025-03-28T18:01:00+02:00"));
    // Opening day, start of the day CET.
    assert!(passes(4, r, "2025-03-01T00:00:00+01:00"));
    assert_eq!(window(4, r, "2025-02-28T23:59:59+01:00").1, Reason::SubmittedBeforeOpening);
}

#[test]
fn cohort_4_mission_minded_cities_close_at_17_00_cest() {
    let r = Role::MissionMindedCity;
    assert!(passes(4, r, "2025-09-12T17:00:59+02:00"));
    assert!(!passes(4, r, "2025-09-12T17:01:00+02:00"));
    assert!(passes(4, r, "2025-09-12T15:00:00Z"));
    assert!(!passes(4, r, "2025-09-12T15:01:00Z"));
    // 17:00 read as CET would be an hour later: the CEST instant is the one printed.
    let (outcome, reason, ..) = window(4, r, "2025-09-12T17:30:00+01:00");
    assert_eq!((outcome, reason), (Outcome::Failed, Reason::SubmittedAfterClosing));
    // No opening date was published: an early submission is not refused.
    assert!(passes(4, r, "2025-01-01T00:00:00+01:00"));
}

#[test]
fn cohort_1_follows_the_printed_cet_deadline_and_flags_the_cest_reading() {
    let r = Role::TwinCity;
    // Printed: 30 June 2023 23.59 CET = 1 July 2023 00:59 CEST.
    let (outcome, _, sentence, others) = window(1, r, "2023-06-30T23:59:30+02:00");
    assert_eq!((outcome, others), (Outcome::Passed, 0), "{sentence}");
    let (outcome, _, sentence, others) = window(1, r, "2023-07-01T00:30:00+02:00");
    assert_eq!(outcome, Outcome::Passed, "inside the printed reading");
    assert_eq!(others, 1, "the CEST reading would refuse it");
    assert!(sentence.contains("Sources disagree"), "{sentence}");
    assert!(passes(1, r, "2023-07-01T00:59:59+02:00"));
    assert!(!passes(1, r, "2023-07-01T01:00:00+02:00"));
    // Opening: 3 May 12.00 CET as printed = 13:00 CEST.
    assert!(!passes(1, r, "2023-05-03T12:30:00+02:00"));
    assert!(passes(1, r, "2023-05-03T13:00:00+02:00"));
    assert_eq!(window(1, r, "2023-05-03T12:30:00+02:00").3, 1);
}

#[test]
fn cohort_2_follows_the_extension_to_7_june() {
    let r = Role::TwinCity;
    let (outcome, _, _, others) = window(2, r, "2024-06-05T12:00:00+02:00");
    assert_eq!((outcome, others), (Outcome::Passed, 1), "passes only under the extension");
    assert_eq!(window(2, r, "2024-05-31T12:00:00+02:00").3, 0, "both readings agree");
    assert!(passes(2, r, "2024-06-07T23:59:59+02:00"));
    assert!(!passes(2, r, "2024-06-08T00:00:00+02:00"));
    assert!(!passes(2, r, "2024-06-07T23:00:00+00:00"), "01:00 CEST on 8 June");
    assert!(!passes(2, r, "2024-04-07T23:59:00+02:00"));
    assert!(passes(2, r, "2024-04-08T00:00:00+02:00"));
}

#[test]
fn cohort_3_follows_the_extension_to_14_november_17_00_cet() {
    let r = Role::TwinCity;
    assert!(passes(3, r, "2024-11-14T17:00:00+01:00"));
    assert!(!passes(3, r, "2024-11-14T17:01:00+01:00"));
    assert!(passes(3, r, "2024-11-14T16:00:59Z"));
    // Between the two deadlines: passes, and the earlier reading is named.
    let (outcome, _, sentence, others) = window(3, r, "2024-11-05T10:00:00+01:00");
    assert_eq!((outcome, others), (Outcome::Passed, 1), "{sentence}");
    // Opening day 10 September 2024, still summer time.
    assert!(!passes(3, r, "2024-09-09T23:59:00+02:00"));
    assert!(passes(3, r, "2024-09-09T22:00:00Z"));
}

#[test]
fn cohort_5_mission_cities_close_in_summer_time() {
    // Summer time started on 29 March 2026, so the last minute of March is 23:59 CEST.
    let r = Role::MissionCity;
    assert!(passes(5, r, "2026-03-31T23:59:59+02:00"));
    assert!(!passes(5, r, "2026-04-01T00:00:00+02:00"));
    assert!(!passes(5, r, "2026-03-31T23:30:00+01:00"), "00:30 CEST on 1 April");
    let r = Role::MissionMindedCity;
    assert!(passes(5, r, "2026-01-31T23:59:00+01:00"));
    assert!(!passes(5, r, "2026-02-01T00:00:00+01:00"));
    assert!(passes(5, r, "2025-12-01T00:00:00+01:00"));
    assert!(!passes(5, r, "2025-11-30T23:59:59+01:00"));
}

mod agrees_with_the_cohort_calendar {
    use chrono::{Duration, FixedOffset, TimeZone};
    use proptest::prelude::*;
    use twinning_cohort::{Cohort, RegistrationStatus};
    use twinning_eligibility::{Applicant, Outcome, RuleSet};

    use crate::fake::Fake;

    proptest! {
        /// The windows come from `twinning-cohort`'s registrations: a submission is on time
        /// exactly when that crate calls the registration open (or open with an unknown start).
        #[test]
        fn window_outcome_matches_registration_status(
            which in 0usize..7,
            secs in 0i64..4 * 365 * 86_400,
            summer in any::<bool>(),
        ) {
            let rules = &RuleSet::builtins()[which];
            let offset = FixedOffset::east_opt(if summer { 7200 } else { 3600 }).unwrap();
            let t = offset.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap() + Duration::seconds(secs);
            let cohort = Cohort::builtin(rules.cohort()).unwrap();
            let open = matches!(
                cohort.registration_status(rules.role(), t),
                RegistrationStatus::Open { .. } | RegistrationStatus::Unknown { .. }
            );
            let applicant = Applicant::new("Anywhere").unwrap().with_submitted_at(t);
            let d = rules.evaluate(&applicant, t, &Fake::europe());
            prop_assert_eq!(d.outcome("window").unwrap().outcome == Outcome::Passed, open);
        }
    }
}
