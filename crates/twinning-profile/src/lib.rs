//! City and partner-project profiles for the twinning crates, with the
//! built-in catalogue.
#![cfg_attr(docsrs_twinning, feature(doc_cfg))]
#![doc(test(attr(deny(warnings))))]

mod error;
mod theme;

pub use crate::error::Error;
pub use crate::theme::{Theme, ThemeFamily};
