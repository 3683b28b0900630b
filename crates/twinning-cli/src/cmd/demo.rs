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
use twinning_pairing::{Plan, sample_learners};

use crate::error::{CliError, Status};
use crate::io::{Ctx, write_file};
use crate::render::{Doc, json_of};

/// The files the demo writes, in the order it writes them.
const FILES: [&str; 7] = [
    "instance.json",
    "result.json",
    "eligibility.json",
    "suggestions.json",
    "report.md",
    "report.html",
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
    ctx.progress("[2/3] the report");
    let folder = out_dir.display().to_string();
    let report = run.to_page(&folder);

    ctx.progress(&format!("[3/3] writing files to {folder}"));
    let [instance, result, eligibility, suggestions, report_md, report_html, calendar] = FILES;
    write_file(&out_dir.join(instance), run.instance.to_json().as_bytes())?;
    write_file(&out_dir.join(result), format!("{}\n", run.matching.to_json()).as_bytes())?;
    write_file(&out_dir.join(eligibility), json_of(&run.eligibility).as_bytes())?;
    write_file(&out_dir.join(suggestions), json_of(&run.sample_suggestions()).as_bytes())?;
    write_file(&out_dir.join(report_md), report.to_markdown().as_bytes())?;
    write_file(&out_dir.join(report_html), run.to_html(&folder).as_bytes())?;
    write_file(&out_dir.join(calendar), twinning_cohort::to_icalendar(run.cohort).as_bytes())?;

    let summary = run.summary_page(&out_dir.join("report.md").display().to_string());
    ctx.emit_doc(&Doc::with(&run.summary(&FILES), summary))?;
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
