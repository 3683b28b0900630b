//! Budgeted selection: choose at most `k` hosts and the assignment, exactly,
//! by branch and bound over host subsets with a Lagrangian bound.
//!
//! # The bound
//!
//! Relax each seeker's "at most one host" constraint with a price `u_s ≥ 0`.
//! What is left splits by host: a selected host `h` takes its best `cap_h`
//! seekers by reduced weight `(w_sh − u_s)⁺`, worth `v_h(u)`, and the best
//! hosts to select are simply the `k` (minus those already fixed in) with the
//! largest `v_h(u)`. So for every integer `u ≥ 0`
//!
//! ```text
//! L(u) = Σ_s u_s + Σ_{h fixed in} v_h(u) + (sum of the k' largest v_h(u) over free hosts)
//! ```
//!
//! is an upper bound on every selection of the node, computed exactly in
//! integers. The host subproblem has the integrality property, so the best
//! `L(u)` equals the bound of the linear relaxation of the usual mixed-integer
//! programme (with the strong `x_sh ≤ y_h` links); subgradient steps approach
//! it. The prices of a solved flow (its optimal duals) are the starting point.
//!
//! For "stable among the selected hosts" the value of a selection `S` is the
//! weight of the seeker-proposing deferred-acceptance matching restricted to
//! `S`. Removing hosts never makes a seeker better off in that matching
//! (Gale and Sotomayor's comparative statics), so within a node whose
//! selectable hosts are `A` and whose hosts fixed in are `F`, a seeker can
//! only be matched in `DA(S)` to a host it ranks no higher than its partner in
//! `DA(A)` — and only if `DA(A)` matches it at all — and no lower than its
//! partner in `DA(F)`. The welfare bound on that smaller set of pairs bounds the stable
//! objective.
//!
//! # Branching and fixing
//!
//! Depth first; the free host with the largest `v_h` in the Lagrangian
//! selection is branched on, "in" first. Free hosts whose forced inclusion (or
//! exclusion) already cannot beat the incumbent are fixed out (or in) by the
//! usual reduced-cost argument on `L(u)`. When the time limit passes, the
//! search stops and reports the incumbent with the largest bound among the
//! open nodes.
#![allow(
    clippy::indexing_slicing,
    reason = "indices are internal and bounded by the sizes fixed at construction"
)]

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::deferred_acceptance::{Offer, propose};
use crate::error::Error;
use crate::instance::Instance;
use crate::matching::{Matching, Mechanism, Optimality};
use crate::welfare::{Residual, entry_weights, headroom, score_lists, unscale};

use crate::flow::{Bipartite, UNMATCHED, max_weight_b_matching};
use crate::greedy::{greedy, local_search};

/// A strict two-sided market for deferred acceptance (ties already broken).
#[derive(Debug, Clone)]
pub(crate) struct Market {
    /// Host capacities.
    pub(crate) cap: Vec<u32>,
    /// Per seeker, its acceptable hosts best first: `(host, the host's rank
    /// of this seeker, weight of the pair)`.
    pub(crate) prefs: Vec<Vec<(u32, u32, i64)>>,
    /// Per host, the seekers that list it.
    pub(crate) listed_by: Vec<Vec<u32>>,
}

impl Market {
    /// Builds the market and its reverse lists.
    pub(crate) fn new(cap: Vec<u32>, prefs: Vec<Vec<(u32, u32, i64)>>) -> Self {
        let mut listed_by = vec![Vec::new(); cap.len()];
        for (s, list) in prefs.iter().enumerate() {
            for &(h, _, _) in list {
                if let Some(l) = listed_by.get_mut(h as usize) {
                    l.push(s as u32);
                }
            }
        }
        Self { cap, prefs, listed_by }
    }

