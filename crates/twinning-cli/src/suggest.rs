//! Theme affinity: from what learners want to learn and what peers have
//! tested, propose ranked preference lists, each entry justified by the
//! themes the two cities share.
//!
//! # Overview
//!
//! * A [`Learner`] (a seeker in the matcher's words: in cohort 5 a Mission
//!   city) states learning goals, each tagged with [`Theme`]s.
//! * A [`Peer`] (a host: in cohort 5 a Mission-minded city) offers tested
//!   practices, each tagged with [`Theme`]s.
//! * [`affinity`] compares one learner with one peer: the shared themes, for
//!   each the goals and practices that carry it, and a score.
//! * [`suggest`] ranks, for every learner, the peers with an affinity, and
//!   for every peer the learners; equal scores stay tied (the matcher breaks
//!   ties by its own documented rule, so a suggestion never hides one).
//!
//! # Score
//!
//! Each shared theme counts [`DOMAIN_WEIGHT`] points when it is an emission
//! domain (energy, mobility, …) and [`LEVER_WEIGHT`] when it is a lever of
//! change (governance, finance, …): sharing a sector says more about whether
//! a practice can be transferred than sharing a lever that almost every
//! city names. The score is a whole number kept as a `Decimal`, the type the
//! matcher's welfare objectives use. It is a starting point people can edit,
//! not a verdict: the instance file it writes is meant to be reviewed.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use serde::Serialize;
use twinning_profile::{Theme, ThemeFamily};

/// Points for a shared emission domain.
pub(crate) const DOMAIN_WEIGHT: u32 = 2;
/// Points for a shared lever of change.
pub(crate) const LEVER_WEIGHT: u32 = 1;

/// The scoring rule in words, for reports.
pub(crate) fn scoring_text() -> String {
    format!(
        "a shared emission domain counts {DOMAIN_WEIGHT} points, a shared lever of change \
         {LEVER_WEIGHT}"
    )
}

/// Something a city wants to learn or has tested, with its themes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Item {
    /// A short title, as the profile states it.
    pub(crate) title: String,
    /// The themes it touches.
    pub(crate) themes: BTreeSet<Theme>,
}

/// A city that wants to learn (the seeking side).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Learner {
    /// The id written into the matcher instance.
    pub(crate) id: String,
    /// The name people read.
    pub(crate) name: String,
    /// Its learning goals.
    pub(crate) goals: Vec<Item>,
}

/// A city that offers tested practices (the hosting side).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Peer {
    /// The id written into the matcher instance.
    pub(crate) id: String,
    /// The name people read.
    pub(crate) name: String,
    /// Its tested practices.
    pub(crate) practices: Vec<Item>,
}

/// One theme a learner and a peer share, with what carries it on each side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct SharedTheme {
    /// The theme.
    pub(crate) theme: Theme,
    /// The learner's goals with this theme.
    pub(crate) goals: Vec<String>,
    /// The peer's practices with this theme.
    pub(crate) practices: Vec<String>,
}

/// How well a peer's tested practices answer a learner's goals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Affinity {
    /// The score (see the module docs); zero when nothing is shared.
    pub(crate) score: Decimal,
    /// The shared themes, in the taxonomy's order.
    pub(crate) shared: Vec<SharedTheme>,
}

/// Compares a learner's goals with a peer's practices.
pub(crate) fn affinity(learner: &Learner, peer: &Peer) -> Affinity {
    let goals = by_theme(&learner.goals);
    let practices = by_theme(&peer.practices);
    let mut score = 0u32;
    let mut shared = Vec::new();
    for (theme, goal_titles) in &goals {
        if let Some(practice_titles) = practices.get(theme) {
            score = score.saturating_add(weight(*theme));
            shared.push(SharedTheme {
                theme: *theme,
                goals: goal_titles.clone(),
                practices: practice_titles.clone(),
            });
        }
    }
    Affinity { score: Decimal::from(score), shared }
}

fn weight(theme: Theme) -> u32 {
    match theme.family() {
        ThemeFamily::EmissionDomain => DOMAIN_WEIGHT,
        ThemeFamily::LeverOfChange => LEVER_WEIGHT,
    }
}

