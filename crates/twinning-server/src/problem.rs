//! RFC 9457 problem details: every error the API answers.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

/// An RFC 9457 problem: what went wrong, with the HTTP status, and for bad
/// input the field at fault, both as a path (`applicants[2].country`) and
/// as a JSON Pointer into the request body (`/applicants/2/country`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(rename = "ProblemDetails")]
pub struct Problem {
    /// A URI naming the kind of problem (`about:blank` or a `tag:` URI).
    #[serde(rename = "type")]
    pub kind: String,
    /// The kind's short summary.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// This occurrence, in a sentence.
    pub detail: String,
    /// The field at fault, as a path (`applicant.country`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The field at fault as a JSON Pointer (RFC 6901), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
}

/// The media type of a problem.
pub(crate) const PROBLEM_JSON: &str = "application/problem+json";

impl Problem {
    /// A problem of `status` with `detail`.
    pub(crate) fn new(status: StatusCode, kind: &str, detail: impl Into<String>) -> Self {
        Problem {
            kind: format!("tag:twinning,2026:problem:{kind}"),
            title: status.canonical_reason().unwrap_or("Error").to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
            field: None,
            pointer: None,
        }
    }

    /// 400: the body or a parameter cannot be read.
    pub(crate) fn bad_request(detail: impl Into<String>) -> Self {
        Problem::new(StatusCode::BAD_REQUEST, "bad-request", detail)
    }

    /// 422: well-formed, but the libraries refuse it.
    pub(crate) fn invalid(detail: impl Into<String>) -> Self {
        Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", detail)
    }

    /// 404.
    pub(crate) fn not_found(detail: impl Into<String>) -> Self {
        Problem::new(StatusCode::NOT_FOUND, "not-found", detail)
    }

    /// 409: the request conflicts with the stored state.
    pub(crate) fn conflict(detail: impl Into<String>) -> Self {
        Problem::new(StatusCode::CONFLICT, "conflict", detail)
    }

    /// 401: a staff route without a valid token.
    pub(crate) fn unauthorized(detail: impl Into<String>) -> Self {
        Problem::new(StatusCode::UNAUTHORIZED, "unauthorized", detail)
    }

    /// 500: the server failed; the detail is logged, not sent.
    pub(crate) fn internal(detail: impl std::fmt::Display) -> Self {
        tracing::error!(error = %detail, "internal error");
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "the server failed; the error is in its log",
        )
    }

    /// The same problem naming a field by its path (`a.b[2].c`).
    pub(crate) fn at(mut self, path: &str) -> Self {
        if !path.is_empty() && path != "." {
            self.pointer = Some(pointer_of(path));
            self.field = Some(path.to_owned());
        }
        self
    }
}

/// `applicants[2].country` → `/applicants/2/country`.
pub(crate) fn pointer_of(path: &str) -> String {
    let mut out = String::new();
    for part in path.split('.') {
        let mut rest = part;
        let name_end = rest.find('[').unwrap_or(rest.len());
        let (name, tail) = rest.split_at(name_end);
        if !name.is_empty() {
            out.push('/');
            out.push_str(&name.replace('~', "~0").replace('/', "~1"));
        }
        rest = tail;
        while let Some(stripped) = rest.strip_prefix('[') {
            let end = stripped.find(']').unwrap_or(stripped.len());
            let (index, after) = stripped.split_at(end);
            out.push('/');
            out.push_str(index);
            rest = after.strip_prefix(']').unwrap_or(after);
        }
    }
    out
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = (status, body).into_response();
        response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        response
    }
}

/// What handlers return.
pub(crate) type ApiResult<T> = Result<T, Problem>;

#[cfg(test)]
mod tests {
    use super::pointer_of;

    #[test]
    fn pointers_follow_rfc_6901() {
        assert_eq!(pointer_of("applicants[2].country"), "/applicants/2/country");
        assert_eq!(pointer_of("a/b.c~d"), "/a~1b/c~0d");
        assert_eq!(pointer_of("[0][1]"), "/0/1");
    }
}
