use chrono::{DateTime, FixedOffset};
use twinning_core::{ActionId, OutputId};

use crate::Status;

/// Everything that can go wrong when a learning-output document is decoded,
/// moved through its lifecycle or analysed from input that does not allow it.
///
/// Problems *inside* a well-formed document (a date outside the programme, a
/// cycle of dependencies, weights that do not add up) are not errors: they are
/// [`Problem`](crate::Problem) values that [`Document::check`](crate::Document::check)
/// lists all at once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A workbook cannot be written, or a filled one cannot be read back:
    /// the sheet, and the cell where there is one.
    #[error("sheet {sheet:?}: {message}")]
    Sheet {
        /// The sheet (`Funding`).
        sheet: String,
        /// What is wrong, starting with the cell (`Funding!A3: …`) where
        /// there is one.
        message: String,
    },
    /// The text is not an output document: larger than
    /// [`MAX_DOCUMENT_BYTES`](crate::MAX_DOCUMENT_BYTES), with a byte order
    /// mark, without or with another `schema_version`, or not JSON of the
    /// document's shape, with the field path, line and column.
    #[error(transparent)]
    Document(#[from] twinning_core::DocumentError),
    /// A lifecycle change that the lifecycle does not allow, such as accepting a draft.
    #[error("output {id}: cannot go from {from} to {to}")]
    IllegalTransition {
        /// The document.
        id: OutputId,
        /// The current status.
        from: Status,
        /// The status asked for.
        to: Status,
    },
    /// A stored lifecycle history with a move the lifecycle does not allow.
    #[error("lifecycle history goes from {from} to {to}, which is not a legal move")]
    IllegalHistory {
        /// The status before the move.
        from: Status,
        /// The status after it.
        to: Status,
    },
    /// A lifecycle history that does not start with a draft, or is empty.
    #[error("lifecycle history must start with a draft entry, found {found}")]
    HistoryNotStartingWithDraft {
        /// What the first entry is (`nothing` for an empty history).
        found: String,
    },
    /// A lifecycle change dated before the change it follows.
    #[error("lifecycle change to {to} at {at} is earlier than the previous change at {previous}")]
    TimestampBeforePrevious {
        /// The status asked for.
        to: Status,
        /// When the change was said to happen.
        at: DateTime<FixedOffset>,
        /// When the previous change happened.
        previous: DateTime<FixedOffset>,
    },
    /// A document submitted while it still has errors or missing parts.
    #[error(
        "output {id} is not ready for submission: {errors} error(s), {missing} missing item(s)"
    )]
    NotReady {
        /// The document.
        id: OutputId,
        /// How many error-severity problems it has.
        errors: usize,
        /// How many completeness items are still missing.
        missing: usize,
    },
    /// The dependencies of an action plan form a cycle, so it has no schedule.
    #[error("action dependencies form a cycle: {}", join_ids(.actions))]
    DependencyCycle {
        /// The actions on the cycle, in dependency order; the first is repeated at the end.
        actions: Vec<ActionId>,
    },
    /// Two actions share an id.
    #[error("action id {id} is used by actions[{first}] and actions[{second}]")]
    DuplicateAction {
        /// The shared id.
        id: ActionId,
        /// Index of the first action with it.
        first: usize,
        /// Index of the second action with it.
        second: usize,
    },
    /// An action depends on an id that is not an action of the plan.
    #[error("{path}: unknown action {id}")]
    UnknownAction {
        /// Field path of the reference, such as `actions[2].depends_on[0]`.
        path: String,
        /// The unknown id.
        id: ActionId,
    },
    /// A sum of money cannot be represented exactly.
    #[error("{path}: sum of money overflows")]
    MoneyOverflow {
        /// Field path of the amount whose addition overflowed.
        path: String,
    },
}

fn join_ids(ids: &[ActionId]) -> String {
    ids.iter().map(ToString::to_string).collect::<Vec<_>>().join(" -> ")
}
