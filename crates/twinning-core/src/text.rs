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