    /// Seeker-proposing deferred acceptance ([`propose`], the crate's one
    /// implementation) with only the hosts of the sorted list `hosts` open,
    /// over the given seekers (others stay unmatched). Returns the host of
    /// every seeker or [`UNMATCHED`].
    pub(crate) fn deferred_acceptance(&self, hosts: &[u32], seekers: &[u32]) -> Vec<u32> {
        let n = self.prefs.len();
        let mut quota = vec![0u32; n];
        for &s in seekers {
            if let Some(q) = quota.get_mut(s as usize) {
                *q = 1;
            }
        }
        // A host holds at most as many seekers as list it.
        let slot_quota: Vec<u32> = hosts
            .iter()
            .map(|&h| {
                let listed = self.listed_by.get(h as usize).map_or(0, Vec::len);
                self.cap.get(h as usize).map_or(0, |&c| c.min(listed as u32))
            })
            .collect();
        // Slot of each open host: a table when many are open, else a search.
        let dense: Option<Vec<u32>> =
            (hosts.len().saturating_mul(8) >= self.cap.len()).then(|| {
                let mut slot = vec![UNMATCHED; self.cap.len()];
                for (k, &h) in hosts.iter().enumerate() {
                    if let Some(x) = slot.get_mut(h as usize) {
                        *x = k as u32;
                    }
                }
                slot
            });
        let held = propose(&quota, &slot_quota, |s, k| {
            let Some(&(h, rank, _)) = self.prefs.get(s).and_then(|l| l.get(k)) else {
                return Offer::End;
            };
            let slot = match &dense {
                Some(d) => d.get(h as usize).copied().filter(|&x| x != UNMATCHED),
                None => hosts.binary_search(&h).ok().map(|x| x as u32),
            };
            slot.map_or(Offer::Skip, |slot| Offer::To { slot: slot as usize, rank })
        });
        let mut host_of = vec![UNMATCHED; n];
        for (slot, s) in held.pairs() {
            if let (Some(x), Some(&h)) = (host_of.get_mut(s as usize), hosts.get(slot)) {
                *x = h;
            }
        }
        host_of
    }

    /// Weight of a matching of this market.
    pub(crate) fn weight(&self, host_of: &[u32]) -> i64 {
        host_of
            .iter()
            .enumerate()
            .filter(|&(_, &h)| h != UNMATCHED)
            .filter_map(|(s, &h)| self.prefs[s].iter().find(|e| e.0 == h).map(|e| e.2))
            .sum()
    }

