//! City and partner-project profiles of the Twinning Learning Programme, the
//! country tables eligibility needs, and a built-in catalogue of the cities
//! the programme's sources name.
//!
//! The [guide](crate::_documentation::guide) is the long form: look-ups,
//! country questions, the JSON and CSV formats, what the built-in catalogue
//! holds, and the design questions.
//!
//! # Overview
//!
//! * [`CityProfile`]: a validated city — its name with diacritics and the
//!   variants people use (`Plzeň`/`Pilsen`), [`CityKind`], the [`CityRole`]s
//!   it has held (Mission City, Pilot City, Twin City, Mission-minded city),
//!   its [`ProjectMembership`]s, the [`Practice`]s it has tested (with
//!   [`Quantity`] figures in [`Unit`]s, money as `Decimal` euros) and its
//!   [`LearningGoal`]s. Practices and goals share the closed [`Theme`]
//!   taxonomy, so offers and wishes can be compared.
//! * [`PartnerProject`]: an EU-funded project with its [`FundingProgramme`],
//!   period, budget, themes and [`ProjectMember`]s by [`ProjectRole`].
//! * [`Countries`]: EU membership and Horizon Europe / Horizon 2020
//!   association by date. Queries return an [`Answer`] — a [`YesNoUnknown`] (yes,
//!   no, unknown) with the record and its provenance — never a bare `bool`.
//! * [`Catalogue`]: validated cities and projects with look-ups by name
//!   (case-, accent- and variant-insensitive, see [`fold_name`]), country,
//!   project, theme and role on a date; [`Catalogue::builtin`] holds the 24
//!   Mission-minded cities of the cohort 5 catalogue, their 25 partner-project
//!   labels, the 112 Mission Cities, the known Pilot and Twin Cities and twin
//!   pairs, the catalogue's [`StatedCount`]s and the known [`SourceConflict`]s.
//! * Input: [`load_json`] reads a [`ProfileDocument`] (one city or a list,
//!   with a `schema_version`), [`load_csv`] a registration-survey export;
//!   both check every record against the catalogue and reject with a typed
//!   [`Error`] naming the path or line and the value.
//! * Keeping current: the built-in data was last checked against its sources
//!   on [`BUILTIN_AS_OF`] ([`Catalogue::as_of`]); an [`Overlay`] (new
//!   cities, roles with their start, memberships, twin pairs, cohort
//!   documents, published after a release) is read at run time with
//!   [`Overlay::from_json`] and applied with [`Catalogue::with_overlay`],
//!   through the checks the built-in data passes.
//! * Pages: [`CityPage`] (a city with its projects, conflicts and Mission
//!   status — the JSON of the command line and the server alike),
//!   [`project_page`], and the lists [`CityListEntry`] / [`city_list_page`]
//!   and [`ProjectListEntry`] / [`project_list_page`], each a
//!   [`Page`](twinning_core::Page) for people.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use twinning_profile::{Catalogue, Countries, Role, Theme, YesNoUnknown};
//!
//! let catalogue = Catalogue::builtin();
//! let pilsen = catalogue.find_by_name("pilsen");
//! let pilsen = pilsen.first().ok_or("Plzeň is in the catalogue")?;
//! assert_eq!(pilsen.name(), "Plzeň");
//! assert!(pilsen.has_role(Role::MissionMindedCity));
//! assert!(pilsen.practices().iter().any(|p| p.themes().contains(&Theme::NatureBasedSolutions)));
//! assert!(!catalogue.is_mission_city(*pilsen).value);
//!
//! let on = NaiveDate::from_ymd_opt(2026, 9, 1).ok_or("a valid day")?;
//! let answer = Countries::builtin().horizon_europe_association_on("TR".parse()?, on);
//! assert_eq!(answer.verdict, YesNoUnknown::Yes);
//! assert!(answer.provenance.source().contains("ope-connect.urjc.es"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! * **schema** — derives `schemars::JsonSchema` for every serializable
//!   type, so services can validate profile documents before sending them.
//!
//! Serde support is always on; amounts serialize as strings so money
//! round-trips exactly. The CSV columns are listed in the
//! [guide](crate::_documentation::guide#loading-a-registration-survey-csv).
//!
//! # Other crates in this family
//!
//! `twinning-core` (ids, country codes, provenance), `twinning-cohort`,
//! `twinning-eligibility` (which asks this crate's country tables and
//! catalogue), `twinning-matcher`, `twinning-outputs`, the facade `twinning`
//! and the command line `twinning-cli`.
#![cfg_attr(docsrs_twinning, feature(doc_cfg))]
#![doc(test(attr(deny(warnings))))]

/// Long-form documentation compiled into the API docs: pages to read, with
/// no items to use.
pub mod _documentation {
    #[doc = include_str!("../GUIDE.md")]
    pub mod guide {}
}

mod builtin;
mod builtin_cities;
mod catalogue;
mod city;
mod country;
mod country_data;
mod document;
mod error;
mod name;
mod overlay;
mod pages;
mod practice;
mod project;
mod query;
mod survey;
mod theme;

pub use crate::builtin::BUILTIN_AS_OF;
pub use crate::catalogue::{
    Catalogue, CatalogueParts, CityKey, CountKind, SourceConflict, StatedCount, TwinPair,
};
pub use crate::city::{
    CityKind, CityProfile, CityProfileDraft, CityRole, IdentityCandidate, ProjectMembership,
    ProjectRole,
};
pub use crate::country::{
    Answer, AssociationAnswer, AssociationRecord, AssociationScope, AssociationStatus, Countries,
    EuMembership, MembershipAnswer, ResearchProgramme, YesNoUnknown,
};
pub use crate::document::{MAX_DOCUMENT_BYTES, ProfileDocument, SCHEMA_VERSION, load_json};
pub use crate::error::Error;
pub use crate::name::{
    Mojibake, closest_names, detect_mojibake, did_you_mean, fold_name, name_key, same_name,
};
pub use crate::overlay::{
    MAX_OVERLAY_BYTES, OVERLAY_SCHEMA_VERSION, Overlay, OverlayDocument, OverlayMembership,
    OverlayRole,
};
pub use crate::pages::{
    CityList, CityListEntry, CityPage, ProjectListEntry, city_list_page, project_list,
    project_list_page, project_page,
};
pub use crate::practice::{
    LearningGoal, LearningGoalDraft, Practice, PracticeDraft, Quantity, Unit,
};
pub use crate::project::{FundingProgramme, PartnerProject, PartnerProjectDraft, ProjectMember};
pub use crate::query::CityQuery;
pub use crate::survey::{
    CSV_COLUMNS, MAX_CSV_BYTES, MAX_CSV_ITEMS, MAX_CSV_ROWS, load_csv, load_table, survey_column,
};
pub use crate::theme::{Theme, ThemeFamily};
pub use twinning_core::{CohortNumber, Role};
