//! Tables as people hand them over: CSV in any usual dialect and encoding,
//! or the first (or a named) sheet of an `.xlsx` or `.ods` workbook; and
//! tables written back as CSV or `.xlsx` with formulas defused.

use std::fmt;
use std::io::Cursor;

use calamine::{Data, Reader as _};

use crate::{DocumentError, LineIndex, fold_name};

/// The largest table file [`read_table`] accepts, in bytes (16 MiB).
pub const MAX_TABLE_BYTES: usize = 16 * 1024 * 1024;

/// The most data rows [`read_table`] accepts.
pub const MAX_TABLE_ROWS: usize = 10_000;

/// The separators [`read_table`] recognises in a text table, in the order
/// it prefers them when two fit equally well.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// What goes wrong when a file cannot be read as a table at all. Problems
/// of one cell belong to the reader of the table's content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TableError {
    /// Too large, in bytes or rows.
    #[error(transparent)]
    Document(#[from] DocumentError),
    /// The bytes are not text in an encoding the reader knows.
    #[error("{0}")]
    Encoding(String),
    /// The workbook cannot be opened or the sheet read.
    #[error("spreadsheet: {0}")]
    Spreadsheet(String),
    /// The named sheet is not in the workbook.
    #[error("no sheet {name:?} in the workbook; its sheets are {}", sheets.join(", "))]
    NoSheet {
        /// The sheet asked for.
        name: String,
        /// The sheets there are.
        sheets: Vec<String>,
    },
    /// A row of a text table cannot be read (quoting, number of cells).
    #[error("line {line}: {message}")]
    Row {
        /// The line in the file, from 1.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// The file holds no header row.
    #[error("the table is empty: no header row")]
    Empty,
    /// Two headers are the same column, or a header mapping is wrong.
    #[error("{0}")]
    Header(String),
}

/// How to read a table; every field has a sensible default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableOptions {
    /// The separator of a text table; `None` detects it among [`DELIMITERS`].
    pub delimiter: Option<u8>,
    /// The sheet of a workbook; `None` takes the first.
    pub sheet: Option<String>,
}

/// Where a row came from: a line of a text file or a row of a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowPlace {
    /// The line of a text table where the row starts, from 1.
    Line(u64),
    /// A row of a spreadsheet as the spreadsheet numbers it (from 1), and
    /// the sheet column of the table's first column (0 is `A`).
    Sheet {
        /// The row number.
        row: u32,
        /// The first column's index.
        first_column: u32,
    },
}

/// One cell's place, for messages: `line 7, column "invited"` or
/// `cell C7 (column "invited")`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellPlace {
    /// The row.
    pub row: RowPlace,
    /// The cell's index among the table's columns.
    pub index: usize,
    /// The column's header as the file writes it.
    pub header: String,
}

impl fmt::Display for CellPlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.row {
            RowPlace::Line(line) => write!(f, "line {line}, column {:?}", self.header),
            RowPlace::Sheet { row, first_column } => {
                let col =
                    u32::try_from(self.index).unwrap_or(u32::MAX).saturating_add(first_column);
                write!(f, "cell {}{row} (column {:?})", column_letters(col), self.header)
            }
        }
    }
}

impl fmt::Display for RowPlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowPlace::Line(line) => write!(f, "line {line}"),
            RowPlace::Sheet { row, .. } => write!(f, "row {row}"),
        }
    }
}

/// A spreadsheet's column letters for a 0-based index: 0 is `A`, 26 `AA`.
#[must_use]
pub fn column_letters(index: u32) -> String {
    let mut n = u64::from(index).saturating_add(1);
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A'.saturating_add(u8::try_from(rem).unwrap_or(0))));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// One data row: its place and its cells, trimmed, as long as the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// Where the row is in the file.
    pub place: RowPlace,
    /// The cells, one per header; an empty string is an empty cell.
    pub cells: Vec<String>,
}

impl TableRow {
    /// The cell at `index`, or `None` when it is empty or missing.
    #[must_use]
    pub fn cell(&self, index: usize) -> Option<&str> {
        self.cells.get(index).map(String::as_str).filter(|c| !c.is_empty())
    }
}

/// A table read from a file: the header, the rows, and notes on how it was
/// read (the encoding, the separator, date cells) to show the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    headers: Vec<String>,
    rows: Vec<TableRow>,
    notes: Vec<String>,
    from_sheet: bool,
}

