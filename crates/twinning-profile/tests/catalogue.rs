//! The built-in catalogue against its public sources: seed 000 for the cohort 5
//! catalogue, the cited pages for Mission, Pilot and Twin Cities and pairs.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use twinning_core::{CityId, CohortNumber, Confidence, CountryCode, Slug};
use twinning_profile::{Catalogue, CountKind, FundingProgramme, ProjectRole, Role, Theme, Unit};

/// Cohort `n`.
fn no(n: u16) -> CohortNumber {
    CohortNumber::new(n).unwrap()
}

fn cc(s: &str) -> CountryCode {
    s.parse().unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn cat() -> &'static Catalogue {
    Catalogue::try_builtin().unwrap()
}

fn one(name: &str) -> &'static twinning_profile::CityProfile {
    let found = cat().find_by_name(name);
    assert_eq!(found.len(), 1, "{name}: {:?}", found.iter().map(|c| c.slug()).collect::<Vec<_>>());
    found[0]
}

/// The 23 named entries of seed 000 with their countries (entry 24's name and
/// country are lost).
const ENTRIES: [(&str, &str); 23] = [
    ("Aalborg", "DK"),
    ("Águeda", "PT"),
    ("Ankara", "TR"),
    ("Barreiro", "PT"),
    ("Başakşehir", "TR"),
    ("Belfast", "GB"),
    ("Bodrum", "TR"),
    ("Çankaya", "TR"),
    ("Cascais", "PT"),
    ("Frankfurt am Main", "DE"),
    ("Gdynia", "PL"),
    ("Gent", "BE"),
    ("Hamburg", "DE"),
    ("Hersonissos", "GR"),
    ("Issy-les-Moulineaux", "FR"),
    ("Kifissia", "GR"),
    ("Maribor", "SI"),
    ("Matosinhos", "PT"),
    ("Mechelen", "BE"),
    ("Plzeň", "CZ"),
    ("Pisa", "IT"),
    ("Praha", "CZ"),
    ("Rethymno", "GR"),
];

#[test]
fn cohort_5_lists_24_mission_minded_cities_in_12_countries() {
    let mm: Vec<_> = cat().mission_minded(no(5)).collect();
    assert_eq!(mm.len(), 24);
    for (name, country) in ENTRIES {
        let c = mm.iter().find(|c| c.name() == name).unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(c.country(), cc(country), "{name}");
    }
    // Seed 000's "12 countries", reached without entry 24 (arithmetic on the entries).
    let countries = cat().mission_minded_countries(no(5));
    let expected: Vec<CountryCode> =
        ["BE", "CZ", "DE", "DK", "FR", "GB", "GR", "IT", "PL", "PT", "SI", "TR"]
            .into_iter()
            .map(cc)
            .collect();
    assert_eq!(countries, expected);
}

#[test]
fn stated_counts_are_kept_and_the_project_count_is_flagged() {
    let c = cat();
    assert_eq!(c.stated_count(no(5), CountKind::Cities).unwrap().stated, 24);
    let countries = c.stated_count(no(5), CountKind::Countries).unwrap();
    assert_eq!(countries.stated, 12);
    assert!(countries.discrepancy.is_none(), "reproduced by the 23 named entries");
    let projects = c.stated_count(no(5), CountKind::PartnerProjects).unwrap();
    assert_eq!(projects.stated, 14);
    assert!(projects.discrepancy.is_some());
    // The data names more labels than the stated 14 (the fact sheet: ~22).
    assert!(c.projects().len() > 14);
    assert!(c.stated_count(no(5), CountKind::Cities).unwrap().discrepancy.is_none());
}

