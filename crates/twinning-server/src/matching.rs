//! Every call into the matcher, in one place: the mechanisms `twinning
//! match` offers, the independent check and the explanation. The request
//! names a mechanism; this module picks the library function and passes
//! the options through, exactly as the command line does.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use twinning_matcher::{
    BudgetConfig, BudgetMode, BudgetObjective, CheckReport, Explanation, Instance, InstanceSpec,
    Limits, Matching, Objective, Side, Stability, SuperStableOutcome,
};
use twinning_pairing::{Words, sentences};

use crate::config::MAX_TIME_LIMIT;
use crate::problem::Problem;

/// The time limit of a budgeted exact search when the request gives none.
pub(crate) const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(10);

/// The matching mechanisms (as `twinning match --mechanism`).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
#[schemars(rename = "MechanismKey")]
pub(crate) enum Mechanism {
    /// Gale-Shapley: stable, ties broken by `seed`.
    #[default]
    DeferredAcceptance,
    /// Stable even under ties, or proof none exists.
    SuperStable,
    /// The largest total pair score.
    Welfare,
    /// Most first choices, then second, …
    RankMaximal,
    /// Stable, least total rank (both sides).
    Egalitarian,
    /// Stable, worst-off agent best off.
    MinimumRegret,
}

impl Mechanism {
    /// The key as in JSON.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Mechanism::DeferredAcceptance => "deferred-acceptance",
            Mechanism::SuperStable => "super-stable",
            Mechanism::Welfare => "welfare",
            Mechanism::RankMaximal => "rank-maximal",
            Mechanism::Egalitarian => "egalitarian",
            Mechanism::MinimumRegret => "minimum-regret",
        }
    }
}

/// Which side proposes in deferred acceptance.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Proposing {
    /// The seeker-optimal stable matching.
    #[default]
    Seekers,
    /// The host-optimal stable matching.
    Hosts,
}

/// A matching request: the instance document and the options of
/// `twinning match`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct MatchRequest {
    /// The instance document (the `instance` schema).
    pub(crate) instance: InstanceSpec,
    /// The mechanism (default deferred-acceptance).
    #[serde(default)]
    pub(crate) mechanism: Mechanism,
    /// Which side proposes in deferred acceptance (default seekers).
    #[serde(default)]
    pub(crate) proposing: Proposing,
    /// Select at most this many hosts (overrides the instance's max_hosts).
    #[serde(default)]
    pub(crate) max_hosts: Option<u32>,
    /// Seconds the exact budgeted search may take (default 10, at most 60);
    /// past it the answer reports the gap.
    #[serde(default)]
    pub(crate) time_limit: Option<f64>,
    /// Under a budget, the fast greedy selection only.
    #[serde(default)]
    pub(crate) greedy: bool,
    /// Tie-breaking seed of deferred acceptance (0: as written).
    #[serde(default)]
    pub(crate) seed: u64,
}

/// What a matching request found, with the reasons.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct MatchAnswer {
    /// `matched`, or `none-exists` (no super-stable matching).
    pub(crate) outcome: String,
    /// Why none exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) reason: Option<String>,
    /// The result document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) result: Option<Matching>,
    /// Why each seeker got its host, as the matcher explains it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) explanation: Option<Explanation>,
    /// The explanation in sentences, as `twinning match` words it.
    pub(crate) sentences: Vec<String>,
    /// The independent checker's report on the result.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) check: Option<CheckReport>,
    /// The time limit the budgeted search ran under, in milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) time_limit_ms: Option<u64>,
}

/// The instance of a request, validated by the matcher (422 naming the
/// agent and list position).
pub(crate) fn instance(spec: &InstanceSpec) -> Result<Instance, Problem> {
    Instance::new(spec, &Limits::default())
        .map_err(|e| Problem::invalid(format!("the instance is not valid: {e}")).at("instance"))
}

fn time_limit(req: &MatchRequest) -> Result<Duration, Problem> {
    match req.time_limit {
        Some(s) if !(s.is_finite() && s > 0.0) => {
            Err(Problem::bad_request(format!("time_limit {s}: not a positive number of seconds"))
                .at("time_limit"))
        }
        Some(s) => Ok(Duration::from_secs_f64(s).min(MAX_TIME_LIMIT)),
        None => Ok(DEFAULT_TIME_LIMIT),
    }
}

