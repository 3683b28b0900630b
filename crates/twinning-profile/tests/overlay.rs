//! Data overlays: facts published after a release, loaded at run time
//! through the checks the built-in data passes. The overlays here are
//! written for the tests (a hypothetical "Exampleton"), so every expected
//! value is the overlay's own.

use twinning_profile::{BUILTIN_AS_OF, Catalogue, Error, MAX_OVERLAY_BYTES, Overlay, Role};

const SOURCE: &str =
    r#"{"source": "netzerocities.eu (cohort 5 pairs, test page)", "confidence": "confirmed"}"#;

fn city(slug: &str, name: &str, country: &str, roles: &str) -> String {
    format!(
        r#"{{"slug": "{slug}", "name": "{name}", "country": "{country}", "kind": "municipality",
            "roles": [{roles}], "provenance": {SOURCE}}}"#
    )
}

fn overlay(body: &str) -> String {
    format!(r#"{{"schema_version": 1, "as_of": "2027-03-01"{body}}}"#)
}

fn apply(text: &str) -> Result<Catalogue, Error> {
    Catalogue::builtin().with_overlay(&Overlay::from_json(text)?)
}

#[test]
fn the_builtin_data_says_when_it_was_checked() {
    // The December 2026 check of the data against its pages landed on 6 December 2026.
    assert_eq!(BUILTIN_AS_OF.to_string(), "2026-12-06");
    assert_eq!(Catalogue::builtin().as_of(), Some(BUILTIN_AS_OF));
    assert_eq!(Catalogue::builtin().overlay_as_of(), None);
}

#[test]
fn an_overlay_city_is_found_by_any_spelling() {
    let text = overlay(&format!(
        r#", "cities": [{}]"#,
        city(
            "exampleton",
            "Exampletön",
            "EE",
            &format!(
                r#"{{"role": "twin-city", "cohort": 5, "since": "2027-02-15", "provenance": {SOURCE}}}"#
            )
        )
    ));
    let c = apply(&text).unwrap();
    let found = c.find_by_name("EXAMPLETON");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].country().to_string(), "EE");
    assert!(found[0].has_role(Role::TwinCity));
    // The built-in data is still there, and the dates are both kept.
    assert_eq!(c.find_by_name("pilsen").len(), 1);
    assert_eq!(c.as_of(), Some(BUILTIN_AS_OF));
    assert_eq!(c.overlay_as_of().map(|d| d.to_string()).as_deref(), Some("2027-03-01"));
}

#[test]
fn roles_memberships_and_pairs_attach_to_builtin_cities() {
    // Aalborg and Aarhus are built-in (seed 000; the Mission City list); AMIGOS is a
    // built-in project.
    let text = overlay(&format!(
        r#", "roles": [{{"city": "aalborg", "role": "twin-city", "cohort": 5, "since": "2027-02-15", "provenance": {SOURCE}}}],
            "memberships": [{{"city": "aalborg", "project": "amigos", "roles": ["twin"], "provenance": {SOURCE}}}],
            "twin_pairs": [{{"cohort": 5, "twin": "aalborg", "peers": ["aarhus"], "provenance": {SOURCE}}}]"#
    ));
    let c = apply(&text).unwrap();
    let aalborg = c.city_by_slug("aalborg").unwrap();
    let role = aalborg.roles().iter().find(|r| r.role == Role::TwinCity).unwrap();
    assert_eq!(role.since.map(|d| d.to_string()).as_deref(), Some("2027-02-15"));
    assert!(role.provenance.source().contains("test page"));
    assert!(c.in_project("amigos").iter().any(|(city, _)| city.slug().as_str() == "aalborg"));
    let pair = c.twin_pairs().last().unwrap();
    assert_eq!((pair.twin.as_str(), pair.peers[0].as_str()), ("aalborg", "aarhus"));
}

