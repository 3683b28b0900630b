//! City profiles: who a city is, the roles it has held, its project
//! memberships, what it has tested and what it wants to learn.

use chrono::NaiveDate;
use twinning_core::{CityId, CohortNumber, CountryCode, Provenance, Role, Slug, Sourced};

use crate::practice::{LearningGoalDraft, PracticeDraft, check_visible_name, parse_slug};
use crate::{Error, LearningGoal, Practice, name_key};

/// What sort of local authority a profile describes.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum CityKind {
    /// A municipality or city council.
    Municipality,
    /// A district of a larger city (Başakşehir in Istanbul, Çankaya in
    /// Ankara, Bucharest's Sector 2); `part_of` names the larger city.
    District,
    /// A metropolitan authority or region (Nantes Métropole, Ankara
    /// Metropolitan Municipality, the Brussels-Capital Region).
    MetropolitanAuthority,
    /// Several cities applying together (Eindhoven and Helmond).
    JointBid,
}

/// A role a city held, from a day on, with where that is recorded.
///
/// `cohort` is required for Twin City and Mission-minded roles, optional for
/// Pilot Cities (the sources do not always say which Pilot cohort a city
/// belongs to) and absent for [`Role::MissionCity`]; a [`CityProfile`]
/// checks this. `since` is the
/// day the role was announced or the source speaks for, when known.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CityRole {
    /// The role.
    pub role: Role,
    /// The cohort (Pilot cohort for Pilot Cities, twinning cohort otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cohort: Option<CohortNumber>,
    /// The first day the role is known to be held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
    /// Where the role is recorded.
    pub provenance: Provenance,
}

impl CityRole {
    /// Whether the role is held on `day`: roles are not withdrawn, so this is
    /// `since <= day`; a role with an unknown start counts as held.
    pub fn held_on(&self, day: NaiveDate) -> bool {
        self.since.is_none_or(|s| s <= day)
    }

    pub(crate) fn check(&self, path: &str) -> Result<(), Error> {
        let value = || format!("{}{:?}", self.role.key(), self.cohort);
        match (self.role, self.cohort) {
            (Role::MissionCity, Some(_)) => Err(Error::invalid(
                &format!("{path}.cohort"),
                value(),
                "the Mission City role has no cohort",
            )),
            (Role::MissionCity | Role::PilotCity, None) => Ok(()),
            (_, None) => Err(Error::invalid(
                &format!("{path}.cohort"),
                value(),
                "twin and mission-minded roles name their cohort",
            )),
            (_, Some(c)) if !(1..=9).contains(&c.get()) => {
                Err(Error::invalid(&format!("{path}.cohort"), c.to_string(), "cohorts run 1 to 9"))
            }
            _ => Ok(()),
        }
    }
}

/// The part a city plays in a partner project.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ProjectRole {
    /// Coordinates or leads the project (Hamburg in AMIGOS).
    Leader,
    /// A lighthouse or lead city demonstrating solutions.
    Lighthouse,
    /// A front-runner city (URBREATH's word for lighthouses).
    FrontRunner,
    /// A follower city replicating lighthouse solutions.
    Follower,
    /// A fellow city (SPARCS, NEUTRALPATH).
    Fellow,
    /// A multiplier city (ASCEND).
    Multiplier,
    /// An observer city (ELABORATOR).
    Observer,
    /// Hosts a living lab.
    LivingLab,
    /// A pilot site, such as an AMIGOS Safety Improvement Area.
    Pilot,
    /// A twin or twinning city of the project (AMIGOS, SPINE).
    Twin,
    /// A member of a city network (the DUT city network).
    NetworkMember,
    /// A partner whose role the sources do not name more precisely.
    Partner,
}

/// A city's membership of a partner project.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProjectMembership {
    /// The project's slug (`spine`, `amigos`).
    pub project: Slug,
    /// The parts the city plays; at least one.
    pub roles: Vec<ProjectRole>,
    /// Where the membership is recorded and how sure it is.
    pub provenance: Provenance,
}

/// A city a profile may be, when the sources do not settle which.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IdentityCandidate {
    /// The candidate's name.
    pub name: String,
    /// Its country.
    pub country: CountryCode,
    /// What speaks for it.
    pub provenance: Provenance,
}

