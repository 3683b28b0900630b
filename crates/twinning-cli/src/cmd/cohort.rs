//! `twinning cohort list|show|calendar|timeline`.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};
use twinning_cohort::{Cohort, CohortNumber, Moment, RegistrationStatus, Role, When};
use twinning_core::Reported;

use crate::error::{CliError, Status};
use crate::io::{Ctx, read_error, read_text};
use crate::render::{Block, Doc, Table};

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
    resolve(spec)
}

/// A built-in cohort by number, or a cohort JSON file.
pub(crate) fn resolve(spec: &str) -> Result<Cohort, CliError> {
    if let Ok(n) = spec.parse::<u16>() {
        let builtin = CohortNumber::new(n).ok().and_then(Cohort::builtin);
        return builtin.cloned().ok_or_else(|| {
            CliError::input(format!("cohort {n}: no such built-in cohort"))
                .hint("built-in cohorts are 1 to 5; for another, pass a cohort JSON file")
        });
    }
    let path = Path::new(spec);
    let text = read_text(path)?;
    Cohort::from_json(&text).map_err(|e| read_error(path, &e))
}

/// `twinning cohort list`.
pub(crate) fn list(ctx: &Ctx) -> Result<Status, CliError> {
    let mut rows = Vec::new();
    let mut table = Table::new(&["#", "Name", "Learner -> peer", "Programme", "Months", "Cities"]);
    let data = ctx.data.get()?;
    let overlay = data.overlay_cohorts();
    let builtin = twinning_cohort::builtin_cohorts()
        .iter()
        .filter(|c| !overlay.iter().any(|o| o.number() == c.number()));
    let mut all: Vec<&Cohort> = builtin.chain(overlay).collect();
    all.sort_by_key(|c| c.number());
    for c in all {
        let cities = c.cities_selected().map(|r| reported_text(r, |v| v.to_string()));
        table.row(vec![
            c.number().to_string(),
            c.name().to_owned(),
            format!("{} -> {}", c.learner_role().label(), c.peer_role().label()),
            c.programme_period().to_string(),
            reported_text(c.duration_months(), |v| v.to_string()),
            cities.clone().unwrap_or_else(|| "not found".to_owned()),
        ]);
        rows.push(json!({
            "number": c.number(),
            "name": c.name(),
            "learner": c.learner_role(),
            "peer": c.peer_role(),
            "programme": c.programme_period().to_string(),
            "duration_months": c.duration_months(),
            "cities_selected": c.cities_selected(),
        }));
    }
    let mut doc = Doc::new(Value::from(rows));
    doc.push(Block::Title("Cohorts of the Twinning Learning Programme".to_owned()));
    doc.push(Block::Table(table));
    doc.push(Block::Text(
        "Values with \"/\" are disputed: the first reading is followed, the others are \
         kept. `twinning cohort show N` gives every source."
            .to_owned(),
    ));
    ctx.emit_doc(&doc)?;
    Ok(Status::Ok)
}

/// `followed` or `followed / alternative / …`.
pub(crate) fn reported_text<T>(r: &Reported<T>, f: impl Fn(&T) -> String) -> String {
    r.all().map(|s| f(&s.value)).collect::<Vec<_>>().join(" / ")
}

