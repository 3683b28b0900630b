//! A server given a data overlay (`Config::data`, `twinning serve --data`)
//! answers from it, on the API and on the pages, as the command line does.
//! The overlay is the command line's test example
//! (`crates/twinning-cli/tests/data/overlay.json`: Exampleton, EE, is an
//! invented Mission-minded city of cohort 5; cohort 6 is an invented
//! "Cohort 6 (example)"), so the expected values are the overlay's own.

use std::sync::Arc;

use serde_json::{Value, json};
use twinning_cohort::{CohortNumber, Role};
use twinning_eligibility::{Applicant, ProgrammeData, RuleSet};
use twinning_server::Config;

use crate::support::Server;
use crate::web::browse;

const OVERLAY: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../twinning-cli/tests/data/overlay.json");
const APPLICANT: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../twinning-cli/tests/data/applicant-exampleton.json");

fn overlay() -> ProgrammeData {
    let text = std::fs::read_to_string(OVERLAY).unwrap();
    ProgrammeData::from_overlay_json(&text, "overlay.json").unwrap()
}

fn with_overlay() -> Server {
    Server::start_config(Config {
        rate_limit: None,
        data: Arc::new(overlay()),
        ..Config::default()
    })
}

fn applicant() -> Value {
    serde_json::from_str(&std::fs::read_to_string(APPLICANT).unwrap()).unwrap()
}

/// The check the command line runs for `twinning --data overlay.json
/// eligibility check --cohort 5 --role mission-minded --at AT FILE -f json`:
/// the built-in rule set, the overlay's registry, the decision's JSON.
fn decided_as_the_command_line_does(at: &str) -> Value {
    let data = overlay();
    let five = CohortNumber::new(5).unwrap();
    let rules = RuleSet::builtin(five, Role::MissionMindedCity).unwrap();
    let applicant = Applicant::from_json(&std::fs::read_to_string(APPLICANT).unwrap()).unwrap();
    let at = chrono::DateTime::parse_from_rfc3339(at).unwrap();
    serde_json::from_str(&rules.evaluate(&applicant, at, data.registry()).to_json()).unwrap()
}

#[test]
fn the_catalogue_holds_the_overlays_cities_with_its_day() {
    let plain = Server::start();
    assert_eq!(plain.get("/v1/catalogue/cities?name=Exampletown").json(), json!([]));
    assert_eq!(plain.get("/v1/catalogue/cities/exampleton").status, 404);
    // Without an overlay the page still says how current the built-in data is
    // (checked against its sources on 6 December 2026, docs/data.md).
    let gent = plain.get("/v1/catalogue/cities/gent").json();
    assert_eq!(gent["data_as_of"], json!({"builtin": "2026-12-06", "overlay": null}));

    let s = with_overlay();
    let found = s.get("/v1/catalogue/cities?name=Exampletown").json();
    let names: Vec<&str> =
        found.as_array().unwrap().iter().filter_map(|c| c["name"].as_str()).collect();
    assert_eq!(names, ["Exampleton"]);
    let page = s.get("/v1/catalogue/cities/exampleton").json();
    assert_eq!(page["city"]["country"], "EE");
    assert_eq!(
        page["data_as_of"],
        json!({"builtin": "2026-12-06", "overlay": {"file": "overlay.json", "as_of": "2027-03-01"}})
    );
    // A role the overlay adds to a built-in city.
    let aalborg = s.get("/v1/catalogue/cities/aalborg").json();
    let roles = aalborg["city"]["roles"].as_array().unwrap();
    assert!(
        roles.iter().any(|r| r["role"] == "twin-city" && r["since"] == "2027-02-15"),
        "{roles:?}"
    );
}

#[test]
fn the_overlays_cohort_6_is_served() {
    assert_eq!(Server::start().get("/v1/cohorts/6").status, 404);
    let s = with_overlay();
    let list = s.get("/v1/cohorts").json();
    let numbers: Vec<u64> =
        list.as_array().unwrap().iter().filter_map(|c| c["number"].as_u64()).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
    let six = s.get("/v1/cohorts/6");
    assert_eq!(six.status, 200, "{}", six.body);
    assert_eq!(six.json()["cohort"]["name"], "Cohort 6 (example)");
    assert_eq!(s.get("/v1/cohorts/6/calendar.ics").status, 200);
    assert_eq!(s.get("/v1/cohorts/7").status, 404);
}

