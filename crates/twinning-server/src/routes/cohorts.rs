//! `/v1/cohorts`: the cohorts (built in, and the data overlay's), their status at an instant, their
//! calendar and timeline.

use axum::Json;
use axum::response::Response;
use serde::Deserialize;
/// The cohort pages: the library's views, the ones `twinning cohort list`
/// and `twinning cohort show -f json` print.
pub(crate) use twinning_cohort::{CohortPage, CohortStatus, CohortSummary};

use crate::app::AppState;
use crate::body::{Params, PathOf};
use crate::openapi::doc;
use crate::problem::ApiResult;
use crate::routes::{cohort, instant, text};
use axum::extract::State;

/// `?at=INSTANT&limit=N`.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct AtQuery {
    /// The instant (RFC 3339, or a day); default now.
    pub(crate) at: Option<String>,
    /// How many next milestones (default 5, at most 50).
    pub(crate) limit: Option<usize>,
}

/// Every cohort: the built-in ones, and the data overlay's.
#[utoipa::path(get, path = "/v1/cohorts", tag = "cohorts",
    responses((status = 200, body = [doc::CohortSummary])))]
pub(crate) async fn list(State(state): State<AppState>) -> Json<Vec<CohortSummary>> {
    Json(state.data.cohorts().into_iter().map(CohortSummary::new).collect())
}

/// One cohort: pairing, calls, phases, milestones, outputs, with sources.
#[utoipa::path(get, path = "/v1/cohorts/{number}", tag = "cohorts",
    params(("number" = u16, Path, description = "1 to 5 built in, or a cohort of the data overlay")),
    responses((status = 200, body = doc::CohortPage), (status = 404, body = doc::Problem)))]
pub(crate) async fn show(
    State(state): State<AppState>,
    PathOf(number): PathOf<u16>,
) -> ApiResult<Json<CohortPage>> {
    Ok(Json(CohortPage::new(cohort(&state.data, number)?, None)))
}

/// The phase, registration calls and next milestones at an instant.
#[utoipa::path(get, path = "/v1/cohorts/{number}/status", tag = "cohorts",
    params(("number" = u16, Path, description = "1 to 5 built in, or a cohort of the data overlay"), AtQuery),
    responses((status = 200, body = doc::CohortStatus), (status = 400, body = doc::Problem), (status = 404, body = doc::Problem)))]
pub(crate) async fn status(
    State(state): State<AppState>,
    PathOf(number): PathOf<u16>,
    Params(q): Params<AtQuery>,
) -> ApiResult<Json<CohortStatus>> {
    let found = cohort(&state.data, number)?;
    let at = instant(q.at.as_deref(), "at")?;
    let limit = q.limit.unwrap_or(5).min(50);
    Ok(Json(CohortStatus::new(found, at, limit)))
}

/// The cohort's dated milestones as iCalendar.
#[utoipa::path(get, path = "/v1/cohorts/{number}/calendar.ics", tag = "cohorts",
    params(("number" = u16, Path, description = "1 to 5 built in, or a cohort of the data overlay")),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = doc::Problem)))]
pub(crate) async fn calendar(
    State(state): State<AppState>,
    PathOf(number): PathOf<u16>,
) -> ApiResult<Response> {
    let found = cohort(&state.data, number)?;
    Ok(text("text/calendar; charset=utf-8", twinning_cohort::to_icalendar(found)))
}

/// The cohort's timeline as a Mermaid Gantt chart.
#[utoipa::path(get, path = "/v1/cohorts/{number}/timeline.mmd", tag = "cohorts",
    params(("number" = u16, Path, description = "1 to 5 built in, or a cohort of the data overlay")),
    responses((status = 200, content_type = "text/plain", body = String), (status = 404, body = doc::Problem)))]
pub(crate) async fn timeline(
    State(state): State<AppState>,
    PathOf(number): PathOf<u16>,
) -> ApiResult<Response> {
    let found = cohort(&state.data, number)?;
    Ok(text("text/plain; charset=utf-8", twinning_cohort::to_mermaid_gantt(found)))
}
