//! The home page (open calls, next deadlines), the cohort list and each
//! cohort's page with its timeline.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset};
use maud::{Markup, html};
use serde::Deserialize;
use twinning_cohort::{Cohort, Milestone, MilestoneKind, Moment, RegistrationStatus, When};

use super::layout::{Page, Section, brussels, day, month};
use super::timeline;
use crate::app::AppState;

/// `?at=INSTANT`: show the pages as of another instant (RFC 3339 or a day),
/// for checking what was open when, and for tests.
#[derive(Debug, Deserialize)]
pub(crate) struct At {
    at: Option<String>,
}

/// The instant a page speaks for, or the 400 page.
pub(super) fn at_or_page(at: Option<&str>) -> Result<DateTime<FixedOffset>, Response> {
    crate::routes::instant(at, "at").map_err(|p| super::bad_request_page(&p.detail))
}

/// A moment as people read it, instants in Brussels time.
fn moment(m: &Moment) -> Markup {
    match m {
        Moment::At(at) => brussels(*at),
        Moment::Day(d) => html! { (day(*d)) },
        Moment::Month(ym) => html! { (month(*ym)) },
    }
}

/// A moment or span.
pub(super) fn when(w: &When) -> Markup {
    match w.end() {
        Some(end) => html! { (moment(&w.start())) " to " (moment(&end)) },
        None => moment(&w.start()),
    }
}

/// A call's status in a sentence.
fn status_sentence(s: &RegistrationStatus) -> Markup {
    match s {
        RegistrationStatus::NotYetOpen { opens } => html! { "Opens " (brussels(*opens)) "." },
        RegistrationStatus::Open { closes: Some(c), .. } => {
            html! { "Open. The last minute to apply is " (brussels(*c)) "." }
        }
        RegistrationStatus::Open { closes: None, .. } => {
            html! { "Open; no source gives a deadline." }
        }
        RegistrationStatus::Closed { deadline, .. } => {
            html! { "Closed at " (brussels(*deadline)) "." }
        }
        RegistrationStatus::Unknown { closes, .. } => html! {
            "No source says when it opens; it closes " (brussels(*closes)) "."
        },
        RegistrationStatus::NoCall { .. } => html! { "No call for this role." },
        _ => html! { (s.to_string()) },
    }
}

/// `GET /`: the calls open (or about to open) and the next dated milestones
/// of every cohort.
pub(crate) async fn home(State(state): State<AppState>, Query(q): Query<At>) -> Response {
    let at = match at_or_page(q.at.as_deref()) {
        Ok(at) => at,
        Err(page) => return page,
    };
    let cohorts: Vec<&Cohort> = state.data.cohorts();
    let calls: Vec<(&Cohort, &twinning_cohort::Registration, RegistrationStatus)> = cohorts
        .iter()
        .copied()
        .flat_map(|c| {
            c.registrations().iter().map(move |r| (c, r, c.registration_status(r.role, at)))
        })
        .filter(|(_, _, s)| {
            matches!(
                s,
                RegistrationStatus::Open { .. }
                    | RegistrationStatus::NotYetOpen { .. }
                    | RegistrationStatus::Unknown { .. }
            )
        })
        .collect();
    let mut next: Vec<(&Cohort, &Milestone)> = cohorts
        .iter()
        .copied()
        .flat_map(|c| c.next_milestones(at, 8).into_iter().map(move |m| (c, m)))
        .collect();
    next.sort_by_key(|(c, m)| (m.at, c.number()));
    next.truncate(8);
    let current: Vec<(&Cohort, &twinning_cohort::Phase)> =
        cohorts.iter().copied().filter_map(|c| c.phase_at(at).map(|p| (c, p))).collect();
    let main = html! {
        h1 { "Twinning Learning Programme" }
        p class="lead" {
            "Cities learn from each other in pairs over about a year. "
            "See which calls are open, what each cohort involves and when, and check whether your city can apply."
        }
        a class="button start" href="/check" draggable="false" { "Check if your city can apply" }
        h2 { "Calls for applications" }
        @if calls.is_empty() {
            p { "No call is open or announced on " (brussels(at)) "." }
        } @else {
            ul class="cards" {
                @for (c, r, s) in &calls {
                    li class=(if s.is_open() { "panel open" } else { "panel" }) {
                        h3 { a href=(format!("/cohorts/{}", c.number().get())) { (c.name()) } ": " (r.title) }
                        p { (status_sentence(s)) }
                    }
                }
            }
        }
        h2 { "Next dates" }
        @if next.is_empty() {
            p { "No dated milestone lies ahead of " (brussels(at)) "." }
        } @else {
            table {
                caption class="visually-hidden" { "The next dated milestones of every cohort" }
                thead { tr { th scope="col" { "When" } th scope="col" { "What" } th scope="col" { "Cohort" } } }
                tbody {
                    @for (c, m) in &next {
                        tr {
                            td { (when(&m.when)) }
                            td {
                                @if m.kind == MilestoneKind::CallCloses { strong { "Deadline: " } }
                                (m.title)
                            }
                            td { a href=(format!("/cohorts/{}", c.number().get())) { (c.name()) } }
                        }
                    }
                }
            }
        }
        h2 { "Running now" }
        @if current.is_empty() {
            p { "No cohort has a phase running on " (day(twinning_cohort::to_brussels(at).date_naive())) "." }
        } @else {
            ul {
                @for (c, p) in &current {
                    li { a href=(format!("/cohorts/{}", c.number().get())) { (c.name()) } ": " (p.title) " (" (p.months) ")" }
                }
            }
        }
        p { "Shown as of " (brussels(at)) "." }
    };
    let sources =
        next.iter().map(|(_, m)| &m.provenance).chain(current.iter().map(|(_, p)| &p.provenance));
    Page::new("Open calls and next dates", Section::Home, main).cite(sources).into_response()
}

