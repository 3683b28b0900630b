//! Deferred acceptance (Gale–Shapley, in Roth's hospitals–residents form)
//! with either side proposing, capacities, incomplete lists and seedable
//! tie-breaking.
//!
//! # Tie-breaking rule
//!
//! Ties are broken before the algorithm runs, giving every agent a strict
//! order; a matching stable for the strict orders is weakly stable for the
//! lists as written.
//!
//! * Seed `0`: inside a tie, the order in which the tie is written.
//! * Seed `s ≠ 0`: a *single lottery* per side. Seeker `i` draws
//!   `splitmix64(s + 2·i)` and host `j` draws `splitmix64(s + 2·j + 1)`
//!   (wrapping arithmetic); inside a tie the partner with the smaller number
//!   comes first, equal numbers fall back to the smaller index.
//!
//! The same rule serves the stable lattice ([`crate::lattice`]).

use crate::error::Side;
use crate::instance::{Instance, RawRows, Rows};

const NONE: u32 = u32::MAX;
use crate::matching::{Matching, Mechanism};

/// One step of the splitmix64 generator (Steele, Lea and Flood), used as a hash.
#[must_use]
pub(crate) fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The lottery number of an agent on `side` under `seed` (see the module docs).
fn lottery(seed: u64, side: Side, index: u32) -> u64 {
    let k = u64::from(index).wrapping_mul(2).wrapping_add(u64::from(side == Side::Host));
    splitmix64(seed.wrapping_add(k))
}

/// A strict view of one side's rows after tie-breaking: `order` lists each
/// row's entries in strict order (same offsets as the rows) and `pos` gives
/// each entry's strict position inside its row. `None` means the identity
/// (entries are already in strict order).
#[derive(Debug, Clone)]
pub(crate) struct StrictSide {
    order: Option<Vec<u32>>,
    pos: Option<Vec<u32>>,
}

/// Both sides of an instance with ties broken by a seed.
#[derive(Debug, Clone)]
pub(crate) struct Strict<'a> {
    pub(crate) instance: &'a Instance,
    /// Whether the strict orders are the lists as written (seed 0 or no ties).
    identity: bool,
    seekers: StrictSide,
    hosts: StrictSide,
}

fn break_side(rows: &Rows, seed: u64, partner_side: Side) -> StrictSide {
    let m = rows.partner.len();
    let mut order: Vec<u32> = (0..u32::try_from(m).unwrap_or(u32::MAX)).collect();
    let agents = rows.start.len().saturating_sub(1);
    for a in 0..agents {
        let row = rows.row(a);
        let mut s = row.start;
        while s < row.end {
            let r = rows.rank.get(s).copied().unwrap_or(0);
            let mut e = s + 1;
            while e < row.end && rows.rank.get(e).copied() == Some(r) {
                e += 1;
            }
            if e - s > 1
                && let Some(seg) = order.get_mut(s..e)
            {
                seg.sort_by_key(|&x| {
                    let p = rows.partner.get(x as usize).copied().unwrap_or(0);
                    (lottery(seed, partner_side, p), p)
                });
            }
            s = e;
        }
    }
    let mut pos = vec![0u32; m];
    for a in 0..agents {
        let row = rows.row(a);
        let base = row.start;
        for k in row {
            if let Some(&e) = order.get(k)
                && let Some(p) = pos.get_mut(e as usize)
            {
                *p = u32::try_from(k - base).unwrap_or(u32::MAX);
            }
        }
    }
    StrictSide { order: Some(order), pos: Some(pos) }
}

impl<'a> Strict<'a> {
    /// Breaks the ties of `instance` by `seed`.
    pub(crate) fn new(instance: &'a Instance, seed: u64) -> Self {
        if seed == 0 || !instance.has_ties() {
            let id = StrictSide { order: None, pos: None };
            return Self { instance, identity: true, seekers: id.clone(), hosts: id };
        }
        Self {
            instance,
            identity: false,
            seekers: break_side(instance.seeker_rows(), seed, Side::Host),
            hosts: break_side(instance.host_rows(), seed, Side::Seeker),
        }
    }

