//! iCalendar and Mermaid exports: parsed by an independent parser, checked
//! line by line, deterministic.

use std::collections::BTreeSet;
use std::io::BufReader;

use twinning_cohort::{ICAL_DTSTAMP, builtin_cohorts, to_icalendar, to_mermaid_gantt};

use crate::cohort;

/// A cohort defined downstream whose provenance records carry no day.
const COHORT_WITHOUT_DAYS: &str = include_str!("data/cohort-6.json");

fn prop<'a>(event: &'a ical::parser::ical::component::IcalEvent, name: &str) -> Option<&'a str> {
    event.properties.iter().find(|p| p.name == name).and_then(|p| p.value.as_deref())
}

/// One event as the second parser (the `icalendar` crate) reads it: its
/// properties by name, and its alarms' triggers.
struct Parsed {
    props: Vec<(String, String)>,
    triggers: Vec<String>,
}

impl Parsed {
    fn get(&self, name: &str) -> Option<&str> {
        self.props.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

fn second_parser(ics: &str) -> Vec<Parsed> {
    let unfolded = icalendar::parser::unfold(ics);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("parses");
    calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|c| Parsed {
            props: c
                .properties
                .iter()
                .map(|p| (p.name.as_str().to_owned(), p.val.as_str().to_owned()))
                .collect(),
            triggers: c
                .components
                .iter()
                .filter(|a| a.name.as_str() == "VALARM")
                .filter_map(|a| a.find_prop("TRIGGER").map(|t| t.val.as_str().to_owned()))
                .collect(),
        })
        .collect()
}

/// The first parser (the `ical` crate).
fn first_parser(ics: &str) -> ical::parser::ical::component::IcalCalendar {
    let mut parser = ical::IcalParser::new(BufReader::new(ics.as_bytes()));
    let calendar = parser.next().expect("one calendar").expect("parses");
    assert!(parser.next().is_none(), "exactly one calendar");
    calendar
}

/// Days from 2023-01-01 to 2026-03-01, counted by hand: 365 (2023) + 366
/// (2024, a leap year) + 365 (2025) + 31 (January) + 28 (February 2026).
const BUILTIN_SEQUENCE: &str = "1155";

#[test]
fn icalendar_parses_in_two_independent_parsers_with_stable_ids() {
    for c in builtin_cohorts() {
        let ics = to_icalendar(c);
        let first = first_parser(&ics);
        let second = second_parser(&ics);
        assert_eq!(first.events.len(), second.len());
        let mut uids = BTreeSet::new();
        let mut shown = BTreeSet::new();
        let mut stamps = BTreeSet::new();
        for (a, b) in first.events.iter().zip(&second) {
            let uid = prop(a, "UID").expect("UID");
            assert_eq!(b.get("UID"), Some(uid));
            assert!(uid.ends_with("@twinning"), "{uid}");
            assert!(uids.insert(uid.to_owned()), "duplicate UID {uid}");
            // DTSTAMP is the data's date, and SEQUENCE the days since
            // 2023-01-01 up to it: both the same throughout a file.
            let stamp = prop(a, "DTSTAMP").expect("DTSTAMP");
            assert_eq!(b.get("DTSTAMP"), Some(stamp));
            let day = chrono::NaiveDate::parse_from_str(&stamp[..8], "%Y%m%d").unwrap();
            assert_eq!(&stamp[8..], "T000000Z");
            let days = (day - chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()).num_days();
            assert_eq!(b.get("SEQUENCE"), Some(days.to_string().as_str()));
            stamps.insert(stamp.to_owned());
            let start = prop(a, "DTSTART").expect("DTSTART");
            assert_eq!(b.get("DTSTART"), Some(start));
            let summary = b.get("SUMMARY").expect("SUMMARY");
            assert!(!summary.is_empty());
            // No event twice: the same title on the same days.
            let key = (summary.to_owned(), start.to_owned(), b.get("DTEND").map(str::to_owned));
            assert!(shown.insert(key), "{summary} twice in cohort {}", c.number());
        }
        assert_eq!(stamps.len(), 1, "one DTSTAMP per file");
    }
    // A cohort whose sources carry no day has the built-in data's date.
    let c6 = twinning_cohort::Cohort::from_json(COHORT_WITHOUT_DAYS).unwrap();
    let e = &second_parser(&to_icalendar(&c6))[0];
    assert_eq!(e.get("DTSTAMP"), Some(ICAL_DTSTAMP));
    assert_eq!(e.get("SEQUENCE"), Some(BUILTIN_SEQUENCE));
    // Cohort 5's Matchmaking Days are a phase and an activity: one event.
    let ics = to_icalendar(cohort(5));
    let matchmaking = second_parser(&ics)
        .iter()
        .filter(|e| e.get("SUMMARY").is_some_and(|s| s.contains("Matchmaking Days")))
        .count();
    assert_eq!(matchmaking, 1);
}

/// The last day of a month, computed from the first day of the next.
fn last_day(year: i32, month: u32) -> chrono::NaiveDate {
    let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    chrono::NaiveDate::from_ymd_opt(y, m, 1).unwrap().pred_opt().unwrap()
}

#[test]
fn every_deadline_is_at_its_printed_local_time_with_two_reminders() {
    use chrono::{Datelike, TimeZone};
    use twinning_cohort::{MilestoneKind, Moment};
    let mut instants = 0;
    let mut brussels_checked = 0;
    for c in builtin_cohorts() {
        let events = second_parser(&to_icalendar(c));
        let alarms = first_parser(&to_icalendar(c));
        for m in c.milestones().iter().filter(|m| m.kind == MilestoneKind::CallCloses) {
            let uid = format!("{}@twinning", m.id);
            let (i, e) = events
                .iter()
                .enumerate()
                .find(|(_, e)| e.get("UID") == Some(uid.as_str()))
                .expect("the deadline is an event");
            let start = e.get("DTSTART").unwrap();
            match m.when.start() {
                Moment::At(printed) => {
                    // The UTC instant in the file, read with the offset the
                    // source printed, is the time the source printed; where
                    // that offset is Brussels' (the time-zone database's) on
                    // that day, the Brussels clock shows it too.
                    let utc =
                        chrono::NaiveDateTime::parse_from_str(start, "%Y%m%dT%H%M%SZ").unwrap();
                    let shown = printed.offset().from_utc_datetime(&utc);
                    assert_eq!(shown.naive_local(), printed.naive_local(), "{}", m.title);
                    let brussels = chrono_tz::Europe::Brussels.from_utc_datetime(&utc);
                    if chrono::Offset::fix(brussels.offset()) == *printed.offset() {
                        assert_eq!(brussels.naive_local(), printed.naive_local(), "{}", m.title);
                        brussels_checked += 1;
                    }
                    instants += 1;
                    assert_eq!(e.triggers, ["-P7D", "-P1D"]);
                }
                Moment::Day(day) => {
                    assert_eq!(start, day.format("%Y%m%d").to_string());
                    assert_eq!(e.triggers, ["-P6DT15H", "-PT15H"]);
                }
                Moment::Month(month) => {
                    // An all-day event on the month's last day, not a month-long block.
                    let last = last_day(month.first_day().year(), month.first_day().month());
                    assert_eq!(start, last.format("%Y%m%d").to_string(), "{}", m.title);
                    let next = last.succ_opt().unwrap().format("%Y%m%d").to_string();
                    assert_eq!(e.get("DTEND"), Some(next.as_str()));
                    assert_eq!(e.triggers, ["-P6DT15H", "-PT15H"]);
                }
            }
            // The first parser sees the same two alarms.
            assert_eq!(alarms.events[i].alarms.len(), 2);
        }
    }
    assert!(instants >= 3, "the built-in data has deadlines printed to the minute");
    assert!(brussels_checked >= 2, "most are printed in Brussels time");
}

#[test]
fn the_outputs_due_dates_are_deadlines_too() {
    let c5 = cohort(5);
    let events = second_parser(&to_icalendar(c5));
    for o in c5.required_outputs() {
        let Some(due) = &o.due else { continue };
        let e = events
            .iter()
            .find(|e| e.get("SUMMARY") == Some(format!("Cohort 5: {} due", o.title).as_str()))
            .expect("an event for the output's due date");
        let first = due.value.first_day();
        let last = last_day(chrono::Datelike::year(&first), chrono::Datelike::month(&first));
        assert_eq!(e.get("DTSTART"), Some(last.format("%Y%m%d").to_string().as_str()));
        assert_eq!(e.triggers.len(), 2);
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

#[test]
fn the_timeline_draws_a_row_per_phase_and_milestone_and_today_only_inside() {
    let five =
        twinning_cohort::Cohort::builtin(twinning_cohort::CohortNumber::new(5).unwrap()).unwrap();
    let inside = five.phases()[0].months.start().first_day();
    let drawn = twinning_cohort::timeline_svg(five, Some(inside)).unwrap();
    assert_eq!(drawn.matches("class=\"today\"").count(), 1);
    let far = chrono::NaiveDate::from_ymd_opt(2100, 1, 1).unwrap();
    let not_drawn = twinning_cohort::timeline_svg(five, Some(far)).unwrap();
    assert!(!not_drawn.contains("class=\"today\""));
    assert_eq!(not_drawn.matches("<g>").count(), five.phases().len() + five.milestones().len());
    // Markup in a title is text.
    let mut doc: serde_json::Value = serde_json::from_str(&five.to_json()).unwrap();
    doc["phases"][0]["title"] = serde_json::json!("<script>alert(1)</script> & more");
    let hostile = twinning_cohort::Cohort::from_json(&doc.to_string()).unwrap();
    let svg = twinning_cohort::timeline_svg(&hostile, None).unwrap();
    assert!(!svg.contains("<script>"));
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
}

#[test]
fn a_span_ending_on_the_last_four_digit_day_is_said_as_a_duration() {
    // Torino's days moved to the last two days a four-digit year has.
    let json = cohort(5).to_json().replace("2026-05-28/2026-05-29", "9999-12-30/9999-12-31");
    let moved = twinning_cohort::Cohort::from_json(&json).unwrap();
    let ics = to_icalendar(&moved);
    let unfolded = ics.replace("\r\n ", "");
    // RFC 5545 §3.3.4: a date is four digits of year; DTEND would be 10000-01-01.
    assert!(!unfolded.contains("+1000"), "{unfolded}");
    assert!(unfolded.contains("DTSTART;VALUE=DATE:99991230\r\nDURATION:P2D\r\n"), "{unfolded}");
    // The independent parser reads it.
    let calendar = first_parser(&ics);
    let event = calendar
        .events
        .iter()
        .find(|e| prop(e, "DTSTART") == Some("99991230"))
        .expect("the moved event");
    assert_eq!(prop(event, "DURATION"), Some("P2D"));
    assert_eq!(prop(event, "DTEND"), None);
}

#[test]
fn an_unknown_offset_or_a_year_out_of_range_is_refused_where_it_is_read() {
    let c5 = cohort(5).to_json();
    for (from, to) in [
        // RFC 3339's "offset unknown" would come back as +00:00.
        ("2025-12-16T12:00:00+01:00", "2025-12-16T12:00:00-00:00"),
        // Year 10000 in UTC, which the calendar export writes.
        ("2025-12-16T12:00:00+01:00", "9999-12-31T23:30:00-01:00"),
        ("2025-12-16T12:00:00+01:00", "0999-12-16T12:00:00+01:00"),
    ] {
        assert!(c5.contains(from), "{from}");
        let e = twinning_cohort::Cohort::from_json(&c5.replacen(from, to, 1)).unwrap_err();
        assert!(e.to_string().contains(to.split('/').next().unwrap()), "{to}: {e}");
    }
}
