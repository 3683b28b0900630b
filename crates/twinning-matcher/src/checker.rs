//! The independent checker: every blocking pair under weak, strong and
//! super-stability, and every violated constraint.
//!
//! It reads the instance only through its public rank look-ups and never
//! uses the solvers' internal tables, so a bug in a solver cannot hide
//! itself in the check.
//!
//! # Definitions
//!
//! For an acceptable pair (seeker `s`, host `h`) that is not matched:
//!
//! * `s` *prefers* `h` when it is unmatched or ranks `h` above its host, and
//!   is *indifferent* when it ranks `h` the same as its host;
//! * `h` *prefers* `s` when it has a free seat or ranks `s` above its worst
//!   assigned seeker, and is *indifferent* when it ranks `s` the same as that
//!   seeker.
//!
//! The pair blocks **weak** stability when both prefer; **strong** stability
//! when one prefers and the other prefers or is indifferent; **super**-stability
//! when each prefers or is indifferent. Seekers fixed by a `required` pair
//! never block, and a host's required seekers are never its "worst" (they
//! cannot be displaced). When the matching names `selected_hosts`, hosts
//! outside the selection are closed and block nothing.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::instance::Instance;
use crate::matching::Matching;

/// The three stability notions for preferences with ties, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Stability {
    /// No pair in which both sides strictly gain.
    Weak,
    /// No pair in which one side gains and the other does not lose.
    Strong,
    /// No pair in which neither side loses.
    Super,
}

/// How one side of a blocking pair sees the pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Attitude {
    /// The seeker has no host.
    Unmatched,
    /// The host has a free seat.
    FreeSeat,
    /// The agent ranks the other strictly above its current (worst) partner.
    Prefers,
    /// The agent ranks the other the same as its current (worst) partner.
    Indifferent,
}

impl Attitude {
    fn strict(self) -> bool {
        !matches!(self, Self::Indifferent)
    }
}

/// A pair that would rather be matched to each other.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct BlockingPair {
    /// Seeker id.
    pub seeker: String,
    /// Host id.
    pub host: String,
    /// How the seeker sees the pair.
    pub seeker_view: Attitude,
    /// How the host sees the pair.
    pub host_view: Attitude,
    /// The weakest notion the pair breaks (it breaks every stronger one too).
    pub breaks: Stability,
}

/// A constraint the matching violates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Violation {
    /// A host holds more seekers than its capacity.
    CapacityExceeded {
        /// Host id.
        host: String,
        /// Its capacity.
        capacity: u32,
        /// Seekers assigned.
        assigned: u32,
    },
    /// A matched pair is not mutually acceptable.
    UnacceptablePair {
        /// Seeker id.
        seeker: String,
        /// Host id.
        host: String,
    },
    /// A matched pair is forbidden.
    ForbiddenPair {
        /// Seeker id.
        seeker: String,
        /// Host id.
        host: String,
    },
    /// A required pair is not matched.
    RequiredMissing {
        /// Seeker id.
        seeker: String,
        /// Host id.
        host: String,
    },
    /// More hosts receive seekers than the budget `max_hosts` allows.
    BudgetExceeded {
        /// The budget.
        max_hosts: u32,
        /// Hosts that receive seekers.
        used: usize,
    },
    /// A seeker is matched to a host outside `selected_hosts`.
    HostNotSelected {
        /// Seeker id.
        seeker: String,
        /// Host id.
        host: String,
    },
}

/// Everything the checker found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CheckReport {
    /// Every blocking pair under super-stability (which includes those under strong and weak), in seeker then host order.
    pub blocking_pairs: Vec<BlockingPair>,
    /// Every violated constraint.
    pub violations: Vec<Violation>,
}

impl CheckReport {
    /// Whether the matching satisfies every constraint and is stable in the given sense.
    #[must_use]
    pub fn is_stable(&self, notion: Stability) -> bool {
        self.violations.is_empty() && self.blocking_pairs.iter().all(|b| b.breaks > notion)
    }

    /// Whether the matching satisfies every constraint (ignoring stability).
    #[must_use]
    pub fn is_feasible(&self) -> bool {
        self.violations.is_empty()
    }
}

/// Checks a result document against its instance.
///
/// # Errors
///
/// [`Error::MatchingMismatch`] when the matching names an unknown seeker or
/// host, or a seeker twice.
pub fn check(instance: &Instance, matching: &Matching) -> Result<CheckReport, Error> {
    let assignment = matching.assignment(instance)?;
    let selected = match &matching.selected_hosts {
        None => None,
        Some(list) => {
            let mut sel = vec![false; instance.host_count()];
            for h in list {
                let j = instance.host_index(h).ok_or_else(|| Error::MatchingMismatch {
                    reason: format!("unknown selected host {h:?}"),
                })?;
                if let Some(x) = sel.get_mut(j) {
                    *x = true;
                }
            }
            Some(sel)
        }
    };
    let assignment: Vec<Option<usize>> = assignment.iter().map(|a| a.map(|j| j as usize)).collect();
    Ok(check_assignment(instance, &assignment, selected.as_deref()))
}

