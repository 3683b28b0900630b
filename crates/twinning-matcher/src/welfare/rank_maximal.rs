//! Rank-maximal assignment by the combinatorial algorithm of Irving,
//! Kavitha, Mehlhorn, Michail and Paluch ("Rank-maximal matchings", ACM
//! Transactions on Algorithms 2(4), 2006), in the capacitated form of Paluch
//! ("Capacitated rank-maximal matchings", CIAC 2013): no weights at all, so
//! no bit-width limit on the number of ranks or seekers.
//!
//! # The algorithm
//!
//! Ranks are taken in order. `G_i` holds the surviving edges of ranks up to
//! `i` and `M_i` is a maximum matching of `G_i` (seekers of capacity one,
//! hosts of their capacity). After augmenting `M_i` to a maximum matching,
//! the vertices of `G_i` are split as in the Gallai–Edmonds decomposition:
//! *even* (reachable from a free vertex by an even alternating path), *odd*
//! (by an odd one) and *unreachable*. Every maximum matching of `G_i` covers
//! the odd and unreachable vertices (a host: fills it), odd ones with even
//! partners, so
//!
//! * edges of later ranks at odd or unreachable vertices are deleted (such a
//!   vertex is already used at rank `≤ i` by every rank-maximal matching), and
//! * odd–odd and odd–unreachable edges of `G_i` are deleted (no maximum
//!   matching of `G_i` uses them);
//!
//! then the next rank's surviving edges are added and the matching is
//! augmented again. The final matching is rank-maximal: at every rank `i`
//! its restriction is a maximum matching of `G_i`, which holds exactly the
//! matchings with the best profile up to `i`.
//!
//! Hosts of capacity `c` behave as `c` clones with the same neighbours, and
//! all clones of a host fall in the same class of the decomposition (a free
//! clone makes every clone even; matched clones can swap partners), so the
//! search works on hosts with counters and never copies a host per seat.
//!
//! Augmenting uses Hopcroft–Karp phases (shortest augmenting paths found by
//! one breadth-first search, then vertex-disjoint paths by depth-first
//! search with an explicit stack), so a phase costs `O(m)`; a rank that adds
//! no edge costs nothing beyond scanning its entries, and the search stops
//! as soon as no seeker can gain a later edge.
//!
//! Indexing: every index below is a seeker `0..n` or a host `0..h` checked
//! when the lists were read ([`rank_maximal_lists`] skips hosts out of
//! range), so plain indexing cannot go out of bounds; the lint is allowed
//! for the module with that reason.
#![allow(
    clippy::indexing_slicing,
    reason = "indices are seekers and hosts checked against the sizes fixed at construction"
)]

use crate::flow::UNMATCHED;

/// Class of a vertex in the Gallai–Edmonds decomposition of `G_i`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Unreachable,
    Even,
    Odd,
}

/// Marker for "not reached" in the breadth-first layers.
const FAR: u32 = u32::MAX;

/// The working state: the surviving graph, the matching and the host loads.
struct State {
    /// Host capacities.
    cap: Vec<u32>,
    /// Surviving edges of each seeker (hosts).
    seeker_adj: Vec<Vec<u32>>,
    /// Surviving edges of each host (seekers).
    host_adj: Vec<Vec<u32>>,
    /// Host of each seeker, or [`UNMATCHED`].
    mate: Vec<u32>,
    /// Seekers matched to each host.
    members: Vec<Vec<u32>>,
    /// Position of each matched seeker in its host's `members`.
    slot: Vec<usize>,
}

impl State {
    fn full(&self, h: usize) -> bool {
        self.members[h].len() >= self.cap[h] as usize
    }

    fn unmatch(&mut self, s: usize) {
        let h = self.mate[s];
        if h == UNMATCHED {
            return;
        }
        let h = h as usize;
        let at = self.slot[s];
        self.members[h].swap_remove(at);
        if let Some(&moved) = self.members[h].get(at) {
            self.slot[moved as usize] = at;
        }
        self.mate[s] = UNMATCHED;
    }

    fn match_to(&mut self, s: usize, h: u32) {
        self.unmatch(s);
        self.mate[s] = h;
        self.slot[s] = self.members[h as usize].len();
        self.members[h as usize].push(s as u32);
    }

