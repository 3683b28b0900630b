use std::fmt;
use std::str::FromStr;

use std::collections::BTreeMap;

use crate::{Error, fold_name};

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

    /// The slug of a name: the name folded by [`fold_name`] (accents,
    /// case, Greek and Cyrillic letters), words joined by `-`, cut at a word
    /// boundary to at most [`MAX_SLUG_LEN`] bytes.
    ///
    /// Two different names can give the same slug (two long names that
    /// share their first 64 bytes, or `Tokyo 東京` and `Tokyo`, whose other
    /// script is dropped):
    /// a caller that makes ids from several names uses [`SlugSet`], which
    /// refuses such a collision instead of merging two records.
    ///
    /// ```
    /// use twinning_core::Slug;
    ///
    /// assert_eq!(Slug::from_name("Dolní Počernice")?.as_str(), "dolni-pocernice");
    /// assert_eq!(Slug::from_name("Θεσσαλονίκη")?.as_str(), "thessaloniki");
    /// assert!(Slug::from_name("---").is_err());
    /// # Ok::<(), twinning_core::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::NoSlug`] when the name holds no letter or digit that folds
    /// to `a-z` or `0-9` (for instance a name written only in a script the
    /// fold does not transliterate).
    pub fn from_name(name: &str) -> Result<Self, Error> {
        let mut slug = String::new();
        for word in fold_name(name).split(' ') {
            let word: String = word.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
            if word.is_empty() {
                continue;
            }
            let sep = usize::from(!slug.is_empty());
            if slug.len() + sep + word.len() > MAX_SLUG_LEN {
                if slug.is_empty() {
                    // One word longer than a slug: cut inside it (ASCII, so
                    // any byte is a character boundary).
                    slug = word.chars().take(MAX_SLUG_LEN).collect();
                }
                break;
            }
            if sep == 1 {
                slug.push('-');
            }
            slug.push_str(&word);
        }
        if slug.is_empty() {
            return Err(Error::NoSlug { name: name.to_owned() });
        }
        Self::new(slug)
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

/// Slugs handed out for a set of names, so that two different names never
/// share one silently.
///
/// The same name (up to [`fold_name`]: `Plzeň` and `PLZEN`) always gets the
/// same slug; a different name whose slug is already taken is an error
/// naming both, so the caller can give one of them an id of its own.
///
/// ```
/// use twinning_core::SlugSet;
///
/// let mut slugs = SlugSet::new();
/// let plzen = slugs.insert("Plzeň")?;
/// assert_eq!(slugs.insert("PLZEN")?, plzen);
/// let denis = slugs.insert("Saint-Denis")?;
/// assert_eq!(slugs.insert("Saint Denis!")?, denis); // the same words: the same name
/// assert!(slugs.insert("Saint-Denis 聖").is_err()); // another name, the same slug
/// # Ok::<(), twinning_core::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct SlugSet {
    /// Each slug with the first name that took it and that name's fold.
    taken: BTreeMap<Slug, (String, String)>,
}

impl SlugSet {
    /// An empty set.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The slug of `name`, recorded as taken by it.
    ///
    /// # Errors
    ///
    /// [`Error::NoSlug`] as [`Slug::from_name`]; [`Error::SlugCollision`]
    /// when another name (one that folds differently) already has this slug.
    pub fn insert(&mut self, name: &str) -> Result<Slug, Error> {
        let slug = Slug::from_name(name)?;
        let folded = fold_name(name);
        match self.taken.get(&slug) {
            Some((first, first_folded)) if *first_folded != folded => Err(Error::SlugCollision {
                slug: slug.to_string(),
                first: first.clone(),
                second: name.to_owned(),
            }),
            Some(_) => Ok(slug),
            None => {
                self.taken.insert(slug.clone(), (name.to_owned(), folded));
                Ok(slug)
            }
        }
    }

    /// How many different slugs are taken.
    #[must_use]
    pub fn len(&self) -> usize {
        self.taken.len()
    }

    /// Whether no slug is taken.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.taken.is_empty()
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

    #[test]
    fn names_in_any_script_get_distinct_slugs() {
        // Before, every Greek or Cyrillic name became the same fallback slug.
        let mut set = SlugSet::new();
        let a = set.insert("Αθήνα").unwrap();
        let b = set.insert("Пловдив").unwrap();
        assert_eq!((a.as_str(), b.as_str()), ("athina", "plovdiv"));
    }

    #[test]
    fn a_collision_names_both_names() {
        let long = "a".repeat(40);
        let mut set = SlugSet::new();
        set.insert(&format!("{long} {long} one")).unwrap();
        let err = set.insert(&format!("{long} {long} two")).unwrap_err();
        assert!(matches!(err, Error::SlugCollision { .. }), "{err}");
        assert!(err.to_string().contains("one") && err.to_string().contains("two"), "{err}");
    }

    #[test]
    fn slugs_are_cut_at_a_word_boundary() {
        let name = format!("{} {}", "b".repeat(60), "tail");
        assert_eq!(Slug::from_name(&name).unwrap().as_str(), "b".repeat(60));
        assert_eq!(Slug::from_name(&"c".repeat(80)).unwrap().as_str().len(), MAX_SLUG_LEN);
    }

    #[test]
    fn a_name_without_letters_has_no_slug() {
        assert!(matches!(Slug::from_name(" - "), Err(Error::NoSlug { .. })));
        assert!(matches!(Slug::from_name("東京"), Err(Error::NoSlug { .. })));
    }
}
