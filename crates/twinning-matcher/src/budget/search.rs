//! Exact budgeted selection by branch and bound over host subsets.
//!
//! # Branching and fixing
//!
//! Depth first, "in" first. The welfare objective branches on the free host
//! with the largest `v_h` in the Lagrangian selection. The stable objective
//! branches strongly: the children of the free hosts of largest `v_h` are
//! ascended a few steps each (the best scoring a few more), a child that
//! cannot beat the incumbent fixes its host the other way, and the host
//! whose two children's bounds fall most (their product) is branched on,
//! its children starting from the prices found. A host whose children have
//! been looked at often enough ([`STRONG_RELIABLE`]) is scored by their
//! average falls so far instead of a first look (reliability branching).
//! Free hosts whose forced inclusion (or exclusion) already cannot beat the
//! incumbent are fixed out (or in) by the usual reduced-cost argument on
//! `L(u)`. When the deadline
//! passes or the search is cancelled ([`Monitor`]'s stop, checked at every
//! node, every subgradient step and every greedy or local-search
//! evaluation), the search stops and reports the incumbent with the largest
//! bound among the open nodes.
//!
//! # Nodes of the stable objective
//!
//! Every node ascends both the seekers' and the linking prices `μ` (see
//! `stable_dual.rs`), from its parent's, by deflected subgradient steps (see
//! [`STABLE_NODE_DEFLECTION`]); the host walks read `μ` and what it adds
//! where they lie, so moving it costs one pass over the pairs. A child
//! shares its open hosts (an "in" child) or its hosts fixed in (an "out"
//! child) with its parent, so the stable matchings behind the nodes' windows
//! are remembered for the last few host sets. Nodes below the root offer only their best Lagrangian
//! selection as an incumbent, not every step's (one deferred-acceptance run
//! each); the root still offers every step's.
//!
//! # Two threads
//!
//! Strong branching takes most of a hard search's time (about 85 % on
//! `family-stable-scored-400x400-…-s0`), in looks that do not depend on
//! each other but through the hosts they fix. Its candidates go two by two:
//! both are looked at with the node's hosts as they stand, then their
//! verdicts are applied in order, which is sound because a bound found with
//! more hosts free holds with fewer. On a machine with two cores, a second
//! thread (one for the whole search, with its own buffers and remembered
//! matchings) shares the four looks of each two (both children of both
//! candidates): each thread takes the next one left, so neither waits on a
//! candidate whose looks run longer. Looks never raise the incumbent and
//! what a thread remembers only saves work, so the tree, the answer and its
//! bound are the same with one thread or two, whatever their timing.
#![allow(
    clippy::indexing_slicing,
    reason = "indices are internal and bounded by the sizes fixed at construction"
)]

use std::collections::{BTreeSet, VecDeque};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use super::control::{Monitor, Stop};
use super::goal::Goal;
use super::lagrange::{Lagrange, lagrangian};
use super::stable_dual::{Kinds, Pairs, RowPrices, Walks, Work, stable_lagrangian};
use crate::flow::{Bipartite, UNMATCHED};
use crate::greedy::{greedy, local_search};

/// Subgradient steps of the stable objective's bound at the root and at
/// the other nodes. (10,000 steps at the root left the bound of
/// `family-stable-scored-400x400-…-k40-s0` at 14,730, plain steps: the step
/// size has shrunk by then; see [`STABLE_ROOT_DEFLECTION`].)
const STABLE_ROOT_ITERATIONS: usize = 3_000;
const STABLE_NODE_ITERATIONS: usize = 25;

/// First factor `θ` of the stable objective's steps below the root (the
/// Polyak step `θ · (bound − incumbent) / ‖subgradient‖²`, `θ` halved when
/// steps stop lowering the bound).
/// Measured on the benchmark family's stable cases proven within the limit
/// (seeds 0–3): 0.5 took 3,502 nodes and 10.2 s in all, 1.0 2,021 and 8.4 s,
/// 1.5 1,521 and 7.5 s, 2.0 1,461 and 7.6 s (`stable-unscored-400x400-…-s0`:
/// 2,023, 1,049, 601 and 469 nodes); the open cases did as well at 1.5.
const STABLE_NODE_THETA: f64 = 1.5;

/// Deflection of the stable objective's subgradient steps at the root and
/// below it: each step moves along `d = g + α·d_prev` (the subgradient plus
/// `α` times the last direction, each component projected like the
/// subgradient's when its price sits at zero), with the same Polyak size
/// `θ · (bound − incumbent) / ‖d‖²`. Plain steps zig-zag between the
/// seekers' and the linking prices; keeping part of the last direction
/// damps that, which ends nearer the best bound in as many steps.
/// Measured on `family-stable-scored-400x400-…-k40`, seeds 0–3, proven with
/// a long limit (nodes; plain steps 1,451, 1,412, 4,044 and 5,259, the root
/// bound of seed 0 14,730 where the LP of the walks is 14,711.97): `α` 0.5
/// at the root and below 593, 658, 2,059 and 1,395 (root bound 14,721);
/// 0.3 and 0.3 832, 1,771, 1,977 and 2,311; seed 0 alone: 0.3 at the root
/// only 1,223, 0.3 and 0.5 650, 0.3 and 0.7 742, 0.5 and 0.4 1,082, 0.7
/// and 0.5 1,225 (the tree is sensitive to the prices; 0.5 and 0.5 did best
/// on all four). With it, 40 steps at the nodes rather than 25 took 1,057,
/// 652, 2,179 and 2,847 nodes, `θ` 1.0 or 2.0 rather than 1.5 (seed 0)
/// 1,123 and 1,014. The family's other stable cases (seeds 0–3) are as
/// fast or faster but one: `stable-unscored-400x400-…-s2`, closed at the
/// root with plain steps, takes 730 nodes and about 1 s (0.4 s before);
/// 500 or 1,500 plain steps after the root's deflected ones (from their
/// best prices, `θ` 0.5) left it at 730 and took `-s0` from 123 nodes to
/// 149.
const STABLE_ROOT_DEFLECTION: f64 = 0.5;
const STABLE_NODE_DEFLECTION: f64 = 0.5;

/// Whether the stable objective's nodes below the root offer every step's
/// Lagrangian selection as an incumbent (a deferred-acceptance run each).
const STABLE_OFFER_STEPS: bool = false;

