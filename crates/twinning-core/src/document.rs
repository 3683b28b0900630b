//! One reader for every JSON document the twinning crates accept: the size
//! limit, the byte order mark, the schema-version probe and JSON errors with
//! the field path, line and column, in that order and with one wording.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};

use crate::text::BOM_MESSAGE;

/// What goes wrong when a JSON document is read, before the document's own
/// checks (those are each crate's errors).
///
/// Every crate's `Error` wraps this type in one variant, so a caller can
/// treat "the file is not a document at all" the same way whatever the
/// document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DocumentError {
    /// The input is larger than the reader accepts; nothing was parsed.
    #[error("{what} of {size} {unit} is larger than the limit of {limit} {unit}")]
    TooLarge {
        /// What was read (`cohort json`, `csv file`).
        what: &'static str,
        /// The input's size, in `unit`.
        size: usize,
        /// The largest size accepted, in `unit`.
        limit: usize,
        /// What is counted: `bytes` (or `rows` for a spreadsheet).
        unit: &'static str,
    },
    /// The text starts with a byte order mark (U+FEFF), which JSON forbids.
    #[error("invalid {what} at . (line 1, column 1): {BOM_MESSAGE}")]
    ByteOrderMark {
        /// What was read.
        what: &'static str,
    },
    /// The text is not JSON of the document's shape: a syntax error, a
    /// missing or unknown field, a value of the wrong type, or a check made
    /// while reading a field.
    #[error("invalid {what} at {path} (line {line}, column {column}): {message}")]
    Json {
        /// What was read.
        what: &'static str,
        /// The field path where reading stopped (`criteria[2].rule.year`),
        /// `.` for the document itself.
        path: String,
        /// Line of the error, counted from 1 (0 when the parser did not say).
        line: usize,
        /// Column of the error, counted from 1 (0 at the very end of the input).
        column: usize,
        /// What the parser objected to.
        message: String,
        /// Whether the text is not well-formed JSON at all (a syntax error or
        /// an early end), rather than JSON of the wrong shape.
        syntax: bool,
    },
    /// The document's version field names a version this build does not read.
    #[error("{what} has {field} {found}; this build reads {field} {}", list(supported))]
    UnsupportedVersion {
        /// What was read.
        what: &'static str,
        /// The version field (`schema_version`).
        field: &'static str,
        /// The value found, as written in the document.
        found: String,
        /// The versions this build reads.
        supported: &'static [u64],
    },
    /// The document lacks a version field it must have.
    #[error("{what} has no numeric {field}; this build reads {field} {}", list(supported))]
    MissingVersion {
        /// What was read.
        what: &'static str,
        /// The version field (`schema_version`).
        field: &'static str,
        /// The versions this build reads.
        supported: &'static [u64],
    },
}

fn list(versions: &[u64]) -> String {
    let mut out = String::new();
    for (i, v) in versions.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == versions.len() { " or " } else { ", " });
        }
        out.push_str(&v.to_string());
    }
    out
}

impl DocumentError {
    /// A [`DocumentError::TooLarge`] counting bytes.
    #[must_use]
    pub fn too_large(what: &'static str, bytes: usize, limit: usize) -> Self {
        DocumentError::TooLarge { what, size: bytes, limit, unit: "bytes" }
    }

    /// A [`DocumentError::Json`] from a `serde_json` error met at `path`
    /// (empty or `?` for the document itself). The position that
    /// `serde_json` appends to its message is dropped, since `line` and
    /// `column` carry it.
    #[must_use]
    pub fn json(what: &'static str, path: &str, e: &serde_json::Error) -> Self {
        let text = e.to_string();
        let message = match text.rfind(" at line ") {
            Some(cut) if e.line() > 0 => text.get(..cut).unwrap_or(&text).to_owned(),
            _ => text,
        };
        let message = plain_words(&message);
        let path = if path.is_empty() || path == "?" { ".".to_owned() } else { path.to_owned() };
        DocumentError::Json {
            what,
            path,
            line: e.line(),
            column: e.column(),
            message,
            syntax: e.is_syntax() || e.is_eof(),
        }
    }
}

