//! The stable-matching half of the tests: hand-worked examples, typed
//! errors, brute-force oracles and robustness. (A directory of its own so
//! that Cargo does not build each file as a separate test binary.)

mod errors;
mod examples;
mod oracle;
mod robustness;
