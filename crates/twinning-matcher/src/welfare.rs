//! Welfare-optimal assignment under capacities: maximum total score and
//! rank-maximal, both exact, by shortest augmenting paths (`flow.rs`).
//!
//! # Exact integer weights
//!
//! Scores are [`Decimal`]s. Every score of the instance is written as an
//! integer at the largest scale (number of decimal places) any score uses, so
//! `0.5` and `1.25` become `50` and `125`; a pair without a score counts 0.
//! To prefer more matched pairs among selections of equal score, each pair's
//! weight is `score × (n + 1) + 1` for `n` free seekers: the `+1`s of at most
//! `n` pairs can never outweigh one unit of score. When these integers (and
//! the sums the solvers form) would not fit the machine integers, the solver
//! returns [`Error::Unsupported`] instead of rounding: precision is never lost
//! silently.
//!
//! Rank-maximal weights are powers of `B = min(seekers, seats) + 1`: a pair at
//! (0-based) rank `r` of `R` ranks weighs `B^(R − 1 − r)`, so one more pair at
//! a better rank outweighs any number of pairs at worse ranks. They are
//! `i128` when `B^R` fits, otherwise fixed-width integers of 256, 1,024 or
//! 4,096 bits (slower, still exact); beyond that the solver returns
//! [`Error::Unsupported`].

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::flow::{Bipartite, Cost, UNMATCHED, Wide, lapjv, lapjv_ranged, max_weight_b_matching};
use crate::instance::Instance;
use crate::matching::{Matching, Mechanism, Optimality};

/// What a welfare-optimal assignment maximises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Objective {
    /// The largest sum of pair scores (a pair without a score counts 0);
    /// among equal sums, the most matched pairs. Without any scores this is
    /// a maximum-cardinality assignment.
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

/// The scaled score of each acceptable seeker entry (aligned with the seeker rows).
pub(crate) fn entry_weights(
    instance: &Instance,
    mechanism: &'static str,
) -> Result<(Vec<i128>, u32), Error> {
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
    let mut out = residual.fixed.clone();
    for (k, &i) in residual.free.iter().enumerate() {
        if let (Some(slot), Some(&h)) = (out.get_mut(i as usize), sol.host_of.get(k)) {
            *slot = (h != UNMATCHED).then_some(h);
        }
    }
    (out, sol.value)
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

/// Square, complete, unit-capacity, non-negative: the dense Jonker–Volgenant
/// path applies. Returns the `n × n` cost matrix (`max − w`).
fn dense_costs(
    instance: &Instance,
    residual: &Residual,
    weights: &[i128],
) -> Option<(usize, Vec<i64>)> {
    let n = instance.seeker_count();
    if n < 2
        || n != instance.host_count()
        || !instance.required_pairs().is_empty()
        || residual.cap.iter().any(|&c| c != 1)
        || instance.seeker_rows().partner.len() != n.checked_mul(n)?
        || weights.iter().any(|&w| w < 0)
    {
        return None;
    }
    let max = weights.iter().copied().max()?;
    let bound = i128::from(i64::MAX) / (8 * (i128::try_from(n).ok()? + 2));
    if max > bound {
        return None;
    }
    let rows = instance.seeker_rows();
    let mut cost = vec![0i64; n * n];
    for i in 0..n {
        for e in rows.row(i) {
            let j = *rows.partner.get(e)? as usize;
            let w = *weights.get(e)?;
            *cost.get_mut(i * n + j)? = i64::try_from(max - w).ok()?;
        }
    }
    Some((n, cost))
}

/// A welfare-optimal matching: the maximum total score or the rank-maximal
/// assignment under host capacities, with required pairs kept, forbidden and
/// unacceptable pairs never used and closed hosts (capacity 0) left empty.
///
/// The result carries an [`Optimality`] (bound = value, proven) for the total
/// score; the optimal dual prices of the flow are its certificate.
///
/// # Errors
///
/// [`Error::Unsupported`] when the scores (or, for rank-maximal, the number of
/// ranks) are too large for exact integer arithmetic.
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
            let (weights, scale) = entry_weights(instance, objective.name())?;
            let assignment = if let Some((n, cost)) = dense_costs(instance, &residual, &weights) {
                let cols = lapjv(n, &cost);
                cols.iter().map(|&j| u32::try_from(j).ok()).collect()
            } else {
                let seats: u64 = residual.cap.iter().map(|&c| u64::from(c)).sum();
                let room = headroom(residual.free.len(), seats);
                match score_lists::<i64>(
                    instance,
                    &residual,
                    &weights,
                    room,
                    i128::from(i64::MAX),
                    objective.name(),
                ) {
                    Ok(lists) => solve(&residual, &lists).0,
                    Err(_) => {
                        let lists = score_lists::<i128>(
                            instance,
                            &residual,
                            &weights,
                            room,
                            i128::MAX,
                            objective.name(),
                        )?;
                        solve(&residual, &lists).0
                    }
                }
            };
            let total = scaled_total(instance, &assignment, scale).and_then(|t| unscale(t, scale));
            let total = total.ok_or_else(|| Error::Unsupported {
                mechanism: objective.name(),
                reason: "the total score does not fit a decimal".to_owned(),
            })?;
            let optimality = Optimality {
                objective: "total-score".to_owned(),
                value: total,
                bound: total,
                gap: Decimal::ZERO,
                proven: true,
            };
            Ok(Matching::from_assignment(instance, &assignment, mechanism)
                .with_optimality(optimality))
        }
        Objective::RankMaximal => {
            let assignment = rank_maximal_assignment(instance, &residual)?;
            Ok(Matching::from_assignment(instance, &assignment, mechanism))
        }
    }
}

