//! `/v1/runs` (staff): cohort runs kept in the database — applicants and
//! decisions, overrides with reasons, matchings, confirmed pairs and their
//! outputs, export and import.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::{Extension, Json};
use serde::Deserialize;
use twinning_cohort::{Cohort, Role};
use twinning_eligibility::{Applicant, RuleSet, Verdict};
use twinning_outputs::Status;

use crate::app::AppState;
use crate::auth::Actor;
use crate::body::{Body, Params, PathOf};
use crate::matching::MatchRequest;
use crate::openapi::doc;
use crate::problem::{ApiResult, Problem};
use crate::routes::eligibility::{rule_set, rule_set_version};
use crate::routes::instant;
use crate::store::{
    ApplicantIn, ApplicantRecord, AuditEntry, Bundle, DecisionIn, MatchingIn, MatchingRecord,
    OutputRecord, PairRecord, PreferenceRecord, RunInfo,
};
use crate::upload::{TableQuery, require_table};

/// The most applicants one upload may hold.
pub(crate) const MAX_UPLOAD: usize = 5_000;

/// A run to create: of a built-in cohort, or of a custom cohort document.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct CreateRun {
    /// A name for the run.
    pub(crate) name: String,
    /// A built-in cohort number (1 to 5).
    #[serde(default)]
    pub(crate) cohort: Option<u16>,
    /// A custom cohort document instead.
    #[serde(default)]
    pub(crate) cohort_document: Option<Cohort>,
}

/// Applicants to add to a run.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AddApplicants {
    /// The role they apply for.
    pub(crate) role: Role,
    /// The applicant documents (at most 5,000 at once).
    pub(crate) applicants: Vec<Applicant>,
}

/// `?role=&submitted_at=` of a survey upload.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct SurveyQuery {
    /// The role the surveyed cities apply for.
    pub(crate) role: String,
    /// When they submitted (RFC 3339 or a day); default now.
    pub(crate) submitted_at: Option<String>,
}

/// `?role=` of an applicants table upload.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct RoleQuery {
    /// The role the applicants apply for.
    pub(crate) role: String,
}

/// How many applicants an upload added, and how its table was read.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub(crate) struct TableAdded {
    /// The count.
    pub(crate) added: usize,
    /// How the table was read: encoding, separator, ignored columns, times
    /// read as Brussels time, date order.
    pub(crate) notes: Vec<String>,
}

/// How many applicants were added.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub(crate) struct Added {
    /// The count.
    pub(crate) added: usize,
}

/// When, and under which rules, to decide a run's applicants.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Decide {
    /// Evaluate at this instant; default now.
    #[serde(default)]
    pub(crate) at: Option<String>,
    /// A custom rule set for every applicant instead of the built-in ones.
    #[serde(default)]
    pub(crate) rules: Option<RuleSet>,
}

/// A staff override of a verdict.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Override {
    /// The verdict in force from now on.
    pub(crate) verdict: Verdict,
    /// Why (required; kept in the audit log).
    pub(crate) reason: String,
}

/// One pair to confirm.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PairIds {
    /// The seeker id.
    pub(crate) seeker: String,
    /// The host id.
    pub(crate) host: String,
}

/// Pairs of a matching run to confirm.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Confirm {
    /// The matching run.
    pub(crate) matching: i64,
    /// Only these of its pairs (default: all).
    #[serde(default)]
    pub(crate) pairs: Option<Vec<PairIds>>,
}

/// An output's move in its lifecycle.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OutputUpdate {
    /// The new status.
    pub(crate) status: Status,
    /// The document handed in, if any.
    #[serde(default)]
    pub(crate) document: Option<twinning_outputs::Document>,
}

/// The cohort a run follows.
async fn cohort_of(state: &AppState, run: i64) -> ApiResult<Cohort> {
    let (info, doc) =
        state.db(move |s| s.run(run).and_then(|i| Ok((i, s.cohort_document(run)?)))).await??;
    match doc {
        Some(v) => Cohort::from_json(&v.to_string()).map_err(Problem::internal),
        None => crate::routes::cohort(&state.data, info.cohort).cloned(),
    }
}

/// Every run.
#[utoipa::path(get, path = "/v1/runs", tag = "runs", security(("bearer" = [])),
    responses((status = 200, body = [RunInfo]), (status = 401, body = doc::Problem)))]