/// A validated city profile.
///
/// Built with [`CityProfile::new`] from a [`CityProfileDraft`] (which is
/// also its JSON shape), so every value has a valid slug, a non-empty name,
/// a valid country code, roles with their cohorts, and practices and goals
/// with at least one theme. Which *projects* exist is checked when the
/// profile joins a catalogue or a document ([`crate::load_json`]).
///
/// ```
/// use twinning_profile::{CityKind, CityProfile, CityProfileDraft};
/// use twinning_core::Provenance;
///
/// let draft = CityProfileDraft::new("gent", "Gent", "BE", CityKind::Municipality, Provenance::confirmed("seed 000"));
/// let gent = CityProfile::new(CityProfileDraft { variants: vec!["Ghent".into()], ..draft }, "city")?;
/// assert!(gent.answers_to("GHENT"));
/// assert!(CityProfile::new(CityProfileDraft::new("x", " ", "BE", CityKind::Municipality, Provenance::confirmed("me")), "city").is_err());
/// # Ok::<(), twinning_profile::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "CityProfileDraft", into = "CityProfileDraft")]
pub struct CityProfile {
    id: CityId,
    slug: Slug,
    name: String,
    variants: Vec<String>,
    country: CountryCode,
    kind: CityKind,
    part_of: Option<String>,
    candidates: Vec<IdentityCandidate>,
    roles: Vec<CityRole>,
    climate_neutrality_target: Option<Sourced<i32>>,
    memberships: Vec<ProjectMembership>,
    practices: Vec<Practice>,
    learning_goals: Vec<LearningGoal>,
    provenance: Provenance,
}

/// The unvalidated shape of a [`CityProfile`]: the fields of a JSON city
/// document. `country` and `slug` are plain text here so that a bad value is
/// reported as [`Error::UnknownCountry`] or [`Error::InvalidValue`] with its
/// path.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CityProfileDraft {
    /// The id; derived from the slug ([`CityId::from_slug`]) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<CityId>,
    /// A stable key (`agueda`, `issy-les-moulineaux`).
    pub slug: String,
    /// The name in its own language with its diacritics (`Águeda`, `Plzeň`).
    pub name: String,
    /// Other names people use (`Pilsen`, `Agueda`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    /// ISO 3166-1 alpha-2 code (`GB` for the United Kingdom, `GR` for Greece).
    pub country: String,
    /// The kind of authority.
    pub kind: CityKind,
    /// The larger city of a district.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
    /// When the sources do not settle which city this is: the candidates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<IdentityCandidate>,
    /// Roles held in the programme.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<CityRole>,
    /// The year the city aims to be climate-neutral, with its source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub climate_neutrality_target: Option<Sourced<i32>>,
    /// Partner-project memberships.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub memberships: Vec<ProjectMembership>,
    /// Tested practices offered to peers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub practices: Vec<PracticeDraft>,
    /// Learning goals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub learning_goals: Vec<LearningGoalDraft>,
    /// Where the profile comes from.
    pub provenance: Provenance,
}

impl CityProfileDraft {
    /// A draft with the required fields and nothing else.
    pub fn new(
        slug: impl Into<String>,
        name: impl Into<String>,
        country: impl Into<String>,
        kind: CityKind,
        provenance: Provenance,
    ) -> Self {
        Self {
            id: None,
            slug: slug.into(),
            name: name.into(),
            variants: Vec::new(),
            country: country.into(),
            kind,
            part_of: None,
            candidates: Vec::new(),
            roles: Vec::new(),
            climate_neutrality_target: None,
            memberships: Vec::new(),
            practices: Vec::new(),
            learning_goals: Vec::new(),
            provenance,
        }
    }
}

impl TryFrom<CityProfileDraft> for CityProfile {
    type Error = Error;
    fn try_from(draft: CityProfileDraft) -> Result<Self, Error> {
        CityProfile::new(draft, "city")
    }
}

impl From<CityProfile> for CityProfileDraft {
    fn from(c: CityProfile) -> Self {
        Self {
            id: Some(c.id),
            slug: c.slug.to_string(),
            name: c.name,
            variants: c.variants,
            country: c.country.to_string(),
            kind: c.kind,
            part_of: c.part_of,
            candidates: c.candidates,
            roles: c.roles,
            climate_neutrality_target: c.climate_neutrality_target,
            memberships: c.memberships,
            practices: c.practices.into_iter().map(PracticeDraft::from).collect(),
            learning_goals: c.learning_goals.into_iter().map(LearningGoalDraft::from).collect(),
            provenance: c.provenance,
        }
    }
}

