//! Words for the matcher's explanations.
//!
//! The reasons — for every host a seeker ranked above its own, why it is not
//! there, and for an unmatched seeker whether the rural-hospitals theorem
//! rules out every stable matching — come from
//! [`twinning_matcher::explain`]. This module turns them into one sentence
//! per seeker, so that every front end (the command line, a service, a web
//! page) words a matching the same way.

use twinning_matcher::{Explanation, SeekerExplanation, WhyNot};

/// How a report names agents and outcomes.
#[allow(missing_debug_implementations, reason = "holds a closure")]
pub struct Words<'a> {
    /// Display name of an id (a city's name, or the id itself).
    pub name: &'a dyn Fn(&str) -> String,
    /// The seeking side in the plural ("seekers", "Mission Cities").
    pub seekers: &'a str,
    /// The verb phrase of a pair ("matched with", "twinned with").
    pub matched: &'a str,
    /// The word for no host ("unmatched", "not twinned").
    pub unmatched: &'a str,
    /// Whether the instance has ties: the certificate then speaks of
    /// super-stable matchings.
    pub ties: bool,
}

/// Plain ids: how `twinning match` words its report.
fn id(s: &str) -> String {
    s.to_owned()
}

impl Words<'static> {
    /// Agents named by their ids, "seekers", "matched with", "unmatched".
    pub fn ids(ties: bool) -> Self {
        Words {
            name: &id,
            seekers: "seekers",
            matched: "matched with",
            unmatched: "unmatched",
            ties,
        }
    }
}

/// One sentence per seeker, in the explanation's order.
pub fn sentences(explanation: &Explanation, words: &Words<'_>) -> Vec<String> {
    explanation.seekers.iter().map(|e| sentence(e, words)).collect()
}

/// The sentence of one seeker: its outcome, then why not each host it
/// ranked higher, then for an unmatched seeker what the certificate says.
pub fn sentence(e: &SeekerExplanation, words: &Words<'_>) -> String {
    let name = words.name;
    let seeker = name(&e.seeker);
    let head = match &e.host {
        Some(h) => {
            let nth = |r: u32| ordinal(usize::try_from(r).unwrap_or(usize::MAX));
            let ranks = match (e.seeker_rank, e.host_rank) {
                (Some(s), Some(r)) => {
                    format!(" (its {} choice; {} ranks it {})", nth(s), name(h), nth(r))
                }
                (Some(s), None) => format!(" (its {} choice)", nth(s)),
                _ => String::new(),
            };
            format!("{seeker}: {} {}{ranks}", words.matched, name(h))
        }
        None => format!("{seeker}: {}", words.unmatched),
    };
    let reasons: Vec<String> = e
        .better_hosts
        .iter()
        .map(|b| why_not(&name(&b.host), &b.why_not, &seeker, words))
        .collect();
    let mut out = match (reasons.is_empty(), e.host.is_some()) {
        (false, _) => format!("{head}; {}.", reasons.join("; ")),
        (true, true) => format!("{head}; no host it ranks higher."),
        (true, false) => format!("{head}; it lists no host."),
    };
    if let Some(u) = &e.unmatched {
        let stable = if words.ties { "super-stable" } else { "stable" };
        if u.no_stable_matching_matches_it {
            out.push_str(&format!(
                " No {stable} matching gives {seeker} a host: this matching is {stable}, and by \
                 the rural-hospitals theorem every {stable} matching leaves the same {} \
                 unmatched.",
                words.seekers
            ));
        } else {
            out.push_str(
                " These reasons hold for this matching only: the rural-hospitals theorem \
                 needs a stable matching of strict preferences (or a super-stable one) with no \
                 budget and no required pairs, so another matching could place it.",
            );
        }
    }
    out
}

/// Why a seeker is not at `host`, in words.
fn why_not(host: &str, why: &WhyNot, seeker: &str, words: &Words<'_>) -> String {
    // Names, and how many more the explanation counts without naming.
    let list = |ids: &[String], more: usize| {
        let mut names = ids.iter().map(|s| (words.name)(s)).collect::<Vec<_>>().join(", ");
        if more > 0 {
            names.push_str(&format!(" and {more} more"));
        }
        names
    };
    let seekers = words.seekers;
    match why {
        WhyNot::HostFull {
            preferred, preferred_more, equally_ranked, equally_ranked_more, ..
        } => {
            let (preferred, equally_ranked) =
                (list(preferred, *preferred_more), list(equally_ranked, *equally_ranked_more));
            match (preferred.is_empty(), equally_ranked.is_empty()) {
                (false, true) => {
                    format!("{host} is full with {seekers} it ranks higher: {preferred}")
                }
                (true, false) => format!(
                    "{host} is full with {seekers} it ranks the same: {equally_ranked} (the tie \
                     was broken against {seeker})"
                ),
                _ => format!(
                    "{host} is full with {seekers} it ranks higher ({preferred}) or the same \
                     ({equally_ranked}; the tie was broken against {seeker})"
                ),
            }
        }
        WhyNot::NotSelected => format!("{host} was not among the selected hosts"),
        WhyNot::HostClosed => format!("{host} has no seats"),
        WhyNot::HostDoesNotList => format!("{host} does not list {seeker}"),
        WhyNot::Forbidden => format!("the pair with {host} is forbidden"),
        WhyNot::RequiredElsewhere => {
            format!("{seeker} is held at its host by a required pair, so not at {host}")
        }
        WhyNot::HostWouldAccept { free_seat, ranked_lower, ranked_lower_more, .. } => {
            let room = if *free_seat {
                "has a free seat".to_owned()
            } else {
                format!(
                    "holds {seekers} it ranks lower ({})",
                    list(ranked_lower, *ranked_lower_more)
                )
            };
            format!(
                "{host} {room}, so this pair blocks: the mechanism's objective placed {seeker} \
                 elsewhere"
            )
        }
        other => format!("{host}: {}", variant_key(other)),
    }
}

