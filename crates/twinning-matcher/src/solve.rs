//! One entry point for every mechanism: which one, on which side, under
//! which budget.

use std::fmt;
use std::str::FromStr;

use crate::{
    BudgetConfig, BudgetObjective, CheckReport, Error, Instance, Matching, Objective, Side,
    Stability, StableLattice, SuperStableOutcome,
};

/// The mechanisms a caller can choose, by their kebab-case keys.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum MechanismKind {
    /// Gale–Shapley deferred acceptance: stable, ties broken by the seed (the
    /// default).
    #[default]
    DeferredAcceptance,
    /// Stable even under ties, or a proof that none exists.
    SuperStable,
    /// The largest total pair score (without scores: the largest rank score).
    Welfare,
    /// Most first choices, then most second choices, …
    RankMaximal,
    /// Stable, with the least total rank of both sides.
    Egalitarian,
    /// Stable, with the worst-off agent as well off as possible.
    MinimumRegret,
}

impl MechanismKind {
    /// Every mechanism, in the order above.
    pub const ALL: [MechanismKind; 6] = [
        MechanismKind::DeferredAcceptance,
        MechanismKind::SuperStable,
        MechanismKind::Welfare,
        MechanismKind::RankMaximal,
        MechanismKind::Egalitarian,
        MechanismKind::MinimumRegret,
    ];

    /// The kebab-case key (`deferred-acceptance`).
    #[must_use]
    pub const fn key(self) -> &'static str {
        match self {
            MechanismKind::DeferredAcceptance => "deferred-acceptance",
            MechanismKind::SuperStable => "super-stable",
            MechanismKind::Welfare => "welfare",
            MechanismKind::RankMaximal => "rank-maximal",
            MechanismKind::Egalitarian => "egalitarian",
            MechanismKind::MinimumRegret => "minimum-regret",
        }
    }

    /// What it does, in a few words.
    #[must_use]
    pub const fn description(self) -> &'static str {
        match self {
            MechanismKind::DeferredAcceptance => "Gale-Shapley: stable, ties broken by the seed",
            MechanismKind::SuperStable => "stable even under ties, or proof none exists",
            MechanismKind::Welfare => "the largest total pair score",
            MechanismKind::RankMaximal => "most first choices, then second, ...",
            MechanismKind::Egalitarian => "stable, least total rank (both sides)",
            MechanismKind::MinimumRegret => "stable, worst-off agent best off",
        }
    }

    /// Whether it can select hosts under a budget (`max_hosts`).
    #[must_use]
    pub const fn takes_budget(self) -> bool {
        matches!(self, MechanismKind::DeferredAcceptance | MechanismKind::Welfare)
    }
}

impl fmt::Display for MechanismKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for MechanismKind {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        MechanismKind::ALL.into_iter().find(|m| m.key() == s).ok_or_else(|| Error::Unsupported {
            mechanism: "solve",
            reason: format!(
                "no mechanism {s:?}; one of: {}",
                MechanismKind::ALL.map(MechanismKind::key).join(", ")
            ),
        })
    }
}

/// What [`solve`] runs.
#[derive(Debug, Clone, Default)]
pub struct SolveConfig {
    /// The mechanism.
    pub mechanism: MechanismKind,
    /// The proposing side of deferred acceptance (a budgeted stable search
    /// always has the seekers propose).
    pub proposing: Side,
    /// The tie-breaking seed of deferred acceptance and the stable lattice.
    pub seed: u64,
    /// The budget and its search: `budget.max_hosts`, else the instance's
    /// `max_hosts`; without either, no budget. `budget.objective` is set
    /// from the mechanism.
    pub budget: BudgetConfig,
}

/// What a mechanism gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Solved {
    /// A matching.
    Matching(Box<Matching>),
    /// No super-stable matching exists, and why.
    NoSuperStable(String),
}

