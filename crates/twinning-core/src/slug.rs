use std::fmt;
use std::str::FromStr;

use crate::Error;

/// The longest slug accepted, in bytes.
pub const MAX_SLUG_LEN: usize = 64;

/// A short, stable, human-typed key: 1 to 64 characters from `a-z`, `0-9`,
/// `-` and `_`, starting with a letter or digit.
///
/// Slugs name built-in records (`aalborg`, `cohort-5`) and let people refer to
/// things inside their own documents (`A1`-style keys lowercased: `a1`,
/// `install-chargers`). Deterministic ids are derived from them with
/// [`CityId::from_slug`](crate::CityId::from_slug) and its siblings.
///
/// ```
/// use twinning_core::Slug;
///
/// let slug: Slug = "issy-les-moulineaux".parse()?;
/// assert_eq!(slug.as_str(), "issy-les-moulineaux");
/// assert!("Issy".parse::<Slug>().is_err()); // upper case is not normalised silently
/// # Ok::<(), twinning_core::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    /// Checks `text` and wraps it.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidSlug`] when `text` is empty, longer than
    /// [`MAX_SLUG_LEN`], starts with `-` or `_`, or holds any other character
    /// than `a-z`, `0-9`, `-`, `_`.
    pub fn new(text: impl Into<String>) -> Result<Self, Error> {
        let text = text.into();
        let reason = if text.is_empty() {
            Some("a slug cannot be empty")
        } else if text.len() > MAX_SLUG_LEN {
            Some("a slug has at most 64 characters")
        } else if text.starts_with(['-', '_']) {
            Some("a slug starts with a letter or a digit")
        } else if !text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        {
            Some("a slug holds only a-z, 0-9, '-' and '_'")
        } else {
            None
        };
        match reason {
            Some(reason) => Err(Error::InvalidSlug { value: text, reason }),
            None => Ok(Self(text)),
        }
    }

    /// The slug's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Slug {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl TryFrom<String> for Slug {
    type Error = Error;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> Self {
        slug.0
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_documented_alphabet() {
        for ok in ["a", "0", "cohort-5", "a_b", "x".repeat(64).as_str()] {
            assert!(Slug::new(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn rejects_everything_else() {
        for bad in ["", "-a", "_a", "A", "águeda", "a b", "a/b", "x".repeat(65).as_str()] {
            assert!(matches!(Slug::new(bad), Err(Error::InvalidSlug { .. })), "{bad}");
        }
    }
}
