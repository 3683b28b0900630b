//! The dense path of the welfare-optimal assignment: the free seekers and the
//! seats as one square matrix, solved by Jonker–Volgenant (see the parent
//! module's docs for when it applies and why it is exact).
//!
//! The matrix is written once, straight from the instance's rows and its
//! integer scores (converted once per instance, `Instance::scaled_entry_scores`),
//! in the narrowest integer type its costs fit (16, 32 or 64 bits), and
//! handed to the solver as it is: no per-seeker lists, no wide copy.

use crate::flow::{UNMATCHED, lapjv_narrow};
use crate::instance::Rows;

/// The largest matrix side of the dense path (see the module docs).
pub const DENSE_MAX: usize = 2_500;

/// An integer type a cost matrix is written in.
pub(super) trait Cell: Copy + Ord + Into<i64> + TryFrom<i64> {
    /// `x`, which the caller has bounded to the type's range.
    fn of(x: i64) -> Self;
}

macro_rules! cell {
    ($($t:ty),*) => {$(
        impl Cell for $t {
            #[allow(clippy::cast_possible_truncation, reason = "the caller bounds the value")]
            fn of(x: i64) -> Self {
                x as $t
            }
        }
    )*};
}
cell!(i16, i32, i64);

/// The weighted acceptable pairs of the rows of a dense problem: row `r`
/// visits each of its pairs as `(host, weight)`.
pub(super) trait DenseRows {
    /// Number of rows (free seekers).
    fn rows(&self) -> usize;
    /// Calls `f(host, weight)` for every pair of row `r`.
    fn each(&self, r: usize, f: impl FnMut(u32, i64));
    /// An upper bound on every weight and the number of matrix cells the
    /// pairs fill (each pair fills its host's `cap` seats); `None` when a
    /// weight may be negative.
    fn survey(&self, cap: &[u32]) -> Option<(i64, usize)> {
        let (mut filled, mut max, mut negative) = (0usize, 0i64, false);
        for r in 0..self.rows() {
            self.each(r, |h, w| {
                negative |= w < 0;
                max = max.max(w);
                filled = filled.saturating_add(cap.get(h as usize).map_or(0, |&c| c as usize));
            });
        }
        (!negative).then_some((max, filled))
    }

    /// Writes row `r`'s costs `max − weight` into `line` (one cell per seat
    /// of each of its hosts); `false` when a cost does not fit `T`.
    fn fill_row<T: Cell>(&self, r: usize, line: &mut [T], seats: &Seats, max: i64) -> bool {
        let mut ok = true;
        self.each(r, |h, w| ok &= seats.put(line, h, T::try_from(max - w).ok()));
        ok
    }
}

/// Per-seeker weighted lists (the shape the flow takes).
impl DenseRows for [Vec<(u32, i64)>] {
    fn rows(&self) -> usize {
        self.len()
    }
    fn each(&self, r: usize, mut f: impl FnMut(u32, i64)) {
        for &(h, w) in self.get(r).map_or(&[][..], Vec::as_slice) {
            f(h, w);
        }
    }
}

/// Where the pair weights of [`FreeRows`] come from, before the
/// `score · (n + 1) + 1` of the parent module's docs.
#[derive(Clone, Copy)]
pub(super) enum Scores<'a> {
    /// Each entry's score as an integer at the instance's common scale, with
    /// the least and the largest of them.
    Scaled(&'a [i64], (i64, i64)),
    /// The rank score `R − r` of each entry's rank `r` (instance without
    /// scores), with `R` given.
    Rank(&'a [u32], i64),
}

/// The free seekers' acceptable pairs with hosts that still have seats,
/// weighted `score · factor + 1` (saturating: an overflow shows as a weight
/// too large for the dense path, which then declines).
pub(super) struct FreeRows<'a> {
    /// The seekers' acceptable rows.
    pub(super) rows: &'a Rows,
    /// The hosts' acceptable rows.
    pub(super) host_rows: &'a Rows,
    /// The free seekers, ascending.
    pub(super) free: &'a [u32],
    /// Seats left per host.
    pub(super) cap: &'a [u32],
    /// Each entry's score.
    pub(super) scores: Scores<'a>,
    /// `n + 1` for `n` free seekers.
    pub(super) factor: i64,
}

impl FreeRows<'_> {
    fn weight(&self, score: i64) -> i64 {
        score.saturating_mul(self.factor).saturating_add(1)
    }
}

