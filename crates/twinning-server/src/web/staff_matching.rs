//! Staff pages for matching: run a budgeted matching from the learners'
//! interests, see its pairs as an SVG diagram with each seeker's
//! explanation and the independent checker's certificate, and confirm the
//! pairs. The preferences come from `twinning_pairing::suggest`, the
//! matching from `twinning_matcher::solve` (through the same code as
//! `POST /v1/runs/{run}/matchings`), the check from `twinning_matcher::check`.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{Markup, html};
use serde::Deserialize;
use twinning_matcher::{
    CheckReport, Explanation, InstanceSpec, Matching, MechanismKind, Stability,
};
use twinning_pairing::{Options, PairingInstance, Seats, Words};

use super::layout::{Page, Section};
use super::staff::{Staff, check_post, db, form, see_other, signed_in, staff};
use crate::app::AppState;
use crate::matching::MatchRequest;
use crate::store::{MatchingIn, MatchingRecord};

/// The matching form of a run's page.
pub(crate) fn match_form(staff: &Staff, run: i64) -> Markup {
    html! {
        form method="post" action=(format!("/staff/runs/{run}/match")) novalidate {
            (staff.csrf())
            div class="field" {
                label for="interests" { "Learners' interests (CSV)" }
                p class="hint" id="interests-hint" {
                    "One row per learning goal, with the header city,country,side,title,themes "
                    "(side is goal; themes separated by semicolons, such as mobility;energy). "
                    "The peers are the built-in cohort 5 Mission-minded cities."
                }
                textarea id="interests" name="interests" rows="6" aria-describedby="interests-hint" {}
            }
            div class="field" {
                label for="mechanism" { "Mechanism" }
                select id="mechanism" name="mechanism" {
                    @for m in MechanismKind::ALL { option value=(m.key()) { (m.key()) } }
                }
            }
            div class="field" {
                label for="max_hosts" { "Select at most this many hosts (budget)" }
                input type="text" inputmode="numeric" class="narrow" id="max_hosts" name="max_hosts" autocomplete="off";
            }
            div class="field" {
                label for="time_limit" { "Time limit in seconds (1 to 60)" }
                input type="text" inputmode="numeric" class="narrow" id="time_limit" name="time_limit" value="5" autocomplete="off";
            }
            button class="button" type="submit" { "Run the matching" }
        }
    }
}

/// The matching form's fields.
#[derive(Debug, Deserialize)]
struct MatchForm {
    csrf: Option<String>,
    #[serde(default)]
    interests: String,
    #[serde(default)]
    mechanism: String,
    #[serde(default)]
    max_hosts: String,
    #[serde(default)]
    time_limit: String,
}

/// A 400 page listing `problems`.
fn problems_page(run: i64, problems: &[String]) -> Response {
    let main = html! {
        div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" {
            h2 id="error-summary-title" { "There is a problem" }
            ul { @for p in problems { li { (p) } } }
        }
        h1 { "The matching was not run" }
        p { a href=(format!("/staff/runs/{run}")) { "Go back to the run" } " and correct the form." }
    };
    Page::new("Error: The matching was not run", Section::Staff, main)
        .status(StatusCode::BAD_REQUEST)
        .into_response()
}