/// Nodes between two local searches from a node's Lagrangian selection
/// (stable objective).
const DIVE_EVERY: u64 = 256;

/// Strong branching (stable objective): the free hosts of largest `v_h`
/// whose two children are ascended briefly before one is branched on, and
/// the subgradient steps of each such ascent.
///
/// Measured on `family-stable-scored-400x400-…-k40-s0` proven with a long
/// limit (the search without strong branching: 222,603 nodes and about
/// 225 s; with the optimum 14,552 given as the incumbent from the start it
/// still took 222,603, so the bound and the branching, not the incumbent,
/// make the tree): 8 candidates of 10 steps each took 12,586 nodes and
/// 97 s, 16 of 10 5,836 and 76 s, 32 of 10 3,536 and 87 s; ascending 32
/// candidates 3 steps each and the best 8 of them 10 more took 2,088 nodes
/// and 38 s (4 finalists 3,014 and 46 s, 12 2,935 and 61 s, 48 candidates
/// with 8 finalists 2,517 and 59 s; 25 steps at the nodes rather than 10
/// 4,222 nodes and 68 s, 50 3,700 and 69 s). Leaving out the "in" child
/// (16 candidates of 10 steps, `k` = 30 on seeds 0, 2 and 3) took 2,987,
/// 1,816 and 5,705 nodes against 493, 288 and 662. Stopping after `L`
/// candidates in a row that do not score better than the best so far (the
/// look-ahead of other solvers; `v_h` orders the candidates poorly): `L` = 4
/// took 12,943 nodes and 147 s on seed 0, 8 4,939 and 71 s, against 1,451
/// and 26 s for all 32 (plain subgradient steps). Letting a child that
/// strong branching ascended take 10 steps of its own rather than
/// [`STABLE_NODE_ITERATIONS`] took 950 nodes on seed 0 against 593
/// (deflected steps).
const STRONG_CANDIDATES: usize = 32;
const STRONG_ITERATIONS: usize = 3;
/// The candidates of strong branching that score best after their first
/// steps, ascended [`STRONG_FINAL_ITERATIONS`] more before one is chosen.
/// (Probes offer no selection as an incumbent: offering the best step's
/// took 2,088 nodes and 35 s on that case against 1,839 and 30 s.) With
/// deflected steps (see [`STABLE_NODE_DEFLECTION`]), seeds 0–3 of that
/// family: 12 finalists took 1,143, 648, 1,945 and 2,435 nodes against 593,
/// 658, 2,059 and 1,395 for 8; 6 final steps rather than 10 1,114, 1,667,
/// 3,351 and 5,097.
const STRONG_FINALISTS: usize = 8;
/// Strong branching is for nodes whose gap to the incumbent is above this
/// many units of the granularity; below it the most valuable free host is
/// branched on. Measured on `family-stable-unscored-400x400-…-s0` and `-s1`
/// (gaps of a few units): strong branching everywhere took 305 and 162
/// nodes and 5.9 and 4.3 s, against 601 and 279 nodes and 2.2 and 1.6 s
/// above 16 units (64: the same nodes); `family-stable-scored-400x400-…`
/// at `k` = 30, seeds 0 and 3: 280 and 293 nodes everywhere, 284 and 295
/// above 16, 292 and 297 above 64.
const STRONG_GAP: i64 = 16;

/// Nodes branched strongly between two local searches (see [`DIVE_EVERY`]):
/// such a node costs tens of plain ones. Measured on the open cases within
/// the 10 s limit (`family-stable-scored-400x400-…` and `-1000x500-…`,
/// seeds 0–3), against the search without strong branching: with a dive
/// every 256 nodes of either kind 1 of the 8 ended with a better selection
/// and 7 with a worse one; every 16 strong nodes 5 better, 2 the same and
/// 1 worse (`-400x400-…-s2`, 14,546 against 14,564). Later, with the looks
/// two by two and run to the proof: every 8 strong nodes took `…-s2` from
/// 1,643 nodes to 1,988 and left `…-s3` at 1,403; every 4, 1,840 and 2,129.
const STRONG_DIVE_EVERY: u64 = 16;

/// First looks at a host's children after which strong branching trusts
/// their average falls (its pseudo-costs) and scores the host without
/// looking again (reliability branching; the finalists are still looked at
/// longer). Measured to the proof, `family-stable-scored-…` (time with two
/// threads; never trusting, then after 4 looks, after 6):
/// `400x400-…-s0` 6.4 / 4.3 / 4.6 s, `-s1` 6.8 / 6.2 / 5.1 s, `-s2` 19.4 /
/// 13.3 / 11.9 s, `-s3` 16.1 / 12.8 / 18.7 s, `1000x500-…-s1` 32.1 / 18.7 /
/// 16.6 s, `-s3` 60.3 / 42.7 / 26.6 s. After 2 looks the trees grew too
/// much (`400x400-…-s0` 1,155 nodes, 5.8 s), after 8 `-s3` took 20.6 s.
const STRONG_RELIABLE: i64 = 6;

/// Steps of the finalists' second look.
const STRONG_FINAL_ITERATIONS: usize = 10;

/// Settings of one search.
#[derive(Debug, Clone)]
pub(crate) struct Search {
    /// At most this many hosts are selected.
    pub(crate) k: usize,
    /// Hosts that must be selected (they carry required pairs).
    pub(crate) forced: Vec<u32>,
    /// Skip the search: report the warm start with the root bound.
    pub(crate) greedy_only: bool,
    /// Every value is a multiple of this; bounds are floored to it.
    pub(crate) granularity: i64,
    /// Whether strong branching's looks take two threads (`None`: beyond
    /// the root, when the machine has two cores and the market
    /// [`TWO_THREAD_PAIRS`] pairs; the result is the same either way).
    pub(crate) two_threads: Option<bool>,
}

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
    /// Of those, the nodes at which strong branching was due.
    #[cfg_attr(not(test), expect(dead_code, reason = "read by the tests only"))]
    pub(crate) strong: u64,
    /// Whether the search stopped early (deadline or cancellation).
    pub(crate) interrupted: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum St {
    Free,
    In,
    Out,
}

