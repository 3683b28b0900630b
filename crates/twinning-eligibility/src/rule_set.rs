use twinning_cohort::{CohortNumber, Role};
use twinning_core::{DocumentReader, VersionField};

use crate::{Criterion, Error};

/// The rule-set format version this library reads and writes.
pub const RULE_SET_SCHEMA_VERSION: u32 = 1;

/// The largest rule-set, applicant or decision JSON document accepted, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 1 << 20;

/// How rule sets are read.
const READER: DocumentReader = DocumentReader::new("rule set JSON", MAX_DOCUMENT_BYTES).versioned(
    "schema_version",
    &[RULE_SET_SCHEMA_VERSION as u64],
    VersionField::Required,
);

/// The most criteria a rule set may hold.
pub const MAX_CRITERIA: usize = 64;

/// The conditions a city must meet to join one cohort in one role, as a
/// value.
///
/// Built-in rule sets cover cohorts 1–5 ([`RuleSet::builtin`]); a service
/// loads others (a cohort 6) from JSON with [`RuleSet::from_json`], checked
/// on load so an inconsistent file never becomes a rule set.
///
/// ```
/// use twinning_cohort::{CohortNumber, Role};
/// use twinning_eligibility::RuleSet;
///
/// let c2 = RuleSet::builtin(CohortNumber::new(2)?, Role::TwinCity).ok_or("no built-in rule set")?;
/// let json = c2.to_json();
/// assert_eq!(RuleSet::from_json(&json)?, c2);
/// assert!(RuleSet::builtin(CohortNumber::new(2)?, Role::PilotCity).is_none()); // pilots had calls of their own
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "RawRuleSet", into = "RawRuleSet")]
pub struct RuleSet {
    title: String,
    cohort: CohortNumber,
    role: Role,
    criteria: Vec<Criterion>,
}

/// The serialized shape of a [`RuleSet`].
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RawRuleSet {
    schema_version: u32,
    title: String,
    cohort: u32,
    role: Role,
    criteria: Vec<Criterion>,
}

impl TryFrom<RawRuleSet> for RuleSet {
    type Error = Error;

    fn try_from(raw: RawRuleSet) -> Result<Self, Self::Error> {
        READER.check_version(u64::from(raw.schema_version))?;
        let Ok(cohort) = CohortNumber::try_from(raw.cohort) else {
            return Err(Error::InvalidRuleSet {
                rule_set: raw.title,
                field: "cohort".into(),
                reason: "cohorts are numbered from 1".into(),
            });
        };
        RuleSet::new(raw.title, cohort, raw.role, raw.criteria)
    }
}

impl From<RuleSet> for RawRuleSet {
    fn from(r: RuleSet) -> Self {
        Self {
            schema_version: RULE_SET_SCHEMA_VERSION,
            title: r.title,
            cohort: r.cohort.into(),
            role: r.role,
            criteria: r.criteria,
        }
    }
}

impl RuleSet {
    /// Checks and builds a rule set.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidRuleSet`] when the title is empty or longer than
    /// [`MAX_NAME_LEN`](crate::MAX_NAME_LEN) bytes, there
    /// are no criteria or more than [`MAX_CRITERIA`], two criteria share an
    /// id, or a criterion is inconsistent (an empty country list, a window
    /// closing before it opens, a target year outside 2000–2100, ...).
    pub fn new(
        title: impl Into<String>,
        cohort: CohortNumber,
        role: Role,
        criteria: Vec<Criterion>,
    ) -> Result<Self, Error> {
        let title = title.into();
        let invalid = |field: String, reason: String| Error::InvalidRuleSet {
            rule_set: title.clone(),
            field,
            reason,
        };
        if title.trim().is_empty() || title.len() > crate::MAX_NAME_LEN {
            return Err(invalid(
                "title".into(),
                format!("a title is 1 to {} bytes", crate::MAX_NAME_LEN),
            ));
        }
        if criteria.is_empty() || criteria.len() > MAX_CRITERIA {
            return Err(invalid(
                "criteria".into(),
                format!("a rule set has 1 to {MAX_CRITERIA} criteria, found {}", criteria.len()),
            ));
        }
        for (i, c) in criteria.iter().enumerate() {
            if criteria.iter().take(i).any(|d| d.id == c.id) {
                return Err(invalid(
                    format!("criteria[{i}].id"),
                    format!("id {:?} is used twice", c.id.as_str()),
                ));
            }
            if c.summary.trim().is_empty() {
                return Err(invalid(format!("criteria[{i}].summary"), "summary is empty".into()));
            }
            c.rule.check().map_err(|(field, reason)| {
                invalid(format!("criteria[{i}].rule.{field}"), reason)
            })?;
        }
        // Titles, summaries and sources reach explanations, Markdown and web
        // pages: none may hold a character that prints differently there.
        if let Err(e) = twinning_core::prose_text(&title) {
            return Err(invalid("title".into(), e.to_string()));
        }
        let hidden =
            serde_json::to_value(&criteria).ok().and_then(|v| twinning_core::hidden_in_json(&v));
        if let Some((path, e)) = hidden {
            return Err(invalid(format!("criteria{path}"), e.to_string()));
        }
        Ok(Self { title, cohort, role, criteria })
    }

    /// Reads a rule set from its [JSON form](crate::_documentation::guide#rule-sets-for-custom-cohorts).
    ///
    /// # Errors
    ///
    /// [`Error::Document`] beyond [`MAX_DOCUMENT_BYTES`] bytes, for a byte
    /// order mark, a missing or other `schema_version`, malformed JSON or
    /// unknown fields; [`Error::InvalidRuleSet`] as in [`RuleSet::new`].
    pub fn from_json(json: &str) -> Result<Self, Error> {
        crate::error::read_checked::<RawRuleSet, Self>(&READER, json)
    }

    /// The rule set as pretty-printed JSON, byte-identical for equal rule sets.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&RawRuleSet::from(self.clone()))
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    /// A human title, for example "Cohort 2 (2024) Twin Cities".
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The cohort number.
    pub fn cohort(&self) -> CohortNumber {
        self.cohort
    }

    /// The role applied for.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The criteria, in the order they are checked and reported.
    pub fn criteria(&self) -> &[Criterion] {
        &self.criteria
    }

    /// The same rule set with one more criterion at the end.
    ///
    /// # Errors
    ///
    /// As [`RuleSet::new`], for example when `criterion`'s id is taken.
    pub fn with_criterion(&self, criterion: Criterion) -> Result<Self, Error> {
        let mut criteria = self.criteria.clone();
        criteria.push(criterion);
        RuleSet::new(self.title.clone(), self.cohort, self.role, criteria)
    }
}
