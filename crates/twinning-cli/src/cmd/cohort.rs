//! `twinning cohort list|show|calendar|timeline`.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde_json::json;
use twinning_cohort::{Cohort, CohortNumber, CohortPage, CohortSummary, cohort_list_page};

use crate::error::{CliError, Status};
use crate::io::{Ctx, read_error, read_text};
use crate::render::{Block, Doc};

/// A cohort by number (the `--data` overlay's, else the built-in one), or a
/// cohort JSON file.
pub(crate) fn resolve_in(ctx: &Ctx, spec: &str) -> Result<Cohort, CliError> {
    if let Ok(n) = spec.parse::<u16>() {
        let data = ctx.data.get()?;
        let found = CohortNumber::new(n).ok().and_then(|n| data.cohort(n));
        return found.cloned().ok_or_else(|| {
            CliError::input(format!("cohort {n}: no such cohort in the built-in data or the overlay"))
                .hint("built-in cohorts are 1 to 5; add one with a data overlay (--data, docs/data.md) or pass a cohort JSON file")
        });
    }
    let path = Path::new(spec);
    let text = read_text(path)?;
    Cohort::from_json(&text).map_err(|e| read_error(path, &e))
}

/// `twinning cohort list`.
pub(crate) fn list(ctx: &Ctx) -> Result<Status, CliError> {
    let all = ctx.data.get()?.cohorts();
    let cohorts: Vec<CohortSummary> = all.into_iter().map(CohortSummary::new).collect();
    ctx.emit_doc(&Doc::with(&cohorts, cohort_list_page(&cohorts)))?;
    Ok(Status::Ok)
}

/// `twinning cohort show`.
pub(crate) fn show(
    ctx: &Ctx,
    cohort: &Cohort,
    at: Option<DateTime<FixedOffset>>,
) -> Result<Status, CliError> {
    let page = CohortPage::new(cohort, at);
    ctx.emit_doc(&Doc::with(&page, page.to_page()))?;
    Ok(Status::Ok)
}

/// `twinning cohort calendar`: the iCalendar file.
pub(crate) fn calendar(ctx: &Ctx, cohort: &Cohort) -> Result<Status, CliError> {
    let ics = twinning_cohort::to_icalendar(cohort);
    ctx.emit(&ics)?;
    if let Some(path) = &ctx.output {
        ctx.progress(&format!(
            "wrote {} ({} events)",
            path.display(),
            ics.matches("BEGIN:VEVENT").count()
        ));
    }
    Ok(Status::Ok)
}

/// `twinning cohort timeline`: the Mermaid Gantt chart (fenced in Markdown).
pub(crate) fn timeline(ctx: &Ctx, cohort: &Cohort) -> Result<Status, CliError> {
    let gantt = twinning_cohort::to_mermaid_gantt(cohort);
    let mut doc = Doc::new(json!({"cohort": cohort.number(), "mermaid": gantt}));
    doc.push(Block::Code { lang: "mermaid".to_owned(), body: gantt });
    ctx.emit_doc(&doc)?;
    Ok(Status::Ok)
}
