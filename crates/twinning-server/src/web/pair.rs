//! A confirmed pair's own page, reached through a private link staff hand
//! out: the two cities, the cohort's calendar and next dates, and each
//! output the pair owes with its due month and status, linked to its form
//! while it is a draft (or a revision is asked for). The link's token
//! is stored only as a digest; pages are never cached and send no
//! referrer, so the address does not leak.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::layout::{Page, Section, brussels};
use super::staff::{check_post, db, form, signed_in};
use crate::app::AppState;

/// The link form.
#[derive(Debug, Deserialize)]
struct LinkForm {
    csrf: Option<String>,
}

/// `POST /staff/runs/{run}/pairs/{pair}/link`: a new private link, shown
/// once.
pub(crate) async fn make_link(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((run, pair)): Path<(i64, i64)>,
    body: Bytes,
) -> Response {
    let f: LinkForm = match form(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let staff = match check_post(&state, &headers, f.csrf.as_deref()).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let name = staff.name.clone();
    let token = match db(&state, move |s| s.create_pair_link(run, pair, &name)).await {
        Ok(t) => t,
        Err(r) => return r,
    };
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1:8080")
        .to_owned();
    let link = format!("http://{host}/pair/{token}");
    let main = html! {
        (signed_in(&staff))
        a class="back-link" href=(format!("/staff/runs/{run}#pairs")) { "Back to the run" }
        h1 { "Private link for pair " (pair) }
        p { "Send this link to the pair's city officers. Anyone with it can see the pair's page. It is shown only now: the service keeps only a fingerprint of it." }
        p { a class="private-link" href=(link) { (link) } }
    };
    Page::new(format!("Private link for pair {pair}"), Section::Staff, main).into_response()
}

/// `GET /pair/{token}`: the pair's page.
pub(crate) async fn show(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let token_path = token.clone();
    let opened = db(&state, move |s| s.pair_by_link(&token)).await;
    let (info, pair) = match opened {
        Ok(Some(found)) => found,
        Ok(None) | Err(_) => {
            return super::error_page(
                StatusCode::NOT_FOUND,
                "This link does not open a pair",
                "Check that you copied the whole link. If it still does not work, ask programme staff for a new one.",
            );
        }
    };
    let run = info.id;
    let doc = match db(&state, move |s| s.cohort_document(run)).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let cohort = super::staff::cohort_of(&state.data, &info, doc.as_ref());
    let now = twinning_cohort::to_brussels(chrono::Utc::now().fixed_offset());
    let (seeker, host) = pair.names(state.data.catalogue());
    let main = html! {
        h1 { (seeker) " and " (host) }
        p class="lead" {
            @if let Some(c) = &cohort { (c.name()) ". " }
            "Confirmed on " (pair.confirmed_at.get(..10).unwrap_or(&pair.confirmed_at)) "."
        }
        h2 { "What is due" }
        @if pair.outputs.is_empty() {
            p { "Your cohort asks for no output." }
        } @else {
            table {
                caption class="visually-hidden" { "The outputs the pair hands in" }
                thead { tr { th scope="col" { "Output" } th scope="col" { "Due" } th scope="col" { "Status" } } }
                tbody {
                    @for o in &pair.outputs {
                        tr {
                            td {
                                @if o.status == "draft" || o.status == "revision-requested" {
                                    a href=(format!("/pair/{token_path}/outputs/{}", o.kind)) { (o.title) }
                                } @else { (o.title) }
                            }
                            td { (o.due.clone().unwrap_or_else(|| "not known yet".to_owned())) }
                            td { (super::staff::output_status(o, now.date_naive())) }
                        }
                    }
                }
            }
        }
        @if let Some(c) = &cohort {
            h2 { "Next dates" }
            @let next = c.next_milestones(now, 5);
            @if next.is_empty() { p { "No dated milestone lies ahead." } }
            @else { ul { @for m in next { li { (super::cohorts::when(&m.when)) ": " (m.title) } } } }
            p {
                a href=(format!("/v1/cohorts/{}/calendar.ics", info.cohort)) { "Subscribe to the cohort's calendar (iCalendar, .ics)" }
            }
        }
        p class="meta" { "Shown on " (brussels(now)) "." }
    };
    Page::new(format!("{seeker} and {host}"), Section::None, main).into_response()
}
