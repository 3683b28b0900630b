use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::Error;

/// A closed range of calendar days, `start..=end`, that cannot be inverted.
///
/// Both ends are included: a one-day event has `start == end`. Constructing
/// or deserializing a range whose end lies before its start fails, so every
/// value of this type is well-formed.
///
/// ```
/// use chrono::NaiveDate;
/// use twinning_core::DateRange;
///
/// let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
/// let conference = DateRange::new(day(5, 28), day(5, 29))?;
/// assert!(conference.contains(day(5, 29)));
/// assert_eq!(conference.days(), 2);
/// assert!(DateRange::new(day(5, 29), day(5, 28)).is_err());
/// # Ok::<(), twinning_core::Error>(())
/// ```
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "RawDateRange", into = "RawDateRange")]
pub struct DateRange {
    start: NaiveDate,
    end: NaiveDate,
}

/// The serialized shape of a [`DateRange`]: `{"start": "YYYY-MM-DD", "end": "YYYY-MM-DD"}`.
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RawDateRange {
    start: NaiveDate,
    end: NaiveDate,
}

impl TryFrom<RawDateRange> for DateRange {
    type Error = Error;

    fn try_from(raw: RawDateRange) -> Result<Self, Self::Error> {
        Self::new(raw.start, raw.end)
    }
}

impl From<DateRange> for RawDateRange {
    fn from(range: DateRange) -> Self {
        Self { start: range.start, end: range.end }
    }
}

impl DateRange {
    /// The days from `start` to `end`, both included.
    ///
    /// # Errors
    ///
    /// [`Error::InvertedDateRange`] when `end` is before `start`.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self, Error> {
        if end < start {
            Err(Error::InvertedDateRange { start, end })
        } else {
            Ok(Self { start, end })
        }
    }

    /// The range holding the single day `day`.
    pub fn day(day: NaiveDate) -> Self {
        Self { start: day, end: day }
    }

    /// The first day.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The last day (included).
    pub fn end(&self) -> NaiveDate {
        self.end
    }

    /// Whether `day` lies in the range (ends included).
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    /// Whether `other` lies wholly inside this range.
    pub fn encloses(&self, other: &DateRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two ranges share at least one day.
    pub fn overlaps(&self, other: &DateRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// The days both ranges share, if any.
    pub fn intersection(&self, other: &DateRange) -> Option<DateRange> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start <= end).then_some(DateRange { start, end })
    }

    /// The smallest range that holds both.
    pub fn span(&self, other: &DateRange) -> DateRange {
        DateRange { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// How many days the range holds, both ends counted (at least 1).
    pub fn days(&self) -> u64 {
        // `end >= start`, so the difference is never negative.
        u64::try_from((self.end - self.start).num_days()).unwrap_or(0) + 1
    }

    /// Whole calendar months from the start month to the end month, both
    /// counted: a range inside one month is 1, September 2026 to September
    /// 2027 is 13.
    pub fn calendar_months(&self) -> u32 {
        let months = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
        u32::try_from(months(self.end) - months(self.start) + 1).unwrap_or(0)
    }
}

impl fmt::Debug for DateRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateRange({}..={})", self.start, self.end)
    }
}

impl fmt::Display for DateRange {
    /// `2026-05-28` for a single day, `2026-05-28 to 2026-05-29` otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{} to {}", self.start, self.end)
        }
    }
}
