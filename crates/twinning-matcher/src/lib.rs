//! Two-sided matching for twinning programmes: seekers rank hosts, hosts rank
//! seekers and take a limited number each; this crate finds stable,
//! welfare-optimal or budgeted matchings, checks them independently and
//! explains them.
//!
//! # Overview
//!
//! * [`InstanceSpec`] is the JSON instance document (seekers and hosts with
//!   ranked lists, ties as nested lists, capacities, optional scores,
//!   forbidden and required pairs, and the budget `max_hosts`); [`Instance`]
//!   is the validated, index-based form every mechanism reads, bounded by
//!   [`Limits`]. Bad input is an [`Error`] naming the agent and position.
//! * Stable mechanisms: [`deferred_acceptance()`] with either [`Side`]
//!   proposing and seeded tie-breaking; [`super_stable()`], which reports
//!   when no super-stable matching exists; [`StableLattice`] with both ends,
//!   the rotations, the egalitarian and minimum-regret stable matchings and
//!   enumeration with a limit.
//! * Optimising mechanisms: [`welfare_optimal`] and [`rank_maximal`] under
//!   capacities, and [`budgeted`] / [`greedy_selection`] to choose at most
//!   `k` hosts with a proof of optimality or a gap.
//! * [`Matching`] is the result of every mechanism (its JSON form is the
//!   result document), with [`Metrics`].
//! * [`check`] lists every blocking pair under weak, strong and
//!   super-stability ([`Stability`]) and every violated constraint;
//!   [`check_figures`] lists every figure a result document states (ranks,
//!   scores, fill, metrics) that its pairs do not give ([`FigureMismatch`]);
//!   [`explain()`] tells each seeker why it did not get the hosts it ranked
//!   higher; a [`MatchReport`] is a result with its explanation.
//!
//! The crate knows ids, preferences, capacities and scores — nothing about
//! cities or cohorts. The [guide](crate::_documentation::guide) explains
//! each mechanism, its guarantees (who it favours, who can safely tell the
//! truth) and when to use it; the
//! [benchmarks](crate::_documentation::benchmarks) compare it with the
//! libraries people would otherwise reach for.
//!
//! # Example
//!
//! ```
//! use twinning_matcher::{Instance, Limits, Side, Stability, check, deferred_acceptance, explain};
//!
//! let instance = Instance::from_json(
//!     r#"{"seekers":[{"id":"s1","preferences":["h2",["h1","h3"]]},
//!                    {"id":"s2","preferences":["h2","h1"]}],
//!         "hosts":[{"id":"h1","capacity":2,"preferences":["s1","s2"]},
//!                  {"id":"h2","capacity":1,"preferences":["s2","s1"]},
//!                  {"id":"h3","capacity":1,"preferences":[]}],
//!         "max_hosts":10}"#,
//!     &Limits::default(),
//! )?;
//! let matching = deferred_acceptance(&instance, Side::Seeker, 0);
//! assert_eq!(matching.host_of("s2"), Some("h2")); // h2 prefers s2
//! assert_eq!(matching.host_of("s1"), Some("h1"));
//! assert!(check(&instance, &matching)?.is_stable(Stability::Weak));
//! let why = explain(&instance, &matching)?;
//! assert_eq!(why.seekers[0].better_hosts[0].host, "h2"); // full with s2, whom h2 ranks higher
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

/// Long-form documentation compiled into the API docs: pages to read, with
/// no items to use.
pub mod _documentation {
    #[doc = include_str!("../GUIDE.md")]
    pub mod guide {}
    #[doc = include_str!("../BENCHMARKS.md")]
    pub mod benchmarks {}
}

mod budget;
mod checker;
mod deferred_acceptance;
mod draw;
mod error;
mod explain;
mod figures;
mod flow;
mod greedy;
mod instance;
mod lattice;
mod matching;
mod report_reader;
mod solve;
mod super_stable;
mod time_limit;
mod welfare;

pub use crate::budget::{
    BudgetConfig, BudgetMode, BudgetObjective, Cancel, ProgressSink, SearchProgress, budgeted,
};
pub use crate::checker::{
    Attitude, BlockingPair, CheckReport, Stability, Violation, check, check_assignment,
};
pub use crate::deferred_acceptance::deferred_acceptance;
pub use crate::draw::{to_dot, to_dot_named, to_mermaid};
pub use crate::error::{Error, ListPosition, Side};
pub use crate::explain::{
    BetterHost, Explanation, ExplanationCut, MAX_NAMED, MatchReport, SeekerExplanation, Unmatched,
    WhyNot, explain, explain_until,
};
pub use crate::figures::{FigureMismatch, MetricValue, check_figures};
pub use crate::greedy::greedy_selection;
pub use crate::instance::{
    HostSpec, INSTANCE_VERSION, Instance, InstanceSpec, Limits, PairSpec, Preference, ScoreSpec,
    SeekerSpec,
};
pub use crate::lattice::{Enumeration, RotationInfo, RotationMove, StableLattice};
pub use crate::matching::{
    HostFill, Matching, Mechanism, Metrics, Optimality, Pair, RESULT_VERSION,
};
pub use crate::solve::{
    MechanismKind, SolveConfig, Solved, VERIFY_SEARCH_TIME, Verification, solve, verify,
};
pub use crate::super_stable::{SuperStableOutcome, super_stable};
pub use crate::time_limit::{DeadlineReader, RunDeadlines, TimeLimit};
pub use crate::welfare::{
    DENSE_MAX, Objective, min_cost_assignment, rank_maximal, welfare_optimal,
};