    /// The seekers listing at least one of `hosts`, in index order.
    pub(crate) fn seekers_of(&self, hosts: &[u32]) -> Vec<u32> {
        let mut out: Vec<u32> =
            hosts.iter().flat_map(|&h| self.listed_by[h as usize].iter().copied()).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// What is optimised over host subsets.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Goal<'a> {
    /// Maximum-weight assignment to the selected hosts.
    Welfare(&'a Bipartite<i64>),
    /// Weight of the seeker-proposing stable matching among the selected hosts.
    Stable(&'a Market),
}

impl Goal<'_> {
    pub(crate) fn n_hosts(&self) -> usize {
        match self {
            Goal::Welfare(g) => g.n_hosts(),
            Goal::Stable(m) => m.cap.len(),
        }
    }

    fn n_seekers(&self) -> usize {
        match self {
            Goal::Welfare(g) => g.n_seekers(),
            Goal::Stable(m) => m.prefs.len(),
        }
    }

    /// Exact value of selecting `hosts`, with the assignment and (welfare
    /// only) the optimal seeker prices.
    pub(crate) fn evaluate(&self, hosts: &[u32]) -> (i64, Vec<u32>, Option<Vec<i64>>) {
        match self {
            Goal::Welfare(g) => {
                let (sub, seekers) = g.restrict(hosts);
                let sol = max_weight_b_matching(&sub);
                let mut host_of = vec![UNMATCHED; g.n_seekers()];
                let mut u = vec![0i64; g.n_seekers()];
                for (i, &s) in seekers.iter().enumerate() {
                    let h = sol.host_of[i];
                    host_of[s as usize] =
                        if h == UNMATCHED { UNMATCHED } else { hosts[h as usize] };
                    u[s as usize] = sol.u[i];
                }
                (sol.value, host_of, Some(u))
            }
            Goal::Stable(m) => {
                let host_of = m.deferred_acceptance(hosts, &m.seekers_of(hosts));
                (m.weight(&host_of), host_of, None)
            }
        }
    }

    /// The graph whose Lagrangian bounds the node where `open` hosts may
    /// still be selected.
    fn relaxation(&self, open: &[bool], fixed_in: &[bool]) -> Option<Bipartite<i64>> {
        match self {
            Goal::Welfare(_) => None,
            Goal::Stable(m) => {
                let all: Vec<u32> = (0..m.prefs.len() as u32).collect();
                let hosts_where = |mask: &[bool]| -> Vec<u32> {
                    (0..mask.len() as u32).filter(|&h| mask[h as usize]).collect()
                };
                let host_of = m.deferred_acceptance(&hosts_where(open), &all);
                // With hosts fixed in, every seeker does at least as well as
                // in their own stable matching (more hosts never hurt seekers).
                let floor = if fixed_in.iter().any(|&b| b) {
                    m.deferred_acceptance(&hosts_where(fixed_in), &all)
                } else {
                    vec![UNMATCHED; m.prefs.len()]
                };
                let lists: Vec<Vec<(u32, i64)>> = m
                    .prefs
                    .iter()
                    .zip(host_of.iter().zip(&floor))
                    .map(|(list, (&partner, &worst))| {
                        if partner == UNMATCHED {
                            return Vec::new();
                        }
                        let at = list.iter().position(|e| e.0 == partner).unwrap_or(list.len());
                        let end = if worst == UNMATCHED {
                            list.len()
                        } else {
                            list.iter().position(|e| e.0 == worst).map_or(list.len(), |p| p + 1)
                        };
                        list.get(at..end.max(at))
                            .unwrap_or(&[])
                            .iter()
                            .filter(|e| open[e.0 as usize])
                            .map(|e| (e.0, e.2))
                            .collect()
                    })
                    .collect();
                Some(Bipartite::new(m.cap.clone(), &lists))
            }
        }
    }
}

/// Settings of one search.
#[derive(Debug, Clone)]
pub(crate) struct Search {
    /// At most this many hosts are selected.
    pub(crate) k: usize,
    /// Hosts that must be selected (they carry required pairs).
    pub(crate) forced: Vec<u32>,
    /// Stop and report the gap after this instant.
    pub(crate) deadline: Option<Instant>,
    /// Skip the search: report the warm start with the root bound.
    pub(crate) greedy_only: bool,
    /// Every value is a multiple of this; bounds are floored to it.
    pub(crate) granularity: i64,
}

/// Weight multiplier of the budgeted search (see [`budgeted`]).
const GRANULARITY: i64 = 1 << 10;

/// Result of a search over host subsets.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    /// Selected hosts, ascending.
    pub(crate) hosts: Vec<u32>,
    /// Host of every seeker or [`UNMATCHED`].
    pub(crate) host_of: Vec<u32>,
    /// Objective value of the selection.
    pub(crate) value: i64,
    /// Proven upper bound on every feasible selection (`== value` when optimal).
    pub(crate) bound: i64,
    /// Branch-and-bound nodes explored.
    pub(crate) nodes: u64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum St {
    Free,
    In,
    Out,
}

/// The Lagrangian at prices `u`: its value, the hosts it selects and each
/// open host's `v_h`; `take[s]` counts the selected hosts that take seeker `s`.
struct Lagrange {
    value: i64,
    chosen: Vec<u32>,
    v: Vec<i64>,
    take: Vec<i32>,
}

fn lagrangian(
    g: &Bipartite<i64>,
    u: &[i64],
    st: &[St],
    k_left: usize,
    scratch: &mut Vec<(i64, u32)>,
) -> Lagrange {
    let nh = g.n_hosts();
    let mut v = vec![0i64; nh];
    let mut value: i64 = u.iter().sum();
    let mut free: Vec<(i64, u32)> = Vec::new();
    for h in 0..nh {
        if st[h] == St::Out || g.cap[h] == 0 {
            continue;
        }
        scratch.clear();
        scratch.extend(g.host(h).iter().filter_map(|&(s, w)| {
            let r = w - u[s as usize];
            (r > 0).then_some((r, s))
        }));
        let c = g.cap[h] as usize;
        if scratch.len() > c {
            scratch.select_nth_unstable_by(c, |a, b| b.cmp(a));
            scratch.truncate(c);
        }
        v[h] = scratch.iter().map(|x| x.0).sum();
        if st[h] == St::In {
            value += v[h];
        } else if v[h] > 0 {
            free.push((v[h], h as u32));
        }
    }
    free.sort_unstable_by(|a, b| b.cmp(a));
    free.truncate(k_left);
    value += free.iter().map(|x| x.0).sum::<i64>();
    let mut chosen: Vec<u32> = (0..nh as u32).filter(|&h| st[h as usize] == St::In).collect();
    chosen.extend(free.iter().map(|x| x.1));
    let mut take = vec![0i32; u.len()];
    for &h in &chosen {
        let hu = h as usize;
        scratch.clear();
        scratch.extend(g.host(hu).iter().filter_map(|&(s, w)| {
            let r = w - u[s as usize];
            (r > 0).then_some((r, s))
        }));
        let c = g.cap[hu] as usize;
        if scratch.len() > c {
            scratch.select_nth_unstable_by(c, |a, b| b.cmp(a));
            scratch.truncate(c);
        }
        for &(_, s) in scratch.iter() {
            take[s as usize] += 1;
        }
    }
    Lagrange { value, chosen, v, take }
}

struct Node {
    st: Vec<St>,
    u: Vec<i64>,
    parent_bound: i64,
}

struct Solver<'a> {
    goal: Goal<'a>,
    k: usize,
    best: Option<(i64, Vec<u32>, Vec<u32>)>,
    tried: BTreeSet<Vec<u32>>,
    nodes: u64,
    scratch: Vec<(i64, u32)>,
}

impl Solver<'_> {
    fn incumbent(&self) -> i64 {
        self.best.as_ref().map_or(i64::MIN, |b| b.0)
    }

