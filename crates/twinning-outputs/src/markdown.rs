//! Markdown a city can hand in. Everything is written in document order, so
//! the same document always renders to the same bytes.

use std::fmt::{self, Write};

use rust_decimal::Decimal;

use crate::{
    ActionPlan, Document, InfoSession, LearningRoadmap, OutputBody, Quadrant, StakeholderPlan,
    TransferabilityAssessment,
    transferability::{ADAPTATION_THRESHOLD, AS_IS_THRESHOLD, DIMENSION_FLOOR_AS_IS, SCORE_MAX},
};

/// Text safe inside a table cell: no line breaks, and nothing a Markdown
/// reader would take for markup (`twinning_core::escape_markdown`).
fn cell(text: &str) -> String {
    let flat: String = text.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
    let escaped = twinning_core::escape_markdown(flat.trim());
    if escaped.is_empty() { "—".to_owned() } else { escaped }
}

/// Text safe as a Mermaid Gantt task name.
fn task(text: &str) -> String {
    twinning_core::mermaid_task(text)
}

/// Euros with cents (more digits only when the amount has them).
fn eur(amount: Decimal) -> String {
    if amount.scale() <= 2 { format!("{amount:.2}") } else { amount.to_string() }
}

/// A computed score: exact, with trailing zeros beyond two decimals dropped.
fn score(value: Decimal) -> String {
    let n = value.normalize();
    if n.scale() <= 2 { format!("{n:.2}") } else { n.to_string() }
}

/// Items joined by `sep`, or a dash when there are none.
fn joined(items: &[String], sep: &str) -> String {
    if items.is_empty() { "—".to_owned() } else { items.join(sep) }
}

fn list(w: &mut impl Write, items: &[String]) -> fmt::Result {
    if items.iter().all(|i| i.trim().is_empty()) {
        return writeln!(w, "- —");
    }
    for item in items.iter().filter(|i| !i.trim().is_empty()) {
        writeln!(w, "- {}", cell(item))?;
    }
    Ok(())
}

pub(crate) fn document(d: &Document, w: &mut impl Write) -> fmt::Result {
    writeln!(w, "# {}", cell(&d.title))?;
    writeln!(w)?;
    writeln!(w, "| | |")?;
    writeln!(w, "|---|---|")?;
    writeln!(w, "| City | {} |", cell(&d.city.name))?;
    writeln!(w, "| Cohort | {} |", d.cohort)?;
    writeln!(w, "| Output | {} |", d.kind())?;
    let since = d.lifecycle.updated().map(|t| format!(" (since {})", t.to_rfc3339()));
    writeln!(w, "| Status | {}{} |", d.status(), since.unwrap_or_default())?;
    match d.due {
        Some(due) => writeln!(w, "| Due | {due} |")?,
        None => writeln!(w, "| Due | not set by the cohort |")?,
    }
    writeln!(w, "| Document id | {} |", d.id)?;
    match &d.body {
        OutputBody::LearningRoadmap(b) => roadmap(b, w),
        OutputBody::StakeholderEngagementPlan(b) => stakeholders(b, w),
        OutputBody::TransferabilityAssessment(b) => transferability(b, w),
        OutputBody::ActionPlan(b) => action_plan(b, w),
        OutputBody::InfoSession(b) => info_session(b, w),
    }
}

