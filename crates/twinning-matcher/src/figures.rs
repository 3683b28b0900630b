//! Whether the figures a result document states still describe its pairs:
//! [`check_figures`] recomputes them with the same code every mechanism
//! uses to write them, and reports each one that disagrees as a
//! [`FigureMismatch`].

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::instance::Instance;
use crate::matching::{HostFill, Matching, Mechanism, Pair};

/// The value of one [`Metrics`](crate::Metrics) field, as stated or as
/// recomputed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
#[non_exhaustive]
pub enum MetricValue {
    /// A count or a sum (`matched`, `seats`, `seeker_rank_sum`, …).
    Count(u64),
    /// A rank profile (`rank_profile`, `host_rank_profile`).
    Profile(Vec<u64>),
    /// The regret: the largest rank, `None` when nobody is matched.
    Rank(Option<u32>),
    /// The total score, `None` when the instance has no scores.
    Score(Option<Decimal>),
}

impl fmt::Display for MetricValue {
    /// Counts as numbers, profiles as `[1, 2]`, a figure that is absent
    /// (`null` in the document) as `none`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Count(n) => write!(f, "{n}"),
            Self::Profile(p) => write!(f, "{p:?}"),
            Self::Rank(Some(r)) => write!(f, "{r}"),
            Self::Score(Some(s)) => write!(f, "{s}"),
            Self::Rank(None) | Self::Score(None) => f.write_str("none"),
        }
    }
}

/// One figure a result document states that its pairs do not give on the
/// instance. The `Display` form is one line naming the field, the stated
/// value and the recomputed one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "field", rename_all = "snake_case")]
#[non_exhaustive]
pub enum FigureMismatch {
    /// `pairs[…].seeker_rank`: the seeker's rank of the host.
    SeekerRank {
        /// Seeker id of the pair.
        seeker: String,
        /// Host id of the pair.
        host: String,
        /// Rank the document states.
        stated: u32,
        /// Rank the instance gives.
        actual: u32,
    },
    /// `pairs[…].host_rank`: the host's rank of the seeker.
    HostRank {
        /// Seeker id of the pair.
        seeker: String,
        /// Host id of the pair.
        host: String,
        /// Rank the document states.
        stated: u32,
        /// Rank the instance gives.
        actual: u32,
    },
    /// `pairs[…].score`.
    Score {
        /// Seeker id of the pair.
        seeker: String,
        /// Host id of the pair.
        host: String,
        /// Score the document states.
        stated: Option<Decimal>,
        /// Score the instance gives.
        actual: Option<Decimal>,
    },
    /// `unmatched`: the seekers without a host.
    Unmatched {
        /// Seekers the document lists.
        stated: Vec<String>,
        /// Seekers the pairs leave without a host, in instance order.
        actual: Vec<String>,
    },
    /// `hosts`: a host of the instance is not listed.
    HostMissing {
        /// Host id.
        host: String,
    },
    /// `hosts`: a host is listed more than once, or is no host of the
    /// instance.
    HostListed {
        /// Host id.
        host: String,
        /// How many times the document lists it.
        times: usize,
        /// Whether the instance has this host.
        known: bool,
    },
    /// `hosts[…]`: a host's fill or capacity.
    HostFill {
        /// Host id.
        host: String,
        /// Seats filled, as stated.
        stated_filled: u32,
        /// Capacity, as stated.
        stated_capacity: u32,
        /// Seats the pairs fill.
        filled: u32,
        /// The instance's capacity.
        capacity: u32,
    },
    /// `selected_hosts`: a host listed twice, which would make the
    /// selection look larger than it is.
    SelectedHostTwice {
        /// Host id.
        host: String,
    },
    /// `selected_hosts`: more hosts than the budget (`max_hosts` of the
    /// mechanism's parameters, else of the instance) allows.
    SelectedOverBudget {
        /// The budget.
        max_hosts: u32,
        /// Hosts listed.
        selected: usize,
    },
    /// `optimality.<field>`: the value its pairs do not give, a gap other
    /// than bound − value, `proven` other than "gap is zero", or a bound
    /// below the value.
    Optimality {
        /// `value`, `gap`, `proven` or `bound`.
        figure: String,
        /// What the document states.
        stated: String,
        /// What the pairs and the other figures give.
        actual: String,
    },
    /// `metrics.<metric>`.
    Metric {
        /// The metric's field name, for example `rank_profile`.
        metric: String,
        /// Value the document states.
        stated: MetricValue,
        /// Value the pairs give.
        actual: MetricValue,
    },
}

