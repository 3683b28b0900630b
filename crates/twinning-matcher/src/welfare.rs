//! Welfare-optimal assignment under capacities: maximum total score and
//! rank-maximal, both exact, by shortest augmenting paths (`flow.rs`), or by
//! the dense Jonker–Volgenant algorithm when the instance is dense.
//!
//! # Without scores
//!
//! A total score needs scores. Without any, [`Objective::TotalScore`]
//! maximises the *rank score* instead: a matched seeker scores `R − r` for the
//! host at its (0-based) rank `r`, where `R` is one more than the worst rank
//! any seeker gives an acceptable host, so a first choice is worth `R` and the
//! worst acceptable rank 1 (a Borda count over the seekers' lists); among
//! equal rank scores, the most matched pairs. The result says so: mechanism
//! `max-rank-score`, objective `rank-score`.
//!
//! # Dense instances
//!
//! When the free seekers and the seats (each host's remaining capacity, one
//! column per seat) make a matrix of at most [`DENSE_MAX`] rows and columns of
//! which acceptable pairs fill at least a quarter, and no score of the
//! instance is negative, the assignment is solved as a square matrix by
//! Jonker–Volgenant: missing pairs and padding rows or columns weigh 0, which
//! is what leaving a seeker unmatched is worth, so the best permutation
//! restricted to its acceptable pairs is a best assignment (with non-negative
//! weights, a free seat never hurts). The matrix is written once, straight
//! from the instance's rows and its integer scores, in the narrowest integer
//! type its costs fit (`welfare/dense.rs`).
//!
//! # Exact integer weights
//!
//! Scores are [`Decimal`]s. Every score of the instance is written as an
//! integer at the largest scale (number of decimal places) any score uses, so
//! `0.5` and `1.25` become `50` and `125`; a pair without a score counts 0.
//! The instance converts them once, on first use, into 64-bit integers when
//! they all fit (checked, never rounded); otherwise each call takes the exact
//! 128-bit path.
//! To prefer more matched pairs among selections of equal score, each pair's
//! weight is `score × (n + 1) + 1` for `n` free seekers: the `+1`s of at most
//! `n` pairs can never outweigh one unit of score. When these integers (and
//! the sums the solvers form) would not fit the machine integers, the solver
//! returns [`Error::Unsupported`] instead of rounding: precision is never lost
//! silently.
//!
//! # Rank-maximal
//!
//! Rank-maximal assignment uses no weights: the combinatorial algorithm of
//! Irving, Kavitha, Mehlhorn, Michail and Paluch (2006), in Paluch's
//! capacitated form (`welfare/rank_maximal.rs`), takes the ranks one at a
//! time and keeps a maximum matching of the edges that can still belong to a
//! rank-maximal matching. Any number of ranks and seekers is exact; before,
//! lexicographic weights `B^(R − 1 − r)` needed `R · log₂ B` bits and failed
//! beyond 4,095 (1,000 seekers × 1,000 ranks needed 10,005).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::flow::{Bipartite, Cost, UNMATCHED, lapjv_ranged, max_weight_b_matching};
use crate::instance::Instance;
use crate::instance::Rows;
use crate::matching::{Matching, Mechanism, Optimality};

mod dense;
mod rank_maximal;

pub use self::dense::DENSE_MAX;
use self::dense::{FreeRows, Scores, dense_assignment};

/// What a welfare-optimal assignment maximises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Objective {
    /// The largest sum of pair scores (a pair without a score counts 0);
    /// among equal sums, the most matched pairs. Without any scores, the
    /// largest rank score (a seeker matched at its 0-based rank `r` scores
    /// `R − r`, `R` one more than the worst rank of any acceptable pair; see
    /// [`welfare_optimal`]), then the most matched pairs.
    TotalScore,
    /// Rank-maximal: the most seekers at their first choice, then the most at
    /// their second, and so on (seekers' ranks; a tie shares one rank).
    RankMaximal,
}

