//! The Lagrangian bound of a branch-and-bound node.
//!
//! Relax each seeker's "at most one host" constraint with a price `u_s ≥ 0`.
//! What is left splits by host: a selected host `h` takes its best `cap_h`
//! seekers by reduced weight `(w_sh − u_s)⁺`, worth `v_h(u)`, and the best
//! hosts to select are simply the `k` (minus those already fixed in) with the
//! largest `v_h(u)`. So for every integer `u ≥ 0`
//!
//! ```text
//! L(u) = Σ_s u_s + Σ_{h fixed in} v_h(u) + (sum of the k' largest v_h(u) over free hosts)
//! ```
//!
//! is an upper bound on every selection of the node, computed exactly in
//! integers. The host subproblem has the integrality property, so the best
//! `L(u)` equals the bound of the linear relaxation of the usual mixed-integer
//! programme (with the strong `x_sh ≤ y_h` links); subgradient steps approach
//! it. The prices of a solved flow (its optimal duals) are the starting point.
#![allow(
    clippy::indexing_slicing,
    reason = "indices are internal and bounded by the sizes fixed at construction"
)]

use super::search::St;
use crate::flow::Bipartite;

/// The Lagrangian at prices `u`: its value, the hosts it selects and each
/// open host's `v_h`; `take[s]` counts the selected hosts that take seeker `s`.
pub(super) struct Lagrange {
    pub(super) value: i64,
    pub(super) chosen: Vec<u32>,
    pub(super) v: Vec<i64>,
    pub(super) take: Vec<i32>,
}

pub(super) fn lagrangian(
    g: &Bipartite<i64>,
    u: &[i64],
    st: &[St],
    k_left: usize,
    scratch: &mut Vec<(i64, u32)>,
) -> Lagrange {
    let nh = g.n_hosts();
    let mut v = vec![0i64; nh];
    let mut value: i64 = u.iter().sum();
    let mut free: Vec<(i64, u32)> = Vec::new();
    for h in 0..nh {
        if st[h] == St::Out || g.cap[h] == 0 {
            continue;
        }
        scratch.clear();
        scratch.extend(g.host(h).iter().filter_map(|&(s, w)| {
            let r = w - u[s as usize];
            (r > 0).then_some((r, s))
        }));
        let c = g.cap[h] as usize;
        if scratch.len() > c {
            scratch.select_nth_unstable_by(c, |a, b| b.cmp(a));
            scratch.truncate(c);
        }
        v[h] = scratch.iter().map(|x| x.0).sum();
        if st[h] == St::In {
            value += v[h];
        } else if v[h] > 0 {
            free.push((v[h], h as u32));
        }
    }
    free.sort_unstable_by(|a, b| b.cmp(a));
    free.truncate(k_left);
    value += free.iter().map(|x| x.0).sum::<i64>();
    let mut chosen: Vec<u32> = (0..nh as u32).filter(|&h| st[h as usize] == St::In).collect();
    chosen.extend(free.iter().map(|x| x.1));
    let mut take = vec![0i32; u.len()];
    for &h in &chosen {
        let hu = h as usize;
        scratch.clear();
        scratch.extend(g.host(hu).iter().filter_map(|&(s, w)| {
            let r = w - u[s as usize];
            (r > 0).then_some((r, s))
        }));
        let c = g.cap[hu] as usize;
        if scratch.len() > c {
            scratch.select_nth_unstable_by(c, |a, b| b.cmp(a));
            scratch.truncate(c);
        }
        for &(_, s) in scratch.iter() {
            take[s as usize] += 1;
        }
    }
    Lagrange { value, chosen, v, take }
}
