use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use twinning_core::{ActionId, CohortNumber, DateRange};

/// How serious a [`Problem`] is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The document cannot be submitted until this is fixed.
    Error,
    /// Worth a second look, but does not block submission.
    Warning,
}

/// What kind of thing an unknown reference was meant to name.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Reference {
    /// An action of the action plan.
    Action,
    /// A stakeholder of the engagement plan.
    Stakeholder,
    /// A learning priority of the roadmap.
    LearningPriority,
    /// A practice (of the roadmap, or known to the context).
    Practice,
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Reference::Action => "action",
            Reference::Stakeholder => "stakeholder",
            Reference::LearningPriority => "learning priority",
            Reference::Practice => "practice",
        })
    }
}

/// What is wrong, with the data needed to explain it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case", tag = "kind", deny_unknown_fields)]
#[non_exhaustive]
pub enum ProblemKind {
    /// A date outside the programme period (or, for an action, before it starts).
    OutsideProgramme {
        /// The programme period.
        programme: DateRange,
    },
    /// The document names another cohort than the context.
    WrongCohort {
        /// The context's cohort.
        expected: CohortNumber,
    },
    /// The due date differs from the one the cohort sets.
    DueDateMismatch {
        /// The cohort's due date.
        expected: NaiveDate,
    },
    /// Actions whose dependencies form a cycle.
    DependencyCycle {
        /// The actions on the cycle, in dependency order; the first is repeated at the end.
        actions: Vec<ActionId>,
    },
    /// An amount of money below zero.
    NegativeMoney,
    /// A sum of money that cannot be represented exactly.
    MoneyOverflow,
    /// Transferability weights that do not add up to exactly 1.
    WeightsDoNotSumToOne {
        /// Their sum (absent if even the sum overflowed).
        sum: Option<Decimal>,
    },
    /// A number outside its allowed range.
    OutOfRange {
        /// Smallest allowed value.
        min: Decimal,
        /// Largest allowed value.
        max: Decimal,
    },
    /// A stakeholder to manage closely that no engagement activity involves.
    ManageCloselyWithoutActivity,
    /// A reference to an id the document (or the context) does not define.
    UnknownReference {
        /// What the id should name.
        reference: Reference,
    },
    /// An id used twice where ids must be unique.
    DuplicateId {
        /// Field path of the first use.
        first: String,
    },
    /// A SITEE dimension assessed twice.
    DuplicateDimension,
    /// A SITEE dimension not assessed.
    MissingDimension,
    /// An action that starts on or before the last day of one of its prerequisites.
    StartsBeforePrerequisiteEnds {
        /// The prerequisite.
        prerequisite: ActionId,
        /// Its last day.
        prerequisite_ends: NaiveDate,
    },
    /// A KPI whose target equals its baseline, so it measures no change.
    TargetEqualsBaseline,
    /// A text holds a character that prints differently in each file it
    /// reaches (a control character, a bidirectional control) or prints as
    /// nothing.
    HiddenCharacter {
        /// Which character, where, and what to do.
        description: String,
    },
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::OutsideProgramme { programme } => {
                write!(f, "date outside the programme period {programme}")
            }
            ProblemKind::WrongCohort { expected } => write!(f, "expected cohort {expected}"),
            ProblemKind::DueDateMismatch { expected } => {
                write!(f, "the cohort sets the due date {expected}")
            }
            ProblemKind::DependencyCycle { .. } => f.write_str("dependency cycle"),
            ProblemKind::NegativeMoney => f.write_str("negative amount of money"),
            ProblemKind::MoneyOverflow => f.write_str("sum of money overflows"),
            ProblemKind::WeightsDoNotSumToOne { .. } => {
                f.write_str("dimension weights must sum to exactly 1")
            }
            ProblemKind::OutOfRange { min, max } => write!(f, "must lie between {min} and {max}"),
            ProblemKind::ManageCloselyWithoutActivity => {
                f.write_str("stakeholder to manage closely has no engagement activity")
            }
            ProblemKind::UnknownReference { reference } => write!(f, "unknown {reference}"),
            ProblemKind::DuplicateId { first } => write!(f, "id already used at {first}"),
            ProblemKind::DuplicateDimension => f.write_str("dimension assessed twice"),
            ProblemKind::MissingDimension => f.write_str("dimension not assessed"),
            ProblemKind::StartsBeforePrerequisiteEnds { prerequisite, prerequisite_ends } => {
                write!(
                    f,
                    "starts before its prerequisite {prerequisite} ends on {prerequisite_ends}"
                )
            }
            ProblemKind::TargetEqualsBaseline => f.write_str("target equals baseline"),
            ProblemKind::HiddenCharacter { description } => f.write_str(description),
        }
    }
}

