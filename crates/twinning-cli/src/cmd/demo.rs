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

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};
use twinning_eligibility::{Outcome, Verdict};
use twinning_pairing::{
    PairingRun, Plan, Words, sample_learners, scoring_rule, sentence, sentences,
};

use crate::error::{CliError, Status};
use crate::io::{Ctx, write_file};
use crate::render::{Block, Doc, Format, Table, json_text};

/// The banner every human output of the demo carries.
pub(crate) const SAMPLE_BANNER: &str = "ILLUSTRATIVE RUN: the Mission Cities below are real, but \
their learning interests are SAMPLE DATA written for this demo, and their ids carry the prefix \
`sample-`. The Mission-minded cities, their practices, projects and the cohort 5 rules and \
calendar come from the built-in catalogue with their sources.";

/// The files the demo writes, in the order it writes them.
const FILES: [&str; 6] = [
    "instance.json",
    "result.json",
    "eligibility.json",
    "suggestions.json",
    "report.md",
    "cohort-5.ics",
];

fn fail(step: &str, e: impl std::fmt::Display) -> CliError {
    CliError::internal(format!("demo, {step}: {e}"))
}

/// `twinning demo`.
pub(crate) fn run(
    ctx: &Ctx,
    out_dir: &Path,
    force: bool,
    at: DateTime<FixedOffset>,
) -> Result<Status, CliError> {
    check_out_dir(ctx, out_dir, force)?;
    let cat = crate::cmd::catalogue::catalogue()?;
    ctx.progress("[1/3] cohort 5's pairing: eligibility, suggestions, selection and matching");
    let learners = sample_learners(cat).map_err(|e| fail("sample", e))?;
    let plan = Plan::cohort5(cat, learners).map_err(|e| fail("plan", e))?;
    let run = plan.run(at).map_err(|e| fail("pairing", e))?;
    std::fs::create_dir_all(out_dir)
        .map_err(|e| CliError::io(&out_dir.display().to_string(), &e))?;
    let name = |id: &str| run.roster.name(id);
    let words = Words {
        name: &name,
        seekers: "Mission Cities",
        matched: "twinned with",
        unmatched: "not twinned",
        ties: run.instance.instance().has_ties(),
    };

    ctx.progress("[2/3] the report");
    let doc = report(&run, &words, out_dir);

    ctx.progress(&format!("[3/3] writing files to {}", out_dir.display()));
    let suggestions_json = json!({
        "sample_data": true,
        "note": SAMPLE_BANNER,
        "learners": run.learners.iter().map(|l| json!({"id": l.id, "name": l.name, "sample_interests": l.goals})).collect::<Vec<_>>(),
        "ranked_peers": run.suggestions.learners,
    });
    let eligibility_json = serde_json::to_value(&run.eligibility).unwrap_or(Value::Null);
    let [instance, result, eligibility, suggestions, report_md, calendar] = FILES;
    write_file(&out_dir.join(instance), run.instance.to_json().as_bytes())?;
    write_file(&out_dir.join(result), format!("{}\n", run.matching.to_json()).as_bytes())?;
    write_file(&out_dir.join(eligibility), json_text(&eligibility_json).as_bytes())?;
    write_file(&out_dir.join(suggestions), json_text(&suggestions_json).as_bytes())?;
    write_file(&out_dir.join(report_md), doc.render(Format::Markdown).as_bytes())?;
    write_file(&out_dir.join(calendar), twinning_cohort::to_icalendar(run.cohort).as_bytes())?;

    let mut summary = summary(&run, &words, out_dir);
    summary.json = json!({
        "at": at,
        "sample_data": true,
        "eligibility": run.eligibility.summary,
        "selected_hosts": run.matching.selected_hosts.clone().unwrap_or_default(),
        "pairs": run.matching.pairs,
        "unmatched": run.matching.unmatched,
        "stable": run.is_stable(),
        "explanation": run.explanation,
        "next_milestones": run.next_milestones,
        "files": FILES,
    });
    ctx.emit_doc(&summary)?;
    Ok(Status::Ok)
}

