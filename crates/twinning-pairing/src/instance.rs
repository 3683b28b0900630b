//! From suggestions to a matcher instance, typed all the way.

use twinning_matcher::{
    HostSpec, INSTANCE_VERSION, Instance, InstanceSpec, Limits, ScoreSpec, SeekerSpec,
};

use crate::{Error, Learner, Peer, Suggestions, preferences};

/// Seats and budget of a pairing instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seats {
    /// How many learners each peer takes at most.
    pub per_host: u32,
    /// At most this many peers are selected; `None`: no budget.
    pub max_hosts: Option<u32>,
}

/// A matcher instance built from suggestions: the document (to write, edit
/// and read back) and the validated instance the mechanisms run on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairingInstance {
    spec: InstanceSpec,
    instance: Instance,
}

impl PairingInstance {
    /// The instance of a set of suggestions: every learner a seeker with its
    /// ranked peers (ties as ties), every peer a host with its ranked
    /// learners and `seats.per_host` seats, one score per acceptable pair
    /// (the affinity) and the budget.
    ///
    /// Learners and peers keep their order, so the same input gives the same
    /// document byte for byte.
    ///
    /// # Errors
    ///
    /// [`Error::Instance`] when the matcher refuses the instance: two
    /// learners or two peers with one id, an empty id, or an instance past
    /// [`Limits::default`].
    pub fn new(
        learners: &[Learner],
        peers: &[Peer],
        suggestions: &Suggestions,
        seats: Seats,
    ) -> Result<Self, Error> {
        let seekers = learners
            .iter()
            .map(|l| SeekerSpec {
                id: l.id.clone(),
                preferences: preferences(suggestions.of_learner(&l.id)),
            })
            .collect();
        let hosts = peers
            .iter()
            .map(|p| HostSpec {
                id: p.id.clone(),
                capacity: i64::from(seats.per_host),
                preferences: preferences(suggestions.of_peer(&p.id)),
            })
            .collect();
        let scores = learners
            .iter()
            .flat_map(|l| {
                suggestions.of_learner(&l.id).iter().map(|r| ScoreSpec {
                    seeker: l.id.clone(),
                    host: r.id.clone(),
                    score: r.affinity.score,
                })
            })
            .collect();
        let spec = InstanceSpec {
            version: INSTANCE_VERSION,
            seekers,
            hosts,
            scores,
            forbidden: Vec::new(),
            required: Vec::new(),
            max_hosts: seats.max_hosts,
        };
        let instance = Instance::new(&spec, &Limits::default()).map_err(Error::Instance)?;
        Ok(PairingInstance { spec, instance })
    }

    /// The instance document.
    #[must_use]
    pub fn spec(&self) -> &InstanceSpec {
        &self.spec
    }

    /// The validated instance.
    #[must_use]
    pub fn instance(&self) -> &Instance {
        &self.instance
    }

    /// The instance document as pretty JSON with a final newline, the text
    /// `twinning match` and [`Instance::from_json`] read.
    #[must_use]
    pub fn to_json(&self) -> String {
        // An `InstanceSpec` holds strings, integers and decimals only: it
        // always serializes.
        let text = serde_json::to_string_pretty(&self.spec).unwrap_or_default();
        format!("{text}\n")
    }
}