#[test]
fn an_eligibility_decision_follows_the_overlay_as_on_the_command_line() {
    let at = "2026-01-21T12:00:00+01:00";
    let body =
        json!({"cohort": 5, "role": "mission-minded-city", "at": at, "applicant": applicant()});
    // The built-in data does not know Exampleton as a Mission-minded city.
    let before = Server::start().post("/v1/eligibility/check", &body).json();
    assert_ne!(before["verdict"], "eligible", "{before}");

    let s = with_overlay();
    let answer = s.post("/v1/eligibility/check", &body);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let decision = answer.json();
    assert_eq!(decision["verdict"], "eligible", "{decision}");
    // The decision cites the overlay's record.
    assert!(decision.to_string().contains("example page for the tests"), "{decision}");
    // The very answer the command line gives for the same question.
    assert_eq!(decision, decided_as_the_command_line_does(at));
    // And a batch decides it the same way.
    let batch =
        json!({"cohort": 5, "role": "mission-minded-city", "at": at, "applicants": [applicant()]});
    let batch = s.post("/v1/eligibility/batch", &batch).json();
    assert_eq!(batch["decisions"][0], decision);
    // An overlay brings cohorts, not rules: cohort 6 is decided only under
    // rules the request gives, as `eligibility check --cohort 6` needs --rules.
    let six =
        json!({"cohort": 6, "role": "mission-minded-city", "at": at, "applicant": applicant()});
    let refused = s.post("/v1/eligibility/check", &six);
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("cohort 6: no built-in rules"), "{}", refused.body);
}

#[test]
fn the_pages_show_the_overlays_city_and_cohort() {
    let plain = Server::start();
    assert_eq!(browse(&plain, "/catalogue/exampleton").status, 404);
    assert_eq!(browse(&plain, "/cohorts/6").status, 404);

    let s = with_overlay();
    let city = browse(&s, "/catalogue/exampleton");
    assert_eq!(city.status, 200, "{}", city.body);
    assert!(city.body.contains("<h1>Exampleton</h1>"), "{}", city.body);
    assert!(city.body.contains("<dd>overlay.json as of 2027-03-01</dd>"), "{}", city.body);
    let six = browse(&s, "/cohorts/6");
    assert_eq!(six.status, 200, "{}", six.body);
    assert!(six.body.contains("Cohort 6 (example)"), "{}", six.body);
    let cohorts = browse(&s, "/cohorts");
    assert!(cohorts.body.contains("href=\"/cohorts/6\""), "{}", cohorts.body);
    let found = browse(&s, "/catalogue?name=Exampletown");
    assert!(found.body.contains("/catalogue/exampleton"), "{}", found.body);
}

#[test]
fn a_run_of_the_overlays_cohort_keeps_it_after_a_restart_without_the_overlay() {
    let s = with_overlay();
    let created = s.staff("POST", "/v1/runs", Some(&json!({"name": "six", "cohort": 6})));
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.json()["id"].as_i64().unwrap();
    let s = s.restart(Config { rate_limit: None, ..Config::default() });
    let ics = s.staff("GET", &format!("/v1/runs/{id}/calendar.ics"), None);
    assert_eq!(ics.status, 200, "{}", ics.body);
    assert!(ics.body.starts_with("BEGIN:VCALENDAR"), "{}", ics.body);
}

#[test]
fn the_self_check_decides_from_the_overlay() {
    // The applicant of the command line's example, answered on the pages:
    // Exampleton (EE), no answer on invitation or projects (the registry's
    // records decide), submitted on 20 January 2026 at 10:00.
    let q = "call=5-mission-minded-city&name=Exampleton&country=EE&invited=unknown\
        &project=unknown&sub=date&sday=20&smonth=1&syear=2026&shour=10&sminute=0";
    let path = format!("/check/result?{q}");
    let before = browse(&Server::start(), &path);
    assert_eq!(before.status, 200, "{}", before.body);
    assert!(!before.body.contains("<h1>Your city can apply</h1>"), "{}", before.body);
    let after = browse(&with_overlay(), &path);
    assert_eq!(after.status, 200, "{}", after.body);
    assert!(after.body.contains("<h1>Your city can apply</h1>"), "{}", after.body);
    assert!(after.body.contains("example page for the tests"), "{}", after.body);
}