impl Objective {
    /// The mechanism name written into results.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::TotalScore => "max-total-score",
            Self::RankMaximal => "rank-maximal",
        }
    }
}

/// The fixed part of an instance: required pairs, and what is left of each
/// host after them.
#[derive(Debug, Clone)]
pub(crate) struct Residual {
    /// Host of each seeker fixed by a required pair.
    pub(crate) fixed: Vec<Option<u32>>,
    /// Seats left per host.
    pub(crate) cap: Vec<u32>,
    /// Seekers still free, ascending.
    pub(crate) free: Vec<u32>,
    /// Hosts that carry a required pair, ascending.
    pub(crate) required_hosts: Vec<u32>,
}

impl Residual {
    pub(crate) fn new(instance: &Instance) -> Self {
        let n = instance.seeker_count();
        let mut fixed = vec![None; n];
        let mut cap: Vec<u32> = (0..instance.host_count()).map(|j| instance.capacity(j)).collect();
        let mut required_hosts = Vec::new();
        for &(i, j) in instance.required_pairs() {
            if let (Some(slot), Some(c)) = (fixed.get_mut(i as usize), cap.get_mut(j as usize)) {
                *slot = Some(j);
                *c = c.saturating_sub(1);
                required_hosts.push(j);
            }
        }
        required_hosts.sort_unstable();
        required_hosts.dedup();
        let free =
            (0..n as u32).filter(|&i| fixed.get(i as usize).is_some_and(Option::is_none)).collect();
        Self { fixed, cap, free, required_hosts }
    }

    /// The full assignment: the fixed pairs, and `host_of` (the host of each
    /// free seeker or [`UNMATCHED`]) for the free seekers.
    pub(crate) fn assign(&self, host_of: &[u32]) -> Vec<Option<u32>> {
        let mut out = self.fixed.clone();
        for (k, &i) in self.free.iter().enumerate() {
            if let (Some(slot), Some(&h)) = (out.get_mut(i as usize), host_of.get(k)) {
                *slot = (h != UNMATCHED).then_some(h);
            }
        }
        out
    }
}

/// The common scale (decimal places) of the instance's scores.
pub(crate) fn score_scale(instance: &Instance) -> u32 {
    instance.entry_scores().map_or(0, |s| s.iter().flatten().map(Decimal::scale).max().unwrap_or(0))
}

/// A score as an integer at `scale` decimal places, exactly, or `None`.
pub(crate) fn scaled(d: Decimal, scale: u32) -> Option<i128> {
    let up = scale.checked_sub(d.scale())?;
    d.mantissa().checked_mul(10i128.checked_pow(up)?)
}

/// `R` of the rank score (see the module docs): one more than the worst rank
/// of any acceptable pair.
fn rank_score_top(rows: &Rows) -> i64 {
    rows.rank.iter().max().map_or(0, |&r| i64::from(r) + 1)
}

/// The rank score `R − r` of entry `e` (see [`rank_score_top`]).
fn rank_weight(rows: &Rows, top: i64, e: usize) -> Option<i128> {
    rows.rank.get(e).map(|&r| i128::from(top - i64::from(r)))
}

/// The rank score of each acceptable seeker entry (aligned with the seeker
/// rows): `R − r` for rank `r` (see [`rank_score_top`]).
fn rank_score_weights(instance: &Instance) -> Vec<i128> {
    let rows = instance.seeker_rows();
    let top = i128::from(rank_score_top(rows));
    rows.rank.iter().map(|&r| top - i128::from(r)).collect()
}

/// The total of `weight(e)` over the entries `e` of an assignment's pairs.
fn weight_total(
    instance: &Instance,
    weight: impl Fn(usize) -> Option<i128>,
    assignment: &[Option<u32>],
) -> Option<i128> {
    let rows = instance.seeker_rows();
    let mut total: i128 = 0;
    for (i, h) in assignment.iter().enumerate() {
        let Some(j) = h else { continue };
        let e = rows.row(i).find(|&e| rows.partner.get(e) == Some(j))?;
        total = total.checked_add(weight(e)?)?;
    }
    Some(total)
}

