//! Integration tests for `twinning-outputs`: worked examples built from the
//! fact sheet (`worked`) and invariants checked with proptest (`props`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "tests")]

mod numbers;
mod props;
mod validation;
mod workbook;
mod worked;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;
use twinning_core::{DateRange, Uuid};

/// Cohort `n`.
pub(crate) fn no(n: u16) -> twinning_core::CohortNumber {
    twinning_core::CohortNumber::new(n).unwrap()
}

/// A calendar day.
pub(crate) fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The days from `a` to `b`, both included.
pub(crate) fn days(a: NaiveDate, b: NaiveDate) -> DateRange {
    DateRange::new(a, b).unwrap()
}

/// An instant with the offset it was written in.
pub(crate) fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// A decimal from text.
pub(crate) fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A fixed, readable UUID.
pub(crate) fn uuid(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// With the `schema` feature, the JSON Schema of a document describes the
/// serialized envelope, schema version included.
#[cfg(feature = "schema")]
#[test]
fn the_json_schema_describes_the_envelope() {
    let schema = schemars::schema_for!(twinning_outputs::Document);
    let text = serde_json::to_string(&schema).unwrap();
    for field in ["schema_version", "lifecycle", "budget_eur", "civil-society", "socio-cultural"] {
        assert!(text.contains(field), "{field}");
    }
}
