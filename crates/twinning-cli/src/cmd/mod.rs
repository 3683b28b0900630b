//! One module per command family.

pub(crate) mod cohort;
pub(crate) mod meta;
