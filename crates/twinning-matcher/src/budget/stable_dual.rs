//! The Lagrangian bound of the stable objective that keeps stability inside
//! each host.
//!
//! The stable value of a selection `S` is the weight of the seeker-proposing
//! stable matching among `S`. Describe any stable matching `x` of `S` with
//! one more indicator per acceptable pair, `z_sh = 1` when `s` is matched to
//! a host it prefers to `h` ("`s` is gone for `h`"). Stability then says,
//! host by host: a selected host `h` with assigned seekers `T`, walking its
//! list from its favourite, meets every seeker it does not hold either gone
//! or behind `c_h` seekers of `T` — so `T` is its first `c_h` seekers that
//! are not gone (all of them, if fewer). What ties the hosts together is
//!
//! ```text
//! Σ_h x_sh ≤ 1                      (each seeker at most once; price u_s ≥ 0)
//! z_sh ≤ Σ_{h' ≻_s h} x_sh'          (gone means matched higher; price μ_sh ≥ 0)
//! ```
//!
//! Pricing both gives, for every selection of the node,
//!
//! ```text
//! L(u, μ) = Σ_s u_s + max over (x, y, z) of Σ_sh (w_sh + b_sh − u_s) x_sh − Σ_sh μ_sh z_sh
//! ```
//!
//! with `b_sh = Σ_{h'' ≺_s h} μ_sh''` (the linking rows in which `x_sh`
//! appears), where the maximum keeps stability inside every host. It still
//! splits by host: a selected host walks its list once with a small dynamic
//! programme (how many seekers it holds so far: take the seeker for its
//! reduced weight, or count it gone for `μ_sh`, until it is full), `O(c_h)`
//! work per pair. `L(u, μ)` bounds the stable value of every selection of
//! the node because every stable matching is one of the `(x, y, z)` and
//! makes every priced term non-negative. The node's windows (see `goal.rs`)
//! sharpen the walk: a pair outside its seeker's window cannot be taken; a
//! seeker that cannot do better than `h` at this node cannot be gone for
//! `h`; one whose floor is above `h` is gone for `h` in every selection
//! (`z_sh = 1`, its price paid once).
//!
//! Because the host problem is not a linear programme (holding seekers in
//! the host's order is a combinatorial condition), the best `L` can be below
//! the linear relaxation of the mixed-integer programme with its stability
//! rows (`bench/peers.py`): each such row `c_h y_h ≤ c_h Σ_{h' ⪰_s h} x_sh' +
//! Σ_{s' ≻_h s} x_s'h` holds for every host walk together with the linking
//! rows.
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

    /// What each pair may do at a node where `open` hosts may be selected
    /// and the seekers' windows are `windows` (see [`Market::windows`]): a
    /// combination of [`TAKE`], [`GONE`] and [`SURELY_GONE`].
    pub(super) fn kinds(&self, windows: &[(usize, usize)], open: &[bool]) -> Vec<u8> {
        (0..self.len())
            .map(|e| {
                let (at, end) = windows[self.seeker[e] as usize];
                let k = self.pos[e] as usize;
                let mut kind = 0;
                if open[self.host[e] as usize] && at <= k && k < end {
                    kind |= TAKE;
                }
                // A seeker the node never matches (an empty window) is gone
                // for nobody; one that can be matched above `h` may be gone
                // for it, and surely is when even its floor is above `h`
                // (`end` is the floor's position plus one, or the list's
                // length when there is no floor).
                if at < end && at < k {
                    kind |= if k >= end { SURELY_GONE } else { GONE };
                }
                kind
            })
            .collect()
    }

    /// Number of pairs (the length of a `λ` vector).
    pub(super) fn len(&self) -> usize {
        self.seeker.len()
    }
}

/// The pair may be taken at the node.
pub(super) const TAKE: u8 = 1;
/// The pair's seeker may be gone for its host (matched higher) at the node.
pub(super) const GONE: u8 = 2;
/// The pair's seeker is gone for its host in every selection of the node.
pub(super) const SURELY_GONE: u8 = 4;

/// Far below any value: a host walk that cannot be completed.
const NEG: i64 = i64::MIN / 4;

