//! The forms a pair fills in for each output it owes, on its private page:
//! `/pair/{token}/outputs/{kind}` for every [`OutputKind`]. What the forms
//! share lives here — opening the pair from its link, the cohort's
//! context, the CSRF token, the draft / submit lifecycle, the error summary
//! with a link to each field, and the mapping of every problem and missing
//! item `Document::check` reports to a field — and each kind's fields live
//! in a part of its own (`pair_output/*.rs`), as an [`OutputForm`].
//!
//! A form's values are kept as typed (a [`Values`] map from field name to
//! text), so a form sent back with problems shows what was typed. Saving a
//! draft stores it and keeps the status once every field can be read (the
//! form's own problems come back first, and nothing is stored); submitting
//! checks everything first and moves to submitted only when nothing is
//! wrong or missing, as `Status::can_become` allows.

mod action_plan;
mod info_session;
mod roadmap;
mod stakeholder;
mod transferability;

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use maud::{Markup, html};
use rust_decimal::Decimal;
use twinning_cohort::OutputKind;
use twinning_core::{CityId, OutputId, Slug, Uuid};
use twinning_outputs::{
    CityRef, Document, OutputBody, OutputContext, PathStep, ProblemKind, Report, Severity, Status,
    path_steps,
};

use super::layout::{Page, Section};
use super::staff::{db, see_other};
use crate::app::AppState;
use crate::store::{OutputRecord, PairRecord, RunInfo};

/// A form's values as typed, by field name (`title0`, `score3`), and,
/// when the form comes back with problems, the first problem of each
/// field, shown beside it. A ticked checkbox holds `yes`; a field that was
/// not sent is empty.
#[derive(Debug, Clone, Default)]
pub(super) struct Values {
    typed: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
}

impl Values {
    /// The value of `name`, trimmed; empty when absent.
    pub(super) fn get(&self, name: &str) -> &str {
        self.typed.get(name).map_or("", |v| v.trim())
    }

    /// Sets `name` to `value`.
    pub(super) fn set(&mut self, name: impl Into<String>, value: impl Into<String>) {
        self.typed.insert(name.into(), value.into());
    }

    /// The first problem found with field `name`, if any.
    fn error(&self, name: &str) -> Option<&str> {
        self.errors.get(name).map(String::as_str)
    }

    /// The same values with the first problem of each field of `found`.
    fn with_errors(&self, found: &Found) -> Values {
        let mut shown = self.clone();
        for (field, sentence) in &found.0 {
            shown.errors.entry(field.clone()).or_insert_with(|| sentence.clone());
        }
        shown
    }

    /// Whether the checkbox `name` is ticked.
    pub(super) fn ticked(&self, name: &str) -> bool {
        self.get(name) == "yes"
    }

    /// Whether every one of `names` is empty (or unticked).
    pub(super) fn blank(&self, names: &[String]) -> bool {
        names.iter().all(|n| self.get(n).is_empty())
    }

    /// The values of a posted form, without its CSRF token and intent.
    fn posted(fields: Vec<(String, String)>) -> Values {
        let typed = fields.into_iter().filter(|(k, _)| k != "csrf" && k != "intent").collect();
        Values { typed, errors: BTreeMap::new() }
    }
}

/// The problems a form shows at the top, each as (the id of the field it
/// links to, a sentence), in the order they were found.
#[derive(Debug, Clone, Default)]
pub(super) struct Found(Vec<(String, String)>);

impl Found {
    /// Adds a problem with field `field`.
    pub(super) fn add(&mut self, field: impl Into<String>, sentence: impl Into<String>) {
        self.0.push((field.into(), sentence.into()));
    }
}

/// Where a problem's path points in a form: the field to link to and the
/// words that name the place ("stakeholder 2").
#[derive(Debug, Clone)]
pub(super) struct Place {
    /// The field's id.
    pub(super) field: String,
    /// Its place, in words.
    pub(super) words: String,
}