/// `twinning cohort show`.
pub(crate) fn show(
    ctx: &Ctx,
    cohort: &Cohort,
    at: Option<DateTime<FixedOffset>>,
) -> Result<Status, CliError> {
    let mut json = serde_json::to_value(cohort).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut json {
        map.insert("milestones".to_owned(), json!(cohort.milestones()));
    }
    let mut doc = Doc::new(Value::Null);
    doc.push(Block::Title(cohort.name().to_owned()));
    let p = cohort.pairing();
    let mut fields = vec![
        ("Pairing".to_owned(), format!("{} -> {}: {}", p.learner, p.peer, p.summary)),
        ("Programme".to_owned(), cohort.programme_period().to_string()),
        ("Duration (months)".to_owned(), reported_text(cohort.duration_months(), u16::to_string)),
    ];
    if let Some(n) = cohort.cities_selected() {
        fields.push(("Cities selected".to_owned(), reported_text(n, u16::to_string)));
    }
    if let Some(m) = cohort.modules() {
        let names: Vec<&str> = m.value.iter().map(|m| m.title()).collect();
        fields.push(("Modules".to_owned(), names.join(", ")));
    }
    if let Some(t) = cohort.time_commitment() {
        fields.push((
            "Time commitment".to_owned(),
            format!("{} representatives, {} hours a month", t.representatives, t.hours_per_month),
        ));
    }
    doc.push(Block::Fields(fields));

    if let Some(at) = at {
        let phase = cohort.phase_at(at).map(|p| p.title.clone());
        let mut now = vec![
            ("At".to_owned(), at.format("%Y-%m-%d %H:%M %:z").to_string()),
            ("Phase".to_owned(), phase.clone().unwrap_or_else(|| "none".to_owned())),
        ];
        let mut statuses = serde_json::Map::new();
        for role in Role::ALL {
            let status = cohort.registration_status(role, at);
            if matches!(status, RegistrationStatus::NoCall { .. }) {
                continue;
            }
            now.push((format!("{} call", role.label()), status.to_string()));
            statuses.insert(role.key().to_owned(), json!(status));
        }
        let next = cohort.next_milestones(at, 5);
        doc.push(Block::Heading("Status".to_owned()));
        doc.push(Block::Fields(now));
        if let Value::Object(map) = &mut json {
            map.insert(
                "status".to_owned(),
                json!({"at": at, "phase": phase, "registration": statuses, "next_milestones": next}),
            );
        }
    }

    if !cohort.registrations().is_empty() {
        let mut t = Table::new(&["Role", "Call", "Opens", "Closes"]);
        for r in cohort.registrations() {
            t.row(vec![
                r.role.to_string(),
                r.title.clone(),
                r.opens
                    .as_ref()
                    .map_or("not found".to_owned(), |o| reported_text(o, Moment::to_human)),
                r.closes
                    .as_ref()
                    .map_or("not found".to_owned(), |c| reported_text(c, Moment::to_human)),
            ]);
        }
        doc.push(Block::Heading("Calls".to_owned()));
        doc.push(Block::Table(t));
    }
    if !cohort.phases().is_empty() {
        let mut t = Table::new(&["Months", "Phase", "Source"]);
        for ph in cohort.phases() {
            t.row(vec![ph.months.to_string(), ph.title.clone(), ph.provenance.to_string()]);
        }
        doc.push(Block::Heading("Phases".to_owned()));
        doc.push(Block::Table(t));
    }
    milestone_block(&mut doc, "Milestones", cohort.milestones().iter());
    if !cohort.activities().is_empty() {
        let mut t = Table::new(&["Kind", "Activity", "Count", "When"]);
        for a in cohort.activities() {
            let count = match (a.count, a.visits) {
                (_, Some(v)) => {
                    format!("{} ({} to peer, {} hosted)", v.total(), v.to_peer, v.hosted)
                }
                (Some(n), None) => n.to_string(),
                (None, None) => String::new(),
            };
            let when = a.when.as_ref().map_or(String::new(), |w| reported_text(w, When::to_human));
            t.row(vec![a.kind.to_string(), a.title.clone(), count, when]);
        }
        doc.push(Block::Heading("Activities".to_owned()));
        doc.push(Block::Table(t));
    }
    if !cohort.required_outputs().is_empty() {
        let mut t = Table::new(&["Kind", "Output", "Due", "Source"]);
        for o in cohort.required_outputs() {
            let due = o.due.as_ref().map_or("not stated".to_owned(), |d| {
                format!("{} ({})", d.value, d.provenance.confidence())
            });
            t.row(vec![o.kind.to_string(), o.title.clone(), due, o.provenance.to_string()]);
        }
        doc.push(Block::Heading("Required outputs".to_owned()));
        doc.push(Block::Table(t));
    }
    if !cohort.notes().is_empty() {
        doc.push(Block::Heading("Notes".to_owned()));
        for n in cohort.notes() {
            doc.push(Block::Text(format!("{} [{}]", n.value, n.provenance)));
        }
    }
    doc.json = json;
    ctx.emit_doc(&doc)?;
    Ok(Status::Ok)
}

/// Appends a milestone table (when, title, source).
pub(crate) fn milestone_block<'a>(
    doc: &mut Doc,
    heading: &str,
    milestones: impl Iterator<Item = &'a twinning_cohort::Milestone>,
) {
    let mut t = Table::new(&["When", "Milestone", "Source"]);
    for m in milestones {
        let mut source = m.provenance.to_string();
        for alt in &m.alternatives {
            source.push_str("; other reading: ");
            source.push_str(alt);
        }
        t.row(vec![m.when.to_human(), m.title.clone(), source]);
    }
    doc.push(Block::Heading(heading.to_owned()));
    doc.push(t.or_text("None."));
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
