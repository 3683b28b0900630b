//! Staff pages: sign in with a staff token, the runs, a run's dashboard,
//! its applications with verdicts and reasons, the undetermined queue with
//! override-with-reason, and the export. Every form carries a CSRF token
//! (see [`super::session`]); decisions are `RuleSet::evaluate`'s and every
//! write goes through the same store calls as the JSON API.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;
use twinning_cohort::{Cohort, Role};
use twinning_eligibility::{Applicant, Decision, Outcome, ProgrammeData, Verdict};

use super::layout::{Page, Section, brussels};
use super::session::{self, SESSION, SIGN_IN};
use crate::app::AppState;
use crate::store::{ApplicantRecord, DecisionIn, RunInfo, Store};

/// The signed-in staff member: the token holder's name and the session
/// cookie's value (the key of the CSRF token).
#[derive(Debug, Clone)]
pub(crate) struct Staff {
    pub(super) name: String,
    cookie: String,
    /// The CSRF token of this session's forms.
    csrf: String,
}

impl Staff {
    /// The hidden CSRF field for this session's forms.
    pub(super) fn csrf(&self) -> Markup {
        html! { input type="hidden" name="csrf" value=(self.csrf); }
    }
}

/// Seconds since 1970.
fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The staff member the request's session names, if it is good.
pub(super) async fn staff(state: &AppState, headers: &HeaderMap) -> Option<Staff> {
    let cookie = session::cookie(headers, SESSION)?;
    let digest = state.signer.session_digest(&cookie, unix_now())?;
    let name = state.db(move |s| s.token_holder_by_digest(&digest)).await.ok()??;
    let csrf = state.signer.csrf_token("staff", &cookie);
    Some(Staff { name, cookie, csrf })
}

/// A 303 to `to`.
pub(super) fn see_other(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, to.to_owned())]).into_response()
}

/// The page for a form that came without its CSRF token, or with another.
fn forbidden() -> Response {
    super::error_page(
        StatusCode::FORBIDDEN,
        "This form cannot be accepted",
        "The form did not come from this site's page, or that page is out of date. Go back, reload the page and send it again.",
    )
}

/// Reads an `application/x-www-form-urlencoded` body.
pub(super) fn form<T: serde::de::DeserializeOwned>(body: &Bytes) -> Result<T, Response> {
    serde_urlencoded::from_bytes(body)
        .map_err(|e| super::bad_request_page(&format!("The form could not be read: {e}.")))
}

/// The session or the form's CSRF token is wrong: the response to give.
pub(super) async fn check_post(
    state: &AppState,
    headers: &HeaderMap,
    csrf: Option<&str>,
) -> Result<Staff, Response> {
    let Some(staff) = staff(state, headers).await else {
        return Err(see_other("/staff/sign-in"));
    };
    if csrf.is_some_and(|t| state.signer.csrf_ok("staff", &staff.cookie, t)) {
        Ok(staff)
    } else {
        Err(forbidden())
    }
}

