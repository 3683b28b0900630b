//! Each cohort fact, typed from the public page or seed that states it.

use twinning_cohort::{
    ActivityKind, Cohort, Module, Moment, OutputKind, Role, SiteVisits, When, builtin_cohorts,
};
use twinning_core::{CohortId, Confidence, Slug};

use crate::cohort;

fn moment(s: &str) -> Moment {
    s.parse().unwrap()
}

fn when(s: &str) -> When {
    s.parse().unwrap()
}

fn activity(c: &Cohort, id: &str) -> twinning_cohort::Activity {
    c.activities().iter().find(|a| a.id.as_str() == id).unwrap().clone()
}

fn period(c: &Cohort) -> String {
    c.programme_period().to_string()
}

#[test]
fn there_are_five_builtin_cohorts_with_deterministic_ids() {
    let numbers: Vec<u16> = builtin_cohorts().iter().map(|c| c.number().get()).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    assert!(twinning_cohort::CohortNumber::new(0).is_err(), "there is no cohort 0");
    assert!(Cohort::builtin(twinning_cohort::CohortNumber::new(6).unwrap()).is_none());
    for c in builtin_cohorts() {
        let slug = Slug::new(format!("cohort-{}", c.number())).unwrap();
        assert_eq!(c.id(), CohortId::from_slug(&slug));
    }
}

#[test]
fn pairings() {
    // Cohorts 1–3: Twin Cities ↔ Pilot Cities; cohorts 4–5: Mission-minded ↔ Mission.
    for n in 1..=3 {
        assert_eq!(
            (cohort(n).learner_role(), cohort(n).peer_role()),
            (Role::TwinCity, Role::PilotCity)
        );
    }
    for n in 4..=5 {
        assert_eq!(
            (cohort(n).learner_role(), cohort(n).peer_role()),
            (Role::MissionMindedCity, Role::MissionCity)
        );
    }
    assert!(cohort(3).pairing().summary.contains("Oslo"));
}

#[test]
fn cohort_1_facts() {
    let c = cohort(1);
    let reg = c.registration(Role::TwinCity).unwrap();
    // "3 May 12.00 CET until 30 June 23.59 CET", offsets kept as printed.
    assert_eq!(*reg.opens.as_ref().unwrap().value(), moment("2023-05-03T12:00:00+01:00"));
    let closes = reg.closes.as_ref().unwrap();
    assert_eq!(*closes.value(), moment("2023-06-30T23:59:00+01:00"));
    assert!(closes.followed().provenance.note().unwrap().contains("CEST"));
    let size = c.cities_selected().unwrap();
    assert_eq!((*size.value(), size.alternatives()[0].value), (40, 37));
    assert!(size.rationale().is_some());
    assert_eq!(*c.from_associated_countries().unwrap().value(), 7);
    assert_eq!(*c.announcement().unwrap().value(), when("2023-09-25"));
    assert_eq!(period(c), "2023-09 to 2025-05");
    let d = c.duration_months();
    assert_eq!(*d.value(), 20);
    assert_eq!(d.alternatives().iter().map(|a| a.value).collect::<Vec<_>>(), [24, 18]);
    let modules = c.modules().unwrap();
    assert_eq!(modules.value, Module::ALL);
    assert_eq!(modules.provenance.confidence(), Confidence::Confirmed);
    assert_eq!(c.required_outputs().len(), 1);
    assert_eq!(c.required_outputs()[0].kind, OutputKind::ActionPlan);
    assert_eq!(c.required_outputs()[0].title, "Replication Plan");
    assert!(c.time_commitment().is_none());
    assert_eq!(activity(c, "site-visits").count, None);
    assert!(c.known_pairs().iter().any(|p| p.learner == "Belfast" && p.country.as_str() == "GB"));
    assert!(c.registration(Role::PilotCity).is_none());
}