/// Titles of the items carrying each theme, themes in taxonomy order.
fn by_theme(items: &[Item]) -> BTreeMap<Theme, Vec<String>> {
    let mut map: BTreeMap<Theme, Vec<String>> = BTreeMap::new();
    for item in items {
        for theme in &item.themes {
            let titles = map.entry(*theme).or_default();
            if !titles.contains(&item.title) {
                titles.push(item.title.clone());
            }
        }
    }
    map
}

/// Options of [`suggest`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Options {
    /// Lowest score that makes a partner acceptable (at least 1).
    pub(crate) min_score: u32,
    /// Longest learner list: cut after this many entries, but never inside a
    /// tie (a tie that straddles the cut is kept whole). `None`: no cut.
    /// Peers' lists are never cut.
    pub(crate) max_len: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options { min_score: 1, max_len: None }
    }
}

/// One entry of a ranked list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Ranked {
    /// The partner's id.
    pub(crate) id: String,
    /// The partner's name.
    pub(crate) name: String,
    /// 1 for the first group; tied entries share a rank.
    pub(crate) rank: usize,
    /// The affinity behind the rank.
    pub(crate) affinity: Affinity,
}

/// The suggested preference lists of both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Suggestions {
    /// For each learner id, its ranked peers (best first).
    pub(crate) learners: BTreeMap<String, Vec<Ranked>>,
    /// For each peer id, its ranked learners (best first).
    pub(crate) peers: BTreeMap<String, Vec<Ranked>>,
}

/// Ranks, for every learner, the peers by affinity, and for every peer the
/// learners by the same affinity.
///
/// Entries with equal scores share a rank and are listed by id, so the
/// output is the same for the same input whatever its order.
pub(crate) fn suggest(learners: &[Learner], peers: &[Peer], options: Options) -> Suggestions {
    let min = Decimal::from(options.min_score.max(1));
    let mut for_learners: BTreeMap<String, Vec<Ranked>> = BTreeMap::new();
    let mut for_peers: BTreeMap<String, Vec<Ranked>> = BTreeMap::new();
    for peer in peers {
        for_peers.entry(peer.id.clone()).or_default();
    }
    for learner in learners {
        let list = for_learners.entry(learner.id.clone()).or_default();
        for peer in peers {
            let a = affinity(learner, peer);
            if a.score < min {
                continue;
            }
            list.push(Ranked {
                id: peer.id.clone(),
                name: peer.name.clone(),
                rank: 0,
                affinity: a.clone(),
            });
            for_peers.entry(peer.id.clone()).or_default().push(Ranked {
                id: learner.id.clone(),
                name: learner.name.clone(),
                rank: 0,
                affinity: a,
            });
        }
    }
    for list in for_learners.values_mut() {
        rank_list(list, options.max_len);
    }
    // A peer's list is never cut: it accepts every learner its practices
    // serve, so that a learner's choice is never blocked by a cut it cannot see.
    for list in for_peers.values_mut() {
        rank_list(list, None);
    }
    Suggestions { learners: for_learners, peers: for_peers }
}

/// Sorts best first (ties by id), numbers the tie groups and applies the cut.
fn rank_list(list: &mut Vec<Ranked>, max_len: Option<usize>) {
    list.sort_by(|a, b| b.affinity.score.cmp(&a.affinity.score).then_with(|| a.id.cmp(&b.id)));
    let mut rank = 0;
    let mut previous: Option<Decimal> = None;
    let mut keep = list.len();
    for (i, entry) in list.iter_mut().enumerate() {
        if previous != Some(entry.affinity.score) {
            if max_len.is_some_and(|max| i >= max) {
                keep = i;
                break;
            }
            rank = i + 1;
            previous = Some(entry.affinity.score);
        }
        entry.rank = rank;
    }
    list.truncate(keep);
}