/// A child's bound from strong branching, the prices it reached and its
/// Lagrangian (with the count of changes to the node's hosts it was built
/// at, see [`Looks::look`]).
struct Probe<'p> {
    bound: i64,
    u: Vec<i64>,
    lam: Vec<i64>,
    dual: Option<(u64, Dual<'p>)>,
}

impl Probe<'_> {
    /// The node's own prices and bound, before any look.
    fn start(bound: i64, u: &[i64], lam: &[i64]) -> Self {
        Self { bound, u: u.to_vec(), lam: lam.to_vec(), dual: None }
    }

    /// The same bound and prices, without the Lagrangian (a look from it
    /// builds its own).
    fn restart(&self) -> Self {
        Self::start(self.bound, &self.u, &self.lam)
    }
}

struct Node {
    st: Vec<St>,
    u: Vec<i64>,
    /// Linking prices `μ` (stable objective only, else empty).
    lam: Vec<i64>,
    parent_bound: i64,
}

/// Acceptable pairs from which the stable search takes a second thread for
/// strong branching's looks when the machine has two cores: below, a whole
/// search takes a few milliseconds. Measured with the bench (least of five
/// runs, 7 December): `budget-stable-50x100-k10` (80 nodes) 32.1 ms with two
/// threads against 39.5 ms with one; `family-stable-scored-400x400-…-s0`
/// (591 nodes) 6.4–8.3 s against 7.9–9.5 s through the command line.
const TWO_THREAD_PAIRS: usize = 256;

/// Stable matchings remembered for the nodes' windows (a child shares its
/// open or its fixed-in hosts with its parent).
const STABLE_CACHE: usize = 16;

struct Solver<'a> {
    goal: Goal<'a>,
    k: usize,
    best: Best<'a>,
    nodes: u64,
    /// Nodes at which strong branching was due (see [`STRONG_GAP`]).
    strong_nodes: u64,
    memo: Memo,
    /// Each host's record of strong branching's first looks.
    pseudo: Vec<Pseudo>,
}

/// What strong branching's first looks at a host's children found, summed
/// over the nodes that looked: how far each child's bound fell below its
/// node's.
#[derive(Clone, Copy, Default)]
struct Pseudo {
    out: i64,
    inn: i64,
    looks: i64,
}

impl Pseudo {
    /// The score of a host looked at often enough to be trusted without
    /// another look, from its average falls; `None` before.
    fn score(self, reliable: i64) -> Option<i128> {
        (self.looks >= reliable).then(|| {
            let fall = |sum: i64| i128::from((sum / self.looks).max(1));
            fall(self.out) * fall(self.inn)
        })
    }
}

impl Solver<'_> {
    fn incumbent(&self) -> i64 {
        self.best.incumbent()
    }

    fn offer(&mut self, hosts: Vec<u32>) -> Option<Vec<i64>> {
        self.best.offer_valued(hosts)
    }
}

/// The best selection found, and every selection already valued.
struct Best<'a> {
    goal: Goal<'a>,
    top: Option<(i64, Vec<u32>, Vec<u32>)>,
    tried: BTreeSet<Vec<u32>>,
}

impl Best<'_> {
    /// Values the selection `hosts` (once) and keeps it when it is the best
    /// so far (ties: the smaller host list); returns the seekers' prices of
    /// its valuation, when the objective has them.
    fn offer_valued(&mut self, mut hosts: Vec<u32>) -> Option<Vec<i64>> {
        hosts.sort_unstable();
        if !self.tried.insert(hosts.clone()) {
            return None;
        }
        let (value, host_of, u) = self.goal.evaluate(&hosts);
        let better = match &self.top {
            None => true,
            Some((b, bh, _)) => value > *b || (value == *b && hosts < *bh),
        };
        if better {
            self.top = Some((value, hosts, host_of));
        }
        u
    }
}

/// What an ascent compares its bound with, and where it offers the
/// selections it meets.
trait Primal {
    /// The value to beat.
    fn incumbent(&self) -> i64;
    /// Values a selection met on the way (see [`Best::offer_valued`]).
    fn offer(&mut self, hosts: Vec<u32>);
}

impl Primal for Best<'_> {
    fn incumbent(&self) -> i64 {
        self.top.as_ref().map_or(i64::MIN, |b| b.0)
    }

    fn offer(&mut self, hosts: Vec<u32>) {
        let _ = self.offer_valued(hosts);
    }
}

/// A look's incumbent: the node's, which no look raises (a look offers
/// nothing, so that every look of a node compares with the same value,
/// whichever thread takes it and in whatever order).
struct Fixed(i64);

impl Primal for Fixed {
    fn incumbent(&self) -> i64 {
        self.0
    }

    fn offer(&mut self, _: Vec<u32>) {}
}

/// What the ascents remember between calls, only to save work: each result
/// is the same with or without it, so that two threads, each with its own,
/// reach the same decisions.
#[derive(Default)]
struct Memo {
    scratch: Vec<(i64, u32)>,
    /// The stable Lagrangian's buffers, and its last subgradient.
    work: Work,
    /// A buffer for the additions of linking prices just moved (see
    /// [`Dual::eval_moved`]).
    moved: Option<RowPrices>,
    /// The last linking prices a node ascended from, and what they add:
    /// below the root every node starts from the root's.
    prices: Option<(Vec<i64>, Arc<RowPrices>)>,
    /// Recent host sets and the seeker-proposing stable matching of each
    /// (over every seeker), most recent last.
    stable: Vec<(Vec<u32>, Arc<Vec<u32>>)>,
}

