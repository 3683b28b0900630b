//! Budgeted selection: choose at most `k` hosts and the assignment, exactly,
//! by branch and bound over host subsets with a Lagrangian bound.
//!
//! * `goal.rs`: what a host subset is worth (welfare or stable), and the
//!   stable objective's relaxation;
//! * `lagrange.rs`: the Lagrangian bound of a node;
//! * `stable_dual.rs`: the stable objective's Lagrangian, which keeps
//!   stability inside each host (a walk of its list);
//! * `search.rs`: branch and bound, reduced-cost fixing;
//! * `control.rs`: the deadline, the cancellation handle and progress reports;
//! * here: the public settings, [`budgeted`] and the optimality proof.

use std::time::{Duration, Instant};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::flow::{Bipartite, UNMATCHED};
use crate::instance::Instance;
use crate::matching::{Matching, Mechanism, Optimality};
use crate::welfare::{Residual, entry_weights, headroom, score_lists, unscale};

mod control;
mod goal;
mod lagrange;
mod search;
mod stable_dual;
#[cfg(test)]
mod stop_tests;
#[cfg(test)]
mod tests;

pub use self::control::{Cancel, ProgressSink, SearchProgress};
pub(crate) use self::control::{Monitor, Stop};
pub(crate) use self::goal::Goal;
use self::goal::stable_market;
pub(crate) use self::search::{Found, Search, search};

/// Weight multiplier of the budgeted search (see [`budgeted`]).
const GRANULARITY: i64 = 1 << 10;

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
///
/// The search stops at the earliest of `time_limit` (counted from the call),
/// `deadline` and `cancel`, and then returns the best matching found with its
/// proven bound and gap (`optimality.proven` is `false` unless the gap is
/// zero). Without any of them it runs to a proof, which on hard instances can
/// take very long: a service should always set one.
///
/// # What the limit covers
///
/// Everything [`budgeted`] does: preparing the search from the instance
/// (linear in its list entries), the search, and building the result (also
/// linear). It does not cover what happens before the call — reading and
/// validating the instance ([`Instance::from_reader`] and the like, also
/// linear) — nor what the caller does with the result, such as
/// [`explain`](crate::explain)ing or writing it. A caller that wants its
/// reading counted passes a `deadline` taken from its own start instead of a
/// `time_limit` (the command line does: `--time-limit` counts from the
/// command's start).
///
/// The stop is checked between steps that are each at most linear in the
/// instance (see [`budgeted`]; an assignment solve may also use a grace of
/// a tenth of the time given, 50 ms to 1 s), so the call returns within a
/// few such steps of it — tens to hundreds of milliseconds on a million
/// list entries, not a multiple of the limit. The greedy warm start takes
/// at most half of the time left, leaving the rest to the search's root. A
/// deadline already past, or a handle already cancelled, still
/// gives a valid answer: the best selection found before any search, which
/// without required pairs is the empty one, with its trivial bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetConfig {
    /// At most this many hosts; `None` takes the instance's `max_hosts`, and
    /// without either every host may be selected.
    pub max_hosts: Option<u32>,
    /// What is maximised.
    pub objective: BudgetObjective,
    /// Stop the exact search after this long and report the gap.
    pub time_limit: Option<Duration>,
    /// Stop the search at this instant and report the gap (with
    /// `time_limit`, whichever comes first).
    pub deadline: Option<Instant>,
    /// Stop the search when this handle is cancelled (from another thread).
    pub cancel: Option<Cancel>,
    /// Where to report the search's incumbent, bound and gap while it runs.
    pub progress: Option<ProgressSink>,
    /// Exact search or greedy only.
    pub mode: BudgetMode,
    /// Keep the search on the calling thread. By default the stable
    /// objective's exact search may take one more thread (see "Threads" at
    /// [`budgeted`]); a service that runs many searches at once may rather
    /// give each one core. The answer, its bound and the node count are the
    /// same either way.
    pub one_thread: bool,
}

impl Default for BudgetConfig {
    fn default() -> Self {
        Self {
            max_hosts: None,
            objective: BudgetObjective::Welfare,
            time_limit: None,
            deadline: None,
            cancel: None,
            progress: None,
            mode: BudgetMode::Exact,
            one_thread: false,
        }
    }
}

