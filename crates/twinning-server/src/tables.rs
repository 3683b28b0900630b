//! A run as tables for spreadsheets: applicants with verdicts and reasons,
//! pairs, outputs and the audit log, written as CSV or as the sheets of one
//! workbook by `twinning-core`'s writers (cells a spreadsheet would run as
//! formulas are defused there).

use twinning_eligibility::{BATCH_COLUMNS, Batch, Decision, Summary};

use crate::store::{ApplicantRecord, Bundle};

/// The tables of a run, by the name used in `/v1/runs/{run}/tables/{table}`.
pub(crate) const TABLES: [&str; 4] = ["applicants", "pairs", "outputs", "audit"];

/// One table: a name, its header row and its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RunTable {
    /// The table's name (one of [`TABLES`]).
    pub(crate) name: &'static str,
    /// The header row.
    pub(crate) headers: Vec<String>,
    /// The rows.
    pub(crate) rows: Vec<Vec<String>>,
}

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|h| (*h).to_owned()).collect()
}

/// The reasons of `decision` as `eligibility batch` writes them: the failed
/// and unknown criteria and the conflicts, one per line.
fn reasons(decision: &Decision) -> [String; 3] {
    let batch = Batch {
        summary: Summary::of([decision]),
        decisions: vec![decision.clone()],
        rows: Vec::new(),
        notes: Vec::new(),
    };
    let (_, rows) = batch.table();
    let row = rows.into_iter().next().unwrap_or_default();
    let column = |name: &str| {
        BATCH_COLUMNS
            .iter()
            .position(|c| *c == name)
            .and_then(|i| row.get(i).cloned())
            .unwrap_or_default()
    };
    [column("failed"), column("unknown"), column("conflicts")]
}

fn applicant_row(a: &ApplicantRecord) -> Vec<String> {
    let last = a.decisions.last();
    let decision = last.and_then(|d| serde_json::from_value::<Decision>(d.decision.clone()).ok());
    let [failed, unknown, conflicts] = decision.as_ref().map(reasons).unwrap_or_default();
    let over = a.overrides.last();
    vec![
        a.name.clone(),
        a.role.clone(),
        a.verdict.clone().unwrap_or_default(),
        last.map(|d| d.verdict.clone()).unwrap_or_default(),
        failed,
        unknown,
        conflicts,
        last.map(|d| d.decided_at.clone()).unwrap_or_default(),
        last.map(|d| d.rule_set.clone()).unwrap_or_default(),
        last.map(|d| d.rule_set_version.clone()).unwrap_or_default(),
        over.map(|o| o.verdict.clone()).unwrap_or_default(),
        over.map(|o| o.reason.clone()).unwrap_or_default(),
        over.map(|o| o.actor.clone()).unwrap_or_default(),
        over.map(|o| o.at.clone()).unwrap_or_default(),
    ]
}

/// Every table of `bundle`, in the order of [`TABLES`].
pub(crate) fn run_tables(bundle: &Bundle) -> Vec<RunTable> {
    let applicants = RunTable {
        name: "applicants",
        headers: headers(&[
            "applicant",
            "role",
            "verdict",
            "decided",
            "failed",
            "unknown",
            "conflicts",
            "decided_at",
            "rule_set",
            "rule_set_version",
            "overridden_to",
            "override_reason",
            "overridden_by",
            "overridden_at",
        ]),
        rows: bundle.applicants.iter().map(applicant_row).collect(),
    };
    let pairs = RunTable {
        name: "pairs",
        headers: headers(&[
            "pair",
            "matching_run",
            "seeker",
            "host",
            "confirmed_at",
            "confirmed_by",
        ]),
        rows: bundle
            .pairs
            .iter()
            .map(|p| {
                vec![
                    p.id.to_string(),
                    p.matching_run.to_string(),
                    p.seeker.clone(),
                    p.host.clone(),
                    p.confirmed_at.clone(),
                    p.confirmed_by.clone(),
                ]
            })
            .collect(),
    };
    let outputs = RunTable {
        name: "outputs",
        headers: headers(&[
            "pair",
            "seeker",
            "host",
            "output",
            "title",
            "status",
            "due",
            "updated_at",
        ]),
        rows: bundle
            .pairs
            .iter()
            .flat_map(|p| {
                p.outputs.iter().map(move |o| {
                    vec![
                        p.id.to_string(),
                        p.seeker.clone(),
                        p.host.clone(),
                        o.kind.clone(),
                        o.title.clone(),
                        o.status.clone(),
                        o.due.clone().unwrap_or_default(),
                        o.updated_at.clone(),
                    ]
                })
            })
            .collect(),
    };
    let audit = RunTable {
        name: "audit",
        headers: headers(&["at", "actor", "action", "target", "reason"]),
        rows: bundle
            .audit
            .iter()
            .map(|e| {
                vec![
                    e.at.clone(),
                    e.actor.clone(),
                    e.action.clone(),
                    e.target.clone(),
                    e.reason.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    };
    vec![applicants, pairs, outputs, audit]
}