/// A serde message in the user's words: the names of this workspace's
/// internal types (`struct RawDateRange`) and of library types (`a Decimal
/// type`) become descriptions of what to write.
fn plain_words(message: &str) -> String {
    const WORDS: [(&str, &str); 5] = [
        ("expected a boolean", "expected true or false"),
        (
            "struct RawDateRange",
            "a period such as {\"start\": \"2026-10-01\", \"end\": \"2026-10-30\"}",
        ),
        ("a Decimal type", "a number such as 12000.50"),
        ("UUID parsing failed", "not a UUID"),
        ("struct Raw", "an object "),
    ];
    // Rust's number types, as serde names them after "expected".
    const NUMBERS: [(&str, &str); 12] = [
        ("u8", "a whole number from 0 to 255"),
        ("u16", "a whole number from 0 to 65535"),
        ("u32", "a whole number, 0 or more"),
        ("u64", "a whole number, 0 or more"),
        ("usize", "a whole number, 0 or more"),
        ("i8", "a whole number"),
        ("i16", "a whole number"),
        ("i32", "a whole number"),
        ("i64", "a whole number"),
        ("isize", "a whole number"),
        ("f32", "a number"),
        ("f64", "a number"),
    ];
    let mut out = message.to_owned();
    for (from, to) in WORDS {
        out = out.replace(from, to);
    }
    for (rust, words) in NUMBERS {
        let (from, to) = (format!("expected {rust}"), format!("expected {words}"));
        // Only the whole word: "expected u8" but not "expected u80".
        if out.ends_with(&from) || out.contains(&format!("{from} ")) {
            out = out.replace(&from, &to);
        }
    }
    out.replace("invalid type: floating point", "invalid type: a number with a fraction")
}

/// Whether a document must carry its version field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionField {
    /// The field must be present ([`DocumentError::MissingVersion`] otherwise).
    Required,
    /// A document without the field is read as the first supported version.
    Optional,
}

/// How to read one kind of JSON document: what it is called in messages,
/// its size limit and, for versioned documents, the version field and the
/// versions this build reads.
///
/// Each crate declares one reader per document kind as a constant and sends
/// every `from_json` through [`DocumentReader::read`]:
///
/// ```
/// use twinning_core::{DocumentError, DocumentReader, VersionField};
///
/// #[derive(Debug, serde::Deserialize)]
/// struct Note {
///     #[allow(dead_code, reason = "read to check the shape")]
///     schema_version: u32,
///     text: String,
/// }
///
/// const NOTES: DocumentReader = DocumentReader::new("note json", 1024)
///     .versioned("schema_version", &[1], VersionField::Required);
///
/// let note: Note = NOTES.read(r#"{"schema_version": 1, "text": "hello"}"#)?;
/// assert_eq!(note.text, "hello");
///
/// let err = NOTES.read::<Note>(r#"{"schema_version": 2, "text": 5}"#).unwrap_err();
/// assert_eq!(err.to_string(), "note json has schema_version 2; this build reads schema_version 1");
///
/// let err = NOTES.read::<Note>("{\"schema_version\": 1,\n \"text\": 5}").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid note json at text (line 2, column 10): invalid type: integer `5`, expected a string"
/// );
/// assert!(matches!(NOTES.read::<Note>(&" ".repeat(1025)), Err(DocumentError::TooLarge { .. })));
/// # Ok::<(), DocumentError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentReader {
    what: &'static str,
    limit: usize,
    version: Option<(&'static str, &'static [u64], VersionField)>,
}

impl DocumentReader {
    /// A reader for documents called `what` in messages (`cohort json`), of
    /// at most `limit` bytes, without a version field.
    #[must_use]
    pub const fn new(what: &'static str, limit: usize) -> Self {
        Self { what, limit, version: None }
    }

    /// The same reader, refusing documents whose `field` is not one of
    /// `supported` before anything else in them is read.
    #[must_use]
    pub const fn versioned(
        self,
        field: &'static str,
        supported: &'static [u64],
        presence: VersionField,
    ) -> Self {
        Self { version: Some((field, supported, presence)), ..self }
    }

