//! iCalendar and Mermaid exports: parsed by an independent parser, checked
//! line by line, deterministic.

use std::collections::BTreeSet;
use std::io::BufReader;

use twinning_cohort::{ICAL_DTSTAMP, builtin_cohorts, to_icalendar, to_mermaid_gantt};

use crate::cohort;

fn prop<'a>(event: &'a ical::parser::ical::component::IcalEvent, name: &str) -> Option<&'a str> {
    event.properties.iter().find(|p| p.name == name).and_then(|p| p.value.as_deref())
}

#[test]
fn icalendar_parses_with_an_independent_parser() {
    for c in builtin_cohorts() {
        let ics = to_icalendar(c);
        let mut parser = ical::IcalParser::new(BufReader::new(ics.as_bytes()));
        let calendar = parser.next().expect("one calendar").expect("parses");
        assert!(parser.next().is_none(), "exactly one calendar");
        assert_eq!(calendar.events.len(), c.phases().len() + c.milestones().len());
        let mut uids = BTreeSet::new();
        for event in &calendar.events {
            let uid = prop(event, "UID").expect("UID");
            assert!(uid.ends_with("@twinning"), "{uid}");
            assert!(uids.insert(uid.to_owned()), "duplicate UID {uid}");
            assert_eq!(prop(event, "DTSTAMP"), Some(ICAL_DTSTAMP));
            assert!(prop(event, "DTSTART").is_some());
            assert!(prop(event, "SUMMARY").is_some_and(|s| !s.is_empty()));
        }
    }
}

#[test]
fn icalendar_lines_are_crlf_and_at_most_75_octets() {
    for c in builtin_cohorts() {
        let ics = to_icalendar(c);
        assert!(ics.ends_with("\r\n"));
        let bytes = ics.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            if *b == b'\n' {
                assert!(i > 0 && bytes[i - 1] == b'\r', "bare LF at byte {i}");
            }
        }
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
            assert!(!line.contains('\n') && !line.contains('\r'));
        }
    }
}

#[test]
fn icalendar_writes_instants_in_utc_and_months_as_all_day_spans() {
    let ics = to_icalendar(cohort(4));
    let unfolded = ics.replace("\r\n ", "");
    // 12 September 2025, 17:00 CEST is 15:00 UTC.
    assert!(unfolded.contains("DTSTART:20250912T150000Z\r\n"));
    // 28 March 2025, 17:00 CET is 16:00 UTC.
    assert!(unfolded.contains("DTSTART:20250328T160000Z\r\n"));
    // The programme phase, November 2025 to November 2026, as an all-day span.
    assert!(unfolded.contains("DTSTART;VALUE=DATE:20251101\r\nDTEND;VALUE=DATE:20261201\r\n"));
    let c5 = to_icalendar(cohort(5)).replace("\r\n ", "");
    // Webinar of 16/12 12h00–13h00 CET.
    assert!(c5.contains("DTSTART:20251216T110000Z\r\nDTEND:20251216T120000Z\r\n"));
    // Torino, 28–29 May 2026 (followed reading), the other reading in the description.
    assert!(c5.contains("DTSTART;VALUE=DATE:20260528\r\nDTEND;VALUE=DATE:20260530\r\n"));
    assert!(c5.contains("2026-05-27/2026-05-29"));
}

#[test]
fn icalendar_escapes_text() {
    let ics = to_icalendar(cohort(3)).replace("\r\n ", "");
    // The calendar name keeps its non-ASCII dash; commas in text are escaped.
    assert!(ics.contains(
        "X-WR-CALNAME:Cohort 3 (2024–2026): Twin Cities with Pilot Cities of cohorts 2 and 3"
    ));
    assert!(
        to_icalendar(cohort(5))
            .replace("\r\n ", "")
            .contains("SUMMARY:Cohort 5: 2026 Cities Mission Conference\\, Torino")
    );
    for line in ics.split("\r\n").filter(|l| l.starts_with("DESCRIPTION:")) {
        let value = &line["DESCRIPTION:".len()..];
        let mut chars = value.chars().peekable();
        while let Some(ch) = chars.next() {
            match ch {
                '\\' => assert!(matches!(chars.next(), Some('\\' | ';' | ',' | 'n')), "{line}"),
                ',' | ';' => panic!("unescaped {ch} in {line}"),
                _ => {}
            }
        }
    }
}

#[test]
fn exports_are_deterministic() {
    for c in builtin_cohorts() {
        assert_eq!(to_icalendar(c), to_icalendar(&c.clone()));
        assert_eq!(to_mermaid_gantt(c), to_mermaid_gantt(&c.clone()));
    }
}

#[test]
fn mermaid_gantt_has_phases_and_milestones() {
    let chart = to_mermaid_gantt(cohort(5));
    let lines: Vec<&str> = chart.lines().collect();
    assert_eq!(lines[0], "gantt");
    assert!(lines.contains(&"    dateFormat YYYY-MM-DD"));
    assert!(lines.contains(&"    Matchmaking Days :p3, 2026-04-01, 2026-06-01"));
    assert!(lines.contains(&"    Programme runs :p5, 2026-09-01, 2027-10-01"));
    // The month-granular deadline sits on its last day.
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("    Registration for Mission cities closes :milestone")
                && l.ends_with(", 2026-03-31, 0d"))
    );
    // Task names never carry Mermaid syntax.
    for l in lines.iter().filter(|l| l.contains(":p") || l.contains(":milestone")) {
        assert_eq!(l.matches(':').count(), 1, "{l}");
    }
}
