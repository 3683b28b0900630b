//! The learning outputs a twinned city produces in the Twinning Learning
//! Programme, as typed documents that can be checked, tracked, exported to
//! JSON and rendered to Markdown.
//!
//! The [guide](crate::_documentation::guide) is the long form: a tour of the
//! envelope and the bodies, problems and missing items, JSON and Markdown,
//! and the design questions.
//!
//! # Overview
//!
//! * [`Document`]: the envelope every output shares — [`OutputId`](twinning_core::OutputId),
//!   owner [`CityRef`], cohort, title, due date and [`Lifecycle`] (draft →
//!   submitted → accepted or revision requested, with timestamps) — around an
//!   [`OutputBody`], one of:
//!   * [`LearningRoadmap`]: learning priorities on the closed
//!     [`Theme`](twinning_profile::Theme) taxonomy, the twin's practices, the
//!     activities and milestones that serve them;
//!   * [`StakeholderPlan`]: stakeholders by [`Sector`], placed on the
//!     power/interest grid ([`Quadrant`]), their [`Stance`] now and sought,
//!     and dated engagement activities with owners;
//!   * [`TransferabilityAssessment`]: the five SITEE [`Dimension`]s with
//!     weights and scores, evidence, enablers, barriers, adaptations, and an
//!     [`Evaluation`] with a [`Transferability`] by documented thresholds;
//!   * [`ActionPlan`]: actions with owners, dates, budgets in EUR, funding,
//!     KPIs, risks and dependencies; [`ActionPlan::schedule`] gives the
//!     topological order, critical path and early starts,
//!     [`ActionPlan::funding`] the exact total budget, secured funding and gap;
//!   * [`InfoSession`]: date, audience, topics.
//! * [`Document::check`] against an [`OutputContext`] (cohort, programme
//!   period, due date) returns a [`Report`]: **every** [`Problem`] (with field
//!   path and offending value) and every [`Missing`] item at once.
//! * [`Document::to_json`] / [`Document::from_json`] round-trip losslessly
//!   with a [`SCHEMA_VERSION`]; [`Document::to_markdown`] renders a document
//!   a city can hand in; [`Document::starter`] makes a valid empty draft.
//! * Action plans as workbooks to fill in:
//!   [`Document::to_action_plan_workbook`] writes the sheets of
//!   [`ACTION_PLAN_SHEETS`], [`read_action_plan_workbook`] reads a filled one
//!   back into the document's JSON, and [`FilledWorkbook::cell_of`] turns a
//!   problem's path into the cell it was typed in (`Funding!C2`). Amount
//!   strings follow a declared [`NumberLocale`](twinning_core::NumberLocale)
//!   with [`Document::from_json_in`].
//! * [`path_steps`] reads a problem's field path back into [`PathStep`]s,
//!   so a form can point at the field a problem is about; each enum a
//!   document holds has `ALL` (its values in order) and `label` (words for
//!   people), so a form can offer it as a list to choose from.
//! * [`Validation`]: a document checked against its cohort after reading,
//!   with the reading mistakes stepped over ([`ReadMistake`]), a verdict and
//!   a [`Page`](twinning_core::Page) for people.
//! * [`Error`]: what goes wrong on bad input.
//!
//! # Example
//!
//! ```
//! use twinning_cohort::OutputKind;
//! use twinning_core::{ActionId, CityId, CohortNumber, DateRange, OutputId, Uuid};
//! use twinning_outputs::{Action, CityRef, Document, OutputBody, OutputContext};
//!
//! let programme = DateRange::new("2026-09-01".parse()?, "2027-09-30".parse()?)?;
//! let ctx = OutputContext::new(CohortNumber::new(5)?, programme);
//! let city = CityRef::new(CityId::from_uuid(Uuid::from_u128(1)), "Kalamata");
//! let mut plan = Document::starter(
//!     OutputKind::ActionPlan,
//!     OutputId::from_uuid(Uuid::from_u128(2)),
//!     city,
//!     &ctx,
//!     "2026-09-15T10:00:00+02:00".parse()?,
//! );
//! assert_eq!(plan.title, "Joint Replication or Action Plan");
//! assert!(plan.check(&ctx).is_valid()); // a starter is valid, though incomplete
//!
//! let survey = ActionId::from_uuid(Uuid::from_u128(10));
//! let pilot = ActionId::from_uuid(Uuid::from_u128(11));
//! let action = |id, title: &str, start: &str, end: &str, eur: &str, deps: Vec<ActionId>| {
//!     Ok::<_, Box<dyn std::error::Error>>(Action {
//!         id,
//!         title: title.into(),
//!         owner: "Mobility department".into(),
//!         period: DateRange::new(start.parse()?, end.parse()?)?,
//!         budget_eur: eur.parse()?,
//!         funding: vec![],
//!         kpis: vec![],
//!         risks: vec![],
//!         depends_on: deps,
//!     })
//! };
//! if let OutputBody::ActionPlan(p) = &mut plan.body {
//!     p.actions.push(action(survey, "Demand survey", "2026-10-01", "2026-10-30", "12000.00", vec![])?);
//!     p.actions.push(action(pilot, "E-bike pilot", "2026-10-20", "2027-03-31", "-5", vec![survey])?);
//!
//!     let schedule = p.schedule()?;
//!     assert_eq!(schedule.critical_path, vec![survey, pilot]);
//!     assert_eq!(schedule.critical_path_days, 30 + 163);
//! }
//! let report = plan.check(&ctx);
//! // Every problem at once: the negative budget (an error) and the pilot
//! // starting before the survey ends (a warning).
//! let paths: Vec<_> = report.problems.iter().map(|p| p.path.as_str()).collect();
//! assert_eq!(paths, ["actions[1].budget_eur", "actions[1].depends_on[0]"]);
//!
//! let json = plan.to_json()?;
//! assert_eq!(Document::from_json(&json)?, plan);
//! assert!(plan.to_markdown().contains("```mermaid"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! * **schema** — derives `schemars::JsonSchema` for every serializable type,
//!   so forms and services can validate documents before sending them.
//!
//! Serde support is always on: documents are exchanged as JSON.
//!
//! # Other crates in this family
//!
//! `twinning-core` (ids, date ranges), `twinning-cohort` (calendars and the
//! outputs each cohort requires), `twinning-profile` (cities, practices and
//! themes), `twinning-eligibility`, `twinning-matcher`, the facade `twinning`
//! and the command line `twinning-cli`.
#![cfg_attr(docsrs_twinning, feature(doc_cfg))]
#![doc(test(attr(deny(warnings))))]

