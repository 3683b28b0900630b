//! Prints the programme's timeline — every cohort's phases and dated
//! milestones, with where the dates come from — and the next milestones
//! after today.
//!
//! Run with `cargo run -p twinning-examples --example timeline`; pass a day
//! (`2026-03-15`) or an instant (`2026-03-15T12:00:00+01:00`) to see the
//! programme as it stood then.

use std::io::{self, Write};

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use twinning::cohort::{self, Cohort, CohortNumber, Milestone};

/// How many upcoming milestones to list.
const NEXT: usize = 8;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let now = match std::env::args().nth(1) {
        Some(arg) => parse_instant(&arg)?,
        None => Utc::now().fixed_offset(),
    };
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "Twinning Learning Programme: timeline as of {}",
        now.format("%Y-%m-%d %H:%M %:z")
    )?;
    for c in cohort::builtin_cohorts() {
        print_cohort(&mut out, c, now)?;
    }
    print_next(&mut out, now)?;
    Ok(())
}

fn parse_instant(arg: &str) -> Result<DateTime<FixedOffset>, Box<dyn std::error::Error>> {
    if let Ok(at) = DateTime::parse_from_rfc3339(arg) {
        return Ok(at);
    }
    let day: NaiveDate = arg.parse()?;
    let noon = day.and_hms_opt(12, 0, 0).ok_or("invalid time")?;
    Ok(noon.and_utc().fixed_offset())
}

fn print_cohort(out: &mut impl Write, c: &Cohort, now: DateTime<FixedOffset>) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "== {} ==", c.name())?;
    let duration = c.duration_months();
    let others: Vec<String> = duration.alternatives().iter().map(|a| a.value.to_string()).collect();
    let also = if others.is_empty() {
        String::new()
    } else {
        format!(" (other sources: {})", others.join(", "))
    };
    writeln!(
        out,
        "   {} learns with {}; programme {}, {} months{also}",
        c.learner_role(),
        c.peer_role(),
        c.programme_period(),
        duration.value()
    )?;
    for phase in c.phases() {
        writeln!(out, "   phase           {:<24} {}", phase.months.to_string(), phase.title)?;
    }
    for m in c.milestones() {
        print_milestone(out, m)?;
    }
    let today = now.date_naive();
    match c.phase_at(now) {
        Some(phase) => writeln!(out, "   now: {}", phase.title)?,
        None => writeln!(out, "   now: between phases")?,
    }
    writeln!(
        out,
        "   months elapsed {}, remaining {}",
        c.months_elapsed(today),
        c.months_remaining(today)
    )?;
    for reg in c.registrations() {
        writeln!(out, "   {}: {}", reg.title, c.registration_status(reg.role, now))?;
    }
    Ok(())
}

fn print_milestone(out: &mut impl Write, m: &Milestone) -> io::Result<()> {
    let flag = if m.alternatives.is_empty() { "" } else { "  [disputed]" };
    writeln!(
        out,
        "   {:<15} {:<24} {}  ({}){flag}",
        m.kind.to_string(),
        short(&m.when.to_string()),
        m.title,
        m.provenance.confidence()
    )
}

/// Drops the seconds from printed instants: `2025-09-12T17:00+02:00`.
fn short(when: &str) -> String {
    when.replace(":00+", "+").replace(":00-", "-").replace(":00Z", "Z")
}

fn print_next(out: &mut impl Write, now: DateTime<FixedOffset>) -> io::Result<()> {
    let mut next: Vec<(CohortNumber, &Milestone)> = cohort::builtin_cohorts()
        .iter()
        .flat_map(|c| c.next_milestones(now, NEXT).into_iter().map(move |m| (c.number(), m)))
        .collect();
    next.sort_by_key(|(number, m)| (m.at, *number));
    next.truncate(NEXT);
    writeln!(out)?;
    writeln!(out, "== Next milestones after {} ==", now.format("%Y-%m-%d %H:%M %:z"))?;
    if next.is_empty() {
        writeln!(out, "   none: every known milestone has passed")?;
    }
    for (number, m) in next {
        writeln!(out, "   cohort {number}  {:<24} {}", short(&m.when.to_string()), m.title)?;
    }
    Ok(())
}
