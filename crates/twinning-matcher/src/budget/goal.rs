//! The value of a host subset: the best assignment to it (welfare) or the
//! seeker-proposing stable matching among it, and for the stable objective
//! the graph whose Lagrangian bounds a node.
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
#![allow(
    clippy::indexing_slicing,
    reason = "indices are internal and bounded by the sizes fixed at construction"
)]

use crate::deferred_acceptance::{Offer, propose};
use crate::flow::{Bipartite, UNMATCHED, max_weight_b_matching};
use crate::instance::Instance;
use crate::welfare::Residual;

/// Up to this many hosts, deferred acceptance finds an open host's slot in
/// a table by host (4 bytes a host, per run) rather than by a search.
const DENSE_SLOTS: usize = 1 << 14;

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
        self.stable_among(hosts, seekers).1
    }

    /// [`Market::deferred_acceptance`] with the weight of the matching. The
    /// proposals run over the given seekers only (numbered by their place
    /// in `seekers`, whose order does not change the outcome: it is the
    /// seeker-optimal stable matching), so a run costs what those seekers'
    /// lists cost, not the size of the whole market.
    pub(crate) fn stable_among(&self, hosts: &[u32], seekers: &[u32]) -> (i64, Vec<u32>) {
        let n = self.prefs.len();
        let quota = vec![1u32; seekers.len()];
        // A host holds at most as many seekers as list it.
        let slot_quota: Vec<u32> = hosts
            .iter()
            .map(|&h| {
                let listed = self.listed_by.get(h as usize).map_or(0, Vec::len);
                self.cap.get(h as usize).map_or(0, |&c| c.min(listed as u32))
            })
            .collect();
        // Slot of each open host: a table when many are open or the hosts
        // are few (a proposal then costs one look-up, and most proposals
        // go to hosts that are not open), else a search.
        let dense: Option<Vec<u32>> = (hosts.len().saturating_mul(8) >= self.cap.len()
            || self.cap.len() <= DENSE_SLOTS)
            .then(|| {
                let mut slot = vec![UNMATCHED; self.cap.len()];
                for (k, &h) in hosts.iter().enumerate() {
                    if let Some(x) = slot.get_mut(h as usize) {
                        *x = k as u32;
                    }
                }
                slot
            });
        let list_of = |i: usize| -> &[(u32, u32, i64)] {
            seekers.get(i).and_then(|&s| self.prefs.get(s as usize)).map_or(&[], Vec::as_slice)
        };
        let held = propose(&quota, &slot_quota, |i, k| {
            let Some(&(h, rank, _)) = list_of(i).get(k) else {
                return Offer::End;
            };
            let slot = match &dense {
                Some(d) => d.get(h as usize).copied().filter(|&x| x != UNMATCHED),
                None => hosts.binary_search(&h).ok().map(|x| x as u32),
            };
            slot.map_or(Offer::Skip, |slot| Offer::To { slot: slot as usize, rank })
        });
        let mut host_of = vec![UNMATCHED; n];
        let mut weight = 0i64;
        for (slot, i) in held.pairs() {
            let (Some(&s), Some(&h)) = (seekers.get(i as usize), hosts.get(slot)) else { continue };
            if let Some(x) = host_of.get_mut(s as usize) {
                *x = h;
            }
            if let Some(e) = list_of(i as usize).iter().find(|e| e.0 == h) {
                weight = weight.saturating_add(e.2);
            }
        }
        (weight, host_of)
    }

    /// Whether opening host `h` beside the hosts of the stable matching
    /// `host_of` (each seeker's host or [`UNMATCHED`]) would change it: some
    /// seeker listing `h` is unmatched or ranks `h` above its partner. When
    /// none does, nobody proposes to `h`, so deferred acceptance with `h`
    /// open gives the same matching.
    pub(crate) fn wants(&self, host_of: &[u32], h: u32) -> bool {
        self.listed_by.get(h as usize).is_some_and(|seekers| {
            seekers.iter().any(|&s| {
                let partner = host_of.get(s as usize).copied().unwrap_or(UNMATCHED);
                partner == UNMATCHED
                    || self.prefs.get(s as usize).is_some_and(|list| {
                        list.iter().find(|e| e.0 == h || e.0 == partner).is_some_and(|e| e.0 == h)
                    })
            })
        })
    }

    /// The seeker-proposing stable matching over every seeker with the hosts
    /// `open` (a mask), from `before`, the one with host `gone` open too:
    /// the seekers `gone` held propose on down their lists, each displaced
    /// seeker after them. Closing a host only adds proposals to deferred
    /// acceptance (every rejection of the larger market still happens), and
    /// its outcome does not depend on the order of proposals, so this is
    /// [`Market::deferred_acceptance`] of the open hosts, at the cost of
    /// the proposals that change.
    pub(crate) fn closing(&self, before: &[u32], open: &[bool], gone: u32) -> Vec<u32> {
        self.closing_valued(before, 0, open, gone).1
    }

    /// [`Market::closing`] with the weight of the matching, given `value`,
    /// that of `before`: `None` when the weights overflow on the way.
    pub(crate) fn closing_valued(
        &self,
        before: &[u32],
        value: i64,
        open: &[bool],
        gone: u32,
    ) -> (Option<i64>, Vec<u32>) {
        let mut host_of = before.to_vec();
        let mut value = Some(value);
        // The seekers each touched host holds, with its rank of each.
        let mut held: Vec<Option<Vec<(u32, u32)>>> = vec![None; self.cap.len()];
        // Position, host's rank and weight of the pair of `s` and `h`.
        let entry = |s: u32, h: u32| -> Option<(usize, u32, i64)> {
            self.prefs
                .get(s as usize)?
                .iter()
                .enumerate()
                .find(|(_, e)| e.0 == h)
                .map(|(k, e)| (k, e.1, e.2))
        };
        let mut queue: Vec<(u32, usize)> = Vec::new();
        for &s in self.listed_by.get(gone as usize).map_or(&[][..], Vec::as_slice) {
            if host_of.get(s as usize) == Some(&gone)
                && let Some((k, _, w)) = entry(s, gone)
            {
                host_of[s as usize] = UNMATCHED;
                value = value.and_then(|v| v.checked_sub(w));
                queue.push((s, k + 1));
            }
        }
        queue.reverse();
        while let Some((s, from)) = queue.pop() {
            let list = self.prefs.get(s as usize).map_or(&[][..], Vec::as_slice);
            for &(h, rank, w) in list.iter().skip(from) {
                let hu = h as usize;
                if !open.get(hu).copied().unwrap_or(false) {
                    continue;
                }
                let cap = self.cap.get(hu).copied().unwrap_or(0) as usize;
                if cap == 0 {
                    continue;
                }
                let Some(slot) = held.get_mut(hu) else { continue };
                let holds = slot.get_or_insert_with(|| {
                    self.listed_by[hu]
                        .iter()
                        .filter(|&&t| host_of.get(t as usize) == Some(&h))
                        .filter_map(|&t| entry(t, h).map(|(_, r, _)| (r, t)))
                        .collect()
                });
                if holds.len() < cap {
                    holds.push((rank, s));
                    host_of[s as usize] = h;
                    value = value.and_then(|v| v.checked_add(w));
                    break;
                }
                let Some((worst, &(wr, ws))) = holds.iter().enumerate().max_by_key(|(_, x)| x.0)
                else {
                    continue;
                };
                if rank < wr {
                    holds[worst] = (rank, s);
                    host_of[s as usize] = h;
                    host_of[ws as usize] = UNMATCHED;
                    value = value.and_then(|v| v.checked_add(w));
                    if let Some((k, _, w_out)) = entry(ws, h) {
                        value = value.and_then(|v| v.checked_sub(w_out));
                        queue.push((ws, k + 1));
                    }
                    break;
                }
            }
        }
        (value, host_of)
    }

    /// The seekers listing at least one of `hosts`, each once, in the order
    /// the hosts' reverse lists give them.
    pub(crate) fn seekers_of(&self, hosts: &[u32]) -> Vec<u32> {
        let mut seen = vec![false; self.prefs.len()];
        let mut out = Vec::new();
        for &h in hosts {
            for &s in self.listed_by.get(h as usize).map_or(&[][..], Vec::as_slice) {
                if let Some(x) = seen.get_mut(s as usize).filter(|x| !**x) {
                    *x = true;
                    out.push(s);
                }
            }
        }
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

    pub(crate) fn n_seekers(&self) -> usize {
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
                let (weight, host_of) = m.stable_among(hosts, &m.seekers_of(hosts));
                (weight, host_of, None)
            }
        }
    }
}