impl Memo {
    /// The stable objective's Lagrangian at a node whose hosts are `st`.
    fn stable_dual<'p>(&mut self, m: &super::goal::Market, p: &'p Pairs, st: &[St]) -> Dual<'p> {
        let open: Vec<bool> = st.iter().map(|&s| s != St::Out).collect();
        let fixed_in: Vec<bool> = st.iter().map(|&s| s == St::In).collect();
        let windows = m.windows_with(&open, &fixed_in, |hosts| self.stable_of(m, hosts));
        Dual::Stable { pairs: p, kinds: p.kinds(&windows, &open) }
    }

    /// What the linking prices `lam` add (stable objective only),
    /// remembered for the next node that starts from the same prices.
    fn row_prices(&mut self, dual: &Dual<'_>, lam: &[i64]) -> Option<Arc<RowPrices>> {
        let Dual::Stable { pairs, .. } = dual else { return None };
        if let Some((key, prices)) = &self.prices
            && key.as_slice() == lam
        {
            return Some(Arc::clone(prices));
        }
        let prices = Arc::new(RowPrices::new(pairs, lam));
        self.prices = Some((lam.to_vec(), Arc::clone(&prices)));
        Some(prices)
    }

    /// The seeker-proposing stable matching of `hosts` over every seeker
    /// (stable objective), from the recent ones when it is among them.
    fn stable_of(&mut self, m: &super::goal::Market, hosts: &[u32]) -> Arc<Vec<u32>> {
        if let Some((_, found)) = self.stable.iter().rev().find(|(h, _)| h.as_slice() == hosts) {
            return Arc::clone(found);
        }
        // One host fewer than a remembered set (strong branching's "out"
        // children): only the seekers that host held propose again.
        let parent = self.stable.iter().rev().find_map(|(h, found)| {
            (h.len() == hosts.len() + 1).then_some(())?;
            let extra = extra_host(h, hosts)?;
            Some((extra, Arc::clone(found)))
        });
        let found = Arc::new(match parent {
            Some((gone, before)) => {
                let mut open = vec![false; m.cap.len()];
                for &h in hosts {
                    open[h as usize] = true;
                }
                m.closing(&before, &open, gone)
            }
            None => m.deferred_acceptance(hosts, &m.seekers_of(hosts)),
        });
        if self.stable.len() >= STABLE_CACHE {
            self.stable.remove(0);
        }
        self.stable.push((hosts.to_vec(), Arc::clone(&found)));
        found
    }
}

/// Subgradient ascent on a node's Lagrangian (either objective's, see
/// [`Dual`]) from the prices `u` and `lam`, which it leaves at the best
/// prices found, comparing with and offering to `primal`; returns the best
/// bound and the linking prices' additions the ascent started from (the
/// caller evaluates the Lagrange state at the best prices when it needs it).
#[allow(clippy::too_many_arguments, reason = "one node's state, passed apart to borrow it")]
fn climb(
    memo: &mut Memo,
    primal: &mut impl Primal,
    dual: &Dual<'_>,
    u: &mut Vec<i64>,
    lam: &mut Vec<i64>,
    st: &[St],
    k_left: usize,
    plan: Ascent,
    stop: &Stop,
) -> (i64, Option<Arc<RowPrices>>) {
    let want_grad = plan.price_rows;
    let first = memo.row_prices(dual, lam);
    let mut lag = dual.eval(u, lam, &first, (st, k_left), memo, want_grad);
    let mut best = lag.value;
    let (mut best_u, mut best_lam) = (u.clone(), lam.clone());
    let mut best_chosen = lag.chosen.clone();
    let mut theta = plan.theta;
    let mut stall = 0;
    // Away from zero, without the library's `ceil` and `floor` calls.
    let rounded = |x: f64| -> i64 {
        if !x.is_finite() {
            return 0;
        }
        let x = x.clamp(-1e15, 1e15);
        let t = x as i64;
        if t as f64 == x {
            t
        } else if x > 0.0 {
            t + 1
        } else {
            t - 1
        }
    };
    let alpha = plan.deflection;
    let mut du = vec![0f64; u.len()];
    let mut dl = vec![0f64; if plan.price_rows { lam.len() } else { 0 }];
    // The linking prices whose direction is not zero (the first `moving`).
    let mut moves = vec![0u32; dl.len()];
    for _ in 0..plan.iterations {
        if best <= primal.incumbent() || stop.hit() {
            break;
        }
        if plan.offer_steps {
            primal.offer(lag.chosen.clone());
        }
        let target = primal.incumbent().max(0);
        let gap = (lag.value - target).max(1) as f64;
        let mut norm = 0f64;
        for (s, &t) in lag.take.iter().enumerate() {
            let mut d = f64::from(1 - t) + alpha * du[s];
            if d > 0.0 && u[s] == 0 {
                d = 0.0;
            }
            du[s] = d;
            norm += d * d;
        }
        let mut moving = 0;
        if plan.price_rows {
            // Four sums side by side (one would wait on each addition), and
            // the pairs that move listed without a branch: most do not, in
            // no pattern a branch would learn.
            let mut lanes = [0f64; 4];
            let grad = &memo.work.grad;
            for (i, ((d, &g), &l)) in dl.iter_mut().zip(grad).zip(lam.iter()).enumerate() {
                let mut x = g as f64 + alpha * *d;
                if x < 0.0 && l == 0 {
                    x = 0.0;
                }
                *d = x;
                lanes[i % 4] += x * x;
                if let Some(slot) = moves.get_mut(moving) {
                    *slot = i as u32;
                }
                moving += usize::from(x != 0.0);
            }
            norm += (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
        }
        if norm == 0.0 {
            break;
        }
        let step = theta * gap / norm;
        for (s, &d) in du.iter().enumerate() {
            if d != 0.0 {
                u[s] = (u[s] - rounded(step * d)).max(0);
            }
        }
        if plan.price_rows {
            for &e in moves.iter().take(moving) {
                let e = e as usize;
                lam[e] = (lam[e] + rounded(step * dl[e])).max(0);
            }
            lag = dual.eval_moved(u, lam, (st, k_left), memo, want_grad);
        } else {
            lag = dual.eval(u, lam, &first, (st, k_left), memo, want_grad);
        }
        if lag.value < best {
            best = lag.value;
            best_u.clone_from(u);
            best_lam.clone_from(lam);
            best_chosen.clone_from(&lag.chosen);
            stall = 0;
        } else {
            stall += 1;
            if stall >= plan.patience {
                theta /= 2.0;
                stall = 0;
                if theta < 1e-3 {
                    break;
                }
            }
        }
    }
    if plan.offer_best {
        primal.offer(best_chosen);
    }
    *u = best_u;
    *lam = best_lam;
    (best, first)
}

/// What every look of one strongly branched node shares (both threads'):
/// the market, its pairs, the budget, the incumbent as the node found it,
/// the granularity and the stop.
#[derive(Clone)]
struct Looks<'p> {
    m: &'p super::goal::Market,
    p: &'p Pairs,
    k: usize,
    incumbent: i64,
    g: i64,
    stop: &'p Stop,
}