/// What the linking prices `μ` add to the pairs (see the module docs): each
/// pair's `b_sh`. They depend on `μ` only, so an ascent that keeps `μ` (every
/// node below the root) computes them once.
#[derive(Debug, Clone)]
pub(super) struct RowPrices {
    bonus: Vec<i64>,
}

impl RowPrices {
    /// No linking prices: nothing added.
    pub(super) fn zero(p: &Pairs) -> Self {
        Self { bonus: vec![0; p.len()] }
    }

    /// The bonuses of the linking prices `mu`: `b_sh` sums the prices of
    /// the seeker's pairs below `h` in its list.
    pub(super) fn new(p: &Pairs, mu: &[i64]) -> Self {
        let mut bonus = vec![0i64; p.len()];
        for s in 0..p.start.len().saturating_sub(1) {
            let mut acc = 0i64;
            for e in (p.start[s]..p.start[s + 1]).rev() {
                bonus[e] = acc;
                acc = acc.saturating_add(mu[e]);
            }
        }
        Self { bonus }
    }
}

/// One host's walk (see the module docs): the best value of the pairs
/// `list` (the host's, favourite first) with capacity `cap`, `gain[i]` the
/// reduced weight of taking pair `i` and `cost[i]` the price of counting its
/// seeker gone (`None`: it cannot be). With `trace`, also marks in it the
/// pairs taken (`1`) and counted gone (`2`) by a best walk.
pub(super) fn walk(
    cap: usize,
    n: usize,
    gain: impl Fn(usize) -> Option<i64>,
    cost: impl Fn(usize) -> Option<i64>,
    dp: &mut Vec<i64>,
    choice: &mut Vec<u8>,
    trace: Option<&mut Vec<u8>>,
) -> i64 {
    if cap == 0 {
        // Full from the start: nobody taken, nobody needs to be gone.
        if let Some(trace) = trace {
            trace.clear();
            trace.resize(n, 0);
        }
        return 0;
    }
    // States: seekers held so far (all others so far gone), below `cap`.
    let size = cap.min(n) + 1;
    let keep = trace.is_some();
    dp.clear();
    dp.resize(2 * size, NEG);
    dp[0] = 0;
    if keep {
        choice.clear();
        choice.resize(n * size, 0);
    }
    let mut full = NEG;
    let mut full_at: Option<(usize, usize)> = None;
    let (mut cur, mut next) = (0, size);
    for i in 0..n {
        let (g, c) = (gain(i), cost(i));
        for j in 0..size {
            dp[next + j] = NEG;
        }
        for j in 0..size {
            let here = dp[cur + j];
            if here <= NEG {
                continue;
            }
            if let Some(g) = g {
                let v = here.saturating_add(g);
                if j + 1 == cap {
                    if v > full {
                        full = v;
                        full_at = Some((i, j));
                    }
                } else if j + 1 < size && v > dp[next + j + 1] {
                    dp[next + j + 1] = v;
                    if keep {
                        choice[i * size + j + 1] = 1;
                    }
                }
            }
            if let Some(c) = c {
                let v = here.saturating_sub(c);
                if v > dp[next + j] {
                    dp[next + j] = v;
                    if keep {
                        choice[i * size + j] = 2;
                    }
                }
            }
        }
        std::mem::swap(&mut cur, &mut next);
    }
    let mut best = full;
    let mut end: Option<(usize, usize)> = None;
    for j in 0..size {
        if dp[cur + j] > best {
            best = dp[cur + j];
            end = Some((n, j));
        }
    }
    if let Some(trace) = trace {
        trace.clear();
        trace.resize(n, 0);
        if best > NEG {
            // Walk back from the end of the list, or from the pair that
            // filled the host.
            let (mut i, mut j) = match end {
                Some(at) => at,
                None => match full_at {
                    Some((i, j)) => {
                        trace[i] = 1;
                        (i, j)
                    }
                    None => (0, 0),
                },
            };
            while i > 0 {
                i -= 1;
                match choice[i * size + j] {
                    1 => {
                        trace[i] = 1;
                        j = j.saturating_sub(1);
                    }
                    2 => trace[i] = 2,
                    _ => break,
                }
            }
        }
    }
    best.max(NEG)
}

