use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use crate::{Applicant, Decision, Outcome, Registry, RuleSet, Verdict};

/// The decisions on a call's applicants, with a summary for the staff
/// reviewing it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Batch {
    /// The counts.
    pub summary: Summary,
    /// One decision per applicant, in the order the applicants were given.
    pub decisions: Vec<Decision>,
}

/// Counts over a batch of decisions.
///
/// Maps are keyed by criterion id and ordered, so the JSON is the same for
/// the same decisions.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// How many applicants were evaluated.
    pub total: usize,
    /// How many are eligible.
    pub eligible: usize,
    /// How many are ineligible.
    pub ineligible: usize,
    /// How many are undetermined.
    pub undetermined: usize,
    /// How many decisions report at least one declaration-vs-registry conflict.
    pub with_conflicts: usize,
    /// For each criterion id, how many applicants failed it.
    pub failed_by_criterion: BTreeMap<String, usize>,
    /// For each criterion id, how many applicants left it unknown.
    pub unknown_by_criterion: BTreeMap<String, usize>,
}

impl Summary {
    /// Counts `decisions`.
    pub fn of<'a>(decisions: impl IntoIterator<Item = &'a Decision>) -> Self {
        let mut s = Summary::default();
        for d in decisions {
            s.total = s.total.saturating_add(1);
            let count = match d.verdict() {
                Verdict::Eligible => &mut s.eligible,
                Verdict::Ineligible => &mut s.ineligible,
                Verdict::Undetermined => &mut s.undetermined,
            };
            *count = count.saturating_add(1);
            if !d.conflicts().is_empty() {
                s.with_conflicts = s.with_conflicts.saturating_add(1);
            }
            for o in d.outcomes() {
                let map = match o.outcome {
                    Outcome::Failed => &mut s.failed_by_criterion,
                    Outcome::Unknown => &mut s.unknown_by_criterion,
                    Outcome::Passed => continue,
                };
                let n = map.entry(o.criterion.as_str().to_owned()).or_insert(0);
                *n = n.saturating_add(1);
            }
        }
        s
    }
}

impl RuleSet {
    /// Evaluates every applicant as [`RuleSet::evaluate`] does and counts the
    /// results.
    pub fn evaluate_all<'a, R: Registry + ?Sized>(
        &self,
        applicants: impl IntoIterator<Item = &'a Applicant>,
        at: DateTime<FixedOffset>,
        registry: &R,
    ) -> Batch {
        let decisions: Vec<Decision> =
            applicants.into_iter().map(|a| self.evaluate(a, at, registry)).collect();
        Batch { summary: Summary::of(&decisions), decisions }
    }
}
