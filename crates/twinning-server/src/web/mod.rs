//! The web pages: server-rendered HTML for applicant cities and staff, compiled into
//! the binary with maud (escaping every interpolated value), working
//! without JavaScript. `docs/web.md` lists the pages.
//!
//! Like the JSON routes, every handler parses, calls the libraries and
//! renders: phases and call statuses come from `twinning-cohort`, city
//! searches from `twinning-profile`, decisions from `twinning-eligibility`.

mod catalogue;
mod check;
mod cohorts;
mod layout;
mod pair;
mod pair_output;
pub(crate) mod session;
mod staff;
mod staff_matching;
mod staff_survey;
mod timeline;

use axum::Router;
use axum::extract::Request;
use axum::http::{Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::app::AppState;
use crate::limit::Limiter;
use crate::problem::Problem;

pub(crate) use layout::{error_page, not_found_page};

/// The pages, rate-limited like the public API when a limit is configured;
/// the two assets are not (a page needs them, and they are cached a year).
pub(crate) fn routes(limiter: Option<Limiter>) -> Router<AppState> {
    let pages = Router::new()
        .route("/", get(cohorts::home))
        .route("/cohorts", get(cohorts::list))
        .route("/cohorts/{number}", get(cohorts::show))
        .route("/catalogue", get(catalogue::list))
        .route("/catalogue/{slug}", get(catalogue::city))
        .route("/check", get(check::start))
        .route("/check/answers", get(check::answers))
        .route("/check/result", get(check::result))
        .route("/check/{question}", get(check::question))
        .route("/staff/sign-in", get(staff::sign_in_page).post(staff::sign_in))
        .route("/staff/sign-out", post(staff::sign_out))
        .route("/staff", get(staff::runs))
        .route("/staff/runs", post(staff::create_run))
        .route("/staff/runs/{run}", get(staff::run))
        .route("/staff/runs/{run}/applicants", post(staff::add_applicants))
        .route("/staff/runs/{run}/decide", post(staff::decide))
        .route("/staff/runs/{run}/override", post(staff::override_verdict))
        .route("/staff/runs/{run}/export.json", get(staff::export))
        .route("/staff/runs/{run}/tables/{file}", get(staff::applications_table))
        .route("/staff/runs/{run}/match", post(staff_matching::run_matching))
        .route("/staff/runs/{run}/matchings/{matching}", get(staff_matching::show))
        .route("/staff/runs/{run}/confirm", post(staff_matching::confirm))
        .route("/staff/runs/{run}/survey", post(staff_survey::preview))
        .route("/staff/runs/{run}/survey/store", post(staff_survey::store))
        .route("/staff/runs/{run}/pairs/{pair}/link", post(pair::make_link))
        .route(
            "/staff/runs/{run}/pairs/{pair}/outputs/{kind}",
            get(staff_matching::output).post(staff_matching::review),
        )
        .route("/pair/{token}", get(pair::show))
        .route("/pair/{token}/outputs/{kind}", get(pair_output::show).post(pair_output::post));
    let pages = match limiter {
        Some(l) => pages.route_layer(axum::middleware::from_fn_with_state(l, crate::limit::limit)),
        None => pages,
    };
    pages.route("/assets/{file}", get(layout::asset))
}

/// What an unknown address answers: an HTML page for a browser (a `GET`
/// whose `Accept` names `text/html`, outside `/v1`), problem+json for
/// anything else.
pub(crate) async fn fallback(req: Request) -> Response {
    let wants_html = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    let api = req.uri().path().starts_with("/v1/") || req.uri().path() == "/v1";
    if wants_html && !api && matches!(*req.method(), Method::GET | Method::HEAD) {
        return not_found_page("Check the address, or start again from the home page.");
    }
    Problem::not_found("no such route; GET /v1/openapi.json lists them").into_response()
}

/// A 400 page naming what was wrong with the address's query.
pub(crate) fn bad_request_page(detail: &str) -> Response {
    error_page(StatusCode::BAD_REQUEST, "There is a problem with this address", detail)
}

/// The catalogue's name of the city with id (slug) `id`, or the id itself
/// for a city the catalogue does not have (a learner of an uploaded survey,
/// say).
pub(crate) fn city_name(cat: &twinning_profile::Catalogue, id: &str) -> String {
    cat.city_by_slug(id).map_or_else(|| id.to_owned(), |c| c.name().to_owned())
}