impl Place {
    /// The field `field`, named by `words`.
    pub(super) fn new(field: impl Into<String>, words: impl Into<String>) -> Place {
        Place { field: field.into(), words: words.into() }
    }
}

/// One kind of output as a form: its fields, how a stored document fills
/// them, how typed values make a document body, and where each field path
/// of `Document::check` lands.
pub(super) trait OutputForm {
    /// The kind of output.
    const KIND: OutputKind;
    /// Its name in a sentence ("the action plan").
    const NOUN: &'static str;
    /// What to write, in a paragraph or two above the fields.
    fn intro() -> Markup;
    /// The values a document body shows (a stored draft, or a starter).
    fn values(body: &OutputBody) -> Values;
    /// The body the values make, with the form's own problems (a date
    /// that is not a date) added to `found`.
    fn body(values: &Values, found: &mut Found) -> OutputBody;
    /// Where a field path of `Document::check` points (`path_steps` of it;
    /// an envelope path gives the steps `title` or `city`), for the values
    /// that made the document (a list leaves blank rows out, so entry `k`
    /// is the `k`-th row filled in: see [`row_of`]).
    fn place(steps: &[PathStep<'_>], values: &Values) -> Place;
    /// The fields, filled with `values`.
    fn fields(values: &Values) -> Markup;
    /// What the library makes of a body, shown above the form (the
    /// transferability verdict); nothing by default.
    fn summary(_body: &OutputBody) -> Option<Markup> {
        None
    }
}

/// The pair a link opens, with its run.
async fn open(state: &AppState, token: String) -> Result<(RunInfo, PairRecord), Response> {
    match db(state, move |s| s.pair_by_link(&token)).await {
        Ok(Some(found)) => Ok(found),
        _ => Err(super::error_page(
            StatusCode::NOT_FOUND,
            "This link does not open a pair",
            "Check that you copied the whole link. If it still does not work, ask programme staff for a new one.",
        )),
    }
}

/// The context the cohort gives an output of `kind`.
async fn context(
    state: &AppState,
    info: &RunInfo,
    kind: OutputKind,
) -> Result<OutputContext, Response> {
    let run = info.id;
    let doc = db(state, move |s| s.cohort_document(run)).await?;
    super::staff::cohort_of(&state.data, info, doc.as_ref())
        .map(|c| OutputContext::for_output(&c, kind))
        .ok_or_else(|| super::bad_request_page("The run's cohort cannot be read."))
}

/// The output of `kind` the pair owes, or the page saying it owes none.
fn owed(pair: &PairRecord, kind: OutputKind) -> Result<&OutputRecord, Response> {
    pair.outputs.iter().find(|o| o.kind == kind.key()).ok_or_else(|| {
        super::not_found_page(&format!(
            "Your cohort does not ask this pair for the {}.",
            kind.title().to_lowercase()
        ))
    })
}

/// The body of a stored draft of `kind`, or a starter.
fn stored_body(output: &OutputRecord, kind: OutputKind) -> OutputBody {
    output
        .document
        .as_ref()
        .and_then(|v| serde_json::from_value::<Document>(v.clone()).ok())
        .map(|d| d.body)
        .filter(|b| b.kind() == kind)
        .unwrap_or_else(|| OutputBody::starter(kind))
}

/// The form page, with every problem listed.
fn page<F: OutputForm>(
    state: &AppState,
    token: &str,
    pair: &PairRecord,
    output: &OutputRecord,
    values: &Values,
    found: &Found,
    saved: Option<&OutputBody>,
) -> Response {
    let csrf = state.signer.csrf_token("pair", token);
    let key = F::KIND.key();
    let (seeker, host) = pair.names(state.data.catalogue());
    let main = html! {
        a class="back-link" href=(format!("/pair/{token}")) { "Back to your pair's page" }
        @if !found.0.is_empty() {
            div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" {
                h2 id="error-summary-title" { "There is a problem" }
                ul { @for (field, p) in &found.0 { li { a href=(format!("#{field}")) { (p) } } } }
            }
        }
        @if let Some(body) = saved {
            div class="panel open" role="status" {
                p { "Your draft is saved. You can come back to it with the same link." }
                @if let Some(summary) = F::summary(body) { (summary) }
            }
        }
        h1 { (output.title) " of " (seeker) " and " (host) }
        (F::intro())
        form method="post" action=(format!("/pair/{token}/outputs/{key}")) novalidate {
            input type="hidden" name="csrf" value=(csrf);
            (F::fields(&values.with_errors(found)))
            button class="button secondary" type="submit" name="intent" value="save" { "Save as a draft" }
            button class="button" type="submit" name="intent" value="submit" { "Submit " (F::NOUN) }
        }
    };
    let title =
        if found.0.is_empty() { output.title.clone() } else { format!("Error: {}", output.title) };
    Page::new(title, Section::None, main)
        .status(if found.0.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST })
        .into_response()
}

