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
//! Strict lists keep no tier table (the tier is the position). On dense
//! instances (no more cells than list entries) rank and acceptability
//! look-ups use two cell tables of tiers (16-bit when they fit) instead of
//! the linked rows, which then are never built for them.
//!
//! * `spec.rs`: the document types and [`Limits`];
//! * `lean.rs`: [`Instance::from_reader`], streaming with interned ids;
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
mod id_text;
mod lean;
mod link;
mod read;
mod rows;
mod spec;
mod validate;

pub use self::spec::{
    HostSpec, INSTANCE_VERSION, InstanceSpec, Limits, PairSpec, Preference, ScoreSpec, SeekerSpec,
};

const NONE: u32 = u32::MAX;

pub(crate) use self::lean::Bounded;
use self::link::{link, sorted_by_partner};
pub(crate) use self::rows::{RawRows, Rows};

/// Data derived from the lists on first use: the linked acceptable rows of
/// both sides and the per-entry scores. Left out of equality (it is a pure
/// function of the other fields).
#[derive(Debug, Clone, Default)]
struct Derived(
    std::sync::OnceLock<Linked>,
    std::sync::OnceLock<Option<DenseRanks>>,
    /// Seeker indices, then host indices, sorted by id: the id look-ups.
    std::sync::OnceLock<(Vec<u32>, Vec<u32>)>,
    /// The per-entry scores as integers at one scale, `None` when they do
    /// not fit (see [`Instance::scaled_entry_scores`]).
    std::sync::OnceLock<Option<ScaledScores>>,
);

/// A matched seeker's tier of its host, the host's tier of the seeker (both
/// 0-based, as written) and the pair's score; `None` for an unmatched seeker.
pub(crate) type PairFacts = Option<(u32, u32, Option<Decimal>)>;

/// Every acceptable seeker entry's score as an integer at the largest scale
/// (number of decimal places) any of them uses, so that `0.5` and `1.25`
/// are `50` and `125` at scale 2; an entry without a score is 0. Exact: built
/// only when every score fits an `i64` at that scale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScaledScores {
    /// Decimal places of every value.
    pub(crate) scale: u32,
    /// One value per entry, aligned with the seeker rows.
    pub(crate) values: Vec<i64>,
    /// The least and the largest value (0 and 0 without entries).
    pub(crate) range: (i64, i64),
}

impl ScaledScores {
    /// The scores of `entries` at their common scale, or `None` when one
    /// does not fit an `i64` there.
    fn new(entries: &[Option<Decimal>]) -> Option<Self> {
        let scale = entries.iter().flatten().map(Decimal::scale).max().unwrap_or(0);
        let mut values = Vec::with_capacity(entries.len());
        for d in entries {
            values.push(match d {
                None => 0,
                Some(d) if d.scale() == scale => i64::try_from(d.mantissa()).ok()?,
                Some(d) => {
                    let up = 10i128.checked_pow(scale.checked_sub(d.scale())?)?;
                    i64::try_from(d.mantissa().checked_mul(up)?).ok()?
                }
            });
        }
        let range = values
            .iter()
            .fold(None, |r: Option<(i64, i64)>, &v| {
                Some(r.map_or((v, v), |(a, b)| (a.min(v), b.max(v))))
            })
            .unwrap_or((0, 0));
        Some(Self { scale, values, range })
    }
}

/// The indices of `ids` in the order of the ids.
fn sorted_by_id(ids: &[String]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..u32::try_from(ids.len()).unwrap_or(u32::MAX)).collect();
    order.sort_unstable_by(|&a, &b| ids.get(a as usize).cmp(&ids.get(b as usize)));
    order
}

/// The index of `id` among `ids`, through `order` (from [`sorted_by_id`]).
fn find_id(ids: &[String], order: &[u32], id: &str) -> Option<usize> {
    let pos =
        order.binary_search_by(|&k| ids.get(k as usize).map_or("", String::as_str).cmp(id)).ok()?;
    order.get(pos).map(|&k| k as usize)
}

/// Both sides' tier of every (seeker, host) cell as written, for rank and
/// acceptability look-ups on dense instances (when the cells are no more than
/// the list entries of both sides): 2 or 4 bytes per cell instead of the 20
/// bytes per entry of the linked rows and their index. `NONE` (or
/// `u16::MAX`) marks a partner not listed.
#[derive(Debug, Clone)]
enum DenseRanks {
    /// Every tier below `u16::MAX`.
    Narrow { seeker: Vec<u16>, host: Vec<u16> },
    /// Wider tiers.
    Wide { seeker: Vec<u32>, host: Vec<u32> },
}

