//! A run's tables for spreadsheets: the survey uploaded as a workbook, the
//! run exported as a workbook and as CSV, each read back by an independent
//! reader (calamine, the csv crate) and compared with the JSON answers.

use std::io::Cursor;

use calamine::{Reader as _, Xlsx};
use serde_json::{Value, json};

use crate::support::Server;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The registration survey as a workbook whose headers are written as people
/// write them (case and spaces differ from the documented columns).
fn survey_workbook() -> Vec<u8> {
    let headers: Vec<String> =
        ["Slug", "Name", "Country", "Climate neutrality target"].map(String::from).to_vec();
    let rows = vec![
        vec!["my-torino".to_owned(), "Torino".to_owned(), "IT".to_owned(), "2030".to_owned()],
        vec!["my-gent".to_owned(), "Gent".to_owned(), "BE".to_owned(), String::new()],
    ];
    twinning_core::write_xlsx(&[twinning_core::SheetOut {
        name: "Responses",
        headers: &headers,
        rows: &rows,
    }])
    .unwrap()
}

fn sheet(book: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<String>> {
    let range = book.worksheet_range(name).unwrap();
    range.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
}

fn column(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn a_survey_workbook_in_and_the_run_out_as_a_workbook_and_csv() {
    let s = Server::start();
    let run = s.staff("POST", "/v1/runs", Some(&json!({"name": "Cohort 5", "cohort": 5})));
    let base = format!("/v1/runs/{}", run.json()["id"]);

    // A workbook in a wrong sheet name is refused, naming the sheet.
    let wrong = s.request(
        "POST",
        &format!("{base}/survey?role=mission-city&sheet=Nope"),
        Some(&s.token),
        Some(XLSX),
        &survey_workbook(),
    );
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    assert!(wrong.json()["detail"].as_str().unwrap().contains("Nope"), "{}", wrong.body);
    // A PDF is not a survey.
    let pdf = s.request(
        "POST",
        &format!("{base}/survey?role=mission-city"),
        Some(&s.token),
        Some("application/pdf"),
        b"%PDF-1.7",
    );
    assert_eq!(pdf.status, 415);

    let up = s.request(
        "POST",
        &format!("{base}/survey?role=mission-city&submitted_at=2026-03-10T12:00:00%2B01:00"),
        Some(&s.token),
        Some(XLSX),
        &survey_workbook(),
    );
    assert_eq!(up.status, 201, "{}", up.body);
    assert_eq!(up.json()["added"], 2);
    let decided = s.staff(
        "POST",
        &format!("{base}/decisions"),
        Some(&json!({"at": "2026-03-15T12:00:00+01:00"})),
    );
    assert_eq!(decided.status, 200, "{}", decided.body);
    let decided: Vec<Value> = decided.json().as_array().unwrap().clone();
    let reason = "checked with the city by phone";
    let over = s.staff(
        "POST",
        &format!("{base}/applicants/Gent/override"),
        Some(&json!({"verdict": "eligible", "reason": reason})),
    );
    assert_eq!(over.status, 200, "{}", over.body);

    // The workbook: one sheet per table, the applicants' verdicts as the
    // JSON answer gave them, reasons written out, the override and its reason.
    let book = s.staff("GET", &format!("{base}/export.xlsx"), None);
    assert_eq!(book.status, 200);
    assert_eq!(book.header("content-type"), Some(XLSX));
    assert!(book.header("content-disposition").unwrap().contains(".xlsx"));
    let mut xlsx = Xlsx::new(Cursor::new(book.raw.clone())).unwrap();
    assert_eq!(xlsx.sheet_names(), ["applicants", "pairs", "outputs", "audit"]);
    let rows = sheet(&mut xlsx, "applicants");
    let (header, body) = rows.split_first().unwrap();
    assert_eq!(body.len(), decided.len());
    let mut reasons_checked = 0;
    for a in &decided {
        let name = a["name"].as_str().unwrap();
        let row = body.iter().find(|r| r[column(header, "applicant")] == name).unwrap();
        assert_eq!(row[column(header, "decided")], a["verdict"].as_str().unwrap(), "{name}");
        let d = &a["decisions"][0]["decision"];
        // Every criterion the decision did not pass is named with its reason.
        for c in d["outcomes"].as_array().unwrap() {
            let cell = match c["outcome"].as_str().unwrap() {
                "failed" => &row[column(header, "failed")],
                "unknown" => &row[column(header, "unknown")],
                _ => continue,
            };
            assert!(cell.contains(c["criterion"].as_str().unwrap()), "{name}: {cell}");
            reasons_checked += 1;
        }
    }
    assert!(reasons_checked > 0, "Gent, not a Mission City, fails at least one criterion");
    let gent = body.iter().find(|r| r[column(header, "applicant")] == "Gent").unwrap();
    assert_eq!(gent[column(header, "verdict")], "eligible");
    assert_eq!(gent[column(header, "override_reason")], reason);
    let audit = sheet(&mut xlsx, "audit");
    assert!(audit.iter().any(|r| r.iter().any(|c| c == reason)));

    // The same applicants table as CSV, read by the csv crate.
    let csv = s.staff("GET", &format!("{base}/tables/applicants"), None);
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").unwrap().starts_with("text/csv"));
    let mut reader = csv::Reader::from_reader(csv.body.as_bytes());
    let csv_header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&csv_header, header);
    let csv_rows: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    assert_eq!(csv_rows.as_slice(), body);

    let missing = s.staff("GET", &format!("{base}/tables/secrets"), None);
    assert_eq!(missing.status, 404);
    assert!(missing.json()["detail"].as_str().unwrap().contains("applicants"));
}