#[test]
fn cohort_2_facts() {
    let c = cohort(2);
    let reg = c.registration(Role::TwinCity).unwrap();
    assert_eq!(*reg.opens.as_ref().unwrap().value(), moment("2024-04-08"));
    let closes = reg.closes.as_ref().unwrap();
    // 31 May 2024 vs "open until 7 June 2024": the extension is followed.
    assert_eq!(*closes.value(), moment("2024-06-07"));
    assert_eq!(closes.alternatives()[0].value, moment("2024-05-31"));
    assert!(closes.rationale().unwrap().contains("extension"));
    assert_eq!(activity(c, "info-webinar").when.unwrap().value(), &when("2024-04-18"));
    let size = c.cities_selected().unwrap();
    assert_eq!((*size.value(), size.alternatives()[0].value), (19, 18));
    assert_eq!(*c.from_associated_countries().unwrap().value(), 5);
    let d = c.duration_months();
    assert_eq!((*d.value(), d.alternatives()[0].value), (20, 18));
    assert_eq!(c.programme_start().value().to_string(), "2024-09");
    let end = c.programme_end();
    assert_eq!(end.value().to_string(), "2026-05");
    // edificioseenergia.pt: cohort 2 runs to May 2026 (no longer inferred).
    assert_eq!(end.followed().provenance.confidence(), Confidence::Confirmed);
    assert!(end.followed().provenance.source().contains("edificioseenergia.pt"));
    let tc = c.time_commitment().unwrap();
    assert_eq!((tc.representatives.min, tc.representatives.max), (Some(1), Some(2)));
    assert_eq!((tc.hours_per_month.min, tc.hours_per_month.max), (Some(12), None));
    assert_eq!(tc.english_level.as_deref(), Some("B2"));
    assert_eq!(activity(c, "site-visits").visits, Some(SiteVisits { to_peer: 2, hosted: 1 }));
    assert_eq!(c.required_outputs()[0].title, "Twin Cities Action Plan");
    assert_eq!(c.modules().unwrap().value, Module::ALL);
    assert_eq!(*c.announcement().unwrap().value(), when("2024-09-16"));
    // Eight pairs on the cohort 2 page, Cascais ↔ Aarhus (edificioseenergia.pt) and
    // Antalya ↔ Bucharest (yesilisplatformu.com, cohort inferred).
    assert_eq!(c.known_pairs().len(), 10);
    let cascais = c.known_pairs().iter().find(|p| p.learner == "Cascais").unwrap();
    assert_eq!((cascais.peer.as_str(), cascais.country.as_str()), ("Aarhus", "PT"));
}

