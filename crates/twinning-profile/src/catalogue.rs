//! The catalogue: validated cities and partner projects with their links,
//! and the look-ups built on them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use twinning_core::{CityId, CohortNumber, CountryCode, ProjectId, Provenance, Slug, Sourced};

use crate::{
    CityProfile, CityRole, Error, PartnerProject, ProjectMembership, Role, Theme, name_key,
};

/// What a [`StatedCount`] counts.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum CountKind {
    /// Cities in a cohort's catalogue.
    Cities,
    /// Countries those cities are in.
    Countries,
    /// Partner projects.
    PartnerProjects,
}

/// A headline figure as a source states it, and whether the catalogue's own
/// data reproduces it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StatedCount {
    /// The cohort whose catalogue the figure describes.
    pub cohort: CohortNumber,
    /// What is counted.
    pub kind: CountKind,
    /// The figure the source prints.
    pub stated: u32,
    /// The source.
    pub provenance: Provenance,
    /// When the data cannot reproduce the figure: why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discrepancy: Option<String>,
}

/// A disagreement between sources, or between a source and the programme's
/// rules, that concerns catalogue records.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SourceConflict {
    /// A stable key (`frankfurt-mission-city`).
    pub slug: Slug,
    /// The cities concerned (slugs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cities: Vec<Slug>,
    /// The projects concerned (slugs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<Slug>,
    /// What disagrees with what, in a sentence or two.
    pub description: String,
    /// The sources.
    pub provenance: Provenance,
}

/// A known pairing of a learning Twin City with its peers.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TwinPair {
    /// The twinning cohort.
    pub cohort: CohortNumber,
    /// The Twin City (slug).
    pub twin: Slug,
    /// The Pilot or Mission cities it is paired with (slugs); may be empty
    /// when only the activity is named.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub peers: Vec<Slug>,
    /// The pilot activity, when the source names it (`Lx Climate Lab`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    /// Where the pairing is reported.
    pub provenance: Provenance,
}

/// Something that names a catalogue city: its [`CityId`](twinning_core::CityId) or its profile.
pub trait CityKey {
    /// The city's id.
    fn city_id(&self) -> CityId;
}

impl CityKey for CityId {
    fn city_id(&self) -> CityId {
        *self
    }
}

impl CityKey for &CityProfile {
    fn city_id(&self) -> CityId {
        self.id()
    }
}

impl CityKey for CityProfile {
    fn city_id(&self) -> CityId {
        self.id()
    }
}

/// Validated cities and partner projects, with twin pairs, stated counts
/// and known conflicts, and look-ups over them.
///
/// Every project a membership or practice names exists; ids and slugs are
/// unique; cities are kept in slug order so output is deterministic.
///
/// ```
/// use twinning_profile::Catalogue;
///
/// let catalogue = Catalogue::builtin();
/// let ghent = catalogue.find_by_name("GHENT");
/// assert_eq!(ghent.first().map(|c| c.name()), Some("Gent"));
/// assert_eq!(catalogue.find_by_name("plzen").first().map(|c| c.name()), Some("Plzeň"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalogue {
    cities: Vec<CityProfile>,
    projects: Vec<PartnerProject>,
    twin_pairs: Vec<TwinPair>,
    stated_counts: Vec<StatedCount>,
    conflicts: Vec<SourceConflict>,
    /// Folded name → indices into `cities`, in slug order.
    names: BTreeMap<String, Vec<usize>>,
    /// The day the data was last checked against its sources.
    as_of: Option<NaiveDate>,
    /// The latest `as_of` of the overlays applied, if any.
    overlay_as_of: Option<NaiveDate>,
}

/// Everything a catalogue is built from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CatalogueParts {
    /// City profiles.
    pub cities: Vec<CityProfile>,
    /// Partner projects.
    pub projects: Vec<PartnerProject>,
    /// Known twin pairs.
    pub twin_pairs: Vec<TwinPair>,
    /// Headline figures as sources state them.
    pub stated_counts: Vec<StatedCount>,
    /// Known conflicts.
    pub conflicts: Vec<SourceConflict>,
}

