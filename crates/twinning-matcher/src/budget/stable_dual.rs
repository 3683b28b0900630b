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
    /// Each host's pairs, the host's favourite seeker first, flat, with
    /// each pair's seeker and weight: the order of the walks.
    order: HostOrder,
    /// Where each pair lies in `order`.
    at: Vec<u32>,
    /// Host capacities.
    cap: Vec<u32>,
}

/// The pairs host by host in the host's order, flat (see [`Walks`]).
#[derive(Debug, Clone)]
struct HostOrder {
    /// Offsets of each host's pairs, `hosts + 1` long.
    start: Vec<usize>,
    /// Seeker of each pair.
    seeker: Vec<u32>,
    /// The pair's index in [`Pairs`].
    pair: Vec<u32>,
    /// Weight of each pair.
    weight: Vec<i64>,
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
        let by_host: Vec<Vec<u32>> = by_host
            .into_iter()
            .map(|mut l| {
                l.sort_unstable();
                l.into_iter().map(|x| x.1).collect()
            })
            .collect();
        let mut order = HostOrder {
            start: vec![0],
            seeker: Vec::new(),
            pair: Vec::with_capacity(seeker.len()),
            weight: Vec::with_capacity(seeker.len()),
        };
        let mut at = vec![0u32; seeker.len()];
        for list in &by_host {
            for &e in list {
                at[e as usize] = order.pair.len() as u32;
                order.seeker.push(seeker[e as usize]);
                order.pair.push(e);
                order.weight.push(weight[e as usize]);
            }
            order.start.push(order.pair.len());
        }
        Self { start, seeker, pos, host, order, at, cap: m.cap.clone() }
    }

    /// What each pair may do at a node where `open` hosts may be selected
    /// and the seekers' windows are `windows` (see [`Market::windows`]): a
    /// combination of [`TAKE`], [`GONE`] and [`SURELY_GONE`].
    pub(super) fn kinds(&self, windows: &[(usize, usize)], open: &[bool]) -> Kinds {
        let by_pair: Vec<u8> = (0..self.len())
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
            .collect();
        let by_host = self.order.pair.iter().map(|&e| by_pair[e as usize]).collect();
        let surely =
            (0..by_pair.len() as u32).filter(|&e| by_pair[e as usize] & SURELY_GONE != 0).collect();
        Kinds { by_pair, by_host, surely }
    }

    /// Number of pairs (the length of a `λ` vector).
    pub(super) fn len(&self) -> usize {
        self.seeker.len()
    }
}

/// What each pair may do at one node ([`Pairs::kinds`]).
#[derive(Debug, Clone)]
pub(super) struct Kinds {
    /// Pair by pair, in the order of [`Pairs`].
    by_pair: Vec<u8>,
    /// The same, in the walks' order (host by host).
    by_host: Vec<u8>,
    /// The pairs whose seeker is surely gone, whose prices [`Walks`] pays
    /// once.
    surely: Vec<u32>,
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
/// pair's `b_sh`. They depend on `μ` only, so an ascent that keeps `μ`
/// computes them once.
#[derive(Debug, Clone)]
pub(super) struct RowPrices {
    /// Each pair's `b_sh`, in the walks' order (host by host).
    bonus: Vec<i64>,
}

impl RowPrices {
    /// The bonuses of the linking prices `mu`: `b_sh` sums the prices of
    /// the seeker's pairs below `h` in its list.
    pub(super) fn new(p: &Pairs, mu: &[i64]) -> Self {
        let mut prices = Self { bonus: Vec::new() };
        prices.refill(p, mu);
        prices
    }

