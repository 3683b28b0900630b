//! The instance document ([`InstanceSpec`]) and the size [`Limits`].

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The instance document version this crate reads and writes.
pub const INSTANCE_VERSION: u32 = 1;

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
/// rejected. Turn it into an [`Instance`](crate::Instance) with [`Instance::new`](crate::Instance::new).
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
            parse_decimal(v).ok_or_else(|| {
                // A decimal comma (`1,5`) is the commonest slip from a
                // spreadsheet: say how to write it rather than guess.
                let hint = match parse_decimal(&v.replacen(',', ".", 1)) {
                    Some(d) if v.matches(',').count() == 1 => {
                        format!("; write the decimal point as \".\" ({d})")
                    }
                    _ => String::new(),
                };
                E::custom(format!("invalid decimal {v:?}{hint}"))
            })
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

/// A decimal written as JSON writes numbers: an optional `-`, digits, an
/// optional fraction and exponent. `rust_decimal` alone also takes `1_000`
/// and `+1.5`, which a person did not mean as a number (or did, and the
/// file would say otherwise elsewhere): refused rather than bent.
fn parse_decimal(text: &str) -> Option<Decimal> {
    use std::str::FromStr as _;
    if !is_json_number(text) {
        return None;
    }
    Decimal::from_str(text).or_else(|_| Decimal::from_scientific(text)).ok()
}

/// Whether `text` has the grammar of a JSON number (RFC 8259 §6), leading
/// zeros aside.
fn is_json_number(text: &str) -> bool {
    let digits = |s: &str| -> usize { s.bytes().take_while(u8::is_ascii_digit).count() };
    let rest = text.strip_prefix('-').unwrap_or(text);
    let n = digits(rest);
    if n == 0 {
        return false;
    }
    let mut rest = rest.get(n..).unwrap_or_default();
    if let Some(fraction) = rest.strip_prefix('.') {
        let n = digits(fraction);
        if n == 0 {
            return false;
        }
        rest = fraction.get(n..).unwrap_or_default();
    }
    if let Some(exponent) = rest.strip_prefix(['e', 'E']) {
        let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        let n = digits(exponent);
        return n > 0 && n == exponent.len();
    }
    rest.is_empty()
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
    /// Largest JSON text accepted by [`Instance::from_json`](crate::Instance::from_json), in bytes (default 1 GiB).
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
