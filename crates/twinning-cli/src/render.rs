//! One report, three presentations: JSON, a plain-text table view that fits
//! an 80-column terminal, and Markdown.
//!
//! Commands build a [`Doc`]: the JSON value they would return to a service
//! and a list of [`Block`]s for people. The renderers here are the only code
//! that knows about widths and Markdown syntax, so every command looks alike.

use serde_json::Value;

/// The width that table output must fit.
pub(crate) const WIDTH: usize = 80;
/// Gap between table columns.
const GAP: usize = 2;
/// Narrowest a column is squeezed to before cells wrap harder.
const MIN_COL: usize = 6;

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

/// A report: what a service gets (`json`) and what a person reads (`blocks`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Doc {
    /// The JSON answer.
    pub(crate) json: Value,
    /// The human presentation.
    pub(crate) blocks: Vec<Block>,
    /// JSON text to print instead of `json`, when a library already writes
    /// its documented document with its own field order.
    pub(crate) json_text: Option<String>,
    /// The tables for `--format csv` and `xlsx`, named (the sheet names),
    /// main table first; when empty, the tables of `blocks` under their
    /// headings.
    pub(crate) sheets: Vec<(String, Table)>,
}

/// A piece of a human-readable report.
#[derive(Debug, Clone)]
pub(crate) enum Block {
    /// The report's title.
    Title(String),
    /// A section heading.
    Heading(String),
    /// A paragraph, wrapped to the width.
    Text(String),
    /// `label: value` lines.
    Fields(Vec<(String, String)>),
    /// A bulleted list; each item wraps on its own.
    List(Vec<String>),
    /// A table.
    Table(Table),
    /// Verbatim text (a Mermaid or DOT drawing), fenced in Markdown.
    Code {
        /// The fence's language tag.
        lang: String,
        /// The verbatim text.
        body: String,
    },
}

/// A table with a header row.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    /// Column titles.
    pub(crate) headers: Vec<String>,
    /// Rows, each as long as `headers`.
    pub(crate) rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column titles and no rows.
    pub(crate) fn new(headers: &[&str]) -> Self {
        Table { headers: headers.iter().map(|h| (*h).to_owned()).collect(), rows: Vec::new() }
    }

    /// Appends a row.
    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// The table as a block, or `empty` as a paragraph when it has no rows.
    pub(crate) fn or_text(self, empty: &str) -> Block {
        if self.rows.is_empty() { Block::Text(empty.to_owned()) } else { Block::Table(self) }
    }
}

impl Doc {
    /// A report with this JSON answer and no human blocks yet.
    pub(crate) fn new(json: Value) -> Self {
        Doc { json, blocks: Vec::new(), json_text: None, sheets: Vec::new() }
    }

    /// A report whose JSON answer is `value` serialized.
    pub(crate) fn of<T: serde::Serialize + ?Sized>(value: &T) -> Self {
        Doc::new(serde_json::to_value(value).unwrap_or(Value::Null))
    }

    /// Appends a block.
    pub(crate) fn push(&mut self, block: Block) -> &mut Self {
        self.blocks.push(block);
        self
    }

    /// Renders the report in `format`; always ends with a newline.
    pub(crate) fn render(&self, format: Format) -> String {
        match format {
            Format::Json => match &self.json_text {
                Some(text) if text.ends_with('\n') => text.clone(),
                Some(text) => format!("{text}\n"),
                None => json_text(&self.json),
            },
            Format::Table => render_text(&self.blocks),
            Format::Markdown => render_markdown(&self.blocks),
            Format::Csv => {
                let sheets = self.tables();
                match sheets.first() {
                    Some((_, t)) => twinning_core::write_csv(&t.headers, &t.rows)
                        .unwrap_or_else(|e| format!("{e}\n")),
                    None => String::new(),
                }
            }
            // A workbook is bytes: `bytes` writes it.
            Format::Xlsx => render_text(&self.blocks),
        }
    }

