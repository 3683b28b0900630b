use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use crate::{DateRange, Error};

/// A calendar month, such as `2026-09`: the granularity at which some sources
/// give their dates ("September 2026").
///
/// Years run from 1 to 9999 so that every month has a first and last day that
/// `chrono` can represent.
///
/// ```
/// use twinning_core::YearMonth;
///
/// let start: YearMonth = "2026-09".parse()?;
/// let end: YearMonth = "2027-09".parse()?;
/// assert_eq!(start.months_until(end), 12);
/// assert_eq!(start.last_day().to_string(), "2026-09-30");
/// # Ok::<(), twinning_core::Error>(())
/// ```
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "schema", schemars(with = "String"))]
pub struct YearMonth {
    year: i32,
    month: u32,
}

impl YearMonth {
    /// The month `month` (1–12) of `year` (1–9999).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidYearMonth`] when either part is out of range.
    pub fn new(year: i32, month: u32) -> Result<Self, Error> {
        if (1..=9999).contains(&year) && (1..=12).contains(&month) {
            Ok(Self { year, month })
        } else {
            Err(Error::InvalidYearMonth { value: format!("{year:04}-{month:02}") })
        }
    }

    /// The month a day falls in.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidYearMonth`] when the day's year is outside 1–9999.
    pub fn of(day: NaiveDate) -> Result<Self, Error> {
        Self::new(day.year(), day.month())
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.year
    }

    /// The month, 1 for January to 12 for December.
    pub fn month(&self) -> u32 {
        self.month
    }

    /// The first day of the month.
    pub fn first_day(&self) -> NaiveDate {
        // Valid by construction: year 1–9999, month 1–12.
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day of the month.
    pub fn last_day(&self) -> NaiveDate {
        let (y, m) =
            if self.month == 12 { (self.year + 1, 1) } else { (self.year, self.month + 1) };
        NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }

    /// The month's days as a range.
    pub fn days(&self) -> DateRange {
        DateRange::day(self.first_day()).span(&DateRange::day(self.last_day()))
    }

    /// How many months from `self` to `later` (negative if `later` is earlier).
    pub fn months_until(&self, later: YearMonth) -> i32 {
        (later.year - self.year) * 12 + (later.month as i32 - self.month as i32)
    }

    fn index(&self) -> i32 {
        self.year * 12 + self.month as i32 - 1
    }

    fn from_index(index: i32) -> Option<Self> {
        Self::new(index.div_euclid(12), u32::try_from(index.rem_euclid(12)).ok()? + 1).ok()
    }

    /// The month `n` months later (or earlier, for negative `n`), if it is
    /// still within years 1–9999.
    pub fn checked_add_months(&self, n: i32) -> Option<Self> {
        Self::from_index(self.index().checked_add(n)?)
    }
}

impl fmt::Debug for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "YearMonth({self})")
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let invalid = || Error::InvalidYearMonth { value: s.to_owned() };
        let (y, m) = s.split_once('-').ok_or_else(invalid)?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        let year = y.parse().map_err(|_| invalid())?;
        let month = m.parse().map_err(|_| invalid())?;
        Self::new(year, month).map_err(|_| invalid())
    }
}

impl TryFrom<String> for YearMonth {
    type Error = Error;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<YearMonth> for String {
    fn from(month: YearMonth) -> Self {
        month.to_string()
    }
}

/// A closed range of calendar months, such as "September 2026 – September
/// 2027", that cannot be inverted.
///
/// ```
/// use twinning_core::MonthRange;
///
/// let runs = MonthRange::new("2026-09".parse()?, "2027-09".parse()?)?;
/// assert_eq!(runs.days().start().to_string(), "2026-09-01");
/// assert_eq!(runs.days().end().to_string(), "2027-09-30");
/// # Ok::<(), twinning_core::Error>(())
/// ```
#[derive(
    Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "RawMonthRange", into = "RawMonthRange")]
pub struct MonthRange {
    start: YearMonth,
    end: YearMonth,
}

/// The serialized shape of a [`MonthRange`]: `{"start": "YYYY-MM", "end": "YYYY-MM"}`.
#[derive(serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RawMonthRange {
    start: YearMonth,
    end: YearMonth,
}

impl TryFrom<RawMonthRange> for MonthRange {
    type Error = Error;

    fn try_from(raw: RawMonthRange) -> Result<Self, Self::Error> {
        Self::new(raw.start, raw.end)
    }
}

impl From<MonthRange> for RawMonthRange {
    fn from(range: MonthRange) -> Self {
        Self { start: range.start, end: range.end }
    }
}

impl MonthRange {
    /// The months from `start` to `end`, both included.
    ///
    /// # Errors
    ///
    /// [`Error::InvertedMonthRange`] when `end` is before `start`.
    pub fn new(start: YearMonth, end: YearMonth) -> Result<Self, Error> {
        if end < start {
            Err(Error::InvertedMonthRange { start: start.to_string(), end: end.to_string() })
        } else {
            Ok(Self { start, end })
        }
    }

    /// The range holding the single month `month`.
    pub fn month(month: YearMonth) -> Self {
        Self { start: month, end: month }
    }

    /// The first month.
    pub fn start(&self) -> YearMonth {
        self.start
    }

    /// The last month (included).
    pub fn end(&self) -> YearMonth {
        self.end
    }

    /// Every day of every month in the range.
    pub fn days(&self) -> DateRange {
        DateRange::day(self.start.first_day()).span(&DateRange::day(self.end.last_day()))
    }

    /// Whether `day` falls in one of the months.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.days().contains(day)
    }
}

impl fmt::Debug for MonthRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MonthRange({}..={})", self.start, self.end)
    }
}

impl fmt::Display for MonthRange {
    /// `2026-06` for one month, `2026-09 to 2027-09` otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{} to {}", self.start, self.end)
        }
    }
}
