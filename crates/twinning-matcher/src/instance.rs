//! The instance model: the JSON document ([`InstanceSpec`]), the size
//! [`Limits`], and the validated, index-based [`Instance`] every solver reads.
//!
//! # Internal layout
//!
//! Agents are numbered in document order: seeker `i` is `seekers[i]`, host `j`
//! is `hosts[j]`. Each side keeps two compressed-row (CSR) tables of `u32`:
//!
//! * the *raw* lists exactly as written (every listed partner with the index of
//!   its tier; lists built by [`Instance::from_strict_lists`] leave the tier
//!   table empty, the tier being the position). Deferred acceptance without
//!   ties runs on these alone, and they write the document back;
//! * the *acceptable* lists, built on first use (`link.rs`, cached): only mutually acceptable partners, in the order
//!   written (tier by tier, and inside a tie in the order of the tie). For the
//!   entry `e` of agent `a` (`start[a] <= e < start[a + 1]`): `partner[e]` is
//!   the partner's index, `rank[e]` the agent's tier index (0-based) of the
//!   partner, `partner_rank[e]` the partner's tier index of the agent, and
//!   `mirror[e]` the index of the matching entry in the partner's row of the
//!   other side's table. `by_partner` lists each row's entries sorted by
//!   partner index, for `O(log n)` rank look-ups; it too is built on the
//!   first look-up that needs it.
//!
//! A pair is **acceptable** when the seeker lists the host, the host lists the
//! seeker, and the pair is not `forbidden`. Nothing else is ever matched.
//! Ranks count tiers as written: in `["h2", ["h1", "h3"]]` host `h2` has rank
//! 0 and `h1`, `h3` rank 1, even if `h2` turns out not to be acceptable.
//!
//! # Files
//!
//! * `spec.rs`: the document types and [`Limits`];
//! * `validate.rs`: document → instance ([`Instance::new`], [`Instance::from_json`]);
//! * `convert.rs`: strict index lists → instance, instance → document;
//! * `read.rs`: one side's lists into raw rows; `rows.rs`: the row tables;
//!   `link.rs`: the acceptable rows;
//! * here: the [`Instance`] type and its queries.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Side};

mod convert;
mod link;
mod read;
mod rows;
mod spec;
mod validate;

pub use self::spec::{
    HostSpec, INSTANCE_VERSION, InstanceSpec, Limits, PairSpec, Preference, ScoreSpec, SeekerSpec,
};

const NONE: u32 = u32::MAX;

use self::link::{link, sorted_by_partner};
pub(crate) use self::rows::{RawRows, Rows};

/// Data derived from the lists on first use: the linked acceptable rows of
/// both sides and the per-entry scores. Left out of equality (it is a pure
/// function of the other fields).
#[derive(Debug, Clone, Default)]
struct Derived(std::sync::OnceLock<Linked>);

impl PartialEq for Derived {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Derived {}

#[derive(Debug, Clone)]
struct Linked {
    seekers: Rows,
    hosts: Rows,
    entry_scores: Option<Vec<Option<Decimal>>>,
}

/// A validated matching instance, index-based inside.
///
/// Built from an [`InstanceSpec`] by [`Instance::new`], from JSON text by
/// [`Instance::from_json`], or from index lists by
/// [`Instance::from_strict_lists`]. Deserializing an `Instance` runs the same
/// checks with [`Limits::default`]; serializing writes the document back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "InstanceSpec", into = "InstanceSpec")]
pub struct Instance {
    seeker_ids: Vec<String>,
    host_ids: Vec<String>,
    capacities: Vec<u32>,
    raw_seekers: RawRows,
    raw_hosts: RawRows,
    /// Linked rows and per-entry scores, built on first use (see [`Instance::linked`]).
    derived: Derived,
    /// Scores as written, sorted by (seeker, host).
    scores: Vec<(u32, u32, Decimal)>,
    forbidden: BTreeSet<(u32, u32)>,
    required: Vec<(u32, u32)>,
    max_hosts: Option<u32>,
    has_ties: bool,
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Instance {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Instance".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        InstanceSpec::json_schema(generator)
    }
}

impl TryFrom<InstanceSpec> for Instance {
    type Error = Error;
    fn try_from(spec: InstanceSpec) -> Result<Self, Error> {
        Self::new(&spec, &Limits::default())
    }
}

impl From<Instance> for InstanceSpec {
    fn from(instance: Instance) -> Self {
        instance.to_spec()
    }
}
impl Instance {
    /// The linked acceptable rows of both sides and the per-entry scores,
    /// built on the first call. Deferred acceptance without ties never needs
    /// them: it runs on the lists as written.
    fn linked(&self) -> &Linked {
        self.derived.0.get_or_init(|| {
            let (seekers, hosts) = link(
                &self.raw_seekers,
                &self.raw_hosts,
                self.seeker_ids.len(),
                self.host_ids.len(),
                &self.forbidden,
            );
            let entry_scores = (!self.scores.is_empty()).then(|| {
                let mut per_entry = vec![None; seekers.partner.len()];
                for &(i, j, d) in &self.scores {
                    if let Some(slot) =
                        seekers.find(i as usize, j).and_then(|e| per_entry.get_mut(e))
                    {
                        *slot = Some(d);
                    }
                }
                per_entry
            });
            Linked { seekers, hosts, entry_scores }
        })
    }

