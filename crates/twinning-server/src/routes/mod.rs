//! The routes, one module per resource.

pub(crate) mod catalogue;
pub(crate) mod cohorts;
pub(crate) mod eligibility;
pub(crate) mod health;
pub(crate) mod outputs;
pub(crate) mod pairing;
pub(crate) mod runs;

use axum::Router;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, Utc};
use twinning_cohort::{Cohort, CohortNumber};
use twinning_eligibility::ProgrammeData;

use crate::app::AppState;
use crate::limit::Limiter;
use crate::problem::Problem;
use crate::store::StoreError;

/// Every route: public ones, then the staff routes behind the token check.
pub(crate) fn routes(state: AppState, limiter: Option<Limiter>) -> Router<AppState> {
    let health = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/v1/openapi.json", get(health::openapi));
    let public = Router::new()
        .route("/v1/cohorts", get(cohorts::list))
        .route("/v1/cohorts/{number}", get(cohorts::show))
        .route("/v1/cohorts/{number}/status", get(cohorts::status))
        .route("/v1/cohorts/{number}/calendar.ics", get(cohorts::calendar))
        .route("/v1/cohorts/{number}/timeline.mmd", get(cohorts::timeline))
        .route("/v1/catalogue/cities", get(catalogue::cities))
        .route("/v1/catalogue/cities/{name}", get(catalogue::city))
        .route("/v1/eligibility/rules", get(eligibility::rules))
        .route("/v1/eligibility/rules/{cohort}/{role}", get(eligibility::rule_set_of))
        .route("/v1/eligibility/check", post(eligibility::check))
        .route("/v1/eligibility/batch", post(eligibility::batch))
        .route("/v1/eligibility/batch/table", post(eligibility::batch_table))
        .route("/v1/pairing/suggest", post(pairing::suggest))
        .route("/v1/pairing/match", post(pairing::match_))
        .route("/v1/pairing/verify", post(pairing::verify))
        .route("/v1/outputs/new", post(outputs::new))
        .route("/v1/outputs/validate", post(outputs::validate))
        .route("/v1/outputs/render", post(outputs::render));
    let public = match limiter {
        Some(l) => public.route_layer(axum::middleware::from_fn_with_state(l, crate::limit::limit)),
        None => public,
    };
    health.merge(public).merge(
        staff_routes()
            .route_layer(axum::middleware::from_fn_with_state(state, crate::auth::require_staff)),
    )
}

/// The staff routes (each needs a bearer token), as (method, path) for the
/// authorisation tests and the docs.
pub(crate) fn staff_routes() -> Router<AppState> {
    Router::new()
        .route("/v1/runs", get(runs::list).post(runs::create))
        .route("/v1/runs/import", post(runs::import))
        .route("/v1/runs/{run}", get(runs::show))
        .route("/v1/runs/{run}/applicants", get(runs::applicants).post(runs::add_applicants))
        .route("/v1/runs/{run}/survey", post(runs::add_survey))
        .route("/v1/runs/{run}/applicants/table", post(runs::add_applicant_table))
        .route("/v1/runs/{run}/decisions", post(runs::decide))
        .route("/v1/runs/{run}/applicants/{name}/override", post(runs::override_verdict))
        .route("/v1/runs/{run}/audit", get(runs::audit))
        .route("/v1/runs/{run}/preferences", get(runs::preferences))
        .route(
            "/v1/runs/{run}/preferences/{seeker}",
            put(runs::state_preferences).delete(runs::remove_preferences),
        )
        .route("/v1/runs/{run}/matchings", get(runs::matchings).post(runs::match_run))
        .route("/v1/runs/{run}/matchings/{matching}", get(runs::matching))
        .route("/v1/runs/{run}/pairs", get(runs::pairs).post(runs::confirm))
        .route("/v1/runs/{run}/pairs/{pair}/outputs/{kind}", put(runs::update_output))
        .route("/v1/runs/{run}/export", get(runs::export))
        .route("/v1/runs/{run}/export.xlsx", get(runs::export_xlsx))
        .route("/v1/runs/{run}/tables/{table}", get(runs::table_csv))
        .route("/v1/runs/{run}/calendar.ics", get(runs::calendar))
}

