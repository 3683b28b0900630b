//! Real cities from the fact sheet against the built-in registry
//! (`twinning-profile`'s tables and catalogue). Each expectation follows
//! from the published criteria and the facts cited.

use twinning_cohort::Role;
use twinning_eligibility::{Applicant, BuiltinRegistry, Claims, Outcome, Reason, RuleSet, Verdict};

use crate::fake::{at, cc};

fn rules(cohort: u16, role: Role) -> RuleSet {
    RuleSet::builtin(crate::fake::no(cohort), role).unwrap()
}

/// A Twin City application complete in every declaration.
fn twin(name: &str, country: &str, submitted: &str) -> Applicant {
    Applicant::new(name)
        .unwrap()
        .with_country(cc(country))
        .with_local_authority(true)
        .with_neutrality_year(2050)
        .with_claims(Claims { mission_city: None, earlier_twin_or_pilot: Some(false) })
        .with_submitted_at(at(submitted))
}

fn decide(cohort: u16, role: Role, a: &Applicant) -> twinning_eligibility::Decision {
    let when = a.submitted_at().unwrap_or_else(|| at("2026-01-10T12:00:00+01:00"));
    rules(cohort, role).evaluate(a, when, &BuiltinRegistry::new())
}

#[test]
fn mission_cities_cannot_join_cohort_2_as_twins() {
    // FACTS.md §4: Valencia (ES) and Lund (SE) are Mission Cities; §2: cohort 2 excludes them.
    let d = decide(2, Role::TwinCity, &twin("Valencia", "ES", "2024-05-02T09:00:00+02:00"));
    assert_eq!(d.verdict(), Verdict::Ineligible, "{}", d.to_json());
    assert_eq!(d.failed().collect::<Vec<_>>(), ["not-mission-city"]);
    // Lund also hosts a Pilot City activity (CoPilot Lund, paired with Plymouth in cohort 2,
    // FACTS.md §1.5), so it fails on both counts, and its declaration is contradicted.
    let d = decide(2, Role::TwinCity, &twin("Lund", "SE", "2024-05-02T09:00:00+02:00"));
    assert_eq!(d.failed().collect::<Vec<_>>(), ["not-mission-city", "not-twin-or-pilot"]);
    assert_eq!(d.conflicts()[0].field, "claims.earlier_twin_or_pilot");
}

#[test]
fn belfast_was_a_cohort_1_twin_so_cannot_join_cohort_2() {
    // FACTS.md §1.5: Belfast (GB) was a cohort 1 Twin City, paired with Galway.
    let d = decide(2, Role::TwinCity, &twin("Belfast", "GB", "2024-05-02T09:00:00+02:00"));
    assert_eq!(d.verdict(), Verdict::Ineligible, "{}", d.to_json());
    assert_eq!(d.failed().collect::<Vec<_>>(), ["not-twin-or-pilot"]);
    // It declared no earlier role: the registry wins and the contradiction is reported.
    assert_eq!(d.conflicts().len(), 1);
    assert_eq!(d.conflicts()[0].field, "claims.earlier_twin_or_pilot");
}

#[test]
fn plymouth_could_join_cohort_2() {
    // FACTS.md §1.5: Plymouth (GB) was selected in cohort 2; GB associated from 2024-01-01 (§5).
    let d = decide(2, Role::TwinCity, &twin("Plymouth", "GB", "2024-05-20T10:00:00+02:00"));
    assert_eq!(d.verdict(), Verdict::Eligible, "{}", d.to_json());
}

#[test]
fn a_british_city_before_and_after_1_january_2024() {
    let before =
        decide(2, Role::TwinCity, &twin("Milton Keynes", "GB", "2023-12-31T23:59:00+01:00"));
    let country = before.outcome("country").unwrap();
    assert_eq!((country.outcome, country.reason), (Outcome::Failed, Reason::CountryOutsideGroups));
    let after =
        decide(2, Role::TwinCity, &twin("Milton Keynes", "GB", "2024-01-01T00:00:00+01:00"));
    assert_eq!(after.outcome("country").unwrap().outcome, Outcome::Passed);
}

