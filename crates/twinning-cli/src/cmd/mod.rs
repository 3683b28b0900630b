//! One module per command family.

pub(crate) mod catalogue;
pub(crate) mod cohort;
pub(crate) mod demo;
pub(crate) mod eligibility;
pub(crate) mod matching;
pub(crate) mod meta;
pub(crate) mod outputs;
pub(crate) mod schema;
pub(crate) mod serve;
pub(crate) mod suggest;
