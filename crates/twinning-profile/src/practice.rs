//! Tested practices a city offers and learning goals it states.

use rust_decimal::Decimal;
use twinning_core::{LearningGoalId, PracticeId, Provenance, Slug};

use crate::{Error, Theme};

/// The unit of a [`Quantity`].
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// A number of things (`22` docking stations); `what` names the things.
    Count,
    /// Money in euros (`4000000` for €4M).
    Eur,
    /// Kilometres.
    Km,
    /// Hectares.
    Ha,
    /// Square metres.
    M2,
    /// A percentage (`-30` for a 30 % cut).
    Percent,
}

impl Unit {
    /// The symbol used when printing a quantity.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Count => "",
            Unit::Eur => "EUR",
            Unit::Km => "km",
            Unit::Ha => "ha",
            Unit::M2 => "m²",
            Unit::Percent => "%",
        }
    }
}

/// A figure with its unit: 22 docking stations, €4M, about 100 km.
///
/// Amounts are [`Decimal`] and serialize as strings, so money and figures
/// round-trip exactly. `approximate` keeps the source's "~" or "about".
///
/// ```
/// use rust_decimal::Decimal;
/// use twinning_profile::{Quantity, Unit};
///
/// let network = Quantity::new(Decimal::from(100), Unit::Km, "cycling-path network", true)?;
/// assert_eq!(network.to_string(), "~100 km cycling-path network");
/// # Ok::<(), twinning_profile::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "RawQuantity", into = "RawQuantity")]
pub struct Quantity {
    amount: Decimal,
    unit: Unit,
    what: String,
    approximate: bool,
}

/// The serialized shape of a [`Quantity`].
#[derive(Clone, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RawQuantity {
    amount: Decimal,
    unit: Unit,
    what: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    approximate: bool,
}

impl TryFrom<RawQuantity> for Quantity {
    type Error = Error;
    fn try_from(raw: RawQuantity) -> Result<Self, Error> {
        Quantity::new(raw.amount, raw.unit, raw.what, raw.approximate)
    }
}

impl From<Quantity> for RawQuantity {
    fn from(q: Quantity) -> Self {
        Self { amount: q.amount, unit: q.unit, what: q.what, approximate: q.approximate }
    }
}

impl Quantity {
    /// A figure of `amount` `unit` describing `what`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyField`] when `what` is empty; [`Error::InvalidValue`]
    /// for a negative amount of money or of a count.
    pub fn new(
        amount: Decimal,
        unit: Unit,
        what: impl Into<String>,
        approximate: bool,
    ) -> Result<Self, Error> {
        let what = what.into();
        if what.trim().is_empty() {
            return Err(Error::EmptyField { path: "quantity.what".to_owned(), field: "what" });
        }
        if amount.is_sign_negative() && !amount.is_zero() && unit != Unit::Percent {
            return Err(Error::invalid(
                "quantity.amount",
                amount.to_string(),
                "only percentages may be negative",
            ));
        }
        Ok(Self { amount, unit, what, approximate })
    }

    /// The amount.
    pub fn amount(&self) -> Decimal {
        self.amount
    }

    /// The unit.
    pub fn unit(&self) -> Unit {
        self.unit
    }

    /// What is counted or measured.
    pub fn what(&self) -> &str {
        &self.what
    }

    /// Whether the source gives the figure as approximate.
    pub fn is_approximate(&self) -> bool {
        self.approximate
    }
}

impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.approximate {
            f.write_str("~")?;
        }
        match self.unit {
            Unit::Eur => write!(f, "EUR {} {}", self.amount, self.what),
            Unit::Count => write!(f, "{} {}", self.amount, self.what),
            Unit::Percent => write!(f, "{}% {}", self.amount, self.what),
            u => write!(f, "{} {} {}", self.amount, u.symbol(), self.what),
        }
    }
}

/// Checks a theme list: at least one theme, none twice.
pub(crate) fn check_themes(path: &str, themes: &[Theme]) -> Result<(), Error> {
    if themes.is_empty() {
        return Err(Error::EmptyField { path: path.to_owned(), field: "themes" });
    }
    for (i, t) in themes.iter().enumerate() {
        if themes.iter().take(i).any(|u| u == t) {
            return Err(Error::invalid(&format!("{path}[{i}]"), t.key(), "theme listed twice"));
        }
    }
    Ok(())
}

