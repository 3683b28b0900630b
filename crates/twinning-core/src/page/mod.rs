//! One model for every report the twinning crates show people: a [`Page`]
//! is a list of [`Block`]s (a title, headings, paragraphs,
//! `label: value` fields, lists, [`PageTable`]s, verbatim drawings), built
//! by the crate that owns the data and rendered here as 80-column text,
//! Markdown or an HTML fragment, its tables written as CSV or an `.xlsx`
//! workbook through [`write_csv`](crate::write_csv) and
//! [`write_xlsx`](crate::write_xlsx).
//!
//! The renderers are the only code that knows about widths, Markdown syntax
//! and HTML escaping, so the command line and the web pages look alike and
//! say the same.

mod html;
mod markdown;
mod text;

pub use self::html::escape_html;
pub use self::markdown::escape_markdown;
pub use self::text::{TEXT_WIDTH, wrap};

use crate::table::{SheetOut, TableError, write_csv, write_xlsx};

/// A page for people (a report): its blocks in reading order, and optionally the
/// tables a spreadsheet of it holds.
///
/// ```
/// use twinning_core::{Block, Page, PageTable};
///
/// let mut table = PageTable::new(&["City", "Country"]);
/// table.row(vec!["Plzeň".to_owned(), "CZ".to_owned()]);
/// let mut page = Page::new();
/// page.push(Block::Title("Cities".to_owned())).push(Block::Table(table));
///
/// assert_eq!(page.to_text(), "Cities\n======\n\nCity   Country\n-----  -------\nPlzeň  CZ\n");
/// assert_eq!(page.to_markdown(), "# Cities\n\n| City | Country |\n|---|---|\n| Plzeň | CZ |\n");
/// assert!(page.to_html().starts_with("<h1>Cities</h1>\n<table>"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// The blocks, in reading order.
    pub blocks: Vec<Block>,
    /// The tables for CSV and `.xlsx`, named (the sheet names), main table
    /// first; when empty, [`Page::tables`] takes the tables of `blocks`
    /// under their headings.
    pub sheets: Vec<(String, PageTable)>,
}

/// A piece of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Block {
    /// The page's title.
    Title(String),
    /// A section heading.
    Heading(String),
    /// A paragraph (a line break starts another one in text and HTML).
    Text(String),
    /// `label: value` lines.
    Fields(Vec<(String, String)>),
    /// A bulleted list; each item wraps on its own.
    List(Vec<String>),
    /// A table.
    Table(PageTable),
    /// Verbatim text (a Mermaid or DOT drawing), fenced in Markdown.
    Code {
        /// The fence's language tag.
        lang: String,
        /// The verbatim text.
        body: String,
    },
}

/// A table with a header row. A cell may hold line breaks: text wraps them,
/// Markdown joins them with spaces, HTML breaks the line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageTable {
    /// Column titles.
    pub headers: Vec<String>,
    /// Rows, each as long as `headers` (a short row is padded with empty
    /// cells when rendered).
    pub rows: Vec<Vec<String>>,
}

impl PageTable {
    /// A table with these column titles and no rows.
    pub fn new(headers: &[&str]) -> Self {
        PageTable { headers: headers.iter().map(|h| (*h).to_owned()).collect(), rows: Vec::new() }
    }

    /// Appends a row.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table as a block, or `empty` as a paragraph when it has no rows.
    pub fn or_text(self, empty: &str) -> Block {
        if self.rows.is_empty() { Block::Text(empty.to_owned()) } else { Block::Table(self) }
    }
}

impl Page {
    /// An empty report.
    pub fn new() -> Self {
        Page::default()
    }

    /// Appends a block.
    pub fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }

    /// The report as plain text for a terminal: no line wider than
    /// [`TEXT_WIDTH`] characters (long words are cut), titles underlined,
    /// tables aligned with long cells wrapped; ends with a line break.
    pub fn to_text(&self) -> String {
        text::render(&self.blocks)
    }

    /// The report as GitHub-flavoured Markdown; table cells have `|`
    /// escaped and line breaks joined.
    pub fn to_markdown(&self) -> String {
        markdown::render(&self.blocks)
    }

    /// The report as an HTML fragment (no `<html>` or `<body>`) for a page
    /// to embed: every text is escaped, so no value can add markup.
    pub fn to_html(&self) -> String {
        html::render(&self.blocks)
    }

    /// The named tables for CSV and `.xlsx`: [`Page::sheets`] when given,
    /// else every table of the blocks under the heading before it (`Fields`
    /// as a two-column `Field, Value` table), the main table first: the
    /// largest real table (a report's details, not its summary fields).
    pub fn tables(&self) -> Vec<(String, PageTable)> {
        if !self.sheets.is_empty() {
            return self.sheets.clone();
        }
        // (name, table, made from `Fields`)
        let mut out: Vec<(String, PageTable, bool)> = Vec::new();
        let mut heading = String::new();
        for b in &self.blocks {
            match b {
                Block::Title(t) | Block::Heading(t) => heading.clone_from(t),
                Block::Table(t) => {
                    let name =
                        if heading.is_empty() { "Table".to_owned() } else { heading.clone() };
                    out.push((name, t.clone(), false));
                }
                Block::Fields(f) if !f.is_empty() => {
                    let mut t = PageTable::new(&["Field", "Value"]);
                    for (k, v) in f {
                        t.row(vec![k.clone(), v.clone()]);
                    }
                    let name =
                        if heading.is_empty() { "Summary".to_owned() } else { heading.clone() };
                    out.push((name, t, true));
                }
                _ => {}
            }
        }
        if let Some(main) = (0..out.len()).max_by_key(|i| {
            out.get(*i).map_or((false, 0, std::cmp::Reverse(*i)), |(_, t, fields)| {
                (!fields, t.rows.len(), std::cmp::Reverse(*i))
            })
        }) {
            let first = out.remove(main);
            out.insert(0, first);
        }
        out.into_iter().map(|(n, t, _)| (n, t)).collect()
    }

    /// The main table (the first of [`Page::tables`]) as CSV, formulas
    /// defused; `None` when the report holds no table.
    ///
    /// # Errors
    ///
    /// [`TableError::Spreadsheet`] when the CSV writer fails.
    pub fn to_csv(&self) -> Result<Option<String>, TableError> {
        match self.tables().first() {
            Some((_, t)) => write_csv(&t.headers, &t.rows).map(Some),
            None => Ok(None),
        }
    }

    /// Every table of [`Page::tables`] as a sheet of an `.xlsx` workbook;
    /// `None` when the report holds no table.
    ///
    /// # Errors
    ///
    /// [`TableError::Spreadsheet`] when the workbook cannot be written.
    pub fn to_xlsx(&self) -> Result<Option<Vec<u8>>, TableError> {
        let tables = self.tables();
        if tables.is_empty() {
            return Ok(None);
        }
        let sheets: Vec<SheetOut<'_>> = tables
            .iter()
            .map(|(name, t)| SheetOut { name, headers: &t.headers, rows: &t.rows })
            .collect();
        write_xlsx(&sheets).map(Some)
    }
}

/// The JSON key of a unit enum value (`"mission-city"`) for a table cell,
/// as serde writes it; empty when the value does not serialize as a string.
///
/// ```
/// #[derive(serde::Serialize)]
/// #[serde(rename_all = "kebab-case")]
/// enum Kind {
///     MissionCity,
/// }
/// assert_eq!(twinning_core::serde_key(&Kind::MissionCity), "mission-city");
/// ```
pub fn serde_key<T: serde::Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
