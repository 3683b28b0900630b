//! Worked examples with expected values computed by hand.

use twinning_matcher::{
    Instance, Limits, Side, Stability, StableLattice, SuperStableOutcome, WhyNot, check,
    deferred_acceptance, explain, super_stable,
};

/// Four seekers and two hosts (capacities 2 and 1), with a score on two pairs.
const CLINIC: &str = r#"{
  "seekers": [
    {"id": "a", "preferences": ["x", "y"]},
    {"id": "b", "preferences": ["x", "y"]},
    {"id": "c", "preferences": ["y", "x"]},
    {"id": "d", "preferences": ["x"]}
  ],
  "hosts": [
    {"id": "x", "capacity": 2, "preferences": ["c", "d", "a", "b"]},
    {"id": "y", "capacity": 1, "preferences": ["a", "b", "c"]}
  ],
  "scores": [{"seeker": "a", "host": "x", "score": "2.5"}, {"seeker": "d", "host": "x", "score": 1}]
}"#;

#[test]
fn seeker_proposing_by_hand() {
    let inst = Instance::from_json(CLINIC, &Limits::default()).unwrap();
    // a, b, d propose to x, c to y. x (capacity 2) keeps d and a, rejects b.
    // b proposes to y, which prefers b to c: c is rejected and proposes to x,
    // which prefers c to a: a is rejected and proposes to y, which prefers a to b:
    // b is rejected and has no one left. Result: x = {c, d}, y = {a}, b unmatched.
    let m = deferred_acceptance(&inst, Side::Seeker, 0);
    assert_eq!(m.host_of("a"), Some("y"));
    assert_eq!(m.host_of("c"), Some("x"));
    assert_eq!(m.host_of("d"), Some("x"));
    assert_eq!(m.unmatched, vec!["b".to_owned()]);
    assert_eq!(m.metrics.rank_profile, vec![1, 2]); // d first choice; a and c second
    assert_eq!(m.metrics.total_score, Some("1".parse().unwrap())); // only d–x is scored
    assert!(check(&inst, &m).unwrap().is_stable(Stability::Weak));
    // The lattice has a single member here: the host-optimal matching is the same.
    let lattice = StableLattice::new(&inst, 0).unwrap();
    assert_eq!(lattice.rotation_count(), 0);
    assert_eq!(lattice.host_optimal().pairs, m.pairs);
}

#[test]
fn result_document_shape_is_stable() {
    let inst = Instance::from_json(CLINIC, &Limits::default()).unwrap();
    let m = deferred_acceptance(&inst, Side::Seeker, 0);
    let json: serde_json::Value = serde_json::from_str(&m.to_json()).unwrap();
    assert_eq!(json["pairs"][0]["seeker"], "a");
    assert_eq!(json["pairs"][0]["host"], "y");
    assert_eq!(json["pairs"][0]["seeker_rank"], 2);
    assert_eq!(json["unmatched"][0], "b");
    assert_eq!(json["mechanism"]["parameters"]["seed"], "0");
    // Same input, same bytes.
    assert_eq!(m.to_json(), deferred_acceptance(&inst, Side::Seeker, 0).to_json());
    let back: twinning_matcher::Matching = serde_json::from_str(&m.to_json()).unwrap();
    assert_eq!(back, m);
}

#[test]
fn marriage_with_three_stable_matchings() {
    // The cyclic (Latin-square) 3 x 3 instance: every seeker's first choice
    // ranks it last, so the stable matchings are "everyone gets their first
    // choice" on one side, on the other, and the middle one where everyone
    // gets a second choice: three in all, two rotations.
    let s = vec![vec![0, 1, 2], vec![1, 2, 0], vec![2, 0, 1]];
    let h = vec![vec![1, 2, 0], vec![2, 0, 1], vec![0, 1, 2]];
    let inst = Instance::from_strict_lists(&s, &h, &[1, 1, 1], &Limits::default()).unwrap();
    let lattice = StableLattice::new(&inst, 0).unwrap();
    assert_eq!(lattice.rotation_count(), 2);
    let all = lattice.enumerate(10);
    assert!(all.complete);
    assert_eq!(all.matchings.len(), 3);
    // Middle matching: everyone gets a second choice on both sides: cost 12, regret 2.
    let egal = lattice.egalitarian();
    assert_eq!(egal.metrics.seeker_rank_sum + egal.metrics.host_rank_sum, 12);
    assert_eq!(lattice.minimum_regret().metrics.regret, Some(2));
    let limited = lattice.enumerate(2);
    assert!(!limited.complete);
    assert_eq!(limited.matchings.len(), 2);
}