    /// [`RowPrices::new`] in place, keeping the buffer.
    pub(super) fn refill(&mut self, p: &Pairs, mu: &[i64]) {
        let bonus = &mut self.bonus;
        bonus.clear();
        bonus.resize(p.len(), 0);
        for s in 0..p.start.len().saturating_sub(1) {
            let mut acc = 0i64;
            for e in (p.start[s]..p.start[s + 1]).rev() {
                bonus[p.at[e] as usize] = acc;
                acc = acc.saturating_add(mu[e]);
            }
        }
    }
}

/// Every open host's walk of its list at one node and one `μ`: what a walk
/// needs but the seekers' prices `u`, read from the pairs where they lie
/// (each pair's gain and cost are worked out as the walk meets it, so that
/// moving `μ` costs no rebuild).
#[derive(Debug, Clone, Copy)]
pub(super) struct Walks<'a> {
    /// The pairs in the walks' order.
    order: &'a HostOrder,
    /// What each pair may do at the node, in the walks' order.
    kinds: &'a [u8],
    /// The linking prices `μ`, in the order of [`Pairs`].
    mu: &'a [i64],
    /// What `μ` adds to the pairs, in the walks' order.
    bonus: &'a [i64],
    /// The prices of the pairs whose seeker is surely gone, paid once.
    sure: i64,
}

impl<'a> Walks<'a> {
    /// The walks of the node whose pairs may do `kinds` ([`Pairs::kinds`]),
    /// at the linking prices `mu` (which add `prices`).
    pub(super) fn new(
        p: &'a Pairs,
        kinds: &'a Kinds,
        mu: &'a [i64],
        prices: &'a RowPrices,
    ) -> Self {
        // The prices are not negative, so the order of the sum does not
        // change where it saturates.
        let sure = kinds.surely.iter().fold(0i64, |acc, &e| acc.saturating_add(mu[e as usize]));
        Self { order: &p.order, kinds: &kinds.by_host, mu, bonus: &prices.bonus, sure }
    }

    /// Host `h`'s walk at the seekers' prices `u` (see [`walk`]).
    fn host(
        &self,
        h: usize,
        cap: usize,
        u: &[i64],
        dp: &mut Vec<i64>,
        choice: &mut Vec<u8>,
        trace: Option<&mut Vec<u8>>,
    ) -> i64 {
        let order = self.order;
        let (a, b) = (order.start[h], order.start[h + 1]);
        let (seeker, pair, weight) = (&order.seeker[a..b], &order.pair[a..b], &order.weight[a..b]);
        let (kinds, bonus) = (&self.kinds[a..b], &self.bonus[a..b]);
        let mu = self.mu;
        let gain = |i: usize| {
            (kinds[i] & TAKE != 0).then(|| {
                let base = weight[i].saturating_add(bonus[i]).max(NO_TAKE + 1);
                base.saturating_sub(u[seeker[i] as usize])
            })
        };
        let cost = |i: usize| {
            let kind = kinds[i];
            if kind & SURELY_GONE != 0 {
                Some(0)
            } else if kind & GONE != 0 {
                Some(mu[pair[i] as usize].min(NO_GONE - 1))
            } else {
                None
            }
        };
        match trace {
            Some(trace) => walk::<true>(cap, b - a, gain, cost, dp, choice, Some(trace)),
            None => walk::<false>(cap, b - a, gain, cost, dp, choice, None),
        }
    }
}

/// A pair's base gain when it cannot be taken at the node.
const NO_TAKE: i64 = i64::MIN;
/// A pair's cost when its seeker cannot be gone for its host at the node.
const NO_GONE: i64 = i64::MAX;

