//! The instance model: the JSON document ([`InstanceSpec`]), the size
//! [`Limits`], and the validated, index-based [`Instance`] every solver reads.
//!
//! # Internal layout
//!
//! Agents are numbered in document order: seeker `i` is `seekers[i]`, host `j`
//! is `hosts[j]`. Each side keeps two compressed-row (CSR) tables of `u32`:
//!
//! * the *raw* lists exactly as written (every listed partner with the index of
//!   its tier), used to write the document back;
//! * the *acceptable* lists: only mutually acceptable partners, in the order
//!   written (tier by tier, and inside a tie in the order of the tie). For the
//!   entry `e` of agent `a` (`start[a] <= e < start[a + 1]`): `partner[e]` is
//!   the partner's index, `rank[e]` the agent's tier index (0-based) of the
//!   partner, `partner_rank[e]` the partner's tier index of the agent, and
//!   `mirror[e]` the index of the matching entry in the partner's row of the
//!   other side's table. `by_partner` lists each row's entries sorted by
//!   partner index, for `O(log n)` rank look-ups.
//!
//! A pair is **acceptable** when the seeker lists the host, the host lists the
//! seeker, and the pair is not `forbidden`. Nothing else is ever matched.
//! Ranks count tiers as written: in `["h2", ["h1", "h3"]]` host `h2` has rank
//! 0 and `h1`, `h3` rank 1, even if `h2` turns out not to be acceptable.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ListPosition, Side};

/// The instance document version this crate reads and writes.
pub const INSTANCE_VERSION: u32 = 1;

const NONE: u32 = u32::MAX;

fn default_version() -> u32 {
    INSTANCE_VERSION
}

/// One element of a preference list: a single id, or a tie written as a
/// nested list of ids that the agent likes equally.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Preference {
    /// A partner ranked alone in its tier.
    One(String),
    /// Partners ranked equally.
    Tie(Vec<String>),
}

/// A seeker as written in the instance document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SeekerSpec {
    /// Unique, non-empty id among the seekers.
    pub id: String,
    /// Acceptable hosts, best first; a nested list is a tie.
    #[serde(default)]
    pub preferences: Vec<Preference>,
}

/// A host as written in the instance document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HostSpec {
    /// Unique, non-empty id among the hosts.
    pub id: String,
    /// How many seekers the host can take; 0 means closed. Negative values are rejected.
    pub capacity: i64,
    /// Acceptable seekers, best first; a nested list is a tie.
    #[serde(default)]
    pub preferences: Vec<Preference>,
}

/// A score for one (seeker, host) pair, used by the welfare objectives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScoreSpec {
    /// Seeker id.
    pub seeker: String,
    /// Host id.
    pub host: String,
    /// The score: a decimal written as a string (`"2.5"`) or a JSON number.
    #[serde(deserialize_with = "decimal_text_or_number")]
    pub score: Decimal,
}

/// A (seeker, host) pair in `forbidden` or `required`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PairSpec {
    /// Seeker id.
    pub seeker: String,
    /// Host id.
    pub host: String,
}

/// The instance document: what services and the command line exchange.
///
/// ```json
/// {"seekers":[{"id":"s1","preferences":["h2",["h1","h3"]]}],
///  "hosts":[{"id":"h1","capacity":2,"preferences":["s1"]}],
///  "max_hosts":10}
/// ```
///
/// `version` defaults to [`INSTANCE_VERSION`]; `scores`, `forbidden` and
/// `required` default to empty; `max_hosts` (the budget: at most this many
/// hosts may receive seekers) defaults to no budget. Unknown fields are
/// rejected. Turn it into an [`Instance`] with [`Instance::new`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InstanceSpec {
    /// Schema version of the document.
    #[serde(default = "default_version")]
    pub version: u32,
    /// The seekers, in the order that numbers them.
    pub seekers: Vec<SeekerSpec>,
    /// The hosts, in the order that numbers them.
    pub hosts: Vec<HostSpec>,
    /// Pair scores for the welfare objectives (missing pairs have no score).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scores: Vec<ScoreSpec>,
    /// Pairs that must never be matched.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbidden: Vec<PairSpec>,
    /// Pairs that must be matched (solvers that cannot honour them say so).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<PairSpec>,
    /// At most this many hosts may receive seekers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hosts: Option<u32>,
}

fn decimal_text_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = Decimal;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a decimal number or a string holding one")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
            parse_decimal(v).ok_or_else(|| E::custom(format!("invalid decimal {v:?}")))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
            // Shortest round-trip text of the float, then exact decimal parsing.
            let text = v.to_string();
            parse_decimal(&text).ok_or_else(|| E::custom(format!("invalid decimal {text}")))
        }
    }
    d.deserialize_any(V)
}

fn parse_decimal(text: &str) -> Option<Decimal> {
    use std::str::FromStr as _;
    Decimal::from_str(text).or_else(|_| Decimal::from_scientific(text)).ok()
}

