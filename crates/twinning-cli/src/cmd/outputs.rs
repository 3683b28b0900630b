//! `twinning outputs validate|render|new`.

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use twinning_cohort::{Cohort, OutputKind};
use twinning_core::{CityId, DocumentError, NumberLocale, OutputId, Slug};
use twinning_outputs::{CityRef, Document, OutputContext, Validation};

use crate::error::{CliError, Status};
use crate::io::{Ctx, read_error, read_text};
use crate::render::{Doc, Format};

/// Reads an output document.
fn load_document(path: &Path, locale: NumberLocale) -> Result<Document, CliError> {
    let (text, workbook) = read_document_text(path)?;
    Document::from_json_in(&text, locale).map_err(|e| match (&workbook, &e) {
        (
            Some(w),
            twinning_outputs::Error::Document(DocumentError::Json { path: at, message, .. }),
        ) => {
            let cell = w.cell_of(at).unwrap_or("the Document sheet");
            CliError::in_file(path, format!("{cell}: {message}"))
                .hint("fix that cell; `twinning outputs validate` lists every problem")
        }
        _ => read_error(path, &e),
    })
}

/// The cohort a document is checked against: `--cohort` (a number or a
/// cohort file) when given, else the cohort the document names (the
/// `--data` overlay's, else the built-in one).
fn cohort_for(
    ctx: &Ctx,
    doc: &Document,
    path: &Path,
    cohort: Option<&str>,
) -> Result<Cohort, CliError> {
    match cohort {
        Some(spec) => crate::cmd::cohort::resolve_in(ctx, spec),
        None => ctx.data.get()?.cohort(doc.cohort).cloned().ok_or_else(|| {
            CliError::in_file(path, format!("at cohort: no cohort {} in the data", doc.cohort))
                .hint("pass the cohort's JSON file with --cohort FILE")
        }),
    }
}

/// The document's JSON text: the file's, or that of a filled action-plan
/// workbook (`.xlsx`, `.ods`) with the cell of each value.
fn read_document_text(
    path: &Path,
) -> Result<(String, Option<twinning_outputs::FilledWorkbook>), CliError> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if matches!(ext.as_deref(), Some("xlsx" | "ods" | "xls")) {
        let bytes = crate::io::read_bytes(path)?;
        let filled = twinning_outputs::read_action_plan_workbook(&bytes).map_err(|e| {
            CliError::in_file(path, e).hint(
                "start from `twinning outputs new action-plan -o plan.xlsx` and keep its sheets \
                 and columns",
            )
        })?;
        return Ok((filled.json.clone(), Some(filled)));
    }
    Ok((read_text(path)?, None))
}

/// `twinning outputs validate`: exit 1 when the document has errors. A
/// document with mistakes of shape (a wrong type, a bad date, a missing
/// field) is reported whole: every mistake, then the problems of the rest.
pub(crate) fn validate(
    ctx: &Ctx,
    path: &Path,
    cohort: Option<&str>,
    locale: NumberLocale,
) -> Result<Status, CliError> {
    let (text, workbook) = read_document_text(path)?;
    let (doc, read_errors) = match Document::from_json_all_in(&text, locale) {
        Ok(doc) => (doc, Vec::new()),
        Err(found) => match (found.repaired, found.errors.first()) {
            (Some(doc), Some(DocumentError::Json { .. })) => (*doc, found.errors),
            (_, first) => {
                let e = first
                    .cloned()
                    .unwrap_or_else(|| DocumentError::too_large("output document", text.len(), 0));
                // Not every mistake could be stepped over: the first one,
                // with its line and column (its cell for a workbook), as any
                // reader reports it.
                if let (Some(w), DocumentError::Json { path: at, message, .. }) = (&workbook, &e) {
                    let cell = w.cell_of(at).unwrap_or("the Document sheet");
                    return Err(CliError::in_file(path, format!("{cell}: {message}"))
                        .hint("fix that cell and validate again"));
                }
                return Err(read_error(path, &e));
            }
        },
    };
    let cohort = cohort_for(ctx, &doc, path, cohort)?;
    let v = Validation::new(&path.display().to_string(), &doc, &read_errors, &cohort);
    let page = match &workbook {
        Some(w) => v.to_page_in(w),
        None => v.to_page(),
    };
    ctx.emit_doc(&Doc::with(&v, page))?;
    Ok(if v.valid { Status::Ok } else { Status::No })
}

/// `twinning outputs render`: Markdown (or the normalised JSON with
/// `--format json`).
pub(crate) fn render(ctx: &Ctx, path: &Path, locale: NumberLocale) -> Result<Status, CliError> {
    let doc = load_document(path, locale)?;
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
    if ctx.format == Format::Xlsx {
        ctx.no_workbook_on_terminal("write it to a file: -o plan.xlsx")?;
        let bytes = doc.to_action_plan_workbook().map_err(|e| {
            CliError::input(e.to_string()).hint("workbooks are made for action plans; use JSON")
        })?;
        ctx.emit_bytes(&bytes)?;
        if let Some(path) = &ctx.output {
            ctx.progress(&format!(
                "wrote {}: fill a row per action in Actions, and rows naming the action in \
                 Funding, KPIs and Risks; then run `twinning outputs validate {}`",
                path.display(),
                path.display()
            ));
        }
        return Ok(Status::Ok);
    }
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