impl<'p> Looks<'p> {
    /// Strong branching's look at one child of a node: the node's hosts
    /// `st` with `h` set to `dir`, ascended briefly from the prices of
    /// `from` (the node's, or an earlier look's at the same child, whose
    /// Lagrangian is reused when the node's hosts have not changed since:
    /// `stamp` counts their changes). Returns the child's bound (at most
    /// `from`'s, floored to `g`) and the prices it reached.
    fn look(
        &self,
        memo: &mut Memo,
        st: &[St],
        (h, dir): (u32, St),
        from: Probe<'p>,
        stamp: u64,
        iterations: usize,
    ) -> Probe<'p> {
        let mut child = st.to_vec();
        child[h as usize] = dir;
        let k_left = self.k.saturating_sub(child.iter().filter(|&&s| s == St::In).count());
        let Probe { bound, mut u, mut lam, dual } = from;
        let dual = match dual {
            Some((at, dual)) if at == stamp => dual,
            _ => memo.stable_dual(self.m, self.p, &child),
        };
        let plan = Ascent {
            iterations,
            patience: 3,
            theta: STABLE_NODE_THETA,
            price_rows: true,
            offer_steps: false,
            offer_best: false,
            deflection: STABLE_NODE_DEFLECTION,
        };
        let mut fixed = Fixed(self.incumbent);
        let (b, _) =
            climb(memo, &mut fixed, &dual, &mut u, &mut lam, &child, k_left, plan, self.stop);
        let b = b.min(bound);
        Probe { bound: b - b.rem_euclid(self.g), u, lam, dual: Some((stamp, dual)) }
    }

    /// The looks of `batch` still to be taken, one at a time, until none
    /// is left: each with its place in the batch.
    fn take_all(&self, memo: &mut Memo, batch: &Batch<'p>) -> Vec<(usize, Probe<'p>)> {
        let mut done = Vec::new();
        while let Some((at, h, dir, from)) = batch.next() {
            let (st, stamp, steps) = (&batch.st, batch.stamp, batch.iterations);
            done.push((at, self.look(memo, st, (h, dir), from, stamp, steps)));
        }
        done
    }
}

/// The looks at the children of one or two candidates of strong branching,
/// all with the node's hosts as they stand (`st`, `stamp`): each thread
/// takes the next one left until none is, so that neither waits on a
/// candidate whose looks run longer. A look's result does not depend on the
/// thread that takes it.
struct Batch<'p> {
    st: Vec<St>,
    stamp: u64,
    iterations: usize,
    /// Looks not taken yet: their place in the batch (out, in, out, in),
    /// the candidate, the child and where its ascent starts.
    left: Mutex<VecDeque<(usize, u32, St, Probe<'p>)>>,
}

impl<'p> Batch<'p> {
    /// The looks at both children of each job, "out" first.
    fn new(st: &[St], jobs: Vec<Job<'p>>, stamp: u64, iterations: usize) -> Self {
        let mut left = VecDeque::with_capacity(2 * jobs.len());
        for (i, (h, out, inn)) in jobs.into_iter().enumerate() {
            left.push_back((2 * i, h, St::Out, out));
            left.push_back((2 * i + 1, h, St::In, inn));
        }
        Self { st: st.to_vec(), stamp, iterations, left: Mutex::new(left) }
    }

    /// The next look not taken yet.
    fn next(&self) -> Option<(usize, u32, St, Probe<'p>)> {
        // A thread that panicked while holding the lock left the queue whole.
        match self.left.lock() {
            Ok(mut left) => left.pop_front(),
            Err(poisoned) => poisoned.into_inner().pop_front(),
        }
    }
}

/// A candidate of strong branching with where its two looks start.
type Job<'p> = (u32, Probe<'p>, Probe<'p>);
/// A candidate with its two looks done.
type Looked<'p> = (u32, Probe<'p>, Probe<'p>);

/// The one host of the sorted list `more` that the sorted list `fewer`,
/// one shorter, lacks, if `fewer` is `more` without it.
fn extra_host(more: &[u32], fewer: &[u32]) -> Option<u32> {
    let at = more.iter().zip(fewer).position(|(a, b)| a != b).unwrap_or(fewer.len());
    (more.get(at + 1..)? == fewer.get(at..)?).then(|| more.get(at).copied())?
}

/// The Lagrangian a node's bound ascends: the welfare objective's
/// (`lagrange.rs`, seekers' prices only) or the stable objective's, which
/// keeps stability inside each host and also prices the links between a
/// seeker's hosts (`stable_dual.rs`), with what each pair may do at the node.
enum Dual<'a> {
    Welfare(&'a Bipartite<i64>),
    Stable { pairs: &'a Pairs, kinds: Kinds },
}

impl Dual<'_> {
    /// The Lagrangian at `u` and the linking prices `lam` (which add
    /// `prices`, from [`Memo::row_prices`]), and when `grad` is asked for
    /// its subgradient in the linking prices, negated, in `memo.work.grad`
    /// (always empty for the welfare objective, which has none).
    fn eval(
        &self,
        u: &[i64],
        lam: &[i64],
        prices: &Option<Arc<RowPrices>>,
        (st, k_left): (&[St], usize),
        memo: &mut Memo,
        grad: bool,
    ) -> Lagrange {
        match (self, prices) {
            (Dual::Stable { pairs, kinds }, Some(prices)) => {
                let walks = Walks::new(pairs, kinds, lam, prices);
                stable_lagrangian(pairs, kinds, &walks, u, st, k_left, grad, &mut memo.work)
            }
            (Dual::Stable { .. }, None) => self.eval_moved(u, lam, (st, k_left), memo, grad),
            (Dual::Welfare(g), _) => {
                memo.work.grad.clear();
                lagrangian(g, u, st, k_left, &mut memo.scratch)
            }
        }
    }

    /// [`Dual::eval`] at linking prices just moved, which no later step
    /// meets again: what they add is built in `memo`'s buffer, not
    /// remembered.
    fn eval_moved(
        &self,
        u: &[i64],
        lam: &[i64],
        (st, k_left): (&[St], usize),
        memo: &mut Memo,
        grad: bool,
    ) -> Lagrange {
        let Dual::Stable { pairs, kinds } = self else {
            return self.eval(u, lam, &None, (st, k_left), memo, grad);
        };
        let prices = match memo.moved.take() {
            Some(mut prices) => {
                prices.refill(pairs, lam);
                prices
            }
            None => RowPrices::new(pairs, lam),
        };
        let walks = Walks::new(pairs, kinds, lam, &prices);
        let lag = stable_lagrangian(pairs, kinds, &walks, u, st, k_left, grad, &mut memo.work);
        memo.moved = Some(prices);
        lag
    }
}