#[test]
fn a_swiss_city_before_and_after_1_january_2025() {
    // FACTS.md §5: Switzerland is associated retroactively from 1 January 2025.
    let zurich = |when: &str| twin("Zürich", "CH", when).with_neutrality_year(2040);
    let c3 = decide(3, Role::TwinCity, &zurich("2024-10-15T12:00:00+02:00"));
    assert_eq!(c3.failed().collect::<Vec<_>>(), ["country"], "{}", c3.to_json());
    let c4 = decide(4, Role::MissionMindedCity, &zurich("2025-09-01T12:00:00+02:00"));
    assert_eq!(c4.verdict(), Verdict::Eligible, "{}", c4.to_json());
}

#[test]
fn cohort_1_took_any_city_in_the_eu() {
    // FACTS.md §2: "Any city can apply, selected as one of the 100+12 Mission Cities or not."
    for (city, country) in [("Soria", "ES"), ("Valencia", "ES"), ("Oulu", "FI")] {
        let d = decide(1, Role::TwinCity, &twin(city, country, "2023-06-01T10:00:00+02:00"));
        assert_eq!(d.verdict(), Verdict::Eligible, "{}", d.to_json());
    }
    // Outside the EU, cohort 1 named Horizon 2020's associated countries, which the tables hold
    // with uncertain confidence: such a city is never refused, but a person must confirm.
    let d = decide(1, Role::TwinCity, &twin("Eskişehir", "TR", "2023-06-01T10:00:00+02:00"));
    assert_eq!(d.verdict(), Verdict::Undetermined, "{}", d.to_json());
    let d = decide(1, Role::TwinCity, &twin("Belfast", "GB", "2023-06-01T10:00:00+02:00"));
    assert_ne!(d.verdict(), Verdict::Ineligible, "{}", d.to_json());
}

#[test]
fn cohort_4_mission_cities_expressed_interest_until_28_march_17_00_cet() {
    let valencia = |when: &str| {
        Applicant::new("Valencia").unwrap().with_country(cc("ES")).with_submitted_at(at(when))
    };
    assert_eq!(
        decide(4, Role::MissionCity, &valencia("2025-03-28T17:00:00+01:00")).verdict(),
        Verdict::Eligible
    );
    let late = decide(4, Role::MissionCity, &valencia("2025-03-28T17:01:00+01:00"));
    assert_eq!(late.failed().collect::<Vec<_>>(), ["window"]);
    let plymouth = Applicant::new("Plymouth")
        .unwrap()
        .with_country(cc("GB"))
        .with_submitted_at(at("2025-03-10T12:00:00+01:00"));
    assert_eq!(
        decide(4, Role::MissionCity, &plymouth).failed().collect::<Vec<_>>(),
        ["mission-city"]
    );
}

#[test]
fn cohort_4_mission_minded_cities_are_beyond_the_112() {
    let lund = Applicant::new("Lund")
        .unwrap()
        .with_country(cc("SE"))
        .with_neutrality_year(2030)
        .with_submitted_at(at("2025-09-12T17:00:00+02:00"));
    assert_eq!(
        decide(4, Role::MissionMindedCity, &lund).failed().collect::<Vec<_>>(),
        ["not-mission-city"]
    );
}

#[test]
fn cohort_5_mission_minded_cities_come_from_the_catalogue() {
    // FACTS.md §3: Aalborg (DUT, PED-JUST) is in the cohort 5 catalogue.
    let when = "2026-01-10T12:00:00+01:00";
    let aalborg =
        Applicant::new("Aalborg").unwrap().with_country(cc("DK")).with_submitted_at(at(when));
    let d = decide(5, Role::MissionMindedCity, &aalborg);
    assert_eq!(d.verdict(), Verdict::Eligible, "{}", d.to_json());
    // Belfast is catalogued too (UP2030); cohort 5 does not exclude earlier Twin Cities.
    let belfast =
        Applicant::new("Belfast").unwrap().with_country(cc("GB")).with_submitted_at(at(when));
    assert_eq!(decide(5, Role::MissionMindedCity, &belfast).verdict(), Verdict::Eligible);
    // The catalogue's Frankfurt may be Frankfurt am Main, a Mission City (FACTS.md §7 item 6):
    // the decision does not let it through as Mission-minded.
    let frankfurt =
        Applicant::new("Frankfurt").unwrap().with_country(cc("DE")).with_submitted_at(at(when));
    let d = decide(5, Role::MissionMindedCity, &frankfurt);
    assert_ne!(d.verdict(), Verdict::Eligible, "{}", d.to_json());
    assert_ne!(d.outcome("not-mission-city").unwrap().outcome, Outcome::Passed);
}

