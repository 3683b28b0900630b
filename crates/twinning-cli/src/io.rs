//! Reading the user's files and writing the command's answer.
//!
//! Every read goes through here so that every error names the file, and for
//! JSON the line, column and JSON path of the offending value.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::error::CliError;
use crate::render::{Doc, Format};

/// Largest input file the command line reads (64 MiB): a bound so that a
/// wrong path (a disk image, a log) fails fast instead of filling memory.
pub(crate) const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a UTF-8 text file, or standard input for `-`.
pub(crate) fn read_text(path: &Path) -> Result<String, CliError> {
    if path == Path::new("-") {
        let mut s = String::new();
        std::io::Read::read_to_string(
            &mut std::io::Read::take(std::io::stdin().lock(), MAX_INPUT_BYTES),
            &mut s,
        )
        .map_err(|e| {
            CliError::input(format!("cannot read standard input: {e}"))
                .hint("pipe UTF-8 text into standard input, or give a file name instead of -")
        })?;
        return Ok(s);
    }
    let meta = std::fs::metadata(path).map_err(|e| {
        CliError::in_file(path, format!("cannot read: {}", io_reason(&e)))
            .hint("check the path; use `-` to read standard input")
    })?;
    if meta.is_dir() {
        return Err(CliError::in_file(path, "is a folder, expected a file"));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(CliError::in_file(
            path,
            format!("file of {} bytes is larger than the {MAX_INPUT_BYTES}-byte limit", meta.len()),
        )
        .hint("check the path: inputs are JSON or CSV documents, far smaller than that"));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| CliError::in_file(path, format!("cannot read: {}", io_reason(&e))))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        CliError::in_file(path, format!("not UTF-8 text (invalid byte at offset {at})"))
            .hint("save the file as UTF-8")
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

/// Parses JSON text into `T`, naming file, line, column and JSON path on error.
pub(crate) fn parse_json<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, CliError> {
    if twinning_core::leading_bom(text).is_some() {
        // The library's message, split into the error line and its hint.
        return Err(CliError::input(format!(
            "{}:1:1: the text starts with a byte order mark (U+FEFF)",
            path.display()
        ))
        .hint("save the file as UTF-8 without BOM"));
    }
    let de = &mut serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(v) => Ok(v),
        Err(err) => {
            let json_path = err.path().to_string();
            let inner = err.into_inner();
            let (line, column) = (inner.line(), inner.column());
            let full = inner.to_string();
            let suffix = format!(" at line {line} column {column}");
            let msg = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
            let place = if json_path.is_empty() || json_path == "." || json_path == "?" {
                String::new()
            } else {
                format!(" at {json_path}")
            };
            let hint = if inner.is_syntax() || inner.is_eof() {
                "the file is not well-formed JSON; check brackets, commas and quotes near that line"
            } else {
                "fix the value at that path; `twinning schema` prints the expected shape"
            };
            // Line 0 means the reader knew no position: the value was refused
            // by a check after the whole document was read.
            let at = if line == 0 { String::new() } else { format!(":{line}:{column}") };
            Err(CliError::input(format!("{}{at}{place}: {msg}", path.display())).hint(hint))
        }
    }
}

/// Reads and parses a JSON file.
pub(crate) fn load_json<T: DeserializeOwned>(path: &Path) -> Result<T, CliError> {
    let text = read_text(path)?;
    parse_json(path, &text)
}

/// A CSV file: its header (line 1) and its rows, each with its line number.
#[derive(Debug)]
pub(crate) struct Csv {
    /// The column names, trimmed.
    pub(crate) headers: csv::StringRecord,
    /// The rows, cells trimmed, each with the line it starts on.
    pub(crate) rows: Vec<(usize, csv::StringRecord)>,
}

/// Parses CSV text, naming the file and line of a malformed row;
/// `row_hint` tells what a well-formed row looks like.
pub(crate) fn parse_csv(path: &Path, text: &str, row_hint: &str) -> Result<Csv, CliError> {
    let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| {
        CliError::in_file(path, format!("line 1: {e}"))
            .hint("the first line must be the header row of column names")
    })?;
    let headers = headers.clone();
    let mut rows = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        let record = record.map_err(|e| {
            CliError::in_file(path, format!("line {line}: {e}")).hint(row_hint.to_owned())
        })?;
        let line = record.position().and_then(|p| usize::try_from(p.line()).ok()).unwrap_or(line);
        rows.push((line, record));
    }
    Ok(Csv { headers, rows })
}

/// Where a command's answer goes, and how loud the command may be.
#[derive(Debug, Clone)]
pub(crate) struct Ctx {
    /// The `--format` chosen.
    pub(crate) format: Format,
    /// `--quiet`: no progress or notes on standard error (errors still are).
    pub(crate) quiet: bool,
    /// `--output`: write the answer to this file instead of standard output.
    pub(crate) output: Option<PathBuf>,
}

impl Ctx {
    /// Writes the answer: to `--output` when given, else to standard output.
    pub(crate) fn emit(&self, text: &str) -> Result<(), CliError> {
        match &self.output {
            Some(path) => write_file(path, text.as_bytes()),
            None => {
                let mut out = std::io::stdout().lock();
                match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                    Ok(()) => Ok(()),
                    // `twinning … | head` closes the pipe early: not an error.
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                    Err(e) => Err(CliError::io("standard output", &e)),
                }
            }
        }
    }

    /// Renders and writes a report in the chosen format.
    pub(crate) fn emit_doc(&self, doc: &Doc) -> Result<(), CliError> {
        self.emit(&doc.render(self.format))
    }

    /// A progress or note line on standard error, unless `--quiet`.
    pub(crate) fn progress(&self, message: &str) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }
}

/// Writes a file, naming it on failure.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    std::fs::write(path, bytes).map_err(|e| CliError::io(&path.display().to_string(), &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "only deserialized")]
    struct Doc {
        items: Vec<Item>,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code, reason = "only deserialized")]
    struct Item {
        capacity: u32,
    }

    #[test]
    fn json_errors_name_file_line_path_and_value() {
        let text = "{\"items\": [{\"capacity\": 1},\n {\"capacity\": -3}]}";
        let err = parse_json::<Doc>(Path::new("x.json"), text).unwrap_err();
        assert_eq!(err.code, 2);
        assert!(err.message.starts_with("x.json:2:"), "{}", err.message);
        assert!(err.message.contains("items[1].capacity"), "{}", err.message);
        assert!(err.message.contains("-3"), "{}", err.message);
    }

    #[test]
    fn syntax_errors_get_a_syntax_hint() {
        let err = parse_json::<Doc>(Path::new("y.json"), "{\"items\": [").unwrap_err();
        assert!(err.message.starts_with("y.json:1:"), "{}", err.message);
        assert!(err.hint.unwrap_or_default().contains("well-formed"));
    }
}
