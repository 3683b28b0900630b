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
//! [`deferred_acceptance`]: fn@crate::deferred_acceptance

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use crate::deferred_acceptance::{Strict, da_assignment, quotas};
use crate::error::{Error, Side};
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

/// Host-side strict position of seeker `i` at host entry `he`.
fn host_pos(strict: &Strict<'_>, j: usize, he: usize) -> u32 {
    strict.pos(Side::Host, j, he)
}

struct Walker<'s, 'a> {
    strict: &'s Strict<'a>,
    host_of: Vec<Option<u32>>,
    /// Seeker row entry of its host.
    entry: Vec<u32>,
    /// Per host: (host strict position, seeker), sorted.
    assigned: Vec<Vec<(u32, u32)>>,
}

impl Walker<'_, '_> {
    fn seat(&self, i: usize) -> Option<(u32, usize)> {
        let j = self.host_of.get(i).copied().flatten()?;
        let e = self.entry.get(i).copied()? as usize;
        let he = self.strict.instance.seeker_rows().mirror.get(e).copied()? as usize;
        let p = host_pos(self.strict, j as usize, he);
        let t = self.assigned.get(j as usize)?.partition_point(|&(q, _)| q < p);
        Some((j, t))
    }

    /// s_M(i): the next seat for seeker `i` and its occupant, with the seeker entry of that host.
    fn next_seat(&self, i: usize) -> Option<((u32, usize), u32, u32)> {
        let (j, t) = self.seat(i)?;
        let list = self.assigned.get(j as usize)?;
        let e_cur = self.entry.get(i).copied()?;
        if let Some(&(_, occ)) = list.get(t + 1) {
            return Some(((j, t + 1), occ, e_cur));
        }
        let rows = self.strict.instance.seeker_rows();
        let p_cur = self.strict.pos(Side::Seeker, i, e_cur as usize) as usize;
        let len = rows.row(i).len();
        for k in p_cur + 1..len {
            let e = self.strict.entry_at(Side::Seeker, i, k)?;
            let h = rows.partner.get(e).copied()?;
            let Some(list) = self.assigned.get(h as usize) else { continue };
            if list.is_empty() {
                continue;
            }
            let he = rows.mirror.get(e).copied()? as usize;
            let hp = host_pos(self.strict, h as usize, he);
            let idx = list.partition_point(|&(q, _)| q < hp);
            if let Some(&(_, occ)) = list.get(idx) {
                return Some(((h, idx), occ, u32::try_from(e).ok()?));
            }
        }
        None
    }

    fn set(&mut self, i: usize, host: Option<u32>, e: u32) {
        let rows = self.strict.instance.seeker_rows();
        if let Some(old) = self.host_of.get(i).copied().flatten()
            && let Some(list) = self.assigned.get_mut(old as usize)
        {
            list.retain(|&(_, s)| s as usize != i);
        }
        if let Some(h) = host {
            let he = rows.mirror.get(e as usize).copied().unwrap_or(0) as usize;
            let p = host_pos(self.strict, h as usize, he);
            if let Some(list) = self.assigned.get_mut(h as usize) {
                let at = list.partition_point(|&(q, _)| q < p);
                list.insert(at, (p, u32::try_from(i).unwrap_or(NONE)));
            }
        }
        if let Some(x) = self.host_of.get_mut(i) {
            *x = host;
        }
        if let Some(x) = self.entry.get_mut(i) {
            *x = e;
        }
    }
}

fn cost(instance: &Instance, assignment: &[Option<u32>]) -> i64 {
    let mut c = 0i64;
    for (i, a) in assignment.iter().enumerate() {
        if let Some(j) = a {
            let j = *j as usize;
            c += i64::from(instance.seeker_rank(i, j).unwrap_or(0)) + 1;
            c += i64::from(instance.host_rank(j, i).unwrap_or(0)) + 1;
        }
    }
    c
}