#[test]
fn entry_24_is_unresolved_between_rouen_and_strasbourg() {
    let e = cat().city_by_slug("catalogue-5-entry-24").unwrap();
    assert!(!e.is_identified());
    let names: Vec<&str> = e.candidates().iter().map(|k| k.name.as_str()).collect();
    assert_eq!(names, ["Rouen", "Strasbourg"]);
    assert_eq!(e.provenance().confidence(), Confidence::Uncertain);
    // Its country is not a finding: the provenance says so, and it does not count.
    assert!(e.provenance().note().unwrap().contains("country is not known"));
    // A name look-up finds the entry by either candidate.
    assert_eq!(cat().find_by_name("strasbourg")[0].slug().as_str(), "catalogue-5-entry-24");
    assert_eq!(cat().find_by_name("Rouen")[0].slug().as_str(), "catalogue-5-entry-24");
}

#[test]
fn inferred_identities_stay_inferred_and_confirmed_ones_cite_their_page() {
    assert_eq!(one("Ankara").provenance().confidence(), Confidence::Inferred);
    assert!(cat().city_by_slug("frankfurt").is_none(), "Frankfurt is Frankfurt am Main");
    // urban-collar.snspa.ro/?p=169: Bademlidere (Çankaya) is a case area.
    let cankaya = one("Çankaya");
    let m = cankaya.memberships().iter().find(|m| m.project.as_str() == "urban-collar").unwrap();
    assert_eq!(m.provenance.confidence(), Confidence::Confirmed);
    assert!(m.provenance.source().contains("urban-collar.snspa.ro"));
    // cordis 101096664: Barreiro and Gdynia are SPINE twinning cities.
    for name in ["Barreiro", "Gdynia"] {
        let m = one(name).memberships().iter().find(|m| m.project.as_str() == "spine").unwrap();
        assert_eq!(m.provenance.confidence(), Confidence::Confirmed, "{name}");
        assert!(m.provenance.source().contains("101096664"), "{name}");
    }
    // energy-cities.eu: Maribor is a CLIMABOROUGH leader city.
    let m = &one("Maribor").memberships()[0];
    assert_eq!(
        (m.project.as_str(), m.provenance.confidence()),
        ("climaborough", Confidence::Confirmed)
    );
}

#[test]
fn lookups_ignore_case_accents_and_use_variants() {
    assert_eq!(one("gent").name(), "Gent");
    assert_eq!(one("GHENT").name(), "Gent");
    assert_eq!(one("plzen").name(), "Plzeň");
    assert_eq!(one("Pilsen").name(), "Plzeň");
    assert_eq!(one("Agueda").name(), "Águeda");
    assert_eq!(one("basaksehir").name(), "Başakşehir");
    assert_eq!(one("Prague").name(), "Praha");
    assert_eq!(one("Köln").slug().as_str(), "koln");
    assert_eq!(one("Cologne").name(), "Köln");
    assert_eq!(one("cankaya").country(), cc("TR"));
    assert_eq!(one("izmir").name(), "İzmir");
    assert_eq!(one("LODZ").name(), "Łódź");
    // Spaces, hyphens and punctuation do not count either.
    assert_eq!(one("Issy les Moulineaux").name(), "Issy-les-Moulineaux");
    assert_eq!(one("VITORIAGASTEIZ").name(), "Vitoria-Gasteiz");
    assert_eq!(cat().project_by_name("GreenLog").unwrap().acronym(), "GREEN-LOG");
    assert_eq!(cat().project_by_name("green log").unwrap().acronym(), "GREEN-LOG");
    assert!(cat().find_by_name("Atlantis").is_empty());
    assert!(cat().find_by_name("").is_empty());
}

