//! The built-in rule sets against facts the tests state themselves
//! (taken from the public pages and seeds), so each expectation follows from the published
//! criteria alone.

use twinning_cohort::Role;
use twinning_eligibility::{Applicant, Claims, EvidenceSource, Outcome, Reason, Verdict};

use crate::fake::{Fake, at, cc, rules, twin};

/// Valencia and Lund are Mission Cities (ciclosfera.com; viablecities.se); Belfast was a
/// cohort 1 Twin City (netzerocities.eu/2024/05/07/bridging-cities-…).
fn registry() -> Fake {
    Fake::europe()
        .mission_city("Valencia")
        .mission_city("Lund")
        .mission_city("Frankfurt")
        .earlier("Belfast", 1, Role::TwinCity)
        .earlier("Vitoria-Gasteiz", 1, Role::PilotCity)
}

#[test]
fn plymouth_meets_every_cohort_2_criterion() {
    // Plymouth (GB) was selected as a cohort 2 Twin City (netzerocities.eu/twin-cities-cohort-2-2024/).
    let d = rules(2, Role::TwinCity).evaluate(
        &twin("Plymouth", "GB", "2024-05-20T10:00:00+02:00"),
        at("2024-05-20T10:00:00+02:00"),
        &registry(),
    );
    assert_eq!(d.verdict(), Verdict::Eligible, "{}", d.to_json());
    assert!(d.outcomes().iter().all(|o| o.outcome == Outcome::Passed));
    assert!(d.conflicts().is_empty());
}

#[test]
fn a_mission_city_cannot_join_cohort_2_as_a_twin() {
    for city in ["Valencia", "Lund"] {
        let country = if city == "Lund" { "SE" } else { "ES" };
        let d = rules(2, Role::TwinCity).evaluate(
            &twin(city, country, "2024-05-02T09:00:00+02:00"),
            at("2024-05-02T09:00:00+02:00"),
            &registry(),
        );
        assert_eq!(d.verdict(), Verdict::Ineligible);
        assert_eq!(d.failed().collect::<Vec<_>>(), ["not-mission-city"]);
        assert_eq!(d.outcome("not-mission-city").unwrap().reason, Reason::MissionCity);
    }
}

#[test]
fn belfast_was_already_a_twin_so_cannot_join_cohort_2() {
    let belfast = twin("Belfast", "GB", "2024-05-02T09:00:00+02:00")
        .with_claims(Claims { mission_city: Some(false), earlier_twin_or_pilot: None });
    let d =
        rules(2, Role::TwinCity).evaluate(&belfast, at("2024-05-02T09:00:00+02:00"), &registry());
    assert_eq!(d.verdict(), Verdict::Ineligible);
    assert_eq!(d.failed().collect::<Vec<_>>(), ["not-twin-or-pilot"]);
    let o = d.outcome("not-twin-or-pilot").unwrap();
    assert_eq!(o.reason, Reason::EarlierRole);
    assert!(o.sentence.contains("cohort 1"), "{}", o.sentence);
    assert!(
        o.evidence.iter().any(|e| e.source == EvidenceSource::Registry && e.provenance.is_some())
    );
}

#[test]
fn a_pilot_city_cannot_join_cohort_3_as_a_twin() {
    let d = rules(3, Role::TwinCity).evaluate(
        &twin("Vitoria-Gasteiz", "ES", "2024-10-01T12:00:00+02:00"),
        at("2024-10-01T12:00:00+02:00"),
        &registry(),
    );
    assert_eq!(d.failed().collect::<Vec<_>>(), ["not-twin-or-pilot"]);
}

