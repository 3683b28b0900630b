//! Integration tests for `twinning-core`: the specification of its types, one
//! module per topic.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]

mod countries;
mod dates;
mod ids;
mod mermaid;
mod numbers;
mod page;
mod provenance;
mod tables;

use chrono::NaiveDate;

/// A calendar day typed in a test.
pub(crate) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}
