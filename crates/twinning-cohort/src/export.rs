//! Exports a person would use: an iCalendar file and a Mermaid Gantt chart.

use std::fmt::Write as _;

use chrono::{Days, NaiveDate, Utc};

use twinning_core::{mermaid_task, mermaid_title};

use crate::{Cohort, Moment, When};

/// The `DTSTAMP` of every exported event: the date of the newest source in
/// the built-in data (March 2026). A fixed stamp keeps exports identical
/// byte for byte from run to run.
pub const ICAL_DTSTAMP: &str = "20260301T000000Z";

/// The cohort's phases and dated milestones as an iCalendar file (RFC 5545).
///
/// * Lines end in CRLF and are folded at 75 octets (never inside a UTF-8
///   character); text escapes `\`, `;`, `,` and newlines.
/// * Each event's `UID` is its deterministic id (`<uuid>@twinning`), and
///   `DTSTAMP` is [`ICAL_DTSTAMP`], so the same cohort always gives the same
///   bytes and re-importing updates events instead of duplicating them.
/// * Exact instants are written in UTC (`DTSTART:20250912T150000Z`); days
///   and months become all-day events (`DTSTART;VALUE=DATE:`) with an
///   exclusive `DTEND`, a month-granular phase spanning all its months.
///
/// ```
/// let c5 = twinning_cohort::Cohort::builtin(twinning_cohort::CohortNumber::new(5)?).ok_or("no cohort 5")?;
/// let ics = twinning_cohort::to_icalendar(c5);
/// assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
/// assert!(ics.contains("DTSTART;VALUE=DATE:20260401\r\nDTEND;VALUE=DATE:20260601\r\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_icalendar(cohort: &Cohort) -> String {
    let mut out = String::new();
    let mut line = |text: &str| fold_into(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!("PRODID:-//twinning//twinning-cohort {}//EN", env!("CARGO_PKG_VERSION")));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(cohort.name())));
    for phase in cohort.phases() {
        let uid = cohort.phase_uid(phase);
        let when = When::at(Moment::Month(phase.months.start()));
        let end = Moment::Month(phase.months.end());
        let description = format!("Phase of {}. Source: {}", cohort.name(), phase.provenance);
        let summary = format!("Cohort {}: {}", cohort.number(), phase.title);
        event(&mut line, &uid.to_string(), &summary, when, Some(end), &description, "phase");
    }
    for m in cohort.milestones() {
        let mut description = format!("Source: {}", m.provenance);
        for alt in &m.alternatives {
            description.push_str("\nOther reading: ");
            description.push_str(alt);
        }
        let summary = format!("Cohort {}: {}", cohort.number(), m.title);
        event(
            &mut line,
            &m.id.to_string(),
            &summary,
            m.when,
            m.when.end(),
            &description,
            m.kind.key(),
        );
    }
    line("END:VCALENDAR");
    out
}

fn event(
    line: &mut impl FnMut(&str),
    uid: &str,
    summary: &str,
    when: When,
    end: Option<Moment>,
    description: &str,
    category: &str,
) {
    line("BEGIN:VEVENT");
    line(&format!("UID:{uid}@twinning"));
    line(&format!("DTSTAMP:{ICAL_DTSTAMP}"));
    match when.start() {
        Moment::At(start) => {
            line(&format!("DTSTART:{}", utc_stamp(start)));
            if let Some(Moment::At(stop)) = end {
                line(&format!("DTEND:{}", utc_stamp(stop)));
            }
        }
        start => {
            let last = end.unwrap_or(start).last_day();
            line(&format!("DTSTART;VALUE=DATE:{}", date_stamp(start.first_day())));
            let after = last.checked_add_days(Days::new(1)).unwrap_or(last);
            line(&format!("DTEND;VALUE=DATE:{}", date_stamp(after)));
            line("TRANSP:TRANSPARENT");
        }
    }
    line(&format!("SUMMARY:{}", escape(summary)));
    line(&format!("DESCRIPTION:{}", escape(description)));
    line(&format!("CATEGORIES:{}", escape(category)));
    line("END:VEVENT");
}

fn utc_stamp(at: chrono::DateTime<chrono::FixedOffset>) -> String {
    at.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string()
}

fn date_stamp(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `text` as a content line folded at 75 octets (RFC 5545 §3.1):
/// continuation lines start with one space, which counts toward their 75.
fn fold_into(out: &mut String, text: &str) {
    let mut width = 0;
    for c in text.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// The cohort's timeline as a Mermaid Gantt chart: phases as bars, dated
/// milestones as milestone markers.
///
/// Dates are calendar days (`dateFormat YYYY-MM-DD`); an instant is shown on
/// its day in the offset the source printed. Task names and the title go
/// through [`twinning_core::mermaid_task`] and
/// [`twinning_core::mermaid_title`]: Mermaid's entity codes keep `:`, `;`,
/// `#` and names starting with a Mermaid keyword ("Call for …") as
/// written, where they used to break the chart.
///
/// ```
/// let c1 = twinning_cohort::Cohort::builtin(twinning_cohort::CohortNumber::new(1)?).ok_or("no cohort 1")?;
/// let chart = twinning_cohort::to_mermaid_gantt(c1);
/// assert!(chart.starts_with("gantt\n"));
/// assert!(chart.contains("Programme runs :p2, 2023-09-01, 2025-06-01\n"));
/// assert!(chart.contains("    #67;all for Twin Cities open :p1, "));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_mermaid_gantt(cohort: &Cohort) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "gantt");
    let _ = writeln!(out, "    title {}", mermaid_title(cohort.name()));
    let _ = writeln!(out, "    dateFormat YYYY-MM-DD");
    let _ = writeln!(out, "    axisFormat %Y-%m");
    if !cohort.phases().is_empty() {
        let _ = writeln!(out, "    section Phases");
    }
    for (i, phase) in cohort.phases().iter().enumerate() {
        let start = phase.months.start().first_day();
        let last = phase.months.end().last_day();
        let end = last.checked_add_days(Days::new(1)).unwrap_or(last);
        let _ = writeln!(out, "    {} :p{}, {}, {}", mermaid_task(&phase.title), i + 1, start, end);
    }
    if !cohort.milestones().is_empty() {
        let _ = writeln!(out, "    section Milestones");
    }
    for (i, m) in cohort.milestones().iter().enumerate() {
        let _ = writeln!(
            out,
            "    {} :milestone, m{}, {}, 0d",
            mermaid_task(&m.title),
            i + 1,
            m.at.date_naive()
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_never_exceeds_75_octets_nor_splits_characters() {
        let mut out = String::new();
        fold_into(&mut out, &"é".repeat(100));
        for l in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{}", l.len());
        }
        assert_eq!(out.replace("\r\n ", "").trim_end(), "é".repeat(100));
    }

    proptest::proptest! {
        #[test]
        fn folding_and_escaping_are_reversible(text in "\\PC{0,300}") {
            let mut out = String::new();
            fold_into(&mut out, &format!("SUMMARY:{}", escape(&text)));
            for l in out.split("\r\n").filter(|l| !l.is_empty()) {
                proptest::prop_assert!(l.len() <= 75);
            }
            let unfolded = out.replace("\r\n ", "");
            let value = unfolded.strip_suffix("\r\n").and_then(|v| v.strip_prefix("SUMMARY:"));
            proptest::prop_assert_eq!(unescape(value.unwrap_or_default()), text);
        }
    }

    fn unescape(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
