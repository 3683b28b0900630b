/// Everything that can go wrong when loading or building profiles.
///
/// Every variant names what was wrong and where: a field path such as
/// `cities[2].country` for JSON documents and validated values, a line and a
/// column name for CSV rows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A theme key that is not one of [`Theme::ALL`](crate::Theme::ALL).
    #[error(
        "unknown theme {value:?}: expected one of energy, mobility, buildings, waste-and-circular-economy, nature-based-solutions, governance-and-policy, finance-and-funding, citizen-engagement, data-and-digital, capacity-and-learning, technology"
    )]
    UnknownTheme {
        /// The rejected key.
        value: String,
    },
    /// A required text field is empty or only white space.
    #[error("{path}: {field} is empty")]
    EmptyField {
        /// Where the field is (`cities[0].name`).
        path: String,
        /// Which field (`name`, `title` ...).
        field: &'static str,
    },
    /// A country code that is not an ISO 3166-1 alpha-2 code (nor `XK`).
    #[error("{path}: unknown country {value:?}: {reason}")]
    UnknownCountry {
        /// Where the code is.
        path: String,
        /// The rejected text.
        value: String,
        /// Why it was rejected, with a hint (`use GB for the United Kingdom`).
        reason: String,
    },
    /// Two records share an id (or the slug the id derives from).
    #[error("{path}: duplicate {kind} id {id} (first used at {first})")]
    DuplicateId {
        /// Where the second record is.
        path: String,
        /// What kind of record (`city`, `practice`, `project` ...).
        kind: &'static str,
        /// The repeated id.
        id: String,
        /// Where the first record with this id is.
        first: String,
    },
    /// A reference to a partner project that neither the document nor the
    /// catalogue defines.
    #[error("{path}: unknown project reference {value:?}{}", did_you_mean_suffix(suggestions))]
    UnknownProject {
        /// Where the reference is.
        path: String,
        /// The rejected reference.
        value: String,
        /// The known project slugs closest to it (at most three), for a
        /// "did you mean …?"; empty when none is close.
        suggestions: Vec<String>,
    },
    /// A value that is well-typed but breaks a rule (a bad slug, a target
    /// year out of range, a duplicate theme, a role without its cohort ...).
    #[error("{path}: invalid value {value:?}: {reason}")]
    InvalidValue {
        /// Where the value is.
        path: String,
        /// The rejected value, as text.
        value: String,
        /// The rule it breaks.
        reason: String,
    },
    /// The text is not a profile document: too large (a CSV file too), with
    /// a byte order mark, without or with another `schema_version`, or not
    /// JSON of the profile shape (syntax, wrong types, unknown fields), with
    /// the field path, line and column.
    #[error(transparent)]
    Document(#[from] twinning_core::DocumentError),
    /// A CSV row that cannot be read or holds a bad value.
    #[error("csv line {line}, column {column:?}: invalid value {value:?}: {reason}")]
    Csv {
        /// 1-based line in the file (the header is line 1).
        line: u64,
        /// The column name (or `row` for a malformed row).
        column: String,
        /// The rejected value.
        value: String,
        /// What was wrong.
        reason: String,
    },
    /// A name that looks like mojibake: UTF-8 text decoded with the wrong
    /// code page (see [`detect_mojibake`](crate::detect_mojibake)).
    #[error("{path}: {value:?} looks like mojibake: {detail}; decode the source as UTF-8")]
    Mojibake {
        /// Where the name is (`cities[0].name`, `line 2.name`).
        path: String,
        /// The rejected name.
        value: String,
        /// What gave it away (the fragment and the likely code page).
        detail: String,
    },
}

impl Error {
    /// Wraps a core error about `value` at `path` as [`Error::InvalidValue`].
    pub(crate) fn invalid(path: &str, value: impl Into<String>, reason: impl ToString) -> Self {
        Error::InvalidValue {
            path: path.to_owned(),
            value: value.into(),
            reason: reason.to_string(),
        }
    }
}

/// `; did you mean 'a' or 'b'?`, or nothing without suggestions.
fn did_you_mean_suffix(suggestions: &[String]) -> String {
    crate::did_you_mean(suggestions).map(|q| format!("; {q}")).unwrap_or_default()
}
