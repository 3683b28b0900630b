//! The budgeted search stopped at each of its check points in turn, at a
//! deadline already past and by a cancelled handle: always a valid answer.
//! No durations are asserted: a stop is simulated by [`Cancel::after`], which
//! cancels at the search's `n`-th look at the stop.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

use std::fmt::Write as _;

use super::*;
use crate::{Limits, Stability, check};

fn lcg(state: &mut u64) -> u64 {
    *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *state >> 33
}

/// A random budgeted instance: `ns` seekers, `nh` hosts of capacity 0 to
/// `max_cap`, lists of random acceptable hosts in random order (hosts list
/// the seekers that list them, in random order), scores 1 to 9 when
/// `scored`, sometimes a required pair, and `max_hosts` 1 to `nh`.
fn random_instance(st: &mut u64, ns: usize, nh: usize, max_cap: u64, scored: bool) -> Instance {
    let cap: Vec<u64> = (0..nh).map(|_| lcg(st) % (max_cap + 1)).collect();
    let mut lists: Vec<Vec<usize>> = Vec::new();
    for _ in 0..ns {
        let mut l: Vec<usize> = (0..nh).filter(|_| !lcg(st).is_multiple_of(3)).collect();
        for i in (1..l.len()).rev() {
            let j = (lcg(st) % (i as u64 + 1)) as usize;
            l.swap(i, j);
        }
        lists.push(l);
    }
    let mut host_lists: Vec<Vec<usize>> = vec![Vec::new(); nh];
    for (s, l) in lists.iter().enumerate() {
        for &h in l {
            host_lists[h].push(s);
        }
    }
    for l in &mut host_lists {
        for i in (1..l.len()).rev() {
            let j = (lcg(st) % (i as u64 + 1)) as usize;
            l.swap(i, j);
        }
    }
    let quoted = |prefix: char, ids: &[usize]| {
        ids.iter().map(|i| format!("\"{prefix}{i}\"")).collect::<Vec<_>>().join(",")
    };
    let mut text = String::from("{\"seekers\":[");
    for (s, l) in lists.iter().enumerate() {
        let sep = if s > 0 { "," } else { "" };
        let _ = write!(text, "{sep}{{\"id\":\"s{s}\",\"preferences\":[{}]}}", quoted('h', l));
    }
    text.push_str("],\"hosts\":[");
    for (h, l) in host_lists.iter().enumerate() {
        let sep = if h > 0 { "," } else { "" };
        let _ = write!(
            text,
            "{sep}{{\"id\":\"h{h}\",\"capacity\":{},\"preferences\":[{}]}}",
            cap[h],
            quoted('s', l)
        );
    }
    text.push(']');
    if scored {
        let mut scores = Vec::new();
        for (s, l) in lists.iter().enumerate() {
            for &h in l {
                scores.push(format!(
                    "{{\"seeker\":\"s{s}\",\"host\":\"h{h}\",\"score\":\"{}\"}}",
                    1 + lcg(st) % 9
                ));
            }
        }
        let _ = write!(text, ",\"scores\":[{}]", scores.join(","));
    }
    // Sometimes one required pair: a seeker's first open host.
    if lcg(st).is_multiple_of(3)
        && let Some((s, h)) = lists
            .iter()
            .enumerate()
            .find_map(|(s, l)| l.iter().find(|&&h| cap[h] > 0).map(|&h| (s, h)))
    {
        let _ = write!(text, ",\"required\":[{{\"seeker\":\"s{s}\",\"host\":\"h{h}\"}}]");
    }
    let _ = write!(text, ",\"max_hosts\":{}", 1 + lcg(st) % nh as u64);
    text.push('}');
    Instance::from_json(&text, &Limits::default()).unwrap()
}