/// Runs the configured mechanism. Under a budget (the config's or the
/// instance's `max_hosts`), `welfare` and `deferred-acceptance` run the
/// budgeted selection ([`budgeted`](crate::budgeted)) with the welfare or
/// the stable objective; the other mechanisms do not select hosts.
///
/// ```
/// use twinning_matcher::{Instance, Limits, MechanismKind, SolveConfig, Solved, solve};
///
/// let instance = Instance::from_json(
///     r#"{"seekers":[{"id":"lyon","preferences":["gent"]}],
///         "hosts":[{"id":"gent","capacity":1,"preferences":["lyon"]}]}"#,
///     &Limits::default(),
/// )?;
/// let config = SolveConfig { mechanism: MechanismKind::Egalitarian, ..SolveConfig::default() };
/// let Solved::Matching(m) = solve(&instance, &config)? else { panic!("a stable matching exists") };
/// assert_eq!(m.host_of("lyon"), Some("gent"));
/// # Ok::<(), twinning_matcher::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::Unsupported`] when the mechanism cannot run here: a budget
/// with a mechanism that does not select hosts, a budget with hosts
/// proposing, or what the mechanism itself refuses (for instance required
/// pairs).
pub fn solve(instance: &Instance, config: &SolveConfig) -> Result<Solved, Error> {
    let budget = config.budget.max_hosts.or(instance.max_hosts());
    let matching = |m: Matching| Ok(Solved::Matching(Box::new(m)));
    let unsupported = |reason: &str| Error::Unsupported {
        mechanism: config.mechanism.key(),
        reason: reason.to_owned(),
    };
    if budget.is_some() && !config.mechanism.takes_budget() {
        return Err(unsupported(
            "it does not select hosts under a budget (max_hosts); use welfare or \
             deferred-acceptance with a budget, or drop the budget",
        ));
    }
    let budgeted = |objective| {
        let budget_config = BudgetConfig { max_hosts: budget, objective, ..config.budget.clone() };
        crate::budgeted(instance, &budget_config).and_then(matching)
    };
    match config.mechanism {
        MechanismKind::Welfare if budget.is_some() => budgeted(BudgetObjective::Welfare),
        MechanismKind::Welfare => {
            crate::welfare_optimal(instance, Objective::TotalScore).and_then(matching)
        }
        MechanismKind::RankMaximal => crate::rank_maximal(instance).and_then(matching),
        MechanismKind::DeferredAcceptance if budget.is_some() => {
            if config.proposing == Side::Host {
                return Err(unsupported(
                    "a budgeted stable selection has the seekers propose; drop hosts \
                     proposing, or the budget",
                ));
            }
            budgeted(BudgetObjective::Stable)
        }
        MechanismKind::DeferredAcceptance => {
            matching(crate::deferred_acceptance(instance, config.proposing, config.seed))
        }
        MechanismKind::Egalitarian => {
            matching(StableLattice::new(instance, config.seed)?.egalitarian())
        }
        MechanismKind::MinimumRegret => {
            matching(StableLattice::new(instance, config.seed)?.minimum_regret())
        }
        MechanismKind::SuperStable => Ok(match crate::super_stable(instance)? {
            SuperStableOutcome::Found { matching } => Solved::Matching(matching),
            SuperStableOutcome::NoneExists { reason } => Solved::NoSuperStable(reason),
        }),
    }
}

/// What [`verify`] found: the checker's report, every stated figure that
/// disagrees with the pairs, and whether the result passes what was
/// required.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Verification {
    /// What was required, in words: `feasible`, `weakly stable`,
    /// `strongly stable` or `super-stable`.
    pub required: &'static str,
    /// Whether the result is feasible (and stable in the required sense)
    /// and states no false figure.
    pub passed: bool,
    /// The independent checker's report.
    pub report: CheckReport,
    /// Each stated figure that its pairs do not give, in words.
    pub figures: Vec<String>,
}

/// How long [`verify`] searches for a matching better than a stated
/// optimality bound, on a budgeted result (a welfare-optimal result is
/// re-solved exactly, in polynomial time).
pub const VERIFY_SEARCH_TIME: std::time::Duration = std::time::Duration::from_secs(5);

