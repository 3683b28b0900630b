//! The pages people read: a decision, a batch and the rule sets, each
//! checked against the values it shows.

use twinning_cohort::Role;
use twinning_core::Block;
use twinning_eligibility::{Applicant, BuiltinRegistry, RuleSet, rules_page};

use crate::fake::{at, cc, no};

fn applicant(name: &str, country: &str) -> Applicant {
    Applicant::new(name)
        .unwrap()
        .with_country(cc(country))
        .with_local_authority(true)
        .with_neutrality_year(2050)
        .with_submitted_at(at("2024-05-20T12:00:00+02:00"))
}

#[test]
fn a_decision_page_has_one_row_per_criterion() {
    let rules = RuleSet::builtin(no(2), Role::TwinCity).unwrap();
    let when = at("2024-05-20T12:00:00+02:00");
    let d = rules.evaluate(&applicant("Plymouth", "GB"), when, &BuiltinRegistry::new());
    let page = d.to_page();
    assert_eq!(page.blocks[0], Block::Title(format!("Plymouth: {}", d.verdict())));
    let Some(Block::Table(t)) = page.blocks.get(3) else { panic!("no criteria table") };
    assert_eq!(t.rows.len(), d.outcomes().len());
    for (row, o) in t.rows.iter().zip(d.outcomes()) {
        assert_eq!(row[0], o.criterion.to_string());
        assert_eq!(row[1], serde_json::to_value(o.outcome).unwrap());
        assert_eq!(row[2], o.sentence);
    }
}

#[test]
fn a_batch_page_sums_up_and_has_its_sheets() {
    let rules = RuleSet::builtin(no(2), Role::TwinCity).unwrap();
    let when = at("2024-05-20T12:00:00+02:00");
    let people = [applicant("Plymouth", "GB"), applicant("Nowhere", "US")];
    let batch = rules.evaluate_all(&people, when, &BuiltinRegistry::new());
    let page = batch.to_page(rules.title());
    assert_eq!(page.blocks[0], Block::Title(format!("Eligibility: {}", rules.title())));
    let names: Vec<&str> = page.sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Decisions", "Summary"]);
    let summary = &page.sheets[1].1;
    assert_eq!(summary.rows[3], ["total", "2"]);
    let (headers, rows) = batch.table();
    assert_eq!(page.sheets[0].1.headers, headers);
    assert_eq!(page.sheets[0].1.rows, rows);
    // One row per applicant in the people's table, which ends the page.
    let Some(Block::Table(t)) = page.blocks.last() else { panic!("no applicants table") };
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[1][0], "Nowhere");
}

#[test]
fn the_rules_page_lists_every_criterion() {
    let sets = RuleSet::builtins();
    let page = rules_page(&sets);
    let tables: Vec<_> = page
        .blocks
        .iter()
        .filter_map(|b| if let Block::Table(t) = b { Some(t) } else { None })
        .collect();
    assert_eq!(tables.len(), sets.len());
    for (t, r) in tables.iter().zip(&sets) {
        assert_eq!(t.rows.len(), r.criteria().len());
    }
}
