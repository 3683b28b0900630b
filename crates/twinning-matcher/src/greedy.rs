//! Greedy host selection: the warm start of the exact budgeted search and
//! its fast mode.
//!
//! For the welfare objective the value of a host set (the best assignment
//! to it) is monotone and submodular — it is an assignment valuation, which
//! has gross substitutes — so adding at each step the host with the largest
//! marginal value reaches at least `1 − 1/e ≈ 63.2 %` of the best set of the
//! same size (Nemhauser, Wolsey and Fisher). Submodularity also makes stale
//! marginal values upper bounds, so only the top of a priority queue is ever
//! re-evaluated ("lazy greedy"). For "stable among the selected hosts" the
//! value is not submodular and greedy carries no guarantee; it re-evaluates
//! every candidate at each step.

#![allow(clippy::indexing_slicing, reason = "host indices are internal and below the host count")]

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::budget::{Goal, Stop};
use crate::error::Error;
use crate::instance::Instance;
use crate::matching::Matching;

/// Greedy selection (lazy, exact marginal values): the warm start of the
/// search and its fast mode. For the welfare objective the value is
/// monotone submodular in the selected set, so greedy reaches at least
/// `1 − 1/e` of the optimum; for the stable objective it is a heuristic.
/// It stops halfway between now and `stop`'s deadline (or at a
/// cancellation) and returns the selection built so far (still feasible),
/// leaving the other half to the search's root: on large instances, with
/// ties above all, its many assignment solves can take far longer than the
/// root, whose bound and Lagrangian selection often close the gap. Stopped
/// before it starts, it returns the forced hosts, without evaluating them
/// when there are none (the empty selection is worth 0).
pub(crate) fn greedy(goal: Goal<'_>, k: usize, forced: &[u32], stop: &Stop) -> (i64, Vec<u32>) {
    let stop = &stop.halfway();
    let nh = goal.n_hosts();
    let mut chosen: Vec<u32> = forced.to_vec();
    chosen.sort_unstable();
    chosen.dedup();
    if chosen.is_empty() && stop.hit() {
        return (0, chosen);
    }
    let (mut current, first, _) = goal.evaluate(&chosen);
    let in_set = |c: &[u32], h: u32| c.binary_search(&h).is_ok();
    match goal {
        Goal::Welfare(_) => {
            // Lazy greedy: stale gains are upper bounds by submodularity.
            let mut heap: BinaryHeap<(i64, Reverse<u32>)> = BinaryHeap::new();
            for h in 0..nh as u32 {
                if stop.hit() {
                    return (current, chosen);
                }
                if !in_set(&chosen, h) {
                    let mut with = chosen.clone();
                    with.push(h);
                    heap.push((goal.evaluate(&with).0 - current, Reverse(h)));
                }
            }
            let mut fresh_round = vec![0usize; nh];
            while chosen.len() < k && !stop.hit() {
                let Some((gain, Reverse(h))) = heap.pop() else { break };
                if gain <= 0 {
                    break;
                }
                if fresh_round[h as usize] == chosen.len() {
                    chosen.push(h);
                    chosen.sort_unstable();
                    current += gain;
                    continue;
                }
                let mut with = chosen.clone();
                with.push(h);
                with.sort_unstable();
                let g = goal.evaluate(&with).0 - current;
                fresh_round[h as usize] = chosen.len();
                heap.push((g, Reverse(h)));
            }
        }
        Goal::Stable(market) => {
            let mut base = first;
            while chosen.len() < k {
                let mut best: Option<(i64, u32)> = None;
                for h in 0..nh as u32 {
                    if stop.hit() {
                        return (current, chosen);
                    }
                    // A host nobody would propose to leaves the matching
                    // (and its value) as it is: a gain of 0.
                    if in_set(&chosen, h) || !market.wants(&base, h) {
                        continue;
                    }
                    let mut with = chosen.clone();
                    with.push(h);
                    with.sort_unstable();
                    let g = goal.evaluate(&with).0 - current;
                    if best.is_none_or(|(bg, _)| g > bg) {
                        best = Some((g, h));
                    }
                }
                match best {
                    Some((g, h)) if g > 0 => {
                        chosen.push(h);
                        chosen.sort_unstable();
                        let (value, host_of, _) = goal.evaluate(&chosen);
                        (current, base) = (value, host_of);
                    }
                    _ => break,
                }
            }
        }
    }
    (current, chosen)
}

/// Entries (a seeker's host in one matching) the stable local search may
/// keep for its matchings without one selected host: 4 Mi, 16 MiB.
const WITHOUT_CACHE_ENTRIES: usize = 1 << 22;

