//! Data overlays: facts published after a release (new cities, roles with
//! their start, twin pairs, partner-project memberships, a new cohort),
//! loaded at run time through the checks the built-in data passes.

use chrono::NaiveDate;
use twinning_core::{DocumentReader, Slug, SlugSet, VersionField};

use crate::catalogue::TwinPair;
use crate::{
    CityProfile, CityProfileDraft, CityRole, Error, PartnerProject, PartnerProjectDraft,
    ProjectMembership, ProjectRole, Role, name_key,
};

/// The `schema_version` of overlay documents this crate reads.
pub const OVERLAY_SCHEMA_VERSION: u32 = 1;

/// The largest overlay document [`Overlay::from_json`] accepts, in bytes
/// (1 MiB: an overlay holds what was published since a release, not a
/// catalogue).
pub const MAX_OVERLAY_BYTES: usize = 1024 * 1024;

/// The first day a programme role can start: the Cities Mission was
/// launched in September 2021, and no role of the programme predates it.
const FIRST_ROLE_DAY: (i32, u32, u32) = (2021, 9, 1);

const READER: DocumentReader = DocumentReader::new("overlay json", MAX_OVERLAY_BYTES).versioned(
    "schema_version",
    &[OVERLAY_SCHEMA_VERSION as u64],
    VersionField::Required,
);

/// A role added to a city, by the city's slug; unlike the built-in tables,
/// an overlay role always says when it started.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OverlayRole {
    /// The city's slug (a built-in city or one of the overlay's `cities`).
    pub city: Slug,
    /// The role.
    pub role: Role,
    /// The cohort (required for Twin City and Mission-minded roles, absent
    /// for Mission City).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cohort: Option<twinning_core::CohortNumber>,
    /// The day the role was announced: an application submitted before it
    /// is not judged on it.
    pub since: NaiveDate,
    /// Where the role is published.
    pub provenance: twinning_core::Provenance,
}

/// A partner-project membership added to a city, by the city's slug.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OverlayMembership {
    /// The city's slug (a built-in city or one of the overlay's `cities`).
    pub city: Slug,
    /// The project's slug (a built-in project or one of the overlay's
    /// `projects`).
    pub project: Slug,
    /// The parts the city plays in it; at least one.
    pub roles: Vec<ProjectRole>,
    /// Where the membership is published.
    pub provenance: twinning_core::Provenance,
}

/// The JSON shape of an overlay document (see `docs/data.md`).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OverlayDocument {
    /// Always [`OVERLAY_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The day the overlay's facts were last checked against their sources.
    pub as_of: NaiveDate,
    /// What the overlay is, in a line (`cohort 5 pairs, March 2027`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Cities the built-in catalogue does not hold (profile-document shape;
    /// every role needs its `since`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cities: Vec<CityProfileDraft>,
    /// Partner projects the built-in catalogue does not hold.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<PartnerProjectDraft>,
    /// Roles added to cities (built-in or new), each with its start.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<OverlayRole>,
    /// Partner-project memberships added to cities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub memberships: Vec<OverlayMembership>,
    /// Twin pairs (a Twin City with its Pilot or Mission peers).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub twin_pairs: Vec<TwinPair>,
    /// Steps of countries' association to Horizon Europe (or Horizon 2020),
    /// each with its first day (`effective`) or a day by which it applied
    /// (`in_force_by`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub associations: Vec<crate::AssociationRecord>,
    /// Cohorts defined as data (`twinning schema cohort`), such as a cohort
    /// 6; read by `twinning-cohort`, whose checks they pass.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cohorts: Vec<serde_json::Value>,
}

