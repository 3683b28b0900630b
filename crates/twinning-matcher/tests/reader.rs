//! `Instance::from_reader` (interned, streamed) against `Instance::from_json`
//! (the document types): the same instance, or the same validation error, on
//! random documents with ties, empty ties, unknown and repeated ids, pairs
//! and scores.

use proptest::prelude::*;
use twinning_matcher::{Error, Instance, Limits, Side, Stability, check, deferred_acceptance};

/// A random document as JSON text: ids `s0…`, `h0…`, lists drawn with
/// occasional ties (of 0–3 ids), unknown ids and repeats.
fn document(seed: u64) -> String {
    let mut st = seed | 1;
    let mut next = |n: u64| {
        st = st.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        if n == 0 { 0 } else { (st >> 33) % n }
    };
    let (ns, nh) = (next(5) as usize, 1 + next(4) as usize);
    let list = |other: char, n: usize, next: &mut dyn FnMut(u64) -> u64| {
        let mut items = Vec::new();
        for _ in 0..next(5) {
            let id = |next: &mut dyn FnMut(u64) -> u64| {
                // Mostly known ids, sometimes one past the end (unknown).
                let unknown = u64::from(next(8) == 0);
                format!("\"{other}{}\"", next(n as u64 + unknown))
            };
            if next(4) == 0 {
                let tie: Vec<String> = (0..next(4)).map(|_| id(next)).collect();
                items.push(format!("[{}]", tie.join(",")));
            } else {
                items.push(id(next));
            }
        }
        format!("[{}]", items.join(","))
    };
    let seekers: Vec<String> = (0..ns)
        .map(|i| format!("{{\"id\":\"s{i}\",\"preferences\":{}}}", list('h', nh, &mut next)))
        .collect();
    let hosts: Vec<String> = (0..nh)
        .map(|j| {
            let cap = next(4) as i64 - i64::from(next(10) == 0);
            format!(
                "{{\"id\":\"h{j}\",\"capacity\":{cap},\"preferences\":{}}}",
                list('s', ns, &mut next)
            )
        })
        .collect();
    let pairs = |k: u64, score: bool, next: &mut dyn FnMut(u64) -> u64| {
        let v: Vec<String> = (0..k)
            .map(|_| {
                let (i, j) = (next(ns as u64 + 1), next(nh as u64));
                if score {
                    format!("{{\"seeker\":\"s{i}\",\"host\":\"h{j}\",\"score\":\"{}\"}}", next(9))
                } else {
                    format!("{{\"seeker\":\"s{i}\",\"host\":\"h{j}\"}}")
                }
            })
            .collect();
        format!("[{}]", v.join(","))
    };
    let scores = pairs(next(4), true, &mut next);
    let forbidden = pairs(next(2), false, &mut next);
    let required = pairs(next(2), false, &mut next);
    let budget = if next(2) == 0 { format!(",\"max_hosts\":{}", next(4)) } else { String::new() };
    format!(
        "{{\"seekers\":[{}],\"hosts\":[{}],\"scores\":{scores},\"forbidden\":{forbidden},\"required\":{required}{budget}}}",
        seekers.join(","),
        hosts.join(",")
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn streamed_equals_parsed(seed in any::<u64>()) {
        let text = document(seed);
        let limits = Limits::default();
        let parsed = Instance::from_json(&text, &limits);
        let streamed = Instance::from_reader(text.as_bytes(), &limits);
        match (&parsed, &streamed) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(a, b);
                // Same ranks and acceptability through every look-up, and the
                // same stable matching.
                for i in 0..a.seeker_count() {
                    for j in 0..a.host_count() {
                        prop_assert_eq!(a.seeker_rank(i, j), b.seeker_rank(i, j));
                        prop_assert_eq!(a.host_rank(j, i), b.host_rank(j, i));
                    }
                }
                let m = deferred_acceptance(b, Side::Seeker, 3);
                prop_assert_eq!(&m, &deferred_acceptance(a, Side::Seeker, 3));
                if a.required_pairs().is_empty() && a.max_hosts().is_none() {
                    prop_assert!(check(a, &m).unwrap().is_stable(Stability::Weak), "{}", text);
                }
            }
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
            _ => prop_assert!(false, "{:?} vs {:?} for {}", parsed, streamed, text),
        }
    }
}

