//! Reading the user's files and writing the command's answer.
//!
//! Every read goes through here so that every error names the file, and for
//! JSON the line, column and JSON path of the offending value.

use std::cell::RefCell;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

use twinning_core::DocumentError;

use crate::error::CliError;
use crate::render::{Doc, Format};

/// Largest input the command line reads, in bytes: the largest document any
/// library reader accepts (16 MiB, profile documents and survey CSV files),
/// so that a wrong path (a disk image, a log) fails fast instead of filling
/// memory, and every document still reaches its library's own limit.
pub(crate) const MAX_INPUT_BYTES: usize = largest(&[
    twinning_cohort::MAX_DOCUMENT_BYTES,
    twinning_eligibility::MAX_DOCUMENT_BYTES,
    twinning_profile::MAX_DOCUMENT_BYTES,
    twinning_profile::MAX_CSV_BYTES,
    twinning_outputs::MAX_DOCUMENT_BYTES,
]);

const fn largest(mut limits: &[usize]) -> usize {
    let mut max = 0;
    while let [first, rest @ ..] = limits {
        if *first > max {
            max = *first;
        }
        limits = rest;
    }
    max
}

/// Reads a UTF-8 text file, or standard input for `-`, through
/// [`read_bytes`].
pub(crate) fn read_text(path: &Path) -> Result<String, CliError> {
    String::from_utf8(read_bytes(path)?).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        CliError::in_file(path, format!("not UTF-8 text (invalid byte at offset {at})"))
            .hint("save the file as UTF-8")
    })
}

/// Reads a file's bytes (a table, which may be a workbook or text in
/// another encoding), or standard input for `-`. Every read is bounded, one
/// byte past the limit to tell "too large": a device or a pipe
/// (`/dev/zero`, a FIFO) reports no length.
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>, CliError> {
    let too_large = |bytes: usize| {
        CliError::in_file(path, DocumentError::too_large("file", bytes, MAX_INPUT_BYTES))
            .hint("check the path: inputs are tables or JSON documents, far smaller than that")
    };
    let bound = u64::try_from(MAX_INPUT_BYTES).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        std::io::Read::read_to_end(
            &mut std::io::Read::take(std::io::stdin().lock(), bound),
            &mut bytes,
        )
        .map_err(|e| CliError::input(format!("cannot read standard input: {e}")))?;
        if bytes.len() > MAX_INPUT_BYTES {
            return Err(too_large(bytes.len()));
        }
        return Ok(bytes);
    }
    let meta = std::fs::metadata(path).map_err(|e| {
        CliError::in_file(path, format!("cannot read: {}", io_reason(&e)))
            .hint("check the path; use `-` to read standard input")
    })?;
    if meta.is_dir() {
        return Err(CliError::in_file(path, "is a folder, expected a file"));
    }
    let len = usize::try_from(meta.len()).unwrap_or(usize::MAX);
    if len > MAX_INPUT_BYTES {
        return Err(too_large(len));
    }
    note_input(path);
    let file = std::fs::File::open(path)
        .map_err(|e| CliError::in_file(path, format!("cannot read: {}", io_reason(&e))))?;
    bytes.reserve(len);
    std::io::Read::read_to_end(&mut std::io::Read::take(file, bound), &mut bytes)
        .map_err(|e| CliError::in_file(path, format!("cannot read: {}", io_reason(&e))))?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(CliError::in_file(
            path,
            format!("goes on past the limit of {MAX_INPUT_BYTES} bytes without ending"),
        )
        .hint("check the path: a device or a pipe that never ends is not a document"));
    }
    Ok(bytes)
}

thread_local! {
    /// The files this run has read or written, so that no output replaces
    /// an input or an earlier output of the same run.
    static TOUCHED: RefCell<Vec<Touched>> = const { RefCell::new(Vec::new()) };
}

/// Starts a run: no file read or written yet.
pub(crate) fn forget_files() {
    TOUCHED.with_borrow_mut(Vec::clear);
}

/// One file read or written by this run.
#[derive(Debug, Clone)]
struct Touched {
    /// The path as given, for messages.
    given: PathBuf,
    /// The file itself, past symbolic links and `./`.
    key: FileKey,
    /// Whether it was read (an input) or written (an output).
    input: bool,
}

/// What identifies a file: on Unix its device and inode (so a hard link is
/// the same file), and everywhere its canonical path.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileKey {
    canonical: Option<PathBuf>,
    #[cfg(unix)]
    inode: Option<(u64, u64)>,
}

impl FileKey {
    /// The key of an existing file, or of the file `path` would create.
    fn of(path: &Path) -> Self {
        let canonical = std::fs::canonicalize(path).ok().or_else(|| {
            let name = path.file_name()?;
            let parent = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            Some(std::fs::canonicalize(parent).ok()?.join(name))
        });
        #[cfg(unix)]
        let inode = {
            use std::os::unix::fs::MetadataExt as _;
            std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
        };
        FileKey {
            canonical,
            #[cfg(unix)]
            inode,
        }
    }

