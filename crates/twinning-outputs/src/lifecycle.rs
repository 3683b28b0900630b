use chrono::{DateTime, FixedOffset};
use twinning_core::OutputId;

use crate::Error;

twinning_core::keyed_enum! {
    /// Where a document stands in its review.
    #[derive(
        Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize,
        serde::Deserialize,
    )]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum Status {
        /// Being written.
        Draft = "draft",
        /// Handed in, awaiting review.
        Submitted = "submitted",
        /// Accepted by the programme; final.
        Accepted = "accepted",
        /// Sent back for changes; it is submitted again when revised.
        RevisionRequested = "revision-requested",
    }
}

impl Status {
    /// Whether a document in this status may move to `to`.
    ///
    /// The legal moves are draft → submitted, submitted → accepted,
    /// submitted → revision requested and revision requested → submitted.
    /// Accepted is final.
    pub fn can_become(self, to: Status) -> bool {
        matches!(
            (self, to),
            (Status::Draft, Status::Submitted)
                | (Status::Submitted, Status::Accepted)
                | (Status::Submitted, Status::RevisionRequested)
                | (Status::RevisionRequested, Status::Submitted)
        )
    }
}

/// One entry of a lifecycle history: the status a document entered, when,
/// and an optional note (such as the reviewer's request).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    /// The status entered.
    pub status: Status,
    /// When, with the offset it was recorded in.
    pub at: DateTime<FixedOffset>,
    /// Free text, such as what a revision request asks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A document's status history: it starts as a draft and every later entry
/// is a legal move made no earlier than the one before it.
///
/// Deserialization checks the same rules, so a history read from a file is as
/// trustworthy as one built with [`Lifecycle::transition`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "RawLifecycle", into = "RawLifecycle")]
pub struct Lifecycle {
    history: Vec<StatusChange>,
}

/// The serialized shape of a [`Lifecycle`].
#[derive(Clone, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RawLifecycle {
    history: Vec<StatusChange>,
}

impl From<Lifecycle> for RawLifecycle {
    fn from(lifecycle: Lifecycle) -> Self {
        Self { history: lifecycle.history }
    }
}

impl TryFrom<RawLifecycle> for Lifecycle {
    type Error = Error;

    fn try_from(raw: RawLifecycle) -> Result<Self, Self::Error> {
        let mut entries = raw.history.into_iter();
        let first = entries.next();
        let mut lifecycle = match first {
            Some(first) if first.status == Status::Draft => Lifecycle { history: vec![first] },
            other => {
                return Err(Error::HistoryNotStartingWithDraft {
                    found: other.map_or_else(|| "nothing".to_owned(), |c| c.status.to_string()),
                });
            }
        };
        for change in entries {
            lifecycle.push(None, change)?;
        }
        Ok(lifecycle)
    }
}

impl Lifecycle {
    /// A new draft, created at `created`.
    pub fn new(created: DateTime<FixedOffset>) -> Self {
        Self { history: vec![StatusChange { status: Status::Draft, at: created, note: None }] }
    }

    /// The current status.
    pub fn status(&self) -> Status {
        self.history.last().map_or(Status::Draft, |c| c.status)
    }

    /// When the document was created.
    pub fn created(&self) -> Option<DateTime<FixedOffset>> {
        self.history.first().map(|c| c.at)
    }

    /// When the status last changed (the creation time for a fresh draft).
    pub fn updated(&self) -> Option<DateTime<FixedOffset>> {
        self.history.last().map(|c| c.at)
    }

    /// Every change, oldest first; the first is always the draft.
    pub fn history(&self) -> &[StatusChange] {
        &self.history
    }

    /// Moves to `to` at `at`.
    ///
    /// # Errors
    ///
    /// [`Error::IllegalTransition`] when [`Status::can_become`] forbids the
    /// move; [`Error::TimestampBeforePrevious`] when `at` is earlier than the
    /// last change. `id` only labels the error.
    pub fn transition(
        &mut self,
        id: OutputId,
        to: Status,
        at: DateTime<FixedOffset>,
        note: Option<String>,
    ) -> Result<(), Error> {
        self.push(Some(id), StatusChange { status: to, at, note })
    }

    /// Appends a change; `id` is `None` while a stored history is being read.
    fn push(&mut self, id: Option<OutputId>, change: StatusChange) -> Result<(), Error> {
        let from = self.status();
        if !from.can_become(change.status) {
            return Err(match id {
                Some(id) => Error::IllegalTransition { id, from, to: change.status },
                None => Error::IllegalHistory { from, to: change.status },
            });
        }
        if let Some(previous) = self.updated()
            && change.at < previous
        {
            return Err(Error::TimestampBeforePrevious {
                to: change.status,
                at: change.at,
                previous,
            });
        }
        self.history.push(change);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn only_the_four_moves_are_legal() {
        let legal: Vec<(Status, Status)> =
            [Status::Draft, Status::Submitted, Status::Accepted, Status::RevisionRequested]
                .into_iter()
                .flat_map(|a| {
                    [Status::Draft, Status::Submitted, Status::Accepted, Status::RevisionRequested]
                        .into_iter()
                        .map(move |b| (a, b))
                })
                .filter(|(a, b)| a.can_become(*b))
                .collect();
        assert_eq!(legal.len(), 4);
        assert!(!Status::Accepted.can_become(Status::RevisionRequested));
    }

    #[test]
    fn history_must_be_in_time_order() {
        let nil = OutputId::from_uuid(twinning_core::Uuid::nil());
        let mut l = Lifecycle::new(at("2026-10-01T09:00:00+02:00"));
        let err = l.transition(nil, Status::Submitted, at("2026-10-01T08:00:00+02:00"), None);
        assert!(matches!(err, Err(Error::TimestampBeforePrevious { .. })));
        // The same instant written in another offset is not earlier.
        l.transition(nil, Status::Submitted, at("2026-10-01T07:00:00+00:00"), None).unwrap();
        assert_eq!(l.status(), Status::Submitted);
    }

    #[test]
    fn a_history_must_start_as_a_draft() {
        let raw = RawLifecycle {
            history: vec![StatusChange {
                status: Status::Accepted,
                at: at("2026-10-01T09:00:00+02:00"),
                note: None,
            }],
        };
        assert!(Lifecycle::try_from(raw).is_err());
        assert!(Lifecycle::try_from(RawLifecycle { history: vec![] }).is_err());
    }

    #[test]
    fn a_stored_history_with_an_illegal_move_is_refused() {
        let change = |status, t| StatusChange { status, at: at(t), note: None };
        let raw = RawLifecycle {
            history: vec![
                change(Status::Draft, "2026-10-01T09:00:00+02:00"),
                change(Status::Accepted, "2026-10-02T09:00:00+02:00"),
            ],
        };
        assert_eq!(
            Lifecycle::try_from(raw).unwrap_err().to_string(),
            "lifecycle history goes from draft to accepted, which is not a legal move"
        );
    }
}