#[test]
fn frankfurt_is_frankfurt_am_main_a_mission_city_in_the_catalogue() {
    // rhein-main-service.info: Frankfurt am Main is one of AMIGOS's five Twin Cities.
    let main = one("Frankfurt");
    assert_eq!(main.slug().as_str(), "frankfurt-am-main");
    assert!(main.has_role(Role::MissionCity) && main.has_role(Role::MissionMindedCity));
    assert!(cat().is_mission_city(main).value);
    let amigos = main.memberships().iter().find(|m| m.project.as_str() == "amigos").unwrap();
    assert!(amigos.provenance.source().contains("rhein-main-service.info"));
    assert_eq!(amigos.provenance.confidence(), Confidence::Confirmed);
    let conflict = cat().conflicts_of(main);
    let conflict = conflict.iter().find(|c| c.slug.as_str() == "frankfurt-mission-city").unwrap();
    // Both sides are cited: the catalogue (seed 000) and the cohort 5 definition (seed 001).
    assert!(conflict.provenance.source().contains("seed 000"));
    assert!(conflict.provenance.source().contains("seed 001"));
    let by_name = cat().is_mission_city_named("frankfurt", Some(cc("DE"))).unwrap();
    assert!(by_name.value);
    assert_eq!(by_name.provenance.confidence(), Confidence::Confirmed);
}

#[test]
fn belfast_was_a_cohort_1_twin_and_is_in_the_catalogue() {
    let belfast = one("Belfast");
    assert_eq!(belfast.country(), cc("GB"));
    let past = cat().past_twin_or_pilot_roles(belfast.id());
    assert_eq!(past.len(), 1);
    assert_eq!(past[0].role, Role::TwinCity);
    assert_eq!(past[0].cohort, Some(no(1)));
    assert!(belfast.has_role(Role::MissionMindedCity));
    assert!(
        cat().conflicts_of(belfast).iter().any(|c| c.slug.as_str() == "earlier-twins-in-catalogue")
    );
    let pair = cat().twin_pairs().iter().find(|p| p.twin.as_str() == "belfast").unwrap();
    assert_eq!(pair.peers, [Slug::new("galway").unwrap()]);
}

/// The earlier Twins in the catalogue, each from the page that names it:
/// Matosinhos (cohort 1, with Dijon; sc-testes.pt), Cascais (cohort 2, with
/// Aarhus; edificioseenergia.pt), Ghent (cohort 3, announced January 2025;
/// esmartcity.es).
#[test]
fn earlier_twins_in_the_catalogue() {
    for (name, cohort, peer, since, source) in [
        ("Matosinhos", 1, Some("dijon"), day(2023, 9, 25), "sc-testes.pt"),
        ("Cascais", 2, Some("aarhus"), day(2024, 9, 16), "edificioseenergia.pt"),
        ("Ghent", 3, None, day(2025, 1, 23), "esmartcity.es"),
    ] {
        let city = one(name);
        let past = cat().past_twin_or_pilot_roles(city);
        let twin = past.iter().find(|r| r.role == Role::TwinCity).unwrap();
        assert_eq!(twin.cohort, Some(no(cohort)), "{name}");
        assert_eq!(twin.since, Some(since), "{name}");
        assert!(twin.provenance.source().contains(source), "{name}");
        assert!(city.has_role(Role::MissionMindedCity), "{name}");
        if let Some(peer) = peer {
            let pair = cat().twin_pairs().iter().find(|p| p.twin == *city.slug()).unwrap();
            assert_eq!(pair.peers, [Slug::new(peer).unwrap()], "{name}");
        }
    }
}

