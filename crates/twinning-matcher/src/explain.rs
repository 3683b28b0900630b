//! Explanations: for every seeker, the ranks of its pair and, for every host
//! it ranked above the one it got, why it did not get that host.
//!
//! For an unmatched seeker of a stable matching the explanation ends with
//! the rural-hospitals argument (Roth, 1986): every stable matching of the
//! same strict preferences matches the same seekers, so when each host the
//! seeker lists is closed, does not list it, or is full of seekers it ranks
//! higher, no stable outcome can match it.

use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::checker::{Stability, check_assignment};
use crate::error::{Error, Side};
use crate::instance::Instance;
use crate::matching::Matching;

/// Why a seeker did not get a host it ranked above its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "reason", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum WhyNot {
    /// The host is full with seekers it ranks at least as high as this one.
    HostFull {
        /// The host's rank of this seeker (1-based).
        host_rank: u32,
        /// Seekers at the host that it ranks strictly higher, best first: at
        /// most [`MAX_NAMED`], those ranked lowest (nearest this seeker).
        preferred: Vec<String>,
        /// Further seekers at the host that it ranks higher, not named.
        #[serde(default, skip_serializing_if = "is_zero")]
        preferred_more: usize,
        /// Seekers at the host that it ranks the same (the tie was broken
        /// against this seeker): at most [`MAX_NAMED`].
        equally_ranked: Vec<String>,
        /// Further seekers ranked the same, not named.
        #[serde(default, skip_serializing_if = "is_zero")]
        equally_ranked_more: usize,
    },
    /// The host was not among the hosts selected under the budget.
    NotSelected,
    /// The host has capacity 0.
    HostClosed,
    /// The host does not list this seeker.
    HostDoesNotList,
    /// The pair is forbidden.
    Forbidden,
    /// The seeker is fixed to its host by a required pair.
    RequiredElsewhere,
    /// The host would take this seeker (free seat, or it holds seekers it
    /// ranks lower): the matching is not stable for this pair, as an
    /// optimising mechanism may choose.
    HostWouldAccept {
        /// The host's rank of this seeker (1-based).
        host_rank: u32,
        /// Whether the host has a free seat.
        free_seat: bool,
        /// Seekers at the host that it ranks lower than this one, best first:
        /// at most [`MAX_NAMED`], those ranked lowest (the first it would let go).
        ranked_lower: Vec<String>,
        /// Further seekers it ranks lower, not named.
        #[serde(default, skip_serializing_if = "is_zero")]
        ranked_lower_more: usize,
    },
}

/// The most seekers a [`WhyNot`] names in one list; the rest are counted.
/// Every seeker may name every host it ranks higher, and each host may
/// hold many seekers: naming them all would make an explanation grow with
/// seekers × hosts × capacity, far beyond its instance.
pub const MAX_NAMED: usize = 5;

#[allow(clippy::trivially_copy_pass_by_ref, reason = "serde's skip_serializing_if signature")]
fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// At most [`MAX_NAMED`] of `ids` (the last ones when `last`), and how many
/// are left out.
fn named(ids: &[usize], last: bool, sid: &impl Fn(usize) -> String) -> (Vec<String>, usize) {
    let more = ids.len().saturating_sub(MAX_NAMED);
    let kept = if last { ids.get(more..) } else { ids.get(..MAX_NAMED.min(ids.len())) };
    (kept.unwrap_or_default().iter().map(|&s| sid(s)).collect(), more)
}

/// One host ranked above the seeker's own, and why the seeker is not there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct BetterHost {
    /// Host id.
    pub host: String,
    /// The seeker's rank of that host (1-based).
    pub seeker_rank: u32,
    /// Why not.
    pub why_not: WhyNot,
}

/// The certificate for a seeker left unmatched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Unmatched {
    /// Whether the rural-hospitals argument applies: the matching is stable
    /// for strict preferences (or super-stable when there are ties), without
    /// required pairs or a budget selection, so no stable matching (with ties:
    /// no super-stable matching) matches this seeker.
    pub no_stable_matching_matches_it: bool,
    /// The argument in words.
    pub argument: String,
}

/// Everything about one seeker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SeekerExplanation {
    /// Seeker id.
    pub seeker: String,
    /// Its host, if any.
    pub host: Option<String>,
    /// The seeker's rank of its host (1-based).
    pub seeker_rank: Option<u32>,
    /// The host's rank of the seeker (1-based).
    pub host_rank: Option<u32>,
    /// Every host the seeker ranked strictly above its own (all of its list
    /// when unmatched), best first, with the reason it is not there.
    pub better_hosts: Vec<BetterHost>,
    /// For an unmatched seeker, the certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unmatched: Option<Unmatched>,
}