fn refused(text: &str) -> String {
    match apply(text) {
        Ok(_) => String::from("accepted"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_city_the_catalogue_holds_is_refused_naming_the_entry() {
    // Plzeň is built-in (seed 000): a second record under another slug is a duplicate.
    let e = refused(&overlay(&format!(r#", "cities": [{}]"#, city("plzen-2", "Pilsen", "CZ", ""))));
    assert!(e.starts_with("cities[0].name: duplicate city"), "{e}");
    assert!(e.contains("Plzeň"), "{e}");
    let e = refused(&overlay(&format!(r#", "cities": [{}]"#, city("plzen", "Plzen", "CZ", ""))));
    assert!(e.starts_with("cities[0]: duplicate city id plzen"), "{e}");
    // Twice in one overlay.
    let two =
        format!("{}, {}", city("a-town", "A Town", "EE", ""), city("a-town-2", "A-Town", "EE", ""));
    let e = refused(&overlay(&format!(r#", "cities": [{two}]"#)));
    assert!(e.starts_with("cities[1]: duplicate city"), "{e}");
}

#[test]
fn an_unknown_country_is_refused_naming_the_entry() {
    let e = refused(&overlay(&format!(r#", "cities": [{}]"#, city("x-town", "X Town", "UK", ""))));
    assert!(e.starts_with("cities[0].country: unknown country \"UK\""), "{e}");
}

#[test]
fn a_role_without_its_day_is_refused_naming_the_entry() {
    let e = refused(&overlay(
        r#", "roles": [{"city": "aalborg", "role": "twin-city", "cohort": 5,
              "provenance": {"source": "x", "confidence": "confirmed"}}]"#,
    ));
    assert!(e.contains("roles[0]") && e.contains("since"), "{e}");
    let e = refused(&overlay(&format!(
        r#", "cities": [{}]"#,
        city(
            "y-town",
            "Y Town",
            "EE",
            &format!(r#"{{"role": "twin-city", "cohort": 5, "provenance": {SOURCE}}}"#)
        )
    )));
    assert!(e.starts_with("cities[0].roles[0].since"), "{e}");
    // A day after the overlay's own as_of, or before the Mission existed.
    for day in ["2027-03-02", "2019-01-01"] {
        let e = refused(&overlay(&format!(
            r#", "roles": [{{"city": "aalborg", "role": "twin-city", "cohort": 5, "since": "{day}", "provenance": {SOURCE}}}]"#
        )));
        assert!(e.starts_with("roles[0].since"), "{e}");
    }
    // A role for a city nobody holds names the slug.
    let e = refused(&overlay(&format!(
        r#", "roles": [{{"city": "aalbor", "role": "twin-city", "cohort": 5, "since": "2027-01-01", "provenance": {SOURCE}}}]"#
    )));
    assert!(e.starts_with("roles[0].city") && e.contains("aalborg"), "{e}");
}

#[test]
fn a_record_without_provenance_is_refused() {
    let e = refused(&overlay(
        r#", "memberships": [{"city": "aalborg", "project": "amigos", "roles": ["twin"]}]"#,
    ));
    assert!(e.contains("memberships[0]") && e.contains("provenance"), "{e}");
    let e = refused(&overlay(
        r#", "memberships": [{"city": "aalborg", "project": "amigos", "roles": ["twin"],
              "provenance": {"source": " ", "confidence": "confirmed"}}]"#,
    ));
    assert!(e.contains("memberships[0].provenance"), "{e}");
}

#[test]
fn oversized_trailing_and_unversioned_documents_are_refused() {
    let big = overlay(&format!(r#", "description": "{}""#, "x".repeat(MAX_OVERLAY_BYTES)));
    assert!(
        refused(&big).contains("too large") || refused(&big).contains("bytes"),
        "{}",
        refused(&big)
    );
    let e = refused(&format!("{} {{}}", overlay("")));
    assert!(e.contains("trailing"), "{e}");
    let e = refused(r#"{"as_of": "2027-03-01"}"#);
    assert!(e.contains("schema_version"), "{e}");
    let e = refused(&overlay(r#", "citys": []"#));
    assert!(e.contains("citys"), "{e}");
}

#[test]
fn an_association_step_needs_its_day_and_must_be_new() {
    let step = |day: &str, country: &str| {
        overlay(&format!(
            r#", "associations": [{{"country": "{country}", "name": "X", "programme": "horizon-europe",
                "status": "associated", "scope": "full"{day}, "provenance": {SOURCE}}}]"#
        ))
    };
    let e = refused_countries(&step("", "SG"));
    assert!(e.starts_with("associations[0].effective"), "{e}");
    // Canada: associated (Pillar II) from 1 January 2024 (joint statement of 3 July 2024).
    let canada = overlay(&format!(
        r#", "associations": [{{"country": "CA", "name": "Canada", "programme": "horizon-europe",
            "status": "associated", "scope": "pillar-ii-only", "effective": "2024-01-01", "provenance": {SOURCE}}}]"#
    ));
    let e = refused_countries(&canada);
    assert!(e.starts_with("associations[0]: duplicate association id CA"), "{e}");
    let e = refused_countries(&step(r#", "effective": "2027-01-01""#, "ZZ"));
    assert!(e.contains("associations[0].country"), "{e}");
}

fn refused_countries(text: &str) -> String {
    let applied = Overlay::from_json(text)
        .and_then(|o| twinning_profile::Countries::builtin().with_overlay(&o));
    match applied {
        Ok(_) => String::from("accepted"),
        Err(e) => e.to_string(),
    }
}