/// Cohort 1–3 pairs and the Pilot Cities named by the pages.
#[test]
fn earlier_pairs_and_pilot_cities() {
    let pair = |twin: &str| {
        let p = cat().twin_pairs().iter().find(|p| p.twin.as_str() == twin).unwrap();
        (p.cohort, p.peers.iter().map(Slug::as_str).collect::<Vec<_>>())
    };
    // sc-testes.pt; energia.gr/article/211150/; ufukavrupa.org.tr (28 Sep 2023).
    for (twin, peer) in [
        ("braga", "uppsala"),
        ("fundao", "turku"),
        ("torres-vedras", "guimaraes"),
        ("penteli", "bristol"),
        ("palaio-faliro", "nantes"),
        ("mytilene", "istanbul"),
        ("vari-voula-vouliagmeni", "cluj-napoca"),
        ("konya", "rivne"),
    ] {
        assert_eq!(pair(twin), (no(1), vec![peer]), "{twin}");
    }
    // esmartcity.es; smart-cities.pt (28 Jan 2025).
    for (twin, peer) in [
        ("tomar", "trondheim"),
        ("valongo", "thessaloniki"),
        ("dos-hermanas", "athens"),
        ("heraklion", "angers"),
    ] {
        assert_eq!(pair(twin), (no(3), vec![peer]), "{twin}");
    }
    // yesilisplatformu.com: the cohort is not stated, so the pair is inferred.
    let antalya = cat().twin_pairs().iter().find(|p| p.twin.as_str() == "antalya").unwrap();
    assert_eq!(antalya.provenance.confidence(), Confidence::Inferred);
    // The 19 named cohort 3 Twin Cities (esmartcity.es), announced January 2025.
    let c3: Vec<&str> = cat()
        .cities()
        .iter()
        .filter(|c| c.roles().iter().any(|r| r.role == Role::TwinCity && r.cohort == Some(no(3))))
        .map(|c| c.name())
        .collect();
    assert_eq!(c3.len(), 19, "{c3:?}");
    assert!(cat().with_role_on(Role::TwinCity, day(2025, 1, 22)).all(|c| c.name() != "Tomar"));
    assert!(cat().with_role_on(Role::TwinCity, day(2025, 1, 23)).any(|c| c.name() == "Tomar"));
    // Pilot Cities: cohort 1 (Guimarães, Dijon, Turku, Bristol, Istanbul, Cluj-Napoca, Rivne),
    // cohort 2 (Lisbon, Porto, Copenhagen, Stockholm, Zagreb, Aarhus), cohort 3 (Angers).
    for (name, cohort) in [
        ("Guimarães", 1),
        ("Dijon", 1),
        ("Turku", 1),
        ("Bristol", 1),
        ("Istanbul", 1),
        ("Cluj-Napoca", 1),
        ("Rivne", 1),
        ("Lisbon", 2),
        ("Porto", 2),
        ("Copenhagen", 2),
        ("Stockholm", 2),
        ("Zagreb", 2),
        ("Aarhus", 2),
        ("Angers", 3),
    ] {
        let roles = cat().past_twin_or_pilot_roles(one(name));
        assert!(
            roles.iter().any(|r| r.role == Role::PilotCity && r.cohort == Some(no(cohort))),
            "{name}"
        );
    }
}

#[test]
fn urbeath_is_urbreath() {
    let p = cat().project_by_name("URBEATH").unwrap();
    assert_eq!(p.acronym(), "URBREATH");
    assert_eq!(p.budget_eur(), Some(Decimal::from(14_156_810)));
    assert_eq!(p.programme().unwrap().value, FundingProgramme::HorizonEurope);
    let period = p.period().unwrap();
    assert_eq!((period.start(), period.end()), (day(2024, 1, 1), day(2027, 12, 31)));
    assert!(cat().conflicts().iter().any(|c| c.slug.as_str() == "urbreath-spelling"));
    let followers: Vec<&str> =
        p.members_with_role(ProjectRole::Follower).map(|m| m.name.as_str()).collect();
    assert_eq!(followers, ["Aarhus", "Athens", "Kajaani", "Parma", "Pilsen"]);
}

