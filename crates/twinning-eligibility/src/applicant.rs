use chrono::{DateTime, FixedOffset};
use twinning_core::{CountryCode, DocumentReader, VersionField};

use crate::Error;

/// What a city says about itself when it applies.
///
/// Every field but the name is optional: a portal evaluates the form as it
/// is being filled in, and a criterion that needs a missing declaration is
/// *unknown*, making the decision *undetermined* rather than failing it.
/// Declarations that a registry can check (Mission City status, earlier
/// participation) are checked, and a contradiction is reported as a
/// [`Conflict`](crate::Conflict).
///
/// ```
/// use twinning_eligibility::Applicant;
///
/// let plymouth = Applicant::new("Plymouth")?
///     .with_country("GB".parse()?)
///     .with_neutrality_year(2030)
///     .with_submitted_at("2024-05-20T10:00:00+02:00".parse()?);
/// assert_eq!(plymouth.neutrality_year(), Some(2030));
/// assert!(Applicant::new("  ").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "RawApplicant", into = "RawApplicant")]
pub struct Applicant {
    name: String,
    country: Option<CountryCode>,
    neutrality_year: Option<i32>,
    submitted_at: Option<DateTime<FixedOffset>>,
    local_authority: Option<bool>,
    invited: Option<bool>,
    partner_projects: Option<Vec<String>>,
    claims: Claims,
}

/// Statements an applicant makes that a registry can contradict.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Claims {
    /// `Some(true)`: "we are one of the Mission Cities"; `Some(false)`: "we are not".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mission_city: Option<bool>,
    /// `Some(true)`: "we have been a Twin or Pilot City before"; `Some(false)`: "we have not".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earlier_twin_or_pilot: Option<bool>,
}

/// The applicant document version this crate reads and writes
/// (`"schema_version"`; a document without the field is read as version 1).
pub const APPLICANT_SCHEMA_VERSION: u32 = 1;

/// How applicants are read: `schema_version` is optional (version 1).
const READER: DocumentReader = DocumentReader::new("applicant JSON", crate::MAX_DOCUMENT_BYTES)
    .versioned("schema_version", &[APPLICANT_SCHEMA_VERSION as u64], VersionField::Optional);

fn default_schema_version() -> u32 {
    APPLICANT_SCHEMA_VERSION
}

/// Reads `schema_version` and refuses a version this crate does not know
/// with the reader's message, for documents deserialized directly (the
/// reader probes the version before this runs).
fn known_schema_version<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let found = <u32 as serde::Deserialize>::deserialize(d)?;
    READER.check_version(u64::from(found)).map(|()| found).map_err(serde::de::Error::custom)
}

/// The serialized shape of an [`Applicant`].
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(crate) struct RawApplicant {
    /// The document version; optional on input (1), always written.
    #[serde(default = "default_schema_version", deserialize_with = "known_schema_version")]
    schema_version: u32,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    country: Option<CountryCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    neutrality_year: Option<i32>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "instant_with_offset"
    )]
    submitted_at: Option<DateTime<FixedOffset>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    local_authority: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    invited: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    partner_projects: Option<Vec<String>>,
    #[serde(default)]
    claims: Claims,
}

/// Reads an RFC 3339 instant, saying which form is expected when the text is
/// another (a day-first date, a missing offset). The string is parsed inside
/// the JSON reader, so the error keeps the string's line and column.
fn instant_with_offset<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
    struct Instant;
    impl serde::de::Visitor<'_> for Instant {
        type Value = DateTime<FixedOffset>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an RFC 3339 instant such as 2025-09-12T17:00:00+02:00")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            if v.ends_with("-00:00") {
                // RFC 3339's "offset unknown": read as UTC, it would be
                // written back as +00:00, a different statement.
                return Err(E::custom(format!(
                    "{v:?} has the offset -00:00, \"offset unknown\"; write +00:00 (or Z) \
                     for UTC, or the offset the time was recorded in"
                )));
            }
            DateTime::parse_from_rfc3339(v).map_err(|_| {
                E::custom(format!(
                    "{v:?} is not an instant with its offset; write the day, T, the time and \
                     the offset, as in 2025-09-12T17:00:00+02:00"
                ))
            })
        }
    }
    struct Maybe;
    impl<'de> serde::de::Visitor<'de> for Maybe {
        type Value = Option<DateTime<FixedOffset>>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an RFC 3339 instant or null")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: serde::Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_str(Instant).map(Some)
        }
    }
    d.deserialize_option(Maybe)
}