impl<'a> StableLattice<'a> {
    /// Computes both ends of the lattice, every rotation and the rotation poset.
    ///
    /// Required pairs are fixed in advance, as in [`deferred_acceptance`].
    ///
    /// # Errors
    ///
    /// [`Error::Unsupported`] if the rotation search fails to reach the
    /// host-optimal matching (an internal consistency check that should never fire).
    ///
    /// [`deferred_acceptance`]: fn@crate::deferred_acceptance
    pub fn new(instance: &'a Instance, seed: u64) -> Result<Self, Error> {
        let strict = Strict::new(instance, seed);
        let m0 = da_assignment(&strict, Side::Seeker);
        let mz = da_assignment(&strict, Side::Host);
        let (seeker_quota, _, _) = quotas(instance);
        let n_s = instance.seeker_count();
        let n_h = instance.host_count();
        let rows = instance.seeker_rows();
        let entry_of = |i: usize, j: Option<u32>| -> u32 {
            j.and_then(|j| rows.find(i, j)).and_then(|e| u32::try_from(e).ok()).unwrap_or(NONE)
        };
        let mut w = Walker {
            strict: &strict,
            host_of: vec![None; n_s],
            entry: vec![NONE; n_s],
            assigned: vec![Vec::new(); n_h],
        };
        for i in 0..n_s {
            // Seekers fixed by required pairs stay outside the lattice.
            if seeker_quota.get(i).copied().unwrap_or(0) == 0 {
                continue;
            }
            let j = m0.get(i).copied().flatten();
            w.set(i, j, entry_of(i, j));
        }
        // Target seats (host-optimal end).
        let mut wz = Walker {
            strict: &strict,
            host_of: vec![None; n_s],
            entry: vec![NONE; n_s],
            assigned: vec![Vec::new(); n_h],
        };
        for i in 0..n_s {
            if seeker_quota.get(i).copied().unwrap_or(0) == 0 {
                continue;
            }
            let j = mz.get(i).copied().flatten();
            wz.set(i, j, entry_of(i, j));
        }
        let target: Vec<Option<(u32, usize)>> = (0..n_s).map(|i| wz.seat(i)).collect();
        // Seat histories: initial rank and changes.
        let fills: Vec<usize> = w.assigned.iter().map(Vec::len).collect();
        let mut seat_base = vec![0usize; n_h + 1];
        for j in 0..n_h {
            let f = fills.get(j).copied().unwrap_or(0);
            let b = seat_base.get(j).copied().unwrap_or(0);
            if let Some(x) = seat_base.get_mut(j + 1) {
                *x = b + f;
            }
        }
        let occupant_rank = |j: usize, s: u32| instance.host_rank(j, s as usize).unwrap_or(0);
        let mut seat_steps: Vec<(u32, Vec<(u32, u32)>)> = Vec::new();
        // Seat occupant history with strict positions, for rule 2.
        let mut seat_pos_hist: Vec<(u32, Vec<(u32, u32)>)> = Vec::new();
        for (j, list) in w.assigned.iter().enumerate() {
            for &(p, s) in list {
                seat_steps.push((occupant_rank(j, s), Vec::new()));
                seat_pos_hist.push((p, Vec::new()));
            }
        }
        let mut seeker_steps: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n_s];
        let mut rotations: Vec<Rotation> = Vec::new();
        let mut stamp = vec![(NONE, 0usize); n_s];
        let mut walk_id = 0u32;
        let mut cursor = 0usize;
        let mut cur_cost = cost(instance, &w.host_of);
        loop {
            // First seeker not yet at its host-optimal seat.
            while cursor < n_s && w.seat(cursor) == target.get(cursor).copied().flatten() {
                cursor += 1;
            }
            if cursor >= n_s {
                break;
            }
            walk_id += 1;
            let mut path: Vec<(u32, (u32, usize), u32)> = Vec::new(); // (seeker, next seat, entry)
            let mut m = cursor;
            let cycle_start = loop {
                if let Some(&(id, at)) = stamp.get(m)
                    && id == walk_id
                {
                    break at;
                }
                let Some((seat, occ, e)) = w.next_seat(m) else {
                    return Err(Error::Unsupported {
                        mechanism: "stable lattice",
                        reason: format!("internal: no next seat for seeker {m}"),
                    });
                };
                if let Some(s) = stamp.get_mut(m) {
                    *s = (walk_id, path.len());
                }
                path.push((u32::try_from(m).unwrap_or(NONE), seat, e));
                m = occ as usize;
                if path.len() > n_s {
                    return Err(Error::Unsupported {
                        mechanism: "stable lattice",
                        reason: "internal: rotation walk did not close".to_owned(),
                    });
                }
            };
            let cycle: Vec<(u32, (u32, usize), u32)> =
                path.get(cycle_start..).unwrap_or(&[]).to_vec();
            let k = u32::try_from(rotations.len()).unwrap_or(NONE);
            // Rule 2 needs the state before elimination: skipped seats.
            let mut preds: Vec<u32> = Vec::new();
            for &(s, (nh, nt), ne) in &cycle {
                let s = s as usize;
                let (Some((cj, _)), Some(e_cur)) = (w.seat(s), w.entry.get(s).copied()) else {
                    continue;
                };
                if nh == cj {
                    continue; // moves one seat down at the same host: nothing skipped
                }
                let p_cur = strict.pos(Side::Seeker, s, e_cur as usize) as usize;
                let p_new = strict.pos(Side::Seeker, s, ne as usize) as usize;
                for q in p_cur + 1..=p_new {
                    let Some(e) = strict.entry_at(Side::Seeker, s, q) else { continue };
                    let h = rows.partner.get(e).copied().unwrap_or(0) as usize;
                    let he = rows.mirror.get(e).copied().unwrap_or(0) as usize;
                    let hp = host_pos(&strict, h, he);
                    let seats = if q == p_new { nt } else { fills.get(h).copied().unwrap_or(0) };
                    let base = seat_base.get(h).copied().unwrap_or(0);
                    for t in 0..seats {
                        let Some((init, hist)) = seat_pos_hist.get(base + t) else { continue };
                        if *init < hp {
                            continue;
                        }
                        if let Some(&(rot, _)) = hist.iter().find(|&&(_, pos)| pos < hp) {
                            preds.push(rot);
                        }
                    }
                }
            }
            // Rule 1: the previous rotation of each seeker.
            for &(s, _, _) in &cycle {
                if let Some(&(rot, _)) = seeker_steps.get(s as usize).and_then(|v| v.last()) {
                    preds.push(rot);
                }
            }
            // Eliminate.
            let touched: Vec<u32> = {
                let mut t: Vec<u32> = Vec::new();
                for &(s, (nh, _), _) in &cycle {
                    if let Some(h) = w.host_of.get(s as usize).copied().flatten() {
                        t.push(h);
                    }
                    t.push(nh);
                }
                t.sort_unstable();
                t.dedup();
                t
            };
            let before: Vec<Vec<(u32, u32)>> = touched
                .iter()
                .map(|&h| w.assigned.get(h as usize).cloned().unwrap_or_default())
                .collect();
            let mut moves = Vec::with_capacity(cycle.len());
            for &(s, _, _) in &cycle {
                let from = w.host_of.get(s as usize).copied().flatten().unwrap_or(NONE);
                w.set(s as usize, None, NONE);
                moves.push((s, from, 0));
            }
            for (mv, &(s, (nh, _), ne)) in moves.iter_mut().zip(&cycle) {
                w.set(s as usize, Some(nh), ne);
                mv.2 = nh;
                let r = instance.seeker_rank(s as usize, nh as usize).unwrap_or(0);
                if let Some(v) = seeker_steps.get_mut(s as usize) {
                    v.push((k, r));
                }
            }
            for (h, old) in touched.iter().zip(&before) {
                let base = seat_base.get(*h as usize).copied().unwrap_or(0);
                let new = w.assigned.get(*h as usize).cloned().unwrap_or_default();
                for (t, (&(op, _), &(np, ns))) in old.iter().zip(new.iter()).enumerate() {
                    if op != np {
                        if let Some((_, hist)) = seat_pos_hist.get_mut(base + t) {
                            hist.push((k, np));
                        }
                        if let Some((_, hist)) = seat_steps.get_mut(base + t) {
                            hist.push((k, occupant_rank(*h as usize, ns)));
                        }
                    }
                }
            }
            let new_cost = cost(instance, &w.host_of);
            preds.sort_unstable();
            preds.dedup();
            preds.retain(|&p| p != k);
            rotations.push(Rotation { moves, weight: new_cost - cur_cost, preds });
            cur_cost = new_cost;
            if rotations.len() > rows.partner.len() + 1 {
                return Err(Error::Unsupported {
                    mechanism: "stable lattice",
                    reason: "internal: more rotations than acceptable pairs".to_owned(),
                });
            }
        }
        let mut succs: Vec<Vec<u32>> = vec![Vec::new(); rotations.len()];
        for (k, r) in rotations.iter().enumerate() {
            for &p in &r.preds {
                if let Some(v) = succs.get_mut(p as usize) {
                    v.push(u32::try_from(k).unwrap_or(NONE));
                }
            }
        }
        Ok(Self { instance, seed, m0, mz, rotations, succs, seeker_steps, seat_steps })
    }

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

