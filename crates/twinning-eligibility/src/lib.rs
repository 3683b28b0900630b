//! Whether a city may join a cohort of the Twinning Learning Programme in a
//! given role, and exactly why — the published criteria of every cohort as
//! data, and decisions that explain themselves.
//!
//! The [guide](crate::_documentation::guide) is the long form: deciding,
//! registries, the built-in rule sets, the JSON formats, and the design
//! questions with the readings followed where sources disagree.
//!
//! # Overview
//!
//! * [`RuleSet`]: the criteria of one cohort for one role, as a value.
//!   [`RuleSet::builtin`] has cohorts 1–5 as published (call windows taken
//!   from `twinning-cohort`'s calendars); [`RuleSet::from_json`] loads a
//!   custom one (a cohort 6) and checks it on load.
//! * [`Criterion`] and [`Rule`]: one condition — country group on a day
//!   ([`CountryGroup`], [`DateBasis`]), neutrality target year, Mission City
//!   or not, no earlier Twin or Pilot role, submission window (instants with
//!   their offsets, inclusive to the minute), invitation, partner project —
//!   with its provenance and, where sources disagree, the reading followed
//!   and why.
//! * [`Applicant`] with its [`Claims`]: what a city declares.
//! * [`Registry`]: the facts declarations are checked against (country
//!   tables, Mission Cities, earlier roles, the cohort 5 catalogue).
//!   [`BuiltinRegistry`] answers from `twinning-profile`; services and tests
//!   plug in their own.
//! * [`Decision`]: [`Verdict`] eligible / ineligible / undetermined, one
//!   [`CriterionOutcome`] per criterion ([`Outcome`], [`Reason`], a sentence,
//!   [`Evidence`] with provenance) and the [`Conflict`]s between declarations
//!   and registry facts. It serializes to a stable JSON shape
//!   ([documented](crate::_documentation::guide#decisions-stable-shape)).
//! * [`Batch`] and [`Summary`]: many applicants at once, counted per verdict
//!   and per failing criterion.
//! * Pages for people: [`Decision::to_page`], [`Batch::to_page`] (with its
//!   sheets for CSV and `.xlsx`) and [`rules_page`].
//! * [`ProgrammeData`]: the catalogue, the registry and the cohorts with a
//!   data overlay applied (an overlay's cohort replaces the built-in one of
//!   its number), and the [`DataDates`] they are as of, for answers and
//!   pages to show.
//! * [`Error`]: malformed rule sets, applicants or decisions. An ineligible
//!   applicant is a decision, never an error.
//!
//! # Example
//!
//! ```
//! use twinning_cohort::{CohortNumber, Role};
//! use twinning_eligibility::{Applicant, BuiltinRegistry, RuleSet, Verdict};
//!
//! let registry = BuiltinRegistry::new();
//! let eoi = RuleSet::builtin(CohortNumber::new(4)?, Role::MissionCity).ok_or("no built-in rule set")?;
//!
//! // Cohort 4's expressions of interest closed at 17:00 CET on 28 March 2025, to the minute.
//! let valencia = Applicant::new("Valencia")?
//!     .with_country("ES".parse()?)
//!     .with_submitted_at("2025-03-28T17:01:00+01:00".parse()?);
//! let decision = eoi.evaluate(&valencia, "2025-03-28T17:01:00+01:00".parse()?, &registry);
//! assert_eq!(decision.verdict(), Verdict::Ineligible);
//! assert_eq!(decision.failed().collect::<Vec<_>>(), ["window"]);
//! println!("{}", decision.to_json()); // the documented shape, ready for a web service
//!
//! // Valencia is one of the 112 Mission Cities, so it could not have been a cohort 2 Twin City.
//! let cohort_2 = RuleSet::builtin(CohortNumber::new(2)?, Role::TwinCity).ok_or("no built-in rule set")?;
//! let decision = cohort_2.evaluate(&valencia, "2024-05-02T10:00:00+02:00".parse()?, &registry);
//! assert!(decision.failed().any(|criterion| criterion == "not-mission-city"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! * **schema** — derives `schemars::JsonSchema` for every serializable
//!   type (rule sets, applicants, decisions), so services in other languages
//!   can validate the documents they exchange.
//!
//! Serde support is always on.
//!
//! # Other crates in this family
//!
//! `twinning-core` (ids, country codes, provenance), `twinning-cohort`
//! (cohort calendars and roles), `twinning-profile` (city profiles, country
//! tables, the catalogue), `twinning-matcher`, `twinning-outputs`, the facade
//! `twinning` and the command line `twinning-cli`.
#![cfg_attr(docsrs_twinning, feature(doc_cfg))]
#![doc(test(attr(deny(warnings))))]

/// Long-form documentation compiled into the API docs: pages to read, with
/// no items to use.
pub mod _documentation {
    #[doc = include_str!("../GUIDE.md")]
    pub mod guide {}
}

mod applicant;
mod batch;
mod builtin;
mod builtin_registry;
mod criterion;
mod decision;
mod error;
mod evaluate;
mod pages;
mod programme_data;
mod registry;
mod rule_set;
mod table;

pub use crate::applicant::{APPLICANT_SCHEMA_VERSION, Applicant, Claims};
pub use crate::batch::{BATCH_COLUMNS, Batch, RowInfo, Summary};
pub use crate::builtin_registry::BuiltinRegistry;
pub use crate::criterion::{CountryGroup, Criterion, DateBasis, Rule};
pub use crate::decision::{
    Conflict, CriterionOutcome, DECISION_SCHEMA_VERSION, Decision, Evidence, EvidenceSource,
    Outcome, Reason, Verdict,
};
pub use crate::error::Error;
pub use crate::pages::rules_page;
pub use crate::programme_data::{DataDates, OverlayDate, ProgrammeData};
pub use crate::registry::{EarlierRole, EarlierRoles, Registry};
pub use crate::rule_set::{MAX_CRITERIA, MAX_DOCUMENT_BYTES, RULE_SET_SCHEMA_VERSION, RuleSet};
pub use crate::table::{
    APPLICANT_COLUMN_ALIASES, APPLICANT_COLUMNS, ApplicantRow, ApplicantTable,
    ApplicantTableOptions, DateOrder,
};

/// The longest name (of an applicant, a project, a rule set) accepted, in bytes.
pub const MAX_NAME_LEN: usize = 200;

/// The climate-neutrality years an applicant may declare, as rule sets may
/// require them: a year outside (negative, `20500`, a typo) is refused, not
/// compared.
pub const NEUTRALITY_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The longest list (of partner projects) accepted in a document.
pub const MAX_LIST_LEN: usize = 64;

impl RuleSet {
    /// The built-in rule set for `cohort` and `role`, as published.
    ///
    /// Cohorts 1–3 have rule sets for [`Role::TwinCity`](twinning_cohort::Role::TwinCity),
    /// cohorts 4–5 for Mission Cities and Mission-minded cities. Pilot Cities
    /// joined through the Pilot Cities programme's own calls, so there is
    /// none for them; `None` for those and for unknown cohorts.
    pub fn builtin(
        cohort: twinning_cohort::CohortNumber,
        role: twinning_cohort::Role,
    ) -> Option<RuleSet> {
        builtin::builtin(cohort, role)
    }

    /// Every built-in rule set, by cohort then role.
    pub fn builtins() -> Vec<RuleSet> {
        builtin::all()
    }
}
