//! `twinning demo`: cohort 5 end to end on the built-in data.
//!
//! 1. Eligibility of the cohort 5 Mission-minded candidates under the cohort
//!    5 rules.
//! 2. Preference suggestions for an ILLUSTRATIVE set of real Mission Cities
//!    whose learning interests are sample data written for the demo.
//! 3. Budgeted selection of ten hosts and the matching (stable among the
//!    selected hosts), checked by the independent checker, and explained.
//! 4. The next cohort 5 milestones after the run instant.
//!
//! Everything but the run instant is fixed, so the same `--at` gives the
//! same files byte for byte.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};
use twinning_cohort::{Cohort, CohortNumber, Role};
use twinning_eligibility::{Applicant, BuiltinRegistry, RuleSet, Verdict};
use twinning_matcher::{BudgetConfig, BudgetMode, BudgetObjective, Stability};
use twinning_profile::{Catalogue, CityProfile};

use crate::cmd::suggest::{checked_instance, instance_json, is_mission_minded_5, peer_of};
use crate::error::{CliError, Status};
use crate::explain::{Words, sentence, sentences};
use crate::io::{Ctx, write_file};
use crate::render::{Block, Doc, Format, Table, json_text};
use crate::suggest::{Learner, Options, suggest};

/// The sample learning interests of the illustrative Mission Cities.
const SAMPLE_INTERESTS: &str = include_str!("../demo/sample-interests.csv");
/// Prefix of the illustrative seekers' ids, so every file shows they are samples.
pub(crate) const SAMPLE_PREFIX: &str = "sample-";
/// How many Mission-minded cities cohort 5 selects (FACTS §1.1, seed 001).
pub(crate) const HOSTS_SELECTED: u32 = 10;
/// Seats per selected host in the demo (illustrative; no source gives it).
pub(crate) const SEATS_PER_HOST: u32 = 2;
/// The submission instant declared for the candidates: the last day of the
/// Mission-minded registration (January 2026). No source gives the real
/// instants; the catalogue listing them is the evidence that they registered.
pub(crate) const DECLARED_SUBMISSION: &str = "2026-01-30T12:00:00+01:00";
/// The banner every human output of the demo carries.
pub(crate) const SAMPLE_BANNER: &str = "ILLUSTRATIVE RUN: the Mission Cities below are real, but \
their learning interests are SAMPLE DATA written for this demo, and their ids carry the prefix \
`sample-`. The Mission-minded cities, their practices, projects and the cohort 5 rules and \
calendar come from the built-in catalogue with their sources.";

fn fail(step: &str, e: impl std::fmt::Display) -> CliError {
    CliError::internal(format!("demo, {step}: {e}"))
}