/// Runs the requested mechanism, checks and explains the result.
pub(crate) fn run(req: &MatchRequest) -> Result<MatchAnswer, Problem> {
    let limit = time_limit(req)?;
    let instance = instance(&req.instance)?;
    let budget = req.max_hosts.or(instance.max_hosts());
    let refused = |e: twinning_matcher::Error| {
        Problem::invalid(format!("the instance cannot be solved this way: {e}")).at("mechanism")
    };
    let no_budget = |what: &str| {
        Problem::invalid(format!("{what} does not select hosts under a budget (max_hosts)"))
            .at("mechanism")
    };
    let budgeted = |objective| {
        let config = BudgetConfig {
            max_hosts: budget,
            objective,
            time_limit: Some(limit),
            mode: if req.greedy { BudgetMode::Greedy } else { BudgetMode::Exact },
        };
        twinning_matcher::budgeted(&instance, &config).map_err(refused)
    };
    let matching = match req.mechanism {
        Mechanism::Welfare if budget.is_some() => budgeted(BudgetObjective::Welfare)?,
        Mechanism::Welfare => {
            twinning_matcher::welfare_optimal(&instance, Objective::TotalScore).map_err(refused)?
        }
        Mechanism::RankMaximal if budget.is_some() => return Err(no_budget("rank-maximal")),
        Mechanism::RankMaximal => twinning_matcher::rank_maximal(&instance).map_err(refused)?,
        Mechanism::DeferredAcceptance if budget.is_some() => {
            if req.proposing == Proposing::Hosts {
                return Err(Problem::invalid(
                    "a budgeted stable selection uses seeker-proposing deferred acceptance",
                )
                .at("proposing"));
            }
            budgeted(BudgetObjective::Stable)?
        }
        Mechanism::DeferredAcceptance => {
            let side = match req.proposing {
                Proposing::Seekers => Side::Seeker,
                Proposing::Hosts => Side::Host,
            };
            twinning_matcher::deferred_acceptance(&instance, side, req.seed)
        }
        Mechanism::Egalitarian | Mechanism::MinimumRegret if budget.is_some() => {
            return Err(no_budget("the stable-lattice mechanisms"));
        }
        Mechanism::Egalitarian | Mechanism::MinimumRegret => {
            let lattice =
                twinning_matcher::StableLattice::new(&instance, req.seed).map_err(refused)?;
            if req.mechanism == Mechanism::Egalitarian {
                lattice.egalitarian()
            } else {
                lattice.minimum_regret()
            }
        }
        Mechanism::SuperStable if budget.is_some() => return Err(no_budget("super-stable")),
        Mechanism::SuperStable => {
            match twinning_matcher::super_stable(&instance).map_err(refused)? {
                SuperStableOutcome::Found { matching } => *matching,
                SuperStableOutcome::NoneExists { reason } => {
                    return Ok(MatchAnswer {
                        outcome: "none-exists".to_owned(),
                        reason: Some(reason),
                        result: None,
                        explanation: None,
                        sentences: Vec::new(),
                        check: None,
                        time_limit_ms: None,
                    });
                }
                _ => return Err(Problem::internal("the super-stable solver gave no matching")),
            }
        }
    };
    let explanation = twinning_matcher::explain(&instance, &matching).map_err(Problem::internal)?;
    let check = twinning_matcher::check(&instance, &matching).map_err(Problem::internal)?;
    let lines = sentences(&explanation, &Words::ids(instance.has_ties()));
    let budgeted_run = matching.optimality.is_some();
    Ok(MatchAnswer {
        outcome: "matched".to_owned(),
        reason: None,
        result: Some(matching),
        explanation: Some(explanation),
        sentences: lines,
        check: Some(check),
        time_limit_ms: budgeted_run.then(|| u64::try_from(limit.as_millis()).unwrap_or(u64::MAX)),
    })
}

/// The stability a verification requires.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Required {
    /// Feasibility only.
    None,
    /// No pair in which both sides strictly gain.
    #[default]
    Weak,
    /// No pair in which one side gains and the other does not lose.
    Strong,
    /// No pair in which neither side loses.
    Super,
}

/// A verification request: an instance and a result.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct VerifyRequest {
    /// The instance document.
    pub(crate) instance: InstanceSpec,
    /// The result document.
    pub(crate) result: Matching,
    /// The stability required (default weak).
    #[serde(default)]
    pub(crate) stability: Required,
}

/// The independent checker's verdict.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct VerifyAnswer {
    /// What was required.
    pub(crate) required: String,
    /// Whether the result passed.
    pub(crate) passed: bool,
    /// The checker's report.
    pub(crate) report: CheckReport,
    /// Stated figures that disagree with the pairs.
    pub(crate) figures: Vec<String>,
}

/// Checks a result against its instance.
pub(crate) fn verify(req: &VerifyRequest) -> Result<VerifyAnswer, Problem> {
    let instance = instance(&req.instance)?;
    let mismatch = |e: twinning_matcher::Error| {
        Problem::invalid(format!("the result does not fit the instance: {e}")).at("result")
    };
    let report = twinning_matcher::check(&instance, &req.result).map_err(mismatch)?;
    let figures: Vec<String> = twinning_matcher::check_figures(&instance, &req.result)
        .map_err(mismatch)?
        .iter()
        .map(ToString::to_string)
        .collect();
    let (notion, required) = match req.stability {
        Required::None => (None, "feasible"),
        Required::Weak => (Some(Stability::Weak), "weakly stable"),
        Required::Strong => (Some(Stability::Strong), "strongly stable"),
        Required::Super => (Some(Stability::Super), "super-stable"),
    };
    let passed = figures.is_empty()
        && match notion {
            None => report.is_feasible(),
            Some(n) => report.is_stable(n),
        };
    Ok(VerifyAnswer { required: required.to_owned(), passed, report, figures })
}
