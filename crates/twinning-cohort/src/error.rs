use std::fmt;

/// One thing wrong with a cohort document, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The field path, such as `registrations[1].closes` or `phases[2].months`.
    pub path: String,
    /// What is wrong there.
    pub message: String,
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Everything that can go wrong when building a cohort from outside data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text is not a cohort document: too large, with a byte order
    /// mark, of another `schema_version`, or not JSON of the cohort shape (a
    /// missing or unknown field, a wrong type, a malformed date), with the
    /// field path, line and column.
    #[error(transparent)]
    Document(#[from] twinning_core::DocumentError),
    /// The document parses but breaks the cohort rules; every problem found is listed.
    #[error("cohort {cohort} is invalid: {}", join(problems))]
    Invalid {
        /// The cohort's number, or `?` when it could not be read.
        cohort: String,
        /// Every problem found, by field path.
        problems: Vec<FieldProblem>,
    },
    /// A text is not a moment (`YYYY-MM`, `YYYY-MM-DD`, RFC 3339 with offset)
    /// or a span of moments.
    #[error(
        "invalid moment {value:?}: expected YYYY-MM, YYYY-MM-DD or an RFC 3339 instant with offset, spans as start/end with end not before start"
    )]
    InvalidMoment {
        /// The rejected text.
        value: String,
    },
    /// A text is not an instant as [`parse_instant`](crate::parse_instant)
    /// reads them.
    #[error("{value:?} is not an instant: {hint}")]
    InvalidInstant {
        /// The rejected text.
        value: String,
        /// How to write it.
        hint: &'static str,
    },
    /// A cohort in a list of cohort documents (a data overlay's `cohorts`)
    /// is wrong: the entry's path and its error.
    #[error("{path}: {source}")]
    InEntry {
        /// The entry (`cohorts[0]`).
        path: String,
        /// What is wrong with it.
        source: Box<Error>,
    },
    /// Two cohort documents of one list have the same number.
    #[error("{path}: cohort {number} is already defined at {first}")]
    DuplicateCohort {
        /// The second entry (`cohorts[1]`).
        path: String,
        /// The repeated number.
        number: twinning_core::CohortNumber,
        /// The first entry with that number.
        first: String,
    },
}

fn join(problems: &[FieldProblem]) -> String {
    let mut out = String::new();
    for (i, p) in problems.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(&p.to_string());
    }
    out
}

impl Error {
    /// The problems of an [`Error::Invalid`], or the single place of a parse
    /// error, as field paths with messages.
    pub fn problems(&self) -> Vec<FieldProblem> {
        match self {
            Error::Invalid { problems, .. } => problems.clone(),
            Error::Document(twinning_core::DocumentError::Json { path, message, .. }) => {
                vec![FieldProblem { path: path.clone(), message: message.clone() }]
            }
            Error::Document(_) | Error::InvalidMoment { .. } | Error::InvalidInstant { .. } => {
                vec![FieldProblem { path: ".".to_owned(), message: self.to_string() }]
            }
            Error::InEntry { path, source } => source
                .problems()
                .into_iter()
                .map(|p| {
                    let inner = if p.path == "." { String::new() } else { format!(".{}", p.path) };
                    FieldProblem { path: format!("{path}{inner}"), message: p.message }
                })
                .collect(),
            Error::DuplicateCohort { path, .. } => {
                vec![FieldProblem { path: path.clone(), message: self.to_string() }]
            }
        }
    }
}
