//! The catalogue: cities filtered by theme, country and partner project,
//! and a page per city with its practices, figures and sources.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use maud::html;
use serde::Deserialize;
use twinning_core::CountryCode;
use twinning_profile::{CityKind, CityProfile, CityQuery, ProjectRole, Theme};

use super::layout::{Page, Section, day};
use crate::app::AppState;

/// `?name=&theme=&country=&project=`; an empty value is no filter.
#[derive(Debug, Deserialize)]
pub(crate) struct Filters {
    name: Option<String>,
    theme: Option<String>,
    country: Option<String>,
    project: Option<String>,
}

/// A form value, blank as `None`.
fn given(v: Option<&String>) -> Option<&str> {
    v.map(|s| s.trim()).filter(|s| !s.is_empty())
}

/// A country's English name, else its code.
pub(super) fn country_name(c: CountryCode) -> String {
    c.english_name().map_or_else(|| c.as_str().to_owned(), str::to_owned)
}

fn kind_label(k: CityKind) -> &'static str {
    match k {
        CityKind::Municipality => "Municipality",
        CityKind::District => "District of a larger city",
        CityKind::MetropolitanAuthority => "Metropolitan authority or region",
        CityKind::JointBid => "Cities applying together",
    }
}

fn project_role_label(r: ProjectRole) -> &'static str {
    match r {
        ProjectRole::Leader => "leader",
        ProjectRole::Lighthouse => "lighthouse city",
        ProjectRole::FrontRunner => "front-runner city",
        ProjectRole::Follower => "follower city",
        ProjectRole::Fellow => "fellow city",
        ProjectRole::Multiplier => "multiplier city",
        ProjectRole::Observer => "observer city",
        ProjectRole::LivingLab => "living lab",
        ProjectRole::Pilot => "pilot site",
        ProjectRole::Twin => "twin city",
        ProjectRole::NetworkMember => "network member",
        _ => "partner",
    }
}

/// `GET /catalogue`: the filter form and the cities that pass it.
pub(crate) async fn list(State(state): State<AppState>, Query(f): Query<Filters>) -> Response {
    let cat = state.data.catalogue();
    let mut problems: Vec<(&str, String)> = Vec::new();
    let theme = given(f.theme.as_ref()).and_then(|t| match t.parse::<Theme>() {
        Ok(t) => Some(t),
        Err(_) => {
            problems.push(("theme", format!("There is no theme {t:?}: choose one from the list.")));
            None
        }
    });
    let country = given(f.country.as_ref()).and_then(|c| match c.parse::<CountryCode>() {
        Ok(c) => Some(c),
        Err(_) => {
            problems
                .push(("country", format!("There is no country {c:?}: choose one from the list.")));
            None
        }
    });
    let project = given(f.project.as_ref()).and_then(|p| match cat.project_by_name(p) {
        Some(p) => Some(p),
        None => {
            problems.push((
                "project",
                format!("There is no partner project {p:?}: choose one from the list."),
            ));
            None
        }
    });
    let name = given(f.name.as_ref());
    let query = CityQuery { country, theme, project, ..CityQuery::default() };
    let found: Vec<&CityProfile> = match name {
        Some(n) => cat.find_by_name(n).into_iter().filter(|c| query.matches(c)).collect(),
        None => cat.search(&query),
    };
    let mut countries: Vec<CountryCode> = cat.cities().iter().map(CityProfile::country).collect();
    countries.sort_by_key(|c| country_name(*c));
    countries.dedup();
    let mut projects: Vec<&twinning_profile::PartnerProject> = cat.projects().iter().collect();
    projects.sort_by_key(|p| p.acronym().to_lowercase());
    let main = html! {
        h1 { "Cities" }
        p class="lead" { "The cities of the programme and its partner projects, with the practices they have tested." }
        @if !problems.is_empty() {
            div class="error-summary" role="alert" tabindex="-1" {
                h2 { "There is a problem" }
                ul { @for (field, msg) in &problems { li { a href=(format!("#{field}")) { (msg) } } } }
            }
        }
        form class="filters" method="get" action="/catalogue" {
            div class="field" {
                label for="name" { "Name" }
                input type="search" id="name" name="name" value=[name] autocomplete="off";
            }
            div class="field" {
                label for="theme" { "Theme" }
                select id="theme" name="theme" {
                    option value="" { "Any theme" }
                    @for t in Theme::ALL {
                        option value=(t.key()) selected[theme == Some(t)] { (t.label()) }
                    }
                }
            }
            div class="field" {
                label for="country" { "Country" }
                select id="country" name="country" {
                    option value="" { "Any country" }
                    @for c in &countries {
                        option value=(c.as_str()) selected[country == Some(*c)] { (country_name(*c)) }
                    }
                }
            }
            div class="field" {
                label for="project" { "Partner project" }
                select id="project" name="project" {
                    option value="" { "Any project" }
                    @for p in &projects {
                        option value=(p.slug().as_str()) selected[project.is_some_and(|q| q.slug() == p.slug())] {
                            (p.acronym())
                        }
                    }
                }
            }
            button class="button" type="submit" { "Show cities" }
        }
        h2 { (found.len()) @if found.len() == 1 { " city" } @else { " cities" } }
        ul class="cards" {
            @for c in &found {
                li {
                    a href=(format!("/catalogue/{}", c.slug())) { (c.name()) }
                    p class="meta" {
                        (country_name(c.country()))
                        @let projects = cat.project_acronyms(c);
                        @if !projects.is_empty() { " · " (projects.join(", ")) }
                        @if !c.practices().is_empty() { " · " (c.practices().len()) " tested practices" }
                    }
                }
            }
        }
    };
    let status = if problems.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::BAD_REQUEST
    };
    Page::new(
        if problems.is_empty() { "Cities" } else { "Error: Cities" },
        Section::Catalogue,
        main,
    )
    .status(status)
    .into_response()
}