impl Table {
    /// The headers as the file writes them, trimmed.
    #[must_use]
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The data rows; rows whose cells are all empty are left out.
    #[must_use]
    pub fn rows(&self) -> &[TableRow] {
        &self.rows
    }

    /// How the file was read, for the user (`columns separated by ";"`,
    /// `read as Windows-1252`).
    #[must_use]
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// Whether the table came from a spreadsheet (whose date cells carry
    /// no offset) rather than a text file.
    #[must_use]
    pub fn from_sheet(&self) -> bool {
        self.from_sheet
    }

    /// The place of the cell at `index` in `row`, for messages.
    #[must_use]
    pub fn place(&self, row: &TableRow, index: usize) -> CellPlace {
        CellPlace {
            row: row.place,
            index,
            header: self.headers.get(index).cloned().unwrap_or_default(),
        }
    }

    /// Matches the headers to `columns`: each header is compared with each
    /// column's name and aliases through [`fold_header`] (case, spaces,
    /// accents and punctuation ignored), after `mapping` has renamed it.
    ///
    /// # Errors
    ///
    /// [`TableError::Header`] when two headers are the same column, or a
    /// mapping names a column that is not one of `columns`.
    pub fn match_columns(
        &self,
        columns: &[Column],
        mapping: Option<&ColumnMapping>,
    ) -> Result<Matched, TableError> {
        if let Some((_, bad)) = mapping.and_then(|m| {
            m.pairs.iter().find(|(_, to)| {
                !columns.iter().any(|c| fold_header(c.name) == fold_header(to))
                    && fold_header(to) != "ignore"
            })
        }) {
            {
                let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
                return Err(TableError::Header(format!(
                    "the column mapping names {bad:?}, which is not a column; the columns are {}",
                    names.join(", ")
                )));
            }
        }
        let mut found: Vec<Option<usize>> = vec![None; columns.len()];
        let mut unused = Vec::new();
        for (i, header) in self.headers.iter().enumerate() {
            let key = fold_header(header);
            let target = mapping
                .and_then(|m| m.pairs.iter().find(|(from, _)| fold_header(from) == key))
                .map_or(key, |(_, to)| fold_header(to));
            let hit = columns.iter().position(|c| {
                fold_header(c.name) == target || c.aliases.iter().any(|a| fold_header(a) == target)
            });
            match hit.and_then(|c| found.get_mut(c).map(|slot| (c, slot))) {
                Some((c, slot)) => {
                    if let Some(first) = *slot {
                        let name = columns.get(c).map_or("", |c| c.name);
                        let first = self.headers.get(first).cloned().unwrap_or_default();
                        return Err(TableError::Header(format!(
                            "headers {first:?} and {header:?} are both the column {name:?}; \
                             keep one, or map the other to \"ignore\" in a column mapping"
                        )));
                    }
                    *slot = Some(i);
                }
                None if !header.is_empty() => unused.push(header.clone()),
                None => {}
            }
        }
        Ok(Matched { indices: found, unused })
    }
}

/// A column a table reader knows: its documented name and the other
/// headers that mean it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The documented name, e.g. `neutrality_year`.
    pub name: &'static str,
    /// Other headers people use for it, e.g. `climate neutrality target`.
    pub aliases: &'static [&'static str],
}

/// The result of [`Table::match_columns`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    /// For each column asked for, the index of its header, if present.
    pub indices: Vec<Option<usize>>,
    /// The headers that matched no column, to mention once.
    pub unused: Vec<String>,
}

/// A user's column mapping: which header (a survey's question, say) is
/// which column. Read from a JSON object whose keys are headers and whose
/// values are column names (or `"ignore"`).
///
/// ```
/// use twinning_core::ColumnMapping;
///
/// let m = ColumnMapping::from_json(r#"{"Q1. Name of your city": "name"}"#)?;
/// assert_eq!(m.len(), 1);
/// # Ok::<(), twinning_core::TableError>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMapping {
    pairs: Vec<(String, String)>,
}

