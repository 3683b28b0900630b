//! The other ways in and out of an [`Instance`]: assembling validated
//! parts, strict index lists (the fast path for generated instances), and
//! writing the document back.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::{
    Derived, HostSpec, INSTANCE_VERSION, Instance, InstanceSpec, Limits, NONE, PairSpec,
    Preference, RawRows, ScoreSpec, SeekerSpec,
};
use crate::error::{Error, ListPosition, Side};

impl Instance {
    #[allow(clippy::too_many_arguments, reason = "private assembly of already validated parts")]
    pub(super) fn assemble(
        seeker_ids: Vec<String>,
        host_ids: Vec<String>,
        capacities: Vec<u32>,
        raw_seekers: RawRows,
        raw_hosts: RawRows,
        scores: Vec<(u32, u32, Decimal)>,
        forbidden: BTreeSet<(u32, u32)>,
        max_hosts: Option<u32>,
        may_have_ties: bool,
    ) -> Self {
        let has_ties = may_have_ties
            && [&raw_seekers, &raw_hosts].iter().any(|raw| {
                (0..raw.start.len().saturating_sub(1)).any(|a| {
                    let s = raw.start.get(a).copied().unwrap_or(0) as usize;
                    let e = raw.start.get(a + 1).copied().unwrap_or(0) as usize;
                    raw.rank.get(s..e).is_some_and(|r| r.windows(2).any(|w| w.first() == w.get(1)))
                })
            });
        // Without ties a tier is its position: the tier tables are not kept
        // (4 bytes per list entry).
        let (mut raw_seekers, mut raw_hosts) = (raw_seekers, raw_hosts);
        if !has_ties {
            raw_seekers.rank = Vec::new();
            raw_hosts.rank = Vec::new();
        }
        Self {
            seeker_ids,
            host_ids,
            capacities,
            raw_seekers,
            raw_hosts,
            derived: Derived::default(),
            scores,
            forbidden,
            required: Vec::new(),
            max_hosts,
            has_ties,
        }
    }

    /// Builds an instance with strict preferences from index lists: seeker
    /// `i` has id `s{i}` and ranks hosts `seeker_lists[i]` best first; host `j`
    /// has id `h{j}`, capacity `capacities[j]` and ranks seekers
    /// `host_lists[j]`. This is the fast path for generated instances
    /// (benchmarks, tests): no id strings are parsed or looked up.
    ///
    /// # Errors
    ///
    /// [`Error::LimitExceeded`] when a size exceeds `limits` (or the number of
    /// capacities differs from the number of host lists), [`Error::UnknownId`]
    /// for an index out of range and [`Error::ListedTwice`] for a repeated one.
    pub fn from_strict_lists(
        seeker_lists: &[Vec<u32>],
        host_lists: &[Vec<u32>],
        capacities: &[u32],
        limits: &Limits,
    ) -> Result<Self, Error> {
        let (n_s, n_h) = (seeker_lists.len(), host_lists.len());
        if n_s > limits.max_seekers {
            return Err(Error::limit("number of seekers", n_s, limits.max_seekers));
        }
        if n_h > limits.max_hosts {
            return Err(Error::limit("number of hosts", n_h, limits.max_hosts));
        }
        if capacities.len() != n_h {
            return Err(Error::limit("number of capacities", capacities.len(), n_h));
        }
        if let Some((j, &c)) =
            capacities.iter().enumerate().find(|(_, c)| **c > limits.max_capacity)
        {
            return Err(Error::limit(
                format!("capacity of host \"h{j}\""),
                c as usize,
                limits.max_capacity as usize,
            ));
        }
        let mut entries = 0usize;
        let cap = limits.max_entries.min(NONE as usize - 1);
        let mut read = |side: Side, lists: &[Vec<u32>], other: usize| -> Result<RawRows, Error> {
            let prefix = if side == Side::Seeker { 's' } else { 'h' };
            let other_prefix = if side == Side::Seeker { 'h' } else { 's' };
            let mut raw = RawRows::default();
            // Exactly the entries and offsets (up to the limit): no spare
            // capacity, where a complete market's lists are tens of megabytes.
            raw.start.reserve_exact(lists.len().saturating_add(1));
            raw.partner.reserve_exact(lists.iter().map(Vec::len).sum::<usize>().min(cap));
            raw.start.push(0);
            let mut seen = vec![(0u32, 0usize); other];
            for (a, list) in lists.iter().enumerate() {
                if list.len() > limits.max_list_len {
                    return Err(Error::limit(
                        format!("preference list of {side} \"{prefix}{a}\""),
                        list.len(),
                        limits.max_list_len,
                    ));
                }
                entries += list.len();
                if entries > cap {
                    return Err(Error::limit("number of preference entries", entries, cap));
                }
                let stamp = u32::try_from(a + 1).unwrap_or(NONE);
                for (tier, &b) in list.iter().enumerate() {
                    let position = ListPosition { tier, within_tie: None };
                    let Some(slot) = seen.get_mut(b as usize) else {
                        return Err(Error::UnknownId {
                            side,
                            agent: format!("{prefix}{a}"),
                            id: format!("{other_prefix}{b}"),
                            position,
                        });
                    };
                    if slot.0 == stamp {
                        return Err(Error::ListedTwice {
                            side,
                            agent: format!("{prefix}{a}"),
                            id: format!("{other_prefix}{b}"),
                            first: ListPosition { tier: slot.1, within_tie: None },
                            second: position,
                        });
                    }
                    *slot = (stamp, tier);
                }
                raw.partner.extend_from_slice(list);
                raw.start.push(u32::try_from(raw.partner.len()).unwrap_or(NONE));
            }
            Ok(raw)
        };
        let raw_seekers = read(Side::Seeker, seeker_lists, n_h)?;
        let raw_hosts = read(Side::Host, host_lists, n_s)?;
        Ok(Self::assemble(
            (0..n_s).map(|i| format!("s{i}")).collect(),
            (0..n_h).map(|j| format!("h{j}")).collect(),
            capacities.to_vec(),
            raw_seekers,
            raw_hosts,
            Vec::new(),
            BTreeSet::new(),
            None,
            false,
        ))
    }

