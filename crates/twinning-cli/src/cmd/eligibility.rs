//! `twinning eligibility check|batch|rules`.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use serde_json::Value;
use twinning_cohort::{CohortNumber, Role};
use twinning_core::{ColumnMapping, TableOptions};
use twinning_eligibility::{
    Applicant, ApplicantTable, ApplicantTableOptions, BuiltinRegistry, Decision, RuleSet, Verdict,
};

use crate::cli::TableArgs;
use crate::error::{CliError, Status};
use crate::io::{Ctx, LibraryError as _, read_bytes, read_error, read_text};
use crate::render::{Block, Doc, Table};
use crate::text::key;

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
    let decision = rules.evaluate(&applicant, at, &BuiltinRegistry::new());
    let mut doc = decision_doc(&decision);
    doc.json_text = Some(decision.to_json());
    ctx.emit_doc(&doc)?;
    Ok(status_of(decision.verdict()))
}

/// The human report of one decision.
pub(crate) fn decision_doc(d: &Decision) -> Doc {
    let mut doc = Doc::of(d);
    doc.push(Block::Title(format!("{}: {}", d.applicant(), d.verdict())));
    doc.push(Block::Fields(vec![
        ("Rules".to_owned(), d.rule_set().to_owned()),
        ("Cohort".to_owned(), d.cohort().to_string()),
        ("Role".to_owned(), d.role().to_string()),
        ("Evaluated at".to_owned(), d.evaluated_at().format("%Y-%m-%d %H:%M %:z").to_string()),
    ]));
    let mut t = Table::new(&["Criterion", "Outcome", "Why"]);
    for o in d.outcomes() {
        t.row(vec![o.criterion.to_string(), key(&o.outcome), o.sentence.clone()]);
    }
    doc.push(Block::Heading("Criteria".to_owned()));
    doc.push(Block::Table(t));
    if !d.conflicts().is_empty() {
        let mut t = Table::new(&["Field", "Declared", "Registry", "Resolution"]);
        for c in d.conflicts() {
            t.row(vec![
                c.field.clone(),
                c.declared.clone(),
                c.registry.clone(),
                c.resolution.clone(),
            ]);
        }
        doc.push(Block::Heading("Conflicts with the registry".to_owned()));
        doc.push(Block::Table(t));
    }
    doc
}

/// Applicants as read, with the table rows they came from (for references,
/// places and duplicates) when the file was a table.
pub(crate) struct Loaded {
    /// The applicants, in order.
    pub(crate) applicants: Vec<Applicant>,
    /// The table as read, when the file was a table.
    pub(crate) table: Option<ApplicantTable>,
}

/// Reads applicants from a JSON list (or one object) or an applicants table
/// (CSV, `.xlsx`, `.ods`), through the eligibility crate's readers.
pub(crate) fn load_applicants(path: &Path, args: &TableArgs) -> Result<Loaded, CliError> {
    let bytes = read_bytes(path)?;
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let json = match ext.as_deref() {
        Some("json") => true,
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
        let applicants = Applicant::list_from_json(&text).map_err(|e| read_error(path, &e))?;
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
    let mut batch = rules.evaluate_all(applicants, at, &BuiltinRegistry::new());
    if let Some(t) = &loaded.table {
        batch = batch.with_table(t);
    }
    let doc = batch_doc(rules, &batch);
    ctx.emit_doc(&doc)?;
    let status =
        batch.decisions.iter().map(|d| status_of(d.verdict())).fold(Status::Ok, Status::worst);
    Ok(status)
}

/// The human report of a batch: the summary, then one line per applicant
/// with the reasons; for csv and xlsx the decisions table of the library
/// ([`twinning_eligibility::Batch::table`]) with references and reasons.
pub(crate) fn batch_doc(rules: &RuleSet, batch: &twinning_eligibility::Batch) -> Doc {
    let mut doc = Doc::of(batch);
    let s = &batch.summary;
    doc.push(Block::Title(format!("Eligibility: {}", rules.title())));
    if !batch.notes.is_empty() {
        doc.push(Block::Heading("How the table was read".to_owned()));
        doc.push(Block::List(batch.notes.clone()));
    }
    let mut summary = Table::new(&["Verdict", "Applicants"]);
    summary.row(vec!["eligible".to_owned(), s.eligible.to_string()]);
    summary.row(vec!["ineligible".to_owned(), s.ineligible.to_string()]);
    summary.row(vec!["undetermined".to_owned(), s.undetermined.to_string()]);
    summary.row(vec!["total".to_owned(), s.total.to_string()]);
    doc.push(Block::Heading("Summary".to_owned()));
    doc.push(Block::Table(summary.clone()));
    if !s.failed_by_criterion.is_empty() || !s.unknown_by_criterion.is_empty() {
        let mut t = Table::new(&["Criterion", "Failed", "Unknown"]);
        let mut keys: Vec<&String> =
            s.failed_by_criterion.keys().chain(s.unknown_by_criterion.keys()).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            t.row(vec![
                k.clone(),
                s.failed_by_criterion.get(k).copied().unwrap_or(0).to_string(),
                s.unknown_by_criterion.get(k).copied().unwrap_or(0).to_string(),
            ]);
        }
        doc.push(Block::Heading("By criterion".to_owned()));
        doc.push(Block::Table(t));
    }
    let with_refs = batch.rows.iter().any(|r| r.reference.is_some());
    let mut headers = vec!["Applicant", "Verdict", "Why not, or what is missing"];
    if with_refs {
        headers.insert(0, "Ref");
    }
    let mut t = Table::new(&headers);
    for (i, d) in batch.decisions.iter().enumerate() {
        let row = batch.rows.get(i);
        let mut why: Vec<String> = d
            .outcomes()
            .iter()
            .filter(|c| c.outcome != twinning_eligibility::Outcome::Passed)
            .map(|c| format!("{}: {}", c.criterion, c.sentence))
            .collect();
        for c in d.conflicts() {
            why.push(format!("conflict on {}: {}", c.field, c.resolution));
        }
        if let Some(first) = row.and_then(|r| r.duplicate_of.as_ref()) {
            why.push(format!("duplicate of {first}"));
        }
        let mut cells = vec![d.applicant().to_owned(), d.verdict().to_string(), why.join("\n")];
        if with_refs {
            cells.insert(0, row.and_then(|r| r.reference.clone()).unwrap_or_default());
        }
        t.row(cells);
    }
    doc.push(Block::Heading("Applicants".to_owned()));
    doc.push(Block::Table(t));
    let (headers, body) = batch.table();
    doc.report.sheets.push(("Decisions".to_owned(), Table { headers, rows: body }));
    doc.report.sheets.push(("Summary".to_owned(), summary));
    if !batch.notes.is_empty() {
        let mut notes = Table::new(&["How the table was read"]);
        for n in &batch.notes {
            notes.row(vec![n.clone()]);
        }
        doc.report.sheets.push(("Notes".to_owned(), notes));
    }
    doc
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
    doc.push(Block::Title("Eligibility rules".to_owned()));
    for r in &sets {
        doc.push(Block::Heading(format!("Cohort {}, {}: {}", r.cohort(), r.role(), r.title())));
        let mut t = Table::new(&["Criterion", "Condition", "Source"]);
        for c in r.criteria() {
            t.row(vec![c.id.to_string(), c.summary.clone(), c.provenance.to_string()]);
        }
        doc.push(Block::Table(t));
    }
    ctx.emit_doc(&doc)?;
    Ok(Status::Ok)
}
