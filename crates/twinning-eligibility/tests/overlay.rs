//! A data overlay changes the registry's answers, and the decisions cite the
//! overlay's sources. The overlay is written for the test (a hypothetical
//! city added to the cohort 5 catalogue after the release).

use twinning_cohort::Role;
use twinning_eligibility::{Applicant, BuiltinRegistry, Registry, RuleSet, Verdict};
use twinning_profile::Overlay;

use crate::fake::{at, cc};

const OVERLAY: &str = r#"{
  "schema_version": 1,
  "as_of": "2027-03-01",
  "description": "a city added to the cohort 5 catalogue (test page)",
  "cities": [{
    "slug": "exampleton", "name": "Exampletön", "country": "EE", "kind": "municipality",
    "roles": [{"role": "mission-minded-city", "cohort": 5, "since": "2026-01-05",
               "provenance": {"source": "netzerocities.eu catalogue, test addition", "confidence": "confirmed"}}],
    "memberships": [{"project": "amigos", "roles": ["twin"],
                     "provenance": {"source": "amigos test page", "confidence": "confirmed"}}],
    "provenance": {"source": "netzerocities.eu catalogue, test addition", "confidence": "confirmed"}
  }]
}"#;

#[test]
fn an_overlay_city_is_admitted_and_the_decision_cites_the_overlay() {
    let rules = RuleSet::builtin(crate::fake::no(5), Role::MissionMindedCity).unwrap();
    let when = at("2026-01-10T12:00:00+01:00");
    let a = Applicant::new("Exampleton").unwrap().with_country(cc("EE")).with_submitted_at(when);

    // Without the overlay the city is not in the catalogue: not invited.
    let before = rules.evaluate(&a, when, &BuiltinRegistry::new());
    assert_ne!(before.verdict(), Verdict::Eligible, "{}", before.to_json());

    // Seeds 000/001: invited (in the catalogue) and in a selected partner project.
    let registry = BuiltinRegistry::with_overlay(&Overlay::from_json(OVERLAY).unwrap()).unwrap();
    let after = rules.evaluate(&a, when, &registry);
    assert_eq!(after.verdict(), Verdict::Eligible, "{}", after.to_json());
    let invited = after.outcome("invited").unwrap();
    assert!(invited.sentence.contains("Exampletön"), "{}", invited.sentence);
    let json = after.to_json();
    assert!(json.contains("netzerocities.eu catalogue, test addition"), "{json}");
    assert_eq!(registry.overlay_as_of().map(|d| d.to_string()).as_deref(), Some("2027-03-01"));
}

#[test]
fn a_role_from_the_overlay_carries_its_day_and_source() {
    // Aalborg (seed 000) given a cohort 5 Twin role announced 15 February 2027 by the overlay.
    let overlay = Overlay::from_json(
        r#"{"schema_version": 1, "as_of": "2027-03-01",
            "roles": [{"city": "aalborg", "role": "twin-city", "cohort": 5, "since": "2027-02-15",
                       "provenance": {"source": "cohort 5 pairs, test page", "confidence": "confirmed"}}]}"#,
    )
    .unwrap();
    let registry = BuiltinRegistry::with_overlay(&overlay).unwrap();
    let roles = registry.earlier_roles("Aalborg", Some(cc("DK")));
    let twin = roles.records.iter().find(|r| r.value.role == Role::TwinCity).unwrap();
    assert_eq!(twin.value.since.map(|d| d.to_string()).as_deref(), Some("2027-02-15"));
    assert_eq!(twin.provenance.source(), "cohort 5 pairs, test page");
    assert!(
        BuiltinRegistry::new()
            .earlier_roles("Aalborg", Some(cc("DK")))
            .records
            .iter()
            .all(|r| r.value.role != Role::TwinCity)
    );
}

/// A hypothetical association step published after the release: Singapore
/// associated to Horizon Europe (Pillar II) from 1 January 2027.
const ASSOCIATION: &str = r#"{"schema_version": 1, "as_of": "2027-03-01",
  "associations": [{"country": "SG", "name": "Singapore", "programme": "horizon-europe",
    "status": "associated", "scope": "pillar-ii-only", "effective": "2027-01-01",
    "provenance": {"source": "association test page", "confidence": "confirmed"}}]}"#;

#[test]
fn an_association_from_the_overlay_counts_from_its_day_and_cites_it() {
    use chrono::NaiveDate;
    use twinning_eligibility::CountryGroup;
    let registry =
        BuiltinRegistry::with_overlay(&Overlay::from_json(ASSOCIATION).unwrap()).unwrap();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let sg = cc("SG");
    let after = registry
        .country_in_group(sg, CountryGroup::HorizonEuropeAssociated, day(2027, 2, 1))
        .unwrap();
    assert!(after.value);
    assert_eq!(after.provenance.source(), "association test page");
    let before = registry
        .country_in_group(sg, CountryGroup::HorizonEuropeAssociated, day(2026, 12, 31))
        .unwrap();
    assert!(!before.value);
    let builtin = BuiltinRegistry::new();
    let without = builtin
        .country_in_group(sg, CountryGroup::HorizonEuropeAssociated, day(2027, 2, 1))
        .unwrap();
    assert!(!without.value);
}