/// `GET /pair/{token}/outputs/{kind}`: the form of `kind`, with the draft.
pub(crate) async fn show(
    State(state): State<AppState>,
    Path((token, kind)): Path<(String, String)>,
) -> Response {
    match OutputKind::from_key(&kind) {
        Some(OutputKind::ActionPlan) => show_form::<action_plan::Form>(state, token).await,
        Some(OutputKind::LearningRoadmap) => show_form::<roadmap::Form>(state, token).await,
        Some(OutputKind::StakeholderEngagementPlan) => {
            show_form::<stakeholder::Form>(state, token).await
        }
        Some(OutputKind::TransferabilityAssessment) => {
            show_form::<transferability::Form>(state, token).await
        }
        Some(OutputKind::InfoSession) => show_form::<info_session::Form>(state, token).await,
        None => super::not_found_page("There is no such output. Go back to your pair's page."),
    }
}

/// `POST /pair/{token}/outputs/{kind}`: save the draft, or submit when
/// nothing is wrong or missing; otherwise every problem at once.
pub(crate) async fn post(
    State(state): State<AppState>,
    Path((token, kind)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    match OutputKind::from_key(&kind) {
        Some(OutputKind::ActionPlan) => post_form::<action_plan::Form>(state, token, body).await,
        Some(OutputKind::LearningRoadmap) => post_form::<roadmap::Form>(state, token, body).await,
        Some(OutputKind::StakeholderEngagementPlan) => {
            post_form::<stakeholder::Form>(state, token, body).await
        }
        Some(OutputKind::TransferabilityAssessment) => {
            post_form::<transferability::Form>(state, token, body).await
        }
        Some(OutputKind::InfoSession) => post_form::<info_session::Form>(state, token, body).await,
        None => super::not_found_page("There is no such output. Go back to your pair's page."),
    }
}

async fn show_form<F: OutputForm>(state: AppState, token: String) -> Response {
    let (_, pair) = match open(&state, token.clone()).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let output = match owed(&pair, F::KIND) {
        Ok(o) => o,
        Err(r) => return r,
    };
    let values = F::values(&stored_body(output, F::KIND));
    page::<F>(&state, &token, &pair, output, &values, &Found::default(), None)
}

async fn post_form<F: OutputForm>(state: AppState, token: String, body: Bytes) -> Response {
    let fields: Vec<(String, String)> = match super::staff::form(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let csrf =
        fields.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.as_str()).unwrap_or_default();
    if !state.signer.csrf_ok("pair", &token, csrf) {
        return super::error_page(
            StatusCode::FORBIDDEN,
            "This form cannot be accepted",
            "The form did not come from this site's page, or that page is out of date. Go back, reload the page and send it again.",
        );
    }
    let submit = fields.iter().any(|(k, v)| k == "intent" && v == "submit");
    let values = Values::posted(fields);
    let (info, pair) = match open(&state, token.clone()).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let output = match owed(&pair, F::KIND) {
        Ok(o) => o.clone(),
        Err(r) => return r,
    };
    let ctx = match context(&state, &info, F::KIND).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let mut found = Found::default();
    let name = pair.names(state.data.catalogue()).0;
    let doc = document(F::KIND, F::body(&values, &mut found), &pair, &name, &ctx);
    if submit {
        report::<F>(&doc.check(&ctx), &values, &mut found);
    }
    if !found.0.is_empty() {
        return page::<F>(&state, &token, &pair, &output, &values, &found, None);
    }
    let Ok(value) = serde_json::to_value(&doc) else {
        return super::bad_request_page("The document could not be stored.");
    };
    let (run, id) = (info.id, pair.id);
    let who = format!("pair {id} ({})", pair.seeker);
    let stored = db(&state, move |s| {
        s.update_output(
            run,
            id,
            F::KIND.key(),
            Some(&value),
            |from| next_status(from, submit),
            &who,
        )
    })
    .await;
    match stored {
        Ok(_) if submit => see_other(&format!("/pair/{token}")),
        Ok(_) => page::<F>(&state, &token, &pair, &output, &values, &found, Some(&doc.body)),
        Err(r) => r,
    }
}

/// The status a save (or a submission) moves an output in status `from`
/// to, as the lifecycle allows.
fn next_status(from: &str, submit: bool) -> Result<&'static str, String> {
    let from_status = Status::from_key(from);
    if submit {
        match from_status {
            Some(f) if f.can_become(Status::Submitted) => Ok(Status::Submitted.key()),
            _ => Err(format!("an output in status {from} cannot be submitted")),
        }
    } else {
        match from_status {
            Some(Status::Draft) => Ok(Status::Draft.key()),
            Some(Status::RevisionRequested) => Ok(Status::RevisionRequested.key()),
            _ => Err(format!("an output in status {from} is no longer a draft")),
        }
    }
}

