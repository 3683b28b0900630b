//! The answer of a command in the format asked for: JSON for services, and
//! for people the libraries' [`Page`] rendered by `twinning-core` as
//! 80-column text, Markdown, CSV or an `.xlsx` workbook.

use serde_json::Value;
pub(crate) use twinning_core::{Block, Page, PageTable as Table};

/// The output formats of `--format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Aligned plain text for a terminal, at most 80 columns wide.
    Table,
    /// Pretty-printed JSON, the documented interchange shape.
    Json,
    /// Markdown, to paste into a report or an issue.
    Markdown,
    /// The main table as CSV, formulas defused.
    Csv,
    /// Every table as a sheet of an Excel workbook.
    Xlsx,
}

impl Format {
    /// The format a file name's extension asks for, if it asks for one.
    pub(crate) fn of_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "txt" => Some(Format::Table),
            _ => None,
        }
    }

    /// The `--format` key.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// Whether the format is a table file rather than text for people.
    pub(crate) fn is_sheet(self) -> bool {
        matches!(self, Format::Csv | Format::Xlsx)
    }
}

/// A command's answer: what a service gets (`json`) and what a person reads
/// (`page`, rendered by `twinning-core`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Doc {
    /// The JSON answer.
    pub(crate) json: Value,
    /// JSON text to print instead of `json`, when a library already writes
    /// its documented document with its own field order.
    pub(crate) json_text: Option<String>,
    /// The human presentation, and the tables for `--format csv` and `xlsx`.
    pub(crate) page: Page,
}

impl Doc {
    /// An answer with this JSON and no human blocks yet.
    pub(crate) fn new(json: Value) -> Self {
        Doc { json, json_text: None, page: Page::new() }
    }

    /// An answer whose JSON is `value` serialized.
    pub(crate) fn of<T: serde::Serialize + ?Sized>(value: &T) -> Self {
        Doc::new(serde_json::to_value(value).unwrap_or(Value::Null))
    }

    /// The answer `value` serialized, presented as `page`.
    pub(crate) fn with<T: serde::Serialize + ?Sized>(value: &T, page: Page) -> Self {
        Doc { page, ..Doc::of(value) }
    }

    /// Appends a block.
    pub(crate) fn push(&mut self, block: Block) -> &mut Self {
        self.page.push(block);
        self
    }

    /// Renders the answer in `format`; always ends with a newline.
    pub(crate) fn render(&self, format: Format) -> String {
        match format {
            Format::Json => match &self.json_text {
                Some(text) if text.ends_with('\n') => text.clone(),
                Some(text) => format!("{text}\n"),
                None => json_text(&self.json),
            },
            // A workbook is bytes: `bytes` writes it.
            Format::Table | Format::Xlsx => self.page.to_text(),
            Format::Markdown => self.page.to_markdown(),
            Format::Csv => match self.page.to_csv() {
                Ok(csv) => csv.unwrap_or_default(),
                Err(e) => format!("{e}\n"),
            },
        }
    }

    /// The answer's bytes in `format`: the text of [`Doc::render`], or an
    /// `.xlsx` workbook.
    ///
    /// # Errors
    ///
    /// The message when the answer holds no table for `csv` or `xlsx`, or
    /// the workbook cannot be written.
    pub(crate) fn bytes(&self, format: Format) -> Result<Vec<u8>, String> {
        let no_table = || {
            format!(
                "this answer has no table to write as {}; use --format json or markdown",
                format.key()
            )
        };
        match format {
            Format::Xlsx => self.page.to_xlsx().map_err(|e| e.to_string())?.ok_or_else(no_table),
            Format::Csv if self.page.tables().is_empty() => Err(no_table()),
            _ => Ok(self.render(format).into_bytes()),
        }
    }
}

/// Pretty JSON with a final newline.
pub(crate) fn json_text(value: &Value) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_owned());
    s.push('\n');
    s
}

/// `value` as pretty JSON with a final newline, its keys in order.
pub(crate) fn json_of<T: serde::Serialize + ?Sized>(value: &T) -> String {
    json_text(&serde_json::to_value(value).unwrap_or(Value::Null))
}