    fn same(&self, other: &FileKey) -> bool {
        #[cfg(unix)]
        if let (Some(a), Some(b)) = (self.inode, other.inode) {
            return a == b;
        }
        matches!((&self.canonical, &other.canonical), (Some(a), Some(b)) if a == b)
    }
}

/// Records that this run reads `path` (not standard input).
pub(crate) fn note_input(path: &Path) {
    if path == Path::new("-") {
        return;
    }
    let touched = Touched { given: path.to_owned(), key: FileKey::of(path), input: true };
    TOUCHED.with_borrow_mut(|list| list.push(touched));
}

/// Refuses to write `path` when this run read it or already wrote it.
///
/// # Errors
///
/// A bad-input error naming both paths.
pub(crate) fn check_output(path: &Path) -> Result<(), CliError> {
    let key = FileKey::of(path);
    match TOUCHED.with_borrow(|list| list.iter().find(|t| t.key.same(&key)).cloned()) {
        Some(t) if t.input => Err(CliError::input(format!(
            "{}: is the input file {}; writing the answer there would destroy it",
            path.display(),
            t.given.display()
        ))
        .hint("write the answer to another file")),
        Some(t) => Err(CliError::input(format!(
            "{}: this command already writes {} there",
            path.display(),
            t.given.display()
        ))
        .hint("write the answer to a file outside the command's other outputs")),
        None => Ok(()),
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

/// A library error that may be a [`DocumentError`]: the file could not be
/// read as the document at all.
pub(crate) trait LibraryError: fmt::Display {
    /// The document error inside, if that is what this is.
    fn document(&self) -> Option<&DocumentError>;
}

impl LibraryError for DocumentError {
    fn document(&self) -> Option<&DocumentError> {
        Some(self)
    }
}

/// [`LibraryError`] for the crates' errors with a `Document` variant.
macro_rules! document_variant {
    ($($error:ty),*) => {$(
        impl LibraryError for $error {
            fn document(&self) -> Option<&DocumentError> {
                if let Self::Document(d) = self { Some(d) } else { None }
            }
        }
    )*};
}

document_variant!(
    twinning_cohort::Error,
    twinning_eligibility::Error,
    twinning_outputs::Error,
    twinning_profile::Error
);

/// A library reader's error about `path`: a JSON mistake as
/// `FILE:LINE:COLUMN at PATH: message` with a hint, anything else as
/// `FILE: message`.
pub(crate) fn read_error(path: &Path, e: &impl LibraryError) -> CliError {
    match e.document() {
        Some(DocumentError::ByteOrderMark { .. }) => CliError::input(format!(
            "{}:1:1: the text starts with a byte order mark (U+FEFF)",
            path.display()
        ))
        .hint("save the file as UTF-8 without BOM"),
        Some(DocumentError::Json { path: json_path, line, column, message, syntax, .. }) => {
            let place = if json_path.is_empty() || json_path == "." {
                String::new()
            } else {
                format!(" at {json_path}")
            };
            let hint = if message.starts_with("trailing characters") {
                "the file holds one JSON document and something follows it; put several in a \
                 JSON list [ … ] (applicants may also come one per line in a .jsonl file)"
            } else if *syntax {
                "the file is not well-formed JSON; check brackets, commas and quotes near that line"
            } else {
                "fix the value at that path; `twinning schema` prints the expected shape"
            };
            // Line 0 means the reader knew no position: the value was refused
            // by a check after the whole document was read.
            let at = if *line == 0 { String::new() } else { format!(":{line}:{column}") };
            CliError::input(format!("{}{at}{place}: {message}", path.display())).hint(hint)
        }
        Some(DocumentError::TooLarge { .. }) => CliError::in_file(path, e)
            .hint("check the path, or split the document into smaller ones"),
        _ => CliError::in_file(path, e)
            .hint("fix that value in the file; `twinning schema` prints every document's shape"),
    }
}

/// Where a command's answer goes, and how loud the command may be.
pub(crate) struct Ctx<'a> {
    /// The `--format` chosen.
    pub(crate) format: Format,
    /// `--quiet`: no progress or notes on standard error (errors still are).
    pub(crate) quiet: bool,
    /// `--output`: write the answer to this file instead of standard output.
    pub(crate) output: Option<PathBuf>,
    /// `--data` / `TWINNING_DATA`: the built-in data and any overlay.
    pub(crate) data: crate::data::DataSource,
    /// Whether standard output is a terminal (no workbook goes there).
    pub(crate) terminal: bool,
    /// Standard output: the process's, or the writer of [`crate::run_args`].
    pub(crate) out: RefCell<&'a mut dyn Write>,
    /// Standard error, likewise.
    pub(crate) err: RefCell<&'a mut dyn Write>,
}

impl Ctx<'_> {
    /// Writes the answer: to `--output` when given, else to standard output.
    pub(crate) fn emit(&self, text: &str) -> Result<(), CliError> {
        self.emit_bytes(text.as_bytes())
    }

    /// Writes the answer's bytes: to `--output` when given, else to
    /// standard output.
    pub(crate) fn emit_bytes(&self, bytes: &[u8]) -> Result<(), CliError> {
        self.emit_with(|w| w.write_all(bytes))
    }

    /// Writes the answer as `write` produces it, through a buffer: to
    /// `--output` when given (a new file replaces the old one only once it
    /// is complete), else to standard output. A large answer never exists
    /// whole in memory.
    pub(crate) fn emit_with(
        &self,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), CliError> {
        match &self.output {
            Some(path) => {
                if write_file_with(path, write)? == Written::Replaced {
                    self.progress(&format!("note: replaced the existing file {}", path.display()));
                }
                Ok(())
            }
            None => {
                let mut out = self.out.borrow_mut();
                let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut **out);
                let written = write(&mut buffered).and_then(|()| buffered.flush());
                drop(buffered);
                match written.and_then(|()| out.flush()) {
                    Ok(()) => Ok(()),
                    // `twinning … | head` closes the pipe early: not an error.
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                    Err(e) => Err(CliError::io("standard output", &e)),
                }
            }
        }
    }

    /// Refuses to write a workbook to a terminal; `hint` names a file.
    pub(crate) fn no_workbook_on_terminal(&self, hint: &str) -> Result<(), CliError> {
        if self.output.is_none() && self.terminal {
            return Err(CliError::input("an .xlsx workbook is not text for a terminal").hint(hint));
        }
        Ok(())
    }

    /// Renders and writes a report in the chosen format.
    pub(crate) fn emit_doc(&self, doc: &Doc) -> Result<(), CliError> {
        if self.format == Format::Xlsx {
            self.no_workbook_on_terminal("write it to a file: -o results.xlsx")?;
        }
        let bytes = doc.bytes(self.format).map_err(CliError::input)?;
        self.emit_bytes(&bytes)
    }

    /// A progress or note line on standard error, unless `--quiet`.
    pub(crate) fn progress(&self, message: &str) {
        if !self.quiet {
            let _ = writeln!(self.err.borrow_mut(), "{message}");
        }
    }
}