#[test]
fn a_british_city_is_judged_by_the_day_the_uk_joined_horizon_europe() {
    // GB is associated to Horizon Europe from 2024-01-01 (EC Horizon Europe association updates).
    let c2 = rules(2, Role::TwinCity);
    let before = c2.evaluate(
        &twin("Milton Keynes", "GB", "2023-12-31T23:30:00+01:00"),
        at("2024-04-10T00:00:00+02:00"),
        &registry(),
    );
    let country = before.outcome("country").unwrap();
    assert_eq!(country.outcome, Outcome::Failed);
    assert_eq!(country.reason, Reason::CountryOutsideGroups);
    assert!(country.sentence.contains("2023-12-31"));
    let after = c2.evaluate(
        &twin("Milton Keynes", "GB", "2024-04-10T09:00:00+02:00"),
        at("2024-04-10T09:00:00+02:00"),
        &registry(),
    );
    assert_eq!(after.outcome("country").unwrap().outcome, Outcome::Passed);
    assert_eq!(after.verdict(), Verdict::Eligible);
}

#[test]
fn the_submission_day_is_read_in_the_offset_it_was_written_in() {
    // 2023-12-31T23:30-01:00 is already 2024-01-01 in UTC, but the applicant's own day is 31 December.
    let d = rules(2, Role::TwinCity).evaluate(
        &twin("Plymouth", "GB", "2023-12-31T23:30:00-01:00"),
        at("2024-04-10T00:00:00+02:00"),
        &registry(),
    );
    assert_eq!(d.outcome("country").unwrap().outcome, Outcome::Failed);
}

#[test]
fn a_swiss_city_is_judged_by_the_day_switzerland_joined_horizon_europe() {
    // CH: associated from 2025-01-01 (sbfi.admin.ch, 10 Nov 2025). Cohort 3 ran in autumn 2024,
    // cohort 4 in 2025.
    let zurich = |submitted: &str| twin("Zürich", "CH", submitted);
    let c3 = rules(3, Role::TwinCity).evaluate(
        &zurich("2024-10-15T12:00:00+02:00"),
        at("2024-10-15T12:00:00+02:00"),
        &registry(),
    );
    assert_eq!(c3.verdict(), Verdict::Ineligible);
    assert_eq!(c3.failed().collect::<Vec<_>>(), ["country"]);
    let c4 = rules(4, Role::MissionMindedCity).evaluate(
        &zurich("2025-09-01T12:00:00+02:00"),
        at("2025-09-01T12:00:00+02:00"),
        &registry(),
    );
    assert_eq!(c4.verdict(), Verdict::Eligible, "{}", c4.to_json());
}

#[test]
fn cohort_1_accepted_mission_cities() {
    // "Any city can apply, selected as one of the 100+12 Mission Cities or not."
    let valencia = Applicant::new("Valencia")
        .unwrap()
        .with_country(cc("ES"))
        .with_local_authority(true)
        .with_submitted_at(at("2023-06-01T10:00:00+02:00"));
    let d =
        rules(1, Role::TwinCity).evaluate(&valencia, at("2023-06-01T10:00:00+02:00"), &registry());
    assert_eq!(d.verdict(), Verdict::Eligible, "{}", d.to_json());
}

#[test]
fn cohort_1_checks_horizon_2020_association() {
    let mut reg = registry();
    // Türkiye was associated to Horizon 2020; Eskişehir was a cohort 1 Twin City
    // (netzerocities.eu/2024/04/18/innovating-together-…).
    let eskisehir = Applicant::new("Eskişehir")
        .unwrap()
        .with_country(cc("TR"))
        .with_local_authority(true)
        .with_submitted_at(at("2023-06-15T10:00:00+02:00"));
    let c1 = rules(1, Role::TwinCity);
    assert_eq!(
        c1.evaluate(&eskisehir, at("2023-06-15T10:00:00+02:00"), &reg).verdict(),
        Verdict::Eligible
    );
    // A country with no association at all is refused.
    let oslo_like = eskisehir.clone().with_country(cc("US"));
    assert_eq!(
        c1.evaluate(&oslo_like, at("2023-06-15T10:00:00+02:00"), &reg).failed().collect::<Vec<_>>(),
        ["country"]
    );
    // An unknown country fact leaves the criterion open.
    reg.unknown_countries.insert(cc("TR"));
    let d = c1.evaluate(&eskisehir, at("2023-06-15T10:00:00+02:00"), &reg);
    assert_eq!(d.verdict(), Verdict::Undetermined);
    assert_eq!(d.outcome("country").unwrap().reason, Reason::RegistryUnknown);
}

