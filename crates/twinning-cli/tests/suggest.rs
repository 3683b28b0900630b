//! `twinning suggest`.

use crate::support::*;

#[test]
fn suggestions_become_an_instance_that_match_reads() {
    let dir = scratch("suggest");
    let inst = dir.join("instance.json");
    let run = twinning(&[
        "suggest",
        "--learners",
        &data("interests.csv"),
        "--instance",
        inst.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&run);
    // Sønderborg wants energy and citizen engagement (2 + 1 points); its
    // first suggestions share both themes.
    let first = &v["suggestions"]["learners"]["sonderborg"][0];
    assert_eq!(first["rank"], 1);
    assert_eq!(first["affinity"]["score"], "3");
    let shared: Vec<&str> = first["affinity"]["shared"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["theme"].as_str().unwrap())
        .collect();
    assert_eq!(shared, ["energy", "citizen-engagement"]);
    let instance = read(&inst);
    crate::schema::assert_valid("instance", &instance);
    let matched = twinning(&["match", inst.to_str().unwrap(), "--format", "json"]);
    assert_eq!(matched.code, 0, "{}", matched.stderr);
    let m = json(&matched);
    assert_eq!(m["result"]["metrics"]["matched"], 3);
}

#[test]
fn profile_documents_are_read_too() {
    let run = twinning(&["suggest", "--learners", &data("profiles-learners.json")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Lahti (sample-lahti)"));
    assert_fits_80(&run.stdout);
}

#[test]
fn registration_survey_csv_is_read_too() {
    let run = twinning(&["suggest", "--learners", &data("survey.csv"), "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&run);
    let list = v["suggestions"]["learners"]["sample-gavle"].as_array().unwrap();
    assert!(!list.is_empty());
    // Gävle's goals: mobility (2) + governance (1) + finance (1) = 4 at most.
    assert!(
        list.iter().all(|r| r["affinity"]["score"].as_str().unwrap().parse::<u32>().unwrap() <= 4)
    );
}

#[test]
fn a_peers_file_replaces_the_catalogue() {
    let run = twinning(&[
        "suggest",
        "--learners",
        &data("interests.csv"),
        "--peers",
        &data("interests.csv"),
        "--format",
        "json",
    ]);
    // The file has goals only, so there is no peer; the error names the
    // file (found by the `cli_files` fuzz target: it named none).
    assert_bad_input(&run, "tests/data/interests.csv: no peer offers a tested practice");
}

#[test]
fn bad_interest_files_exit_2_naming_line_and_column() {
    assert_bad_input(
        &twinning(&["suggest", "--learners", &data("interests-bad-theme.csv")]),
        "line 2, column themes",
    );
    assert_bad_input(
        &twinning(&["suggest", "--learners", &data("interests-bad-side.csv")]),
        "line 3, column side",
    );
    assert_bad_input(
        &twinning(&["suggest", "--learners", &data("profiles-bad-country.json")]),
        "cities[0].country",
    );
    assert_bad_input(&twinning(&["suggest", "--learners", &data("applicants.csv")]), "line 1");
}