/// A small Dinic max-flow on `u64` capacities.
#[derive(Debug)]
struct MaxFlow {
    head: Vec<Vec<usize>>,
    to: Vec<usize>,
    cap: Vec<u64>,
}

impl MaxFlow {
    fn new(n: usize) -> Self {
        Self { head: vec![Vec::new(); n], to: Vec::new(), cap: Vec::new() }
    }

    fn add_edge(&mut self, a: usize, b: usize, c: u64) {
        let e = self.to.len();
        self.to.push(b);
        self.cap.push(c);
        self.to.push(a);
        self.cap.push(0);
        if let Some(h) = self.head.get_mut(a) {
            h.push(e);
        }
        if let Some(h) = self.head.get_mut(b) {
            h.push(e + 1);
        }
    }

    fn levels(&self, s: usize) -> Vec<u32> {
        let mut level = vec![NONE; self.head.len()];
        let mut q = VecDeque::new();
        if let Some(l) = level.get_mut(s) {
            *l = 0;
        }
        q.push_back(s);
        while let Some(v) = q.pop_front() {
            let lv = level.get(v).copied().unwrap_or(NONE);
            for &e in self.head.get(v).map(Vec::as_slice).unwrap_or(&[]) {
                let (Some(&u), Some(&c)) = (self.to.get(e), self.cap.get(e)) else { continue };
                if c > 0 && level.get(u).copied() == Some(NONE) {
                    if let Some(l) = level.get_mut(u) {
                        *l = lv + 1;
                    }
                    q.push_back(u);
                }
            }
        }
        level
    }