impl CityProfile {
    /// Checks `draft`, naming problems under `path` (`cities[3]`).
    ///
    /// # Errors
    ///
    /// [`Error::EmptyField`] for an empty name, variant or candidate name,
    /// [`Error::Mojibake`] for a name, variant, `part_of` or candidate name
    /// that looks like UTF-8 read with the wrong code page,
    /// [`Error::InvalidValue`] for one with a character that prints as
    /// nothing or as something else (names are kept composed, NFC: see
    /// [`twinning_core::visible_text`]),
    /// or a membership without roles; [`Error::UnknownCountry`] for a bad
    /// country code; [`Error::InvalidValue`] for a bad slug, a role without
    /// its cohort (or a Mission City role with one), a target year outside
    /// 2000–2100, or a practice or goal that breaks its own rules;
    /// [`Error::DuplicateId`] for two practices or goals with the same id.
    pub fn new(mut draft: CityProfileDraft, path: &str) -> Result<Self, Error> {
        let slug = parse_slug(&format!("{path}.slug"), &draft.slug)?;
        check_name(path, "name", &mut draft.name)?;
        for (i, v) in draft.variants.iter_mut().enumerate() {
            check_visible_name(&format!("{path}.variants[{i}]"), "variant", v)?;
            check_mojibake(&format!("{path}.variants[{i}]"), v)?;
        }
        let country = CountryCode::new(&draft.country).map_err(|e| Error::UnknownCountry {
            path: format!("{path}.country"),
            value: draft.country.clone(),
            reason: e.to_string(),
        })?;
        if let Some(p) = &mut draft.part_of {
            check_name(path, "part_of", p)?;
        }
        for (i, c) in draft.candidates.iter_mut().enumerate() {
            check_name(&format!("{path}.candidates[{i}]"), "name", &mut c.name)?;
        }
        for (i, r) in draft.roles.iter().enumerate() {
            r.check(&format!("{path}.roles[{i}]"))?;
        }
        if let Some(t) = &draft.climate_neutrality_target
            && !(2000..=2100).contains(&t.value)
        {
            return Err(Error::invalid(
                &format!("{path}.climate_neutrality_target.value"),
                t.value.to_string(),
                "a target year lies between 2000 and 2100",
            ));
        }
        for (i, m) in draft.memberships.iter().enumerate() {
            if m.roles.is_empty() {
                return Err(Error::EmptyField {
                    path: format!("{path}.memberships[{i}].roles"),
                    field: "roles",
                });
            }
        }
        let mut practices = Vec::with_capacity(draft.practices.len());
        for (i, p) in draft.practices.into_iter().enumerate() {
            let here = format!("{path}.practices[{i}]");
            let p = Practice::new(p, &here)?;
            if let Some(j) = practices.iter().position(|q: &Practice| q.id() == p.id()) {
                return Err(Error::DuplicateId {
                    path: here,
                    kind: "practice",
                    id: p.id().to_string(),
                    first: format!("{path}.practices[{j}]"),
                });
            }
            practices.push(p);
        }
        let mut learning_goals = Vec::with_capacity(draft.learning_goals.len());
        for (i, g) in draft.learning_goals.into_iter().enumerate() {
            let here = format!("{path}.learning_goals[{i}]");
            let g = LearningGoal::new(g, &here)?;
            if let Some(j) = learning_goals.iter().position(|h: &LearningGoal| h.id() == g.id()) {
                return Err(Error::DuplicateId {
                    path: here,
                    kind: "learning-goal",
                    id: g.id().to_string(),
                    first: format!("{path}.learning_goals[{j}]"),
                });
            }
            learning_goals.push(g);
        }
        Ok(Self {
            id: draft.id.unwrap_or_else(|| CityId::from_slug(&slug)),
            slug,
            name: draft.name,
            variants: draft.variants,
            country,
            kind: draft.kind,
            part_of: draft.part_of,
            candidates: draft.candidates,
            roles: draft.roles,
            climate_neutrality_target: draft.climate_neutrality_target,
            memberships: draft.memberships,
            practices,
            learning_goals,
            provenance: draft.provenance,
        })
    }