    pub(crate) fn rows(&self, side: Side) -> &'a Rows {
        match side {
            Side::Seeker => self.instance.seeker_rows(),
            Side::Host => self.instance.host_rows(),
        }
    }

    fn side(&self, side: Side) -> &StrictSide {
        match side {
            Side::Seeker => &self.seekers,
            Side::Host => &self.hosts,
        }
    }

    /// Strict position of entry `e` (of agent `a` on `side`) inside its row.
    pub(crate) fn pos(&self, side: Side, a: usize, e: usize) -> u32 {
        match &self.side(side).pos {
            Some(p) => p.get(e).copied().unwrap_or(u32::MAX),
            None => {
                let start = self.rows(side).start.get(a).copied().unwrap_or(0) as usize;
                u32::try_from(e.saturating_sub(start)).unwrap_or(u32::MAX)
            }
        }
    }

    /// Entry at strict position `k` of agent `a`'s row on `side`.
    pub(crate) fn entry_at(&self, side: Side, a: usize, k: usize) -> Option<usize> {
        let row = self.rows(side).row(a);
        let e = row.start.checked_add(k)?;
        if e >= row.end {
            return None;
        }
        match &self.side(side).order {
            Some(o) => o.get(e).map(|&x| x as usize),
            None => Some(e),
        }
    }
}

/// What a proposer finds at one position of its list (see [`propose`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Offer {
    /// Past the end of the list.
    End,
    /// A partner that is not open to this proposer (closed, forbidden, or
    /// not listing it): the proposer goes on down its list.
    Skip,
    /// Receiver `slot`, which ranks the proposer at `rank` (smaller is
    /// better; every receiver's ranks of its proposers are distinct).
    To {
        /// The receiver's slot, below the number of slot quotas.
        slot: usize,
        /// The receiver's strict position of the proposer.
        rank: u32,
    },
}

/// The offers each receiver slot holds at the end of [`propose`].
#[derive(Debug, Clone)]
pub(crate) struct Held {
    /// `start[r]..start[r + 1]`: slot `r`'s part of `heap`.
    start: Vec<usize>,
    /// How much of each slot's part is in use.
    len: Vec<usize>,
    /// Per slot a max-heap of `(rank, proposer)`.
    heap: Vec<(u32, u32)>,
}

impl Held {
    /// Every held `(slot, proposer)`, slot by slot.
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (usize, u32)> + '_ {
        self.len.iter().enumerate().flat_map(move |(r, &len)| {
            let base = self.start.get(r).copied().unwrap_or(0);
            self.heap.get(base..base + len).unwrap_or(&[]).iter().map(move |&(_, p)| (r, p))
        })
    }
}