    fn offer(&mut self, mut hosts: Vec<u32>) -> Option<Vec<i64>> {
        hosts.sort_unstable();
        if !self.tried.insert(hosts.clone()) {
            return None;
        }
        let (value, host_of, u) = self.goal.evaluate(&hosts);
        let better = match &self.best {
            None => true,
            Some((b, bh, _)) => value > *b || (value == *b && hosts < *bh),
        };
        if better {
            self.best = Some((value, hosts, host_of));
        }
        u
    }

    /// Subgradient ascent on the node's Lagrangian; returns the best bound
    /// and the Lagrange state at the best prices.
    fn bound(
        &mut self,
        g: &Bipartite<i64>,
        u: &mut Vec<i64>,
        st: &[St],
        k_left: usize,
        iters: usize,
    ) -> (i64, Lagrange) {
        let mut best_u = u.clone();
        let mut lag = lagrangian(g, u, st, k_left, &mut self.scratch);
        let mut best = lag.value;
        let mut theta = 1.0f64;
        let mut stall = 0;
        let mut best_lag_chosen = lag.chosen.clone();
        for _ in 0..iters {
            if best <= self.incumbent() {
                break;
            }
            let _ = self.offer(lag.chosen.clone());
            let target = self.incumbent().max(0);
            let gap = (lag.value - target).max(1) as f64;
            let mut norm = 0f64;
            for (s, &t) in lag.take.iter().enumerate() {
                let gs = 1 - t;
                if gs < 0 || u[s] > 0 {
                    norm += f64::from(gs * gs);
                }
            }
            if norm == 0.0 {
                break;
            }
            let step = theta * gap / norm;
            for (s, &t) in lag.take.iter().enumerate() {
                let gs = f64::from(1 - t);
                if gs == 0.0 {
                    continue;
                }
                let delta = step * gs;
                let d = if delta > 0.0 { delta.ceil() } else { delta.floor() };
                let d = if d.is_finite() { d.clamp(-1e15, 1e15) as i64 } else { 0 };
                u[s] = (u[s] - d).max(0);
            }
            lag = lagrangian(g, u, st, k_left, &mut self.scratch);
            if lag.value < best {
                best = lag.value;
                best_u.clone_from(u);
                best_lag_chosen.clone_from(&lag.chosen);
                stall = 0;
            } else {
                stall += 1;
                if stall >= 4 {
                    theta /= 2.0;
                    stall = 0;
                    if theta < 1e-3 {
                        break;
                    }
                }
            }
        }
        let _ = self.offer(best_lag_chosen);
        *u = best_u;
        let lag = lagrangian(g, u, st, k_left, &mut self.scratch);
        (best.min(lag.value), lag)
    }
}

