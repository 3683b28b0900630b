//! `twinning outputs …`.

use crate::support::*;

#[test]
fn new_writes_a_starter_that_validates_and_renders() {
    let dir = scratch("outputs");
    for kind in [
        "learning-roadmap",
        "stakeholder-engagement-plan",
        "transferability-assessment",
        "action-plan",
        "info-session",
    ] {
        let file = dir.join(format!("{kind}.json"));
        let f = file.to_str().unwrap();
        let run = twinning(&[
            "outputs",
            "new",
            kind,
            "--cohort",
            "3",
            "--city",
            "Alba Iulia",
            "--at",
            "2025-01-15T10:00+01:00",
            "-o",
            f,
        ]);
        assert_eq!(run.code, 0, "{kind}: {}", run.stderr);
        let v: serde_json::Value = serde_json::from_str(&read(&file)).unwrap();
        assert_eq!(v["cohort"], 3);
        assert_eq!(v["body"]["kind"], kind);
        let check = twinning(&["outputs", "validate", f, "--format", "json"]);
        assert_eq!(check.code, 0, "{kind}: {}{}", check.stdout, check.stderr);
        let report = json(&check);
        assert_eq!(report["valid"], true);
        let md = twinning(&["outputs", "render", f, "--format", "markdown"]);
        assert_eq!(md.code, 0);
        assert!(md.stdout.starts_with("# "), "{kind}");
    }
    // Seed 004: cohort 3's action plan is the "Twin City Action Plan".
    let v: serde_json::Value = serde_json::from_str(&read(&dir.join("action-plan.json"))).unwrap();
    assert_eq!(v["title"], "Twin City Action Plan");
}

#[test]
fn starters_are_deterministic_given_the_instant() {
    let args = [
        "outputs",
        "new",
        "action-plan",
        "--cohort",
        "5",
        "--city",
        "Kalamata",
        "--at",
        "2026-09-15T10:00+02:00",
    ];
    assert_eq!(twinning(&args).stdout, twinning(&args).stdout);
}