/// `POST /staff/runs/{run}/match`: every problem with the form at once,
/// else the matching run, recorded, and its page.
pub(crate) async fn run_matching(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(run): Path<i64>,
    body: Bytes,
) -> Response {
    let f: MatchForm = match form(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let staff = match check_post(&state, &headers, f.csrf.as_deref()).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    if let Err(r) = db(&state, move |s| s.run(run)).await {
        return r;
    }
    let mut problems = Vec::new();
    let mechanism = MechanismKind::ALL.into_iter().find(|m| m.key() == f.mechanism);
    if mechanism.is_none() {
        problems.push("Choose a mechanism from the list.".to_owned());
    }
    let max_hosts = match f.max_hosts.trim() {
        "" => None,
        t => match twinning_core::parse_digits::<u32>(t) {
            Some(n) if n > 0 => Some(n),
            _ => {
                problems.push(
                    "The budget must be a whole number of hosts, 1 or more, or left blank."
                        .to_owned(),
                );
                None
            }
        },
    };
    let time_limit = match twinning_core::parse_digits::<u32>(f.time_limit.trim()) {
        Some(n) if (1..=60).contains(&n) => f64::from(n),
        _ => {
            problems
                .push("The time limit must be a whole number of seconds from 1 to 60.".to_owned());
            5.0
        }
    };
    let learners = if f.interests.trim().is_empty() {
        problems.push("Paste the learners' interests: one row per learning goal.".to_owned());
        None
    } else {
        match crate::routes::pairing::interests(
            state.data.catalogue(),
            &crate::routes::pairing::Cities::Csv(f.interests.clone()),
            "learners",
        ) {
            Ok(i) if i.learners.is_empty() => {
                problems.push("No city in the interests states a learning goal.".to_owned());
                None
            }
            Ok(i) => Some(i.learners),
            Err(p) => {
                problems.push(format!("The interests cannot be read: {}.", p.detail));
                None
            }
        }
    };
    let (Some(mechanism), Some(learners), true) = (mechanism, learners, problems.is_empty()) else {
        return problems_page(run, &problems);
    };
    let Ok(peers) = crate::routes::pairing::cohort5_peers(state.data.catalogue()) else {
        return problems_page(run, &["The catalogue's peers could not be loaded.".to_owned()]);
    };
    let suggestions =
        twinning_pairing::suggest(&learners, &peers, Options { min_score: 1, max_len: None });
    let instance = match PairingInstance::new(
        &learners,
        &peers,
        &suggestions,
        Seats { per_host: 2, max_hosts },
    ) {
        Ok(i) => i.spec().clone(),
        Err(e) => return problems_page(run, &[format!("No instance can be made: {e}.")]),
    };
    let Ok(instance_doc) = serde_json::to_value(&instance) else {
        return problems_page(run, &["The instance could not be stored.".to_owned()]);
    };
    let req = MatchRequest {
        instance,
        mechanism,
        proposing: twinning_matcher::Side::default(),
        max_hosts,
        time_limit: Some(time_limit),
        greedy: false,
        seed: 0,
    };
    let answer = match crate::matching::run_cancellable(req).await {
        Ok(Ok(a)) => a,
        Ok(Err(p)) => return problems_page(run, &[p.detail]),
        Err(_) => return problems_page(run, &["The matching stopped unexpectedly.".to_owned()]),
    };
    let optimality = answer.result.as_ref().and_then(|m| m.optimality.clone());
    let record = MatchingIn {
        mechanism: mechanism.key().to_owned(),
        outcome: answer.outcome.clone(),
        instance: instance_doc,
        result: answer.result.as_ref().and_then(|r| serde_json::to_value(r).ok()),
        explanation: answer.explanation.as_ref().and_then(|e| serde_json::to_value(e).ok()),
        check_report: answer.check.as_ref().and_then(|c| serde_json::to_value(c).ok()),
        time_limit_ms: answer.time_limit_ms,
        proven: optimality.as_ref().map(|o| o.proven),
        gap: optimality.map(|o| o.gap.to_string()),
    };
    let name = staff.name.clone();
    match db(&state, move |s| s.record_matching(run, &record, &name)).await {
        Ok(m) => see_other(&format!("/staff/runs/{run}/matchings/{}", m.id)),
        Err(r) => r,
    }
}

/// The pairs as an SVG diagram (the library's: seekers left, hosts right,
/// selected hosts highlighted, every name escaped), labelled by name.
fn pairs_svg(m: &Matching, names: &BTreeMap<String, String>) -> Markup {
    maud::PreEscaped(twinning_pairing::pairs_svg(m, names))
}

/// The name of every city of an instance, by id.
fn names_of(
    cat: &twinning_profile::Catalogue,
    spec: Option<&InstanceSpec>,
) -> BTreeMap<String, String> {
    let ids = spec.into_iter().flat_map(|s| {
        s.seekers.iter().map(|x| x.id.as_str()).chain(s.hosts.iter().map(|h| h.id.as_str()))
    });
    ids.map(|id| (id.to_owned(), super::city_name(cat, id))).collect()
}

/// `GET /staff/runs/{run}/matchings/{matching}`.
pub(crate) async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((run, id)): Path<(i64, i64)>,
) -> Response {
    let Some(staff) = staff(&state, &headers).await else {
        return see_other("/staff/sign-in");
    };
    let record: MatchingRecord = match db(&state, move |s| s.matching(run, id)).await {
        Ok(r) => r,
        Err(r) => return r,
    };
    let result: Option<Matching> =
        record.run.result.clone().and_then(|v| serde_json::from_value(v).ok());
    let explanation: Option<Explanation> =
        record.run.explanation.clone().and_then(|v| serde_json::from_value(v).ok());
    let check: Option<CheckReport> =
        record.run.check_report.clone().and_then(|v| serde_json::from_value(v).ok());
    let spec = serde_json::from_value::<InstanceSpec>(record.run.instance.clone()).ok();
    let ties = spec
        .as_ref()
        .and_then(|spec| crate::matching::instance(spec).ok())
        .is_some_and(|i| i.has_ties());
    let host_of = |seeker: &str| {
        result
            .as_ref()
            .and_then(|m| m.pairs.iter().find(|p| p.seeker == seeker).map(|p| p.host.clone()))
    };
    // The learners' own rankings, where stated, beside the suggestions.
    let stated: BTreeMap<String, Vec<String>> = match db(&state, move |s| s.preferences(run)).await
    {
        Ok(list) => list.into_iter().map(|p| (p.seeker, p.hosts)).collect(),
        Err(r) => return r,
    };
    let names = names_of(state.data.catalogue(), spec.as_ref());
    let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let words = Words { name: &name, ..Words::ids(ties) };
    let lines = explanation.map(|e| twinning_pairing::sentences(&e, &words)).unwrap_or_default();
    let main = html! {
        (signed_in(&staff))
        a class="back-link" href=(format!("/staff/runs/{run}")) { "Back to the run" }
        h1 { "Matching " (record.id) }
        dl class="summary two" {
            div { dt { "Mechanism" } dd { (record.run.mechanism) } }
            div { dt { "Outcome" } dd { (record.run.outcome) } }
            @if let Some(ms) = record.run.time_limit_ms { div { dt { "Time limit" } dd { (ms / 1000) " s" } } }
            @if let Some(p) = record.run.proven {
                div { dt { "Optimal" } dd { @if p { "Proven optimal" } @else { "Not proven; gap " (record.run.gap.clone().unwrap_or_default()) } } }
            }
            div { dt { "Run" } dd { (record.created_at) " by " (record.created_by) } }
        }
        @if let Some(m) = &result {
            h2 { "Pairs" }
            (pairs_svg(m, &names))
            table {
                caption class="visually-hidden" { "The pairs with each side's rank of the other" }
                thead { tr { th scope="col" { "Seeker" } th scope="col" { "Host" } th scope="col" { "Seeker's rank of host" } th scope="col" { "Host's rank of seeker" } } }
                tbody {
                    @for p in &m.pairs { tr { td { (name(&p.seeker)) } td { (name(&p.host)) } td { (p.seeker_rank) } td { (p.host_rank) } } }
                }
            }
            @if !m.unmatched.is_empty() {
                @let unmatched: Vec<String> = m.unmatched.iter().map(|id| name(id)).collect();
                p { "Unmatched: " (unmatched.join(", ")) "." }
            }
        }
        @if let Some(spec) = &spec {
            h2 { "Each learner's preferences" }
            p { "The hosts in each learner's order as the matching used them (equal ones joined by =), the host it got in bold, and the learner's own ranking where staff recorded one." }
            table {
                caption class="visually-hidden" { "Each seeker's preference list, with its host in bold, and its own ranking" }
                thead { tr { th scope="col" { "Seeker" } th scope="col" { "Preferences, best first" } th scope="col" { "Its own ranking" } } }
                tbody {
                    @for seeker in &spec.seekers {
                        @let got = host_of(&seeker.id);
                        tr {
                            td { (name(&seeker.id)) }
                            td {
                                @for (i, pref) in seeker.preferences.iter().enumerate() {
                                    @if i > 0 { ", " }
                                    @let ids: Vec<&str> = match pref {
                                        twinning_matcher::Preference::One(id) => vec![id.as_str()],
                                        twinning_matcher::Preference::Tie(ids) => ids.iter().map(String::as_str).collect(),
                                    };
                                    @for (j, id) in ids.iter().enumerate() {
                                        @if j > 0 { " = " }
                                        @if got.as_deref() == Some(*id) { strong { (name(id)) } } @else { (name(id)) }
                                    }
                                }
                            }
                            td {
                                @match stated.get(&seeker.id) {
                                    Some(hosts) => {
                                        @let named: Vec<String> = hosts.iter().map(|h| name(h)).collect();
                                        (named.join(", "))
                                    }
                                    None => "none recorded",
                                }
                            }
                        }
                    }
                }
            }
        }
        @if !lines.is_empty() {
            h2 { "Why each seeker got its host" }
            ul { @for l in &lines { li { (l) } } }
        }
        @if let Some(c) = &check {
            h2 { "The checker's certificate" }
            p {
                "Checked independently of the solver: "
                @if c.violations.is_empty() { "every constraint holds" } @else { (c.violations.len()) " constraints violated" }
                "; "
                @if c.is_stable(Stability::Weak) { "no blocking pair, so the matching is stable." }
                @else { (c.blocking_pairs.len()) " blocking pairs." }
            }
            @for v in &c.violations { p { code { (serde_json::to_string(v).unwrap_or_default()) } } }
        }
        @if result.is_some() {
            h2 { "Confirm" }
            form method="post" action=(format!("/staff/runs/{run}/confirm")) {
                (staff.csrf())
                input type="hidden" name="matching" value=(record.id);
                p { "Confirming makes every pair of this matching a pair of the run, owing the outputs the cohort requires." }
                button class="button" type="submit" { "Confirm these pairs" }
            }
        }
    };
    Page::new(format!("Matching {}", record.id), Section::Staff, main).into_response()
}

