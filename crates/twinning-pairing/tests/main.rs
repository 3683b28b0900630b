//! The pairing flow's specification, one module per topic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "tests"
)]

mod drawing;
mod instance;
mod pages;
mod plan;
mod roster;
mod stated;