/// A store error as a page.
fn store_page(e: crate::problem::Problem) -> Response {
    let status = StatusCode::from_u16(e.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let heading =
        if status == StatusCode::NOT_FOUND { "Page not found" } else { "There is a problem" };
    super::error_page(status, heading, &e.detail)
}

/// Runs `f` on the store, mapping both layers of error to a page.
pub(super) async fn db<R, F>(state: &AppState, f: F) -> Result<R, Response>
where
    F: FnOnce(&Store) -> Result<R, crate::store::StoreError> + Send + 'static,
    R: Send + 'static,
{
    match state.db(f).await {
        Ok(Ok(r)) => Ok(r),
        Ok(Err(e)) => Err(store_page(e.into())),
        Err(p) => Err(store_page(p)),
    }
}

/// The signed-in bar above staff pages.
pub(super) fn signed_in(staff: &Staff) -> Markup {
    html! {
        form class="signed-in" method="post" action="/staff/sign-out" {
            (staff.csrf())
            "Signed in as " strong { (staff.name) } " "
            button class="button secondary small" type="submit" { "Sign out" }
        }
    }
}

/// `GET /staff/sign-in`.
pub(crate) async fn sign_in_page(State(state): State<AppState>) -> Response {
    sign_in_form(&state, None)
}

fn sign_in_form(state: &AppState, error: Option<&str>) -> Response {
    let Some(nonce) = session::nonce() else {
        return super::error_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Sorry, there is a problem with the service",
            "Signing in is not possible now.",
        );
    };
    let csrf = state.signer.csrf_token("sign-in", &nonce);
    let main = html! {
        @if let Some(e) = error {
            div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" {
                h2 id="error-summary-title" { "There is a problem" }
                ul { li { a href="#token" { (e) } } }
            }
        }
        h1 { "Sign in as programme staff" }
        form method="post" action="/staff/sign-in" novalidate {
            input type="hidden" name="csrf" value=(csrf);
            div class=(if error.is_some() { "field error" } else { "field" }) {
                label for="token" { "Staff token" }
                p class="hint" id="token-hint" { "The token an administrator made for you with twinning serve token create." }
                @if let Some(e) = error { p class="error-message" id="token-error" { span class="visually-hidden" { "Error: " } (e) } }
                input type="password" class="wide" id="token" name="token" autocomplete="current-password" spellcheck="false"
                    aria-describedby=(if error.is_some() { "token-hint token-error" } else { "token-hint" });
            }
            button class="button" type="submit" { "Sign in" }
        }
    };
    let title = if error.is_some() {
        "Error: Sign in as programme staff"
    } else {
        "Sign in as programme staff"
    };
    let mut r = Page::new(title, Section::Staff, main)
        .status(if error.is_some() { StatusCode::UNAUTHORIZED } else { StatusCode::OK })
        .into_response();
    if let Some(v) = state.signer.set_cookie(SIGN_IN, &nonce, 3600) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

/// The sign-in form.
#[derive(Debug, Deserialize)]
struct SignIn {
    #[serde(default)]
    token: String,
    #[serde(default)]
    csrf: String,
}