#[test]
fn project_memberships_from_their_sources() {
    let in_amigos: Vec<&str> = cat().in_project("amigos").iter().map(|(c, _)| c.name()).collect();
    assert_eq!(in_amigos, ["Ankara", "Frankfurt am Main", "Hamburg"]);
    let hamburg = one("Hamburg");
    let m = hamburg.memberships().iter().find(|m| m.project.as_str() == "amigos").unwrap();
    assert!(m.roles.contains(&ProjectRole::Leader));
    let in_climaborough: Vec<&str> =
        cat().in_project("climaborough").iter().map(|(c, _)| c.name()).collect();
    assert_eq!(in_climaborough, ["Cascais", "Issy-les-Moulineaux", "Maribor", "Plzeň"]);
    let issy = one("Issy-les-Moulineaux");
    let e = issy.memberships().iter().find(|m| m.project.as_str() == "elaborator").unwrap();
    assert_eq!(e.roles, [ProjectRole::Lighthouse]);
    let kifissia = one("Kifissia");
    let roles: Vec<(&str, ProjectRole)> =
        kifissia.memberships().iter().map(|m| (m.project.as_str(), m.roles[0])).collect();
    assert!(roles.contains(&("sparcs", ProjectRole::Fellow)));
    assert!(roles.contains(&("elaborator", ProjectRole::Observer)));
    let praha = one("Prague");
    assert_eq!(praha.memberships()[0].project.as_str(), "ascend");
    assert_eq!(praha.memberships()[0].roles, [ProjectRole::Multiplier]);
    let hersonissos = one("Hersonissos");
    assert_eq!(hersonissos.memberships()[0].roles, [ProjectRole::Follower]);
    let spine: Vec<&str> = cat().in_project("spine").iter().map(|(c, _)| c.name()).collect();
    assert_eq!(spine, ["Barreiro", "Gdynia"]);
    for unnamed in ["Pisa", "Rethymno"] {
        assert!(one(unnamed).memberships().is_empty(), "{unnamed}");
    }
}

#[test]
fn agueda_and_barreiro_figures() {
    let agueda = one("Águeda");
    let bike = agueda.practices().iter().find(|p| p.title().contains("beÁgueda")).unwrap();
    let q: Vec<(Decimal, Unit, &str)> =
        bike.quantities().iter().map(|q| (q.amount(), q.unit(), q.what())).collect();
    assert_eq!(
        q,
        [
            (Decimal::from(22), Unit::Count, "docking stations"),
            (Decimal::from(69), Unit::Count, "e-bikes")
        ]
    );
    let barreiro = one("Barreiro");
    let net = barreiro.practices().iter().flat_map(|p| p.quantities()).collect::<Vec<_>>();
    let money = net.iter().find(|q| q.unit() == Unit::Eur).unwrap();
    assert_eq!(money.amount(), Decimal::from(4_000_000));
    assert!(!money.is_approximate());
    let km = net.iter().find(|q| q.unit() == Unit::Km).unwrap();
    assert_eq!(km.amount(), Decimal::from(100));
    assert!(km.is_approximate());
}

#[test]
fn hamburg_targets_2040() {
    assert_eq!(one("Hamburg").climate_neutrality_target().unwrap().value, 2040);
    assert_eq!(one("Praha").climate_neutrality_target().unwrap().value, 2050);
}

#[test]
fn mission_cities_number_112_with_100_in_the_eu() {
    let mission: Vec<_> = cat().mission_cities().collect();
    assert_eq!(mission.len(), 112);
    let eu = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
        "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    ];
    let in_eu = mission.iter().filter(|c| eu.contains(&c.country().as_str())).count();
    assert_eq!(in_eu, 100);
    let mut countries: Vec<CountryCode> = mission.iter().map(|c| c.country()).collect();
    countries.sort_unstable();
    countries.dedup();
    assert_eq!(countries.len(), 35);
    // Per-country counts, from the national pages cited in the tables.
    for (code, n) in [
        ("BE", 4),
        ("FR", 9),
        ("DE", 9),
        ("IT", 9),
        ("ES", 7),
        ("SE", 7),
        ("NO", 3),
        ("TR", 2),
        ("GB", 2),
    ] {
        assert_eq!(
            cat().in_country(cc(code)).filter(|c| c.has_role(Role::MissionCity)).count(),
            n,
            "{code}"
        );
    }
}

#[test]
fn the_five_late_mission_cities_are_confirmed_by_their_pages() {
    for (name, page) in [
        ("La Louvière", "cirbportal.irisnet.be"),
        ("Gozo", "timesofmalta.com"),
        ("Istanbul", "newseurope.io"),
        ("Reykjavík", "newseurope.io"),
        ("Podgorica", "westernbalkans-infohub.eu"),
    ] {
        let a = cat().is_mission_city(one(name));
        assert!(a.value, "{name}");
        assert_eq!(a.provenance.confidence(), Confidence::Confirmed, "{name}");
        assert!(a.provenance.source().contains(page), "{name}");
    }
    assert_eq!(cat().is_mission_city(one("Leuven")).provenance.confidence(), Confidence::Confirmed);
}

