//! Names and ids as people see them: one composed form (NFC), and no
//! character that prints as nothing, moves text around or breaks a line.
//!
//! Two strings that print alike must compare alike. A soft hyphen or a
//! zero-width space inside `Valencia` makes a different string that no
//! reader can see; a right-to-left override makes `abc` print as `cba`; a
//! decomposed `é` (`e` + U+0301) prints like the composed one but differs
//! byte for byte. [`visible_text`] is the one check every crate applies to
//! names and ids where they enter: it refuses the characters that hide,
//! and composes the rest.

use std::borrow::Cow;
use std::fmt;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Why a character is refused in a name or an id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HiddenKind {
    /// A control character (U+0000–U+001F, U+007F–U+009F): a tab, a line
    /// break, an escape.
    Control,
    /// A bidirectional control (U+061C, U+200E–U+200F, U+202A–U+202E,
    /// U+2066–U+2069): it reorders the text around it when printed.
    Bidi,
    /// A character that prints as nothing: a soft hyphen, zero-width space
    /// or joiner, word joiner, byte order mark, variation selector, tag, or
    /// another format character.
    Invisible,
    /// A space other than U+0020 (a no-break space, an ideographic space, a
    /// line or paragraph separator): it prints like a space but is not one.
    Space,
}

impl HiddenKind {
    /// What a person calls such a character.
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Self::Control => "a control character",
            Self::Bidi => "a bidirectional control",
            Self::Invisible => "an invisible character",
            Self::Space => "a space that is not a plain space",
        }
    }
}

/// Whether `c` is refused in names and ids, and why.
///
/// ```
/// use twinning_core::{HiddenKind, hidden_kind};
///
/// assert_eq!(hidden_kind('\u{ad}'), Some(HiddenKind::Invisible)); // soft hyphen
/// assert_eq!(hidden_kind('\u{202e}'), Some(HiddenKind::Bidi)); // right-to-left override
/// assert_eq!(hidden_kind('\t'), Some(HiddenKind::Control));
/// assert_eq!(hidden_kind('\u{a0}'), Some(HiddenKind::Space)); // no-break space
/// assert_eq!(hidden_kind('é'), None);
/// assert_eq!(hidden_kind(' '), None);
/// ```
#[must_use]
pub fn hidden_kind(c: char) -> Option<HiddenKind> {
    let kind = match u32::from(c) {
        0x00..=0x1F | 0x7F..=0x9F => HiddenKind::Control,
        0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069 => HiddenKind::Bidi,
        // Format characters (General_Category Cf) and the other
        // default-ignorable code points: they print as nothing.
        0x00AD
        | 0x034F
        | 0x0600..=0x0605
        | 0x06DD
        | 0x070F
        | 0x0890..=0x0891
        | 0x08E2
        | 0x115F..=0x1160
        | 0x17B4..=0x17B5
        | 0x180B..=0x180F
        | 0x200B..=0x200D
        | 0x2060..=0x2065
        | 0x206A..=0x206F
        | 0x3164
        | 0xFE00..=0xFE0F
        | 0xFEFF
        | 0xFFA0
        | 0xFFF0..=0xFFFB
        | 0x110BD
        | 0x110CD
        | 0x13430..=0x1343F
        | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF => HiddenKind::Invisible,
        0x00A0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 => {
            HiddenKind::Space
        }
        _ => return None,
    };
    Some(kind)
}

/// Why a name or an id was refused by [`visible_text`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HiddenText {
    /// The text holds a character that hides (see [`hidden_kind`]).
    Character {
        /// The character.
        character: char,
        /// Its kind.
        kind: HiddenKind,
        /// Its position, counted in characters from 1.
        position: usize,
    },
    /// An id starts or ends with a space, which no table shows. (Names are
    /// compared without their edge spaces, so [`visible_text`] keeps them.)
    EdgeSpace,
    /// An id is not in composed form (NFC): it would print like its
    /// composed spelling yet differ from it byte for byte.
    NotComposed,
}

