//! Provenance and reported facts: sources required, every variant kept.

use twinning_core::{Confidence, Error, Provenance, Reported, Sourced};

use crate::day;

#[test]
fn provenance_needs_a_source_and_serializes_its_confidence() {
    assert_eq!(Provenance::new("  ", Confidence::Confirmed), Err(Error::EmptySource));
    let p = Provenance::uncertain("seed 000", "entry 24 is unresolved").with_as_of(day(2026, 2, 1));
    let json = serde_json::to_string(&p).unwrap();
    assert!(json.contains("\"confidence\":\"uncertain\""), "{json}");
    assert_eq!(serde_json::from_str::<Provenance>(&json).unwrap(), p);
    assert!(
        serde_json::from_str::<Provenance>(r#"{"source":"","confidence":"confirmed"}"#).is_err()
    );
}

#[test]
fn reported_facts_keep_every_variant() {
    let r = Reported::disputed(
        Sourced::new(19, Provenance::confirmed("NZC 16 Sep 2024")),
        vec![Sourced::new(18, Provenance::confirmed("NZC page 2025-09-12"))],
        "selection count",
    );
    let json = serde_json::to_string(&r).unwrap();
    let back: Reported<u32> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    assert_eq!(back.all().count(), 2);
    assert!(!Reported::single(1, Provenance::confirmed("x")).is_disputed());
}