impl fmt::Display for FigureMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SeekerRank { seeker, host, stated, actual } => write!(
                f,
                "pair ({seeker}, {host}): seeker_rank {stated} stated, the instance gives {actual}"
            ),
            Self::HostRank { seeker, host, stated, actual } => write!(
                f,
                "pair ({seeker}, {host}): host_rank {stated} stated, the instance gives {actual}"
            ),
            Self::Score { seeker, host, stated, actual } => {
                let show = |s: &Option<Decimal>| s.map_or("none".to_owned(), |d| d.to_string());
                write!(
                    f,
                    "pair ({seeker}, {host}): score {} stated, the instance gives {}",
                    show(stated),
                    show(actual)
                )
            }
            Self::Unmatched { stated, actual } => write!(
                f,
                "unmatched: [{}] stated, the pairs leave [{}]",
                stated.join(", "),
                actual.join(", ")
            ),
            Self::HostMissing { host } => write!(f, "hosts: {host} is missing"),
            Self::HostListed { host, known: false, .. } => {
                write!(f, "hosts: {host} is no host of the instance")
            }
            Self::HostListed { host, times, known: true } => {
                write!(f, "hosts: {host} is listed {times} times")
            }
            Self::HostFill { host, stated_filled, stated_capacity, filled, capacity } => write!(
                f,
                "hosts: {host} stated {stated_filled} of {stated_capacity} seats filled, \
                 the pairs fill {filled} of {capacity}"
            ),
            Self::SelectedHostTwice { host } => {
                write!(f, "selected_hosts: {host} is listed twice")
            }
            Self::SelectedOverBudget { max_hosts, selected } => {
                write!(f, "selected_hosts: {selected} hosts listed, the budget allows {max_hosts}")
            }
            Self::Optimality { figure, stated, actual } => {
                write!(f, "optimality.{figure}: {stated} stated, {actual}")
            }
            Self::Metric { metric, stated, actual } => {
                write!(f, "metrics.{metric}: {stated} stated, the pairs give {actual}")
            }
        }
    }
}

