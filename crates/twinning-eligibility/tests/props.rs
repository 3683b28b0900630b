//! Invariants of evaluation, over generated applicants and rule sets.

use chrono::{DateTime, Duration, FixedOffset, TimeZone};
use proptest::prelude::*;
use twinning_cohort::Role;
use twinning_core::Provenance;
use twinning_eligibility::{
    Applicant, Claims, CountryGroup, Criterion, DateBasis, Outcome, Rule, RuleSet, Verdict,
};

use crate::fake::{Fake, cc};

fn registry() -> Fake {
    Fake::europe()
        .mission_city("Valencia")
        .mission_city("Frankfurt")
        .earlier("Belfast", 1, Role::TwinCity)
        .project("DUT", true)
        .project("AMIGOS", true)
        .project("Other", false)
        .catalogued("Aalborg", &["DUT"])
        .catalogued("Frankfurt", &["AMIGOS"])
}

/// An instant between 2023 and 2027 in CET or CEST, to the second.
fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (0i64..4 * 365 * 86_400, prop::bool::ANY).prop_map(|(secs, summer)| {
        let offset = FixedOffset::east_opt(if summer { 7200 } else { 3600 }).unwrap();
        offset.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap() + Duration::seconds(secs)
    })
}

fn applicant() -> impl Strategy<Value = Applicant> {
    (
        prop::sample::select(vec![
            "Valencia",
            "Plymouth",
            "Belfast",
            "Aalborg",
            "Frankfurt",
            "Soria",
            "Zürich",
        ]),
        prop::option::of(prop::sample::select(vec!["ES", "GB", "DK", "DE", "CH", "TR", "US"])),
        prop::option::of(2020i32..2070),
        prop::option::of(instant()),
        prop::option::of(prop::bool::ANY),
        prop::option::of(prop::bool::ANY),
        prop::option::of(prop::collection::vec(
            prop::sample::select(vec!["DUT", "AMIGOS", "Unheard", "Other"]),
            0..3,
        )),
        prop::option::of(prop::bool::ANY),
        prop::option::of(prop::bool::ANY),
    )
        .prop_map(|(name, country, year, submitted, la, invited, projects, mc, earlier)| {
            let mut a = Applicant::new(name)
                .unwrap()
                .with_claims(Claims { mission_city: mc, earlier_twin_or_pilot: earlier });
            if let Some(c) = country {
                a = a.with_country(cc(c));
            }
            if let Some(y) = year {
                a = a.with_neutrality_year(y);
            }
            if let Some(t) = submitted {
                a = a.with_submitted_at(t);
            }
            if let Some(b) = la {
                a = a.with_local_authority(b);
            }
            if let Some(b) = invited {
                a = a.with_invited(b);
            }
            if let Some(p) = projects {
                a = a.with_partner_projects(p);
            }
            a
        })
}

fn builtin() -> impl Strategy<Value = RuleSet> {
    prop::sample::select(RuleSet::builtins())
}

fn group() -> impl Strategy<Value = CountryGroup> {
    prop::sample::select(CountryGroup::ALL.to_vec())
}

/// Any rule, with parameters.
fn rule() -> impl Strategy<Value = Rule> {
    prop_oneof![
        Just(Rule::LocalAuthority),
        (prop::collection::btree_set(group(), 1..3), prop::option::of(instant())).prop_map(
            |(groups, day)| Rule::CountryIn {
                any_of: groups.into_iter().collect(),
                on: day.map_or(DateBasis::Submission, |d| DateBasis::Day(d.date_naive())),
            }
        ),
        (2000i32..2100).prop_map(|year| Rule::NeutralityBy { year }),
        Just(Rule::IsMissionCity),
        Just(Rule::NotMissionCity),
        Just(Rule::NotAlreadyTwinOrPilot),
        (instant(), 0i64..400 * 86_400).prop_map(|(opens, len)| window(opens, len)),
        Just(Rule::Invited),
        prop_oneof![Just(Vec::new()), Just(vec!["DUT".to_owned()])]
            .prop_map(|any_of| Rule::PartnerProject { any_of }),
    ]
}

fn window(opens: DateTime<FixedOffset>, len_secs: i64) -> Rule {
    use chrono::Timelike;
    let opens = opens.with_second(0).unwrap();
    Rule::SubmissionWindow {
        opens: Some(twinning_core::Reported::single(opens, Provenance::confirmed("test"))),
        closes: twinning_core::Reported::single(
            opens + Duration::minutes(len_secs / 60),
            Provenance::confirmed("test"),
        ),
    }
}

fn extra(rule: Rule) -> Criterion {
    Criterion::new("extra", rule, "an added criterion", Provenance::confirmed("test")).unwrap()
}

