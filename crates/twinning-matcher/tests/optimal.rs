//! Oracle tests for the optimising solvers: welfare-optimal (total score and
//! rank-maximal), budgeted (welfare and stable, exact and time-limited) and
//! greedy selection, against brute-force enumeration written here from the
//! definitions, on thousands of small random instances.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use rust_decimal::Decimal;
use twinning_matcher::{
    BudgetConfig, BudgetMode, BudgetObjective, Cancel, HostSpec, Instance, InstanceSpec, Limits,
    Objective, PairSpec, Preference, ProgressSink, ScoreSpec, SearchProgress, SeekerSpec,
    Violation, budgeted, check_assignment, greedy_selection, welfare_optimal,
};

/// A small deterministic generator, so that one `u64` from proptest makes one instance.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            v.swap(i, j);
        }
    }
}

/// A random preference list over `0..n` (ids with `prefix`), with ties.
fn list(rng: &mut Rng, n: usize, prefix: char) -> Vec<Preference> {
    let mut ids: Vec<usize> = (0..n).filter(|_| rng.below(4) != 0).collect();
    rng.shuffle(&mut ids);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ids.len() {
        let width = if rng.below(4) == 0 { 2 } else { 1 }.min(ids.len() - i);
        if width == 1 {
            out.push(Preference::One(format!("{prefix}{}", ids[i])));
        } else {
            out.push(Preference::Tie(
                ids[i..i + width].iter().map(|x| format!("{prefix}{x}")).collect(),
            ));
        }
        i += width;
    }
    out
}

