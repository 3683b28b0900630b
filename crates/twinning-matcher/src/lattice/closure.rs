//! The max-flow behind the minimum-weight closure of the rotation poset
//! (egalitarian stable matching).

use std::collections::VecDeque;

use super::NONE;

/// A small Dinic max-flow on `u64` capacities.
#[derive(Debug)]
pub(super) struct MaxFlow {
    head: Vec<Vec<usize>>,
    to: Vec<usize>,
    cap: Vec<u64>,
}

impl MaxFlow {
    pub(super) fn new(n: usize) -> Self {
        Self { head: vec![Vec::new(); n], to: Vec::new(), cap: Vec::new() }
    }

    pub(super) fn add_edge(&mut self, a: usize, b: usize, c: u64) {
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

    pub(super) fn reachable(&self, s: usize) -> Vec<bool> {
        self.levels(s).iter().map(|&l| l != NONE).collect()
    }

    pub(super) fn run(&mut self, s: usize, t: usize) -> u64 {
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
