//! Action plans as workbooks: written for people to fill in, read back
//! with each value's cell. `plan.json` is a two-action plan written by
//! hand; the workbook is opened with calamine, not with our reader, to
//! check what we wrote.

use calamine::{Data, Reader, Xlsx};
use twinning_core::{NumberLocale, SheetOut, write_xlsx};
use twinning_outputs::{ACTION_PLAN_SHEETS, Document, read_action_plan_workbook};

const PLAN: &str = include_str!("plan.json");

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        other => other.to_string(),
    }
}

#[test]
fn a_plan_goes_to_a_workbook_and_comes_back_equal() {
    // A joint plan (cohort 5) with a partner city, so nothing is left behind.
    let joint = PLAN.replacen(
        "\"actions\": [",
        "\"joint_with\": [{\"id\": \"9bd07fd9-1d78-54f9-890f-7eb5a434f466\", \"name\": \"Águeda\"}], \"actions\": [",
        1,
    );
    let doc = Document::from_json(&joint).unwrap();
    let partners = match &doc.body {
        twinning_outputs::OutputBody::ActionPlan(plan) => plan.joint_with.len(),
        _ => 0,
    };
    assert_eq!(partners, 1);
    let bytes = doc.to_action_plan_workbook().unwrap();
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    let names: Vec<String> = book.sheet_names().to_vec();
    assert_eq!(names, ["Document", "Actions", "Funding", "KPIs", "Risks", "How to fill in"]);
    let help = book.worksheet_range("How to fill in").unwrap();
    // Every column of every list sheet is explained.
    for (sheet, columns) in &ACTION_PLAN_SHEETS[1..] {
        for column in *columns {
            assert!(
                help.rows().any(|r| cell_text(&r[0]) == *sheet && cell_text(&r[1]) == *column),
                "{sheet}/{column}"
            );
        }
    }
    let actions = book.worksheet_range("Actions").unwrap();
    let rows: Vec<Vec<String>> =
        actions.rows().map(|r| r.iter().map(cell_text).collect()).collect();
    // The plan's two actions, as plan.json writes them.
    assert_eq!(rows[0][0], "Action");
    // Action ids are kept as the document holds them (a short name becomes its UUID).
    assert_eq!(rows[1][1..3], ["Demand survey", "Mobility department"]);
    assert_eq!(rows.len(), 3);
    let back = read_action_plan_workbook(&bytes).unwrap();
    assert_eq!(Document::from_json(&back.json).unwrap(), doc);
}

/// A workbook as a person fills it, written without our plan writer.
fn filled(amount: &str, secured: &str, funding_action: &str) -> Vec<u8> {
    let s = |v: &[&str]| v.iter().map(|c| (*c).to_owned()).collect::<Vec<String>>();
    let bodies: Vec<Vec<Vec<String>>> = vec![
        vec![
            s(&["schema_version", "1"]),
            s(&["kind", "action-plan"]),
            s(&["id", "ecaf0a72-763f-5dec-8b77-2bfae26ed493"]),
            s(&["title", "Joint Replication or Action Plan"]),
            s(&["city.id", "9bd07fd9-1d78-54f9-890f-7eb5a434f466"]),
            s(&["city.name", "Kalamata"]),
            s(&["cohort", "5"]),
            s(&["due", "2027-09-30"]),
            s(&[
                "lifecycle",
                r#"{"history":[{"status":"draft","at":"2026-09-15T10:00:00+02:00"}]}"#,
            ]),
        ],
        vec![s(&["bikes", "E-bike sharing", "Mobility", "2026-11-01", "2027-03-31", "150000", ""])],
        vec![s(&[funding_action, "Municipal budget", amount, secured])],
        vec![s(&["bikes", "Trips a day", "trips", "0", "400"])],
        vec![],
    ];
    let headers: Vec<Vec<String>> = ACTION_PLAN_SHEETS.iter().map(|(_, h)| s(h)).collect();
    let sheets: Vec<SheetOut<'_>> = ACTION_PLAN_SHEETS
        .iter()
        .zip(&headers)
        .zip(&bodies)
        .map(|(((name, _), headers), rows)| SheetOut { name, headers, rows })
        .collect();
    write_xlsx(&sheets).unwrap()
}

/// The field path of a reading error (empty for other errors).
fn json_path(e: &twinning_core::DocumentError) -> &str {
    match e {
        twinning_core::DocumentError::Json { path, .. } => path,
        _ => "",
    }
}

#[test]
fn a_filled_workbook_is_read_and_mistakes_point_at_their_cells() {
    let ok = read_action_plan_workbook(&filled("150000", "yes", "bikes")).unwrap();
    let doc = Document::from_json(&ok.json).unwrap();
    assert_eq!(doc.city.name, "Kalamata");
    // "150.000" in the Funding sheet's Amount column (C), first data row (2).
    let ambiguous = read_action_plan_workbook(&filled("150.000", "ja", "bikes")).unwrap();
    let errors = Document::from_json_all(&ambiguous.json).unwrap_err().errors;
    let path = json_path(&errors[0]);
    assert_eq!(ambiguous.cell_of(path), Some("Funding!C2"), "{path} {errors:?}");
    // Declared, it is 150 thousand and the plan reads.
    assert!(Document::from_json_in(&ambiguous.json, NumberLocale::De).is_ok());
    // A funding row for an action the Actions sheet lacks is named by its cell.
    let e = read_action_plan_workbook(&filled("1", "no", "bike")).unwrap_err().to_string();
    assert!(e.contains("Funding!A2") && e.contains("\"bike\""), "{e}");
    // A value the reader refuses (a flag that is no yes or no) points at its cell too.
    let odd = read_action_plan_workbook(&filled("1", "maybe", "bikes")).unwrap();
    let errors = Document::from_json_all(&odd.json).unwrap_err().errors;
    let path = json_path(&errors[0]);
    assert_eq!(odd.cell_of(path), Some("Funding!D2"), "{path}");
}