impl DenseRanks {
    /// The dense tables of the raw rows, or `None` when the instance is sparse.
    fn build(seekers: &RawRows, hosts: &RawRows, n_s: usize, n_h: usize) -> Option<Self> {
        let cells = n_s.checked_mul(n_h)?;
        let entries = seekers.partner.len().saturating_add(hosts.partner.len());
        if cells == 0 || cells > entries || cells >= 1 << 28 {
            return None;
        }
        let longest = |raw: &RawRows, n: usize| (0..n).map(|a| raw.row(a).len()).max().unwrap_or(0);
        let narrow = longest(seekers, n_s).max(longest(hosts, n_h)) < usize::from(u16::MAX);
        fn table<T: Copy + TryFrom<u32>>(raw: &RawRows, n: usize, m: usize, none: T) -> Vec<T> {
            let mut t = vec![none; n * m];
            for a in 0..n {
                let row = raw.row(a);
                let ranks = raw.rank_row(row.clone());
                for (&b, r) in raw.partner.get(row).unwrap_or(&[]).iter().zip(ranks) {
                    if let (Some(x), Ok(r)) = (t.get_mut(a * m + b as usize), T::try_from(r)) {
                        *x = r;
                    }
                }
            }
            t
        }
        Some(if narrow {
            Self::Narrow {
                seeker: table(seekers, n_s, n_h, u16::MAX),
                host: table(hosts, n_h, n_s, u16::MAX),
            }
        } else {
            Self::Wide {
                seeker: table(seekers, n_s, n_h, NONE),
                host: table(hosts, n_h, n_s, NONE),
            }
        })
    }

