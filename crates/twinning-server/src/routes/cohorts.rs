//! `/v1/cohorts`: the built-in cohorts, their status at an instant, their
//! calendar and timeline.

use std::collections::BTreeMap;

use axum::Json;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use twinning_cohort::{Cohort, Milestone, Phase, RegistrationStatus, Role};
use twinning_core::Reported;

use crate::body::{Params, PathOf};
use crate::openapi::doc;
use crate::problem::ApiResult;
use crate::routes::{builtin_cohort, instant, text};

/// A cohort in the list.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct CohortSummary {
    /// The cohort number.
    pub(crate) number: u16,
    /// Its name.
    pub(crate) name: String,
    /// The learning side's role.
    pub(crate) learner: Role,
    /// The peer side's role.
    pub(crate) peer: Role,
    /// The programme period.
    pub(crate) programme: String,
    /// The duration in months, with every source's reading.
    pub(crate) duration_months: Reported<u16>,
    /// The cities selected, when known.
    pub(crate) cities_selected: Option<Reported<u16>>,
}

/// A cohort with its dated milestones.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct CohortPage {
    /// The cohort document.
    pub(crate) cohort: Cohort,
    /// Its milestones, in time order.
    pub(crate) milestones: Vec<Milestone>,
}

/// Where a cohort stands at an instant.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct CohortStatus {
    /// The instant asked about.
    pub(crate) at: chrono::DateTime<chrono::FixedOffset>,
    /// The phase running then, if any.
    pub(crate) phase: Option<Phase>,
    /// Each role's registration call then (roles without a call left out).
    pub(crate) registration: BTreeMap<String, RegistrationStatus>,
    /// The next milestones after it.
    pub(crate) next_milestones: Vec<Milestone>,
}

/// `?at=INSTANT&limit=N`.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct AtQuery {
    /// The instant (RFC 3339, or a day); default now.
    pub(crate) at: Option<String>,
    /// How many next milestones (default 5, at most 50).
    pub(crate) limit: Option<usize>,
}

/// The built-in cohorts.
#[utoipa::path(get, path = "/v1/cohorts", tag = "cohorts",
    responses((status = 200, body = [CohortSummary])))]
pub(crate) async fn list() -> Json<Vec<CohortSummary>> {
    Json(
        twinning_cohort::builtin_cohorts()
            .iter()
            .map(|c| CohortSummary {
                number: c.number().get(),
                name: c.name().to_owned(),
                learner: c.learner_role(),
                peer: c.peer_role(),
                programme: c.programme_period().to_string(),
                duration_months: c.duration_months().clone(),
                cities_selected: c.cities_selected().cloned(),
            })
            .collect(),
    )
}

/// One cohort: pairing, calls, phases, milestones, outputs, with sources.
#[utoipa::path(get, path = "/v1/cohorts/{number}", tag = "cohorts",
    params(("number" = u16, Path, description = "1 to 5")),
    responses((status = 200, body = CohortPage), (status = 404, body = doc::Problem)))]
pub(crate) async fn show(PathOf(number): PathOf<u16>) -> ApiResult<Json<CohortPage>> {
    let cohort = builtin_cohort(number)?;
    Ok(Json(CohortPage { cohort: cohort.clone(), milestones: cohort.milestones().to_vec() }))
}

/// The phase, registration calls and next milestones at an instant.
#[utoipa::path(get, path = "/v1/cohorts/{number}/status", tag = "cohorts",
    params(("number" = u16, Path, description = "1 to 5"), AtQuery),
    responses((status = 200, body = CohortStatus), (status = 400, body = doc::Problem), (status = 404, body = doc::Problem)))]
pub(crate) async fn status(
    PathOf(number): PathOf<u16>,
    Params(q): Params<AtQuery>,
) -> ApiResult<Json<CohortStatus>> {
    let cohort = builtin_cohort(number)?;
    let at = instant(q.at.as_deref(), "at")?;
    let limit = q.limit.unwrap_or(5).min(50);
    let registration = Role::ALL
        .into_iter()
        .map(|r| (r.key().to_owned(), cohort.registration_status(r, at)))
        .filter(|(_, s)| !matches!(s, RegistrationStatus::NoCall { .. }))
        .collect();
    Ok(Json(CohortStatus {
        at,
        phase: cohort.phase_at(at).cloned(),
        registration,
        next_milestones: cohort.next_milestones(at, limit).into_iter().cloned().collect(),
    }))
}

/// The cohort's dated milestones as iCalendar.
#[utoipa::path(get, path = "/v1/cohorts/{number}/calendar.ics", tag = "cohorts",
    params(("number" = u16, Path, description = "1 to 5")),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = doc::Problem)))]
pub(crate) async fn calendar(PathOf(number): PathOf<u16>) -> ApiResult<Response> {
    let cohort = builtin_cohort(number)?;
    Ok(text("text/calendar; charset=utf-8", twinning_cohort::to_icalendar(cohort)))
}

/// The cohort's timeline as a Mermaid Gantt chart.
#[utoipa::path(get, path = "/v1/cohorts/{number}/timeline.mmd", tag = "cohorts",
    params(("number" = u16, Path, description = "1 to 5")),
    responses((status = 200, content_type = "text/plain", body = String), (status = 404, body = doc::Problem)))]
pub(crate) async fn timeline(PathOf(number): PathOf<u16>) -> ApiResult<Response> {
    let cohort = builtin_cohort(number)?;
    Ok(text("text/plain; charset=utf-8", twinning_cohort::to_mermaid_gantt(cohort)))
}