pub(crate) async fn list(State(state): State<AppState>) -> ApiResult<Json<Vec<RunInfo>>> {
    Ok(Json(state.db(|s| s.runs()).await??))
}

/// Creates a run of a cohort.
#[utoipa::path(post, path = "/v1/runs", tag = "runs", security(("bearer" = [])),
    request_body = CreateRun,
    responses((status = 201, body = RunInfo), (status = 400, body = doc::Problem), (status = 401, body = doc::Problem), (status = 422, body = doc::Problem)))]
pub(crate) async fn create(
    State(state): State<AppState>,
    Extension(Actor(actor)): Extension<Actor>,
    Body(req): Body<CreateRun>,
) -> ApiResult<(StatusCode, Json<RunInfo>)> {
    if req.name.trim().is_empty() {
        return Err(Problem::invalid("a run needs a name").at("name"));
    }
    let (number, doc) = match (&req.cohort_document, req.cohort) {
        (Some(c), _) => {
            (c.number().get(), Some(serde_json::to_value(c).map_err(Problem::internal)?))
        }
        (None, Some(n)) => crate::routes::run_cohort(&state.data, n)?,
        (None, None) => {
            return Err(Problem::invalid("give a cohort number or a cohort_document").at("cohort"));
        }
    };
    let info =
        state.db(move |s| s.create_run(req.name.trim(), number, doc.as_ref(), &actor)).await??;
    Ok((StatusCode::CREATED, Json(info)))
}

/// Imports an exported run as a new run.
#[utoipa::path(post, path = "/v1/runs/import", tag = "runs", security(("bearer" = [])),
    request_body = Bundle,
    responses((status = 201, body = RunInfo), (status = 400, body = doc::Problem), (status = 401, body = doc::Problem), (status = 409, body = doc::Problem)))]
pub(crate) async fn import(
    State(state): State<AppState>,
    Extension(Actor(actor)): Extension<Actor>,
    Body(bundle): Body<Bundle>,
) -> ApiResult<(StatusCode, Json<RunInfo>)> {
    let info = state.db(move |s| s.import(&bundle, &actor)).await??;
    Ok((StatusCode::CREATED, Json(info)))
}

/// One run.
#[utoipa::path(get, path = "/v1/runs/{run}", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path)),
    responses((status = 200, body = RunInfo), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem)))]
pub(crate) async fn show(
    State(state): State<AppState>,
    PathOf(run): PathOf<i64>,
) -> ApiResult<Json<RunInfo>> {
    Ok(Json(state.db(move |s| s.run(run)).await??))
}

/// The run's applicants with their decisions, overrides and verdicts.
#[utoipa::path(get, path = "/v1/runs/{run}/applicants", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path)),
    responses((status = 200, body = [ApplicantRecord]), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem)))]
pub(crate) async fn applicants(
    State(state): State<AppState>,
    PathOf(run): PathOf<i64>,
) -> ApiResult<Json<Vec<ApplicantRecord>>> {
    Ok(Json(state.db(move |s| s.applicants(run)).await??))
}

async fn add(
    state: &AppState,
    run: i64,
    role: Role,
    list: Vec<Applicant>,
    actor: String,
) -> ApiResult<Added> {
    if list.len() > MAX_UPLOAD {
        return Err(Problem::invalid(format!(
            "{} applicants: an upload holds at most {MAX_UPLOAD}",
            list.len()
        ))
        .at("applicants"));
    }
    let rows = list
        .iter()
        .map(|a| {
            Ok(ApplicantIn {
                name: a.name().to_owned(),
                role: role.key().to_owned(),
                document: serde_json::to_value(a).map_err(Problem::internal)?,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let added = state.db(move |s| s.add_applicants(run, &rows, &actor)).await??;
    Ok(Added { added })
}

/// Adds applicant documents to the run.
#[utoipa::path(post, path = "/v1/runs/{run}/applicants", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path)), request_body = AddApplicants,
    responses((status = 201, body = Added), (status = 400, body = doc::Problem), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem), (status = 409, body = doc::Problem)))]
pub(crate) async fn add_applicants(
    State(state): State<AppState>,
    Extension(Actor(actor)): Extension<Actor>,
    PathOf(run): PathOf<i64>,
    Body(req): Body<AddApplicants>,
) -> ApiResult<(StatusCode, Json<Added>)> {
    let added = add(&state, run, req.role, req.applicants, actor).await?;
    Ok((StatusCode::CREATED, Json(added)))
}

/// Adds the applicants of a registration table — the same table, columns
/// and aliases as `twinning eligibility batch` reads (a survey export whose
/// questions are the headers needs `columns`). Two rows for one applicant
/// (the same reference, or name and country) are refused with both rows
/// named, so nothing is dropped or chosen silently.
#[utoipa::path(post, path = "/v1/runs/{run}/applicants/table", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path), RoleQuery, TableQuery),
    request_body(content(
        (String = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (Vec<u8> = "application/vnd.oasis.opendocument.spreadsheet"),
    )),
    responses((status = 201, body = TableAdded), (status = 400, body = doc::Problem), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem), (status = 409, body = doc::Problem), (status = 415, body = doc::Problem), (status = 422, body = doc::Problem)))]