impl DenseRows for FreeRows<'_> {
    fn rows(&self) -> usize {
        self.free.len()
    }

    fn each(&self, r: usize, mut f: impl FnMut(u32, i64)) {
        let Some(&i) = self.free.get(r) else { return };
        let range = self.rows.row(i as usize);
        let partners = self.rows.partner.get(range.clone()).unwrap_or(&[]);
        let mut visit = |j: u32, score: i64| {
            if self.cap.get(j as usize).is_some_and(|&c| c > 0) {
                f(j, self.weight(score));
            }
        };
        match self.scores {
            Scores::Scaled(values, _) => {
                let values = values.get(range).unwrap_or(&[]);
                for (&j, &s) in partners.iter().zip(values) {
                    visit(j, s);
                }
            }
            Scores::Rank(ranks, top) => {
                let ranks = ranks.get(range).unwrap_or(&[]);
                for (&j, &r) in partners.iter().zip(ranks) {
                    visit(j, top - i64::from(r));
                }
            }
        }
    }

    /// The same costs as the default, in one tight loop: every weight is
    /// at most `max` (from [`DenseRows::survey`]), so every cost
    /// `max − (score · factor + 1)` lies in `0..=max` and fits `T`.
    fn fill_row<T: Cell>(&self, r: usize, line: &mut [T], seats: &Seats, max: i64) -> bool {
        let Some(&i) = self.free.get(r) else { return true };
        let range = self.rows.row(i as usize);
        let partners = self.rows.partner.get(range.clone()).unwrap_or(&[]);
        let (base, factor) = (max - 1, self.factor);
        match self.scores {
            Scores::Scaled(values, _) => {
                let values = values.get(range).unwrap_or(&[]);
                seats.fill(
                    line,
                    partners.iter().copied().zip(values.iter().copied()),
                    base,
                    factor,
                );
            }
            Scores::Rank(ranks, top) => {
                let ranks = ranks.get(range).unwrap_or(&[]);
                let scores = ranks.iter().map(|&r| top - i64::from(r));
                seats.fill(line, partners.iter().copied().zip(scores), base, factor);
            }
        }
        true
    }

    /// From what the instance knows without a pass over the pairs: the
    /// score range, and (when every seeker is free) the hosts' row lengths.
    fn survey(&self, cap: &[u32]) -> Option<(i64, usize)> {
        let max = match self.scores {
            Scores::Scaled(_, (least, _)) if least < 0 => return None,
            Scores::Scaled(_, (_, most)) => self.weight(most),
            // Ranks are below `R`: every rank score is at least 1.
            Scores::Rank(_, top) => self.weight(top),
        };
        let filled = if self.free.len() == self.rows.agents() {
            cap.iter().enumerate().fold(0usize, |acc, (j, &c)| {
                acc.saturating_add((c as usize).saturating_mul(self.host_rows.row(j).len()))
            })
        } else {
            let mut filled = 0usize;
            for &i in self.free {
                let partners = self.rows.partner.get(self.rows.row(i as usize)).unwrap_or(&[]);
                for &j in partners {
                    filled = filled.saturating_add(cap.get(j as usize).map_or(0, |&c| c as usize));
                }
            }
            filled
        };
        Some((max, filled))
    }
}

/// An assignment found by the dense path.
pub(super) struct Dense {
    /// The host of each row, or [`UNMATCHED`].
    pub(super) host_of: Vec<u32>,
    /// The total weight of its pairs.
    pub(super) weight: i128,
}

/// The dense path (see the parent module's docs): the host of each row (or
/// [`UNMATCHED`]) by Jonker–Volgenant on the seats matrix, or `None` when the
/// problem is not dense enough, a weight is negative or the weights are too
/// large. A pair of weight 0 is worth no more than no pair, and may be left
/// out.
pub(super) fn dense_assignment<R: DenseRows + ?Sized>(cap: &[u32], rows: &R) -> Option<Dense> {
    let n_rows = rows.rows();
    let mut seats = Seats::new(cap)?;
    let n = n_rows.max(seats.count());
    if !(1..=DENSE_MAX).contains(&n) {
        return None;
    }
    seats.n = n;
    let (max, filled) = rows.survey(cap)?;
    if filled.saturating_mul(4) < n * n {
        return None;
    }
    let limit = i64::MAX / 8 / (i64::try_from(n).ok()? + 2);
    if max > limit {
        return None;
    }
    let kept = if i16::try_from(max).is_ok() {
        solve::<i16, R>(rows, &seats, max)?
    } else if i32::try_from(max).is_ok() {
        solve::<i32, R>(rows, &seats, max)?
    } else {
        solve::<i64, R>(rows, &seats, max)?
    };
    // Seat → host.
    let mut host_of_seat = vec![UNMATCHED; n];
    for (h, pair) in seats.start.windows(2).enumerate() {
        if let (Some(&from), Some(&to)) = (pair.first(), pair.get(1)) {
            host_of_seat.get_mut(from..to)?.fill(h as u32);
        }
    }
    let mut weight: i128 = 0;
    let mut host_of = Vec::with_capacity(n_rows);
    for seat in kept {
        host_of.push(match seat {
            Some((c, w)) => {
                weight = weight.checked_add(i128::from(w))?;
                *host_of_seat.get(c)?
            }
            None => UNMATCHED,
        });
    }
    Some(Dense { host_of, weight })
}

