//! The result of every mechanism: [`Matching`], its JSON result format, and
//! its [`Metrics`].

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::instance::Instance;

const NONE: u32 = u32::MAX;

/// The result document version this crate writes.
pub const RESULT_VERSION: u32 = 1;

fn default_result_version() -> u32 {
    RESULT_VERSION
}

/// Reads `version` and refuses a result version this crate does not know,
/// so that the error names the field.
fn known_result_version<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let found = <u32 as Deserialize>::deserialize(d)?;
    if found == RESULT_VERSION {
        Ok(found)
    } else {
        Err(serde::de::Error::custom(format!(
            "unsupported result version {found}: this crate reads version {RESULT_VERSION}"
        )))
    }
}

/// Which mechanism produced a matching, with its parameters (side, seed, …)
/// written as text so that the result document stays flat and stable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Mechanism {
    /// Short name, for example `deferred-acceptance` or `egalitarian-stable`.
    pub name: String,
    /// Parameters by name, sorted.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, String>,
}

impl Mechanism {
    /// A mechanism without parameters.
    #[must_use]
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), parameters: BTreeMap::new() }
    }

    /// Adds a parameter.
    #[must_use]
    pub fn with(mut self, key: impl Into<String>, value: impl ToString) -> Self {
        self.parameters.insert(key.into(), value.to_string());
        self
    }
}

/// One matched pair with the ranks each side gave the other (1 = first
/// choice; agents in a tie share a rank).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Pair {
    /// Seeker id.
    pub seeker: String,
    /// Host id.
    pub host: String,
    /// The seeker's rank of the host (1-based tier; 0 only if the seeker does not rank it).
    pub seeker_rank: u32,
    /// The host's rank of the seeker (1-based tier; 0 only if the host does not rank it).
    pub host_rank: u32,
    /// The pair's score, when the instance has one for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Decimal>,
}

/// How full one host is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct HostFill {
    /// Host id.
    pub host: String,
    /// Its capacity.
    pub capacity: u32,
    /// Seekers it received.
    pub filled: u32,
}

/// Summary figures of a matching.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Metrics {
    /// Matched seekers.
    pub matched: usize,
    /// Unmatched seekers.
    pub unmatched: usize,
    /// Total capacity of all hosts.
    pub seats: u64,
    /// Hosts that received at least one seeker.
    pub hosts_used: usize,
    /// `rank_profile[r]`: seekers matched to a host of their rank `r + 1`.
    pub rank_profile: Vec<u64>,
    /// `host_rank_profile[r]`: pairs in which the host ranks the seeker `r + 1`.
    pub host_rank_profile: Vec<u64>,
    /// Sum of the seekers' ranks of their hosts (1-based).
    pub seeker_rank_sum: u64,
    /// Sum of the hosts' ranks of their seekers (1-based).
    pub host_rank_sum: u64,
    /// Largest rank any matched agent (either side) gives its partner; `None` when nobody is matched.
    pub regret: Option<u32>,
    /// Sum of the pair scores, when the instance has scores (pairs without a score count 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_score: Option<Decimal>,
}

/// How good a budgeted or optimised result is proven to be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Optimality {
    /// The objective, for example `total-score`.
    pub objective: String,
    /// Its value for this matching.
    pub value: Decimal,
    /// The best value any feasible matching could reach (upper bound for a maximisation).
    pub bound: Decimal,
    /// `bound - value`; zero when proven optimal.
    pub gap: Decimal,
    /// Whether `value` is proven optimal (bound = value).
    pub proven: bool,
}

/// A matching of seekers to hosts, as every mechanism returns it.
///
/// Serialized, this is the result format: `pairs` (each with `seeker`,
/// `host` and both ranks), `unmatched` seekers, `hosts` with their fill,
/// `selected_hosts` under a budget, `metrics`, the `mechanism` with its
/// parameters and, for optimised results, `optimality`. Lists follow the
/// instance order of seekers and hosts, so the same instance and mechanism
/// give the same bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Matching {
    /// Schema version of the result document: optional on input (1), always
    /// written; any other version is refused when the document is read.
    #[serde(default = "default_result_version", deserialize_with = "known_result_version")]
    pub version: u32,
    /// Mechanism and parameters.
    pub mechanism: Mechanism,
    /// The matched pairs, in seeker order.
    pub pairs: Vec<Pair>,
    /// Seekers left without a host, in seeker order.
    pub unmatched: Vec<String>,
    /// Fill of every host, in host order.
    pub hosts: Vec<HostFill>,
    /// Hosts selected under a budget (`max_hosts`), in host order; `None` when no selection was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected_hosts: Option<Vec<String>>,
    /// Summary figures.
    pub metrics: Metrics,
    /// Proof of optimality or gap, for optimised and budgeted results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optimality: Option<Optimality>,
}