fn roadmap(r: &LearningRoadmap, w: &mut impl Write) -> fmt::Result {
    writeln!(w, "\n## Learning priorities\n")?;
    writeln!(w, "| # | Theme | Objective | Questions to answer |")?;
    writeln!(w, "|---|---|---|---|")?;
    for (i, p) in r.priorities.iter().enumerate() {
        let questions: Vec<String> = p.questions.iter().map(|q| cell(q)).collect();
        writeln!(
            w,
            "| P{} | {} | {} | {} |",
            i + 1,
            p.theme.label(),
            cell(&p.objective),
            questions.join("<br>")
        )?;
    }
    writeln!(w, "\n## Practices to learn from\n")?;
    writeln!(w, "| Practice | City |")?;
    writeln!(w, "|---|---|")?;
    for p in &r.practices {
        writeln!(w, "| {} | {} |", cell(&p.name), cell(&p.city.name))?;
    }
    let priority = |id| {
        r.priorities
            .iter()
            .position(|p| p.id == id)
            .map_or_else(|| "?".to_owned(), |i| format!("P{}", i + 1))
    };
    let practice = |id| {
        r.practices.iter().find(|p| p.id == id).map_or_else(|| "?".to_owned(), |p| cell(&p.name))
    };
    writeln!(w, "\n## Activities\n")?;
    writeln!(w, "| Dates | Kind | Activity | Priorities | Practices |")?;
    writeln!(w, "|---|---|---|---|---|")?;
    for a in &r.activities {
        let ps: Vec<String> = a.priorities.iter().map(|id| priority(*id)).collect();
        let xs: Vec<String> = a.practices.iter().map(|id| practice(*id)).collect();
        writeln!(
            w,
            "| {} | {} | {} | {} | {} |",
            a.dates,
            a.kind.label(),
            cell(&a.title),
            joined(&ps, ", "),
            joined(&xs, ", ")
        )?;
    }
    writeln!(w, "\n## Milestones\n")?;
    writeln!(w, "| Date | Milestone |")?;
    writeln!(w, "|---|---|")?;
    for m in &r.milestones {
        writeln!(w, "| {} | {} |", m.date, cell(&m.title))?;
    }
    if !r.activities.is_empty() || !r.milestones.is_empty() {
        writeln!(w, "\n## Calendar\n")?;
        writeln!(w, "```mermaid\ngantt\n    title Learning roadmap\n    dateFormat YYYY-MM-DD")?;
        writeln!(w, "    section Activities")?;
        for (i, a) in r.activities.iter().enumerate() {
            writeln!(
                w,
                "    {} :r{}, {}, {}d",
                task(&a.title),
                i + 1,
                a.dates.start(),
                a.dates.days()
            )?;
        }
        writeln!(w, "    section Milestones")?;
        for (i, m) in r.milestones.iter().enumerate() {
            writeln!(w, "    {} :milestone, m{}, {}, 0d", task(&m.title), i + 1, m.date)?;
        }
        writeln!(w, "```")?;
    }
    Ok(())
}

fn stakeholders(p: &StakeholderPlan, w: &mut impl Write) -> fmt::Result {
    let names = |q: Quadrant| {
        let names: Vec<String> = p.grid(q).map(|s| cell(&s.name)).collect();
        if names.is_empty() { "—".to_owned() } else { names.join("; ") }
    };
    writeln!(w, "\n## Power/interest grid\n")?;
    writeln!(w, "| | Low interest | High interest |")?;
    writeln!(w, "|---|---|---|")?;
    writeln!(
        w,
        "| **High power** | **Keep satisfied:** {} | **Manage closely:** {} |",
        names(Quadrant::KeepSatisfied),
        names(Quadrant::ManageClosely)
    )?;
    writeln!(
        w,
        "| **Low power** | **Monitor:** {} | **Keep informed:** {} |",
        names(Quadrant::Monitor),
        names(Quadrant::KeepInformed)
    )?;
    writeln!(w, "\n## Stakeholders\n")?;
    writeln!(w, "| Stakeholder | Sector | Quadrant | Stance now | Stance sought | Engagement |")?;
    writeln!(w, "|---|---|---|---|---|---|")?;
    for s in &p.stakeholders {
        writeln!(
            w,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&s.name),
            s.sector.label(),
            s.quadrant(),
            s.current_stance.label(),
            s.desired_stance.label(),
            s.engagement.label()
        )?;
    }
    writeln!(w, "\n## Engagement activities\n")?;
    writeln!(w, "| Date | Activity | Owner | Stakeholders |")?;
    writeln!(w, "|---|---|---|---|")?;
    for a in &p.activities {
        let who: Vec<String> = a
            .stakeholders
            .iter()
            .map(|id| {
                p.stakeholders
                    .iter()
                    .find(|s| s.id == *id)
                    .map_or_else(|| "?".to_owned(), |s| cell(&s.name))
            })
            .collect();
        writeln!(
            w,
            "| {} | {} | {} | {} |",
            a.date,
            cell(&a.title),
            cell(&a.owner),
            joined(&who, "; ")
        )?;
    }
    Ok(())
}

