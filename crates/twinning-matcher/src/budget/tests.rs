//! The budgeted search against enumeration, and its stable value against
//! deferred acceptance.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

use super::goal::Market;
use super::*;
use crate::greedy::greedy;

fn lcg(state: &mut u64) -> u64 {
    *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    *state >> 33
}

fn subsets(nh: usize, k: usize) -> Vec<Vec<u32>> {
    (0u32..1 << nh)
        .filter(|m| m.count_ones() as usize <= k)
        .map(|m| (0..nh as u32).filter(|h| m >> h & 1 == 1).collect())
        .collect()
}

fn random_market(st: &mut u64) -> (Market, Bipartite<i64>, usize) {
    let ns = (lcg(st) % 7) as usize;
    let nh = 1 + (lcg(st) % 6) as usize;
    let cap: Vec<u32> = (0..nh).map(|_| (lcg(st) % 3) as u32).collect();
    let host_rank: Vec<Vec<u32>> =
        (0..nh).map(|_| (0..ns).map(|_| (lcg(st) % 100) as u32).collect()).collect();
    let mut prefs = Vec::new();
    let mut lists = Vec::new();
    #[allow(clippy::needless_range_loop, reason = "s is also a value")]
    for s in 0..ns {
        let mut l: Vec<(u32, u32, i64)> = Vec::new();
        for h in 0..nh as u32 {
            if !lcg(st).is_multiple_of(3) {
                let r = host_rank[h as usize][s] * 16 + s as u32;
                l.push((h, r, (lcg(st) % 9) as i64 - 2));
            }
        }
        // Random strict order of the acceptable hosts.
        for i in (1..l.len()).rev() {
            let j = (lcg(st) % (i as u64 + 1)) as usize;
            l.swap(i, j);
        }
        lists.push(l.iter().map(|e| (e.0, e.2)).collect::<Vec<_>>());
        prefs.push(l);
    }
    let k = (lcg(st) % 4) as usize;
    (Market::new(cap.clone(), prefs), Bipartite::new(cap, &lists), k)
}

#[test]
fn search_agrees_with_enumeration() {
    let mut st = 5u64;
    for round in 0..1500 {
        let (m, g, k) = random_market(&mut st);
        for goal in [Goal::Welfare(&g), Goal::Stable(&m)] {
            let best = subsets(goal.n_hosts(), k).iter().map(|s| goal.evaluate(s).0).max().unwrap();
            let cfg = Search {
                k,
                forced: Vec::new(),
                greedy_only: false,
                granularity: 1,
                two_threads: None,
            };
            let found = search(goal, &cfg, &mut Monitor::new(Stop::never(), None));
            assert_eq!(found.value, best, "round {round}");
            assert_eq!(found.bound, best);
            assert!(found.hosts.len() <= k);
            assert_eq!(goal.evaluate(&found.hosts).0, found.value);
            // Interrupted right after the root: the gap must still hold.
            let past = Stop { deadline: Some(Instant::now()), cancel: None };
            let cut = search(goal, &cfg, &mut Monitor::new(past.clone(), None));
            assert!(cut.value <= best && best <= cut.bound, "round {round}");
            assert!(cut.hosts.len() <= k);
            assert_eq!(goal.evaluate(&cut.hosts).0, cut.value);
            // Cancelled before it starts: the same guarantee.
            let cancel = Cancel::new();
            cancel.cancel();
            let stopped = Stop { deadline: None, cancel: Some(cancel) };
            let cut = search(goal, &cfg, &mut Monitor::new(stopped, None));
            assert!(cut.value <= best && best <= cut.bound, "round {round}");
            assert_eq!(goal.evaluate(&cut.hosts).0, cut.value);
            let fast =
                search(goal, &Search { greedy_only: true, ..cfg }, &mut Monitor::new(past, None));
            assert!(fast.value <= best && best <= fast.bound, "round {round}");
            if let Goal::Welfare(_) = goal {
                // (1 - 1/e) guarantee of greedy for the monotone submodular welfare.
                let (gv, gs) = greedy(goal, k, &[], &Stop::never());
                assert!(gs.len() <= k);
                let pos =
                    subsets(goal.n_hosts(), k).iter().map(|s| goal.evaluate(s).0).max().unwrap();
                assert!((gv as f64) >= (1.0 - (-1.0f64).exp()) * pos as f64 - 1e-9);
            }
        }
    }
}

