//! The validation of an output document as people and services see it:
//! the reading mistakes stepped over, the problems and the missing items
//! against the cohort, and a verdict.

use twinning_cohort::{Cohort, OutputKind};
use twinning_core::{Block, DocumentError, Page, PageTable};

use crate::{Document, OutputContext, Report, Severity};

/// The day the document reader puts where a date could not be read.
const NEUTRAL_DAY: &str = "2000-01-01";

/// A reading mistake stepped over: where in the document, and what.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReadMistake {
    /// The JSON path of the value (`.` for the whole document).
    pub path: String,
    /// What was wrong with it.
    pub problem: String,
}

/// What the validation of an output document found.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Validation {
    /// The name the caller gave the document (a file name).
    pub file: String,
    /// The kind of output.
    pub kind: OutputKind,
    /// No error and no reading mistake.
    pub valid: bool,
    /// Valid, and nothing is missing before submission.
    pub ready: bool,
    /// The problems and missing items, without those at the places of
    /// reading mistakes (they are about the neutral values put there).
    pub report: Report,
    /// The reading mistakes stepped over.
    pub read_errors: Vec<ReadMistake>,
    /// What the document is (title and kind, city, cohort, status), as
    /// the page shows it.
    #[serde(skip)]
    about: Vec<(String, String)>,
    /// The reading mistakes at a place in the document, for the page.
    #[serde(skip)]
    placed: Vec<ReadMistake>,
}

impl Validation {
    /// Checks `doc`, read from `file` with the mistakes `read_errors`
    /// stepped over ([`Document::from_json_all`]), against `cohort`.
    pub fn new(file: &str, doc: &Document, read_errors: &[DocumentError], cohort: &Cohort) -> Self {
        let context = OutputContext::for_output(cohort, doc.kind());
        let mut report = doc.check(&context);
        let mistaken: Vec<&str> = read_errors
            .iter()
            .filter_map(|e| match e {
                DocumentError::Json { path, .. } => Some(path.as_str()),
                _ => None,
            })
            .collect();
        let at_mistake = |p: &str| {
            mistaken.iter().any(|m| {
                let m = m.strip_prefix("body.content.").unwrap_or(m);
                p.starts_with(m) || m.starts_with(p)
            })
        };
        // A repaired document holds neutral values (dates of 2000-01-01) at
        // the places of its reading mistakes; a document read whole holds
        // only the user's own values, whatever they are.
        let repaired = !read_errors.is_empty();
        let neutral = |value: &str| repaired && value.contains(NEUTRAL_DAY);
        report.problems.retain(|p| !(at_mistake(&p.path) || neutral(&p.value)));
        let valid = report.is_valid() && read_errors.is_empty();
        let mistake = |path: &str, problem: String| ReadMistake { path: path.to_owned(), problem };
        let read: Vec<ReadMistake> = read_errors
            .iter()
            .map(|e| match e {
                DocumentError::Json { path, message, .. } => mistake(path, message.clone()),
                e => mistake(".", e.to_string()),
            })
            .collect();
        let placed = read_errors
            .iter()
            .filter_map(|e| match e {
                DocumentError::Json { path, message, .. } => Some(mistake(
                    path.strip_prefix("body.content.").unwrap_or(path),
                    message.clone(),
                )),
                _ => None,
            })
            .collect();
        Validation {
            file: file.to_owned(),
            kind: doc.kind(),
            valid,
            ready: valid && report.is_ready(),
            report,
            read_errors: read,
            about: vec![
                ("Document".to_owned(), format!("{} ({})", doc.title, doc.kind())),
                ("City".to_owned(), doc.city.name.clone()),
                ("Cohort".to_owned(), doc.cohort.to_string()),
                ("Status".to_owned(), doc.status().to_string()),
            ],
            placed,
        }
    }

    /// `invalid`, `valid, not yet complete` or `valid and complete`.
    pub fn verdict(&self) -> &'static str {
        if !self.valid {
            "invalid"
        } else if self.ready {
            "valid and complete"
        } else {
            "valid, not yet complete"
        }
    }

    /// The validation for people: the verdict, what the document is, then
    /// the problems (reading mistakes first) and what is still missing.
    pub fn to_page(&self) -> Page {
        self.page_placing(|path| path.to_owned())
    }

    /// [`Validation::to_page`] for a document read from a filled workbook:
    /// each path also names the cell it was typed in (`actions[0].budget_eur
    /// (Actions!D2)`).
    pub fn to_page_in(&self, workbook: &crate::FilledWorkbook) -> Page {
        self.page_placing(|path| match workbook.cell_of(path) {
            Some(cell) => format!("{path} ({cell})"),
            None => path.to_owned(),
        })
    }

    fn page_placing(&self, at: impl Fn(&str) -> String) -> Page {
        let mut out = Page::new();
        out.push(Block::Title(format!("{}: {}", self.file, self.verdict())));
        out.push(Block::Fields(self.about.clone()));
        if !self.report.problems.is_empty() || !self.read_errors.is_empty() {
            let mut t = PageTable::new(&["Severity", "Path", "Value", "Problem"]);
            for m in &self.placed {
                t.row(vec!["error".to_owned(), at(&m.path), String::new(), m.problem.clone()]);
            }
            for p in &self.report.problems {
                let sev = if p.severity == Severity::Error { "error" } else { "warning" };
                t.row(vec![sev.to_owned(), at(&p.path), p.value.clone(), p.kind.to_string()]);
            }
            out.push(Block::Heading("Problems".to_owned()));
            out.push(Block::Table(t));
        }
        if !self.report.missing.is_empty() {
            let mut t = PageTable::new(&["Path", "Still missing"]);
            for m in &self.report.missing {
                t.row(vec![m.path.clone(), m.what.clone()]);
            }
            out.push(Block::Heading("Missing before submission".to_owned()));
            out.push(Block::Table(t));
        }
        out
    }
}