/// Checks a result against its instance: [`check`](crate::check) for
/// feasibility and blocking pairs, [`check_figures`](crate::check_figures)
/// for every figure the result states. It passes when no figure is false
/// and the result is feasible (`required` = `None`) or stable in the
/// required sense.
///
/// A stated [`Optimality`](crate::Optimality) is also tested against the
/// instance: the result's mechanism is run again (a budgeted search for at
/// most [`VERIFY_SEARCH_TIME`], under the same budget), and a matching whose
/// value exceeds the stated bound proves the claim false (a figure
/// `optimality.bound`). A search that finds none does not prove the claim:
/// the bound of a budgeted search is believed when no better matching turns
/// up in that time.
///
/// # Errors
///
/// [`Error::MatchingMismatch`] when the result names agents the instance
/// lacks.
pub fn verify(
    instance: &Instance,
    result: &Matching,
    required: Option<Stability>,
) -> Result<Verification, Error> {
    let report = crate::check(instance, result)?;
    let mut figures: Vec<String> =
        crate::check_figures(instance, result)?.iter().map(ToString::to_string).collect();
    if let Some(better) = better_than_claimed(instance, result) {
        figures.push(better);
    }
    let passed = figures.is_empty()
        && match required {
            None => report.is_feasible(),
            Some(notion) => report.is_stable(notion),
        };
    let required = match required {
        None => "feasible",
        Some(Stability::Weak) => "weakly stable",
        Some(Stability::Strong) => "strongly stable",
        Some(Stability::Super) => "super-stable",
    };
    Ok(Verification { required, passed, report, figures })
}