/// `twinning demo`.
pub(crate) fn run(
    ctx: &Ctx,
    out_dir: &Path,
    at: DateTime<FixedOffset>,
) -> Result<Status, CliError> {
    let cat = Catalogue::try_builtin().map_err(|e| fail("catalogue", e))?;
    let cohort = CohortNumber::new(5)
        .ok()
        .and_then(Cohort::builtin)
        .ok_or_else(|| fail("cohort", "no cohort 5"))?;
    std::fs::create_dir_all(out_dir)
        .map_err(|e| CliError::io(&out_dir.display().to_string(), &e))?;

    // 1. Eligibility.
    let candidates: Vec<&CityProfile> = cat.mission_minded(cohort.number()).collect();
    ctx.progress(&format!(
        "[1/5] eligibility of {} Mission-minded candidates under the cohort 5 rules",
        candidates.len()
    ));
    let rules = RuleSet::builtin(cohort.number(), Role::MissionMindedCity)
        .ok_or_else(|| fail("rules", "no cohort 5 Mission-minded rule set"))?;
    let submitted =
        DateTime::parse_from_rfc3339(DECLARED_SUBMISSION).map_err(|e| fail("rules", e))?;
    let applicants: Vec<Applicant> =
        candidates.iter().map(|c| applicant_of(cat, c, submitted)).collect::<Result<_, _>>()?;
    let batch = rules.evaluate_all(&applicants, at, &BuiltinRegistry::new());

    // 2. Suggestions.
    ctx.progress("[2/5] preference suggestions for the illustrative Mission Cities (sample data)");
    let learners = sample_learners(cat)?;
    let hosts: Vec<&CityProfile> = candidates
        .iter()
        .zip(&batch.decisions)
        .filter(|(c, d)| d.verdict() != Verdict::Ineligible && !c.practices().is_empty())
        .map(|(c, _)| *c)
        .collect();
    let peers: Vec<_> = hosts.iter().map(|c| peer_of(c)).collect();
    let suggestions = suggest(&learners, &peers, Options { min_score: 1, max_len: Some(5) });
    let instance_doc =
        instance_json(&learners, &peers, &suggestions, SEATS_PER_HOST, Some(HOSTS_SELECTED));
    let (instance, instance_text) = checked_instance(&instance_doc)?;

    // 3. Selection and matching.
    ctx.progress(&format!(
        "[3/5] selecting at most {HOSTS_SELECTED} hosts and matching ({} seekers, {} hosts)",
        instance.seeker_count(),
        instance.host_count()
    ));
    let config = BudgetConfig {
        max_hosts: Some(HOSTS_SELECTED),
        objective: BudgetObjective::Welfare,
        // A guard only: the exact search proves its optimum in well under a
        // second here, so the result does not depend on the machine's speed.
        time_limit: Some(std::time::Duration::from_secs(120)),
        mode: BudgetMode::Exact,
    };
    let result = twinning_matcher::budgeted(&instance, &config).map_err(|e| fail("matching", e))?;
    let check = twinning_matcher::check(&instance, &result).map_err(|e| fail("checker", e))?;
    let explanation =
        twinning_matcher::explain(&instance, &result).map_err(|e| fail("explanation", e))?;

    // 4. Milestones.
    ctx.progress("[4/5] next milestones of cohort 5");
    let next = cohort.next_milestones(at, 5);

    // 5. Files.
    let names: BTreeMap<String, String> = learners
        .iter()
        .map(|l| (l.id.clone(), l.name.clone()))
        .chain(peers.iter().map(|p| (p.id.clone(), p.name.clone())))
        .collect();
    let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let mut doc = Doc::new(Value::Null);
    doc.push(Block::Title("Twinning cohort 5, end to end (demo)".to_owned()));
    doc.push(Block::Text(SAMPLE_BANNER.to_owned()));
    doc.push(Block::Fields(vec![
        ("Run instant".to_owned(), at.format("%Y-%m-%d %H:%M %:z").to_string()),
        ("Cohort".to_owned(), cohort.name().to_owned()),
        (
            "Phase at run".to_owned(),
            cohort.phase_at(at).map_or("none".to_owned(), |p| p.title.clone()),
        ),
    ]));

    // Eligibility section.
    let s = &batch.summary;
    doc.push(Block::Heading(format!("1. Eligibility of the {} candidates", s.total)));
    doc.push(Block::Text(format!(
        "Rules: {}. Each candidate declares what the catalogue records: its partner \
         projects, that it was invited (the catalogue lists invited cities), and a \
         registration on {} (assumed: no source gives the instants). Eligible: {}, \
         ineligible: {}, undetermined: {}. Undetermined candidates stay in the pool as \
         hosts, flagged; ineligible ones are left out.",
        rules.title(),
        DECLARED_SUBMISSION,
        s.eligible,
        s.ineligible,
        s.undetermined
    )));
    let mut t = Table::new(&["City", "Country", "Verdict", "Failed or unknown"]);
    for (c, d) in candidates.iter().zip(&batch.decisions) {
        let open: Vec<String> = d
            .outcomes()
            .iter()
            .filter(|o| o.outcome != twinning_eligibility::Outcome::Passed)
            .map(|o| format!("{} ({})", o.criterion, crate::text::key(&o.outcome)))
            .collect();
        t.row(vec![
            c.name().to_owned(),
            c.country().to_string(),
            d.verdict().to_string(),
            open.join(", "),
        ]);
    }
    doc.push(Block::Table(t));

    // Sample interests and suggestions.
    doc.push(Block::Heading("2. Suggested preferences (SAMPLE interests)".to_owned()));
    doc.push(Block::Text(format!(
        "{} illustrative Mission Cities rank the {} hosts whose tested practices share a theme \
         with their sample learning interests (top 5, ties kept); {}.",
        learners.len(),
        peers.len(),
        crate::suggest::scoring_text()
    )));
    let mut t = Table::new(&["Mission City (sample)", "Sample interests", "Top suggestions"]);
    for l in &learners {
        let interests: Vec<&str> = l.goals.iter().map(|g| g.title.as_str()).collect();
        let top: Vec<String> = suggestions
            .learners
            .get(&l.id)
            .into_iter()
            .flatten()
            .take(3)
            .map(|r| format!("{}. {} ({})", r.rank, r.name, r.affinity.score))
            .collect();
        t.row(vec![l.name.clone(), interests.join("; "), top.join("; ")]);
    }
    doc.push(Block::Table(t));

    // Matching section.
    doc.push(Block::Heading(format!(
        "3. Selection of at most {HOSTS_SELECTED} hosts and the matching"
    )));
    let selected = result.selected_hosts.clone().unwrap_or_default();
    doc.push(Block::Text(format!(
        "Mechanism: {}: the hosts (at most ten) and the assignment that maximise the total affinity \
         score; each host takes up to {SEATS_PER_HOST} Mission Cities (illustrative). The \
         independent checker then tests the result for stability among the selected hosts. \
         Selected hosts ({}): {}.",
        result.mechanism.name,
        selected.len(),
        selected.iter().map(|h| name(h)).collect::<Vec<_>>().join(", ")
    )));
    let mut t = Table::new(&["Mission City (sample)", "Twinned with", "Rank", "Shared themes"]);
    for p in &result.pairs {
        let shared = suggestions
            .learners
            .get(&p.seeker)
            .and_then(|l| l.iter().find(|r| r.id == p.host))
            .map(|r| r.affinity.shared.iter().map(|x| x.theme.key()).collect::<Vec<_>>().join(", "))
            .unwrap_or_default();
        t.row(vec![name(&p.seeker), name(&p.host), p.seeker_rank.to_string(), shared]);
    }
    doc.push(Block::Table(t));
    let unmatched: Vec<String> = result.unmatched.iter().map(|u| name(u)).collect();
    let mut fields = vec![
        ("Matched".to_owned(), format!("{} of {}", result.metrics.matched, learners.len())),
        (
            "Unmatched".to_owned(),
            if unmatched.is_empty() { "none".to_owned() } else { unmatched.join(", ") },
        ),
        (
            "First choices".to_owned(),
            result.metrics.rank_profile.first().copied().unwrap_or(0).to_string(),
        ),
    ];
    if let Some(o) = &result.optimality {
        fields.push(("Optimality".to_owned(), crate::cmd::matching::optimality_text(o)));
    }
    fields.push((
        "Independent check".to_owned(),
        if check.is_stable(Stability::Weak) {
            "no violated constraint, no blocking pair among the selected hosts".to_owned()
        } else {
            format!(
                "{} violations, {} blocking pairs (see result.json)",
                check.violations.len(),
                check.blocking_pairs.len()
            )
        },
    ));
    doc.push(Block::Fields(fields));

    doc.push(Block::Heading("4. Why each Mission City got its twin".to_owned()));
    let words = Words {
        name: &name,
        seekers: "Mission Cities",
        matched: "twinned with",
        unmatched: "not twinned",
        ties: instance.has_ties(),
    };
    let lines = sentences(&explanation, &words);
    doc.push(Block::List(lines));

    doc.push(Block::Heading(format!("5. Next milestones after {}", at.format("%Y-%m-%d"))));
    let mut t = Table::new(&["When", "Milestone", "Source"]);
    for m in &next {
        t.row(vec![crate::when::when_text(&m.when), m.title.clone(), m.provenance.to_string()]);
    }
    doc.push(t.or_text("None: the programme has ended."));
    doc.push(Block::Heading("Files".to_owned()));
    doc.push(Block::Text(format!(
        "In {}: instance.json (the matcher instance: edit it and run `twinning match`), \
         result.json (the result document), eligibility.json (the decisions), \
         suggestions.json (the ranked lists with their shared themes), report.md (this \
         report) and cohort-5.ics (the cohort 5 calendar).",
        out_dir.display()
    )));

    ctx.progress(&format!("[5/5] writing files to {}", out_dir.display()));
    let suggestions_json = json!({
        "sample_data": true,
        "note": SAMPLE_BANNER,
        "learners": learners.iter().map(|l| json!({"id": l.id, "name": l.name, "sample_interests": l.goals})).collect::<Vec<_>>(),
        "ranked_peers": suggestions.learners,
    });
    let eligibility_json = serde_json::to_value(&batch).unwrap_or(Value::Null);
    write_file(&out_dir.join("instance.json"), instance_text.as_bytes())?;
    write_file(&out_dir.join("result.json"), format!("{}\n", result.to_json()).as_bytes())?;
    write_file(&out_dir.join("eligibility.json"), json_text(&eligibility_json).as_bytes())?;
    write_file(&out_dir.join("suggestions.json"), json_text(&suggestions_json).as_bytes())?;
    write_file(&out_dir.join("report.md"), doc.render(Format::Markdown).as_bytes())?;
    write_file(&out_dir.join("cohort-5.ics"), twinning_cohort::to_icalendar(cohort).as_bytes())?;

    let mut summary = summary(&Summary {
        at,
        cohort,
        batch: &batch,
        result: &result,
        stable: check.is_stable(Stability::Weak),
        explanation: &explanation,
        next: &next,
        words: &words,
        out_dir,
    });
    summary.json = json!({
        "at": at,
        "sample_data": true,
        "eligibility": batch.summary,
        "selected_hosts": selected,
        "pairs": result.pairs,
        "unmatched": result.unmatched,
        "stable": check.is_stable(Stability::Weak),
        "explanation": explanation,
        "next_milestones": next,
        "files": ["instance.json", "result.json", "eligibility.json", "suggestions.json", "report.md", "cohort-5.ics"],
    });
    ctx.emit_doc(&summary)?;
    Ok(Status::Ok)
}

