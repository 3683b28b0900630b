//! The stateless routes answer what the libraries compute.

use serde_json::{Value, json};
use twinning_cohort::{Cohort, CohortNumber};
use twinning_eligibility::{Applicant, BuiltinRegistry, RuleSet};

use crate::support::Server;

fn five() -> &'static Cohort {
    Cohort::builtin(CohortNumber::new(5).unwrap()).unwrap()
}

#[test]
fn health_and_readiness() {
    let s = Server::start();
    assert_eq!(s.get("/healthz").json(), json!({"status": "ok"}));
    assert_eq!(s.get("/readyz").json(), json!({"status": "ready"}));
}

#[test]
fn cohorts_list_show_status_calendar_timeline() {
    let s = Server::start();
    let list = s.get("/v1/cohorts").json();
    let numbers: Vec<u64> =
        list.as_array().unwrap().iter().map(|c| c["number"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);

    let page = s.get("/v1/cohorts/5").json();
    assert_eq!(page["cohort"], serde_json::to_value(five()).unwrap());
    assert_eq!(page["milestones"].as_array().unwrap().len(), five().milestones().len());

    // 2026-03-01 is inside the Mission City call of cohort 5 (Feb–Mar 2026).
    let at: chrono::DateTime<chrono::FixedOffset> = "2026-03-01T00:00:00+01:00".parse().unwrap();
    let status = s.get("/v1/cohorts/5/status?at=2026-03-01").json();
    assert_eq!(status["at"], json!("2026-03-01T00:00:00+01:00"));
    assert_eq!(status["registration"]["mission-city"]["status"], json!("open"));
    assert_eq!(status["phase"]["title"], json!(five().phase_at(at).unwrap().title));
    let next: Vec<Value> =
        five().next_milestones(at, 5).iter().map(|m| serde_json::to_value(m).unwrap()).collect();
    assert_eq!(status["next_milestones"], Value::from(next));

    let ics = s.get("/v1/cohorts/5/calendar.ics");
    assert_eq!(ics.status, 200);
    assert!(ics.header("content-type").unwrap().starts_with("text/calendar"));
    assert_eq!(ics.body, twinning_cohort::to_icalendar(five()));
    assert!(ics.body.starts_with("BEGIN:VCALENDAR"));

    let mmd = s.get("/v1/cohorts/5/timeline.mmd");
    assert_eq!(mmd.body, twinning_cohort::to_mermaid_gantt(five()));
    assert!(mmd.body.contains("gantt"));
}

#[test]
fn catalogue_search_and_city_pages() {
    let s = Server::start();
    let pt = s.get("/v1/catalogue/cities?country=PT").json();
    let pt = pt.as_array().unwrap();
    assert!(!pt.is_empty());
    assert!(pt.iter().all(|c| c["country"] == "PT"));
    let mobility = s.get("/v1/catalogue/cities?theme=mobility&country=PT").json();
    assert!(mobility.as_array().unwrap().len() <= pt.len());

    // Pilsen is a variant of Plzeň (the catalogue's entry for the city).
    let page = s.get("/v1/catalogue/cities/Pilsen").json();
    assert_eq!(page["city"]["slug"], "plzen");
    let by_name = s.get("/v1/catalogue/cities?name=pilsen").json();
    assert_eq!(by_name[0]["slug"], "plzen");
    assert_eq!(s.get("/v1/catalogue/cities/Nowhere-on-Earth").status, 404);
}

#[test]
fn eligibility_rules_check_and_batch() {
    let s = Server::start();
    let rules = s.get("/v1/eligibility/rules").json();
    assert_eq!(rules.as_array().unwrap().len(), RuleSet::builtins().len());
    let one = s.get("/v1/eligibility/rules/5/mission-minded").json();
    let five_mm =
        RuleSet::builtin(CohortNumber::new(5).unwrap(), twinning_cohort::Role::MissionMindedCity)
            .unwrap();
    assert_eq!(one, serde_json::to_value(&five_mm).unwrap());

    let applicant = json!({"schema_version": 1, "name": "Kalamata", "country": "GR",
        "local_authority": true, "invited": true,
        "submitted_at": "2025-09-10T12:00:00+02:00"});
    let answer = s.post(
        "/v1/eligibility/check",
        &json!({"cohort": 5, "role": "mission-minded-city", "at": "2025-09-11T10:00:00+02:00",
                "applicant": applicant}),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let a: Applicant = serde_json::from_value(applicant.clone()).unwrap();
    let expected =
        five_mm.evaluate(&a, "2025-09-11T10:00:00+02:00".parse().unwrap(), &BuiltinRegistry::new());
    assert_eq!(answer.json(), serde_json::to_value(&expected).unwrap());
    // The explanation: one outcome with a sentence per criterion.
    assert_eq!(answer.json()["outcomes"].as_array().unwrap().len(), five_mm.criteria().len());

    let batch = s.post(
        "/v1/eligibility/batch",
        &json!({"cohort": 5, "role": "mission-minded-city", "at": "2025-09-11T10:00:00+02:00",
                "applicants": [applicant, {"schema_version": 1, "name": "Nowhere"}]}),
    );
    assert_eq!(batch.status, 200, "{}", batch.body);
    assert_eq!(batch.json()["summary"]["total"], 2);
}

fn sample_instance(s: &Server, max_hosts: Option<u32>) -> Value {
    let mut req = json!({"learners": twinning_pairing::SAMPLE_INTERESTS});
    if let Some(k) = max_hosts {
        req["max_hosts"] = json!(k);
    }
    let answer = s.post("/v1/pairing/suggest", &req);
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.json()["instance"].clone()
}

#[test]
fn pairing_suggest_match_with_every_mechanism_and_verify() {
    let s = Server::start();
    let instance = sample_instance(&s, None);
    assert!(!instance["seekers"].as_array().unwrap().is_empty());
    for mechanism in [
        "deferred-acceptance",
        "super-stable",
        "welfare",
        "rank-maximal",
        "egalitarian",
        "minimum-regret",
    ] {
        let a = s.post("/v1/pairing/match", &json!({"instance": instance, "mechanism": mechanism}));
        assert_eq!(a.status, 200, "{mechanism}: {}", a.body);
        let a = a.json();
        if a["outcome"] == "none-exists" {
            assert_eq!(mechanism, "super-stable");
            continue;
        }
        assert_eq!(a["check"]["violations"], json!([]), "{mechanism}");
        assert_eq!(
            a["sentences"].as_array().unwrap().len(),
            instance["seekers"].as_array().unwrap().len()
        );
        let v = s.post(
            "/v1/pairing/verify",
            &json!({"instance": instance, "result": a["result"], "stability": "none"}),
        );
        assert_eq!(v.json()["passed"], true, "{mechanism}: {}", v.body);
    }
    // Deferred acceptance is stable: the checker agrees.
    let da = s.post("/v1/pairing/match", &json!({"instance": instance})).json();
    let v = s.post("/v1/pairing/verify", &json!({"instance": instance, "result": da["result"]}));
    assert_eq!(v.json()["passed"], true, "{}", v.body);
}

#[test]
fn a_budgeted_matching_reports_optimality_and_time_limit() {
    let s = Server::start();
    let instance = sample_instance(&s, Some(3));
    let a = s.post(
        "/v1/pairing/match",
        &json!({"instance": instance, "mechanism": "welfare", "time_limit": 5}),
    );
    assert_eq!(a.status, 200, "{}", a.body);
    let a = a.json();
    assert!(a["result"]["selected_hosts"].as_array().unwrap().len() <= 3);
    assert!(a["result"]["optimality"]["proven"].is_boolean());
    assert_eq!(a["time_limit_ms"], 5000);
    let refused =
        s.post("/v1/pairing/match", &json!({"instance": instance, "mechanism": "rank-maximal"}));
    assert_eq!(refused.status, 422);
    assert_eq!(refused.json()["field"], "mechanism");
}

#[test]
fn outputs_new_validate_render() {
    let s = Server::start();
    let doc = s.post(
        "/v1/outputs/new",
        &json!({"kind": "action-plan", "cohort": 5, "city": "Kalamata",
                "at": "2026-05-01T12:00:00+02:00"}),
    );
    assert_eq!(doc.status, 200, "{}", doc.body);
    let doc = doc.json();
    assert_eq!(doc["city"]["name"], "Kalamata");
    let v = s.post("/v1/outputs/validate", &json!({"document": doc})).json();
    assert_eq!(v["valid"], true, "{v}");
    let md = s.post("/v1/outputs/render", &json!({"document": doc}));
    assert!(md.header("content-type").unwrap().starts_with("text/markdown"));
    assert!(md.body.contains(doc["title"].as_str().unwrap()));
}