    /// Augments the matching to a maximum one of the current graph
    /// (Hopcroft–Karp phases).
    fn augment(&mut self, layer: &mut [u32], queue: &mut Vec<u32>, it: &mut [usize]) {
        loop {
            // Breadth-first layers from every free seeker; hosts are entered
            // once, and their members form the next layer.
            layer.fill(FAR);
            queue.clear();
            for (s, (&h, adj)) in self.mate.iter().zip(&self.seeker_adj).enumerate() {
                if h == UNMATCHED && !adj.is_empty() {
                    layer[s] = 0;
                    queue.push(s as u32);
                }
            }
            let mut host_seen = vec![false; self.cap.len()];
            let mut found = false;
            let mut head = 0;
            while let Some(&s) = queue.get(head) {
                head += 1;
                let s = s as usize;
                for &h in &self.seeker_adj[s] {
                    let hu = h as usize;
                    if h == self.mate[s] || host_seen[hu] {
                        continue;
                    }
                    host_seen[hu] = true;
                    if !self.full(hu) {
                        found = true;
                        continue;
                    }
                    if found {
                        // Shortest paths only: no layer beyond the first free host.
                        continue;
                    }
                    for &t in &self.members[hu] {
                        if layer[t as usize] == FAR {
                            layer[t as usize] = layer[s] + 1;
                            queue.push(t);
                        }
                    }
                }
            }
            if !found {
                return;
            }
            it.fill(0);
            let roots: Vec<u32> = (0..self.mate.len() as u32)
                .filter(|&s| layer[s as usize] == 0 && self.mate[s as usize] == UNMATCHED)
                .collect();
            let mut grew = false;
            for root in roots {
                grew |= self.search(root as usize, layer, it);
            }
            if !grew {
                return;
            }
        }
    }

    /// One depth-first search for an augmenting path from the free seeker
    /// `root` along the layers; augments and returns `true` when one is found.
    fn search(&mut self, root: usize, layer: &mut [u32], it: &mut [usize]) -> bool {
        // Stack of (seeker, index into the members of its current host).
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&(s, member)) = stack.last() {
            let top = stack.len() - 1;
            let Some(&h) = self.seeker_adj[s].get(it[s]) else {
                // Dead end: no path through `s` in this phase.
                layer[s] = FAR;
                stack.pop();
                if let Some(parent) = stack.last_mut() {
                    parent.1 += 1;
                }
                continue;
            };
            let hu = h as usize;
            if h == self.mate[s] {
                it[s] += 1;
                stack[top].1 = 0;
                continue;
            }
            if !self.full(hu) {
                // Augment: every seeker on the stack moves to the host it
                // points at, the deepest first.
                let path: Vec<(usize, u32)> =
                    stack.iter().map(|&(t, _)| (t, self.seeker_adj[t][it[t]])).collect();
                for &(t, to) in path.iter().rev() {
                    self.match_to(t, to);
                }
                return true;
            }
            let want = layer[s] + 1;
            let next = self.members[hu]
                .get(member..)
                .unwrap_or(&[])
                .iter()
                .position(|&t| layer[t as usize] == want);
            match next {
                Some(k) => {
                    stack[top].1 = member + k;
                    let t = self.members[hu][member + k] as usize;
                    stack.push((t, 0));
                }
                None => {
                    it[s] += 1;
                    stack[top].1 = 0;
                }
            }
        }
        false
    }

    /// The Gallai–Edmonds classes of seekers and hosts for the current
    /// (maximum) matching.
    fn classes(&self, queue: &mut Vec<u32>) -> (Vec<Class>, Vec<Class>) {
        let mut seeker = vec![Class::Unreachable; self.mate.len()];
        let mut host = vec![Class::Unreachable; self.cap.len()];
        // From the free seekers: even seekers, odd hosts.
        queue.clear();
        for (s, &h) in self.mate.iter().enumerate() {
            if h == UNMATCHED {
                seeker[s] = Class::Even;
                queue.push(s as u32);
            }
        }
        let mut head = 0;
        while let Some(&s) = queue.get(head) {
            head += 1;
            for &h in &self.seeker_adj[s as usize] {
                let hu = h as usize;
                if host[hu] != Class::Unreachable {
                    continue;
                }
                host[hu] = Class::Odd;
                for &t in &self.members[hu] {
                    if seeker[t as usize] == Class::Unreachable {
                        seeker[t as usize] = Class::Even;
                        queue.push(t);
                    }
                }
            }
        }
        // From the hosts with a free seat: even hosts, odd seekers.
        queue.clear();
        for (h, class) in host.iter_mut().enumerate() {
            if !self.full(h) && *class == Class::Unreachable {
                *class = Class::Even;
                queue.push(h as u32);
            }
        }
        let mut head = 0;
        while let Some(&h) = queue.get(head) {
            head += 1;
            for &s in &self.host_adj[h as usize] {
                let su = s as usize;
                if seeker[su] != Class::Unreachable {
                    continue;
                }
                seeker[su] = Class::Odd;
                let g = self.mate[su];
                if g != UNMATCHED && host[g as usize] == Class::Unreachable {
                    host[g as usize] = Class::Even;
                    queue.push(g);
                }
            }
        }
        (seeker, host)
    }
}