/// The scaled score of each acceptable seeker entry (aligned with the seeker rows).
pub(crate) fn entry_weights(
    instance: &Instance,
    mechanism: &'static str,
) -> Result<(Vec<i128>, u32), Error> {
    if let Some(scaled) = instance.scaled_entry_scores() {
        return Ok((scaled.values.iter().map(|&v| i128::from(v)).collect(), scaled.scale));
    }
    let scale = score_scale(instance);
    let entries = instance.seeker_rows().partner.len();
    let Some(scores) = instance.entry_scores() else { return Ok((vec![0; entries], scale)) };
    let mut out = Vec::with_capacity(entries);
    for s in scores {
        let w = match s {
            Some(d) => scaled(*d, scale).ok_or_else(|| Error::Unsupported {
                mechanism,
                reason: format!(
                    "score {d} does not fit an exact integer at {scale} decimal places"
                ),
            })?,
            None => 0,
        };
        out.push(w);
    }
    Ok((out, scale))
}

/// Turns a scaled integer back into a score.
pub(crate) fn unscale(value: i128, scale: u32) -> Option<Decimal> {
    Decimal::try_from_i128_with_scale(value, scale).ok()
}

/// The per-seeker weighted lists of the free seekers, in `T`, with the
/// `score · (n + 1) + 1` weights of the module docs. `headroom` is the
/// factor by which every weight must still fit after summing.
pub(crate) fn score_lists<T: Copy + TryFrom<i128>>(
    instance: &Instance,
    residual: &Residual,
    weights: &[i128],
    headroom: i128,
    limit: i128,
    mechanism: &'static str,
) -> Result<Vec<Vec<(u32, T)>>, Error> {
    let rows = instance.seeker_rows();
    let factor = i128::try_from(residual.free.len()).unwrap_or(i128::MAX).saturating_add(1);
    let too_big = || Error::Unsupported {
        mechanism,
        reason: format!(
            "scores too large for exact integer arithmetic with {} seekers",
            residual.free.len()
        ),
    };
    let mut lists = Vec::with_capacity(residual.free.len());
    for &i in &residual.free {
        let mut list = Vec::new();
        for e in rows.row(i as usize) {
            let (Some(&j), Some(&w)) = (rows.partner.get(e), weights.get(e)) else { continue };
            if residual.cap.get(j as usize).copied().unwrap_or(0) == 0 {
                continue;
            }
            let v = w.checked_mul(factor).and_then(|v| v.checked_add(1)).ok_or_else(too_big)?;
            let ok =
                v.checked_abs().and_then(|a| a.checked_mul(headroom)).is_some_and(|a| a <= limit);
            if !ok {
                return Err(too_big());
            }
            let v = T::try_from(v).map_err(|_| too_big())?;
            list.push((j, v));
        }
        lists.push(list);
    }
    Ok(lists)
}

/// The headroom factor for sums over `n` seekers and the seats.
pub(crate) fn headroom(n: usize, seats: u64) -> i128 {
    let n = i128::try_from(n).unwrap_or(i128::MAX);
    let seats = i128::from(seats);
    n.saturating_add(seats).saturating_add(2).saturating_mul(8)
}

/// Solves the free part and returns the full assignment and its weight.
fn solve<C: Cost>(residual: &Residual, lists: &[Vec<(u32, C)>]) -> (Vec<Option<u32>>, C) {
    let g = Bipartite::new(residual.cap.clone(), lists);
    let sol = max_weight_b_matching(&g);
    (residual.assign(&sol.host_of), sol.value)
}

/// The sum of the scaled scores of an assignment.
pub(crate) fn scaled_total(
    instance: &Instance,
    assignment: &[Option<u32>],
    scale: u32,
) -> Option<i128> {
    let mut total: i128 = 0;
    for (i, h) in assignment.iter().enumerate() {
        if let Some(j) = h
            && let Some(d) = instance.score(i, *j as usize)
        {
            total = total.checked_add(scaled(d, scale)?)?;
        }
    }
    Some(total)
}