/// A checked overlay: each record passed the checks its built-in
/// counterpart passes. Links to the catalogue (which cities and projects
/// exist, which names are taken) are checked when it is applied, by
/// [`Catalogue::with_overlay`](crate::Catalogue::with_overlay).
///
/// ```
/// use twinning_profile::{Catalogue, Overlay};
///
/// // A hypothetical city published after the release.
/// let overlay = Overlay::from_json(r#"{"schema_version": 1, "as_of": "2027-03-01",
///   "cities": [{"slug": "exampleton", "name": "Exampleton", "country": "EE", "kind": "municipality",
///     "roles": [{"role": "twin-city", "cohort": 5, "since": "2027-02-15",
///                "provenance": {"source": "netzerocities.eu (cohort 5 pairs)", "confidence": "confirmed"}}],
///     "provenance": {"source": "netzerocities.eu (cohort 5 pairs)", "confidence": "confirmed"}}]}"#)?;
/// let catalogue = Catalogue::builtin().with_overlay(&overlay)?;
/// assert_eq!(catalogue.find_by_name("EXAMPLETON").len(), 1);
/// // Tartu is a built-in Mission City: adding it again is refused, naming the entry.
/// let again = Overlay::from_json(r#"{"schema_version": 1, "as_of": "2027-03-01",
///   "cities": [{"slug": "tartu", "name": "Tartu", "country": "EE", "kind": "municipality",
///     "provenance": {"source": "x", "confidence": "confirmed"}}]}"#)?;
/// let err = Catalogue::builtin().with_overlay(&again).unwrap_err();
/// assert!(err.to_string().starts_with("cities[0]: duplicate city id tartu"));
/// assert_eq!(catalogue.overlay_as_of().map(|d| d.to_string()).as_deref(), Some("2027-03-01"));
/// # Ok::<(), twinning_profile::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Overlay {
    as_of: NaiveDate,
    description: Option<String>,
    cities: Vec<CityProfile>,
    projects: Vec<PartnerProject>,
    roles: Vec<OverlayRole>,
    memberships: Vec<OverlayMembership>,
    twin_pairs: Vec<TwinPair>,
    associations: Vec<crate::AssociationRecord>,
    cohorts: Vec<serde_json::Value>,
}

fn role_day_check(path: &str, since: NaiveDate, as_of: NaiveDate) -> Result<(), Error> {
    let (y, m, d) = FIRST_ROLE_DAY;
    if NaiveDate::from_ymd_opt(y, m, d).is_some_and(|first| since < first) {
        return Err(Error::invalid(
            &format!("{path}.since"),
            since.to_string(),
            "no programme role starts before the Cities Mission's launch in September 2021",
        ));
    }
    if since > as_of {
        return Err(Error::invalid(
            &format!("{path}.since"),
            since.to_string(),
            format!("the role starts after the overlay's as_of day {as_of}"),
        ));
    }
    Ok(())
}

impl Overlay {
    /// Reads and checks an overlay document.
    ///
    /// # Errors
    ///
    /// [`Error::Document`] above [`MAX_OVERLAY_BYTES`], for a byte order
    /// mark, a missing or other `schema_version`, bad JSON, trailing data,
    /// wrong types, missing fields (a role without `since`, a record without
    /// `provenance`) and unknown fields, with the field path;
    /// [`Error::UnknownCountry`], [`Error::EmptyField`],
    /// [`Error::InvalidValue`] from the city and project checks, for a role
    /// whose `since` is missing (cities' own roles), before September 2021
    /// or after `as_of`, and for a name another overlay city's slug already
    /// takes, and for an association step without `effective` or
    /// `in_force_by`; [`Error::DuplicateId`] for two overlay cities or
    /// projects with one slug or one name in one country, or two equal
    /// association steps.
    pub fn from_json(text: &str) -> Result<Overlay, Error> {
        let doc: OverlayDocument = READER.read(text)?;
        Overlay::new(doc)
    }

