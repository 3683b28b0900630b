//! `twinning outputs validate|render|new`.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use twinning_cohort::{Cohort, OutputKind};
use twinning_core::{CityId, DocumentError, OutputId, Slug};
use twinning_outputs::{CityRef, Document, OutputContext, Validation};

use crate::error::{CliError, Status};
use crate::io::{Ctx, read_error, read_text};
use crate::render::{Doc, Format};

/// Reads an output document.
fn load_document(path: &Path) -> Result<Document, CliError> {
    let text = read_text(path)?;
    Document::from_json(&text).map_err(|e| read_error(path, &e))
}

/// The cohort a document is checked against: `--cohort` (a number or a
/// cohort file) when given, else the built-in cohort the document names.
fn cohort_for(doc: &Document, path: &Path, cohort: Option<&str>) -> Result<Cohort, CliError> {
    match cohort {
        Some(spec) => crate::cmd::cohort::resolve(spec),
        None => Cohort::builtin(doc.cohort).cloned().ok_or_else(|| {
            CliError::in_file(path, format!("at cohort: no built-in cohort {}", doc.cohort))
                .hint("pass the cohort's JSON file with --cohort FILE")
        }),
    }
}

/// `twinning outputs validate`: exit 1 when the document has errors. A
/// document with mistakes of shape (a wrong type, a bad date, a missing
/// field) is reported whole: every mistake, then the problems of the rest.
pub(crate) fn validate(ctx: &Ctx, path: &Path, cohort: Option<&str>) -> Result<Status, CliError> {
    let text = read_text(path)?;
    let (doc, read_errors) = match Document::from_json_all(&text) {
        Ok(doc) => (doc, Vec::new()),
        Err(found) => match (found.repaired, found.errors.first()) {
            (Some(doc), Some(DocumentError::Json { .. })) => (*doc, found.errors),
            (_, first) => {
                let e = first
                    .cloned()
                    .unwrap_or_else(|| DocumentError::too_large("output document", text.len(), 0));
                // Not every mistake could be stepped over: the first one,
                // with its line and column, as any reader reports it.
                return Err(read_error(path, &e));
            }
        },
    };
    let cohort = cohort_for(&doc, path, cohort)?;
    let v = Validation::new(&path.display().to_string(), &doc, &read_errors, &cohort);
    ctx.emit_doc(&Doc::with(&v, v.to_page()))?;
    Ok(if v.valid { Status::Ok } else { Status::No })
}

/// `twinning outputs render`: Markdown (or the normalised JSON with
/// `--format json`).
pub(crate) fn render(ctx: &Ctx, path: &Path) -> Result<Status, CliError> {
    let doc = load_document(path)?;
    let text = match ctx.format {
        Format::Json => doc
            .to_json()
            .map_err(|e| CliError::internal(format!("{}: {e}", path.display())))
            .map(|t| if t.ends_with('\n') { t } else { format!("{t}\n") })?,
        Format::Markdown | Format::Table => doc.to_markdown(),
        Format::Csv | Format::Xlsx => {
            return Err(CliError::input(format!(
                "an output document is not a table: --format {} does not fit",
                ctx.format.key()
            ))
            .hint("render it as Markdown (-o plan.md) or JSON (-o plan.json)"));
        }
    };
    ctx.emit(&text)?;
    Ok(Status::Ok)
}

/// `twinning outputs new`: a valid starter document.
pub(crate) fn new(
    ctx: &Ctx,
    kind: OutputKind,
    cohort: &Cohort,
    city: &str,
    at: DateTime<FixedOffset>,
) -> Result<Status, CliError> {
    let city_slug = Slug::from_name(city).map_err(|e| {
        CliError::input(format!("--city {city:?}: {e}"))
            .hint("give the city's name with at least one letter or digit")
    })?;
    let id_slug =
        Slug::from_name(&format!("output {} {} {city_slug}", cohort.number(), kind.key()))
            .map_err(|e| CliError::internal(format!("output id: {e}")))?;
    let context = OutputContext::for_output(cohort, kind);
    let doc = Document::starter(
        kind,
        OutputId::from_slug(&id_slug),
        CityRef::new(CityId::from_slug(&city_slug), city),
        &context,
        at,
    );
    let text = doc.to_json().map_err(|e| CliError::internal(e.to_string()))?;
    let text = if text.ends_with('\n') { text } else { format!("{text}\n") };
    ctx.emit(&text)?;
    if let Some(path) = &ctx.output {
        ctx.progress(&format!(
            "wrote {} ({}); fill it in (ids of actions and stakeholders are short names you \
             choose, such as \"survey\"), then run `twinning outputs validate {}`",
            path.display(),
            doc.title,
            path.display()
        ));
    }
    Ok(Status::Ok)
}