impl ColumnMapping {
    /// Reads a mapping from a JSON object of strings.
    ///
    /// # Errors
    ///
    /// [`TableError::Header`] when the text is not a JSON object whose
    /// values are strings.
    pub fn from_json(text: &str) -> Result<Self, TableError> {
        let text = text.trim_start_matches('\u{feff}');
        let map: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(text).map_err(|e| {
                TableError::Header(format!(
                    "column mapping: {e}; write a JSON object such as \
                     {{\"Name of your city\": \"name\"}}"
                ))
            })?;
        let mut pairs = Vec::with_capacity(map.len());
        for (from, to) in map {
            let serde_json::Value::String(to) = to else {
                return Err(TableError::Header(format!(
                    "column mapping: the value of {from:?} must be a column name in quotes"
                )));
            };
            pairs.push((from, to));
        }
        Ok(ColumnMapping { pairs })
    }

    /// A mapping from `(header, column)` pairs.
    #[must_use]
    pub fn from_pairs<I, A, B>(pairs: I) -> Self
    where
        I: IntoIterator<Item = (A, B)>,
        A: Into<String>,
        B: Into<String>,
    {
        ColumnMapping { pairs: pairs.into_iter().map(|(a, b)| (a.into(), b.into())).collect() }
    }

    /// How many headers the mapping renames.
    #[must_use]
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether the mapping is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

/// The key a header is matched by: [`fold_name`] without spaces, so
/// `Neutrality year`, `neutrality_year` and `NEUTRALITY-YEAR` meet.
///
/// ```
/// use twinning_core::fold_header;
///
/// assert_eq!(fold_header("Neutrality year"), fold_header("neutrality_year"));
/// assert_eq!(fold_header("Respondent ID"), "respondentid");
/// ```
#[must_use]
pub fn fold_header(header: &str) -> String {
    fold_name(header).replace(' ', "")
}

/// Reads a table from a file's bytes: an `.xlsx`, `.xls` or `.ods`
/// workbook (recognised by its content, not its name), else text in UTF-8
/// (with or without a byte order mark), UTF-16 with a byte order mark, or
/// Windows-1252 (read with a note), with its separator detected among
/// [`DELIMITERS`] unless `options` fixes it.
///
/// ```
/// use twinning_core::{TableOptions, read_table};
///
/// let t = read_table(b"\xef\xbb\xbfname;country\r\nGent;BE\r\n", &TableOptions::default())?;
/// assert_eq!(t.headers(), ["name", "country"]);
/// assert_eq!(t.rows()[0].cells, ["Gent", "BE"]);
/// # Ok::<(), twinning_core::TableError>(())
/// ```
///
/// # Errors
///
/// [`TableError`]: too large, not text in a known encoding, an unreadable
/// workbook or missing sheet, a malformed row (naming its line), no header.
pub fn read_table(bytes: &[u8], options: &TableOptions) -> Result<Table, TableError> {
    if bytes.len() > MAX_TABLE_BYTES {
        return Err(DocumentError::too_large("table", bytes.len(), MAX_TABLE_BYTES).into());
    }
    if is_workbook(bytes) {
        return read_sheet(bytes, options.sheet.as_deref());
    }
    let (text, note) = decode_text(bytes)?;
    let mut table = read_text_table(&text, options.delimiter)?;
    if let Some(n) = note {
        table.notes.insert(0, n);
    }
    Ok(table)
}

/// Whether the bytes are a zip archive (xlsx, ods) or an OLE file (xls).
fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Decodes a text file: UTF-8 (a byte order mark is dropped), UTF-16 with a
/// byte order mark, or Windows-1252 when the bytes are not UTF-8; the note
/// says which when it is not plain UTF-8.
///
/// # Errors
///
/// [`TableError::Encoding`] for UTF-16 without a byte order mark, malformed
/// UTF-16, or bytes that are neither UTF-8 nor Windows-1252 text.
pub fn decode_text(bytes: &[u8]) -> Result<(String, Option<String>), TableError> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom..).unwrap_or_default();
        let (text, bad) = encoding.decode_without_bom_handling(rest);
        if bad {
            return Err(TableError::Encoding(format!(
                "the file starts as {} but holds bytes that are not {0}; save it as UTF-8",
                encoding.name()
            )));
        }
        let note = (encoding != encoding_rs::UTF_8)
            .then(|| format!("read as {} (the file's byte order mark says so)", encoding.name()));
        return Ok((text.into_owned(), note));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_owned(), None)),
        Err(e) => {
            let at = e.valid_up_to();
            let nuls = bytes.iter().take(4096).filter(|b| **b == 0).count();
            if nuls > 0 {
                return Err(TableError::Encoding(format!(
                    "not UTF-8 text (byte {at}); it looks like UTF-16 without a byte order mark: \
                     save it as UTF-8 (in Excel: \"CSV UTF-8\")"
                )));
            }
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            if let Some(c) = text.chars().find(|c| ('\u{80}'..='\u{9f}').contains(c)) {
                return Err(TableError::Encoding(format!(
                    "not UTF-8 text (byte {at}) nor Windows-1252 (it holds U+{:04X}); save it as \
                     UTF-8 (in Excel: \"CSV UTF-8\")",
                    u32::from(c)
                )));
            }
            Ok((
                text.into_owned(),
                Some(format!(
                    "not UTF-8 (byte {at}): read as Windows-1252, the encoding Excel uses for \
                     \"CSV\" in Western Europe; check accented names, or save as \"CSV UTF-8\""
                )),
            ))
        }
    }
}

