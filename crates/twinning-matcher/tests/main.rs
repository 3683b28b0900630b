//! Integration tests of `twinning-matcher`: one binary, one module per topic.
//!
//! * `examples`: worked examples with values computed by hand;
//! * `errors`: the typed errors of bad documents;
//! * `oracle`: the stable mechanisms against brute-force oracles;
//! * `robustness`: no panic on any input;
//! * `optimal`: the optimising and budgeted mechanisms against enumeration;
//! * `reader`: the streamed reader against the document types;
//! * `report`: reading a result back from a report or a bare result.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, reason = "tests")]

mod errors;
// The benches' generator: markets shaped like the benchmark family's.
mod examples;
#[path = "../bench/generate.rs"]
#[allow(unreachable_pub, dead_code, reason = "shared with the benches; the tests use a part")]
mod generate;
mod optimal;
mod oracle;
mod reader;
mod report;
mod robustness;