/// Where the figures `matching` states — each pair's ranks and score, the
/// unmatched seekers, the hosts' fill, the [`Metrics`](crate::Metrics) —
/// disagree with what its pairs give on `instance`, in document order
/// (pairs, unmatched, hosts in instance order, metrics in field order).
/// Empty when every figure is right.
///
/// [`check`](crate::check) judges the pairs; this catches a document
/// edited by hand, or produced by another program, whose figures no longer
/// describe them. The figures are recomputed by the code every mechanism
/// writes them with. A pair that is not acceptable has no ranks to compare
/// (the checker reports it), and the metrics are compared only when every
/// pair is acceptable. Metric values are compared as written, so a total
/// score of `1.50` where the pairs give `1.5` is reported.
///
/// # Errors
///
/// [`Error::MatchingMismatch`] when a pair names an unknown seeker or host,
/// or a seeker appears in two pairs (as [`check`](crate::check)).
///
/// # Example
///
/// ```
/// use twinning_matcher::{FigureMismatch, Instance, Limits, Side, check_figures, deferred_acceptance};
///
/// let instance = Instance::from_json(
///     r#"{"seekers":[{"id":"a","preferences":["x"]},{"id":"b","preferences":["x"]}],
///         "hosts":[{"id":"x","capacity":1,"preferences":["b","a"]}]}"#,
///     &Limits::default(),
/// )?;
/// let mut result = deferred_acceptance(&instance, Side::Seeker, 0);
/// assert!(check_figures(&instance, &result)?.is_empty());
/// result.unmatched.clear(); // a hand edit: a is left out by the pairs
/// let report = check_figures(&instance, &result)?;
/// assert!(matches!(&report[..], [FigureMismatch::Unmatched { actual, .. }] if actual == &["a"]));
/// assert_eq!(report[0].to_string(), "unmatched: [] stated, the pairs leave [a]");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check_figures(
    instance: &Instance,
    matching: &Matching,
) -> Result<Vec<FigureMismatch>, Error> {
    let assignment = matching.assignment(instance)?;
    let actual = Matching::from_assignment(instance, &assignment, Mechanism::new("recomputed"));
    let recomputed: BTreeMap<&str, &Pair> =
        actual.pairs.iter().map(|q| (q.seeker.as_str(), q)).collect();
    let stated_hosts: BTreeMap<&str, &HostFill> =
        matching.hosts.iter().map(|h| (h.host.as_str(), h)).collect();
    let mut out = Vec::new();
    let mut all_acceptable = true;
    for p in &matching.pairs {
        let i = instance.seeker_index(&p.seeker);
        let j = instance.host_index(&p.host);
        let acceptable = i.zip(j).is_some_and(|(i, j)| instance.is_acceptable(i, j));
        let Some(q) = recomputed.get(p.seeker.as_str()).filter(|_| acceptable) else {
            all_acceptable = false;
            continue;
        };
        let (seeker, host) = (p.seeker.clone(), p.host.clone());
        if p.seeker_rank != q.seeker_rank {
            out.push(FigureMismatch::SeekerRank {
                seeker: seeker.clone(),
                host: host.clone(),
                stated: p.seeker_rank,
                actual: q.seeker_rank,
            });
        }
        if p.host_rank != q.host_rank {
            out.push(FigureMismatch::HostRank {
                seeker: seeker.clone(),
                host: host.clone(),
                stated: p.host_rank,
                actual: q.host_rank,
            });
        }
        if p.score != q.score {
            out.push(FigureMismatch::Score { seeker, host, stated: p.score, actual: q.score });
        }
    }
    if matching.unmatched != actual.unmatched {
        out.push(FigureMismatch::Unmatched {
            stated: matching.unmatched.clone(),
            actual: actual.unmatched.clone(),
        });
    }
    let mut listed: BTreeMap<&str, usize> = BTreeMap::new();
    for h in &matching.hosts {
        *listed.entry(h.host.as_str()).or_default() += 1;
    }
    // In the document's order, each wrong entry once.
    for h in &matching.hosts {
        let known = instance.host_index(&h.host).is_some();
        if let Some(times) = listed.remove(h.host.as_str()).filter(|t| *t > 1 || !known) {
            out.push(FigureMismatch::HostListed { host: h.host.clone(), times, known });
        }
    }
    for h in &actual.hosts {
        match stated_hosts.get(h.host.as_str()) {
            None => out.push(FigureMismatch::HostMissing { host: h.host.clone() }),
            Some(s) if s.filled != h.filled || s.capacity != h.capacity => {
                out.push(FigureMismatch::HostFill {
                    host: h.host.clone(),
                    stated_filled: s.filled,
                    stated_capacity: s.capacity,
                    filled: h.filled,
                    capacity: h.capacity,
                });
            }
            Some(_) => {}
        }
    }
    selection_figures(instance, matching, &mut out);
    if !all_acceptable {
        return Ok(out);
    }
    optimality_figures(matching, &actual, &mut out);
    let (x, y) = (&matching.metrics, &actual.metrics);
    let count = |n: usize| MetricValue::Count(n as u64);
    let metrics = [
        ("matched", count(x.matched), count(y.matched)),
        ("unmatched", count(x.unmatched), count(y.unmatched)),
        ("seats", MetricValue::Count(x.seats), MetricValue::Count(y.seats)),
        ("hosts_used", count(x.hosts_used), count(y.hosts_used)),
        (
            "rank_profile",
            MetricValue::Profile(x.rank_profile.clone()),
            MetricValue::Profile(y.rank_profile.clone()),
        ),
        (
            "host_rank_profile",
            MetricValue::Profile(x.host_rank_profile.clone()),
            MetricValue::Profile(y.host_rank_profile.clone()),
        ),
        (
            "seeker_rank_sum",
            MetricValue::Count(x.seeker_rank_sum),
            MetricValue::Count(y.seeker_rank_sum),
        ),
        ("host_rank_sum", MetricValue::Count(x.host_rank_sum), MetricValue::Count(y.host_rank_sum)),
        ("regret", MetricValue::Rank(x.regret), MetricValue::Rank(y.regret)),
        ("total_score", MetricValue::Score(x.total_score), MetricValue::Score(y.total_score)),
    ];
    for (metric, stated, actual) in metrics {
        // As written: `1.50` and `1.5` are different figures.
        if stated.to_string() != actual.to_string() {
            out.push(FigureMismatch::Metric { metric: metric.to_owned(), stated, actual });
        }
    }
    Ok(out)
}