/// Picks the separator that splits the first lines into the same number of
/// cells, the most cells winning; `,` when none splits the header.
#[must_use]
pub fn detect_delimiter(text: &str) -> u8 {
    let mut best = (b',', 1usize, false);
    for d in DELIMITERS {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(d)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut counts = Vec::new();
        for record in reader.records().take(20) {
            match record {
                Ok(r) => counts.push(r.len()),
                Err(_) => break,
            }
        }
        let Some(&first) = counts.first() else { continue };
        let consistent = counts.iter().all(|c| *c == first);
        let better = match (consistent, best.2) {
            (true, false) => first > 1,
            (false, true) => false,
            _ => first > best.1,
        };
        if better {
            best = (d, first, consistent);
        }
    }
    best.0
}

fn delimiter_name(d: u8) -> String {
    match d {
        b'\t' => "tabs".to_owned(),
        d => format!("\"{}\"", char::from(d)),
    }
}

fn read_text_table(text: &str, delimiter: Option<u8>) -> Result<Table, TableError> {
    let detected = delimiter.is_none();
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(text));
    let mut notes = Vec::new();
    if detected && delimiter != b',' {
        notes.push(format!("columns separated by {} (detected)", delimiter_name(delimiter)));
    }
    let mut lines = LineIndex::new(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
            let message = match e.kind() {
                csv::ErrorKind::UnequalLengths { expected_len, len, .. } => format!(
                    "{len} cells where the header has {expected_len}; a cell holding the \
                     separator {} must be in double quotes",
                    delimiter_name(delimiter)
                ),
                _ => e.to_string(),
            };
            TableError::Row { line, message }
        })?;
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if headers.is_none() {
            headers = Some(cells);
            continue;
        }
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if rows.len() >= MAX_TABLE_ROWS {
            return Err(too_many_rows(rows.len()));
        }
        rows.push(TableRow { place: RowPlace::Line(line), cells });
    }
    let headers = headers.ok_or(TableError::Empty)?;
    Ok(Table { headers, rows, notes, from_sheet: false })
}

fn too_many_rows(n: usize) -> TableError {
    DocumentError::TooLarge {
        what: "table",
        size: n.saturating_add(1),
        limit: MAX_TABLE_ROWS,
        unit: "rows",
    }
    .into()
}

/// The media type an OpenDocument spreadsheet stores first, uncompressed.
const ODS_MIME: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

