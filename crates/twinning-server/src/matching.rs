//! Every call into the matcher, in one place: the mechanisms `twinning
//! match` offers, the independent check and the explanation. The request
//! names a mechanism; this module picks the library function and passes
//! the options through, exactly as the command line does.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use twinning_matcher::{
    BudgetConfig, BudgetMode, Cancel, CheckReport, Explanation, Instance, InstanceSpec, Limits,
    Matching, MechanismKind, RunDeadlines, Side, SolveConfig, Solved, Stability, TimeLimit,
    Verification,
};
use twinning_pairing::{Words, sentences};

use crate::config::MAX_TIME_LIMIT;
use crate::problem::Problem;

/// A matching request: the instance document and the options of
/// `twinning match`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct MatchRequest {
    /// The instance document (the `instance` schema).
    pub(crate) instance: InstanceSpec,
    /// The mechanism (default deferred-acceptance).
    #[serde(default)]
    pub(crate) mechanism: MechanismKind,
    /// Which side proposes in deferred acceptance: `seeker` (default) or
    /// `host` (`seekers` and `hosts` are read too).
    #[serde(default)]
    pub(crate) proposing: Side,
    /// Select at most this many hosts (overrides the instance's max_hosts).
    #[serde(default)]
    pub(crate) max_hosts: Option<u32>,
    /// Seconds an exact budgeted answer may take (default 10, at most 60):
    /// the search stops early enough for the explanation and the check to
    /// fit, and then reports the gap.
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
        None => Ok(TimeLimit::DEFAULT),
    }
}

/// Runs the requested mechanism through [`twinning_matcher::solve`], checks
/// and explains the result. `cancel` stops a budgeted search early (the
/// route cancels it when the client goes away); the answer then states the
/// gap.
pub(crate) fn run(req: &MatchRequest, cancel: Cancel) -> Result<MatchAnswer, Problem> {
    let started = Instant::now();
    let limit = time_limit(req)?;
    let instance = instance(&req.instance)?;
    // The search leaves room for the explanation and the check within the
    // limit, as `twinning match` does (the explanation is kept whole: the
    // body limit keeps it small, and a stored run keeps it).
    let deadlines = RunDeadlines::new(Some(TimeLimit::After(limit)), true, started, Instant::now());
    let config = SolveConfig {
        mechanism: req.mechanism,
        proposing: req.proposing,
        seed: req.seed,
        budget: BudgetConfig {
            max_hosts: req.max_hosts,
            deadline: deadlines.search,
            cancel: Some(cancel),
            mode: if req.greedy { BudgetMode::Greedy } else { BudgetMode::Exact },
            ..BudgetConfig::default()
        },
    };
    let matching = match twinning_matcher::solve(&instance, &config) {
        Ok(Solved::Matching(m)) => *m,
        Ok(Solved::NoSuperStable(reason)) => {
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
        Err(e) => {
            return Err(Problem::invalid(format!("the instance cannot be solved this way: {e}"))
                .at("mechanism"));
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

/// Runs [`run`] on a blocking thread; when the request's future is dropped
/// (the client went away), the search is cancelled instead of running on to
/// its time limit.
pub(crate) async fn run_cancellable(
    req: MatchRequest,
) -> Result<Result<MatchAnswer, Problem>, tokio::task::JoinError> {
    /// Cancels the search when dropped while still armed.
    struct CancelOnDrop(Option<Cancel>);
    impl Drop for CancelOnDrop {
        fn drop(&mut self) {
            if let Some(cancel) = &self.0 {
                cancel.cancel();
            }
        }
    }
    let cancel = Cancel::new();
    let mut guard = CancelOnDrop(Some(cancel.clone()));
    let answer = tokio::task::spawn_blocking(move || run(&req, cancel)).await;
    // The answer is in: nothing left to cancel.
    guard.0 = None;
    answer
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

impl Required {
    /// The checker's notion (`None`: feasibility only).
    fn notion(self) -> Option<Stability> {
        match self {
            Required::None => None,
            Required::Weak => Some(Stability::Weak),
            Required::Strong => Some(Stability::Strong),
            Required::Super => Some(Stability::Super),
        }
    }
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

/// The independent checker's verdict: what was required, whether the result
/// passed, the checker's report and every stated figure that disagrees with
/// the pairs.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub(crate) struct VerifyAnswer(Verification);

/// Checks a result against its instance with [`twinning_matcher::verify`].
pub(crate) fn verify(req: &VerifyRequest) -> Result<VerifyAnswer, Problem> {
    let instance = instance(&req.instance)?;
    twinning_matcher::verify(&instance, &req.result, req.stability.notion())
        .map(VerifyAnswer)
        .map_err(|e| {
            Problem::invalid(format!("the result does not fit the instance: {e}")).at("result")
        })
}