#[test]
fn a_valid_plan_validates_and_renders_its_totals() {
    let run = twinning(&["outputs", "validate", &data("output-action-plan.json")]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_fits_80(&run.stdout);
    let md = twinning(&["outputs", "render", &data("output-action-plan.json")]);
    // 12,000 + 45,000 EUR, computed by hand.
    assert!(md.stdout.contains("57000.00"), "{}", md.stdout);
    assert!(md.stdout.contains("```mermaid"));
}

#[test]
fn every_problem_is_listed_and_exit_is_1() {
    let run = twinning(&[
        "outputs",
        "validate",
        &data("output-action-plan-problems.json"),
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let v = json(&run);
    let paths: Vec<&str> = v["report"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["path"].as_str().unwrap())
        .collect();
    assert!(paths.contains(&"actions[0].budget_eur"), "{paths:?}");
    assert!(paths.iter().any(|p| p.starts_with("actions[0].depends_on")), "{paths:?}");
    assert_eq!(v["valid"], false);
}

#[test]
fn malformed_documents_exit_2_naming_the_path() {
    let run = twinning(&["outputs", "render", &data("bad-output-money.json")]);
    assert_bad_input(&run, "body.content.actions[1].budget_eur");
    assert!(run.stderr.contains("lots"));
    // `validate` reports a mistaken value with the document's other
    // problems: the document is invalid (exit 1), not unreadable.
    let run = twinning(&["outputs", "validate", &data("bad-output-money.json")]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("actions[1].budget_eur") && run.stdout.contains("lots"));
    assert_bad_input(
        &twinning(&["outputs", "render", &data("instance-small.json")]),
        "instance-small.json:",
    );
    assert_bad_input(&twinning(&["outputs", "new", "action-plan", "--cohort", "8"]), "cohort 8");
}

#[test]
fn a_plan_written_by_hand_gets_every_problem_in_one_report() {
    // Two actions typed by a person: short ids, a period backwards, an
    // amount with a thousands point, "yes" for a flag, "1,500", a risk
    // without its ratings, and a prerequisite that is not in the plan.
    let run = twinning(&["outputs", "validate", &data("plan-by-hand.json"), "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let v = json(&run);
    let mut places: Vec<String> = v["read_errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_owned())
        .collect();
    places.extend(
        v["report"]["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["path"].as_str().unwrap().to_owned()),
    );
    let expected = [
        "body.content.actions[0].period",
        "body.content.actions[0].funding[0].amount_eur",
        "body.content.actions[0].funding[0].secured",
        "body.content.actions[0].kpis[0].target",
        "body.content.actions[1].risks[0]",
        "actions[1].depends_on[1]",
    ];
    for e in expected {
        assert!(places.iter().any(|p| p == e), "{e} not reported: {places:?}");
    }
    let text = run.stdout.to_lowercase();
    for rust_words in ["rawdaterange", "decimal type", "uuid parsing"] {
        assert!(!text.contains(rust_words), "{rust_words} in {}", run.stdout);
    }
    // Fixing what that one report names gives a valid plan.
    let fixed = twinning(&["outputs", "validate", &data("plan-by-hand-fixed.json")]);
    assert_eq!(fixed.code, 0, "{}{}", fixed.stdout, fixed.stderr);
    assert!(fixed.stdout.contains("valid, not yet complete"), "{}", fixed.stdout);
}

#[test]
fn a_declared_number_locale_reads_a_thousands_point() {
    // The fixed two-action plan with its 150000 euros written the German way.
    let text = read(std::path::Path::new(&data("plan-by-hand-fixed.json"))).replacen(
        "\"amount_eur\": \"150000\"",
        "\"amount_eur\": \"150.000\"",
        1,
    );
    let dir = scratch("number-locale");
    let file = dir.join("plan.json");
    std::fs::write(&file, text).unwrap();
    let file = file.to_str().unwrap();
    let undeclared = twinning(&["outputs", "validate", file]);
    assert_eq!(undeclared.code, 1, "{}", undeclared.stdout);
    assert!(undeclared.stdout.contains("number convention"), "{}", undeclared.stdout);
    let de = twinning(&["outputs", "validate", file, "--number-locale", "de"]);
    assert_eq!(de.code, 0, "{}{}", de.stdout, de.stderr);
    let rendered =
        twinning(&["outputs", "render", file, "--number-locale", "de", "--format", "json"]);
    assert_eq!(rendered.code, 0, "{}", rendered.stderr);
    assert!(rendered.stdout.contains("\"amount_eur\": \"150000\""), "{}", rendered.stdout);
    let en = twinning(&["outputs", "validate", file, "--number-locale", "en", "--format", "json"]);
    assert_eq!(en.code, 1, "{}", en.stdout);
    assert!(en.stdout.contains("two decimals"), "{}", en.stdout);
    let bad = twinning(&["outputs", "validate", file, "--number-locale", "xx"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
}

#[test]
fn an_action_plan_workbook_is_filled_in_and_read_back_with_cells() {
    use twinning_core::{SheetOut, TableOptions, read_table, write_xlsx};
    let dir = scratch("plan-workbook");
    let template = dir.join("plan.xlsx");
    let t = template.to_str().unwrap();
    let run = twinning(&[
        "outputs",
        "new",
        "action-plan",
        "--cohort",
        "5",
        "--city",
        "Kalamata",
        "-o",
        t,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(&template).unwrap();
    // The template's own fields, read with the core table reader (calamine).
    let sheet = |name: &str| {
        read_table(
            &bytes,
            &TableOptions { sheet: Some(name.to_owned()), ..TableOptions::default() },
        )
        .unwrap()
    };
    let fields: Vec<Vec<String>> =
        sheet("Document").rows().iter().map(|r| r.cells.clone()).collect();
    assert!(fields.iter().any(|r| r[0] == "city.name" && r[1] == "Kalamata"), "{fields:?}");
    assert!(sheet("Actions").rows().is_empty());
    // A person fills one action with one funding source, writing the amount the German way.
    let s = |v: &[&str]| v.iter().map(|c| (*c).to_owned()).collect::<Vec<String>>();
    let sheets_of = |amount: &str| {
        let bodies = [
            fields.clone(),
            vec![s(&[
                "bikes",
                "E-bike sharing",
                "Mobility",
                "2026-11-01",
                "2027-03-31",
                "150000",
                "",
            ])],
            vec![s(&["bikes", "Municipal budget", amount, "ja"])],
            vec![s(&["bikes", "Trips a day", "trips", "0", "400"])],
            vec![s(&["bikes", "Low use", "medium", "low", "Promote it at schools"])],
        ];
        let headers: Vec<Vec<String>> =
            twinning_outputs::ACTION_PLAN_SHEETS.iter().map(|(_, h)| s(h)).collect();
        let sheets: Vec<SheetOut<'_>> = twinning_outputs::ACTION_PLAN_SHEETS
            .iter()
            .zip(&headers)
            .zip(&bodies)
            .map(|(((name, _), headers), rows)| SheetOut { name, headers, rows })
            .collect();
        write_xlsx(&sheets).unwrap()
    };
    let filled = dir.join("filled.xlsx");
    std::fs::write(&filled, sheets_of("150.000")).unwrap();
    let f = filled.to_str().unwrap();
    let run = twinning(&["outputs", "validate", f, "--format", "json"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let table = twinning(&["outputs", "validate", f]);
    assert!(table.stdout.contains("Funding!C2"), "{}", table.stdout);
    let de = twinning(&["outputs", "validate", f, "--number-locale", "de"]);
    assert_eq!(de.code, 0, "{}{}", de.stdout, de.stderr);
    assert!(de.stdout.contains("valid"), "{}", de.stdout);
    // Another kind has no workbook: said so, exit 2.
    let other = dir.join("roadmap.xlsx");
    let run = twinning(&["outputs", "new", "learning-roadmap", "-o", other.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}
