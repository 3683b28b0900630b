//! Bad instances get a typed error naming the agent and the position.

use twinning_matcher::{Error, Instance, Limits, ListPosition, Side};

fn parse(text: &str) -> Result<Instance, Error> {
    Instance::from_json(text, &Limits::default())
}

#[test]
fn unknown_id_names_agent_and_position() {
    let err = parse(
        r#"{"seekers":[{"id":"s1","preferences":["h1",["h2","h9"]]}],
            "hosts":[{"id":"h1","capacity":1},{"id":"h2","capacity":1}]}"#,
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::UnknownId {
            side: Side::Seeker,
            agent: "s1".into(),
            id: "h9".into(),
            position: ListPosition { tier: 1, within_tie: Some(1) },
        }
    );
    assert_eq!(err.to_string(), r#"seeker "s1" lists unknown host "h9" at preferences[1][1]"#);
}

#[test]
fn duplicate_id() {
    let err = parse(
        r#"{"seekers":[],"hosts":[{"id":"h1","capacity":1},{"id":"h2","capacity":1},{"id":"h1","capacity":2}]}"#,
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::DuplicateId {
            side: Side::Host,
            field: "hosts",
            id: "h1".into(),
            first: 0,
            second: 2
        }
    );
}

#[test]
fn agent_listed_twice() {
    let err = parse(
        r#"{"seekers":[{"id":"s1"}],"hosts":[{"id":"h1","capacity":1,"preferences":["s1",["s1"]]}]}"#,
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::ListedTwice {
            side: Side::Host,
            agent: "h1".into(),
            id: "s1".into(),
            first: ListPosition { tier: 0, within_tie: None },
            second: ListPosition { tier: 1, within_tie: Some(0) },
        }
    );
}

#[test]
fn negative_capacity() {
    let err = parse(r#"{"seekers":[],"hosts":[{"id":"h1","capacity":-2}]}"#).unwrap_err();
    assert_eq!(err, Error::NegativeCapacity { host: "h1".into(), index: 0, capacity: -2 });
}

#[test]
fn forbidden_and_required() {
    let err = parse(
        r#"{"seekers":[{"id":"s1","preferences":["h1"]}],
            "hosts":[{"id":"h1","capacity":1,"preferences":["s1"]}],
            "forbidden":[{"seeker":"s1","host":"h1"}],
            "required":[{"seeker":"s1","host":"h1"}]}"#,
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::ForbiddenAndRequired {
            seeker: "s1".into(),
            host: "h1".into(),
            forbidden: 0,
            required: 0
        }
    );
}

#[test]
fn required_must_be_acceptable_and_fit() {
    let err = parse(
        r#"{"seekers":[{"id":"s1","preferences":["h1"]},{"id":"s2","preferences":["h1"]}],
            "hosts":[{"id":"h1","capacity":1,"preferences":["s1"]}],
            "required":[{"seeker":"s2","host":"h1"}]}"#,
    )
    .unwrap_err();
    assert!(
        matches!(err, Error::RequiredNotAcceptable { index: 0, ref seeker, .. } if seeker == "s2")
    );
    let err = parse(
        r#"{"seekers":[{"id":"s1","preferences":["h1"]},{"id":"s2","preferences":["h1"]}],
            "hosts":[{"id":"h1","capacity":1,"preferences":["s1","s2"]}],
            "required":[{"seeker":"s1","host":"h1"},{"seeker":"s2","host":"h1"}]}"#,
    )
    .unwrap_err();
    assert!(matches!(err, Error::RequiredConflict { index: 1, .. }));
}

#[test]
fn unknown_pair_ids_and_duplicates() {
    let err = parse(
        r#"{"seekers":[{"id":"s1"}],"hosts":[{"id":"h1","capacity":1}],
            "scores":[{"seeker":"s1","host":"h2","score":"1.5"}]}"#,
    )
    .unwrap_err();
    assert_eq!(
        err,
        Error::UnknownPairId { field: "scores[0].host".into(), side: Side::Host, id: "h2".into() }
    );
    let err = parse(
        r#"{"seekers":[{"id":"s1"}],"hosts":[{"id":"h1","capacity":1}],
            "forbidden":[{"seeker":"s1","host":"h1"},{"seeker":"s1","host":"h1"}]}"#,
    )
    .unwrap_err();
    assert!(matches!(err, Error::DuplicatePair { list: "forbidden", first: 0, .. }));
}