/// Every staff route as (method, path with sample ids), for the
/// authorisation matrix.
pub const STAFF_ROUTES: [(&str, &str); 24] = [
    ("GET", "/v1/runs"),
    ("POST", "/v1/runs"),
    ("POST", "/v1/runs/import"),
    ("GET", "/v1/runs/1"),
    ("GET", "/v1/runs/1/applicants"),
    ("POST", "/v1/runs/1/applicants"),
    ("POST", "/v1/runs/1/survey"),
    ("POST", "/v1/runs/1/applicants/table"),
    ("POST", "/v1/runs/1/decisions"),
    ("POST", "/v1/runs/1/applicants/x/override"),
    ("GET", "/v1/runs/1/audit"),
    ("GET", "/v1/runs/1/preferences"),
    ("PUT", "/v1/runs/1/preferences/x"),
    ("DELETE", "/v1/runs/1/preferences/x"),
    ("GET", "/v1/runs/1/matchings"),
    ("POST", "/v1/runs/1/matchings"),
    ("GET", "/v1/runs/1/matchings/1"),
    ("GET", "/v1/runs/1/pairs"),
    ("POST", "/v1/runs/1/pairs"),
    ("PUT", "/v1/runs/1/pairs/1/outputs/action-plan"),
    ("GET", "/v1/runs/1/export"),
    ("GET", "/v1/runs/1/export.xlsx"),
    ("GET", "/v1/runs/1/tables/applicants"),
    ("GET", "/v1/runs/1/calendar.ics"),
];

/// Cohort `number` of the server's data: the overlay's when it defines
/// one, else the built-in one.
pub(crate) fn cohort(data: &ProgrammeData, number: u16) -> Result<&Cohort, Problem> {
    CohortNumber::new(number).ok().and_then(|n| data.cohort(n)).ok_or_else(|| {
        Problem::not_found(format!(
            "cohort {number}: no such cohort in the built-in data (1 to 5) or the data overlay"
        ))
    })
}

/// The cohort number a new run of cohort `number` records, and the cohort
/// document it keeps: none for a built-in cohort, the overlay's for a
/// cohort the data overlay defines, so the run still reads its cohort
/// after a restart without the overlay.
pub(crate) fn run_cohort(
    data: &ProgrammeData,
    number: u16,
) -> Result<(u16, Option<serde_json::Value>), Problem> {
    let found = cohort(data, number)?;
    let own = data.overlay_cohorts().iter().any(|c| c.number() == found.number());
    let document =
        own.then(|| serde_json::to_value(found)).transpose().map_err(Problem::internal)?;
    Ok((found.number().get(), document))
}

/// An instant: RFC 3339, `YYYY-MM-DDTHH:MM±HH:MM`, or a day (midnight in
/// Brussels), as the command line reads `--at`; `None` is now.
pub(crate) fn instant(at: Option<&str>, field: &str) -> Result<DateTime<FixedOffset>, Problem> {
    let Some(s) = at.map(str::trim) else {
        return Ok(twinning_cohort::to_brussels(Utc::now().fixed_offset()));
    };
    if let Ok(at) = DateTime::parse_from_rfc3339(s) {
        return Ok(at);
    }
    if let Ok(at) = DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M%:z") {
        return Ok(at);
    }
    if let Ok(day) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        let noon = day.and_time(NaiveTime::MIN).and_utc() + chrono::Duration::hours(12);
        let offset = twinning_cohort::brussels_offset(noon);
        if let Some(at) = day.and_time(NaiveTime::MIN).and_local_timezone(offset).single() {
            return Ok(at);
        }
    }
    Err(Problem::bad_request(format!(
        "{s:?} is not an instant such as 2026-03-01T12:00:00+01:00 or a day 2026-03-01"
    ))
    .at(field))
}

/// A text answer of `media_type`.
pub(crate) fn text(media_type: &'static str, body: String) -> Response {
    ([(header::CONTENT_TYPE, media_type)], body).into_response()
}

impl From<StoreError> for Problem {
    fn from(e: StoreError) -> Problem {
        match e {
            StoreError::NotFound(m) => Problem::not_found(m),
            StoreError::Conflict(m) => Problem::conflict(m),
            StoreError::Database(e) => Problem::internal(e),
        }
    }
}