    /// Checks an overlay given as a value (see [`Overlay::from_json`]).
    ///
    /// # Errors
    ///
    /// As [`Overlay::from_json`], without the document-level ones.
    pub fn new(mut doc: OverlayDocument) -> Result<Overlay, Error> {
        READER.check_version(u64::from(doc.schema_version))?;
        let as_of = doc.as_of;
        let mut slugs = SlugSet::new();
        let mut cities: Vec<CityProfile> = Vec::with_capacity(doc.cities.len());
        for (i, d) in doc.cities.into_iter().enumerate() {
            let path = format!("cities[{i}]");
            for (j, r) in d.roles.iter().enumerate() {
                let here = format!("{path}.roles[{j}]");
                match r.since {
                    Some(since) => role_day_check(&here, since, as_of)?,
                    None => {
                        return Err(Error::invalid(
                            &format!("{here}.since"),
                            r.role.key(),
                            "a role in an overlay says when it started (its announcement day)",
                        ));
                    }
                }
            }
            let c = CityProfile::new(d, &path)?;
            slugs
                .insert(c.name())
                .map_err(|e| Error::invalid(&format!("{path}.name"), c.name(), e))?;
            if let Some(j) = cities.iter().position(|e| {
                e.slug() == c.slug()
                    || (e.country() == c.country() && name_key(e.name()) == name_key(c.name()))
            }) {
                return Err(Error::DuplicateId {
                    path,
                    kind: "city",
                    id: c.slug().to_string(),
                    first: format!("cities[{j}]"),
                });
            }
            cities.push(c);
        }
        let mut projects: Vec<PartnerProject> = Vec::with_capacity(doc.projects.len());
        for (i, p) in doc.projects.into_iter().enumerate() {
            let path = format!("projects[{i}]");
            let p = PartnerProject::new(p, &path)?;
            if let Some(j) = projects.iter().position(|q| q.slug() == p.slug() || q.id() == p.id())
            {
                return Err(Error::DuplicateId {
                    path,
                    kind: "project",
                    id: p.slug().to_string(),
                    first: format!("projects[{j}]"),
                });
            }
            projects.push(p);
        }
        for (i, r) in doc.roles.iter().enumerate() {
            let path = format!("roles[{i}]");
            role_day_check(&path, r.since, as_of)?;
            CityRole {
                role: r.role,
                cohort: r.cohort,
                since: Some(r.since),
                provenance: r.provenance.clone(),
            }
            .check(&path)?;
        }
        for i in 0..doc.associations.len() {
            let (before, rest) = doc.associations.split_at_mut(i);
            let Some(a) = rest.first_mut() else { continue };
            let path = format!("associations[{i}]");
            crate::practice::check_visible_name(&path, "name", &mut a.name)?;
            if a.known_from().is_none() {
                return Err(Error::invalid(
                    &format!("{path}.effective"),
                    a.country.to_string(),
                    "an association step in an overlay says when it applies: `effective` (its first day) or `in_force_by`",
                ));
            }
            if let Some(j) = before.iter().position(|b| same_step(a, b)) {
                return Err(Error::DuplicateId {
                    path,
                    kind: "association",
                    id: a.country.to_string(),
                    first: format!("associations[{j}]"),
                });
            }
        }
        for (i, m) in doc.memberships.iter().enumerate() {
            if m.roles.is_empty() {
                return Err(Error::EmptyField {
                    path: format!("memberships[{i}].roles"),
                    field: "roles",
                });
            }
        }
        Ok(Overlay {
            as_of,
            description: doc.description,
            cities,
            projects,
            roles: doc.roles,
            memberships: doc.memberships,
            twin_pairs: doc.twin_pairs,
            associations: doc.associations,
            cohorts: doc.cohorts,
        })
    }

    /// The day the overlay's facts were last checked against their sources.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The overlay's one-line description, when it has one.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The new cities.
    pub fn cities(&self) -> &[CityProfile] {
        &self.cities
    }

    /// The new partner projects.
    pub fn projects(&self) -> &[PartnerProject] {
        &self.projects
    }

    /// Roles added to cities.
    pub fn roles(&self) -> &[OverlayRole] {
        &self.roles
    }

    /// Memberships added to cities.
    pub fn memberships(&self) -> &[OverlayMembership] {
        &self.memberships
    }

    /// New twin pairs.
    pub fn twin_pairs(&self) -> &[TwinPair] {
        &self.twin_pairs
    }

    /// New steps of countries' association to a research programme.
    pub fn associations(&self) -> &[crate::AssociationRecord] {
        &self.associations
    }