/// The document a body makes for the pair: a starter of `kind` (owned by
/// the seeker, titled and due as the cohort says) around it.
fn document(
    kind: OutputKind,
    body: OutputBody,
    pair: &PairRecord,
    seeker_name: &str,
    ctx: &OutputContext,
) -> Document {
    let pair_number = u128::try_from(pair.id).unwrap_or_default();
    let city_id = pair.seeker.parse::<Slug>().map_or_else(
        |_| CityId::from_uuid(Uuid::from_u128(pair_number)),
        |s| CityId::from_slug(&s),
    );
    // One id per output of the pair: the pair's number, then the kind's.
    let kind_number =
        OutputKind::ALL.iter().position(|k| *k == kind).map_or(0, |i| i.saturating_add(1));
    let id = OutputId::from_uuid(Uuid::from_u128(
        pair_number.saturating_mul(256).saturating_add(u128::try_from(kind_number).unwrap_or(0)),
    ));
    let now = twinning_cohort::to_brussels(chrono::Utc::now().fixed_offset());
    let mut doc = Document::starter(kind, id, CityRef::new(city_id, seeker_name), ctx, now);
    doc.body = body;
    doc
}

/// Every error and missing item of a report, as a sentence linked to the
/// field its path points at.
fn report<F: OutputForm>(report: &Report, values: &Values, found: &mut Found) {
    for p in report.problems.iter().filter(|p| p.severity == Severity::Error) {
        let place = F::place(&path_steps(&p.path), values);
        // A value worth repeating: not an id, and not already in the words.
        let quiet = matches!(
            p.kind,
            ProblemKind::UnknownReference { .. }
                | ProblemKind::DuplicateId { .. }
                | ProblemKind::HiddenCharacter { .. }
                | ProblemKind::MissingDimension
                | ProblemKind::DuplicateDimension
        ) || p.value.is_empty();
        let sentence = if quiet {
            format!("{}: {}.", capital(&place.words), p.kind)
        } else {
            format!("{}: {} ({}).", capital(&place.words), p.kind, p.value)
        };
        found.add(place.field, sentence);
    }
    for m in &report.missing {
        let place = F::place(&path_steps(&m.path), values);
        found.add(place.field, format!("Still missing: {} ({}).", m.what, place.words));
    }
}