impl Matching {
    /// Reads a result document (what [`Matching::to_json`] writes), refusing
    /// unknown fields and a `version` other than [`RESULT_VERSION`]. Whether
    /// the result fits an instance is [`check`](crate::check)'s question.
    ///
    /// # Errors
    ///
    /// [`Error::LimitExceeded`] when the text is longer than
    /// `limits.max_input_bytes`; [`Error::ResultJson`] with the field path,
    /// line and column when it is not a well-formed result document.
    pub fn from_json(text: &str, limits: &crate::Limits) -> Result<Self, Error> {
        crate::error::read_json(text, limits, "result json length in bytes", |f| {
            Error::ResultJson { path: f.path, line: f.line, column: f.column, message: f.message }
        })
    }

    /// Builds the result from an assignment: `assignment[i]` is seeker `i`'s
    /// host index. Entries that are out of range are treated as unmatched;
    /// callers pass assignments of acceptable pairs.
    #[allow(dead_code, reason = "used by the solvers")]
    pub(crate) fn from_assignment(
        instance: &Instance,
        assignment: &[Option<u32>],
        mechanism: Mechanism,
    ) -> Self {
        let n_h = instance.host_count();
        let mut fill = vec![0u32; n_h];
        let mut pairs = Vec::new();
        let mut unmatched = Vec::new();
        let mut rank_profile: Vec<u64> = Vec::new();
        let mut host_rank_profile: Vec<u64> = Vec::new();
        let (mut seeker_rank_sum, mut host_rank_sum) = (0u64, 0u64);
        let mut regret: Option<u32> = None;
        let mut total_score = instance.has_scores().then_some(Decimal::ZERO);
        let bump = |profile: &mut Vec<u64>, r: u32| {
            let r = r as usize;
            if profile.len() <= r {
                profile.resize(r + 1, 0);
            }
            if let Some(c) = profile.get_mut(r) {
                *c += 1;
            }
        };
        // Ranks come from the lists as written, so that no look-up index is
        // built: each used host's list is scanned once.
        let raw_s = instance.raw_rows(crate::error::Side::Seeker);
        let raw_h = instance.raw_rows(crate::error::Side::Host);
        let host_at =
            |i: usize| assignment.get(i).copied().flatten().filter(|&j| (j as usize) < n_h);
        // asg[i]: seeker i's host or NONE; want[j]: seekers still to find in j's list.
        let asg: Vec<u32> =
            (0..instance.seeker_count()).map(|i| host_at(i).unwrap_or(NONE)).collect();
        let mut want = vec![0u32; n_h];
        for &j in &asg {
            if let Some(w) = want.get_mut(j as usize) {
                *w += 1;
            }
        }
        // The linked rows give both ranks and the score of a pair at once,
        // when a solver built them already; else the lists as written.
        let facts = instance.linked_pair_facts(&asg);
        let mut host_rank_of = vec![NONE; instance.seeker_count()];
        for j in 0..n_h {
            if facts.is_some() {
                break;
            }
            let Some(&total) = want.get(j) else { continue };
            if total == 0 {
                continue;
            }
            let mut left = total;
            let jj = u32::try_from(j).unwrap_or(NONE);
            let row = raw_h.row(j);
            let r = raw_h.rank_row(row.clone());
            let Some(p) = raw_h.partner.get(row) else {
                continue;
            };
            for (&i, rank) in p.iter().zip(r) {
                if asg.get(i as usize) == Some(&jj) {
                    if let Some(x) = host_rank_of.get_mut(i as usize) {
                        *x = rank;
                    }
                    left -= 1;
                    if left == 0 {
                        break;
                    }
                }
            }
        }
        for i in 0..instance.seeker_count() {
            let seeker = instance.seeker_id(i).unwrap_or_default().to_owned();
            let Some(j) = host_at(i) else {
                unmatched.push(seeker);
                continue;
            };
            // 1-based ranks; 0 marks a partner the agent does not list (never
            // produced by this crate's mechanisms).
            let known = facts.as_ref().and_then(|f| f.get(i).copied().flatten());
            let (sr, hr, score) = match known {
                Some((sr, hr, score)) => (sr + 1, hr + 1, score),
                None => {
                    let row = raw_s.row(i);
                    let sr = raw_s
                        .partner
                        .get(row.clone())
                        .and_then(|p| p.iter().position(|&x| x == j))
                        .map(|k| raw_s.rank_at(row.start + k, row.start))
                        .map_or(0, |r| r + 1);
                    let hr =
                        host_rank_of.get(i).copied().filter(|&r| r != NONE).map_or(0, |r| r + 1);
                    (sr, hr, instance.written_score(i, j as usize))
                }
            };
            let j = j as usize;
            if let Some(f) = fill.get_mut(j) {
                *f += 1;
            }
            if sr > 0 {
                bump(&mut rank_profile, sr - 1);
            }
            if hr > 0 {
                bump(&mut host_rank_profile, hr - 1);
            }
            seeker_rank_sum += u64::from(sr);
            host_rank_sum += u64::from(hr);
            regret = Some(regret.unwrap_or(0).max(sr).max(hr));
            if let (Some(t), Some(s)) = (total_score.as_mut(), score) {
                *t = t.checked_add(s).unwrap_or(*t);
            }
            pairs.push(Pair {
                seeker,
                host: instance.host_id(j).unwrap_or_default().to_owned(),
                seeker_rank: sr,
                host_rank: hr,
                score,
            });
        }
        let hosts: Vec<HostFill> = (0..n_h)
            .map(|j| HostFill {
                host: instance.host_id(j).unwrap_or_default().to_owned(),
                capacity: instance.capacity(j),
                filled: fill.get(j).copied().unwrap_or(0),
            })
            .collect();
        let metrics = Metrics {
            matched: pairs.len(),
            unmatched: unmatched.len(),
            seats: (0..n_h).map(|j| u64::from(instance.capacity(j))).sum(),
            hosts_used: fill.iter().filter(|&&f| f > 0).count(),
            rank_profile,
            host_rank_profile,
            seeker_rank_sum,
            host_rank_sum,
            regret,
            total_score,
        };
        Self {
            version: RESULT_VERSION,
            mechanism,
            pairs,
            unmatched,
            hosts,
            selected_hosts: None,
            metrics,
            optimality: None,
        }
    }

