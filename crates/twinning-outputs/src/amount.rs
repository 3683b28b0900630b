//! Numbers as people write them in output documents: an amount never
//! changes value silently.
//!
//! Amounts and quantities are read from a JSON number or a string of plain
//! digits with an optional `.` and decimals (the published schema's
//! `^-?\d+(\.\d+)?([eE]\d+)?$`). A string a European and an English reader
//! would read differently is refused with a hint instead of guessed:
//! `"1,500"` (a comma), `"150 000"` (spaces), `"1.500.000"` (several
//! points) and, for euro amounts, `"150.000"` — a point followed by
//! exactly three digits, which is 150 thousand in most of Europe. Euro
//! amounts have at most two decimals (cents), so whatever is read is
//! written back (as a string) unchanged.
//!
//! A document read under a declared [`NumberLocale`]
//! ([`Document::from_json_in`](crate::Document::from_json_in)) has its
//! number strings read under that convention instead: `"150.000"` is 150
//! thousand under `de`, `"1,500"` is fifteen hundred under `en`, and a string
//! that breaks the convention is refused.

use std::cell::Cell;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use twinning_core::NumberLocale;

thread_local! {
    /// The convention of the document being read on this thread.
    static LOCALE: Cell<NumberLocale> = const { Cell::new(NumberLocale::Plain) };
}

/// Runs `read` with number strings read under `locale`, restoring the
/// previous convention afterwards.
pub(crate) fn with_locale<T>(locale: NumberLocale, read: impl FnOnce() -> T) -> T {
    let previous = LOCALE.with(|l| l.replace(locale));
    let out = read();
    LOCALE.with(|l| l.set(previous));
    out
}

/// The most significant digits a JSON number keeps exactly through the
/// parser's 64-bit float: more must be written as a string.
const FLOAT_DIGITS: usize = 15;

fn cents(text: &str) -> String {
    format!("{text}: a euro amount has at most two decimals (cents), e.g. \"12000.50\"")
}

/// A euro amount as a person types it (in a form, a cell): digits with a
/// point before at most two decimals. What a European and an English reader
/// would read differently is refused with a sentence saying how to write it:
/// `"1.500"` (one and a half, or fifteen hundred?), `"1,5"`, a currency sign.
///
/// ```
/// use rust_decimal::Decimal;
/// use twinning_outputs::parse_eur;
///
/// assert_eq!(parse_eur("12000.50"), Ok(Decimal::new(1_200_050, 2)));
/// assert!(parse_eur("1.500").unwrap_err().contains("ambiguous"));
/// assert!(parse_eur("1,5").is_err());
/// assert!(parse_eur("+15").is_err());
/// ```
///
/// # Errors
///
/// The sentence, quoting `text`.
pub fn parse_eur(text: &str) -> Result<Decimal, String> {
    with_locale(NumberLocale::Plain, || parse(text, true))
}

/// A quantity (an indicator's value, a weight, a score) as a person types
/// it: as [`parse_eur`], with any number of decimals.
///
/// # Errors
///
/// The sentence, quoting `text`.
pub fn parse_quantity(text: &str) -> Result<Decimal, String> {
    with_locale(NumberLocale::Plain, || parse(text, false))
}

/// Reads a number written in a string, naming what is ambiguous.
fn parse(text: &str, euros: bool) -> Result<Decimal, String> {
    let locale = LOCALE.with(Cell::get);
    if locale != NumberLocale::Plain {
        let plain = locale.to_plain(text)?;
        if euros && plain.split_once('.').is_some_and(|(_, f)| f.len() > 2) {
            return Err(cents(text));
        }
        return Decimal::from_str(&plain).map_err(|_| format!("{text:?} is out of range"));
    }
    let s = text.trim();
    if s.contains('€') || s.to_ascii_uppercase().contains("EUR") {
        return Err(format!(
            "{text:?}: write the number alone (amounts are in euros), e.g. \"12000.00\""
        ));
    }
    if s.contains([' ', '\u{a0}', '\u{202f}', '\'', '_']) {
        return Err(format!(
            "{text:?}: write the number without spaces or separators, e.g. \"150000\""
        ));
    }
    if s.contains(',') {
        return Err(format!(
            "{text:?} has a comma, which is a thousands separator in English and a decimal \
             point in most of Europe: write 1500 for one thousand five hundred, 1.5 for one and \
             a half, or declare the file's number convention (de or en)"
        ));
    }
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = int.strip_prefix('-').unwrap_or(int);
    if frac.contains('.') {
        return Err(format!(
            "{text:?} has several points (thousands separators?): write {} without them, or \
             declare the file's number convention (de)",
            s.replace('.', "")
        ));
    }
    if euros && frac.len() == 3 && (1..=3).contains(&digits.len()) {
        return Err(format!(
            "{text:?} is ambiguous: {} euros with a thousands point, or {int}.{} with cents? \
             write {} or {int}.{}, or declare the file's number convention (de or en)",
            s.replace('.', ""),
            frac.get(..2).unwrap_or(frac),
            s.replace('.', ""),
            frac.get(..2).unwrap_or(frac)
        ));
    }
    if euros && frac.len() > 2 {
        return Err(cents(text));
    }
    let plain = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && frac.chars().all(|c| c.is_ascii_digit())
        && (frac.is_empty() != s.contains('.'));
    let parsed = if plain {
        Decimal::from_str(s).ok()
    } else if s.contains(['e', 'E']) {
        Decimal::from_scientific(s).ok()
    } else {
        None
    };
    parsed.ok_or_else(|| {
        format!(
            "{text:?} is not a number; write digits with a point for decimals, e.g. \"12000.50\""
        )
    })
}

