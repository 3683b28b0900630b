//! The "Done means" flow: a cohort 5 run from registration to export.

use serde_json::{Value, json};
use sha2::{Digest as _, Sha256};
use twinning_cohort::{Cohort, CohortNumber, Role};
use twinning_eligibility::RuleSet;

use crate::support::Server;

const SURVEY: &str = "slug,name,variants,country,kind,part_of,climate_neutrality_target,projects,practice_1_title,practice_1_themes,practice_1_projects,goal_1_text,goal_1_themes\n\
my-torino,Torino,Turin,IT,municipality,,2030,,,,,Safer cycling routes,mobility\n\
my-bologna,Bologna,,IT,municipality,,2030,,,,,Energy communities,energy\n\
my-gent,Gent,Ghent;Gand,BE,,,,,,,,,\n";

fn without(v: &Value, keys: &[&str]) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !keys.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), without(v, keys)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(|v| without(v, keys)).collect()),
        other => other.clone(),
    }
}

#[test]
fn a_cohort_5_run_end_to_end() {
    let s = Server::start();
    let five = Cohort::builtin(CohortNumber::new(5).unwrap()).unwrap();

    // 1. A run of cohort 5.
    let run = s.staff("POST", "/v1/runs", Some(&json!({"name": "Cohort 5", "cohort": 5})));
    assert_eq!(run.status, 201, "{}", run.body);
    let id = run.json()["id"].as_i64().unwrap();
    let base = format!("/v1/runs/{id}");

    // 2. The registration survey (CSV), then one more applicant as JSON.
    let up = s.request(
        "POST",
        &format!("{base}/survey?role=mission-city&submitted_at=2026-03-10T12:00:00%2B01:00"),
        Some(&s.token),
        Some("text/csv"),
        SURVEY.as_bytes(),
    );
    assert_eq!(up.status, 201, "{}", up.body);
    assert_eq!(up.json()["added"], 3);
    let more = s.staff(
        "POST",
        &format!("{base}/applicants"),
        Some(&json!({"role": "mission-city",
                     "applicants": [{"schema_version": 1, "name": "Latecomer", "country": "FR"}]})),
    );
    assert_eq!(more.status, 201, "{}", more.body);
    let dup = s.staff(
        "POST",
        &format!("{base}/applicants"),
        Some(&json!({"role": "mission-city", "applicants": [{"schema_version": 1, "name": "Latecomer"}]})),
    );
    assert_eq!(dup.status, 409);

    // 3. Decisions, each naming the version of the rules that made it.
    let decided = s.staff(
        "POST",
        &format!("{base}/decisions"),
        Some(&json!({"at": "2026-03-15T12:00:00+01:00"})),
    );
    assert_eq!(decided.status, 200, "{}", decided.body);
    let decided = decided.json();
    let rules = RuleSet::builtin(CohortNumber::new(5).unwrap(), Role::MissionCity).unwrap();
    let version = format!("sha256:{:x}", Sha256::digest(rules.to_json().as_bytes()));
    let list = decided.as_array().unwrap();
    assert_eq!(list.len(), 4);
    for a in list {
        let d = &a["decisions"][0];
        assert_eq!(d["rule_set_version"], json!(version));
        assert_eq!(d["rule_set"], json!(rules.title()));
        assert_eq!(a["verdict"], d["verdict"]);
    }

    // 4. A staff override needs a reason; it is in the audit log.
    let latecomer = format!("{base}/applicants/Latecomer/override");
    let no_reason =
        s.staff("POST", &latecomer, Some(&json!({"verdict": "eligible", "reason": "  "})));
    assert_eq!(no_reason.status, 422);
    assert_eq!(no_reason.json()["field"], "reason");
    let over = s.staff(
        "POST",
        &latecomer,
        Some(&json!({"verdict": "eligible", "reason": "registry error confirmed by the secretariat"})),
    );
    assert_eq!(over.status, 200, "{}", over.body);
    assert_eq!(over.json()["verdict"], "eligible");
    let audit = s.staff("GET", &format!("{base}/audit"), None).json();
    let last = audit.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "override");
    assert_eq!(last["actor"], "staff");
    assert_eq!(last["reason"], "registry error confirmed by the secretariat");
    assert_eq!(last["detail"]["to"], "eligible");

    // 5. A budgeted matching on the suggested instance.
    let instance = s
        .post(
            "/v1/pairing/suggest",
            &json!({"learners": twinning_pairing::SAMPLE_INTERESTS, "max_hosts": 10}),
        )
        .json()["instance"]
        .clone();
    let m = s.staff(
        "POST",
        &format!("{base}/matchings"),
        Some(&json!({"instance": instance, "mechanism": "deferred-acceptance", "time_limit": 5})),
    );
    assert_eq!(m.status, 201, "{}", m.body);
    let m = m.json();
    assert_eq!(m["outcome"], "matched");
    assert_eq!(m["time_limit_ms"], 5000);
    assert!(m["proven"].is_boolean());
    assert_eq!(m["check_report"]["violations"], json!([]));
    assert_eq!(m["instance"], instance);
    let result_pairs = m["result"]["pairs"].as_array().unwrap().len();
    assert!(result_pairs > 0);

    // 6. Confirm the pairs: each owes the outputs cohort 5 requires.
    let pairs = s.staff("POST", &format!("{base}/pairs"), Some(&json!({"matching": m["id"]})));
    assert_eq!(pairs.status, 201, "{}", pairs.body);
    let pairs = pairs.json();
    assert_eq!(pairs.as_array().unwrap().len(), result_pairs);
    let first = &pairs[0];
    assert_eq!(first["outputs"].as_array().unwrap().len(), five.required_outputs().len());
    assert!(first["outputs"].as_array().unwrap().iter().all(|o| o["status"] == "draft"));
    let again = s.staff("POST", &format!("{base}/pairs"), Some(&json!({"matching": m["id"]})));
    assert_eq!(again.status, 409);

    // 7. An output moves along its lifecycle, and only the legal way.
    let kind = first["outputs"][0]["kind"].as_str().unwrap().to_owned();
    let url = format!("{base}/pairs/{}/outputs/{kind}", first["id"]);
    let sub = s.staff("PUT", &url, Some(&json!({"status": "submitted"})));
    assert_eq!(sub.status, 200, "{}", sub.body);
    assert_eq!(sub.json()["status"], "submitted");
    let back = s.staff("PUT", &url, Some(&json!({"status": "draft"})));
    assert_eq!(back.status, 409, "{}", back.body);

    // The run's calendar is its cohort's.
    let ics = s.staff("GET", &format!("{base}/calendar.ics"), None);
    assert_eq!(ics.body, twinning_cohort::to_icalendar(five));

    // 8. Export, import as a new run, export again: the same run.
    let bundle = s.staff("GET", &format!("{base}/export"), None);
    assert_eq!(bundle.status, 200);
    let bundle = bundle.json();
    assert_eq!(bundle["format"], "twinning-run");
    assert_eq!(bundle["applicants"].as_array().unwrap().len(), 4);
    let imported = s.staff("POST", "/v1/runs/import", Some(&bundle));
    assert_eq!(imported.status, 201, "{}", imported.body);
    let new_id = imported.json()["id"].as_i64().unwrap();
    assert_ne!(new_id, id);
    let copy = s.staff("GET", &format!("/v1/runs/{new_id}/export"), None).json();
    for part in ["applicants", "cohort_document"] {
        assert_eq!(copy[part], bundle[part], "{part}");
    }
    for part in ["matchings", "pairs"] {
        assert_eq!(
            without(&copy[part], &["id", "matching_run"]),
            without(&bundle[part], &["id", "matching_run"]),
            "{part}"
        );
    }
    let old_audit = bundle["audit"].as_array().unwrap();
    let new_audit = copy["audit"].as_array().unwrap();
    assert_eq!(&new_audit[..old_audit.len()], old_audit.as_slice());
    assert_eq!(new_audit.len(), old_audit.len() + 1);
    assert_eq!(new_audit.last().unwrap()["action"], "import");
}
