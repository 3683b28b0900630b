//! The JSON body extractor: bounded, typed, and naming the field at fault.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;

use crate::problem::Problem;

/// A JSON request body read into `T`. A body past the limit is a 413, a
/// body that is not JSON a 415 or 400, and a field of the wrong shape a 400
/// whose problem names the field's path.
#[derive(Debug, Clone)]
pub(crate) struct Body<T>(pub(crate) T);

impl<S, T> FromRequest<S> for Body<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|v| v.trim().to_ascii_lowercase())
            .is_some_and(|v| v == "application/json" || v.ends_with("+json"));
        if !is_json {
            return Err(Problem::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "send the body as JSON with Content-Type: application/json",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            let status = e.status();
            if status == StatusCode::PAYLOAD_TOO_LARGE {
                Problem::new(
                    status,
                    "too-large",
                    "the request body is larger than the server accepts",
                )
            } else {
                Problem::bad_request(format!("the request body could not be read: {e}"))
            }
        })?;
        parse(&bytes).map(Body)
    }
}

/// Reads JSON into `T`, naming the path of the first field that fails.
pub(crate) fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Problem> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let detail = if path == "." {
            format!("the body is not the expected JSON: {inner}")
        } else {
            format!("at {path}: {inner}")
        };
        Problem::bad_request(detail).at(&path)
    })?;
    de.end()
        .map_err(|e| Problem::bad_request(format!("trailing characters after the JSON: {e}")))?;
    Ok(value)
}

/// Query parameters read into `T`; a bad one is a 400 problem.
#[derive(Debug, Clone)]
pub(crate) struct Params<T>(pub(crate) T);

impl<S, T> axum::extract::FromRequestParts<S> for Params<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = Problem;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        let de = serde_urlencoded_like(query);
        de.map(Params)
    }
}

/// Reads `a=1&b=x` into `T` through axum's query extractor, as a problem.
fn serde_urlencoded_like<T: DeserializeOwned>(query: &str) -> Result<T, Problem> {
    let uri: axum::http::Uri = format!("/?{query}")
        .parse()
        .map_err(|_| Problem::bad_request("the query string is not valid"))?;
    axum::extract::Query::<T>::try_from_uri(&uri)
        .map(|q| q.0)
        .map_err(|e| Problem::bad_request(format!("query: {}", e.body_text())))
}

/// Path parameters read into `T`; a bad one is a 400 problem.
#[derive(Debug, Clone)]
pub(crate) struct PathOf<T>(pub(crate) T);

impl<S, T> axum::extract::FromRequestParts<S> for PathOf<T>
where
    S: Send + Sync,
    T: DeserializeOwned + Send,
{
    type Rejection = Problem;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| PathOf(p.0))
            .map_err(|e| Problem::bad_request(format!("path: {}", e.body_text())))
    }
}
