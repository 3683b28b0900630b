//! Building the lattice: both ends by deferred acceptance, then every
//! rotation and the rotation poset by walking from the seeker-optimal to
//! the host-optimal matching.

use super::{NONE, Rotation, StableLattice};
use crate::deferred_acceptance::{Strict, da_assignment, quotas};
use crate::error::{Error, Side};
use crate::instance::Instance;

/// Host-side strict position of seeker `i` at host entry `he`.
fn host_pos(strict: &Strict<'_>, j: usize, he: usize) -> u32 {
    strict.pos(Side::Host, j, he)
}

struct Walker<'s, 'a> {
    strict: &'s Strict<'a>,
    host_of: Vec<Option<u32>>,
    /// Seeker row entry of its host.
    entry: Vec<u32>,
    /// Per host: (host strict position, seeker), sorted.
    assigned: Vec<Vec<(u32, u32)>>,
}

impl Walker<'_, '_> {
    fn seat(&self, i: usize) -> Option<(u32, usize)> {
        let j = self.host_of.get(i).copied().flatten()?;
        let e = self.entry.get(i).copied()? as usize;
        let he = self.strict.instance.seeker_rows().mirror.get(e).copied()? as usize;
        let p = host_pos(self.strict, j as usize, he);
        let t = self.assigned.get(j as usize)?.partition_point(|&(q, _)| q < p);
        Some((j, t))
    }

    /// s_M(i): the next seat for seeker `i` and its occupant, with the seeker entry of that host.
    fn next_seat(&self, i: usize) -> Option<((u32, usize), u32, u32)> {
        let (j, t) = self.seat(i)?;
        let list = self.assigned.get(j as usize)?;
        let e_cur = self.entry.get(i).copied()?;
        if let Some(&(_, occ)) = list.get(t + 1) {
            return Some(((j, t + 1), occ, e_cur));
        }
        let rows = self.strict.instance.seeker_rows();
        let p_cur = self.strict.pos(Side::Seeker, i, e_cur as usize) as usize;
        let len = rows.row(i).len();
        for k in p_cur + 1..len {
            let e = self.strict.entry_at(Side::Seeker, i, k)?;
            let h = rows.partner.get(e).copied()?;
            let Some(list) = self.assigned.get(h as usize) else { continue };
            if list.is_empty() {
                continue;
            }
            let he = rows.mirror.get(e).copied()? as usize;
            let hp = host_pos(self.strict, h as usize, he);
            let idx = list.partition_point(|&(q, _)| q < hp);
            if let Some(&(_, occ)) = list.get(idx) {
                return Some(((h, idx), occ, u32::try_from(e).ok()?));
            }
        }
        None
    }

    fn set(&mut self, i: usize, host: Option<u32>, e: u32) {
        let rows = self.strict.instance.seeker_rows();
        if let Some(old) = self.host_of.get(i).copied().flatten()
            && let Some(list) = self.assigned.get_mut(old as usize)
        {
            list.retain(|&(_, s)| s as usize != i);
        }
        if let Some(h) = host {
            let he = rows.mirror.get(e as usize).copied().unwrap_or(0) as usize;
            let p = host_pos(self.strict, h as usize, he);
            if let Some(list) = self.assigned.get_mut(h as usize) {
                let at = list.partition_point(|&(q, _)| q < p);
                list.insert(at, (p, u32::try_from(i).unwrap_or(NONE)));
            }
        }
        if let Some(x) = self.host_of.get_mut(i) {
            *x = host;
        }
        if let Some(x) = self.entry.get_mut(i) {
            *x = e;
        }
    }
}

fn cost(instance: &Instance, assignment: &[Option<u32>]) -> i64 {
    let mut c = 0i64;
    for (i, a) in assignment.iter().enumerate() {
        if let Some(j) = a {
            let j = *j as usize;
            c += i64::from(instance.seeker_rank(i, j).unwrap_or(0)) + 1;
            c += i64::from(instance.host_rank(j, i).unwrap_or(0)) + 1;
        }
    }
    c
}

