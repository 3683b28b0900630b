//! Integration tests for `twinning-eligibility`: the specification of the
//! rules and of the decisions they produce.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "tests")]

#[path = "parts/fake.rs"]
mod fake;

#[path = "parts/deadlines.rs"]
mod deadlines;
#[path = "parts/json.rs"]
mod json;
#[path = "parts/props.rs"]
mod props;
#[path = "parts/real.rs"]
mod real;
#[path = "parts/rules.rs"]
mod rules;
