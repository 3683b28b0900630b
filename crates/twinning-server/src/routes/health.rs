//! `/healthz`, `/readyz` and the API description.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::app::AppState;

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "health",
    responses((status = 200, description = "The process answers")))]
pub(crate) async fn healthz() -> Response {
    Json(json!({"status": "ok"})).into_response()
}

/// The process is up and the database answers.
#[utoipa::path(get, path = "/readyz", tag = "health",
    responses((status = 200, description = "Ready"), (status = 503, description = "The database does not answer")))]
pub(crate) async fn readyz(State(state): State<AppState>) -> Response {
    match state.db(|s| s.ping()).await {
        Ok(true) => Json(json!({"status": "ready"})).into_response(),
        _ => (StatusCode::SERVICE_UNAVAILABLE, Json(json!({"status": "database unavailable"})))
            .into_response(),
    }
}

/// This API's OpenAPI 3.1 description.
#[utoipa::path(get, path = "/v1/openapi.json", tag = "health",
    responses((status = 200, description = "The OpenAPI 3.1 document")))]
pub(crate) async fn openapi() -> Response {
    crate::routes::text("application/json", crate::openapi::openapi_json())
}