/// What every answer of [`budgeted`] must be, however early it was stopped:
/// feasible by the independent checker, within the budget, every required
/// host selected, stable among the selected hosts for the stable objective,
/// its value at most the optimum `best` and its bound at least it, proven
/// only at the optimum, and marked `stopped` whenever it is not proven.
fn assert_valid(
    instance: &Instance,
    m: &Matching,
    objective: BudgetObjective,
    best: Decimal,
    why: &str,
) {
    let report = check(instance, m).unwrap();
    assert!(report.is_feasible(), "{why}: {report:?}");
    if objective == BudgetObjective::Stable {
        assert!(report.is_stable(Stability::Weak), "{why}: {report:?}");
    }
    let selected = m.selected_hosts.as_ref().unwrap();
    let k = instance.max_hosts().unwrap() as usize;
    assert!(selected.len() <= k, "{why}");
    for &(_, h) in instance.required_pairs() {
        let id = instance.host_id(h as usize).unwrap();
        assert!(selected.iter().any(|x| x == id), "{why}");
    }
    let o = m.optimality.as_ref().unwrap();
    assert!(o.value <= best && best <= o.bound, "{why}: {o:?}, optimum {best}");
    assert_eq!(o.gap, o.bound - o.value, "{why}");
    if o.proven {
        assert_eq!(o.value, best, "{why}");
    } else {
        assert_eq!(m.mechanism.parameters.get("stopped").map(String::as_str), Some("cancelled"));
    }
}

/// Stopped at its first look at the stop, at its last, and at every one in
/// between: each answer is valid, and one more look than the search needs
/// gives the full answer.
#[test]
fn a_search_stopped_at_each_check_point_gives_a_valid_answer() {
    let mut st = 11u64;
    let mut looked = 0u64;
    for round in 0..120 {
        let scored = round % 2 == 1;
        let instance = random_instance(&mut st, 1 + round % 7, 1 + round % 6, 3, scored);
        for objective in [BudgetObjective::Welfare, BudgetObjective::Stable] {
            let config = BudgetConfig { objective, ..BudgetConfig::default() };
            let full = budgeted(&instance, &config).unwrap();
            let best = full.optimality.as_ref().unwrap().value;
            assert!(full.optimality.as_ref().unwrap().proven, "round {round}");
            // How many looks the search takes when it is never stopped.
            let counting = Cancel::after(u64::MAX / 2);
            let _ = budgeted(
                &instance,
                &BudgetConfig { cancel: Some(counting.clone()), ..config.clone() },
            )
            .unwrap();
            let looks = u64::MAX / 2 - counting.looks_left();
            looked += looks;
            for n in 0..=looks.min(300) {
                let cancel = Cancel::after(n);
                let m =
                    budgeted(&instance, &BudgetConfig { cancel: Some(cancel), ..config.clone() })
                        .unwrap();
                assert_valid(
                    &instance,
                    &m,
                    objective,
                    best,
                    &format!(
                        "round {round} look {n} {objective:?} {}",
                        serde_json::to_string(&instance.to_spec()).unwrap()
                    ),
                );
            }
            let m = budgeted(
                &instance,
                &BudgetConfig { cancel: Some(Cancel::after(looks + 1)), ..config.clone() },
            )
            .unwrap();
            assert_eq!(m, full, "round {round}");
        }
    }
    // The search did look at the stop (the test is not vacuous).
    assert!(looked > 1_000, "{looked}");
}

/// A larger instance: a deadline already past and a handle already cancelled
/// both give the empty selection (no required pairs), feasible, with a
/// bound, not proven, marked as stopped by the right cause; the greedy mode
/// too.
#[test]
fn a_past_deadline_or_a_cancelled_handle_gives_the_empty_selection() {
    let mut st = 3u64;
    for scored in [false, true] {
        let instance = loop {
            let i = random_instance(&mut st, 300, 60, 4, scored);
            if i.required_pairs().is_empty() {
                break i;
            }
        };
        for objective in [BudgetObjective::Welfare, BudgetObjective::Stable] {
            let cancelled = Cancel::new();
            cancelled.cancel();
            for (config, cause) in [
                (
                    BudgetConfig {
                        objective,
                        deadline: Some(Instant::now()),
                        ..BudgetConfig::default()
                    },
                    "time-limit",
                ),
                (
                    BudgetConfig {
                        objective,
                        time_limit: Some(Duration::ZERO),
                        ..BudgetConfig::default()
                    },
                    "time-limit",
                ),
                (
                    BudgetConfig {
                        objective,
                        cancel: Some(cancelled.clone()),
                        ..BudgetConfig::default()
                    },
                    "cancelled",
                ),
            ] {
                let m = budgeted(&instance, &config).unwrap();
                assert!(check(&instance, &m).unwrap().is_feasible());
                assert_eq!(m.selected_hosts, Some(Vec::new()));
                assert_eq!(m.metrics.matched, 0);
                let o = m.optimality.as_ref().unwrap();
                assert!(!o.proven && o.bound > o.value, "{o:?}");
                assert_eq!(m.mechanism.parameters.get("stopped").map(String::as_str), Some(cause));
                assert_eq!(m.mechanism.parameters.get("nodes").map(String::as_str), Some("0"));
                let fast = BudgetConfig { mode: BudgetMode::Greedy, ..config };
                let m = budgeted(&instance, &fast).unwrap();
                assert!(check(&instance, &m).unwrap().is_feasible());
                assert!(!m.optimality.unwrap().proven);
            }
        }
    }
}

