//! The registration-survey CSV import: load any text against the built-in
//! catalogue; an import that succeeds keeps every data row (one city per
//! record, counted independently with the `csv` crate), and its JSON form
//! loads back to an equal document.

#![no_main]

use libfuzzer_sys::fuzz_target;
use twinning_profile::{Catalogue, load_csv, load_json};

/// Data records in `text`, read the way a spreadsheet export is read.
fn records(text: &str) -> Option<usize> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut n = 0;
    for record in reader.records() {
        record.ok()?;
        n += 1;
    }
    Some(n)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let catalogue = Catalogue::builtin();
    let doc = match load_csv(text, catalogue) {
        Ok(doc) => doc,
        Err(err) => {
            assert!(!err.to_string().is_empty());
            return;
        }
    };
    assert_eq!(Some(doc.cities.len()), records(text), "a row was dropped or invented");
    let json = match doc.to_json() {
        Ok(json) => json,
        Err(err) => panic!("an imported document does not serialize: {err}"),
    };
    match load_json(&json, catalogue) {
        Ok(again) => assert_eq!(again, doc, "JSON of a CSV import changes it\n{json}"),
        Err(err) => panic!("the JSON of a CSV import is refused: {err}\n{json}"),
    }
});
