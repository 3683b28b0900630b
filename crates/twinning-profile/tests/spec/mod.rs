//! The specification, one module per concern.

mod catalogue;
mod countries;
mod input;
mod roundtrip;