/// Upper bounds on every size read from an instance, checked before the
/// corresponding memory is allocated. [`Limits::default`] admits instances far
/// larger than any twinning cohort (a million agents per side, a hundred
/// million preference entries); services facing untrusted callers should
/// lower them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Largest JSON text accepted by [`Instance::from_json`], in bytes (default 1 GiB).
    pub max_input_bytes: usize,
    /// Most seekers (default 1,000,000).
    pub max_seekers: usize,
    /// Most hosts (default 1,000,000).
    pub max_hosts: usize,
    /// Longest single preference list, counting every id (default 1,000,000).
    pub max_list_len: usize,
    /// Most preference entries over all lists of both sides (default 100,000,000;
    /// never more than `u32::MAX - 1`).
    pub max_entries: usize,
    /// Most entries in each of `scores`, `forbidden` and `required` (default 10,000,000).
    pub max_pairs: usize,
    /// Largest host capacity (default 1,000,000).
    pub max_capacity: u32,
    /// Longest id in bytes (default 256).
    pub max_id_len: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_input_bytes: 1 << 30,
            max_seekers: 1_000_000,
            max_hosts: 1_000_000,
            max_list_len: 1_000_000,
            max_entries: 100_000_000,
            max_pairs: 10_000_000,
            max_capacity: 1_000_000,
            max_id_len: 256,
        }
    }
}

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

    fn agents(&self) -> usize {
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

/// Reads one side's lists into raw rows, checking ids, duplicates and limits.
fn read_lists<'a>(
    side: Side,
    agents: impl Iterator<Item = (&'a str, &'a [Preference])>,
    other: &HashMap<&str, u32>,
    other_count: usize,
    limits: &Limits,
    entries_so_far: &mut usize,
) -> Result<RawRows, Error> {
    let mut raw = RawRows::default();
    raw.start.push(0);
    // seen[j] = (agent + 1, position of first mention)
    let mut seen: Vec<(u32, ListPosition)> =
        vec![(0, ListPosition { tier: 0, within_tie: None }); other_count];
    for (a, (id, prefs)) in agents.enumerate() {
        let stamp = u32::try_from(a + 1).map_err(|_| Error::limit("number of agents", a, a))?;
        let len: usize = prefs
            .iter()
            .map(|p| match p {
                Preference::One(_) => 1,
                Preference::Tie(v) => v.len(),
            })
            .sum();
        if len > limits.max_list_len {
            return Err(Error::limit(
                format!("preference list of {side} {id:?}"),
                len,
                limits.max_list_len,
            ));
        }
        *entries_so_far += len;
        let cap = limits.max_entries.min(NONE as usize - 1);
        if *entries_so_far > cap {
            return Err(Error::limit("number of preference entries", *entries_so_far, cap));
        }
        raw.partner.reserve(len);
        raw.rank.reserve(len);
        for (tier, pref) in prefs.iter().enumerate() {
            let rank = u32::try_from(tier).unwrap_or(NONE);
            let mut add = |name: &str, within_tie: Option<usize>| -> Result<(), Error> {
                let position = ListPosition { tier, within_tie };
                let Some(&j) = other.get(name) else {
                    return Err(Error::UnknownId {
                        side,
                        agent: id.to_owned(),
                        id: name.to_owned(),
                        position,
                    });
                };
                if let Some(slot) = seen.get_mut(j as usize) {
                    if slot.0 == stamp {
                        return Err(Error::ListedTwice {
                            side,
                            agent: id.to_owned(),
                            id: name.to_owned(),
                            first: slot.1,
                            second: position,
                        });
                    }
                    *slot = (stamp, position);
                }
                raw.partner.push(j);
                raw.rank.push(rank);
                Ok(())
            };
            match pref {
                Preference::One(name) => add(name, None)?,
                Preference::Tie(names) => {
                    if names.is_empty() {
                        return Err(Error::EmptyTie {
                            side,
                            agent: id.to_owned(),
                            position: ListPosition { tier, within_tie: None },
                        });
                    }
                    for (k, name) in names.iter().enumerate() {
                        add(name, Some(k))?;
                    }
                }
            }
        }
        raw.start.push(u32::try_from(raw.partner.len()).unwrap_or(NONE));
    }
    Ok(raw)
}

fn index_ids<'a>(
    side: Side,
    ids: impl Iterator<Item = &'a str>,
    limits: &Limits,
) -> Result<HashMap<&'a str, u32>, Error> {
    let mut map: HashMap<&str, u32> = HashMap::new();
    for (index, id) in ids.enumerate() {
        if id.is_empty() {
            return Err(Error::EmptyId { side, field: side.field(), index });
        }
        if id.len() > limits.max_id_len {
            return Err(Error::limit(
                format!("length of {side} id at {}[{index}]", side.field()),
                id.len(),
                limits.max_id_len,
            ));
        }
        let idx = u32::try_from(index).unwrap_or(NONE);
        if let Some(&first) = map.get(id) {
            return Err(Error::DuplicateId {
                side,
                field: side.field(),
                id: id.to_owned(),
                first: first as usize,
                second: index,
            });
        }
        map.insert(id, idx);
    }
    Ok(map)
}

/// Links the raw lists of both sides into acceptable rows.
fn link(
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

fn raw_row(raw: &RawRows, a: usize) -> Range<usize> {
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
fn sorted_by_partner(rows: &Rows, other: &Rows) -> Vec<u32> {
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
        if text.len() > limits.max_input_bytes {
            return Err(Error::limit(
                "instance json length in bytes",
                text.len(),
                limits.max_input_bytes,
            ));
        }
        let spec: InstanceSpec = serde_json::from_str(text).map_err(|e| Error::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
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
