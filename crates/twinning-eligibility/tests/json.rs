//! Rule sets as JSON (custom cohorts without recompiling), applicants as
//! JSON, and the stable shape of decisions.

use serde_json::Value;
use twinning_cohort::Role;
use twinning_core::DocumentError;
use twinning_eligibility::{Applicant, Decision, Error, RuleSet, Summary, Verdict};

use crate::fake::{Fake, at};

const COHORT_6: &str = r#"{
  "schema_version": 1,
  "title": "Cohort 6 (imagined) Mission-minded cities",
  "cohort": 6,
  "role": "mission-minded-city",
  "criteria": [
    {
      "id": "country",
      "rule": { "kind": "country-in", "any_of": ["eu-member", "horizon-europe-associated"], "on": "2026-12-01" },
      "summary": "EU member or Horizon Europe associated on 1 December 2026",
      "provenance": { "source": "test call text", "confidence": "confirmed" }
    },
    {
      "id": "neutrality",
      "rule": { "kind": "neutrality-by", "year": 2040 },
      "summary": "climate neutrality by 2040",
      "provenance": { "source": "test call text", "confidence": "confirmed" }
    },
    {
      "id": "projects",
      "rule": { "kind": "partner-project", "any_of": ["UP2030", "NEUTRALPATH"] },
      "summary": "member of UP2030 or NEUTRALPATH",
      "provenance": { "source": "test call text", "confidence": "confirmed" }
    },
    {
      "id": "window",
      "rule": {
        "kind": "submission-window",
        "closes": {
          "followed": { "value": "2026-12-15T17:00:00+01:00", "provenance": { "source": "test call text", "confidence": "confirmed" } }
        }
      },
      "summary": "by 15 December 2026 17:00 CET",
      "provenance": { "source": "test call text", "confidence": "confirmed" }
    }
  ]
}"#;

#[test]
fn a_cohort_6_loads_from_json_and_decides() {
    let c6 = RuleSet::from_json(COHORT_6).unwrap();
    assert_eq!((c6.cohort().get(), c6.role()), (6, Role::MissionMindedCity));
    let ghent = Applicant::new("Ghent")
        .unwrap()
        .with_country("BE".parse().unwrap())
        .with_neutrality_year(2035)
        .with_partner_projects(["neutralpath"]);
    let reg = Fake::europe();
    assert_eq!(
        c6.evaluate(&ghent, at("2026-12-15T17:00:30+01:00"), &reg).verdict(),
        Verdict::Eligible
    );
    let d = c6.evaluate(
        &ghent.clone().with_neutrality_year(2045),
        at("2026-12-01T10:00:00+01:00"),
        &reg,
    );
    assert_eq!(d.failed().collect::<Vec<_>>(), ["neutrality"]);
    // A GB city is judged on the fixed day the rule names, whatever the submission day.
    let belfast = Applicant::new("Belfast")
        .unwrap()
        .with_country("GB".parse().unwrap())
        .with_neutrality_year(2030)
        .with_partner_projects(["UP2030"]);
    assert_eq!(
        c6.evaluate(&belfast, at("2026-12-01T10:00:00+01:00"), &reg).verdict(),
        Verdict::Eligible
    );
    // And the loaded rule set writes back to an equal value.
    assert_eq!(RuleSet::from_json(&c6.to_json()).unwrap(), c6);
}

#[test]
fn every_builtin_rule_set_round_trips_through_json() {
    let all = RuleSet::builtins();
    assert_eq!(all.len(), 7, "C1–C3 Twin, C4 and C5 both roles");
    for r in all {
        let json = r.to_json();
        assert_eq!(RuleSet::from_json(&json).unwrap(), r, "{}", r.title());
        assert_eq!(RuleSet::from_json(&json).unwrap().to_json(), json, "byte-identical");
    }
}

