//! A cohort's timeline as SVG: one row per phase (a bar over its months),
//! one per milestone (a diamond, or a bar for a span), a month axis, and a
//! dashed "today" line when the day falls inside. Colours come from
//! classes ([`TIMELINE_CLASSES`]), never inline styles, so a page with a
//! strict content security policy can show it; every text is escaped.

use std::fmt::Write as _;

use chrono::{Datelike as _, NaiveDate};
use twinning_core::{YearMonth, escape_html};

use crate::{Cohort, MilestoneKind};

/// Width of the label column, in SVG units.
const LABEL_W: f64 = 300.0;
/// Width of the whole picture.
const WIDTH: f64 = 960.0;
/// Height of one row.
const ROW: f64 = 24.0;
/// Height of the month axis above the rows.
const AXIS: f64 = 40.0;
/// The longest label shown whole; longer ones end in "…" (the full title
/// is in the row's tooltip).
const LABEL_CHARS: usize = 42;

/// The classes [`timeline_svg`] draws with, for a stylesheet: `timeline`
/// (the picture), `axis`, `grid`, `month`, `phase`, `deadline`, `event`,
/// `today`, `today-label`.
pub const TIMELINE_CLASSES: [&str; 9] =
    ["timeline", "axis", "grid", "month", "phase", "deadline", "event", "today", "today-label"];

/// One row of the picture.
struct Row {
    label: String,
    start: NaiveDate,
    /// `None`: a point in time.
    end: Option<NaiveDate>,
    class: &'static str,
}

/// The rows of `cohort`: phases, then milestones in time order.
fn rows(cohort: &Cohort) -> Vec<Row> {
    let mut rows: Vec<Row> = cohort
        .phases()
        .iter()
        .map(|p| Row {
            label: p.title.clone(),
            start: p.months.start().first_day(),
            end: Some(p.months.end().last_day()),
            class: "phase",
        })
        .collect();
    for m in cohort.milestones() {
        let first = m.when.start();
        let (start, first_end) = (first.first_day(), first.last_day());
        let end = match m.when.end() {
            Some(e) => Some(e.last_day()),
            None if first_end > start => Some(first_end),
            None => None,
        };
        let class = match m.kind {
            MilestoneKind::CallCloses => "deadline",
            _ => "event",
        };
        rows.push(Row { label: m.title.clone(), start, end, class });
    }
    rows
}

