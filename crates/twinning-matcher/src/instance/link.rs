//! Linking the lists of both sides: which pairs are mutually acceptable,
//! and where each entry's mirror sits in the other side's rows (see the
//! layout in the parent module's docs).

use std::collections::BTreeSet;
use std::ops::Range;

use super::{NONE, RawRows, Rows};

/// Links the raw lists of both sides into acceptable rows.
pub(super) fn link(
    seekers_raw: &RawRows,
    hosts_raw: &RawRows,
    n_seekers: usize,
    n_hosts: usize,
    forbidden: &BTreeSet<(u32, u32)>,
) -> (Rows, Rows) {
    let entries = seekers_raw.partner.len() + hosts_raw.partner.len();
    if let Some(cells) = n_seekers.checked_mul(n_hosts)
        && cells <= entries
        && cells < (1 << 28)
    {
        return link_dense(seekers_raw, hosts_raw, n_seekers, n_hosts, forbidden);
    }
    // 1. Host mentions bucketed by seeker: (host, host's rank, raw host entry).
    let mut count = vec![0u32; n_seekers + 1];
    for &i in &hosts_raw.partner {
        if let Some(c) = count.get_mut(i as usize + 1) {
            *c += 1;
        }
    }
    for k in 1..count.len() {
        let prev = count.get(k - 1).copied().unwrap_or(0);
        if let Some(c) = count.get_mut(k) {
            *c += prev;
        }
    }
    let total = hosts_raw.partner.len();
    let mut mention_host = vec![0u32; total];
    let mut mention_rank = vec![0u32; total];
    let mut mention_raw = vec![0u32; total];
    let mut fill = count.clone();
    for j in 0..n_hosts {
        let (s, e) = (
            hosts_raw.start.get(j).copied().unwrap_or(0) as usize,
            hosts_raw.start.get(j + 1).copied().unwrap_or(0) as usize,
        );
        for k in s..e {
            let i = hosts_raw.partner.get(k).copied().unwrap_or(0) as usize;
            let r = hosts_raw.rank_at(k, s);
            if let Some(slot) = fill.get_mut(i) {
                let p = *slot as usize;
                *slot += 1;
                if let (Some(a), Some(b), Some(c)) =
                    (mention_host.get_mut(p), mention_rank.get_mut(p), mention_raw.get_mut(p))
                {
                    *a = u32::try_from(j).unwrap_or(NONE);
                    *b = r;
                    *c = u32::try_from(k).unwrap_or(NONE);
                }
            }
        }
    }
    drop(fill);

    // 2. Seeker rows: keep entries the host also lists and that are not forbidden.
    let mut seekers = Rows::default();
    seekers.start.reserve(n_seekers + 1);
    seekers.start.push(0);
    let est = seekers_raw.partner.len().min(total);
    seekers.partner.reserve(est);
    seekers.rank.reserve(est);
    seekers.partner_rank.reserve(est);
    let mut host_raw_to_entry = vec![NONE; total];
    // mark[j] = (seeker + 1, host rank, raw host entry)
    let mut mark: Vec<(u32, u32, u32)> = vec![(0, 0, 0); n_hosts];
    for i in 0..n_seekers {
        let stamp = u32::try_from(i + 1).unwrap_or(NONE);
        let (ms, me) = (
            count.get(i).copied().unwrap_or(0) as usize,
            count.get(i + 1).copied().unwrap_or(0) as usize,
        );
        for p in ms..me {
            let j = mention_host.get(p).copied().unwrap_or(0) as usize;
            if let Some(m) = mark.get_mut(j) {
                *m = (
                    stamp,
                    mention_rank.get(p).copied().unwrap_or(0),
                    mention_raw.get(p).copied().unwrap_or(0),
                );
            }
        }
        let (s, e) = (
            seekers_raw.start.get(i).copied().unwrap_or(0) as usize,
            seekers_raw.start.get(i + 1).copied().unwrap_or(0) as usize,
        );
        for k in s..e {
            let j = seekers_raw.partner.get(k).copied().unwrap_or(0);
            let Some(&(st, hr, hraw)) = mark.get(j as usize) else { continue };
            if st != stamp {
                continue;
            }
            if !forbidden.is_empty() && forbidden.contains(&(stamp - 1, j)) {
                continue;
            }
            let entry = u32::try_from(seekers.partner.len()).unwrap_or(NONE);
            seekers.partner.push(j);
            seekers.rank.push(seekers_raw.rank_at(k, s));
            seekers.partner_rank.push(hr);
            if let Some(slot) = host_raw_to_entry.get_mut(hraw as usize) {
                *slot = entry;
            }
        }
        seekers.start.push(u32::try_from(seekers.partner.len()).unwrap_or(NONE));
    }
    drop(mark);
    drop(mention_host);
    drop(mention_rank);
    drop(mention_raw);

    // 3. Host rows in written order, linked to the seeker entries.
    let m = seekers.partner.len();
    let mut hosts = Rows::default();
    hosts.start.reserve(n_hosts + 1);
    hosts.start.push(0);
    hosts.partner.reserve(m);
    hosts.rank.reserve(m);
    hosts.partner_rank.reserve(m);
    hosts.mirror.reserve(m);
    seekers.mirror = vec![NONE; m];
    for j in 0..n_hosts {
        let (s, e) = (
            hosts_raw.start.get(j).copied().unwrap_or(0) as usize,
            hosts_raw.start.get(j + 1).copied().unwrap_or(0) as usize,
        );
        for k in s..e {
            let se = host_raw_to_entry.get(k).copied().unwrap_or(NONE);
            if se == NONE {
                continue;
            }
            let he = u32::try_from(hosts.partner.len()).unwrap_or(NONE);
            hosts.partner.push(hosts_raw.partner.get(k).copied().unwrap_or(0));
            hosts.rank.push(hosts_raw.rank_at(k, s));
            hosts.partner_rank.push(seekers.rank.get(se as usize).copied().unwrap_or(0));
            hosts.mirror.push(se);
            if let Some(slot) = seekers.mirror.get_mut(se as usize) {
                *slot = he;
            }
        }
        hosts.start.push(u32::try_from(hosts.partner.len()).unwrap_or(NONE));
    }

    // 4. Rows sorted by partner, by a counting pass over the other side.
    (seekers, hosts)
}

