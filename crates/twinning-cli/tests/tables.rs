//! Spreadsheets in and out: a registration-survey export as Excel writes it
//! (`tests/data/survey/`, made with openpyxl and Python's csv encoding) gives
//! decisions in one run with a column mapping, and the results open in a
//! spreadsheet with the reasons and the respondent ids.

use twinning_core::{TableOptions, read_table};

use crate::support::*;

fn batch(file: &str, extra: &[&str]) -> Run {
    let path = data(&format!("survey/{file}"));
    let mapping = data("survey/mapping.json");
    let mut args = vec![
        "eligibility",
        "batch",
        "--cohort",
        "5",
        "--role",
        "mission-minded",
        "--at",
        "2026-03-01T12:00+01:00",
        path.as_str(),
        "--columns",
        mapping.as_str(),
    ];
    args.extend_from_slice(extra);
    twinning(&args)
}

#[test]
fn an_excel_survey_export_gives_decisions_in_one_run_and_a_workbook_back() {
    let dir = scratch("xlsx");
    let out = dir.join("decisions.xlsx");
    let run = batch("survey-export.xlsx", &["-o", out.to_str().unwrap()]);
    // Bodrum completed the form on 3 February 2026, after the window
    // (December 2025 and January 2026, seed 001): ineligible, exit 1.
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("read as Brussels time"), "{}", run.stderr);
    assert!(run.stderr.contains("row 6 repeats row 3"), "{}", run.stderr);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip archive, as .xlsx files are");
    let t = read_table(&bytes, &TableOptions::default()).unwrap();
    assert_eq!(t.headers()[..4], ["reference", "row", "applicant", "verdict"]);
    let row = |id: &str| t.rows().iter().find(|r| r.cells[0] == id).unwrap().cells.clone();
    // The survey's rows: 101 Aalborg, 102 Águeda, 103 Bodrum, 104 Ankara, 105 Agueda again.
    assert_eq!(row("101")[2..4], ["Aalborg", "eligible"]);
    let bodrum = row("103");
    assert_eq!(bodrum[3], "ineligible");
    // The completion time 03/02/2026 10:30 is CET, +01:00, in February.
    assert!(bodrum[4].starts_with("window: ") && bodrum[4].contains("2026-02-03 10:30 +01:00"));
    assert_eq!(row("105")[7], "row 3", "the second Águeda submission is flagged");
    let notes = read_table(
        &bytes,
        &TableOptions { sheet: Some("Notes".to_owned()), ..TableOptions::default() },
    )
    .unwrap();
    assert!(notes.rows().iter().any(|r| r.cells[0].contains("Brussels")));
}

#[test]
fn a_continental_csv_export_reads_in_utf_8_and_windows_1252() {
    for file in ["survey-export.csv", "survey-export-1252.csv"] {
        let run = batch(file, &["--format", "csv"]);
        // Łódź names a project nobody knows: undetermined, exit 3.
        assert_eq!(run.code, 3, "{file}: {}", run.stderr);
        assert!(run.stderr.contains("separated by \";\""), "{}", run.stderr);
        assert!(run.stderr.contains("day first"), "{}", run.stderr);
        let t = read_table(run.stdout.as_bytes(), &TableOptions::default()).unwrap();
        let verdicts: Vec<(&str, &str, &str)> = t
            .rows()
            .iter()
            .map(|r| (r.cells[0].as_str(), r.cells[1].as_str(), r.cells[3].as_str()))
            .collect();
        assert_eq!(
            verdicts,
            [
                ("201", "line 2", "eligible"),
                ("202", "line 3", "eligible"),
                ("203", "line 4", "ineligible"),
                ("204", "line 5", "undetermined"),
            ]
        );
        assert_eq!(t.rows()[1].cells[2], "Águeda", "{file}: accents survive");
    }
    let run = batch("survey-export-1252.csv", &["--format", "csv"]);
    assert!(run.stderr.contains("Windows-1252"), "{}", run.stderr);
}

#[test]
fn a_bad_spreadsheet_cell_is_named_like_a_spreadsheet_names_it() {
    let run = twinning(&[
        "eligibility",
        "batch",
        "--cohort",
        "5",
        "--role",
        "mission-minded",
        &data("survey/survey-bad-cell.xlsx"),
    ]);
    assert_bad_input(&run, "cell D3 (column \"Invited\")");
    assert!(run.stderr.contains("Maybe"), "{}", run.stderr);
}

#[test]
fn the_output_file_name_picks_the_format_and_a_mismatch_is_refused() {
    let dir = scratch("mismatch");
    let out = dir.join("decisions.xlsx");
    let run = batch("survey-export.csv", &["--format", "json", "-o", out.to_str().unwrap()]);
    assert_bad_input(&run, "decisions.xlsx");
    assert!(!out.exists());
    let csv = dir.join("decisions.csv");
    let run = batch("survey-export.csv", &["-o", csv.to_str().unwrap()]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(read(&csv).starts_with("reference,row,applicant,verdict,"));
}

#[test]
fn the_terminal_table_shows_reasons_not_only_criterion_ids() {
    let run = batch("survey-export.csv", &[]);
    assert!(run.stdout.contains("comes after the call's last minute"), "{}", run.stdout);
    assert_fits_80(&run.stdout);
}

#[test]
fn every_table_answer_goes_to_a_spreadsheet_and_a_drawing_does_not() {
    let dir = scratch("catalogue-xlsx");
    let out = dir.join("cities.xlsx");
    let run = twinning(&["catalogue", "cities", "--mission-minded", "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t = read_table(&std::fs::read(&out).unwrap(), &TableOptions::default()).unwrap();
    assert_eq!(t.headers()[0], "City");
    // Seed 000 lists 24 Mission-minded cities for cohort 5.
    assert_eq!(t.rows().len(), 24);
    // A matching's main table is its pairs, not its summary.
    let run = twinning(&["match", &data("instance-small.json"), "--format", "csv", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("Seeker,Host,"), "{}", run.stdout);
    let drawing = twinning(&["cohort", "timeline", "5", "--format", "csv"]);
    assert_bad_input(&drawing, "no table");
}
