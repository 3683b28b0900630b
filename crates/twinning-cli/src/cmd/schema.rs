//! `twinning schema [TYPE]`: JSON Schema (draft 2020-12, from schemars) of
//! every document the command line reads or writes.

use serde_json::{Value, json};

use crate::error::{CliError, Status};
use crate::io::Ctx;
use crate::render::{Block, Doc, Format, Table};

/// One published document type.
struct Entry {
    name: &'static str,
    about: &'static str,
    used_by: &'static str,
    schema: fn() -> schemars::Schema,
}

fn entries() -> Vec<Entry> {
    vec![
        Entry {
            name: "instance",
            about: "matching instance: seekers, hosts, preferences, scores, budget",
            used_by: "match (input), suggest and demo (output)",
            schema: || schemars::schema_for!(twinning_matcher::InstanceSpec),
        },
        Entry {
            name: "result",
            about: "matching result: pairs, unmatched, hosts, metrics, optimality",
            used_by: "match verify (input), demo (output), match (under `result`)",
            schema: || schemars::schema_for!(twinning_matcher::Matching),
        },
        Entry {
            name: "match-report",
            about: "a result with its explanation: `result` and `explanation`",
            used_by: "match --format json (output), match verify (input)",
            schema: || schemars::schema_for!(twinning_matcher::MatchReport),
        },
        Entry {
            name: "explanation",
            about: "why each seeker did not get the hosts it ranked higher",
            used_by: "match --format json (under `explanation`), demo --format json",
            schema: || schemars::schema_for!(twinning_matcher::Explanation),
        },
        Entry {
            name: "check-report",
            about: "checker report: blocking pairs and violated constraints",
            used_by: "match verify --format json (output, under `report`)",
            schema: || schemars::schema_for!(twinning_matcher::CheckReport),
        },
        Entry {
            name: "applicant",
            about: "what a city declares when it applies",
            used_by: "eligibility check and batch (input)",
            schema: || schemars::schema_for!(twinning_eligibility::Applicant),
        },
        Entry {
            name: "decision",
            about: "eligibility decision, one outcome per criterion, with evidence",
            used_by: "eligibility check --format json (output)",
            schema: || schemars::schema_for!(twinning_eligibility::Decision),
        },
        Entry {
            name: "batch",
            about: "decisions on many applicants with their summary",
            used_by: "eligibility batch --format json (output)",
            schema: || schemars::schema_for!(twinning_eligibility::Batch),
        },
        Entry {
            name: "rule-set",
            about: "a cohort's eligibility criteria for one role",
            used_by: "eligibility --rules (input)",
            schema: || schemars::schema_for!(twinning_eligibility::RuleSet),
        },
        Entry {
            name: "overlay",
            about: "a data overlay: cities, roles, pairs, memberships, cohorts since the release",
            used_by: "--data PATH or TWINNING_DATA (input; docs/data.md)",
            schema: || schemars::schema_for!(twinning_profile::OverlayDocument),
        },
        Entry {
            name: "cohort",
            about: "a cohort defined as data (a cohort 6)",
            used_by: "cohort show|calendar|timeline FILE, outputs --cohort FILE (input)",
            schema: || schemars::schema_for!(twinning_cohort::Cohort),
        },
        Entry {
            name: "output",
            about: "a learning-output document (roadmap, plans, assessment, session)",
            used_by: "outputs validate|render (input), outputs new (output)",
            schema: || schemars::schema_for!(twinning_outputs::Document),
        },
        Entry {
            name: "profiles",
            about: "city and partner-project profiles (one `city` or a list of `cities`)",
            used_by: "suggest --learners/--peers FILE.json (input)",
            schema: || schemars::schema_for!(twinning_profile::ProfileDocument),
        },
        Entry {
            name: "output-report",
            about: "problems and missing items of an output document",
            used_by: "outputs validate --format json (output, under `report`)",
            schema: || schemars::schema_for!(twinning_outputs::Report),
        },
    ]
}

/// The names `twinning schema` accepts.
pub(crate) fn names() -> Vec<&'static str> {
    entries().iter().map(|e| e.name).collect()
}

/// The schema of `name` as a JSON value.
pub(crate) fn schema_value(name: &str) -> Option<Value> {
    entries().iter().find(|e| e.name == name).map(|e| (e.schema)().to_value())
}

/// `twinning schema [TYPE]`.
pub(crate) fn run(ctx: &Ctx, name: Option<&str>) -> Result<Status, CliError> {
    match name {
        Some(name) => {
            let schema = schema_value(name).ok_or_else(|| {
                CliError::input(format!("unknown document type {name:?}"))
                    .hint(format!("one of: {}", names().join(", ")))
            })?;
            // A schema is JSON whatever --format says.
            ctx.emit(&crate::render::json_text(&schema))?;
        }
        None => {
            let all: serde_json::Map<String, Value> =
                entries().iter().map(|e| (e.name.to_owned(), (e.schema)().to_value())).collect();
            let mut doc = Doc::new(json!(all));
            doc.push(Block::Title("Published document types".to_owned()));
            let mut t = Table::new(&["Type", "What", "Used by"]);
            for e in entries() {
                t.row(vec![e.name.to_owned(), e.about.to_owned(), e.used_by.to_owned()]);
            }
            doc.push(Block::Table(t));
            if ctx.format != Format::Json {
                doc.push(Block::Text(
                    "`twinning schema TYPE` prints one schema; `--format json` prints all of \
                     them as one object keyed by type."
                        .to_owned(),
                ));
            }
            ctx.emit_doc(&doc)?;
        }
    }
    Ok(Status::Ok)
}
