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
    /// When the applicants came from a table: one entry per decision, in
    /// the same order, with the row's reference, place and duplicate flag
    /// ([`Batch::with_table`]). Empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<RowInfo>,
    /// How the table was read (encoding, separator, ignored columns, times
    /// read as Brussels time, duplicates). Empty otherwise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// Where a decision's applicant came from in a table.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RowInfo {
    /// The row's key (a survey's respondent id), if the table had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// `line 4` or `row 4`.
    pub place: String,
    /// The place of an earlier row with the same applicant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
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
        Batch { summary: Summary::of(&decisions), decisions, rows: Vec::new(), notes: Vec::new() }
    }
}

/// The columns of [`Batch::table`], in order.
pub const BATCH_COLUMNS: [&str; 9] = [
    "reference",
    "row",
    "applicant",
    "verdict",
    "failed",
    "unknown",
    "conflicts",
    "duplicate_of",
    "evaluated_at",
];

impl Batch {
    /// The batch with the places, references and notes of the table its
    /// applicants were read from (in the same order).
    #[must_use]
    pub fn with_table(mut self, table: &crate::ApplicantTable) -> Self {
        self.rows = table
            .rows
            .iter()
            .map(|r| RowInfo {
                reference: r.reference.clone(),
                place: r.place.clone(),
                duplicate_of: r.duplicate_of.clone(),
            })
            .collect();
        self.notes.clone_from(&table.notes);
        self
    }

    /// The decisions as a table for a spreadsheet: one row per applicant
    /// with [`BATCH_COLUMNS`], the failed and unknown criteria written out
    /// as `criterion: sentence` lines, the conflicts as `field: declared
    /// vs registry — resolution`; the reference, place and duplicate cells
    /// come from [`Batch::rows`] and are empty without them.
    #[must_use]
    pub fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let headers = BATCH_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
        let body = self
            .decisions
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let row = self.rows.get(i);
                let of = |o: Outcome| {
                    d.outcomes()
                        .iter()
                        .filter(|c| c.outcome == o)
                        .map(|c| format!("{}: {}", c.criterion, c.sentence))
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                let conflicts = d
                    .conflicts()
                    .iter()
                    .map(|c| {
                        format!(
                            "{}: declared {}, registry {} — {}",
                            c.field, c.declared, c.registry, c.resolution
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                vec![
                    row.and_then(|r| r.reference.clone()).unwrap_or_default(),
                    row.map(|r| r.place.clone()).unwrap_or_default(),
                    d.applicant().to_owned(),
                    d.verdict().to_string(),
                    of(Outcome::Failed),
                    of(Outcome::Unknown),
                    conflicts,
                    row.and_then(|r| r.duplicate_of.clone()).unwrap_or_default(),
                    d.evaluated_at().format("%Y-%m-%d %H:%M %:z").to_string(),
                ]
            })
            .collect();
        (headers, body)
    }
}
