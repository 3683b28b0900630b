//! The validation of an output document as people and services see it.

use twinning_cohort::{Cohort, CohortNumber, OutputKind};
use twinning_core::Block;
use twinning_outputs::{Document, Validation};

/// A starter action plan for cohort 5, as `twinning outputs new` writes it:
/// no action yet, so nothing wrong but much missing.
const STARTER: &str = r#"{
  "schema_version": 1,
  "id": "c3783199-174e-560f-a73e-5ebfdc5d6254",
  "title": "Joint Replication or Action Plan",
  "city": {"id": "e9696070-3f49-5804-9727-aedd642f63b2", "name": "Plzeň"},
  "cohort": 5,
  "due": "2027-09-30",
  "lifecycle": {"history": [{"status": "draft", "at": "2026-05-01T12:00:00+02:00"}]},
  "body": {"kind": "action-plan", "content": {"actions": []}}
}"#;

fn five() -> &'static Cohort {
    Cohort::builtin(CohortNumber::new(5).unwrap()).unwrap()
}

#[test]
fn a_starter_is_valid_but_not_complete() {
    let doc = Document::from_json(STARTER).unwrap();
    let v = Validation::new("plan.json", &doc, &[], five());
    assert!(v.valid);
    assert!(!v.ready, "an action plan without actions is not ready");
    assert_eq!(v.verdict(), "valid, not yet complete");
    assert_eq!(v.kind, OutputKind::ActionPlan);
    let page = v.to_page();
    assert_eq!(page.blocks[0], Block::Title("plan.json: valid, not yet complete".to_owned()));
    let Some(Block::Fields(fields)) = page.blocks.get(1) else { panic!("no fields") };
    assert_eq!(fields[0].1, "Joint Replication or Action Plan (action-plan)");
    assert_eq!(fields[1].1, "Plzeň");
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["file"], "plan.json");
    assert_eq!(json["ready"], false);
    assert!(json.get("about").is_none());
}

#[test]
fn a_reading_mistake_makes_it_invalid_and_is_shown_at_its_place() {
    let text = STARTER.replace(r#""due": "2027-09-30""#, r#""due": "end of 2027""#);
    let found = Document::from_json_all(&text).unwrap_err();
    let doc = found.repaired.expect("a bad date is stepped over");
    let v = Validation::new("plan.json", &doc, &found.errors, five());
    assert!(!v.valid);
    assert_eq!(v.verdict(), "invalid");
    assert_eq!(v.read_errors.len(), 1);
    assert_eq!(v.read_errors[0].path, "due");
    let md = v.to_page().to_markdown();
    assert!(md.contains("| error | due |  |"), "{md}");
}

#[test]
fn a_real_date_of_1_january_2000_is_checked_like_any_other() {
    // An action plan with one action in January 2000: long before cohort 5's
    // programme (September 2026 to September 2027, seed 001).
    let action = r#"{"actions": [{"id": "00000000-0000-0000-0000-00000000000a",
        "title": "Survey", "owner": "Mobility", "budget_eur": "100.00",
        "funding": [], "kpis": [], "risks": [], "depends_on": [],
        "period": {"start": "2000-01-01", "end": "2000-01-31"}}]}"#;
    let text = STARTER.replace(r#"{"actions": []}"#, action);
    let doc = Document::from_json(&text).unwrap();
    let v = Validation::new("plan.json", &doc, &[], five());
    assert!(!v.valid, "{:?}", v.report.problems);
    assert!(v.report.problems.iter().any(|p| p.value.contains("2000-01-01")));
}
