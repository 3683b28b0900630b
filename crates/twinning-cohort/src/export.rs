//! Exports a person would use: an iCalendar file and a Mermaid Gantt chart.

use std::fmt::Write as _;

use chrono::{Datelike as _, Days, NaiveDate, Utc};

use twinning_core::{mermaid_task, mermaid_title};

use crate::{Cohort, MilestoneKind, Moment, to_brussels};

/// The date of the built-in data (its newest source, March 2026), as an
/// iCalendar UTC stamp: the `DTSTAMP` of a cohort whose provenance records
/// carry no `as_of` day.
pub const ICAL_DTSTAMP: &str = "20260301T000000Z";

/// The day [`ICAL_DTSTAMP`] stands for.
const BUILTIN_DATA_AS_OF: (i32, u32, u32) = (2026, 3, 1);

/// The day `SEQUENCE` counts from: the programme's first call (cohort 1,
/// May 2023). A newer data date gives a higher sequence.
const SEQUENCE_EPOCH: (i32, u32, u32) = (2023, 1, 1);

/// The reminders before each deadline: `(trigger before an instant,
/// trigger before an all-day deadline's midnight, words)`. An all-day
/// deadline's reminders ring at 09:00 on the days before.
const REMINDERS: [(&str, &str, &str); 2] =
    [("-P7D", "-P6DT15H", "in one week"), ("-P1D", "-PT15H", "tomorrow")];

/// The cohort's phases, dated milestones and the due dates of its required
/// outputs as an iCalendar file (RFC 5545) that calendar apps import and
/// update.
///
/// * Lines end in CRLF and are folded at 75 octets (never inside a UTF-8
///   character); text escapes `\`, `;`, `,` and newlines.
/// * Each event's `UID` is its deterministic id (`<uuid>@twinning`), so
///   importing a newer file replaces events instead of duplicating them.
///   `DTSTAMP` is the data's date, the newest `as_of` day of the cohort's
///   provenance records (else the built-in data's, [`ICAL_DTSTAMP`]), and
///   `SEQUENCE` counts the days from 1 January 2023 to it: newer data, a
///   higher sequence. The same cohort always gives the same bytes.
/// * Exact instants are written in UTC (`DTSTART:20250912T150000Z`); the
///   description gives the printed Brussels time. Days and months are
///   all-day events (`DTSTART;VALUE=DATE:`) with an exclusive `DTEND`.
/// * A deadline (a call closing, an output due) is one event at its
///   instant, or an all-day event on its last day when the source gives
///   only a day or a month, with two reminders (`VALARM`): a week and a day
///   before.
/// * An event that another one already shows (a phase and an activity with
///   the same title and days, such as cohort 5's Matchmaking Days) is
///   written once.
///
/// ```
/// let c5 = twinning_cohort::Cohort::builtin(twinning_cohort::CohortNumber::new(5)?).ok_or("no cohort 5")?;
/// let ics = twinning_cohort::to_icalendar(c5);
/// assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
/// assert!(ics.contains("DTSTART;VALUE=DATE:20260401\r\nDTEND;VALUE=DATE:20260601\r\n"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_icalendar(cohort: &Cohort) -> String {
    let as_of = data_as_of(cohort);
    let stamp = format!("{}T000000Z", date_stamp(as_of));
    let epoch = NaiveDate::from_ymd_opt(SEQUENCE_EPOCH.0, SEQUENCE_EPOCH.1, SEQUENCE_EPOCH.2)
        .unwrap_or(as_of);
    let sequence = as_of.signed_duration_since(epoch).num_days().max(0);
    let mut events: Vec<Event> = Vec::new();
    for phase in cohort.phases() {
        events.push(Event {
            uid: cohort.phase_uid(phase).to_string(),
            summary: format!("Cohort {}: {}", cohort.number(), phase.title),
            start: Moment::Month(phase.months.start()),
            end: Some(Moment::Month(phase.months.end())),
            description: format!("Phase of {}. Source: {}", cohort.name(), phase.provenance),
            category: "phase".to_owned(),
            deadline: false,
        });
    }
    for m in cohort.milestones() {
        let mut description = format!("Source: {}", m.provenance);
        for alt in &m.alternatives {
            description.push_str("\nOther reading: ");
            description.push_str(alt);
        }
        let deadline = m.kind == MilestoneKind::CallCloses;
        events.push(Event {
            uid: m.id.to_string(),
            summary: format!("Cohort {}: {}", cohort.number(), m.title),
            start: m.when.start(),
            end: m.when.end(),
            description,
            category: m.kind.key().to_owned(),
            deadline,
        });
    }
    for o in cohort.required_outputs() {
        let Some(due) = &o.due else { continue };
        events.push(Event {
            uid: cohort.output_uid(o).to_string(),
            summary: format!("Cohort {}: {} due", cohort.number(), o.title),
            start: Moment::Month(due.value),
            end: None,
            description: format!(
                "Required output of {}. Due: {}. Source: {}",
                cohort.name(),
                due.value,
                due.provenance
            ),
            category: "output-due".to_owned(),
            deadline: true,
        });
    }
    let mut out = String::new();
    let mut line = |text: &str| fold_into(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!("PRODID:-//twinning//twinning-cohort {}//EN", env!("CARGO_PKG_VERSION")));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(cohort.name())));
    let mut seen: Vec<(String, NaiveDate, NaiveDate)> = Vec::new();
    for e in &events {
        let days = (e.start.first_day(), e.end.unwrap_or(e.start).last_day());
        let key = (e.summary.clone(), days.0, days.1);
        if !e.start.is_instant() && seen.contains(&key) {
            continue;
        }
        seen.push(key);
        e.write(&mut line, &stamp, sequence);
    }
    line("END:VCALENDAR");
    out
}