#[test]
fn cohort_3_facts() {
    let c = cohort(3);
    let reg = c.registration(Role::TwinCity).unwrap();
    assert_eq!(*reg.opens.as_ref().unwrap().value(), moment("2024-09-10"));
    let closes = reg.closes.as_ref().unwrap();
    assert_eq!(*closes.value(), moment("2024-11-14T17:00:00+01:00"));
    assert_eq!(closes.alternatives()[0].value, moment("2024-10-31"));
    assert!(closes.rationale().unwrap().contains("extended"));
    assert_eq!(
        activity(c, "info-webinar").when.unwrap().value(),
        &when("2024-09-18T14:00:00+02:00/2024-09-18T15:00:00+02:00")
    );
    assert_eq!(activity(c, "kick-off").when.unwrap().value(), &when("2024-12"));
    let seminars: Vec<String> = c
        .activities()
        .iter()
        .filter(|a| a.kind == ActivityKind::InfoSeminar)
        .map(|a| a.title.clone())
        .collect();
    assert_eq!(
        seminars,
        [
            "NetZeroCities Portal",
            "Activating Your Local Ecosystem",
            "EU Funding & Innovative Financing"
        ]
    );
    let workshops: Vec<String> = c
        .activities()
        .iter()
        .filter(|a| a.kind == ActivityKind::OnlineWorkshop)
        .map(|a| a.title.clone())
        .collect();
    assert_eq!(
        workshops,
        [
            "Workshop 1: Defining Your Learning Roadmap",
            "Workshop 2: Governance & Stakeholder Engagement"
        ]
    );
    let visits = activity(c, "site-visits");
    assert_eq!(
        (visits.count, visits.visits),
        (Some(3), Some(SiteVisits { to_peer: 2, hosted: 1 }))
    );
    assert_eq!(activity(c, "thematic-sessions").count, Some(4));
    let outputs: Vec<(OutputKind, &str)> =
        c.required_outputs().iter().map(|o| (o.kind, o.title.as_str())).collect();
    assert_eq!(
        outputs,
        [
            (OutputKind::LearningRoadmap, "Twinning Learning Roadmap"),
            (OutputKind::StakeholderEngagementPlan, "Stakeholder Engagement Plan"),
            (OutputKind::TransferabilityAssessment, "Transferability Assessment"),
            (OutputKind::ActionPlan, "Twin City Action Plan"),
            (OutputKind::InfoSession, "Internal Info Session"),
        ]
    );
    let tc = c.time_commitment().unwrap();
    assert_eq!((tc.representatives.min, tc.representatives.max), (Some(2), Some(2)));
    assert_eq!((tc.hours_per_month.min, tc.hours_per_month.max), (Some(8), Some(12)));
    let size = c.cities_selected().unwrap();
    assert_eq!((*size.value(), size.alternatives()[0].value), (24, 23));
    let ann = c.announcement().unwrap();
    assert_eq!((*ann.value(), ann.alternatives()[0].value), (when("2025-01"), when("2024-12")));
    // esmartcity.es (23 Jan 2025) reports the selection that day.
    assert_eq!(ann.alternatives()[1].value, when("2025-01-23"));
    assert_eq!(*c.duration_months().value(), 18);
    // esmartcity.es: "17 months" and a January 2025 start are reported alternatives.
    assert_eq!(c.duration_months().alternatives()[0].value, 17);
    assert_eq!(c.programme_start().alternatives()[0].value.to_string(), "2025-01");
    let pairs: Vec<(&str, &str)> =
        c.known_pairs().iter().map(|p| (p.learner.as_str(), p.peer.as_str())).collect();
    assert_eq!(
        pairs,
        [
            ("Tomar", "Trondheim"),
            ("Valongo", "Thessaloniki"),
            ("Dos Hermanas", "Athens"),
            ("Heraklion", "Angers Loire Métropole")
        ]
    );
    assert_eq!(period(c), "2024-12 to 2026-06");
    assert_eq!(c.programme_end().followed().provenance.confidence(), Confidence::Inferred);
    assert_eq!(c.modules().unwrap().provenance.confidence(), Confidence::Inferred);
}

#[test]
fn cohort_4_facts() {
    let c = cohort(4);
    let eoi = c.registration(Role::MissionCity).unwrap();
    assert_eq!(*eoi.opens.as_ref().unwrap().value(), moment("2025-03-01"));
    assert_eq!(*eoi.closes.as_ref().unwrap().value(), moment("2025-03-28T17:00:00+01:00"));
    let mm = c.registration(Role::MissionMindedCity).unwrap();
    assert!(mm.opens.is_none(), "opening date not found");
    assert_eq!(*mm.closes.as_ref().unwrap().value(), moment("2025-09-12T17:00:00+02:00"));
    assert_eq!(c.programme_start().value().to_string(), "2025-11");
    assert_eq!(*c.duration_months().value(), 12);
    assert_eq!(period(c), "2025-11 to 2026-11");
    assert_eq!(c.programme_end().followed().provenance.confidence(), Confidence::Inferred);
    assert_eq!(c.modules().unwrap().provenance.confidence(), Confidence::Uncertain);
    assert!(c.cities_selected().is_none());
    assert!(c.announcement().is_none());
    assert!(c.time_commitment().is_none());
}

