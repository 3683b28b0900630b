//! Real cities from the public pages and seeds against the built-in registry
//! (`twinning-profile`'s tables and catalogue). Each expectation follows
//! from the published criteria and the facts cited.

use twinning_cohort::Role;
use twinning_eligibility::{Applicant, BuiltinRegistry, Claims, Outcome, Reason, Verdict};

use crate::fake::{at, cc, rules, twin};

fn decide(cohort: u16, role: Role, a: &Applicant) -> twinning_eligibility::Decision {
    let when = a.submitted_at().unwrap_or_else(|| at("2026-01-10T12:00:00+01:00"));
    rules(cohort, role).evaluate(a, when, &BuiltinRegistry::new())
}

#[test]
fn mission_cities_cannot_join_cohort_2_as_twins() {
    // Valencia (ES) and Lund (SE) are Mission Cities (ciclosfera.com; viablecities.se); cohort 2
    // excludes them (seed 003).
    let d = decide(2, Role::TwinCity, &twin("Valencia", "ES", "2024-05-02T09:00:00+02:00"));
    assert_eq!(d.verdict(), Verdict::Ineligible, "{}", d.to_json());
    assert_eq!(d.failed().collect::<Vec<_>>(), ["not-mission-city"]);
    // Lund also hosts a Pilot City activity (CoPilot Lund, paired with Plymouth in cohort 2,
    // netzerocities.eu/twin-cities-cohort-2-2024/), so it fails on both counts, and its declaration is contradicted.
    let d = decide(2, Role::TwinCity, &twin("Lund", "SE", "2024-05-02T09:00:00+02:00"));
    assert_eq!(d.failed().collect::<Vec<_>>(), ["not-mission-city", "not-twin-or-pilot"]);
    assert_eq!(d.conflicts()[0].field, "claims.earlier_twin_or_pilot");
}

#[test]
fn belfast_was_a_cohort_1_twin_so_cannot_join_cohort_2() {
    // Belfast (GB) was a cohort 1 Twin City, paired with Galway
    // (netzerocities.eu/2024/05/07/bridging-cities-…).
    let d = decide(2, Role::TwinCity, &twin("Belfast", "GB", "2024-05-02T09:00:00+02:00"));
    assert_eq!(d.verdict(), Verdict::Ineligible, "{}", d.to_json());
    assert_eq!(d.failed().collect::<Vec<_>>(), ["not-twin-or-pilot"]);
    // It declared no earlier role: the registry wins and the contradiction is reported.
    assert_eq!(d.conflicts().len(), 1);
    assert_eq!(d.conflicts()[0].field, "claims.earlier_twin_or_pilot");
}

#[test]
fn plymouth_could_join_cohort_2() {
    // Plymouth (GB) was selected in cohort 2 (netzerocities.eu/twin-cities-cohort-2-2024/); GB is
    // associated from 2024-01-01 (EC Horizon Europe association updates).
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
    // Switzerland is associated retroactively from 1 January 2025 (sbfi.admin.ch, 10 Nov 2025).
    let zurich = |when: &str| twin("Zürich", "CH", when).with_neutrality_year(2040);
    let c3 = decide(3, Role::TwinCity, &zurich("2024-10-15T12:00:00+02:00"));
    assert_eq!(c3.failed().collect::<Vec<_>>(), ["country"], "{}", c3.to_json());
    let c4 = decide(4, Role::MissionMindedCity, &zurich("2025-09-01T12:00:00+02:00"));
    assert_eq!(c4.verdict(), Verdict::Eligible, "{}", c4.to_json());
}