impl TryFrom<RawApplicant> for Applicant {
    type Error = Error;

    fn try_from(raw: RawApplicant) -> Result<Self, Self::Error> {
        let mut a = Applicant::new(raw.name)?;
        if let Some(projects) = &raw.partner_projects {
            if projects.len() > crate::MAX_LIST_LEN {
                return Err(a.invalid(
                    "partner_projects",
                    format!("at most {} projects, found {}", crate::MAX_LIST_LEN, projects.len()),
                ));
            }
            if let Some(bad) =
                projects.iter().find(|p| p.trim().is_empty() || p.len() > crate::MAX_NAME_LEN)
            {
                return Err(a.invalid(
                    "partner_projects",
                    format!("project name {bad:?} is not 1 to {} bytes", crate::MAX_NAME_LEN),
                ));
            }
            for (i, p) in projects.iter().enumerate() {
                if let Err(e) = twinning_core::visible_text(p) {
                    return Err(a.invalid(
                        "partner_projects",
                        format!("project name {p:?} at [{i}] has {e}"),
                    ));
                }
            }
        }
        if let Some(year) = raw.neutrality_year
            && !crate::NEUTRALITY_YEARS.contains(&year)
        {
            return Err(a.invalid(
                "neutrality_year",
                format!(
                    "{year} is not a year from {} to {}; write the year the city commits to \
                     climate neutrality, as in 2030",
                    crate::NEUTRALITY_YEARS.start(),
                    crate::NEUTRALITY_YEARS.end()
                ),
            ));
        }
        a.country = raw.country;
        a.neutrality_year = raw.neutrality_year;
        a.submitted_at = raw.submitted_at;
        a.local_authority = raw.local_authority;
        a.invited = raw.invited;
        a.partner_projects = raw.partner_projects;
        a.claims = raw.claims;
        Ok(a)
    }
}

impl From<Applicant> for RawApplicant {
    fn from(a: Applicant) -> Self {
        Self {
            schema_version: APPLICANT_SCHEMA_VERSION,
            name: a.name,
            country: a.country,
            neutrality_year: a.neutrality_year,
            submitted_at: a.submitted_at,
            local_authority: a.local_authority,
            invited: a.invited,
            partner_projects: a.partner_projects,
            claims: a.claims,
        }
    }
}

impl Applicant {
    /// An applicant known only by its name (as the registries spell it, for
    /// example `Valencia`, `Belfast`, `Issy-les-Moulineaux`).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidApplicant`] when the name is empty, longer than
    /// [`MAX_NAME_LEN`](crate::MAX_NAME_LEN) bytes, holds a character that
    /// prints as nothing or as something else (a soft hyphen, a zero-width
    /// space, a bidirectional control, a tab — see
    /// [`twinning_core::visible_text`]), or looks like UTF-8 read with the
    /// wrong code page (see [`twinning_profile::detect_mojibake`]). A name
    /// in decomposed form (NFD) is kept composed (NFC), which prints the
    /// same.
    pub fn new(name: impl Into<String>) -> Result<Self, Error> {
        let name = name.into();
        if name.trim().is_empty() || name.len() > crate::MAX_NAME_LEN {
            return Err(Error::InvalidApplicant {
                applicant: name.chars().take(80).collect(),
                field: "name",
                reason: format!("a name is 1 to {} bytes", crate::MAX_NAME_LEN),
            });
        }
        let name = match twinning_core::visible_text(&name) {
            Ok(std::borrow::Cow::Borrowed(_)) => name,
            Ok(std::borrow::Cow::Owned(composed)) => composed,
            Err(e) => {
                return Err(Error::InvalidApplicant {
                    applicant: name.chars().take(80).collect(),
                    field: "name",
                    reason: format!("the name has {e}"),
                });
            }
        };
        if let Some(m) = twinning_profile::detect_mojibake(&name) {
            return Err(Error::InvalidApplicant {
                applicant: name.chars().take(80).collect(),
                field: "name",
                reason: format!("looks like mojibake: {m}; decode the source as UTF-8"),
            });
        }
        Ok(Self {
            name,
            country: None,
            neutrality_year: None,
            submitted_at: None,
            local_authority: None,
            invited: None,
            partner_projects: None,
            claims: Claims::default(),
        })
    }