#[test]
fn cohort_5_facts() {
    let c = cohort(5);
    let phases: Vec<(String, &str)> =
        c.phases().iter().map(|p| (p.months.to_string(), p.title.as_str())).collect();
    assert_eq!(
        phases,
        [
            ("2025-12 to 2026-01".to_owned(), "Registration for Mission-minded cities open"),
            ("2026-02 to 2026-03".to_owned(), "Registration for Mission cities open"),
            ("2026-04 to 2026-05".to_owned(), "Matchmaking Days"),
            ("2026-06".to_owned(), "Twinning pairs confirmed"),
            ("2026-09 to 2027-09".to_owned(), "Programme runs"),
        ]
    );
    let mm = c.registration(Role::MissionMindedCity).unwrap();
    assert_eq!(*mm.opens.as_ref().unwrap().value(), moment("2025-12"));
    assert_eq!(*mm.closes.as_ref().unwrap().value(), moment("2026-01"));
    let mc = c.registration(Role::MissionCity).unwrap();
    assert_eq!(*mc.opens.as_ref().unwrap().value(), moment("2026-02"));
    assert_eq!(*mc.closes.as_ref().unwrap().value(), moment("2026-03"));
    assert_eq!(
        activity(c, "webinar-december").when.unwrap().value(),
        &when("2025-12-16T12:00:00+01:00/2025-12-16T13:00:00+01:00")
    );
    assert_eq!(
        activity(c, "webinar-january").when.unwrap().value(),
        &when("2026-01-15T13:00:00+01:00/2026-01-15T14:00:00+01:00")
    );
    let torino = activity(c, "torino-conference").when.unwrap();
    assert_eq!(*torino.value(), when("2026-05-28/2026-05-29"));
    assert_eq!(torino.alternatives()[0].value, when("2026-05-27/2026-05-29"));
    // quotidianopiemontese.it (9 Jul 2025): 27 May is field visits at the OGR.
    assert!(torino.alternatives()[0].provenance.source().contains("quotidianopiemontese.it"));
    assert_eq!(activity(c, "matchmaking-days").kind, ActivityKind::MatchmakingDays);
    assert_eq!(activity(c, "site-visits").visits, Some(SiteVisits { to_peer: 1, hosted: 1 }));
    assert_eq!(c.required_outputs()[0].title, "Joint Replication or Action Plan");
    assert_eq!(*c.cities_selected().unwrap().value(), 10);
    assert_eq!(*c.announcement().unwrap().value(), when("2026-06"));
    assert_eq!(period(c), "2026-09 to 2027-09");
    assert_eq!(*c.duration_months().value(), 12);
    assert_eq!(c.modules().unwrap().provenance.confidence(), Confidence::Uncertain);
}

#[test]
fn output_due_dates_follow_the_documented_convention() {
    // Sources give no due dates: each output is due by the programme's last
    // month, and says so as an inference.
    for c in builtin_cohorts() {
        for out in c.required_outputs() {
            let due = out.due.as_ref().unwrap();
            assert_eq!(due.value, c.programme_period().end());
            assert_eq!(due.provenance.confidence(), Confidence::Inferred);
        }
    }
}

#[test]
fn every_disputed_fact_says_why_its_reading_is_followed() {
    for c in builtin_cohorts() {
        let json = serde_json::to_value(c).unwrap();
        let mut stack = vec![&json];
        while let Some(v) = stack.pop() {
            if let Some(obj) = v.as_object() {
                if obj.get("alternatives").and_then(|a| a.as_array()).is_some_and(|a| !a.is_empty())
                {
                    let why = obj.get("rationale").and_then(|r| r.as_str()).unwrap_or("");
                    assert!(!why.trim().is_empty(), "cohort {}: {v}", c.number());
                }
                stack.extend(obj.values());
            } else if let Some(arr) = v.as_array() {
                stack.extend(arr);
            }
        }
    }
}