impl Market {
    /// Each seeker's window of its list at the node where `open` hosts may
    /// still be selected and `fixed_in` ones are: from its partner in the
    /// stable matching of all open hosts (nothing when that leaves it
    /// unmatched) down to its partner in the stable matching of the hosts
    /// fixed in (the end of the list when none are, or it is unmatched
    /// there), as positions `at..end` (see the module docs).
    #[cfg(test)]
    pub(super) fn windows(&self, open: &[bool], fixed_in: &[bool]) -> Vec<(usize, usize)> {
        let all: Vec<u32> = (0..self.prefs.len() as u32).collect();
        self.windows_with(open, fixed_in, |hosts| {
            std::sync::Arc::new(self.deferred_acceptance(hosts, &all))
        })
    }

    /// [`Market::windows`] with the stable matching of a host set (over
    /// every seeker) given by `stable`, which may remember earlier ones.
    pub(super) fn windows_with(
        &self,
        open: &[bool],
        fixed_in: &[bool],
        mut stable: impl FnMut(&[u32]) -> std::sync::Arc<Vec<u32>>,
    ) -> Vec<(usize, usize)> {
        let hosts_where = |mask: &[bool]| -> Vec<u32> {
            (0..mask.len() as u32).filter(|&h| mask[h as usize]).collect()
        };
        let host_of = stable(&hosts_where(open));
        // With hosts fixed in, every seeker does at least as well as in
        // their own stable matching (more hosts never hurt seekers).
        let floor = if fixed_in.iter().any(|&b| b) {
            stable(&hosts_where(fixed_in))
        } else {
            std::sync::Arc::new(vec![UNMATCHED; self.prefs.len()])
        };
        self.prefs
            .iter()
            .zip(host_of.iter().zip(floor.iter()))
            .map(|(list, (&partner, &worst))| {
                if partner == UNMATCHED {
                    return (0, 0);
                }
                let at = list.iter().position(|e| e.0 == partner).unwrap_or(list.len());
                let end = if worst == UNMATCHED {
                    list.len()
                } else {
                    list.iter().position(|e| e.0 == worst).map_or(list.len(), |p| p + 1)
                };
                (at, end.max(at))
            })
            .collect()
    }
}