/// How long and how boldly one ascent runs.
#[derive(Clone, Copy)]
struct Ascent {
    /// Subgradient steps at most.
    iterations: usize,
    /// Steps without progress before the step size halves.
    patience: u32,
    /// The first step's size, as a fraction of the gap to the incumbent.
    theta: f64,
    /// Whether the linking prices move too (else only the seekers').
    price_rows: bool,
    /// Whether every step's Lagrangian selection is offered as an
    /// incumbent (else only the best step's, at the end).
    offer_steps: bool,
    /// Whether the best step's Lagrangian selection is offered at the end.
    offer_best: bool,
    /// How much of the last step's direction the next one keeps (see
    /// [`STABLE_NODE_DEFLECTION`]); `0` is the plain subgradient.
    deflection: f64,
}

impl Ascent {
    /// The welfare objective: the root takes longer, the steps are the same.
    const fn welfare(root: bool) -> Self {
        Self {
            iterations: if root { 200 } else { 40 },
            patience: 4,
            theta: 1.0,
            price_rows: false,
            offer_steps: true,
            offer_best: true,
            deflection: 0.0,
        }
    }

    /// The stable objective: a long, patient ascent of every price at the
    /// root; short ones warm-started from the parent's prices at the other
    /// nodes. Moving the linking prices at every node costs a rebuild of the
    /// walks per step, and pays: on the benchmark family it found better
    /// selections within the time limit on three of the four open cases and
    /// took `stable-unscored-400x400-…-s1` from 1,319 nodes to 559.
    const fn stable(root: bool) -> Self {
        if root {
            Self {
                iterations: STABLE_ROOT_ITERATIONS,
                patience: 10,
                theta: 1.0,
                price_rows: true,
                offer_steps: true,
                offer_best: true,
                deflection: STABLE_ROOT_DEFLECTION,
            }
        } else {
            Self {
                iterations: STABLE_NODE_ITERATIONS,
                patience: 3,
                theta: STABLE_NODE_THETA,
                price_rows: true,
                offer_steps: STABLE_OFFER_STEPS,
                offer_best: true,
                deflection: STABLE_NODE_DEFLECTION,
            }
        }
    }
}

