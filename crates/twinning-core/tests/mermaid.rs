//! Mermaid text: names Mermaid's Gantt lexer reads as task names.

use proptest::prelude::*;
use twinning_core::{mermaid_task, mermaid_title};

/// Mermaid's Gantt statement words (its `gantt.jison` lexer, case-insensitive).
const KEYWORDS: [&str; 17] = [
    "accDescr",
    "accTitle",
    "axisFormat",
    "call",
    "click",
    "dateFormat",
    "excludes",
    "gantt",
    "includes",
    "inclusiveEndDates",
    "section",
    "tickInterval",
    "title",
    "todayMarker",
    "topAxis",
    "weekday",
    "weekend",
];

/// Mermaid's entity decoding: `#NN;` is the character with code NN.
fn decode(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(';').unwrap();
        out.push(char::from_u32(after[..end].parse().unwrap()).unwrap());
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn keywords_dates_and_separators_are_written_as_entity_codes() {
    for k in KEYWORDS {
        let name = format!("{k} for the cities");
        let task = mermaid_task(&name);
        assert!(task.starts_with('#'), "{task}");
        assert_eq!(decode(&task), name);
    }
    assert_eq!(mermaid_task("2026-05-28 conference"), "#50;026-05-28 conference");
    assert_eq!(mermaid_task("  "), "(untitled)");
    assert_eq!(
        decode(&mermaid_title("Cohort 1 (2023–2025): 50% #1")),
        "Cohort 1 (2023–2025): 50% #1"
    );
}

proptest! {
    #[test]
    fn any_name_survives_and_holds_no_syntax(name in "\\PC{0,60}") {
        let task = mermaid_task(&name);
        prop_assert!(!task.contains([':', ';', '%', '\n', '\r'].as_slice()) || task.contains('#'));
        let plain: String = task.split('#').enumerate().map(|(i, part)| {
            if i == 0 { part.to_owned() } else { part.split_once(';').map(|(_, r)| r.to_owned()).unwrap_or_default() }
        }).collect();
        prop_assert!(!plain.contains([':', ';', '%'].as_slice()));
        let lower = task.to_lowercase();
        prop_assert!(!KEYWORDS.iter().any(|k| lower.starts_with(&k.to_lowercase())));
        prop_assert!(!task.starts_with(|c: char| c.is_ascii_digit()));
        let expected = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if !expected.is_empty() {
            prop_assert_eq!(decode(&task), expected);
        }
    }
}