/// Explanations for every seeker of a matching, in seeker order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Explanation {
    /// One entry per seeker (the first ones only when [`Explanation::cut`]
    /// says the explanation stopped early).
    pub seekers: Vec<SeekerExplanation>,
    /// Set when the explanation stopped at its deadline
    /// ([`explain_until`]) before every seeker was explained; absent when
    /// it is complete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cut: Option<ExplanationCut>,
}

/// Where an explanation stopped at its deadline: the first `explained`
/// seekers (in seeker order) are explained, the others are not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ExplanationCut {
    /// Seekers explained: the first ones of the instance.
    pub explained: usize,
    /// Seekers of the instance.
    pub seekers: usize,
}

/// Explains a matching of `instance`: every seeker (see [`explain_until`]
/// for an explanation that stops at a deadline).
///
/// # Errors
///
/// [`Error::MatchingMismatch`] when the matching names an unknown seeker or
/// host, or a seeker twice.
pub fn explain(instance: &Instance, matching: &Matching) -> Result<Explanation, Error> {
    explain_until(instance, matching, None)
}

/// Explains a matching of `instance` seeker by seeker until `deadline`
/// (`None`: to the end), so that a caller bound by a time limit (a command
/// line, a server request) can explain a large matching in the time left.
/// Seekers are explained in order; when the deadline passes first, the
/// explanation holds the first ones and [`Explanation::cut`] says how many.
/// A deadline already past when the call starts explains nobody, and
/// skips the stability check that the explanation of unmatched seekers
/// needs; the clock is read before each seeker (far less work than
/// explaining one).
///
/// ```
/// use std::time::Instant;
/// use twinning_matcher::{Instance, Limits, Side, deferred_acceptance, explain_until};
///
/// let instance = Instance::from_json(
///     r#"{"seekers":[{"id":"a","preferences":["x"]},{"id":"b","preferences":["x"]}],
///         "hosts":[{"id":"x","capacity":1,"preferences":["a","b"]}]}"#,
///     &Limits::default(),
/// )?;
/// let matching = deferred_acceptance(&instance, Side::Seeker, 0);
/// // No deadline: every seeker.
/// assert_eq!(explain_until(&instance, &matching, None)?.seekers.len(), 2);
/// assert!(explain_until(&instance, &matching, None)?.cut.is_none());
/// // A deadline already past: nobody, and the cut says so.
/// let why = explain_until(&instance, &matching, Some(Instant::now()))?;
/// let cut = why.cut.ok_or("complete")?;
/// assert_eq!((why.seekers.len(), cut.explained, cut.seekers), (0, 0, 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// As [`explain`].
pub fn explain_until(
    instance: &Instance,
    matching: &Matching,
    deadline: Option<Instant>,
) -> Result<Explanation, Error> {
    let assignment = matching.assignment(instance)?;
    let n_s = instance.seeker_count();
    if deadline.is_some_and(|d| Instant::now() >= d) {
        let cut = Some(ExplanationCut { explained: 0, seekers: n_s });
        return Ok(Explanation { seekers: Vec::new(), cut });
    }
    let n_h = instance.host_count();
    let selected: Option<Vec<bool>> = matching.selected_hosts.as_ref().map(|list| {
        let mut sel = vec![false; n_h];
        for h in list {
            if let Some(x) = instance.host_index(h).and_then(|j| sel.get_mut(j)) {
                *x = true;
            }
        }
        sel
    });
    let host_of = |i: usize| assignment.get(i).copied().flatten().map(|j| j as usize);
    // Each host's seekers with its rank of them, best first, sorted once.
    let mut at_host: Vec<Vec<(u32, usize)>> = vec![Vec::new(); n_h];
    for i in 0..n_s {
        if let Some(j) = host_of(i)
            && let Some(list) = at_host.get_mut(j)
        {
            list.push((instance.host_rank(j, i).unwrap_or(u32::MAX), i));
        }
    }
    for list in &mut at_host {
        list.sort_unstable();
    }
    let required_seeker: Vec<bool> = {
        let mut v = vec![false; n_s];
        for &(i, j) in instance.required_pairs() {
            if host_of(i as usize) == Some(j as usize)
                && let Some(x) = v.get_mut(i as usize)
            {
                *x = true;
            }
        }
        v
    };
    let as_assignment: Vec<Option<usize>> = (0..n_s).map(host_of).collect();
    let report = check_assignment(instance, &as_assignment, selected.as_deref());
    let stable_everywhere = report.is_stable(Stability::Weak)
        && (!instance.has_ties() || report.is_stable(Stability::Super))
        && instance.required_pairs().is_empty()
        && selected.is_none();
    let sid = |i: usize| instance.seeker_id(i).unwrap_or_default().to_owned();
    let raw = instance.raw_rows(Side::Seeker);
    let mut seekers = Vec::with_capacity(n_s);
    let mut cut = None;
    for i in 0..n_s {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            cut = Some(ExplanationCut { explained: i, seekers: n_s });
            break;
        }
        let current = host_of(i);
        let own_rank = current.and_then(|j| instance.seeker_rank(i, j));
        let mut better_hosts = Vec::new();
        let row = raw.row(i);
        let listed = raw.partner.get(row.clone()).unwrap_or(&[]);
        for (&j, r) in listed.iter().zip(raw.rank_row(row)) {
            let j = j as usize;
            if own_rank.is_some_and(|own| r >= own) || Some(j) == current {
                continue;
            }
            let host_rank = instance.host_rank(j, i);
            let why_not = if required_seeker.get(i).copied().unwrap_or(false) {
                WhyNot::RequiredElsewhere
            } else if instance.is_forbidden(i, j) {
                WhyNot::Forbidden
            } else if host_rank.is_none() {
                WhyNot::HostDoesNotList
            } else if instance.capacity(j) == 0 {
                WhyNot::HostClosed
            } else if selected.as_ref().is_some_and(|s| !s.get(j).copied().unwrap_or(false)) {
                WhyNot::NotSelected
            } else {
                let hr = host_rank.unwrap_or(0);
                let holders: &[(u32, usize)] = at_host.get(j).map_or(&[], Vec::as_slice);
                let free_seat = holders.len() < instance.capacity(j) as usize;
                let above = holders.partition_point(|&(x, _)| x < hr);
                let through = holders.partition_point(|&(x, _)| x <= hr);
                let lower: Vec<usize> = holders
                    .get(through..)
                    .unwrap_or_default()
                    .iter()
                    .filter(|&&(_, s)| !required_seeker.get(s).copied().unwrap_or(false))
                    .map(|&(_, s)| s)
                    .collect();
                let ids = |range: std::ops::Range<usize>| -> Vec<usize> {
                    holders.get(range).unwrap_or_default().iter().map(|&(_, s)| s).collect()
                };
                if free_seat || !lower.is_empty() {
                    let (ranked_lower, ranked_lower_more) = named(&lower, true, &sid);
                    WhyNot::HostWouldAccept {
                        host_rank: hr + 1,
                        free_seat,
                        ranked_lower,
                        ranked_lower_more,
                    }
                } else {
                    let (preferred, preferred_more) = named(&ids(0..above), true, &sid);
                    let (equally_ranked, equally_ranked_more) =
                        named(&ids(above..through), false, &sid);
                    WhyNot::HostFull {
                        host_rank: hr + 1,
                        preferred,
                        preferred_more,
                        equally_ranked,
                        equally_ranked_more,
                    }
                }
            };
            better_hosts.push(BetterHost {
                host: instance.host_id(j).unwrap_or_default().to_owned(),
                seeker_rank: r + 1,
                why_not,
            });
        }
        let unmatched = current.is_none().then(|| {
            let argument = if stable_everywhere && instance.has_ties() {
                "the matching is super-stable: every host this seeker lists is closed, does not \
                 list it, or is full of seekers it ranks at least as high (listed above); by the \
                 rural-hospitals theorem for super-stability every super-stable matching matches \
                 the same seekers, so none matches this one"
                    .to_owned()
            } else if stable_everywhere {
                "the matching is stable: every host this seeker lists is closed, does not list it, \
                 or is full of seekers it ranks higher (listed above); by the rural-hospitals \
                 theorem every stable matching matches the same seekers, so none matches this one"
                    .to_owned()
            } else {
                "the reasons above hold for this matching only: it is not a stable matching of \
                 strict preferences (or it has ties, required pairs or a budget selection), so \
                 the rural-hospitals theorem does not extend them to every stable matching"
                    .to_owned()
            };
            Unmatched { no_stable_matching_matches_it: stable_everywhere, argument }
        });
        seekers.push(SeekerExplanation {
            seeker: sid(i),
            host: current.and_then(|j| instance.host_id(j)).map(str::to_owned),
            seeker_rank: own_rank.map(|r| r + 1),
            host_rank: current.and_then(|j| instance.host_rank(j, i)).map(|r| r + 1),
            better_hosts,
            unmatched,
        });
    }
    Ok(Explanation { seekers, cut })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic, reason = "tests")]
