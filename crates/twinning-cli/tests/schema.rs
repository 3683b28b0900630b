//! `twinning schema`, and the JSON the binary writes checked against the
//! schemas it publishes.
//!
//! The check uses a small validator written here for the keywords schemars
//! emits (`type`, `required`, `properties`, `additionalProperties: false`,
//! `items`, `prefixItems`, `$ref` into `$defs`, `anyOf`, `oneOf`, `allOf`,
//! `enum`, `const`), so the test needs no JSON Schema crate; `format` and
//! numeric bounds are not checked.

use serde_json::Value;

use crate::support::*;

fn schema(name: &str) -> Value {
    let run = twinning(&["schema", name]);
    assert_eq!(run.code, 0, "{name}: {}", run.stderr);
    json(&run)
}

/// Every problem of `value` against `schema` (empty: valid).
fn validate(root: &Value, schema: &Value, value: &Value, path: &str, out: &mut Vec<String>) {
    let Some(obj) = schema.as_object() else {
        if schema == &Value::Bool(false) {
            out.push(format!("{path}: no value allowed"));
        }
        return;
    };
    if let Some(r) = obj.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/$defs/").unwrap_or_else(|| panic!("unsupported $ref {r}"));
        validate(root, &root["$defs"][name], value, path, out);
    }
    if let Some(types) = obj.get("type") {
        let names: Vec<&str> = match types {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let ok = names.iter().any(|t| match *t {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "boolean" => value.is_boolean(),
            "null" => value.is_null(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            _ => false,
        });
        if !ok {
            out.push(format!("{path}: expected {names:?}, found {value}"));
            return;
        }
    }
    if let Some(e) = obj.get("enum").and_then(Value::as_array)
        && !e.contains(value)
    {
        out.push(format!("{path}: {value} not in {e:?}"));
    }
    if let Some(c) = obj.get("const")
        && c != value
    {
        out.push(format!("{path}: {value} is not {c}"));
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(options) = obj.get(key).and_then(Value::as_array) {
            let passing = options
                .iter()
                .filter(|s| {
                    let mut e = Vec::new();
                    validate(root, s, value, path, &mut e);
                    e.is_empty()
                })
                .count();
            let ok = if key == "anyOf" { passing >= 1 } else { passing == 1 };
            if !ok {
                out.push(format!("{path}: {passing} of the {key} alternatives match {value}"));
            }
        }
    }
    if let Some(all) = obj.get("allOf").and_then(Value::as_array) {
        for s in all {
            validate(root, s, value, path, out);
        }
    }
    if let Some(map) = value.as_object() {
        let props = obj.get("properties").and_then(Value::as_object);
        for req in obj.get("required").and_then(Value::as_array).into_iter().flatten() {
            let req = req.as_str().unwrap();
            if !map.contains_key(req) {
                out.push(format!("{path}: missing required {req:?}"));
            }
        }
        for (k, v) in map {
            match props.and_then(|p| p.get(k)) {
                Some(s) => validate(root, s, v, &format!("{path}.{k}"), out),
                None => match obj.get("additionalProperties") {
                    Some(Value::Bool(false)) => out.push(format!("{path}: unexpected {k:?}")),
                    Some(s @ Value::Object(_)) => validate(root, s, v, &format!("{path}.{k}"), out),
                    _ => {}
                },
            }
        }
    }
    if let Some(items) = value.as_array() {
        let prefix = obj.get("prefixItems").and_then(Value::as_array);
        for (i, item) in items.iter().enumerate() {
            let p = format!("{path}[{i}]");
            match prefix.and_then(|p| p.get(i)) {
                Some(s) => validate(root, s, item, &p, out),
                None => {
                    if let Some(s) = obj.get("items") {
                        validate(root, s, item, &p, out);
                    }
                }
            }
        }
    }
}

/// Asserts that `json` (text) is valid under the published schema `name`.
pub fn assert_valid(name: &str, json: &str) {
    let root = schema(name);
    let value: Value = serde_json::from_str(json).unwrap();
    let mut problems = Vec::new();
    validate(&root, &root, &value, "$", &mut problems);
    assert!(problems.is_empty(), "{name}: {problems:#?}");
}

#[test]
fn every_type_is_listed_and_prints_a_schema() {
    let list = twinning(&["schema", "--format", "json"]);
    assert_eq!(list.code, 0);
    let all = json(&list);
    for name in [
        "instance",
        "result",
        "match-report",
        "explanation",
        "check-report",
        "applicant",
        "decision",
        "batch",
        "rule-set",
        "cohort",
        "overlay",
        "output",
        "output-report",
        "profiles",
    ] {
        assert!(all[name].is_object(), "{name}");
        assert_eq!(schema(name)["$schema"], "https://json-schema.org/draft/2020-12/schema");
    }
    assert_fits_80(&twinning(&["schema"]).stdout);
    assert_bad_input(&twinning(&["schema", "spaceship"]), "\"spaceship\"");
}

#[test]
fn the_validator_rejects_what_it_should() {
    let root = schema("instance");
    let bad: Value = serde_json::json!({"seekers": [{"id": 3}], "hosts": [], "colour": 1});
    let mut problems = Vec::new();
    validate(&root, &root, &bad, "$", &mut problems);
    assert!(problems.iter().any(|p| p.contains("seekers[0].id")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("\"colour\"")), "{problems:?}");
}

#[test]
fn inputs_and_outputs_follow_their_schemas() {
    assert_valid("instance", &read(std::path::Path::new(&data("instance-small.json"))));
    assert_valid("cohort", &read(std::path::Path::new(&data("cohort-6.json"))));
    assert_valid("applicant", &read(std::path::Path::new(&data("applicant-plymouth.json"))));
    assert_valid("output", &read(std::path::Path::new(&data("output-action-plan.json"))));
    assert_valid("profiles", &read(std::path::Path::new(&data("profiles-learners.json"))));
    for mechanism in ["deferred-acceptance", "welfare", "rank-maximal", "super-stable"] {
        let run =
            twinning(&["match", &data("instance-small.json"), "-m", mechanism, "--format", "json"]);
        assert_valid("match-report", &run.stdout);
        let v = json(&run);
        assert_valid("result", &v["result"].to_string());
        assert_valid("explanation", &v["explanation"].to_string());
    }
    let budgeted = twinning(&[
        "match",
        &data("instance-small.json"),
        "-m",
        "welfare",
        "--max-hosts",
        "2",
        "--format",
        "json",
    ]);
    assert_valid("match-report", &budgeted.stdout);
    let decision = cohort_2_twin(
        "check",
        "applicant-late.json",
        &["--at", "2024-06-08T12:00+02:00", "--format", "json"],
    );
    assert_valid("decision", &decision.stdout);
    let batch = cohort_2_twin(
        "batch",
        "applicants.csv",
        &["--at", "2024-06-08T12:00+02:00", "--format", "json"],
    );
    assert_valid("batch", &batch.stdout);
    let rules = twinning(&[
        "eligibility",
        "rules",
        "--cohort",
        "5",
        "--role",
        "mission-city",
        "--format",
        "json",
    ]);
    let rules = json(&rules);
    assert_valid("rule-set", &rules.to_string());
    let starter = twinning(&[
        "outputs",
        "new",
        "transferability-assessment",
        "--at",
        "2026-09-15T10:00+02:00",
    ]);
    assert_valid("output", &starter.stdout);
    let report = twinning(&[
        "outputs",
        "validate",
        &data("output-action-plan-problems.json"),
        "--format",
        "json",
    ]);
    let report = json(&report);
    assert_valid("output-report", &report["report"].to_string());
    let check = twinning(&[
        "match",
        "verify",
        &data("instance-small.json"),
        &data("result-overfull.json"),
        "--format",
        "json",
    ]);
    let check = json(&check);
    assert_valid("check-report", &check["report"].to_string());
}
