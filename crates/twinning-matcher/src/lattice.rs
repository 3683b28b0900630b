//! The lattice of stable matchings: both ends, rotations and their poset,
//! the egalitarian and minimum-regret stable matchings, and enumeration.
//!
//! Ties are first broken by a seed (the rule of [`deferred_acceptance`]), so
//! the lattice is that of the strict instance; every member is weakly stable
//! for the lists as written.
//!
//! # Method
//!
//! Hosts with capacity are handled by the standard cloning reduction to the
//! stable marriage problem (Gusfield and Irving, *The Stable Marriage
//! Problem*, 1989, §1.6.5) without building the clones: a host's seat `t` is
//! the pair (host, `t`), and in any stable matching seat `t` holds the host's
//! `t`-th best assigned seeker, so seats are read off a sorted list of
//! assigned seekers. Starting from the seeker-optimal matching, exposed
//! rotations are found and eliminated one at a time until the host-optimal
//! matching is reached (§2.5). The rotation poset comes from the two
//! labelling rules of §3.3 (a rotation follows the one that put a seeker on
//! its seat, and the ones that lift a seat above a seeker it skips). Closed
//! sets of rotations are exactly the stable matchings: the egalitarian one
//! is a minimum-weight closed set, found with a small max-flow (Picard,
//! 1976); the minimum-regret one is the smallest closed set meeting a regret
//! threshold, found by trying thresholds in increasing order (Gusfield, 1987).
//!
//! `build.rs` finds the rotations and the poset; `closure.rs` is the max-flow;
//! here are the types and everything read off the poset.
//!
//! [`deferred_acceptance`]: fn@crate::deferred_acceptance

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::instance::Instance;
use crate::matching::{Matching, Mechanism};

const NONE: u32 = u32::MAX;

/// One seeker's move in a rotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RotationMove {
    /// Seeker id.
    pub seeker: String,
    /// Host it leaves.
    pub from: String,
    /// Host it moves to (the same host when it only changes seat).
    pub to: String,
}

/// A rotation: eliminating it moves every listed seeker one step down its
/// list of stable partners, and lifts the hosts involved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RotationInfo {
    /// The moves.
    pub moves: Vec<RotationMove>,
    /// Change of the egalitarian cost (sum of both sides' ranks) when it is eliminated.
    pub weight: i64,
    /// Indices (into the rotation list) of the rotations that must be eliminated first.
    pub predecessors: Vec<usize>,
}

/// Stable matchings listed by [`StableLattice::enumerate`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Enumeration {
    /// The matchings found, the seeker-optimal one first.
    pub matchings: Vec<Matching>,
    /// Whether the list is complete (false when the limit cut it short).
    pub complete: bool,
}

#[derive(Debug, Clone)]
struct Rotation {
    /// (seeker, from host, to host, seeker entry of the new host)
    moves: Vec<(u32, u32, u32)>,
    weight: i64,
    preds: Vec<u32>,
}

/// The lattice of stable matchings of an instance (ties broken by a seed).
#[derive(Debug, Clone)]
pub struct StableLattice<'a> {
    instance: &'a Instance,
    seed: u64,
    m0: Vec<Option<u32>>,
    mz: Vec<Option<u32>>,
    rotations: Vec<Rotation>,
    succs: Vec<Vec<u32>>,
    /// Per seeker, the rotations that move it, in order, with its rank (0-based) after each.
    seeker_steps: Vec<Vec<(u32, u32)>>,
    /// Per host seat, (rotation, rank of the new occupant) in order, after the initial rank.
    seat_steps: Vec<(u32, Vec<(u32, u32)>)>,
}

mod build;
mod closure;

use self::closure::MaxFlow;

