//! JSON documents of city profiles and partner projects, checked on load.

use twinning_core::{DocumentError, DocumentReader, Slug, VersionField};

use crate::catalogue::{SourceConflict, StatedCount, TwinPair};
use crate::{Catalogue, CityProfile, CityProfileDraft, Error, PartnerProject, PartnerProjectDraft};

/// The `schema_version` this crate writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// The largest JSON document [`load_json`] accepts, in bytes (16 MiB).
pub const MAX_DOCUMENT_BYTES: usize = 16 * 1024 * 1024;

/// How profile documents are read: at most [`MAX_DOCUMENT_BYTES`], with a
/// `schema_version` of [`SCHEMA_VERSION`].
const READER: DocumentReader = DocumentReader::new("profile json", MAX_DOCUMENT_BYTES).versioned(
    "schema_version",
    &[SCHEMA_VERSION as u64],
    VersionField::Required,
);

/// The JSON shape of a profile document: `schema_version`, then either one
/// `city` or a list of `cities`, and optionally the `projects` the cities
/// refer to that the catalogue does not hold.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDocument {
    pub(crate) schema_version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) city: Option<CityProfileDraft>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) cities: Option<Vec<CityProfileDraft>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) projects: Vec<PartnerProjectDraft>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) twin_pairs: Vec<TwinPair>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) stated_counts: Vec<StatedCount>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) conflicts: Vec<SourceConflict>,
}

/// A checked profile document: the cities in the order given and the
/// projects the document defines.
///
/// Serializing it writes `schema_version`, `cities` and `projects`; loading
/// that text gives back an equal document.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfileDocument {
    /// Always [`SCHEMA_VERSION`] when written by this crate.
    pub schema_version: u32,
    /// The cities, in document order.
    pub cities: Vec<CityProfile>,
    /// Projects the document defines (beyond the catalogue's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<PartnerProject>,
}

impl ProfileDocument {
    /// A document of the current schema version.
    pub fn new(cities: Vec<CityProfile>, projects: Vec<PartnerProject>) -> Self {
        Self { schema_version: SCHEMA_VERSION, cities, projects }
    }

    /// The document as pretty-printed JSON.
    ///
    /// # Errors
    ///
    /// [`Error::Document`] if serialization fails (it does not for values
    /// this crate built).
    pub fn to_json(&self) -> Result<String, Error> {
        serde_json::to_string_pretty(self)
            .map_err(|e| DocumentError::json(READER.what(), ".", &e).into())
    }
}

/// Parses `text` into the raw document shape, naming the path of a type error.
pub(crate) fn parse_raw(text: &str) -> Result<RawDocument, Error> {
    Ok(READER.read(text)?)
}

/// The city drafts of a raw document with the path prefix of each.
pub(crate) fn city_drafts(raw: &mut RawDocument) -> Result<Vec<(String, CityProfileDraft)>, Error> {
    match (raw.city.take(), raw.cities.take()) {
        (Some(c), None) => Ok(vec![("city".to_owned(), c)]),
        (None, Some(list)) => {
            Ok(list.into_iter().enumerate().map(|(i, c)| (format!("cities[{i}]"), c)).collect())
        }
        (Some(_), Some(_)) => Err(Error::invalid(
            ".",
            "city and cities",
            "a document holds either one `city` or a list of `cities`, not both",
        )),
        (None, None) => Err(Error::EmptyField { path: ".".to_owned(), field: "cities" }),
    }
}

