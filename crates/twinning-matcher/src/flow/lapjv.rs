//! The Jonker–Volgenant algorithm for square dense assignment matrices.
#![allow(
    clippy::indexing_slicing,
    reason = "indices are internal and bounded by the sizes fixed at construction"
)]

/// Minimum-cost perfect assignment of a square `n × n` matrix given row by
/// row, by Jonker and Volgenant's algorithm (column reduction, reduction
/// transfer, two rounds of augmenting row reduction, then shortest
/// augmenting paths). Returns the column of each row.
///
/// The caller bounds the costs so that `|c| · 4(n + 1)` fits in an `i64`.
#[cfg(test)]
pub(crate) fn lapjv(n: usize, cost: &[i64]) -> Vec<usize> {
    if n == 0 || cost.len() != n * n {
        return Vec::new();
    }
    if n == 1 {
        return vec![0];
    }
    let (lo, hi) = cost.iter().fold((i64::MAX, i64::MIN), |(lo, hi), &c| (lo.min(c), hi.max(c)));
    lapjv_ranged(n, cost, lo, hi)
}

/// [`lapjv`] when the smallest and largest costs are already known: less
/// memory traffic when every cost fits 16 or 32 bits (the usual case), as
/// the augmenting phase reads rows at random positions.
pub(crate) fn lapjv_ranged(n: usize, cost: &[i64], lo: i64, hi: i64) -> Vec<usize> {
    if n == 0 || cost.len() != n * n {
        return Vec::new();
    }
    if n == 1 {
        return vec![0];
    }
    if i16::try_from(lo).is_ok() && i16::try_from(hi).is_ok() {
        let small: Vec<i16> = cost.iter().map(|&c| c as i16).collect();
        return lapjv_in(n, &small);
    }
    if i32::try_from(lo).is_ok() && i32::try_from(hi).is_ok() {
        let small: Vec<i32> = cost.iter().map(|&c| c as i32).collect();
        return lapjv_in(n, &small);
    }
    lapjv_in(n, cost)
}

/// [`lapjv`] on a matrix already in the narrowest integer type its costs fit
/// (the caller bounds them as for [`lapjv`]): no copy.
pub(crate) fn lapjv_narrow<T: Copy + Ord + Into<i64>>(n: usize, cost: &[T]) -> Vec<usize> {
    if n == 0 || cost.len() != n * n {
        return Vec::new();
    }
    if n == 1 {
        return vec![0];
    }
    lapjv_in(n, cost)
}