/// One-swap local search from `start`: replace one selected host (not a
/// forced one) by a candidate, or add a candidate while fewer than `k` are
/// selected, whenever that raises the value. Candidates are scanned in the
/// given order; after an improving move the scan goes on with the next
/// candidate (no restart from the first), and passes repeat until one makes
/// no move (a local optimum), after `max_passes` passes or at `stop`. Only
/// ever improves, so the greedy guarantee carries over. Returns the value
/// with the selection, `None` when stopped before evaluating `start` (then
/// returned unchanged).
pub(crate) fn local_search(
    goal: Goal<'_>,
    k: usize,
    start: &[u32],
    forced: &[u32],
    candidates: &[u32],
    stop: &Stop,
) -> (Option<i64>, Vec<u32>) {
    let mut chosen: Vec<u32> = start.to_vec();
    chosen.sort_unstable();
    if stop.hit() {
        return (None, chosen);
    }
    let (mut current, mut base, _) = goal.evaluate(&chosen);
    // Stable objective: DA(S − out) by position, filled as needed and
    // emptied when the selection changes, so that a candidate nobody would
    // propose to costs no deferred-acceptance run (see `Market::wants`).
    // The cache holds a matching of every seeker per position: kept to
    // `WITHOUT_CACHE_ENTRIES` in all, beyond which every swap is evaluated
    // as it is.
    let market = match goal {
        Goal::Stable(m)
            if k.max(chosen.len()).saturating_mul(goal.n_seekers()) <= WITHOUT_CACHE_ENTRIES =>
        {
            Some(m)
        }
        Goal::Stable(_) | Goal::Welfare(_) => None,
    };
    let mut without: Vec<Option<(i64, Vec<u32>)>> = vec![None; chosen.len()];
    // Stable objective: which hosts are selected, and with one candidate
    // added; a matching without one host comes from one with it (see
    // `Market::closing`), not from a deferred-acceptance run of its own.
    let nh = goal.n_hosts();
    let mask_of = |hosts: &[u32]| {
        let mut mask = vec![false; nh];
        for &h in hosts {
            if let Some(x) = mask.get_mut(h as usize) {
                *x = true;
            }
        }
        mask
    };
    let mut open = if market.is_some() { mask_of(&chosen) } else { Vec::new() };
    let max_passes = 2 * k + 8;
    for _ in 0..max_passes {
        let mut improved = false;
        'moves: for &cand in candidates {
            if chosen.binary_search(&cand).is_ok() {
                continue;
            }
            if stop.hit() {
                break 'moves;
            }
            // DA(S + cand), its value and its open hosts, once needed.
            let mut plus: Option<(i64, Vec<u32>, Vec<bool>)> = None;
            if chosen.len() < k && market.is_none_or(|m| m.wants(&base, cand)) {
                let mut with = chosen.clone();
                with.push(cand);
                with.sort_unstable();
                let (v, host_of, _) = goal.evaluate(&with);
                if v > current {
                    (current, chosen, base) = (v, with, host_of);
                    without = vec![None; chosen.len()];
                    if market.is_some() {
                        open = mask_of(&chosen);
                    }
                    improved = true;
                    continue 'moves;
                }
                if market.is_some() {
                    plus = Some((v, host_of, mask_of(&with)));
                }
            }
            let mut best: Option<(i64, Vec<u32>, Vec<u32>)> = None;
            for pos in 0..chosen.len() {
                if stop.hit() {
                    break 'moves;
                }
                let out = chosen[pos];
                if forced.contains(&out) {
                    continue;
                }
                let mut with = chosen.clone();
                with[pos] = cand;
                with.sort_unstable();
                let (v, host_of) = match market {
                    Some(m) => {
                        let slot = &mut without[pos];
                        let (v_out, host_of_out) = slot.get_or_insert_with(|| {
                            open[out as usize] = false;
                            let (v, host_of) = m.closing_valued(&base, current, &open, out);
                            open[out as usize] = true;
                            match v {
                                Some(v) => (v, host_of),
                                None => {
                                    let mut rest = chosen.clone();
                                    rest.remove(pos);
                                    let (v, host_of, _) = goal.evaluate(&rest);
                                    (v, host_of)
                                }
                            }
                        });
                        if m.wants(host_of_out, cand) {
                            let (pv, ph, pmask) = plus.get_or_insert_with(|| {
                                let mut more = chosen.clone();
                                more.push(cand);
                                more.sort_unstable();
                                let (v, host_of, _) = goal.evaluate(&more);
                                (v, host_of, mask_of(&more))
                            });
                            pmask[out as usize] = false;
                            let (v, host_of) = m.closing_valued(ph, *pv, pmask, out);
                            pmask[out as usize] = true;
                            match v {
                                Some(v) => (v, host_of),
                                None => {
                                    let (v, host_of, _) = goal.evaluate(&with);
                                    (v, host_of)
                                }
                            }
                        } else {
                            (*v_out, host_of_out.clone())
                        }
                    }
                    None => {
                        let (v, host_of, _) = goal.evaluate(&with);
                        (v, host_of)
                    }
                };
                if v > best.as_ref().map_or(current, |b| b.0) {
                    best = Some((v, with, host_of));
                }
            }
            if let Some((v, with, host_of)) = best {
                (current, chosen, base) = (v, with, host_of);
                without = vec![None; chosen.len()];
                if market.is_some() {
                    open = mask_of(&chosen);
                }
                improved = true;
            }
        }
        if !improved || stop.hit() {
            break;
        }
    }
    (Some(current), chosen)
}

/// The greedy selection alone (the fast mode of [`budgeted`](crate::budgeted)):
/// the same result shape, with the Lagrangian bound of the exact search's root
/// as its [`Optimality`](crate::Optimality) bound, so the gap is known.
///
/// # Errors
///
/// As [`budgeted`](crate::budgeted).
pub fn greedy_selection(
    instance: &Instance,
    config: &crate::BudgetConfig,
) -> Result<Matching, Error> {
    let fast = crate::BudgetConfig { mode: crate::BudgetMode::Greedy, ..config.clone() };
    crate::budget::budgeted(instance, &fast)
}