pub(super) fn raw_row(raw: &RawRows, a: usize) -> Range<usize> {
    match (raw.start.get(a), raw.start.get(a + 1)) {
        (Some(&s), Some(&e)) => s as usize..e as usize,
        _ => 0..0,
    }
}

/// [`link`] for dense instances (at least half of all pairs listed): two
/// tables of one `u32` per (host, seeker) cell, laid out host by host, turn
/// every look-up into a short-stride access instead of a random one.
fn link_dense(
    seekers_raw: &RawRows,
    hosts_raw: &RawRows,
    n_s: usize,
    n_h: usize,
    forbidden: &BTreeSet<(u32, u32)>,
) -> (Rows, Rows) {
    let cells = n_s * n_h;
    // The host's rank of the seeker, later the host entry index; NONE when absent.
    let mut host_cell = vec![NONE; cells];
    for j in 0..n_h {
        let row = raw_row(hosts_raw, j);
        let r = hosts_raw.rank_row(row.clone());
        let Some(p) = hosts_raw.partner.get(row) else {
            continue;
        };
        for (&i, rank) in p.iter().zip(r) {
            if let Some(c) = host_cell.get_mut(j * n_s + i as usize) {
                *c = rank;
            }
        }
    }
    // The seeker entry index in the high half, the seeker's rank in the low half.
    let mut seeker_cell = vec![u64::MAX; cells];
    let mut seekers = Rows::default();
    let est = seekers_raw.partner.len().min(hosts_raw.partner.len());
    seekers.start.reserve(n_s + 1);
    seekers.start.push(0);
    seekers.partner.reserve(est);
    seekers.rank.reserve(est);
    seekers.partner_rank.reserve(est);
    for i in 0..n_s {
        let row = raw_row(seekers_raw, i);
        let r = seekers_raw.rank_row(row.clone());
        let Some(p) = seekers_raw.partner.get(row) else {
            seekers.start.push(u32::try_from(seekers.partner.len()).unwrap_or(NONE));
            continue;
        };
        for (&j, rank) in p.iter().zip(r) {
            let c = j as usize * n_s + i;
            let hr = host_cell.get(c).copied().unwrap_or(NONE);
            if hr == NONE {
                continue;
            }
            if !forbidden.is_empty() && forbidden.contains(&(u32::try_from(i).unwrap_or(NONE), j)) {
                continue;
            }
            if let Some(x) = seeker_cell.get_mut(c) {
                let se = u32::try_from(seekers.partner.len()).unwrap_or(NONE);
                *x = (u64::from(se) << 32) | u64::from(rank);
            }
            seekers.partner.push(j);
            seekers.rank.push(rank);
            seekers.partner_rank.push(hr);
        }
        seekers.start.push(u32::try_from(seekers.partner.len()).unwrap_or(NONE));
    }
    let m = seekers.partner.len();
    let mut hosts = Rows::default();
    hosts.start.reserve(n_h + 1);
    hosts.start.push(0);
    hosts.partner.reserve(m);
    hosts.rank.reserve(m);
    hosts.partner_rank.reserve(m);
    hosts.mirror.reserve(m);
    for j in 0..n_h {
        let row = raw_row(hosts_raw, j);
        let r = hosts_raw.rank_row(row.clone());
        let Some(p) = hosts_raw.partner.get(row) else {
            hosts.start.push(u32::try_from(hosts.partner.len()).unwrap_or(NONE));
            continue;
        };
        for (&i, rank) in p.iter().zip(r) {
            let c = j * n_s + i as usize;
            let cell = seeker_cell.get(c).copied().unwrap_or(u64::MAX);
            let (se, seeker_rank) = ((cell >> 32) as u32, cell as u32);
            let he = if cell == u64::MAX {
                NONE
            } else {
                let he = u32::try_from(hosts.partner.len()).unwrap_or(NONE);
                hosts.partner.push(i);
                hosts.rank.push(rank);
                hosts.partner_rank.push(seeker_rank);
                hosts.mirror.push(se);
                he
            };
            if let Some(x) = host_cell.get_mut(c) {
                *x = he;
            }
        }
        hosts.start.push(u32::try_from(hosts.partner.len()).unwrap_or(NONE));
    }
    drop(seeker_cell);
    seekers.mirror.reserve(m);
    for i in 0..n_s {
        for e in seekers.row(i) {
            let j = seekers.partner.get(e).copied().unwrap_or(0) as usize;
            seekers.mirror.push(host_cell.get(j * n_s + i).copied().unwrap_or(NONE));
        }
    }
    (seekers, hosts)
}

/// For every row of `rows`, its entries in increasing partner order: walk the
/// other side's rows in index order and drop each mirror into its row.
pub(super) fn sorted_by_partner(rows: &Rows, other: &Rows) -> Vec<u32> {
    let mut out = vec![0u32; rows.partner.len()];
    let mut fill: Vec<u32> = rows.start.clone();
    for b in 0..other.agents() {
        for e in other.row(b) {
            let mirror = other.mirror.get(e).copied().unwrap_or(NONE) as usize;
            let a = other.partner.get(e).copied().unwrap_or(0) as usize;
            if let Some(slot) = fill.get_mut(a) {
                if let Some(o) = out.get_mut(*slot as usize) {
                    *o = u32::try_from(mirror).unwrap_or(NONE);
                }
                *slot += 1;
            }
        }
    }
    out
}
