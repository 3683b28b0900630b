//! Exact weighted assignment engines: shortest augmenting paths with dual
//! prices on a sparse bipartite graph (seekers of capacity one, hosts of any
//! capacity) here, and the Jonker–Volgenant algorithm for square dense
//! matrices (`lapjv.rs`), both over the exact integer costs of `cost.rs`.
//!
//! Everything here works on plain indices and integer weights; the public
//! entry points in `welfare.rs`, `budget.rs` and `greedy.rs` translate an
//! [`Instance`](crate::Instance) into these shapes and back.
//!
//! Indexing: every index used below is produced by this module from sizes
//! fixed when the graph was built (seekers `0..n`, hosts `0..h`, edges
//! `0..m`), never read from outside data, so plain indexing cannot go out of
//! bounds; the lint is allowed for the module with that reason.
#![allow(
    clippy::indexing_slicing,
    reason = "indices are internal and bounded by the sizes fixed at construction"
)]

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::budget::Stop;

mod cost;
mod lapjv;

pub(crate) use self::cost::Cost;
pub(crate) use self::lapjv::{lapjv_narrow, lapjv_ranged};

/// Marker for "no host": a seeker left unmatched.
pub(crate) const UNMATCHED: u32 = u32::MAX;

/// A bipartite graph of acceptable pairs with integer weights: seekers of
/// capacity one on the left, hosts with capacities on the right. Both
/// adjacency directions are stored in compressed form.
#[derive(Debug, Clone)]
pub(crate) struct Bipartite<C> {
    /// Host capacities (a host of capacity 0 simply never receives anyone).
    pub(crate) cap: Vec<u32>,
    seeker_start: Vec<usize>,
    seeker_edges: Vec<(u32, C)>,
    host_start: Vec<usize>,
    host_edges: Vec<(u32, C)>,
    /// When [`max_weight_b_matching`] on this graph (or on a restriction of
    /// it) must stop early (the budgeted search's deadline or cancellation).
    stop: Option<Stop>,
    /// Set when a solve on this graph or a restriction of it was cut short
    /// by `stop` (shared by the restrictions).
    cut: Arc<AtomicBool>,
}

impl<C: Cost> Bipartite<C> {
    /// Builds the graph from per-seeker lists of `(host, weight)`; hosts out
    /// of range are the caller's bug and are skipped.
    pub(crate) fn new(cap: Vec<u32>, lists: &[Vec<(u32, C)>]) -> Self {
        let n_hosts = cap.len();
        let mut seeker_start = Vec::with_capacity(lists.len() + 1);
        let mut seeker_edges = Vec::new();
        let mut degree = vec![0usize; n_hosts + 1];
        seeker_start.push(0);
        for list in lists {
            for &(h, w) in list {
                if (h as usize) < n_hosts {
                    seeker_edges.push((h, w));
                    degree[h as usize + 1] += 1;
                }
            }
            seeker_start.push(seeker_edges.len());
        }
        for i in 1..degree.len() {
            degree[i] += degree[i - 1];
        }
        let host_start = degree.clone();
        let mut fill = degree;
        let mut host_edges = vec![(0u32, C::ZERO); seeker_edges.len()];
        for s in 0..lists.len() {
            for &(h, w) in &seeker_edges[seeker_start[s]..seeker_start[s + 1]] {
                let slot = &mut fill[h as usize];
                host_edges[*slot] = (s as u32, w);
                *slot += 1;
            }
        }
        let cut = Arc::new(AtomicBool::new(false));
        Self { cap, seeker_start, seeker_edges, host_start, host_edges, stop: None, cut }
    }

    /// Whether a solve on this graph or on a restriction of it was cut short
    /// by the stop of [`Bipartite::with_stop`]: its value was then that of a
    /// feasible matching, not the best one.
    pub(crate) fn was_cut(&self) -> bool {
        self.cut.load(Ordering::Relaxed)
    }

    /// The same graph, whose assignment solves (and those of its
    /// restrictions) stop early at `stop`, see [`max_weight_b_matching`].
    pub(crate) fn with_stop(self, stop: Stop) -> Self {
        Self { stop: Some(stop), ..self }
    }

