//! The `--at INSTANT` option: parsing and the default "now".

use chrono::{DateTime, FixedOffset, Utc};

use crate::error::CliError;

/// Reads `--at` with [`twinning_cohort::parse_instant`].
pub(crate) fn parse_instant(s: &str) -> Result<DateTime<FixedOffset>, CliError> {
    twinning_cohort::parse_instant(s).map_err(|e| CliError::input(format!("--at: {e}")))
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
