//! Integration tests of `twinning-profile`, one module per topic. Expected
//! values are typed from the public pages and seeds the data cites, never copied from the
//! code's output.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "tests")]

mod catalogue;
mod countries;
mod input;
mod overlay;
mod pages;
mod roundtrip;