    /// `(seeker's tier of the host, host's tier of the seeker)`, each `None`
    /// when not listed.
    fn tiers(&self, i: usize, j: usize, n_s: usize, n_h: usize) -> (Option<u32>, Option<u32>) {
        let (si, hj) = (
            i.checked_mul(n_h).and_then(|x| x.checked_add(j)),
            j.checked_mul(n_s).and_then(|x| x.checked_add(i)),
        );
        if i >= n_s || j >= n_h {
            return (None, None);
        }
        match self {
            Self::Narrow { seeker, host } => (
                si.and_then(|k| seeker.get(k)).filter(|&&r| r != u16::MAX).map(|&r| u32::from(r)),
                hj.and_then(|k| host.get(k)).filter(|&&r| r != u16::MAX).map(|&r| u32::from(r)),
            ),
            Self::Wide { seeker, host } => (
                si.and_then(|k| seeker.get(k)).copied().filter(|&r| r != NONE),
                hj.and_then(|k| host.get(k)).copied().filter(|&r| r != NONE),
            ),
        }
    }
}

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
            // Scores are sorted by seeker: one seeker's row at a time, its
            // entries are found through a table by host (linear in the
            // entries and the scores, where a scan of the row per score was
            // quadratic on complete lists).
            let entry_scores = (!self.scores.is_empty()).then(|| {
                let mut per_entry = vec![None; seekers.partner.len()];
                let mut entry_of = vec![NONE; self.host_ids.len()];
                for group in self.scores.chunk_by(|a, b| a.0 == b.0) {
                    let Some(&(i, _, _)) = group.first() else { continue };
                    let row = seekers.row(i as usize);
                    let partners = seekers.partner.get(row.clone()).unwrap_or(&[]);
                    for (e, &j) in row.clone().zip(partners) {
                        if let Some(x) = entry_of.get_mut(j as usize) {
                            *x = u32::try_from(e).unwrap_or(NONE);
                        }
                    }
                    for &(_, j, d) in group {
                        let e = entry_of.get(j as usize).copied().unwrap_or(NONE);
                        if let Some(slot) = per_entry.get_mut(e as usize) {
                            *slot = Some(d);
                        }
                    }
                    for &j in partners {
                        if let Some(x) = entry_of.get_mut(j as usize) {
                            *x = NONE;
                        }
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

    /// Index of the seeker with this id (a binary search in an index built
    /// on first use: 4 bytes per agent).
    #[must_use]
    pub fn seeker_index(&self, id: &str) -> Option<usize> {
        find_id(&self.seeker_ids, &self.id_order().0, id)
    }

    /// Index of the host with this id (a binary search in an index built on
    /// first use: 4 bytes per agent).
    #[must_use]
    pub fn host_index(&self, id: &str) -> Option<usize> {
        find_id(&self.host_ids, &self.id_order().1, id)
    }

    /// Seeker and host indices sorted by id, built on first use.
    fn id_order(&self) -> &(Vec<u32>, Vec<u32>) {
        self.derived
            .2
            .get_or_init(|| (sorted_by_id(&self.seeker_ids), sorted_by_id(&self.host_ids)))
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

    /// Frees the look-up tables built on first use (the rank tables of a
    /// dense instance, the linked rows and their index, the id index, the
    /// integer scores) and keeps the lists, for a caller done with look-ups
    /// that still holds the instance; a later look-up builds them again.
    pub fn release_lookups(&mut self) {
        self.derived = Derived::default();
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
    /// Both tiers of the pair `(i, j)` when it is acceptable (both list each
    /// other, not forbidden): from the dense tables on dense instances, else
    /// from the linked rows.
    fn pair_tiers(&self, i: usize, j: usize) -> Option<(u32, u32)> {
        let (n_s, n_h) = (self.seeker_count(), self.host_count());
        if let Some(d) = self.dense_ranks() {
            let (Some(a), Some(b)) = d.tiers(i, j, n_s, n_h) else { return None };
            return (!self.is_forbidden(i, j)).then_some((a, b));
        }
        let (seekers, hosts) = self.index();
        let e = seekers.find(i, u32::try_from(j).ok()?)?;
        let m = *seekers.mirror.get(e)? as usize;
        Some((*seekers.rank.get(e)?, *hosts.rank.get(m)?))
    }

    /// The dense rank tables, built on first use; `None` on sparse instances.
    fn dense_ranks(&self) -> Option<&DenseRanks> {
        let (n_s, n_h) = (self.seeker_count(), self.host_count());
        self.derived
            .1
            .get_or_init(|| DenseRanks::build(&self.raw_seekers, &self.raw_hosts, n_s, n_h))
            .as_ref()
    }

    /// The acceptable partners of agent `a` of `side` in the order written,
    /// with the agent's tier of each: on dense instances from the lists as
    /// written and the dense tables (the linked rows are never built), else
    /// from the linked rows.
    fn acceptable_of(&self, side: Side, a: usize) -> Vec<(usize, u32)> {
        if self.dense_ranks().is_some() {
            let raw = self.raw_rows(side);
            let row = raw.row(a);
            let listed = raw.partner.get(row.clone()).unwrap_or(&[]);
            return listed
                .iter()
                .zip(raw.rank_row(row))
                .map(|(&b, r)| (b as usize, r))
                .filter(|&(b, _)| match side {
                    Side::Seeker => self.pair_tiers(a, b).is_some(),
                    Side::Host => self.pair_tiers(b, a).is_some(),
                })
                .collect();
        }
        let rows = match side {
            Side::Seeker => &self.linked().seekers,
            Side::Host => &self.linked().hosts,
        };
        let row = rows.row(a);
        let p = rows.partner.get(row.clone()).unwrap_or(&[]);
        let r = rows.rank.get(row).unwrap_or(&[]);
        p.iter().zip(r).map(|(&b, &r)| (b as usize, r)).collect()
    }

    pub(crate) fn index(&self) -> (&Rows, &Rows) {
        let l = self.linked();
        l.seekers.by_partner.get_or_init(|| sorted_by_partner(&l.seekers, &l.hosts));
        l.hosts.by_partner.get_or_init(|| sorted_by_partner(&l.hosts, &l.seekers));
        (&l.seekers, &l.hosts)
    }

    /// Whether seeker `i` and host `j` are mutually acceptable (and not forbidden).
    #[must_use]
    pub fn is_acceptable(&self, i: usize, j: usize) -> bool {
        self.pair_tiers(i, j).is_some()
    }

    /// Seeker `i`'s rank (0-based tier index) of host `j`, `None` when the pair is not acceptable.
    #[must_use]
    pub fn seeker_rank(&self, i: usize, j: usize) -> Option<u32> {
        self.pair_tiers(i, j).map(|t| t.0)
    }

    /// Host `j`'s rank (0-based tier index) of seeker `i`, `None` when the pair is not acceptable.
    #[must_use]
    pub fn host_rank(&self, j: usize, i: usize) -> Option<u32> {
        self.pair_tiers(i, j).map(|t| t.1)
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
        self.acceptable_of(Side::Seeker, i).into_iter()
    }

    /// Acceptable seekers of host `j` in preference order, with the host's rank of each.
    pub fn host_preferences(&self, j: usize) -> impl Iterator<Item = (usize, u32)> + '_ {
        self.acceptable_of(Side::Host, j).into_iter()
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

    /// Both tiers (0-based, as written) and the score of each seeker's pair
    /// in `host_of` (`u32::MAX`: unmatched), read from the linked rows when
    /// they are already built (one scan of each matched seeker's row), or
    /// `None` when they are not built or a pair is not acceptable (the caller
    /// then reads the lists as written).
    pub(crate) fn linked_pair_facts(&self, host_of: &[u32]) -> Option<Vec<PairFacts>> {
        let linked = self.derived.0.get()?;
        let rows = &linked.seekers;
        let mut out = Vec::with_capacity(host_of.len());
        for (i, &j) in host_of.iter().enumerate() {
            if j == NONE {
                out.push(None);
                continue;
            }
            let row = rows.row(i);
            let k = rows.partner.get(row.clone())?.iter().position(|&x| x == j)?;
            let e = row.start.checked_add(k)?;
            let score = match &linked.entry_scores {
                Some(scores) => *scores.get(e)?,
                None => None,
            };
            out.push(Some((*rows.rank.get(e)?, *rows.partner_rank.get(e)?, score)));
        }
        Some(out)
    }

    /// The per-entry scores as integers at their common scale (see
    /// [`ScaledScores`]), converted once on first use; `None` when the
    /// instance has no scores or one does not fit an `i64` at that scale (the
    /// solvers then take their 128-bit path).
    pub(crate) fn scaled_entry_scores(&self) -> Option<&ScaledScores> {
        self.derived.3.get_or_init(|| self.entry_scores().and_then(ScaledScores::new)).as_ref()
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