pub(crate) async fn add_applicant_table(
    State(state): State<AppState>,
    Extension(Actor(actor)): Extension<Actor>,
    PathOf(run): PathOf<i64>,
    Params(q): Params<RoleQuery>,
    Params(how): Params<TableQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<TableAdded>)> {
    require_table(&headers)?;
    let role: Role =
        q.role.parse().map_err(|e| Problem::bad_request(format!("role: {e}")).at("role"))?;
    let table = how.read_applicants(&body)?;
    let duplicates: Vec<String> = table
        .rows
        .iter()
        .filter_map(|r| r.duplicate_of.as_ref().map(|d| format!("{} repeats {d}", r.place)))
        .collect();
    if !duplicates.is_empty() {
        return Err(Problem::invalid(format!(
            "duplicate submissions: {}; keep one row per applicant and upload again",
            duplicates.join(", ")
        )));
    }
    let Added { added } = add(&state, run, role, table.applicants(), actor).await?;
    Ok((StatusCode::CREATED, Json(TableAdded { added, notes: table.notes })))
}

/// Adds the cities of a registration-survey table (`twinning-profile`'s
/// survey columns and their aliases) as applicants, as the catalogue knows
/// them. The table is CSV in any usual separator and encoding, or the
/// first (or `sheet`) sheet of an `.xlsx` or `.ods` workbook.
#[utoipa::path(post, path = "/v1/runs/{run}/survey", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path), SurveyQuery, TableQuery),
    request_body(content(
        (String = "text/csv"),
        (Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (Vec<u8> = "application/vnd.oasis.opendocument.spreadsheet"),
    )),
    responses((status = 201, body = Added), (status = 400, body = doc::Problem), (status = 401, body = doc::Problem), (status = 415, body = doc::Problem), (status = 422, body = doc::Problem)))]
pub(crate) async fn add_survey(
    State(state): State<AppState>,
    Extension(Actor(actor)): Extension<Actor>,
    PathOf(run): PathOf<i64>,
    Params(q): Params<SurveyQuery>,
    Params(how): Params<TableQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<Added>)> {
    require_table(&headers)?;
    let role: Role =
        q.role.parse().map_err(|e| Problem::bad_request(format!("role: {e}")).at("role"))?;
    let at = instant(q.submitted_at.as_deref(), "submitted_at")?;
    let cat = state.data.catalogue();
    let survey = twinning_profile::load_table(&body, &how.table_options()?, cat)
        .map_err(|e| Problem::invalid(format!("survey: {e}")))?;
    let list = survey
        .cities
        .iter()
        .map(|c| {
            twinning_pairing::applicant_of(cat, c, at).map_err(|e| Problem::invalid(e.to_string()))
        })
        .collect::<ApiResult<Vec<_>>>()?;
    let added = add(&state, run, role, list, actor).await?;
    Ok((StatusCode::CREATED, Json(added)))
}

/// Decides every applicant of the run under its cohort's rules (or the
/// rules given) and records each decision with the rule set's version.
#[utoipa::path(post, path = "/v1/runs/{run}/decisions", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path)), request_body = Decide,
    responses((status = 200, body = [ApplicantRecord]), (status = 400, body = doc::Problem), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem), (status = 422, body = doc::Problem)))]
