//! Ids that print as what they are.
//!
//! The matcher depends on no sibling crate, so this is its own copy of
//! `twinning_core::visible_id`; a test of the facade crate checks, character
//! by character, that the two refuse the same ids.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Why `id` would print like another id, or `None` when it cannot: a
/// control character, a bidirectional control, a character that prints as
/// nothing, a space other than U+0020, a space at either end, or a
/// decomposed (not NFC) spelling.
pub(super) fn hidden_in_id(id: &str) -> Option<String> {
    for (i, c) in id.chars().enumerate() {
        if let Some(what) = hidden(c) {
            return Some(format!(
                "holds {what} (U+{:04X}) at character {}, which prints as something else or as \
                 nothing; delete it",
                u32::from(c),
                i + 1
            ));
        }
    }
    if id.starts_with(' ') || id.ends_with(' ') {
        return Some("starts or ends with a space, which no table shows; remove it".to_owned());
    }
    let composed = match is_nfc_quick(id.chars()) {
        IsNormalized::Yes => true,
        IsNormalized::No | IsNormalized::Maybe => id.nfc().eq(id.chars()),
    };
    (!composed).then(|| {
        "is not in composed form (Unicode NFC): an accent is stored as a separate mark; retype \
         it or save the file with composed characters"
            .to_owned()
    })
}

/// What a person calls `c` when ids refuse it (the table of
/// `twinning_core::hidden_kind`).
fn hidden(c: char) -> Option<&'static str> {
    Some(match u32::from(c) {
        0x00..=0x1F | 0x7F..=0x9F => "a control character",
        0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069 => "a bidirectional control",
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
        | 0xE0000..=0xE0FFF => "an invisible character",
        0x00A0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 => {
            "a space that is not a plain space"
        }
        _ => return None,
    })
}