/// The strict market of the free seekers: each seeker's acceptable hosts in
/// list order (a tie in the order written), each host's rank of a seeker its
/// position in the host's list (the same rule).
pub(super) fn stable_market(
    instance: &Instance,
    residual: &Residual,
    lists: &[Vec<(u32, i64)>],
) -> Market {
    let rows = instance.seeker_rows();
    let host_rows = instance.host_rows();
    let mut prefs = Vec::with_capacity(residual.free.len());
    for (local, &i) in residual.free.iter().enumerate() {
        let weighted = lists.get(local).map_or(&[][..], Vec::as_slice);
        let mut pref = Vec::with_capacity(weighted.len());
        // `weighted` is this seeker's row in order with some entries left out
        // (closed hosts), so one pass over both finds each entry's weight:
        // linear in the list (a search per entry was quadratic, seconds on
        // complete lists of thousands).
        let mut next = weighted.iter().peekable();
        for e in rows.row(i as usize) {
            let (Some(&j), Some(&m)) = (rows.partner.get(e), rows.mirror.get(e)) else { continue };
            let Some(&(_, w)) = next.next_if(|x| x.0 == j) else { continue };
            let start = host_rows.row(j as usize).start;
            let rank = u32::try_from((m as usize).saturating_sub(start)).unwrap_or(u32::MAX);
            pref.push((j, rank, w));
        }
        prefs.push(pref);
    }
    Market::new(residual.cap.clone(), prefs)
}

#[cfg(test)]
mod closing_tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
    use super::Market;

    fn lcg(state: &mut u64) -> u64 {
        *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        *state >> 33
    }

    /// Closing a host from a stable matching gives deferred acceptance's.
    #[test]
    fn closing_a_host_is_deferred_acceptance_without_it() {
        let mut st = 7u64;
        for _ in 0..3000 {
            let ns = 1 + (lcg(&mut st) % 9) as usize;
            let nh = 1 + (lcg(&mut st) % 7) as usize;
            let cap: Vec<u32> = (0..nh).map(|_| (lcg(&mut st) % 3) as u32).collect();
            let mut prefs = Vec::new();
            for _ in 0..ns {
                let mut l: Vec<(u32, u32, i64)> = Vec::new();
                for h in 0..nh as u32 {
                    if !lcg(&mut st).is_multiple_of(3) {
                        l.push((
                            h,
                            (lcg(&mut st) % 1000) as u32 * 16,
                            (lcg(&mut st) % 9) as i64 - 2,
                        ));
                    }
                }
                for i in (1..l.len()).rev() {
                    let j = (lcg(&mut st) % (i as u64 + 1)) as usize;
                    l.swap(i, j);
                }
                prefs.push(l);
            }
            // Distinct ranks per host.
            for (s, l) in prefs.iter_mut().enumerate() {
                for e in l.iter_mut() {
                    e.1 += s as u32;
                }
            }
            let m = Market::new(cap, prefs);
            let all: Vec<u32> = (0..ns as u32).collect();
            let open: Vec<u32> =
                (0..nh as u32).filter(|_| !lcg(&mut st).is_multiple_of(4)).collect();
            let Some(&gone) = open.get((lcg(&mut st) as usize) % open.len().max(1)) else {
                continue;
            };
            let before = m.deferred_acceptance(&open, &all);
            let after: Vec<u32> = open.iter().copied().filter(|&h| h != gone).collect();
            let mut mask = vec![false; nh];
            for &h in &after {
                mask[h as usize] = true;
            }
            assert_eq!(m.closing(&before, &mask, gone), m.deferred_acceptance(&after, &all));
            let (v_before, _) = m.stable_among(&open, &all);
            let (v_after, host_of) = m.stable_among(&after, &all);
            assert_eq!(m.closing_valued(&before, v_before, &mask, gone), (Some(v_after), host_of));
        }
    }
}