    /// What the document is called in messages.
    #[must_use]
    pub const fn what(&self) -> &'static str {
        self.what
    }

    /// The largest document accepted, in bytes.
    #[must_use]
    pub const fn limit(&self) -> usize {
        self.limit
    }

    /// Refuses an input of `bytes` bytes when it is over the limit.
    ///
    /// # Errors
    ///
    /// [`DocumentError::TooLarge`] when `bytes` exceeds the limit.
    pub fn check_size(&self, bytes: usize) -> Result<(), DocumentError> {
        if bytes > self.limit {
            Err(DocumentError::too_large(self.what, bytes, self.limit))
        } else {
            Ok(())
        }
    }

    /// Refuses a version number this reader does not read, with the same
    /// error as [`DocumentReader::read`]: for documents that are also
    /// deserialized directly (as part of another document, say), whose
    /// conversion from their raw form checks the version again.
    ///
    /// # Errors
    ///
    /// [`DocumentError::UnsupportedVersion`] when the reader is versioned and
    /// `found` is not one of its versions.
    pub fn check_version(&self, found: u64) -> Result<(), DocumentError> {
        match self.version {
            Some((field, supported, _)) if !supported.contains(&found) => {
                Err(DocumentError::UnsupportedVersion {
                    what: self.what,
                    field,
                    found: found.to_string(),
                    supported,
                })
            }
            _ => Ok(()),
        }
    }

    /// Reads `text` as a `T`: size first, then the byte order mark, then the
    /// version field, then the whole document (with trailing characters
    /// refused).
    ///
    /// # Errors
    ///
    /// [`DocumentError::TooLarge`], [`DocumentError::ByteOrderMark`],
    /// [`DocumentError::UnsupportedVersion`] or
    /// [`DocumentError::MissingVersion`], and [`DocumentError::Json`] with
    /// the field path, line and column where reading stopped.
    pub fn read<T: DeserializeOwned>(&self, text: &str) -> Result<T, DocumentError> {
        self.check_size(text.len())?;
        if text.starts_with('\u{feff}') {
            return Err(DocumentError::ByteOrderMark { what: self.what });
        }
        if let Some((field, supported, presence)) = self.version {
            self.probe(text, field, supported, presence)?;
        }
        let de = &mut serde_json::Deserializer::from_str(text);
        let value: T = serde_path_to_error::deserialize(&mut *de)
            .map_err(|e| DocumentError::json(self.what, &e.path().to_string(), e.inner()))?;
        de.end().map_err(|e| DocumentError::json(self.what, ".", &e))?;
        Ok(value)
    }

    /// Reads only the top-level `field`. A text that does not parse is left
    /// to the full read, which names the path of the mistake.
    fn probe(
        &self,
        text: &str,
        field: &'static str,
        supported: &'static [u64],
        presence: VersionField,
    ) -> Result<(), DocumentError> {
        let rest = text.trim_start();
        // Decided by the first character: a list nested deeper than the
        // parser's recursion limit must get the same answer as a short one.
        let not_an_object = rest.starts_with(['[', '"', '-'])
            || rest.starts_with(|c: char| c.is_ascii_digit())
            || ["true", "false", "null"].iter().any(|w| rest.starts_with(w));
        let found = if not_an_object {
            Found::NotAnObject
        } else {
            let de = &mut serde_json::Deserializer::from_str(text);
            let Ok(found) = (Probe { field }).deserialize(&mut *de) else {
                return Ok(());
            };
            found
        };
        match found {
            Found::NotAnObject => {
                // A versioned document is an object; serde would read a
                // list into its fields one by one and complain about the
                // first ("expected a whole number at [0]").
                let before = text.len() - text.trim_start().len();
                let start = text.get(..before).unwrap_or_default();
                let line = start.matches('\n').count() + 1;
                let column = start.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                let found = match text.trim_start().chars().next() {
                    Some('[') => "a list [ … ]",
                    Some('"') => "a string",
                    Some('t' | 'f') => "true or false",
                    Some('n') => "null",
                    _ => "a number",
                };
                Err(DocumentError::Json {
                    what: self.what,
                    path: ".".to_owned(),
                    line,
                    column,
                    message: format!(
                        "the document is {found}; write one object {{ … }} with its {field}"
                    ),
                    syntax: false,
                })
            }
            Found::Absent if presence == VersionField::Optional => Ok(()),
            Found::Absent => {
                Err(DocumentError::MissingVersion { what: self.what, field, supported })
            }
            Found::Value(serde_json::Value::Number(n))
                if n.as_u64().is_some_and(|v| supported.contains(&v)) =>
            {
                Ok(())
            }
            Found::Value(v @ serde_json::Value::Number(_)) => {
                Err(DocumentError::UnsupportedVersion {
                    what: self.what,
                    field,
                    found: v.to_string(),
                    supported,
                })
            }
            // A version of the wrong type: the full read names it with its position.
            Found::Value(_) => Ok(()),
        }
    }
}

/// What the version probe saw.
enum Found {
    NotAnObject,
    Absent,
    Value(serde_json::Value),
}

/// Walks the top-level object and keeps the value of one field, skipping
/// the others without building them.
struct Probe {
    field: &'static str,
}

