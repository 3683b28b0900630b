//! Two-sided matching for twinning programmes: seekers rank hosts, hosts rank
//! seekers and take a limited number each; this crate finds stable,
//! welfare-optimal or budgeted matchings, checks them independently and
//! explains them.
//!
//! # Overview
//!
//! * [`InstanceSpec`] is the JSON instance document; [`Instance`] is the
//!   validated, index-based form every mechanism reads, bounded by [`Limits`].
//! * [`Matching`] is the result of every mechanism (its JSON form is the
//!   result document), with [`Metrics`].
//! * [`Error`]: what goes wrong with the input.
//!
//! The crate knows ids, preferences, capacities and scores — nothing about
//! cities or cohorts. `docs/matcher.md` explains each mechanism, its
//! guarantees and when to use it.
//!
//! # Example
//!
//! ```
//! use twinning_matcher::{Instance, Limits};
//!
//! let instance = Instance::from_json(
//!     r#"{"seekers":[{"id":"s1","preferences":["h2",["h1","h3"]]}],
//!         "hosts":[{"id":"h1","capacity":2,"preferences":["s1"]},
//!                  {"id":"h2","capacity":1,"preferences":["s1"]},
//!                  {"id":"h3","capacity":1,"preferences":[]}]}"#,
//!     &Limits::default(),
//! )?;
//! assert_eq!(instance.seeker_count(), 1);
//! assert_eq!(instance.seeker_rank(0, 1), Some(0)); // h2 is s1's first choice
//! assert!(!instance.is_acceptable(0, 2)); // h3 does not list s1
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Crate features
//!
//! * **schema** — derives `schemars::JsonSchema` for every serializable type
//!   (the instance and result documents).
//!
//! Serde support is always on: the instance and result documents are how
//! services and the command line talk to the matcher.
//!
//! # Other crates in this family
//!
//! `twinning-core`, `twinning-cohort`, `twinning-profile`,
//! `twinning-eligibility`, `twinning-outputs`, the facade `twinning` and the
//! command line `twinning-cli`.
#![cfg_attr(docsrs_twinning, feature(doc_cfg))]
#![doc(test(attr(deny(warnings))))]

mod budget;
mod checker;
mod deferred_acceptance;
mod error;
mod explain;
mod flow;
mod greedy;
mod instance;
mod lattice;
mod matching;
mod super_stable;
mod welfare;

pub use crate::budget::{BudgetConfig, BudgetMode, BudgetObjective, budgeted};
pub use crate::checker::{
    Attitude, BlockingPair, CheckReport, Stability, Violation, check, check_assignment,
};
pub use crate::deferred_acceptance::deferred_acceptance;
pub use crate::error::{Error, ListPosition, Side};
pub use crate::explain::{BetterHost, Explanation, SeekerExplanation, Unmatched, WhyNot, explain};
pub use crate::greedy::greedy_selection;
pub use crate::instance::{
    HostSpec, INSTANCE_VERSION, Instance, InstanceSpec, Limits, PairSpec, Preference, ScoreSpec,
    SeekerSpec,
};
pub use crate::lattice::{Enumeration, RotationInfo, RotationMove, StableLattice};
pub use crate::matching::{
    HostFill, Matching, Mechanism, Metrics, Optimality, Pair, RESULT_VERSION,
};
pub use crate::super_stable::{SuperStableOutcome, super_stable};
pub use crate::welfare::{Objective, min_cost_assignment, rank_maximal, welfare_optimal};
