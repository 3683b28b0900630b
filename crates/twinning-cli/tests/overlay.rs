//! `--data PATH` / `TWINNING_DATA`: a data overlay applied to the catalogue,
//! the registry and the cohorts. `tests/data/overlay.json` is an example
//! written for the tests (Exampleton is invented), so the expected values
//! are the overlay's own.

use std::process::Command;

use crate::schema::assert_valid;
use crate::support::*;

fn with_data(args: &[&str]) -> Run {
    let overlay = data("overlay.json");
    let mut all = vec!["--data", overlay.as_str()];
    all.extend_from_slice(args);
    twinning(&all)
}

#[test]
fn catalogue_shows_the_data_dates_in_every_format() {
    // The built-in data was checked against its sources on 6 December 2026.
    let run = twinning(&["catalogue", "show", "Ghent", "--format", "json"]);
    let v = json(&run);
    assert_eq!(v["data_as_of"]["builtin"], "2026-12-06");
    assert!(v["data_as_of"]["overlay"].is_null());
    let list = json(&twinning(&["catalogue", "projects", "--format", "json"]));
    assert_eq!(list["data_as_of"]["builtin"], "2026-12-06");
    let table = twinning(&["catalogue", "cities", "--country", "EE"]);
    assert!(table.stdout.contains("Built-in data as of: 2026-12-06"), "{}", table.stdout);
    let md = twinning(&["catalogue", "mission-cities", "--format", "markdown"]);
    assert!(md.stdout.contains("2026-12-06"), "{}", md.stdout);
    // The CSV of a list is its main table: each row says how current it is.
    let csv = twinning(&["catalogue", "cities", "--country", "EE", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.iter().next_back(), Some("Data as of"));
    for record in reader.records() {
        assert_eq!(record.unwrap().iter().next_back(), Some("Built-in data as of: 2026-12-06"));
    }
    let v = json(&with_data(&["catalogue", "show", "exampletown", "--format", "json"]));
    assert_eq!(v["city"]["name"], "Exampleton");
    assert_eq!(v["data_as_of"]["overlay"]["as_of"], "2027-03-01");
    assert_eq!(v["data_as_of"]["builtin"], "2026-12-06");
}

#[test]
fn the_overlay_adds_cities_roles_and_memberships() {
    let without = twinning(&["catalogue", "show", "Exampleton"]);
    assert_bad_input(&without, "\"Exampleton\"");
    let v = json(&with_data(&["catalogue", "cities", "--project", "amigos", "--format", "json"]));
    let names: Vec<&str> =
        v["cities"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Exampleton") && names.contains(&"Aalborg"), "{names:?}");
    let aalborg = json(&with_data(&["catalogue", "show", "aalborg", "--format", "json"]));
    let roles = aalborg["city"]["roles"].as_array().unwrap();
    assert!(
        roles.iter().any(|r| r["role"] == "twin-city" && r["since"] == "2027-02-15"),
        "{roles:?}"
    );
}

#[test]
fn the_environment_variable_names_the_overlay_too() {
    let out = Command::new(env!("CARGO_BIN_EXE_twinning"))
        .args(["catalogue", "show", "Exampleton", "--format", "json"])
        .env("TWINNING_DATA", data("overlay.json"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["city"]["country"], "EE");
}

#[test]
fn eligibility_follows_the_overlay_and_cites_it() {
    let file = data("applicant-exampleton.json");
    let args = ["eligibility", "check", "--cohort", "5", "--role", "mission-minded", &file];
    let before = twinning(&args);
    assert_ne!(before.code, 0, "{}", before.stdout);
    let mut with_json = args.to_vec();
    with_json.extend(["--format", "json"]);
    let after = with_data(&with_json);
    assert_eq!(after.code, 0, "{}{}", after.stdout, after.stderr);
    let v = json(&after);
    assert_eq!(v["verdict"], "eligible", "{v}");
    assert!(after.stdout.contains("example page for the tests"), "{}", after.stdout);
}

#[test]
fn a_cohort_6_from_the_overlay_is_shown() {
    assert_eq!(twinning(&["cohort", "show", "6"]).code, 2);
    let run = with_data(&["cohort", "show", "6", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json(&run)["cohort"]["number"], 6);
    let list = json(&with_data(&["cohort", "list", "--format", "json"]));
    let numbers: Vec<u64> =
        list.as_array().unwrap().iter().map(|c| c["number"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
}

#[test]
fn a_bad_overlay_is_refused_naming_the_entry() {
    let bad = data("overlay-bad-country.json");
    let run = twinning(&["--data", &bad, "catalogue", "cities"]);
    assert_bad_input(&run, "cities[0].country");
    // Commands that do not read the data are not affected.
    assert_eq!(twinning(&["--data", &bad, "schema"]).code, 0);
}

#[test]
fn the_overlay_follows_its_schema() {
    assert_valid("overlay", &read(std::path::Path::new(&data("overlay.json"))));
}

#[test]
fn outputs_read_the_overlay_cohorts_too() {
    // Cohort 6 exists only in the overlay: a new output document for it.
    let made = with_data(&[
        "-q",
        "-f",
        "json",
        "outputs",
        "new",
        "action-plan",
        "--cohort",
        "6",
        "--city",
        "Exampleton",
    ]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert_eq!(json(&made)["cohort"], 6);
    let without =
        twinning(&["-q", "outputs", "new", "action-plan", "--cohort", "6", "--city", "Exampleton"]);
    assert_bad_input(&without, "cohort 6");
    // A document of cohort 6 validates against the overlay's cohort 6.
    let dir = scratch("overlay-outputs");
    let doc = dir.join("plan.json");
    std::fs::write(&doc, &made.stdout).unwrap();
    let checked = with_data(&["-q", "outputs", "validate", doc.to_str().unwrap()]);
    assert!(checked.code == 0 || checked.code == 1, "{}", checked.stderr);
    let refused = twinning(&["-q", "outputs", "validate", doc.to_str().unwrap()]);
    assert_bad_input(&refused, "at cohort: no cohort 6");
}
