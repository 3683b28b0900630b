//! Survey upload for staff: a registration survey (CSV, XLSX or ODS) is
//! read and shown — how each column of the file will be read, and the
//! cities it holds, or the reader's error — before anything is stored; a
//! second form, carrying the file, stores the cities as applicants. The
//! reading is `twinning_profile::load_table`'s and `survey_column`'s; each
//! city becomes an applicant through `twinning_pairing::applicant_of`, as
//! `POST /v1/runs/{run}/survey` does.

use axum::body::Bytes;
use axum::extract::{Multipart, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;
use twinning_cohort::Role;
use twinning_profile::{Catalogue, ProfileDocument};

use super::layout::{Page, Section};
use super::staff::{Staff, check_post, db, form, see_other, signed_in};
use crate::app::AppState;
use crate::store::ApplicantIn;

/// The upload form of a run's page.
pub(crate) fn upload_form(staff: &Staff, run: i64, roles: &[Role]) -> Markup {
    html! {
        form method="post" action=(format!("/staff/runs/{run}/survey")) enctype="multipart/form-data" novalidate {
            (staff.csrf())
            div class="field" {
                label for="survey" { "Registration survey (CSV, XLSX or ODS)" }
                p class="hint" id="survey-hint" { "You will see how each column is read, and the cities found, before anything is stored." }
                input type="file" id="survey" name="survey" accept=".csv,.xlsx,.ods,text/csv" aria-describedby="survey-hint";
            }
            div class="field" {
                label for="survey-role" { "Role the surveyed cities apply for" }
                select id="survey-role" name="role" {
                    @for r in roles { option value=(r.key()) { (r.label()) " City" } }
                }
            }
            button class="button" type="submit" { "Check the survey" }
        }
    }
}

/// Hex digits of `bytes`.
fn to_hex(bytes: &[u8]) -> String {
    crate::store::hex(bytes)
}

/// The bytes of hex `text`, or `None` when it is not hex.
fn from_hex(text: &str) -> Option<Vec<u8>> {
    let digits = text.as_bytes();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    digits
        .chunks(2)
        .map(|pair| std::str::from_utf8(pair).ok().and_then(|p| u8::from_str_radix(p, 16).ok()))
        .collect()
}

/// Reads the survey as the API does.
fn read(cat: &Catalogue, bytes: &[u8]) -> Result<ProfileDocument, String> {
    twinning_profile::load_table(bytes, &twinning_core::TableOptions::default(), cat)
        .map_err(|e| e.to_string())
}

/// `POST /staff/runs/{run}/survey`: the preview.
pub(crate) async fn preview(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(run): Path<i64>,
    mut multipart: Multipart,
) -> Response {
    let (mut csrf, mut role, mut file, mut file_name) = (None, None, None, String::new());
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or_default().to_owned();
                if name == "survey" {
                    file_name = field.file_name().unwrap_or_default().to_owned();
                }
                let Ok(data) = field.bytes().await else {
                    return super::bad_request_page(
                        "The upload could not be read; it may be too large.",
                    );
                };
                match name.as_str() {
                    "csrf" => csrf = Some(String::from_utf8_lossy(&data).into_owned()),
                    "role" => role = Some(String::from_utf8_lossy(&data).into_owned()),
                    "survey" => file = Some(data),
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(_) => {
                return super::bad_request_page(
                    "The upload could not be read; it may be too large.",
                );
            }
        }
    }
    let staff = match check_post(&state, &headers, csrf.as_deref()).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Some(role) = role.and_then(|r| r.parse::<Role>().ok()) else {
        return super::bad_request_page("Choose the role the surveyed cities apply for.");
    };
    let Some(bytes) = file.filter(|b| !b.is_empty()) else {
        return problem_page(run, &staff, "Choose a survey file to upload.");
    };
    let mapping: Vec<(String, Option<String>)> =
        twinning_core::read_table(&bytes, &twinning_core::TableOptions::default())
            .map(|t| {
                t.headers()
                    .iter()
                    .map(|h| (h.clone(), twinning_profile::survey_column(h)))
                    .collect()
            })
            .unwrap_or_default();
    let read = read(state.data.catalogue(), &bytes);
    let main = html! {
        (signed_in(&staff))
        a class="back-link" href=(format!("/staff/runs/{run}")) { "Back to the run" }
        @if let Err(e) = &read {
            div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" {
                h2 id="error-summary-title" { "There is a problem" }
                ul { li { "The survey cannot be read: " (e) "." } }
            }
        }
        h1 { "Check the survey before it is stored" }
        p { "File: " strong { (file_name) } ". Nothing is stored until you confirm." }
        @if !mapping.is_empty() {
            table {
                caption { "How each column is read" }
                thead { tr { th scope="col" { "Column in the file" } th scope="col" { "Read as" } } }
                tbody {
                    @for (header, column) in &mapping {
                        tr {
                            td { (header) }
                            td { @match column { Some(c) => code { (c) }, None => span class="outcome failed" { "Not a survey column" } } }
                        }
                    }
                }
            }
        }
        @match &read {
            Ok(doc) => {
                table {
                    caption { (doc.cities.len()) " cities to add as " (role.label()) " City applicants" }
                    thead { tr { th scope="col" { "City" } th scope="col" { "Country" } th scope="col" { "Climate neutral by" } } }
                    tbody {
                        @for c in &doc.cities {
                            tr {
                                td { (c.name()) }
                                td { (super::catalogue::country_name(c.country())) }
                                td { @if let Some(t) = c.climate_neutrality_target() { (t.value) } @else { "not given" } }
                            }
                        }
                    }
                }
                form method="post" action=(format!("/staff/runs/{run}/survey/store")) {
                    (staff.csrf())
                    input type="hidden" name="role" value=(role.key());
                    input type="hidden" name="data" value=(to_hex(&bytes));
                    button class="button" type="submit" { "Store these " (doc.cities.len()) " applicants" }
                }
            }
            Err(_) => {
                p { "Nothing was stored. Correct the file and " a href=(format!("/staff/runs/{run}")) { "upload it again" } "." }
            }
        }
    };
    let title = if read.is_ok() { "Check the survey" } else { "Error: Check the survey" };
    Page::new(title, Section::Staff, main)
        .status(if read.is_ok() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY })
        .into_response()
}