struct Visitor {
    euros: bool,
}

impl serde::de::Visitor<'_> for Visitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, such as 12000.50 or \"12000.50\"")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse(v, self.euros).map_err(E::custom)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
        // The shortest text that reads back as the same float: the number as
        // written when it has at most 15 significant digits.
        let text = format!("{v}");
        let significant = text.chars().filter(char::is_ascii_digit).count();
        if !v.is_finite() || significant > FLOAT_DIGITS {
            return Err(E::custom(format!(
                "{v} has more digits than a JSON number keeps exactly: write it as a string, \
                 e.g. \"{text}\""
            )));
        }
        if self.euros && text.split_once('.').is_some_and(|(_, f)| f.len() > 2) {
            return Err(E::custom(cents(&text)));
        }
        Decimal::from_str(&text).map_err(|_| E::custom(format!("{v} is out of range")))
    }
}

/// A euro amount: refuses `"150.000"`-like strings (see the module docs).
pub(crate) fn eur<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(Visitor { euros: true })
}

/// A quantity (a KPI value, a weight, a score): any plain number.
pub(crate) fn quantity<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(Visitor { euros: false })
}

/// An optional quantity: `null` or absent is `None`.
pub(crate) fn quantity_opt<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    struct Maybe;
    impl<'de> serde::de::Visitor<'de> for Maybe {
        type Value = Option<Decimal>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a number or null")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: serde::Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            quantity(d).map(Some)
        }
    }
    d.deserialize_option(Maybe)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    fn eur_json(json: &str) -> Result<Decimal, String> {
        let mut de = serde_json::Deserializer::from_str(json);
        eur(&mut de).map_err(|e| e.to_string())
    }

    #[test]
    fn plain_numbers_are_read_as_written() {
        assert_eq!(eur_json("12000").unwrap(), Decimal::new(12000, 0));
        assert_eq!(eur_json("12000.5").unwrap(), Decimal::new(120005, 1));
        assert_eq!(eur_json("\"12000.50\"").unwrap(), Decimal::new(1200050, 2));
        assert_eq!(eur_json("0.1").unwrap(), Decimal::new(1, 1));
        assert_eq!(eur_json("\"150000\"").unwrap(), Decimal::new(150_000, 0));
        // More than two decimals are no cents.
        assert!(eur_json("\"1.5000\"").unwrap_err().contains("cents"));
        assert!(eur_json("150.125").unwrap_err().contains("cents"));
    }

    #[test]
    fn ambiguous_separators_are_refused_with_a_hint() {
        let e = eur_json("\"150.000\"").unwrap_err();
        assert!(e.contains("150000") && e.contains("150.00"), "{e}");
        assert!(eur_json("\"1,500\"").unwrap_err().contains("comma"));
        assert!(eur_json("\"1.500.000\"").unwrap_err().contains("1500000"));
        assert!(eur_json("\"150 000\"").unwrap_err().contains("spaces"));
        assert!(eur_json("\"€ 100\"").unwrap_err().contains("euros"));
        assert!(eur_json("\"abc\"").unwrap_err().contains("not a number"));
        // A quantity may have three decimals (a rate of 0.125).
        let mut de = serde_json::Deserializer::from_str("\"0.125\"");
        assert_eq!(quantity(&mut de).unwrap(), Decimal::new(125, 3));
    }

    #[test]
    fn a_json_number_with_more_digits_than_a_float_keeps_is_refused() {
        assert!(eur_json("12345678901234567.25").unwrap_err().contains("string"));
        assert_eq!(
            eur_json("\"12345678901234567.25\"").unwrap(),
            Decimal::new(1_234_567_890_123_456_725, 2)
        );
    }
}