/// Deferred acceptance on strict orders — the one implementation every
/// mechanism of this crate runs. Proposer `p` (below `prop_quota.len()`)
/// proposes down its list, `offer(p, k)` being what it finds at position
/// `k`, while it holds fewer offers than `prop_quota[p]`; receiver slot `r`
/// keeps its best `slot_quota[r]` offers (a max-heap by rank) and rejects
/// the rest. A slot quota is also the size of the slot's heap, so callers cap
/// it at the number of proposers that can reach the slot.
///
/// The result is the proposer-optimal stable matching of the strict market,
/// whatever the order of proposals (Gale and Shapley; Roth for capacities).
pub(crate) fn propose(
    prop_quota: &[u32],
    slot_quota: &[u32],
    mut offer: impl FnMut(usize, usize) -> Offer,
) -> Held {
    let n_r = slot_quota.len();
    let mut start = Vec::with_capacity(n_r + 1);
    let mut total = 0usize;
    for &q in slot_quota {
        start.push(total);
        total += q as usize;
    }
    start.push(total);
    let mut heap: Vec<(u32, u32)> = vec![(0, 0); total];
    let mut heap_len = vec![0usize; n_r];
    let n_p = prop_quota.len();
    let mut next = vec![0usize; n_p];
    let mut holding = vec![0u32; n_p];
    let mut stack: Vec<u32> = (0..u32::try_from(n_p).unwrap_or(NONE))
        .rev()
        .filter(|&p| prop_quota.get(p as usize).copied().unwrap_or(0) > 0)
        .collect();
    while let Some(&p) = stack.last() {
        let pi = p as usize;
        let (Some(nx), Some(&h), Some(&quota)) =
            (next.get_mut(pi), holding.get(pi), prop_quota.get(pi))
        else {
            stack.pop();
            continue;
        };
        if h >= quota {
            stack.pop();
            continue;
        }
        let (r, pos) = match offer(pi, *nx) {
            Offer::End => {
                stack.pop();
                continue;
            }
            Offer::Skip => {
                *nx += 1;
                continue;
            }
            Offer::To { slot, rank } => {
                *nx += 1;
                (slot, rank)
            }
        };
        let (Some(&base), Some(&end), Some(len)) =
            (start.get(r), start.get(r + 1), heap_len.get_mut(r))
        else {
            continue;
        };
        let Some(hp) = heap.get_mut(base..end) else { continue };
        if hp.is_empty() {
            continue;
        }
        if *len < hp.len() {
            // Push and sift up.
            let mut c = *len;
            *len += 1;
            if let Some(x) = hp.get_mut(c) {
                *x = (pos, p);
            }
            while c > 0 {
                let parent = (c - 1) / 2;
                let (Some(&a), Some(&b)) = (hp.get(parent), hp.get(c)) else { break };
                if a.0 >= b.0 {
                    break;
                }
                hp.swap(parent, c);
                c = parent;
            }
            if let Some(x) = holding.get_mut(pi) {
                *x += 1;
            }
            continue;
        }
        let Some(&(top_pos, evicted)) = hp.first() else { continue };
        if pos >= top_pos {
            continue; // rejected
        }
        // Replace the worst offer and sift down.
        if let Some(x) = hp.first_mut() {
            *x = (pos, p);
        }
        let n = hp.len();
        let mut c = 0usize;
        loop {
            let (l, rr) = (2 * c + 1, 2 * c + 2);
            let mut big = c;
            if l < n && hp.get(l).map(|x| x.0) > hp.get(big).map(|x| x.0) {
                big = l;
            }
            if rr < n && hp.get(rr).map(|x| x.0) > hp.get(big).map(|x| x.0) {
                big = rr;
            }
            if big == c {
                break;
            }
            hp.swap(c, big);
            c = big;
        }
        if let Some(x) = holding.get_mut(pi) {
            *x += 1;
        }
        if let Some(x) = holding.get_mut(evicted as usize) {
            *x = x.saturating_sub(1);
        }
        stack.push(evicted);
    }
    Held { start, len: heap_len, heap }
}

/// `quota` capped, per agent, at the length of its row in `rows` (nobody
/// holds more offers than it has partners to receive them from).
fn capped(quota: &[u32], row_len: impl Fn(usize) -> usize) -> Vec<u32> {
    quota
        .iter()
        .enumerate()
        .map(|(r, &q)| q.min(u32::try_from(row_len(r)).unwrap_or(u32::MAX)))
        .collect()
}

/// Seeker quotas (0 for seekers fixed by a required pair) and host quotas
/// (capacity minus required seekers), plus the fixed assignment.
pub(crate) fn quotas(instance: &Instance) -> (Vec<u32>, Vec<u32>, Vec<Option<u32>>) {
    let mut seeker_quota = vec![1u32; instance.seeker_count()];
    let mut host_quota: Vec<u32> =
        (0..instance.host_count()).map(|j| instance.capacity(j)).collect();
    let mut fixed = vec![None; instance.seeker_count()];
    for &(i, j) in instance.required_pairs() {
        if let Some(q) = seeker_quota.get_mut(i as usize) {
            *q = 0;
        }
        if let Some(q) = host_quota.get_mut(j as usize) {
            *q = q.saturating_sub(1);
        }
        if let Some(f) = fixed.get_mut(i as usize) {
            *f = Some(j);
        }
    }
    (seeker_quota, host_quota, fixed)
}

/// Position of each proposer in each receiver's list as written: a dense
/// table when at least a quarter of all pairs are listed, else each row's
/// (proposer, position) pairs sorted for binary search. Dense positions are
/// 16-bit when every receiver's list is shorter than `u16::MAX`.
enum PosTable {
    Narrow { pos: Vec<u16>, stride: usize },
    Dense { pos: Vec<u32>, stride: usize },
    Sorted { start: Vec<u32>, pairs: Vec<(u32, u32)> },
}

