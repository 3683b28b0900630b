//! One module per command family.

pub(crate) mod meta;