    /// The cohort documents, unread: `twinning-cohort` checks each
    /// (`Cohort::from_json`), so this crate does not depend on it. The path
    /// of the `i`-th is `cohorts[i]`.
    pub fn cohorts(&self) -> &[serde_json::Value] {
        &self.cohorts
    }

    /// The city drafts as the catalogue merges them.
    pub(crate) fn city_drafts(&self) -> impl Iterator<Item = CityProfileDraft> + '_ {
        self.cities.iter().cloned().map(CityProfileDraft::from)
    }

    /// The role of entry `i` as a city role.
    pub(crate) fn city_role(r: &OverlayRole) -> CityRole {
        CityRole {
            role: r.role,
            cohort: r.cohort,
            since: Some(r.since),
            provenance: r.provenance.clone(),
        }
    }

    /// The membership of entry `i` as a city membership.
    pub(crate) fn membership(m: &OverlayMembership) -> ProjectMembership {
        ProjectMembership {
            project: m.project.clone(),
            roles: m.roles.clone(),
            provenance: m.provenance.clone(),
        }
    }
}

/// Whether two association records are the same step (country,
/// programme, status and day).
fn same_step(a: &crate::AssociationRecord, b: &crate::AssociationRecord) -> bool {
    a.country == b.country
        && a.programme == b.programme
        && a.status == b.status
        && a.known_from() == b.known_from()
}

impl crate::Countries {
    /// These tables with the association steps of `overlay` added; the
    /// answers of [`Countries::association_on`](crate::Countries::association_on)
    /// then take them into account and cite their sources.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateId`] naming the overlay entry (`associations[0]`)
    /// for a step the tables already hold (same country, programme, status
    /// and day).
    pub fn with_overlay(&self, overlay: &Overlay) -> Result<crate::Countries, Error> {
        let mut records = self.association_records().to_vec();
        for (i, a) in overlay.associations.iter().enumerate() {
            if records.iter().any(|b| same_step(a, b)) {
                return Err(Error::DuplicateId {
                    path: format!("associations[{i}]"),
                    kind: "association",
                    id: a.country.to_string(),
                    first: format!("the built-in record of {} ({})", a.name, a.programme.label()),
                });
            }
            records.push(a.clone());
        }
        Ok(crate::Countries::new(self.eu_memberships().to_vec(), records))
    }
}

/// `path` names no city of `cities`: the error, with the closest slugs.
fn unknown_city(path: &str, slug: &Slug, cities: &[CityProfileDraft]) -> Error {
    let near = crate::closest_names(slug.as_str(), cities.iter().map(|c| c.slug.as_str()), 3);
    let hint = crate::did_you_mean(&near).map(|q| format!("; {q}")).unwrap_or_default();
    Error::invalid(path, slug.as_str(), format!("no built-in or overlay city has this slug{hint}"))
}

