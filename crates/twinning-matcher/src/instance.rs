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

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ListPosition, Side};

mod link;
mod read;
mod spec;

pub use self::spec::{
    HostSpec, INSTANCE_VERSION, InstanceSpec, Limits, PairSpec, Preference, ScoreSpec, SeekerSpec,
};

const NONE: u32 = u32::MAX;

use self::link::{link, raw_row, sorted_by_partner};
use self::read::{index_ids, read_lists};

/// Compressed rows of one side: the acceptable lists (see the module docs).
#[derive(Debug, Clone, Default)]
pub(crate) struct Rows {
    /// Row offsets, `agents + 1` long.
    pub(crate) start: Vec<u32>,
    /// Partner index per entry.
    pub(crate) partner: Vec<u32>,
    /// This agent's tier index of the partner.
    pub(crate) rank: Vec<u32>,
    /// The partner's tier index of this agent.
    pub(crate) partner_rank: Vec<u32>,
    /// Index of the reverse entry in the other side's rows.
    pub(crate) mirror: Vec<u32>,
    /// Entries of each row sorted by partner index (same offsets as
    /// `start`), built on the first look-up that needs it (see
    /// [`Instance::index`]); until then [`Rows::find`] scans the row.
    by_partner: std::sync::OnceLock<Vec<u32>>,
}

impl PartialEq for Rows {
    fn eq(&self, other: &Self) -> bool {
        // `by_partner` is derived data, built lazily: leave it out.
        self.start == other.start
            && self.partner == other.partner
            && self.rank == other.rank
            && self.partner_rank == other.partner_rank
            && self.mirror == other.mirror
    }
}

impl Eq for Rows {}

impl Rows {
    /// The entry range of agent `a` (empty when `a` is out of range).
    pub(crate) fn row(&self, a: usize) -> Range<usize> {
        match (self.start.get(a), self.start.get(a + 1)) {
            (Some(&s), Some(&e)) => s as usize..e as usize,
            _ => 0..0,
        }
    }

    /// Entry of `partner` in the row of `a`, if acceptable.
    pub(crate) fn find(&self, a: usize, partner: u32) -> Option<usize> {
        let row = self.row(a);
        let Some(index) = self.by_partner.get() else {
            let p = self.partner.get(row.clone())?;
            return p.iter().position(|&x| x == partner).map(|k| row.start + k);
        };
        let sorted = index.get(row)?;
        let pos = sorted
            .binary_search_by_key(&partner, |&e| {
                self.partner.get(e as usize).copied().unwrap_or(NONE)
            })
            .ok()?;
        sorted.get(pos).map(|&e| e as usize)
    }

    pub(crate) fn agents(&self) -> usize {
        self.start.len().saturating_sub(1)
    }
}

/// Raw (as written) lists of one side.
#[derive(Debug, Clone, Default)]
pub(crate) struct RawRows {
    /// Row offsets, `agents + 1` long.
    pub(crate) start: Vec<u32>,
    /// Listed partner per entry (acceptable or not), in written order.
    pub(crate) partner: Vec<u32>,
    /// Tier index per entry.
    pub(crate) rank: Vec<u32>,
}

impl RawRows {
    /// The entry range of agent `a` (empty when out of range).
    pub(crate) fn row(&self, a: usize) -> Range<usize> {
        raw_row(self, a)
    }

    /// The tier index of entry `k` in the row starting at `row_start`. An
    /// empty `rank` means strict lists: the tier is the position.
    pub(crate) fn rank_at(&self, k: usize, row_start: usize) -> u32 {
        if self.rank.is_empty() {
            u32::try_from(k.saturating_sub(row_start)).unwrap_or(NONE)
        } else {
            self.rank.get(k).copied().unwrap_or(0)
        }
    }

    /// The tier indices of the entries in `row`, in order.
    pub(crate) fn rank_row(&self, row: Range<usize>) -> RankRow<'_> {
        if self.rank.is_empty() {
            let len = u32::try_from(row.len()).unwrap_or(NONE);
            RankRow::Position(0..len)
        } else {
            RankRow::Written(self.rank.get(row).unwrap_or(&[]).iter())
        }
    }
}

impl PartialEq for RawRows {
    fn eq(&self, other: &Self) -> bool {
        // Strict lists may leave `rank` empty: compare the tiers, not the storage.
        self.start == other.start
            && self.partner == other.partner
            && (0..self.start.len().saturating_sub(1)).all(|a| {
                let row = self.row(a);
                self.rank_row(row.clone()).eq(other.rank_row(row))
            })
    }
}

impl Eq for RawRows {}