/// Refuses a folder that holds files other than the demo's own (unless
/// `force`), says which of the demo's files an earlier run left there and
/// are replaced, and refuses an `--output` that is one of the files the demo
/// writes — all before anything is computed or written.
fn check_out_dir(ctx: &Ctx, out_dir: &Path, force: bool) -> Result<(), CliError> {
    let dir = out_dir.display();
    let others = match std::fs::read_dir(out_dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .filter(|e| !FILES.iter().any(|name| e.file_name() == *name))
            .count(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => 0,
        Err(e) if out_dir.is_file() => {
            return Err(CliError::input(format!("{dir}: is a file, expected a folder ({e})"))
                .hint("give --out a folder name"));
        }
        Err(e) => return Err(CliError::io(&dir.to_string(), &e)),
    };
    if others > 0 && !force {
        return Err(CliError::input(format!(
            "{dir}: the folder already holds {others} file(s) the demo did not write; the \
             demo would mix its files with them"
        ))
        .hint("give --out a new or empty folder, or add --force to write there anyway"));
    }
    let replaced: Vec<&str> =
        FILES.iter().copied().filter(|name| out_dir.join(name).exists()).collect();
    if !replaced.is_empty() {
        ctx.progress(&format!(
            "note: replacing {} in {dir} (an earlier demo run's files)",
            replaced.join(", ")
        ));
    }
    // Created now, so that `-o` inside it is recognised below.
    std::fs::create_dir_all(out_dir).map_err(|e| CliError::io(&dir.to_string(), &e))?;
    if let Some(output) = &ctx.output {
        let inside = |name: &str| {
            let a = std::fs::canonicalize(
                output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")),
            );
            let b = std::fs::canonicalize(out_dir);
            matches!((a, b), (Ok(a), Ok(b)) if a == b)
                && output.file_name().is_some_and(|n| n == name)
        };
        if let Some(name) = FILES.iter().find(|n| inside(n)) {
            return Err(CliError::input(format!(
                "{}: is the demo's own {dir}/{name}; the summary would replace it",
                output.display()
            ))
            .hint("write the summary to a file outside --out, or leave out -o"));
        }
    }
    Ok(())
}

/// The full report, `report.md`.
fn report(run: &PairingRun<'_>, words: &Words<'_>, out_dir: &Path) -> Doc {
    let at = run.at;
    let seats = run.settings.seats;
    let max_hosts = seats.max_hosts.unwrap_or_default();
    let mut doc = Doc::new(Value::Null);
    doc.push(Block::Title("Twinning cohort 5, end to end (demo)".to_owned()));
    doc.push(Block::Text(SAMPLE_BANNER.to_owned()));
    doc.push(Block::Fields(vec![
        ("Run instant".to_owned(), at.format("%Y-%m-%d %H:%M %:z").to_string()),
        ("Cohort".to_owned(), run.cohort.name().to_owned()),
        (
            "Phase at run".to_owned(),
            run.cohort.phase_at(at).map_or("none".to_owned(), |p| p.title.clone()),
        ),
    ]));

    // Eligibility section.
    let s = &run.eligibility.summary;
    doc.push(Block::Heading(format!("1. Eligibility of the {} candidates", s.total)));
    doc.push(Block::Text(format!(
        "Rules: {}. Each candidate declares what the catalogue records: its partner \
         projects, that it was invited (the catalogue lists invited cities), and a \
         registration on {} (assumed: no source gives the instants). Eligible: {}, \
         ineligible: {}, undetermined: {}. Undetermined candidates stay in the pool as \
         hosts, flagged; ineligible ones are left out.",
        run.rules.title(),
        run.settings.submitted_at.to_rfc3339(),
        s.eligible,
        s.ineligible,
        s.undetermined
    )));
    let mut t = Table::new(&["City", "Country", "Verdict", "Failed or unknown"]);
    for (c, d) in run.candidates.iter().zip(&run.eligibility.decisions) {
        let open: Vec<String> = d
            .outcomes()
            .iter()
            .filter(|o| o.outcome != Outcome::Passed)
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
         with their sample learning interests (top {}, ties kept); {}.",
        run.learners.len(),
        run.peers.len(),
        run.settings.suggest.max_len.unwrap_or_default(),
        scoring_rule()
    )));
    let mut t = Table::new(&["Mission City (sample)", "Sample interests", "Top suggestions"]);
    for l in &run.learners {
        let interests: Vec<&str> = l.goals.iter().map(|g| g.title.as_str()).collect();
        let top: Vec<String> = run
            .suggestions
            .of_learner(&l.id)
            .iter()
            .take(3)
            .map(|r| format!("{}. {} ({})", r.rank, r.name, r.affinity.score))
            .collect();
        t.row(vec![l.name.clone(), interests.join("; "), top.join("; ")]);
    }
    doc.push(Block::Table(t));

    // Matching section.
    doc.push(Block::Heading(format!("3. Selection of at most {max_hosts} hosts and the matching")));
    let selected = run.pairs.selected_peers.clone().unwrap_or_default();
    doc.push(Block::Text(format!(
        "Mechanism: {}: the hosts (at most {max_hosts}) and the assignment that maximise the \
         total affinity score; each host takes up to {} Mission Cities (illustrative). The \
         independent checker then tests the result for stability among the selected hosts. \
         Selected hosts ({}): {}.",
        run.matching.mechanism.name,
        seats.per_host,
        selected.len(),
        selected.iter().map(|h| h.name.as_str()).collect::<Vec<_>>().join(", ")
    )));
    let mut t = Table::new(&["Mission City (sample)", "Twinned with", "Rank", "Shared themes"]);
    for p in &run.pairs.pairs {
        let shared: Vec<&str> = p.shared.iter().map(|x| x.theme.key()).collect();
        t.row(vec![
            p.learner.name.clone(),
            p.peer.name.clone(),
            p.learner_rank.to_string(),
            shared.join(", "),
        ]);
    }
    doc.push(Block::Table(t));
    let metrics = &run.matching.metrics;
    let unmatched: Vec<&str> = run.pairs.unmatched.iter().map(|u| u.name.as_str()).collect();
    let mut fields = vec![
        ("Matched".to_owned(), format!("{} of {}", metrics.matched, run.learners.len())),
        (
            "Unmatched".to_owned(),
            if unmatched.is_empty() { "none".to_owned() } else { unmatched.join(", ") },
        ),
        (
            "First choices".to_owned(),
            metrics.rank_profile.first().copied().unwrap_or(0).to_string(),
        ),
    ];
    if let Some(o) = &run.matching.optimality {
        fields.push(("Optimality".to_owned(), crate::cmd::matching::optimality_text(o)));
    }
    fields.push((
        "Independent check".to_owned(),
        if run.is_stable() {
            "no violated constraint, no blocking pair among the selected hosts".to_owned()
        } else {
            format!(
                "{} violations, {} blocking pairs (see result.json)",
                run.check.violations.len(),
                run.check.blocking_pairs.len()
            )
        },
    ));
    doc.push(Block::Fields(fields));

    doc.push(Block::Heading("4. Why each Mission City got its twin".to_owned()));
    doc.push(Block::List(sentences(&run.explanation, words)));

    doc.push(Block::Heading(format!("5. Next milestones after {}", at.format("%Y-%m-%d"))));
    let mut t = Table::new(&["When", "Milestone", "Source"]);
    for m in &run.next_milestones {
        t.row(vec![m.when.to_human(), m.title.clone(), m.provenance.to_string()]);
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
    doc
}