/// Exact budgeted selection by branch and bound (see the module docs).
pub(crate) fn search(goal: Goal<'_>, cfg: &Search) -> Found {
    let nh = goal.n_hosts();
    let n = goal.n_seekers();
    let mut solver = Solver {
        goal,
        k: cfg.k,
        best: None,
        tried: BTreeSet::new(),
        nodes: 0,
        scratch: Vec::new(),
    };
    let mut root_st = vec![St::Free; nh];
    for &h in &cfg.forced {
        root_st[h as usize] = St::In;
    }
    let (_, warm) = greedy(goal, cfg.k, &cfg.forced);
    let start_u = solver.offer(warm.clone()).unwrap_or_else(|| vec![0; n]);
    let mut root_bound = i64::MAX;
    let mut interrupted: Option<i64> = None;
    let mut stack = vec![Node { st: root_st, u: start_u, parent_bound: i64::MAX }];
    let mut first = true;
    while let Some(node) = stack.pop() {
        if node.parent_bound <= solver.incumbent() {
            continue;
        }
        if !first && cfg.deadline.is_some_and(|d| Instant::now() >= d) {
            let open = stack
                .iter()
                .map(|n| n.parent_bound)
                .chain(std::iter::once(node.parent_bound))
                .max()
                .unwrap_or(i64::MIN);
            interrupted = Some(open);
            break;
        }
        solver.nodes += 1;
        let Node { mut st, mut u, .. } = node;
        let n_in = st.iter().filter(|&&s| s == St::In).count();
        let k_left = solver.k.saturating_sub(n_in);
        let open: Vec<bool> = st.iter().map(|&s| s != St::Out).collect();
        let fixed_in: Vec<bool> = st.iter().map(|&s| s == St::In).collect();
        let relaxed = solver.goal.relaxation(&open, &fixed_in);
        let graph = match (&relaxed, solver.goal) {
            (Some(g), _) => g,
            (None, Goal::Welfare(g)) => g,
            (None, Goal::Stable(_)) => break,
        };
        let iters = if first { 200 } else { 40 };
        let (bound, lag) = solver.bound(graph, &mut u, &st, k_left, iters);
        let g = cfg.granularity.max(1);
        let bound = bound.min(node.parent_bound);
        let bound = bound - bound.rem_euclid(g);
        if first {
            root_bound = bound;
            first = false;
            if cfg.greedy_only {
                interrupted = Some(bound);
                break;
            }
            if bound > solver.incumbent() && matches!(solver.goal, Goal::Stable(_)) {
                // Not closed at the root (stable objective, whose bound is the
                // weaker one): polish the incumbent by swaps among the hosts
                // the Lagrangian values most.
                let mut ranked: Vec<(i64, u32)> = (0..nh)
                    .filter(|&h| st[h] == St::Free)
                    .map(|h| (lag.v[h], h as u32))
                    .filter(|x| x.0 > 0)
                    .collect();
                ranked.sort_unstable_by(|a, b| b.cmp(a));
                ranked.truncate(4 * solver.k + 40);
                let candidates: Vec<u32> = ranked.iter().map(|x| x.1).collect();
                let start = solver.best.as_ref().map(|b| b.1.clone()).unwrap_or_default();
                let (_, polished) = local_search(
                    solver.goal,
                    solver.k,
                    &start,
                    &cfg.forced,
                    &candidates,
                    cfg.deadline,
                );
                let _ = solver.offer(polished);
            }
        }
        if bound <= solver.incumbent() {
            continue;
        }
        if k_left == 0 {
            // Nothing left to choose: the node is a single selection.
            let chosen: Vec<u32> = (0..nh as u32).filter(|&h| st[h as usize] == St::In).collect();
            let _ = solver.offer(chosen);
            continue;
        }
        // Reduced-cost fixing.
        let mut free_vals: Vec<(i64, u32)> =
            (0..nh).filter(|&h| st[h] == St::Free).map(|h| (lag.v[h], h as u32)).collect();
        free_vals.sort_unstable_by(|a, b| b.cmp(a));
        let kth = free_vals.get(k_left - 1).map_or(0, |x| x.0.max(0));
        let next = free_vals.get(k_left).map_or(0, |x| x.0.max(0));
        let inc = solver.incumbent();
        for (i, &(vh, h)) in free_vals.iter().enumerate() {
            if i < k_left && vh > 0 {
                if lag.value - vh + next <= inc {
                    st[h as usize] = St::In;
                }
            } else if lag.value - kth + vh.max(0) <= inc {
                st[h as usize] = St::Out;
            }
        }
        let n_in = st.iter().filter(|&&s| s == St::In).count();
        if n_in > solver.k {
            continue;
        }
        // Branch on the most valuable host still free; none left: a leaf.
        let Some(h) = free_vals.iter().map(|x| x.1).find(|&h| st[h as usize] == St::Free) else {
            let chosen: Vec<u32> = (0..nh as u32).filter(|&h| st[h as usize] == St::In).collect();
            let _ = solver.offer(chosen);
            continue;
        };
        if n_in == solver.k {
            let chosen: Vec<u32> = (0..nh as u32).filter(|&h| st[h as usize] == St::In).collect();
            let _ = solver.offer(chosen);
            continue;
        }
        let mut out_st = st.clone();
        out_st[h as usize] = St::Out;
        stack.push(Node { st: out_st, u: u.clone(), parent_bound: bound });
        let mut in_st = st;
        in_st[h as usize] = St::In;
        stack.push(Node { st: in_st, u, parent_bound: bound });
    }
    let (value, hosts, host_of) = solver.best.unwrap_or((0, Vec::new(), vec![UNMATCHED; n]));
    let bound = match interrupted {
        Some(open) => open.min(root_bound).max(value),
        None => value,
    };
    Found { hosts, host_of, value, bound, nodes: solver.nodes }
}