fn transferability(t: &TransferabilityAssessment, w: &mut impl Write) -> fmt::Result {
    writeln!(w)?;
    match &t.practice {
        Some(p) => {
            writeln!(w, "**Practice:** {} (tested in {})", cell(&p.name), cell(&p.city.name))?
        }
        None => writeln!(w, "**Practice:** not chosen yet")?,
    }
    writeln!(w, "\n## Context dimensions (SITEE)\n")?;
    writeln!(w, "| Dimension | Weight | Score (0–{SCORE_MAX}) | Weighted |")?;
    writeln!(w, "|---|---|---|---|")?;
    for d in &t.dimensions {
        let (score, weighted) = match d.score {
            Some(s) => {
                (s.to_string(), d.weight.checked_mul(s).map_or_else(|| "—".to_owned(), score))
            }
            None => ("not scored".to_owned(), "—".to_owned()),
        };
        writeln!(w, "| {} | {} | {} | {} |", d.dimension, d.weight, score, weighted)?;
    }
    for d in &t.dimensions {
        writeln!(w, "\n### {}\n", d.dimension)?;
        writeln!(w, "Evidence:\n")?;
        list(w, &d.evidence)?;
        writeln!(w, "\nEnablers:\n")?;
        list(w, &d.enablers)?;
        writeln!(w, "\nBarriers:\n")?;
        list(w, &d.barriers)?;
    }
    writeln!(w, "\n## Required adaptations\n")?;
    if t.adaptations.is_empty() {
        writeln!(w, "- —")?;
    }
    for a in &t.adaptations {
        writeln!(w, "- {}: {}", a.dimension, cell(&a.change))?;
    }
    writeln!(w, "\n## Transferability\n")?;
    match t.evaluate() {
        Some(e) => writeln!(
            w,
            "**{}** — weighted score {} of {SCORE_MAX}; weakest dimension {} ({}).",
            e.verdict,
            score(e.weighted_score),
            e.weakest,
            e.lowest_score
        )?,
        None => writeln!(
            w,
            "Not yet possible: every dimension needs a score and the weights must sum to 1."
        )?,
    }
    writeln!(
        w,
        "\nThresholds: as is from {AS_IS_THRESHOLD} with no dimension below {DIMENSION_FLOOR_AS_IS}; with adaptation from {ADAPTATION_THRESHOLD}; below that, not transferable."
    )
}

