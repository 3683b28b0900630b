//! Journeys in a real browser: Debian's Chromium driven over WebDriver
//! (chromedriver) with fantoccini, against a server on a loopback port.
//!
//! These tests need `chromium` and `chromium-driver` installed, and the
//! accessibility audit needs axe-core (`npm ci --prefix tests/tools/axe`).
//! They are ignored by a plain `cargo test` so the README's test command
//! passes on a fresh machine; `.ci/run` installs both and runs them with
//! `cargo test -p twinning-server --test browser -- --ignored`, so in CI
//! they always run. `docs/web.md` says how to run them by hand.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    unreachable_pub,
    missing_docs,
    dead_code,
    reason = "tests"
)]

#[path = "../support.rs"]
mod support;

mod audit;
mod browser;
mod journeys;
mod outputs;
mod report;
mod staff;