pub(crate) fn check_text(path: &str, field: &'static str, text: &str) -> Result<(), Error> {
    if text.trim().is_empty() {
        Err(Error::EmptyField { path: format!("{path}.{field}"), field })
    } else {
        Ok(())
    }
}

/// Checks a name field like [`check_text`], refuses a character that prints
/// as nothing or as something else, and keeps the name composed (NFC): see
/// [`twinning_core::visible_text`].
pub(crate) fn check_visible_name(
    path: &str,
    field: &'static str,
    text: &mut String,
) -> Result<(), Error> {
    check_text(path, field, text)?;
    match twinning_core::visible_text(text) {
        Ok(std::borrow::Cow::Borrowed(_)) => Ok(()),
        Ok(std::borrow::Cow::Owned(composed)) => {
            *text = composed;
            Ok(())
        }
        Err(e) => Err(Error::invalid(&format!("{path}.{field}"), text.as_str(), e)),
    }
}

pub(crate) fn parse_slug(path: &str, text: &str) -> Result<Slug, Error> {
    text.parse::<Slug>().map_err(|e| Error::invalid(path, text, e))
}

/// A practice a city has tested and offers to peers.
///
/// The title and description are in the library's own words; `themes` place
/// it in the closed [`Theme`] taxonomy; `projects` name the partner projects
/// (by slug) it comes from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "PracticeDraft", into = "PracticeDraft")]
pub struct Practice {
    id: PracticeId,
    slug: Slug,
    title: String,
    description: String,
    themes: Vec<Theme>,
    quantities: Vec<Quantity>,
    projects: Vec<Slug>,
    provenance: Option<Provenance>,
}

/// The unvalidated shape of a [`Practice`], as it appears in JSON.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PracticeDraft {
    /// The id; derived from the slug when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<PracticeId>,
    /// A stable key, unique across the document (`agueda-beagueda`).
    pub slug: String,
    /// A short title.
    pub title: String,
    /// What was done, in a few sentences.
    #[serde(default)]
    pub description: String,
    /// At least one theme, none twice.
    pub themes: Vec<Theme>,
    /// Figures with units.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quantities: Vec<Quantity>,
    /// Slugs of the partner projects the practice comes from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<String>,
    /// Where the practice is described; the city's provenance when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

impl TryFrom<PracticeDraft> for Practice {
    type Error = Error;
    fn try_from(draft: PracticeDraft) -> Result<Self, Error> {
        Practice::new(draft, "practice")
    }
}

impl From<Practice> for PracticeDraft {
    fn from(p: Practice) -> Self {
        Self {
            id: Some(p.id),
            slug: p.slug.to_string(),
            title: p.title,
            description: p.description,
            themes: p.themes,
            quantities: p.quantities,
            projects: p.projects.iter().map(ToString::to_string).collect(),
            provenance: p.provenance,
        }
    }
}

impl Practice {
    /// Checks `draft`, reporting problems under `path`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyField`] for an empty title or theme list;
    /// [`Error::InvalidValue`] for a bad slug or a theme listed twice.
    pub fn new(draft: PracticeDraft, path: &str) -> Result<Self, Error> {
        let slug = parse_slug(&format!("{path}.slug"), &draft.slug)?;
        check_text(path, "title", &draft.title)?;
        check_themes(&format!("{path}.themes"), &draft.themes)?;
        let projects = draft
            .projects
            .iter()
            .enumerate()
            .map(|(i, p)| parse_slug(&format!("{path}.projects[{i}]"), p))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            id: draft.id.unwrap_or_else(|| PracticeId::from_slug(&slug)),
            slug,
            title: draft.title,
            description: draft.description,
            themes: draft.themes,
            quantities: draft.quantities,
            projects,
            provenance: draft.provenance,
        })
    }

    /// The id.
    pub fn id(&self) -> PracticeId {
        self.id
    }
    /// The stable key.
    pub fn slug(&self) -> &Slug {
        &self.slug
    }
    /// The title.
    pub fn title(&self) -> &str {
        &self.title
    }
    /// The description.
    pub fn description(&self) -> &str {
        &self.description
    }
    /// The themes, in the order given.
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }
    /// The figures.
    pub fn quantities(&self) -> &[Quantity] {
        &self.quantities
    }
    /// The partner projects (slugs) the practice comes from.
    pub fn projects(&self) -> &[Slug] {
        &self.projects
    }
    /// Where the practice is described, when it differs from the city's.
    pub fn provenance(&self) -> Option<&Provenance> {
        self.provenance.as_ref()
    }
}