/// A page naming one problem with the upload.
fn problem_page(run: i64, staff: &Staff, problem: &str) -> Response {
    let main = html! {
        (signed_in(staff))
        div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" {
            h2 id="error-summary-title" { "There is a problem" }
            ul { li { (problem) } }
        }
        h1 { "The survey was not read" }
        p { a href=(format!("/staff/runs/{run}")) { "Go back to the run" } " and try again." }
    };
    Page::new("Error: The survey was not read", Section::Staff, main)
        .status(StatusCode::BAD_REQUEST)
        .into_response()
}

/// The store form.
#[derive(Debug, Deserialize)]
struct StoreForm {
    csrf: Option<String>,
    #[serde(default)]
    role: String,
    #[serde(default)]
    data: String,
}

/// `POST /staff/runs/{run}/survey/store`: the previewed survey's cities
/// added as applicants.
pub(crate) async fn store(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(run): Path<i64>,
    body: Bytes,
) -> Response {
    let f: StoreForm = match form(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let staff = match check_post(&state, &headers, f.csrf.as_deref()).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let (Ok(role), Some(bytes)) = (f.role.parse::<Role>(), from_hex(&f.data)) else {
        return super::bad_request_page(
            "The form was changed after the preview; upload the survey again.",
        );
    };
    let doc = match read(state.data.catalogue(), &bytes) {
        Ok(d) => d,
        Err(e) => return problem_page(run, &staff, &format!("The survey cannot be read: {e}.")),
    };
    let cat = state.data.catalogue();
    let now = twinning_cohort::to_brussels(chrono::Utc::now().fixed_offset());
    let mut rows = Vec::with_capacity(doc.cities.len());
    for c in &doc.cities {
        let applicant = match twinning_pairing::applicant_of(cat, c, now) {
            Ok(a) => a,
            Err(e) => return problem_page(run, &staff, &e.to_string()),
        };
        let Ok(document) = serde_json::to_value(&applicant) else {
            return problem_page(run, &staff, "An applicant could not be stored.");
        };
        rows.push(ApplicantIn {
            name: applicant.name().to_owned(),
            role: role.key().to_owned(),
            document,
        });
    }
    match db(&state, move |s| s.add_applicants(run, &rows, &staff.name)).await {
        Ok(_) => see_other(&format!("/staff/runs/{run}")),
        Err(r) => r,
    }
}

#[cfg(test)]
mod tests {
    use super::{from_hex, to_hex};

    #[test]
    fn hex_round_trips_and_refuses_what_is_not_hex() {
        let bytes = [0u8, 1, 127, 128, 255];
        assert_eq!(to_hex(&bytes), "00017f80ff");
        assert_eq!(from_hex("00017f80ff").as_deref(), Some(&bytes[..]));
        assert_eq!(from_hex("0g"), None);
        assert_eq!(from_hex("abc"), None);
    }
}
