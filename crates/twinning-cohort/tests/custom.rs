//! Cohorts defined as data: a valid cohort 6, lossless round trips, and bad
//! documents that each name the field at fault.

use twinning_cohort::{Cohort, Error, MAX_DOCUMENT_BYTES, Role, builtin_cohorts};

use crate::at;

const SIX: &str = include_str!("data/cohort-6.json");

fn bad(name: &str) -> Error {
    let path = format!("{}/tests/data/bad/{name}", env!("CARGO_MANIFEST_DIR"));
    let json = std::fs::read_to_string(&path).unwrap();
    Cohort::from_json(&json).unwrap_err()
}

#[test]
fn a_cohort_6_loads_without_recompiling() {
    let six = Cohort::from_json(SIX).unwrap();
    assert_eq!(six.number(), 6);
    assert_eq!(six.learner_role(), Role::MissionMindedCity);
    assert_eq!(six.programme_period().to_string(), "2027-10 to 2028-09");
    assert!(
        six.registration_status(Role::MissionMindedCity, at("2027-03-26T17:00:00+01:00")).is_open()
    );
    assert!(
        !six.registration_status(Role::MissionMindedCity, at("2027-03-26T17:01:00+01:00"))
            .is_open()
    );
    assert!(
        Cohort::builtin(twinning_cohort::CohortNumber::new(6).unwrap()).is_none(),
        "custom cohorts are not built in"
    );
}

#[test]
fn json_round_trips_losslessly() {
    let six = Cohort::from_json(SIX).unwrap();
    let again = Cohort::from_json(&six.to_json()).unwrap();
    assert_eq!(again, six);
    assert_eq!(again.to_json(), six.to_json());
    // The document as written comes back field for field.
    let written: serde_json::Value = serde_json::from_str(SIX).unwrap();
    let emitted: serde_json::Value = serde_json::from_str(&six.to_json()).unwrap();
    assert_eq!(emitted, written);
    for c in builtin_cohorts() {
        let back: Cohort = serde_json::from_str(&serde_json::to_string(c).unwrap()).unwrap();
        assert_eq!(&back, c);
    }
}

#[test]
fn builtin_documents_hold_no_field_the_library_drops() {
    // Reading and writing back gives the same JSON value: no field of the
    // data is dropped or defaulted away.
    for (n, doc) in [
        (1, include_str!("../data/cohort-1.json")),
        (2, include_str!("../data/cohort-2.json")),
        (3, include_str!("../data/cohort-3.json")),
        (4, include_str!("../data/cohort-4.json")),
        (5, include_str!("../data/cohort-5.json")),
    ] {
        let written: serde_json::Value = serde_json::from_str(doc).unwrap();
        let emitted: serde_json::Value = serde_json::from_str(&crate::cohort(n).to_json()).unwrap();
        assert_eq!(emitted, written, "cohort {n}");
    }
}

/// Each bad file with the field path its error must name and a word of the message.
const BAD: &[(&str, &str, &str)] = &[
    ("missing-name.json", "", "missing field `name`"),
    ("unknown-field.json", "", "unknown field `colour`"),
    ("phases-overlap.json", "phases[1].months", "do not overlap"),
    ("phases-out-of-order.json", "phases[1].months", "in order"),
    ("deadline-before-opening.json", "registrations[1].closes", "before the call opens"),
    (
        "alternative-deadline-before-opening.json",
        "registrations[0].closes.alternatives[0]",
        "before the call opens",
    ),
    ("duplicate-activity-id.json", "activities[1].id", "duplicate id \"kick-off\""),
    ("duplicate-role.json", "registrations[1].role", "second call"),
    ("deadline-without-offset.json", "registrations[0].closes.followed.value", "invalid moment"),
    ("same-roles.json", "pairing.peer", "same role"),
    ("programme-ends-before-start.json", "programme_end", "before the programme starts"),
    ("hours-inverted.json", "time_commitment.hours_per_month", "below min"),
    ("bad-slug.json", "phases[0].id", "slug"),
    ("unknown-output-kind.json", "required_outputs[0].kind", "unknown variant `poster`"),
];

#[test]
fn bad_documents_name_the_field_at_fault() {
    for (file, path, words) in BAD {
        let err = bad(file);
        let text = err.to_string();
        assert!(text.contains(words), "{file}: {text}");
        let problems = err.problems();
        assert!(
            problems.iter().any(|p| p.path.contains(path)),
            "{file}: expected a problem at {path}, got {problems:?}"
        );
    }
}

#[test]
fn every_problem_is_reported_at_once() {
    let Error::Invalid { cohort, problems } = bad("several-problems.json") else {
        panic!("expected Invalid");
    };
    assert_eq!(cohort, "0");
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["number", "name", "required_outputs[0].title"]);
}

#[test]
fn oversized_documents_are_refused_before_parsing() {
    let huge = " ".repeat(MAX_DOCUMENT_BYTES + 1);
    assert!(matches!(
        Cohort::from_json(&huge),
        Err(Error::Document(twinning_core::DocumentError::TooLarge { .. }))
    ));
}

#[test]
fn every_bad_file_is_covered() {
    let dir = format!("{}/tests/data/bad", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|f| f.ends_with(".json") && f != "several-problems.json")
        .collect();
    files.sort();
    let mut covered: Vec<String> = BAD.iter().map(|(f, _, _)| (*f).to_owned()).collect();
    covered.sort();
    assert_eq!(files, covered);
}

#[test]
fn schema_version_is_written_and_defaults_to_1_on_input() {
    let six = Cohort::from_json(SIX).unwrap();
    let written: serde_json::Value = serde_json::from_str(&six.to_json()).unwrap();
    assert_eq!(written["schema_version"], 1);
    // A document written before the field existed still loads, as version 1.
    let without = SIX.replacen("\"schema_version\": 1,", "", 1);
    assert!(!without.contains("schema_version"));
    assert_eq!(Cohort::from_json(&without).unwrap(), six);
}

#[test]
fn an_unknown_schema_version_is_named_with_the_supported_one() {
    let future = SIX.replacen("\"schema_version\": 1,", "\"schema_version\": 2,", 1);
    let err = Cohort::from_json(&future).unwrap_err();
    assert_eq!(
        err.to_string(),
        "cohort json has schema_version 2; this build reads schema_version 1"
    );
}

#[test]
fn texts_that_print_differently_in_each_file_are_refused_where_they_are() {
    let mut doc: serde_json::Value = serde_json::from_str(SIX).unwrap();
    // A no-break space, a tab and a line break are text; they load.
    doc["pairing"]["summary"] = serde_json::json!("Mission-minded\u{a0}cities\tlearn\nfrom peers");
    assert!(Cohort::from_json(&doc.to_string()).is_ok());
    // A bell in the name, a right-to-left override in a phase title, a
    // zero-width space in a note: each refused with its path.
    for (pointer, text, path) in [
        ("/name", "Cohort 6\u{7}", "name"),
        ("/phases/0/title", "\u{202e}Matchmaking", "phases[0].title"),
        ("/required_outputs/0/title", "Action\u{200b}plan", "required_outputs[0].title"),
    ] {
        let mut bad = doc.clone();
        *bad.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}")) = serde_json::json!(text);
        let err = Cohort::from_json(&bad.to_string()).unwrap_err();
        let problems = err.problems();
        assert!(problems.iter().any(|p| p.path == path), "{pointer}: {problems:?}");
        assert!(err.to_string().contains("U+"), "{err}");
    }
}