#[test]
fn cohort_1_took_any_city_in_the_eu() {
    // netzerocities.eu/twinning-programme/ (~May 2023): "Any city can apply, selected as one of
    // the 100+12 Mission Cities or not."
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
    // Seed 000: Aalborg (DUT, PED-JUST) is in the cohort 5 catalogue.
    let when = "2026-01-10T12:00:00+01:00";
    let aalborg =
        Applicant::new("Aalborg").unwrap().with_country(cc("DK")).with_submitted_at(at(when));
    let d = decide(5, Role::MissionMindedCity, &aalborg);
    assert_eq!(d.verdict(), Verdict::Eligible, "{}", d.to_json());
    // Belfast is catalogued too (UP2030); cohort 5 does not exclude earlier Twin Cities.
    let belfast =
        Applicant::new("Belfast").unwrap().with_country(cc("GB")).with_submitted_at(at(when));
    assert_eq!(decide(5, Role::MissionMindedCity, &belfast).verdict(), Verdict::Eligible);
    // The catalogue's Frankfurt is Frankfurt am Main, a Mission City and an AMIGOS Twin City
    // (rhein-main-service.info). Seeds 000 and 001 define cohort 5's Mission-minded cities by
    // invitation and partner project, so NetZeroCities' own catalogue city is admitted.
    let frankfurt =
        Applicant::new("Frankfurt").unwrap().with_country(cc("DE")).with_submitted_at(at(when));
    let d = decide(5, Role::MissionMindedCity, &frankfurt);
    assert_eq!(d.verdict(), Verdict::Eligible, "{}", d.to_json());
    assert!(d.outcome("not-mission-city").is_none());
    let invited = d.outcome("invited").unwrap();
    assert!(invited.sentence.contains("recorded as Frankfurt am Main"), "{}", invited.sentence);
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
    // Seed 000: Hamburg (DE) is bound to net CO2-neutrality by 2040; it is not a Mission City.
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
    // Seed 000: Pisa (#21) and Rethymno (#23) are in the cohort 5 catalogue, which presents
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

/// Seed 000's catalogue holds four earlier Twins — Belfast and Matosinhos (cohort 1), Cascais
/// (cohort 2), Ghent (cohort 3) — and a Mission City, Frankfurt am Main. Seeds 000 and 001 set
/// no bar on either, so all five are admitted.
#[test]
fn cohort_5_admits_the_catalogue_cities_that_were_twins_or_are_mission_cities() {
    let when = "2026-01-10T12:00:00+01:00";
    for (name, country) in [
        ("Belfast", "GB"),
        ("Matosinhos", "PT"),
        ("Cascais", "PT"),
        ("Ghent", "BE"),
        ("Frankfurt am Main", "DE"),
    ] {
        let a = Applicant::new(name).unwrap().with_country(cc(country)).with_submitted_at(at(when));
        let d = decide(5, Role::MissionMindedCity, &a);
        assert_eq!(d.verdict(), Verdict::Eligible, "{name}: {}", d.to_json());
    }
}

/// Names match ignoring case, spaces, hyphens and accents, and the explanation says what
/// matched: seed 000 writes Mechelen's project "GreenLog" and "GREEN-LOG"; "Pilsen" is Plzeň.
#[test]
fn names_as_the_city_writes_them_are_recognised_and_named() {
    let when = at("2026-01-10T12:00:00+01:00");
    let mechelen = Applicant::new("Mechelen")
        .unwrap()
        .with_country(cc("BE"))
        .with_submitted_at(when)
        .with_partner_projects(["GreenLog"]);
    let d = decide(5, Role::MissionMindedCity, &mechelen);
    assert_eq!(d.verdict(), Verdict::Eligible, "{}", d.to_json());
    let p = d.outcome("partner-project").unwrap();
    assert!(
        p.sentence.starts_with("'GreenLog' is GREEN-LOG, a selected partner project [seed 000"),
        "{}",
        p.sentence
    );
    let pilsen = Applicant::new("Pilsen").unwrap().with_country(cc("CZ")).with_submitted_at(when);
    let d = decide(5, Role::MissionMindedCity, &pilsen);
    assert_eq!(d.verdict(), Verdict::Eligible, "{}", d.to_json());
    assert!(d.outcome("invited").unwrap().sentence.contains("Pilsen (recorded as Plzeň)"));
}

/// A project the registry does not know leaves the criterion open, names the project, offers
/// the closest known names and says what would settle it.
#[test]
fn an_unknown_project_is_named_with_the_closest_known_names() {
    let soria = Applicant::new("Soria")
        .unwrap()
        .with_country(cc("ES"))
        .with_invited(true)
        .with_submitted_at(at("2026-01-10T12:00:00+01:00"))
        .with_partner_projects(["Greenlogg"]);
    let d = decide(5, Role::MissionMindedCity, &soria);
    let p = d.outcome("partner-project").unwrap();
    assert_eq!((p.outcome, p.reason), (Outcome::Unknown, Reason::RegistryUnknown));
    assert!(
        p.sentence.contains("'Greenlogg' is not a project the registry knows"),
        "{}",
        p.sentence
    );
    assert!(p.sentence.contains("did you mean 'GREEN-LOG'"), "{}", p.sentence);
    assert!(p.sentence.contains("To settle it"), "{}", p.sentence);
}

/// Earlier Twin and Pilot Cities are refused for the role they held, with its source:
/// Matosinhos (cohort 1 Twin with Dijon, sc-testes.pt), Cascais (cohort 2 Twin with Aarhus,
/// edificioseenergia.pt, announced September 2024), Rivne (cohort 1 Pilot City with Konya,
/// ufukavrupa.org.tr).
#[test]
fn earlier_twins_and_pilots_are_refused_for_the_role_they_held() {
    let matosinhos =
        decide(3, Role::TwinCity, &twin("Matosinhos", "PT", "2024-11-01T12:00:00+01:00"));
    assert_eq!(matosinhos.failed().collect::<Vec<_>>(), ["not-twin-or-pilot"]);
    let o = matosinhos.outcome("not-twin-or-pilot").unwrap();
    assert_eq!(o.reason, Reason::EarlierRole);
    assert!(
        o.sentence.contains("a Twin City in cohort 1 (from 2023-09-25) [sc-testes.pt"),
        "{}",
        o.sentence
    );
    let cascais = decide(3, Role::TwinCity, &twin("Cascais", "PT", "2024-11-01T12:00:00+01:00"));
    let o = cascais.outcome("not-twin-or-pilot").unwrap();
    assert_eq!(o.outcome, Outcome::Failed, "{}", cascais.to_json());
    assert!(o.sentence.contains("cohort 2") && o.sentence.contains("edificioseenergia.pt"));
    let rivne = decide(2, Role::TwinCity, &twin("Rivne", "UA", "2024-05-20T10:00:00+02:00"));
    let o = rivne.outcome("not-twin-or-pilot").unwrap();
    assert_eq!(o.outcome, Outcome::Failed, "{}", rivne.to_json());
    assert!(o.sentence.contains("a Pilot City in cohort 1"), "{}", o.sentence);
}

/// A role counts from its announcement: Cascais became a cohort 2 Twin in September 2024 and
/// Tomar and Ghent cohort 3 Twins in January 2025 (esmartcity.es, 23 Jan 2025), so their
/// applications to cohorts 2 (May 2024) and 3 (November 2024) are not refused for those roles.
#[test]
fn later_roles_are_not_held_against_earlier_applications() {
    for (cohort, name, country, submitted) in [
        (2, "Cascais", "PT", "2024-05-20T10:00:00+02:00"),
        (3, "Tomar", "PT", "2024-11-01T12:00:00+01:00"),
        (3, "Ghent", "BE", "2024-11-01T12:00:00+01:00"),
    ] {
        let d = decide(cohort, Role::TwinCity, &twin(name, country, submitted));
        assert_eq!(d.verdict(), Verdict::Eligible, "{name}: {}", d.to_json());
        let o = d.outcome("not-twin-or-pilot").unwrap();
        assert!(o.sentence.contains("does not count against this application"), "{}", o.sentence);
    }
}

#[test]
fn a_mission_city_cannot_hide_behind_an_invisible_character() {
    // Valencia is a Mission City (see above). A soft hyphen, a zero-width
    // space or joiner, a right-to-left override or a tab inside the name
    // would print as "Valencia" and, unchecked, miss the registry.
    for name in [
        "Valen\u{ad}cia",
        "Valen\u{200b}cia",
        "Valen\u{200d}cia",
        "\u{202e}aicnelaV",
        "Valencia\tES",
    ] {
        let e = Applicant::new(name).unwrap_err();
        assert!(matches!(e, twinning_eligibility::Error::InvalidApplicant { field: "name", .. }));
        let json = serde_json::json!({ "name": name }).to_string();
        assert!(Applicant::from_json(&json).is_err(), "{name:?}");
    }
    // Kraków in decomposed form (o + U+0301) is the same city as composed.
    let nfd = Applicant::new("Krako\u{301}w").unwrap();
    assert_eq!(nfd.name(), "Krak\u{f3}w");
}

#[test]
fn a_declared_project_with_a_hidden_character_is_refused() {
    let json = r#"{ "name": "Gent", "partner_projects": ["Net\u00adZeroCities"] }"#;
    let e = Applicant::from_json(json).unwrap_err().to_string();
    assert!(e.contains("partner_projects") && e.contains("U+00AD"), "{e}");
}

#[test]
fn an_absurd_neutrality_year_is_refused_not_compared() {
    for year in ["-2030", "0", "20500", "1999", "2101"] {
        let json = format!(r#"{{ "name": "Gent", "neutrality_year": {year} }}"#);
        let e = Applicant::from_json(&json).unwrap_err().to_string();
        assert!(e.contains("neutrality_year"), "{year}: {e}");
    }
    for year in ["2000", "2030", "2100"] {
        let json = format!(r#"{{ "name": "Gent", "neutrality_year": {year} }}"#);
        assert!(Applicant::from_json(&json).is_ok(), "{year}");
    }
}

#[test]
fn an_unknown_offset_is_refused() {
    let json = r#"{ "name": "Gent", "submitted_at": "2026-03-01T12:00:00-00:00" }"#;
    let e = Applicant::from_json(json).unwrap_err().to_string();
    assert!(e.contains("-00:00"), "{e}");
}