#[test]
fn cohort_4_mission_cities_and_mission_minded_cities() {
    let reg = registry();
    let valencia = Applicant::new("Valencia").unwrap().with_country(cc("ES"));
    let eoi = rules(4, Role::MissionCity);
    assert_eq!(
        eoi.evaluate(&valencia, at("2025-03-10T12:00:00+01:00"), &reg).verdict(),
        Verdict::Eligible
    );
    let plymouth = Applicant::new("Plymouth").unwrap().with_country(cc("GB"));
    let d = eoi.evaluate(&plymouth, at("2025-03-10T12:00:00+01:00"), &reg);
    assert_eq!(d.failed().collect::<Vec<_>>(), ["mission-city"]);

    let minded = rules(4, Role::MissionMindedCity);
    let lund = Applicant::new("Lund").unwrap().with_country(cc("SE")).with_neutrality_year(2030);
    let d = minded.evaluate(&lund, at("2025-09-01T12:00:00+02:00"), &reg);
    assert_eq!(d.failed().collect::<Vec<_>>(), ["not-mission-city"]);
    let late =
        Applicant::new("Chalkida").unwrap().with_country(cc("GR")).with_neutrality_year(2060);
    let d = minded.evaluate(&late, at("2025-09-01T12:00:00+02:00"), &reg);
    assert_eq!(d.failed().collect::<Vec<_>>(), ["neutrality"]);
    assert_eq!(d.outcome("neutrality").unwrap().reason, Reason::NeutralityTooLate);
}

#[test]
fn cohort_5_mission_minded_cities_come_from_partner_projects_and_are_invited() {
    // Seed 000: Aalborg (DUT, PED-JUST) and Hersonissos (GreenInCities) are in the catalogue;
    // Frankfurt is catalogued too though a Mission City (rhein-main-service.info). Seeds 000
    // and 001 define cohort 5's Mission-minded cities by invitation and partner project, so
    // being a Mission City does not fail a catalogue city.
    let reg = registry()
        .project("DUT", true)
        .project("AMIGOS", true)
        .project("GreenInCities", true)
        .project("Some Other Project", false)
        .catalogued("Aalborg", &["DUT", "PED-JUST"])
        .catalogued("Hersonissos", &["GreenInCities"])
        .catalogued("Frankfurt", &["AMIGOS"]);
    let c5 = rules(5, Role::MissionMindedCity);
    let when = at("2026-01-10T12:00:00+01:00");

    let aalborg = Applicant::new("Aalborg").unwrap().with_country(cc("DK"));
    let d = c5.evaluate(&aalborg, when, &reg);
    assert_eq!(d.verdict(), Verdict::Eligible, "{}", d.to_json());

    let frankfurt = Applicant::new("Frankfurt").unwrap().with_country(cc("DE"));
    let d = c5.evaluate(&frankfurt, when, &reg);
    assert_eq!(d.verdict(), Verdict::Eligible, "{}", d.to_json());
    assert!(d.outcome("not-mission-city").is_none());

    // Not in the catalogue: the declaration decides, and a missing one leaves it open.
    let outsider = Applicant::new("Soria").unwrap().with_country(cc("ES"));
    let d = c5.evaluate(&outsider, when, &reg);
    assert_eq!(d.verdict(), Verdict::Undetermined);
    let d = c5.evaluate(
        &outsider.clone().with_invited(false).with_partner_projects(["DUT"]),
        when,
        &reg,
    );
    assert_eq!(d.failed().collect::<Vec<_>>(), ["invited"]);
    let d = c5.evaluate(
        &outsider.clone().with_invited(true).with_partner_projects(["Some Other Project"]),
        when,
        &reg,
    );
    assert_eq!(d.failed().collect::<Vec<_>>(), ["partner-project"]);
    let d = c5.evaluate(
        &outsider.clone().with_invited(true).with_partner_projects(["Unheard Of"]),
        when,
        &reg,
    );
    assert_eq!(d.verdict(), Verdict::Undetermined);
    assert_eq!(d.outcome("partner-project").unwrap().reason, Reason::RegistryUnknown);
    let d = c5.evaluate(&outsider.with_invited(true).with_partner_projects(["dut"]), when, &reg);
    assert_eq!(d.verdict(), Verdict::Eligible);
}

