//! Prints the programme's timeline and the next milestones after today.
//!
//! Run with `cargo run -p twinning-examples --example timeline`.

fn main() {}