/// What the terminal summary is made of.
struct Summary<'a> {
    at: DateTime<FixedOffset>,
    cohort: &'a Cohort,
    batch: &'a twinning_eligibility::Batch,
    result: &'a twinning_matcher::Matching,
    stable: bool,
    explanation: &'a twinning_matcher::Explanation,
    next: &'a [&'a twinning_cohort::Milestone],
    words: &'a Words<'a>,
    out_dir: &'a Path,
}

/// The short answer printed on standard output: the sample-data warning,
/// the outcome in figures, who is twinned with whom (one row per host),
/// anyone left out and why, the next milestones, and where the full report
/// is. Everything else is in `report.md`.
fn summary(s: &Summary<'_>) -> Doc {
    let name = s.words.name;
    let r = s.result;
    let e = &s.batch.summary;
    let mut doc = Doc::new(Value::Null);
    doc.push(Block::Title("Twinning cohort 5, end to end (demo)".to_owned()));
    doc.push(Block::Text(
        "ILLUSTRATIVE RUN: real Mission Cities with SAMPLE learning interests (ids \
         `sample-…`); the candidates, rules and calendar are the built-in catalogue's."
            .to_owned(),
    ));
    let selected = r.selected_hosts.clone().unwrap_or_default();
    let seekers = r.metrics.matched + r.metrics.unmatched;
    let mut fields = vec![
        (
            "Run instant".to_owned(),
            format!(
                "{} ({})",
                s.at.format("%Y-%m-%d %H:%M %:z"),
                s.cohort.phase_at(s.at).map_or("no phase running", |p| p.title.as_str())
            ),
        ),
        (
            "Eligibility".to_owned(),
            format!(
                "{} candidates: {} eligible, {} ineligible, {} undetermined",
                e.total, e.eligible, e.ineligible, e.undetermined
            ),
        ),
    ];
    for (verdict, label, note) in [
        (Verdict::Ineligible, "Ineligible", "left out of the host pool"),
        (Verdict::Undetermined, "Undetermined", "kept as hosts, flagged"),
    ] {
        let names: Vec<&str> = s
            .batch
            .decisions
            .iter()
            .filter(|d| d.verdict() == verdict)
            .map(|d| d.applicant())
            .collect();
        if !names.is_empty() {
            fields.push((label.to_owned(), format!("{} ({note})", names.join(", "))));
        }
    }
    fields.extend([
        (
            "Hosts selected".to_owned(),
            format!("{} of at most {HOSTS_SELECTED}, {SEATS_PER_HOST} seats each", selected.len()),
        ),
        (
            "Twinned".to_owned(),
            format!(
                "{} of {seekers} Mission Cities, {} with their first choice",
                r.metrics.matched,
                r.metrics.rank_profile.first().copied().unwrap_or(0)
            ),
        ),
    ]);
    if let Some(o) = &r.optimality {
        fields.push(("Optimality".to_owned(), crate::cmd::matching::optimality_text(o)));
    }
    fields.push((
        "Checker".to_owned(),
        if s.stable {
            "feasible, no blocking pair among the selected hosts".to_owned()
        } else {
            "blocking pairs or violations: see report.md".to_owned()
        },
    ));
    doc.push(Block::Fields(fields));

    let mut t = Table::new(&["Host", "Twinned with (sample)"]);
    for h in &selected {
        let guests: Vec<String> =
            r.pairs.iter().filter(|p| &p.host == h).map(|p| name(&p.seeker)).collect();
        t.row(vec![name(h), guests.join(", ")]);
    }
    doc.push(Block::Heading("Pairs".to_owned()));
    doc.push(t.or_text("None."));
    let left_out: Vec<String> = s
        .explanation
        .seekers
        .iter()
        .filter(|x| x.host.is_none())
        .map(|x| sentence(x, s.words))
        .collect();
    if !left_out.is_empty() {
        doc.push(Block::Heading("Not twinned".to_owned()));
        doc.push(Block::List(left_out));
    }
    doc.push(Block::Heading("Next milestones".to_owned()));
    let next: Vec<String> = s
        .next
        .iter()
        .take(2)
        .map(|m| format!("{}: {}", crate::when::when_text(&m.when), m.title))
        .collect();
    doc.push(if next.is_empty() {
        Block::Text("None: the programme has ended.".to_owned())
    } else {
        Block::List(next)
    });
    doc.push(Block::Text(format!(
        "Full report: {} (every candidate's verdict, the suggested lists, why each Mission \
         City got its twin, sources). Also written there: instance.json, result.json, \
         eligibility.json, suggestions.json, cohort-5.ics.",
        s.out_dir.join("report.md").display()
    )));
    doc
}