fn read_sheet(bytes: &[u8], sheet: Option<&str>) -> Result<Table, TableError> {
    let cursor = Cursor::new(bytes);
    let fail = |e: &dyn fmt::Display| TableError::Spreadsheet(e.to_string());
    let head = bytes.get(..120).unwrap_or(bytes);
    let is_ods = head.windows(ODS_MIME.len()).any(|w| w == ODS_MIME);
    let mut book: calamine::Sheets<_> = if is_ods {
        calamine::Sheets::Ods(calamine::open_workbook_from_rs(cursor).map_err(|e| fail(&e))?)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        calamine::Sheets::Xls(calamine::open_workbook_from_rs(cursor).map_err(|e| fail(&e))?)
    } else {
        match calamine::open_workbook_from_rs(cursor.clone()) {
            Ok(x) => calamine::Sheets::Xlsx(x),
            Err(e) => match calamine::open_workbook_from_rs(cursor) {
                Ok(b) => calamine::Sheets::Xlsb(b),
                Err(_) => {
                    return Err(fail(&format!(
                        "not a workbook Excel or LibreOffice can open ({e})"
                    )));
                }
            },
        }
    };
    let names = book.sheet_names();
    let name = match sheet {
        Some(want) => names
            .iter()
            .find(|n| *n == want)
            .or_else(|| names.iter().find(|n| fold_header(n) == fold_header(want)))
            .cloned()
            .ok_or_else(|| TableError::NoSheet { name: want.to_owned(), sheets: names.clone() })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| TableError::Spreadsheet("the workbook has no sheet".to_owned()))?,
    };
    let range =
        book.worksheet_range(&name).map_err(|e| TableError::Spreadsheet(format!("{name}: {e}")))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut notes = Vec::new();
    if names.len() > 1 {
        notes.push(format!("read the sheet {name:?} of {}", names.join(", ")));
    }
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut dates = false;
    for (i, row) in range.rows().enumerate() {
        let number = u32::try_from(i).unwrap_or(u32::MAX).saturating_add(top).saturating_add(1);
        let cells: Vec<String> = row.iter().map(|c| cell_text(c, &mut dates)).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if headers.is_none() {
            headers = Some(cells);
            continue;
        }
        if rows.len() >= MAX_TABLE_ROWS {
            return Err(too_many_rows(rows.len()));
        }
        rows.push(TableRow { place: RowPlace::Sheet { row: number, first_column: left }, cells });
    }
    let headers = headers.ok_or(TableError::Empty)?;
    // A sheet's trailing empty header cells are not columns.
    let width = headers.iter().rposition(|h| !h.is_empty()).map_or(0, |p| p.saturating_add(1));
    let headers: Vec<String> = headers.into_iter().take(width).collect();
    for r in &mut rows {
        r.cells.resize(width, String::new());
    }
    if dates {
        notes.push(
            "date cells carry no time zone: read as the wall-clock time they show".to_owned(),
        );
    }
    Ok(Table { headers, rows, notes, from_sheet: true })
}

/// A spreadsheet cell as text: whole numbers without `.0`, dates as
/// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS` (no offset: a sheet has none).
fn cell_text(cell: &Data, dates: &mut bool) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            *dates = true;
            match d.as_datetime() {
                Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
                Some(t) => t.format("%Y-%m-%dT%H:%M:%S").to_string(),
                None => float_text(d.as_f64()),
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => {
            *dates = true;
            s.trim().to_owned()
        }
    }
}

fn float_text(f: f64) -> String {
    // Whole numbers within i64 print without a fraction (2030, not 2030.0).
    if f.fract() == 0.0 && f.abs() < 9.0e15 { format!("{f:.0}") } else { f.to_string() }
}

/// A cell made safe for a spreadsheet: text a spreadsheet would run as a
/// formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return)
/// gets a leading `'`, which spreadsheets show as text; numbers such as
/// `-3` or `+1.5` are left as they are.
///
/// ```
/// use twinning_core::defuse_cell;
///
/// assert_eq!(defuse_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(defuse_cell("-3"), "-3");
/// assert_eq!(defuse_cell("Gent"), "Gent");
/// ```
#[must_use]
pub fn defuse_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// `-3`, `+1.5`: a sign, digits, at most one point, digits.
fn is_plain_number(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let mut points = 0;
    !body.is_empty()
        && body.chars().all(|c| {
            if c == '.' {
                points += 1;
                points == 1
            } else {
                c.is_ascii_digit()
            }
        })
        && !body.starts_with('.')
        && !body.ends_with('.')
}

/// Writes a table as CSV (comma-separated, UTF-8, `\n` line ends, quoted
/// where needed) with every cell passed through [`defuse_cell`].
///
/// # Errors
///
/// [`TableError::Spreadsheet`] if the CSV writer fails (it writes to
/// memory, so only on a bug).
pub fn write_csv(headers: &[String], rows: &[Vec<String>]) -> Result<String, TableError> {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    let fail = |e: &dyn fmt::Display| TableError::Spreadsheet(format!("csv: {e}"));
    w.write_record(headers.iter().map(|h| defuse_cell(h).into_owned())).map_err(|e| fail(&e))?;
    for row in rows {
        w.write_record(row.iter().map(|c| defuse_cell(c).into_owned())).map_err(|e| fail(&e))?;
    }
    let bytes = w.into_inner().map_err(|e| fail(&e))?;
    String::from_utf8(bytes).map_err(|e| fail(&e))
}