#[test]
fn oversized_and_malformed_streams_are_errors() {
    let text = r#"{"seekers":[],"hosts":[]}"#;
    let small = Limits { max_input_bytes: 10, ..Limits::default() };
    assert!(matches!(
        Instance::from_reader(text.as_bytes(), &small),
        Err(Error::LimitExceeded { .. })
    ));
    let bad = "{\"seekers\":[{\"id\":\"s1\",\"preferences\":[3]}],\"hosts\":[]}";
    let err = Instance::from_reader(bad.as_bytes(), &Limits::default()).unwrap_err();
    assert!(
        matches!(&err, Error::Json { path, line: 1, .. } if path.starts_with("seekers[0].preferences")),
        "{err}"
    );
    let bom = "\u{feff}{\"seekers\":[],\"hosts\":[]}";
    assert!(matches!(
        Instance::from_reader(bom.as_bytes(), &Limits::default()),
        Err(Error::Json { line: 1, column: 1, .. })
    ));
    let trailing = "{\"seekers\":[],\"hosts\":[]} x";
    assert!(matches!(
        Instance::from_reader(trailing.as_bytes(), &Limits::default()),
        Err(Error::Json { .. })
    ));
}

#[test]
fn hosts_written_before_seekers_read_the_same() {
    // The streamed reader keeps each side's lists in a buffer of its own and
    // frees it once that side is read: the order of the fields, ties and a
    // seeker without a list change nothing.
    let text = r#"{"hosts":[{"id":"h0","capacity":1,"preferences":["s1",["s0","s2"]]},
                           {"id":"h1","capacity":2,"preferences":[["s2"],"s0"]}],
                   "seekers":[{"id":"s0","preferences":["h1","h0"]},
                              {"id":"s1","preferences":[["h0","h1"]]},
                              {"id":"s2"}]}"#;
    let parsed = Instance::from_json(text, &Limits::default()).unwrap();
    let streamed = Instance::from_reader(text.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(parsed, streamed);
    // As written: h0 ranks s1 first and s0, s2 tied second; s1 ties h0 and
    // h1 first, but h1 does not list s1.
    assert_eq!(streamed.host_rank(0, 2), None, "s2 lists no host");
    assert_eq!(streamed.host_rank(0, 0), Some(1));
    assert_eq!(streamed.seeker_rank(1, 0), Some(0));
    assert_eq!(streamed.seeker_rank(1, 1), None, "h1 does not list s1");
    assert_eq!(streamed.host_rank(1, 0), Some(1));
}

#[test]
fn look_ups_are_the_same_after_their_tables_are_released() {
    // A dense instance (every pair listed both ways, so the rank tables are
    // used), written out by hand: s0 ranks h1 over h0, s1 ranks h0 over h1;
    // h0 ranks s0 over s1, h1 ranks s1 over s0.
    let text = r#"{"seekers":[{"id":"s0","preferences":["h1","h0"]},
                              {"id":"s1","preferences":["h0","h1"]}],
                   "hosts":[{"id":"h0","capacity":1,"preferences":["s0","s1"]},
                            {"id":"h1","capacity":1,"preferences":["s1","s0"]}]}"#;
    let mut instance = Instance::from_reader(text.as_bytes(), &Limits::default()).unwrap();
    let ranks = |inst: &Instance| {
        [(0, 0), (0, 1), (1, 0), (1, 1)]
            .map(|(i, j)| (inst.seeker_rank(i, j), inst.host_rank(j, i)))
    };
    let expected = [(Some(1), Some(0)), (Some(0), Some(1)), (Some(0), Some(1)), (Some(1), Some(0))];
    assert_eq!(ranks(&instance), expected);
    assert_eq!(instance.seeker_index("s1"), Some(1));
    instance.release_lookups();
    assert_eq!(ranks(&instance), expected);
    assert_eq!(instance.host_index("h1"), Some(1));
    assert_eq!(instance, Instance::from_json(text, &Limits::default()).unwrap());
}