pub(crate) async fn decide(
    State(state): State<AppState>,
    Extension(Actor(actor)): Extension<Actor>,
    PathOf(run): PathOf<i64>,
    Body(req): Body<Decide>,
) -> ApiResult<Json<Vec<ApplicantRecord>>> {
    let at = instant(req.at.as_deref(), "at")?;
    let info = state.db(move |s| s.run(run)).await??;
    let docs = state.db(move |s| s.applicant_documents(run)).await??;
    let registry = state.data.registry();
    let mut decisions = Vec::with_capacity(docs.len());
    for (name, role, doc) in docs {
        let role: Role = role.parse().map_err(Problem::internal)?;
        let applicant: Applicant = serde_json::from_value(doc).map_err(Problem::internal)?;
        let rules = rule_set(info.cohort, role, req.rules.clone())?;
        let decision = rules.evaluate(&applicant, at, registry);
        decisions.push(DecisionIn {
            applicant: name,
            rule_set: rules.title().to_owned(),
            rule_set_version: rule_set_version(&rules),
            verdict: decision.verdict().key().to_owned(),
            decision: serde_json::to_value(&decision).map_err(Problem::internal)?,
        });
    }
    let out = state
        .db(move |s| s.record_decisions(run, &decisions, &actor).and_then(|()| s.applicants(run)))
        .await??;
    Ok(Json(out))
}

/// Overrides an applicant's verdict; the reason is required and kept in the
/// append-only audit log.
#[utoipa::path(post, path = "/v1/runs/{run}/applicants/{name}/override", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path), ("name" = String, Path)), request_body = Override,
    responses((status = 200, body = ApplicantRecord), (status = 400, body = doc::Problem), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem), (status = 422, body = doc::Problem)))]
pub(crate) async fn override_verdict(
    State(state): State<AppState>,
    Extension(Actor(actor)): Extension<Actor>,
    PathOf((run, name)): PathOf<(i64, String)>,
    Body(req): Body<Override>,
) -> ApiResult<Json<ApplicantRecord>> {
    if req.reason.trim().is_empty() {
        return Err(Problem::invalid("an override needs a reason").at("reason"));
    }
    let verdict = req.verdict.key();
    let out = state
        .db(move |s| s.override_verdict(run, &name, verdict, req.reason.trim(), &actor))
        .await??;
    Ok(Json(out))
}

/// The run's audit log: who did what, when, and why.
#[utoipa::path(get, path = "/v1/runs/{run}/audit", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path)),
    responses((status = 200, body = [AuditEntry]), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem)))]
pub(crate) async fn audit(
    State(state): State<AppState>,
    PathOf(run): PathOf<i64>,
) -> ApiResult<Json<Vec<AuditEntry>>> {
    Ok(Json(state.db(move |s| s.audit_log(run)).await??))
}

/// The run's matching runs.
#[utoipa::path(get, path = "/v1/runs/{run}/matchings", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path)),
    responses((status = 200, body = [MatchingRecord]), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem)))]
pub(crate) async fn matchings(
    State(state): State<AppState>,
    PathOf(run): PathOf<i64>,
) -> ApiResult<Json<Vec<MatchingRecord>>> {
    Ok(Json(state.db(move |s| s.matchings(run)).await??))
}

/// One matching run.
#[utoipa::path(get, path = "/v1/runs/{run}/matchings/{matching}", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path), ("matching" = i64, Path)),
    responses((status = 200, body = MatchingRecord), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem)))]
pub(crate) async fn matching(
    State(state): State<AppState>,
    PathOf((run, id)): PathOf<(i64, i64)>,
) -> ApiResult<Json<MatchingRecord>> {
    Ok(Json(state.db(move |s| s.matching(run, id)).await??))
}

/// A learner's ranking of hosts, best first.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct StatePreferences {
    /// Acceptable hosts (host ids of the run's instances), best first; at
    /// most 100.
    pub(crate) hosts: Vec<String>,
}

/// Every learner's own ranking of hosts in the run.
#[utoipa::path(get, path = "/v1/runs/{run}/preferences", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path)),
    responses((status = 200, body = [PreferenceRecord]), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem)))]