/// The row that entry `k` of a list came from, when blank rows are left
/// out: the `k`-th row (from 0) for which `filled` holds, or `k` itself
/// when there are fewer.
pub(super) fn row_of(k: usize, filled: impl Fn(usize) -> bool) -> usize {
    (0..ROW_LIMIT).filter(|i| filled(*i)).nth(k).unwrap_or(k)
}

/// How many rows a list of a form shows: `fixed`, or more when the values
/// fill more (a stored document with a longer list, shown in full so that
/// saving it again loses nothing), up to [`ROW_LIMIT`].
pub(super) fn row_count(fixed: usize, filled: impl Fn(usize) -> bool) -> usize {
    (fixed..ROW_LIMIT).rev().find(|i| filled(*i)).map_or(fixed, |last| last.saturating_add(1))
}

/// The most rows a list of a form is read from.
pub(super) const ROW_LIMIT: usize = 50;

/// `text` with its first letter in capitals.
fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

// ---- Reading values --------------------------------------------------

/// The day typed in `name`; `None` when it is blank, or wrong with a
/// problem: "`place`: enter `what` as year-month-day".
pub(super) fn day(
    values: &Values,
    name: &str,
    (place, what): (&str, &str),
    found: &mut Found,
) -> Option<NaiveDate> {
    if values.get(name).is_empty() { None } else { need_day(values, name, (place, what), found) }
}

/// [`day`], with a blank field a problem too.
pub(super) fn need_day(
    values: &Values,
    name: &str,
    (place, what): (&str, &str),
    found: &mut Found,
) -> Option<NaiveDate> {
    // YYYY-MM-DD exactly, as a date field sends it: chrono's `%Y` would also
    // take a sign and a fifth digit (`+12026-10-01`).
    let typed = values.get(name).trim();
    let plain = typed.len() == 10
        && typed
            .bytes()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    let d = NaiveDate::parse_from_str(typed, "%Y-%m-%d").ok().filter(|_| plain);
    if d.is_none() {
        found.add(name, format!("{place}: enter {what} as year-month-day, such as 2026-10-01."));
    }
    d
}

/// The number typed in `name` (spaces between digits allowed); `None`
/// when it is blank, or wrong with a problem: "`place`: enter `what` as a
/// number".
pub(super) fn number(
    values: &Values,
    name: &str,
    (place, what): (&str, &str),
    found: &mut Found,
) -> Option<Decimal> {
    if values.get(name).is_empty() { None } else { need_number(values, name, (place, what), found) }
}

/// [`number`], with a blank field a problem too.
pub(super) fn need_number(
    values: &Values,
    name: &str,
    (place, what): (&str, &str),
    found: &mut Found,
) -> Option<Decimal> {
    read_number(values, name, (place, what), found, twinning_outputs::parse_quantity, "40")
}

/// A euro amount typed in `name`, a blank field a problem too: digits and
/// a point before the cents; what a European and an English reader would
/// read differently ("1.500") is a problem, never a guess.
pub(super) fn need_eur(
    values: &Values,
    name: &str,
    (place, what): (&str, &str),
    found: &mut Found,
) -> Option<Decimal> {
    read_number(values, name, (place, what), found, twinning_outputs::parse_eur, "12000.50")
}

/// The number in `name` read by `parse` (the outputs crate's readers),
/// spaces between digits allowed; else a problem naming `place` and `what`,
/// with the reader's reason when the field is not blank.
fn read_number(
    values: &Values,
    name: &str,
    (place, what): (&str, &str),
    found: &mut Found,
    parse: fn(&str) -> Result<Decimal, String>,
    example: &str,
) -> Option<Decimal> {
    let typed = values.get(name).replace(' ', "");
    match parse(&typed) {
        Ok(d) => Some(d),
        // Blank, or no number at all: say what to enter.
        Err(why) if typed.is_empty() || why.contains("is not a number") => {
            found.add(name, format!("{place}: enter {what} as a number, such as {example}."));
            None
        }
        // A number a reader could take two ways: the reader's own reason.
        Err(why) => {
            found.add(name, format!("{place}: {what}: {why}."));
            None
        }
    }
}