    /// Records the hosts selected under a budget (host indices, any order).
    #[allow(dead_code, reason = "used by the budgeted solvers")]
    pub(crate) fn with_selected_hosts(mut self, instance: &Instance, selected: &[u32]) -> Self {
        let mut sel: Vec<u32> = selected.to_vec();
        sel.sort_unstable();
        sel.dedup();
        self.selected_hosts = Some(
            sel.iter().filter_map(|&j| instance.host_id(j as usize).map(str::to_owned)).collect(),
        );
        self
    }

    /// Records the optimality proof or gap.
    #[allow(dead_code, reason = "used by the optimising solvers")]
    pub(crate) fn with_optimality(mut self, optimality: Optimality) -> Self {
        self.optimality = Some(optimality);
        self
    }

    /// The host of a seeker, by id.
    #[must_use]
    pub fn host_of(&self, seeker: &str) -> Option<&str> {
        self.pairs.iter().find(|p| p.seeker == seeker).map(|p| p.host.as_str())
    }

    /// The matching as seeker → host indices of `instance`.
    ///
    /// # Errors
    ///
    /// [`Error::MatchingMismatch`] when a pair names an unknown seeker or
    /// host, or a seeker appears in two pairs.
    pub fn assignment(&self, instance: &Instance) -> Result<Vec<Option<u32>>, Error> {
        let seekers: BTreeMap<&str, usize> = (0..instance.seeker_count())
            .filter_map(|i| Some((instance.seeker_id(i)?, i)))
            .collect();
        let hosts: BTreeMap<&str, usize> =
            (0..instance.host_count()).filter_map(|j| Some((instance.host_id(j)?, j))).collect();
        let mut out = vec![None; instance.seeker_count()];
        for p in &self.pairs {
            let i = *seekers.get(p.seeker.as_str()).ok_or_else(|| Error::MatchingMismatch {
                reason: format!("unknown seeker {:?}", p.seeker),
            })?;
            let j = *hosts.get(p.host.as_str()).ok_or_else(|| Error::MatchingMismatch {
                reason: format!("unknown host {:?}", p.host),
            })?;
            let slot = out.get_mut(i).ok_or_else(|| Error::MatchingMismatch {
                reason: format!("seeker {:?} out of range", p.seeker),
            })?;
            if slot.is_some() {
                return Err(Error::MatchingMismatch {
                    reason: format!("seeker {:?} appears in two pairs", p.seeker),
                });
            }
            *slot = Some(u32::try_from(j).unwrap_or(u32::MAX));
        }
        Ok(out)
    }

    /// The result as pretty-printed JSON (deterministic).
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
