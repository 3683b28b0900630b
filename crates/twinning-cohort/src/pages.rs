//! The cohorts' pages: the list of cohorts and one cohort with its sources
//! (and where it stands at an instant), each as a serializable view (what a
//! service gets) and a [`Page`] (what a person reads), so the command line
//! and the server say the same.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use twinning_core::{Block, CohortNumber, Page, PageTable, Reported, Role};

use crate::{Cohort, Milestone, Moment, Phase, RegistrationStatus, When};

/// A cohort in the list of cohorts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CohortSummary {
    /// The cohort number.
    pub number: CohortNumber,
    /// Its name.
    pub name: String,
    /// The learning side's role.
    pub learner: Role,
    /// The peer side's role.
    pub peer: Role,
    /// The programme period.
    pub programme: String,
    /// The duration in months, with every source's reading.
    pub duration_months: Reported<u16>,
    /// The cities selected, when known.
    pub cities_selected: Option<Reported<u16>>,
}

impl CohortSummary {
    /// The summary of a cohort.
    pub fn new(c: &Cohort) -> Self {
        CohortSummary {
            number: c.number(),
            name: c.name().to_owned(),
            learner: c.learner_role(),
            peer: c.peer_role(),
            programme: c.programme_period().to_string(),
            duration_months: c.duration_months().clone(),
            cities_selected: c.cities_selected().cloned(),
        }
    }
}

/// The list of cohorts for people: one row each, disputed values with
/// every reading.
pub fn cohort_list_page(cohorts: &[CohortSummary]) -> Page {
    let mut table =
        PageTable::new(&["#", "Name", "Learner -> peer", "Programme", "Months", "Cities"]);
    for c in cohorts {
        let cities = c.cities_selected.as_ref().map(|r| reported_text(r, u16::to_string));
        table.row(vec![
            c.number.to_string(),
            c.name.clone(),
            format!("{} -> {}", c.learner.label(), c.peer.label()),
            c.programme.clone(),
            reported_text(&c.duration_months, u16::to_string),
            cities.unwrap_or_else(|| "not found".to_owned()),
        ]);
    }
    let mut doc = Page::new();
    doc.push(Block::Title("Cohorts of the Twinning Learning Programme".to_owned()));
    doc.push(Block::Table(table));
    doc.push(Block::Text(
        "Values with \"/\" are disputed: the first reading is followed, the others are \
         kept. `twinning cohort show N` gives every source."
            .to_owned(),
    ));
    doc
}

/// `followed` or `followed / alternative / …`: every reading of a disputed
/// value, the followed one first.
pub fn reported_text<T>(r: &Reported<T>, f: impl Fn(&T) -> String) -> String {
    r.all().map(|s| f(&s.value)).collect::<Vec<_>>().join(" / ")
}

/// Where a cohort stands at an instant.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CohortStatus {
    /// The instant asked about.
    pub at: DateTime<FixedOffset>,
    /// The phase running then, if any.
    pub phase: Option<Phase>,
    /// Each role's registration call then, by role key (roles without a
    /// call left out).
    pub registration: BTreeMap<String, RegistrationStatus>,
    /// The next milestones after it.
    pub next_milestones: Vec<Milestone>,
}

impl CohortStatus {
    /// Where `cohort` stands at `at`, with up to `limit` next milestones.
    pub fn new(cohort: &Cohort, at: DateTime<FixedOffset>, limit: usize) -> Self {
        let registration = Role::ALL
            .into_iter()
            .map(|r| (r.key().to_owned(), cohort.registration_status(r, at)))
            .filter(|(_, s)| !matches!(s, RegistrationStatus::NoCall { .. }))
            .collect();
        CohortStatus {
            at,
            phase: cohort.phase_at(at).cloned(),
            registration,
            next_milestones: cohort.next_milestones(at, limit).into_iter().cloned().collect(),
        }
    }
}

/// A cohort's page: the cohort document with its dated milestones, and,
/// when an instant is asked about, its status then.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CohortPage {
    /// The cohort document.
    pub cohort: Cohort,
    /// Its milestones, in time order.
    pub milestones: Vec<Milestone>,
    /// Where it stands at the instant asked about, with the next five
    /// milestones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<CohortStatus>,
}

impl CohortPage {
    /// The page of `cohort`, with its status at `at` when given.
    pub fn new(cohort: &Cohort, at: Option<DateTime<FixedOffset>>) -> Self {
        CohortPage {
            cohort: cohort.clone(),
            milestones: cohort.milestones().to_vec(),
            status: at.map(|at| CohortStatus::new(cohort, at, 5)),
        }
    }