/// Shortens `s` to [`LABEL_CHARS`] characters.
fn short(s: &str) -> String {
    if s.chars().count() <= LABEL_CHARS {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(LABEL_CHARS.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A number for an SVG attribute: one decimal, so output is the same on
/// every machine.
fn n(x: f64) -> String {
    format!("{x:.1}")
}

/// The timeline of `cohort` as an `<svg>` element (with a `<title>` and a
/// `<desc>` for screen readers), and a "today" line at `today` when it
/// falls inside the picture's months. `None` when the cohort has nothing
/// dated. The same input gives the same bytes.
///
/// ```
/// use twinning_cohort::{Cohort, CohortNumber, timeline_svg};
///
/// let five = CohortNumber::new(5).ok().and_then(Cohort::builtin).unwrap();
/// let svg = timeline_svg(five, None).unwrap();
/// assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
/// ```
#[must_use]
pub fn timeline_svg(cohort: &Cohort, today: Option<NaiveDate>) -> Option<String> {
    let rows = rows(cohort);
    let first = rows.iter().map(|r| r.start).min()?;
    let last = rows.iter().map(|r| r.end.unwrap_or(r.start)).max()?;
    let from = YearMonth::of(first).ok()?;
    let to = YearMonth::of(last).ok()?;
    let origin = from.first_day();
    let span_days = (to.last_day() - origin).num_days().max(1) as f64 + 1.0;
    let chart_w = WIDTH - LABEL_W - 10.0;
    let x = |d: NaiveDate| LABEL_W + chart_w * ((d - origin).num_days() as f64) / span_days;
    let months = from.months_until(to).max(0) + 1;
    let step = match months {
        ..=12 => 1,
        13..=24 => 2,
        25..=48 => 3,
        _ => 6,
    };
    let height = AXIS + ROW * rows.len() as f64 + 10.0;
    let bottom = height - 5.0;
    let title = format!("Timeline of {}", cohort.name());
    let desc = format!(
        "{} phases and {} dated milestones from {} to {}.",
        cohort.phases().len(),
        cohort.milestones().len(),
        from.first_day().format("%B %Y"),
        to.first_day().format("%B %Y"),
    );
    let mut s = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        s,
        r#"<svg class="timeline" role="img" aria-labelledby="timeline-title timeline-desc" viewBox="0 0 {} {}" xmlns="http://www.w3.org/2000/svg"><title id="timeline-title">{}</title><desc id="timeline-desc">{}</desc>"#,
        n(WIDTH),
        n(height),
        escape_html(&title),
        escape_html(&desc)
    );
    for t in (0..months).filter(|i| i % step == 0).filter_map(|i| from.checked_add_months(i)) {
        let tx = x(t.first_day());
        let _ = write!(
            s,
            r#"<line class="grid" x1="{0}" x2="{0}" y1="{1}" y2="{2}"></line><text class="month" x="{3}" y="{4}">{5}</text>"#,
            n(tx),
            n(AXIS - 8.0),
            n(bottom),
            n(tx + 2.0),
            n(AXIS - 14.0),
            t.first_day().format("%b %Y")
        );
    }
    let _ = write!(
        s,
        r#"<line class="axis" x1="{}" x2="{}" y1="{2}" y2="{2}"></line>"#,
        n(LABEL_W),
        n(WIDTH - 10.0),
        n(AXIS - 8.0)
    );
    for (i, r) in rows.iter().enumerate() {
        let y = AXIS + ROW * i as f64;
        let mid = y + ROW / 2.0;
        let _ = write!(
            s,
            r#"<g><title>{}</title><text x="4" y="{}">{}</text>"#,
            escape_html(&r.label),
            n(mid + 4.5),
            escape_html(&short(&r.label))
        );
        match r.end {
            Some(end) => {
                let (x0, x1) = (x(r.start), x(end.succ_opt().unwrap_or(end)));
                let _ = write!(
                    s,
                    r#"<rect class="{}" x="{}" y="{}" width="{}" height="{}"></rect>"#,
                    r.class,
                    n(x0),
                    n(y + 5.0),
                    n((x1 - x0).max(3.0)),
                    n(ROW - 10.0)
                );
            }
            None => {
                let cx = x(r.start);
                let _ = write!(
                    s,
                    r#"<polygon class="{}" points="{},{} {},{} {},{} {},{}"></polygon>"#,
                    r.class,
                    n(cx),
                    n(mid - 7.0),
                    n(cx + 7.0),
                    n(mid),
                    n(cx),
                    n(mid + 7.0),
                    n(cx - 7.0),
                    n(mid)
                );
            }
        }
        s.push_str("</g>");
    }
    if let Some(today) = today.filter(|d| *d >= origin && *d <= to.last_day()) {
        let tx = x(today);
        let _ = write!(
            s,
            r#"<line class="today" x1="{0}" x2="{0}" y1="{1}" y2="{2}"></line><text class="today-label" x="{3}" y="{4}">Today, {5} {6}</text>"#,
            n(tx),
            n(AXIS - 8.0),
            n(bottom),
            n(tx + 3.0),
            n(AXIS - 1.0),
            today.day(),
            today.format("%b %Y")
        );
    }
    s.push_str("</svg>");
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::short;

    #[test]
    fn long_labels_end_in_an_ellipsis_and_short_ones_stay_whole() {
        assert_eq!(short("Kick-off"), "Kick-off");
        let s = short(&"a".repeat(60));
        assert_eq!(s.chars().count(), 42);
        assert!(s.ends_with('…'));
    }
}