#[test]
fn malformed_rule_sets_are_refused_with_the_place_named() {
    let edit = |from: &str, to: &str| {
        assert!(COHORT_6.contains(from), "{from}");
        RuleSet::from_json(&COHORT_6.replacen(from, to, 1)).unwrap_err()
    };
    assert!(matches!(
        edit(r#""schema_version": 1"#, r#""schema_version": 2"#),
        Error::Document(DocumentError::UnsupportedVersion { found, .. }) if found == "2"
    ));
    let e = edit(r#""id": "neutrality""#, r#""id": "country""#);
    assert!(e.to_string().contains("criteria[1].id"), "{e}");
    let e = edit(r#""any_of": ["eu-member", "horizon-europe-associated"]"#, r#""any_of": []"#);
    assert!(e.to_string().contains("criteria[0].rule.any_of"), "{e}");
    let e = edit(r#""year": 2040"#, r#""year": 20400"#);
    assert!(e.to_string().contains("criteria[1].rule.year"), "{e}");
    let e = edit(r#""cohort": 6"#, r#""cohort": 0"#);
    assert!(e.to_string().contains("cohort"), "{e}");
    let e = edit(r#""kind": "neutrality-by""#, r#""kind": "neutrality-before""#);
    assert!(matches!(e, Error::Document(DocumentError::Json { line: 10.., .. })), "{e}");
    assert!(e.to_string().contains("neutrality-before"), "{e}");
    let e = edit(r#""year": 2040"#, r#""year": 2040, "strict": true"#);
    assert!(matches!(e, Error::Document(DocumentError::Json { .. })), "{e}");
    let e = edit("2026-12-15T17:00:00+01:00", "2026-12-15T17:00:30+01:00");
    assert!(e.to_string().contains("whole minute"), "{e}");
    let e = edit(
        r#""closes": {"#,
        r#""opens": { "followed": { "value": "2027-01-01T00:00:00+01:00", "provenance": { "source": "x", "confidence": "confirmed" } } }, "closes": {"#,
    );
    assert!(e.to_string().contains("before the opening"), "{e}");
    let e = edit(r#""criteria": ["#, r#""criteria": [], "x": ["#);
    assert!(matches!(e, Error::Document(DocumentError::Json { .. })), "{e}");
    // Texts that print differently in each file, or not at all, are named.
    let title = COHORT_6.split(r#""title": ""#).nth(1).unwrap().split('"').next().unwrap();
    let e = edit(&format!(r#""title": "{title}""#), &format!(r#""title": "{title}\u202e""#));
    assert!(e.to_string().contains("title") && e.to_string().contains("U+202E"), "{e}");
    let summary = COHORT_6.split(r#""summary": ""#).nth(2).unwrap().split('"').next().unwrap();
    let e =
        edit(&format!(r#""summary": "{summary}""#), &format!(r#""summary": "{summary}\u200b""#));
    assert!(
        e.to_string().contains("criteria[1].summary") && e.to_string().contains("U+200B"),
        "{e}"
    );
    let huge = " ".repeat(twinning_eligibility::MAX_DOCUMENT_BYTES + 1);
    assert!(matches!(
        RuleSet::from_json(&huge),
        Err(Error::Document(DocumentError::TooLarge { .. }))
    ));
}

#[test]
fn applicants_read_from_json() {
    let a = Applicant::from_json(
        r#"{"name": "Plymouth", "country": "GB", "neutrality_year": 2030,
            "submitted_at": "2024-05-20T10:00:00+02:00", "local_authority": true,
            "claims": {"mission_city": false}}"#,
    )
    .unwrap();
    assert_eq!(a.neutrality_year(), Some(2030));
    assert_eq!(a.claims().mission_city, Some(false));
    assert_eq!(Applicant::from_json(&serde_json::to_string(&a).unwrap()).unwrap(), a);
    assert!(Applicant::from_json(r#"{"name": ""}"#).is_err());
    assert!(
        Applicant::from_json(r#"{"name": "Belfast", "country": "UK"}"#)
            .unwrap_err()
            .to_string()
            .contains("GB")
    );
    assert!(
        Applicant::from_json(r#"{"name": "X", "mission_city": true}"#).is_err(),
        "unknown field"
    );
    let many = format!(r#"{{"name": "X", "partner_projects": [{}]}}"#, vec!["\"P\""; 65].join(","));
    assert!(Applicant::from_json(&many).is_err());
}

#[test]
fn applicants_carry_a_schema_version() {
    let a = Applicant::from_json(r#"{"name": "Plymouth"}"#).unwrap();
    let written: Value = serde_json::to_value(&a).unwrap();
    assert_eq!(written["schema_version"], 1, "always written");
    assert_eq!(Applicant::from_json(r#"{"schema_version": 1, "name": "Plymouth"}"#).unwrap(), a);
    let e = Applicant::from_json(r#"{"schema_version": 3, "name": "Plymouth"}"#).unwrap_err();
    assert_eq!(
        e.to_string(),
        "applicant JSON has schema_version 3; this build reads schema_version 1"
    );
}

#[test]
fn unknown_applicant_fields_are_named_by_path() {
    let e = Applicant::from_json(r#"{"name": "X", "claims": {"mission": true}}"#).unwrap_err();
    assert!(
        matches!(&e, Error::Document(DocumentError::Json { path, .. }) if path == "claims.mission"),
        "{e}"
    );
    assert!(e.to_string().starts_with("invalid applicant JSON at claims.mission (line 1"), "{e}");
}

#[test]
fn mojibake_applicant_names_are_refused() {
    // The cohort 5 seed's spelling of Başakşehir (UTF-8 read as Windows-1253).
    let e = Applicant::new("BaΕakΕehir").unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid applicant \"BaΕakΕehir\" at name: looks like mojibake: \"BaΕakΕehir\" \
         looks like UTF-8 read as Windows-1253; decode the source as UTF-8"
    );
    assert!(Applicant::new("Başakşehir").is_ok());
}

#[test]
fn decisions_have_the_documented_json_shape() {
    let rules = RuleSet::builtin(crate::fake::no(2), Role::TwinCity).unwrap();
    let valencia = Applicant::new("Valencia").unwrap().with_country("ES".parse().unwrap());
    let reg = Fake::europe().mission_city("Valencia");
    let d = rules.evaluate(&valencia, at("2024-05-02T09:00:00+02:00"), &reg);
    let v: Value = serde_json::from_str(&d.to_json()).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "applicant",
            "cohort",
            "conflicts",
            "evaluated_at",
            "outcomes",
            "role",
            "rule_set",
            "schema_version",
            "verdict"
        ]
    );
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["verdict"], "ineligible");
    assert_eq!(v["role"], "twin-city");
    assert_eq!(v["evaluated_at"], "2024-05-02T09:00:00+02:00");
    let mission = v["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["criterion"] == "not-mission-city")
        .unwrap();
    assert_eq!(mission["outcome"], "failed");
    assert_eq!(mission["reason"], "mission-city");
    assert_eq!(mission["kind"], "not-mission-city");
    assert!(
        mission["sentence"].as_str().unwrap().starts_with("Valencia is one of the Mission Cities")
    );
    let evidence = &mission["evidence"][0];
    assert_eq!(evidence["source"], "registry");
    assert_eq!(evidence["value"], "true");
    assert_eq!(evidence["provenance"]["confidence"], "confirmed");
    // Reads back, and a decision whose verdict contradicts its outcomes is refused.
    let back: Decision = serde_json::from_str(&d.to_json()).unwrap();
    assert_eq!(back, d);
    let lie = d.to_json().replace(r#""verdict":"ineligible""#, r#""verdict":"eligible""#);
    assert!(serde_json::from_str::<Decision>(&lie).is_err());
}

#[test]
fn batches_count_verdicts_and_failing_criteria() {
    let rules = RuleSet::builtin(crate::fake::no(2), Role::TwinCity).unwrap();
    let reg = Fake::europe().mission_city("Valencia").earlier("Belfast", 1, Role::TwinCity);
    let full = |name: &str, country: &str| {
        Applicant::new(name)
            .unwrap()
            .with_country(country.parse().unwrap())
            .with_local_authority(true)
            .with_neutrality_year(2050)
            .with_claims(twinning_eligibility::Claims {
                mission_city: None,
                earlier_twin_or_pilot: Some(false),
            })
    };
    let applicants = [
        full("Plymouth", "GB"),
        full("Valencia", "ES"),
        full("Belfast", "GB"),
        full("Sant Boi de Llobregat", "ES"),
        Applicant::new("Amersfoort").unwrap(),
    ];
    let batch = rules.evaluate_all(&applicants, at("2024-05-02T09:00:00+02:00"), &reg);
    let s = &batch.summary;
    assert_eq!((s.total, s.eligible, s.ineligible, s.undetermined), (5, 2, 2, 1));
    assert_eq!(s.with_conflicts, 1, "Belfast declared no earlier role");
    assert_eq!(s.failed_by_criterion.get("not-mission-city"), Some(&1));
    assert_eq!(s.failed_by_criterion.get("not-twin-or-pilot"), Some(&1));
    assert_eq!(s.failed_by_criterion.len(), 2);
    assert_eq!(s.unknown_by_criterion.get("country"), Some(&1));
    assert_eq!(batch.decisions.len(), 5);
    assert_eq!(batch.decisions[1].applicant(), "Valencia");
    assert_eq!(Summary::of(&batch.decisions), batch.summary);
    assert_eq!(Summary::of([]), Summary::default());
}