impl<'de> DeserializeSeed<'de> for Probe {
    type Value = Found;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Found, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Probe {
    type Value = Found;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
        let mut found = Found::Absent;
        while let Some(key) = map.next_key::<String>()? {
            if key == self.field {
                found = Found::Value(map.next_value()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Found, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Found::NotAnObject)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Found, E> {
        Ok(Found::NotAnObject)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Found, E> {
        Ok(Found::NotAnObject)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Found, E> {
        Ok(Found::NotAnObject)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Found, E> {
        Ok(Found::NotAnObject)
    }

    fn visit_str<E>(self, _: &str) -> Result<Found, E> {
        Ok(Found::NotAnObject)
    }

    fn visit_unit<E>(self) -> Result<Found, E> {
        Ok(Found::NotAnObject)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        #[serde(default)]
        schema_version: Option<u32>,
        #[serde(default)]
        items: Vec<u8>,
    }

    const OPTIONAL: DocumentReader = DocumentReader::new("doc json", 64).versioned(
        "schema_version",
        &[1, 2],
        VersionField::Optional,
    );
    const REQUIRED: DocumentReader = DocumentReader::new("doc json", 64).versioned(
        "schema_version",
        &[1],
        VersionField::Required,
    );

    #[test]
    fn the_size_is_checked_before_anything_else() {
        let text = format!("\u{feff}{}", " ".repeat(62)); // 3 + 62 = 65 bytes
        assert_eq!(
            OPTIONAL.read::<Doc>(&text).unwrap_err(),
            DocumentError::TooLarge { what: "doc json", size: 65, limit: 64, unit: "bytes" }
        );
        assert_eq!(
            OPTIONAL.read::<Doc>(&text).unwrap_err().to_string(),
            "doc json of 65 bytes is larger than the limit of 64 bytes"
        );
    }

    #[test]
    fn a_byte_order_mark_is_refused_in_the_json_shape() {
        let err = OPTIONAL.read::<Doc>("\u{feff}{}").unwrap_err();
        assert_eq!(err, DocumentError::ByteOrderMark { what: "doc json" });
        assert_eq!(
            err.to_string(),
            format!("invalid doc json at . (line 1, column 1): {BOM_MESSAGE}")
        );
    }

    #[test]
    fn versions_are_probed_before_the_shape() {
        // An unknown field would fail the full read; the version is named first.
        let err = OPTIONAL.read::<Doc>(r#"{"colour": 1, "schema_version": 3}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "doc json has schema_version 3; this build reads schema_version 1 or 2"
        );
        let err = REQUIRED.read::<Doc>(r#"{"items": [1]}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "doc json has no numeric schema_version; this build reads schema_version 1"
        );
        assert_eq!(OPTIONAL.read::<Doc>(r#"{"items": [1]}"#).unwrap().items, [1]);
        assert_eq!(
            OPTIONAL.read::<Doc>(r#"{"schema_version": 2}"#).unwrap().schema_version,
            Some(2)
        );
        let err = REQUIRED.read::<Doc>(r#"{"schema_version": 1.5}"#).unwrap_err();
        assert!(
            matches!(err, DocumentError::UnsupportedVersion { ref found, .. } if found == "1.5"),
            "{err}"
        );
    }

    #[test]
    fn a_versioned_document_that_is_no_object_is_named_at_its_start() {
        let err = REQUIRED.read::<Doc>("\n  [1, 2]").unwrap_err();
        assert!(
            matches!(err, DocumentError::Json { line: 2, column: 3, syntax: false, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("the document is a list [ … ]"), "{err}");
        let err = OPTIONAL.read::<Doc>("5").unwrap_err();
        assert!(err.to_string().contains("the document is a number"), "{err}");
        // Deeper than the parser's recursion limit: the same answer.
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let big = DocumentReader::new("doc json", 1 << 20).versioned(
            "schema_version",
            &[1],
            VersionField::Required,
        );
        let err = big.read::<Doc>(&deep).unwrap_err();
        assert!(err.to_string().contains("the document is a list [ … ]"), "{err}");
    }

    #[test]
    fn rust_number_types_are_said_in_words() {
        assert_eq!(
            plain_words("invalid type: floating point `2030.5`, expected i32"),
            "invalid type: a number with a fraction `2030.5`, expected a whole number"
        );
        assert_eq!(
            plain_words("invalid value: integer `-1`, expected usize"),
            "invalid value: integer `-1`, expected a whole number, 0 or more"
        );
        // Only the whole name is replaced.
        assert_eq!(plain_words("expected u80"), "expected u80");
    }

    #[test]
    fn json_errors_name_the_path_line_and_column() {
        // Line 2, column 14 is the closing quote of "x", where the parser knows it has a string.
        let err = OPTIONAL.read::<Doc>("{\n \"items\": [\"x\"]}").unwrap_err();
        assert_eq!(
            err,
            DocumentError::Json {
                what: "doc json",
                path: "items[0]".to_owned(),
                line: 2,
                column: 14,
                message: "invalid type: string \"x\", expected a whole number from 0 to 255"
                    .to_owned(),
                syntax: false,
            }
        );
        // A syntax error the probe cannot get past still gets the full read's path.
        let err = OPTIONAL.read::<Doc>("{\"items\": [1,]}").unwrap_err();
        assert!(
            matches!(err, DocumentError::Json { ref path, syntax: true, .. } if path == "items"),
            "{err}"
        );
        let err = OPTIONAL.read::<Doc>("{} x").unwrap_err();
        assert!(matches!(err, DocumentError::Json { line: 1, column: 4, .. }), "{err}");
        let err = OPTIONAL.read::<Doc>("").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid doc json at . (line 1, column 0): EOF while parsing a value"
        );
    }
}
