//! The pairing flow of the Twinning Learning Programme: cities → preference
//! lists → a matcher instance → a checked, explained matching → pairs of
//! cities again.
//!
//! The [guide](crate::_documentation::guide) is the long form: learners and
//! peers, the interests table, the scoring rule, ties and the cut, the plan
//! step by step, and the design questions.
//!
//! # Overview
//!
//! * [`Learner`] and [`Peer`]: a city that wants to learn (the matcher's
//!   seeker; in cohort 5 a Mission City) and a city that offers tested
//!   practices (the host; a Mission-minded city), each with [`Interest`]s
//!   tagged by theme. Made from city profiles or read from an
//!   [`Interests`] table.
//! * [`affinity`] and [`suggest`]: how well a peer's practices answer a
//!   learner's goals ([`DOMAIN_WEIGHT`] per shared emission domain,
//!   [`LEVER_WEIGHT`] per shared lever), and the ranked [`Suggestions`] of
//!   both sides, ties kept, each entry naming the themes, goals and
//!   practices that matched.
//! * [`PairingInstance`]: the typed matcher instance of a set of
//!   suggestions, and [`city_pairs`]: the way back from a matching of ids
//!   to [`CityPairs`].
//! * [`Plan`]: one cohort's pairing end to end — rules → candidates →
//!   suggestions → budgeted selection and matching → independent check →
//!   explanation — returning one [`PairingRun`] that the command line and
//!   services only render. [`Words`] and [`sentences`] word an explanation
//!   the same way for all of them.
//! * Pages for people ([`Page`](twinning_core::Page)): [`suggestions_page`]
//!   (with the JSON [`SuggestAnswer`]), [`match_page`], [`verify_page`], and
//!   a run's report and summary ([`PairingRun::to_page`],
//!   [`PairingRun::summary_page`], with the JSON views [`RunSummary`] and
//!   [`SampleSuggestions`]).
//!
//! # Example
//!
//! Cohort 5 on the built-in catalogue, with the illustrative learners
//! (real Mission Cities, sample interests):
//!
//! ```
//! use twinning_pairing::{Plan, sample_learners};
//! use twinning_profile::Catalogue;
//!
//! let catalogue = Catalogue::try_builtin()?;
//! let plan = Plan::cohort5(catalogue, sample_learners(catalogue)?)?;
//! let run = plan.run("2026-05-01T12:00:00+02:00".parse()?)?;
//!
//! // Ten Mission-minded cities are selected overall (seed 001).
//! let selected = run.pairs.selected_peers.as_ref().ok_or("a budgeted run selects peers")?;
//! assert!(selected.len() <= 10);
//! assert!(run.is_stable());
//! for pair in &run.pairs.pairs {
//!     // Every pair shares at least one theme: that is why it was suggested.
//!     assert!(!pair.shared.is_empty(), "{} and {}", pair.learner.name, pair.peer.name);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! * **schema** — JSON Schema descriptions (schemars) for the serializable
//!   types.
//!
//! # Other crates in this family
//!
//! Built on `twinning-profile` (cities), `twinning-eligibility` (rules),
//! `twinning-cohort` (calendars) and `twinning-matcher` (matching of ids);
//! the facade `twinning` re-exports it as `twinning::pairing`.
#![cfg_attr(docsrs_twinning, feature(doc_cfg))]
#![doc(test(attr(deny(warnings))))]

/// Long-form documentation compiled into the API docs: pages to read, with
/// no items to use.
pub mod _documentation {
    #[doc = include_str!("../GUIDE.md")]
    pub mod guide {}
}

mod affinity;
mod drawing;
mod error;
mod explain;
mod instance;
mod interests;
mod pages;
mod pairs;
mod plan;
mod run_page;
mod sample;
mod stated;
mod suggest;

pub use crate::affinity::{
    Affinity, DOMAIN_WEIGHT, Interest, LEVER_WEIGHT, Learner, Peer, SharedTheme, affinity,
    scoring_rule, weight,
};
pub use crate::drawing::{PAIRS_CLASSES, pairs_svg};
pub use crate::error::Error;
pub use crate::explain::{Words, ordinal, sentence, sentences};
pub use crate::instance::{PairingInstance, Seats};
pub use crate::interests::{INTEREST_COLUMNS, Interests, MAX_INTERESTS_BYTES};
pub use crate::pages::{
    SuggestAnswer, match_page, no_super_stable_page, optimality_text, suggestions_page, verify_page,
};
pub use crate::pairs::{CityPair, CityPairs, Named, Roster, city_pairs};
pub use crate::plan::{NEXT_MILESTONES, PairingRun, Plan, Settings, applicant_of};
pub use crate::run_page::{RunSummary, SAMPLE_BANNER, SampleLearner, SampleSuggestions};
pub use crate::sample::{SAMPLE_INTERESTS, SAMPLE_PREFIX, sample_learners};
pub use crate::stated::{MAX_STATED_HOSTS, Stated, apply_stated};
pub use crate::suggest::{Options, Ranked, Suggestions, preferences, suggest};