pub(crate) async fn preferences(
    State(state): State<AppState>,
    PathOf(run): PathOf<i64>,
) -> ApiResult<Json<Vec<PreferenceRecord>>> {
    Ok(Json(state.db(move |s| s.preferences(run)).await??))
}

/// States (or replaces) a learner's own ranking of hosts. A matching run
/// with `?preferences=stored` puts it in place of the suggested list.
#[utoipa::path(put, path = "/v1/runs/{run}/preferences/{seeker}", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path), ("seeker" = String, Path, description = "The learner's seeker id")),
    request_body = StatePreferences,
    responses((status = 200, body = PreferenceRecord), (status = 400, body = doc::Problem), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem), (status = 422, body = doc::Problem)))]
pub(crate) async fn state_preferences(
    State(state): State<AppState>,
    Extension(Actor(actor)): Extension<Actor>,
    PathOf((run, seeker)): PathOf<(i64, String)>,
    Body(req): Body<StatePreferences>,
) -> ApiResult<Json<PreferenceRecord>> {
    let stated = twinning_pairing::Stated { seeker, hosts: req.hosts };
    stated.check().map_err(|e| Problem::invalid(e.to_string()).at("hosts"))?;
    let twinning_pairing::Stated { seeker, hosts } = stated;
    Ok(Json(state.db(move |s| s.state_preferences(run, &seeker, &hosts, &actor)).await??))
}

/// Removes a learner's own ranking: the suggested list applies again.
#[utoipa::path(delete, path = "/v1/runs/{run}/preferences/{seeker}", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path), ("seeker" = String, Path, description = "The learner's seeker id")),
    responses((status = 204), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem)))]
pub(crate) async fn remove_preferences(
    State(state): State<AppState>,
    Extension(Actor(actor)): Extension<Actor>,
    PathOf((run, seeker)): PathOf<(i64, String)>,
) -> ApiResult<StatusCode> {
    state.db(move |s| s.remove_preferences(run, &seeker, &actor)).await??;
    Ok(StatusCode::NO_CONTENT)
}

/// `?preferences=` of a matching run.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct MatchQuery {
    /// `stored`: put each learner's stored ranking in place of its list in
    /// the instance before matching (the recorded instance is the one
    /// matched). Default: the instance as sent.
    pub(crate) preferences: Option<String>,
}

/// Runs a matching for the run and records the instance, result,
/// explanation, checker report, time limit and whether it is proven.
#[utoipa::path(post, path = "/v1/runs/{run}/matchings", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path), MatchQuery), request_body = MatchRequest,
    responses((status = 201, body = MatchingRecord), (status = 400, body = doc::Problem), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem), (status = 422, body = doc::Problem)))]
pub(crate) async fn match_run(
    State(state): State<AppState>,
    Extension(Actor(actor)): Extension<Actor>,
    PathOf(run): PathOf<i64>,
    Params(q): Params<MatchQuery>,
    Body(mut req): Body<MatchRequest>,
) -> ApiResult<(StatusCode, Json<MatchingRecord>)> {
    state.db(move |s| s.run(run)).await??;
    match q.preferences.as_deref() {
        None => {}
        Some("stored") => {
            let stored = state.db(move |s| s.preferences(run)).await??;
            let stated: Vec<twinning_pairing::Stated> = stored
                .into_iter()
                .map(|p| twinning_pairing::Stated { seeker: p.seeker, hosts: p.hosts })
                .collect();
            req.instance = twinning_pairing::apply_stated(&req.instance, &stated)
                .map_err(|e| Problem::invalid(e.to_string()).at("instance"))?;
        }
        Some(other) => {
            return Err(Problem::bad_request(format!(
                "preferences {other:?}: the only value is `stored`"
            ))
            .at("preferences"));
        }
    }
    let instance = serde_json::to_value(&req.instance).map_err(Problem::internal)?;
    let mechanism = req.mechanism.key().to_owned();
    let answer = crate::matching::run_cancellable(req).await.map_err(Problem::internal)??;
    let optimality = answer.result.as_ref().and_then(|m| m.optimality.clone());
    let record = MatchingIn {
        mechanism,
        outcome: answer.outcome.clone(),
        instance,
        result: answer
            .result
            .as_ref()
            .map(serde_json::to_value)
            .transpose()
            .map_err(Problem::internal)?,
        explanation: answer
            .explanation
            .as_ref()
            .map(serde_json::to_value)
            .transpose()
            .map_err(Problem::internal)?,
        check_report: answer
            .check
            .as_ref()
            .map(serde_json::to_value)
            .transpose()
            .map_err(Problem::internal)?,
        time_limit_ms: answer.time_limit_ms,
        proven: optimality.as_ref().map(|o| o.proven),
        gap: optimality.map(|o| o.gap.to_string()),
    };
    let out = state.db(move |s| s.record_matching(run, &record, &actor)).await??;
    Ok((StatusCode::CREATED, Json(out)))
}