/// `GET /cohorts`: every cohort, built in and the data overlay's.
pub(crate) async fn list(State(state): State<AppState>, Query(q): Query<At>) -> Response {
    let at = match at_or_page(q.at.as_deref()) {
        Ok(at) => at,
        Err(page) => return page,
    };
    let main = html! {
        h1 { "Cohorts" }
        table {
            caption class="visually-hidden" { "The cohorts of the programme" }
            thead { tr {
                th scope="col" { "Cohort" } th scope="col" { "Who learns from whom" }
                th scope="col" { "Programme" } th scope="col" { "Now" }
            } }
            tbody {
                @for c in state.data.cohorts() {
                    tr {
                        td { a href=(format!("/cohorts/{}", c.number().get())) { (c.name()) } }
                        td { (c.learner_role().label()) " cities learn from " (c.peer_role().label()) " cities" }
                        td { (month(c.programme_period().start())) " to " (month(c.programme_period().end())) }
                        td { @match c.phase_at(at) { Some(p) => (p.title), None => "No phase running" } }
                    }
                }
            }
        }
    };
    Page::new("Cohorts", Section::Cohorts, main).into_response()
}

/// `GET /cohorts/{number}`: a cohort's calls, timeline, dates and outputs.
pub(crate) async fn show(
    State(state): State<AppState>,
    axum::extract::Path(number): axum::extract::Path<String>,
    Query(q): Query<At>,
) -> Response {
    let cohort = match number.parse::<u16>().ok().map(|n| crate::routes::cohort(&state.data, n)) {
        Some(Ok(c)) => c,
        _ => {
            return super::not_found_page("There is no such cohort: the Cohorts page lists them.");
        }
    };
    let at = match at_or_page(q.at.as_deref()) {
        Ok(at) => at,
        Err(page) => return page,
    };
    let n = cohort.number().get();
    let today = twinning_cohort::to_brussels(at).date_naive();
    let main = html! {
        a class="back-link" href="/cohorts" { "All cohorts" }
        h1 { (cohort.name()) }
        p class="lead" {
            (cohort.learner_role().label()) " cities learn from " (cohort.peer_role().label()) " cities, "
            (month(cohort.programme_period().start())) " to " (month(cohort.programme_period().end()))
            " (" (cohort.duration_months().value()) " months)."
        }
        p {
            @match cohort.phase_at(at) {
                Some(p) => { "Now (" (day(today)) "): " strong { (p.title) } "." }
                None => { "No phase is running on " (day(today)) "." }
            }
        }
        h2 { "Calls" }
        ul class="cards" {
            @for r in cohort.registrations() {
                li { strong { (r.title) } br; (status_sentence(&cohort.registration_status(r.role, at))) }
            }
        }
        p {
            a href=(format!("/v1/cohorts/{n}/calendar.ics")) { "Subscribe to this cohort's calendar (iCalendar, .ics)" }
            " — add the address to your calendar application to get every date and its changes."
        }
        h2 { "Timeline" }
        @if let Some(svg) = timeline::svg(cohort, today) { (svg) }
        table {
            caption { "Phases" }
            thead { tr { th scope="col" { "Months" } th scope="col" { "Phase" } } }
            tbody {
                @for p in cohort.phases() {
                    tr { td { (month(p.months.start())) @if p.months.start() != p.months.end() { " to " (month(p.months.end())) } } td { (p.title) } }
                }
            }
        }
        table {
            caption { "Dates" }
            thead { tr { th scope="col" { "When" } th scope="col" { "What" } } }
            tbody {
                @for m in cohort.milestones() {
                    tr {
                        td { (when(&m.when)) }
                        td {
                            @if m.kind == MilestoneKind::CallCloses { strong { "Deadline: " } }
                            (m.title)
                            @for alt in &m.alternatives { br; span class="hint" { "Another source: " (alt) } }
                        }
                    }
                }
            }
        }
        @if !cohort.required_outputs().is_empty() {
            h2 { "What each city hands in" }
            ul {
                @for o in cohort.required_outputs() {
                    li { (o.title) @if let Some(due) = &o.due { ", due " (month(due.value)) } }
                }
            }
        }
        @if !cohort.notes().is_empty() {
            h2 { "Notes" }
            @for note in cohort.notes() { p { (note.value) } }
        }
    };
    let sources = cohort
        .phases()
        .iter()
        .map(|p| &p.provenance)
        .chain(cohort.milestones().iter().map(|m| &m.provenance))
        .chain(cohort.required_outputs().iter().map(|o| &o.provenance))
        .chain(cohort.notes().iter().map(|note| &note.provenance));
    Page::new(cohort.name(), Section::Cohorts, main).cite(sources).into_response()
}
