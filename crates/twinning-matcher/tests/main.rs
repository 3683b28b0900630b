//! Integration tests of `twinning-matcher`: one binary, one module per topic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "tests")]

mod matcher;
mod optimal;