#[test]
fn closest_names_offer_what_was_probably_meant() {
    assert_eq!(cat().closest_city_names("Plzen", None).first().map(String::as_str), Some("Plzeň"));
    assert!(cat().closest_city_names("Hambrug", None).contains(&"Hamburg".to_owned()));
    assert_eq!(cat().closest_project_names("GreenLogg"), ["GREEN-LOG"]);
    assert!(cat().closest_city_names("Zzyzx", None).is_empty());
}

#[test]
fn mission_city_by_name_and_by_id() {
    assert!(cat().is_mission_city_named("münchen", Some(cc("DE"))).unwrap().value);
    assert!(cat().is_mission_city_named("Munich", None).unwrap().value);
    assert!(!cat().is_mission_city_named("Águeda", None).unwrap().value);
    assert!(cat().is_mission_city_named("Nowhere", None).is_none());
    let unknown = CityId::from_slug(&Slug::new("not-a-city").unwrap());
    assert!(!cat().is_mission_city(unknown).value);
    assert!(cat().is_mission_city_named("the hague", None).unwrap().value);
}

#[test]
fn pilot_and_twin_roles_by_date() {
    let galway = one("Galway");
    assert!(!cat().is_mission_city(galway).value);
    let roles = cat().past_twin_or_pilot_roles(galway);
    assert_eq!((roles[0].role, roles[0].cohort), (Role::PilotCity, Some(no(1))));
    let kozani = one("Kozani");
    assert!(kozani.has_role(Role::MissionCity) && kozani.has_role(Role::PilotCity));
    // Cohort 2 Twin Cities were announced on 16 September 2024.
    let twins_before: Vec<_> = cat().with_role_on(Role::TwinCity, day(2024, 9, 15)).collect();
    let twins_after: Vec<_> = cat().with_role_on(Role::TwinCity, day(2024, 9, 16)).collect();
    assert!(twins_before.iter().all(|c| c.name() != "Plymouth"));
    assert!(twins_after.iter().any(|c| c.name() == "Plymouth"));
    // Mission Cities were selected on 28 April 2022.
    assert_eq!(cat().with_role_on(Role::MissionCity, day(2022, 4, 27)).count(), 0);
    assert_eq!(cat().with_role_on(Role::MissionCity, day(2022, 4, 28)).count(), 112);
    let chalkida = cat().twin_pairs().iter().find(|p| p.twin.as_str() == "chalkida").unwrap();
    let peers: Vec<&str> = chalkida.peers.iter().map(Slug::as_str).collect();
    assert_eq!(peers, ["klagenfurt", "gozo", "vilnius"]);
}

#[test]
fn theme_lookups_connect_offers_and_goals() {
    let offering: Vec<&str> =
        cat().offering(Theme::WasteAndCircularEconomy).map(|c| c.name()).collect();
    assert!(offering.contains(&"Çankaya") && offering.contains(&"Cascais"));
    let wanting: Vec<&str> = cat().wanting(Theme::FinanceAndFunding).map(|c| c.name()).collect();
    assert!(wanting.contains(&"Belfast"));
    // Every catalogue practice and goal carries at least one theme.
    for c in cat().mission_minded(no(5)) {
        assert!(!c.practices().is_empty(), "{}", c.name());
        assert!(c.practices().iter().all(|p| !p.themes().is_empty()));
    }
}

#[test]
fn ids_are_deterministic_from_slugs() {
    let gent = one("Gent");
    assert_eq!(gent.id(), CityId::from_slug(&Slug::new("gent").unwrap()));
    let p = cat().project_by_slug("spine").unwrap();
    assert_eq!(p.id(), twinning_core::ProjectId::from_slug(&Slug::new("spine").unwrap()));
}
