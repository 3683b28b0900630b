use std::fmt;

use chrono::{DateTime, FixedOffset};
use twinning_cohort::{CohortNumber, Role};
use twinning_core::{DocumentReader, Provenance, Slug, VersionField};

use crate::Error;

/// The decision format version written in every [`Decision`].
pub const DECISION_SCHEMA_VERSION: u32 = 1;

/// How decisions are read.
const READER: DocumentReader = DocumentReader::new("decision JSON", crate::MAX_DOCUMENT_BYTES)
    .versioned("schema_version", &[DECISION_SCHEMA_VERSION as u64], VersionField::Required);

twinning_core::keyed_enum! {
    /// Whether an applicant may join: the summary of all criterion outcomes.
    #[derive(
        Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize,
        serde::Deserialize,
    )]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum Verdict {
        /// Every criterion passed.
        Eligible = "eligible",
        /// At least one criterion failed.
        Ineligible = "ineligible",
        /// No criterion failed, but at least one could not be decided for lack
        /// of information.
        Undetermined = "undetermined",
    }
}

impl Verdict {
    /// The verdict that `outcomes` add up to: any failure makes the
    /// applicant ineligible, otherwise any unknown makes it undetermined.
    pub fn from_outcomes(outcomes: impl IntoIterator<Item = Outcome>) -> Self {
        let mut unknown = false;
        for o in outcomes {
            match o {
                Outcome::Failed => return Verdict::Ineligible,
                Outcome::Unknown => unknown = true,
                Outcome::Passed => {}
            }
        }
        if unknown { Verdict::Undetermined } else { Verdict::Eligible }
    }
}

twinning_core::keyed_enum! {
    /// The result of checking one criterion.
    #[derive(
        Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize,
        serde::Deserialize,
    )]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum Outcome {
        /// The criterion is met.
        Passed = "passed",
        /// The criterion is not met.
        Failed = "failed",
        /// The information needed is missing or uncertain.
        Unknown = "unknown",
    }
}

/// Why a criterion had its outcome, as a stable machine-readable code.
///
/// The codes are part of the documented JSON shape; new codes may be added
/// (the enum is non-exhaustive), existing ones keep their meaning.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Reason {
    /// The applicant declares being a local authority.
    LocalAuthority,
    /// The applicant declares not being a local authority.
    NotLocalAuthority,
    /// The country belongs to an accepted group on the day judged.
    CountryInGroup,
    /// The country belongs to none of the accepted groups on the day judged.
    CountryOutsideGroups,
    /// The applicant's country is not declared.
    CountryMissing,
    /// The declared neutrality year is within the limit.
    NeutralityInTime,
    /// The declared neutrality year is after the limit.
    NeutralityTooLate,
    /// The registry lists the applicant as a Mission City.
    MissionCity,
    /// The registry does not list the applicant as a Mission City.
    NotMissionCity,
    /// The registry records no earlier Twin or Pilot role and the applicant declares none.
    NoEarlierRole,
    /// The registry or the applicant records an earlier Twin or Pilot role.
    EarlierRole,
    /// The submission is inside the call window.
    SubmittedInWindow,
    /// The submission is before the call opened.
    SubmittedBeforeOpening,
    /// The submission is after the last minute of the call.
    SubmittedAfterClosing,
    /// The applicant was invited (declared or implied by a catalogue entry).
    Invited,
    /// The applicant declares it was not invited.
    NotInvited,
    /// The applicant takes part in a selected partner project.
    SelectedProject,
    /// None of the applicant's projects is a selected partner project.
    NoSelectedProject,
    /// A declaration the criterion needs is missing.
    NotDeclared,
    /// The registry has no answer for a fact the criterion needs.
    RegistryUnknown,
    /// The registry's answer is held with uncertain confidence.
    RegistryUncertain,
}

/// Where a piece of evidence comes from.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceSource {
    /// What the applicant declared.
    Declaration,
    /// A registry fact (country tables, catalogue, earlier cohorts).
    Registry,
    /// The rule set itself (a deadline, a list of projects).
    RuleSet,
    /// The evaluation (the instant used when the applicant has not submitted).
    Evaluation,
}

/// One fact a criterion used, with where it comes from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// What the fact is about, for example `horizon-europe-associated(GB, 2024-04-10)`.
    pub fact: String,
    /// The value used, as text (`true`, `2050`, `2024-06-07T23:59:00+02:00`).
    pub value: String,
    /// Who stated the fact.
    pub source: EvidenceSource,
    /// The fact's provenance, for registry and rule-set facts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
}

impl Evidence {
    pub(crate) fn new(
        fact: impl Into<String>,
        value: impl fmt::Display,
        source: EvidenceSource,
        provenance: Option<Provenance>,
    ) -> Self {
        Self { fact: fact.into(), value: value.to_string(), source, provenance }
    }
}

/// The outcome of one criterion, explained.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CriterionOutcome {
    /// The criterion's id in the rule set.
    pub criterion: Slug,
    /// The criterion's kind (`country-in`, `submission-window`, ...).
    pub kind: String,
    /// Passed, failed or unknown.
    pub outcome: Outcome,
    /// The machine-readable reason.
    pub reason: Reason,
    /// One English sentence for the applicant and the reviewing staff.
    pub sentence: String,
    /// The facts used, in the order they were consulted.
    pub evidence: Vec<Evidence>,
}

