//! Points and spans in time at the granularity a source gives them, and the
//! Brussels clock used to turn days and months into instants.

use std::fmt;
use std::str::FromStr;

use chrono::{
    DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Utc,
};
use chrono_tz::Europe::Brussels;
use twinning_core::YearMonth;

/// A point in time as precise as its source: an instant with the offset the
/// source printed, a calendar day, or a calendar month.
///
/// In JSON a moment is a string: `"2025-09-12T17:00:00+02:00"`,
/// `"2024-05-31"` or `"2026-03"`.
///
/// Days and months become instants on the Brussels clock (the programme is
/// run from Brussels): a day or month *starts* at 00:00 of its first day and
/// *ends* at 23:59 of its last day, Brussels time. This convention is the
/// library's (no source states it), so facts given only as days or months
/// are never more precise than the source.
///
/// ```
/// use twinning_cohort::Moment;
///
/// let deadline: Moment = "2024-05-31".parse()?;
/// assert_eq!(deadline.end_instant().to_rfc3339(), "2024-05-31T23:59:00+02:00");
/// let printed: Moment = "2025-09-12T17:00:00+02:00".parse()?;
/// assert_eq!(printed.start_instant(), printed.end_instant());
/// # Ok::<(), twinning_cohort::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "schema", schemars(with = "String"))]
pub enum Moment {
    /// An exact instant, with the offset the source printed.
    At(DateTime<FixedOffset>),
    /// A calendar day, for sources that give no clock time.
    Day(NaiveDate),
    /// A calendar month, for sources that give only months.
    Month(YearMonth),
}

impl Moment {
    /// The first instant the moment covers (the instant itself, or 00:00
    /// Brussels time on the first day).
    pub fn start_instant(&self) -> DateTime<FixedOffset> {
        match self {
            Moment::At(at) => *at,
            Moment::Day(day) => brussels_local(*day, NaiveTime::MIN),
            Moment::Month(month) => brussels_local(month.first_day(), NaiveTime::MIN),
        }
    }

    /// The last minute the moment covers (the instant itself, or 23:59
    /// Brussels time on the last day). A deadline given as a moment is open
    /// through this whole minute.
    pub fn end_instant(&self) -> DateTime<FixedOffset> {
        let last_minute = NaiveTime::from_hms_opt(23, 59, 0).unwrap_or(NaiveTime::MIN);
        match self {
            Moment::At(at) => *at,
            Moment::Day(day) => brussels_local(*day, last_minute),
            Moment::Month(month) => brussels_local(month.last_day(), last_minute),
        }
    }

    /// The first calendar day the moment covers (for an instant, its day in
    /// the printed offset).
    pub fn first_day(&self) -> NaiveDate {
        match self {
            Moment::At(at) => at.date_naive(),
            Moment::Day(day) => *day,
            Moment::Month(month) => month.first_day(),
        }
    }

    /// The last calendar day the moment covers.
    pub fn last_day(&self) -> NaiveDate {
        match self {
            Moment::At(at) => at.date_naive(),
            Moment::Day(day) => *day,
            Moment::Month(month) => month.last_day(),
        }
    }

    /// Whether the moment carries a clock time.
    pub fn is_instant(&self) -> bool {
        matches!(self, Moment::At(_))
    }
}

impl fmt::Debug for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Moment({self})")
    }
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Moment::At(at) => f.write_str(&at.to_rfc3339()),
            Moment::Day(day) => write!(f, "{day}"),
            Moment::Month(month) => write!(f, "{month}"),
        }
    }
}

impl FromStr for Moment {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_moment(s)
    }
}

fn bad_moment(s: &str) -> crate::Error {
    crate::Error::InvalidMoment { value: s.to_owned() }
}

/// `YYYY-MM-DD` with a four-digit year: the only day form written back as
/// read. chrono's `%Y` also takes a sign and fewer digits (`-026-05-28`),
/// which it would print as `-0026-05-28`, a text this parser must not refuse.
fn is_plain_day(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        })
}