    /// The lists of one side as written (including partners that are not acceptable).
    pub(crate) fn raw_rows(&self, side: Side) -> &RawRows {
        match side {
            Side::Seeker => &self.raw_seekers,
            Side::Host => &self.raw_hosts,
        }
    }

    /// The score written for the pair, whether or not the pair is acceptable.
    pub(crate) fn written_score(&self, i: usize, j: usize) -> Option<Decimal> {
        let key = (u32::try_from(i).ok()?, u32::try_from(j).ok()?);
        let k = self.scores.binary_search_by_key(&key, |&(a, b, _)| (a, b)).ok()?;
        self.scores.get(k).map(|&(_, _, d)| d)
    }

    /// Whether any pair is forbidden.
    pub(crate) fn has_forbidden(&self) -> bool {
        !self.forbidden.is_empty()
    }

    /// Number of seekers.
    #[must_use]
    pub fn seeker_count(&self) -> usize {
        self.seeker_ids.len()
    }

    /// Number of hosts.
    #[must_use]
    pub fn host_count(&self) -> usize {
        self.host_ids.len()
    }

    /// Id of seeker `i`.
    #[must_use]
    pub fn seeker_id(&self, i: usize) -> Option<&str> {
        self.seeker_ids.get(i).map(String::as_str)
    }

    /// Id of host `j`.
    #[must_use]
    pub fn host_id(&self, j: usize) -> Option<&str> {
        self.host_ids.get(j).map(String::as_str)
    }

    /// Index of the seeker with this id (a linear scan).
    #[must_use]
    pub fn seeker_index(&self, id: &str) -> Option<usize> {
        self.seeker_ids.iter().position(|s| s == id)
    }

    /// Index of the host with this id (a linear scan).
    #[must_use]
    pub fn host_index(&self, id: &str) -> Option<usize> {
        self.host_ids.iter().position(|h| h == id)
    }

    /// Capacity of host `j` (0 for an unknown host).
    #[must_use]
    pub fn capacity(&self, j: usize) -> u32 {
        self.capacities.get(j).copied().unwrap_or(0)
    }

    /// The budget: at most this many hosts may receive seekers.
    #[must_use]
    pub fn max_hosts(&self) -> Option<u32> {
        self.max_hosts
    }

    /// Whether any list (as written) contains a tie.
    #[must_use]
    pub fn has_ties(&self) -> bool {
        self.has_ties
    }

    /// Whether the instance has pair scores.
    #[must_use]
    pub fn has_scores(&self) -> bool {
        !self.scores.is_empty()
    }

    /// Builds the by-partner look-up tables of both sides (once), so that
    /// rank look-ups take `O(log n)` instead of a scan of the row.
    pub(crate) fn index(&self) -> (&Rows, &Rows) {
        let l = self.linked();
        l.seekers.by_partner.get_or_init(|| sorted_by_partner(&l.seekers, &l.hosts));
        l.hosts.by_partner.get_or_init(|| sorted_by_partner(&l.hosts, &l.seekers));
        (&l.seekers, &l.hosts)
    }

    /// Whether seeker `i` and host `j` are mutually acceptable (and not forbidden).
    #[must_use]
    pub fn is_acceptable(&self, i: usize, j: usize) -> bool {
        u32::try_from(j).is_ok_and(|j| self.index().0.find(i, j).is_some())
    }

    /// Seeker `i`'s rank (0-based tier index) of host `j`, `None` when the pair is not acceptable.
    #[must_use]
    pub fn seeker_rank(&self, i: usize, j: usize) -> Option<u32> {
        let e = self.index().0.find(i, u32::try_from(j).ok()?)?;
        self.linked().seekers.rank.get(e).copied()
    }

    /// Host `j`'s rank (0-based tier index) of seeker `i`, `None` when the pair is not acceptable.
    #[must_use]
    pub fn host_rank(&self, j: usize, i: usize) -> Option<u32> {
        let e = self.index().1.find(j, u32::try_from(i).ok()?)?;
        self.linked().hosts.rank.get(e).copied()
    }

    /// Score of the pair, if the instance gives one and the pair is acceptable.
    #[must_use]
    pub fn score(&self, i: usize, j: usize) -> Option<Decimal> {
        let e = self.index().0.find(i, u32::try_from(j).ok()?)?;
        self.linked().entry_scores.as_ref()?.get(e).copied().flatten()
    }