    /// The page for people: the facts, the status at the instant, then
    /// tables of calls, phases, milestones, activities and required outputs
    /// with their sources, then the notes.
    pub fn to_page(&self) -> Page {
        let cohort = &self.cohort;
        let mut doc = Page::new();
        doc.push(Block::Title(cohort.name().to_owned()));
        let p = cohort.pairing();
        let mut fields = vec![
            ("Pairing".to_owned(), format!("{} -> {}: {}", p.learner, p.peer, p.summary)),
            ("Programme".to_owned(), cohort.programme_period().to_string()),
            (
                "Duration (months)".to_owned(),
                reported_text(cohort.duration_months(), u16::to_string),
            ),
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
                format!(
                    "{} representatives, {} hours a month",
                    t.representatives, t.hours_per_month
                ),
            ));
        }
        doc.push(Block::Fields(fields));
        if let Some(status) = &self.status {
            let phase = status.phase.as_ref().map_or("none", |p| p.title.as_str());
            let mut now = vec![
                ("At".to_owned(), status.at.format("%Y-%m-%d %H:%M %:z").to_string()),
                ("Phase".to_owned(), phase.to_owned()),
            ];
            for role in Role::ALL {
                if let Some(s) = status.registration.get(role.key()) {
                    now.push((format!("{} call", role.label()), s.to_string()));
                }
            }
            doc.push(Block::Heading("Status".to_owned()));
            doc.push(Block::Fields(now));
        }
        self.push_calls_and_phases(&mut doc);
        doc.push(Block::Heading("Milestones".to_owned()));
        doc.push(milestone_table(&self.milestones).or_text("None."));
        self.push_activities_and_outputs(&mut doc);
        if !cohort.notes().is_empty() {
            doc.push(Block::Heading("Notes".to_owned()));
            for n in cohort.notes() {
                doc.push(Block::Text(format!("{} [{}]", n.value, n.provenance)));
            }
        }
        doc
    }

    fn push_calls_and_phases(&self, doc: &mut Page) {
        let cohort = &self.cohort;
        if !cohort.registrations().is_empty() {
            let moment = |m: Option<&Reported<Moment>>| {
                m.map_or("not found".to_owned(), |m| reported_text(m, Moment::to_human))
            };
            let mut t = PageTable::new(&["Role", "Call", "Opens", "Closes"]);
            for r in cohort.registrations() {
                t.row(vec![
                    r.role.to_string(),
                    r.title.clone(),
                    moment(r.opens.as_ref()),
                    moment(r.closes.as_ref()),
                ]);
            }
            doc.push(Block::Heading("Calls".to_owned()));
            doc.push(Block::Table(t));
        }
        if !cohort.phases().is_empty() {
            let mut t = PageTable::new(&["Months", "Phase", "Source"]);
            for ph in cohort.phases() {
                t.row(vec![ph.months.to_string(), ph.title.clone(), ph.provenance.to_string()]);
            }
            doc.push(Block::Heading("Phases".to_owned()));
            doc.push(Block::Table(t));
        }
    }

    fn push_activities_and_outputs(&self, doc: &mut Page) {
        let cohort = &self.cohort;
        if !cohort.activities().is_empty() {
            let mut t = PageTable::new(&["Kind", "Activity", "Count", "When"]);
            for a in cohort.activities() {
                let count = match (a.count, a.visits) {
                    (_, Some(v)) => {
                        format!("{} ({} to peer, {} hosted)", v.total(), v.to_peer, v.hosted)
                    }
                    (Some(n), None) => n.to_string(),
                    (None, None) => String::new(),
                };
                let when =
                    a.when.as_ref().map_or(String::new(), |w| reported_text(w, When::to_human));
                t.row(vec![a.kind.to_string(), a.title.clone(), count, when]);
            }
            doc.push(Block::Heading("Activities".to_owned()));
            doc.push(Block::Table(t));
        }
        if !cohort.required_outputs().is_empty() {
            let mut t = PageTable::new(&["Kind", "Output", "Due", "Source"]);
            for o in cohort.required_outputs() {
                let due = o.due.as_ref().map_or("not stated".to_owned(), |d| {
                    format!("{} ({})", d.value, d.provenance.confidence())
                });
                t.row(vec![o.kind.to_string(), o.title.clone(), due, o.provenance.to_string()]);
            }
            doc.push(Block::Heading("Required outputs".to_owned()));
            doc.push(Block::Table(t));
        }
    }
}

/// Milestones as a table of when, title and source (with any other
/// reading of the source).
pub fn milestone_table(milestones: &[Milestone]) -> PageTable {
    let mut t = PageTable::new(&["When", "Milestone", "Source"]);
    for m in milestones {
        let mut source = m.provenance.to_string();
        for alt in &m.alternatives {
            source.push_str("; other reading: ");
            source.push_str(alt);
        }
        t.row(vec![m.when.to_human(), m.title.clone(), source]);
    }
    t
}