/// `L(u, μ)` of a node (see the module docs), with `μ` given by its
/// [`RowPrices`], and (when `grad` is asked for, else empty) its subgradient
/// in `μ`, negated: `z_sh − Σ_{h' ≻_s h} x_sh'` per pair.
///
/// `kinds[e]` says what pair `e` may do at this node ([`Pairs::kinds`]).
/// Returns the Lagrange state (value, selected hosts, `v_h`, `take`).
#[allow(clippy::too_many_arguments, reason = "one node's state, passed apart to borrow it")]
pub(super) fn stable_lagrangian(
    p: &Pairs,
    kinds: &[u8],
    u: &[i64],
    mu: &[i64],
    prices: &RowPrices,
    st: &[St],
    k_left: usize,
    grad: bool,
) -> (Lagrange, Vec<i64>) {
    let m = p.len();
    let nh = p.cap.len();
    let bonus = &prices.bonus;
    let mut v = vec![0i64; nh];
    let mut value: i64 = u.iter().sum();
    // A pair whose seeker is surely gone pays its price once, host or not.
    for (e, &kind) in kinds.iter().enumerate() {
        if kind & SURELY_GONE != 0 {
            value = value.saturating_sub(mu[e]);
        }
    }
    let (mut dp, mut choice) = (Vec::new(), Vec::new());
    let host_walk =
        |h: usize, dp: &mut Vec<i64>, choice: &mut Vec<u8>, trace: Option<&mut Vec<u8>>| {
            let list = &p.by_host[h];
            walk(
                p.cap[h] as usize,
                list.len(),
                |i| {
                    let e = list[i] as usize;
                    (kinds[e] & TAKE != 0).then(|| {
                        p.weight[e].saturating_add(bonus[e]).saturating_sub(u[p.seeker[e] as usize])
                    })
                },
                |i| {
                    let e = list[i] as usize;
                    if kinds[e] & SURELY_GONE != 0 {
                        Some(0)
                    } else if kinds[e] & GONE != 0 {
                        Some(mu[e])
                    } else {
                        None
                    }
                },
                dp,
                choice,
                trace,
            )
        };
    let mut free: Vec<(i64, u32)> = Vec::new();
    for h in 0..nh {
        if st[h] == St::Out || p.cap[h] == 0 {
            continue;
        }
        v[h] = host_walk(h, &mut dp, &mut choice, None);
        if st[h] == St::In {
            value = value.saturating_add(v[h]);
        } else if v[h] > 0 {
            free.push((v[h], h as u32));
        }
    }
    free.sort_unstable_by(|a, b| b.cmp(a));
    free.truncate(k_left);
    value = value.saturating_add(free.iter().map(|x| x.0).sum::<i64>());
    let value = value.max(NEG);
    let mut chosen: Vec<u32> = (0..nh as u32).filter(|&h| st[h as usize] == St::In).collect();
    chosen.extend(free.iter().map(|x| x.1));
    // The pairs taken and counted gone by the chosen hosts' walks.
    let mut x = if grad { vec![false; m] } else { Vec::new() };
    let mut z = if grad { vec![false; m] } else { Vec::new() };
    let mut take = vec![0i32; u.len()];
    let mut trace = Vec::new();
    for &h in &chosen {
        let h = h as usize;
        if p.cap[h] == 0 {
            continue;
        }
        let _ = host_walk(h, &mut dp, &mut choice, Some(&mut trace));
        for (&e, &t) in p.by_host[h].iter().zip(&trace) {
            let e = e as usize;
            if t == 1 {
                take[p.seeker[e] as usize] += 1;
                if let Some(slot) = x.get_mut(e) {
                    *slot = true;
                }
            } else if t == 2
                && let Some(slot) = z.get_mut(e)
            {
                *slot = true;
            }
        }
    }
    chosen.sort_unstable();
    if !grad {
        return (Lagrange { value, chosen, v, take }, Vec::new());
    }
    // −(Σ_{h' ≻_s h} x_sh' − z_sh) per pair, z_sh = 1 when surely gone.
    let mut g = vec![0i64; m];
    for s in 0..p.start.len().saturating_sub(1) {
        let mut above = 0i64;
        for e in p.start[s]..p.start[s + 1] {
            let gone = z[e] || kinds[e] & SURELY_GONE != 0;
            g[e] = i64::from(gone) - above;
            above += i64::from(x[e]);
        }
    }
    (Lagrange { value, chosen, v, take }, g)
}
