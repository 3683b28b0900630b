//! Integration tests for the facade `twinning`, one module per topic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "tests")]
#![allow(clippy::panic, reason = "test helpers")]

mod gallery;
mod visible;