/// The short answer printed on standard output: the sample-data warning,
/// the outcome in figures, who is twinned with whom (one row per host),
/// anyone left out and why, the next milestones, and where the full report
/// is. Everything else is in `report.md`.
fn summary(run: &PairingRun<'_>, words: &Words<'_>, out_dir: &Path) -> Doc {
    let name = words.name;
    let r = &run.matching;
    let e = &run.eligibility.summary;
    let seats = run.settings.seats;
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
                run.at.format("%Y-%m-%d %H:%M %:z"),
                run.cohort.phase_at(run.at).map_or("no phase running", |p| p.title.as_str())
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
        let names: Vec<&str> = run.with_verdict(verdict).map(|(_, d)| d.applicant()).collect();
        if !names.is_empty() {
            fields.push((label.to_owned(), format!("{} ({note})", names.join(", "))));
        }
    }
    fields.extend([
        (
            "Hosts selected".to_owned(),
            format!(
                "{} of at most {}, {} seats each",
                selected.len(),
                seats.max_hosts.unwrap_or_default(),
                seats.per_host
            ),
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
        if run.is_stable() {
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
    let left_out: Vec<String> = run
        .explanation
        .seekers
        .iter()
        .filter(|x| x.host.is_none())
        .map(|x| sentence(x, words))
        .collect();
    if !left_out.is_empty() {
        doc.push(Block::Heading("Not twinned".to_owned()));
        doc.push(Block::List(left_out));
    }
    doc.push(Block::Heading("Next milestones".to_owned()));
    let next: Vec<String> = run
        .next_milestones
        .iter()
        .take(2)
        .map(|m| format!("{}: {}", m.when.to_human(), m.title))
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
        out_dir.join("report.md").display()
    )));
    doc
}
