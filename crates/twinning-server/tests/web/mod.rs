//! The web pages over HTTP: headers, escaping, error pages, the catalogue
//! filters, the self-check's flow, and the forms of a pair's outputs. The browser tests (`tests/browser`)
//! drive the same pages in Chromium.

mod check;
mod pages;
mod pair_forms;
mod staff;

use crate::support::{Answer, Server, request};

/// A `GET` as a browser sends it (`Accept: text/html`).
pub fn browse(s: &Server, path: &str) -> Answer {
    let accept = vec![("Accept".to_owned(), "text/html,application/xhtml+xml".to_owned())];
    request(s.addr, "GET", path, &accept, b"")
}
