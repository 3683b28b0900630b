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

/// Every field path a check writes, read back with `path_steps`, leads to
/// a value of the document's JSON (the content's for a body path), so a
/// form can always find the field a problem or a missing item is about.
#[test]
fn every_path_a_check_writes_leads_to_a_value_of_the_document() {
    use twinning_core::{CityId, OutputId, Uuid};
    use twinning_outputs::{CityRef, OutputBody, OutputContext, path_steps};

    let three = Cohort::builtin(CohortNumber::new(3).unwrap()).unwrap();
    for kind in OutputKind::ALL {
        let ctx = OutputContext::for_output(three, kind);
        let mut doc = Document::starter(
            kind,
            OutputId::from_uuid(Uuid::from_u128(1)),
            CityRef::new(CityId::from_uuid(Uuid::from_u128(2)), "Águeda"),
            &ctx,
            "2025-01-15T10:00:00+01:00".parse().unwrap(),
        );
        // Wrong on purpose where a starter is not: weights off and a score
        // out of range, so a problem path is walked too.
        if let OutputBody::TransferabilityAssessment(a) = &mut doc.body {
            a.dimensions[1].score = Some(rust_decimal::Decimal::from(7));
            a.dimensions[0].weight = rust_decimal::Decimal::new(3, 1);
        }
        let report = doc.check(&ctx);
        if kind == OutputKind::TransferabilityAssessment {
            assert!(report.problems.iter().any(|p| p.path == "dimensions[].weight"));
        }
        let paths: Vec<&str> = report
            .problems
            .iter()
            .map(|p| p.path.as_str())
            .chain(report.missing.iter().map(|m| m.path.as_str()))
            .collect();
        assert!(!paths.is_empty(), "{kind:?}: a starter lacks something");
        let json = serde_json::to_value(&doc).unwrap();
        for path in paths {
            let mut at = &json["body"]["content"];
            for step in path_steps(path) {
                at = at
                    .get(step.field)
                    .unwrap_or_else(|| panic!("{kind:?}: {path}: {}", step.field));
                match step.index {
                    Some(i) => at = at.get(i).unwrap_or_else(|| panic!("{kind:?}: {path}: [{i}]")),
                    // A list named as a whole (`dimensions[].weight`):
                    // what follows is a field of each entry.
                    None if at.is_array() && path.contains(&format!("{}[]", step.field)) => {
                        at = &at[0];
                    }
                    None => {}
                }
            }
        }
    }
}

/// The lists a form offers hold every value of their enum once, in the
/// order their documentation gives, each with a label of its own.
#[test]
fn every_enum_a_form_offers_lists_each_value_once_with_a_label() {
    use twinning_outputs::{EngagementLevel, Level, Rating, RoadmapActivityKind, Stance};

    fn keys<T: serde::Serialize>(all: &[T]) -> Vec<String> {
        all.iter().map(|v| serde_json::to_value(v).unwrap().as_str().unwrap().to_owned()).collect()
    }
    assert_eq!(keys(&Level::ALL), ["low", "high"]);
    assert_eq!(keys(&Rating::ALL), ["low", "medium", "high"]);
    assert_eq!(keys(&Stance::ALL), ["supportive", "neutral", "resisting"]);
    assert_eq!(keys(&EngagementLevel::ALL), ["inform", "consult", "involve", "collaborate"]);
    assert_eq!(
        keys(&RoadmapActivityKind::ALL),
        ["kick-off", "info-seminar", "workshop", "site-visit", "thematic-session", "other"]
    );
    let labels: std::collections::BTreeSet<&str> = Level::ALL.iter().map(|l| l.label()).collect();
    assert_eq!(labels.len(), 2);
    let labels: std::collections::BTreeSet<&str> =
        RoadmapActivityKind::ALL.iter().map(|k| k.label()).collect();
    assert_eq!(labels.len(), 6);
}
