//! Registration tables over HTTP: the survey export as Excel and as a
//! continental Windows-1252 CSV (`tests/data/`, made with openpyxl and
//! Python's csv encoding, the same files as the command line's tests) give
//! decisions in one request with a column mapping, as the library gives them.

use serde_json::{Value, json};
use twinning_eligibility::{Applicant, ApplicantTableOptions, BuiltinRegistry, RuleSet};

use crate::support::Server;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn data(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// `text` percent-encoded for a query string.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn mapping() -> String {
    String::from_utf8(data("mapping.json")).unwrap()
}

fn verdict_of<'a>(batch: &'a Value, reference: &str) -> &'a str {
    let rows = batch["rows"].as_array().unwrap();
    let i = rows.iter().position(|r| r["reference"] == reference).unwrap();
    batch["decisions"][i]["verdict"].as_str().unwrap()
}

#[test]
fn an_excel_survey_export_is_decided_in_one_request() {
    let s = Server::start();
    let at = "2026-03-01T12:00:00%2B01:00";
    let url = format!(
        "/v1/eligibility/batch/table?cohort=5&role=mission-minded&at={at}&columns={}",
        encode(&mapping())
    );
    let answer = s.request("POST", &url, None, Some(XLSX), &data("survey-export.xlsx"));
    assert_eq!(answer.status, 200, "{}", answer.body);
    let batch = answer.json();
    // Bodrum completed the form on 3 February 2026, after the window
    // (December 2025 and January 2026, seed 001).
    assert_eq!(verdict_of(&batch, "101"), "eligible");
    assert_eq!(verdict_of(&batch, "103"), "ineligible");
    let notes = batch["notes"].to_string();
    assert!(notes.contains("Brussels"), "{notes}");
    let rows = batch["rows"].as_array().unwrap();
    let dup = rows.iter().find(|r| r["reference"] == "105").unwrap();
    assert_eq!(dup["duplicate_of"], "row 3");

    // The server says what the library says on the same table.
    let options = ApplicantTableOptions {
        mapping: Some(twinning_core::ColumnMapping::from_json(&mapping()).unwrap()),
        ..ApplicantTableOptions::default()
    };
    let table = Applicant::read_table(&data("survey-export.xlsx"), &options).unwrap();
    let rules = RuleSet::builtin(
        twinning_cohort::CohortNumber::new(5).unwrap(),
        twinning_cohort::Role::MissionMindedCity,
    )
    .unwrap();
    let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T12:00:00+01:00").unwrap();
    let expected = rules.evaluate_all(&table.applicants(), at, &BuiltinRegistry::new());
    assert_eq!(batch, serde_json::to_value(expected.with_table(&table)).unwrap());
}

#[test]
fn a_windows_1252_csv_with_semicolons_and_day_first_dates_reads() {
    let s = Server::start();
    let url = format!(
        "/v1/eligibility/batch/table?cohort=5&role=mission-minded&at=2026-03-01&columns={}",
        encode(&mapping())
    );
    let answer = s.request("POST", &url, None, Some("text/csv"), &data("survey-export-1252.csv"));
    assert_eq!(answer.status, 200, "{}", answer.body);
    let batch = answer.json();
    assert_eq!(batch["decisions"][1]["applicant"], "Águeda", "accents survive");
    // Łódź names a project nobody knows: undetermined.
    assert_eq!(verdict_of(&batch, "204"), "undetermined");
    let notes = batch["notes"].to_string();
    assert!(notes.contains("Windows-1252"), "{notes}");
}

#[test]
fn a_bad_cell_is_named_like_a_spreadsheet_names_it() {
    let s = Server::start();
    let url = "/v1/eligibility/batch/table?cohort=5&role=mission-minded";
    let answer = s.request("POST", url, None, Some(XLSX), &data("survey-bad-cell.xlsx"));
    assert_eq!(answer.status, 422, "{}", answer.body);
    let detail = answer.json()["detail"].as_str().unwrap().to_owned();
    assert!(detail.contains("cell D3") && detail.contains("Maybe"), "{detail}");
    for (query, field) in [("&dates=sideways", "dates"), ("&delimiter=x", "delimiter")] {
        let bad = s.request("POST", &format!("{url}{query}"), None, Some(XLSX), b"");
        assert_eq!(bad.status, 400, "{}", bad.body);
        assert_eq!(bad.json()["field"], field);
    }
    let json = s.request("POST", url, None, Some("application/json"), b"[]");
    assert_eq!(json.status, 415);
}

#[test]
fn a_run_takes_the_table_and_refuses_duplicate_submissions_by_row() {
    let s = Server::start();
    let run = s.staff("POST", "/v1/runs", Some(&json!({"name": "Cohort 5", "cohort": 5})));
    let base = format!("/v1/runs/{}", run.json()["id"]);
    let columns = encode(&mapping());
    let url = format!("{base}/applicants/table?role=mission-minded&columns={columns}");
    // The Excel export holds Águeda twice: nothing is added, both rows named.
    let dup = s.request("POST", &url, Some(&s.token), Some(XLSX), &data("survey-export.xlsx"));
    assert_eq!(dup.status, 422, "{}", dup.body);
    let detail = dup.json()["detail"].as_str().unwrap().to_owned();
    assert!(detail.contains("row 6 repeats row 3"), "{detail}");
    assert_eq!(s.staff("GET", &format!("{base}/applicants"), None).json(), json!([]));
    // The CSV export has one row per city: all four are added, with notes.
    let csv = data("survey-export-1252.csv");
    let added = s.request("POST", &url, Some(&s.token), Some("text/csv"), &csv);
    assert_eq!(added.status, 201, "{}", added.body);
    assert_eq!(added.json()["added"], 4);
    assert!(added.json()["notes"].to_string().contains("Windows-1252"));
    let listed = s.staff("GET", &format!("{base}/applicants"), None).json();
    assert_eq!(listed.as_array().unwrap().len(), 4);
    // Without a token, nothing.
    let anonymous = s.request("POST", &url, None, Some("text/csv"), &csv);
    assert_eq!(anonymous.status, 401);
}