/// The seat columns of each host in the square matrix of side `n`.
pub(super) struct Seats {
    /// The first seat of each host and one past the last seat of the last.
    start: Vec<usize>,
    /// The only seat of each host when every host has at most one
    /// (`usize::MAX` for a host without seats), else empty.
    unit: Vec<usize>,
    n: usize,
}

impl Seats {
    /// The seats of hosts with `cap` seats; `None` when they overflow.
    fn new(cap: &[u32]) -> Option<Self> {
        let mut start = Vec::with_capacity(cap.len() + 1);
        let mut seats = 0usize;
        for &c in cap {
            start.push(seats);
            seats = seats.checked_add(c as usize)?;
        }
        start.push(seats);
        let unit = if cap.iter().all(|&c| c <= 1) {
            cap.iter().zip(&start).map(|(&c, &s)| if c == 1 { s } else { usize::MAX }).collect()
        } else {
            Vec::new()
        };
        Some(Self { start, unit, n: 0 })
    }

    /// Number of seats.
    fn count(&self) -> usize {
        self.start.last().copied().unwrap_or(0)
    }

    /// Writes `cost` into host `h`'s seats of a row (none when it has no
    /// seat left); `false` when `cost` is `None` (it did not fit).
    fn put<T: Copy>(&self, line: &mut [T], h: u32, cost: Option<T>) -> bool {
        let (Some(&from), Some(&to)) = (self.start.get(h as usize), self.start.get(h as usize + 1))
        else {
            return true;
        };
        if to == from {
            return true;
        }
        let Some(cost) = cost else { return false };
        if let Some(cells) = line.get_mut(from..to) {
            for cell in cells {
                *cell = cost;
            }
        }
        true
    }

    /// Writes the cost `base − score · factor` of every `(host, score)` into
    /// the host's seats of a row; the caller bounds the costs to `T`.
    fn fill<T: Cell>(
        &self,
        line: &mut [T],
        pairs: impl Iterator<Item = (u32, i64)>,
        base: i64,
        factor: i64,
    ) {
        if self.unit.is_empty() {
            for (h, score) in pairs {
                self.put(line, h, Some(T::of(base - score * factor)));
            }
        } else {
            for (h, score) in pairs {
                if let Some(cell) = self.unit.get(h as usize).and_then(|&seat| line.get_mut(seat)) {
                    *cell = T::of(base - score * factor);
                }
            }
        }
    }
}

/// Solves the cost matrix `max − weight` (missing pairs and padding: `max`,
/// the cost of weight 0) in `T`; returns each row's seat and weight when the
/// row has a pair of positive weight there (a cost below `max`), else `None`.
/// `None` overall when a cost does not fit `T`.
fn solve<T, R>(rows: &R, seats: &Seats, max: i64) -> Option<Vec<Option<(usize, i64)>>>
where
    T: Cell,
    R: DenseRows + ?Sized,
{
    let n = seats.n;
    let blank = T::try_from(max).ok()?;
    // Row by row: each row is blanked just before its pairs are written, so
    // both writes hit the cache.
    let mut cost: Vec<T> = Vec::with_capacity(n.checked_mul(n)?);
    let mut ok = true;
    for r in 0..n {
        let at = cost.len();
        cost.resize(at + n, blank);
        if r < rows.rows() {
            ok &= cost.get_mut(at..).is_some_and(|line| rows.fill_row(r, line, seats, max));
        }
    }
    if !ok {
        return None;
    }
    let cols = lapjv_narrow(n, &cost);
    let kept = |(r, &c): (usize, &usize)| {
        let cell = cost.get(r.checked_mul(n)?.checked_add(c)?)?;
        let w = max - (*cell).into();
        (w > 0).then_some((c, w))
    };
    Some(cols.iter().enumerate().take(rows.rows()).map(kept).collect())
}
