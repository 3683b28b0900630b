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
//! | [`pairing`] | [`twinning-pairing`](https://docs.rs/twinning-pairing) | from cities to preference lists, a checked matching and pairs of cities |
//! | [`outputs`] | [`twinning-outputs`](https://docs.rs/twinning-outputs) | what a twinned city hands in |
//!
//! The shared vocabulary of [`twinning-core`](https://docs.rs/twinning-core)
//! (ids, [`CountryCode`], [`DateRange`], [`Provenance`], [`Reported`]) sits
//! at this crate's root; [`prelude`] holds the types most programs use and
//! [`Error`] wraps every crate's error.
//!
//! # A walk through the library
//!
//! Cohort 5 in miniature: look two Mission-minded cities up in the built-in
//! catalogue, check one against cohort 5's rules, run cohort 5's pairing end
//! to end (Mission Cities rank the eligible Mission-minded cities, ten are
//! selected, the matching is checked independently), and start the joint
//! action plan a pair must hand in.
//!
//! ```
//! use twinning::cohort::{Cohort, CohortNumber, OutputKind, Role};
//! use twinning::eligibility::{Applicant, BuiltinRegistry, RuleSet, Verdict};
//! use twinning::outputs::{CityRef, Document, OutputContext};
//! use twinning::pairing::{Plan, sample_learners};
//! use twinning::profile::Catalogue;
//! use twinning::{OutputId, Uuid};
//!
//! // 1. When: cohort 5 runs from September 2026 to September 2027 (seed 001).
//! let five = CohortNumber::new(5)?;
//! let cohort = Cohort::builtin(five).ok_or("cohort 5 is built in")?;
//! assert_eq!(cohort.programme_period().to_string(), "2026-09 to 2027-09");
//!
//! // 2. Who: catalogue look-ups ignore case and accents and know variants.
//! let catalogue = Catalogue::builtin();
//! let agueda = *catalogue.find_by_name("agueda").first().ok_or("Águeda is in the catalogue")?;
//! let ghent = *catalogue.find_by_name("Gent").first().ok_or("Ghent is in the catalogue")?;
//! assert_eq!((agueda.name(), agueda.country().as_str()), ("Águeda", "PT"));
//!
//! // 3. May it take part? Cohort 5's Mission-minded cities must be invited
//! //    members of a selected partner project (seeds 000 and 001). Names match
//! //    as the city writes them, and the explanation names what matched.
//! let rules = RuleSet::builtin(five, Role::MissionMindedCity).ok_or("a built-in rule set")?;
//! let registry = BuiltinRegistry::new();
//! let mechelen = Applicant::new("Mechelen")?.with_partner_projects(["GreenLog"]);
//! let decision = rules.evaluate(&mechelen, "2026-01-10T12:00:00+01:00".parse()?, &registry);
//! assert_eq!(decision.verdict(), Verdict::Eligible);
//! let project = decision.outcome("partner-project").ok_or("a partner-project outcome")?;
//! assert!(project.sentence.starts_with("'GreenLog' is GREEN-LOG, a selected partner project"));
//! let outsider = Applicant::new("Valencia")?.with_country("ES".parse()?).with_invited(false);
//! let decision = rules.evaluate(&outsider, "2026-01-10T12:00:00+01:00".parse()?, &registry);
//! assert_eq!(decision.verdict(), Verdict::Ineligible);
//! assert!(decision.failed().any(|criterion| criterion == "invited"));
//!
//! // 4. Who pairs with whom: Mission Cities (real ones, with sample interests)
//! //    rank the Mission-minded cities that are not ineligible by the themes
//! //    their tested practices share; at most ten hosts are selected (seed 001)
//! //    and the matching is checked by an independent checker and explained.
//! let plan = Plan::cohort5(catalogue, sample_learners(catalogue)?)?;
//! let run = plan.run("2026-05-01T12:00:00+02:00".parse()?)?;
//! let hosts = run.pairs.selected_peers.as_ref().ok_or("a budgeted run selects hosts")?;
//! assert!(hosts.len() <= 10 && run.is_stable());
//! for pair in &run.pairs.pairs {
//!     assert!(!pair.shared.is_empty(), "{} learns from {}", pair.learner.name, pair.peer.name);
//! }
//! // The same run as a page for people: text, Markdown or an HTML fragment.
//! let summary = run.summary_page("report.md");
//! assert!(summary.to_text().starts_with("Twinning cohort 5, end to end (demo)"));
//! assert!(summary.to_html().starts_with("<h1>Twinning cohort 5"));
//!
//! // 5. What they hand in: a starter joint action plan, due within the programme.
//! let ctx = OutputContext::for_output(cohort, OutputKind::ActionPlan);
//! let plan = Document::starter(
//!     OutputKind::ActionPlan,
//!     OutputId::from_uuid(Uuid::from_u128(1)),
//!     CityRef::new(ghent.id(), ghent.name()),
//!     &ctx,
//!     "2026-09-15T10:00:00+02:00".parse()?,
//! );
//! assert!(plan.check(&ctx).is_valid());
//! assert!(plan.to_markdown().contains(ghent.name()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
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
// Each member crate is inlined (`#[doc(inline)]`, as bevy's modules are) so its
// pages are part of this crate's docs: the links in the module table resolve
// whether or not the member's own docs are built alongside. Without it rustdoc
// leaves `[cohort]` as bracketed text when the member's docs are missing.
#[doc(inline)]
pub use twinning_cohort as cohort;
pub use twinning_core::{
    ActionId, ActivityId, ApplicantId, Block, CityId, CohortId, CohortNumber, Confidence,
    CountryCode, DateRange, LearningGoalId, MilestoneId, MonthRange, OutputId, Page, PageTable,
    PracticeId, ProjectId, Provenance, Reported, Role, Slug, Sourced, StakeholderId, Uuid,
    YearMonth, visible_id, visible_text,
};
#[doc(inline)]
pub use twinning_eligibility as eligibility;
#[doc(inline)]
pub use twinning_matcher as matcher;
#[doc(inline)]
pub use twinning_outputs as outputs;
#[doc(inline)]
pub use twinning_pairing as pairing;
#[doc(inline)]
pub use twinning_profile as profile;