#[test]
fn a_host_nobody_wants_leaves_the_stable_matching_as_it_is() {
    // `Market::wants` lets greedy and local search skip deferred-acceptance
    // runs; skipping is exact only if an unwanted host changes nothing.
    let mut st = 11u64;
    let mut unwanted = 0;
    for round in 0..1500 {
        let (m, _, k) = random_market(&mut st);
        let nh = m.cap.len();
        for set in subsets(nh, nh) {
            let (value, host_of, _) = Goal::Stable(&m).evaluate(&set);
            for h in (0..nh as u32).filter(|h| !set.contains(h)) {
                let mut with = set.clone();
                with.push(h);
                with.sort_unstable();
                let (v, after, _) = Goal::Stable(&m).evaluate(&with);
                if !m.wants(&host_of, h) {
                    unwanted += 1;
                    assert_eq!((v, &after), (value, &host_of), "round {round}, {set:?} + {h}");
                } else {
                    // Someone proposes to h: h ends up holding a seeker
                    // unless its capacity is 0.
                    assert!(m.cap[h as usize] == 0 || after.contains(&h), "round {round}");
                }
            }
        }
        // What greedy and local search report is the value of what they select.
        let goal = Goal::Stable(&m);
        let (gv, gs) = greedy(goal, k, &[], &Stop::never());
        assert!(gs.len() <= k);
        assert_eq!(goal.evaluate(&gs).0, gv, "round {round}");
        let all: Vec<u32> = (0..nh as u32).collect();
        let (lv, ls) = crate::greedy::local_search(goal, k, &gs, &[], &all, &Stop::never());
        assert_eq!(goal.evaluate(&ls).0, lv.unwrap(), "round {round}");
        assert!(lv.unwrap() >= gv && ls.len() <= k);
    }
    assert!(unwanted > 1000, "the property was exercised ({unwanted} cases)");
}

/// A random instance as JSON text with strict lists, capacities 0–2 and
/// some forbidden pairs, and the same lists as plain indices.
struct Drawn {
    seekers: Vec<Vec<usize>>,
    hosts: Vec<Vec<usize>>,
    cap: Vec<u32>,
    forbidden: Vec<(usize, usize)>,
}

impl Drawn {
    fn new(st: &mut u64) -> Self {
        let ns = (lcg(st) % 8) as usize;
        let nh = 1 + (lcg(st) % 6) as usize;
        let list = |n_other: usize, st: &mut u64| {
            let mut l: Vec<usize> = (0..n_other).filter(|_| !lcg(st).is_multiple_of(4)).collect();
            for i in (1..l.len()).rev() {
                let j = (lcg(st) % (i as u64 + 1)) as usize;
                l.swap(i, j);
            }
            l
        };
        let seekers = (0..ns).map(|_| list(nh, st)).collect();
        let hosts = (0..nh).map(|_| list(ns, st)).collect();
        let cap = (0..nh).map(|_| (lcg(st) % 3) as u32).collect();
        let mut forbidden = Vec::new();
        for i in 0..ns {
            for j in 0..nh {
                if lcg(st).is_multiple_of(9) {
                    forbidden.push((i, j));
                }
            }
        }
        Self { seekers, hosts, cap, forbidden }
    }

