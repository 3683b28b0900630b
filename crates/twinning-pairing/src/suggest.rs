//! Suggested preference lists: every learner ranks the peers by affinity,
//! every peer the learners, ties kept.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use twinning_matcher::Preference;

use crate::{Affinity, Learner, Peer, affinity};

/// Options of [`suggest`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Lowest score that makes a partner acceptable (at least 1; 0 counts
    /// as 1, so a pair that shares nothing is never suggested).
    pub min_score: u32,
    /// Longest learner list: cut after this many entries, but never inside a
    /// tie (a tie that straddles the cut is kept whole). `None`: no cut.
    /// Peers' lists are never cut.
    pub max_len: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Options { min_score: 1, max_len: None }
    }
}

/// One entry of a ranked list: a partner, its rank and the affinity that
/// put it there.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Ranked {
    /// The partner's id.
    pub id: String,
    /// The partner's name.
    pub name: String,
    /// 1 for the first group; tied entries share a rank.
    pub rank: usize,
    /// The affinity behind the rank: the score and each shared theme with
    /// the goals and practices that carry it.
    pub affinity: Affinity,
}

/// The suggested preference lists of both sides.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Suggestions {
    /// For each learner id, its ranked peers (best first).
    pub learners: BTreeMap<String, Vec<Ranked>>,
    /// For each peer id, its ranked learners (best first).
    pub peers: BTreeMap<String, Vec<Ranked>>,
}

impl Suggestions {
    /// The ranked peers of a learner (empty for an unknown id).
    #[must_use]
    pub fn of_learner(&self, id: &str) -> &[Ranked] {
        self.learners.get(id).map(Vec::as_slice).unwrap_or_default()
    }

    /// The ranked learners of a peer (empty for an unknown id).
    #[must_use]
    pub fn of_peer(&self, id: &str) -> &[Ranked] {
        self.peers.get(id).map(Vec::as_slice).unwrap_or_default()
    }

    /// The entry for a learner and a peer, if the peer is on its list.
    #[must_use]
    pub fn entry(&self, learner: &str, peer: &str) -> Option<&Ranked> {
        self.of_learner(learner).iter().find(|r| r.id == peer)
    }
}

/// Ranks, for every learner, the peers by affinity, and for every peer the
/// learners by the same affinity.
///
/// Entries with equal scores share a rank and are listed by id, so the
/// output is the same for the same input whatever its order. The matcher
/// breaks ties by its own documented rule, so a suggestion never hides one.
#[must_use]
pub fn suggest(learners: &[Learner], peers: &[Peer], options: Options) -> Suggestions {
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

/// A ranked list as the matcher's preference list: ids best first, each tie
/// group as one [`Preference::Tie`].
#[must_use]
pub fn preferences(list: &[Ranked]) -> Vec<Preference> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(first) = list.get(i) {
        let group: Vec<String> = list
            .iter()
            .skip(i)
            .take_while(|r| r.rank == first.rank)
            .map(|r| r.id.clone())
            .collect();
        i += group.len().max(1);
        out.push(match <[String; 1]>::try_from(group) {
            Ok([single]) => Preference::One(single),
            Err(group) => Preference::Tie(group),
        });
    }
    out
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, reason = "tests")]
mod tests {
    use twinning_profile::Theme;

    use super::*;
    use crate::affinity::tests::{item, learner, peer};

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
        let list = s.of_learner("l1");
        let ids: Vec<(&str, usize)> = list.iter().map(|r| (r.id.as_str(), r.rank)).collect();
        assert_eq!(ids, vec![("p2", 1), ("p1", 2), ("p3", 2)]);
        assert_eq!(
            preferences(list),
            vec![
                Preference::One("p2".to_owned()),
                Preference::Tie(vec!["p1".to_owned(), "p3".to_owned()])
            ]
        );
        // The peer side sees the same affinity; p0 has an empty list.
        assert_eq!(s.of_peer("p2")[0].id, "l1");
        assert!(s.of_peer("p0").is_empty());
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
        assert_eq!(s.of_learner("l").len(), 3, "b and c tie for second place");
        let opts1 = Options { min_score: 1, max_len: Some(1) };
        let cut = suggest(&learners, &peers, opts1);
        assert_eq!(cut.of_learner("l").len(), 1);
        // Peers keep every learner they serve, whatever the cut.
        assert_eq!(cut.of_peer("c").len(), 1);
        peers.reverse();
        assert_eq!(suggest(&learners, &peers, opts), s);
    }

    #[test]
    fn min_score_filters() {
        let learners =
            vec![learner("l", vec![item("g", &[Theme::Energy, Theme::FinanceAndFunding])])];
        let peers = vec![peer("lever-only", vec![item("x", &[Theme::FinanceAndFunding])])];
        let opts = Options { min_score: 2, max_len: None };
        assert!(suggest(&learners, &peers, opts).of_learner("l").is_empty());
    }
}