/// The id a name gives (the UUIDv5 of its slug, as for built-in
/// records), or, for a name with no letter or digit, the id of number `n`.
pub(super) fn id_of<T>(
    name: &str,
    n: usize,
    from_slug: fn(&Slug) -> T,
    from_uuid: fn(Uuid) -> T,
) -> T {
    Slug::from_name(name).map_or_else(
        |_| from_uuid(Uuid::from_u128(u128::try_from(n).unwrap_or_default())),
        |s| from_slug(&s),
    )
}

/// The lines of a text area, trimmed, blank ones left out.
pub(super) fn lines(values: &Values, name: &str) -> Vec<String> {
    values.get(name).lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect()
}

/// An enum value's form value: its JSON key (`manage-closely`).
pub(super) fn key<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The enum value a form value names, if it names one.
pub(super) fn choice<T: serde::de::DeserializeOwned>(values: &Values, name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(values.get(name).to_owned())).ok()
}

// ---- Drawing fields --------------------------------------------------

/// The message of field `name`'s problem, if it has one, and the
/// `aria-describedby` its input then carries (after `hint`, if any).
fn problem(v: &Values, name: &str, hint: Option<&str>) -> (Markup, Option<String>) {
    let id = format!("{name}-error");
    let message = html! {
        @if let Some(m) = v.error(name) {
            p class="error-message" id=(id) { span class="visually-hidden" { "Error: " } (m) }
        }
    };
    let described = match (hint, v.error(name)) {
        (Some(h), Some(_)) => Some(format!("{h} {id}")),
        (Some(h), None) => Some(h.to_owned()),
        (None, Some(_)) => Some(id),
        (None, None) => None,
    };
    (message, described)
}

/// A text field on a line of its own.
pub(super) fn text(values: &Values, name: &str, label: &str) -> Markup {
    let (message, described) = problem(values, name, None);
    let wrong = values.error(name).map(|_| "true");
    html! {
        div class=(if wrong.is_some() { "field error" } else { "field" }) {
            label for=(name) { (label) }
            (message)
            input type="text" class="wide" id=(name) name=(name) value=(values.get(name)) aria-describedby=[described] aria-invalid=[wrong];
        }
    }
}

/// A short text field, for a row of fields side by side (`.date-input`).
pub(super) fn short(values: &Values, name: &str, label: &str, decimal: bool) -> Markup {
    let (message, described) = problem(values, name, None);
    let wrong = values.error(name).map(|_| "true");
    html! {
        div {
            label for=(name) { (label) }
            (message)
            input type="text" inputmode=[decimal.then_some("decimal")] class=[decimal.then_some("narrow")] id=(name) name=(name) value=(values.get(name)) autocomplete="off" aria-describedby=[described] aria-invalid=[wrong];
        }
    }
}

/// A day, for a row of fields side by side: the browser's date picker
/// where it has one, and a text field reading year-month-day elsewhere.
pub(super) fn date(values: &Values, name: &str, label: &str) -> Markup {
    let (message, described) = problem(values, name, None);
    let wrong = values.error(name).map(|_| "true");
    html! {
        div {
            label for=(name) { (label) }
            (message)
            input type="date" id=(name) name=(name) value=(values.get(name)) autocomplete="off" aria-describedby=[described] aria-invalid=[wrong];
        }
    }
}