/// A ranked list in the matcher's instance syntax: ids best first, tied
/// groups as nested arrays (`["h2", ["h1", "h3"]]`).
pub(crate) fn preference_json(list: &[Ranked]) -> serde_json::Value {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(first) = list.get(i) {
        let group: Vec<&Ranked> =
            list.iter().skip(i).take_while(|r| r.rank == first.rank).collect();
        i += group.len().max(1);
        if let [single] = group.as_slice() {
            out.push(serde_json::Value::from(single.id.clone()));
        } else {
            out.push(serde_json::Value::from(
                group.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
            ));
        }
    }
    serde_json::Value::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str, themes: &[Theme]) -> Item {
        Item { title: title.to_owned(), themes: themes.iter().copied().collect() }
    }

    fn learner(id: &str, goals: Vec<Item>) -> Learner {
        Learner { id: id.to_owned(), name: id.to_uppercase(), goals }
    }

    fn peer(id: &str, practices: Vec<Item>) -> Peer {
        Peer { id: id.to_owned(), name: id.to_uppercase(), practices }
    }

    #[test]
    fn affinity_weights_domains_twice_levers_once_and_names_the_carriers() {
        let l = learner(
            "l",
            vec![
                item("safer cycling", &[Theme::Mobility, Theme::CitizenEngagement]),
                item("heat plan", &[Theme::NatureBasedSolutions]),
            ],
        );
        let p = peer(
            "p",
            vec![
                item("e-bike sharing", &[Theme::Mobility]),
                item("school streets", &[Theme::Mobility, Theme::CitizenEngagement]),
            ],
        );
        let a = affinity(&l, &p);
        // mobility (domain, 2) + citizen engagement (lever, 1); heat plan unmatched.
        assert_eq!(a.score, Decimal::from(3));
        assert_eq!(
            a.shared.iter().map(|s| s.theme).collect::<Vec<_>>(),
            vec![Theme::Mobility, Theme::CitizenEngagement]
        );
        assert_eq!(a.shared[0].practices, vec!["e-bike sharing", "school streets"]);
        assert_eq!(a.shared[0].goals, vec!["safer cycling"]);
    }

    #[test]
    fn nothing_shared_scores_zero() {
        let l = learner("l", vec![item("g", &[Theme::Energy])]);
        let p = peer("p", vec![item("x", &[Theme::Mobility])]);
        assert_eq!(affinity(&l, &p), Affinity { score: Decimal::ZERO, shared: vec![] });
    }

    #[test]
    fn lists_rank_best_first_keep_ties_and_drop_zero_scores() {
        let learners = vec![learner("l1", vec![item("g", &[Theme::Energy, Theme::Mobility])])];
        let peers = vec![
            peer("p3", vec![item("a", &[Theme::Energy])]),
            peer("p1", vec![item("b", &[Theme::Mobility])]),
            peer("p2", vec![item("c", &[Theme::Energy, Theme::Mobility])]),
            peer("p0", vec![item("d", &[Theme::Buildings])]),
        ];
        let s = suggest(&learners, &peers, Options::default());
        let list = &s.learners["l1"];
        let ids: Vec<(&str, usize)> = list.iter().map(|r| (r.id.as_str(), r.rank)).collect();
        assert_eq!(ids, vec![("p2", 1), ("p1", 2), ("p3", 2)]);
        assert_eq!(preference_json(list), serde_json::json!(["p2", ["p1", "p3"]]));
        // The peer side sees the same affinity; p0 has an empty list.
        assert_eq!(s.peers["p2"][0].id, "l1");
        assert!(s.peers["p0"].is_empty());
    }

    #[test]
    fn the_cut_never_splits_a_tie_and_input_order_does_not_matter() {
        let learners = vec![learner("l", vec![item("g", &[Theme::Energy, Theme::Mobility])])];
        let mut peers = vec![
            peer("a", vec![item("x", &[Theme::Energy, Theme::Mobility])]),
            peer("b", vec![item("x", &[Theme::Energy])]),
            peer("c", vec![item("x", &[Theme::Mobility])]),
        ];
        let opts = Options { min_score: 1, max_len: Some(2) };
        let s = suggest(&learners, &peers, opts);
        assert_eq!(s.learners["l"].len(), 3, "b and c tie for second place");
        let opts1 = Options { min_score: 1, max_len: Some(1) };
        let cut = suggest(&learners, &peers, opts1);
        assert_eq!(cut.learners["l"].len(), 1);
        // Peers keep every learner they serve, whatever the cut.
        assert_eq!(cut.peers["c"].len(), 1);
        peers.reverse();
        assert_eq!(suggest(&learners, &peers, opts), s);
    }

    #[test]
    fn min_score_filters() {
        let learners =
            vec![learner("l", vec![item("g", &[Theme::Energy, Theme::FinanceAndFunding])])];
        let peers = vec![peer("lever-only", vec![item("x", &[Theme::FinanceAndFunding])])];
        let opts = Options { min_score: 2, max_len: None };
        assert!(suggest(&learners, &peers, opts).learners["l"].is_empty());
    }
}
