//! The bad-input gallery (`tests/data/bad/` at the repository root) through
//! the library loaders: every file a person might plausibly get wrong gives
//! the error the manifest `gallery.json` names, or, where the manifest says
//! so, loads as written.

use std::path::PathBuf;

use serde_json::Value;

use twinning::cohort::Cohort;
use twinning::eligibility::{Applicant, Decision, RuleSet};
use twinning::matcher::{Instance, Limits, Matching};
use twinning::outputs::Document;
use twinning::profile::{Catalogue, load_csv, load_json};

/// One entry of `gallery.json`.
#[derive(Debug)]
struct Entry {
    file: String,
    document: String,
    outcome: String,
    expected: String,
    generated: bool,
}

fn bad_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/bad")
}

fn entries() -> Vec<Entry> {
    let text = std::fs::read_to_string(bad_dir().join("gallery.json")).unwrap();
    let manifest: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(manifest.get("schema_version").and_then(Value::as_u64), Some(1));
    let list = manifest.get("entries").and_then(Value::as_array).unwrap();
    list.iter()
        .map(|e| {
            let s = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
            Entry {
                file: s("file"),
                document: s("document"),
                outcome: s("outcome"),
                expected: s("expected"),
                generated: e.get("generated").and_then(Value::as_bool).unwrap_or(false),
            }
        })
        .collect()
}

/// A document larger than every loader's limit (the biggest is the matcher's
/// 1 GiB default, which the test lowers), made of valid JSON white space.
fn huge_text(document: &str) -> String {
    let len = match document {
        "rule-set" | "applicant" | "decision" => twinning::eligibility::MAX_DOCUMENT_BYTES,
        "cohort" => twinning::cohort::MAX_DOCUMENT_BYTES,
        "profile" => twinning::profile::MAX_DOCUMENT_BYTES,
        "survey-csv" => twinning::profile::MAX_CSV_BYTES,
        "output" => twinning::outputs::MAX_DOCUMENT_BYTES,
        _ => 1 << 20,
    };
    let mut text = String::with_capacity(len + 16);
    text.push('{');
    text.push_str(&" ".repeat(len));
    text.push('}');
    text
}

/// Runs `text` through the library loader of `document`: `Ok(())` when it
/// loads, else the error's message.
fn load(document: &str, text: &str) -> Result<(), String> {
    let cat = Catalogue::builtin();
    let small = Limits { max_input_bytes: 1 << 20, ..Limits::default() };
    let r = match document {
        "cohort" => Cohort::from_json(text).map(drop).map_err(|e| e.to_string()),
        "profile" => load_json(text, cat).map(drop).map_err(|e| e.to_string()),
        "survey-csv" => load_csv(text, cat).map(drop).map_err(|e| e.to_string()),
        "rule-set" => RuleSet::from_json(text).map(drop).map_err(|e| e.to_string()),
        "applicant" => Applicant::from_json(text).map(drop).map_err(|e| e.to_string()),
        "decision" => Decision::from_json(text).map(drop).map_err(|e| e.to_string()),
        "instance" => Instance::from_json(text, &small).map(drop).map_err(|e| e.to_string()),
        "result" => Matching::from_json(text, &small).map(drop).map_err(|e| e.to_string()),
        "output" => Document::from_json(text).map(drop).map_err(|e| e.to_string()),
        other => panic!("gallery.json names an unknown document type {other:?}"),
    };
    // The umbrella error of the facade says the same thing.
    r
}

#[test]
fn every_gallery_entry_gives_its_documented_outcome() {
    let entries = entries();
    assert!(entries.len() >= 12, "one file per class of mistake");
    let mut failures = Vec::new();
    for e in &entries {
        let text = if e.generated {
            huge_text(&e.document)
        } else {
            let bytes = std::fs::read(bad_dir().join(&e.file)).unwrap();
            // Every gallery file is UTF-8; the loaders take text.
            String::from_utf8(bytes).unwrap()
        };
        match (e.outcome.as_str(), load(&e.document, &text)) {
            ("accepted", Ok(())) => {}
            ("rejected", Err(message)) if message == e.expected => {}
            (_, got) => {
                failures.push(format!("{}: expected {:?}, got {got:?}", e.file, e.expected))
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_gallery_file_is_in_the_manifest() {
    let listed: Vec<String> = entries().into_iter().map(|e| e.file).collect();
    for f in std::fs::read_dir(bad_dir()).unwrap() {
        let name = f.unwrap().file_name().into_string().unwrap();
        if name != "gallery.json" {
            assert!(listed.contains(&name), "{name} is not in gallery.json");
        }
    }
    for e in entries() {
        assert_eq!(e.generated, !bad_dir().join(&e.file).exists(), "{}", e.file);
        assert!(matches!(e.outcome.as_str(), "accepted" | "rejected"), "{}", e.file);
    }
}

#[test]
fn the_cet_entry_is_kept_as_printed_an_hour_off_brussels_time() {
    // What the library can say about CET written in summer time: the
    // instant is kept with its printed offset, and Brussels keeps CEST
    // (+02:00) on that day, so 10:00+01:00 is 11:00 on the Brussels clock.
    let text = std::fs::read_to_string(bad_dir().join("cet-in-summer-time.cohort.json")).unwrap();
    let c = Cohort::from_json(&text).unwrap();
    let noon = chrono::DateTime::parse_from_rfc3339("2027-10-05T12:00:00Z").unwrap();
    let offset = twinning::cohort::brussels_offset(noon.with_timezone(&chrono::Utc));
    assert_eq!(offset.local_minus_utc(), 2 * 3600);
    assert!(c.to_json().contains("2027-10-05T10:00:00+01:00"));
}
