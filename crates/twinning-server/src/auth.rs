//! Staff routes: a bearer token, checked against the stored digests.

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse as _, Response};

use crate::app::AppState;
use crate::problem::Problem;

/// The holder of the token a staff request carried.
#[derive(Debug, Clone)]
pub(crate) struct Actor(pub(crate) String);

/// Refuses a request without an active staff token (401), else records
/// its holder as the request's [`Actor`].
pub(crate) async fn require_staff(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let token = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned());
    let Some(token) = token.filter(|t| !t.is_empty()) else {
        return challenge(Problem::unauthorized(
            "staff routes need Authorization: Bearer TOKEN (twinning serve token create NAME)",
        ));
    };
    let holder = state.db(move |s| s.token_holder(&token)).await;
    match holder {
        Ok(Some(name)) => {
            req.extensions_mut().insert(Actor(name));
            next.run(req).await
        }
        Ok(None) => challenge(Problem::unauthorized("the token is unknown or revoked")),
        Err(p) => p.into_response(),
    }
}

fn challenge(p: Problem) -> Response {
    let mut r = p.into_response();
    r.headers_mut()
        .insert(header::WWW_AUTHENTICATE, axum::http::HeaderValue::from_static("Bearer"));
    r
}
