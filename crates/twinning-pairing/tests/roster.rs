//! The built-in peers of cohort 5, and names for an instance's catalogue ids.

use twinning_matcher::{Instance, Limits};
use twinning_pairing::{Interests, Roster};
use twinning_profile::{Catalogue, Role};

#[test]
fn cohort5_peers_are_mission_minded_cities_with_practices() {
    let cat = Catalogue::builtin();
    let peers = Interests::cohort5_peers(cat).unwrap();
    assert!(!peers.is_empty());
    // Aalborg is a cohort 5 Mission-minded city (netzerocities.eu, seed 000);
    // Aachen is a Mission City and no peer here.
    assert!(peers.iter().any(|p| p.id == "aalborg" && p.name == "Aalborg"));
    assert!(!peers.iter().any(|p| p.id == "aachen"));
    for p in &peers {
        let city = cat.city_by_slug(&p.id).unwrap();
        assert!(city.has_role(Role::MissionMindedCity), "{}", p.id);
        assert!(!city.practices().is_empty(), "{}", p.id);
    }
}

#[test]
fn an_instance_roster_names_catalogue_slugs_only() {
    let instance = Instance::from_json(
        r#"{"seekers":[{"id":"s1","preferences":["gent","aalborg"]}],
            "hosts":[{"id":"gent","capacity":1,"preferences":["s1"]},
                     {"id":"aalborg","capacity":1,"preferences":["s1"]}]}"#,
        &Limits::default(),
    )
    .unwrap();
    let roster = Roster::of_instance(&instance, Catalogue::builtin());
    let names: Vec<(&str, &str)> =
        roster.names().iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(names, [("aalborg", "Aalborg"), ("gent", "Gent")]);
    assert_eq!(roster.name("s1"), "s1");
}