/// One host's walk (see the module docs): the best value of the pairs
/// `list` (the host's, favourite first) with capacity `cap`, `gain[i]` the
/// reduced weight of taking pair `i` and `cost[i]` the price of counting its
/// seeker gone (`None`: it cannot be). With `trace`, also marks in it the
/// pairs taken (`1`) and counted gone (`2`) by a best walk; `KEEP` says
/// whether a trace is wanted. Most walks only want the value: compiled
/// apart, they keep no choices and their steps take no branch on the values.
#[inline]
pub(super) fn walk<const KEEP: bool>(
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
    // States: seekers held so far (all others so far gone), below `cap`;
    // `dp[j]` for `j` in `lo..=hi` (the others cannot be reached).
    let size = cap.min(n) + 1;
    dp.clear();
    dp.resize(size, NEG);
    dp[0] = 0;
    if KEEP {
        choice.clear();
        choice.resize(n * size, 0);
    }
    let (mut lo, mut hi) = (0usize, 0usize);
    let mut full = NEG;
    let mut full_at: Option<(usize, usize)> = None;
    for i in 0..n {
        let (g, c) = (gain(i), cost(i));
        // In place, from the top: state `j` moves to `j + 1` (take) or
        // stays (gone); without "gone" it cannot stay.
        let top = hi;
        if let (false, Some(g)) = (KEEP, g) {
            // The same steps as below, with every value at or below `NEG`
            // alike (unreached): a state's best is a maximum, taken whether
            // or not it improves.
            let (c, may_stay) = match c {
                Some(c) => (c, true),
                None => (0, false),
            };
            for j in (lo..=top).rev() {
                let here = dp[j];
                let live = here > NEG;
                let v = if live { here.saturating_add(g) } else { NEG };
                if j + 1 == cap {
                    full = full.max(v);
                } else if let Some(next) = dp.get_mut(j + 1) {
                    *next = (*next).max(v);
                    hi = if v > NEG { hi.max(j + 1) } else { hi };
                }
                dp[j] = if live && may_stay { here.saturating_sub(c) } else { NEG };
            }
        } else if let Some(g) = g {
            for j in (lo..=top).rev() {
                let here = dp[j];
                let stay = match c {
                    Some(c) if here > NEG => here.saturating_sub(c),
                    _ => NEG,
                };
                let v = if here > NEG { here.saturating_add(g) } else { NEG };
                if j + 1 == cap {
                    if v > full {
                        full = v;
                        full_at = Some((i, j));
                    }
                } else if j + 1 < size && v > NEG && v > dp[j + 1] {
                    // Above `hi` every state is unreached (`NEG`).
                    dp[j + 1] = v;
                    hi = hi.max(j + 1);
                    if KEEP {
                        choice[i * size + j + 1] = 1;
                    }
                }
                // `dp[j + 1]` took its "take" value above; `dp[j]` now is
                // what staying gives.
                dp[j] = stay;
                if KEEP && stay > NEG {
                    choice[i * size + j] = 2;
                }
            }
            // A state above `top` was only reached by taking this pair, so
            // its "gone" alternative did not exist: nothing to compare.
        } else {
            match c {
                Some(c) => {
                    for j in lo..=hi {
                        if dp[j] > NEG {
                            dp[j] = dp[j].saturating_sub(c);
                            if KEEP {
                                choice[i * size + j] = 2;
                            }
                        }
                    }
                }
                None => {
                    for x in &mut dp[lo..=hi] {
                        *x = NEG;
                    }
                }
            }
        }
        while lo < hi && dp[lo] <= NEG {
            lo += 1;
        }
        while hi > lo && dp[hi] <= NEG {
            hi -= 1;
        }
        if dp[lo] <= NEG {
            // No state left: the host is full or cannot be walked further.
            return finish(full, None, full_at, n, size, choice, trace);
        }
    }
    let mut best = full;
    let mut end: Option<(usize, usize)> = None;
    for (j, &x) in dp.iter().enumerate().take(hi + 1).skip(lo) {
        if x > best {
            best = x;
            end = Some((n, j));
        }
    }
    finish(best, end, full_at, n, size, choice, trace)
}

/// The end of [`walk`]: its value, and its trace when asked for.
fn finish(
    best: i64,
    end: Option<(usize, usize)>,
    full_at: Option<(usize, usize)>,
    n: usize,
    size: usize,
    choice: &[u8],
    trace: Option<&mut Vec<u8>>,
) -> i64 {
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
                match choice.get(i * size + j) {
                    Some(1) => {
                        trace[i] = 1;
                        j = j.saturating_sub(1);
                    }
                    Some(2) => trace[i] = 2,
                    _ => break,
                }
            }
        }
    }
    best.max(NEG)
}

