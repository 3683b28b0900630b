//! The `--at INSTANT` option: parsing and the default "now".

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};

use crate::error::CliError;

/// Parses an instant as RFC 3339 (`2026-03-01T12:00:00+01:00`), without
/// seconds (`2026-03-01T12:00+01:00`), or a calendar day (`2026-03-01`,
/// taken as 00:00 on the Brussels clock, the programme's time zone).
pub(crate) fn parse_instant(s: &str) -> Result<DateTime<FixedOffset>, CliError> {
    let s = s.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(s) {
        return Ok(at);
    }
    if let Ok(at) = DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M%:z") {
        return Ok(at);
    }
    if let Ok(day) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        // The offset Brussels has at noon that day (a DST switch never
        // happens at noon), applied to midnight.
        let noon = day.and_time(NaiveTime::MIN).and_utc() + chrono::Duration::hours(12);
        let offset = twinning_cohort::brussels_offset(noon);
        if let Some(at) = day.and_time(NaiveTime::MIN).and_local_timezone(offset).single() {
            return Ok(at);
        }
    }
    Err(CliError::input(format!("--at {s:?}: not an instant"))
        .hint("write 2026-03-01T12:00:00+01:00, 2026-03-01T12:00+01:00 or a day 2026-03-01"))
}

/// The instant to use: `--at` when given, else now on the Brussels clock.
pub(crate) fn instant_or_now(at: Option<&str>) -> Result<DateTime<FixedOffset>, CliError> {
    match at {
        Some(s) => parse_instant(s),
        None => Ok(twinning_cohort::to_brussels(Utc::now().fixed_offset())),
    }
}

/// A moment for people: `2025-09-12 17:00 +02:00`, `2026-05-28`, `2026-04`.
pub(crate) fn moment_text(m: &twinning_cohort::Moment) -> String {
    match m {
        twinning_cohort::Moment::At(at) => at.format("%Y-%m-%d %H:%M %:z").to_string(),
        other => other.to_string(),
    }
}

/// A moment or span for people; a span within one day and offset keeps the
/// day once (`2025-12-16 12:00-13:00 +01:00`).
pub(crate) fn when_text(w: &twinning_cohort::When) -> String {
    use twinning_cohort::Moment;
    match (w.start(), w.end()) {
        (start, None) => moment_text(&start),
        (Moment::At(a), Some(Moment::At(b)))
            if a.date_naive() == b.date_naive() && a.offset() == b.offset() =>
        {
            format!(
                "{} {}-{} {}",
                a.format("%Y-%m-%d"),
                a.format("%H:%M"),
                b.format("%H:%M"),
                a.format("%:z")
            )
        }
        (start, Some(end)) => format!("{} to {}", moment_text(&start), moment_text(&end)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_three_spellings() {
        let a = parse_instant("2025-09-12T17:00:00+02:00").unwrap();
        assert_eq!(a, parse_instant("2025-09-12T17:00+02:00").unwrap());
        // Winter day: CET, +01:00; summer day: CEST, +02:00.
        assert_eq!(parse_instant("2026-01-15").unwrap().to_rfc3339(), "2026-01-15T00:00:00+01:00");
        assert_eq!(parse_instant("2026-07-01").unwrap().to_rfc3339(), "2026-07-01T00:00:00+02:00");
        let e = parse_instant("yesterday").unwrap_err();
        assert!(e.message.contains("\"yesterday\""));
    }
}
