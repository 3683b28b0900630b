//! The specification of `twinning-cohort`: every cohort fact checked against
//! the public pages and seeds it comes from, deadline boundaries, query
//! invariants, exports and custom cohorts loaded from JSON.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "tests")]

mod brussels;
mod custom;
mod deadlines;
mod exports;
mod facts;
mod pages;
mod queries;
mod values;

use chrono::{DateTime, FixedOffset};
use twinning_cohort::Cohort;

/// Parses an RFC 3339 instant typed in a test.
pub(crate) fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

/// A built-in cohort.
pub(crate) fn cohort(n: u16) -> &'static Cohort {
    Cohort::builtin(twinning_cohort::CohortNumber::new(n).unwrap()).unwrap()
}