/// The rank-maximal assignment; shorthand for
/// [`welfare_optimal`]`(instance, Objective::RankMaximal)`.
///
/// # Errors
///
/// As [`welfare_optimal`].
pub fn rank_maximal(instance: &Instance) -> Result<Matching, Error> {
    welfare_optimal(instance, Objective::RankMaximal)
}

/// The lexicographic rank weights' shape: base, number of ranks, and the
/// bits their sums need (see the module docs).
fn rank_shape(instance: &Instance, residual: &Residual) -> (u64, u32, u64) {
    let rows = instance.seeker_rows();
    let seats: u64 = residual.cap.iter().map(|&c| u64::from(c)).sum();
    let n = residual.free.len() as u64;
    let base = n.min(seats).saturating_add(1);
    let ranks = residual
        .free
        .iter()
        .flat_map(|&i| rows.row(i as usize))
        .filter_map(|e| rows.rank.get(e))
        .max()
        .map_or(0, |&r| r + 1);
    // Sums of weights stay below base^ranks; Dijkstra distances below 8×.
    let bits = u64::from(ranks) * u64::from(64 - base.leading_zeros()) + 5;
    (base, ranks, bits)
}

/// Lexicographic rank weights for the free seekers in the cost type `C`.
fn rank_lists<C: Cost>(
    instance: &Instance,
    residual: &Residual,
    power: impl Fn(u32) -> Option<C>,
) -> Result<Vec<Vec<(u32, C)>>, Error> {
    let rows = instance.seeker_rows();
    let (_, ranks, _) = rank_shape(instance, residual);
    let powers: Vec<C> = (0..ranks)
        .map(|r| power(ranks - 1 - r))
        .collect::<Option<_>>()
        .ok_or_else(|| Error::Unsupported {
            mechanism: "rank-maximal",
            reason: format!("{ranks} ranks overflow the lexicographic weights"),
        })?;
    let mut lists = Vec::with_capacity(residual.free.len());
    for &i in &residual.free {
        let mut list = Vec::new();
        for e in rows.row(i as usize) {
            let (Some(&j), Some(&r)) = (rows.partner.get(e), rows.rank.get(e)) else { continue };
            if residual.cap.get(j as usize).copied().unwrap_or(0) == 0 {
                continue;
            }
            if let Some(&w) = powers.get(r as usize) {
                list.push((j, w));
            }
        }
        lists.push(list);
    }
    Ok(lists)
}

/// The rank-maximal assignment with the narrowest exact weights that fit:
/// `i128`, then 256, 1,024 and 4,096 bits.
fn rank_maximal_assignment(
    instance: &Instance,
    residual: &Residual,
) -> Result<Vec<Option<u32>>, Error> {
    fn wide<const N: usize>(base: u64) -> impl Fn(u32) -> Option<Wide<N>> {
        move |e| (0..e).try_fold(Wide::<N>::from_u64(1), |acc, _| acc.checked_mul_small(base))
    }
    let (base, ranks, bits) = rank_shape(instance, residual);
    if bits <= 126 {
        let b = i128::from(base);
        let lists = rank_lists(instance, residual, |e| b.checked_pow(e))?;
        return Ok(solve(residual, &lists).0);
    }
    if bits <= 255 {
        return Ok(solve(residual, &rank_lists(instance, residual, wide::<4>(base))?).0);
    }
    if bits <= 1023 {
        return Ok(solve(residual, &rank_lists(instance, residual, wide::<16>(base))?).0);
    }
    if bits <= 4095 {
        return Ok(solve(residual, &rank_lists(instance, residual, wide::<64>(base))?).0);
    }
    Err(Error::Unsupported {
        mechanism: "rank-maximal",
        reason: format!(
            "{ranks} ranks with {} seekers need {bits}-bit exact lexicographic weights (at most 4095)",
            residual.free.len()
        ),
    })
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