/// The confirm form.
#[derive(Debug, Deserialize)]
struct ConfirmForm {
    csrf: Option<String>,
    matching: Option<i64>,
}

/// `POST /staff/runs/{run}/confirm`: every pair of the matching confirmed,
/// each owing the cohort's outputs, as `POST /v1/runs/{run}/pairs` does.
pub(crate) async fn confirm(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(run): Path<i64>,
    body: Bytes,
) -> Response {
    let f: ConfirmForm = match form(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let staff = match check_post(&state, &headers, f.csrf.as_deref()).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Some(id) = f.matching else {
        return super::bad_request_page("The form names no matching.");
    };
    let loaded =
        db(&state, move |s| Ok((s.run(run)?, s.cohort_document(run)?, s.matching(run, id)?))).await;
    let (info, doc, record) = match loaded {
        Ok(v) => v,
        Err(r) => return r,
    };
    let Some(cohort) = super::staff::cohort_of(&state.data, &info, doc.as_ref()) else {
        return super::bad_request_page("The run's cohort cannot be read.");
    };
    let Some(result) = record.run.result.and_then(|v| serde_json::from_value::<Matching>(v).ok())
    else {
        return super::bad_request_page("That matching found no pairs to confirm.");
    };
    let chosen: Vec<(String, String)> =
        result.pairs.iter().map(|p| (p.seeker.clone(), p.host.clone())).collect();
    let outputs = crate::routes::runs::owed_outputs(&cohort);
    match db(&state, move |s| s.confirm_pairs(run, id, &chosen, &outputs, &staff.name)).await {
        Ok(_) => see_other(&format!("/staff/runs/{run}#pairs")),
        Err(r) => r,
    }
}

/// `GET /staff/runs/{run}/pairs/{pair}/outputs/{kind}`: what a pair handed
/// in, as `Document::to_markdown` renders it, with the review forms.
pub(crate) async fn output(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((run, pair, kind)): Path<(i64, i64, String)>,
) -> Response {
    let Some(staff) = staff(&state, &headers).await else {
        return see_other("/staff/sign-in");
    };
    let pairs = match db(&state, move |s| s.pairs(run)).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some((p, o)) = pairs
        .iter()
        .find(|p| p.id == pair)
        .and_then(|p| p.outputs.iter().find(|o| o.kind == kind).map(|o| (p, o)))
    else {
        return super::not_found_page("That pair owes no such output.");
    };
    let text = o
        .document
        .as_ref()
        .and_then(|v| twinning_outputs::Document::from_json(&v.to_string()).ok())
        .map(|d| markdown_html(&d.to_markdown()));
    let (seeker, host) = p.names(state.data.catalogue());
    let main = html! {
        (signed_in(&staff))
        a class="back-link" href=(format!("/staff/runs/{run}#pairs")) { "Back to the run" }
        h1 { (o.title) ": " (seeker) " with " (host) }
        p { "Status: " strong { (o.status) } ". Last changed " (o.updated_at) "." }
        @match &text {
            Some(t) => div class="document" { (t) },
            None => p { "Nothing has been handed in yet." },
        }
        @if o.status == "submitted" {
            h2 { "Review" }
            form method="post" action=(format!("/staff/runs/{run}/pairs/{pair}/outputs/{kind}")) {
                (staff.csrf())
                input type="hidden" name="to" value="accepted";
                button class="button" type="submit" { "Accept" }
            }
            form method="post" action=(format!("/staff/runs/{run}/pairs/{pair}/outputs/{kind}")) {
                (staff.csrf())
                input type="hidden" name="to" value="revision-requested";
                button class="button secondary" type="submit" { "Ask for a revision" }
            }
        }
    };
    Page::new(o.title.clone(), Section::Staff, main).into_response()
}

/// The review form.
#[derive(Debug, Deserialize)]
struct ReviewForm {
    csrf: Option<String>,
    #[serde(default)]
    to: String,
}

/// `POST /staff/runs/{run}/pairs/{pair}/outputs/{kind}`: accept a
/// submission or ask for a revision, as the lifecycle allows.
pub(crate) async fn review(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((run, pair, kind)): Path<(i64, i64, String)>,
    body: Bytes,
) -> Response {
    let f: ReviewForm = match form(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let staff = match check_post(&state, &headers, f.csrf.as_deref()).await {
        Ok(s) => s,
        Err(r) => return r,
    };
    let Some(to) = twinning_outputs::Status::from_key(&f.to) else {
        return super::bad_request_page("Choose to accept the output or to ask for a revision.");
    };
    let back = format!("/staff/runs/{run}/pairs/{pair}/outputs/{kind}");
    let name = staff.name;
    let moved = db(&state, move |s| {
        s.update_output(
            run,
            pair,
            &kind,
            None,
            |from| match twinning_outputs::Status::from_key(from) {
                Some(f) if f.can_become(to) => Ok(to.key()),
                _ => Err(format!("an output in status {from} cannot become {}", to.key())),
            },
            &name,
        )
    })
    .await;
    match moved {
        Ok(_) => see_other(&back),
        Err(r) => r,
    }
}

/// A handed-in document's Markdown as HTML, read by pulldown-cmark (a
/// CommonMark reader, with tables). Values in it are escaped by
/// `twinning_core::escape_markdown`, so they come out as text; any raw HTML
/// but the line breaks the outputs crate writes in table cells is shown as
/// text too.
fn markdown_html(markdown: &str) -> maud::PreEscaped<String> {
    use pulldown_cmark::{Event, Options, Parser};
    let events = Parser::new_ext(markdown, Options::ENABLE_TABLES).map(|e| match e {
        Event::InlineHtml(h) | Event::Html(h) if h.as_ref() != "<br>" => Event::Text(h),
        other => other,
    });
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    maud::PreEscaped(out)
}