    fn invalid(&self, field: &'static str, reason: String) -> Error {
        Error::InvalidApplicant { applicant: self.name.clone(), field, reason }
    }

    /// Reads an applicant from its [JSON form](crate::_documentation::guide#applicants).
    ///
    /// # Errors
    ///
    /// [`Error::Document`] beyond [`MAX_DOCUMENT_BYTES`](crate::MAX_DOCUMENT_BYTES)
    /// bytes, for a byte order mark, another `schema_version`, malformed
    /// JSON, unknown fields or a value of the wrong type;
    /// [`Error::InvalidApplicant`] with the field for a
    /// name, country code or project list the checks refuse.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        crate::error::read_checked::<RawApplicant, Self>(&READER, json)
    }

    /// The declared country.
    #[must_use]
    pub fn with_country(self, country: CountryCode) -> Self {
        Self { country: Some(country), ..self }
    }

    /// The declared year by which the city commits to climate neutrality.
    #[must_use]
    pub fn with_neutrality_year(self, year: i32) -> Self {
        Self { neutrality_year: Some(year), ..self }
    }

    /// The instant the application was submitted, with the offset it was
    /// recorded in.
    #[must_use]
    pub fn with_submitted_at(self, at: DateTime<FixedOffset>) -> Self {
        Self { submitted_at: Some(at), ..self }
    }

    /// Whether the applicant is a local authority or city administration.
    #[must_use]
    pub fn with_local_authority(self, yes: bool) -> Self {
        Self { local_authority: Some(yes), ..self }
    }

    /// Whether the applicant declares an invitation to apply.
    #[must_use]
    pub fn with_invited(self, yes: bool) -> Self {
        Self { invited: Some(yes), ..self }
    }

    /// The partner projects the applicant declares taking part in (an empty
    /// list declares none).
    #[must_use]
    pub fn with_partner_projects<I, S>(self, projects: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self { partner_projects: Some(projects.into_iter().map(Into::into).collect()), ..self }
    }

    /// The applicant's statements that a registry can contradict.
    #[must_use]
    pub fn with_claims(self, claims: Claims) -> Self {
        Self { claims, ..self }
    }

    /// The name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The declared country, if any.
    pub fn country(&self) -> Option<CountryCode> {
        self.country
    }

    /// The declared neutrality target year, if any.
    pub fn neutrality_year(&self) -> Option<i32> {
        self.neutrality_year
    }

    /// The submission instant, if the applicant has submitted.
    pub fn submitted_at(&self) -> Option<DateTime<FixedOffset>> {
        self.submitted_at
    }

    /// Whether the applicant declares being a local authority, if it said.
    pub fn local_authority(&self) -> Option<bool> {
        self.local_authority
    }

    /// Whether the applicant declares an invitation, if it said.
    pub fn invited(&self) -> Option<bool> {
        self.invited
    }

    /// The declared partner projects; `None` when the applicant has not said.
    pub fn partner_projects(&self) -> Option<&[String]> {
        self.partner_projects.as_deref()
    }

    /// The applicant's checkable statements.
    pub fn claims(&self) -> Claims {
        self.claims
    }
}
