//! Cohort documents given as JSON values (a data overlay's `cohorts`): each
//! passes the document checks, and an error names its entry.

use twinning_cohort::{Cohort, CohortNumber, Error, cohorts_from_values};

fn builtin(n: u16) -> serde_json::Value {
    let c = Cohort::builtin(CohortNumber::new(n).unwrap()).unwrap();
    serde_json::from_str(&c.to_json()).unwrap()
}

#[test]
fn every_entry_is_checked_and_an_error_names_it() {
    let read = cohorts_from_values(&[builtin(4), builtin(5)]).unwrap();
    let numbers: Vec<u16> = read.iter().map(|c| c.number().get()).collect();
    assert_eq!(numbers, [4, 5]);

    let mut broken = builtin(5);
    broken["name"] = serde_json::Value::from(7);
    let e = cohorts_from_values(&[builtin(4), broken]).unwrap_err();
    assert!(matches!(e, Error::InEntry { ref path, .. } if path == "cohorts[1]"), "{e}");
    assert!(e.problems().iter().all(|p| p.path.starts_with("cohorts[1]")), "{:?}", e.problems());

    let mut unknown = builtin(5);
    unknown["colour"] = serde_json::Value::from("red");
    let e = cohorts_from_values(&[unknown]).unwrap_err().to_string();
    assert!(e.starts_with("cohorts[0]: ") && e.contains("colour"), "{e}");
}