impl PosTable {
    fn build(recv: &RawRows, n_recv: usize, n_prop: usize) -> Self {
        let entries = recv.partner.len();
        if let Some(cells) = n_recv.checked_mul(n_prop)
            && cells <= entries.saturating_mul(4)
            && cells < (1 << 28)
        {
            let longest = (0..n_recv).map(|r| recv.row(r).len()).max().unwrap_or(0);
            if longest < usize::from(u16::MAX) {
                let mut pos = vec![u16::MAX; cells];
                for r in 0..n_recv {
                    let row = recv.row(r);
                    let base = r * n_prop;
                    for (k, &p) in recv.partner.get(row).unwrap_or(&[]).iter().enumerate() {
                        if let Some(x) = pos.get_mut(base + p as usize) {
                            *x = u16::try_from(k).unwrap_or(u16::MAX);
                        }
                    }
                }
                return Self::Narrow { pos, stride: n_prop };
            }
            let mut pos = vec![NONE; cells];
            for r in 0..n_recv {
                let row = recv.row(r);
                let base = r * n_prop;
                for (k, &p) in recv.partner.get(row).unwrap_or(&[]).iter().enumerate() {
                    if let Some(x) = pos.get_mut(base + p as usize) {
                        *x = u32::try_from(k).unwrap_or(NONE);
                    }
                }
            }
            return Self::Dense { pos, stride: n_prop };
        }
        let mut pairs = Vec::with_capacity(entries);
        for r in 0..n_recv {
            let row = recv.row(r);
            let start = pairs.len();
            for (k, &p) in recv.partner.get(row).unwrap_or(&[]).iter().enumerate() {
                pairs.push((p, u32::try_from(k).unwrap_or(NONE)));
            }
            if let Some(seg) = pairs.get_mut(start..) {
                seg.sort_unstable();
            }
        }
        Self::Sorted { start: recv.start.clone(), pairs }
    }

    fn get(&self, r: usize, p: u32) -> u32 {
        match self {
            Self::Narrow { pos, stride } => pos
                .get(r * stride + p as usize)
                .filter(|&&x| x != u16::MAX)
                .map_or(NONE, |&x| u32::from(x)),
            Self::Dense { pos, stride } => {
                pos.get(r * stride + p as usize).copied().unwrap_or(NONE)
            }
            Self::Sorted { start, pairs } => {
                let (Some(&s), Some(&e)) = (start.get(r), start.get(r + 1)) else { return NONE };
                let Some(seg) = pairs.get(s as usize..e as usize) else { return NONE };
                seg.binary_search_by_key(&p, |&(x, _)| x)
                    .ok()
                    .and_then(|k| seg.get(k))
                    .map_or(NONE, |&(_, q)| q)
            }
        }
    }
}

/// Deferred acceptance on the lists as written (no tie-breaking needed):
/// proposers walk their raw rows; a receiver ranks a proposer by its
/// position in the receiver's raw row. Unacceptable and forbidden pairs are
/// skipped as they come up. Returns the held `(receiver, proposer)` pairs.
fn da_written(
    instance: &Instance,
    proposer: Side,
    prop_quota: &[u32],
    recv_quota: &[u32],
) -> Vec<(u32, u32)> {
    let prows = instance.raw_rows(proposer);
    let rrows = instance.raw_rows(proposer.other());
    let (n_p, n_r) = match proposer {
        Side::Seeker => (instance.seeker_count(), instance.host_count()),
        Side::Host => (instance.host_count(), instance.seeker_count()),
    };
    let table = PosTable::build(rrows, n_r, n_p);
    let forbidden = instance.has_forbidden();
    let slot_quota = capped(recv_quota.get(..n_r).unwrap_or(recv_quota), |r| rrows.row(r).len());
    let held = propose(prop_quota.get(..n_p).unwrap_or(prop_quota), &slot_quota, |p, k| {
        let row = prows.row(p);
        let Some(&r) = prows.partner.get(row.start + k).filter(|_| k < row.len()) else {
            return Offer::End;
        };
        if forbidden {
            let (i, j) = match proposer {
                Side::Seeker => (p, r as usize),
                Side::Host => (r as usize, p),
            };
            if instance.is_forbidden(i, j) {
                return Offer::Skip;
            }
        }
        match table.get(r as usize, u32::try_from(p).unwrap_or(NONE)) {
            NONE => Offer::Skip,
            rank => Offer::To { slot: r as usize, rank },
        }
    });
    held.pairs().map(|(r, p)| (u32::try_from(r).unwrap_or(NONE), p)).collect()
}