/// One sheet of an `.xlsx` workbook: its name, headers and rows.
#[derive(Debug, Clone, Copy)]
pub struct SheetOut<'a> {
    /// The sheet's name (at most 31 characters; longer names are cut, and
    /// `[]:*?/\` replaced).
    pub name: &'a str,
    /// The header row.
    pub headers: &'a [String],
    /// The data rows.
    pub rows: &'a [Vec<String>],
}

/// Writes an `.xlsx` workbook with one sheet per [`SheetOut`]: a bold,
/// frozen header row with a filter, cells as text (never formulas; whole
/// numbers as numbers), columns sized to their content. The workbook
/// records no time of writing (its creation date is fixed at 1980-01-01),
/// so the same tables give the same bytes.
///
/// # Errors
///
/// [`TableError::Spreadsheet`] when the workbook cannot be written (a
/// cell longer than a spreadsheet allows, too many rows).
pub fn write_xlsx(sheets: &[SheetOut<'_>]) -> Result<Vec<u8>, TableError> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| TableError::Spreadsheet(e.to_string());
    let mut book = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(1980, 1, 1).map_err(fail)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&fixed));
    let bold = Format::new().set_bold();
    let mut used: Vec<String> = Vec::new();
    for sheet in sheets {
        let mut name: String = sheet
            .name
            .chars()
            .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
            .take(31)
            .collect();
        if name.trim().is_empty() {
            name = "Sheet".to_owned();
        }
        let base = name.clone();
        let mut n = 2;
        while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
            name = format!("{} {n}", base.chars().take(27).collect::<String>());
            n += 1;
        }
        used.push(name.clone());
        let ws = book.add_worksheet();
        ws.set_name(&name).map_err(fail)?;
        let mut widths: Vec<usize> = sheet.headers.iter().map(|h| h.chars().count()).collect();
        for (c, h) in sheet.headers.iter().enumerate() {
            let col = u16::try_from(c).map_err(|_| too_wide())?;
            ws.write_string_with_format(0, col, h, &bold).map_err(fail)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let at = u32::try_from(r).map_err(|_| too_wide())?.saturating_add(1);
            for (c, cell) in row.iter().enumerate() {
                let col = u16::try_from(c).map_err(|_| too_wide())?;
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(cell.lines().map(|l| l.chars().count()).max().unwrap_or(0));
                } else {
                    widths.push(cell.chars().count());
                }
                match whole_number(cell) {
                    Some(n) => ws.write_number(at, col, n).map_err(fail)?,
                    None => ws.write_string(at, col, cell).map_err(fail)?,
                };
            }
        }
        for (c, w) in widths.iter().enumerate() {
            let col = u16::try_from(c).map_err(|_| too_wide())?;
            let w = u32::try_from((*w).clamp(6, 80)).unwrap_or(80);
            ws.set_column_width(col, f64::from(w) + 2.0).map_err(fail)?;
        }
        ws.set_freeze_panes(1, 0).map_err(fail)?;
        if let Some(last) = sheet.headers.len().checked_sub(1) {
            let last = u16::try_from(last).map_err(|_| too_wide())?;
            let rows = u32::try_from(sheet.rows.len()).map_err(|_| too_wide())?;
            ws.autofilter(0, 0, rows, last).map_err(fail)?;
        }
    }
    book.save_to_buffer().map_err(fail)
}

fn too_wide() -> TableError {
    TableError::Spreadsheet("more rows or columns than a sheet holds".to_owned())
}

/// A cell that is a whole number a spreadsheet holds exactly (no leading
/// zero, at most 15 digits), written as a number.
fn whole_number(cell: &str) -> Option<f64> {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let ok = !digits.is_empty()
        && digits.len() <= 15
        && digits.chars().all(|c| c.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'));
    if !ok {
        return None;
    }
    cell.parse::<i64>().ok().and_then(|n| {
        let n = i32::try_from(n).ok()?;
        Some(f64::from(n))
    })
}