fn action_plan(p: &ActionPlan, w: &mut impl Write) -> fmt::Result {
    if !p.joint_with.is_empty() {
        let partners: Vec<String> = p.joint_with.iter().map(|c| cell(&c.name)).collect();
        writeln!(w, "\nJoint plan with {}.", partners.join(", "))?;
    }
    let number = |id| {
        p.actions
            .iter()
            .position(|a| a.id == id)
            .map_or_else(|| "?".to_owned(), |i| format!("A{}", i + 1))
    };
    writeln!(w, "\n## Actions\n")?;
    writeln!(w, "| # | Action | Owner | Start | End | Budget (EUR) | Depends on |")?;
    writeln!(w, "|---|---|---|---|---|---:|---|")?;
    for (i, a) in p.actions.iter().enumerate() {
        let deps: Vec<String> = a.depends_on.iter().map(|id| number(*id)).collect();
        writeln!(
            w,
            "| A{} | {} | {} | {} | {} | {} | {} |",
            i + 1,
            cell(&a.title),
            cell(&a.owner),
            a.period.start(),
            a.period.end(),
            eur(a.budget_eur),
            joined(&deps, ", ")
        )?;
    }
    writeln!(w, "\n## Funding\n")?;
    writeln!(w, "| # | Source | Amount (EUR) | Secured |")?;
    writeln!(w, "|---|---|---:|---|")?;
    for (i, a) in p.actions.iter().enumerate() {
        for f in &a.funding {
            let secured = if f.secured { "yes" } else { "no" };
            writeln!(
                w,
                "| A{} | {} | {} | {} |",
                i + 1,
                cell(&f.name),
                eur(f.amount_eur),
                secured
            )?;
        }
    }
    match p.funding() {
        Ok(s) => {
            writeln!(w, "\n| Total | EUR |\n|---|---:|")?;
            writeln!(w, "| Total budget | {} |", eur(s.total_budget_eur))?;
            writeln!(w, "| Secured funding | {} |", eur(s.secured_eur))?;
            writeln!(w, "| Unsecured funding | {} |", eur(s.unsecured_eur))?;
            writeln!(w, "| Funding gap | {} |", eur(s.gap_eur))?;
        }
        Err(e) => writeln!(w, "\nTotals cannot be computed: {e}.")?,
    }
    writeln!(w, "\n## Key performance indicators\n")?;
    writeln!(w, "| # | KPI | Unit | Baseline | Target |")?;
    writeln!(w, "|---|---|---|---:|---:|")?;
    for (i, a) in p.actions.iter().enumerate() {
        for k in &a.kpis {
            writeln!(
                w,
                "| A{} | {} | {} | {} | {} |",
                i + 1,
                cell(&k.name),
                cell(&k.unit),
                k.baseline,
                k.target
            )?;
        }
    }
    writeln!(w, "\n## Risks\n")?;
    writeln!(w, "| # | Risk | Likelihood | Impact | Mitigation |")?;
    writeln!(w, "|---|---|---|---|---|")?;
    for (i, a) in p.actions.iter().enumerate() {
        for r in &a.risks {
            writeln!(
                w,
                "| A{} | {} | {} | {} | {} |",
                i + 1,
                cell(&r.description),
                r.likelihood.label(),
                r.impact.label(),
                cell(&r.mitigation)
            )?;
        }
    }
    writeln!(w, "\n## Schedule\n")?;
    let schedule = p.schedule();
    let critical: Vec<_> = schedule.as_ref().map(|s| s.critical_path.clone()).unwrap_or_default();
    match &schedule {
        Ok(s) => {
            let order: Vec<String> = s.order.iter().map(|id| number(*id)).collect();
            let path: Vec<String> = s.critical_path.iter().map(|id| number(*id)).collect();
            writeln!(
                w,
                "- Order: {}",
                if order.is_empty() { "—".to_owned() } else { order.join(", ") }
            )?;
            writeln!(
                w,
                "- Critical path: {} ({} days)",
                if path.is_empty() { "—".to_owned() } else { path.join(" → ") },
                s.critical_path_days
            )?;
            for e in &s.early_starts {
                writeln!(
                    w,
                    "- {} starts on {}, before its prerequisite {} ends on {}",
                    number(e.action),
                    e.starts,
                    number(e.prerequisite),
                    e.prerequisite_ends
                )?;
            }
        }
        Err(e) => writeln!(w, "- No schedule: {e}")?,
    }
    if !p.actions.is_empty() {
        writeln!(w, "\n```mermaid\ngantt\n    title Action plan\n    dateFormat YYYY-MM-DD")?;
        writeln!(w, "    section Actions")?;
        for (i, a) in p.actions.iter().enumerate() {
            let crit = if critical.contains(&a.id) { "crit, " } else { "" };
            writeln!(
                w,
                "    {} :{crit}a{}, {}, {}d",
                task(&a.title),
                i + 1,
                a.period.start(),
                a.period.days()
            )?;
        }
        writeln!(w, "```")?;
    }
    Ok(())
}

fn info_session(s: &InfoSession, w: &mut impl Write) -> fmt::Result {
    writeln!(w)?;
    match s.date {
        Some(d) => writeln!(w, "**Date:** {d}")?,
        None => writeln!(w, "**Date:** not scheduled yet")?,
    }
    if let Some(n) = s.attendance {
        writeln!(w, "\n**Attendance:** {n}")?;
    }
    writeln!(w, "\n## Audience\n")?;
    writeln!(w, "| Group | Sector |")?;
    writeln!(w, "|---|---|")?;
    for a in &s.audience {
        writeln!(w, "| {} | {} |", cell(&a.name), a.sector.map_or("—", |x| x.label()))?;
    }
    writeln!(w, "\n## Topics\n")?;
    writeln!(w, "| Topic | Theme |")?;
    writeln!(w, "|---|---|")?;
    for t in &s.topics {
        writeln!(w, "| {} | {} |", cell(&t.title), t.theme.map_or("—", |x| x.label()))?;
    }
    Ok(())
}

impl Document {
    /// Writes the document as Markdown a city can hand in: an envelope table,
    /// then the content as tables (the power/interest grid for a stakeholder
    /// plan, Mermaid Gantt charts for roadmaps and action plans).
    ///
    /// # Errors
    ///
    /// Only what `w` returns; writing to a `String` never fails.
    pub fn write_markdown<W: Write>(&self, w: &mut W) -> fmt::Result {
        document(self, w)
    }

    /// The document as Markdown (see [`Document::write_markdown`]). The same
    /// document always gives the same bytes; a cyclic plan or an overflowing
    /// sum is reported in the text rather than failing.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = document(self, &mut out);
        out
    }
}