    /// Number of seekers.
    pub(crate) fn n_seekers(&self) -> usize {
        self.seeker_start.len().saturating_sub(1)
    }

    /// Number of hosts.
    pub(crate) fn n_hosts(&self) -> usize {
        self.cap.len()
    }

    /// The acceptable hosts of seeker `s` with their weights.
    pub(crate) fn seeker(&self, s: usize) -> &[(u32, C)] {
        &self.seeker_edges[self.seeker_start[s]..self.seeker_start[s + 1]]
    }

    /// The acceptable seekers of host `h` with their weights.
    pub(crate) fn host(&self, h: usize) -> &[(u32, C)] {
        &self.host_edges[self.host_start[h]..self.host_start[h + 1]]
    }

    /// The subgraph on the given hosts (in the given order) and on the
    /// seekers adjacent to them. Returns it with the original index of each
    /// of its seekers.
    pub(crate) fn restrict(&self, hosts: &[u32]) -> (Self, Vec<u32>) {
        let mut local = vec![u32::MAX; self.n_seekers()];
        let mut seekers = Vec::new();
        let mut host_pos = vec![u32::MAX; self.n_hosts()];
        for (i, &h) in hosts.iter().enumerate() {
            host_pos[h as usize] = i as u32;
        }
        for &h in hosts {
            for &(s, _) in self.host(h as usize) {
                if local[s as usize] == u32::MAX {
                    local[s as usize] = 0;
                    seekers.push(s);
                }
            }
        }
        seekers.sort_unstable();
        let lists: Vec<Vec<(u32, C)>> = seekers
            .iter()
            .map(|&s| {
                self.seeker(s as usize)
                    .iter()
                    .filter(|&&(h, _)| host_pos[h as usize] != u32::MAX)
                    .map(|&(h, w)| (host_pos[h as usize], w))
                    .collect()
            })
            .collect();
        let cap = hosts.iter().map(|&h| self.cap[h as usize]).collect();
        let sub = Self::new(cap, &lists);
        (Self { stop: self.stop.clone(), cut: Arc::clone(&self.cut), ..sub }, seekers)
    }
}

/// An optimal b-matching with an optimal dual solution (which proves it).
#[derive(Debug, Clone)]
pub(crate) struct Solved<C> {
    /// Host of each seeker, or [`UNMATCHED`].
    pub(crate) host_of: Vec<u32>,
    /// Total weight of the matching.
    pub(crate) value: C,
    /// Seeker duals `u ≥ 0`.
    pub(crate) u: Vec<C>,
    /// Host prices `p ≥ 0`; `Σ u + Σ cap·p = value` at the optimum.
    #[allow(dead_code, reason = "completes the optimality certificate; the tests check it")]
    pub(crate) p: Vec<C>,
    /// Whether the graph's stop cut the solve short: the matching is then a
    /// feasible one, optimal for the seekers inserted before the stop only,
    /// and `value` its weight.
    #[allow(
        dead_code,
        reason = "the tests check it; the budgeted search only needs a feasible matching"
    )]
    pub(crate) stopped: bool,
}

/// Seekers inserted between two looks at the graph's stop in
/// [`max_weight_b_matching`]: one insertion is one shortest-path search, at
/// most linear in the edges, and a look costs about one clock read.
const STOP_EVERY: usize = 16;

