//! End-to-end tests: they run the `twinning` binary on the files in
//! `tests/data` and check exit statuses, standard output and written files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "tests")]
#![allow(clippy::panic, dead_code, unreachable_pub, reason = "test helpers")]

mod support;

mod catalogue;
mod cohort;
mod demo;
mod diagrams;
mod eligibility;
mod gallery;
mod hostile;
mod library;
mod matching;
mod meta;
mod outputs;
mod overlay;
mod roundtrip;
mod schema;
mod suggest;
mod tables;
