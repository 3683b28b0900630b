//! EU-funded partner projects and the programmes that fund them.

use rust_decimal::Decimal;
use twinning_core::{DateRange, ProjectId, Provenance, Slug, Sourced};

use crate::practice::{check_themes, check_visible_name, parse_slug};
use crate::{Error, ProjectRole, Theme};

/// The programme that funds a partner project.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum FundingProgramme {
    /// Horizon Europe (2021–2027), including its Cities Mission calls.
    HorizonEurope,
    /// Horizon 2020 (2014–2020).
    #[serde(rename = "horizon-2020")]
    Horizon2020,
    /// The Driving Urban Transitions partnership (co-funded by Horizon Europe).
    Dut,
    /// The Clean Energy Transition partnership.
    CetPartnership,
    /// The LIFE programme for the environment and climate action.
    Life,
    /// Interreg (European territorial co-operation).
    Interreg,
    /// Another programme; the project's provenance note says which.
    Other,
}

/// A city taking part in a project, by name (the project's member lists name
/// cities the catalogue does not profile).
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ProjectMember {
    /// The city's name as the source gives it.
    pub name: String,
    /// The city's slug, when the catalogue profiles it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<Slug>,
    /// The part it plays.
    pub role: ProjectRole,
}

/// A validated EU-funded partner project.
///
/// Facts the sources do not give stay `None` (full name, period, budget,
/// funding programme); an uncertain one carries a provenance that says so.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "PartnerProjectDraft", into = "PartnerProjectDraft")]
pub struct PartnerProject {
    id: ProjectId,
    slug: Slug,
    acronym: String,
    aliases: Vec<String>,
    full_name: Option<String>,
    programme: Option<Sourced<FundingProgramme>>,
    period: Option<DateRange>,
    budget_eur: Option<Decimal>,
    themes: Vec<Theme>,
    members: Vec<ProjectMember>,
    provenance: Provenance,
}

/// The unvalidated shape of a [`PartnerProject`], as it appears in JSON.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PartnerProjectDraft {
    /// The id; derived from the slug when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<ProjectId>,
    /// A stable key (`spine`, `civitas-trace`).
    pub slug: String,
    /// The acronym as the project writes it (`URBREATH`, `GreenInCities`).
    pub acronym: String,
    /// Other spellings met in sources (`GreenLog`, or `URBEATH`, the
    /// catalogue's misspelling of URBREATH), so look-ups find the project.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The full name, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// The funding programme with its source, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<Sourced<FundingProgramme>>,
    /// The project's running period, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<DateRange>,
    /// The budget in euros, when known (a string in JSON: `"14156810"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_eur: Option<Decimal>,
    /// At least one theme, none twice.
    pub themes: Vec<Theme>,
    /// Member cities by role, as far as the sources name them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<ProjectMember>,
    /// Where the project's facts come from.
    pub provenance: Provenance,
}

impl TryFrom<PartnerProjectDraft> for PartnerProject {
    type Error = Error;
    fn try_from(draft: PartnerProjectDraft) -> Result<Self, Error> {
        PartnerProject::new(draft, "project")
    }
}

impl From<PartnerProject> for PartnerProjectDraft {
    fn from(p: PartnerProject) -> Self {
        Self {
            id: Some(p.id),
            slug: p.slug.to_string(),
            acronym: p.acronym,
            aliases: p.aliases,
            full_name: p.full_name,
            programme: p.programme,
            period: p.period,
            budget_eur: p.budget_eur,
            themes: p.themes,
            members: p.members,
            provenance: p.provenance,
        }
    }
}

impl PartnerProject {
    /// Checks `draft`, naming problems under `path`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyField`] for an empty acronym, full name, member name or
    /// theme list; [`Error::InvalidValue`] for a bad slug, a negative budget,
    /// a theme listed twice, or a name with a character that prints as
    /// nothing or as something else (names are kept composed, NFC: see
    /// [`twinning_core::visible_text`]).
    pub fn new(mut draft: PartnerProjectDraft, path: &str) -> Result<Self, Error> {
        let slug = parse_slug(&format!("{path}.slug"), &draft.slug)?;
        check_visible_name(path, "acronym", &mut draft.acronym)?;
        for (i, a) in draft.aliases.iter_mut().enumerate() {
            check_visible_name(&format!("{path}.aliases[{i}]"), "alias", a)?;
        }
        if let Some(f) = &mut draft.full_name {
            check_visible_name(path, "full_name", f)?;
        }
        if let Some(b) = draft.budget_eur
            && b.is_sign_negative()
            && !b.is_zero()
        {
            return Err(Error::invalid(
                &format!("{path}.budget_eur"),
                b.to_string(),
                "a budget cannot be negative",
            ));
        }
        check_themes(&format!("{path}.themes"), &draft.themes)?;
        for (i, m) in draft.members.iter_mut().enumerate() {
            check_visible_name(&format!("{path}.members[{i}]"), "name", &mut m.name)?;
        }
        Ok(Self {
            id: draft.id.unwrap_or_else(|| ProjectId::from_slug(&slug)),
            slug,
            acronym: draft.acronym,
            aliases: draft.aliases,
            full_name: draft.full_name,
            programme: draft.programme,
            period: draft.period,
            budget_eur: draft.budget_eur,
            themes: draft.themes,
            members: draft.members,
            provenance: draft.provenance,
        })
    }

    /// The id.
    pub fn id(&self) -> ProjectId {
        self.id
    }
    /// The stable key.
    pub fn slug(&self) -> &Slug {
        &self.slug
    }
    /// The acronym.
    pub fn acronym(&self) -> &str {
        &self.acronym
    }
    /// Other spellings met in sources.
    pub fn aliases(&self) -> &[String] {
        &self.aliases
    }
    /// The full name, when known.
    pub fn full_name(&self) -> Option<&str> {
        self.full_name.as_deref()
    }
    /// The funding programme with its source, when known.
    pub fn programme(&self) -> Option<&Sourced<FundingProgramme>> {
        self.programme.as_ref()
    }
    /// The running period, when known.
    pub fn period(&self) -> Option<DateRange> {
        self.period
    }
    /// The budget in euros, when known.
    pub fn budget_eur(&self) -> Option<Decimal> {
        self.budget_eur
    }
    /// The themes.
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }
    /// Member cities by role, as far as the sources name them.
    pub fn members(&self) -> &[ProjectMember] {
        &self.members
    }
    /// The members holding `role`.
    pub fn members_with_role(&self, role: ProjectRole) -> impl Iterator<Item = &ProjectMember> {
        self.members.iter().filter(move |m| m.role == role)
    }
    /// Where the project's facts come from.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }
}