/// Iterator over the tier indices of one raw row (see [`RawRows::rank_row`]).
#[derive(Debug)]
pub(crate) enum RankRow<'a> {
    /// Tiers as written.
    Written(std::slice::Iter<'a, u32>),
    /// Strict lists: the tier is the position.
    Position(Range<u32>),
}

impl Iterator for RankRow<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        match self {
            Self::Written(it) => it.next().copied(),
            Self::Position(r) => r.next(),
        }
    }
}

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
    /// Validates a document and builds the instance.
    ///
    /// # Errors
    ///
    /// A typed [`Error`] naming the agent and position: [`Error::UnsupportedVersion`],
    /// [`Error::LimitExceeded`], [`Error::EmptyId`], [`Error::DuplicateId`],
    /// [`Error::UnknownId`], [`Error::ListedTwice`], [`Error::EmptyTie`],
    /// [`Error::NegativeCapacity`], [`Error::UnknownPairId`], [`Error::DuplicatePair`],
    /// [`Error::ForbiddenAndRequired`], [`Error::RequiredNotAcceptable`] or
    /// [`Error::RequiredConflict`].
    pub fn new(spec: &InstanceSpec, limits: &Limits) -> Result<Self, Error> {
        if spec.version != INSTANCE_VERSION {
            return Err(Error::UnsupportedVersion {
                found: spec.version,
                supported: INSTANCE_VERSION,
            });
        }
        if spec.seekers.len() > limits.max_seekers {
            return Err(Error::limit("number of seekers", spec.seekers.len(), limits.max_seekers));
        }
        if spec.hosts.len() > limits.max_hosts {
            return Err(Error::limit("number of hosts", spec.hosts.len(), limits.max_hosts));
        }
        for (list, n) in [
            ("scores", spec.scores.len()),
            ("forbidden", spec.forbidden.len()),
            ("required", spec.required.len()),
        ] {
            if n > limits.max_pairs {
                return Err(Error::limit(format!("number of {list} entries"), n, limits.max_pairs));
            }
        }
        let seeker_map =
            index_ids(Side::Seeker, spec.seekers.iter().map(|s| s.id.as_str()), limits)?;
        let host_map = index_ids(Side::Host, spec.hosts.iter().map(|h| h.id.as_str()), limits)?;
        let mut capacities = Vec::with_capacity(spec.hosts.len());
        for (index, h) in spec.hosts.iter().enumerate() {
            if h.capacity < 0 {
                return Err(Error::NegativeCapacity {
                    host: h.id.clone(),
                    index,
                    capacity: h.capacity,
                });
            }
            let cap = u32::try_from(h.capacity).unwrap_or(u32::MAX);
            if cap > limits.max_capacity {
                return Err(Error::limit(
                    format!("capacity of host {:?}", h.id),
                    cap as usize,
                    limits.max_capacity as usize,
                ));
            }
            capacities.push(cap);
        }
        let mut entries = 0usize;
        let raw_seekers = read_lists(
            Side::Seeker,
            spec.seekers.iter().map(|s| (s.id.as_str(), s.preferences.as_slice())),
            &host_map,
            spec.hosts.len(),
            limits,
            &mut entries,
        )?;
        let raw_hosts = read_lists(
            Side::Host,
            spec.hosts.iter().map(|h| (h.id.as_str(), h.preferences.as_slice())),
            &seeker_map,
            spec.seekers.len(),
            limits,
            &mut entries,
        )?;

        let pair = |list: &str, index: usize, p: (&str, &str)| -> Result<(u32, u32), Error> {
            let i = seeker_map.get(p.0).copied().ok_or_else(|| Error::UnknownPairId {
                field: format!("{list}[{index}].seeker"),
                side: Side::Seeker,
                id: p.0.to_owned(),
            })?;
            let j = host_map.get(p.1).copied().ok_or_else(|| Error::UnknownPairId {
                field: format!("{list}[{index}].host"),
                side: Side::Host,
                id: p.1.to_owned(),
            })?;
            Ok((i, j))
        };
        let dup = |list: &'static str, first: usize, index: usize, p: (&str, &str)| {
            Error::DuplicatePair {
                field: format!("{list}[{index}]"),
                list,
                first,
                seeker: p.0.to_owned(),
                host: p.1.to_owned(),
            }
        };
        let mut score_map: BTreeMap<(u32, u32), (usize, Decimal)> = BTreeMap::new();
        for (index, s) in spec.scores.iter().enumerate() {
            let key = pair("scores", index, (&s.seeker, &s.host))?;
            if let Some(&(first, _)) = score_map.get(&key) {
                return Err(dup("scores", first, index, (&s.seeker, &s.host)));
            }
            score_map.insert(key, (index, s.score));
        }
        let mut forbidden_at: BTreeMap<(u32, u32), usize> = BTreeMap::new();
        for (index, p) in spec.forbidden.iter().enumerate() {
            let key = pair("forbidden", index, (&p.seeker, &p.host))?;
            if let Some(&first) = forbidden_at.get(&key) {
                return Err(dup("forbidden", first, index, (&p.seeker, &p.host)));
            }
            forbidden_at.insert(key, index);
        }
        let mut required = Vec::with_capacity(spec.required.len());
        let mut required_at: BTreeMap<(u32, u32), usize> = BTreeMap::new();
        for (index, p) in spec.required.iter().enumerate() {
            let key = pair("required", index, (&p.seeker, &p.host))?;
            if let Some(&first) = required_at.get(&key) {
                return Err(dup("required", first, index, (&p.seeker, &p.host)));
            }
            if let Some(&f) = forbidden_at.get(&key) {
                return Err(Error::ForbiddenAndRequired {
                    seeker: p.seeker.clone(),
                    host: p.host.clone(),
                    forbidden: f,
                    required: index,
                });
            }
            required_at.insert(key, index);
            required.push(key);
        }
        let forbidden: BTreeSet<(u32, u32)> = forbidden_at.into_keys().collect();
        let scores: Vec<(u32, u32, Decimal)> =
            score_map.into_iter().map(|((i, j), (_, d))| (i, j, d)).collect();

        let mut instance = Self::assemble(
            spec.seekers.iter().map(|s| s.id.clone()).collect(),
            spec.hosts.iter().map(|h| h.id.clone()).collect(),
            capacities,
            raw_seekers,
            raw_hosts,
            scores,
            forbidden,
            spec.max_hosts,
            true,
        );
        instance.check_required(&required, |index| {
            spec.required.get(index).map(|p| (p.seeker.clone(), p.host.clone())).unwrap_or_default()
        })?;
        instance.required = required;
        Ok(instance)
    }

    #[allow(clippy::too_many_arguments, reason = "private assembly of already validated parts")]
    fn assemble(
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

    fn check_required(
        &self,
        required: &[(u32, u32)],
        names: impl Fn(usize) -> (String, String),
    ) -> Result<(), Error> {
        let mut seeker_taken: BTreeSet<u32> = BTreeSet::new();
        let mut host_load: BTreeMap<u32, u32> = BTreeMap::new();
        for (index, &(i, j)) in required.iter().enumerate() {
            if self.linked().seekers.find(i as usize, j).is_none() {
                let (seeker, host) = names(index);
                let seeker_lists = self.raw_lists(Side::Seeker, i as usize, j);
                let reason = if seeker_lists {
                    "the host does not list the seeker"
                } else {
                    "the seeker does not list the host"
                };
                return Err(Error::RequiredNotAcceptable { index, seeker, host, reason });
            }
            if !seeker_taken.insert(i) {
                let (seeker, host) = names(index);
                return Err(Error::RequiredConflict {
                    index,
                    seeker,
                    host,
                    reason: "the seeker is already required with another host",
                });
            }
            let load = host_load.entry(j).or_insert(0);
            *load += 1;
            if *load > self.capacity(j as usize) {
                let (seeker, host) = names(index);
                return Err(Error::RequiredConflict {
                    index,
                    seeker,
                    host,
                    reason: "the host has more required seekers than capacity",
                });
            }
        }
        Ok(())
    }

    fn raw_lists(&self, side: Side, a: usize, b: u32) -> bool {
        let raw = match side {
            Side::Seeker => &self.raw_seekers,
            Side::Host => &self.raw_hosts,
        };
        let s = raw.start.get(a).copied().unwrap_or(0) as usize;
        let e = raw.start.get(a + 1).copied().unwrap_or(0) as usize;
        raw.partner.get(s..e).is_some_and(|p| p.contains(&b))
    }

    /// Parses and validates a JSON instance document.
    ///
    /// # Errors
    ///
    /// [`Error::LimitExceeded`] when the text is longer than
    /// `limits.max_input_bytes`, [`Error::Json`] (with line and column) when it
    /// is not a well-formed document, and every error of [`Instance::new`].
    pub fn from_json(text: &str, limits: &Limits) -> Result<Self, Error> {
        let spec: InstanceSpec =
            crate::error::read_json(text, limits, "instance json length in bytes", |f| {
                Error::Json { path: f.path, line: f.line, column: f.column, message: f.message }
            })?;
        Self::new(&spec, limits)
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