/// Exact budgeted selection by branch and bound (see the module docs).
pub(crate) fn search(goal: Goal<'_>, cfg: &Search, monitor: &mut Monitor<'_>) -> Found {
    let pairs = match goal {
        Goal::Stable(m) => Some(Pairs::new(m)),
        Goal::Welfare(_) => None,
    };
    let two_threads = cfg.two_threads.unwrap_or_else(|| {
        !cfg.greedy_only
            && pairs.as_ref().is_some_and(|p| p.len() >= TWO_THREAD_PAIRS)
            && std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2)
    });
    // The looks' own handle on the stop (the same deadline and
    // cancellation), which the other thread may hold while the search
    // reports its progress through the monitor.
    let stop = monitor.stop.clone();
    if !two_threads {
        return search_with(goal, cfg, monitor, (pairs.as_ref(), &stop), None);
    }
    std::thread::scope(|scope| {
        let (orders, orders_in) = mpsc::channel::<Order<'_>>();
        let (done_out, done) = mpsc::channel::<Vec<(usize, Probe<'_>)>>();
        let spawned = std::thread::Builder::new().spawn_scoped(scope, move || {
            // Kept from node to node: the buffers stay warm.
            let mut own = Memo::default();
            let mut node: Option<Looks<'_>> = None;
            while let Ok(order) = orders_in.recv() {
                match order {
                    Order::Node(looks, prices, stable) => {
                        (own.prices, own.stable) = (prices, stable);
                        node = Some(looks);
                    }
                    Order::Look(batch) => {
                        let Some(looks) = &node else { break };
                        if done_out.send(looks.take_all(&mut own, &batch)).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        // No thread to be had: the same looks, one after the other.
        let helper = spawned.is_ok().then_some(Helper { orders, done });
        search_with(goal, cfg, monitor, (pairs.as_ref(), &stop), helper.as_ref())
    })
}

/// [`search`] with the market's pairs (stable objective), the looks' stop
/// and strong branching's other thread, if any.
fn search_with<'p>(
    goal: Goal<'p>,
    cfg: &Search,
    monitor: &mut Monitor<'_>,
    (pairs, stop): (Option<&'p Pairs>, &'p Stop),
    helper: Option<&Helper<'p>>,
) -> Found {
    let nh = goal.n_hosts();
    let n = goal.n_seekers();
    let mut solver = Solver {
        goal,
        k: cfg.k,
        best: Best { goal, top: None, tried: BTreeSet::new() },
        nodes: 0,
        strong_nodes: 0,
        memo: Memo::default(),
        pseudo: vec![Pseudo::default(); nh],
    };
    let mut root_st = vec![St::Free; nh];
    for &h in &cfg.forced {
        root_st[h as usize] = St::In;
    }
    let (_, warm) = greedy(goal, cfg.k, &cfg.forced, &monitor.stop);
    let start_u = solver.offer(warm.clone()).unwrap_or_else(|| vec![0; n]);
    let mut root_bound = i64::MAX;
    let mut interrupted: Option<i64> = None;
    let lam = pairs.map_or_else(Vec::new, |p| vec![0; p.len()]);
    let mut stack = vec![Node { st: root_st, u: start_u, lam, parent_bound: i64::MAX }];
    let mut first = true;
    while let Some(node) = stack.pop() {
        if node.parent_bound <= solver.incumbent() {
            continue;
        }
        let here = node.parent_bound;
        let open_bound = |stack: &[Node]| {
            stack
                .iter()
                .map(|n| n.parent_bound)
                .chain(std::iter::once(here))
                .max()
                .unwrap_or(i64::MIN)
                .min(root_bound)
        };
        if !first {
            let incumbent = solver.incumbent();
            monitor.tick(solver.nodes, || {
                (incumbent > i64::MIN).then(|| (incumbent, open_bound(&stack).max(incumbent)))
            });
        }
        if !first && monitor.stop.hit() {
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
        let Node { mut st, mut u, mut lam, .. } = node;
        let n_in = st.iter().filter(|&&s| s == St::In).count();
        let k_left = solver.k.saturating_sub(n_in);
        let (dual, plan) = match (solver.goal, pairs) {
            (Goal::Stable(m), Some(p)) => {
                (solver.memo.stable_dual(m, p, &st), Ascent::stable(first))
            }
            (Goal::Welfare(g), _) => (Dual::Welfare(g), Ascent::welfare(first)),
            (Goal::Stable(_), None) => break,
        };
        let (bound, lag) = {
            let stop = &monitor.stop;
            let (memo, best) = (&mut solver.memo, &mut solver.best);
            let (best, prices) =
                climb(memo, best, &dual, &mut u, &mut lam, &st, k_left, plan, stop);
            // Below the root the linking prices never moved.
            let prices = if plan.price_rows { memo.row_prices(&dual, &lam) } else { prices };
            let lag = dual.eval(&u, &lam, &prices, (&st, k_left), memo, false);
            (best.min(lag.value), lag)
        };
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
                // weaker one): polish the incumbent by swaps with every free
                // host, those the Lagrangian values most first.
                let mut ranked: Vec<(i64, u32)> =
                    (0..nh).filter(|&h| st[h] == St::Free).map(|h| (lag.v[h], h as u32)).collect();
                ranked.sort_unstable_by(|a, b| b.cmp(a));
                let candidates: Vec<u32> = ranked.iter().map(|x| x.1).collect();
                let start = solver.best.top.as_ref().map(|b| b.1.clone()).unwrap_or_default();
                let (_, polished) = local_search(
                    solver.goal,
                    solver.k,
                    &start,
                    &cfg.forced,
                    &candidates,
                    &monitor.stop,
                );
                // (A second polish, from the root's Lagrangian selection,
                // closed `…-unscored-400x400-…-s2` at the root and found the
                // optimum of `…-1000x500-…-s1` within 10 s, but left
                // `…-scored-400x400-…-s0` and `-s1` open at 10 s, after 978
                // and 827 nodes where their proofs take 591 and 654.)
                let _ = solver.offer(polished);
            }
        } else if bound > solver.incumbent() && matches!(solver.goal, Goal::Stable(_)) && {
            // Strong branching will look at this node (see below).
            let strong = bound.saturating_sub(solver.incumbent()) > STRONG_GAP * g;
            solver.strong_nodes += u64::from(strong);
            if strong {
                solver.strong_nodes.is_multiple_of(STRONG_DIVE_EVERY)
            } else {
                solver.nodes.is_multiple_of(DIVE_EVERY)
            }
        } {
            // Every so often, polish this node's Lagrangian selection too:
            // other parts of the tree lead to other local optima.
            let mut ranked: Vec<(i64, u32)> =
                (0..nh).filter(|&h| st[h] == St::Free).map(|h| (lag.v[h], h as u32)).collect();
            ranked.sort_unstable_by(|a, b| b.cmp(a));
            ranked.truncate(2 * solver.k + 20);
            let candidates: Vec<u32> = ranked.iter().map(|x| x.1).collect();
            let (_, polished) = local_search(
                solver.goal,
                solver.k,
                &lag.chosen,
                &cfg.forced,
                &candidates,
                &monitor.stop,
            );
            let _ = solver.offer(polished);
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
        // Strong branching: ascend both children of the most valuable free
        // hosts briefly; a child that cannot beat the incumbent fixes its
        // host the other way, and the host whose children both fall most
        // is branched on, its children starting from what was found.
        let mut strong: Option<Looked<'_>> = None;
        if let (Goal::Stable(m), Some(p)) = (solver.goal, pairs)
            && n_in < solver.k
            && bound.saturating_sub(solver.incumbent()) > STRONG_GAP * g
        {
            let cands: Vec<u32> = free_vals
                .iter()
                .map(|x| x.1)
                .filter(|&h| st[h as usize] == St::Free)
                .take(STRONG_CANDIDATES)
                .collect();
            let looks = Looks { m, p, k: solver.k, incumbent: solver.incumbent(), g, stop };
            let from = Probe::start(bound, &u, &lam);
            let memo = &mut solver.memo;
            match branch_strongly(&looks, (memo, &mut solver.pseudo), &mut st, cands, &from, helper)
            {
                Some(pick) => strong = pick,
                None => continue,
            }
        }
        let n_in = st.iter().filter(|&&s| s == St::In).count();
        if let Some((h, out, inn)) = strong
            && n_in < solver.k
        {
            let inc = solver.incumbent();
            let mut out_st = st.clone();
            out_st[h as usize] = St::Out;
            if out.bound > inc {
                stack.push(Node { st: out_st, u: out.u, lam: out.lam, parent_bound: out.bound });
            }
            // "In" first, whatever the bounds: taking the child of the
            // larger bound first took `…-400x400-…-s2` from 1,643 nodes to
            // 2,011 and `…-s3` from 1,403 to 2,844.
            let mut in_st = st;
            in_st[h as usize] = St::In;
            if inn.bound > inc {
                stack.push(Node { st: in_st, u: inn.u, lam: inn.lam, parent_bound: inn.bound });
            }
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
        stack.push(Node { st: out_st, u: u.clone(), lam: lam.clone(), parent_bound: bound });
        let mut in_st = st;
        in_st[h as usize] = St::In;
        stack.push(Node { st: in_st, u, lam, parent_bound: bound });
    }
    let (value, hosts, host_of) = solver.best.top.unwrap_or((0, Vec::new(), vec![UNMATCHED; n]));
    let bound = match interrupted {
        Some(open) => open.min(root_bound).max(value),
        None => value,
    };
    Found {
        hosts,
        host_of,
        value,
        bound,
        nodes: solver.nodes,
        strong: solver.strong_nodes,
        interrupted: interrupted.is_some(),
    }
}

/// What strong branching's other thread is asked to do.
enum Order<'p> {
    /// Start a node: its looks' setting, and the prices and stable
    /// matchings remembered so far.
    Node(Looks<'p>, Option<(Vec<i64>, Arc<RowPrices>)>, Vec<(Vec<u32>, Arc<Vec<u32>>)>),
    /// Take looks of a batch until none is left.
    Look(Arc<Batch<'p>>),
}

/// Strong branching's other thread, one for a whole search: where its
/// orders go and its looks come back.
struct Helper<'p> {
    orders: mpsc::Sender<Order<'p>>,
    done: mpsc::Receiver<Vec<(usize, Probe<'p>)>>,
}

/// What one candidate's two looks decide.
enum Verdict {
    /// Neither child can beat the incumbent: the node is closed.
    Closed,
    /// One child cannot: the host is fixed the other way.
    Fix(St),
    /// Both can: the candidate scores the product of their bounds' falls.
    Score(i128),
}

/// Strong branching at a node whose hosts are `st` (see the module docs):
/// looks at both children of each candidate of `cands` (in order) from
/// `from`, then again, longer, at the best scoring ones; a child that cannot
/// beat the incumbent fixes its host the other way in `st`. Returns `None`
/// when both children of a candidate cannot (the node is closed), else the
/// best scoring candidate still free, with its children's looks.
///
/// Candidates go two by two: both are looked at with the node's hosts as
/// they stand, then their verdicts are applied in order (a bound found with
/// more hosts free still holds with fewer). With a `helper`, the other
/// thread takes the second of each two; the result is the same with one
/// thread or two, and whatever their timing.
fn branch_strongly<'p>(
    looks: &Looks<'p>,
    (memo, pseudo): (&mut Memo, &mut [Pseudo]),
    st: &mut [St],
    cands: Vec<u32>,
    from: &Probe<'p>,
    helper: Option<&Helper<'p>>,
) -> Option<Option<Looked<'p>>> {
    // A thread that cannot take the node takes none of its looks.
    let start = |h: &&Helper<'p>| {
        let order = Order::Node(looks.clone(), memo.prices.clone(), memo.stable.clone());
        h.orders.send(order).is_ok()
    };
    let helper = helper.filter(start);
    let bound = from.bound;
    let verdict = |out: &Probe<'_>, inn: &Probe<'_>| match (
        out.bound <= looks.incumbent,
        inn.bound <= looks.incumbent,
    ) {
        (true, true) => Verdict::Closed,
        (true, false) => Verdict::Fix(St::In),
        (false, true) => Verdict::Fix(St::Out),
        (false, false) => Verdict::Score(
            i128::from((bound - out.bound).max(1)) * i128::from((bound - inn.bound).max(1)),
        ),
    };
    let mut scored: Vec<(i128, Looked<'p>)> = Vec::new();
    // Changes to the node's hosts so far (a look's Lagrangian is reused
    // only while there are none).
    let mut stamp = 0u64;
    let mut todo: VecDeque<Job<'p>> = VecDeque::new();
    for h in cands {
        let job = (h, from.restart(), from.restart());
        match pseudo.get(h as usize).and_then(|p| p.score(STRONG_RELIABLE)) {
            Some(score) => scored.push((score, job)),
            None => todo.push_back(job),
        }
    }
    for (round, iterations) in [(0, STRONG_ITERATIONS), (1, STRONG_FINAL_ITERATIONS)] {
        if round == 1 {
            // The finalists go on from where their first steps left.
            scored.sort_by_key(|x| std::cmp::Reverse(x.0));
            scored.truncate(STRONG_FINALISTS);
            todo = scored.drain(..).map(|x| x.1).collect();
        }
        while let Some(job) = todo.pop_front() {
            if looks.stop.hit() || st[job.0 as usize] != St::Free {
                continue;
            }
            if st.iter().filter(|&&s| s == St::In).count() >= looks.k {
                break;
            }
            // Candidates go two by two, both looked at with the same hosts.
            while todo.front().is_some_and(|next| st[next.0 as usize] != St::Free) {
                todo.pop_front();
            }
            let next = todo.pop_front();
            let candidates = [Some(job.0), next.as_ref().map(|n| n.0)];
            let batch = Arc::new(Batch::new(
                st,
                std::iter::once(job).chain(next).collect(),
                stamp,
                iterations,
            ));
            // The other thread shares the batch's looks when it can be had.
            let shared = helper.filter(|h| h.orders.send(Order::Look(Arc::clone(&batch))).is_ok());
            let mut done = looks.take_all(memo, &batch);
            // A look cannot fail; the thread's panic would be the scope's.
            if let Some(theirs) = shared.and_then(|h| h.done.recv().ok()) {
                done.extend(theirs);
            }
            let mut probes: [Option<Probe<'p>>; 4] = [None, None, None, None];
            for (at, probe) in done {
                if let Some(slot) = probes.get_mut(at) {
                    *slot = Some(probe);
                }
            }
            let [o0, i0, o1, i1] = probes;
            let looked: Vec<Looked<'p>> = [(candidates[0], o0, i0), (candidates[1], o1, i1)]
                .into_iter()
                .filter_map(|(h, out, inn)| Some((h?, out?, inn?)))
                .collect();
            // A bound at the hosts both were looked at is a bound at fewer
            // free hosts too: the second's verdict holds after the first's.
            for looked in looked {
                if round == 0
                    && let Some(p) = pseudo.get_mut(looked.0 as usize)
                {
                    p.out = p.out.saturating_add(bound - looked.1.bound);
                    p.inn = p.inn.saturating_add(bound - looked.2.bound);
                    p.looks += 1;
                }
                match verdict(&looked.1, &looked.2) {
                    Verdict::Closed => return None,
                    Verdict::Fix(St::In)
                        if st.iter().filter(|&&s| s == St::In).count() >= looks.k =>
                    {
                        // Beating the incumbent needs this host too, and
                        // the budget is full: nothing here can.
                        return None;
                    }
                    Verdict::Fix(dir) => {
                        st[looked.0 as usize] = dir;
                        stamp += 1;
                    }
                    Verdict::Score(score) => scored.push((score, looked)),
                }
            }
        }
    }
    Some(
        scored
            .into_iter()
            .filter(|x| st[x.1.0 as usize] == St::Free)
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.0.cmp(&a.1.0)))
            .map(|x| x.1),
    )
}
