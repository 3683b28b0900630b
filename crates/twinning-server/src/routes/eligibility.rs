//! `/v1/eligibility`: rule sets, one check with its full explanation, and
//! a batch with its summary.

use std::borrow::Cow;
use std::sync::OnceLock;

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use twinning_cohort::{CohortNumber, Role};
use twinning_eligibility::{Applicant, Batch, Decision, RuleSet};

use crate::app::AppState;

use crate::body::{Body, Params, PathOf};
use crate::openapi::doc;
use crate::problem::{ApiResult, Problem};
use crate::routes::instant;
use crate::upload::{TableQuery, require_table};

/// The most applicants one batch request may hold.
pub(crate) const MAX_BATCH: usize = 5_000;

/// One applicant to decide.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CheckRequest {
    /// The cohort number (1 to 5 built in).
    pub(crate) cohort: u16,
    /// The role applied for (key, such as mission-minded-city).
    pub(crate) role: Role,
    /// A custom rule set instead of the built-in one.
    #[serde(default)]
    pub(crate) rules: Option<RuleSet>,
    /// Evaluate at this instant (RFC 3339 or a day); default now.
    #[serde(default)]
    pub(crate) at: Option<String>,
    /// The applicant document.
    pub(crate) applicant: Applicant,
}

/// Many applicants to decide.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct BatchRequest {
    /// The cohort number (1 to 5 built in).
    pub(crate) cohort: u16,
    /// The role applied for (key, such as mission-minded-city).
    pub(crate) role: Role,
    /// A custom rule set instead of the built-in one.
    #[serde(default)]
    pub(crate) rules: Option<RuleSet>,
    /// Evaluate at this instant (RFC 3339 or a day); default now.
    #[serde(default)]
    pub(crate) at: Option<String>,
    /// The applicant documents (at most 5,000).
    pub(crate) applicants: Vec<Applicant>,
}

/// The built-in rule sets, built once.
fn builtins() -> &'static [RuleSet] {
    static BUILTINS: OnceLock<Vec<RuleSet>> = OnceLock::new();
    BUILTINS.get_or_init(RuleSet::builtins)
}

/// The rule set a request names: its own, else the built-in one.
pub(crate) fn rule_set(
    cohort: u16,
    role: Role,
    custom: Option<RuleSet>,
) -> ApiResult<Cow<'static, RuleSet>> {
    if let Some(r) = custom {
        return Ok(Cow::Owned(r));
    }
    let number = CohortNumber::new(cohort).ok();
    let found = builtins().iter().find(|r| Some(r.cohort()) == number && r.role() == role);
    found.map(Cow::Borrowed).ok_or_else(|| {
        Problem::invalid(format!(
            "cohort {cohort}: no built-in rules for role {role} (cohorts 1-3 take twin-city; \
             4-5 take mission-city and mission-minded-city)"
        ))
        .at("role")
    })
}

/// The version of a rule set: the SHA-256 of its JSON document, so that a
/// decision names exactly the rules that made it.
pub(crate) fn rule_set_version(r: &RuleSet) -> String {
    format!("sha256:{}", crate::store::digest(&r.to_json()))
}

/// Every built-in rule set with its criteria and sources.
#[utoipa::path(get, path = "/v1/eligibility/rules", tag = "eligibility",
    responses((status = 200, body = [doc::RuleSet])))]
pub(crate) async fn rules() -> Json<&'static [RuleSet]> {
    Json(builtins())
}

/// The built-in rule set of a cohort and role.
#[utoipa::path(get, path = "/v1/eligibility/rules/{cohort}/{role}", tag = "eligibility",
    params(("cohort" = u16, Path, description = "1 to 5"), ("role" = String, Path, description = "A role key or alias")),
    responses((status = 200, body = doc::RuleSet), (status = 400, body = doc::Problem), (status = 422, body = doc::Problem)))]
pub(crate) async fn rule_set_of(
    PathOf((cohort, role)): PathOf<(u16, String)>,
) -> ApiResult<Json<RuleSet>> {
    let role: Role =
        role.parse().map_err(|e| Problem::bad_request(format!("role: {e}")).at("role"))?;
    rule_set(cohort, role, None).map(|r| Json(r.into_owned()))
}

/// Decides one applicant, with every criterion's outcome and reasons.
#[utoipa::path(post, path = "/v1/eligibility/check", tag = "eligibility",
    request_body = CheckRequest,
    responses((status = 200, body = doc::Decision), (status = 400, body = doc::Problem), (status = 422, body = doc::Problem)))]
pub(crate) async fn check(
    State(state): State<AppState>,
    Body(req): Body<CheckRequest>,
) -> ApiResult<Json<Decision>> {
    let at = instant(req.at.as_deref(), "at")?;
    let rules = rule_set(req.cohort, req.role, req.rules)?;
    Ok(Json(rules.evaluate(&req.applicant, at, state.data.registry())))
}

/// Decides many applicants, with a summary by verdict and criterion.
#[utoipa::path(post, path = "/v1/eligibility/batch", tag = "eligibility",
    request_body = BatchRequest,
    responses((status = 200, body = doc::Batch), (status = 400, body = doc::Problem), (status = 422, body = doc::Problem)))]
pub(crate) async fn batch(
    State(state): State<AppState>,
    Body(req): Body<BatchRequest>,
) -> ApiResult<Json<Batch>> {
    if req.applicants.len() > MAX_BATCH {
        return Err(Problem::invalid(format!(
            "{} applicants: a batch holds at most {MAX_BATCH}",
            req.applicants.len()
        ))
        .at("applicants"));
    }
    let at = instant(req.at.as_deref(), "at")?;
    let rules = rule_set(req.cohort, req.role, req.rules)?;
    Ok(Json(rules.evaluate_all(&req.applicants, at, state.data.registry())))
}

/// `?cohort=&role=&at=` of a batch upload.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct BatchQuery {
    /// The cohort number (1 to 5 built in).
    pub(crate) cohort: u16,
    /// The role applied for (key or alias, such as mission-minded-city).
    pub(crate) role: String,
    /// Evaluate at this instant (RFC 3339 or a day); default now.
    pub(crate) at: Option<String>,
}

/// Decides the applicants of a registration table (CSV in any usual
/// separator and encoding, `.xlsx` or `.ods`), as `twinning eligibility
/// batch` does: each decision keeps its row's place and reference, and
/// duplicate submissions are flagged.
#[utoipa::path(post, path = "/v1/eligibility/batch/table", tag = "eligibility",
    params(BatchQuery, TableQuery),
    request_body(content(
        (String = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (Vec<u8> = "application/vnd.oasis.opendocument.spreadsheet"),
    )),
    responses((status = 200, body = doc::Batch), (status = 400, body = doc::Problem), (status = 415, body = doc::Problem), (status = 422, body = doc::Problem)))]
pub(crate) async fn batch_table(
    State(state): State<AppState>,
    Params(q): Params<BatchQuery>,
    Params(how): Params<TableQuery>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> ApiResult<Json<Batch>> {
    require_table(&headers)?;
    let role: Role =
        q.role.parse().map_err(|e| Problem::bad_request(format!("role: {e}")).at("role"))?;
    let at = instant(q.at.as_deref(), "at")?;
    let rules = rule_set(q.cohort, role, None)?;
    let table = how.read_applicants(&body)?;
    if table.rows.len() > MAX_BATCH {
        return Err(Problem::invalid(format!(
            "{} applicants: a batch holds at most {MAX_BATCH}",
            table.rows.len()
        )));
    }
    let batch = rules.evaluate_all(&table.applicants(), at, state.data.registry());
    Ok(Json(batch.with_table(&table)))
}
