//! Super-stable matchings for hospitals–residents with ties: Irving, Manlove
//! and Scott's algorithm (*The Hospitals/Residents Problem with Ties*, SWAT
//! 2000), seeker-oriented.
//!
//! A matching is super-stable when no unmatched acceptable pair exists in
//! which neither side would lose (see [`crate::Stability::Super`]). Such a
//! matching may not exist; when one does, the algorithm finds one in time
//! linear in the total length of the lists, and all super-stable matchings
//! match the same seekers.

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::instance::Instance;
use crate::matching::{Matching, Mechanism};

/// The outcome of [`super_stable`]: a matching, or the reason none exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "outcome", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SuperStableOutcome {
    /// A super-stable matching.
    Found {
        /// The matching.
        matching: Box<Matching>,
    },
    /// No super-stable matching exists.
    NoneExists {
        /// Why, naming an agent (a seeker left holding two hosts, or a host
        /// that was once full and ended with a free seat).
        reason: String,
    },
}

/// Finds a super-stable matching, or proves that none exists.
///
/// # Errors
///
/// [`Error::Unsupported`] when the instance has required pairs (the
/// algorithm has no notion of fixed pairs).
pub fn super_stable(instance: &Instance) -> Result<SuperStableOutcome, Error> {
    if !instance.required_pairs().is_empty() {
        return Err(Error::Unsupported {
            mechanism: "super-stable",
            reason: "required pairs are not supported".to_owned(),
        });
    }
    let seekers = instance.seeker_rows();
    let hosts = instance.host_rows();
    let n_s = instance.seeker_count();
    let n_h = instance.host_count();
    // A host's list is always a prefix of its row: deletions happen only at
    // the tail. `end[j]` is the end of the live prefix (an entry index).
    // Closed hosts (capacity 0) start with an empty list.
    let mut end: Vec<usize> = (0..n_h)
        .map(|j| {
            let row = hosts.row(j);
            if instance.capacity(j) == 0 { row.start } else { row.end }
        })
        .collect();
    let mut head: Vec<usize> = (0..n_s).map(|i| seekers.row(i).start).collect();
    let mut assigned = vec![false; hosts.partner.len()]; // by host entry
    let mut held = vec![0u32; n_s];
    let mut count = vec![0u32; n_h];
    let mut was_full = vec![false; n_h];
    let live = |end: &[usize], e: usize| -> bool {
        let j = seekers.partner.get(e).copied().unwrap_or(0) as usize;
        let he = seekers.mirror.get(e).copied().unwrap_or(0) as usize;
        end.get(j).is_some_and(|&x| he < x)
    };
    let mut stack: Vec<usize> = (0..n_s).rev().collect();
    while let Some(i) = stack.pop() {
        if held.get(i).copied().unwrap_or(0) > 0 {
            continue;
        }
        let row_end = seekers.row(i).end;
        let Some(h) = head.get_mut(i) else { continue };
        while *h < row_end && !live(&end, *h) {
            *h += 1;
        }
        if *h >= row_end {
            continue;
        }
        let r = seekers.rank.get(*h).copied().unwrap_or(0);
        let mut tier: Vec<usize> = Vec::new();
        let mut e = *h;
        while e < row_end && seekers.rank.get(e).copied() == Some(r) {
            if live(&end, e) {
                tier.push(e);
            }
            e += 1;
        }
        for e in tier {
            if !live(&end, e) {
                continue;
            }
            let j = seekers.partner.get(e).copied().unwrap_or(0) as usize;
            let he = seekers.mirror.get(e).copied().unwrap_or(0) as usize;
            if let Some(a) = assigned.get_mut(he) {
                *a = true;
            }
            if let Some(x) = held.get_mut(i) {
                *x += 1;
            }
            if let Some(c) = count.get_mut(j) {
                *c += 1;
            }
            let cap = instance.capacity(j);
            let start = hosts.row(j).start;
            if count.get(j).copied().unwrap_or(0) > cap {
                // Delete the whole tail tier, breaking its provisional assignments.
                let last = end.get(j).copied().unwrap_or(start);
                if last > start {
                    let tr = hosts.rank.get(last - 1).copied().unwrap_or(0);
                    let mut k = last;
                    while k > start && hosts.rank.get(k - 1).copied() == Some(tr) {
                        k -= 1;
                        if assigned.get(k).copied().unwrap_or(false) {
                            if let Some(a) = assigned.get_mut(k) {
                                *a = false;
                            }
                            let s = hosts.partner.get(k).copied().unwrap_or(0) as usize;
                            if let Some(c) = count.get_mut(j) {
                                *c -= 1;
                            }
                            if let Some(x) = held.get_mut(s) {
                                *x -= 1;
                                if *x == 0 {
                                    stack.push(s);
                                }
                            }
                        }
                    }
                    if let Some(x) = end.get_mut(j) {
                        *x = k;
                    }
                }
            }
            if count.get(j).copied().unwrap_or(0) == cap && cap > 0 {
                if let Some(x) = was_full.get_mut(j) {
                    *x = true;
                }
                // Delete every seeker strictly worse than the worst assigned one.
                let last = end.get(j).copied().unwrap_or(start);
                let mut k = last;
                while k > start && !assigned.get(k - 1).copied().unwrap_or(false) {
                    k -= 1;
                }
                if k > start {
                    let wr = hosts.rank.get(k - 1).copied().unwrap_or(0);
                    while k < last && hosts.rank.get(k).copied() == Some(wr) {
                        k += 1;
                    }
                    if let Some(x) = end.get_mut(j) {
                        *x = k;
                    }
                }
            }
        }
        if held.get(i).copied().unwrap_or(0) == 0 {
            stack.push(i);
        }
    }
    let sid = |i: usize| instance.seeker_id(i).unwrap_or_default().to_owned();
    let hid = |j: usize| instance.host_id(j).unwrap_or_default().to_owned();
    if let Some(i) = held.iter().position(|&h| h > 1) {
        return Ok(SuperStableOutcome::NoneExists {
            reason: format!(
                "seeker {:?} ends holding offers from several equally ranked hosts",
                sid(i)
            ),
        });
    }
    if let Some(j) = (0..n_h).find(|&j| {
        was_full.get(j).copied().unwrap_or(false)
            && count.get(j).copied().unwrap_or(0) < instance.capacity(j)
    }) {
        return Ok(SuperStableOutcome::NoneExists {
            reason: format!("host {:?} was full at some point and ends with a free seat", hid(j)),
        });
    }
    let mut assignment = vec![None; n_s];
    for j in 0..n_h {
        for k in hosts.row(j) {
            if assigned.get(k).copied().unwrap_or(false) {
                let s = hosts.partner.get(k).copied().unwrap_or(0) as usize;
                if let Some(x) = assignment.get_mut(s) {
                    *x = u32::try_from(j).ok();
                }
            }
        }
    }
    Ok(SuperStableOutcome::Found {
        matching: Box::new(Matching::from_assignment(
            instance,
            &assignment,
            Mechanism::new("super-stable"),
        )),
    })
}
