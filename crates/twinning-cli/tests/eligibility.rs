//! `twinning eligibility …`.

use crate::support::*;

/// The documented mapping of verdicts to exit statuses.
fn expected_code(verdict: &str) -> i32 {
    match verdict {
        "eligible" => 0,
        "ineligible" => 1,
        "undetermined" => 3,
        other => panic!("unknown verdict {other}"),
    }
}

#[test]
fn a_late_application_is_ineligible_with_exit_1() {
    // netzerocities.eu/twinning-learning-programme/ (~Jun 2024): cohort 2's call closed on 7 June 2024 at the latest; an
    // application on 8 June fails the window whatever the registry says.
    let run = twinning(&[
        "eligibility",
        "check",
        "--cohort",
        "2",
        "--role",
        "twin-city",
        &data("applicant-late.json"),
        "--at",
        "2024-06-08T12:00+02:00",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let v = json(&run);
    assert_eq!(v["verdict"], "ineligible");
    let window =
        v["outcomes"].as_array().unwrap().iter().find(|o| o["outcome"] == "failed").unwrap();
    assert!(window["sentence"].as_str().unwrap().contains("2024-06-07"));
}

#[test]
fn the_exit_status_follows_the_verdict() {
    let run = cohort_2_twin(
        "check",
        "applicant-plymouth.json",
        &["--at", "2024-05-20T10:00+02:00", "--format", "json"],
    );
    let v = json(&run);
    assert_eq!(run.code, expected_code(v["verdict"].as_str().unwrap()), "{}", run.stderr);
    assert_eq!(v["applicant"], "Plymouth");
    assert_eq!(v["cohort"], 2);
    // Plymouth commits to 2030, within cohort 2's 2050 limit (seed 003).
    let neutrality = v["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"].as_str().unwrap().contains("neutral"))
        .unwrap();
    assert_eq!(neutrality["outcome"], "passed");
    let table =
        cohort_2_twin("check", "applicant-plymouth.json", &["--at", "2024-05-20T10:00+02:00"]);
    assert_fits_80(&table.stdout);
    assert!(table.stdout.starts_with("Plymouth: "));
}

#[test]
fn batch_summarises_a_csv_and_a_json_list_alike() {
    let run = cohort_2_twin(
        "batch",
        "applicants.csv",
        &["--at", "2024-06-30T12:00+02:00", "--format", "json"],
    );
    let v = json(&run);
    let s = &v["summary"];
    assert_eq!(s["total"], 4);
    // Sant Boi applied on 8 June, after the extended deadline.
    assert!(s["ineligible"].as_u64().unwrap() >= 1);
    assert_eq!(s["failed_by_criterion"]["window"], 1);
    let worst = if s["undetermined"].as_u64().unwrap() > 0 {
        3
    } else if s["ineligible"].as_u64().unwrap() > 0 {
        1
    } else {
        0
    };
    assert_eq!(run.code, worst);
    let names: Vec<&str> = v["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["applicant"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Plymouth", "Fuenlabrada", "Sant Boi de Llobregat", "Milton Keynes"]);
    let table = cohort_2_twin("batch", "applicants.csv", &["--at", "2024-06-30T12:00+02:00"]);
    assert!(table.stdout.contains("Summary"));
    assert_fits_80(&table.stdout);
}

#[test]
fn rules_are_listed() {
    let run = twinning(&["eligibility", "rules"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("Cohort 5"));
    assert_fits_80(&run.stdout);
}

#[test]
fn bad_applicants_exit_2_naming_the_place() {
    let bad_country = cohort_2_twin("check", "applicant-bad-country.json", &[]);
    assert_bad_input(&bad_country, "at country");
    assert!(bad_country.stderr.contains("ZZ"));
    assert_bad_input(
        &cohort_2_twin("batch", "applicants-bad-row.csv", &[]),
        "line 3, column \"neutrality_year\"",
    );
    // A column the table does not use is ignored with one note naming it.
    let extra = cohort_2_twin("batch", "applicants-unknown-column.csv", &[]);
    assert_ne!(extra.code, 2, "{}", extra.stderr);
    assert!(extra.stderr.contains("not used: \"population\""), "{}", extra.stderr);
    assert_bad_input(
        &twinning(&[
            "eligibility",
            "check",
            "--cohort",
            "2",
            "--role",
            "mission",
            &data("applicant-plymouth.json"),
        ]),
        "cohort 2",
    );
    assert_bad_input(&cohort_2_twin("check", "applicant-plymouth.json", &["--at", "noon"]), "noon");
}