/// Something a city states it wants to learn.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "LearningGoalDraft", into = "LearningGoalDraft")]
pub struct LearningGoal {
    id: LearningGoalId,
    slug: Slug,
    text: String,
    themes: Vec<Theme>,
    provenance: Option<Provenance>,
}

/// The unvalidated shape of a [`LearningGoal`], as it appears in JSON.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LearningGoalDraft {
    /// The id; derived from the slug when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<LearningGoalId>,
    /// A stable key, unique across the document.
    pub slug: String,
    /// The goal, in a sentence or two.
    pub text: String,
    /// At least one theme, none twice.
    pub themes: Vec<Theme>,
    /// Where the goal is stated; the city's provenance when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

impl TryFrom<LearningGoalDraft> for LearningGoal {
    type Error = Error;
    fn try_from(draft: LearningGoalDraft) -> Result<Self, Error> {
        LearningGoal::new(draft, "learning_goal")
    }
}

impl From<LearningGoal> for LearningGoalDraft {
    fn from(g: LearningGoal) -> Self {
        Self {
            id: Some(g.id),
            slug: g.slug.to_string(),
            text: g.text,
            themes: g.themes,
            provenance: g.provenance,
        }
    }
}

impl LearningGoal {
    /// Checks `draft`, reporting problems under `path`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptyField`] for an empty text or theme list;
    /// [`Error::InvalidValue`] for a bad slug or a theme listed twice.
    pub fn new(draft: LearningGoalDraft, path: &str) -> Result<Self, Error> {
        let slug = parse_slug(&format!("{path}.slug"), &draft.slug)?;
        check_text(path, "text", &draft.text)?;
        check_themes(&format!("{path}.themes"), &draft.themes)?;
        Ok(Self {
            id: draft.id.unwrap_or_else(|| LearningGoalId::from_slug(&slug)),
            slug,
            text: draft.text,
            themes: draft.themes,
            provenance: draft.provenance,
        })
    }

    /// The id.
    pub fn id(&self) -> LearningGoalId {
        self.id
    }
    /// The stable key.
    pub fn slug(&self) -> &Slug {
        &self.slug
    }
    /// The goal.
    pub fn text(&self) -> &str {
        &self.text
    }
    /// The themes, in the order given.
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }
    /// Where the goal is stated, when it differs from the city's.
    pub fn provenance(&self) -> Option<&Provenance> {
        self.provenance.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_percentages_may_be_negative() {
        assert!(Quantity::new(Decimal::new(-30, 0), Unit::Percent, "heat demand", false).is_ok());
        assert!(Quantity::new(Decimal::new(-1, 0), Unit::Eur, "budget", false).is_err());
        assert!(Quantity::new(Decimal::ZERO, Unit::Count, " ", false).is_err());
    }

    #[test]
    fn money_keeps_its_scale_in_json() {
        let q = Quantity::new(Decimal::new(1_198_636_450, 2), Unit::Eur, "budget", false).unwrap();
        let json = serde_json::to_string(&q).unwrap();
        assert_eq!(json, r#"{"amount":"11986364.50","unit":"eur","what":"budget"}"#);
        assert_eq!(serde_json::from_str::<Quantity>(&json).unwrap(), q);
    }

    #[test]
    fn themes_must_be_present_and_distinct() {
        assert!(check_themes("t", &[]).is_err());
        assert!(check_themes("t", &[Theme::Energy, Theme::Energy]).is_err());
        assert!(check_themes("t", &[Theme::Energy, Theme::Mobility]).is_ok());
    }
}
