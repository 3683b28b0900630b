//! `twinning eligibility check|batch|rules`.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use serde_json::Value;
use twinning_cohort::{CohortNumber, Role};
use twinning_core::{ColumnMapping, TableOptions};
use twinning_eligibility::{
    Applicant, ApplicantTable, ApplicantTableOptions, RuleSet, Verdict, rules_page,
};

use crate::cli::TableArgs;
use crate::error::{CliError, Status};
use crate::io::{Ctx, LibraryError as _, read_bytes, read_error, read_text};
use crate::render::Doc;

/// The `--role` parser: a role's key as in JSON (`mission-minded-city`) or
/// its short alias (`mission-minded`), read by [`Role`]'s `FromStr`; `--help`
/// lists the keys.
pub(crate) fn role_parser() -> impl TypedValueParser<Value = Role> {
    let values = Role::ALL
        .map(|r| PossibleValue::new(r.key()).alias(r.alias()).help(format!("or {}", r.alias())));
    PossibleValuesParser::new(values).try_map(|s| s.parse::<Role>())
}

/// The rule set: a JSON file when given, else the built-in one.
pub(crate) fn rule_set(
    cohort: CohortNumber,
    role: Role,
    rules: Option<&Path>,
) -> Result<RuleSet, CliError> {
    if let Some(path) = rules {
        let text = read_text(path)?;
        let set = RuleSet::from_json(&text).map_err(|e| match e.document() {
            Some(_) => read_error(path, &e),
            None => CliError::in_file(path, e)
                .hint("`twinning schema rule-set` prints the expected shape"),
        })?;
        // --cohort and --role are stated with --rules too: a rule set for
        // another cohort or role would silently answer another question.
        if set.cohort() != cohort || set.role() != role {
            return Err(CliError::in_file(
                path,
                format!(
                    "the rule set is for cohort {} and role {}, but --cohort {cohort} --role {role} \
                     was asked",
                    set.cohort(),
                    set.role()
                ),
            )
            .hint("give the --cohort and --role the rule set is written for"));
        }
        return Ok(set);
    }
    RuleSet::builtin(cohort, role).ok_or_else(|| {
        CliError::input(format!("cohort {cohort}: no built-in rules for role {role}")).hint(
            "cohorts 1-3 take twin-city; 4-5 take mission-city and mission-minded-city; \
             `twinning eligibility rules` lists them",
        )
    })
}

/// The exit status of a verdict.
pub(crate) fn status_of(v: Verdict) -> Status {
    match v {
        Verdict::Eligible => Status::Ok,
        Verdict::Ineligible => Status::No,
        Verdict::Undetermined => Status::Undetermined,
    }
}

/// `twinning eligibility check`.
pub(crate) fn check(
    ctx: &Ctx,
    rules: &RuleSet,
    applicant_path: &Path,
    at: DateTime<FixedOffset>,
) -> Result<Status, CliError> {
    let text = read_text(applicant_path)?;
    let applicant = Applicant::from_json(&text).map_err(|e| read_error(applicant_path, &e))?;
    let decision = rules.evaluate(&applicant, at, ctx.data.get()?.registry());
    let mut doc = Doc::new(Value::Null);
    doc.page = decision.to_page();
    doc.json_text = Some(decision.to_json());
    ctx.emit_doc(&doc)?;
    Ok(status_of(decision.verdict()))
}

/// Applicants as read, with the table rows they came from (for references,
/// places and duplicates) when the file was a table.
pub(crate) struct Loaded {
    /// The applicants, in order.
    pub(crate) applicants: Vec<Applicant>,
    /// The table as read, when the file was a table.
    pub(crate) table: Option<ApplicantTable>,
}

/// Reads applicants from a JSON list (or one object), JSON Lines (`.jsonl`,
/// `.ndjson`) or an applicants table (CSV, `.xlsx`, `.ods`), through the
/// eligibility crate's readers.
pub(crate) fn load_applicants(path: &Path, args: &TableArgs) -> Result<Loaded, CliError> {
    let bytes = read_bytes(path)?;
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let lines = matches!(ext.as_deref(), Some("jsonl" | "ndjson"));
    let json = match ext.as_deref() {
        Some("json" | "jsonl" | "ndjson") => true,
        Some(_) => false,
        None => {
            let start = bytes.iter().copied().find(|b| !b.is_ascii_whitespace());
            matches!(start, Some(b'[' | b'{'))
        }
    };
    if json {
        let text = String::from_utf8(bytes).map_err(|e| {
            CliError::in_file(
                path,
                format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
            )
            .hint("save the file as UTF-8")
        })?;
        let read = if lines { Applicant::list_from_json_lines } else { Applicant::list_from_json };
        let applicants = read(&text).map_err(|e| read_error(path, &e))?;
        return Ok(Loaded { applicants, table: None });
    }
    let mapping = match &args.columns {
        Some(p) => {
            Some(ColumnMapping::from_json(&read_text(p)?).map_err(|e| CliError::in_file(p, e))?)
        }
        None => None,
    };
    let options = ApplicantTableOptions {
        table: TableOptions { delimiter: args.delimiter, sheet: args.sheet.clone() },
        mapping,
        dates: args.dates,
    };
    let table = Applicant::read_table(&bytes, &options).map_err(|e| {
        let hint = match &e {
            twinning_eligibility::Error::Table { .. } => format!(
                "columns: {} (`twinning eligibility batch --help`); --columns FILE maps other headers",
                twinning_eligibility::APPLICANT_COLUMNS.join(", ")
            ),
            _ => "tables are CSV (UTF-8 best), .xlsx or .ods".to_owned(),
        };
        CliError::in_file(path, e).hint(hint)
    })?;
    Ok(Loaded { applicants: table.applicants(), table: Some(table) })
}

/// `twinning eligibility batch`.
pub(crate) fn batch(
    ctx: &Ctx,
    rules: &RuleSet,
    path: &Path,
    args: &TableArgs,
    at: DateTime<FixedOffset>,
) -> Result<Status, CliError> {
    let loaded = load_applicants(path, args)?;
    if let Some(t) = &loaded.table {
        for n in &t.notes {
            ctx.progress(&format!("note: {}: {n}", path.display()));
        }
    }
    let applicants = &loaded.applicants;
    ctx.progress(&format!("evaluating {} applicants against {}", applicants.len(), rules.title()));
    let mut batch = rules.evaluate_all(applicants, at, ctx.data.get()?.registry());
    if let Some(t) = &loaded.table {
        batch = batch.with_table(t);
    }
    let doc = Doc::with(&batch, batch.to_page(rules.title()));
    ctx.emit_doc(&doc)?;
    let status =
        batch.decisions.iter().map(|d| status_of(d.verdict())).fold(Status::Ok, Status::worst);
    Ok(status)
}

/// `twinning eligibility rules`: the built-in rule sets, or one in full.
pub(crate) fn rules(ctx: &Ctx, one: Option<&RuleSet>) -> Result<Status, CliError> {
    let sets: Vec<RuleSet> = match one {
        Some(r) => vec![r.clone()],
        None => RuleSet::builtins(),
    };
    // One rule set prints as the rule-set document, which `--rules` reads
    // back; all of them as a list of such documents.
    let document = |r: &RuleSet| serde_json::from_str::<Value>(&r.to_json()).unwrap_or(Value::Null);
    let json = match one {
        Some(r) => document(r),
        None => Value::Array(sets.iter().map(document).collect()),
    };
    let mut doc = Doc::new(json);
    doc.page = rules_page(&sets);
    ctx.emit_doc(&doc)?;
    Ok(Status::Ok)
}
