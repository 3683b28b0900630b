//! The convention a file writes its numbers in, declared rather than
//! guessed: `150.000` is 150 thousand in German and 150 in English.

use std::fmt;
use std::str::FromStr;

/// How numbers are written: which character groups thousands and which
/// marks decimals.
///
/// Undeclared ([`NumberLocale::Plain`]), a number is digits with at most one
/// point for decimals, and readers refuse anything a European and an English
/// reader would read differently (`"1,500"`, `"150.000"` as euros). A file
/// written under a convention declares it, and [`NumberLocale::to_plain`]
/// turns its numbers into plain ones, checking the grouping strictly
/// (groups of three digits), so that no value changes silently.
///
/// ```
/// use twinning_core::NumberLocale;
///
/// let de: NumberLocale = "de".parse()?;
/// assert_eq!(de.to_plain("150.000")?, "150000");
/// assert_eq!(de.to_plain("1.500,50")?, "1500.50");
/// assert_eq!(NumberLocale::En.to_plain("1,500.50")?, "1500.50");
/// assert_eq!(NumberLocale::Fr.to_plain("1 500,5")?, "1500.5");
/// assert!(de.to_plain("1,500.50").is_err()); // not German grouping
/// assert!(de.to_plain("15.00").is_err()); // a point groups three digits
/// # Ok::<(), String>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum NumberLocale {
    /// Not declared: digits, and a point for decimals; nothing else.
    #[default]
    Plain,
    /// German and most of continental Europe (`de`): a point groups
    /// thousands, a comma marks decimals — `1.500,50`, `150.000`.
    De,
    /// English (`en`): a comma groups thousands, a point marks decimals —
    /// `1,500.50`.
    En,
    /// French (`fr`): a space (or a no-break space) groups thousands, a
    /// comma marks decimals — `1 500,50`.
    Fr,
}

impl NumberLocale {
    /// Every convention, in the order of [`NumberLocale::key`]s listed in
    /// messages.
    pub const ALL: [NumberLocale; 4] =
        [NumberLocale::Plain, NumberLocale::De, NumberLocale::En, NumberLocale::Fr];

    /// The key a user writes (`plain`, `de`, `en`, `fr`).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            NumberLocale::Plain => "plain",
            NumberLocale::De => "de",
            NumberLocale::En => "en",
            NumberLocale::Fr => "fr",
        }
    }

    /// The characters that group thousands, and the decimal mark.
    fn marks(self) -> (&'static [char], char) {
        match self {
            NumberLocale::Plain => (&[], '.'),
            NumberLocale::De => (&['.'], ','),
            NumberLocale::En => (&[','], '.'),
            NumberLocale::Fr => (&[' ', '\u{a0}', '\u{202f}'], ','),
        }
    }

    /// `text` as a plain number (an optional `-`, digits, and a point
    /// before decimals), read under this convention. [`NumberLocale::Plain`]
    /// gives the trimmed text back for the caller's own checks.
    ///
    /// # Errors
    ///
    /// A sentence saying how `text` breaks the convention: a character that
    /// is neither a digit nor one of its marks, two decimal marks, or
    /// thousands groups that are not of three digits.
    pub fn to_plain(self, text: &str) -> Result<String, String> {
        let s = text.trim();
        if self == NumberLocale::Plain {
            return Ok(s.to_owned());
        }
        let (group, decimal) = self.marks();
        let (sign, body) = match s.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", s),
        };
        let rule = || {
            let g = match self {
                NumberLocale::Fr => "a space".to_owned(),
                _ => format!("{:?}", group.first().copied().unwrap_or(' ')),
            };
            format!(
                "under the {} convention {g} groups thousands in threes and {decimal:?} marks decimals",
                self.key()
            )
        };
        if let Some(c) =
            body.chars().find(|c| !c.is_ascii_digit() && *c != decimal && !group.contains(c))
        {
            return Err(format!("{text:?} has {c:?}: {}", rule()));
        }
        let (int, frac) = match body.split_once(decimal) {
            Some((i, f)) => (i, Some(f)),
            None => (body, None),
        };
        if let Some(f) = frac
            && (f.is_empty() || !f.chars().all(|c| c.is_ascii_digit()))
        {
            return Err(format!("{text:?}: {}; the decimals are digits only", rule()));
        }
        let groups: Vec<&str> = int.split(|c| group.contains(&c)).collect();
        let well_grouped = match groups.split_first() {
            Some((first, rest)) => {
                !first.is_empty()
                    && (rest.is_empty() || first.len() <= 3)
                    && rest.iter().all(|g| g.len() == 3)
            }
            None => false,
        };
        if !well_grouped {
            return Err(format!("{text:?} is not grouped in threes: {}", rule()));
        }
        let mut out = String::with_capacity(s.len());
        out.push_str(sign);
        out.extend(groups);
        if let Some(f) = frac {
            out.push('.');
            out.push_str(f);
        }
        Ok(out)
    }
}

/// A whole number written with ASCII digits only: no sign, no spaces, no
/// separators, no other script's digits. Rust's own `str::parse` takes
/// `+2030` for 2030; a person who typed a sign meant something else, so it
/// is refused here rather than read over. `None` also when the value does
/// not fit `T`.
///
/// ```
/// use twinning_core::parse_digits;
///
/// assert_eq!(parse_digits::<i32>("2030"), Some(2030));
/// assert_eq!(parse_digits::<i32>("+2030"), None);
/// assert_eq!(parse_digits::<u8>("300"), None);
/// assert_eq!(parse_digits::<u32>("２０３０"), None);
/// ```
pub fn parse_digits<T: FromStr>(text: &str) -> Option<T> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

impl fmt::Display for NumberLocale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for NumberLocale {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let key = s.trim().to_ascii_lowercase();
        NumberLocale::ALL.into_iter().find(|l| l.key() == key).ok_or_else(|| {
            format!(
                "unknown number convention {s:?}: one of plain, de (1.500,50), en (1,500.50), fr (1 500,50)"
            )
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    #[test]
    fn each_convention_reads_its_own_numbers_only() {
        use NumberLocale::{De, En, Fr};
        for (locale, text, plain) in [
            (De, "150.000", "150000"),
            (De, "1.500.000,25", "1500000.25"),
            (De, "-3,5", "-3.5"),
            (De, "12", "12"),
            (En, "1,500", "1500"),
            (En, "150.000", "150.000"),
            (En, "1,500,000.25", "1500000.25"),
            (Fr, "150\u{202f}000", "150000"),
            (Fr, "1\u{a0}500,25", "1500.25"),
        ] {
            assert_eq!(locale.to_plain(text).as_deref(), Ok(plain), "{locale} {text}");
        }
        for (locale, text) in [
            (De, "1,500.50"),
            (De, "15.00"),
            (De, "1.5000"),
            (De, "1,2,3"),
            (De, ",5"),
            (De, "1,"),
            (En, "1.500,50"),
            (En, "1,50"),
            (En, "1 500"),
            (Fr, "1.500"),
            (Fr, "1500 000"),
            (De, ""),
            (De, "-"),
            (En, "1e5"),
        ] {
            assert!(locale.to_plain(text).is_err(), "{locale} {text}");
        }
        assert_eq!(NumberLocale::Plain.to_plain(" 1,5 ").as_deref(), Ok("1,5"));
        assert_eq!("DE".parse::<NumberLocale>(), Ok(De));
        assert!("xx".parse::<NumberLocale>().unwrap_err().contains("de (1.500,50)"));
    }
}