/// `1` → `1st`, `2` → `2nd`, `11` → `11th`, `23` → `23rd`: how the
/// explanations write ranks.
#[must_use]
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, r) if r != 11 => "st",
        (2, r) if r != 12 => "nd",
        (3, r) if r != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The JSON key of a reason this module has no words for yet (the matcher
/// may add reasons).
fn variant_key(why: &WhyNot) -> String {
    match serde_json::to_value(why) {
        Ok(serde_json::Value::String(key)) => key,
        Ok(serde_json::Value::Object(map)) => map
            .get("reason")
            .and_then(|k| k.as_str())
            .map_or_else(|| "another reason".to_owned(), str::to_owned),
        _ => "another reason".to_owned(),
    }
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;
    use twinning_matcher::{Instance, Limits, Matching, Side};

    fn words(ties: bool) -> Words<'static> {
        Words::ids(ties)
    }

    fn instance(json: &str) -> Instance {
        Instance::from_json(json, &Limits::default()).unwrap()
    }

    #[test]
    fn a_full_host_names_the_seekers_it_prefers() {
        // s1 and s2 both want h1 first; h1 (one seat) prefers s2; s1 ends at h2.
        let inst = instance(
            r#"{"seekers":[{"id":"s1","preferences":["h1","h2"]},{"id":"s2","preferences":["h1"]}],
                "hosts":[{"id":"h1","capacity":1,"preferences":["s2","s1"]},
                         {"id":"h2","capacity":1,"preferences":["s1"]}]}"#,
        );
        let m = twinning_matcher::deferred_acceptance(&inst, Side::Seeker, 0);
        let x = twinning_matcher::explain(&inst, &m).unwrap();
        assert_eq!(
            sentences(&x, &words(false)),
            [
                "s1: matched with h2 (its 2nd choice; h2 ranks it 1st); h1 is full with seekers \
                 it ranks higher: s2.",
                "s2: matched with h1 (its 1st choice; h1 ranks it 1st); no host it ranks higher.",
            ]
        );
    }

    #[test]
    fn unselected_hosts_free_seats_and_unlisted_pairs_are_told_apart() {
        // h1 does not list s1; h2 is not selected; h3 is selected and free,
        // yet s1 is left out (a made-up result, as a service might send).
        let inst = instance(
            r#"{"seekers":[{"id":"s1","preferences":["h1","h2","h3"]}],
                "hosts":[{"id":"h1","capacity":1,"preferences":[]},
                         {"id":"h2","capacity":1,"preferences":["s1"]},
                         {"id":"h3","capacity":1,"preferences":["s1"]}],
                "max_hosts":1}"#,
        );
        let mut m: Matching = twinning_matcher::deferred_acceptance(&inst, Side::Seeker, 0);
        m.selected_hosts = Some(vec!["h3".to_owned()]);
        m.pairs.clear();
        m.unmatched = vec!["s1".to_owned()];
        let x = twinning_matcher::explain(&inst, &m).unwrap();
        let s = sentences(&x, &words(false));
        assert_eq!(s.len(), 1);
        assert!(
            s[0].starts_with(
                "s1: unmatched; h1 does not list s1; h2 was not among the selected hosts; h3 \
                 has a free seat, so this pair blocks: the mechanism's objective placed s1 \
                 elsewhere. These reasons hold for this matching only:"
            ),
            "{}",
            s[0]
        );
    }

    #[test]
    fn ties_broken_against_a_seeker_are_named() {
        // h1 ranks s1 and s2 the same and has one seat; deferred acceptance
        // with either tie-break leaves one of them at h2.
        let inst = instance(
            r#"{"seekers":[{"id":"s1","preferences":["h1","h2"]},{"id":"s2","preferences":["h1","h2"]}],
                "hosts":[{"id":"h1","capacity":1,"preferences":[["s1","s2"]]},
                         {"id":"h2","capacity":1,"preferences":["s1","s2"]}]}"#,
        );
        let m = twinning_matcher::deferred_acceptance(&inst, Side::Seeker, 0);
        let loser = if m.host_of("s1") == Some("h1") { "s2" } else { "s1" };
        let winner = if loser == "s1" { "s2" } else { "s1" };
        let x = twinning_matcher::explain(&inst, &m).unwrap();
        let s = sentences(&x, &words(true));
        let line = s.iter().find(|l| l.starts_with(&format!("{loser}:"))).unwrap();
        assert!(
            line.ends_with(&format!(
                "h1 is full with seekers it ranks the same: {winner} (the tie was broken \
                 against {loser})."
            )),
            "{line}"
        );
    }
}