impl fmt::Display for HiddenText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Character { character, kind, position } => write!(
                f,
                "{} (U+{:04X}) at character {position}, which prints as something else or as \
                 nothing; delete it or retype the text",
                kind.describe(),
                u32::from(*character)
            ),
            Self::EdgeSpace => {
                f.write_str("starts or ends with a space, which no table shows; remove it")
            }
            Self::NotComposed => f.write_str(
                "is not in composed form (Unicode NFC): an accent is stored as a separate \
                 mark; retype it or save the file with composed characters",
            ),
        }
    }
}

impl std::error::Error for HiddenText {}

/// `text` as it is compared everywhere: composed (Unicode NFC), so that a
/// decomposed `é` and a composed one are the same name — or why it is
/// refused: a character that prints as nothing or as something else (see
/// [`hidden_kind`]).
///
/// Text already composed is borrowed, not copied.
///
/// # Errors
///
/// [`HiddenText`] naming the first such character and its position.
///
/// ```
/// use twinning_core::visible_text;
///
/// assert_eq!(visible_text("Gent").unwrap(), "Gent");
/// // A decomposed é (e + U+0301) is composed.
/// assert_eq!(visible_text("Valence\u{301}").unwrap(), "Valencé");
/// // A soft hyphen, a zero-width space, a right-to-left override, a tab.
/// for bad in ["Valen\u{ad}cia", "Gent\u{200b}", "\u{202e}Gent", "Gent\tBE"] {
///     assert!(visible_text(bad).is_err(), "{bad:?}");
/// }
/// ```
pub fn visible_text(text: &str) -> Result<Cow<'_, str>, HiddenText> {
    check_visible(text)?;
    Ok(match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        IsNormalized::No | IsNormalized::Maybe => {
            let composed: String = text.nfc().collect();
            if composed == text { Cow::Borrowed(text) } else { Cow::Owned(composed) }
        }
    })
}

/// Checks an id, which is matched byte for byte and so is never changed:
/// [`visible_text`] must accept it as it is.
///
/// # Errors
///
/// [`HiddenText`] as [`visible_text`], and [`HiddenText::NotComposed`] when
/// composing the id (NFC) would change it, so that a composed and a
/// decomposed spelling never name two agents that print alike.
///
/// ```
/// use twinning_core::{HiddenText, visible_id};
///
/// assert!(visible_id("lyon-2026").is_ok());
/// assert_eq!(visible_id("Valence\u{301}"), Err(HiddenText::NotComposed));
/// assert!(visible_id("lyon\u{200d}").is_err());
/// ```
pub fn visible_id(text: &str) -> Result<(), HiddenText> {
    if text.starts_with(' ') || text.ends_with(' ') {
        return Err(HiddenText::EdgeSpace);
    }
    match visible_text(text)? {
        Cow::Borrowed(_) => Ok(()),
        Cow::Owned(_) => Err(HiddenText::NotComposed),
    }
}

/// Checks free text — a title, a note, a description, a source — that is
/// copied into calendars, Markdown, spreadsheets and web pages: line breaks
/// and tabs are kept, and spaces of every width are text; a control
/// character, a bidirectional control or a character that prints as
/// nothing is refused, since each prints differently (or not at all) in
/// each of those files.
///
/// # Errors
///
/// [`HiddenText::Character`] naming the first such character and its
/// position.
///
/// ```
/// use twinning_core::prose_text;
///
/// assert!(prose_text("Phase 1:\tpeer visits\nand a report").is_ok());
/// assert!(prose_text("Cohort\u{a0}5").is_ok()); // a no-break space is text
/// assert!(prose_text("Call\u{7}").is_err()); // a bell
/// assert!(prose_text("\u{202e}Call").is_err()); // a right-to-left override
/// assert!(prose_text("Call\r\nopens").is_err()); // write line breaks as \n
/// ```
pub fn prose_text(text: &str) -> Result<(), HiddenText> {
    for (i, c) in text.chars().enumerate() {
        if matches!(c, '\n' | '\t') {
            continue;
        }
        match hidden_kind(c) {
            None | Some(HiddenKind::Space) => {}
            Some(kind) => {
                return Err(HiddenText::Character { character: c, kind, position: i + 1 });
            }
        }
    }
    Ok(())
}

