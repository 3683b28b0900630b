//! `twinning catalogue …`.

use crate::support::*;

fn catalogue_json(args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let run = twinning(&all);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    json(&run)
}

fn names(v: &serde_json::Value) -> Vec<String> {
    let list = v.get("cities").or_else(|| v.get("projects")).unwrap_or(v);
    list.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn the_cohort_5_catalogue_has_24_candidates_in_12_countries() {
    // Seed 000: "24 Twin cities / 12 countries".
    let v = catalogue_json(&["catalogue", "cities", "--mission-minded"]);
    assert_eq!(v["cities"].as_array().unwrap().len(), 24);
    let mut countries: Vec<&str> =
        v["cities"].as_array().unwrap().iter().map(|c| c["country"].as_str().unwrap()).collect();
    countries.sort();
    countries.dedup();
    assert_eq!(countries.len(), 12, "{countries:?}");
    let table = twinning(&["catalogue", "cities", "--mission-minded"]);
    assert_fits_80(&table.stdout);
}

#[test]
fn filters_by_country_project_and_theme() {
    // Seed 000: the Turkish entries are Ankara, Başakşehir, Bodrum and Çankaya.
    let tr =
        names(&catalogue_json(&["catalogue", "cities", "--mission-minded", "--country", "tr"]));
    assert_eq!(tr, ["Ankara", "Başakşehir", "Bodrum", "Çankaya"]);
    // Seed 000: AMIGOS catalogue cities are Ankara, Frankfurt (am Main, per
    // rhein-main-service.info) and Hamburg.
    let amigos = names(&catalogue_json(&["catalogue", "cities", "--project", "amigos"]));
    assert_eq!(amigos, ["Ankara", "Frankfurt am Main", "Hamburg"]);
    let green = names(&catalogue_json(&[
        "catalogue",
        "cities",
        "--mission-minded",
        "--theme",
        "nature-based-solutions",
    ]));
    assert!(green.contains(&"Hersonissos".to_owned()), "{green:?}");
    let it = names(&catalogue_json(&["catalogue", "mission-cities", "--country", "IT"]));
    // ansa.it (Apr 2022): Italy's nine Mission Cities.
    assert_eq!(it.len(), 9);
    assert!(it.contains(&"Torino".to_owned()));
    let projects = catalogue_json(&["catalogue", "projects", "--country", "PT"]);
    let acronyms: Vec<&str> = projects["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["acronym"].as_str().unwrap())
        .collect();
    assert!(acronyms.contains(&"SPINE"), "{acronyms:?}");
}

#[test]
fn show_accepts_variants_case_and_missing_accents() {
    for spelling in ["Águeda", "agueda", "AGUEDA"] {
        assert_eq!(catalogue_json(&["catalogue", "show", spelling])["city"]["name"], "Águeda");
    }
    // Seed 000: Pilsen (Plzeň), Prague (Praha), Ghent (Gent).
    // The JSON is the server's city page: the profile, its projects, its
    // conflicts and whether it is a Mission City.
    let plzen = catalogue_json(&["catalogue", "show", "Pilsen"]);
    assert_eq!(plzen["city"]["name"], "Plzeň");
    assert_eq!(plzen["projects"], serde_json::json!(["URBREATH", "CLIMABOROUGH"]));
    assert_eq!(plzen["mission_city"]["value"], false);
    assert_eq!(catalogue_json(&["catalogue", "show", "prague"])["city"]["country"], "CZ");
    assert_eq!(catalogue_json(&["catalogue", "show", "Ghent"])["city"]["country"], "BE");
    assert_eq!(catalogue_json(&["catalogue", "show", "basaksehir"])["city"]["country"], "TR");
    // A project by acronym; the seed's "URBEATH" typo still finds URBREATH.
    assert_eq!(catalogue_json(&["catalogue", "show", "urbeath"])["acronym"], "URBREATH");
    let run = twinning(&["catalogue", "show", "Águeda"]);
    assert!(run.stdout.contains("22 docking stations"), "{}", run.stdout);
    assert_fits_80(&run.stdout);
}

#[test]
fn bad_catalogue_queries_exit_2() {
    assert_bad_input(&twinning(&["catalogue", "show", "Atlantis"]), "\"Atlantis\"");
    assert_bad_input(&twinning(&["catalogue", "cities", "--country", "XX1"]), "XX1");
    assert_bad_input(&twinning(&["catalogue", "cities", "--theme", "magic"]), "\"magic\"");
    assert_bad_input(&twinning(&["catalogue", "cities", "--project", "NOPE"]), "\"NOPE\"");
}