/// Long-form documentation compiled into the API docs: pages to read, with
/// no items to use.
pub mod _documentation {
    #[doc = include_str!("../GUIDE.md")]
    pub mod guide {}
}

mod action_plan;
mod amount;
mod context;
mod document;
mod error;
mod graph;
mod ids;
mod info_session;
mod lifecycle;
mod markdown;
mod money;
mod path;
mod problem;
mod roadmap;
mod sheet;
mod stakeholder;
mod transferability;
mod validation;

pub use crate::action_plan::{
    Action, ActionPlan, EarlyStart, FundingSource, FundingSummary, Kpi, Rating, Risk, Schedule,
};
pub use crate::amount::{parse_eur, parse_quantity};
pub use crate::context::{OutputContext, default_title};
pub use crate::document::{CityRef, Document, MAX_DOCUMENT_BYTES, OutputBody, SCHEMA_VERSION};
pub use crate::error::Error;
pub use crate::info_session::{AudienceGroup, InfoSession, Topic};
pub use crate::lifecycle::{Lifecycle, Status, StatusChange};
pub use crate::path::{PathStep, path_steps};
pub use crate::problem::{Missing, Problem, ProblemKind, Reference, Report, Severity};
pub use crate::roadmap::{
    LearningPriority, LearningRoadmap, PracticeRef, RoadmapActivity, RoadmapActivityKind,
    RoadmapMilestone,
};
pub use crate::sheet::{ACTION_PLAN_SHEETS, FilledWorkbook, read_action_plan_workbook};
pub use crate::stakeholder::{
    EngagementActivity, EngagementLevel, Level, Quadrant, Sector, Stakeholder, StakeholderPlan,
    Stance,
};
pub use crate::transferability::{
    ADAPTATION_THRESHOLD, AS_IS_THRESHOLD, Adaptation, DIMENSION_FLOOR_AS_IS, Dimension,
    DimensionAssessment, Evaluation, SCORE_MAX, Transferability, TransferabilityAssessment,
};
pub use crate::validation::{ReadMistake, Validation};
