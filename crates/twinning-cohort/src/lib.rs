//! The cohorts of the Twinning Learning Programme.
#![cfg_attr(docsrs_twinning, feature(doc_cfg))]
#![doc(test(attr(deny(warnings))))]

mod kinds;

pub use crate::kinds::{OutputKind, Role};
