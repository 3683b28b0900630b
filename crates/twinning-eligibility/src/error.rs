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
    /// A JSON document could not be parsed (syntax, types, unknown fields or a
    /// check made while reading a field).
    #[error("invalid {document} JSON at {path} (line {line}, column {column}): {message}")]
    Json {
        /// Which kind of document was being read (`rule set`, `applicant`).
        document: &'static str,
        /// The field path where reading stopped (`claims.mission_city`,
        /// `criteria[2].rule.year`), `.` for the document itself.
        path: String,
        /// Line of the error, counted from 1.
        line: usize,
        /// Column of the error, counted from 1.
        column: usize,
        /// What the parser objected to.
        message: String,
    },
    /// A document is larger than the library accepts.
    #[error("{document} JSON is {len} bytes, more than the {max} accepted")]
    TooLarge {
        /// Which kind of document was being read.
        document: &'static str,
        /// Its size in bytes.
        len: usize,
        /// The largest size accepted.
        max: usize,
    },
    /// A rule set or decision declares a format version this library does not read.
    #[error(
        "{document} {title:?} has schema_version {found}; this library reads version {supported}"
    )]
    UnsupportedSchemaVersion {
        /// Which kind of document was being read (`rule set`, `decision`).
        document: &'static str,
        /// The document's title (a rule set's title, a decision's applicant).
        title: String,
        /// The version found in the document.
        found: u32,
        /// The version this library reads.
        supported: u32,
    },
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
    /// A value from `twinning-core` (a country code, a slug, a provenance)
    /// was rejected.
    #[error(transparent)]
    Core(#[from] twinning_core::Error),
}

impl Error {
    pub(crate) fn json(document: &'static str, path: String, e: &serde_json::Error) -> Self {
        // serde_json reports the position inside the message too; strip that
        // repetition so the message names the position once.
        let full = e.to_string();
        let message = match full.rfind(" at line ") {
            Some(cut) => full.get(..cut).unwrap_or(&full).to_owned(),
            None => full,
        };
        let path = if path.is_empty() || path == "?" { ".".to_owned() } else { path };
        Error::Json { document, path, line: e.line(), column: e.column(), message }
    }
}

/// Reads a document of at most [`MAX_DOCUMENT_LEN`](crate::MAX_DOCUMENT_LEN)
/// bytes: first as its raw form `R` (JSON errors with path, line and column),
/// then through the checks of `T` (their own typed errors).
pub(crate) fn read_checked<R, T>(document: &'static str, json: &str) -> Result<T, Error>
where
    R: serde::de::DeserializeOwned,
    T: TryFrom<R, Error = Error>,
{
    if json.len() > crate::MAX_DOCUMENT_LEN {
        return Err(Error::TooLarge { document, len: json.len(), max: crate::MAX_DOCUMENT_LEN });
    }
    let raw: R = parse_json(document, json)?;
    T::try_from(raw)
}

/// Parses `json` as `T`, naming the field path on error.
fn parse_json<T: serde::de::DeserializeOwned>(
    document: &'static str,
    json: &str,
) -> Result<T, Error> {
    if let Some(message) = twinning_core::leading_bom(json) {
        return Err(Error::Json {
            document,
            path: ".".to_owned(),
            line: 1,
            column: 1,
            message: message.to_owned(),
        });
    }
    let de = &mut serde_json::Deserializer::from_str(json);
    let value: T = serde_path_to_error::deserialize(&mut *de).map_err(|e| {
        let path = e.path().to_string();
        Error::json(document, path, e.inner())
    })?;
    de.end().map_err(|e| Error::json(document, ".".to_owned(), &e))?;
    Ok(value)
}