/// What a budgeted selection maximises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum BudgetObjective {
    /// The best assignment to the selected hosts: largest total score, then
    /// most matched pairs (see [`Objective::TotalScore`](crate::Objective::TotalScore)).
    Welfare,
    /// The seeker-proposing stable matching among the selected hosts (ties
    /// broken by list order), scored the same way: total score, then matched
    /// pairs. Without scores, simply the number of matched seekers.
    Stable,
}

/// How hard a budgeted selection works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum BudgetMode {
    /// Branch and bound to a proof (bound = value), or to the time limit.
    Exact,
    /// The greedy selection only, with the root bound (fast mode).
    Greedy,
}

/// Settings of [`budgeted`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetConfig {
    /// At most this many hosts; `None` takes the instance's `max_hosts`, and
    /// without either every host may be selected.
    pub max_hosts: Option<u32>,
    /// What is maximised.
    pub objective: BudgetObjective,
    /// Stop the exact search after this long and report the gap.
    pub time_limit: Option<Duration>,
    /// Exact search or greedy only.
    pub mode: BudgetMode,
}

impl Default for BudgetConfig {
    fn default() -> Self {
        Self {
            max_hosts: None,
            objective: BudgetObjective::Welfare,
            time_limit: None,
            mode: BudgetMode::Exact,
        }
    }
}

