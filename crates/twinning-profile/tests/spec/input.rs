//! JSON and CSV input (filled in below).