/// Runs deferred acceptance on the strict view and returns seeker → host.
pub(crate) fn da_assignment(strict: &Strict<'_>, proposing: Side) -> Vec<Option<u32>> {
    let instance = strict.instance;
    let (seeker_quota, host_quota, mut assignment) = quotas(instance);
    let (pq, rq) = match proposing {
        Side::Seeker => (&seeker_quota, &host_quota),
        Side::Host => (&host_quota, &seeker_quota),
    };
    let held = if strict.identity {
        da_written(instance, proposing, pq, rq)
    } else {
        let receiver = proposing.other();
        let prows = strict.rows(proposing);
        let rrows = strict.rows(receiver);
        let slot_quota = capped(rq, |r| rrows.row(r).len());
        propose(pq, &slot_quota, |p, k| {
            let Some(e) = strict.entry_at(proposing, p, k) else { return Offer::End };
            let (Some(&r), Some(&re)) = (prows.partner.get(e), prows.mirror.get(e)) else {
                return Offer::End;
            };
            let slot = r as usize;
            Offer::To { slot, rank: strict.pos(receiver, slot, re as usize) }
        })
        .pairs()
        .map(|(r, p)| (u32::try_from(r).unwrap_or(NONE), p))
        .collect()
    };
    for (r, p) in held {
        let (i, j) = match proposing {
            Side::Seeker => (p, r),
            Side::Host => (r, p),
        };
        if let Some(slot) = assignment.get_mut(i as usize) {
            *slot = Some(j);
        }
    }
    assignment
}

/// Deferred acceptance with `proposing` side proposing and ties broken by
/// `seed` (see the module docs for the rule).
///
/// The result is stable for the tie-broken orders, hence weakly stable for
/// the lists as written; among such matchings it is the best for every agent
/// of the proposing side, and truthful reporting is a dominant strategy for
/// that side (with strict preferences). Required pairs are fixed in advance
/// (their seeker does not take part, their host has one seat fewer); the
/// result is stable among the remaining agents. The budget `max_hosts` is
/// not applied here: every host with capacity takes part.
#[must_use]
pub fn deferred_acceptance(instance: &Instance, proposing: Side, seed: u64) -> Matching {
    let strict = Strict::new(instance, seed);
    let assignment = da_assignment(&strict, proposing);
    let name = match proposing {
        Side::Seeker => "seeker-proposing deferred acceptance",
        Side::Host => "host-proposing deferred acceptance",
    };
    Matching::from_assignment(
        instance,
        &assignment,
        Mechanism::new(name).with("proposing", proposing).with("seed", seed),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Limits;

    #[test]
    fn textbook_marriage() {
        // Gale and Shapley's three-by-three example with both ends differing.
        let s = vec![vec![0, 1, 2], vec![1, 2, 0], vec![2, 0, 1]];
        let h = vec![vec![1, 2, 0], vec![2, 0, 1], vec![0, 1, 2]];
        let inst = Instance::from_strict_lists(&s, &h, &[1, 1, 1], &Limits::default()).unwrap();
        let m = deferred_acceptance(&inst, Side::Seeker, 0);
        assert_eq!(m.metrics.rank_profile, vec![3]);
        let m = deferred_acceptance(&inst, Side::Host, 0);
        assert_eq!(m.metrics.host_rank_profile, vec![3]);
    }

    #[test]
    fn splitmix_reference_value() {
        // First output of splitmix64 seeded with 0 (reference implementation).
        assert_eq!(splitmix64(0), 0xE220_A839_7B1D_CDAF);
    }
}
