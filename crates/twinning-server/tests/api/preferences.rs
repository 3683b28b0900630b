//! Learners' own rankings kept in a run, and used by a matching on request.

use serde_json::{Value, json};

use crate::support::Server;

/// The suggested instance of the sample learners, with no budget.
fn instance(s: &Server) -> Value {
    let mut i = s
        .post("/v1/pairing/suggest", &json!({"learners": twinning_pairing::SAMPLE_INTERESTS}))
        .json()["instance"]
        .clone();
    i.as_object_mut().unwrap().remove("max_hosts");
    i
}

fn first_choice_of(host: &Value) -> Option<String> {
    let first = host["preferences"].as_array()?.first()?;
    first.as_str().map(str::to_owned)
}

#[test]
fn a_stated_ranking_is_kept_audited_and_matched_on_request() {
    let s = Server::start();
    let run = s.staff("POST", "/v1/runs", Some(&json!({"name": "Cohort 5", "cohort": 5})));
    let base = format!("/v1/runs/{}", run.json()["id"]);
    let instance = instance(&s);

    // A host that ranks a learner first alone in its tier, and has a seat.
    let (host, learner) = instance["hosts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["capacity"].as_i64().unwrap() > 0)
        .find_map(|h| Some((h["id"].as_str()?.to_owned(), first_choice_of(h)?)))
        .expect("a host with a first choice");

    // Refused: a host twice; the field is named and nothing is stored.
    let url = format!("{base}/preferences/{learner}");
    let twice = s.staff("PUT", &url, Some(&json!({"hosts": [host, host]})));
    assert_eq!(twice.status, 422, "{}", twice.body);
    assert_eq!(twice.json()["field"], "hosts");
    assert_eq!(s.staff("GET", &format!("{base}/preferences"), None).json(), json!([]));

    // The learner ranks that host alone.
    let put = s.staff("PUT", &url, Some(&json!({"hosts": [host]})));
    assert_eq!(put.status, 200, "{}", put.body);
    assert_eq!(put.json()["stated_by"], "staff");
    let listed = s.staff("GET", &format!("{base}/preferences"), None).json();
    assert_eq!(listed[0]["hosts"], json!([host]));
    let audit = s.staff("GET", &format!("{base}/audit"), None).json();
    assert_eq!(audit.as_array().unwrap().last().unwrap()["action"], "state-preferences");

    // Matched with the stored rankings: the recorded instance holds the
    // learner's own list, and since the host ranks the learner first, the
    // learner's only proposal is never rejected (deferred acceptance).
    let body = json!({"instance": instance, "mechanism": "deferred-acceptance"});
    let m = s.staff("POST", &format!("{base}/matchings?preferences=stored"), Some(&body));
    assert_eq!(m.status, 201, "{}", m.body);
    let m = m.json();
    let seeker = m["instance"]["seekers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["id"] == learner.as_str())
        .unwrap()
        .clone();
    assert_eq!(seeker["preferences"], json!([host]));
    let pairs = m["result"]["pairs"].as_array().unwrap();
    let pair =
        pairs.iter().find(|p| p["seeker"] == learner.as_str()).expect("the learner is matched");
    assert_eq!(pair["host"], host.as_str());

    // Without the query, the instance is matched as sent.
    let plain = s.staff("POST", &format!("{base}/matchings"), Some(&body)).json();
    assert_eq!(plain["instance"], instance);
    let bad = s.staff("POST", &format!("{base}/matchings?preferences=mine"), Some(&body));
    assert_eq!(bad.status, 400);

    // A stored ranking naming a host the instance lacks is refused at match time.
    let other = instance["seekers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["id"].as_str().unwrap())
        .find(|id| *id != learner)
        .unwrap()
        .to_owned();
    let odd = s.staff(
        "PUT",
        &format!("{base}/preferences/{other}"),
        Some(&json!({"hosts": ["Atlantis"]})),
    );
    assert_eq!(odd.status, 200);
    let refused = s.staff("POST", &format!("{base}/matchings?preferences=stored"), Some(&body));
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.json()["detail"].as_str().unwrap().contains("Atlantis"));

    // Removed, and carried by export and import.
    let del = s.staff("DELETE", &format!("{base}/preferences/{other}"), None);
    assert_eq!(del.status, 204);
    let gone = s.staff("DELETE", &format!("{base}/preferences/{other}"), None);
    assert_eq!(gone.status, 404);
    let bundle = s.staff("GET", &format!("{base}/export"), None).json();
    assert_eq!(bundle["preferences"].as_array().unwrap().len(), 1);
    let copy = s.staff("POST", "/v1/runs/import", Some(&bundle)).json();
    let again = s.staff("GET", &format!("/v1/runs/{}/preferences", copy["id"]), None).json();
    assert_eq!(again, bundle["preferences"]);
}