    fn reachable(&self, s: usize) -> Vec<bool> {
        self.levels(s).iter().map(|&l| l != NONE).collect()
    }

    fn run(&mut self, s: usize, t: usize) -> u64 {
        let mut total = 0u64;
        loop {
            let level = self.levels(s);
            if level.get(t).copied().unwrap_or(NONE) == NONE {
                return total;
            }
            let mut it = vec![0usize; self.head.len()];
            loop {
                let f = self.augment(s, t, u64::MAX, &level, &mut it);
                if f == 0 {
                    break;
                }
                total = total.saturating_add(f);
            }
        }
    }

    /// Iterative DFS for one blocking-flow path.
    fn augment(&mut self, s: usize, t: usize, limit: u64, level: &[u32], it: &mut [usize]) -> u64 {
        let mut stack: Vec<usize> = Vec::new(); // edges on the path
        let mut v = s;
        loop {
            if v == t {
                let f = stack
                    .iter()
                    .filter_map(|&e| self.cap.get(e).copied())
                    .min()
                    .unwrap_or(0)
                    .min(limit);
                for &e in &stack {
                    if let Some(c) = self.cap.get_mut(e) {
                        *c -= f;
                    }
                    if let Some(c) = self.cap.get_mut(e ^ 1) {
                        *c += f;
                    }
                }
                return f;
            }
            let edges = self.head.get(v).map(Vec::as_slice).unwrap_or(&[]);
            let lv = level.get(v).copied().unwrap_or(NONE);
            let mut advanced = false;
            while let Some(&e) = it.get(v).and_then(|&k| edges.get(k)) {
                let u = self.to.get(e).copied().unwrap_or(0);
                if self.cap.get(e).copied().unwrap_or(0) > 0
                    && level.get(u).copied() == Some(lv.wrapping_add(1))
                {
                    stack.push(e);
                    v = u;
                    advanced = true;
                    break;
                }
                if let Some(k) = it.get_mut(v) {
                    *k += 1;
                }
            }
            if !advanced {
                // Dead end: retreat.
                let Some(e) = stack.pop() else { return 0 };
                v = self.to.get(e ^ 1).copied().unwrap_or(s);
                if let Some(k) = it.get_mut(v) {
                    *k += 1;
                }
            }
        }
    }
}