    /// The report's bytes in `format`: the text of [`Doc::render`], or an
    /// `.xlsx` workbook.
    ///
    /// # Errors
    ///
    /// The message when the answer holds no table for `csv` or `xlsx`, or
    /// the workbook cannot be written.
    pub(crate) fn bytes(&self, format: Format) -> Result<Vec<u8>, String> {
        if format.is_sheet() && self.tables().is_empty() {
            return Err(format!(
                "this answer has no table to write as {}; use --format json or markdown",
                format.key()
            ));
        }
        match format {
            Format::Xlsx => {
                let sheets = self.tables();
                let out: Vec<twinning_core::SheetOut<'_>> = sheets
                    .iter()
                    .map(|(name, t)| twinning_core::SheetOut {
                        name,
                        headers: &t.headers,
                        rows: &t.rows,
                    })
                    .collect();
                twinning_core::write_xlsx(&out).map_err(|e| e.to_string())
            }
            _ => Ok(self.render(format).into_bytes()),
        }
    }

    /// The named tables for csv and xlsx: `sheets`, or else every table of
    /// the blocks under its heading (`Fields` as a two-column table).
    pub(crate) fn tables(&self) -> Vec<(String, Table)> {
        if !self.sheets.is_empty() {
            return self.sheets.clone();
        }
        // (name, table, made from `Fields`)
        let mut out: Vec<(String, Table, bool)> = Vec::new();
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
                    let mut t = Table::new(&["Field", "Value"]);
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
        // The main table is the largest real table: a report's details,
        // not its summary fields.
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
}

/// Pretty JSON with a final newline.
pub(crate) fn json_text(value: &Value) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_owned());
    s.push('\n');
    s
}

fn render_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match block {
            Block::Title(t) => underlined(&mut out, t, "="),
            Block::Heading(t) => underlined(&mut out, t, "-"),
            Block::Text(t) => {
                for para in t.split('\n') {
                    push_lines(&mut out, &wrap(para, WIDTH));
                }
            }
            Block::Fields(fields) => {
                let label_w =
                    fields.iter().map(|(k, _)| k.chars().count() + 1).max().unwrap_or(0).min(28);
                let value_w = WIDTH.saturating_sub(label_w + 1).max(20);
                for (k, v) in fields {
                    let label = format!("{k}:");
                    if label.chars().count() > label_w {
                        // A long label gets its own line; the value follows, indented.
                        out.push_str(&label);
                        out.push('\n');
                        for line in wrap(v, value_w) {
                            out.push_str(&" ".repeat(label_w + 1));
                            out.push_str(&line);
                            out.push('\n');
                        }
                        continue;
                    }
                    let lines = wrap(v, value_w);
                    for (j, line) in lines.iter().enumerate() {
                        if j == 0 {
                            out.push_str(&pad(&label, label_w));
                        } else {
                            out.push_str(&" ".repeat(label_w));
                        }
                        out.push(' ');
                        out.push_str(line);
                        out.push('\n');
                    }
                }
            }
            Block::Table(table) => out.push_str(&text_table(table)),
            Block::List(items) => {
                for item in items {
                    for (j, line) in wrap(item, WIDTH - 2).iter().enumerate() {
                        out.push_str(if j == 0 { "- " } else { "  " });
                        out.push_str(line);
                        out.push('\n');
                    }
                }
            }
            Block::Code { body, .. } => {
                out.push_str(body);
                if !body.ends_with('\n') {
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// Appends each line with its line break.
fn push_lines(out: &mut String, lines: &[String]) {
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
}

/// A title or heading: the wrapped text, then a rule of `mark` under it.
fn underlined(out: &mut String, text: &str, mark: &str) {
    push_lines(out, &wrap(text, WIDTH));
    out.push_str(&mark.repeat(text.chars().count().min(WIDTH)));
    out.push('\n');
}

fn render_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match block {
            Block::Title(t) => out.push_str(&format!("# {t}\n")),
            Block::Heading(t) => out.push_str(&format!("## {t}\n")),
            Block::Text(t) => {
                out.push_str(t);
                out.push('\n');
            }
            Block::Fields(fields) => {
                for (k, v) in fields {
                    out.push_str(&format!("- **{}:** {}\n", md_cell(k), md_cell(v)));
                }
            }
            Block::Table(table) => out.push_str(&markdown_table(table)),
            Block::List(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", item.replace('\n', " ")));
                }
            }
            Block::Code { lang, body } => {
                out.push_str(&format!("```{lang}\n{body}"));
                if !body.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str("```\n");
            }
        }
    }
    out
}