fn random_spec(seed: u64, max_seekers: u64, max_hosts: u64) -> InstanceSpec {
    let mut rng = Rng(seed);
    let ns = rng.below(max_seekers + 1) as usize;
    let nh = 1 + rng.below(max_hosts) as usize;
    let seekers: Vec<SeekerSpec> = (0..ns)
        .map(|i| SeekerSpec { id: format!("s{i}"), preferences: list(&mut rng, nh, 'h') })
        .collect();
    let hosts: Vec<HostSpec> = (0..nh)
        .map(|j| HostSpec {
            id: format!("h{j}"),
            capacity: rng.below(3) as i64,
            preferences: list(&mut rng, ns, 's'),
        })
        .collect();
    let mut scores = Vec::new();
    if rng.below(3) != 0 {
        for i in 0..ns {
            for j in 0..nh {
                if rng.below(5) != 0 {
                    let mantissa = rng.below(1300) as i64 - 300;
                    let scale = rng.below(3) as u32;
                    scores.push(ScoreSpec {
                        seeker: format!("s{i}"),
                        host: format!("h{j}"),
                        score: Decimal::new(mantissa, scale),
                    });
                }
            }
        }
    }
    let mut forbidden = Vec::new();
    let mut required = Vec::new();
    if ns > 0 {
        for _ in 0..rng.below(2) {
            let p = PairSpec {
                seeker: format!("s{}", rng.below(ns as u64)),
                host: format!("h{}", rng.below(nh as u64)),
            };
            if !forbidden.contains(&p) {
                forbidden.push(p);
            }
        }
        if rng.below(3) == 0 {
            required.push(PairSpec {
                seeker: format!("s{}", rng.below(ns as u64)),
                host: format!("h{}", rng.below(nh as u64)),
            });
        }
    }
    let max_hosts = (rng.below(3) != 0).then(|| rng.below(nh as u64 + 1) as u32);
    let mut spec: InstanceSpec = serde_json::from_str(r#"{"seekers":[],"hosts":[]}"#).unwrap();
    spec.seekers = seekers;
    spec.hosts = hosts;
    spec.scores = scores;
    spec.forbidden = forbidden;
    spec.required = required;
    spec.max_hosts = max_hosts;
    spec
}

/// `(total score, matched)` of an assignment, the lexicographic objective.
fn objective(inst: &Instance, a: &[Option<usize>]) -> (Decimal, usize) {
    let mut total = Decimal::ZERO;
    let mut matched = 0;
    for (i, h) in a.iter().enumerate() {
        if let Some(j) = h {
            total += inst.score(i, *j).unwrap_or(Decimal::ZERO);
            matched += 1;
        }
    }
    (total, matched)
}

/// Every feasible assignment using only the hosts in `open` (required pairs kept).
fn assignments(inst: &Instance, open: &[bool]) -> Vec<Vec<Option<usize>>> {
    let n = inst.seeker_count();
    let mut fixed = vec![None; n];
    let mut load = vec![0u32; inst.host_count()];
    for &(i, j) in inst.required_pairs() {
        fixed[i as usize] = Some(j as usize);
        load[j as usize] += 1;
    }
    let mut out = Vec::new();
    fn go(
        i: usize,
        inst: &Instance,
        open: &[bool],
        cur: &mut Vec<Option<usize>>,
        load: &mut [u32],
        fixed: &[Option<usize>],
        out: &mut Vec<Vec<Option<usize>>>,
    ) {
        if i == cur.len() {
            out.push(cur.clone());
            return;
        }
        if fixed[i].is_some() {
            cur[i] = fixed[i];
            go(i + 1, inst, open, cur, load, fixed, out);
            return;
        }
        cur[i] = None;
        go(i + 1, inst, open, cur, load, fixed, out);
        for j in 0..inst.host_count() {
            if open[j] && inst.is_acceptable(i, j) && load[j] < inst.capacity(j) {
                load[j] += 1;
                cur[i] = Some(j);
                go(i + 1, inst, open, cur, load, fixed, out);
                load[j] -= 1;
                cur[i] = None;
            }
        }
    }
    go(0, inst, open, &mut vec![None; n], &mut load, &fixed, &mut out);
    out
}

/// Position of `j` in seeker `i`'s strict order (list order, ties as written).
fn seeker_pos(inst: &Instance, i: usize, j: usize) -> usize {
    inst.seeker_preferences(i).position(|(h, _)| h == j).unwrap()
}

fn host_pos(inst: &Instance, j: usize, i: usize) -> usize {
    inst.host_preferences(j).position(|(s, _)| s == i).unwrap()
}

/// The seeker-optimal stable assignment among the `open` hosts (required
/// seekers fixed and outside the market), by enumeration.
fn seeker_optimal_stable(inst: &Instance, open: &[bool]) -> Vec<Option<usize>> {
    let required: Vec<bool> = (0..inst.seeker_count())
        .map(|i| inst.required_pairs().iter().any(|&(s, _)| s as usize == i))
        .collect();
    let stable: Vec<Vec<Option<usize>>> = assignments(inst, open)
        .into_iter()
        .filter(|a| {
            for i in 0..inst.seeker_count() {
                if required[i] {
                    continue;
                }
                for (j, &is_open) in open.iter().enumerate() {
                    if !is_open || !inst.is_acceptable(i, j) || a[i] == Some(j) {
                        continue;
                    }
                    let seeker_gains =
                        a[i].is_none_or(|h| seeker_pos(inst, i, j) < seeker_pos(inst, i, h));
                    if !seeker_gains {
                        continue;
                    }
                    let held: Vec<usize> = (0..inst.seeker_count())
                        .filter(|&s| a[s] == Some(j) && !required[s])
                        .collect();
                    let seats = inst.capacity(j)
                        - inst.required_pairs().iter().filter(|&&(_, h)| h as usize == j).count()
                            as u32;
                    let host_gains = (held.len() as u32) < seats
                        || held.iter().any(|&s| host_pos(inst, j, i) < host_pos(inst, j, s));
                    if host_gains {
                        return false;
                    }
                }
            }
            true
        })
        .collect();
    assert!(!stable.is_empty(), "a stable matching always exists");
    // Each seeker's best partner over all stable matchings; that assignment is stable itself.
    let best: Vec<Option<usize>> = (0..inst.seeker_count())
        .map(|i| {
            stable
                .iter()
                .filter_map(|a| a[i])
                .min_by_key(|&h| if required[i] { 0 } else { seeker_pos(inst, i, h) })
        })
        .collect();
    assert!(stable.contains(&best), "the seeker-optimal stable matching exists");
    best
}

fn subsets(inst: &Instance, k: usize) -> Vec<Vec<bool>> {
    let nh = inst.host_count();
    (0u32..1 << nh)
        .filter(|m| m.count_ones() as usize <= k)
        .map(|m| (0..nh).map(|h| m >> h & 1 == 1).collect::<Vec<bool>>())
        .filter(|open| inst.required_pairs().iter().all(|&(_, h)| open[h as usize]))
        .collect()
}

/// The objective of a result, after the independent checker found no
/// capacity, acceptability or required-pair violation (and, for budgeted
/// results, no budget violation either; the unbudgeted solvers ignore
/// `max_hosts` by design, as deferred acceptance does).
fn result_objective(inst: &Instance, m: &twinning_matcher::Matching) -> (Decimal, usize) {
    let a: Vec<Option<usize>> =
        m.assignment(inst).unwrap().iter().map(|h| h.map(|j| j as usize)).collect();
    let report = check_assignment(inst, &a, None);
    let budgeted = m.selected_hosts.is_some();
    let violations: Vec<_> = report
        .violations
        .iter()
        .filter(|v| budgeted || !matches!(v, Violation::BudgetExceeded { .. }))
        .collect();
    assert!(violations.is_empty(), "{violations:?}");
    objective(inst, &a)
}

fn config(objective: BudgetObjective) -> BudgetConfig {
    BudgetConfig { objective, ..BudgetConfig::default() }
}

/// The oracle comparison for the instance made from `seed`.
fn check_seed(seed: u64) -> Result<(), TestCaseError> {
    let spec = random_spec(seed, 4, 4);
    let Ok(inst) = Instance::new(&spec, &Limits::default()) else { return Ok(()) };
    let all = vec![true; inst.host_count()];
    let every = assignments(&inst, &all);

    // Maximum total score, then most matched pairs; without scores, the
    // rank score: R − r per seeker matched at rank r, R one more than the
    // worst rank of any acceptable pair.
    let got = welfare_optimal(&inst, Objective::TotalScore).unwrap();
    let opt = got.optimality.as_ref().unwrap();
    if inst.has_scores() {
        let best = every.iter().map(|a| objective(&inst, a)).max().unwrap();
        prop_assert_eq!(result_objective(&inst, &got), best);
        prop_assert!(opt.proven && opt.value == best.0 && opt.bound == best.0);
        prop_assert_eq!(got.mechanism.name.as_str(), "max-total-score");
    } else {
        let ranks = (0..inst.seeker_count())
            .flat_map(|i| (0..inst.host_count()).map(move |j| (i, j)))
            .filter_map(|(i, j)| inst.seeker_rank(i, j))
            .max()
            .map_or(0, |r| r + 1);
        let rank_score = |a: &[Option<usize>]| {
            let total: u32 = a
                .iter()
                .enumerate()
                .filter_map(|(i, h)| h.map(|j| ranks - inst.seeker_rank(i, j).unwrap()))
                .sum();
            (Decimal::from(total), a.iter().flatten().count())
        };
        let best = every.iter().map(|a| rank_score(a)).max().unwrap();
        let a: Vec<Option<usize>> =
            got.assignment(&inst).unwrap().iter().map(|h| h.map(|j| j as usize)).collect();
        let _ = result_objective(&inst, &got); // feasibility
        prop_assert_eq!(rank_score(&a), best);
        prop_assert!(opt.proven && opt.value == best.0 && opt.bound == best.0);
        prop_assert_eq!(opt.objective.as_str(), "rank-score");
        prop_assert_eq!(got.mechanism.name.as_str(), "max-rank-score");
    }

    // Rank-maximal: lexicographically largest profile of seeker ranks.
    let profile = |a: &[Option<usize>]| {
        let mut p = vec![0usize; 8];
        for (i, h) in a.iter().enumerate() {
            if let Some(j) = h {
                p[inst.seeker_rank(i, *j).unwrap() as usize] += 1;
            }
        }
        p
    };
    let best_profile = every.iter().map(|a| profile(a)).max().unwrap();
    let got = welfare_optimal(&inst, Objective::RankMaximal).unwrap();
    let a: Vec<Option<usize>> =
        got.assignment(&inst).unwrap().iter().map(|h| h.map(|j| j as usize)).collect();
    prop_assert_eq!(profile(&a), best_profile);
    prop_assert_eq!(result_objective(&inst, &got).1, a.iter().flatten().count());

    // Budgeted, both objectives, exact and interrupted at once.
    let k = inst.max_hosts().map_or(inst.host_count(), |k| k as usize);
    let n_required_hosts = {
        let mut h: Vec<u32> = inst.required_pairs().iter().map(|p| p.1).collect();
        h.sort_unstable();
        h.dedup();
        h.len()
    };
    for objective_kind in [BudgetObjective::Welfare, BudgetObjective::Stable] {
        let result = budgeted(&inst, &config(objective_kind));
        if n_required_hosts > k {
            prop_assert!(result.is_err());
            continue;
        }
        let result = result.unwrap();
        let truth = subsets(&inst, k)
            .iter()
            .map(|open| match objective_kind {
                BudgetObjective::Welfare => {
                    assignments(&inst, open).iter().map(|a| objective(&inst, a)).max().unwrap()
                }
                _ => objective(&inst, &seeker_optimal_stable(&inst, open)),
            })
            .max()
            .unwrap();
        let selected = result.selected_hosts.clone().unwrap();
        prop_assert!(selected.len() <= k);
        for p in &result.pairs {
            prop_assert!(selected.contains(&p.host));
        }
        prop_assert_eq!(result_objective(&inst, &result), truth);
        let opt = result.optimality.clone().unwrap();
        prop_assert!(opt.proven);
        prop_assert_eq!(opt.gap, Decimal::ZERO);
        if objective_kind == BudgetObjective::Stable {
            // The stable result is the seeker-optimal stable matching of its selection.
            let mut open = vec![false; inst.host_count()];
            for h in &selected {
                open[inst.host_index(h).unwrap()] = true;
            }
            let a: Vec<Option<usize>> =
                result.assignment(&inst).unwrap().iter().map(|h| h.map(|j| j as usize)).collect();
            prop_assert_eq!(a, seeker_optimal_stable(&inst, &open));
        }

        // Time limit zero: best found with a correct gap.
        let cut = budgeted(
            &inst,
            &BudgetConfig { time_limit: Some(Duration::ZERO), ..config(objective_kind) },
        )
        .unwrap();
        let opt = cut.optimality.clone().unwrap();
        let unit_truth = if inst.has_scores() { truth.0 } else { Decimal::from(truth.1) };
        prop_assert!(opt.value <= unit_truth && unit_truth <= opt.bound, "{:?} {:?}", opt, truth);
        prop_assert_eq!(opt.gap, opt.bound - opt.value);
        prop_assert_eq!(opt.proven, opt.gap.is_zero());

        // A deadline already past, or a handle cancelled before the call: the
        // same guarantee, and the result says why it stopped.
        let cancel = Cancel::new();
        cancel.cancel();
        for (stopped, why) in [
            (
                BudgetConfig { deadline: Some(Instant::now()), ..config(objective_kind) },
                "time-limit",
            ),
            (BudgetConfig { cancel: Some(cancel.clone()), ..config(objective_kind) }, "cancelled"),
        ] {
            let cut = budgeted(&inst, &stopped).unwrap();
            let opt = cut.optimality.clone().unwrap();
            prop_assert!(opt.value <= unit_truth && unit_truth <= opt.bound);
            prop_assert!(cut.selected_hosts.clone().unwrap().len() <= k);
            if !opt.proven {
                prop_assert_eq!(
                    cut.mechanism.parameters.get("stopped").map(String::as_str),
                    Some(why)
                );
            }
        }

        // Progress reports: each a valid incumbent and bound; the result is
        // the same as without a sink.
        let seen: Arc<Mutex<Vec<SearchProgress>>> = Arc::default();
        let log = Arc::clone(&seen);
        let sink = ProgressSink::new(move |p| log.lock().unwrap().push(p.clone()));
        let watched =
            budgeted(&inst, &BudgetConfig { progress: Some(sink), ..config(objective_kind) })
                .unwrap();
        prop_assert_eq!(&watched, &result);
        for p in seen.lock().unwrap().iter() {
            prop_assert!(p.incumbent <= unit_truth && unit_truth <= p.bound, "{:?} {:?}", p, truth);
            prop_assert_eq!(p.gap, p.bound - p.incumbent);
        }

        // Greedy (fast mode): a value with a valid bound.
        let fast = greedy_selection(&inst, &config(objective_kind)).unwrap();
        let opt = fast.optimality.clone().unwrap();
        prop_assert!(opt.value <= unit_truth && unit_truth <= opt.bound);
        prop_assert!(fast.selected_hosts.clone().unwrap().len() <= k);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn optimal_and_budgeted_agree_with_brute_force(seed in any::<u64>()) {
        check_seed(seed)?;
    }

    /// Greedy reaches (1 − 1/e) of the optimum where the guarantee applies:
    /// welfare objective, non-negative scores, no required pairs.
    #[test]
    fn greedy_guarantee(seed in any::<u64>()) {
        let mut spec = random_spec(seed, 5, 5);
        spec.required.clear();
        for s in &mut spec.scores {
            s.score = s.score.abs();
        }
        let Ok(inst) = Instance::new(&spec, &Limits::default()) else { return Ok(()) };
        let k = inst.max_hosts().map_or(inst.host_count(), |k| k as usize);
        let n = inst.seeker_count() as f64;
        // The combined weight the solver maximises: score · (n + 1) + matched.
        let scale = spec.scores.iter().map(|s| s.score.scale()).max().unwrap_or(0);
        let combined = |o: (Decimal, usize)| {
            let s: f64 = (o.0 * Decimal::from(10i64.pow(scale))).try_into().unwrap();
            s * (n + 1.0) + o.1 as f64
        };
        let truth = subsets(&inst, k)
            .iter()
            .map(|open| assignments(&inst, open).iter().map(|a| objective(&inst, a)).max().unwrap())
            .max()
            .unwrap();
        let fast = greedy_selection(&inst, &config(BudgetObjective::Welfare)).unwrap();
        let got = result_objective(&inst, &fast);
        prop_assert!(combined(got) >= (1.0 - (-1.0f64).exp()) * combined(truth) - 1e-6);
    }

    /// No panic on any instance, large scores and odd shapes included.
    #[test]
    fn never_panics(seed in any::<u64>(), big in any::<bool>()) {
        let mut spec = random_spec(seed, 6, 5);
        if big {
            for s in &mut spec.scores {
                s.score = Decimal::MAX - Decimal::from(s.score.mantissa().unsigned_abs() as u64);
            }
        }
        if let Ok(inst) = Instance::new(&spec, &Limits::default()) {
            let _ = welfare_optimal(&inst, Objective::TotalScore);
            let _ = welfare_optimal(&inst, Objective::RankMaximal);
            for o in [BudgetObjective::Welfare, BudgetObjective::Stable] {
                let _ = budgeted(&inst, &config(o));
                let _ = budgeted(&inst, &BudgetConfig { mode: BudgetMode::Greedy, max_hosts: Some(0), ..config(o) });
            }
        }
    }
}

#[test]
fn scores_that_do_not_fit_are_an_error_not_a_rounding() {
    let text = r#"{"seekers":[{"id":"a","preferences":["x"]},{"id":"b","preferences":["x"]}],
        "hosts":[{"id":"x","capacity":1,"preferences":["a","b"]}],
        "scores":[{"seeker":"a","host":"x","score":"79228162514264337593543950335"},
                  {"seeker":"b","host":"x","score":"0.0000000000000000000000000001"}]}"#;
    let inst = Instance::from_json(text, &Limits::default()).unwrap();
    let err = welfare_optimal(&inst, Objective::TotalScore).unwrap_err();
    assert!(err.to_string().contains("max-total-score"), "{err}");
}

#[test]
fn dense_square_instances_use_the_exact_assignment() {
    // 3 × 3 complete, capacity 1: the optimum is the anti-diagonal (3 + 3 + 3 = 9).
    let mut spec: InstanceSpec = serde_json::from_str(r#"{"seekers":[],"hosts":[]}"#).unwrap();
    let grid = [[1, 2, 3], [2, 3, 1], [3, 1, 2]];
    for i in 0..3 {
        spec.seekers.push(SeekerSpec {
            id: format!("s{i}"),
            preferences: vec![Preference::Tie((0..3).map(|j| format!("h{j}")).collect())],
        });
        spec.hosts.push(HostSpec {
            id: format!("h{i}"),
            capacity: 1,
            preferences: vec![Preference::Tie((0..3).map(|j| format!("s{j}")).collect())],
        });
    }
    for (i, row) in grid.iter().enumerate() {
        for (j, &v) in row.iter().enumerate() {
            spec.scores.push(ScoreSpec {
                seeker: format!("s{i}"),
                host: format!("h{j}"),
                score: Decimal::from(v),
            });
        }
    }
    let inst = Instance::new(&spec, &Limits::default()).unwrap();
    let m = welfare_optimal(&inst, Objective::TotalScore).unwrap();
    assert_eq!(m.metrics.total_score, Some(Decimal::from(9)));
    assert_eq!(m.host_of("s0"), Some("h2"));
}

/// Seeds that once failed, kept as plain tests.
#[test]
fn committed_regressions() {
    // Interrupted search whose score gap was zero while the matched-count
    // tie-break was still open: `proven` must follow the reported gap.
    check_seed(7_601_592_675_367_486_349).unwrap();
}

/// `one_thread` changes where the search runs, not what it finds: the same
/// pairs, bound and node count as the default (which takes a second thread
/// for markets this size on a machine with two cores), on markets shaped
/// like the benchmark family's, 1,600 acceptable pairs each.
#[test]
fn one_thread_finds_what_two_find() {
    let mut searched = 0;
    for seed in 0..6u64 {
        let market = crate::generate::budgeted(200, 200, 8, 6, seed % 2 == 0, seed);
        let text = market.to_json(Some(16 + (seed % 4) as u32));
        let inst = Instance::from_json(&text, &Limits::default()).unwrap();
        let run = |one_thread| {
            let config = BudgetConfig {
                objective: BudgetObjective::Stable,
                one_thread,
                ..BudgetConfig::default()
            };
            budgeted(&inst, &config).unwrap()
        };
        let (two, one) = (run(false), run(true));
        assert_eq!(one.pairs, two.pairs, "seed {seed}");
        assert_eq!(one.optimality, two.optimality, "seed {seed}");
        assert_eq!(one.mechanism.parameters, two.mechanism.parameters, "seed {seed}");
        searched += usize::from(one.mechanism.parameters.get("nodes").is_some_and(|n| n != "1"));
    }
    // Not vacuous: some searches branched.
    assert!(searched >= 3, "{searched}");
}