/// `POST /staff/sign-in`: a good token starts a session.
pub(crate) async fn sign_in(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let f: SignIn = match form(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let nonce = session::cookie(&headers, SIGN_IN).unwrap_or_default();
    if nonce.is_empty() || !state.signer.csrf_ok("sign-in", &nonce, &f.csrf) {
        return forbidden();
    }
    let token = f.token.trim().to_owned();
    if token.is_empty() {
        return sign_in_form(&state, Some("Enter your staff token."));
    }
    let digest = crate::store::digest(&token);
    let found = {
        let digest = digest.clone();
        state.db(move |s| s.token_holder_by_digest(&digest)).await.ok().flatten()
    };
    if found.is_none() {
        return sign_in_form(&state, Some("The token is unknown or has been revoked."));
    }
    let value = state.signer.session_value(&digest, unix_now() + session::SESSION_SECONDS);
    let mut r = see_other("/staff");
    let h = r.headers_mut();
    if let Some(v) = state.signer.set_cookie(SESSION, &value, session::SESSION_SECONDS) {
        h.append(header::SET_COOKIE, v);
    }
    if let Some(v) = state.signer.set_cookie(SIGN_IN, "", 0) {
        h.append(header::SET_COOKIE, v);
    }
    r
}

/// A form with only its CSRF token.
#[derive(Debug, Deserialize)]
struct Plain {
    csrf: Option<String>,
}

/// `POST /staff/sign-out`.
pub(crate) async fn sign_out(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let f: Plain = match form(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    if let Err(r) = check_post(&state, &headers, f.csrf.as_deref()).await {
        return r;
    }
    let mut r = see_other("/staff/sign-in");
    if let Some(v) = state.signer.set_cookie(SESSION, "", 0) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

/// `GET /staff`: the runs, and a form to create one.
pub(crate) async fn runs(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(staff) = staff(&state, &headers).await else {
        return see_other("/staff/sign-in");
    };
    let runs = match db(&state, |s| s.runs()).await {
        Ok(r) => r,
        Err(r) => return r,
    };
    let main = html! {
        (signed_in(&staff))
        h1 { "Cohort runs" }
        @if runs.is_empty() {
            p { "There is no run yet. Create one for the cohort you are running." }
        } @else {
            table {
                caption class="visually-hidden" { "Cohort runs" }
                thead { tr { th scope="col" { "Run" } th scope="col" { "Cohort" } th scope="col" { "Created" } } }
                tbody {
                    @for r in &runs {
                        tr {
                            td { a href=(format!("/staff/runs/{}", r.id)) { (r.name) } }
                            td { (r.cohort) @if r.custom_cohort { " (custom)" } }
                            td { (r.created_at) " by " (r.created_by) }
                        }
                    }
                }
            }
        }
        h2 { "Create a run" }
        form method="post" action="/staff/runs" novalidate {
            (staff.csrf())
            div class="field" {
                label for="name" { "Name" }
                input type="text" class="wide" id="name" name="name" autocomplete="off";
            }
            div class="field" {
                label for="cohort" { "Cohort" }
                select id="cohort" name="cohort" {
                    @for c in state.data.cohorts().into_iter().rev() {
                        option value=(c.number().get()) { (c.name()) }
                    }
                }
            }
            button class="button" type="submit" { "Create the run" }
        }
    };
    Page::new("Cohort runs", Section::Staff, main).into_response()
}

/// The create-run form.
#[derive(Debug, Deserialize)]
struct CreateRun {
    csrf: Option<String>,
    #[serde(default)]
    name: String,
    cohort: Option<u16>,
}

/// `POST /staff/runs`.
pub(crate) async fn create_run(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let f: CreateRun = match form(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let staff = match check_post(&state, &headers, f.csrf.as_deref()).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let name = f.name.trim().to_owned();
    let Some((cohort, document)) =
        f.cohort.and_then(|n| crate::routes::run_cohort(&state.data, n).ok())
    else {
        return super::bad_request_page("Choose one of the cohorts in the list.");
    };
    if name.is_empty() {
        return super::bad_request_page("Give the run a name. Go back and enter one.");
    }
    match db(&state, move |s| s.create_run(&name, cohort, document.as_ref(), &staff.name)).await {
        Ok(info) => see_other(&format!("/staff/runs/{}", info.id)),
        Err(r) => r,
    }
}

/// The cohort a run follows: its own document, else the cohort of that
/// number in `data`.
pub(super) fn cohort_of(
    data: &ProgrammeData,
    info: &RunInfo,
    doc: Option<&serde_json::Value>,
) -> Option<Cohort> {
    match doc {
        Some(v) => Cohort::from_json(&v.to_string()).ok(),
        None => crate::routes::cohort(data, info.cohort).ok().cloned(),
    }
}

/// The last decision of an applicant, read back.
fn last_decision(a: &ApplicantRecord) -> Option<Decision> {
    a.decisions.last().and_then(|d| serde_json::from_value(d.decision.clone()).ok())
}

/// The reasons of a decision worth showing: every criterion not passed,
/// else a line saying all passed.
fn reasons(d: &Decision) -> Markup {
    let open: Vec<_> = d.outcomes().iter().filter(|o| o.outcome != Outcome::Passed).collect();
    html! {
        @if open.is_empty() {
            "Every condition met."
        } @else {
            ul class="reasons" {
                @for o in open {
                    li {
                        @if o.outcome == Outcome::Failed { span class="outcome failed" { "Not met: " } }
                        @else { span class="outcome unknown" { "Cannot tell: " } }
                        (o.sentence)
                    }
                }
            }
        }
    }
}

/// An output's status, "overdue" when a draft's due month has passed.
pub(super) fn output_status(o: &crate::store::OutputRecord, today: chrono::NaiveDate) -> String {
    let past_due = o
        .due
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(&format!("{d}-01"), "%Y-%m-%d").ok())
        .and_then(|first| first.checked_add_months(chrono::Months::new(1)))
        .is_some_and(|after| today >= after);
    if past_due && (o.status == "draft" || o.status == "revision-requested") {
        format!("{} (overdue)", o.status)
    } else {
        o.status.clone()
    }
}

/// `GET /staff/runs/{run}`: the dashboard, the applications, the
/// undetermined queue, the export.
pub(crate) async fn run(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(run): Path<String>,
) -> Response {
    let Some(staff) = staff(&state, &headers).await else {
        return see_other("/staff/sign-in");
    };
    let Ok(run) = run.parse::<i64>() else {
        return super::not_found_page("There is no such run.");
    };
    let loaded = db(&state, move |s| {
        Ok((
            s.run(run)?,
            s.cohort_document(run)?,
            s.applicants(run)?,
            s.matchings(run)?,
            s.pairs(run)?,
        ))
    })
    .await;
    let (info, doc, applicants, matchings, pairs) = match loaded {
        Ok(v) => v,
        Err(r) => return r,
    };
    let cohort = cohort_of(&state.data, &info, doc.as_ref());
    let roles: Vec<Role> = Role::ALL
        .into_iter()
        .filter(|r| crate::routes::eligibility::rule_set(info.cohort, *r, None).is_ok())
        .collect();
    let now = twinning_cohort::to_brussels(chrono::Utc::now().fixed_offset());
    let count = |v: Option<&str>| applicants.iter().filter(|a| a.verdict.as_deref() == v).count();
    let undetermined: Vec<&ApplicantRecord> =
        applicants.iter().filter(|a| a.verdict.as_deref() == Some("undetermined")).collect();
    let main = html! {
        (signed_in(&staff))
        a class="back-link" href="/staff" { "All runs" }
        h1 { (info.name) }
        p class="lead" { @if let Some(c) = &cohort { (c.name()) } @else { "Cohort " (info.cohort) } }
        h2 { "At a glance" }
        dl class="summary two" {
            div { dt { "Applicants" } dd { (applicants.len()) } }
            div { dt { "Eligible" } dd { (count(Some("eligible"))) } }
            div { dt { "Ineligible" } dd { (count(Some("ineligible"))) } }
            div { dt { "Undetermined" } dd { (count(Some("undetermined"))) } }
            div { dt { "Not decided yet" } dd { (count(None)) } }
            div { dt { "Matchings run" } dd { (matchings.len()) } }
            div { dt { "Confirmed pairs" } dd { (pairs.len()) } }
        }
        @if let Some(c) = &cohort {
            h2 { "What is due" }
            @let next = c.next_milestones(now, 5);
            @if next.is_empty() { p { "No dated milestone lies ahead." } }
            @else {
                ul { @for m in next { li { (super::cohorts::when(&m.when)) ": " (m.title) } } }
            }
        }
        h2 { "Upload a registration survey" }
        (super::staff_survey::upload_form(&staff, run, &roles))
        h2 { "Add applicants" }
        form method="post" action=(format!("/staff/runs/{run}/applicants")) novalidate {
            (staff.csrf())
            div class="field" {
                label for="applicants" { "Applicant documents (JSON, one list)" }
                p class="hint" id="applicants-hint" { "A JSON list of applicant documents, as twinning eligibility reads them, for example [{\"name\": \"Braga\", \"country\": \"PT\"}]." }
                textarea id="applicants" name="applicants" rows="6" class="wide" aria-describedby="applicants-hint" {}
            }
            div class="field" {
                label for="role" { "Role they apply for" }
                select id="role" name="role" {
                    @for r in &roles {
                        option value=(r.key()) { (r.label()) " City" }
                    }
                }
            }
            button class="button" type="submit" { "Add the applicants" }
        }
        h2 { "Applications" }
        form method="post" action=(format!("/staff/runs/{run}/decide")) {
            (staff.csrf())
            button class="button" type="submit" { "Decide every application now" }
        }
        @if applicants.is_empty() {
            p { "No applicant yet." }
        } @else {
            table class="applications" {
                caption class="visually-hidden" { "Applications with their verdicts and reasons" }
                thead { tr { th scope="col" { "City" } th scope="col" { "Role" } th scope="col" { "Verdict" } th scope="col" { "Reasons" } } }
                tbody {
                    @for a in &applicants {
                        tr {
                            td { (a.name) }
                            td { (a.role) }
                            td { @match a.verdict.as_deref() { Some(v) => (v), None => "not decided" }
                                 @if let Some(o) = a.overrides.last() { br; span class="hint" { "overridden by " (o.actor) ": " (o.reason) } } }
                            td { @if let Some(d) = last_decision(a) { (reasons(&d)) } }
                        }
                    }
                }
            }
        }
        h2 { "Undetermined applications" }
        @if undetermined.is_empty() {
            p { "None waiting." }
        }
        @for (i, a) in undetermined.iter().enumerate() {
            section class="queue-item" aria-labelledby=(format!("queue-{i}")) {
                h3 id=(format!("queue-{i}")) { (a.name) }
                @if let Some(d) = last_decision(a) { (reasons(&d)) }
                form method="post" action=(format!("/staff/runs/{run}/override")) novalidate {
                    (staff.csrf())
                    input type="hidden" name="applicant" value=(a.name);
                    fieldset {
                        legend { "Decide " (a.name) " yourself" }
                        div class="radios" {
                            @for (j, v) in [Verdict::Eligible, Verdict::Ineligible].into_iter().enumerate() {
                                div class="radio" {
                                    input type="radio" id=(format!("verdict-{i}-{j}")) name="verdict" value=(v.key());
                                    label for=(format!("verdict-{i}-{j}")) { (v.key()) }
                                }
                            }
                        }
                    }
                    div class="field" {
                        label for=(format!("reason-{i}")) { "Reason (kept in the audit log)" }
                        textarea id=(format!("reason-{i}")) name="reason" rows="3" class="wide" {}
                    }
                    button class="button" type="submit" { "Override with this reason" }
                }
            }
        }
        h2 { "Matching" }
        @if !matchings.is_empty() {
            ul {
                @for m in &matchings {
                    li {
                        a href=(format!("/staff/runs/{run}/matchings/{}", m.id)) { "Matching " (m.id) }
                        ": " (m.run.mechanism) ", " (m.run.outcome) ", " (m.created_at)
                    }
                }
            }
        }
        (super::staff_matching::match_form(&staff, run))
        h2 id="pairs" { "Pairs and their outputs" }
        @if pairs.is_empty() {
            p { "No pair confirmed yet." }
        } @else {
            table {
                caption class="visually-hidden" { "Each confirmed pair's outputs: due, submitted, overdue" }
                thead { tr { th scope="col" { "Pair" } th scope="col" { "Output" } th scope="col" { "Due" } th scope="col" { "Status" } } }
                tbody {
                    @for p in &pairs {
                        @let (seeker, host) = p.names(state.data.catalogue());
                        @for o in &p.outputs {
                            tr {
                                td { (seeker) " with " (host) }
                                td { a href=(format!("/staff/runs/{run}/pairs/{}/outputs/{}", p.id, o.kind)) { (o.title) } }
                                td { (o.due.clone().unwrap_or_else(|| "not known".to_owned())) }
                                td { (output_status(o, now.date_naive())) }
                            }
                        }
                    }
                }
            }
        }
        @if !pairs.is_empty() {
            h3 { "Private links for the pairs" }
            p { "Each pair's city officers see their calendar and what is due on a page of their own. Make a link and send it to them." }
            ul class="cards" {
                @for p in &pairs {
                    @let (seeker, host) = p.names(state.data.catalogue());
                    li {
                        form method="post" action=(format!("/staff/runs/{run}/pairs/{}/link", p.id)) {
                            (staff.csrf())
                            (seeker) " with " (host) " "
                            button class="button secondary small" type="submit" {
                                "Make a private link" span class="visually-hidden" { " for " (seeker) " with " (host) }
                            }
                        }
                    }
                }
            }
        }
        h2 { "Export" }
        ul {
            li { a href=(format!("/staff/runs/{run}/export.json")) download { "The whole run as one JSON bundle" } }
            li { a href=(format!("/staff/runs/{run}/tables/applications.csv")) download { "The applications table (CSV)" } }
            li { a href=(format!("/staff/runs/{run}/tables/applications.xlsx")) download { "The applications table (Excel, .xlsx)" } }
            li { a href=(format!("/v1/cohorts/{}/calendar.ics", info.cohort)) { "The cohort's calendar (.ics)" } }
        }
        p class="meta" { "Shown on " (brussels(now)) "." }
    };
    Page::new(info.name.clone(), Section::Staff, main).into_response()
}

/// The add-applicants form.
#[derive(Debug, Deserialize)]
struct AddForm {
    csrf: Option<String>,
    #[serde(default)]
    applicants: String,
    #[serde(default)]
    role: String,
}

/// `POST /staff/runs/{run}/applicants`.
pub(crate) async fn add_applicants(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(run): Path<i64>,
    body: Bytes,
) -> Response {
    let f: AddForm = match form(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let staff = match check_post(&state, &headers, f.csrf.as_deref()).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Ok(role) = f.role.parse::<Role>() else {
        return super::bad_request_page("Choose the role the applicants apply for.");
    };
    let list: Vec<Applicant> = match serde_json::from_str(&f.applicants) {
        Ok(l) => l,
        Err(e) => {
            return super::bad_request_page(&format!(
                "The applicant documents could not be read: {e}. Go back and correct them."
            ));
        }
    };
    if list.len() > crate::routes::runs::MAX_UPLOAD {
        return super::bad_request_page("Too many applicants at once: add at most 5,000.");
    }
    let mut rows = Vec::with_capacity(list.len());
    for a in &list {
        let Ok(document) = serde_json::to_value(a) else {
            return super::bad_request_page("An applicant document could not be stored.");
        };
        rows.push(crate::store::ApplicantIn {
            name: a.name().to_owned(),
            role: role.key().to_owned(),
            document,
        });
    }
    match db(&state, move |s| s.add_applicants(run, &rows, &staff.name)).await {
        Ok(_) => see_other(&format!("/staff/runs/{run}")),
        Err(r) => r,
    }
}

/// `POST /staff/runs/{run}/decide`: every applicant decided now under the
/// cohort's built-in rules, as `POST /v1/runs/{run}/decisions` does.
pub(crate) async fn decide(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(run): Path<i64>,
    body: Bytes,
) -> Response {
    let f: Plain = match form(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let staff = match check_post(&state, &headers, f.csrf.as_deref()).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let loaded = db(&state, move |s| Ok((s.run(run)?, s.applicant_documents(run)?))).await;
    let (info, docs) = match loaded {
        Ok(v) => v,
        Err(r) => return r,
    };
    let now = twinning_cohort::to_brussels(chrono::Utc::now().fixed_offset());
    let registry = state.data.registry();
    let mut decisions = Vec::with_capacity(docs.len());
    for (name, role, doc) in docs {
        let (Ok(role), Ok(applicant)) =
            (role.parse::<Role>(), serde_json::from_value::<Applicant>(doc))
        else {
            return super::error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "There is a problem",
                "A stored applicant could not be read.",
            );
        };
        let rules = match crate::routes::eligibility::rule_set(info.cohort, role, None) {
            Ok(r) => r,
            Err(p) => {
                return super::error_page(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "There is a problem",
                    &p.detail,
                );
            }
        };
        let decision = rules.evaluate(&applicant, now, registry);
        let Ok(document) = serde_json::to_value(&decision) else {
            return super::error_page(
                StatusCode::INTERNAL_SERVER_ERROR,
                "There is a problem",
                "A decision could not be stored.",
            );
        };
        decisions.push(DecisionIn {
            applicant: name,
            rule_set: rules.title().to_owned(),
            rule_set_version: crate::routes::eligibility::rule_set_version(&rules),
            verdict: decision.verdict().key().to_owned(),
            decision: document,
        });
    }
    match db(&state, move |s| s.record_decisions(run, &decisions, &staff.name)).await {
        Ok(()) => see_other(&format!("/staff/runs/{run}")),
        Err(r) => r,
    }
}

/// The override form.
#[derive(Debug, Deserialize)]
struct OverrideForm {
    csrf: Option<String>,
    #[serde(default)]
    applicant: String,
    verdict: Option<String>,
    #[serde(default)]
    reason: String,
}

/// `POST /staff/runs/{run}/override`: a verdict set by staff, with the
/// reason required and kept in the audit log.
pub(crate) async fn override_verdict(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(run): Path<i64>,
    body: Bytes,
) -> Response {
    let f: OverrideForm = match form(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let staff = match check_post(&state, &headers, f.csrf.as_deref()).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let mut problems = Vec::new();
    let verdict = f.verdict.as_deref().and_then(Verdict::from_key);
    if verdict.is_none() {
        problems.push("Choose the verdict: eligible or ineligible.");
    }
    let reason = f.reason.trim().to_owned();
    if reason.is_empty() {
        problems.push("Give the reason for the override: it is kept in the audit log.");
    }
    let Some(verdict) = verdict.filter(|_| problems.is_empty()) else {
        let main = html! {
            div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" {
                h2 id="error-summary-title" { "There is a problem" }
                ul { @for p in &problems { li { (p) } } }
            }
            h1 { "The override was not made" }
            p { a href=(format!("/staff/runs/{run}")) { "Go back to the run" } " and fill in every field for " (f.applicant) "." }
        };
        return Page::new("Error: The override was not made", Section::Staff, main)
            .status(StatusCode::BAD_REQUEST)
            .into_response();
    };
    let name = f.applicant;
    match db(&state, move |s| s.override_verdict(run, &name, verdict.key(), &reason, &staff.name))
        .await
    {
        Ok(_) => see_other(&format!("/staff/runs/{run}")),
        Err(r) => r,
    }
}

/// `GET /staff/runs/{run}/export.json`: the run's bundle, as the API's
/// export gives it, to download.
pub(crate) async fn export(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(run): Path<i64>,
) -> Response {
    if staff(&state, &headers).await.is_none() {
        return see_other("/staff/sign-in");
    }
    match db(&state, move |s| s.export(run)).await {
        Ok(bundle) => {
            let body = serde_json::to_string_pretty(&bundle).unwrap_or_default();
            (
                [
                    (header::CONTENT_TYPE, "application/json".to_owned()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"run-{run}.json\""),
                    ),
                ],
                body,
            )
                .into_response()
        }
        Err(r) => r,
    }
}

/// The applications table's header row.
const APPLICATION_COLUMNS: [&str; 6] =
    ["name", "role", "verdict", "overridden_by", "override_reason", "reasons"];

/// `GET /staff/runs/{run}/applications.{csv,xlsx}`: the applications table
/// with each verdict, the last override and the reasons of every
/// criterion not met, written by `twinning_core::write_csv` or
/// `write_xlsx` (cells never read as formulas).
pub(crate) async fn applications_table(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((run, file)): Path<(i64, String)>,
) -> Response {
    if staff(&state, &headers).await.is_none() {
        return see_other("/staff/sign-in");
    }
    let applicants = match db(&state, move |s| s.applicants(run)).await {
        Ok(a) => a,
        Err(r) => return r,
    };
    let head: Vec<String> = APPLICATION_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    let rows: Vec<Vec<String>> = applicants
        .iter()
        .map(|a| {
            let reasons = last_decision(a)
                .map(|d| {
                    d.outcomes()
                        .iter()
                        .filter(|o| o.outcome != Outcome::Passed)
                        .map(|o| o.sentence.clone())
                        .collect::<Vec<_>>()
                        .join(" | ")
                })
                .unwrap_or_default();
            let last = a.overrides.last();
            vec![
                a.name.clone(),
                a.role.clone(),
                a.verdict.clone().unwrap_or_default(),
                last.map(|o| o.actor.clone()).unwrap_or_default(),
                last.map(|o| o.reason.clone()).unwrap_or_default(),
                reasons,
            ]
        })
        .collect();
    let attachment = |media: &str, body: Vec<u8>, ext: &str| {
        (
            [
                (header::CONTENT_TYPE, media.to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"run-{run}-applications.{ext}\""),
                ),
            ],
            body,
        )
            .into_response()
    };
    match file.as_str() {
        "applications.csv" => match twinning_core::write_csv(&head, &rows) {
            Ok(text) => attachment("text/csv; charset=utf-8", text.into_bytes(), "csv"),
            Err(e) => super::bad_request_page(&e.to_string()),
        },
        "applications.xlsx" => {
            let sheet =
                twinning_core::SheetOut { name: "applications", headers: &head, rows: &rows };
            match twinning_core::write_xlsx(&[sheet]) {
                Ok(bytes) => attachment(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    bytes,
                    "xlsx",
                ),
                Err(e) => super::bad_request_page(&e.to_string()),
            }
        }
        _ => super::not_found_page("There is no such export."),
    }
}