/// Chooses at most `k` hosts and the assignment to them, exactly: branch and
/// bound over host subsets with a Lagrangian bound (see the module source
/// documentation and `docs/matcher.md`), warm-started by the greedy
/// selection. Hosts of required pairs are always selected and count towards
/// `k`; forbidden pairs are never used; closed hosts are never worth
/// selecting.
///
/// The result lists the `selected_hosts` and carries an [`Optimality`]: the
/// value, the proven bound, the gap and whether the value is proven optimal
/// (it is whenever the search finished before the time limit). Objectives:
/// `total-score` when the instance has scores, `matched-seekers` otherwise.
///
/// Without a time limit the result is deterministic (same instance, same
/// bytes). With one, how far the search gets depends on the machine, so two
/// runs may report different values and bounds — each of them valid.
///
/// # Errors
///
/// [`Error::Unsupported`] when more hosts carry required pairs than `k`
/// allows, or when the scores are too large for exact 64-bit arithmetic.
///
/// # Example
///
/// ```
/// use twinning_matcher::{budgeted, BudgetConfig, BudgetObjective, Instance, Limits};
///
/// let instance = Instance::from_json(
///     r#"{"seekers":[{"id":"a","preferences":["x","y"]},{"id":"b","preferences":["y"]}],
///         "hosts":[{"id":"x","capacity":1,"preferences":["a"]},
///                  {"id":"y","capacity":2,"preferences":["a","b"]}],
///         "max_hosts":1}"#,
///     &Limits::default(),
/// )?;
/// let config = BudgetConfig { objective: BudgetObjective::Stable, ..BudgetConfig::default() };
/// let result = budgeted(&instance, &config)?;
/// assert_eq!(result.selected_hosts, Some(vec!["y".to_owned()]));
/// assert!(result.optimality.is_some_and(|o| o.proven));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn budgeted(instance: &Instance, config: &BudgetConfig) -> Result<Matching, Error> {
    let mechanism_name = match (config.mode, config.objective) {
        (BudgetMode::Exact, BudgetObjective::Welfare) => "budgeted-welfare",
        (BudgetMode::Exact, BudgetObjective::Stable) => "budgeted-stable",
        (BudgetMode::Greedy, BudgetObjective::Welfare) => "greedy-budgeted-welfare",
        (BudgetMode::Greedy, BudgetObjective::Stable) => "greedy-budgeted-stable",
    };
    let residual = Residual::new(instance);
    let nh = instance.host_count();
    let k = config.max_hosts.or(instance.max_hosts()).map_or(nh, |k| (k as usize).min(nh));
    if residual.required_hosts.len() > k {
        return Err(Error::Unsupported {
            mechanism: mechanism_name,
            reason: format!(
                "{} hosts carry required pairs but at most {k} may be selected",
                residual.required_hosts.len()
            ),
        });
    }
    let (weights, scale) = entry_weights(instance, mechanism_name)?;
    let seats: u64 = residual.cap.iter().map(|&c| u64::from(c)).sum();
    let room = headroom(residual.free.len(), seats);
    let cfg = Search {
        k,
        forced: residual.required_hosts.clone(),
        deadline: config.time_limit.map(|t| Instant::now() + t),
        greedy_only: config.mode == BudgetMode::Greedy,
        granularity: 1,
    };
    // Integer prices are coarse when weights are small (without scores every
    // pair weighs 1): weights are multiplied by a granularity so that the
    // Lagrangian prices can be fine, and bounds are floored to multiples of it.
    let (lists, granularity) = match score_lists::<i64>(
        instance,
        &residual,
        &weights,
        room.saturating_mul(GRANULARITY as i128),
        i128::from(i64::MAX),
        mechanism_name,
    ) {
        Ok(lists) => (lists, GRANULARITY),
        Err(_) => (
            score_lists::<i64>(
                instance,
                &residual,
                &weights,
                room,
                i128::from(i64::MAX),
                mechanism_name,
            )?,
            1,
        ),
    };
    let lists: Vec<Vec<(u32, i64)>> = lists
        .into_iter()
        .map(|l| l.into_iter().map(|(h, w)| (h, w.saturating_mul(granularity))).collect())
        .collect();
    let cfg = Search { granularity, ..cfg };
    let mut found = match config.objective {
        BudgetObjective::Welfare => {
            let g = Bipartite::new(residual.cap.clone(), &lists);
            search(Goal::Welfare(&g), &cfg)
        }
        BudgetObjective::Stable => {
            search(Goal::Stable(&stable_market(instance, &residual, &lists)), &cfg)
        }
    };
    found.value = found.value.div_euclid(granularity);
    found.bound = found.bound.div_euclid(granularity);
    let mut assignment = residual.fixed.clone();
    for (local, &i) in residual.free.iter().enumerate() {
        if let (Some(slot), Some(&h)) = (assignment.get_mut(i as usize), found.host_of.get(local)) {
            *slot = (h != UNMATCHED).then_some(h);
        }
    }
    let mut selected = found.hosts.clone();
    selected.extend_from_slice(&residual.required_hosts);
    let optimality =
        optimality(instance, &residual, &assignment, &found, scale).ok_or_else(|| {
            Error::Unsupported {
                mechanism: mechanism_name,
                reason: "the objective does not fit a decimal".to_owned(),
            }
        })?;
    let mechanism = Mechanism::new(mechanism_name).with("max_hosts", k).with("nodes", found.nodes);
    Ok(Matching::from_assignment(instance, &assignment, mechanism)
        .with_selected_hosts(instance, &selected)
        .with_optimality(optimality))
}