fn parse_moment(s: &str) -> Result<Moment, crate::Error> {
    let bad = || bad_moment(s);
    match s.len() {
        7 => s.parse::<YearMonth>().map(Moment::Month).map_err(|_| bad()),
        10 if !is_plain_day(s) => Err(bad()),
        10 => NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Moment::Day).map_err(|_| bad()),
        _ => {
            let at = DateTime::parse_from_rfc3339(s).map_err(|_| bad())?;
            checked_instant(s, at).map(Moment::At)
        }
    }
}

/// An instant a calendar can say: not the offset `-00:00` ("offset
/// unknown", which no `FixedOffset` keeps, so it would be written back as
/// `+00:00`), and a four-digit year both where it was written and in UTC,
/// where the iCalendar export writes it.
fn checked_instant(
    s: &str,
    at: DateTime<FixedOffset>,
) -> Result<DateTime<FixedOffset>, crate::Error> {
    use chrono::Datelike as _;
    let hint = if s.ends_with("-00:00") {
        "the offset -00:00 means \"offset unknown\"; write +00:00 (or Z) for UTC, or the \
         offset the time was recorded in"
    } else if !crate::INSTANT_YEARS.contains(&at.year())
        || !crate::INSTANT_YEARS.contains(&at.naive_utc().year())
    {
        "the year must be between 1000 and 9999, written with four digits, in UTC too"
    } else {
        return Ok(at);
    };
    Err(crate::Error::InvalidInstant { value: s.to_owned(), hint })
}

impl TryFrom<String> for Moment {
    type Error = crate::Error;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        parse_moment(&value)
    }
}

impl From<Moment> for String {
    fn from(m: Moment) -> Self {
        m.to_string()
    }
}

/// When something happens: a single [`Moment`], or a span from one moment
/// to another (both included).
///
/// In JSON a span is written like an ISO 8601 interval, `start/end`:
/// `"2025-12-16T12:00:00+01:00/2025-12-16T13:00:00+01:00"`, `"2026-05-28/2026-05-29"`.
///
/// ```
/// use twinning_cohort::When;
///
/// let torino: When = "2026-05-28/2026-05-29".parse()?;
/// assert_eq!(torino.start().to_string(), "2026-05-28");
/// assert_eq!(torino.end().map(|e| e.to_string()).as_deref(), Some("2026-05-29"));
/// assert!("2026-05-29/2026-05-28".parse::<When>().is_err());
/// # Ok::<(), twinning_cohort::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "schema", schemars(with = "String"))]
pub struct When {
    start: Moment,
    end: Option<Moment>,
}

impl When {
    /// A single moment.
    pub fn at(moment: Moment) -> Self {
        Self { start: moment, end: None }
    }

    /// A span from `start` to `end`, both included.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidMoment`](crate::Error::InvalidMoment) when `end` ends
    /// before `start` starts.
    pub fn span(start: Moment, end: Moment) -> Result<Self, crate::Error> {
        Self::checked(start, Some(end))
    }

    fn checked(start: Moment, end: Option<Moment>) -> Result<Self, crate::Error> {
        if let Some(e) = end
            && e.end_instant() < start.start_instant()
        {
            return Err(bad_moment(&format!("{start}/{e}")));
        }
        Ok(Self { start, end })
    }

    /// Where it starts.
    pub fn start(&self) -> Moment {
        self.start
    }

    /// Where it ends, for a span.
    pub fn end(&self) -> Option<Moment> {
        self.end
    }

    /// The first instant covered.
    pub fn start_instant(&self) -> DateTime<FixedOffset> {
        self.start.start_instant()
    }

    /// The last minute covered.
    pub fn end_instant(&self) -> DateTime<FixedOffset> {
        self.end.unwrap_or(self.start).end_instant()
    }
}

impl fmt::Debug for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "When({self})")
    }
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.end {
            Some(end) => write!(f, "{}/{}", self.start, end),
            None => write!(f, "{}", self.start),
        }
    }
}