/// The trivial bound of a stopped search is every seeker's best score (its
/// best pair, required pairs apart): here 2 seekers whose best scores are 5
/// and 7, and a required pair worth 3 on top.
#[test]
fn the_trivial_bound_is_each_seekers_best_score() {
    let instance = Instance::from_json(
        r#"{"seekers":[{"id":"a","preferences":["x","y"]},{"id":"b","preferences":["y","x"]},
                       {"id":"c","preferences":["x"]}],
            "hosts":[{"id":"x","capacity":2,"preferences":["a","b","c"]},
                     {"id":"y","capacity":1,"preferences":["b","a"]}],
            "scores":[{"seeker":"a","host":"x","score":"5"},{"seeker":"a","host":"y","score":"2"},
                      {"seeker":"b","host":"y","score":"4"},{"seeker":"b","host":"x","score":"7"},
                      {"seeker":"c","host":"x","score":"3"}],
            "required":[{"seeker":"c","host":"x"}],
            "max_hosts":2}"#,
        &Limits::default(),
    )
    .unwrap();
    let config = BudgetConfig { deadline: Some(Instant::now()), ..BudgetConfig::default() };
    let m = budgeted(&instance, &config).unwrap();
    let o = m.optimality.unwrap();
    assert_eq!((o.value, o.bound), (Decimal::from(3), Decimal::from(3 + 5 + 7)));
    assert_eq!(m.selected_hosts, Some(vec!["x".to_owned()]));
}

/// An assignment solve cut short: the seekers inserted before the stop are
/// matched as well as they can be, the others not, and the value is the
/// weight of what is matched. One host of capacity 1 that every seeker
/// wants, seeker `s` worth `s + 1`: stopped at the second look (seeker 16),
/// the solve has seen seekers 0 to 15 and holds the best of them, 15 (16).
#[test]
fn a_stopped_assignment_solve_is_feasible() {
    use crate::flow::max_weight_b_matching;
    let lists: Vec<Vec<(u32, i64)>> = (0..40).map(|s| vec![(0, s + 1)]).collect();
    let g = Bipartite::new(vec![1], &lists);
    let whole = max_weight_b_matching(&g);
    assert!(!whole.stopped);
    assert_eq!(whole.value, 40);
    let stop = Stop { deadline: None, cancel: Some(Cancel::after(2)) };
    let cut = max_weight_b_matching(&g.clone().with_stop(stop));
    assert!(cut.stopped);
    assert_eq!(cut.value, 16);
    let matched: Vec<usize> = (0..40).filter(|&s| cut.host_of[s] != UNMATCHED).collect();
    assert_eq!(matched, [15]);
    let past = Stop { deadline: Some(Instant::now()), cancel: None };
    let none = max_weight_b_matching(&g.with_stop(past));
    assert!(none.stopped && none.value == 0);
    assert!(none.host_of.iter().all(|&h| h == UNMATCHED));
}

/// The stable market's weights are the entries' own, found by walking each
/// seeker's list beside its weighted list: the same as looking each entry
/// up, closed hosts (capacity 0, or used up by a required pair) left out.
#[test]
fn the_stable_market_keeps_each_entrys_weight() {
    let mut st = 29u64;
    for _ in 0..300 {
        let instance = random_instance(&mut st, 6, 5, 2, true);
        let residual = Residual::new(&instance);
        let (weights, _) = entry_weights(&instance, "test").unwrap();
        let lists =
            score_lists::<i64>(&instance, &residual, &weights, 1, i128::MAX, "test").unwrap();
        let market = stable_market(&instance, &residual, &lists);
        for (local, list) in lists.iter().enumerate() {
            let got: Vec<(u32, i64)> = market.prefs[local].iter().map(|e| (e.0, e.2)).collect();
            // Every weighted pair, in the seeker's order, with its weight.
            assert_eq!(&got, list);
        }
    }
}