/// The outputs each confirmed pair of `cohort` owes, as the store keeps
/// them: kind key, title, due month (when the cohort sets one).
pub(crate) fn owed_outputs(cohort: &Cohort) -> Vec<(String, String, Option<String>)> {
    cohort
        .required_outputs()
        .iter()
        .map(|o| {
            (o.kind.key().to_owned(), o.title.clone(), o.due.as_ref().map(|d| d.value.to_string()))
        })
        .collect()
}

/// The run's confirmed pairs with their outputs.
#[utoipa::path(get, path = "/v1/runs/{run}/pairs", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path)),
    responses((status = 200, body = [PairRecord]), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem)))]
pub(crate) async fn pairs(
    State(state): State<AppState>,
    PathOf(run): PathOf<i64>,
) -> ApiResult<Json<Vec<PairRecord>>> {
    Ok(Json(state.db(move |s| s.pairs(run)).await??))
}

/// Confirms pairs of a matching run; each pair owes the outputs the
/// cohort requires, as drafts with their due dates.
#[utoipa::path(post, path = "/v1/runs/{run}/pairs", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path)), request_body = Confirm,
    responses((status = 201, body = [PairRecord]), (status = 400, body = doc::Problem), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem), (status = 409, body = doc::Problem), (status = 422, body = doc::Problem)))]
pub(crate) async fn confirm(
    State(state): State<AppState>,
    Extension(Actor(actor)): Extension<Actor>,
    PathOf(run): PathOf<i64>,
    Body(req): Body<Confirm>,
) -> ApiResult<(StatusCode, Json<Vec<PairRecord>>)> {
    let cohort = cohort_of(&state, run).await?;
    let matching_id = req.matching;
    let record = state.db(move |s| s.matching(run, matching_id)).await??;
    let result: twinning_matcher::Matching = record
        .run
        .result
        .clone()
        .ok_or_else(|| Problem::invalid("that matching run found no matching").at("matching"))
        .and_then(|v| serde_json::from_value(v).map_err(Problem::internal))?;
    let found: Vec<(String, String)> =
        result.pairs.iter().map(|p| (p.seeker.clone(), p.host.clone())).collect();
    let chosen = match req.pairs {
        None => found,
        Some(list) => {
            let mut out = Vec::with_capacity(list.len());
            for (i, p) in list.into_iter().enumerate() {
                let pair = (p.seeker, p.host);
                if !found.contains(&pair) {
                    return Err(Problem::invalid(format!(
                        "({}, {}) is not a pair of matching {matching_id}",
                        pair.0, pair.1
                    ))
                    .at(&format!("pairs[{i}]")));
                }
                out.push(pair);
            }
            out
        }
    };
    let outputs = owed_outputs(&cohort);
    let out =
        state.db(move |s| s.confirm_pairs(run, matching_id, &chosen, &outputs, &actor)).await??;
    Ok((StatusCode::CREATED, Json(out)))
}

/// Moves a pair's output along its lifecycle (draft → submitted →
/// accepted or revision-requested), with the document handed in.
#[utoipa::path(put, path = "/v1/runs/{run}/pairs/{pair}/outputs/{kind}", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path), ("pair" = i64, Path), ("kind" = String, Path)), request_body = OutputUpdate,
    responses((status = 200, body = OutputRecord), (status = 400, body = doc::Problem), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem), (status = 409, body = doc::Problem)))]