/// Checks an assignment given as seeker index → host index (entries beyond
/// the instance are ignored). `selected`, when given, marks the hosts that
/// are open (indexed by host).
#[must_use]
pub fn check_assignment(
    instance: &Instance,
    assignment: &[Option<usize>],
    selected: Option<&[bool]>,
) -> CheckReport {
    let n_s = instance.seeker_count();
    let n_h = instance.host_count();
    let sid = |i: usize| instance.seeker_id(i).unwrap_or_default().to_owned();
    let hid = |j: usize| instance.host_id(j).unwrap_or_default().to_owned();
    let host_of = |i: usize| assignment.get(i).copied().flatten().filter(|&j| j < n_h);
    let mut fixed = vec![false; n_s];
    let mut fixed_at: Vec<Vec<usize>> = vec![Vec::new(); n_h];
    for &(i, j) in instance.required_pairs() {
        let (i, j) = (i as usize, j as usize);
        if host_of(i) == Some(j) {
            if let Some(f) = fixed.get_mut(i) {
                *f = true;
            }
            if let Some(list) = fixed_at.get_mut(j) {
                list.push(i);
            }
        }
    }
    let mut violations = Vec::new();
    let mut count = vec![0u32; n_h];
    // Worst (largest) rank among the host's displaceable seekers; None if it has none.
    let mut worst: Vec<Option<u32>> = vec![None; n_h];
    for i in 0..n_s {
        let Some(j) = host_of(i) else { continue };
        if let Some(c) = count.get_mut(j) {
            *c += 1;
        }
        if instance.is_forbidden(i, j) {
            violations.push(Violation::ForbiddenPair { seeker: sid(i), host: hid(j) });
        } else if !instance.is_acceptable(i, j) {
            violations.push(Violation::UnacceptablePair { seeker: sid(i), host: hid(j) });
        }
        if selected.is_some_and(|s| !s.get(j).copied().unwrap_or(false)) {
            violations.push(Violation::HostNotSelected { seeker: sid(i), host: hid(j) });
        }
        if !fixed.get(i).copied().unwrap_or(false) {
            // An unranked seeker counts as worse than every ranked one.
            let r = instance.host_rank(j, i).unwrap_or(u32::MAX);
            if let Some(w) = worst.get_mut(j) {
                *w = Some(w.map_or(r, |x| x.max(r)));
            }
        }
    }
    for (j, &c) in count.iter().enumerate() {
        let capacity = instance.capacity(j);
        if c > capacity {
            violations.push(Violation::CapacityExceeded { host: hid(j), capacity, assigned: c });
        }
    }
    for &(i, j) in instance.required_pairs() {
        if host_of(i as usize) != Some(j as usize) {
            violations.push(Violation::RequiredMissing {
                seeker: sid(i as usize),
                host: hid(j as usize),
            });
        }
    }
    if let Some(k) = instance.max_hosts() {
        let used = count.iter().filter(|&&c| c > 0).count();
        if used > k as usize {
            violations.push(Violation::BudgetExceeded { max_hosts: k, used });
        }
    }

    let mut blocking_pairs = Vec::new();
    for i in 0..n_s {
        if fixed.get(i).copied().unwrap_or(false) {
            continue;
        }
        let current = host_of(i);
        let current_rank = current.map(|j| instance.seeker_rank(i, j).unwrap_or(u32::MAX));
        let mut candidates: Vec<(usize, u32)> = instance.seeker_preferences(i).collect();
        candidates.sort_unstable();
        for (j, sr) in candidates {
            if Some(j) == current {
                continue;
            }
            let Some(hr) = instance.host_rank(j, i) else {
                continue;
            };
            if selected.is_some_and(|s| !s.get(j).copied().unwrap_or(false)) {
                continue;
            }
            let seeker_view = match current_rank {
                None => Attitude::Unmatched,
                Some(c) if sr < c => Attitude::Prefers,
                Some(c) if sr == c => Attitude::Indifferent,
                Some(_) => continue,
            };
            let capacity = instance.capacity(j);
            let c = count.get(j).copied().unwrap_or(0);
            let host_view = if c < capacity {
                Attitude::FreeSeat
            } else {
                match worst.get(j).copied().flatten() {
                    Some(w) if hr < w => Attitude::Prefers,
                    Some(w) if hr == w => Attitude::Indifferent,
                    _ => continue,
                }
            };
            let breaks = match (seeker_view.strict(), host_view.strict()) {
                (true, true) => Stability::Weak,
                (false, false) => Stability::Super,
                _ => Stability::Strong,
            };
            blocking_pairs.push(BlockingPair {
                seeker: sid(i),
                host: hid(j),
                seeker_view,
                host_view,
                breaks,
            });
        }
    }
    CheckReport { blocking_pairs, violations }
}