fn parse_when(s: &str) -> Result<When, crate::Error> {
    match s.split_once('/') {
        Some((a, b)) => {
            let start = parse_moment(a)?;
            let end = parse_moment(b)?;
            When::checked(start, Some(end))
        }
        None => parse_moment(s).map(When::at),
    }
}

impl FromStr for When {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_when(s)
    }
}

impl TryFrom<String> for When {
    type Error = crate::Error;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        parse_when(&value)
    }
}

impl From<When> for String {
    fn from(w: When) -> Self {
        w.to_string()
    }
}

/// The offset of Brussels time at a UTC instant, from the IANA time-zone
/// database (`Europe/Brussels`, through `chrono-tz`): `+02:00` (CEST) in
/// summer time, `+01:00` (CET) otherwise.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use twinning_cohort::brussels_offset;
///
/// let june = Utc.with_ymd_and_hms(2023, 6, 30, 12, 0, 0).unwrap();
/// assert_eq!(brussels_offset(june).local_minus_utc(), 7200);
/// let january = Utc.with_ymd_and_hms(2026, 1, 15, 12, 0, 0).unwrap();
/// assert_eq!(brussels_offset(january).local_minus_utc(), 3600);
/// ```
pub fn brussels_offset(utc: DateTime<Utc>) -> FixedOffset {
    Brussels.offset_from_utc_datetime(&utc.naive_utc()).fix()
}

/// The instant `at` on the Brussels clock.
pub fn to_brussels(at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    let utc = at.with_timezone(&Utc);
    utc.with_timezone(&brussels_offset(utc))
}

/// What a Brussels wall-clock time stands for. Twice a year the clock
/// skips an hour (the last Sunday of March, 02:00 → 03:00) or repeats one
/// (the last Sunday of October, 03:00 → 02:00), so a local time may name no
/// instant or two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BrusselsTime {
    /// The usual case: one instant.
    Single(DateTime<FixedOffset>),
    /// The time occurs twice (the autumn overlap, e.g. 02:30 on 25 October
    /// 2026): first in summer time, then an hour later in winter time.
    Ambiguous {
        /// The first occurrence, in summer time (`+02:00`).
        earlier: DateTime<FixedOffset>,
        /// The second occurrence, in winter time (`+01:00`).
        later: DateTime<FixedOffset>,
    },
    /// The time does not exist (the spring gap, e.g. 02:30 on 29 March
    /// 2026). `shifted` is the instant the clock shows once it has jumped:
    /// the local time read with the winter offset before the gap (02:30
    /// `+01:00`, shown as 03:30 `+02:00`).
    Nonexistent {
        /// The instant the time would have been with the winter offset.
        shifted: DateTime<FixedOffset>,
    },
}

impl BrusselsTime {
    /// The one instant the library uses for this local time: the single
    /// instant; in the autumn overlap the *later* one (a deadline stays open
    /// through both readings); in the spring gap the shifted one.
    pub fn resolve(self) -> DateTime<FixedOffset> {
        match self {
            BrusselsTime::Single(at) => at,
            BrusselsTime::Ambiguous { later, .. } => later,
            BrusselsTime::Nonexistent { shifted } => shifted,
        }
    }
}