pub(crate) async fn update_output(
    State(state): State<AppState>,
    Extension(Actor(actor)): Extension<Actor>,
    PathOf((run, pair, kind)): PathOf<(i64, i64, String)>,
    Body(req): Body<OutputUpdate>,
) -> ApiResult<Json<OutputRecord>> {
    let document =
        req.document.as_ref().map(serde_json::to_value).transpose().map_err(Problem::internal)?;
    let to = req.status;
    let out = state
        .db(move |s| {
            s.update_output(
                run,
                pair,
                &kind,
                document.as_ref(),
                |from| {
                    if Status::from_key(from).is_some_and(|f| f.can_become(to)) {
                        Ok(to.key())
                    } else {
                        Err(format!("an output in status {from} cannot become {to}"))
                    }
                },
                &actor,
            )
        })
        .await??;
    Ok(Json(out))
}

/// The whole run as one JSON bundle (import it with `/v1/runs/import`).
#[utoipa::path(get, path = "/v1/runs/{run}/export", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path)),
    responses((status = 200, body = Bundle), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem)))]
pub(crate) async fn export(
    State(state): State<AppState>,
    PathOf(run): PathOf<i64>,
) -> ApiResult<Json<Bundle>> {
    Ok(Json(state.db(move |s| s.export(run)).await??))
}

/// A file download: `media_type`, saved as `filename`, never cached.
fn download(media_type: &'static str, filename: String, body: Vec<u8>) -> axum::response::Response {
    use axum::response::IntoResponse as _;
    let disposition = format!("attachment; filename=\"{filename}\"");
    (
        [(header::CONTENT_TYPE, media_type.to_owned()), (header::CONTENT_DISPOSITION, disposition)],
        body,
    )
        .into_response()
}

/// Every table of the run (applicants with verdicts and reasons, pairs,
/// outputs, audit log) as the sheets of one Excel workbook.
#[utoipa::path(get, path = "/v1/runs/{run}/export.xlsx", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path)),
    responses((status = 200, content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = Vec<u8>), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem)))]
pub(crate) async fn export_xlsx(
    State(state): State<AppState>,
    PathOf(run): PathOf<i64>,
) -> ApiResult<axum::response::Response> {
    let bundle = state.db(move |s| s.export(run)).await??;
    let tables = crate::tables::run_tables(&bundle);
    let sheets: Vec<twinning_core::SheetOut<'_>> = tables
        .iter()
        .map(|t| twinning_core::SheetOut { name: t.name, headers: &t.headers, rows: &t.rows })
        .collect();
    let bytes = twinning_core::write_xlsx(&sheets).map_err(Problem::internal)?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        format!("run-{run}.xlsx"),
        bytes,
    ))
}

/// One table of the run as CSV: `applicants`, `pairs`, `outputs` or `audit`.
#[utoipa::path(get, path = "/v1/runs/{run}/tables/{table}", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path), ("table" = String, Path, description = "applicants, pairs, outputs or audit")),
    responses((status = 200, content_type = "text/csv", body = String), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem)))]
pub(crate) async fn table_csv(
    State(state): State<AppState>,
    PathOf((run, table)): PathOf<(i64, String)>,
) -> ApiResult<axum::response::Response> {
    if !crate::tables::TABLES.contains(&table.as_str()) {
        return Err(Problem::not_found(format!(
            "no table {table:?}; the tables are {}",
            crate::tables::TABLES.join(", ")
        )));
    }
    let bundle = state.db(move |s| s.export(run)).await??;
    let tables = crate::tables::run_tables(&bundle);
    let Some(t) = tables.iter().find(|t| t.name == table) else {
        return Err(Problem::not_found(format!("no table {table:?}")));
    };
    let text = twinning_core::write_csv(&t.headers, &t.rows).map_err(Problem::internal)?;
    Ok(download("text/csv; charset=utf-8", format!("run-{run}-{table}.csv"), text.into_bytes()))
}

/// The calendar of the run's cohort (built-in or custom) as iCalendar.
#[utoipa::path(get, path = "/v1/runs/{run}/calendar.ics", tag = "runs", security(("bearer" = [])),
    params(("run" = i64, Path)),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 401, body = doc::Problem), (status = 404, body = doc::Problem)))]
pub(crate) async fn calendar(
    State(state): State<AppState>,
    PathOf(run): PathOf<i64>,
) -> ApiResult<axum::response::Response> {
    let cohort = cohort_of(&state, run).await?;
    Ok(crate::routes::text("text/calendar; charset=utf-8", twinning_cohort::to_icalendar(&cohort)))
}
