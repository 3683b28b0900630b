use twinning_core::DocumentReader;

/// Everything that can go wrong when rule sets or applicants come from
/// outside data.
///
/// An applicant that does not meet a criterion is *not* an error: that is an
/// [`Ineligible`](crate::Verdict::Ineligible) decision. These variants are for
/// documents that cannot be read or do not make sense; each names the
/// offending document, field and value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text is not a rule set, applicant or decision document: too
    /// large, with a byte order mark, of another `schema_version`, or not
    /// JSON of the document's shape (syntax, types, unknown fields or a check
    /// made while reading a field), with the field path, line and column.
    #[error(transparent)]
    Document(#[from] twinning_core::DocumentError),
    /// A rule set is well-formed JSON but does not make sense.
    #[error("invalid rule set {rule_set:?} at {field}: {reason}")]
    InvalidRuleSet {
        /// The rule set's title.
        rule_set: String,
        /// Path of the offending field, for example `criteria[2].closes`.
        field: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A decision read back from JSON contradicts itself.
    #[error("invalid decision for {applicant:?} at {field}: {reason}")]
    InvalidDecision {
        /// The applicant the decision is about.
        applicant: String,
        /// The offending field.
        field: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// An applicant's declaration does not make sense.
    #[error("invalid applicant {applicant:?} at {field}: {reason}")]
    InvalidApplicant {
        /// The applicant's name as given.
        applicant: String,
        /// The offending field.
        field: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// A cell, a row or the header of an applicants table is wrong.
    #[error(
        "applicants table, {place}{}: {message}",
        column.as_deref().map(|c| format!(", column {c:?}")).unwrap_or_default()
    )]
    Table {
        /// Where: `line 7, column "invited"`, `cell C7 (column "invited")`,
        /// `line 1` for the header.
        place: String,
        /// The column when `place` does not name it.
        column: Option<String>,
        /// What is wrong and how to write it.
        message: String,
    },
    /// The file cannot be read as a table at all (encoding, workbook,
    /// quoting), from `twinning-core`'s reader.
    #[error("applicants table: {0}")]
    TableFile(#[from] twinning_core::TableError),
    /// An element of a list of applicants fails its checks.
    #[error("applicant {index} of the list: {source}")]
    InList {
        /// The element's position, from 0.
        index: usize,
        /// Why it failed.
        source: Box<Error>,
    },
    /// A line of a JSON Lines file of applicants is no applicant document.
    #[error("line {line}: {source}")]
    InLine {
        /// The line's number, from 1.
        line: usize,
        /// Why it failed.
        source: Box<Error>,
    },
    /// A value from `twinning-core` (a country code, a slug, a provenance)
    /// was rejected.
    #[error(transparent)]
    Core(#[from] twinning_core::Error),
    /// A data overlay is no overlay document, or its catalogue or country
    /// records are rejected (naming the entry and field), for
    /// [`ProgrammeData`](crate::ProgrammeData).
    #[error(transparent)]
    Overlay(twinning_profile::Error),
    /// A cohort of a data overlay is rejected (naming `cohorts[i]`), or a
    /// cohort number is defined twice, for
    /// [`ProgrammeData`](crate::ProgrammeData).
    #[error(transparent)]
    OverlayCohort(twinning_cohort::Error),
}

/// Reads a document through `reader` (size, byte order mark, version, JSON
/// shape with path, line and column), then through the checks of `T` (their
/// own typed errors).
pub(crate) fn read_checked<R, T>(reader: &DocumentReader, json: &str) -> Result<T, Error>
where
    R: serde::de::DeserializeOwned,
    T: TryFrom<R, Error = Error>,
{
    let raw: R = reader.read(json)?;
    T::try_from(raw)
}