#[test]
fn empty_ids_and_ties() {
    let err = parse(r#"{"seekers":[{"id":""}],"hosts":[]}"#).unwrap_err();
    assert_eq!(err, Error::EmptyId { side: Side::Seeker, field: "seekers", index: 0 });
    let err = parse(r#"{"seekers":[{"id":"s1","preferences":[[]]}],"hosts":[]}"#).unwrap_err();
    assert!(matches!(err, Error::EmptyTie { .. }));
}

#[test]
fn look_alike_ids_are_refused_not_taken_as_two_agents() {
    // Each pair prints as "s1" / "Liège" but differs byte for byte: a
    // zero-width space, a zero-width joiner, a right-to-left override, a tab,
    // a soft hyphen, a no-break space, a trailing space, and e + U+0300
    // against U+00E8.
    for (id, index) in [
        ("s1\u{200b}", 1),
        ("s\u{200d}1", 1),
        ("\u{202e}1s", 1),
        ("s1\t", 1),
        ("s\u{ad}1", 1),
        ("s\u{a0}1", 1),
        ("s1 ", 1),
        ("Lie\u{300}ge", 0),
    ] {
        let first = if index == 0 { id } else { "s1" };
        let doc = serde_json::json!({
            "seekers": [{ "id": first }, { "id": if index == 0 { "s2" } else { id } }],
            "hosts": [],
        });
        let err = parse(&doc.to_string()).unwrap_err();
        assert!(
            matches!(&err, Error::HiddenId { side: Side::Seeker, field: "seekers", index: i, .. } if *i == index),
            "{id:?}: {err}"
        );
    }
    // The composed spelling is an ordinary id.
    assert!(parse(r#"{"seekers":[{"id":"Li\u00e8ge"}],"hosts":[]}"#).is_ok());
}

#[test]
fn scores_are_numbers_as_json_writes_them_nothing_bent() {
    let doc = |score: &str| {
        format!(
            r#"{{"seekers":[{{"id":"s","preferences":["h"]}}],
                "hosts":[{{"id":"h","capacity":1,"preferences":["s"]}}],
                "scores":[{{"seeker":"s","host":"h","score":{score}}}]}}"#
        )
    };
    // Written as numbers or as strings holding one, the same values.
    for ok in ["1.5", r#""1.5""#, r#""-2""#, r#""1e3""#, r#""2.5E-1""#, "1000"] {
        assert!(parse(&doc(ok)).is_ok(), "{ok}");
    }
    // A digit separator, a plus sign, spaces, hex, a bare point: refused, not
    // read as 1000, 1.5 or 16.
    for bad in
        [r#""1_000""#, r#""+1.5""#, r#"" 1.5""#, r#""0x10""#, r#""1.""#, r#""."""#, r#""1e""#]
    {
        let err = parse(&doc(bad)).unwrap_err();
        assert!(err.to_string().contains("invalid decimal"), "{bad}: {err}");
    }
}

#[test]
fn a_budget_of_no_host_is_refused_not_proven_optimal() {
    let text = r#"{"seekers":[{"id":"s","preferences":["h"]}],
        "hosts":[{"id":"h","capacity":1,"preferences":["s"]}],"max_hosts":0}"#;
    assert_eq!(parse(text).unwrap_err(), Error::ZeroBudget);
    let streamed = Instance::from_reader(text.as_bytes(), &Limits::default()).unwrap_err();
    assert_eq!(streamed, Error::ZeroBudget);
    let instance = parse(&text.replace(r#","max_hosts":0"#, "")).unwrap();
    let config = twinning_matcher::BudgetConfig { max_hosts: Some(0), ..Default::default() };
    assert_eq!(twinning_matcher::budgeted(&instance, &config).unwrap_err(), Error::ZeroBudget);
}

#[test]
fn unknown_fields_and_versions_are_rejected() {
    let err = parse(r#"{"seekers":[],"hosts":[],"colour":"blue"}"#).unwrap_err();
    assert!(matches!(err, Error::Json { line: 1, .. }), "{err}");
    let err = parse(r#"{"version":2,"seekers":[],"hosts":[]}"#).unwrap_err();
    assert_eq!(err, Error::UnsupportedVersion { found: 2, supported: 1 });
    let err = parse(r#"{"seekers":[{"id":"s","rank":[]}],"hosts":[]}"#).unwrap_err();
    assert!(matches!(&err, Error::Json { path, .. } if path == "seekers[0].rank"), "{err}");
    assert!(err.to_string().starts_with("invalid instance json at seekers[0].rank (line 1"));
}

#[test]
fn result_documents_carry_a_known_version() {
    let instance = parse(r#"{"seekers":[{"id":"s","preferences":["h"]}],"hosts":[{"id":"h","capacity":1,"preferences":["s"]}]}"#).unwrap();
    let m = twinning_matcher::deferred_acceptance(&instance, Side::Seeker, 0);
    let written: serde_json::Value = serde_json::from_str(&m.to_json()).unwrap();
    assert_eq!(written["version"], 1);
    let future = m.to_json().replacen("\"version\": 1", "\"version\": 9", 1);
    let err = serde_json::from_str::<twinning_matcher::Matching>(&future).unwrap_err();
    assert!(
        err.to_string().starts_with("unsupported result version 9: this crate reads version 1"),
        "{err}"
    );
}

#[test]
fn limits_are_enforced() {
    let limits = Limits { max_seekers: 1, ..Limits::default() };
    let err = Instance::from_json(r#"{"seekers":[{"id":"a"},{"id":"b"}],"hosts":[]}"#, &limits)
        .unwrap_err();
    assert!(matches!(err, Error::LimitExceeded { found: 2, limit: 1, .. }));
    let limits = Limits { max_list_len: 1, ..Limits::default() };
    let err = Instance::from_json(
        r#"{"seekers":[{"id":"s","preferences":[["h1","h2"]]}],"hosts":[{"id":"h1","capacity":1},{"id":"h2","capacity":1}]}"#,
        &limits,
    )
    .unwrap_err();
    assert!(err.to_string().contains(r#"preference list of seeker "s""#), "{err}");
    let limits = Limits { max_input_bytes: 10, ..Limits::default() };
    assert!(matches!(
        Instance::from_json(r#"{"seekers":[],"hosts":[]}"#, &limits),
        Err(Error::LimitExceeded { .. })
    ));
}

#[test]
fn a_list_a_fraction_or_a_huge_capacity_is_named_in_plain_words() {
    let both = |text: &str| {
        let a = parse(text).unwrap_err();
        let b = Instance::from_reader(text.as_bytes(), &Limits::default()).unwrap_err();
        // The streaming reader says the same (serde's two parsers may place
        // a bad number one column apart).
        let words = |e: &Error| match e {
            Error::Json { path, message, .. } => format!("{path}: {message}"),
            other => other.to_string(),
        };
        assert_eq!(words(&a), words(&b), "the streaming reader agrees");
        a.to_string()
    };
    // A list where the instance object belongs, however it goes on.
    let e = both("\n  [[], []]");
    assert!(e.contains("(line 2, column 3): the document is a list"), "{e}");
    // Rust's type names never reach the user.
    for text in [
        r#""x""#,
        r#"{"seekers":[],"hosts":[{"id":"h","capacity":1.5}]}"#,
        r#"{"seekers":[],"hosts":[{"id":"h","capacity":"2"}]}"#,
    ] {
        let e = both(text);
        for rust in ["i64", "u32", "struct", "LeanSpec", "floating point"] {
            assert!(!e.contains(rust), "{rust} in {e}");
        }
    }
    // A capacity past 32 bits is quoted as written, not clamped.
    let e = both(r#"{"seekers":[],"hosts":[{"id":"h","capacity":99999999999}]}"#);
    assert!(e.contains("is 99999999999, above the limit"), "{e}");
}