/// The first string of a JSON document that [`prose_text`] refuses, with
/// its field path (`phases[0].title`; an object key is checked too, with
/// the path of its object). Documents whose texts reach calendars,
/// Markdown or web pages check themselves with it when they are read.
#[must_use]
pub fn hidden_in_json(value: &serde_json::Value) -> Option<(String, HiddenText)> {
    fn walk(value: &serde_json::Value, path: &mut String) -> Option<(String, HiddenText)> {
        match value {
            serde_json::Value::String(s) => prose_text(s).err().map(|e| (shown(path), e)),
            serde_json::Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                let found = walk(v, path);
                path.truncate(len);
                found
            }),
            serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| {
                if let Err(e) = prose_text(k) {
                    return Some((shown(path), e));
                }
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
                let found = walk(v, path);
                path.truncate(len);
                found
            }),
            _ => None,
        }
    }
    fn shown(path: &str) -> String {
        if path.is_empty() { ".".to_owned() } else { path.to_owned() }
    }
    walk(value, &mut String::new())
}

fn check_visible(text: &str) -> Result<(), HiddenText> {
    for (i, c) in text.chars().enumerate() {
        if let Some(kind) = hidden_kind(c) {
            return Err(HiddenText::Character { character: c, kind, position: i + 1 });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(text: &str) -> (char, HiddenKind, usize) {
        match visible_text(text) {
            Err(HiddenText::Character { character, kind, position }) => (character, kind, position),
            other => panic!("{text:?} gave {other:?}"),
        }
    }

    #[test]
    fn characters_that_print_as_nothing_are_refused_with_their_place() {
        assert_eq!(refused("Valen\u{ad}cia"), ('\u{ad}', HiddenKind::Invisible, 6));
        assert_eq!(refused("Gent\u{200b}"), ('\u{200b}', HiddenKind::Invisible, 5));
        assert_eq!(refused("Gen\u{200d}t"), ('\u{200d}', HiddenKind::Invisible, 4));
        assert_eq!(refused("Gen\u{200c}t"), ('\u{200c}', HiddenKind::Invisible, 4));
        assert_eq!(refused("\u{feff}Gent"), ('\u{feff}', HiddenKind::Invisible, 1));
        assert_eq!(refused("Gent\u{e0041}"), ('\u{e0041}', HiddenKind::Invisible, 5));
    }

    #[test]
    fn bidi_controls_tabs_and_odd_spaces_are_refused() {
        assert_eq!(refused("\u{202e}tneG"), ('\u{202e}', HiddenKind::Bidi, 1));
        assert_eq!(refused("a\u{2067}b"), ('\u{2067}', HiddenKind::Bidi, 2));
        assert_eq!(refused("Gent\tBE"), ('\t', HiddenKind::Control, 5));
        assert_eq!(refused("Gent\n"), ('\n', HiddenKind::Control, 5));
        assert_eq!(refused("Gent\u{85}"), ('\u{85}', HiddenKind::Control, 5));
        assert_eq!(refused("Vitoria\u{a0}Gasteiz"), ('\u{a0}', HiddenKind::Space, 8));
        assert_eq!(visible_id(" Gent"), Err(HiddenText::EdgeSpace));
        assert_eq!(visible_id("Gent "), Err(HiddenText::EdgeSpace));
    }

    #[test]
    fn decomposed_text_is_composed_and_an_id_must_already_be() {
        // "é" as U+0065 U+0301 (NFD) and as U+00E9 (NFC).
        let nfd = "Liege\u{301}";
        let nfc = "Lieg\u{e9}";
        assert_eq!(visible_text(nfd).as_deref(), Ok(nfc));
        assert!(matches!(visible_text(nfc), Ok(Cow::Borrowed(_))));
        assert_eq!(visible_id(nfd), Err(HiddenText::NotComposed));
        assert_eq!(visible_id(nfc), Ok(()));
    }

    #[test]
    fn ordinary_names_of_every_script_pass_unchanged() {
        for name in ["Águeda", "Plzeň", "Θεσσαλονίκη", "Київ", "Başakşehir", "Vitoria-Gasteiz"]
        {
            assert!(matches!(visible_text(name), Ok(Cow::Borrowed(_))), "{name}");
        }
    }

    #[test]
    fn messages_name_the_code_point() {
        let e = visible_text("Valen\u{ad}cia").unwrap_err().to_string();
        assert!(e.contains("U+00AD") && e.contains("character 6"), "{e}");
    }
}