/// Maximum-weight b-matching by successive shortest augmenting paths with
/// dual prices (the Hungarian method generalised to host capacities and to
/// seekers that may stay unmatched).
///
/// Seekers are inserted one at a time in index order. Invariants after each
/// insertion: `u_s + p_h ≥ w_sh` on every edge, equality on matched edges,
/// `u_s > 0` only for matched seekers, `p_h > 0` only for full hosts. An
/// imaginary host of unbounded capacity and weight 0 stands for "unmatched",
/// so a seeker is matched only when that raises the total. The duals prove
/// optimality: their objective `Σu + Σ cap·p` equals the matching's weight.
///
/// A graph with a stop ([`Bipartite::with_stop`]) looks at it every
/// [`STOP_EVERY`] seekers; once it is hit the solve returns the matching of
/// the seekers inserted so far (feasible, `stopped` set). A whole solve can
/// take far longer than the linear steps between two looks: `n` shortest-path
/// searches, each up to linear in the edges.
pub(crate) fn max_weight_b_matching<C: Cost>(g: &Bipartite<C>) -> Solved<C> {
    let n = g.n_seekers();
    let nh = g.n_hosts();
    let dummy = nh;
    let mut host_of = vec![UNMATCHED; n];
    let mut u = vec![C::ZERO; n];
    let mut p = vec![C::ZERO; nh];
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); nh];
    let mut slot = vec![0usize; n];
    // Dijkstra state over hosts plus the imaginary host, with generation stamps.
    let mut dist = vec![C::ZERO; nh + 1];
    let mut pred = vec![0u32; nh + 1];
    let mut seen = vec![0u32; nh + 1];
    let mut done = vec![0u32; nh + 1];
    let mut heap: BinaryHeap<Reverse<(C, u32)>> = BinaryHeap::new();
    let mut visited_seekers: Vec<(u32, C)> = Vec::new();
    let mut visited_hosts: Vec<(u32, C)> = Vec::new();
    let mut stamp = 0u32;
    let mut stopped = false;

    for s0 in 0..n {
        if s0 % STOP_EVERY == 0 && g.stop.as_ref().is_some_and(Stop::hit) {
            stopped = true;
            g.cut.store(true, Ordering::Relaxed);
            break;
        }
        let edges = g.seeker(s0);
        let mut best = C::ZERO;
        for &(h, w) in edges {
            if g.cap[h as usize] > 0 {
                let gain = w - p[h as usize];
                if gain > best {
                    best = gain;
                }
            }
        }
        u[s0] = best;
        if best == C::ZERO {
            // Matching s0 cannot raise the total: it stays unmatched. Its
            // zero-reduced-cost edges (if any) are tried so that a host with
            // room still takes it.
            if let Some(&(h, _)) = edges.iter().find(|&&(h, w)| {
                let hu = h as usize;
                g.cap[hu] > 0 && (members[hu].len() as u32) < g.cap[hu] && w == p[hu]
            }) {
                let hu = h as usize;
                host_of[s0] = h;
                slot[s0] = members[hu].len();
                members[hu].push(s0 as u32);
            }
            continue;
        }
        stamp = stamp.wrapping_add(1);
        if stamp == 0 {
            seen.iter_mut().for_each(|x| *x = 0);
            done.iter_mut().for_each(|x| *x = 0);
            stamp = 1;
        }
        heap.clear();
        visited_seekers.clear();
        visited_hosts.clear();
        let relax = |s: usize,
                     ds: C,
                     u: &[C],
                     p: &[C],
                     dist: &mut [C],
                     pred: &mut [u32],
                     seen: &mut [u32],
                     done: &[u32],
                     heap: &mut BinaryHeap<Reverse<(C, u32)>>| {
            for &(h, w) in g.seeker(s) {
                let hu = h as usize;
                if g.cap[hu] == 0 || done[hu] == stamp || host_of[s] == h {
                    continue;
                }
                let nd = ds + (u[s] + p[hu] - w);
                if seen[hu] != stamp || nd < dist[hu] {
                    seen[hu] = stamp;
                    dist[hu] = nd;
                    pred[hu] = s as u32;
                    heap.push(Reverse((nd, h)));
                }
            }
            if host_of[s] != UNMATCHED {
                let nd = ds + u[s];
                if seen[dummy] != stamp || nd < dist[dummy] {
                    seen[dummy] = stamp;
                    dist[dummy] = nd;
                    pred[dummy] = s as u32;
                    heap.push(Reverse((nd, dummy as u32)));
                }
            }
        };
        // s0 itself may stay unmatched at cost u[s0].
        seen[dummy] = stamp;
        dist[dummy] = u[s0];
        pred[dummy] = s0 as u32;
        heap.push(Reverse((u[s0], dummy as u32)));
        visited_seekers.push((s0 as u32, C::ZERO));
        relax(s0, C::ZERO, &u, &p, &mut dist, &mut pred, &mut seen, &done, &mut heap);
        let mut sink = dummy;
        let mut delta = u[s0];
        while let Some(Reverse((d, h))) = heap.pop() {
            let hu = h as usize;
            if done[hu] == stamp || d != dist[hu] {
                continue;
            }
            if hu == dummy || (members[hu].len() as u32) < g.cap[hu] {
                sink = hu;
                delta = d;
                break;
            }
            done[hu] = stamp;
            visited_hosts.push((h, d));
            for &s in &members[hu] {
                let s = s as usize;
                visited_seekers.push((s as u32, d));
                relax(s, d, &u, &p, &mut dist, &mut pred, &mut seen, &done, &mut heap);
            }
        }
        for &(s, ds) in &visited_seekers {
            u[s as usize] = u[s as usize] - (delta - ds);
        }
        for &(h, dh) in &visited_hosts {
            p[h as usize] = p[h as usize] + (delta - dh);
        }
        // Augment backwards from the sink.
        let mut t = sink;
        loop {
            let s = pred[t] as usize;
            let prev = host_of[s];
            if prev != UNMATCHED {
                let pu = prev as usize;
                let at = slot[s];
                members[pu].swap_remove(at);
                if let Some(&moved) = members[pu].get(at) {
                    slot[moved as usize] = at;
                }
            }
            if t == dummy {
                host_of[s] = UNMATCHED;
            } else {
                host_of[s] = t as u32;
                slot[s] = members[t].len();
                members[t].push(s as u32);
            }
            if s == s0 || prev == UNMATCHED {
                break;
            }
            t = prev as usize;
        }
    }
    let mut value = C::ZERO;
    for (s, &h) in host_of.iter().enumerate() {
        if h != UNMATCHED
            && let Some(&(_, w)) = g.seeker(s).iter().find(|&&(x, _)| x == h)
        {
            value = value + w;
        }
    }
    Solved { host_of, value, u, p, stopped }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Brute force over all ways to give each seeker a host or nothing.
    fn brute(cap: &[u32], lists: &[Vec<(u32, i64)>]) -> i64 {
        fn go(i: usize, load: &mut [u32], cap: &[u32], lists: &[Vec<(u32, i64)>]) -> i64 {
            if i == lists.len() {
                return 0;
            }
            let mut best = go(i + 1, load, cap, lists);
            for &(h, w) in &lists[i] {
                let h = h as usize;
                if load[h] < cap[h] {
                    load[h] += 1;
                    best = best.max(w + go(i + 1, load, cap, lists));
                    load[h] -= 1;
                }
            }
            best
        }
        go(0, &mut vec![0; cap.len()], cap, lists)
    }

    pub(super) fn lcg(state: &mut u64) -> u64 {
        *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        *state >> 33
    }

    #[test]
    fn b_matching_agrees_with_brute_force() {
        let mut st = 7u64;
        for _ in 0..3000 {
            let ns = (lcg(&mut st) % 6) as usize;
            let nh = 1 + (lcg(&mut st) % 4) as usize;
            let cap: Vec<u32> = (0..nh).map(|_| (lcg(&mut st) % 3) as u32).collect();
            let lists: Vec<Vec<(u32, i64)>> = (0..ns)
                .map(|_| {
                    let mut l = Vec::new();
                    for h in 0..nh as u32 {
                        if !lcg(&mut st).is_multiple_of(3) {
                            l.push((h, (lcg(&mut st) % 11) as i64 - 3));
                        }
                    }
                    l
                })
                .collect();
            let g = Bipartite::new(cap.clone(), &lists);
            let sol = max_weight_b_matching(&g);
            assert_eq!(sol.value, brute(&cap, &lists), "{cap:?} {lists:?}");
            // Dual objective equals primal value and duals are feasible.
            let dual: i64 = sol.u.iter().sum::<i64>()
                + sol.p.iter().zip(&cap).map(|(&p, &c)| p * i64::from(c)).sum::<i64>();
            assert_eq!(dual, sol.value);
            for (s, l) in lists.iter().enumerate() {
                for &(h, w) in l {
                    if cap[h as usize] > 0 {
                        assert!(sol.u[s] + sol.p[h as usize] >= w);
                    }
                }
            }
            let mut load = vec![0u32; nh];
            for &h in &sol.host_of {
                if h != UNMATCHED {
                    load[h as usize] += 1;
                }
            }
            assert!(load.iter().zip(&cap).all(|(l, c)| l <= c));
        }
    }
}