/// Reads a JSON profile document and checks it against `catalogue`.
///
/// The document is `{"schema_version": 1, "city": {...}}` for one city or
/// `{"schema_version": 1, "cities": [...]}` for several, with an optional
/// `projects` list for projects the catalogue does not hold. Every city is
/// checked ([`CityProfile::new`]); ids must be unique within the document;
/// every project a membership or practice names must be in `projects` or in
/// `catalogue`. Nothing is dropped or changed: a document either loads
/// whole or is rejected with the first problem.
///
/// ```
/// use twinning_profile::{Catalogue, load_json};
///
/// let doc = load_json(r#"{"schema_version": 1, "city": {
///     "slug": "pilsen-user", "name": "Plzeň", "country": "CZ", "kind": "municipality",
///     "memberships": [{"project": "urbreath", "roles": ["follower"],
///                      "provenance": {"source": "city survey", "confidence": "confirmed"}}],
///     "provenance": {"source": "city survey", "confidence": "confirmed"}}}"#,
///     Catalogue::builtin())?;
/// assert_eq!(doc.cities[0].name(), "Plzeň");
/// # Ok::<(), twinning_profile::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::Document`] above [`MAX_DOCUMENT_BYTES`], for a byte order mark,
/// a missing or other `schema_version`, and for bad JSON, wrong types or
/// unknown fields (with the field path, line and column); [`Error::EmptyField`],
/// [`Error::UnknownCountry`], [`Error::InvalidValue`] from the city checks;
/// [`Error::DuplicateId`] for repeated city, practice, goal or project ids;
/// [`Error::UnknownProject`] for a reference to an undefined project.
pub fn load_json(text: &str, catalogue: &Catalogue) -> Result<ProfileDocument, Error> {
    let mut raw = parse_raw(text)?;
    for (field, present) in [
        ("twin_pairs", !raw.twin_pairs.is_empty()),
        ("stated_counts", !raw.stated_counts.is_empty()),
        ("conflicts", !raw.conflicts.is_empty()),
    ] {
        if present {
            return Err(Error::invalid(
                field,
                field,
                "only the built-in catalogue carries this field; a profile document holds city or cities and projects",
            ));
        }
    }
    let drafts = city_drafts(&mut raw)?;
    let mut projects: Vec<PartnerProject> = Vec::with_capacity(raw.projects.len());
    for (i, p) in raw.projects.into_iter().enumerate() {
        let here = format!("projects[{i}]");
        let p = PartnerProject::new(p, &here)?;
        if let Some(j) = projects.iter().position(|q| q.id() == p.id() || q.slug() == p.slug()) {
            return Err(Error::DuplicateId {
                path: here,
                kind: "project",
                id: p.slug().to_string(),
                first: format!("projects[{j}]"),
            });
        }
        projects.push(p);
    }
    let mut cities: Vec<(String, CityProfile)> = Vec::with_capacity(drafts.len());
    for (path, d) in drafts {
        let c = CityProfile::new(d, &path)?;
        check_city_against(&path, &c, &cities, &projects, catalogue)?;
        cities.push((path, c));
    }
    Ok(ProfileDocument::new(cities.into_iter().map(|(_, c)| c).collect(), projects))
}

fn project_known(slug: &Slug, projects: &[PartnerProject], catalogue: &Catalogue) -> bool {
    projects.iter().any(|p| p.slug() == slug) || catalogue.project_by_slug(slug.as_str()).is_some()
}

/// The known project slugs closest to an unknown reference (at most three).
fn project_suggestions(
    slug: &Slug,
    projects: &[PartnerProject],
    catalogue: &Catalogue,
) -> Vec<String> {
    let known = projects.iter().chain(catalogue.projects()).map(|p| p.slug().as_str());
    crate::closest_names(slug.as_str(), known, 3)
}

/// Checks one validated city against the cities before it and the known
/// projects.
pub(crate) fn check_city_against(
    path: &str,
    c: &CityProfile,
    earlier: &[(String, CityProfile)],
    projects: &[PartnerProject],
    catalogue: &Catalogue,
) -> Result<(), Error> {
    if let Some((first, _)) = earlier.iter().find(|(_, e)| e.id() == c.id() || e.slug() == c.slug())
    {
        return Err(Error::DuplicateId {
            path: path.to_owned(),
            kind: "city",
            id: c.slug().to_string(),
            first: first.clone(),
        });
    }
    for (j, p) in c.practices().iter().enumerate() {
        for (first, e) in earlier {
            if let Some(k) = e.practices().iter().position(|q| q.id() == p.id()) {
                return Err(Error::DuplicateId {
                    path: format!("{path}.practices[{j}]"),
                    kind: "practice",
                    id: p.id().to_string(),
                    first: format!("{first}.practices[{k}]"),
                });
            }
        }
        for (k, s) in p.projects().iter().enumerate() {
            if !project_known(s, projects, catalogue) {
                return Err(Error::UnknownProject {
                    path: format!("{path}.practices[{j}].projects[{k}]"),
                    value: s.to_string(),
                    suggestions: project_suggestions(s, projects, catalogue),
                });
            }
        }
    }
    for (j, g) in c.learning_goals().iter().enumerate() {
        for (first, e) in earlier {
            if let Some(k) = e.learning_goals().iter().position(|h| h.id() == g.id()) {
                return Err(Error::DuplicateId {
                    path: format!("{path}.learning_goals[{j}]"),
                    kind: "learning-goal",
                    id: g.id().to_string(),
                    first: format!("{first}.learning_goals[{k}]"),
                });
            }
        }
    }
    for (j, m) in c.memberships().iter().enumerate() {
        if !project_known(&m.project, projects, catalogue) {
            return Err(Error::UnknownProject {
                path: format!("{path}.memberships[{j}].project"),
                value: m.project.to_string(),
                suggestions: project_suggestions(&m.project, projects, catalogue),
            });
        }
    }
    Ok(())
}