#[test]
fn cohort_5_mission_cities() {
    let reg = registry();
    let c5 = rules(5, Role::MissionCity);
    let lund = Applicant::new("Lund").unwrap().with_country(cc("SE"));
    assert_eq!(
        c5.evaluate(&lund, at("2026-02-15T12:00:00+01:00"), &reg).verdict(),
        Verdict::Eligible
    );
    // Registration for Mission cities opened in February: January is too early.
    let d = c5.evaluate(&lund, at("2026-01-15T12:00:00+01:00"), &reg);
    assert_eq!(d.outcome("window").unwrap().reason, Reason::SubmittedBeforeOpening);
}

#[test]
fn missing_declarations_make_the_decision_undetermined_not_ineligible() {
    let d = rules(2, Role::TwinCity).evaluate(
        &Applicant::new("Amersfoort").unwrap(),
        at("2024-05-02T09:00:00+02:00"),
        &registry(),
    );
    assert_eq!(d.verdict(), Verdict::Undetermined);
    let unknown: Vec<&str> = d
        .outcomes()
        .iter()
        .filter(|o| o.outcome == Outcome::Unknown)
        .map(|o| o.criterion.as_str())
        .collect();
    assert_eq!(unknown, ["local-authority", "country", "neutrality", "not-twin-or-pilot"]);
    // The window is judged at the evaluation instant when nothing has been submitted.
    let window = d.outcome("window").unwrap();
    assert_eq!(window.outcome, Outcome::Passed);
    assert_eq!(window.evidence[0].source, EvidenceSource::Evaluation);
}

#[test]
fn a_registry_that_cannot_tell_leaves_the_criterion_open() {
    let mut reg = registry();
    reg.knows_mission_cities = false;
    let d = rules(2, Role::TwinCity).evaluate(
        &twin("Amersfoort", "NL", "2024-05-02T09:00:00+02:00")
            .with_claims(Claims { mission_city: Some(false), earlier_twin_or_pilot: Some(false) }),
        at("2024-05-02T09:00:00+02:00"),
        &reg,
    );
    let o = d.outcome("not-mission-city").unwrap();
    assert_eq!(o.outcome, Outcome::Unknown);
    assert_eq!(o.reason, Reason::RegistryUnknown);
    assert_ne!(d.verdict(), Verdict::Eligible);
}

#[test]
fn uncertain_registry_facts_leave_the_criterion_open() {
    use twinning_core::Provenance;
    let mut reg = registry();
    reg.mission_cities.insert(
        "la louvière".into(),
        Provenance::uncertain("a test fixture", "an uncertain record, not seen in any source"),
    );
    let d = rules(2, Role::TwinCity).evaluate(
        &twin("La Louvière", "BE", "2024-05-02T09:00:00+02:00"),
        at("2024-05-02T09:00:00+02:00"),
        &reg,
    );
    assert_eq!(d.verdict(), Verdict::Undetermined);
    assert_eq!(d.outcome("not-mission-city").unwrap().reason, Reason::RegistryUncertain);
}

#[test]
fn earlier_roles_rely_on_the_declaration_when_lists_are_partial() {
    let reg = registry();
    let c2 = rules(2, Role::TwinCity);
    let when = at("2024-05-02T09:00:00+02:00");
    let silent =
        twin("Fuenlabrada", "ES", "2024-05-02T09:00:00+02:00").with_claims(Claims::default());
    let d = c2.evaluate(&silent, when, &reg);
    assert_eq!(d.outcome("not-twin-or-pilot").unwrap().outcome, Outcome::Unknown);
    let admits = silent
        .clone()
        .with_claims(Claims { mission_city: None, earlier_twin_or_pilot: Some(true) });
    assert_eq!(
        c2.evaluate(&admits, when, &reg).outcome("not-twin-or-pilot").unwrap().outcome,
        Outcome::Failed
    );
    let mut complete = reg.clone();
    complete.complete_earlier = true;
    assert_eq!(c2.evaluate(&silent, when, &complete).verdict(), Verdict::Eligible);
}