/// A matching better than the result's stated optimality bound, found by
/// running its mechanism again, in words; `None` when none is found or the
/// result states no bound.
fn better_than_claimed(instance: &Instance, result: &Matching) -> Option<String> {
    let stated = result.optimality.as_ref()?;
    let name = result.mechanism.name.as_str();
    let max_hosts = result
        .mechanism
        .parameters
        .get("max_hosts")
        .and_then(|k| k.parse::<u32>().ok())
        .or(instance.max_hosts());
    let again = match name {
        "max-total-score" | "max-rank-score" => {
            crate::welfare_optimal(instance, Objective::TotalScore).ok()?
        }
        "budgeted-welfare"
        | "budgeted-stable"
        | "greedy-budgeted-welfare"
        | "greedy-budgeted-stable" => {
            let objective = if name.ends_with("stable") {
                BudgetObjective::Stable
            } else {
                BudgetObjective::Welfare
            };
            let config = BudgetConfig {
                max_hosts,
                objective,
                time_limit: Some(VERIFY_SEARCH_TIME),
                ..BudgetConfig::default()
            };
            crate::budgeted(instance, &config).ok()?
        }
        _ => return None,
    };
    let found = again.optimality?;
    (found.objective == stated.objective && found.value > stated.bound).then(|| {
        format!(
            "optimality.bound: {} stated ({}), but running {name} again found a matching of \
             value {}",
            stated.bound,
            if stated.proven { "proven optimal" } else { "an upper bound" },
            found.value
        )
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;
    use crate::Limits;
    use rust_decimal::Decimal;

    fn budgeted_instance() -> Instance {
        Instance::from_json(
            r#"{"seekers":[{"id":"s","preferences":["a","b"]}],
                "hosts":[{"id":"a","capacity":1,"preferences":["s"]},
                         {"id":"b","capacity":1,"preferences":["s"]}],
                "max_hosts":1}"#,
            &Limits::default(),
        )
        .unwrap()
    }

    /// One host may be selected; s ranks a and b equal but scores a at 5
    /// and b at 1, so the optimum selects a, with value 5.
    fn scored_budget() -> Instance {
        Instance::from_json(
            r#"{"seekers":[{"id":"s","preferences":[["a","b"]]}],
                "hosts":[{"id":"a","capacity":1,"preferences":["s"]},
                         {"id":"b","capacity":1,"preferences":["s"]}],
                "scores":[{"seeker":"s","host":"a","score":"5"},
                          {"seeker":"s","host":"b","score":"1"}],
                "max_hosts":1}"#,
            &Limits::default(),
        )
        .unwrap()
    }

    fn budgeted_result(instance: &Instance) -> Matching {
        let config = SolveConfig { mechanism: MechanismKind::Welfare, ..SolveConfig::default() };
        let Solved::Matching(m) = solve(instance, &config).unwrap() else { panic!("a matching") };
        *m
    }

    #[test]
    fn a_false_claim_of_optimality_is_caught() {
        let instance = scored_budget();
        let right = budgeted_result(&instance);
        assert!(verify(&instance, &right, None).unwrap().passed);
        // The same document rewritten for host b: pairs, fill, metrics and
        // optimality all agree with each other, and it claims value 1 is
        // proven optimal — but selecting a gives 5.
        let text = right
            .to_json()
            .replace("\"host\": \"a\"", "\"host\": \"X\"")
            .replace("\"host\": \"b\"", "\"host\": \"a\"")
            .replace("\"host\": \"X\"", "\"host\": \"b\"")
            .replace("\"a\"\n  ]", "\"b\"\n  ]")
            .replace("\"5\"", "\"1\"");
        let wrong = Matching::from_json(&text, &Limits::default()).unwrap();
        assert_eq!(wrong.host_of("s"), Some("b"), "{text}");
        assert_eq!(wrong.selected_hosts.as_deref(), Some(&["b".to_owned()][..]), "{text}");
        let v = verify(&instance, &wrong, None).unwrap();
        assert!(!v.passed);
        assert_eq!(v.figures.len(), 1, "{:?}", v.figures);
        assert!(v.figures[0].contains("found a matching of value 5"), "{:?}", v.figures);
    }

    #[test]
    fn a_duplicated_selected_host_and_inconsistent_optimality_are_caught() {
        let instance = scored_budget();
        let mut m = budgeted_result(&instance);
        m.selected_hosts = Some(vec!["a".to_owned(), "a".to_owned()]);
        let v = verify(&instance, &m, None).unwrap();
        assert!(!v.passed);
        assert_eq!(v.figures, ["selected_hosts: a is listed twice"]);
        let mut m = budgeted_result(&instance);
        let o = m.optimality.as_mut().unwrap();
        o.gap = Decimal::ONE;
        let v = verify(&instance, &m, None).unwrap();
        // The gap is not bound − value, and "proven" contradicts a gap of 1.
        assert_eq!(v.figures.len(), 2, "{:?}", v.figures);
        let mut m = budgeted_result(&instance);
        m.optimality.as_mut().unwrap().value = Decimal::from(6);
        let v = verify(&instance, &m, None).unwrap();
        assert!(
            v.figures.iter().any(|f| f.starts_with("optimality.value: 6 stated")),
            "{:?}",
            v.figures
        );
    }

    #[test]
    fn a_budget_is_refused_by_mechanisms_that_select_no_hosts() {
        let instance = budgeted_instance();
        for m in MechanismKind::ALL.into_iter().filter(|m| !m.takes_budget()) {
            let config = SolveConfig { mechanism: m, ..SolveConfig::default() };
            let e = solve(&instance, &config).unwrap_err();
            assert!(e.to_string().contains("budget"), "{m}: {e}");
        }
        let hosts = SolveConfig { proposing: Side::Host, ..SolveConfig::default() };
        assert!(solve(&instance, &hosts).is_err());
    }

    #[test]
    fn a_budgeted_stable_search_selects_at_most_the_budget() {
        let instance = budgeted_instance();
        let Solved::Matching(m) = solve(&instance, &SolveConfig::default()).unwrap() else {
            panic!("a matching")
        };
        // One host may be selected; s prefers a, so a is selected and takes s.
        assert_eq!(m.selected_hosts.as_deref(), Some(&["a".to_owned()][..]));
        assert_eq!(m.host_of("s"), Some("a"));
    }

    #[test]
    fn keys_read_back() {
        for m in MechanismKind::ALL {
            assert_eq!(m.key().parse::<MechanismKind>().unwrap(), m);
        }
        assert!("gale-shapley".parse::<MechanismKind>().is_err());
    }
}