    /// Whether the pair is listed in `forbidden`.
    #[must_use]
    pub fn is_forbidden(&self, i: usize, j: usize) -> bool {
        match (u32::try_from(i), u32::try_from(j)) {
            (Ok(i), Ok(j)) => self.forbidden.contains(&(i, j)),
            _ => false,
        }
    }

    /// The required pairs as (seeker, host) indices, in document order.
    #[must_use]
    pub fn required_pairs(&self) -> &[(u32, u32)] {
        &self.required
    }

    /// Acceptable hosts of seeker `i` in preference order, with the seeker's rank of each.
    pub fn seeker_preferences(&self, i: usize) -> impl Iterator<Item = (usize, u32)> + '_ {
        let rows = &self.linked().seekers;
        let row = rows.row(i);
        let p = rows.partner.get(row.clone()).unwrap_or(&[]);
        let r = rows.rank.get(row).unwrap_or(&[]);
        p.iter().zip(r).map(|(&j, &r)| (j as usize, r))
    }

    /// Acceptable seekers of host `j` in preference order, with the host's rank of each.
    pub fn host_preferences(&self, j: usize) -> impl Iterator<Item = (usize, u32)> + '_ {
        let rows = &self.linked().hosts;
        let row = rows.row(j);
        let p = rows.partner.get(row.clone()).unwrap_or(&[]);
        let r = rows.rank.get(row).unwrap_or(&[]);
        p.iter().zip(r).map(|(&i, &r)| (i as usize, r))
    }

    /// The seekers' acceptable rows (CSR, see the module docs).
    #[allow(dead_code, reason = "used by the solvers")]
    pub(crate) fn seeker_rows(&self) -> &Rows {
        &self.linked().seekers
    }

    /// The hosts' acceptable rows (CSR, see the module docs).
    #[allow(dead_code, reason = "used by the solvers")]
    pub(crate) fn host_rows(&self) -> &Rows {
        &self.linked().hosts
    }

    /// Score per acceptable seeker entry (aligned with `seeker_rows().partner`),
    /// `None` when the instance has no scores.
    #[allow(dead_code, reason = "used by the welfare solvers")]
    pub(crate) fn entry_scores(&self) -> Option<&[Option<Decimal>]> {
        self.linked().entry_scores.as_deref()
    }

    /// Seeker `i`'s preference tiers as host indices (acceptable hosts only).
    #[allow(dead_code, reason = "convenience for solvers that want tiers")]
    pub(crate) fn seeker_tiers(&self, i: usize) -> Vec<Vec<u32>> {
        tiers(&self.linked().seekers, i)
    }

    /// Host `j`'s preference tiers as seeker indices (acceptable seekers only).
    #[allow(dead_code, reason = "convenience for solvers that want tiers")]
    pub(crate) fn host_tiers(&self, j: usize) -> Vec<Vec<u32>> {
        tiers(&self.linked().hosts, j)
    }
}

fn tiers(rows: &Rows, a: usize) -> Vec<Vec<u32>> {
    let mut out: Vec<Vec<u32>> = Vec::new();
    let mut last = NONE;
    for e in rows.row(a) {
        let r = rows.rank.get(e).copied().unwrap_or(0);
        let p = rows.partner.get(e).copied().unwrap_or(0);
        match out.last_mut() {
            Some(t) if r == last => t.push(p),
            _ => out.push(vec![p]),
        }
        last = r;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"{"seekers":[{"id":"s1","preferences":["h2",["h1","h3"]]}],"hosts":[{"id":"h1","capacity":2,"preferences":["s1"]}],"max_hosts":10}"#;

    #[test]
    fn issue_example_parses() {
        let inst = Instance::from_json(EXAMPLE, &Limits::default());
        // h2 and h3 are unknown hosts in this fragment: the error names them.
        assert!(matches!(inst, Err(Error::UnknownId { ref id, .. }) if id == "h2"));
    }

    #[test]
    fn ranks_and_acceptability() {
        let text = r#"{"seekers":[{"id":"s1","preferences":["h2",["h1","h3"]]}],
            "hosts":[{"id":"h1","capacity":2,"preferences":["s1"]},
                     {"id":"h2","capacity":1,"preferences":[]},
                     {"id":"h3","capacity":0,"preferences":["s1"]}],"max_hosts":10}"#;
        let inst = Instance::from_json(text, &Limits::default()).unwrap();
        assert_eq!(inst.seeker_rank(0, 0), Some(1));
        assert_eq!(inst.seeker_rank(0, 1), None);
        assert_eq!(inst.seeker_rank(0, 2), Some(1));
        assert_eq!(inst.host_rank(0, 0), Some(0));
        assert!(inst.has_ties());
        assert_eq!(inst.max_hosts(), Some(10));
        let back = serde_json::to_string(&inst).unwrap();
        let again: Instance = serde_json::from_str(&back).unwrap();
        assert_eq!(inst, again);
    }
}