#[test]
fn declarations_that_contradict_the_registry_are_reported_as_conflicts() {
    let reg = registry().catalogued("Aalborg", &["DUT"]).project("DUT", true);
    // Valencia says it is not a Mission City.
    let valencia = twin("Valencia", "ES", "2024-05-02T09:00:00+02:00")
        .with_claims(Claims { mission_city: Some(false), earlier_twin_or_pilot: Some(false) });
    let d = rules(2, Role::TwinCity).evaluate(&valencia, at("2024-05-02T09:00:00+02:00"), &reg);
    assert_eq!(d.verdict(), Verdict::Ineligible);
    assert_eq!(d.conflicts().len(), 1);
    let c = &d.conflicts()[0];
    assert_eq!(c.criterion.as_ref().map(|id| id.as_str()), Some("not-mission-city"));
    assert_eq!(c.field, "claims.mission_city");
    assert_eq!((c.declared.as_str(), c.registry.as_str()), ("false", "true"));
    assert!(d.outcome("not-mission-city").unwrap().sentence.contains("contradicts"));

    // Belfast says it has never been a Twin City.
    let belfast = twin("Belfast", "GB", "2024-05-02T09:00:00+02:00");
    let d = rules(2, Role::TwinCity).evaluate(&belfast, at("2024-05-02T09:00:00+02:00"), &reg);
    assert_eq!(d.conflicts().len(), 1);
    assert_eq!(d.conflicts()[0].field, "claims.earlier_twin_or_pilot");

    // Plymouth says it is a Mission City when applying as one in cohort 4.
    let plymouth = Applicant::new("Plymouth")
        .unwrap()
        .with_claims(Claims { mission_city: Some(true), earlier_twin_or_pilot: None });
    let d = rules(4, Role::MissionCity).evaluate(&plymouth, at("2025-03-10T12:00:00+01:00"), &reg);
    assert_eq!(d.verdict(), Verdict::Ineligible);
    assert_eq!(d.conflicts()[0].declared, "true");

    // Aalborg says it was not invited and names other projects than the catalogue.
    let aalborg =
        Applicant::new("Aalborg").unwrap().with_invited(false).with_partner_projects(["AMIGOS"]);
    let d =
        rules(5, Role::MissionMindedCity).evaluate(&aalborg, at("2026-01-10T12:00:00+01:00"), &reg);
    let fields: Vec<&str> = d.conflicts().iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["partner_projects", "invited"]);
    assert_eq!(d.verdict(), Verdict::Eligible);
}

#[test]
fn agreeing_declarations_raise_no_conflict() {
    let valencia = twin("Valencia", "ES", "2024-05-02T09:00:00+02:00")
        .with_claims(Claims { mission_city: Some(true), earlier_twin_or_pilot: Some(false) });
    let d =
        rules(2, Role::TwinCity).evaluate(&valencia, at("2024-05-02T09:00:00+02:00"), &registry());
    assert!(d.conflicts().is_empty());
}

#[test]
fn only_roles_held_before_the_cohort_applied_to_count() {
    // Plymouth was a cohort 2 Twin City (netzerocities.eu/twin-cities-cohort-2-2024/): that does not bar it from cohort 2,
    // but it does from cohort 3.
    let reg = registry().earlier("Plymouth", 2, Role::TwinCity);
    let c2 = rules(2, Role::TwinCity).evaluate(
        &twin("Plymouth", "GB", "2024-05-20T10:00:00+02:00"),
        at("2024-05-20T10:00:00+02:00"),
        &reg,
    );
    assert_eq!(c2.verdict(), Verdict::Eligible);
    let c3 = rules(3, Role::TwinCity).evaluate(
        &twin("Plymouth", "GB", "2024-10-01T10:00:00+02:00")
            .with_claims(Claims { mission_city: None, earlier_twin_or_pilot: None }),
        at("2024-10-01T10:00:00+02:00"),
        &reg,
    );
    assert_eq!(c3.failed().collect::<Vec<_>>(), ["not-twin-or-pilot"]);
}

