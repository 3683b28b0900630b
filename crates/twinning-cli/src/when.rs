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
