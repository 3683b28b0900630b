#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "tests")]
//! Integration tests of `twinning-profile`. Expected values are typed from
//! the fact sheet (FACTS.md), never copied from the code's output.

mod spec;
