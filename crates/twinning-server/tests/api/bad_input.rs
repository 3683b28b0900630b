//! Bad input over HTTP is always a 4xx problem naming the field, never a 5xx.

use serde_json::json;

use crate::support::{Answer, Server};

const POST_ROUTES: [&str; 9] = [
    "/v1/eligibility/check",
    "/v1/eligibility/batch",
    "/v1/pairing/suggest",
    "/v1/pairing/match",
    "/v1/pairing/verify",
    "/v1/outputs/new",
    "/v1/outputs/validate",
    "/v1/outputs/render",
    "/v1/runs",
];

fn assert_problem(a: &Answer, status: u16) {
    assert_eq!(a.status, status, "{}", a.body);
    assert_eq!(a.header("content-type"), Some("application/problem+json"));
    let p = a.json();
    assert_eq!(p["status"], status);
    assert!(p["type"].as_str().unwrap().starts_with("tag:twinning"));
    assert!(!p["detail"].as_str().unwrap().is_empty());
}

#[test]
fn a_field_of_the_wrong_shape_is_named() {
    let s = Server::start();
    let a = s.post(
        "/v1/eligibility/check",
        &json!({"cohort": 5, "role": "mission-minded-city",
                "applicant": {"schema_version": 1, "name": "X", "country": "GRX"}}),
    );
    assert_problem(&a, 400);
    assert_eq!(a.json()["field"], "applicant.country");
    assert_eq!(a.json()["pointer"], "/applicant/country");

    let a = s.post(
        "/v1/eligibility/batch",
        &json!({"cohort": 5, "role": "mission-minded-city",
                "applicants": [{"schema_version": 1, "name": "A"},
                               {"schema_version": 1, "name": "B", "neutrality_year": "soon"}]}),
    );
    assert_problem(&a, 400);
    assert_eq!(a.json()["pointer"], "/applicants/1/neutrality_year");

    let a = s.post(
        "/v1/eligibility/check",
        &json!({"cohort": 5, "role": "mayor", "applicant": {"schema_version": 1, "name": "X"}}),
    );
    assert_problem(&a, 400);
    assert_eq!(a.json()["field"], "role");
}

#[test]
fn garbage_bodies_are_4xx_on_every_post_route() {
    let s = Server::start();
    let bodies: [&[u8]; 8] = [
        b"",
        b"{",
        b"null",
        b"[]",
        b"\"text\"",
        b"{\"unknown\": 1}",
        b"{} trailing",
        &[0xff, 0xfe, 0x00],
    ];
    for route in POST_ROUTES {
        for body in bodies {
            let a = s.request("POST", route, Some(&s.token), Some("application/json"), body);
            assert!((400..500).contains(&a.status), "{route} {body:?}: {} {}", a.status, a.body);
            assert_eq!(a.header("content-type"), Some("application/problem+json"), "{route}");
        }
        let a = s.request("POST", route, Some(&s.token), Some("text/plain"), b"{}");
        assert_problem(&a, 415);
    }
}

#[test]
fn bad_parameters_are_400_and_unknown_things_404() {
    let s = Server::start();
    assert_problem(&s.get("/v1/cohorts/abc"), 400);
    assert_problem(&s.get("/v1/cohorts/99999999"), 400);
    assert_problem(&s.get("/v1/cohorts/9"), 404);
    let a = s.get("/v1/cohorts/5/status?at=yesterday");
    assert_problem(&a, 400);
    assert_eq!(a.json()["field"], "at");
    assert_problem(&s.get("/v1/cohorts/5/status?limit=-1"), 400);
    assert_problem(&s.get("/v1/catalogue/cities?country=Portugal"), 400);
    assert_problem(&s.get("/v1/catalogue/cities?theme=nonsense"), 400);
    assert_problem(&s.get("/v1/eligibility/rules/5/mayor"), 400);
    assert_problem(&s.get("/v1/eligibility/rules/1/mission-city"), 422);
    assert_problem(&s.get("/v1/no/such/route"), 404);
}

#[test]
fn semantic_refusals_are_422() {
    let s = Server::start();
    // Two seekers with one id: the matcher refuses the instance.
    let instance = json!({"version": 1,
        "seekers": [{"id": "a", "preferences": ["h"]}, {"id": "a", "preferences": ["h"]}],
        "hosts": [{"id": "h", "capacity": 1, "preferences": ["a"]}]});
    let a = s.post("/v1/pairing/match", &json!({"instance": instance}));
    assert_problem(&a, 422);
    assert_eq!(a.json()["field"], "instance");
    let a = s.post("/v1/pairing/match", &json!({"instance": instance, "time_limit": -1}));
    assert_problem(&a, 400);
    assert_eq!(a.json()["field"], "time_limit");
}

#[test]
fn an_oversized_body_is_413() {
    let s = Server::start_with(1024);
    let big = json!({"cohort": 5, "role": "twin-city", "applicant": {"name": "x".repeat(4096)}});
    let a = s.post("/v1/eligibility/check", &big);
    assert_problem(&a, 413);
}
