//! The built-in peers of cohort 5, names for an instance's catalogue ids,
//! and interests read from a table file.

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

/// A registration-survey table as `twinning-profile` reads it: one city
/// with two learning goals (an invented sample city).
const SURVEY: &str = "slug,name,country,kind,climate_neutrality_target,goal_1_text,goal_1_themes,goal_2_text,goal_2_themes
sample-gavle,Gävle,SE,municipality,2030,Cargo bikes for city logistics,mobility,Public procurement for climate,finance-and-funding;governance-and-policy
";

#[test]
fn a_table_is_read_as_interests_or_as_a_survey_by_its_header() {
    let cat = Catalogue::builtin();
    let interests = "\u{feff}city,country,side,title,themes\nPlzeň,CZ,goal,Heat pumps,energy\n";
    let read = Interests::from_table(interests.as_bytes(), cat).unwrap();
    assert_eq!(read.learners.len(), 1);
    assert_eq!(read.learners[0].name, "Plzeň");
    assert!(read.peers.is_empty());

    let read = Interests::from_table(SURVEY.as_bytes(), cat).unwrap();
    assert_eq!(read.learners.len(), 1);
    assert_eq!(
        (read.learners[0].id.as_str(), read.learners[0].name.as_str()),
        ("sample-gavle", "Gävle")
    );
    assert_eq!(read.learners[0].goals.len(), 2);

    let bad = Interests::from_table(b"name,country\nX,EE\n", cat).unwrap_err();
    assert!(matches!(bad, twinning_pairing::Error::SurveyTable(_)), "{bad:?}");
    let bad = Interests::from_table(b"city,country,side,title,themes\nX,EE,wish,t,energy\n", cat)
        .unwrap_err();
    assert!(matches!(
        bad,
        twinning_pairing::Error::Interests { line: 2, column: Some("side"), .. }
    ));
}
