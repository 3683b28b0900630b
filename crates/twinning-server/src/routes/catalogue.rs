//! `/v1/catalogue`: search the catalogue (built in, with the data overlay's
//! records); city pages.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use twinning_cohort::Role;
use twinning_core::CountryCode;
/// A city page: the library's view, the one `twinning catalogue show -f
/// json` prints.
pub(crate) use twinning_profile::CityPage;
use twinning_profile::{CityProfile, CityQuery, Theme};

use serde::Serialize;
use twinning_eligibility::DataDates;

use crate::app::AppState;

use crate::body::{Params, PathOf};
use crate::openapi::doc;
use crate::problem::{ApiResult, Problem};

/// A city page with the days its data is as of: what `twinning catalogue
/// show -f json` prints for one city.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct CityAnswer {
    /// The library's city page.
    #[serde(flatten)]
    pub(crate) page: CityPage,
    /// The days the built-in data and the data overlay are as of.
    pub(crate) data_as_of: DataDates,
}

/// `?name=&country=&theme=&project=&role=`.
#[derive(Debug, Clone, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct CityFilters {
    /// A name or variant; case, accents and punctuation ignored.
    pub(crate) name: Option<String>,
    /// ISO 3166-1 alpha-2 country code, such as PT.
    pub(crate) country: Option<String>,
    /// A theme key, such as mobility.
    pub(crate) theme: Option<String>,
    /// A partner project's acronym or name.
    pub(crate) project: Option<String>,
    /// A role key held at some time, such as mission-minded-city.
    pub(crate) role: Option<String>,
}

/// Catalogue cities passing every filter given.
#[utoipa::path(get, path = "/v1/catalogue/cities", tag = "catalogue", params(CityFilters),
    responses((status = 200, body = [doc::CityProfile]), (status = 400, body = doc::Problem)))]
pub(crate) async fn cities(
    State(state): State<AppState>,
    Params(f): Params<CityFilters>,
) -> ApiResult<Json<Vec<CityProfile>>> {
    let cat = state.data.catalogue();
    let country = f
        .country
        .as_deref()
        .map(|c| c.parse::<CountryCode>())
        .transpose()
        .map_err(|e| Problem::bad_request(format!("country: {e}")).at("country"))?;
    let theme = f
        .theme
        .as_deref()
        .map(|t| t.parse::<Theme>())
        .transpose()
        .map_err(|e| Problem::bad_request(format!("theme: {e}")).at("theme"))?;
    let project = match f.project.as_deref() {
        Some(p) => Some(cat.project_by_name(p).ok_or_else(|| {
            Problem::bad_request(format!("project: no partner project {p:?}")).at("project")
        })?),
        None => None,
    };
    let role = f
        .role
        .as_deref()
        .map(|r| r.parse::<Role>())
        .transpose()
        .map_err(|e| Problem::bad_request(format!("role: {e}")).at("role"))?;
    let query = CityQuery { country, theme, project, role };
    let found = match f.name.as_deref() {
        Some(name) => cat.find_by_name(name).into_iter().filter(|c| query.matches(c)).collect(),
        None => cat.search(&query),
    };
    Ok(Json(found.into_iter().cloned().collect()))
}

/// One city's page: by slug, or by any spelling of its name, with the days
/// its data is as of (`data_as_of`).
#[utoipa::path(get, path = "/v1/catalogue/cities/{name}", tag = "catalogue",
    params(("name" = String, Path, description = "A slug, name or variant")),
    responses((status = 200, body = CityAnswer), (status = 404, body = doc::Problem), (status = 409, body = doc::Problem)))]
pub(crate) async fn city(
    State(state): State<AppState>,
    PathOf(name): PathOf<String>,
) -> ApiResult<Json<CityAnswer>> {
    let cat = state.data.catalogue();
    let city = match cat.city_by_slug(&name) {
        Some(c) => c,
        None => match cat.find_by_name(&name).as_slice() {
            [one] => *one,
            [] => return Err(Problem::not_found(format!("no catalogue city {name:?}"))),
            many => {
                let slugs: Vec<String> = many.iter().map(|c| c.slug().to_string()).collect();
                return Err(Problem::conflict(format!(
                    "{name:?} names {} cities; ask for one by slug: {}",
                    many.len(),
                    slugs.join(", ")
                )));
            }
        },
    };
    let data_as_of = state.data.dates().clone();
    Ok(Json(CityAnswer { page: CityPage::new(cat, city), data_as_of }))
}
