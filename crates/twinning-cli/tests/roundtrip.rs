//! Every document the command line prints as JSON reads back through the
//! library reader of its kind (issue "Nothing lost, nothing bent", item 10):
//! what `twinning` writes, `twinning` and the libraries read.

use twinning_cohort::{Cohort, CohortNumber};
use twinning_eligibility::{Batch, Decision, RuleSet};
use twinning_matcher::{Limits, MatchReport, Matching};
use twinning_outputs::Document;

use crate::support::*;

fn stdout_of(args: &[&str]) -> String {
    let run = twinning(args);
    assert!(run.code == 0 || run.code == 1 || run.code == 3, "{args:?}: {}", run.stderr);
    run.stdout
}

#[test]
fn a_decision_reads_back() {
    let text = stdout_of(&[
        "eligibility",
        "check",
        "--cohort",
        "2",
        "--role",
        "twin",
        &data("applicant-plymouth.json"),
        "--at",
        "2024-05-20T10:00+02:00",
        "-f",
        "json",
    ]);
    let d = Decision::from_json(&text).unwrap();
    assert_eq!(d.applicant(), "Plymouth");
    assert_eq!(Decision::from_json(&d.to_json()).unwrap(), d);
}

#[test]
fn a_batch_reads_back() {
    let text = stdout_of(&[
        "eligibility",
        "batch",
        "--cohort",
        "2",
        "--role",
        "twin",
        &data("applicants.csv"),
        "--at",
        "2024-05-20T10:00+02:00",
        "-f",
        "json",
    ]);
    let batch: Batch = serde_json::from_str(&text).unwrap();
    assert_eq!(batch.summary.total, batch.decisions.len());
    assert!(batch.summary.total > 0);
}

#[test]
fn a_rule_set_reads_back() {
    let text = stdout_of(&[
        "eligibility",
        "rules",
        "--cohort",
        "5",
        "--role",
        "mission-minded",
        "-f",
        "json",
    ]);
    let r = RuleSet::from_json(&text).unwrap();
    let five = CohortNumber::new(5).unwrap();
    assert_eq!(r, RuleSet::builtin(five, twinning_cohort::Role::MissionMindedCity).unwrap());
}

#[test]
fn a_new_output_document_reads_back() {
    let text = stdout_of(&["outputs", "new", "action-plan"]);
    let doc = Document::from_json(&text).unwrap();
    assert_eq!(doc.kind().key(), "action-plan");
}

#[test]
fn a_match_report_and_its_result_read_back() {
    let text = stdout_of(&["match", &data("instance-small.json"), "-f", "json"]);
    let limits = Limits::default();
    let from_report =
        MatchReport::read_result(std::io::Cursor::new(text.as_bytes()), &limits).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let result = Matching::from_json(&value["result"].to_string(), &limits).unwrap();
    assert_eq!(from_report, result);
    assert!(!result.pairs.is_empty());
}

#[test]
fn a_cohort_page_holds_the_cohort_document() {
    for n in 1..=5u16 {
        let text = stdout_of(&["cohort", "show", &n.to_string(), "-f", "json"]);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let cohort = Cohort::from_json(&value["cohort"].to_string()).unwrap();
        assert_eq!(&cohort, Cohort::builtin(CohortNumber::new(n).unwrap()).unwrap(), "cohort {n}");
    }
}