#[test]
fn super_stable_none_exists() {
    // Both seekers tie the single one-seat host, which ties them too: any
    // matching leaves a pair in which nobody loses, so none is super-stable.
    let inst = Instance::from_json(
        r#"{"seekers":[{"id":"s1","preferences":["h"]},{"id":"s2","preferences":["h"]}],
            "hosts":[{"id":"h","capacity":1,"preferences":[["s1","s2"]]}]}"#,
        &Limits::default(),
    )
    .unwrap();
    assert!(matches!(super_stable(&inst).unwrap(), SuperStableOutcome::NoneExists { .. }));
    // Deferred acceptance still gives a weakly stable matching: the tie goes to s1 with seed 0.
    let m = deferred_acceptance(&inst, Side::Seeker, 0);
    assert_eq!(m.host_of("s1"), Some("h"));
    let report = check(&inst, &m).unwrap();
    // (s2, h) still blocks strongly: s2 gains and h is indifferent.
    assert!(report.is_stable(Stability::Weak));
    assert!(!report.is_stable(Stability::Strong));
}

#[test]
fn explanation_of_an_unmatched_seeker() {
    let inst = Instance::from_json(CLINIC, &Limits::default()).unwrap();
    let m = deferred_acceptance(&inst, Side::Seeker, 0);
    let ex = explain(&inst, &m).unwrap();
    let b = &ex.seekers[1];
    assert_eq!(b.seeker, "b");
    assert_eq!(b.host, None);
    // x ranks b fourth and holds c and d, both ranked higher; y holds a, ranked higher.
    assert_eq!(b.better_hosts.len(), 2);
    assert_eq!(b.better_hosts[0].host, "x");
    assert_eq!(
        b.better_hosts[0].why_not,
        WhyNot::HostFull {
            host_rank: 4,
            preferred: vec!["c".into(), "d".into()],
            preferred_more: 0,
            equally_ranked: vec![],
            equally_ranked_more: 0,
        }
    );
    assert_eq!(
        b.better_hosts[1].why_not,
        WhyNot::HostFull {
            host_rank: 2,
            preferred: vec!["a".into()],
            preferred_more: 0,
            equally_ranked: vec![],
            equally_ranked_more: 0,
        }
    );
    assert!(b.unmatched.as_ref().unwrap().no_stable_matching_matches_it);
    // a got its second choice y; its first choice x is full of c and d, ranked above a.
    let a = &ex.seekers[0];
    assert_eq!((a.seeker_rank, a.host_rank), (Some(2), Some(1)));
    assert!(
        matches!(&a.better_hosts[0].why_not, WhyNot::HostFull { preferred, .. } if preferred == &["c", "d"])
    );
}

#[test]
fn budget_selection_in_checks_and_explanations() {
    let inst = Instance::from_json(CLINIC, &Limits::default()).unwrap();
    // Pretend only y was selected and a is the only pair kept.
    let mut m = deferred_acceptance(&inst, Side::Seeker, 0);
    m.pairs.retain(|p| p.host == "y");
    m.selected_hosts = Some(vec!["y".into()]);
    let report = check(&inst, &m).unwrap();
    assert!(report.violations.is_empty());
    // x is closed for this selection, so nobody blocks with it; y holds a, its first choice.
    assert!(report.is_stable(Stability::Weak));
    let ex = explain(&inst, &m).unwrap();
    let d = &ex.seekers[3];
    assert_eq!(d.better_hosts.len(), 1);
    assert_eq!(d.better_hosts[0].why_not, WhyNot::NotSelected);
    // Outside a stable matching of the full market the rural-hospitals argument does not apply.
    assert!(!d.unmatched.as_ref().unwrap().no_stable_matching_matches_it);
}

#[test]
fn a_match_report_is_the_result_then_its_explanation_and_reads_back() {
    let inst = Instance::from_json(CLINIC, &Limits::default()).unwrap();
    let m = deferred_acceptance(&inst, Side::Seeker, 0);
    let ex = explain(&inst, &m).unwrap();
    let report = twinning_matcher::MatchReport { result: m, explanation: ex };
    let text = serde_json::to_string_pretty(&report).unwrap();
    // `result` comes first: a reader can stop before the explanation.
    assert!(text.find("\"result\"").unwrap() < text.find("\"explanation\"").unwrap());
    let back: twinning_matcher::MatchReport = serde_json::from_str(&text).unwrap();
    assert_eq!(back, report);
    assert!(
        serde_json::from_str::<twinning_matcher::MatchReport>("{\"result\": 1, \"x\": 2}").is_err()
    );
}