/// The rank-maximal assignment of seekers with lists of `(host, rank)` to
/// hosts of capacities `cap` (see the module docs): the host of each seeker
/// or [`UNMATCHED`]. A smaller rank is better; entries of one list may come
/// in any order and hosts out of range are skipped.
pub(crate) fn rank_maximal_lists(cap: &[u32], lists: &[Vec<(u32, u32)>]) -> Vec<u32> {
    let n = lists.len();
    let nh = cap.len();
    // Each seeker's usable entries sorted by rank (stable: ties keep their order).
    let mut sorted: Vec<Vec<(u32, u32)>> = lists
        .iter()
        .map(|list| {
            let mut l: Vec<(u32, u32)> = list
                .iter()
                .copied()
                .filter(|&(h, _)| cap.get(h as usize).is_some_and(|&c| c > 0))
                .collect();
            l.sort_by_key(|e| e.1);
            l
        })
        .collect();
    let mut ranks: Vec<u32> = sorted.iter().flatten().map(|e| e.1).collect();
    ranks.sort_unstable();
    ranks.dedup();

    let mut st = State {
        cap: cap.to_vec(),
        seeker_adj: vec![Vec::new(); n],
        host_adj: vec![Vec::new(); nh],
        mate: vec![UNMATCHED; n],
        members: vec![Vec::new(); nh],
        slot: vec![0; n],
    };
    // Seekers and hosts whose later-rank edges are deleted.
    let mut seeker_dead = vec![false; n];
    let mut host_dead = vec![false; nh];
    // Next unread entry of each seeker, and the seekers that still have some.
    let mut next = vec![0usize; n];
    let mut active: Vec<u32> = (0..n as u32).filter(|&s| !sorted[s as usize].is_empty()).collect();
    let mut layer = vec![FAR; n];
    let mut it = vec![0usize; n];
    let mut queue = Vec::new();

    for &rank in &ranks {
        // Add this rank's surviving edges.
        let mut added = false;
        for &s in &active {
            let su = s as usize;
            let list = &sorted[su];
            while let Some(&(h, r)) = list.get(next[su]) {
                if r != rank {
                    break;
                }
                next[su] += 1;
                if !host_dead[h as usize] {
                    st.seeker_adj[su].push(h);
                    st.host_adj[h as usize].push(s);
                    added = true;
                }
            }
        }
        if !added {
            continue;
        }
        st.augment(&mut layer, &mut queue, &mut it);
        let (seeker_class, host_class) = st.classes(&mut queue);
        let fixed = |c: Class| c != Class::Even;
        // Odd–odd and odd–unreachable edges are in no maximum matching.
        let drop = |a: Class, b: Class| {
            matches!(
                (a, b),
                (Class::Odd, Class::Odd)
                    | (Class::Odd, Class::Unreachable)
                    | (Class::Unreachable, Class::Odd)
            )
        };
        for s in 0..n {
            let c = seeker_class[s];
            if fixed(c) {
                seeker_dead[s] = true;
                st.seeker_adj[s].retain(|&h| !drop(c, host_class[h as usize]));
            }
        }
        for h in 0..nh {
            let c = host_class[h];
            if fixed(c) {
                host_dead[h] = true;
                st.host_adj[h].retain(|&s| !drop(seeker_class[s as usize], c));
            }
        }
        active.retain(|&s| {
            let su = s as usize;
            !seeker_dead[su] && next[su] < sorted[su].len()
        });
        if active.is_empty() || host_dead.iter().all(|&d| d) {
            break;
        }
    }
    for list in &mut sorted {
        list.clear();
    }
    st.mate
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]

    use proptest::prelude::*;

    use super::*;
    use crate::flow::{Bipartite, max_weight_b_matching};

    /// The number of matched seekers at each rank `0..ranks`.
    fn profile(lists: &[Vec<(u32, u32)>], host_of: &[u32], ranks: usize) -> Vec<usize> {
        let mut p = vec![0; ranks];
        for (s, &h) in host_of.iter().enumerate() {
            if h != UNMATCHED {
                let r = lists[s].iter().find(|e| e.0 == h).unwrap().1;
                p[r as usize] += 1;
            }
        }
        p
    }

    /// Whether the assignment uses only listed pairs and respects capacities.
    fn feasible(cap: &[u32], lists: &[Vec<(u32, u32)>], host_of: &[u32]) -> bool {
        let mut load = vec![0u32; cap.len()];
        for (s, &h) in host_of.iter().enumerate() {
            if h == UNMATCHED {
                continue;
            }
            if !lists[s].iter().any(|e| e.0 == h) {
                return false;
            }
            load[h as usize] += 1;
        }
        load.iter().zip(cap).all(|(l, c)| l <= c)
    }

    /// The best profile over every assignment, by enumeration.
    fn brute(cap: &[u32], lists: &[Vec<(u32, u32)>], ranks: usize) -> Vec<usize> {
        fn go(
            s: usize,
            load: &mut [u32],
            cap: &[u32],
            lists: &[Vec<(u32, u32)>],
            p: &mut Vec<usize>,
            best: &mut Vec<usize>,
        ) {
            if s == lists.len() {
                if *p > *best {
                    best.clone_from(p);
                }
                return;
            }
            go(s + 1, load, cap, lists, p, best);
            for &(h, r) in &lists[s] {
                let h = h as usize;
                if load[h] < cap[h] {
                    load[h] += 1;
                    p[r as usize] += 1;
                    go(s + 1, load, cap, lists, p, best);
                    p[r as usize] -= 1;
                    load[h] -= 1;
                }
            }
        }
        let mut best = vec![0; ranks];
        go(0, &mut vec![0; cap.len()], cap, lists, &mut vec![0; ranks], &mut best);
        best
    }

    /// Random lists: each seeker lists a random subset of hosts, in random
    /// order, cut into tiers (ties share a rank).
    fn instance(seed: u64, ns: usize, nh: usize, max_cap: u32) -> (Vec<u32>, Vec<Vec<(u32, u32)>>) {
        let mut st = seed | 1;
        let mut next = move || {
            st ^= st << 13;
            st ^= st >> 7;
            st ^= st << 17;
            st
        };
        let cap: Vec<u32> = (0..nh).map(|_| (next() % u64::from(max_cap + 1)) as u32).collect();
        let lists = (0..ns)
            .map(|_| {
                let mut hosts: Vec<u32> = (0..nh as u32).filter(|_| next() % 3 != 0).collect();
                for i in (1..hosts.len()).rev() {
                    hosts.swap(i, (next() % (i as u64 + 1)) as usize);
                }
                let mut rank = 0;
                hosts
                    .into_iter()
                    .enumerate()
                    .map(|(k, h)| {
                        if k > 0 && next() % 3 != 0 {
                            rank += 1;
                        }
                        (h, rank)
                    })
                    .collect()
            })
            .collect();
        (cap, lists)
    }

    /// The exact weights of the weight-based path: `B^(R − 1 − r)`.
    fn weighted(cap: &[u32], lists: &[Vec<(u32, u32)>], ranks: usize) -> Vec<u32> {
        let base = lists.len() as i128 + 1;
        let weighted: Vec<Vec<(u32, i128)>> = lists
            .iter()
            .map(|l| l.iter().map(|&(h, r)| (h, base.pow(ranks as u32 - 1 - r))).collect())
            .collect();
        max_weight_b_matching(&Bipartite::new(cap.to_vec(), &weighted)).host_of
    }

    #[test]
    fn agrees_with_enumeration_on_tiny_instances() {
        for seed in 0..3000u64 {
            let ns = (seed % 6) as usize;
            let nh = 1 + (seed / 7 % 4) as usize;
            let (cap, lists) = instance(seed, ns, nh, 2);
            let got = rank_maximal_lists(&cap, &lists);
            assert!(feasible(&cap, &lists, &got));
            let ranks = nh;
            assert_eq!(
                profile(&lists, &got, ranks),
                brute(&cap, &lists, ranks),
                "{cap:?} {lists:?}"
            );
        }
    }

    #[test]
    fn a_long_chain_of_displacements_is_found() {
        // Seeker k ties hosts k and k + 1; one more seeker lists host 0 only.
        // Everybody is matched at rank 0 only if every seeker k moves to
        // host k + 1: one augmenting path through all 2,000 hosts (the
        // search keeps its own stack, so depth is no problem).
        let n = 2_000u32;
        let mut lists: Vec<Vec<(u32, u32)>> = (0..n).map(|k| vec![(k, 0), (k + 1, 0)]).collect();
        lists.push(vec![(0, 0)]);
        let cap = vec![1; n as usize + 1];
        let got = rank_maximal_lists(&cap, &lists);
        assert!(feasible(&cap, &lists, &got));
        assert_eq!(profile(&lists, &got, 1), vec![n as usize + 1]);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

        /// The same profile as the weight-based path (lexicographic weights
        /// through shortest augmenting paths, a different algorithm).
        #[test]
        fn same_profile_as_the_weights(
            seed in any::<u64>(),
            ns in 0usize..25,
            nh in 1usize..12,
            max_cap in 1u32..4,
        ) {
            let (cap, lists) = instance(seed, ns, nh, max_cap);
            let got = rank_maximal_lists(&cap, &lists);
            prop_assert!(feasible(&cap, &lists, &got));
            let want = weighted(&cap, &lists, nh);
            prop_assert_eq!(profile(&lists, &got, nh), profile(&lists, &want, nh));
        }
    }
}