/// A list to choose one value from, for a row of fields side by side:
/// `options` as (form value, label), `default` chosen when nothing is.
pub(super) fn select(
    values: &Values,
    name: &str,
    label: &str,
    options: &[(String, String)],
    default: &str,
) -> Markup {
    let chosen = if values.get(name).is_empty() { default } else { values.get(name) };
    let (message, described) = problem(values, name, None);
    let wrong = values.error(name).map(|_| "true");
    html! {
        div {
            label for=(name) { (label) }
            (message)
            select id=(name) name=(name) aria-describedby=[described] aria-invalid=[wrong] {
                @for (value, text) in options {
                    option value=(value) selected[value == chosen] { (text) }
                }
            }
        }
    }
}

/// The options of an enum: its JSON keys and labels.
pub(super) fn options<T: serde::Serialize + Copy>(
    all: &[T],
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter().map(|v| (key(v), label(*v).to_owned())).collect()
}

/// A text area, one entry a line.
pub(super) fn many(values: &Values, name: &str, label: &str, hint: &str) -> Markup {
    let hint_id = format!("{name}-hint");
    let (message, described) = problem(values, name, Some(&hint_id));
    let wrong = values.error(name).map(|_| "true");
    html! {
        div class=(if wrong.is_some() { "field error" } else { "field" }) {
            label for=(name) { (label) }
            p class="hint" id=(hint_id) { (hint) }
            (message)
            textarea id=(name) name=(name) rows="3" aria-describedby=[described] aria-invalid=[wrong] { (values.get(name)) }
        }
    }
}

/// Checkboxes, one per (field name, label), under a legend.
pub(super) fn checks(values: &Values, legend: &str, boxes: &[(String, String)]) -> Markup {
    html! {
        fieldset class="checks" {
            legend { (legend) }
            @for (name, label) in boxes {
                @let (message, described) = problem(values, name, None);
                (message)
                div class="check" {
                    input type="checkbox" id=(name) name=(name) value="yes" checked[values.ticked(name)] aria-describedby=[described] aria-invalid=[values.error(name).map(|_| "true")];
                    label for=(name) { (label) }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_keeps_a_draft_or_a_revision_request_and_a_submission_needs_a_draft() {
        assert_eq!(next_status("draft", false), Ok("draft"));
        assert_eq!(next_status("revision-requested", false), Ok("revision-requested"));
        assert!(next_status("submitted", false).is_err());
        assert!(next_status("accepted", false).is_err());
        assert_eq!(next_status("draft", true), Ok("submitted"));
        assert_eq!(next_status("revision-requested", true), Ok("submitted"));
        assert!(next_status("submitted", true).is_err());
    }

    #[test]
    fn values_are_read_as_typed_or_reported() {
        let mut v = Values::default();
        v.set("d", " 2026-10-01 ");
        v.set("bad", "1 October");
        v.set("n", "12 000.50");
        v.set("l", "one\n\n  two  \r\n");
        let mut found = Found::default();
        let at = ("Row 1", "the day");
        assert_eq!(day(&v, "d", at, &mut found), NaiveDate::from_ymd_opt(2026, 10, 1));
        assert_eq!(day(&v, "bad", at, &mut found), None);
        assert_eq!(day(&v, "absent", at, &mut found), None);
        assert_eq!(number(&v, "n", at, &mut found), Some(Decimal::new(1_200_050, 2)));
        assert_eq!(lines(&v, "l"), ["one", "two"]);
        assert_eq!(
            found.0,
            [(
                "bad".to_owned(),
                "Row 1: enter the day as year-month-day, such as 2026-10-01.".to_owned()
            )]
        );
        assert_eq!(need_day(&v, "absent", at, &mut found), None);
        assert_eq!(found.0.len(), 2);
        assert_eq!(capital("stakeholder 2"), "Stakeholder 2");
        // Rows 1 and 3 are blank: entry 1 is row 2, entry 2 row 4.
        let filled = |i: usize| i != 1 && i != 3;
        assert_eq!((0..3).map(|k| row_of(k, filled)).collect::<Vec<_>>(), [0, 2, 4]);
        // Four rows offered; a stored list fills rows 0 to 6.
        assert_eq!(row_count(4, |i| i < 7), 7);
        assert_eq!(row_count(4, |i| i < 2), 4);
    }
}
