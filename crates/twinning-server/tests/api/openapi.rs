//! The OpenAPI document: generated, served, committed, and complete.

use serde_json::Value;

use crate::support::Server;

const COMMITTED: &str = include_str!("../../openapi.json");

#[test]
fn the_committed_document_matches_the_code() {
    let generated = twinning_server::openapi_json();
    if std::env::var_os("TWINNING_BLESS").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/openapi.json");
        std::fs::write(path, &generated).unwrap();
        return;
    }
    assert!(
        generated == COMMITTED,
        "openapi.json is stale: run `TWINNING_BLESS=1 cargo test -p twinning-server --test main openapi` and commit it"
    );
}

#[test]
fn it_is_served_and_every_ref_resolves() {
    let s = Server::start();
    let served = s.get("/v1/openapi.json");
    assert_eq!(served.status, 200);
    let doc = served.json();
    assert_eq!(doc, twinning_server::openapi());
    assert_eq!(doc["openapi"], "3.1.0");
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    let mut refs = Vec::new();
    collect_refs(&doc, &mut refs);
    assert!(!refs.is_empty());
    for r in refs {
        let name = r.strip_prefix("#/components/schemas/").unwrap_or_else(|| panic!("{r}"));
        assert!(schemas.contains_key(name), "dangling {r}");
    }
    // The server's own names do not collide with the libraries' (the
    // outputs crate has a Problem; the mechanism keys are the matcher's).
    assert!(schemas["ProblemDetails"]["properties"]["pointer"].is_object());
    assert!(schemas["MechanismKind"].to_string().contains("minimum-regret"));
    let check = &doc["paths"]["/v1/eligibility/check"]["post"];
    assert_eq!(
        check["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/CheckRequest"
    );
    assert!(schemas["CheckRequest"]["properties"]["applicant"]["$ref"].is_string());
}

#[test]
fn every_staff_route_is_described_and_guarded() {
    let doc = twinning_server::openapi();
    let paths = doc["paths"].as_object().unwrap();
    let staff: Vec<&String> = paths.keys().filter(|p| p.starts_with("/v1/runs")).collect();
    assert_eq!(staff.len(), 19, "{staff:?}");
    for p in staff {
        for (method, op) in paths[p].as_object().unwrap() {
            assert!(op["security"].is_array(), "{method} {p}");
        }
    }
    let operations: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(operations, 21 + twinning_server::STAFF_ROUTES.len());
}

fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                if k == "$ref" {
                    out.push(v.as_str().unwrap().to_owned());
                } else {
                    collect_refs(v, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}
