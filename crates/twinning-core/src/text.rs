//! Checks on text handed to a loader before it is parsed.

/// What every JSON loader in the workspace says when the text starts with a
/// byte order mark (U+FEFF). JSON forbids the mark; some editors on Windows
/// write it before UTF-8, and skipping it quietly would change what was sent.
pub const BOM_MESSAGE: &str =
    "the text starts with a byte order mark (U+FEFF); save it as UTF-8 without BOM";

/// [`BOM_MESSAGE`] when `text` starts with a byte order mark, else `None`.
///
/// ```
/// use twinning_core::leading_bom;
///
/// assert!(leading_bom("\u{feff}{}").is_some());
/// assert_eq!(leading_bom("{}"), None);
/// assert_eq!(leading_bom("{\"a\": \"\u{feff}\"}"), None);
/// ```
#[must_use]
pub fn leading_bom(text: &str) -> Option<&'static str> {
    text.starts_with('\u{feff}').then_some(BOM_MESSAGE)
}

/// Line numbers of byte offsets in one text, counted from the text itself,
/// for readers whose parser reports only a byte position (or a wrong line:
/// the csv crate's count is one too low after a CRLF line end).
///
/// Offsets must come in increasing order, so the text is scanned once.
///
/// ```
/// use twinning_core::LineIndex;
///
/// let text = "name\r\nLyon\r\nGent\r\n";
/// let mut lines = LineIndex::new(text);
/// assert_eq!(lines.line_at(6), 2); // "Lyon" starts at byte 6
/// assert_eq!(lines.line_at(11), 3); // the csv crate puts "Gent" at its `\n`
/// ```
#[derive(Clone, Debug)]
pub struct LineIndex<'t> {
    text: &'t [u8],
    offset: usize,
    line: u64,
}

impl<'t> LineIndex<'t> {
    /// An index over `text`, at its first line.
    #[must_use]
    pub fn new(text: &'t str) -> Self {
        LineIndex { text: text.as_bytes(), offset: 0, line: 1 }
    }

    /// The 1-based line of the record that starts at `byte`: line-end bytes
    /// at `byte` are skipped, since a record begins after them.
    pub fn line_at(&mut self, byte: u64) -> u64 {
        let mut byte = usize::try_from(byte).unwrap_or(usize::MAX).min(self.text.len());
        while matches!(self.text.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte > self.offset {
            let skipped = self.text.get(self.offset..byte).unwrap_or_default();
            let newlines = skipped.iter().filter(|&&b| b == b'\n').count();
            self.line = self.line.saturating_add(u64::try_from(newlines).unwrap_or(u64::MAX));
            self.offset = byte;
        }
        self.line
    }
}