/// `GET /catalogue/{slug}`: one city's page.
pub(crate) async fn city(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    let cat = state.data.catalogue();
    let Some(city) = cat.city_by_slug(&slug) else {
        return super::not_found_page(
            "There is no such city in the catalogue. Search for it by name on the Cities page.",
        );
    };
    let mission = cat.is_mission_city(city);
    let conflicts = cat.conflicts_of(city);
    let main = html! {
        a class="back-link" href="/catalogue" { "All cities" }
        h1 { (city.name()) }
        dl class="summary two" {
            div { dt { "Country" } dd { (country_name(city.country())) } }
            div { dt { "Kind" } dd { (kind_label(city.kind())) @if let Some(p) = city.part_of() { " (part of " (p) ")" } } }
            @if !city.variants().is_empty() {
                div { dt { "Also written" } dd { (city.variants().join(", ")) } }
            }
            div { dt { "Mission City" } dd { @if mission.value { "Yes" } @else { "No" } } }
            @if let Some(t) = city.climate_neutrality_target() {
                div { dt { "Climate-neutral by" } dd { (t.value) } }
            }
        }
        @if !city.roles().is_empty() {
            h2 { "Roles in the programme" }
            ul {
                @for r in city.roles() {
                    li {
                        (r.role.label()) " City"
                        @if let Some(c) = r.cohort { ", cohort " (c.get()) }
                        @if let Some(since) = r.since { ", since " (day(since)) }
                    }
                }
            }
        }
        @if !city.memberships().is_empty() {
            h2 { "Partner projects" }
            ul {
                @for m in city.memberships() {
                    li {
                        @let acronym = cat.project_by_slug(m.project.as_str()).map_or(m.project.as_str(), |p| p.acronym());
                        a href=(format!("/catalogue?project={}", m.project)) { (acronym) }
                        ": " (m.roles.iter().map(|r| project_role_label(*r)).collect::<Vec<_>>().join(", "))
                    }
                }
            }
        }
        h2 { "Tested practices" }
        @if city.practices().is_empty() {
            p { "The sources name no tested practice for this city yet." }
        }
        @for p in city.practices() {
            h3 { (p.title()) }
            p { (p.description()) }
            ul class="tags" aria-label="Themes" { @for t in p.themes() { li { (t.label()) } } }
            @if !p.quantities().is_empty() {
                p { strong { "Figures" } }
                ul { @for q in p.quantities() { li { (q.to_string()) } } }
            }
            @if let Some(pr) = p.provenance() { p class="meta" { "Source: " (super::layout::source(pr.source())) } }
        }
        @if !city.learning_goals().is_empty() {
            h2 { "What it wants to learn" }
            ul { @for g in city.learning_goals() { li { (g.text()) } } }
        }
        @if !conflicts.is_empty() {
            h2 { "Where sources disagree" }
            @for c in &conflicts { p { (c.description) } }
        }
        h2 { "Data" }
        dl class="summary" {
            @for (label, value) in state.data.dates().fields() {
                div { dt { (label) } dd { (value) } }
            }
        }
    };
    let sources = std::iter::once(city.provenance())
        .chain(std::iter::once(&mission.provenance))
        .chain(city.roles().iter().map(|r| &r.provenance))
        .chain(city.memberships().iter().map(|m| &m.provenance))
        .chain(city.practices().iter().filter_map(|p| p.provenance()))
        .chain(city.climate_neutrality_target().map(|t| &t.provenance))
        .chain(conflicts.iter().map(|c| &c.provenance));
    Page::new(city.name(), Section::Catalogue, main).cite(sources).into_response()
}
