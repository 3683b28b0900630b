//! Parallel writers to one run lose no update.

use serde_json::json;

use crate::support::Server;

#[test]
fn parallel_writers_lose_no_update() {
    let s = Server::start();
    let run = s.staff("POST", "/v1/runs", Some(&json!({"name": "busy", "cohort": 5}))).json();
    let id = run["id"].as_i64().unwrap();
    let writers = 16;
    let each = 5;
    std::thread::scope(|scope| {
        for w in 0..writers {
            let s = &s;
            scope.spawn(move || {
                let applicants: Vec<_> = (0..each)
                    .map(|i| json!({"schema_version": 1, "name": format!("city-{w}-{i}")}))
                    .collect();
                let a = s.staff(
                    "POST",
                    &format!("/v1/runs/{id}/applicants"),
                    Some(&json!({"role": "mission-minded-city", "applicants": applicants})),
                );
                assert_eq!(a.status, 201, "{}", a.body);
            });
        }
    });
    let list = s.staff("GET", &format!("/v1/runs/{id}/applicants"), None).json();
    assert_eq!(list.as_array().unwrap().len(), writers * each);
    // One version step per write: the creation, then each upload.
    let run = s.staff("GET", &format!("/v1/runs/{id}"), None).json();
    assert_eq!(run["version"], json!(1 + writers));
    let audit = s.staff("GET", &format!("/v1/runs/{id}/audit"), None).json();
    assert_eq!(audit.as_array().unwrap().len(), 1 + writers);
}