/// The maximum-weight assignment by shortest augmenting paths, in `i64`
/// when the weights and their sums fit, else in `i128`.
fn sparse_assignment(
    instance: &Instance,
    residual: &Residual,
    weights: &[i128],
    name: &'static str,
) -> Result<Vec<Option<u32>>, Error> {
    let seats: u64 = residual.cap.iter().map(|&c| u64::from(c)).sum();
    let room = headroom(residual.free.len(), seats);
    Ok(match score_lists::<i64>(instance, residual, weights, room, i128::from(i64::MAX), name) {
        Ok(lists) => solve(residual, &lists).0,
        Err(_) => {
            let lists = score_lists::<i128>(instance, residual, weights, room, i128::MAX, name)?;
            solve(residual, &lists).0
        }
    })
}

/// A welfare-optimal matching: the maximum total score or the rank-maximal
/// assignment under host capacities, with required pairs kept, forbidden and
/// unacceptable pairs never used and closed hosts (capacity 0) left empty.
///
/// The result carries an [`Optimality`] (bound = value, proven) for the total
/// score; the optimal dual prices of the flow are its certificate. Without
/// any scores, [`Objective::TotalScore`] maximises the rank score instead
/// (mechanism `max-rank-score`, objective `rank-score`: a matched seeker
/// scores `R − r` for its host at 0-based rank `r`, where `R` is one more
/// than the worst rank any seeker gives an acceptable host), never reporting
/// an arbitrary matching as optimal. Dense
/// instances (at most [`DENSE_MAX`] seekers and seats, a quarter of the
/// pairs acceptable) take the dense Jonker–Volgenant path.
///
/// # Errors
///
/// [`Error::Unsupported`] when the scores are too large for exact integer
/// arithmetic (rank-maximal has no such limit).
///
/// # Example
///
/// ```
/// use twinning_matcher::{Instance, Limits, Objective, welfare_optimal};
///
/// let instance = Instance::from_json(
///     r#"{"seekers":[{"id":"a","preferences":["x","y"]},{"id":"b","preferences":["x"]}],
///         "hosts":[{"id":"x","capacity":1,"preferences":["a","b"]},
///                  {"id":"y","capacity":1,"preferences":["a"]}]}"#,
///     &Limits::default(),
/// )?;
/// let best = welfare_optimal(&instance, Objective::RankMaximal)?;
/// assert_eq!(best.host_of("b"), Some("x"));
/// assert_eq!(best.host_of("a"), Some("y"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn welfare_optimal(instance: &Instance, objective: Objective) -> Result<Matching, Error> {
    let residual = Residual::new(instance);
    let mechanism = Mechanism::new(objective.name());
    match objective {
        Objective::TotalScore => {
            let scored = instance.has_scores();
            let (name, objective_name) = if scored {
                (objective.name(), "total-score")
            } else {
                ("max-rank-score", "rank-score")
            };
            let rows = instance.seeker_rows();
            // The dense path reads the rows and the integer scores in place.
            let scaled = instance.scaled_entry_scores();
            let top = rank_score_top(rows);
            let (scores, scale) = match (scored, scaled) {
                (false, _) => (Some(Scores::Rank(&rows.rank, top)), 0),
                (true, Some(s)) => (Some(Scores::Scaled(&s.values, s.range)), s.scale),
                (true, None) => (None, 0),
            };
            let factor = i64::try_from(residual.free.len()).unwrap_or(i64::MAX).saturating_add(1);
            let dense = scores.and_then(|scores| {
                let free = FreeRows {
                    rows,
                    host_rows: instance.host_rows(),
                    free: &residual.free,
                    cap: &residual.cap,
                    scores,
                    factor,
                };
                dense_assignment(&residual.cap, &free)
            });
            let (assignment, total) = match dense {
                Some(found) => {
                    // Every pair weighs `score · factor + 1`.
                    let matched = found.host_of.iter().filter(|&&h| h != UNMATCHED).count();
                    let total = found
                        .weight
                        .checked_sub(i128::try_from(matched).unwrap_or(i128::MAX))
                        .map(|t| t.div_euclid(i128::from(factor)))
                        .and_then(|t| {
                            let fixed = if scored {
                                scaled_total(instance, &residual.fixed, scale)?
                            } else {
                                weight_total(
                                    instance,
                                    |e| rank_weight(rows, top, e),
                                    &residual.fixed,
                                )?
                            };
                            t.checked_add(fixed)
                        });
                    (residual.assign(&found.host_of), total.and_then(|t| unscale(t, scale)))
                }
                None => {
                    let (weights, scale) = if scored {
                        entry_weights(instance, name)?
                    } else {
                        (rank_score_weights(instance), 0)
                    };
                    let assignment = sparse_assignment(instance, &residual, &weights, name)?;
                    let total = weight_total(instance, |e| weights.get(e).copied(), &assignment);
                    (assignment, total.and_then(|t| unscale(t, scale)))
                }
            };
            let total = total.ok_or_else(|| Error::Unsupported {
                mechanism: name,
                reason: format!("the {objective_name} does not fit a decimal"),
            })?;
            let optimality = Optimality {
                objective: objective_name.to_owned(),
                value: total,
                bound: total,
                gap: Decimal::ZERO,
                proven: true,
            };
            Ok(Matching::from_assignment(instance, &assignment, Mechanism::new(name))
                .with_optimality(optimality))
        }
        Objective::RankMaximal => {
            let assignment = combinatorial_rank_maximal(instance, &residual);
            Ok(Matching::from_assignment(instance, &assignment, mechanism))
        }
    }
}

