//! The EU Cities Mission's Twinning Learning Programme as a library: cohorts,
//! city profiles, eligibility, matching and learning outputs.
//!
//! NetZeroCities runs the programme cohort by cohort: cities that want to
//! learn (Twin Cities in cohorts 1–3, Mission-minded cities in cohorts 4–5)
//! are paired with peers that have tested climate-neutrality practice (Pilot
//! Cities, then Mission Cities), and each pair produces learning outputs.
//! This crate gathers the family of crates that model it, one module each.
//!
//! # This crate
//!
//! | module | crate | what it answers |
//! |---|---|---|
//! | [`cohort`] | [`twinning-cohort`](https://docs.rs/twinning-cohort) | when: calendars, deadlines, activities, required outputs |
//! | [`profile`] | [`twinning-profile`](https://docs.rs/twinning-profile) | who: cities, partner projects, themes, countries, the catalogue |
//! | [`eligibility`] | [`twinning-eligibility`](https://docs.rs/twinning-eligibility) | may this city take part, and why |
//! | [`matcher`] | [`twinning-matcher`](https://docs.rs/twinning-matcher) | who pairs with whom: stable, optimal, budgeted |
//! | [`outputs`] | [`twinning-outputs`](https://docs.rs/twinning-outputs) | what a twinned city hands in |
//!
//! The shared vocabulary of [`twinning-core`](https://docs.rs/twinning-core)
//! (ids, [`CountryCode`], [`DateRange`], [`Provenance`], [`Reported`]) sits
//! at this crate's root; [`prelude`] holds the types most programs use and
//! [`Error`] wraps every crate's error.
//!
//! # Crate features
//!
//! * **schema** — JSON Schema descriptions (schemars) for every document
//!   type of every member crate.
//!
//! # Other crates in this family
//!
//! `twinning-cli` is the `twinning` command line built on the same crates.
#![cfg_attr(docsrs_twinning, feature(doc_cfg))]
#![doc(test(attr(deny(warnings))))]

mod error;
pub mod prelude;

pub use crate::error::Error;
pub use twinning_cohort as cohort;
pub use twinning_core::{
    ActionId, ActivityId, ApplicantId, CityId, CohortId, Confidence, CountryCode, DateRange,
    LearningGoalId, MilestoneId, MonthRange, OutputId, PracticeId, ProjectId, Provenance, Reported,
    Slug, Sourced, StakeholderId, YearMonth,
};
pub use twinning_eligibility as eligibility;
pub use twinning_matcher as matcher;
pub use twinning_outputs as outputs;
pub use twinning_profile as profile;
