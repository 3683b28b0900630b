//! Instants as people type them, read on the programme's clock.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime};

use crate::{Error, brussels_offset};

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
/// [`Error::InvalidInstant`] for any other text, and for a year outside
/// [`INSTANT_YEARS`].
pub fn parse_instant(text: &str) -> Result<DateTime<FixedOffset>, Error> {
    let s = text.trim();
    let bad = |hint: &'static str| Error::InvalidInstant { value: s.to_owned(), hint };
    let at = if let Ok(at) = DateTime::parse_from_rfc3339(s) {
        at
    } else if let Ok(at) = DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M%:z") {
        at
    } else if let Ok(day) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        if !INSTANT_YEARS.contains(&day.year()) {
            return Err(bad("the year must have four digits"));
        }
        // The offset Brussels has at noon that day (a switch never happens
        // at noon), applied to midnight.
        let noon = day.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or(NaiveTime::MIN));
        let offset = brussels_offset(noon.and_utc());
        day.and_time(NaiveTime::MIN)
            .and_local_timezone(offset)
            .single()
            .ok_or_else(|| bad("that day has no midnight on the Brussels clock"))?
    } else if NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d").is_ok() {
        return Err(bad("give the offset, as in 2026-03-01T12:00+01:00 (CET) or +02:00 (CEST)"));
    } else {
        return Err(bad(
            "write 2026-03-01T12:00:00+01:00, 2026-03-01T12:00+01:00 or a day 2026-03-01",
        ));
    };
    if !INSTANT_YEARS.contains(&at.year()) {
        return Err(bad("the year must have four digits"));
    }
    Ok(at)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

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
