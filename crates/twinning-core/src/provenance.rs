use std::fmt;

use chrono::NaiveDate;

use crate::Error;

/// How sure the library is of a fact taken from documents.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// A source states the fact directly.
    Confirmed,
    /// The fact is deduced from what sources state; the reasoning is in the note.
    Inferred,
    /// No source seen confirms the fact; it is the best available reading.
    Uncertain,
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Confirmed => "confirmed",
            Self::Inferred => "inferred",
            Self::Uncertain => "uncertain",
        })
    }
}

/// Where a fact comes from and how sure we are of it.
///
/// `source` is a short reference a reader can follow (a web address, a
/// document name, `seed 001`), `as_of` the date the source speaks for when it
/// is known, and `note` the reasoning behind an inferred or uncertain fact.
///
/// ```
/// use twinning_core::{Confidence, Provenance};
///
/// let p = Provenance::inferred("dutpartnership.eu/projects/urban-collar", "case area named in the project's site");
/// assert_eq!(p.confidence(), Confidence::Inferred);
/// assert!(Provenance::new("", Confidence::Confirmed).is_err());
/// ```
#[derive(Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "RawProvenance", into = "RawProvenance")]
pub struct Provenance {
    source: String,
    as_of: Option<NaiveDate>,
    confidence: Confidence,
    note: Option<String>,
}

/// The serialized shape of a [`Provenance`].
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RawProvenance {
    source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    as_of: Option<NaiveDate>,
    confidence: Confidence,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

impl TryFrom<RawProvenance> for Provenance {
    type Error = Error;

    fn try_from(raw: RawProvenance) -> Result<Self, Self::Error> {
        let mut p = Provenance::new(raw.source, raw.confidence)?;
        p.as_of = raw.as_of;
        p.note = raw.note;
        Ok(p)
    }
}

impl From<Provenance> for RawProvenance {
    fn from(p: Provenance) -> Self {
        Self { source: p.source, as_of: p.as_of, confidence: p.confidence, note: p.note }
    }
}

impl Provenance {
    /// A fact from `source` held with `confidence`.
    ///
    /// # Errors
    ///
    /// [`Error::EmptySource`] when `source` is empty or only white space.
    pub fn new(source: impl Into<String>, confidence: Confidence) -> Result<Self, Error> {
        let source = source.into();
        if source.trim().is_empty() {
            return Err(Error::EmptySource);
        }
        Ok(Self { source, as_of: None, confidence, note: None })
    }

    /// A fact that `source` states directly. An empty `source` is recorded as
    /// `"unknown source"` so that the fact is never without a trail.
    pub fn confirmed(source: impl Into<String>) -> Self {
        Self::infallible(source.into(), Confidence::Confirmed, None)
    }

    /// A fact deduced from `source`, with the reasoning in `note`.
    pub fn inferred(source: impl Into<String>, note: impl Into<String>) -> Self {
        Self::infallible(source.into(), Confidence::Inferred, Some(note.into()))
    }

    /// A fact no source confirms, with what is known in `note`.
    pub fn uncertain(source: impl Into<String>, note: impl Into<String>) -> Self {
        Self::infallible(source.into(), Confidence::Uncertain, Some(note.into()))
    }

    fn infallible(source: String, confidence: Confidence, note: Option<String>) -> Self {
        let source = if source.trim().is_empty() { "unknown source".to_owned() } else { source };
        Self { source, as_of: None, confidence, note }
    }

    /// The same provenance, speaking for the state of things on `day`.
    #[must_use]
    pub fn with_as_of(self, day: NaiveDate) -> Self {
        Self { as_of: Some(day), ..self }
    }

    /// The same provenance with `note` attached (replacing any earlier note).
    #[must_use]
    pub fn with_note(self, note: impl Into<String>) -> Self {
        Self { note: Some(note.into()), ..self }
    }

    /// The source reference.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The date the source speaks for, when known.
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.as_of
    }

    /// How sure the fact is.
    pub fn confidence(&self) -> Confidence {
        self.confidence
    }

    /// The reasoning or caveat attached, if any.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

impl fmt::Debug for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Provenance")
            .field("source", &self.source)
            .field("as_of", &self.as_of)
            .field("confidence", &self.confidence)
            .field("note", &self.note)
            .finish()
    }
}

impl fmt::Display for Provenance {
    /// `seed 001 (confirmed)`, `NZC page (inferred, as of 2025-09-12): reasoning`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}", self.source, self.confidence)?;
        if let Some(day) = self.as_of {
            write!(f, ", as of {day}")?;
        }
        f.write_str(")")?;
        if let Some(note) = &self.note {
            write!(f, ": {note}")?;
        }
        Ok(())
    }
}

/// A value together with where it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Where the value comes from.
    pub provenance: Provenance,
}

impl<T> Sourced<T> {
    /// Pairs `value` with its provenance.
    pub fn new(value: T, provenance: Provenance) -> Self {
        Self { value, provenance }
    }
}

/// A fact as sources report it: the reading the library follows, and every
/// other reading a source gives, none dropped.
///
/// When sources disagree (one page says 40 cities, a later one 37), all
/// readings are kept; `followed` is the one the library acts on and
/// `rationale` says why.
///
/// ```
/// use twinning_core::{Provenance, Reported, Sourced};
///
/// let size = Reported::disputed(
///     Sourced::new(40, Provenance::confirmed("NZC news, 25 Sep 2023")),
///     vec![Sourced::new(37, Provenance::confirmed("NZC twinning page, 2025"))],
///     "the selection announcement counts the cities selected",
/// );
/// assert_eq!(*size.value(), 40);
/// assert!(size.is_disputed());
/// assert_eq!(size.all().map(|s| s.value).collect::<Vec<_>>(), [40, 37]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Reported<T> {
    followed: Sourced<T>,
    #[serde(default = "Vec::<Sourced<T>>::new", skip_serializing_if = "Vec::is_empty")]
    alternatives: Vec<Sourced<T>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    rationale: Option<String>,
}

impl<T> Reported<T> {
    /// A fact on which the sources agree (or only one source speaks).
    pub fn single(value: T, provenance: Provenance) -> Self {
        Self {
            followed: Sourced::new(value, provenance),
            alternatives: Vec::new(),
            rationale: None,
        }
    }

    /// A fact the sources disagree on: `followed` is acted on, `alternatives`
    /// are kept, `rationale` says why `followed` was chosen.
    pub fn disputed(
        followed: Sourced<T>,
        alternatives: Vec<Sourced<T>>,
        rationale: impl Into<String>,
    ) -> Self {
        Self { followed, alternatives, rationale: Some(rationale.into()) }
    }

    /// The value the library acts on.
    pub fn value(&self) -> &T {
        &self.followed.value
    }

    /// The followed reading with its provenance.
    pub fn followed(&self) -> &Sourced<T> {
        &self.followed
    }

    /// The other readings, in the order they were recorded.
    pub fn alternatives(&self) -> &[Sourced<T>] {
        &self.alternatives
    }

    /// Why the followed reading was chosen, when there was a choice.
    pub fn rationale(&self) -> Option<&str> {
        self.rationale.as_deref()
    }

    /// Whether any source disagrees with the followed reading.
    pub fn is_disputed(&self) -> bool {
        !self.alternatives.is_empty()
    }

    /// Every reading, the followed one first.
    pub fn all(&self) -> impl Iterator<Item = &Sourced<T>> {
        std::iter::once(&self.followed).chain(&self.alternatives)
    }
}