    /// The instance with only the hosts in `open` keeping their capacity.
    fn instance(&self, open: Option<&[u32]>) -> Instance {
        let ids = |p: char, l: &[usize]| {
            l.iter().map(|x| format!("\"{p}{x}\"")).collect::<Vec<_>>().join(",")
        };
        let seekers: Vec<String> = (self.seekers.iter().enumerate())
            .map(|(i, l)| format!(r#"{{"id":"s{i}","preferences":[{}]}}"#, ids('h', l)))
            .collect();
        let hosts: Vec<String> = (self.hosts.iter().enumerate())
            .map(|(j, l)| {
                let cap = match open {
                    Some(o) if !o.contains(&(j as u32)) => 0,
                    _ => self.cap[j],
                };
                format!(r#"{{"id":"h{j}","capacity":{cap},"preferences":[{}]}}"#, ids('s', l))
            })
            .collect();
        let forbidden: Vec<String> = (self.forbidden.iter())
            .map(|(i, j)| format!(r#"{{"seeker":"s{i}","host":"h{j}"}}"#))
            .collect();
        let text = format!(
            r#"{{"seekers":[{}],"hosts":[{}],"forbidden":[{}]}}"#,
            seekers.join(","),
            hosts.join(","),
            forbidden.join(",")
        );
        Instance::from_json(&text, &crate::Limits::default()).unwrap()
    }

    /// Textbook seeker-proposing deferred acceptance with only the hosts
    /// in `open`: host of every seeker.
    fn textbook(&self, open: &[u32]) -> Vec<Option<usize>> {
        let ns = self.seekers.len();
        let acceptable = |i: usize, j: usize| {
            open.contains(&(j as u32))
                && self.hosts[j].contains(&i)
                && !self.forbidden.contains(&(i, j))
        };
        let mut next = vec![0usize; ns];
        let mut host_of: Vec<Option<usize>> = vec![None; ns];
        let mut held: Vec<Vec<usize>> = vec![Vec::new(); self.hosts.len()];
        while let Some(i) =
            (0..ns).find(|&i| host_of[i].is_none() && next[i] < self.seekers[i].len())
        {
            let j = self.seekers[i][next[i]];
            next[i] += 1;
            if !acceptable(i, j) || self.cap[j] == 0 {
                continue;
            }
            held[j].push(i);
            host_of[i] = Some(j);
            if held[j].len() > self.cap[j] as usize {
                let pos = |x: &usize| self.hosts[j].iter().position(|y| y == x);
                let worst = *held[j].iter().max_by_key(|x| pos(x)).unwrap();
                held[j].retain(|&x| x != worst);
                host_of[worst] = None;
            }
        }
        host_of
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 1000, ..proptest::prelude::ProptestConfig::default()
    })]

    /// The budgeted path's stable matching on a fixed host subset (the
    /// value function of the search) is deferred acceptance on the
    /// instance restricted to those hosts: the textbook algorithm on the
    /// same lists, and the public mechanism on an instance whose other
    /// hosts have no seats.
    #[test]
    fn stable_value_on_a_subset_is_restricted_deferred_acceptance(
        seed in proptest::prelude::any::<u64>(),
        mask in proptest::prelude::any::<u8>(),
    ) {
        let mut st = seed;
        let drawn = Drawn::new(&mut st);
        let nh = drawn.hosts.len();
        let open: Vec<u32> = (0..nh as u32).filter(|h| mask >> h & 1 == 1).collect();
        let instance = drawn.instance(None);
        let residual = Residual::new(&instance);
        let (weights, _) = entry_weights(&instance, "test").unwrap();
        let lists = score_lists::<i64>(
            &instance, &residual, &weights, 1, i128::from(i64::MAX), "test",
        )
        .unwrap();
        let market = stable_market(&instance, &residual, &lists);
        let (_, host_of, _) = Goal::Stable(&market).evaluate(&open);
        let budgeted: Vec<Option<usize>> = host_of
            .iter()
            .map(|&h| (h != UNMATCHED).then_some(h as usize))
            .collect();
        proptest::prop_assert_eq!(&budgeted, &drawn.textbook(&open));
        let restricted = drawn.instance(Some(&open));
        let da = crate::deferred_acceptance(&restricted, crate::Side::Seeker, 0);
        let public: Vec<Option<usize>> = (0..drawn.seekers.len())
            .map(|i| da.host_of(&format!("s{i}")).map(|h| h[1..].parse().unwrap()))
            .collect();
        proptest::prop_assert_eq!(&budgeted, &public);
    }
}

/// The stable Lagrangian `L(u, λ)` bounds the stable value of every
/// selection of a node, for any non-negative prices (random ones, not only
/// those the subgradient reaches) and any node (hosts fixed in or out, the
/// seekers' windows from the node's stable matchings), by enumeration of
/// the node's selections.
#[test]
fn the_stable_lagrangian_bounds_every_selection_of_its_node() {
    use super::search::St;
    use super::stable_dual::{Pairs, RowPrices, Walks, Work, stable_lagrangian};
    let mut work = Work::default();
    let mut st = 17u64;
    let mut priced = 0;
    for round in 0..3000 {
        let (m, _, k) = random_market(&mut st);
        let nh = m.cap.len();
        let node: Vec<St> = (0..nh)
            .map(|_| match lcg(&mut st) % 4 {
                0 => St::In,
                1 => St::Out,
                _ => St::Free,
            })
            .collect();
        let n_in = node.iter().filter(|&&s| s == St::In).count();
        if n_in > k {
            continue;
        }
        let open: Vec<bool> = node.iter().map(|&s| s != St::Out).collect();
        let fixed_in: Vec<bool> = node.iter().map(|&s| s == St::In).collect();
        let pairs = Pairs::new(&m);
        let kinds = pairs.kinds(&m.windows(&open, &fixed_in), &open);
        let spread = [0, 3, 40][round % 3];
        let u: Vec<i64> =
            (0..m.prefs.len()).map(|_| (lcg(&mut st) % (spread + 1)) as i64).collect();
        let lam: Vec<i64> =
            (0..pairs.len()).map(|_| (lcg(&mut st) % (spread + 1)) as i64).collect();
        priced += usize::from(lam.iter().any(|&l| l > 0));
        let prices = RowPrices::new(&pairs, &lam);
        let walks = Walks::new(&pairs, &kinds, &lam, &prices);
        // One set of buffers for every round: what a call leaves in them
        // must not leak into the next.
        let lag = stable_lagrangian(&pairs, &kinds, &walks, &u, &node, k - n_in, true, &mut work);
        let grad = work.grad.clone();
        let same = stable_lagrangian(&pairs, &kinds, &walks, &u, &node, k - n_in, false, &mut work);
        // The subgradient is left out only when not asked for.
        assert_eq!((same.value, &same.chosen, work.grad.len()), (lag.value, &lag.chosen, 0));
        assert_eq!(grad.len(), pairs.len());
        let goal = Goal::Stable(&m);
        for s in subsets(nh, k) {
            let fits = (0..nh).all(|h| match node[h] {
                St::In => s.contains(&(h as u32)),
                St::Out => !s.contains(&(h as u32)),
                St::Free => true,
            });
            if fits {
                let value = goal.evaluate(&s).0;
                assert!(
                    value <= lag.value,
                    "round {round}: {s:?} is worth {value} > {}",
                    lag.value
                );
            }
        }
    }
    assert!(priced > 1000, "{priced}");
}

/// One host's walk of its list (`stable_dual::walk`) against every way of
/// taking, counting gone or passing over each seeker: passing is allowed
/// only once the host is full, a full host takes nobody. Its trace is one of
/// the best ways.
#[test]
fn a_host_walk_is_the_best_stable_way_through_its_list() {
    use super::stable_dual::walk;
    let mut st = 29u64;
    for round in 0..4000 {
        let n = (lcg(&mut st) % 7) as usize;
        let cap = (lcg(&mut st) % 4) as usize;
        let gain: Vec<Option<i64>> = (0..n)
            .map(|_| (!lcg(&mut st).is_multiple_of(4)).then(|| (lcg(&mut st) % 21) as i64 - 6))
            .collect();
        let cost: Vec<Option<i64>> = (0..n)
            .map(|_| (!lcg(&mut st).is_multiple_of(3)).then(|| (lcg(&mut st) % 9) as i64))
            .collect();
        // 0 pass, 1 take, 2 gone: the value of a way, if it is one.
        let value_of = |way: &[u8]| -> Option<i64> {
            let (mut held, mut value) = (0, 0i64);
            for (i, &w) in way.iter().enumerate() {
                match w {
                    1 if held < cap => {
                        held += 1;
                        value += gain[i]?;
                    }
                    2 => value -= cost[i]?,
                    0 if held == cap => {}
                    _ => return None,
                }
            }
            Some(value)
        };
        let mut best: Option<i64> = None;
        for code in 0..3usize.pow(n as u32) {
            let way: Vec<u8> = (0..n).map(|i| (code / 3usize.pow(i as u32) % 3) as u8).collect();
            if let Some(v) = value_of(&way) {
                best = Some(best.map_or(v, |b| b.max(v)));
            }
        }
        let (mut dp, mut choice, mut trace) = (Vec::new(), Vec::new(), Vec::new());
        let found =
            walk::<true>(cap, n, |i| gain[i], |i| cost[i], &mut dp, &mut choice, Some(&mut trace));
        let plain = walk::<false>(cap, n, |i| gain[i], |i| cost[i], &mut dp, &mut choice, None);
        assert_eq!(found, plain, "round {round}");
        match best {
            Some(b) => {
                assert_eq!(found, b, "round {round}: {gain:?} {cost:?} cap {cap}");
                assert_eq!(value_of(&trace), Some(b), "round {round}: trace {trace:?}");
            }
            None => assert!(found < -(1 << 60), "round {round}: {found}"),
        }
    }
}

/// A market of `ns` seekers and `nh` hosts, capacities 1–6, lists of up
/// to `len`, pairs worth 1–100 times 64 (so that prices can be much finer
/// than a pair's worth, and gaps are wide enough for strong branching).
fn scored_market(st: &mut u64, ns: usize, nh: usize, len: usize) -> Market {
    let host_rank: Vec<Vec<u32>> =
        (0..nh).map(|_| (0..ns).map(|_| (lcg(st) % 1000) as u32).collect()).collect();
    let cap: Vec<u32> = (0..nh).map(|_| 1 + (lcg(st) % 6) as u32).collect();
    let prefs = (0..ns)
        .map(|s| {
            let mut hosts: Vec<u32> = (0..nh as u32).collect();
            for i in (1..hosts.len()).rev() {
                hosts.swap(i, (lcg(st) % (i as u64 + 1)) as usize);
            }
            hosts.truncate(len);
            hosts
                .into_iter()
                .map(|h| {
                    (h, host_rank[h as usize][s] * 64 + s as u32, 64 * (1 + (lcg(st) % 100) as i64))
                })
                .collect()
        })
        .collect();
    Market::new(cap, prefs)
}

/// Strong branching's looks go two by two: with a second thread or without,
/// the search makes the same decisions (the same nodes, the same answer).
/// (Its answers are checked against enumeration above and against HiGHS in
/// the benchmark; these markets are too large to enumerate.)
#[test]
fn two_threads_decide_as_one() {
    let mut st = 23u64;
    let (mut strong, mut branched) = (0, 0);
    for round in 0..8 {
        let nh = 50 + 10 * (round % 4);
        let m = scored_market(&mut st, nh + 20 * (round % 3), nh, 8);
        let goal = Goal::Stable(&m);
        let k = nh / 10;
        let run = |two| {
            let cfg = Search {
                k,
                forced: Vec::new(),
                greedy_only: false,
                granularity: 1,
                two_threads: Some(two),
            };
            search(goal, &cfg, &mut Monitor::new(Stop::never(), None))
        };
        let (one, two) = (run(false), run(true));
        assert_eq!(
            (&one.hosts, one.value, one.bound, one.nodes, one.strong, one.interrupted),
            (&two.hosts, two.value, two.bound, two.nodes, two.strong, two.interrupted),
            "round {round}"
        );
        assert_eq!(one.host_of, two.host_of, "round {round}");
        assert_eq!((one.value, one.bound), (goal.evaluate(&one.hosts).0, one.value));
        assert!(one.hosts.len() <= k, "round {round}");
        strong += one.strong;
        branched += u64::from(one.nodes > 1);
    }
    // Not vacuous: strong branching ran at many nodes of several trees.
    assert!(strong >= 50 && branched >= 4, "{strong} {branched}");
}