/// The rank-maximal assignment; shorthand for
/// [`welfare_optimal`]`(instance, Objective::RankMaximal)`.
///
/// # Errors
///
/// None in practice: the combinatorial algorithm has no size or bit-width
/// limit. The `Result` stays so that the signature matches
/// [`welfare_optimal`].
pub fn rank_maximal(instance: &Instance) -> Result<Matching, Error> {
    welfare_optimal(instance, Objective::RankMaximal)
}

/// The rank-maximal assignment by the combinatorial algorithm
/// (`welfare/rank_maximal.rs`): the free seekers' lists as `(host, rank)`,
/// hosts with seats left only.
fn combinatorial_rank_maximal(instance: &Instance, residual: &Residual) -> Vec<Option<u32>> {
    let rows = instance.seeker_rows();
    let lists: Vec<Vec<(u32, u32)>> = residual
        .free
        .iter()
        .map(|&i| {
            rows.row(i as usize)
                .filter_map(|e| Some((*rows.partner.get(e)?, *rows.rank.get(e)?)))
                .filter(|&(j, _)| residual.cap.get(j as usize).is_some_and(|&c| c > 0))
                .collect()
        })
        .collect();
    residual.assign(&rank_maximal::rank_maximal_lists(&residual.cap, &lists))
}

