//! One module per command family.

pub(crate) mod cohort;
pub(crate) mod eligibility;
pub(crate) mod matching;
pub(crate) mod meta;
pub(crate) mod outputs;
pub(crate) mod schema;
