//! The way back: from a matching of ids to pairs of cities.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use twinning_matcher::{Instance, Matching};
use twinning_profile::Catalogue;

use crate::{Learner, Peer, SharedTheme, Suggestions};

/// A city as a pairing names it: the id in the matcher instance and the name
/// people read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Named {
    /// The id in the matcher instance.
    pub id: String,
    /// The city's name.
    pub name: String,
}

/// A learner and the peer it is paired with, and what brought them together.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CityPair {
    /// The learning city (the seeker).
    pub learner: Named,
    /// The peer it learns from (the host).
    pub peer: Named,
    /// The peer's tier on the learner's list (1 = first choice).
    pub learner_rank: u32,
    /// The learner's tier on the peer's list (1 = first choice).
    pub peer_rank: u32,
    /// The pair's score in the instance, when it has one.
    pub score: Option<Decimal>,
    /// The themes the two share, with the learner's goals and the peer's
    /// practices that carry each; empty when the pair was not suggested
    /// (a list edited by hand).
    pub shared: Vec<SharedTheme>,
}

/// A matching in cities: who is paired with whom, who is left out, which
/// peers were selected.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CityPairs {
    /// The pairs, in the matching's order.
    pub pairs: Vec<CityPair>,
    /// Learners left without a peer.
    pub unmatched: Vec<Named>,
    /// The peers a budgeted mechanism selected (`None` without a budget).
    pub selected_peers: Option<Vec<Named>>,
}

impl CityPairs {
    /// The learners paired with a peer, in the matching's order.
    pub fn learners_of<'a>(&'a self, peer: &'a str) -> impl Iterator<Item = &'a Named> + 'a {
        self.pairs.iter().filter(move |p| p.peer.id == peer).map(|p| &p.learner)
    }
}

/// Names of the learners and peers of one pairing, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roster {
    names: BTreeMap<String, String>,
}

impl Roster {
    /// The names of these learners and peers.
    #[must_use]
    pub fn new(learners: &[Learner], peers: &[Peer]) -> Self {
        let names = learners
            .iter()
            .map(|l| (l.id.clone(), l.name.clone()))
            .chain(peers.iter().map(|p| (p.id.clone(), p.name.clone())))
            .collect();
        Roster { names }
    }

    /// The names of an instance's agents whose ids are slugs of `catalogue`
    /// (as [`PairingInstance`](crate::PairingInstance) writes them from
    /// catalogue cities); other ids are left out, so they stay as they are.
    #[must_use]
    pub fn of_instance(instance: &Instance, catalogue: &Catalogue) -> Self {
        let seekers = (0..instance.seeker_count()).filter_map(|i| instance.seeker_id(i));
        let hosts = (0..instance.host_count()).filter_map(|j| instance.host_id(j));
        let names = seekers
            .chain(hosts)
            .filter_map(|id| {
                catalogue.city_by_slug(id).map(|c| (id.to_owned(), c.name().to_owned()))
            })
            .collect();
        Roster { names }
    }

    /// The name of an id, or the id itself when the roster does not know it.
    #[must_use]
    pub fn name(&self, id: &str) -> String {
        self.names.get(id).cloned().unwrap_or_else(|| id.to_owned())
    }

    /// Every id with its name, for drawings that label agents by name
    /// (`twinning_matcher::to_dot_named`).
    #[must_use]
    pub fn names(&self) -> &BTreeMap<String, String> {
        &self.names
    }

    /// An id with its name.
    #[must_use]
    pub fn named(&self, id: &str) -> Named {
        Named { id: id.to_owned(), name: self.name(id) }
    }
}

/// The pairs of cities of a matching of ids, each with the themes that
/// brought it together (from the suggestions the instance was built from).
#[must_use]
pub fn city_pairs(matching: &Matching, roster: &Roster, suggestions: &Suggestions) -> CityPairs {
    let pairs = matching
        .pairs
        .iter()
        .map(|p| CityPair {
            learner: roster.named(&p.seeker),
            peer: roster.named(&p.host),
            learner_rank: p.seeker_rank,
            peer_rank: p.host_rank,
            score: p.score,
            shared: suggestions
                .entry(&p.seeker, &p.host)
                .map(|r| r.affinity.shared.clone())
                .unwrap_or_default(),
        })
        .collect();
    CityPairs {
        pairs,
        unmatched: matching.unmatched.iter().map(|id| roster.named(id)).collect(),
        selected_peers: matching
            .selected_hosts
            .as_ref()
            .map(|hosts| hosts.iter().map(|id| roster.named(id)).collect()),
    }
}