#[test]
fn a_recorded_neutrality_target_is_checked_against_the_declaration() {
    use twinning_core::Provenance;
    // Seed 000: Hamburg is bound to net CO2-neutrality by 2040.
    let reg = registry()
        .target("Hamburg", 2040, Provenance::confirmed("seed 000"))
        .target("Nowhere", 2060, Provenance::confirmed("test"))
        .target("Somewhere", 2060, Provenance::uncertain("test", "a guess"));
    let c4 = rules(4, Role::MissionMindedCity);
    let when = at("2025-09-01T12:00:00+02:00");
    let city = |name: &str| Applicant::new(name).unwrap().with_country(cc("DE"));

    // Nothing declared: the registry's year fills the gap.
    let d = c4.evaluate(&city("Hamburg"), when, &reg);
    assert_eq!(d.verdict(), Verdict::Eligible, "{}", d.to_json());
    assert!(d.conflicts().is_empty());
    // A different declaration is a conflict; the registry is followed.
    let d = c4.evaluate(&city("Hamburg").with_neutrality_year(2055), when, &reg);
    assert_eq!(d.verdict(), Verdict::Eligible);
    assert_eq!(d.conflicts()[0].field, "neutrality_year");
    assert_eq!(
        (d.conflicts()[0].declared.as_str(), d.conflicts()[0].registry.as_str()),
        ("2055", "2040")
    );
    let d = c4.evaluate(&city("Nowhere").with_neutrality_year(2045), when, &reg);
    assert_eq!(d.failed().collect::<Vec<_>>(), ["neutrality"]);
    assert_eq!(d.conflicts().len(), 1);
    // An uncertain record only flags the contradiction; the declaration is used.
    let d = c4.evaluate(&city("Somewhere").with_neutrality_year(2045), when, &reg);
    assert_eq!(d.verdict(), Verdict::Eligible);
    assert_eq!(d.conflicts().len(), 1);
    let d = c4.evaluate(&city("Somewhere"), when, &reg);
    assert_eq!(d.outcome("neutrality").unwrap().outcome, Outcome::Unknown);
}

#[test]
fn a_declared_country_the_registry_contradicts_is_reported() {
    use twinning_eligibility::EvidenceSource;
    let mut reg = registry();
    reg.countries.insert("belfast".into(), vec![cc("GB")]);
    reg.countries.insert("springfield".into(), vec![cc("US"), cc("AU")]);
    // Belfast declared in Ireland: the registry knows Belfast only in GB, so GB is used.
    let belfast = twin("Belfast", "IE", "2024-05-02T09:00:00+02:00");
    let d = rules(2, Role::TwinCity).evaluate(&belfast, at("2024-05-02T09:00:00+02:00"), &reg);
    let c = d.conflicts().iter().find(|c| c.field == "country").unwrap();
    assert_eq!(
        (c.criterion.as_ref(), c.declared.as_str(), c.registry.as_str()),
        (None, "IE", "GB")
    );
    let country = d.outcome("country").unwrap();
    assert_eq!(country.evidence[0].source, EvidenceSource::Registry);
    assert_eq!(country.evidence[0].value, "GB");
    assert!(d.failed().any(|c| c == "not-twin-or-pilot"));
    // A name known in several other countries: the declared country is kept, and flagged.
    let springfield = twin("Springfield", "ES", "2024-05-02T09:00:00+02:00");
    let d = rules(2, Role::TwinCity).evaluate(&springfield, at("2024-05-02T09:00:00+02:00"), &reg);
    assert_eq!(d.conflicts().len(), 1);
    assert_eq!(d.conflicts()[0].registry, "US, AU");
    assert_eq!(d.outcome("country").unwrap().evidence[0].value, "ES");
    // The declared country among those known: no conflict.
    let d = rules(2, Role::TwinCity).evaluate(
        &twin("Belfast", "GB", "2024-05-02T09:00:00+02:00"),
        at("2024-05-02T09:00:00+02:00"),
        &reg,
    );
    assert!(d.conflicts().iter().all(|c| c.field != "country"));
}