fn lapjv_in<T: Copy + Ord + Into<i64>>(n: usize, cost: &[T]) -> Vec<usize> {
    const NONE: usize = usize::MAX;
    let big = i64::MAX;
    let row = |i: usize| &cost[i * n..(i + 1) * n];
    let at = |c: T| -> i64 { c.into() };
    let mut rowsol = vec![NONE; n];
    let mut colsol = vec![NONE; n];
    let mut v = vec![0i64; n];
    let mut matches = vec![0u32; n];
    // Column reduction, last column first. Each column's minimum and its
    // first row are found for all columns at once, row by row, so the
    // matrix is read in order rather than down its columns.
    let mut col_min: Vec<T> = row(0).to_vec();
    let mut col_arg = vec![0u32; n];
    for i in 1..n {
        let r = row(i);
        for ((m, a), &c) in col_min.iter_mut().zip(col_arg.iter_mut()).zip(r) {
            if c < *m {
                *m = c;
                *a = i as u32;
            }
        }
    }
    for j in (0..n).rev() {
        let min = at(col_min[j]);
        let imin = col_arg[j] as usize;
        v[j] = min;
        matches[imin] += 1;
        if matches[imin] == 1 {
            rowsol[imin] = j;
            colsol[j] = imin;
        } else if v[j] < v[rowsol[imin]] {
            let j1 = rowsol[imin];
            rowsol[imin] = j;
            colsol[j] = imin;
            colsol[j1] = NONE;
        } else {
            colsol[j] = NONE;
        }
    }
    // Reduction transfer.
    let mut free = Vec::with_capacity(n);
    for i in 0..n {
        if matches[i] == 0 {
            free.push(i);
        } else if matches[i] == 1 {
            let j1 = rowsol[i];
            let mut min = big;
            for (j, (&c, &vj)) in row(i).iter().zip(&v).enumerate() {
                if j != j1 && at(c) - vj < min {
                    min = at(c) - vj;
                }
            }
            v[j1] -= min;
        }
    }
    // Augmenting row reduction, twice.
    for _ in 0..2 {
        let mut k = 0;
        let prev = std::mem::take(&mut free);
        let mut work = prev;
        let mut still = Vec::with_capacity(work.len());
        while k < work.len() {
            let i = work[k];
            k += 1;
            let r = row(i);
            let mut umin = at(r[0]) - v[0];
            let mut j1 = 0;
            let mut usubmin = big;
            let mut j2 = 0;
            for j in 1..n {
                let h = at(r[j]) - v[j];
                if h < usubmin {
                    if h >= umin {
                        usubmin = h;
                        j2 = j;
                    } else {
                        usubmin = umin;
                        umin = h;
                        j2 = j1;
                        j1 = j;
                    }
                }
            }
            let mut i0 = colsol[j1];
            if umin < usubmin {
                v[j1] -= usubmin - umin;
            } else if i0 != NONE {
                j1 = j2;
                i0 = colsol[j2];
            }
            rowsol[i] = j1;
            colsol[j1] = i;
            if i0 != NONE {
                rowsol[i0] = NONE;
                if umin < usubmin {
                    k -= 1;
                    work[k] = i0;
                } else {
                    still.push(i0);
                }
            }
        }
        free = still;
    }
    // Shortest augmenting paths for the rows still free. The columns not yet
    // scanned are kept in `collist` together with their distance (`dl`) and
    // price (`vl`) at the same position, so the scans read memory in order.
    let mut dl = vec![0i64; n];
    let mut vl = vec![0i64; n];
    let mut pred = vec![0usize; n];
    let mut collist: Vec<usize> = (0..n).collect();
    let mut hits: Vec<usize> = Vec::new();
    for &freerow in &free {
        let r = row(freerow);
        for j in 0..n {
            dl[j] = at(r[j]) - v[j];
            vl[j] = v[j];
            pred[j] = freerow;
            collist[j] = j;
        }
        let mut low: usize = 0;
        let mut up: usize = 0;
        let mut last: usize = 0;
        let mut min = 0i64;
        let mut endofpath = NONE;
        while endofpath == NONE {
            if up == low {
                last = low.wrapping_sub(1);
                min = dl[up];
                up += 1;
                let mut k = up;
                while k < n {
                    let h = dl[k];
                    if h <= min {
                        if h < min {
                            up = low;
                            min = h;
                        }
                        collist.swap(k, up);
                        dl.swap(k, up);
                        vl.swap(k, up);
                        up += 1;
                    }
                    k += 1;
                }
                for &j in &collist[low..up] {
                    if colsol[j] == NONE {
                        endofpath = j;
                        break;
                    }
                }
            }
            if endofpath == NONE {
                let j1 = collist[low];
                let i = colsol[j1];
                let ri = row(i);
                let h = at(ri[j1]) - vl[low] - min;
                low += 1;
                // Relax every unscanned column through row i; the columns
                // reaching the current minimum are collected and moved into
                // the scan list afterwards, so this loop reads in order.
                hits.clear();
                let tail = collist[up..].iter().zip(dl[up..].iter_mut()).zip(&vl[up..]);
                for (k, ((&j, d), &vj)) in tail.enumerate() {
                    let v2 = at(ri[j]) - vj - h;
                    if v2 < *d {
                        pred[j] = i;
                        *d = v2;
                        if v2 == min {
                            hits.push(up + k);
                        }
                    }
                }
                for &k in &hits {
                    let j = collist[k];
                    if colsol[j] == NONE {
                        endofpath = j;
                        break;
                    }
                    collist.swap(k, up);
                    dl.swap(k, up);
                    vl.swap(k, up);
                    up += 1;
                }
            }
        }
        // Update the prices of the columns scanned before the last minimum.
        let scanned = last.wrapping_add(1);
        for k in 0..scanned {
            let j1 = collist[k];
            v[j1] += dl[k] - min;
        }
        let mut j = endofpath;
        loop {
            let i = pred[j];
            colsol[j] = i;
            let next = rowsol[i];
            rowsol[i] = j;
            if i == freerow {
                break;
            }
            j = next;
        }
    }
    rowsol
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::tests::lcg;

    #[test]
    fn lapjv_agrees_with_brute_force() {
        fn perms(n: usize) -> Vec<Vec<usize>> {
            if n == 0 {
                return vec![vec![]];
            }
            let mut out = Vec::new();
            for p in perms(n - 1) {
                for i in 0..=p.len() {
                    let mut q = p.clone();
                    q.insert(i, n - 1);
                    out.push(q);
                }
            }
            out
        }
        let mut st = 11u64;
        for _ in 0..3000 {
            let n = 1 + (lcg(&mut st) % 6) as usize;
            let modulus = 1 + lcg(&mut st) % 20;
            let c: Vec<i64> = (0..n * n).map(|_| (lcg(&mut st) % modulus) as i64 - 5).collect();
            let sol = lapjv(n, &c);
            let mut seen = vec![false; n];
            for &j in &sol {
                assert!(!seen[j]);
                seen[j] = true;
            }
            let got: i64 = sol.iter().enumerate().map(|(i, &j)| c[i * n + j]).sum();
            let best = perms(n)
                .iter()
                .map(|p| p.iter().enumerate().map(|(i, &j)| c[i * n + j]).sum::<i64>())
                .min()
                .unwrap();
            assert_eq!(got, best, "{n} {c:?}");
        }
    }
}