proptest! {
    #[test]
    fn decisions_are_deterministic(rules in builtin(), a in applicant(), at in instant()) {
        let reg = registry();
        let first = rules.evaluate(&a, at, &reg);
        let second = rules.evaluate(&a, at, &reg);
        prop_assert_eq!(first.to_json(), second.to_json());
        prop_assert_eq!(first, second);
    }

    #[test]
    fn decisions_read_back_from_their_json(rules in builtin(), a in applicant(), at in instant()) {
        let d = rules.evaluate(&a, at, &registry());
        let back: twinning_eligibility::Decision = serde_json::from_str(&d.to_json()).unwrap();
        prop_assert_eq!(&back, &d);
        prop_assert_eq!(back.to_json(), d.to_json());
        let read = twinning_eligibility::Decision::from_json(&d.to_json()).unwrap();
        prop_assert_eq!(&read, &d);
    }

    #[test]
    fn applicants_read_back_from_their_json(a in applicant()) {
        let json = serde_json::to_string(&a).unwrap();
        let back = Applicant::from_json(&json).unwrap();
        prop_assert_eq!(&back, &a);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }

    #[test]
    fn the_verdict_adds_up_the_outcomes(rules in builtin(), a in applicant(), at in instant()) {
        let d = rules.evaluate(&a, at, &registry());
        let outcomes: Vec<Outcome> = d.outcomes().iter().map(|o| o.outcome).collect();
        prop_assert_eq!(outcomes.len(), rules.criteria().len());
        let expected = if outcomes.contains(&Outcome::Failed) {
            Verdict::Ineligible
        } else if outcomes.contains(&Outcome::Unknown) {
            Verdict::Undetermined
        } else {
            Verdict::Eligible
        };
        prop_assert_eq!(d.verdict(), expected);
    }

    #[test]
    fn adding_a_criterion_never_makes_an_ineligible_applicant_eligible(
        rules in builtin(), a in applicant(), at in instant(), added in rule(),
    ) {
        let reg = registry();
        let before = rules.evaluate(&a, at, &reg);
        let after = rules.with_criterion(extra(added)).unwrap().evaluate(&a, at, &reg);
        // The earlier criteria are judged exactly as before.
        prop_assert_eq!(&after.outcomes()[..before.outcomes().len()], before.outcomes());
        let added = after.outcome("extra").unwrap().outcome;
        if before.verdict() == Verdict::Ineligible || added == Outcome::Failed {
            prop_assert_eq!(after.verdict(), Verdict::Ineligible);
        }
        if after.verdict() == Verdict::Eligible {
            prop_assert_eq!(before.verdict(), Verdict::Eligible);
        }
    }

    #[test]
    fn an_applicant_meeting_every_criterion_is_eligible(
        rules in prop::collection::vec(rule(), 1..8),
        years_early in 0i32..20,
        into_window in 0u32..1000,
    ) {
        // Mission City membership criteria must agree with each other; keep the first kind seen.
        let wants_mission = rules.iter().find_map(|r| match r {
            Rule::IsMissionCity => Some(true),
            Rule::NotMissionCity => Some(false),
            _ => None,
        });
        let rules: Vec<Rule> = rules
            .into_iter()
            .filter(|r| match r {
                Rule::IsMissionCity => wants_mission == Some(true),
                Rule::NotMissionCity => wants_mission == Some(false),
                _ => true,
            })
            .collect();
        let name = if wants_mission == Some(true) { "Valencia" } else { "Soria" };
        let mut a = Applicant::new(name)
            .unwrap()
            .with_local_authority(true)
            .with_invited(true)
            .with_partner_projects(["dut"])
            .with_claims(Claims { mission_city: wants_mission, earlier_twin_or_pilot: Some(false) });
        // The tightest neutrality limit, met with room to spare.
        if let Some(limit) = rules.iter().filter_map(|r| match r {
            Rule::NeutralityBy { year } => Some(*year),
            _ => None,
        }).min() {
            a = a.with_neutrality_year(limit - years_early);
        }
        // Inside every window: windows may not overlap, so keep only the first one.
        let mut seen_window = false;
        let rules: Vec<Rule> = rules.into_iter().filter(|r| {
            let is_window = matches!(r, Rule::SubmissionWindow { .. });
            let keep = !(is_window && seen_window);
            seen_window |= is_window;
            keep
        }).collect();
        let mut submitted = FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap();
        if let Some(Rule::SubmissionWindow { opens: Some(o), closes }) =
            rules.iter().find(|r| matches!(r, Rule::SubmissionWindow { .. }))
        {
            let span = (*closes.value() - *o.value()).num_seconds();
            submitted = *o.value() + Duration::seconds(span * i64::from(into_window) / 1000);
        }
        a = a.with_submitted_at(submitted);
        // Spain is an EU member throughout; Norway is associated to both programmes in the
        // fake. The first country rule picks the country; rules it cannot meet are dropped.
        let eu = |r: &Rule| matches!(r, Rule::CountryIn { any_of, .. } if any_of.contains(&CountryGroup::EuMember));
        let spain = rules.iter().find(|r| matches!(r, Rule::CountryIn { .. })).is_none_or(eu);
        let rules: Vec<Rule> = rules
            .into_iter()
            .filter(|r| match r {
                Rule::CountryIn { any_of, .. } => {
                    if spain { eu(r) } else { any_of.iter().any(|g| *g != CountryGroup::EuMember) }
                }
                _ => true,
            })
            .collect();
        a = a.with_country(cc(if spain { "ES" } else { "NO" }));
        let criteria: Vec<Criterion> = rules
            .into_iter()
            .enumerate()
            .map(|(i, r)| Criterion::new(&format!("c{i}"), r, "generated", Provenance::confirmed("test")).unwrap())
            .collect();
        let set = RuleSet::new("generated", crate::fake::no(9), Role::MissionMindedCity, criteria).unwrap();
        let d = set.evaluate(&a, submitted, &registry());
        prop_assert_eq!(d.verdict(), Verdict::Eligible, "{}", d.to_json());
    }
}
