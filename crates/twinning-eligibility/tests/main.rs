//! Integration tests for `twinning-eligibility`: the specification of the
//! rules and of the decisions they produce.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "tests")]

mod fake;

mod deadlines;
mod json;
mod overlay;
mod pages;
mod programme_data;
mod props;
mod real;
mod rules;
