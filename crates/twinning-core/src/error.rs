use chrono::NaiveDate;

/// Everything that can go wrong when building a `twinning-core` value from
/// outside data.
///
/// Each variant names the offending value, so that a caller can point the
/// person who typed it at the mistake.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A string is not a UUID in any of the accepted spellings.
    #[error("invalid {kind} id {value:?}: {reason}")]
    InvalidId {
        /// Which id type was being parsed (`city`, `project`, ...).
        kind: &'static str,
        /// The rejected text.
        value: String,
        /// What the UUID parser objected to.
        reason: String,
    },
    /// A slug is empty, too long or contains a character outside `[a-z0-9_-]`.
    #[error("invalid slug {value:?}: {reason}")]
    InvalidSlug {
        /// The rejected text.
        value: String,
        /// Why it was rejected.
        reason: &'static str,
    },
    /// A name holds nothing a slug can be made of.
    #[error(
        "no slug can be made of the name {name:?}: it has no letter or digit that folds to a-z or 0-9; give it an id"
    )]
    NoSlug {
        /// The name.
        name: String,
    },
    /// Two different names fold to the same slug.
    #[error(
        "the names {first:?} and {second:?} both give the slug {slug:?}; give one of them an id of its own"
    )]
    SlugCollision {
        /// The slug.
        slug: String,
        /// The name that took it first.
        first: String,
        /// The name that asked for it next.
        second: String,
    },
    /// A country code is not an assigned ISO 3166-1 alpha-2 code (nor `XK`).
    #[error("invalid country code {value:?}: {hint}")]
    InvalidCountryCode {
        /// The rejected text.
        value: String,
        /// A hint for the person who typed it (for example `use GB for the United Kingdom`).
        hint: &'static str,
    },
    /// A date range whose end lies before its start.
    #[error("date range ends on {end} before it starts on {start}")]
    InvertedDateRange {
        /// First day given.
        start: NaiveDate,
        /// Last day given.
        end: NaiveDate,
    },
    /// A month range whose last month lies before its first.
    #[error("month range ends in {end} before it starts in {start}")]
    InvertedMonthRange {
        /// First month given, as `YYYY-MM`.
        start: String,
        /// Last month given, as `YYYY-MM`.
        end: String,
    },
    /// A year-month that is not `YYYY-MM` with a month from 01 to 12 and a year from 1 to 9999.
    #[error("invalid month {value:?}: expected YYYY-MM with a year from 1 to 9999")]
    InvalidYearMonth {
        /// The rejected text.
        value: String,
    },
    /// A cohort number that is not a whole number from 1 to 65535.
    #[error("invalid cohort number {value:?}: cohorts are numbered from 1")]
    InvalidCohortNumber {
        /// The rejected text or number.
        value: String,
    },
    /// A role that is not one of the four the programme knows.
    #[error(
        "unknown role {value:?}: expected twin-city, pilot-city, mission-minded-city or mission-city"
    )]
    UnknownRole {
        /// The rejected text.
        value: String,
    },
    /// A provenance record without a source.
    #[error("provenance has an empty source")]
    EmptySource,
    /// A list of reports with nothing in it.
    #[error("a reported fact needs at least one report")]
    NoReports,
}
