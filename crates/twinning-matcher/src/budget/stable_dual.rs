//! The Lagrangian bound of the stable objective that prices stability.
//!
//! The stable value of a selection `S` is the weight of the seeker-proposing
//! stable matching among `S`. Every such matching `x` (with `y_h = 1` for the
//! selected hosts) satisfies, for every acceptable pair `(s, h)`,
//!
//! ```text
//! g_sh(x, y) = c_h y_h − c_h Σ_{h' ⪰_s h} x_sh' − Σ_{s' ≻_h s} x_s'h ≤ 0
//! ```
//!
//! (a selected host that `s` does not get, nor anything `s` likes as much,
//! is full with seekers it prefers to `s`): the stability rows of the
//! mixed-integer programme in `bench/peers.py`. Pricing them at `λ_sh ≥ 0`
//! as well as each seeker's "at most one host" at `u_s ≥ 0` gives, for every
//! selection of the node,
//!
//! ```text
//! L(u, λ) = Σ_s u_s + max over (x, y) of Σ_sh (w_sh + b_sh − u_s) x_sh − Σ_h c_h Λ_h y_h
//! ```
//!
//! where `b_sh = Σ_{h'' ⪯_s h} c_h'' λ_sh'' + Σ_{s'' ≺_h s} λ_s''h` (the rows in
//! which `x_sh` appears) and `Λ_h = Σ_s λ_sh`. The maximum still splits by
//! host — a selected host takes its best `c_h` positive reduced weights and
//! pays `c_h Λ_h` — so `L` is computed exactly in integers like the welfare
//! bound, and `L(u, λ) ≥` the stable value of every selection of the node
//! because a stable matching makes every priced term non-negative. At
//! `λ = 0` it is the bound of `goal.rs` (the welfare bound on the pairs a
//! stable matching of the node can use); subgradient steps on `λ` tighten it
//! towards the linear relaxation of the programme with its stability rows.
#![allow(
    clippy::indexing_slicing,
    reason = "indices are internal and bounded by the sizes fixed at construction"
)]

use super::goal::Market;
use super::lagrange::Lagrange;
use super::search::St;

/// The market's acceptable pairs, flat: seeker by seeker in preference
/// order, with each host's pairs in its own order.
#[derive(Debug, Clone)]
pub(super) struct Pairs {
    /// Offsets of each seeker's pairs, `seekers + 1` long.
    pub(super) start: Vec<usize>,
    /// Seeker of each pair.
    seeker: Vec<u32>,
    /// Position of each pair in its seeker's market list.
    pos: Vec<u32>,
    /// Host of each pair.
    host: Vec<u32>,
    /// Weight of each pair.
    weight: Vec<i64>,
    /// Each host's pairs, the host's favourite seeker first.
    by_host: Vec<Vec<u32>>,
    /// Host capacities.
    cap: Vec<u32>,
}

impl Pairs {
    pub(super) fn new(m: &Market) -> Self {
        let mut start = Vec::with_capacity(m.prefs.len() + 1);
        let (mut seeker, mut host, mut weight, mut pos) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let mut by_host: Vec<Vec<(u32, u32)>> = vec![Vec::new(); m.cap.len()];
        start.push(0);
        for (s, list) in m.prefs.iter().enumerate() {
            for (k, &(h, rank, w)) in list.iter().enumerate() {
                if let Some(at) = by_host.get_mut(h as usize) {
                    at.push((rank, seeker.len() as u32));
                    pos.push(k as u32);
                    seeker.push(s as u32);
                    host.push(h);
                    weight.push(w);
                }
            }
            start.push(seeker.len());
        }
        let by_host = by_host
            .into_iter()
            .map(|mut l| {
                l.sort_unstable();
                l.into_iter().map(|x| x.1).collect()
            })
            .collect();
        Self { start, seeker, pos, host, weight, by_host, cap: m.cap.clone() }
    }

    /// Which pairs a node may use: host open, and within the seeker's window
    /// of its market list (`windows[s]`, see [`Market::windows`]).
    pub(super) fn allowed(&self, windows: &[(usize, usize)], open: &[bool]) -> Vec<bool> {
        (0..self.len())
            .map(|e| {
                let (at, end) = windows[self.seeker[e] as usize];
                let k = self.pos[e] as usize;
                open[self.host[e] as usize] && at <= k && k < end
            })
            .collect()
    }

    /// Number of pairs (the length of a `λ` vector).
    pub(super) fn len(&self) -> usize {
        self.seeker.len()
    }
}

/// What the stability prices `λ` add to the Lagrangian (see the module
/// docs): each pair's `b_sh` and each host's `c_h Λ_h`. They depend on `λ`
/// only, so an ascent that keeps `λ` (every node below the root) computes
/// them once.
#[derive(Debug, Clone)]
pub(super) struct RowPrices {
    bonus: Vec<i64>,
    penalty: Vec<i64>,
}

impl RowPrices {
    /// No stability prices: nothing added.
    pub(super) fn zero(p: &Pairs) -> Self {
        Self { bonus: vec![0; p.len()], penalty: vec![0; p.cap.len()] }
    }

