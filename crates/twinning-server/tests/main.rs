//! Integration tests: each starts the server on 127.0.0.1 port 0 with a
//! fresh database and talks HTTP to it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    unreachable_pub,
    missing_docs,
    reason = "tests"
)]

mod api;
mod support;
mod web;