/// `L(u, μ)` of a node (see the module docs), with the node's pairs and `μ`
/// given by its [`Walks`], and (when `grad` is asked for, else empty) its
/// subgradient in `μ`, negated: `z_sh − Σ_{h' ≻_s h} x_sh'` per pair.
///
/// `kinds` says what each pair may do at this node ([`Pairs::kinds`]).
/// Returns the Lagrange state (value, selected hosts, `v_h`, `take`); the
/// subgradient is left in `work.grad` (emptied when not asked for).
#[allow(clippy::too_many_arguments, reason = "one node's state, passed apart to borrow it")]
pub(super) fn stable_lagrangian(
    p: &Pairs,
    kinds: &Kinds,
    walks: &Walks<'_>,
    u: &[i64],
    st: &[St],
    k_left: usize,
    grad: bool,
    work: &mut Work,
) -> Lagrange {
    let nh = p.cap.len();
    let mut v = vec![0i64; nh];
    // A pair whose seeker is surely gone pays its price once, host or not.
    let mut value: i64 = u.iter().sum::<i64>().saturating_sub(walks.sure);
    let Work { dp, choice, free, taken, trace, grad: g } = work;
    free.clear();
    g.clear();
    for h in 0..nh {
        if st[h] == St::Out || p.cap[h] == 0 {
            continue;
        }
        v[h] = walks.host(h, p.cap[h] as usize, u, dp, choice, None);
        if st[h] == St::In {
            value = value.saturating_add(v[h]);
        } else if v[h] > 0 {
            free.push((v[h], h as u32));
        }
    }
    // The `k_left` best (by value, then host: a total order).
    if k_left < free.len() {
        free.select_nth_unstable_by(k_left, |a, b| b.cmp(a));
        free.truncate(k_left);
    }
    value = value.saturating_add(free.iter().map(|x| x.0).sum::<i64>());
    let value = value.max(NEG);
    let mut chosen: Vec<u32> = (0..nh as u32).filter(|&h| st[h as usize] == St::In).collect();
    chosen.extend(free.iter().map(|x| x.1));
    // The pairs taken (`taken`) and counted gone (straight into the
    // subgradient, which starts at the surely gone) by the chosen hosts'
    // walks.
    taken.clear();
    if grad {
        g.extend(kinds.by_pair.iter().map(|&k| i64::from(k & SURELY_GONE != 0)));
    }
    let mut take = vec![0i32; u.len()];
    for &h in &chosen {
        let h = h as usize;
        if p.cap[h] == 0 {
            continue;
        }
        let _ = walks.host(h, p.cap[h] as usize, u, dp, choice, Some(trace));
        let at = p.order.start[h];
        for (i, &t) in trace.iter().enumerate() {
            let e = p.order.pair[at + i] as usize;
            if t == 1 {
                take[p.order.seeker[at + i] as usize] += 1;
                if grad {
                    taken.push(e as u32);
                }
            } else if t == 2
                && let Some(slot) = g.get_mut(e)
            {
                *slot = 1;
            }
        }
    }
    chosen.sort_unstable();
    if !grad {
        return Lagrange { value, chosen, v, take };
    }
    // −(Σ_{h' ≻_s h} x_sh' − z_sh) per pair, z_sh = 1 when surely gone:
    // each pair taken counts against the pairs below it in its seeker's
    // list.
    for &e in taken.iter() {
        let e = e as usize;
        for below in &mut g[e + 1..p.start[p.seeker[e] as usize + 1]] {
            *below -= 1;
        }
    }
    Lagrange { value, chosen, v, take }
}

/// The buffers of [`stable_lagrangian`], kept between calls; `grad` holds
/// the last subgradient asked for.
#[derive(Debug, Default)]
pub(super) struct Work {
    dp: Vec<i64>,
    choice: Vec<u8>,
    free: Vec<(i64, u32)>,
    taken: Vec<u32>,
    trace: Vec<u8>,
    pub(super) grad: Vec<i64>,
}
