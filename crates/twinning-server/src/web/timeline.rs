//! A cohort's timeline as inline SVG: one row per phase (a bar over its
//! months), one per milestone (a diamond, or a bar for a span), a month
//! axis, and a dashed "today" line when today falls inside. Every colour
//! comes from a class in the stylesheet (the page's policy allows no inline
//! style); every text is escaped by the template. The same facts are in the
//! table after it, for readers who do not see the picture.

use chrono::{Datelike as _, NaiveDate};
use maud::{Markup, html};
use twinning_cohort::{Cohort, MilestoneKind, Moment};
use twinning_core::YearMonth;

/// Width of the label column, in SVG units.
const LABEL_W: f64 = 300.0;
/// Width of the whole picture.
const WIDTH: f64 = 960.0;
/// Height of one row.
const ROW: f64 = 24.0;
/// Height of the month axis above the rows.
const AXIS: f64 = 40.0;
/// The longest label shown whole; longer ones end in "…" (the full title
/// is in the row's tooltip and in the table).
const LABEL_CHARS: usize = 42;

/// One row of the picture.
struct Row {
    label: String,
    start: NaiveDate,
    /// `None`: a point in time.
    end: Option<NaiveDate>,
    class: &'static str,
}

/// The first and last day a moment covers, on the Brussels calendar.
fn days(m: &Moment) -> (NaiveDate, NaiveDate) {
    (m.first_day(), m.last_day())
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
        let (start, first_end) = days(&m.when.start());
        let end = match m.when.end() {
            Some(e) => Some(days(&e).1),
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

/// The SVG for `cohort`, with a "today" line at `today` when it falls
/// inside the picture's months. `None` when the cohort has nothing dated.
pub(crate) fn svg(cohort: &Cohort, today: NaiveDate) -> Option<Markup> {
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
    let ticks: Vec<YearMonth> =
        (0..months).filter(|i| i % step == 0).filter_map(|i| from.checked_add_months(i)).collect();
    let height = AXIS + ROW * rows.len() as f64 + 10.0;
    let bottom = height - 5.0;
    let today_x = (today >= origin && today <= to.last_day()).then(|| x(today));
    let title = format!("Timeline of {}", cohort.name());
    let desc = format!(
        "{} phases and {} dated milestones from {} to {}; the table below lists them.",
        cohort.phases().len(),
        cohort.milestones().len(),
        super::layout::month(from),
        super::layout::month(to)
    );
    Some(html! {
        svg class="timeline" role="img" aria-labelledby="timeline-title timeline-desc"
            viewBox=(format!("0 0 {} {}", n(WIDTH), n(height)))
            xmlns="http://www.w3.org/2000/svg" {
            title id="timeline-title" { (title) }
            desc id="timeline-desc" { (desc) }
            @for t in &ticks {
                @let tx = x(t.first_day());
                line class="grid" x1=(n(tx)) x2=(n(tx)) y1=(n(AXIS - 8.0)) y2=(n(bottom)) {}
                text class="month" x=(n(tx + 2.0)) y=(n(AXIS - 14.0)) {
                    (t.first_day().format("%b %Y"))
                }
            }
            line class="axis" x1=(n(LABEL_W)) x2=(n(WIDTH - 10.0)) y1=(n(AXIS - 8.0)) y2=(n(AXIS - 8.0)) {}
            @for (i, r) in rows.iter().enumerate() {
                @let y = AXIS + ROW * i as f64;
                @let mid = y + ROW / 2.0;
                g {
                    title { (r.label) }
                    text x="4" y=(n(mid + 4.5)) { (short(&r.label)) }
                    @match r.end {
                        Some(end) => {
                            @let x0 = x(r.start);
                            @let x1 = x(end.succ_opt().unwrap_or(end));
                            rect class=(r.class) x=(n(x0)) y=(n(y + 5.0)) width=(n((x1 - x0).max(3.0))) height=(n(ROW - 10.0)) {}
                        }
                        None => {
                            @let cx = x(r.start);
                            polygon class=(r.class) points=(format!("{},{} {},{} {},{} {},{}",
                                n(cx), n(mid - 7.0), n(cx + 7.0), n(mid), n(cx), n(mid + 7.0), n(cx - 7.0), n(mid))) {}
                        }
                    }
                }
            }
            @if let Some(tx) = today_x {
                line class="today" x1=(n(tx)) x2=(n(tx)) y1=(n(AXIS - 8.0)) y2=(n(bottom)) {}
                text class="today-label" x=(n(tx + 3.0)) y=(n(AXIS - 1.0)) {
                    "Today, " (today.day()) " " (today.format("%b %Y"))
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use twinning_cohort::{Cohort, CohortNumber};

    use super::{short, svg};

    #[test]
    fn long_labels_end_in_an_ellipsis_and_short_ones_stay_whole() {
        assert_eq!(short("Kick-off"), "Kick-off");
        let long = "a".repeat(60);
        let s = short(&long);
        assert_eq!(s.chars().count(), 42);
        assert!(s.ends_with('…'));
    }

    #[test]
    fn the_today_line_is_drawn_only_inside_the_cohorts_months() {
        let c = CohortNumber::new(5).ok().and_then(Cohort::builtin).unwrap();
        let inside = c.phases()[0].months.start().first_day();
        let drawn = svg(c, inside).unwrap().into_string();
        assert!(drawn.contains("class=\"today\""), "{drawn}");
        let long_after = NaiveDate::from_ymd_opt(2100, 1, 1).unwrap();
        let not_drawn = svg(c, long_after).unwrap().into_string();
        assert!(!not_drawn.contains("class=\"today\""));
        // One row per phase and per milestone.
        let rows = not_drawn.matches("<g>").count();
        assert_eq!(rows, c.phases().len() + c.milestones().len());
    }
}