/// The format of the answer: `--format` when given, else the one the
/// `-o` file's extension asks for, else the terminal table.
///
/// # Errors
///
/// When `--format` and the extension disagree (`--format json -o x.xlsx`):
/// the file would hold one format under another's name.
pub(crate) fn resolve_format(
    explicit: Option<Format>,
    output: Option<&Path>,
) -> Result<Format, CliError> {
    let implied = output.and_then(Format::of_path);
    match (explicit, implied, output) {
        (Some(f), Some(i), Some(path))
            if f != i
                && (f.is_sheet() || i.is_sheet() || i == Format::Json || f == Format::Json) =>
        {
            Err(CliError::input(format!(
                "--format {} but the output file {} is named for {}",
                f.key(),
                path.display(),
                i.key()
            ))
            .hint(format!(
                "drop --format (the extension picks it), or name the file for {}",
                f.key()
            )))
        }
        (Some(f), _, _) => Ok(f),
        (None, Some(i), _) => Ok(i),
        (None, None, _) => Ok(Format::Table),
    }
}

/// What [`write_file`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Written {
    /// The file did not exist.
    Created,
    /// An existing file was replaced.
    Replaced,
}

/// Writes a file, naming it on failure: never over a file this run read
/// or wrote before ([`check_output`]), and never half: the bytes go to a
/// temporary file in the same folder, renamed over the target once
/// complete, so a failure (a full disk, an interrupt) leaves the old file as
/// it was. A device or a pipe (`/dev/null`, a FIFO) is written directly; a
/// symbolic link is written through, to the file it points at.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<Written, CliError> {
    write_file_with(path, |w| w.write_all(bytes))
}

/// [`write_file`] with the bytes as `write` produces them, through a buffer.
pub(crate) fn write_file_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<Written, CliError> {
    check_output(path)?;
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let err = |e: &std::io::Error| CliError::io(&path.display().to_string(), e);
    let existing = std::fs::metadata(&target).ok();
    let written = if existing.as_ref().is_some_and(std::fs::Metadata::is_file) {
        Written::Replaced
    } else {
        Written::Created
    };
    let write_to = |file: &Path| -> std::io::Result<()> {
        let mut buffered = std::io::BufWriter::with_capacity(1 << 16, std::fs::File::create(file)?);
        write(&mut buffered)?;
        buffered.flush()
    };
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        write_to(&target).map_err(|e| err(&e))?;
    } else {
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = target.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let result = write_to(&tmp).and_then(|()| std::fs::rename(&tmp, &target));
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(err(&e));
        }
    }
    let touched = Touched { given: path.to_owned(), key: FileKey::of(path), input: false };
    TOUCHED.with_borrow_mut(|list| list.push(touched));
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` read by the core document reader, its error as the command line says it.
    fn parse_json<T: serde::de::DeserializeOwned>(path: &Path, text: &str) -> Result<T, CliError> {
        twinning_core::DocumentReader::new("JSON", 1 << 20)
            .read(text)
            .map_err(|e| read_error(path, &e))
    }

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