/// A GitHub-flavoured Markdown table.
pub(crate) fn markdown_table(table: &Table) -> String {
    let mut out = String::new();
    let line = |cells: &[String]| {
        let inner: Vec<String> = cells.iter().map(|c| md_cell(c)).collect();
        format!("| {} |\n", inner.join(" | "))
    };
    out.push_str(&line(&table.headers));
    out.push_str(&format!(
        "|{}|\n",
        table.headers.iter().map(|_| "---".to_owned()).collect::<Vec<_>>().join("|")
    ));
    for row in &table.rows {
        out.push_str(&line(row));
    }
    out
}

/// Escapes a table cell: pipes and line breaks would break the row.
fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// An aligned plain-text table no wider than [`WIDTH`]: long cells wrap.
pub(crate) fn text_table(table: &Table) -> String {
    let n = table.headers.len();
    if n == 0 {
        return String::new();
    }
    let mut widths: Vec<usize> = table.headers.iter().map(|h| h.chars().count()).collect();
    for row in &table.rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let budget = WIDTH.saturating_sub(GAP * (n - 1));
    // Shrink the widest column one step at a time until the row fits.
    while widths.iter().sum::<usize>() > budget {
        let Some((idx, &w)) = widths.iter().enumerate().max_by_key(|&(i, w)| (*w, usize::MAX - i))
        else {
            break;
        };
        if w <= MIN_COL {
            break;
        }
        if let Some(slot) = widths.get_mut(idx) {
            *slot = w - 1;
        }
    }
    let mut out = String::new();
    let emit_row = |cells: &[String], out: &mut String| {
        let wrapped: Vec<Vec<String>> =
            widths.iter().enumerate().map(|(i, &w)| wrap(cell(cells, i), w)).collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for line_no in 0..height {
            let mut line = String::new();
            for (i, col) in wrapped.iter().enumerate() {
                if i > 0 {
                    line.push_str(&" ".repeat(GAP));
                }
                let text = col.get(line_no).map(String::as_str).unwrap_or("");
                line.push_str(&pad(text, widths.get(i).copied().unwrap_or(0)));
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    };
    emit_row(&table.headers, &mut out);
    let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
    out.push_str(rule.join(&" ".repeat(GAP)).trim_end());
    out.push('\n');
    for row in &table.rows {
        emit_row(row, &mut out);
    }
    out
}

fn cell(cells: &[String], i: usize) -> &str {
    cells.get(i).map(String::as_str).unwrap_or("")
}

/// Pads `s` with spaces to `width` characters.
fn pad(s: &str, width: usize) -> String {
    let len = s.chars().count();
    let mut out = s.to_owned();
    if len < width {
        out.push_str(&" ".repeat(width - len));
    }
    out
}

/// Wraps `text` into lines of at most `width` characters, breaking at spaces
/// and, for words longer than a line, inside the word.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let wlen = word.len();
            let needed = if line_len == 0 { wlen } else { line_len + 1 + wlen };
            if needed <= width {
                if line_len > 0 {
                    line.push(' ');
                }
                line.extend(word.iter());
                line_len = needed;
                break;
            }
            if line_len > 0 {
                lines.push(std::mem::take(&mut line));
                line_len = 0;
                continue;
            }
            // A word longer than the whole line: cut it.
            let rest = word.split_off(width.min(word.len()));
            lines.push(word.iter().collect());
            word = rest;
            if word.is_empty() {
                break;
            }
        }
    }
    if line_len > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_inside_long_words() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("", 3), vec![""]);
        assert_eq!(wrap("Águeda Ça", 6), vec!["Águeda", "Ça"]);
    }

    #[test]
    fn wide_tables_fit_eighty_columns() {
        let mut t = Table::new(&["name", "description", "more"]);
        t.row(vec!["x".repeat(30), "word ".repeat(40), "y".repeat(50)]);
        let text = text_table(&t);
        for line in text.lines() {
            assert!(line.chars().count() <= WIDTH, "{line:?}");
        }
        // Every character of the cells is still there.
        let letters = text.chars().filter(|c| *c == 'y').count();
        assert_eq!(letters, 50);
    }

    #[test]
    fn markdown_escapes_pipes() {
        let mut t = Table::new(&["a"]);
        t.row(vec!["x|y".to_owned()]);
        assert_eq!(markdown_table(&t), "| a |\n|---|\n| x\\|y |\n");
    }
}
