//! Cohort 5's pairing on the built-in data, judged by independent checks.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use twinning_eligibility::Verdict;
use twinning_pairing::{Plan, sample_learners};
use twinning_profile::{Catalogue, Theme, ThemeFamily};

fn run_at(at: &str) -> twinning_pairing::PairingRun<'static> {
    let catalogue = Catalogue::try_builtin().unwrap();
    let plan = Plan::cohort5(catalogue, sample_learners(catalogue).unwrap()).unwrap();
    plan.run(at.parse().unwrap()).unwrap()
}

fn run() -> twinning_pairing::PairingRun<'static> {
    run_at("2026-05-01T12:00:00+02:00")
}

#[test]
fn ten_hosts_at_most_two_seats_each_and_never_an_ineligible_candidate() {
    let run = run();
    // "ten Mission-minded cities selected overall" (seed 001).
    let selected = run.pairs.selected_peers.clone().unwrap();
    assert!(selected.len() <= 10, "{}", selected.len());
    let mut seats: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &run.pairs.pairs {
        *seats.entry(p.peer.id.as_str()).or_default() += 1;
        assert!(selected.iter().any(|s| s.id == p.peer.id), "{} not selected", p.peer.id);
    }
    assert!(seats.values().all(|&n| n <= 2), "{seats:?}");
    let ineligible: BTreeSet<String> =
        run.with_verdict(Verdict::Ineligible).map(|(c, _)| c.slug().to_string()).collect();
    assert!(run.peers.iter().all(|p| !ineligible.contains(&p.id)));
    // Every learner is paired or left out, once.
    let placed: Vec<&str> = run
        .pairs
        .pairs
        .iter()
        .map(|p| p.learner.id.as_str())
        .chain(run.pairs.unmatched.iter().map(|u| u.id.as_str()))
        .collect();
    let unique: BTreeSet<&str> = placed.iter().copied().collect();
    assert_eq!((placed.len(), unique.len()), (run.learners.len(), run.learners.len()));
    assert!(run.is_stable());
}

#[test]
fn every_pair_shares_the_themes_it_names_and_scores_them_by_the_rule() {
    let run = run();
    assert!(!run.pairs.pairs.is_empty());
    for pair in &run.pairs.pairs {
        // Recompute the shared themes from the two cities' own interests.
        let learner = run.learners.iter().find(|l| l.id == pair.learner.id).unwrap();
        let peer = run.peers.iter().find(|p| p.id == pair.peer.id).unwrap();
        let wants: BTreeSet<Theme> = learner.goals.iter().flat_map(|g| g.themes.clone()).collect();
        let offers: BTreeSet<Theme> =
            peer.practices.iter().flat_map(|p| p.themes.clone()).collect();
        let shared: Vec<Theme> = wants.intersection(&offers).copied().collect();
        assert_eq!(pair.shared.iter().map(|s| s.theme).collect::<Vec<_>>(), shared);
        // Two points a shared emission domain, one a shared lever.
        let points: u32 = shared
            .iter()
            .map(|t| if t.family() == ThemeFamily::EmissionDomain { 2 } else { 1 })
            .sum();
        assert_eq!(pair.score, Some(Decimal::from(points)), "{}", pair.learner.name);
        for s in &pair.shared {
            assert!(!s.goals.is_empty() && !s.practices.is_empty());
        }
    }
}

#[test]
fn the_same_plan_and_instant_give_the_same_files() {
    let (a, b) = (run(), run());
    assert_eq!(a.instance.to_json(), b.instance.to_json());
    assert_eq!(a.matching.to_json(), b.matching.to_json());
    assert_eq!(a.pairs, b.pairs);
}

#[test]
fn sample_learners_are_mission_cities_and_say_they_are_samples() {
    let catalogue = Catalogue::try_builtin().unwrap();
    for l in sample_learners(catalogue).unwrap() {
        assert!(l.id.starts_with("sample-"), "{}", l.id);
        let city = catalogue.city_by_slug(&l.id["sample-".len()..]).unwrap();
        assert!(catalogue.is_mission_city(city.id()).value);
    }
}

#[test]
fn milestones_follow_the_run_instant() {
    let at: chrono::DateTime<chrono::FixedOffset> = "2026-05-01T12:00:00+02:00".parse().unwrap();
    let run = run_at("2026-05-01T12:00:00+02:00");
    assert!(!run.next_milestones.is_empty() && run.next_milestones.len() <= 5);
    assert!(run.next_milestones.iter().all(|m| m.at > at));
}