/// The applicant a catalogue candidate makes: what the catalogue records.
fn applicant_of(
    cat: &Catalogue,
    c: &CityProfile,
    submitted: DateTime<FixedOffset>,
) -> Result<Applicant, CliError> {
    let projects = crate::cmd::catalogue::project_acronyms(cat, c);
    let a = Applicant::new(c.name())
        .map_err(|e| fail("applicant", e))?
        .with_country(c.country())
        .with_invited(true)
        .with_local_authority(true)
        .with_submitted_at(submitted);
    Ok(if projects.is_empty() { a } else { a.with_partner_projects(projects) })
}

/// The illustrative Mission Cities with their sample interests; each must
/// be a Mission City of the catalogue.
fn sample_learners(cat: &Catalogue) -> Result<Vec<Learner>, CliError> {
    let parsed = crate::cmd::suggest::parse_interests_csv(
        Path::new("sample-interests.csv"),
        SAMPLE_INTERESTS,
    )?;
    let mut out = Vec::new();
    for l in parsed.learners {
        let city = cat
            .find_by_name(&l.name)
            .into_iter()
            .find(|c| c.has_role(Role::MissionCity))
            .ok_or_else(|| fail("sample", format!("{} is not a Mission City", l.name)))?;
        debug_assert!(!is_mission_minded_5(city));
        out.push(Learner {
            id: format!("{SAMPLE_PREFIX}{}", city.slug()),
            name: city.name().to_owned(),
            goals: l.goals,
        });
    }
    Ok(out)
}
