//! The pairing crate's error.

/// What went wrong reading learning interests or running a pairing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A cell, row or the header of an interests table is wrong.
    #[error(
        "interests table, line {line}{}: {message}",
        column.map(|c| format!(", column {c}")).unwrap_or_default()
    )]
    Interests {
        /// The line in the file (1 is the header).
        line: u64,
        /// The column (`city`, `country`, `side`, `title`, `themes`);
        /// `None` for the header or a whole row.
        column: Option<&'static str>,
        /// What is wrong and how to write it.
        message: String,
    },
    /// A registration-survey table read for its interests is refused by
    /// `twinning-profile` (naming the line or cell, and the column).
    #[error(transparent)]
    SurveyTable(twinning_profile::Error),
    /// A text is larger than its limit.
    #[error("the {what} is too large: {bytes} bytes, the limit is {limit}")]
    TooLarge {
        /// What was read.
        what: &'static str,
        /// Its size in bytes.
        bytes: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// A named city is not where it must be.
    #[error("{name:?} is not {expected}")]
    UnknownCity {
        /// The name.
        name: String,
        /// What it had to be.
        expected: &'static str,
    },
    /// A plan has no learner to rank the candidates.
    #[error("no learner: a pairing needs cities with learning goals")]
    NoLearner,
    /// A candidate's record does not make an eligibility applicant.
    #[error("candidate {city:?}: {source}")]
    Applicant {
        /// The candidate's name.
        city: String,
        /// The eligibility crate's error.
        source: twinning_eligibility::Error,
    },
    /// The built-in data lacks something a built-in plan needs.
    #[error("the built-in data has no {what}")]
    Builtin {
        /// What is missing.
        what: &'static str,
    },
    /// The matcher refused the instance built from the suggestions.
    #[error("the suggested instance is refused by the matcher: {0}")]
    Instance(#[source] twinning_matcher::Error),
    /// A mechanism, the checker or the explanation refused its input.
    #[error("matching: {0}")]
    Matching(#[source] twinning_matcher::Error),
    /// A learner's own ranking of hosts cannot be used.
    #[error("the preferences of {seeker:?}: {message}")]
    Stated {
        /// The learner (the instance's seeker id).
        seeker: String,
        /// What is wrong and how to fix it.
        message: String,
    },
}
