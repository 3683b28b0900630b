//! City profile documents: load any text against the built-in catalogue; a
//! document that loads survives a JSON round trip unchanged, and extending
//! the catalogue with it either fails with a typed error or makes every city
//! of the document findable by its slug.

#![no_main]

use libfuzzer_sys::fuzz_target;
use twinning_profile::{Catalogue, load_json};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let catalogue = Catalogue::builtin();
    let doc = match load_json(text, catalogue) {
        Ok(doc) => doc,
        Err(err) => {
            assert!(!err.to_string().is_empty());
            return;
        }
    };
    let json = match doc.to_json() {
        Ok(json) => json,
        Err(err) => panic!("a loaded document does not serialize: {err}"),
    };
    match load_json(&json, catalogue) {
        Ok(again) => assert_eq!(again, doc, "round trip changed the document\n{json}"),
        Err(err) => panic!("a loaded document's own JSON is refused: {err}\n{json}"),
    }
    match catalogue.extended_with(doc.clone()) {
        Ok(extended) => {
            for city in &doc.cities {
                let found = extended.city_by_slug(city.slug().as_str());
                assert_eq!(found, Some(city), "a city went missing from the extended catalogue");
                let _ = extended.find_by_name(city.name());
            }
        }
        Err(err) => assert!(!err.to_string().is_empty()),
    }
});