/// The newest `as_of` day among the cohort's provenance records, else the
/// built-in data's date.
fn data_as_of(cohort: &Cohort) -> NaiveDate {
    let builtin =
        NaiveDate::from_ymd_opt(BUILTIN_DATA_AS_OF.0, BUILTIN_DATA_AS_OF.1, BUILTIN_DATA_AS_OF.2)
            .unwrap_or(NaiveDate::MIN);
    cohort
        .phases()
        .iter()
        .map(|p| &p.provenance)
        .chain(cohort.milestones().iter().map(|m| &m.provenance))
        .chain(cohort.required_outputs().iter().map(|o| &o.provenance))
        .filter_map(twinning_core::Provenance::as_of)
        .max()
        .unwrap_or(builtin)
}

/// One calendar event before writing.
struct Event {
    uid: String,
    summary: String,
    start: Moment,
    end: Option<Moment>,
    description: String,
    category: String,
    deadline: bool,
}

impl Event {
    fn write(&self, line: &mut impl FnMut(&str), stamp: &str, sequence: i64) {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}@twinning", self.uid));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("SEQUENCE:{sequence}"));
        let mut description = self.description.clone();
        match (self.start, self.deadline) {
            (Moment::At(start), _) => {
                line(&format!("DTSTART:{}", utc_stamp(start)));
                if let Some(Moment::At(stop)) = self.end.filter(|e| e.start_instant() > start) {
                    line(&format!("DTEND:{}", utc_stamp(stop)));
                }
                let local = to_brussels(start);
                let zone = if local.offset().local_minus_utc() == 3600 { "CET" } else { "CEST" };
                let what = if self.deadline { "Deadline:" } else { "At" };
                let brussels = format!(
                    "{} Brussels time ({zone}, {})",
                    local.format("%A %-d %B %Y, %H:%M"),
                    local.format("%:z")
                );
                description = if local.offset() == start.offset() {
                    format!("{what} {brussels}.\n{description}")
                } else {
                    format!(
                        "{what} {} {} as the source prints it, which is {brussels}.\n{description}",
                        start.format("%A %-d %B %Y, %H:%M"),
                        start.format("%:z")
                    )
                };
            }
            (start, deadline) => {
                // A deadline given as a day or a month falls on its last day.
                let first =
                    if deadline { self.end.unwrap_or(start).last_day() } else { start.first_day() };
                let last = self.end.unwrap_or(start).last_day();
                line(&format!("DTSTART;VALUE=DATE:{}", date_stamp(first)));
                // DTEND is exclusive: the day after the last. After 31 December 9999
                // there is no four-digit day, so the span is said as a duration.
                match last.checked_add_days(Days::new(1)).filter(|d| d.year() <= 9999) {
                    Some(after) => line(&format!("DTEND;VALUE=DATE:{}", date_stamp(after))),
                    None => {
                        let days = (last - first).num_days().saturating_add(1);
                        line(&format!("DURATION:P{days}D"));
                    }
                }
                line("TRANSP:TRANSPARENT");
                if deadline {
                    description = format!(
                        "Deadline: by the end of {} (Brussels time); the source gives no \
                         hour.\n{description}",
                        last.format("%A %-d %B %Y")
                    );
                }
            }
        }
        line(&format!("SUMMARY:{}", escape(&self.summary)));
        line(&format!("DESCRIPTION:{}", escape(&description)));
        line(&format!("CATEGORIES:{}", escape(&self.category)));
        if self.deadline {
            for (before_instant, before_day, words) in REMINDERS {
                let trigger = if self.start.is_instant() { before_instant } else { before_day };
                line("BEGIN:VALARM");
                line("ACTION:DISPLAY");
                line(&format!("TRIGGER:{trigger}"));
                line(&format!("DESCRIPTION:{}", escape(&format!("{} {words}", self.summary))));
                line("END:VALARM");
            }
        }
        line("END:VEVENT");
    }
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
