//! `twinning cohort …`.

use crate::support::*;

#[test]
fn list_shows_five_cohorts_within_80_columns() {
    let run = twinning(&["cohort", "list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_fits_80(&run.stdout);
    let v = json(&twinning(&["cohort", "list", "--format", "json"]));
    let numbers: Vec<u64> =
        v.as_array().unwrap().iter().map(|c| c["number"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    // Seed 001: cohort 5 runs 12 months, September 2026 to September 2027.
    assert_eq!(v[4]["programme"], "2026-09 to 2027-09");
}

#[test]
fn show_cohort_5_at_an_instant() {
    // Seed 001: February – March 2026, registration for Mission cities open.
    let run = twinning(&["cohort", "show", "5", "--at", "2026-03-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Registration for Mission cities open"));
    assert!(run.stdout.contains("Matchmaking Days"));
    assert_fits_80(&run.stdout);
    let md = twinning(&["cohort", "show", "5", "--format", "markdown"]);
    assert!(md.stdout.starts_with("# Cohort 5"));
    assert!(md.stdout.contains("| When | Milestone | Source |"));
}

#[test]
fn output_is_deterministic() {
    let a = twinning(&["cohort", "show", "3", "--format", "json"]);
    let b = twinning(&["cohort", "show", "3", "--format", "json"]);
    assert_eq!(a.code, 0);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn a_custom_cohort_file_is_accepted() {
    let run = twinning(&["cohort", "show", &data("cohort-6.json"), "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&run);
    assert_eq!(v["cohort"]["number"], 6);
    assert!(v["milestones"].is_array());
}

#[test]
fn calendar_writes_an_ics_that_parses() {
    let dir = scratch("ics");
    let file = dir.join("cohort-5.ics");
    let run = twinning(&["cohort", "calendar", "5", "-o", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = read(&file);
    let mut parser = ical::IcalParser::new(text.as_bytes());
    let cal = parser.next().expect("one calendar").expect("parses");
    assert!(parser.next().is_none());
    // Phases and milestones of seed 001's timeline are events.
    assert!(cal.events.len() >= 5, "{} events", cal.events.len());
    let summaries: Vec<String> = cal
        .events
        .iter()
        .flat_map(|e| e.properties.iter())
        .filter(|p| p.name == "SUMMARY")
        .filter_map(|p| p.value.clone())
        .collect();
    assert!(summaries.iter().any(|s| s.contains("Matchmaking Days")), "{summaries:?}");
}

#[test]
fn timeline_is_a_mermaid_gantt() {
    let run = twinning(&["cohort", "timeline", "5"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("gantt"));
    let md = twinning(&["cohort", "timeline", "5", "--format", "markdown"]);
    assert!(md.stdout.starts_with("```mermaid\n"));
}

#[test]
fn bad_cohort_inputs_exit_2_naming_the_place() {
    assert_bad_input(&twinning(&["cohort", "show", "9"]), "cohort 9");
    assert_bad_input(&twinning(&["cohort", "show", "missing.json"]), "missing.json");
    assert_bad_input(
        &twinning(&["cohort", "show", &data("bad-cohort-syntax.json")]),
        "bad-cohort-syntax.json:5:",
    );
    let run = twinning(&["cohort", "show", &data("bad-cohort-type.json")]);
    assert_bad_input(&run, "duration_months");
    assert!(run.stderr.contains("twelve"), "{}", run.stderr);
    assert_bad_input(&twinning(&["cohort", "show", "5", "--at", "soon"]), "soon");
}