/// A declaration that contradicts a registry fact.
///
/// Conflicts are never resolved silently: the decision lists them, and the
/// criterion's sentence says which side it followed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// The criterion during which the conflict was found; `None` for a
    /// conflict about the applicant itself (its country), found before any
    /// criterion is checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<Slug>,
    /// The declaration's field, for example `claims.mission_city`.
    pub field: String,
    /// What the applicant declared.
    pub declared: String,
    /// What the registry records.
    pub registry: String,
    /// The registry fact's provenance.
    pub provenance: Provenance,
    /// What the evaluation did about it, in one sentence.
    pub resolution: String,
}

/// The answer to "may this applicant join this cohort in this role, and why?".
///
/// Serializes to the stable JSON shape [documented](crate::_documentation::guide#decisions-stable-shape);
/// deserializing checks that the verdict agrees with the outcomes.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "RawDecision", into = "RawDecision")]
pub struct Decision {
    pub(crate) rule_set: String,
    pub(crate) cohort: CohortNumber,
    pub(crate) role: Role,
    pub(crate) applicant: String,
    pub(crate) evaluated_at: DateTime<FixedOffset>,
    pub(crate) verdict: Verdict,
    pub(crate) outcomes: Vec<CriterionOutcome>,
    pub(crate) conflicts: Vec<Conflict>,
}

/// The serialized shape of a [`Decision`].
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RawDecision {
    schema_version: u32,
    rule_set: String,
    cohort: CohortNumber,
    role: Role,
    applicant: String,
    evaluated_at: DateTime<FixedOffset>,
    verdict: Verdict,
    outcomes: Vec<CriterionOutcome>,
    #[serde(default)]
    conflicts: Vec<Conflict>,
}

impl TryFrom<RawDecision> for Decision {
    type Error = Error;

    fn try_from(raw: RawDecision) -> Result<Self, Self::Error> {
        READER.check_version(u64::from(raw.schema_version))?;
        let expected = Verdict::from_outcomes(raw.outcomes.iter().map(|o| o.outcome));
        if expected != raw.verdict {
            return Err(Error::InvalidDecision {
                applicant: raw.applicant,
                field: "verdict",
                reason: format!("the outcomes add up to {expected}, not {}", raw.verdict),
            });
        }
        Ok(Self {
            rule_set: raw.rule_set,
            cohort: raw.cohort,
            role: raw.role,
            applicant: raw.applicant,
            evaluated_at: raw.evaluated_at,
            verdict: raw.verdict,
            outcomes: raw.outcomes,
            conflicts: raw.conflicts,
        })
    }
}

impl From<Decision> for RawDecision {
    fn from(d: Decision) -> Self {
        Self {
            schema_version: DECISION_SCHEMA_VERSION,
            rule_set: d.rule_set,
            cohort: d.cohort,
            role: d.role,
            applicant: d.applicant,
            evaluated_at: d.evaluated_at,
            verdict: d.verdict,
            outcomes: d.outcomes,
            conflicts: d.conflicts,
        }
    }
}

impl Decision {
    /// Reads a decision document (the JSON [`Decision`] writes), refusing
    /// unknown fields, a `schema_version` other than
    /// [`DECISION_SCHEMA_VERSION`] and a verdict that contradicts the outcomes.
    ///
    /// # Errors
    ///
    /// [`Error::Document`] beyond [`MAX_DOCUMENT_BYTES`](crate::MAX_DOCUMENT_BYTES)
    /// bytes, for a byte order mark, a missing or other `schema_version`
    /// (named before anything else is read), malformed JSON or unknown
    /// fields, with the field path; [`Error::InvalidDecision`] for a verdict that
    /// contradicts the outcomes.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        crate::error::read_checked::<RawDecision, Self>(&READER, json)
    }

    /// Eligible, ineligible or undetermined.
    pub fn verdict(&self) -> Verdict {
        self.verdict
    }

    /// One outcome per criterion, in the rule set's order.
    pub fn outcomes(&self) -> &[CriterionOutcome] {
        &self.outcomes
    }

    /// The outcome of the criterion with id `criterion`, if the rule set has one.
    pub fn outcome(&self, criterion: &str) -> Option<&CriterionOutcome> {
        self.outcomes.iter().find(|o| o.criterion.as_str() == criterion)
    }

    /// The ids of the criteria that failed, in order.
    pub fn failed(&self) -> impl Iterator<Item = &str> {
        self.outcomes.iter().filter(|o| o.outcome == Outcome::Failed).map(|o| o.criterion.as_str())
    }

    /// Declarations that contradict a registry fact.
    pub fn conflicts(&self) -> &[Conflict] {
        &self.conflicts
    }

    /// The rule set's title.
    pub fn rule_set(&self) -> &str {
        &self.rule_set
    }

    /// The cohort applied to.
    pub fn cohort(&self) -> CohortNumber {
        self.cohort
    }

    /// The role applied for.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The applicant's name.
    pub fn applicant(&self) -> &str {
        &self.applicant
    }

    /// The instant the evaluation was made for.
    pub fn evaluated_at(&self) -> DateTime<FixedOffset> {
        self.evaluated_at
    }

    /// The decision as compact JSON in the documented shape.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&RawDecision::from(self.clone()))
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_failure_outweighs_unknowns() {
        use Outcome::{Failed, Passed, Unknown};
        assert_eq!(Verdict::from_outcomes([]), Verdict::Eligible);
        assert_eq!(Verdict::from_outcomes([Passed, Passed]), Verdict::Eligible);
        assert_eq!(Verdict::from_outcomes([Passed, Unknown]), Verdict::Undetermined);
        assert_eq!(Verdict::from_outcomes([Unknown, Failed, Passed]), Verdict::Ineligible);
    }
}
