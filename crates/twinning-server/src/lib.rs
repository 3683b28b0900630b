//! `twinning serve`: the HTTP API of the twinning crates, and the cohort
//! runs it keeps in one embedded SQLite file.
//!
//! The server is a shell around the libraries, like the command line:
//! every handler parses its request, calls one library function and renders
//! the answer. No rule is decided here. The long form — starting, tokens,
//! every route with a curl example, backups and limits — is `docs/server.md`.
//!
//! # Overview
//!
//! * [`Config`] and [`serve`]: bind an address, open (or create) the
//!   database, run the migrations, and serve until a shutdown signal, which
//!   drains the requests in flight. [`Config::data`] is the programme data
//!   answers come from (`twinning_eligibility::ProgrammeData`: the built-in
//!   catalogue, registry and cohorts, with a data overlay applied when
//!   `twinning serve --data` gives one).
//! * [`router`]: the same routes as an [`axum::Router`], for embedding.
//! * [`Store`]: the SQLite file of cohort runs and staff tokens
//!   ([`Store::create_token`], [`Store::revoke_token`], [`Store::tokens`]).
//! * [`openapi`]: the OpenAPI 3.1 description, generated from the handlers
//!   and the libraries' JSON Schemas, served at `/v1/openapi.json`.
//! * [`Problem`]: every error as RFC 9457 `application/problem+json`,
//!   naming the field at fault.
//! * Web pages for applicant cities at `/`: open calls and deadlines, each
//!   cohort with its timeline, the catalogue of cities, and the eligibility
//!   self-check — server-rendered, working without JavaScript
//!   (`docs/web.md`).
//!
//! # Example
//!
//! ```no_run
//! # async fn run() -> Result<(), twinning_server::Error> {
//! let config = twinning_server::Config::default();
//! twinning_server::serve(config).await?;
//! # Ok(())
//! # }
//! ```
//!
//! # Other crates in this family
//!
//! Embeds `twinning-cohort`, `twinning-profile`, `twinning-eligibility`,
//! `twinning-matcher`, `twinning-pairing` and `twinning-outputs` directly;
//! the command line's `twinning serve` runs it.
#![cfg_attr(docsrs_twinning, feature(doc_cfg))]
#![allow(
    clippy::result_large_err,
    reason = "a Problem is the error response itself, built once on the cold path; boxing it buys nothing"
)]

mod app;
mod auth;
mod body;
mod config;
mod error;
mod limit;
mod matching;
mod openapi;
mod problem;
mod routes;
mod store;
mod tables;
mod upload;
mod web;

pub use crate::app::{init_logging, router, run, serve, serve_on};
pub use crate::config::{
    Config, DEFAULT_BIND, DEFAULT_BODY_READ_TIMEOUT, DEFAULT_DB, DEFAULT_HEADER_READ_TIMEOUT,
    DEFAULT_RATE_LIMIT, MAX_BODY_BYTES, MAX_TIME_LIMIT, Origin,
};
pub use crate::error::Error;
pub use crate::limit::RateLimit;
pub use crate::openapi::{openapi, openapi_json};
pub use crate::problem::Problem;
pub use crate::routes::STAFF_ROUTES;
pub use crate::store::{Store, TokenInfo};
