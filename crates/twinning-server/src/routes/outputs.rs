//! `/v1/outputs`: start, check and render learning-output documents.

use axum::Json;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use twinning_cohort::{Cohort, OutputKind};
use twinning_core::{CityId, OutputId, Slug};
use twinning_outputs::{CityRef, Document, OutputContext, Report};

use crate::app::AppState;
use crate::body::Body;
use crate::openapi::doc;
use crate::problem::{ApiResult, Problem};
use crate::routes::{cohort as cohort_of, instant, text};
use axum::extract::State;

/// A starter document to make.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewRequest {
    /// The kind of output (key, such as action-plan).
    pub(crate) kind: OutputKind,
    /// The cohort (1 to 5; default 5).
    #[serde(default)]
    pub(crate) cohort: Option<u16>,
    /// The city that writes it.
    pub(crate) city: String,
    /// The creation instant recorded in the lifecycle (default now).
    #[serde(default)]
    pub(crate) at: Option<String>,
}

/// A document to check or render.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DocumentRequest {
    /// The output document.
    pub(crate) document: Document,
    /// Check against this built-in cohort instead of the document's.
    #[serde(default)]
    pub(crate) cohort: Option<u16>,
}

/// Every problem and gap of a document at once.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct ValidateAnswer {
    /// The kind of output.
    pub(crate) kind: OutputKind,
    /// No errors.
    pub(crate) valid: bool,
    /// Valid and nothing missing before submission.
    pub(crate) ready: bool,
    /// The problems and what is still missing.
    pub(crate) report: Report,
}

/// A valid starter document of a kind, to fill in.
#[utoipa::path(post, path = "/v1/outputs/new", tag = "outputs",
    request_body = NewRequest,
    responses((status = 200, body = doc::Document), (status = 400, body = doc::Problem), (status = 404, body = doc::Problem)))]
pub(crate) async fn new(
    State(state): State<AppState>,
    Body(req): Body<NewRequest>,
) -> ApiResult<Json<Document>> {
    let cohort: &Cohort = cohort_of(&state.data, req.cohort.unwrap_or(5))?;
    let at = instant(req.at.as_deref(), "at")?;
    let city_slug = Slug::from_name(&req.city)
        .map_err(|e| Problem::bad_request(format!("city {:?}: {e}", req.city)).at("city"))?;
    let id_slug =
        Slug::from_name(&format!("output {} {} {city_slug}", cohort.number(), req.kind.key()))
            .map_err(Problem::internal)?;
    let context = OutputContext::for_output(cohort, req.kind);
    Ok(Json(Document::starter(
        req.kind,
        OutputId::from_slug(&id_slug),
        CityRef::new(CityId::from_slug(&city_slug), &req.city),
        &context,
        at,
    )))
}

/// Checks a document against its cohort: every problem and gap.
#[utoipa::path(post, path = "/v1/outputs/validate", tag = "outputs",
    request_body = DocumentRequest,
    responses((status = 200, body = ValidateAnswer), (status = 400, body = doc::Problem), (status = 404, body = doc::Problem)))]
pub(crate) async fn validate(
    State(state): State<AppState>,
    Body(req): Body<DocumentRequest>,
) -> ApiResult<Json<ValidateAnswer>> {
    let cohort = cohort_of(&state.data, req.cohort.unwrap_or(req.document.cohort.get()))?;
    let context = OutputContext::for_output(cohort, req.document.kind());
    let report = req.document.check(&context);
    Ok(Json(ValidateAnswer {
        kind: req.document.kind(),
        valid: report.is_valid(),
        ready: report.is_ready(),
        report,
    }))
}

/// The document as Markdown to hand in.
#[utoipa::path(post, path = "/v1/outputs/render", tag = "outputs",
    request_body = DocumentRequest,
    responses((status = 200, content_type = "text/markdown", body = String), (status = 400, body = doc::Problem)))]
pub(crate) async fn render(Body(req): Body<DocumentRequest>) -> ApiResult<Response> {
    Ok(text("text/markdown; charset=utf-8", req.document.to_markdown()))
}
