//! The programme's data with an overlay: which cohort answers for a number,
//! which errors name what, and the data dates as fields, page and JSON.
//! Overlays are written for the test; the cohorts in them are the built-in
//! cohort 5 renumbered or renamed, so they are valid by construction.

use serde_json::{Value, json};
use twinning_cohort::{Cohort, CohortNumber};
use twinning_core::{Block, Page, PageTable};
use twinning_eligibility::{Error, ProgrammeData};

fn n(number: u16) -> CohortNumber {
    CohortNumber::new(number).unwrap()
}

/// Cohort 5's JSON with `number` and `name` replaced.
fn cohort_json(number: u16, name: &str) -> Value {
    let mut v: Value = serde_json::from_str(&Cohort::builtin(n(5)).unwrap().to_json()).unwrap();
    v["number"] = json!(number);
    v["name"] = json!(name);
    v
}

fn overlay(cohorts: Vec<Value>) -> String {
    json!({"schema_version": 1, "as_of": "2027-03-01", "description": "test overlay", "cohorts": cohorts})
        .to_string()
}

#[test]
fn the_builtin_data_has_cohorts_1_to_5_and_no_overlay_date() {
    let data = ProgrammeData::builtin();
    let numbers: Vec<u16> = data.cohorts().iter().map(|c| c.number().get()).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    assert!(data.cohort(n(6)).is_none());
    assert!(data.overlay_cohorts().is_empty());
    assert_eq!(data.dates().builtin(), Some(twinning_profile::BUILTIN_AS_OF));
    assert!(data.dates().overlay().is_none());
    assert_eq!(data.dates().fields().len(), 1);
    let expected = json!({"builtin": twinning_profile::BUILTIN_AS_OF.to_string(), "overlay": null});
    assert_eq!(serde_json::to_value(data.dates()).unwrap(), expected);
}

#[test]
fn an_overlay_cohort_replaces_the_builtin_one_of_its_number_and_adds_new_ones() {
    let text =
        overlay(vec![cohort_json(6, "Cohort 6 (test)"), cohort_json(5, "Cohort 5 (corrected)")]);
    let data = ProgrammeData::from_overlay_json(&text, "data/newer.json").unwrap();
    assert_eq!(data.cohort(n(5)).unwrap().name(), "Cohort 5 (corrected)");
    assert_eq!(data.cohort(n(6)).unwrap().name(), "Cohort 6 (test)");
    assert_eq!(data.cohort(n(4)), Cohort::builtin(n(4)));
    let all: Vec<(u16, &str)> =
        data.cohorts().iter().map(|c| (c.number().get(), c.name())).collect();
    assert_eq!(all.len(), 6);
    assert_eq!(all[4], (5, "Cohort 5 (corrected)"));
    assert_eq!(all[5], (6, "Cohort 6 (test)"));
    assert_eq!(data.overlay_cohorts().len(), 2);
}

#[test]
fn the_dates_name_the_overlay_file_and_day() {
    let data = ProgrammeData::from_overlay_json(&overlay(vec![]), "data/newer.json").unwrap();
    let builtin = twinning_profile::BUILTIN_AS_OF.to_string();
    assert_eq!(
        data.dates().fields(),
        [
            ("Built-in data as of".to_owned(), builtin.clone()),
            ("Overlay".to_owned(), "data/newer.json as of 2027-03-01".to_owned()),
        ]
    );
    let expected =
        json!({"builtin": builtin, "overlay": {"file": "data/newer.json", "as_of": "2027-03-01"}});
    assert_eq!(serde_json::to_value(data.dates()).unwrap(), expected);

    let mut page = Page::new();
    data.dates().push_to(&mut page);
    assert_eq!(page.blocks[0], Block::Heading("Data".to_owned()));
    assert_eq!(page.blocks[1], Block::Fields(data.dates().fields()));
    assert!(page.to_text().contains("Overlay:             data/newer.json as of 2027-03-01"));
}

#[test]
fn the_main_table_gets_a_data_column_and_the_text_stays() {
    let data = ProgrammeData::from_overlay_json(&overlay(vec![]), "o.json").unwrap();
    let mut page = Page::new();
    let mut cities = PageTable::new(&["City"]);
    cities.row(vec!["Gent".to_owned()]);
    cities.row(vec!["Braga".to_owned()]);
    page.push(Block::Table(cities));
    data.dates().push_to(&mut page);
    let text = page.to_text();
    data.dates().stamp_main_table(&mut page);
    assert_eq!(page.to_text(), text);
    let stamp = format!(
        "Built-in data as of: {}; Overlay: o.json as of 2027-03-01",
        twinning_profile::BUILTIN_AS_OF
    );
    let (_, main) = &page.tables()[0];
    assert_eq!(main.headers, ["City", "Data as of"]);
    assert_eq!(main.rows, [["Gent".to_owned(), stamp.clone()], ["Braga".to_owned(), stamp]]);

    let mut empty = Page::new();
    data.dates().stamp_main_table(&mut empty);
    assert!(empty.sheets.is_empty());
}

#[test]
fn stamp_json_adds_data_as_of_to_an_object_or_each_of_a_list() {
    let dates = ProgrammeData::builtin().dates().clone();
    let stamped = serde_json::to_value(&dates).unwrap();
    let mut one = json!({"name": "Gent"});
    dates.stamp_json(&mut one);
    assert_eq!(one, json!({"name": "Gent", "data_as_of": stamped}));
    let mut many = json!([{"name": "Gent"}, {"name": "Braga"}]);
    dates.stamp_json(&mut many);
    assert_eq!(many[1], json!({"name": "Braga", "data_as_of": stamped}));
    let mut other = json!("text");
    dates.stamp_json(&mut other);
    assert_eq!(other, json!("text"));
}

#[test]
fn errors_say_whether_the_document_a_record_or_a_cohort_is_wrong() {
    let bom = format!("\u{feff}{}", overlay(vec![]));
    let e = ProgrammeData::from_overlay_json(&bom, "o.json").unwrap_err();
    assert!(matches!(e, Error::Overlay(twinning_profile::Error::Document(_))), "{e:?}");

    let bad_country = json!({"schema_version": 1, "as_of": "2027-03-01", "description": "d",
        "cities": [{"slug": "x", "name": "X", "country": "UK", "kind": "municipality",
                    "provenance": {"source": "test", "confidence": "confirmed"}}]});
    let e = ProgrammeData::from_overlay_json(&bad_country.to_string(), "o.json").unwrap_err();
    assert!(matches!(&e, Error::Overlay(p) if !matches!(p, twinning_profile::Error::Document(_))));
    assert!(e.to_string().contains("cities[0].country"), "{e}");

    let twice = overlay(vec![cohort_json(6, "a"), cohort_json(6, "b")]);
    let e = ProgrammeData::from_overlay_json(&twice, "o.json").unwrap_err();
    assert!(matches!(e, Error::OverlayCohort(_)), "{e:?}");
    assert_eq!(e.to_string(), "cohorts[1]: cohort 6 is already defined at cohorts[0]");
}
