//! The cohorts' pages, checked against the cohort facts they show.

use twinning_cohort::{
    CohortPage, CohortSummary, cohort_list_page, milestone_table, reported_text,
};
use twinning_core::Block;

use crate::{at, cohort};

#[test]
fn the_cohort_list_has_one_row_per_cohort() {
    let all: Vec<CohortSummary> =
        twinning_cohort::builtin_cohorts().iter().map(CohortSummary::new).collect();
    assert_eq!(all.len(), 5);
    let page = cohort_list_page(&all);
    let Some(Block::Table(t)) = page.blocks.get(1) else { panic!("no table") };
    assert_eq!(t.rows.len(), 5);
    assert_eq!(t.rows[4][0], "5");
    // Seed 001: cohort 5 pairs Mission-minded cities (learners) with
    // Mission cities.
    assert_eq!(all[4].learner.key(), "mission-minded-city");
    assert_eq!(all[4].peer.key(), "mission-city");
    assert!(t.rows[4][2].contains(" -> "), "{:?}", t.rows[4]);
}

#[test]
fn reported_text_keeps_every_reading_followed_first() {
    let five = cohort(5);
    let months = reported_text(five.duration_months(), u16::to_string);
    assert!(months.starts_with(&five.duration_months().followed().value.to_string()));
    assert_eq!(months.split(" / ").count(), five.duration_months().all().count());
}

#[test]
fn a_cohort_page_has_a_status_only_when_asked() {
    let five = cohort(5);
    let page = CohortPage::new(five, None);
    assert!(page.status.is_none());
    assert_eq!(page.milestones.len(), five.milestones().len());
    assert!(!page.to_page().to_text().contains("\nStatus\n"));
    let json = serde_json::to_value(&page).unwrap();
    assert_eq!(json["cohort"], serde_json::to_value(five).unwrap());
    assert!(json.get("status").is_none());
    assert!(json["milestones"].is_array());

    // 1 May 2026: the cohort 5 Matchmaking Days (April-May 2026, seed 001).
    let may = CohortPage::new(five, Some(at("2026-05-01T12:00:00+02:00")));
    let status = may.status.as_ref().unwrap();
    assert_eq!(status.phase.as_ref().map(|p| p.title.as_str()), Some("Matchmaking Days"));
    assert!(status.next_milestones.len() <= 5);
    assert!(status.next_milestones.iter().all(|m| m.at > status.at));
    let text = may.to_page().to_text();
    assert!(text.contains("Phase:"), "{text}");
    assert!(text.contains("Matchmaking Days"), "{text}");
}

#[test]
fn milestone_tables_name_other_readings() {
    let five = cohort(5);
    let t = milestone_table(five.milestones());
    assert_eq!(t.rows.len(), five.milestones().len());
    for (row, m) in t.rows.iter().zip(five.milestones()) {
        assert_eq!(row[1], m.title);
        assert_eq!(row[2].matches("other reading").count(), m.alternatives.len());
    }
}