mod tests {
    use super::*;
    use crate::{Limits, Side, deferred_acceptance};

    #[test]
    fn a_full_host_names_the_nearest_few_and_counts_the_rest() {
        // Host h has 20 seats and ranks s0 … s20 in that order; every seeker
        // wants only h, so s20 is left out behind 20 seekers ranked higher.
        let seekers: Vec<String> =
            (0..21).map(|i| format!(r#"{{"id":"s{i}","preferences":["h"]}}"#)).collect();
        let ranking: Vec<String> = (0..21).map(|i| format!("\"s{i}\"")).collect();
        let text = format!(
            r#"{{"seekers":[{}],"hosts":[{{"id":"h","capacity":20,"preferences":[{}]}}]}}"#,
            seekers.join(","),
            ranking.join(",")
        );
        let instance = Instance::from_json(&text, &Limits::default()).unwrap();
        let m = deferred_acceptance(&instance, Side::Seeker, 0);
        let e = explain(&instance, &m).unwrap();
        let last = e.seekers.last().unwrap();
        let WhyNot::HostFull { preferred, preferred_more, .. } = &last.better_hosts[0].why_not
        else {
            panic!("{last:?}")
        };
        // The five ranked just above s20, best first, and the 15 others counted.
        assert_eq!(preferred, &["s15", "s16", "s17", "s18", "s19"]);
        assert_eq!(*preferred_more, 15);
    }

    /// 2,000 seekers who each list 10 of 50 hosts of 8 seats.
    fn crowded() -> Instance {
        let seekers: Vec<String> = (0..2_000)
            .map(|i| {
                let prefs: Vec<String> =
                    (0..10).map(|k| format!("\"h{}\"", (i * 7 + k * 13) % 50)).collect();
                format!(r#"{{"id":"s{i}","preferences":[{}]}}"#, prefs.join(","))
            })
            .collect();
        let ranking: Vec<String> =
            (0..2_000).map(|i| format!("\"s{}\"", (i * 37) % 2_000)).collect();
        let hosts: Vec<String> = (0..50)
            .map(|j| {
                format!(r#"{{"id":"h{j}","capacity":8,"preferences":[{}]}}"#, ranking.join(","))
            })
            .collect();
        let text =
            format!(r#"{{"seekers":[{}],"hosts":[{}]}}"#, seekers.join(","), hosts.join(","));
        Instance::from_json(&text, &Limits::default()).unwrap()
    }

    #[test]
    fn an_explanation_cut_at_its_deadline_is_the_start_of_the_whole_one() {
        let instance = crowded();
        let m = deferred_acceptance(&instance, Side::Seeker, 0);
        let whole = explain(&instance, &m).unwrap();
        assert_eq!((whole.seekers.len(), whole.cut), (2_000, None));
        assert_eq!(explain_until(&instance, &m, None).unwrap(), whole);
        let far = Instant::now() + std::time::Duration::from_secs(3_600);
        assert_eq!(explain_until(&instance, &m, Some(far)).unwrap(), whole);
        // A deadline already past explains nobody and says so.
        let none = explain_until(&instance, &m, Some(Instant::now())).unwrap();
        assert!(none.seekers.is_empty());
        assert_eq!(none.cut, Some(ExplanationCut { explained: 0, seekers: 2_000 }));
        // Deadlines that may pass at any seeker: whatever was explained is
        // the whole explanation's start, and the cut counts it.
        for micros in [1, 50, 200, 1_000, 5_000] {
            let until = Instant::now() + std::time::Duration::from_micros(micros);
            let part = explain_until(&instance, &m, Some(until)).unwrap();
            assert_eq!(part.seekers[..], whole.seekers[..part.seekers.len()], "{micros} µs");
            match part.cut {
                Some(cut) => {
                    assert_eq!((cut.explained, cut.seekers), (part.seekers.len(), 2_000));
                    assert!(cut.explained < 2_000);
                }
                None => assert_eq!(part.seekers.len(), 2_000),
            }
        }
    }

    #[test]
    fn a_cut_explanation_reads_back_and_a_whole_one_has_no_cut_field() {
        let instance = crowded();
        let m = deferred_acceptance(&instance, Side::Seeker, 0);
        let whole = serde_json::to_value(explain(&instance, &m).unwrap()).unwrap();
        assert!(whole.get("cut").is_none(), "a complete explanation has no cut field");
        let cut = explain_until(&instance, &m, Some(Instant::now())).unwrap();
        let text = serde_json::to_string(&cut).unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap()["cut"],
            serde_json::json!({"explained": 0, "seekers": 2_000})
        );
        assert_eq!(serde_json::from_str::<Explanation>(&text).unwrap(), cut);
    }
}

/// What `twinning match --format json` prints: the result document and
/// the matcher's explanation of it. `match verify` reads this or a bare
/// result document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MatchReport {
    /// The result document (the `result` schema).
    pub result: Matching,
    /// For every seeker, why it did not get each host it ranked higher, and
    /// for an unmatched seeker whether any stable matching could place it.
    pub explanation: Explanation,
}