/// Minimum-cost perfect assignment of a square cost matrix given row by row
/// (`costs[i * n + j]` is the cost of row `i` in column `j`), by the
/// Jonker–Volgenant algorithm; returns the column of each row. This is the
/// engine behind [`welfare_optimal`] on square complete unit-capacity
/// instances, exposed for callers that already hold a matrix.
///
/// # Errors
///
/// [`Error::Unsupported`] when `costs.len() != n²` or a cost is too large in
/// magnitude for exact 64-bit sums (`|c| · 8(n + 2)` must fit an `i64`).
pub fn min_cost_assignment(n: usize, costs: &[i64]) -> Result<Vec<usize>, Error> {
    let unsupported =
        |reason: String| Error::Unsupported { mechanism: "min-cost-assignment", reason };
    if Some(costs.len()) != n.checked_mul(n) {
        return Err(unsupported(format!("{} costs given for a {n} x {n} matrix", costs.len())));
    }
    let limit = i64::MAX / 8 / i64::try_from(n).unwrap_or(i64::MAX).saturating_add(2);
    let (lo, hi) = costs.iter().fold((i64::MAX, i64::MIN), |(lo, hi), &c| (lo.min(c), hi.max(c)));
    if let Some(c) = [lo, hi].into_iter().find(|c| n > 0 && c.unsigned_abs() > limit.unsigned_abs())
    {
        return Err(unsupported(format!("cost {c} exceeds {limit} in magnitude")));
    }
    Ok(lapjv_ranged(n, costs, lo, hi))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

    use super::*;

    /// The weight-based rank-maximal assignment this crate used before the
    /// combinatorial algorithm, kept as a reference: lexicographic weights
    /// `B^(R − 1 − r)`, `B = min(seekers, seats) + 1`, in `i128`, through
    /// shortest augmenting paths. `None` when the weights do not fit.
    fn weighted_rank_maximal(instance: &Instance, residual: &Residual) -> Option<Vec<Option<u32>>> {
        let rows = instance.seeker_rows();
        let seats: u64 = residual.cap.iter().map(|&c| u64::from(c)).sum();
        let base = i128::from((residual.free.len() as u64).min(seats) + 1);
        let ranks = residual
            .free
            .iter()
            .flat_map(|&i| rows.row(i as usize))
            .map(|e| rows.rank[e] + 1)
            .max()
            .unwrap_or(0);
        // Sums stay below B^R; distances below 8 times that.
        base.checked_pow(ranks)?.checked_mul(8)?;
        let lists: Vec<Vec<(u32, i128)>> = residual
            .free
            .iter()
            .map(|&i| {
                rows.row(i as usize)
                    .map(|e| (rows.partner[e], rows.rank[e]))
                    .filter(|&(j, _)| residual.cap[j as usize] > 0)
                    .map(|(j, r)| (j, base.pow(ranks - 1 - r)))
                    .collect()
            })
            .collect();
        Some(solve(residual, &lists).0)
    }

    /// The number of seekers matched at each rank (0-based), over every pair.
    fn profile(instance: &Instance, assignment: &[Option<u32>]) -> Vec<usize> {
        let mut p = vec![0; instance.host_count() + 1];
        for (i, h) in assignment.iter().enumerate() {
            if let Some(j) = h {
                p[instance.seeker_rank(i, *j as usize).unwrap() as usize] += 1;
            }
        }
        p
    }

    /// A random instance document: lists with ties over a random part of
    /// the other side, capacities 0–3, some forbidden and required pairs.
    fn random_document(seed: u64, ns: usize, nh: usize) -> String {
        let mut st = seed;
        let mut next = move |n: u64| lcg(&mut st) % n.max(1);
        let list = |n: usize, prefix: char, next: &mut dyn FnMut(u64) -> u64| {
            let mut ids: Vec<usize> = (0..n).filter(|_| next(4) != 0).collect();
            for i in (1..ids.len()).rev() {
                ids.swap(i, next(i as u64 + 1) as usize);
            }
            let mut out = Vec::new();
            let mut k = 0;
            while k < ids.len() {
                let width = if next(3) == 0 { 2.min(ids.len() - k) } else { 1 };
                let names: Vec<String> =
                    ids[k..k + width].iter().map(|x| format!("\"{prefix}{x}\"")).collect();
                out.push(if width == 1 {
                    names[0].clone()
                } else {
                    format!("[{}]", names.join(","))
                });
                k += width;
            }
            format!("[{}]", out.join(","))
        };
        let seekers: Vec<String> = (0..ns)
            .map(|i| format!("{{\"id\":\"s{i}\",\"preferences\":{}}}", list(nh, 'h', &mut next)))
            .collect();
        let hosts: Vec<String> = (0..nh)
            .map(|j| {
                let cap = next(4);
                format!(
                    "{{\"id\":\"h{j}\",\"capacity\":{cap},\"preferences\":{}}}",
                    list(ns, 's', &mut next)
                )
            })
            .collect();
        let mut pairs = |count: u64| -> String {
            let v: Vec<String> = (0..next(count))
                .map(|_| {
                    format!(
                        "{{\"seeker\":\"s{}\",\"host\":\"h{}\"}}",
                        next(ns as u64),
                        next(nh as u64)
                    )
                })
                .collect();
            format!("[{}]", v.join(","))
        };
        let (forbidden, required) =
            if ns > 0 { (pairs(4), pairs(3)) } else { ("[]".into(), "[]".into()) };
        format!(
            "{{\"seekers\":[{}],\"hosts\":[{}],\"forbidden\":{forbidden},\"required\":{required}}}",
            seekers.join(","),
            hosts.join(",")
        )
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 400, ..proptest::prelude::ProptestConfig::default()
        })]

        /// On random instances (ties, closed hosts, forbidden and required
        /// pairs), the combinatorial rank-maximal assignment has the same
        /// rank profile as the weight-based one: profiles are compared, not
        /// matchings, since rank-maximal matchings need not be unique.
        #[test]
        fn combinatorial_and_weighted_rank_maximal_agree(
            seed in proptest::prelude::any::<u64>(),
            ns in 0usize..30,
            nh in 1usize..9,
        ) {
            let text = random_document(seed, ns, nh);
            let Ok(instance) = Instance::from_json(&text, &crate::Limits::default()) else {
                return Ok(());
            };
            let residual = Residual::new(&instance);
            let got = combinatorial_rank_maximal(&instance, &residual);
            let want = weighted_rank_maximal(&instance, &residual).unwrap();
            proptest::prop_assert_eq!(profile(&instance, &got), profile(&instance, &want));
            // Feasible: the public checker finds no violated constraint.
            let matching = Matching::from_assignment(&instance, &got, Mechanism::new("rank-maximal"));
            let report = crate::check(&instance, &matching).unwrap();
            proptest::prop_assert!(report.violations.is_empty(), "{:?}", report.violations);
        }
    }

    fn lcg(state: &mut u64) -> u64 {
        *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        *state >> 33
    }

    /// On dense scored instances (scores at mixed scales, some zero or
    /// missing, a required pair, capacities 0–2, ties), and on the same
    /// lists without scores, `welfare_optimal` (which takes the dense path)
    /// reports the value the flow's optimum has, and its pairs add up to it.
    #[test]
    fn dense_welfare_agrees_with_the_flow() {
        let mut st = 29u64;
        let mut dense_taken = 0;
        for round in 0..300 {
            let ns = 1 + (lcg(&mut st) % 8) as usize;
            let nh = 1 + (lcg(&mut st) % 6) as usize;
            let mut doc = String::from("{\"seekers\":[");
            for i in 0..ns {
                let hosts: Vec<String> = (0..nh).map(|j| format!("\"h{j}\"")).collect();
                let sep = if i + 1 < ns { "," } else { "" };
                doc += &format!("{{\"id\":\"s{i}\",\"preferences\":[[{}]]}}{sep}", hosts.join(","));
            }
            doc += "],\"hosts\":[";
            for j in 0..nh {
                let seekers: Vec<String> = (0..ns).map(|i| format!("\"s{i}\"")).collect();
                let cap = lcg(&mut st) % 3;
                let sep = if j + 1 < nh { "," } else { "" };
                doc += &format!(
                    "{{\"id\":\"h{j}\",\"capacity\":{cap},\"preferences\":[{}]}}{sep}",
                    seekers.join(",")
                );
            }
            let unscored = format!("{doc}]}}");
            doc += "],\"scores\":[";
            let mut scores = Vec::new();
            for i in 0..ns {
                for j in 0..nh {
                    if lcg(&mut st).is_multiple_of(5) {
                        continue;
                    }
                    let (m, scale) = (lcg(&mut st) % 400, lcg(&mut st) % 3);
                    let d = Decimal::new(m as i64, scale as u32);
                    scores.push(format!(
                        "{{\"seeker\":\"s{i}\",\"host\":\"h{j}\",\"score\":\"{d}\"}}"
                    ));
                }
            }
            doc += &scores.join(",");
            doc += "],\"required\":[{\"seeker\":\"s0\",\"host\":\"h0\"}]}";
            for text in [doc, unscored] {
                let Ok(instance) = Instance::from_json(&text, &crate::Limits::default()) else {
                    continue;
                };
                let got = welfare_optimal(&instance, Objective::TotalScore).unwrap();
                let value = got.optimality.clone().unwrap().value;
                // The flow's optimum, with the same weights.
                let residual = Residual::new(&instance);
                let (weights, scale) = if instance.has_scores() {
                    entry_weights(&instance, "test").unwrap()
                } else {
                    (rank_score_weights(&instance), 0)
                };
                let flow = sparse_assignment(&instance, &residual, &weights, "test").unwrap();
                let want = weight_total(&instance, |e| weights.get(e).copied(), &flow).unwrap();
                assert_eq!(value, unscale(want, scale).unwrap(), "round {round}: {text}");
                // The reported pairs add up to the reported value.
                let assignment = got.assignment(&instance).unwrap();
                let mine =
                    weight_total(&instance, |e| weights.get(e).copied(), &assignment).unwrap();
                assert_eq!(value, unscale(mine, scale).unwrap(), "round {round}");
                // Whether this instance took the dense path.
                let rows = instance.seeker_rows();
                let scores = match instance.scaled_entry_scores() {
                    Some(s) => Scores::Scaled(&s.values, s.range),
                    None => Scores::Rank(&rows.rank, rank_score_top(rows)),
                };
                let free = FreeRows {
                    rows,
                    host_rows: instance.host_rows(),
                    free: &residual.free,
                    cap: &residual.cap,
                    scores,
                    factor: residual.free.len() as i64 + 1,
                };
                dense_taken += usize::from(dense_assignment(&residual.cap, &free).is_some());
            }
        }
        assert!(dense_taken > 200, "{dense_taken}");
    }

    /// The dense path's assignment is feasible and as heavy as the flow's
    /// optimum (shortest augmenting paths, a different algorithm) on dense
    /// random instances: rectangular both ways, capacities 0–3, missing pairs.
    #[test]
    fn dense_path_agrees_with_the_flow() {
        let mut st = 11u64;
        let mut dense_taken = 0;
        for _ in 0..2000 {
            let ns = 1 + (lcg(&mut st) % 9) as usize;
            let nh = 1 + (lcg(&mut st) % 6) as usize;
            let cap: Vec<u32> = (0..nh).map(|_| (lcg(&mut st) % 4) as u32).collect();
            let mut lists: Vec<Vec<(u32, i64)>> = vec![Vec::new(); ns];
            for list in &mut lists {
                for h in 0..nh as u32 {
                    if !lcg(&mut st).is_multiple_of(5) {
                        list.push((h, (lcg(&mut st) % 20) as i64));
                    }
                }
            }
            let Some(found) = dense_assignment(&cap, lists.as_slice()) else { continue };
            let host_of = found.host_of;
            dense_taken += 1;
            let mut load = vec![0u32; nh];
            let mut value = 0i64;
            for (s, &h) in host_of.iter().enumerate() {
                if h == UNMATCHED {
                    continue;
                }
                load[h as usize] += 1;
                value += lists[s].iter().find(|e| e.0 == h).unwrap().1;
            }
            assert!(load.iter().zip(&cap).all(|(l, c)| l <= c));
            let best = max_weight_b_matching(&Bipartite::new(cap, &lists)).value;
            assert_eq!(value, best);
            assert_eq!(found.weight, i128::from(best));
        }
        assert!(dense_taken > 500, "{dense_taken}");
    }
}