/// Chooses at most `k` hosts and the assignment to them, exactly: branch and
/// bound over host subsets with a Lagrangian bound (see the module source
/// documentation and the [guide](crate::_documentation::guide)), warm-started by the greedy
/// selection. Hosts of required pairs are always selected and count towards
/// `k`; forbidden pairs are never used; closed hosts are never worth
/// selecting.
///
/// The result lists the `selected_hosts` and carries an [`Optimality`]: the
/// value, the proven bound, the gap and whether the value is proven optimal
/// (it is whenever the search finished before the time limit). Objectives:
/// `total-score` when the instance has scores, `matched-seekers` otherwise.
///
/// Without a time limit, deadline or cancellation the result is deterministic
/// (same instance, same bytes). With one, how far the search gets depends on
/// the machine, so two runs may report different values and bounds — each of
/// them valid. A search stopped early says so in its mechanism parameters
/// (`stopped` = `time-limit` or `cancelled`). The preparation, the greedy
/// warm start, every branch-and-bound node, every subgradient step, every
/// local-search move and every few seekers of an assignment solve check the
/// stop, so the search returns within about one such step (one
/// deferred-acceptance run, one Lagrangian evaluation, a few shortest-path
/// searches) of it. An assignment solve still running at the deadline may
/// finish within a grace (a tenth of the time given, 50 ms to 1 s) and is
/// cut short after it (at once on a cancellation): it still gives a
/// feasible assignment, every value reported is that of a matching actually
/// found, and the bound falls back on one that needs no evaluation, so the
/// bound and gap stay valid (if weaker).
///
/// # Threads
///
/// On a machine with two or more cores, the stable objective's exact search
/// on a market of at least 256 acceptable pairs runs one more thread for
/// the length of the call, which shares strong branching's looks
/// (two threads in all; the welfare objective and the greedy mode use the
/// calling thread only); [`BudgetConfig::one_thread`] keeps it on the
/// calling thread. The answer, its bound and the node count are the same
/// with one thread or two.
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
    let called = Instant::now();
    let mechanism_name = match (config.mode, config.objective) {
        (BudgetMode::Exact, BudgetObjective::Welfare) => "budgeted-welfare",
        (BudgetMode::Exact, BudgetObjective::Stable) => "budgeted-stable",
        (BudgetMode::Greedy, BudgetObjective::Welfare) => "greedy-budgeted-welfare",
        (BudgetMode::Greedy, BudgetObjective::Stable) => "greedy-budgeted-stable",
    };
    if config.max_hosts == Some(0) {
        return Err(Error::ZeroBudget);
    }
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
    let limit = config.time_limit.and_then(|t| called.checked_add(t));
    let stop = Stop {
        deadline: match (limit, config.deadline) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        },
        cancel: config.cancel.clone(),
    };
    let cfg = Search {
        k,
        forced: residual.required_hosts.clone(),
        greedy_only: config.mode == BudgetMode::Greedy,
        granularity: 1,
        two_threads: config.one_thread.then_some(false),
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
    let units = progress_units(instance, &residual, granularity, scale);
    let objective_name = if instance.has_scores() { "total-score" } else { "matched-seekers" };
    let sink = config
        .progress
        .as_ref()
        .map(|p| (p, &units as &dyn Fn(i64) -> Option<Decimal>, objective_name));
    let mut monitor = Monitor::new(stop.clone(), sink);
    // Stopped already (a deadline past, a cancellation, or a time limit
    // spent on the lists): the empty selection, when it is a valid answer
    // (no host must be selected; with required pairs the welfare objective
    // only, whose answer need not be stable), with the trivial bound,
    // before any search structure is built.
    let stopped_early = stop.hit()
        && (residual.required_hosts.is_empty() || config.objective == BudgetObjective::Welfare);
    let mut found = if stopped_early {
        Found {
            hosts: Vec::new(),
            host_of: vec![UNMATCHED; residual.free.len()],
            value: 0,
            bound: trivial_bound(&lists),
            nodes: 0,
            strong: 0,
            interrupted: true,
        }
    } else {
        match config.objective {
            BudgetObjective::Welfare => {
                let g = Bipartite::new(residual.cap.clone(), &lists)
                    .with_stop(solve_stop(&stop, called));
                let mut found = search(Goal::Welfare(&g), &cfg, &mut monitor);
                if g.was_cut() {
                    // An assignment solve cut short by the stop valued a
                    // selection below its worth, and the search may have
                    // closed that selection on it: its bound no longer
                    // holds. Fall back on bounds that need no evaluation.
                    let bound = trivial_bound(&lists).min(zero_price_bound(&g, &cfg));
                    found.bound = bound.max(found.value);
                    found.interrupted = true;
                }
                found
            }
            BudgetObjective::Stable => search(
                Goal::Stable(&stable_market(instance, &residual, &lists)),
                &cfg,
                &mut monitor,
            ),
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
    let mut mechanism =
        Mechanism::new(mechanism_name).with("max_hosts", k).with("nodes", found.nodes);
    if found.interrupted && config.mode == BudgetMode::Exact {
        mechanism =
            mechanism.with("stopped", if stop.cancelled() { "cancelled" } else { "time-limit" });
    }
    Ok(Matching::from_assignment(instance, &assignment, mechanism)
        .with_selected_hosts(instance, &selected)
        .with_optimality(optimality))
}

/// When an assignment solve of the welfare search is cut short: at a
/// cancellation, or a grace after the deadline — a tenth of the time the
/// call was given, from 50 ms to 1 s. A solve started before the deadline
/// usually ends within the grace, and its exact value keeps the search's
/// bound (a cut one makes [`budgeted`] fall back on weaker bounds); only the
/// solves that would run far past the deadline are cut.
fn solve_stop(stop: &Stop, called: Instant) -> Stop {
    let grace = |d: Instant| {
        (d.saturating_duration_since(called) / 10)
            .clamp(Duration::from_millis(50), Duration::from_secs(1))
    };
    Stop {
        deadline: stop.deadline.map(|d| d.checked_add(grace(d)).unwrap_or(d)),
        cancel: stop.cancel.clone(),
    }
}

/// A bound on every selection, whatever the hosts: each free seeker's best
/// pair (weights are positive), as if every seeker got its favourite.
fn trivial_bound(lists: &[Vec<(u32, i64)>]) -> i64 {
    lists
        .iter()
        .map(|l| l.iter().map(|&(_, w)| w).max().unwrap_or(0).max(0))
        .fold(0i64, i64::saturating_add)
}

/// The welfare Lagrangian bound at zero prices (see `lagrange.rs`): every
/// host's best seats filled by its best seekers, the forced hosts and the
/// best others up to `k`. Valid for every selection, whatever was evaluated.
fn zero_price_bound(g: &Bipartite<i64>, cfg: &Search) -> i64 {
    let mut st = vec![search::St::Free; g.n_hosts()];
    for &h in &cfg.forced {
        if let Some(x) = st.get_mut(h as usize) {
            *x = search::St::In;
        }
    }
    let k_left = cfg.k.saturating_sub(cfg.forced.len());
    let zero = vec![0; g.n_seekers()];
    lagrange::lagrangian(g, &zero, &st, k_left, &mut Vec::new()).value
}

/// Turns an internal search value (weights times the granularity) into the
/// caller's units, required pairs included: total score when the instance has
/// scores (a pair weighs `score · (n + 1) + 1`, and the `+1`s of at most `n`
/// pairs stay below `n + 1`), matched seekers otherwise.
fn progress_units(
    instance: &Instance,
    residual: &Residual,
    granularity: i64,
    scale: u32,
) -> impl Fn(i64) -> Option<Decimal> {
    let factor = i128::try_from(residual.free.len()).unwrap_or(i128::MAX).saturating_add(1);
    let scores = instance.has_scores();
    let fixed = if scores {
        crate::welfare::scaled_total(instance, &residual.fixed, scale)
    } else {
        Some(residual.fixed.iter().flatten().count() as i128)
    };
    move |x| {
        let x = i128::from(x.div_euclid(granularity.max(1)));
        if scores {
            unscale(x.div_euclid(factor).checked_add(fixed?)?, scale)
        } else {
            unscale(x.checked_add(fixed?)?, 0)
        }
    }
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