    /// The additions of the stability prices `lam`.
    pub(super) fn new(p: &Pairs, lam: &[i64]) -> Self {
        let m = p.len();
        let nh = p.cap.len();
        // b_sh: seeker side (rows of pairs at or below h in s's list) ...
        let mut bonus = vec![0i64; m];
        for s in 0..p.start.len().saturating_sub(1) {
            let mut acc = 0i64;
            for e in (p.start[s]..p.start[s + 1]).rev() {
                acc =
                    acc.saturating_add(i64::from(p.cap[p.host[e] as usize]).saturating_mul(lam[e]));
                bonus[e] = acc;
            }
        }
        // ... and host side (rows of seekers h likes less than s), and Λ_h.
        let mut penalty = vec![0i64; nh];
        for ((slot, list), &c) in penalty.iter_mut().zip(&p.by_host).zip(&p.cap) {
            let mut acc = 0i64;
            for &e in list.iter().rev() {
                let e = e as usize;
                bonus[e] = bonus[e].saturating_add(acc);
                acc = acc.saturating_add(lam[e]);
            }
            *slot = i64::from(c).saturating_mul(acc);
        }
        Self { bonus, penalty }
    }
}

/// `L(u, λ)` of a node (see the module docs), with `λ` given by its
/// [`RowPrices`], and (when `grad` is asked for, else empty) its subgradient
/// in `λ`.
///
/// `allowed[e]` says whether pair `e` may be used at this node (its host open
/// and the pair between the seeker's partners in the stable matchings of the
/// open hosts and of the hosts fixed in). Returns the Lagrange state (value,
/// selected hosts, `v_h`, `take`) and `g_sh` at the maximiser per pair.
#[allow(clippy::too_many_arguments, reason = "one node's state, passed apart to borrow it")]
pub(super) fn stable_lagrangian(
    p: &Pairs,
    allowed: &[bool],
    u: &[i64],
    prices: &RowPrices,
    st: &[St],
    k_left: usize,
    scratch: &mut Vec<(i64, u32)>,
    grad: bool,
) -> (Lagrange, Vec<i64>) {
    let m = p.len();
    let nh = p.cap.len();
    let (bonus, penalty) = (&prices.bonus, &prices.penalty);
    let mut v = vec![0i64; nh];
    let mut value: i64 = u.iter().sum();
    let mut free: Vec<(i64, u32)> = Vec::new();
    let top = |h: usize, scratch: &mut Vec<(i64, u32)>| {
        scratch.clear();
        scratch.extend(p.by_host[h].iter().filter_map(|&e| {
            let e = e as usize;
            if !allowed[e] {
                return None;
            }
            let r = p.weight[e].saturating_add(bonus[e]).saturating_sub(u[p.seeker[e] as usize]);
            (r > 0).then_some((r, e as u32))
        }));
        let c = p.cap[h] as usize;
        if scratch.len() > c {
            scratch.select_nth_unstable_by(c, |a, b| b.cmp(a));
            scratch.truncate(c);
        }
    };
    for h in 0..nh {
        if st[h] == St::Out || p.cap[h] == 0 {
            continue;
        }
        top(h, scratch);
        v[h] = scratch.iter().map(|x| x.0).sum::<i64>().saturating_sub(penalty[h]);
        if st[h] == St::In {
            value = value.saturating_add(v[h]);
        } else if v[h] > 0 {
            free.push((v[h], h as u32));
        }
    }
    free.sort_unstable_by(|a, b| b.cmp(a));
    free.truncate(k_left);
    value = value.saturating_add(free.iter().map(|x| x.0).sum::<i64>());
    let mut chosen: Vec<u32> = (0..nh as u32).filter(|&h| st[h as usize] == St::In).collect();
    chosen.extend(free.iter().map(|x| x.1));
    // The pairs taken and the hosts selected, for the subgradient only.
    let (mut x, mut selected) =
        if grad { (vec![false; m], vec![false; nh]) } else { (vec![], vec![]) };
    let mut take = vec![0i32; u.len()];
    for &h in &chosen {
        if let Some(y) = selected.get_mut(h as usize) {
            *y = true;
        }
        top(h as usize, scratch);
        for &(_, e) in scratch.iter() {
            if let Some(taken) = x.get_mut(e as usize) {
                *taken = true;
            }
            take[p.seeker[e as usize] as usize] += 1;
        }
    }
    if !grad {
        chosen.sort_unstable();
        return (Lagrange { value, chosen, v, take }, Vec::new());
    }
    // g_sh = c_h y_h − c_h (s's pairs at or above h taken) − (better seekers h takes).
    let mut grad = vec![0i64; m];
    for s in 0..p.start.len().saturating_sub(1) {
        let mut above = 0i64;
        for e in p.start[s]..p.start[s + 1] {
            above += i64::from(x[e]);
            let c = i64::from(p.cap[p.host[e] as usize]);
            grad[e] = c * (i64::from(selected[p.host[e] as usize]) - above);
        }
    }
    for h in 0..nh {
        let mut better = 0i64;
        for &e in &p.by_host[h] {
            let e = e as usize;
            grad[e] -= better;
            better += i64::from(x[e]);
        }
    }
    chosen.sort_unstable();
    (Lagrange { value, chosen, v, take }, grad)
}
