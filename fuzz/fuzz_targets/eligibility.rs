//! Eligibility: a rule set and an applicant read from outside text, evaluated
//! with the built-in registry.
//!
//! The input is `RULE SET JSON` + `\n%%\n` + `APPLICANT JSON`. Without the
//! separator the whole text is tried as an applicant (against every built-in
//! rule set), as a rule set (against fixed applicants) and as a decision.
//!
//! Properties: decoding never panics; every document that decodes survives a
//! JSON round trip unchanged; evaluating twice gives equal decisions; a
//! decision's JSON reads back equal.

#![no_main]

use chrono::{DateTime, FixedOffset};
use libfuzzer_sys::fuzz_target;
use twinning_eligibility::{Applicant, BuiltinRegistry, Decision, RuleSet, Summary};

const SEPARATOR: &str = "\n%%\n";

/// Evaluation instants: before, during and after the published calls, and
/// the ends of the date range.
const INSTANTS: [&str; 4] = [
    "0001-01-01T00:00:00+00:00",
    "2024-05-20T10:00:00+02:00",
    "2026-12-15T17:00:00+01:00",
    "9999-12-31T23:59:59-12:00",
];

/// Applicants the fuzzed rule sets are evaluated against.
const APPLICANTS: [&str; 3] = [
    r#"{"name": "Plymouth", "country": "GB", "neutrality_year": 2030,
        "submitted_at": "2024-05-20T10:00:00+02:00", "local_authority": true,
        "claims": {"mission_city": false, "earlier_twin_or_pilot": false}}"#,
    r#"{"name": "Valencia", "country": "ES", "invited": true, "partner_projects": []}"#,
    r#"{"name": "x"}"#,
];

fn applicant(text: &str) -> Option<Applicant> {
    match Applicant::from_json(text) {
        Ok(a) => {
            let json = serde_json::to_string(&a).ok()?;
            let again = Applicant::from_json(&json);
            assert_eq!(again.as_ref().ok(), Some(&a), "applicant round trip: {json}");
            Some(a)
        }
        Err(err) => {
            assert!(!err.to_string().is_empty());
            None
        }
    }
}

fn rule_set(text: &str) -> Option<RuleSet> {
    match RuleSet::from_json(text) {
        Ok(r) => {
            let json = r.to_json();
            let again = RuleSet::from_json(&json);
            assert_eq!(again.as_ref().ok(), Some(&r), "rule set round trip: {json}");
            Some(r)
        }
        Err(err) => {
            assert!(!err.to_string().is_empty());
            None
        }
    }
}

fn evaluate(rules: &RuleSet, who: &Applicant, registry: &BuiltinRegistry) {
    for instant in INSTANTS {
        let Ok(at) = DateTime::<FixedOffset>::parse_from_rfc3339(instant) else { continue };
        let first = rules.evaluate(who, at, registry);
        let second = rules.evaluate(who, at, registry);
        assert_eq!(first, second, "evaluation is not deterministic");
        assert_eq!(first.outcomes().len(), rules.criteria().len(), "a criterion went missing");
        let json = first.to_json();
        let back: Result<Decision, _> = serde_json::from_str(&json);
        assert_eq!(back.as_ref().ok(), Some(&first), "decision round trip: {json}");
        let summary = Summary::of([&first, &second]);
        let _ = summary;
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let registry = BuiltinRegistry::new();
    if let Some((rules_text, applicant_text)) = text.split_once(SEPARATOR) {
        let rules = rule_set(rules_text);
        let who = applicant(applicant_text);
        if let (Some(rules), Some(who)) = (rules, who) {
            evaluate(&rules, &who, &registry);
        }
        return;
    }
    // A decision sent back by a client reads back to the same bytes.
    if let Ok(decision) = serde_json::from_str::<Decision>(text) {
        let again: Result<Decision, _> = serde_json::from_str(&decision.to_json());
        assert_eq!(again.ok().as_ref(), Some(&decision), "decision round trip");
    }
    if let Some(who) = applicant(text) {
        for rules in RuleSet::builtins() {
            evaluate(&rules, &who, &registry);
        }
    }
    if let Some(rules) = rule_set(text) {
        for fixed in APPLICANTS {
            if let Ok(who) = Applicant::from_json(fixed) {
                evaluate(&rules, &who, &registry);
            }
        }
    }
});