impl<'a> StableLattice<'a> {
    /// Computes both ends of the lattice, every rotation and the rotation poset.
    ///
    /// Required pairs are fixed in advance, as in [`deferred_acceptance`].
    ///
    /// # Errors
    ///
    /// [`Error::Unsupported`] if the rotation search fails to reach the
    /// host-optimal matching (an internal consistency check that should never fire).
    ///
    /// [`deferred_acceptance`]: fn@crate::deferred_acceptance
    pub fn new(instance: &'a Instance, seed: u64) -> Result<Self, Error> {
        let strict = Strict::new(instance, seed);
        let m0 = da_assignment(&strict, Side::Seeker);
        let mz = da_assignment(&strict, Side::Host);
        let (seeker_quota, _, _) = quotas(instance);
        let n_s = instance.seeker_count();
        let n_h = instance.host_count();
        let rows = instance.seeker_rows();
        let entry_of = |i: usize, j: Option<u32>| -> u32 {
            j.and_then(|j| rows.find(i, j)).and_then(|e| u32::try_from(e).ok()).unwrap_or(NONE)
        };
        let mut w = Walker {
            strict: &strict,
            host_of: vec![None; n_s],
            entry: vec![NONE; n_s],
            assigned: vec![Vec::new(); n_h],
        };
        for i in 0..n_s {
            // Seekers fixed by required pairs stay outside the lattice.
            if seeker_quota.get(i).copied().unwrap_or(0) == 0 {
                continue;
            }
            let j = m0.get(i).copied().flatten();
            w.set(i, j, entry_of(i, j));
        }
        // Target seats (host-optimal end).
        let mut wz = Walker {
            strict: &strict,
            host_of: vec![None; n_s],
            entry: vec![NONE; n_s],
            assigned: vec![Vec::new(); n_h],
        };
        for i in 0..n_s {
            if seeker_quota.get(i).copied().unwrap_or(0) == 0 {
                continue;
            }
            let j = mz.get(i).copied().flatten();
            wz.set(i, j, entry_of(i, j));
        }
        let target: Vec<Option<(u32, usize)>> = (0..n_s).map(|i| wz.seat(i)).collect();
        // Seat histories: initial rank and changes.
        let fills: Vec<usize> = w.assigned.iter().map(Vec::len).collect();
        let mut seat_base = vec![0usize; n_h + 1];
        for j in 0..n_h {
            let f = fills.get(j).copied().unwrap_or(0);
            let b = seat_base.get(j).copied().unwrap_or(0);
            if let Some(x) = seat_base.get_mut(j + 1) {
                *x = b + f;
            }
        }
        let occupant_rank = |j: usize, s: u32| instance.host_rank(j, s as usize).unwrap_or(0);
        let mut seat_steps: Vec<(u32, Vec<(u32, u32)>)> = Vec::new();
        // Seat occupant history with strict positions, for rule 2.
        let mut seat_pos_hist: Vec<(u32, Vec<(u32, u32)>)> = Vec::new();
        for (j, list) in w.assigned.iter().enumerate() {
            for &(p, s) in list {
                seat_steps.push((occupant_rank(j, s), Vec::new()));
                seat_pos_hist.push((p, Vec::new()));
            }
        }
        let mut seeker_steps: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n_s];
        let mut rotations: Vec<Rotation> = Vec::new();
        let mut stamp = vec![(NONE, 0usize); n_s];
        let mut walk_id = 0u32;
        let mut cursor = 0usize;
        let mut cur_cost = cost(instance, &w.host_of);
        loop {
            // First seeker not yet at its host-optimal seat.
            while cursor < n_s && w.seat(cursor) == target.get(cursor).copied().flatten() {
                cursor += 1;
            }
            if cursor >= n_s {
                break;
            }
            walk_id += 1;
            let mut path: Vec<(u32, (u32, usize), u32)> = Vec::new(); // (seeker, next seat, entry)
            let mut m = cursor;
            let cycle_start = loop {
                if let Some(&(id, at)) = stamp.get(m)
                    && id == walk_id
                {
                    break at;
                }
                let Some((seat, occ, e)) = w.next_seat(m) else {
                    return Err(Error::Unsupported {
                        mechanism: "stable lattice",
                        reason: format!("internal: no next seat for seeker {m}"),
                    });
                };
                if let Some(s) = stamp.get_mut(m) {
                    *s = (walk_id, path.len());
                }
                path.push((u32::try_from(m).unwrap_or(NONE), seat, e));
                m = occ as usize;
                if path.len() > n_s {
                    return Err(Error::Unsupported {
                        mechanism: "stable lattice",
                        reason: "internal: rotation walk did not close".to_owned(),
                    });
                }
            };
            let cycle: Vec<(u32, (u32, usize), u32)> =
                path.get(cycle_start..).unwrap_or(&[]).to_vec();
            let k = u32::try_from(rotations.len()).unwrap_or(NONE);
            // Rule 2 needs the state before elimination: skipped seats.
            let mut preds: Vec<u32> = Vec::new();
            for &(s, (nh, nt), ne) in &cycle {
                let s = s as usize;
                let (Some((cj, _)), Some(e_cur)) = (w.seat(s), w.entry.get(s).copied()) else {
                    continue;
                };
                if nh == cj {
                    continue; // moves one seat down at the same host: nothing skipped
                }
                let p_cur = strict.pos(Side::Seeker, s, e_cur as usize) as usize;
                let p_new = strict.pos(Side::Seeker, s, ne as usize) as usize;
                for q in p_cur + 1..=p_new {
                    let Some(e) = strict.entry_at(Side::Seeker, s, q) else { continue };
                    let h = rows.partner.get(e).copied().unwrap_or(0) as usize;
                    let he = rows.mirror.get(e).copied().unwrap_or(0) as usize;
                    let hp = host_pos(&strict, h, he);
                    let seats = if q == p_new { nt } else { fills.get(h).copied().unwrap_or(0) };
                    let base = seat_base.get(h).copied().unwrap_or(0);
                    for t in 0..seats {
                        let Some((init, hist)) = seat_pos_hist.get(base + t) else { continue };
                        if *init < hp {
                            continue;
                        }
                        if let Some(&(rot, _)) = hist.iter().find(|&&(_, pos)| pos < hp) {
                            preds.push(rot);
                        }
                    }
                }
            }
            // Rule 1: the previous rotation of each seeker.
            for &(s, _, _) in &cycle {
                if let Some(&(rot, _)) = seeker_steps.get(s as usize).and_then(|v| v.last()) {
                    preds.push(rot);
                }
            }
            // Eliminate.
            let touched: Vec<u32> = {
                let mut t: Vec<u32> = Vec::new();
                for &(s, (nh, _), _) in &cycle {
                    if let Some(h) = w.host_of.get(s as usize).copied().flatten() {
                        t.push(h);
                    }
                    t.push(nh);
                }
                t.sort_unstable();
                t.dedup();
                t
            };
            let before: Vec<Vec<(u32, u32)>> = touched
                .iter()
                .map(|&h| w.assigned.get(h as usize).cloned().unwrap_or_default())
                .collect();
            let mut moves = Vec::with_capacity(cycle.len());
            for &(s, _, _) in &cycle {
                let from = w.host_of.get(s as usize).copied().flatten().unwrap_or(NONE);
                w.set(s as usize, None, NONE);
                moves.push((s, from, 0));
            }
            for (mv, &(s, (nh, _), ne)) in moves.iter_mut().zip(&cycle) {
                w.set(s as usize, Some(nh), ne);
                mv.2 = nh;
                let r = instance.seeker_rank(s as usize, nh as usize).unwrap_or(0);
                if let Some(v) = seeker_steps.get_mut(s as usize) {
                    v.push((k, r));
                }
            }
            for (h, old) in touched.iter().zip(&before) {
                let base = seat_base.get(*h as usize).copied().unwrap_or(0);
                let new = w.assigned.get(*h as usize).cloned().unwrap_or_default();
                for (t, (&(op, _), &(np, ns))) in old.iter().zip(new.iter()).enumerate() {
                    if op != np {
                        if let Some((_, hist)) = seat_pos_hist.get_mut(base + t) {
                            hist.push((k, np));
                        }
                        if let Some((_, hist)) = seat_steps.get_mut(base + t) {
                            hist.push((k, occupant_rank(*h as usize, ns)));
                        }
                    }
                }
            }
            let new_cost = cost(instance, &w.host_of);
            preds.sort_unstable();
            preds.dedup();
            preds.retain(|&p| p != k);
            rotations.push(Rotation { moves, weight: new_cost - cur_cost, preds });
            cur_cost = new_cost;
            if rotations.len() > rows.partner.len() + 1 {
                return Err(Error::Unsupported {
                    mechanism: "stable lattice",
                    reason: "internal: more rotations than acceptable pairs".to_owned(),
                });
            }
        }
        let mut succs: Vec<Vec<u32>> = vec![Vec::new(); rotations.len()];
        for (k, r) in rotations.iter().enumerate() {
            for &p in &r.preds {
                if let Some(v) = succs.get_mut(p as usize) {
                    v.push(u32::try_from(k).unwrap_or(NONE));
                }
            }
        }
        Ok(Self { instance, seed, m0, mz, rotations, succs, seeker_steps, seat_steps })
    }
}
