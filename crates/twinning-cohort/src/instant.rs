//! Instants as people type them, read on the programme's clock.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime};

use crate::{Error, brussels_time};

/// The years an instant typed by a person may fall in: four-digit years, as
/// every date this crate reads and writes. Outside them the calendar and
/// time-zone arithmetic of callers could overflow.
pub const INSTANT_YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// Reads an instant as people write it: RFC 3339 (`2026-03-01T12:00:00+01:00`),
/// without seconds (`2026-03-01T12:00+01:00`), or a calendar day
/// (`2026-03-01`), taken as 00:00 on the Brussels clock, the programme's
/// time zone. A time without an offset is refused: it would be a guess.
///
/// ```
/// use twinning_cohort::parse_instant;
///
/// // Winter day: CET, +01:00; summer day: CEST, +02:00.
/// assert_eq!(parse_instant("2026-01-15")?.to_rfc3339(), "2026-01-15T00:00:00+01:00");
/// assert_eq!(parse_instant("2026-07-01")?.to_rfc3339(), "2026-07-01T00:00:00+02:00");
/// assert_eq!(parse_instant("2025-09-12T17:00+02:00")?, parse_instant("2025-09-12T17:00:00+02:00")?);
/// assert!(parse_instant("2026-03-01T12:00").is_err());
/// # Ok::<(), twinning_cohort::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::InvalidInstant`] for any other text, for a year outside
/// [`INSTANT_YEARS`], and for the offset `-00:00` (RFC 3339's "offset
/// unknown", which no [`FixedOffset`] keeps).
pub fn parse_instant(text: &str) -> Result<DateTime<FixedOffset>, Error> {
    let s = text.trim();
    let bad = |hint: &'static str| Error::InvalidInstant { value: s.to_owned(), hint };
    if s.ends_with("-00:00") {
        // RFC 3339 §4.3: "-00:00" says the local offset is unknown; read as
        // UTC it would be written back as "+00:00", a different statement.
        return Err(bad(
            "the offset -00:00 means \"offset unknown\"; write +00:00 (or Z) for UTC, or the \
             offset the time was recorded in",
        ));
    }
    let at = if let Ok(at) = DateTime::parse_from_rfc3339(s) {
        at
    } else if let Ok(at) = DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M%:z") {
        at
    } else if let Ok(day) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        if !INSTANT_YEARS.contains(&day.year()) {
            return Err(bad("the year must be between 1000 and 9999, written with four digits"));
        }
        // Midnight on the Brussels clock, with the offset in force at
        // midnight: on the days the clock changes (at 02:00 or 03:00) that is
        // not the offset of the rest of the day.
        brussels_time(day.and_time(NaiveTime::MIN)).resolve()
    } else if NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").is_ok() {
        return Err(bad("give the offset, as in 2026-03-01T12:00+01:00 (CET) or +02:00 (CEST)"));
    } else {
        return Err(bad(
            "write 2026-03-01T12:00:00+01:00, 2026-03-01T12:00+01:00 or a day 2026-03-01",
        ));
    };
    if !INSTANT_YEARS.contains(&at.year()) {
        return Err(bad("the year must be between 1000 and 9999, written with four digits"));
    }
    Ok(at)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    #[test]
    fn a_day_on_which_the_clock_changes_starts_with_the_offset_of_its_midnight() {
        // Brussels switches to CEST at 02:00 CET on the last Sunday of March
        // and back to CET at 03:00 CEST on the last Sunday of October
        // (Directive 2000/84/EC): midnight is still CET on 29 March 2026 and
        // still CEST on 25 October 2026.
        assert_eq!(parse_instant("2026-03-29").unwrap().to_rfc3339(), "2026-03-29T00:00:00+01:00");
        assert_eq!(parse_instant("2026-03-30").unwrap().to_rfc3339(), "2026-03-30T00:00:00+02:00");
        assert_eq!(parse_instant("2026-10-25").unwrap().to_rfc3339(), "2026-10-25T00:00:00+02:00");
        assert_eq!(parse_instant("2026-10-26").unwrap().to_rfc3339(), "2026-10-26T00:00:00+01:00");
        // So a submission dated the day after a deadline of 23:59 CET the
        // evening before is after it, by one minute.
        let deadline = parse_instant("2026-03-28T23:59+01:00").unwrap();
        let next_day = parse_instant("2026-03-29").unwrap();
        assert_eq!((next_day - deadline).num_minutes(), 1);
        let deadline = parse_instant("2026-10-24T23:59+02:00").unwrap();
        let next_day = parse_instant("2026-10-25").unwrap();
        assert_eq!((next_day - deadline).num_minutes(), 1);
    }

    #[test]
    fn an_unknown_offset_is_refused_rather_than_read_as_utc() {
        for text in ["2026-03-01T12:00:00-00:00", "2026-03-01T12:00-00:00"] {
            let e = parse_instant(text).unwrap_err();
            assert!(e.to_string().contains("-00:00"), "{e}");
        }
        assert_eq!(
            parse_instant("2026-03-01T12:00:00+00:00").unwrap().to_rfc3339(),
            "2026-03-01T12:00:00+00:00"
        );
    }

    #[test]
    fn instants_past_four_digit_years_are_refused_where_they_are_read() {
        for text in ["+262142-12-31T23:59:00+00:00", "0999-12-31", "-0001-01-01"] {
            assert!(matches!(parse_instant(text), Err(Error::InvalidInstant { .. })), "{text}");
        }
        assert!(parse_instant("9999-12-31T23:59:00+00:00").is_ok());
    }

    #[test]
    fn a_day_first_or_an_offset_less_time_is_not_guessed() {
        let e = parse_instant("2026-03-01T12:00").unwrap_err().to_string();
        assert!(e.contains("offset"), "{e}");
        assert!(parse_instant("01/03/2026").is_err());
        assert!(parse_instant("yesterday").is_err());
    }
}
