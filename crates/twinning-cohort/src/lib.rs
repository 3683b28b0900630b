//! The cohorts of the EU Cities Mission's Twinning Learning Programme as
//! typed, sourced data: who pairs with whom, calls and deadlines, phases,
//! activities, time commitment and required outputs, with calendar queries
//! and exports.
//!
//! The [guide](crate::_documentation::guide) is the long form: a tour, the
//! JSON shape of a cohort 6, the exports and the design questions.
//!
//! # Overview
//!
//! * [`Cohort`]: one cohort, always valid. [`Cohort::builtin`] and
//!   [`builtin_cohorts`] give the five cohorts of 2023–2027, every fact with
//!   its [`Provenance`](twinning_core::Provenance); where sources disagree
//!   the fact is a [`Reported`](twinning_core::Reported) that keeps every
//!   reading and says which one is followed and why.
//! * [`Cohort::from_json`] reads a cohort defined as data (a cohort 6), with
//!   every problem reported by field path ([`Error`], [`FieldProblem`]).
//! * Time: [`Moment`] (an instant with the offset the source printed, a day
//!   or a month) and [`When`] (a moment or a span). Days and months turn
//!   into instants on the Brussels clock ([`brussels_offset`]).
//! * Records: [`Pairing`] ([`Role`] ↔ [`Role`]), [`Registration`],
//!   [`Phase`], [`Activity`] ([`ActivityKind`], [`SiteVisits`]),
//!   [`TimeCommitment`], [`RequiredOutput`] ([`OutputKind`]), [`KnownPair`],
//!   and derived [`Milestone`]s ([`MilestoneKind`]).
//! * Queries: [`Cohort::registration_status`] ([`RegistrationStatus`]),
//!   [`Cohort::phase_at`], [`Cohort::next_milestones`],
//!   [`Cohort::months_elapsed`] and [`Cohort::months_remaining`].
//! * Exports: [`to_icalendar`] (RFC 5545) and [`to_mermaid_gantt`].
//! * Pages: [`CohortSummary`] and [`cohort_list_page`], [`CohortPage`] with
//!   its [`CohortStatus`] at an instant, and [`milestone_table`] — the JSON
//!   of the command line and the server alike, and a
//!   [`Page`](twinning_core::Page) for people.
//!
//! # Example
//!
//! ```
//! use chrono::DateTime;
//! use twinning_cohort::{Cohort, CohortNumber, RegistrationStatus, Role};
//!
//! let c4 = Cohort::builtin(CohortNumber::new(4)?).ok_or("no cohort 4")?;
//! // Mission Cities could apply until 28 March 2025, 17:00 CET (16:00 UTC),
//! // the deadline minute included, whatever offset the application carries.
//! let on_time = DateTime::parse_from_rfc3339("2025-03-28T18:00:59+02:00")?;
//! let late = DateTime::parse_from_rfc3339("2025-03-28T16:01:00Z")?;
//! assert!(c4.registration_status(Role::MissionCity, on_time).is_open());
//! assert!(matches!(
//!     c4.registration_status(Role::MissionCity, late),
//!     RegistrationStatus::Closed { .. }
//! ));
//!
//! // Conflicting reports are kept: cohort 1 selected 40 cities, later pages say 37.
//! let c1 = Cohort::builtin(CohortNumber::new(1)?).ok_or("no cohort 1")?;
//! let sizes = c1.cities_selected().ok_or("no size")?;
//! assert_eq!(*sizes.value(), 40);
//! assert_eq!(sizes.alternatives()[0].value, 37);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! * **schema** — derives `schemars::JsonSchema` for every serializable
//!   type, so other tools can validate cohort documents before sending them.
//!
//! Serde support is always on: a cohort is a JSON document.
//!
//! # Other crates in this family
//!
//! `twinning-core` (ids, months, provenance), `twinning-profile`,
//! `twinning-eligibility`, `twinning-matcher`, `twinning-outputs`, the facade
//! `twinning` (which re-exports this crate as `twinning::cohort`) and the
//! command line `twinning-cli`.
#![cfg_attr(docsrs_twinning, feature(doc_cfg))]
#![doc(test(attr(deny(warnings))))]

/// Long-form documentation compiled into the API docs: pages to read, with
/// no items to use.
pub mod _documentation {
    #[doc = include_str!("../GUIDE.md")]
    pub mod guide {}
}

mod builtin;
mod cohort;
mod drawing;
mod error;
mod export;
mod human;
mod instant;
mod kinds;
mod pages;
mod records;
mod status;
mod validate;
mod when;

pub use crate::builtin::{builtin_cohorts, cohorts_from_values};
pub use crate::cohort::{Cohort, MAX_DOCUMENT_BYTES, SCHEMA_VERSION};
pub use crate::drawing::{TIMELINE_CLASSES, timeline_svg};
pub use crate::error::{Error, FieldProblem};
pub use crate::export::{ICAL_DTSTAMP, to_icalendar, to_mermaid_gantt};
pub use crate::instant::{INSTANT_YEARS, parse_instant};
pub use crate::kinds::{ActivityKind, MilestoneKind, Module, OutputKind};
pub use crate::pages::{
    CohortPage, CohortStatus, CohortSummary, cohort_list_page, milestone_table, reported_text,
};
pub use crate::records::{
    Activity, CountRange, KnownPair, Milestone, Pairing, Phase, Registration, RequiredOutput,
    SiteVisits, TimeCommitment,
};
pub use crate::status::RegistrationStatus;
pub use crate::when::{BrusselsTime, Moment, When, brussels_offset, brussels_time, to_brussels};
pub use twinning_core::{CohortNumber, Role};