/// How the Brussels wall-clock time `local` maps onto instants, from the
/// time-zone database.
///
/// ```
/// use chrono::NaiveDate;
/// use twinning_cohort::{BrusselsTime, brussels_time};
///
/// let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
/// let gap = brussels_time(day(3, 29).and_hms_opt(2, 30, 0).unwrap());
/// assert!(matches!(gap, BrusselsTime::Nonexistent { .. }));
/// assert_eq!(gap.resolve().to_rfc3339(), "2026-03-29T02:30:00+01:00");
/// let overlap = brussels_time(day(10, 25).and_hms_opt(2, 30, 0).unwrap());
/// let BrusselsTime::Ambiguous { earlier, later } = overlap else { panic!("ambiguous") };
/// assert_eq!(earlier.to_rfc3339(), "2026-10-25T02:30:00+02:00");
/// assert_eq!(later.to_rfc3339(), "2026-10-25T02:30:00+01:00");
/// ```
pub fn brussels_time(local: NaiveDateTime) -> BrusselsTime {
    match Brussels.from_local_datetime(&local) {
        LocalResult::Single(at) => BrusselsTime::Single(at.fixed_offset()),
        LocalResult::Ambiguous(a, b) => {
            let (a, b) = (a.fixed_offset(), b.fixed_offset());
            let (earlier, later) = if a <= b { (a, b) } else { (b, a) };
            BrusselsTime::Ambiguous { earlier, later }
        }
        LocalResult::None => {
            // The offset in force just before the gap: an hour earlier the
            // clock still showed a real time (gaps in Brussels are one hour).
            let before = local
                .checked_sub_signed(Duration::hours(1))
                .and_then(|t| Brussels.from_local_datetime(&t).earliest())
                .map_or_else(cet, |t| t.offset().fix());
            let shifted = before
                .from_local_datetime(&local)
                .single()
                .unwrap_or_else(|| Utc.from_utc_datetime(&local).fixed_offset());
            BrusselsTime::Nonexistent { shifted }
        }
    }
}

/// `+01:00`, the winter offset, for the fallback above.
fn cet() -> FixedOffset {
    FixedOffset::east_opt(3600).unwrap_or_else(|| Utc.fix())
}

/// The instant of a local Brussels wall-clock time, resolved as
/// [`BrusselsTime::resolve`] says; the programme's conventions (00:00 and
/// 23:59) never fall in a gap or an overlap.
pub(crate) fn brussels_local(day: NaiveDate, time: NaiveTime) -> DateTime<FixedOffset> {
    brussels_time(day.and_time(time)).resolve()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions_follow_the_eu_rule() {
        // 2025: summer time from 30 March 01:00 UTC to 26 October 01:00 UTC.
        let t = |m, d, h, mi| Utc.with_ymd_and_hms(2025, m, d, h, mi, 0).unwrap();
        let cest = FixedOffset::east_opt(7200).unwrap();
        assert_eq!(brussels_offset(t(3, 30, 0, 59)), cet());
        assert_eq!(brussels_offset(t(3, 30, 1, 0)), cest);
        assert_eq!(brussels_offset(t(10, 26, 0, 59)), cest);
        assert_eq!(brussels_offset(t(10, 26, 1, 0)), cet());
    }

    #[test]
    fn moments_round_trip_through_text() {
        for s in ["2026-03", "2024-05-31", "2025-09-12T17:00:00+02:00", "2023-05-03T12:00:00+01:00"]
        {
            assert_eq!(s.parse::<Moment>().unwrap().to_string(), s);
        }
        for bad in ["2026-13", "2024-02-30", "2025-09-12T17:00", "soon", ""] {
            assert!(bad.parse::<Moment>().is_err(), "{bad}");
        }
    }

    #[test]
    fn days_are_four_digit_years_only() {
        // Found by the cohort_json fuzz target: chrono reads `-026-05-28` as
        // year -26 and prints it as `-0026-05-28`, which no reader took back.
        for bad in ["-026-05-28", "+026-05-28", "20260-5-28", "2026/05/28", "2026-5-028"] {
            assert!(bad.parse::<Moment>().is_err(), "{bad}");
            assert!(format!("{bad}/2026-05-29").parse::<When>().is_err(), "{bad}");
        }
        assert_eq!("0001-01-01".parse::<Moment>().unwrap().to_string(), "0001-01-01");
        assert_eq!("9999-12-31".parse::<Moment>().unwrap().to_string(), "9999-12-31");
    }

    #[test]
    fn day_deadline_closes_at_the_last_brussels_minute() {
        let winter: Moment = "2024-11-14".parse().unwrap();
        assert_eq!(winter.end_instant().to_rfc3339(), "2024-11-14T23:59:00+01:00");
        let month: Moment = "2026-03".parse().unwrap();
        assert_eq!(month.start_instant().to_rfc3339(), "2026-03-01T00:00:00+01:00");
        assert_eq!(month.end_instant().to_rfc3339(), "2026-03-31T23:59:00+02:00");
    }
}