fn check_unique<T, K: Ord + ToString>(
    items: &[T],
    key: impl Fn(&T) -> K,
    kind: &'static str,
    path: &str,
) -> Result<(), Error> {
    let mut seen: BTreeMap<K, usize> = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        let k = key(item);
        if let Some(first) = seen.get(&k) {
            return Err(Error::DuplicateId {
                path: format!("{path}[{i}]"),
                kind,
                id: k.to_string(),
                first: format!("{path}[{first}]"),
            });
        }
        seen.insert(k, i);
    }
    Ok(())
}

impl Catalogue {
    /// Checks the links between `parts` and builds the look-up index.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateId`] for two cities or projects sharing an id or
    /// slug, or two practices or goals sharing an id anywhere in the
    /// catalogue; [`Error::UnknownProject`] for a membership or practice that
    /// names a project not in `parts.projects`; [`Error::InvalidValue`] for a
    /// twin pair or conflict naming an unknown city.
    pub fn new(parts: CatalogueParts) -> Result<Self, Error> {
        let CatalogueParts { cities, projects, twin_pairs, stated_counts, conflicts } = parts;
        check_unique(&cities, CityProfile::id, "city", "cities")?;
        check_unique(&cities, |c| c.slug().clone(), "city", "cities")?;
        check_unique(&projects, PartnerProject::id, "project", "projects")?;
        check_unique(&projects, |p| p.slug().clone(), "project", "projects")?;
        let practices: Vec<(usize, usize, twinning_core::PracticeId)> = cities
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.practices().iter().enumerate().map(move |(j, p)| (i, j, p.id())))
            .collect();
        let mut seen = BTreeMap::new();
        for (i, j, id) in practices {
            if let Some((fi, fj)) = seen.insert(id, (i, j)) {
                return Err(Error::DuplicateId {
                    path: format!("cities[{i}].practices[{j}]"),
                    kind: "practice",
                    id: id.to_string(),
                    first: format!("cities[{fi}].practices[{fj}]"),
                });
            }
        }
        let known_project = |s: &Slug| projects.iter().any(|p| p.slug() == s);
        let suggest = |s: &Slug| {
            crate::closest_names(s.as_str(), projects.iter().map(|p| p.slug().as_str()), 3)
        };
        for (i, c) in cities.iter().enumerate() {
            for (j, m) in c.memberships().iter().enumerate() {
                if !known_project(&m.project) {
                    return Err(Error::UnknownProject {
                        path: format!("cities[{i}].memberships[{j}].project"),
                        value: m.project.to_string(),
                        suggestions: suggest(&m.project),
                    });
                }
            }
            for (j, p) in c.practices().iter().enumerate() {
                for (k, s) in p.projects().iter().enumerate() {
                    if !known_project(s) {
                        return Err(Error::UnknownProject {
                            path: format!("cities[{i}].practices[{j}].projects[{k}]"),
                            value: s.to_string(),
                            suggestions: suggest(s),
                        });
                    }
                }
            }
        }
        let known_city = |s: &Slug| cities.iter().any(|c| c.slug() == s);
        for (i, p) in projects.iter().enumerate() {
            for (j, m) in p.members().iter().enumerate() {
                if let Some(s) = &m.city
                    && !known_city(s)
                {
                    return Err(Error::invalid(
                        &format!("projects[{i}].members[{j}].city"),
                        s.as_str(),
                        "no city with this slug",
                    ));
                }
            }
        }
        for (i, t) in twin_pairs.iter().enumerate() {
            for (j, s) in std::iter::once(&t.twin).chain(&t.peers).enumerate() {
                if !known_city(s) {
                    return Err(Error::invalid(
                        &format!("twin_pairs[{i}].cities[{j}]"),
                        s.as_str(),
                        "no city with this slug",
                    ));
                }
            }
        }
        for (i, c) in conflicts.iter().enumerate() {
            for s in &c.cities {
                if !known_city(s) {
                    return Err(Error::invalid(
                        &format!("conflicts[{i}].cities"),
                        s.as_str(),
                        "no city with this slug",
                    ));
                }
            }
            for s in &c.projects {
                if !known_project(s) {
                    return Err(Error::UnknownProject {
                        path: format!("conflicts[{i}].projects"),
                        value: s.to_string(),
                        suggestions: suggest(s),
                    });
                }
            }
        }
        let mut cities = cities;
        cities.sort_by(|a, b| a.slug().cmp(b.slug()));
        let mut projects = projects;
        projects.sort_by(|a, b| a.slug().cmp(b.slug()));
        let mut names: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, c) in cities.iter().enumerate() {
            let candidate_names = c.candidates().iter().map(|k| k.name.as_str());
            let mut keys: Vec<String> =
                c.names().chain(candidate_names).map(name_key).filter(|k| !k.is_empty()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                names.entry(k).or_default().push(i);
            }
        }
        Ok(Self {
            cities,
            projects,
            twin_pairs,
            stated_counts,
            conflicts,
            names,
            as_of: None,
            overlay_as_of: None,
        })
    }

    /// A catalogue with nothing in it.
    pub(crate) fn empty() -> Self {
        Self {
            cities: Vec::new(),
            projects: Vec::new(),
            twin_pairs: Vec::new(),
            stated_counts: Vec::new(),
            conflicts: Vec::new(),
            names: BTreeMap::new(),
            as_of: None,
            overlay_as_of: None,
        }
    }

    /// The built-in catalogue, loaded and checked once (see the crate docs
    /// for what it holds).
    ///
    /// The embedded data is checked by the crate's tests; should it ever fail
    /// to load, this returns an empty catalogue and
    /// [`Catalogue::try_builtin`] reports why.
    pub fn builtin() -> &'static Catalogue {
        crate::builtin::catalogue()
    }

    /// The built-in catalogue, or the error that kept it from loading.
    ///
    /// # Errors
    ///
    /// The first problem found in the embedded data (never, as long as the
    /// crate's tests pass).
    pub fn try_builtin() -> Result<&'static Catalogue, Error> {
        crate::builtin::try_catalogue()
    }

    /// The parts this catalogue was built from (cities and projects in slug
    /// order), for building a changed catalogue.
    pub fn to_parts(&self) -> CatalogueParts {
        CatalogueParts {
            cities: self.cities.clone(),
            projects: self.projects.clone(),
            twin_pairs: self.twin_pairs.clone(),
            stated_counts: self.stated_counts.clone(),
            conflicts: self.conflicts.clone(),
        }
    }

    /// This catalogue with the cities and projects of a loaded document
    /// added, so look-ups cover both.
    ///
    /// ```
    /// use twinning_profile::{Catalogue, load_json};
    ///
    /// let doc = load_json(r#"{"schema_version": 1, "city": {"slug": "my-town", "name": "Mytown",
    ///     "country": "IE", "kind": "municipality",
    ///     "provenance": {"source": "survey", "confidence": "confirmed"}}}"#, Catalogue::builtin())?;
    /// let both = Catalogue::builtin().extended_with(doc)?;
    /// assert_eq!(both.find_by_name("MYTOWN").len(), 1);
    /// assert_eq!(both.find_by_name("Plzen").len(), 1);
    /// # Ok::<(), twinning_profile::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateId`] when a document city or project has the id or
    /// slug of a catalogue record (paths count the catalogue's records
    /// first), and any other error of [`Catalogue::new`].
    pub fn extended_with(&self, doc: crate::ProfileDocument) -> Result<Catalogue, Error> {
        let mut parts = self.to_parts();
        parts.cities.extend(doc.cities);
        parts.projects.extend(doc.projects);
        let mut c = Catalogue::new(parts)?;
        c.as_of = self.as_of;
        c.overlay_as_of = self.overlay_as_of;
        Ok(c)
    }

    /// Records the dates of `base` and of an overlay of `overlay_as_of`.
    pub(crate) fn dated_after(mut self, base: &Catalogue, overlay_as_of: NaiveDate) -> Self {
        self.as_of = base.as_of;
        self.overlay_as_of =
            Some(base.overlay_as_of.map_or(overlay_as_of, |d| d.max(overlay_as_of)));
        self
    }

    /// This catalogue, recorded as checked against its sources on `day`.
    #[must_use]
    pub fn with_as_of(mut self, day: NaiveDate) -> Self {
        self.as_of = Some(day);
        self
    }

    /// The day the catalogue's data was last checked against its sources
    /// (for the built-in catalogue, [`BUILTIN_AS_OF`](crate::BUILTIN_AS_OF));
    /// `None` for a catalogue built without one. An applied overlay does not
    /// change it: see [`Catalogue::overlay_as_of`].
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.as_of
    }

    /// The latest `as_of` day of the overlays applied with
    /// [`Catalogue::with_overlay`]; `None` when none was.
    pub fn overlay_as_of(&self) -> Option<NaiveDate> {
        self.overlay_as_of
    }

    /// Every city, in slug order.
    pub fn cities(&self) -> &[CityProfile] {
        &self.cities
    }

    /// Every partner project, in slug order.
    pub fn projects(&self) -> &[PartnerProject] {
        &self.projects
    }

    /// Known twin pairs, in the order recorded.
    pub fn twin_pairs(&self) -> &[TwinPair] {
        &self.twin_pairs
    }

    /// Headline figures as sources state them, with any discrepancy.
    pub fn stated_counts(&self) -> &[StatedCount] {
        &self.stated_counts
    }

    /// The figure stated for `kind` in cohort `cohort`'s catalogue.
    pub fn stated_count(&self, cohort: CohortNumber, kind: CountKind) -> Option<&StatedCount> {
        self.stated_counts.iter().find(|s| s.cohort == cohort && s.kind == kind)
    }

    /// Known conflicts.
    pub fn conflicts(&self) -> &[SourceConflict] {
        &self.conflicts
    }

    /// The conflicts concerning `city`.
    pub fn conflicts_of(&self, city: impl CityKey) -> Vec<&SourceConflict> {
        match self.city(city) {
            Some(c) => self.conflicts.iter().filter(|k| k.cities.contains(c.slug())).collect(),
            None => Vec::new(),
        }
    }

    /// The city with this id.
    pub fn city(&self, city: impl CityKey) -> Option<&CityProfile> {
        let id = city.city_id();
        self.cities.iter().find(|c| c.id() == id)
    }

    /// The city with this slug.
    pub fn city_by_slug(&self, slug: &str) -> Option<&CityProfile> {
        self.cities.iter().find(|c| c.slug().as_str() == slug)
    }

    /// The cities that answer to `name` — their name, a variant, or (for an
    /// unresolved entry) a candidate's name — ignoring case, accents and
    /// punctuation. In slug order; several cities may share a name
    /// (Frankfurt), so look at them all.
    pub fn find_by_name(&self, name: &str) -> Vec<&CityProfile> {
        self.names
            .get(&name_key(name))
            .map(|ix| ix.iter().filter_map(|&i| self.cities.get(i)).collect())
            .unwrap_or_default()
    }

    /// The known city names closest to `name` (names and variants, `in
    /// country` when given), for a "did you mean …?" where nothing matched:
    /// at most three, nearest first (see [`closest_names`](crate::closest_names)).
    pub fn closest_city_names(&self, name: &str, country: Option<CountryCode>) -> Vec<String> {
        let known = self
            .cities
            .iter()
            .filter(|c| country.is_none_or(|cc| c.country() == cc))
            .flat_map(|c| c.names());
        crate::closest_names(name, known, 3)
    }

    /// The known project names closest to `name` (acronyms and aliases),
    /// for a "did you mean …?": at most three, nearest first.
    pub fn closest_project_names(&self, name: &str) -> Vec<String> {
        let known = self.projects.iter().flat_map(|p| {
            std::iter::once(p.acronym()).chain(p.aliases().iter().map(String::as_str))
        });
        crate::closest_names(name, known, 3)
    }

    /// Like [`Catalogue::find_by_name`], keeping only cities in `country`
    /// when one is given.
    pub fn find(&self, name: &str, country: Option<CountryCode>) -> Vec<&CityProfile> {
        let mut found = self.find_by_name(name);
        if let Some(cc) = country {
            found.retain(|c| c.country() == cc);
        }
        found
    }

    /// The cities in `country`, in slug order.
    pub fn in_country(&self, country: CountryCode) -> impl Iterator<Item = &CityProfile> {
        self.cities.iter().filter(move |c| c.country() == country)
    }

    /// The project with this slug.
    pub fn project_by_slug(&self, slug: &str) -> Option<&PartnerProject> {
        self.projects.iter().find(|p| p.slug().as_str() == slug)
    }

    /// The project with this id.
    pub fn project(&self, id: ProjectId) -> Option<&PartnerProject> {
        self.projects.iter().find(|p| p.id() == id)
    }

    /// The project whose acronym, alias or slug is `name`, ignoring case,
    /// accents and punctuation (`urbeath` finds URBREATH, `GreenLog` finds
    /// GREEN-LOG).
    pub fn project_by_name(&self, name: &str) -> Option<&PartnerProject> {
        let key = name_key(name);
        let matches = |s: &str| name_key(s) == key;
        self.projects.iter().find(|p| {
            matches(p.acronym())
                || matches(p.slug().as_str())
                || p.aliases().iter().any(|a| matches(a))
        })
    }

    /// The catalogue cities that are members of the project with this slug,
    /// with their membership.
    pub fn in_project(&self, slug: &str) -> Vec<(&CityProfile, &ProjectMembership)> {
        self.cities
            .iter()
            .flat_map(|c| {
                c.memberships().iter().filter(|m| m.project.as_str() == slug).map(move |m| (c, m))
            })
            .collect()
    }

    /// The cities offering at least one practice with `theme`.
    pub fn offering(&self, theme: Theme) -> impl Iterator<Item = &CityProfile> {
        self.cities
            .iter()
            .filter(move |c| c.practices().iter().any(|p| p.themes().contains(&theme)))
    }

    /// The cities stating at least one learning goal with `theme`.
    pub fn wanting(&self, theme: Theme) -> impl Iterator<Item = &CityProfile> {
        self.cities
            .iter()
            .filter(move |c| c.learning_goals().iter().any(|g| g.themes().contains(&theme)))
    }

    /// The cities holding `role` on `day` (any cohort), in slug order.
    pub fn with_role_on(&self, role: Role, day: NaiveDate) -> impl Iterator<Item = &CityProfile> {
        self.cities.iter().filter(move |c| c.roles_on(day).any(|r| r.role == role))
    }

    /// The cities listed as Mission-minded in cohort `cohort`'s catalogue.
    pub fn mission_minded(&self, cohort: CohortNumber) -> impl Iterator<Item = &CityProfile> {
        self.cities.iter().filter(move |c| {
            c.roles().iter().any(|r| r.role == Role::MissionMindedCity && r.cohort == Some(cohort))
        })
    }

    /// The Mission Cities, in slug order.
    pub fn mission_cities(&self) -> impl Iterator<Item = &CityProfile> {
        self.cities.iter().filter(|c| c.has_role(Role::MissionCity))
    }

    /// Whether `city` is one of the 112 Mission Cities, with the provenance
    /// of the answer.
    ///
    /// A city the catalogue does not hold gets `false`: the list of 112 is
    /// complete (four of its members are identified only with uncertain
    /// confidence, and a Mission City answer for them says so).
    pub fn is_mission_city(&self, city: impl CityKey) -> Sourced<bool> {
        let role =
            self.city(city).and_then(|c| c.roles().iter().find(|r| r.role == Role::MissionCity));
        match role {
            Some(r) => Sourced::new(true, r.provenance.clone()),
            None => Sourced::new(false, crate::builtin::mission_list_provenance()),
        }
    }

    /// Whether a city called `name` (in `country`, when given) is a Mission
    /// City: `None` when the name matches no catalogue city at all (the
    /// caller cannot tell a Mission City spelt differently from a city
    /// outside the list). When the name fits both a Mission City and a city
    /// that is not one (`Frankfurt`), the answer is `true` with
    /// [`Confidence::Uncertain`](twinning_core::Confidence) provenance whose
    /// note names both, so that a caller asks which city is meant.
    pub fn is_mission_city_named(
        &self,
        name: &str,
        country: Option<CountryCode>,
    ) -> Option<Sourced<bool>> {
        let mut found = self.find(name, country);
        if found.is_empty() {
            return None;
        }
        // A city whose own name or variant matches outranks an unresolved
        // entry that merely lists the name as a candidate.
        if found.iter().any(|c| c.answers_to(name)) {
            found.retain(|c| c.answers_to(name));
        }
        let answers: Vec<(&CityProfile, Sourced<bool>)> =
            found.iter().map(|c| (*c, self.is_mission_city(*c))).collect();
        let yes: Vec<&str> =
            answers.iter().filter(|(_, a)| a.value).map(|(c, _)| c.name()).collect();
        let no: Vec<&str> =
            answers.iter().filter(|(_, a)| !a.value).map(|(c, _)| c.name()).collect();
        if !yes.is_empty() && !no.is_empty() {
            // Frankfurt: the name fits a Mission City and a city that is not one.
            let source =
                answers.iter().map(|(_, a)| a.provenance.source()).collect::<Vec<_>>().join("; ");
            return Some(Sourced::new(
                true,
                Provenance::uncertain(
                    source,
                    format!(
                        "the name {name:?} fits Mission Cities ({}) and cities that are not ({}); say which city is meant",
                        yes.join(", "),
                        no.join(", ")
                    ),
                ),
            ));
        }
        answers.into_iter().map(|(_, a)| a).next()
    }

    /// The Twin City and Pilot City roles `city` has held (the programme's
    /// later cohorts exclude such cities), in the order recorded.
    pub fn past_twin_or_pilot_roles(&self, city: impl CityKey) -> Vec<&CityRole> {
        self.city(city)
            .map(|c| {
                c.roles()
                    .iter()
                    .filter(|r| matches!(r.role, Role::TwinCity | Role::PilotCity))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The distinct countries of cohort `cohort`'s Mission-minded cities,
    /// sorted.
    ///
    /// An entry whose city is not identified (cohort 5's entry 24) does not
    /// count: its recorded country is not a finding.
    pub fn mission_minded_countries(&self, cohort: CohortNumber) -> Vec<CountryCode> {
        let mut v: Vec<CountryCode> = self
            .mission_minded(cohort)
            .filter(|c| c.is_identified())
            .map(|c| c.country())
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CityKind, CityProfileDraft};

    fn city(slug: &str, project: Option<&str>) -> CityProfile {
        let mut d = CityProfileDraft::new(
            slug,
            slug,
            "BE",
            CityKind::Municipality,
            Provenance::confirmed("t"),
        );
        if let Some(p) = project {
            d.memberships.push(ProjectMembership {
                project: p.parse().unwrap(),
                roles: vec![crate::ProjectRole::Partner],
                provenance: Provenance::confirmed("t"),
            });
        }
        CityProfile::new(d, "c").unwrap()
    }

    #[test]
    fn links_are_checked() {
        let parts = CatalogueParts { cities: vec![city("a", Some("nope"))], ..Default::default() };
        assert!(matches!(Catalogue::new(parts), Err(Error::UnknownProject { .. })));
        let parts =
            CatalogueParts { cities: vec![city("a", None), city("a", None)], ..Default::default() };
        assert!(matches!(Catalogue::new(parts), Err(Error::DuplicateId { .. })));
    }

    #[test]
    fn cities_come_out_in_slug_order() {
        let parts =
            CatalogueParts { cities: vec![city("b", None), city("a", None)], ..Default::default() };
        let c = Catalogue::new(parts).unwrap();
        let slugs: Vec<&str> = c.cities().iter().map(|c| c.slug().as_str()).collect();
        assert_eq!(slugs, ["a", "b"]);
    }
}