impl crate::Catalogue {
    /// This catalogue with `overlay` applied: its cities and projects added,
    /// its roles and memberships added to the cities they name, its twin
    /// pairs recorded. The result is checked as [`Catalogue::new`](crate::Catalogue::new)
    /// checks the built-in data; [`Catalogue::as_of`](crate::Catalogue::as_of)
    /// stays, [`Catalogue::overlay_as_of`](crate::Catalogue::overlay_as_of)
    /// becomes the overlay's day.
    ///
    /// # Errors
    ///
    /// Paths are the overlay's. [`Error::DuplicateId`] for a city or project
    /// whose slug the catalogue already has, or a city of the same name (or
    /// variant) in the same country as a catalogue city;
    /// [`Error::InvalidValue`] for a role, membership or pair naming a city
    /// neither holds, a role or membership the city already has;
    /// [`Error::UnknownProject`] for a membership naming an unknown project;
    /// any error of [`Catalogue::new`](crate::Catalogue::new).
    pub fn with_overlay(&self, overlay: &Overlay) -> Result<crate::Catalogue, Error> {
        let parts = self.to_parts();
        for (i, c) in overlay.cities.iter().enumerate() {
            let path = format!("cities[{i}]");
            if let Some(e) = self.city_by_slug(c.slug().as_str()) {
                return Err(Error::DuplicateId {
                    path,
                    kind: "city",
                    id: c.slug().to_string(),
                    first: format!("the built-in city {} ({})", e.name(), e.country()),
                });
            }
            let same = c.names().find_map(|n| {
                self.find(n, Some(c.country())).into_iter().find(|e| e.answers_to(n))
            });
            if let Some(e) = same {
                return Err(Error::DuplicateId {
                    path: format!("{path}.name"),
                    kind: "city",
                    id: c.slug().to_string(),
                    first: format!(
                        "the built-in city {} ({}, slug {}) of the same name; add roles to it by its slug instead",
                        e.name(),
                        e.country(),
                        e.slug()
                    ),
                });
            }
        }
        for (i, p) in overlay.projects.iter().enumerate() {
            if let Some(e) = self.project_by_slug(p.slug().as_str()) {
                return Err(Error::DuplicateId {
                    path: format!("projects[{i}]"),
                    kind: "project",
                    id: p.slug().to_string(),
                    first: format!("the built-in project {}", e.acronym()),
                });
            }
        }
        let mut cities: Vec<CityProfileDraft> =
            parts.cities.into_iter().map(CityProfileDraft::from).collect();
        let base = cities.len();
        cities.extend(overlay.city_drafts());
        let mut projects = parts.projects;
        projects.extend(overlay.projects.iter().cloned());
        for (i, r) in overlay.roles.iter().enumerate() {
            let path = format!("roles[{i}]");
            let Some(city) = cities.iter_mut().find(|c| c.slug == r.city.as_str()) else {
                return Err(unknown_city(&format!("{path}.city"), &r.city, &cities));
            };
            if city.roles.iter().any(|h| h.role == r.role && h.cohort == r.cohort) {
                return Err(Error::invalid(
                    &path,
                    format!("{} {}", r.city, r.role.key()),
                    "the city already holds this role in this cohort; remove the entry",
                ));
            }
            city.roles.push(Overlay::city_role(r));
        }
        for (i, m) in overlay.memberships.iter().enumerate() {
            let path = format!("memberships[{i}]");
            if !projects.iter().any(|p| p.slug() == &m.project) {
                let near = crate::closest_names(
                    m.project.as_str(),
                    projects.iter().map(|p| p.slug().as_str()),
                    3,
                );
                return Err(Error::UnknownProject {
                    path: format!("{path}.project"),
                    value: m.project.to_string(),
                    suggestions: near,
                });
            }
            let Some(city) = cities.iter_mut().find(|c| c.slug == m.city.as_str()) else {
                return Err(unknown_city(&format!("{path}.city"), &m.city, &cities));
            };
            if city.memberships.iter().any(|h| h.project == m.project) {
                return Err(Error::invalid(
                    &path,
                    format!("{} {}", m.city, m.project),
                    "the city is already recorded as a member of this project; remove the entry",
                ));
            }
            city.memberships.push(Overlay::membership(m));
        }
        for (i, t) in overlay.twin_pairs.iter().enumerate() {
            for (j, s) in std::iter::once(&t.twin).chain(&t.peers).enumerate() {
                if !cities.iter().any(|c| c.slug == s.as_str()) {
                    let field =
                        if j == 0 { "twin".to_owned() } else { format!("peers[{}]", j - 1) };
                    return Err(unknown_city(&format!("twin_pairs[{i}].{field}"), s, &cities));
                }
            }
        }
        let cities = cities
            .into_iter()
            .enumerate()
            .map(|(k, d)| {
                let path = match k.checked_sub(base) {
                    Some(i) => format!("cities[{i}]"),
                    None => format!("builtin.{}", d.slug),
                };
                CityProfile::new(d, &path)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut twin_pairs = parts.twin_pairs;
        twin_pairs.extend(overlay.twin_pairs.iter().cloned());
        let merged = crate::Catalogue::new(crate::CatalogueParts {
            cities,
            projects,
            twin_pairs,
            stated_counts: parts.stated_counts,
            conflicts: parts.conflicts,
        })?;
        Ok(merged.dated_after(self, overlay.as_of))
    }
}