    /// Writes the instance back as a document (the lists exactly as given).
    #[must_use]
    pub fn to_spec(&self) -> InstanceSpec {
        let lists = |raw: &RawRows, a: usize, names: &[String]| -> Vec<Preference> {
            let s = raw.start.get(a).copied().unwrap_or(0) as usize;
            let e = raw.start.get(a + 1).copied().unwrap_or(0) as usize;
            let mut out: Vec<Vec<String>> = Vec::new();
            let mut last = NONE;
            for k in s..e {
                let r = raw.rank_at(k, s);
                let name = raw
                    .partner
                    .get(k)
                    .and_then(|&b| names.get(b as usize))
                    .cloned()
                    .unwrap_or_default();
                match out.last_mut() {
                    Some(tier) if r == last => tier.push(name),
                    _ => out.push(vec![name]),
                }
                last = r;
            }
            out.into_iter()
                .map(|mut t| {
                    if t.len() == 1 {
                        Preference::One(t.pop().unwrap_or_default())
                    } else {
                        Preference::Tie(t)
                    }
                })
                .collect()
        };
        let name = |v: &[String], k: u32| v.get(k as usize).cloned().unwrap_or_default();
        InstanceSpec {
            version: INSTANCE_VERSION,
            seekers: self
                .seeker_ids
                .iter()
                .enumerate()
                .map(|(i, id)| SeekerSpec {
                    id: id.clone(),
                    preferences: lists(&self.raw_seekers, i, &self.host_ids),
                })
                .collect(),
            hosts: self
                .host_ids
                .iter()
                .enumerate()
                .map(|(j, id)| HostSpec {
                    id: id.clone(),
                    capacity: i64::from(self.capacity(j)),
                    preferences: lists(&self.raw_hosts, j, &self.seeker_ids),
                })
                .collect(),
            scores: self
                .scores
                .iter()
                .map(|&(i, j, score)| ScoreSpec {
                    seeker: name(&self.seeker_ids, i),
                    host: name(&self.host_ids, j),
                    score,
                })
                .collect(),
            forbidden: self
                .forbidden
                .iter()
                .map(|&(i, j)| PairSpec {
                    seeker: name(&self.seeker_ids, i),
                    host: name(&self.host_ids, j),
                })
                .collect(),
            required: self
                .required
                .iter()
                .map(|&(i, j)| PairSpec {
                    seeker: name(&self.seeker_ids, i),
                    host: name(&self.host_ids, j),
                })
                .collect(),
            max_hosts: self.max_hosts,
        }
    }
}