/// Value, bound and gap in the caller's units: total score when the instance
/// has scores, matched seekers otherwise.
fn optimality(
    instance: &Instance,
    residual: &Residual,
    assignment: &[Option<u32>],
    found: &Found,
    scale: u32,
) -> Option<Optimality> {
    let factor = i128::try_from(residual.free.len()).ok()? + 1;
    let searched = found.bound <= found.value;
    let fixed: Vec<Option<u32>> = residual.fixed.clone();
    let (objective, value, bound) = if instance.has_scores() {
        let fixed_score = crate::welfare::scaled_total(instance, &fixed, scale)?;
        let value = crate::welfare::scaled_total(instance, assignment, scale)?;
        let bound = i128::from(found.bound).div_euclid(factor).checked_add(fixed_score)?;
        ("total-score", value, if searched { value } else { bound.max(value) })
    } else {
        let matched = assignment.iter().flatten().count() as i128;
        let fixed_count = fixed.iter().flatten().count() as i128;
        let bound = i128::from(found.bound).checked_add(fixed_count)?;
        ("matched-seekers", matched, if searched { matched } else { bound.max(matched) })
    };
    let scale = if instance.has_scores() { scale } else { 0 };
    let (value, bound) = (unscale(value, scale)?, unscale(bound, scale)?);
    let gap = bound.checked_sub(value)?;
    Some(Optimality { objective: objective.to_owned(), value, bound, gap, proven: gap.is_zero() })
}

/// The strict market of the free seekers: each seeker's acceptable hosts in
/// list order (a tie in the order written), each host's rank of a seeker its
/// position in the host's list (the same rule).
fn stable_market(instance: &Instance, residual: &Residual, lists: &[Vec<(u32, i64)>]) -> Market {
    let rows = instance.seeker_rows();
    let host_rows = instance.host_rows();
    let mut prefs = Vec::with_capacity(residual.free.len());
    for (local, &i) in residual.free.iter().enumerate() {
        let weighted = lists.get(local).map_or(&[][..], Vec::as_slice);
        let mut pref = Vec::with_capacity(weighted.len());
        for e in rows.row(i as usize) {
            let (Some(&j), Some(&m)) = (rows.partner.get(e), rows.mirror.get(e)) else { continue };
            let Some(&(_, w)) = weighted.iter().find(|x| x.0 == j) else { continue };
            let start = host_rows.row(j as usize).start;
            let rank = u32::try_from((m as usize).saturating_sub(start)).unwrap_or(u32::MAX);
            pref.push((j, rank, w));
        }
        prefs.push(pref);
    }
    Market::new(residual.cap.clone(), prefs)
}

#[cfg(test)]
mod tests {
    use super::*;

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
                let best =
                    subsets(goal.n_hosts(), k).iter().map(|s| goal.evaluate(s).0).max().unwrap();
                let cfg = Search {
                    k,
                    forced: Vec::new(),
                    deadline: None,
                    greedy_only: false,
                    granularity: 1,
                };
                let found = search(goal, &cfg);
                assert_eq!(found.value, best, "round {round}");
                assert_eq!(found.bound, best);
                assert!(found.hosts.len() <= k);
                assert_eq!(goal.evaluate(&found.hosts).0, found.value);
                // Interrupted right after the root: the gap must still hold.
                let cfg = Search { deadline: Some(Instant::now()), ..cfg };
                let cut = search(goal, &cfg);
                assert!(cut.value <= best && best <= cut.bound, "round {round}");
                let fast = search(goal, &Search { greedy_only: true, ..cfg });
                assert!(fast.value <= best && best <= fast.bound, "round {round}");
                if let Goal::Welfare(_) = goal {
                    // (1 - 1/e) guarantee of greedy for the monotone submodular welfare.
                    let (gv, gs) = greedy(goal, k, &[]);
                    assert!(gs.len() <= k);
                    let pos = subsets(goal.n_hosts(), k)
                        .iter()
                        .map(|s| goal.evaluate(s).0)
                        .max()
                        .unwrap();
                    assert!((gv as f64) >= (1.0 - (-1.0f64).exp()) * pos as f64 - 1e-9);
                }
            }
        }
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
                let mut l: Vec<usize> =
                    (0..n_other).filter(|_| !lcg(st).is_multiple_of(4)).collect();
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
}
