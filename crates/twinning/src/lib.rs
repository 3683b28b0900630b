//! The twinning facade (being assembled).
#![cfg_attr(docsrs_twinning, feature(doc_cfg))]

pub use twinning_core::{CityId, CountryCode, DateRange, Provenance};