/// A selected host listed twice; more selected hosts than the budget.
fn selection_figures(instance: &Instance, matching: &Matching, out: &mut Vec<FigureMismatch>) {
    let Some(selected) = &matching.selected_hosts else {
        return;
    };
    let mut seen = std::collections::BTreeSet::new();
    for h in selected {
        if !seen.insert(h.as_str()) {
            out.push(FigureMismatch::SelectedHostTwice { host: h.clone() });
        }
    }
    let budget = matching
        .mechanism
        .parameters
        .get("max_hosts")
        .and_then(|k| k.parse::<u32>().ok())
        .or(instance.max_hosts());
    if let Some(k) = budget
        && seen.len() > k as usize
    {
        out.push(FigureMismatch::SelectedOverBudget { max_hosts: k, selected: seen.len() });
    }
}

/// The stated optimality against the pairs and against itself: its value
/// is the objective of the pairs (for `total-score` and `matched-seekers`),
/// the gap is bound − value, `proven` says the gap is zero, and the bound
/// (of a maximisation) is not below the value.
fn optimality_figures(matching: &Matching, actual: &Matching, out: &mut Vec<FigureMismatch>) {
    let Some(o) = &matching.optimality else {
        return;
    };
    let mut push = |field: &str, stated: String, actual: String| {
        out.push(FigureMismatch::Optimality { figure: field.to_owned(), stated, actual });
    };
    let value = match o.objective.as_str() {
        "total-score" => Some(actual.metrics.total_score.unwrap_or(Decimal::ZERO)),
        "matched-seekers" => Some(Decimal::from(actual.metrics.matched)),
        _ => None,
    };
    if let Some(v) = value
        && v != o.value
    {
        push("value", o.value.to_string(), format!("the pairs give {v}"));
    }
    if o.bound < o.value {
        push("bound", o.bound.to_string(), format!("below the value {}", o.value));
    }
    match o.bound.checked_sub(o.value) {
        Some(gap) if gap != o.gap => {
            push("gap", o.gap.to_string(), format!("bound − value is {gap}"));
        }
        _ => {}
    }
    if o.proven != o.gap.is_zero() {
        push("proven", o.proven.to_string(), format!("the gap is {}", o.gap));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Limits, Side, deferred_acceptance};

    #[test]
    fn a_falsified_metric_is_named_with_both_values() {
        // s1 and s2 both rank h1 first; h1 (one seat) prefers s2, so s1 gets
        // its second choice h2: rank profile [1, 1], rank sum 3.
        let instance = Instance::from_json(
            r#"{"seekers":[{"id":"s1","preferences":["h1","h2"]},{"id":"s2","preferences":["h1"]}],
                "hosts":[{"id":"h1","capacity":1,"preferences":["s2","s1"]},
                         {"id":"h2","capacity":1,"preferences":["s1"]}]}"#,
            &Limits::default(),
        )
        .unwrap();
        let mut m = deferred_acceptance(&instance, Side::Seeker, 0);
        assert_eq!(check_figures(&instance, &m).unwrap(), vec![]);
        m.metrics.seeker_rank_sum = 2;
        m.metrics.regret = None;
        let report = check_figures(&instance, &m).unwrap();
        assert_eq!(
            report,
            vec![
                FigureMismatch::Metric {
                    metric: "seeker_rank_sum".to_owned(),
                    stated: MetricValue::Count(2),
                    actual: MetricValue::Count(3),
                },
                FigureMismatch::Metric {
                    metric: "regret".to_owned(),
                    stated: MetricValue::Rank(None),
                    actual: MetricValue::Rank(Some(2)),
                },
            ]
        );
        assert_eq!(report[1].to_string(), "metrics.regret: none stated, the pairs give 2");
    }

    #[test]
    fn a_host_listed_twice_or_unknown_is_named_once() {
        let instance = Instance::from_json(
            r#"{"seekers":[{"id":"s1","preferences":["h1"]}],
                "hosts":[{"id":"h1","capacity":1,"preferences":["s1"]}]}"#,
            &Limits::default(),
        )
        .unwrap();
        let mut m = deferred_acceptance(&instance, Side::Seeker, 0);
        let h1 = m.hosts[0].clone();
        let mut ghost = h1.clone();
        ghost.host = "h9".to_owned();
        m.hosts = vec![h1.clone(), ghost, h1.clone(), h1];
        let report = check_figures(&instance, &m).unwrap();
        let lines: Vec<String> = report.iter().map(ToString::to_string).collect();
        assert_eq!(lines, ["hosts: h1 is listed 3 times", "hosts: h9 is no host of the instance"]);
    }
}