/// One thing wrong with a document: where, what value, and why.
///
/// Paths inside the document's content are relative to that content
/// (`actions[3].budget_eur`); envelope fields use their own names (`cohort`,
/// `due`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Problem {
    /// Field path, such as `actions[3].budget_eur`.
    pub path: String,
    /// The offending value as text.
    pub value: String,
    /// Whether it blocks submission.
    pub severity: Severity,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl Problem {
    pub(crate) fn error(path: String, value: impl ToString, kind: ProblemKind) -> Self {
        Self { path, value: value.to_string(), severity: Severity::Error, kind }
    }

    pub(crate) fn warning(path: String, value: impl ToString, kind: ProblemKind) -> Self {
        Self { path, value: value.to_string(), severity: Severity::Warning, kind }
    }
}

impl fmt::Display for Problem {
    /// `error: actions[3].budget_eur = -5.00: negative amount of money`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{level}: {} = {}: {}", self.path, self.value, self.kind)
    }
}

/// Something a document still lacks before it can be submitted.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Missing {
    /// Field path of what is missing, such as `priorities[0].questions`.
    pub path: String,
    /// What to add, in words.
    pub what: String,
}

impl Missing {
    pub(crate) fn new(path: impl Into<String>, what: impl Into<String>) -> Self {
        Self { path: path.into(), what: what.into() }
    }
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "missing: {}: {}", self.path, self.what)
    }
}

/// Everything [`Document::check`](crate::Document::check) found: every
/// problem and every missing item, all at once.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Problems, in document order.
    pub problems: Vec<Problem>,
    /// Missing items, in document order.
    pub missing: Vec<Missing>,
}

impl Report {
    /// The problems that block submission.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.severity == Severity::Error)
    }

    /// The problems that do not block submission.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.severity == Severity::Warning)
    }

    /// No error-severity problem (warnings and missing items allowed).
    pub fn is_valid(&self) -> bool {
        self.errors().next().is_none()
    }

    /// Valid and complete: the document may be submitted.
    pub fn is_ready(&self) -> bool {
        self.is_valid() && self.missing.is_empty()
    }
}

/// Collects problems with a path prefix.
#[derive(Debug, Default)]
pub(crate) struct Problems(pub(crate) Vec<Problem>);

impl Problems {
    pub(crate) fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    /// Reports `date` at `path` if it lies outside `programme`.
    pub(crate) fn date_in(&mut self, path: String, date: NaiveDate, programme: DateRange) {
        if !programme.contains(date) {
            self.push(Problem::error(path, date, ProblemKind::OutsideProgramme { programme }));
        }
    }

    /// Reports `dates` at `path` if they do not lie inside `programme`.
    pub(crate) fn range_in(&mut self, path: String, dates: DateRange, programme: DateRange) {
        if !programme.encloses(&dates) {
            self.push(Problem::error(path, dates, ProblemKind::OutsideProgramme { programme }));
        }
    }

    /// Reports a negative amount at `path`.
    pub(crate) fn money(&mut self, path: String, amount: Decimal) {
        if amount.is_sign_negative() && !amount.is_zero() {
            self.push(Problem::error(path, amount, ProblemKind::NegativeMoney));
        }
    }
}

/// Reports every id that is used twice, naming the first use.
pub(crate) fn duplicates<T: Ord + fmt::Display>(
    problems: &mut Problems,
    ids: impl IntoIterator<Item = (String, T)>,
) {
    let mut seen = std::collections::BTreeMap::new();
    for (path, id) in ids {
        if let Some(first) = seen.get(&id) {
            let first = String::clone(first);
            problems.push(Problem::error(path, &id, ProblemKind::DuplicateId { first }));
        } else {
            seen.insert(id, path);
        }
    }
}

/// Adds a "missing" item when `text` is blank.
pub(crate) fn need_text(missing: &mut Vec<Missing>, path: String, text: &str, what: &str) {
    if text.trim().is_empty() {
        missing.push(Missing::new(path, what));
    }
}