    /// The id.
    pub fn id(&self) -> CityId {
        self.id
    }
    /// The stable key.
    pub fn slug(&self) -> &Slug {
        &self.slug
    }
    /// The name, with its diacritics.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Other names people use.
    pub fn variants(&self) -> &[String] {
        &self.variants
    }
    /// The name and every variant.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.variants.iter().map(String::as_str))
    }
    /// The country.
    pub fn country(&self) -> CountryCode {
        self.country
    }
    /// The kind of authority.
    pub fn kind(&self) -> CityKind {
        self.kind
    }
    /// The larger city of a district.
    pub fn part_of(&self) -> Option<&str> {
        self.part_of.as_deref()
    }
    /// The candidate identities when the sources do not settle which city
    /// this is; empty when they do.
    pub fn candidates(&self) -> &[IdentityCandidate] {
        &self.candidates
    }
    /// Whether the city's identity is settled (no candidates).
    pub fn is_identified(&self) -> bool {
        self.candidates.is_empty()
    }
    /// Every role held, in the order recorded.
    pub fn roles(&self) -> &[CityRole] {
        &self.roles
    }
    /// The roles held on `day`.
    pub fn roles_on(&self, day: NaiveDate) -> impl Iterator<Item = &CityRole> {
        self.roles.iter().filter(move |r| r.held_on(day))
    }
    /// The climate-neutrality target year, with its source.
    pub fn climate_neutrality_target(&self) -> Option<&Sourced<i32>> {
        self.climate_neutrality_target.as_ref()
    }
    /// Partner-project memberships.
    pub fn memberships(&self) -> &[ProjectMembership] {
        &self.memberships
    }
    /// Tested practices.
    pub fn practices(&self) -> &[Practice] {
        &self.practices
    }
    /// Learning goals.
    pub fn learning_goals(&self) -> &[LearningGoal] {
        &self.learning_goals
    }
    /// Where the profile comes from.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }
    /// Whether `name` is the city's name or a variant, ignoring case,
    /// accents, spaces, hyphens and punctuation (see [`name_key`]).
    pub fn answers_to(&self, name: &str) -> bool {
        let key = name_key(name);
        !key.is_empty() && self.names().any(|n| name_key(n) == key)
    }
    /// Whether the profile holds the role `kind` (any cohort).
    pub fn has_role(&self, kind: Role) -> bool {
        self.roles.iter().any(|r| r.role == kind)
    }
}

/// Checks a name field: not empty, nothing hidden, composed (NFC), and not
/// mojibake.
fn check_name(path: &str, field: &'static str, text: &mut String) -> Result<(), Error> {
    check_visible_name(path, field, text)?;
    check_mojibake(&format!("{path}.{field}"), text)
}

/// Rejects a name that looks like UTF-8 read with the wrong code page.
pub(crate) fn check_mojibake(path: &str, text: &str) -> Result<(), Error> {
    match crate::detect_mojibake(text) {
        Some(m) => Err(Error::Mojibake {
            path: path.to_owned(),
            value: text.to_owned(),
            detail: m.to_string(),
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> CityProfileDraft {
        CityProfileDraft::new(
            "koln",
            "Köln",
            "DE",
            CityKind::Municipality,
            Provenance::confirmed("t"),
        )
    }

    fn role(role: Role, cohort: Option<u16>) -> CityRole {
        let cohort = cohort.map(|n| CohortNumber::new(n).unwrap());
        CityRole { role, cohort, since: None, provenance: Provenance::confirmed("t") }
    }

    #[test]
    fn names_are_composed_and_hidden_characters_refused() {
        // "Köln" with o + U+0308 (decomposed) is kept as U+00F6 (composed).
        let mut d = draft();
        d.name = "Ko\u{308}ln".to_owned();
        d.variants = vec!["Colo\u{301}nia".to_owned()];
        let c = CityProfile::new(d, "city").unwrap();
        assert_eq!(c.name(), "K\u{f6}ln");
        assert_eq!(c.names().nth(1), Some("Col\u{f3}nia"));
        for bad in ["K\u{f6}\u{ad}ln", "K\u{f6}ln\u{200b}", "\u{202e}nl\u{f6}K", "K\u{f6}ln\tDE"] {
            let mut d = draft();
            d.name = bad.to_owned();
            let e = CityProfile::new(d, "city").unwrap_err();
            assert!(matches!(&e, Error::InvalidValue { path, .. } if path == "city.name"), "{e}");
        }
    }

    #[test]
    fn roles_carry_the_right_cohorts() {
        for (kind, cohort, ok) in [
            (Role::MissionCity, None, true),
            (Role::MissionCity, Some(1), false),
            (Role::PilotCity, None, true),
            (Role::TwinCity, None, false),
            (Role::TwinCity, Some(10), false),
            (Role::MissionMindedCity, Some(5), true),
        ] {
            let d = CityProfileDraft { roles: vec![role(kind, cohort)], ..draft() };
            assert_eq!(CityProfile::new(d, "c").is_ok(), ok, "{kind:?} {cohort:?}");
        }
    }

    #[test]
    fn names_and_variants_answer_look_ups() {
        let d = CityProfileDraft { variants: vec!["Cologne".into()], ..draft() };
        let c = CityProfile::new(d, "c").unwrap();
        assert!(c.answers_to("KOLN") && c.answers_to("cologne") && !c.answers_to(""));
        assert_eq!(c.id(), CityId::from_slug(&"koln".parse().unwrap()));
    }

    #[test]
    fn target_years_are_bounded() {
        let d = CityProfileDraft {
            climate_neutrality_target: Some(Sourced::new(1999, Provenance::confirmed("t"))),
            ..draft()
        };
        assert!(matches!(CityProfile::new(d, "c"), Err(Error::InvalidValue { .. })));
    }
}