#[test]
fn cohort_5_mission_cities_are_part_of_the_mission() {
    let lund = Applicant::new("Lund")
        .unwrap()
        .with_country(cc("SE"))
        .with_submitted_at(at("2026-02-15T12:00:00+01:00"));
    assert_eq!(decide(5, Role::MissionCity, &lund).verdict(), Verdict::Eligible);
    let aalborg = lund.clone();
    let aalborg = Applicant::new("Aalborg")
        .unwrap()
        .with_country(cc("DK"))
        .with_submitted_at(aalborg.submitted_at().unwrap());
    assert_eq!(
        decide(5, Role::MissionCity, &aalborg).failed().collect::<Vec<_>>(),
        ["mission-city"]
    );
}

#[test]
fn a_mission_city_denying_it_is_reported() {
    let valencia = twin("Valencia", "ES", "2024-05-02T09:00:00+02:00")
        .with_claims(Claims { mission_city: Some(false), earlier_twin_or_pilot: Some(false) });
    let d = decide(2, Role::TwinCity, &valencia);
    assert_eq!(d.verdict(), Verdict::Ineligible);
    assert_eq!(d.conflicts().len(), 1);
    assert_eq!(d.conflicts()[0].field, "claims.mission_city");
}

#[test]
fn hamburgs_recorded_target_fills_a_missing_declaration() {
    // FACTS.md §3: Hamburg (DE) is bound to net CO2-neutrality by 2040; it is not a Mission City.
    let hamburg = Applicant::new("Hamburg")
        .unwrap()
        .with_country(cc("DE"))
        .with_submitted_at(at("2025-09-01T12:00:00+02:00"));
    let d = decide(4, Role::MissionMindedCity, &hamburg);
    assert_eq!(d.verdict(), Verdict::Eligible, "{}", d.to_json());
    let d = decide(4, Role::MissionMindedCity, &hamburg.with_neutrality_year(2060));
    assert_eq!(d.verdict(), Verdict::Eligible);
    assert_eq!(d.conflicts().len(), 1);
}

#[test]
fn belfast_declared_in_ireland_is_still_recognised() {
    // The catalogue knows Belfast only in GB: its cohort 1 Twin City role is still found.
    let d = decide(2, Role::TwinCity, &twin("Belfast", "IE", "2024-05-02T09:00:00+02:00"));
    assert_eq!(d.failed().collect::<Vec<_>>(), ["not-twin-or-pilot"], "{}", d.to_json());
    assert!(d.conflicts().iter().any(|c| c.field == "country" && c.registry == "GB"));
}

#[test]
fn a_catalogued_city_whose_project_the_source_does_not_name_is_undetermined() {
    // FACTS.md §3.2: Pisa (#21) and Rethymno (#23) are in the cohort 5 catalogue, which presents
    // every entry as a city of a partner project, but the seed names neither project. Missing
    // information is not a "no": the partner-project criterion is unknown, not failed.
    let when = "2026-01-10T12:00:00+01:00";
    for (name, country) in [("Pisa", "IT"), ("Rethymno", "GR")] {
        let a = Applicant::new(name).unwrap().with_country(cc(country)).with_submitted_at(at(when));
        let d = decide(5, Role::MissionMindedCity, &a);
        let outcome = d.outcome("partner-project").unwrap();
        assert_eq!(outcome.outcome, Outcome::Unknown, "{}", d.to_json());
        assert_eq!(outcome.reason, Reason::NotDeclared);
        assert_eq!(d.verdict(), Verdict::Undetermined);
        // A city that declares, explicitly, that it is in no project fails the criterion.
        let none = a.clone().with_partner_projects(Vec::<String>::new());
        let d = decide(5, Role::MissionMindedCity, &none);
        assert_eq!(
            d.outcome("partner-project").unwrap().outcome,
            Outcome::Failed,
            "{}",
            d.to_json()
        );
    }
}