impl StableLattice<'_> {
    /// Number of rotations.
    #[must_use]
    pub fn rotation_count(&self) -> usize {
        self.rotations.len()
    }

    /// The rotations, in an order compatible with the poset.
    #[must_use]
    pub fn rotations(&self) -> Vec<RotationInfo> {
        let sid = |i: u32| self.instance.seeker_id(i as usize).unwrap_or_default().to_owned();
        let hid = |j: u32| self.instance.host_id(j as usize).unwrap_or_default().to_owned();
        self.rotations
            .iter()
            .map(|r| RotationInfo {
                moves: r
                    .moves
                    .iter()
                    .map(|&(s, f, t)| RotationMove { seeker: sid(s), from: hid(f), to: hid(t) })
                    .collect(),
                weight: r.weight,
                predecessors: r.preds.iter().map(|&p| p as usize).collect(),
            })
            .collect()
    }

    fn mechanism(&self, name: &str) -> Mechanism {
        Mechanism::new(name).with("seed", self.seed)
    }

    /// The matching after eliminating the rotations marked in `set` (which must be closed).
    fn apply(&self, set: &[bool]) -> Vec<Option<u32>> {
        let mut a = self.m0.clone();
        for (k, r) in self.rotations.iter().enumerate() {
            if set.get(k).copied().unwrap_or(false) {
                for &(s, _, t) in &r.moves {
                    if let Some(x) = a.get_mut(s as usize) {
                        *x = Some(t);
                    }
                }
            }
        }
        a
    }

    /// The seeker-optimal stable matching (every seeker's best stable partner).
    #[must_use]
    pub fn seeker_optimal(&self) -> Matching {
        Matching::from_assignment(self.instance, &self.m0, self.mechanism("seeker-optimal stable"))
    }

    /// The host-optimal stable matching (every seeker's worst stable partner).
    #[must_use]
    pub fn host_optimal(&self) -> Matching {
        Matching::from_assignment(self.instance, &self.mz, self.mechanism("host-optimal stable"))
    }

    /// A stable matching with the smallest egalitarian cost: the sum, over
    /// matched pairs, of both sides' ranks of each other.
    #[must_use]
    pub fn egalitarian(&self) -> Matching {
        let n = self.rotations.len();
        // Maximum-weight closure with profit -weight (Picard): source -> k
        // for profit > 0, k -> sink for profit < 0, k -> predecessor infinite.
        let (src, sink) = (n, n + 1);
        let mut flow = MaxFlow::new(n + 2);
        let inf =
            self.rotations.iter().map(|r| r.weight.unsigned_abs()).sum::<u64>().saturating_add(1);
        for (k, r) in self.rotations.iter().enumerate() {
            let profit = -r.weight;
            if profit > 0 {
                flow.add_edge(src, k, profit.unsigned_abs());
            } else if profit < 0 {
                flow.add_edge(k, sink, profit.unsigned_abs());
            }
            for &p in &r.preds {
                flow.add_edge(k, p as usize, inf);
            }
        }
        flow.run(src, sink);
        let reach = flow.reachable(src);
        let set: Vec<bool> = (0..n).map(|k| reach.get(k).copied().unwrap_or(false)).collect();
        Matching::from_assignment(
            self.instance,
            &self.apply(&set),
            self.mechanism("egalitarian stable"),
        )
    }

    /// The closure (under predecessors) of the rotations marked in `seed`.
    fn down_closure(&self, mut set: Vec<bool>) -> Vec<bool> {
        let mut queue: VecDeque<usize> =
            set.iter().enumerate().filter(|(_, b)| **b).map(|(k, _)| k).collect();
        while let Some(k) = queue.pop_front() {
            for &p in self.rotations.get(k).map(|r| r.preds.as_slice()).unwrap_or(&[]) {
                if let Some(x) = set.get_mut(p as usize)
                    && !*x
                {
                    *x = true;
                    queue.push_back(p as usize);
                }
            }
        }
        set
    }

    fn up_closure(&self, mut set: Vec<bool>) -> Vec<bool> {
        let mut queue: VecDeque<usize> =
            set.iter().enumerate().filter(|(_, b)| **b).map(|(k, _)| k).collect();
        while let Some(k) = queue.pop_front() {
            for &p in self.succs.get(k).map(Vec::as_slice).unwrap_or(&[]) {
                if let Some(x) = set.get_mut(p as usize)
                    && !*x
                {
                    *x = true;
                    queue.push_back(p as usize);
                }
            }
        }
        set
    }

    /// The smallest closed set in which every agent's rank of its partner is at most `t`, if any.
    fn within_regret(&self, t: u32) -> Option<Vec<bool>> {
        let n = self.rotations.len();
        let mut must = vec![false; n];
        let mut forbid = vec![false; n];
        for (i, steps) in self.seeker_steps.iter().enumerate() {
            let Some(j) = self.m0.get(i).copied().flatten() else { continue };
            if self.instance.seeker_rank(i, j as usize).unwrap_or(0) > t {
                return None;
            }
            if let Some(&(k, _)) = steps.iter().find(|&&(_, r)| r > t)
                && let Some(x) = forbid.get_mut(k as usize)
            {
                *x = true;
            }
        }
        for (init, steps) in &self.seat_steps {
            if *init <= t {
                continue;
            }
            let &(k, _) = steps.iter().find(|&&(_, r)| r <= t)?;
            if let Some(x) = must.get_mut(k as usize) {
                *x = true;
            }
        }
        let must = self.down_closure(must);
        let forbid = self.up_closure(forbid);
        if must.iter().zip(&forbid).any(|(a, b)| *a && *b) { None } else { Some(must) }
    }

    /// A stable matching whose worst-off agent (on either side, including
    /// seekers fixed by required pairs) is as well off as possible; among
    /// those, the best for the seekers.
    #[must_use]
    pub fn minimum_regret(&self) -> Matching {
        let max_rank = self
            .seeker_steps
            .iter()
            .flat_map(|s| s.iter().map(|&(_, r)| r))
            .chain(self.seat_steps.iter().map(|&(r, _)| r))
            .chain((0..self.m0.len()).filter_map(|i| {
                let j = self.m0.get(i).copied().flatten()?;
                self.instance.seeker_rank(i, j as usize)
            }))
            .max()
            .unwrap_or(0);
        let set = (0..=max_rank)
            .find_map(|t| self.within_regret(t))
            .unwrap_or_else(|| vec![false; self.rotations.len()]);
        Matching::from_assignment(
            self.instance,
            &self.apply(&set),
            self.mechanism("minimum-regret stable"),
        )
    }

    /// Lists stable matchings (one per closed set of rotations), at most `limit` of them.
    #[must_use]
    pub fn enumerate(&self, limit: usize) -> Enumeration {
        let mut out: Vec<Vec<bool>> = Vec::new();
        let complete = self.ideals(limit, &mut out);
        let matchings = out
            .iter()
            .enumerate()
            .map(|(idx, s)| {
                Matching::from_assignment(
                    self.instance,
                    &self.apply(s),
                    self.mechanism("stable enumeration").with("index", idx),
                )
            })
            .collect();
        Enumeration { matchings, complete }
    }

    /// Depth-first over rotations in chain order, without recursion (the
    /// chain can be long): exclude first (so the seeker-optimal matching
    /// comes first), then include when every predecessor is in and no
    /// excluded rotation precedes it. Returns false when the limit stopped
    /// the search.
    fn ideals(&self, limit: usize, out: &mut Vec<Vec<bool>>) -> bool {
        let n = self.rotations.len();
        let mut set = vec![false; n];
        let mut blocked = vec![0u32; n];
        let no_succs: &[u32] = &[];
        // (rotation, stage): 0 = exclude next, 1 = include next, 2 = undo.
        let mut stack: Vec<(usize, u8)> = vec![(0, 0)];
        while let Some(top) = stack.last_mut() {
            let (k, stage) = *top;
            if k == n {
                if out.len() >= limit {
                    return false;
                }
                out.push(set.clone());
                stack.pop();
                continue;
            }
            let succs = self.succs.get(k).map_or(no_succs, Vec::as_slice);
            match stage {
                0 => {
                    top.1 = 1;
                    for &s in succs {
                        if let Some(b) = blocked.get_mut(s as usize) {
                            *b += 1;
                        }
                    }
                    stack.push((k + 1, 0));
                }
                1 => {
                    top.1 = 2;
                    for &s in succs {
                        if let Some(b) = blocked.get_mut(s as usize) {
                            *b -= 1;
                        }
                    }
                    let allowed = blocked.get(k).copied().unwrap_or(0) == 0
                        && self.rotations.get(k).is_some_and(|r| {
                            r.preds.iter().all(|&p| set.get(p as usize).copied().unwrap_or(false))
                        });
                    if allowed {
                        if let Some(x) = set.get_mut(k) {
                            *x = true;
                        }
                        stack.push((k + 1, 0));
                    }
                }
                _ => {
                    if let Some(x) = set.get_mut(k) {
                        *x = false;
                    }
                    stack.pop();
                }
            }
        }
        true
    }
}
