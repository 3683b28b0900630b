//! `twinning catalogue cities|projects|mission-cities|show`.

use twinning_core::CountryCode;
use twinning_profile::{
    Catalogue, CityList, CityListEntry, CityPage, CityQuery, PartnerProject, Role, Theme,
    city_list_page, project_list, project_list_page, project_page,
};

use crate::error::{CliError, Status};
use crate::io::Ctx;
use crate::render::{Doc, Page};

/// Filters of the list commands.
#[derive(Debug, Clone, Default)]
pub(crate) struct Filters {
    /// ISO 3166-1 alpha-2 country code.
    pub(crate) country: Option<String>,
    /// Partner project (acronym, alias or slug).
    pub(crate) project: Option<String>,
    /// Theme key.
    pub(crate) theme: Option<String>,
    /// Only the cohort 5 Mission-minded catalogue.
    pub(crate) mission_minded: bool,
}

/// The built-in catalogue.
pub(crate) fn catalogue() -> Result<&'static Catalogue, CliError> {
    Catalogue::try_builtin()
        .map_err(|e| CliError::internal(format!("the built-in catalogue does not load: {e}")))
}

/// The catalogue: built-in, with the `--data` overlay's records.
pub(crate) fn catalogue_of<'c>(ctx: &'c Ctx) -> Result<&'c Catalogue, CliError> {
    Ok(ctx.data.get()?.catalogue())
}

fn country(code: Option<&str>) -> Result<Option<CountryCode>, CliError> {
    code.map(|c| {
        c.to_ascii_uppercase().parse::<CountryCode>().map_err(|e| {
            CliError::input(format!("--country {c:?}: {e}"))
                .hint("use an ISO 3166-1 alpha-2 code such as PT, TR or GB")
        })
    })
    .transpose()
}

/// Parses a theme key, naming the valid ones on error.
pub(crate) fn theme(t: &str) -> Result<Theme, CliError> {
    t.parse::<Theme>().map_err(|_| {
        CliError::input(format!("--theme {t:?}: unknown theme")).hint(format!(
            "one of: {}",
            Theme::ALL.iter().map(|t| t.key()).collect::<Vec<_>>().join(", ")
        ))
    })
}

fn project<'a>(cat: &'a Catalogue, name: &str) -> Result<&'a PartnerProject, CliError> {
    cat.project_by_name(name).ok_or_else(|| {
        CliError::input(format!("--project {name:?}: no such partner project in the catalogue"))
            .hint("`twinning catalogue projects` lists them")
    })
}

/// `twinning catalogue cities` (and `mission-cities`).
pub(crate) fn cities(ctx: &Ctx, f: &Filters, mission_cities: bool) -> Result<Status, CliError> {
    let cat = catalogue_of(ctx)?;
    let cc = country(f.country.as_deref())?;
    let th = f.theme.as_deref().map(theme).transpose()?;
    let pr = f.project.as_deref().map(|p| project(cat, p)).transpose()?;
    let role = if mission_cities {
        Some(Role::MissionCity)
    } else {
        f.mission_minded.then_some(Role::MissionMindedCity)
    };
    let query = CityQuery { country: cc, theme: th, project: pr, role };
    let entries: Vec<CityListEntry> =
        cat.search(&query).into_iter().map(|c| CityListEntry::new(cat, c)).collect();
    let list = match (mission_cities, cc) {
        (false, _) => CityList::Catalogue,
        (true, None) => CityList::MissionCities,
        (true, Some(_)) => CityList::MissionCitiesOfCountry,
    };
    let dates = ctx.data.get()?.dates();
    let mut page = city_list_page(&entries, list);
    dates.push_to(&mut page);
    dates.stamp_main_table(&mut page);
    ctx.emit_doc(&Doc::with(&serde_json::json!({"data_as_of": dates, "cities": entries}), page))?;
    Ok(Status::Ok)
}

/// `twinning catalogue projects`.
pub(crate) fn projects(ctx: &Ctx, f: &Filters) -> Result<Status, CliError> {
    let cat = catalogue_of(ctx)?;
    let cc = country(f.country.as_deref())?;
    let th = f.theme.as_deref().map(theme).transpose()?;
    let entries = project_list(cat, cc, th);
    let dates = ctx.data.get()?.dates();
    let mut page = project_list_page(&entries);
    dates.push_to(&mut page);
    dates.stamp_main_table(&mut page);
    ctx.emit_doc(&Doc::with(&serde_json::json!({"data_as_of": dates, "projects": entries}), page))?;
    Ok(Status::Ok)
}

/// `twinning catalogue show NAME`: a city (any spelling) or a project.
pub(crate) fn show(ctx: &Ctx, name: &str) -> Result<Status, CliError> {
    let cat = catalogue_of(ctx)?;
    let found = cat.find_by_name(name);
    if found.is_empty() {
        if let Some(p) = cat.project_by_name(name) {
            return show_project(ctx, cat, p);
        }
        return Err(CliError::input(format!("{name:?}: no city or project of that name")).hint(
            "names are matched ignoring case and accents, with variants (Gent/Ghent, \
             Plzeň/Pilsen); `twinning catalogue cities` lists them",
        ));
    }
    let pages: Vec<CityPage> = found.iter().map(|c| CityPage::new(cat, c)).collect();
    let mut all = Page::new();
    for page in &pages {
        page.push_to(&mut all);
    }
    ctx.data.get()?.dates().push_to(&mut all);
    let mut doc = match pages.as_slice() {
        [one] => Doc::with(one, all),
        many => Doc::with(many, all),
    };
    ctx.data.get()?.dates().stamp_json(&mut doc.json);
    ctx.emit_doc(&doc)?;
    Ok(Status::Ok)
}

fn show_project(ctx: &Ctx, cat: &Catalogue, p: &PartnerProject) -> Result<Status, CliError> {
    let dates = ctx.data.get()?.dates();
    let mut page = project_page(cat, p);
    dates.push_to(&mut page);
    let mut doc = Doc::with(p, page);
    dates.stamp_json(&mut doc.json);
    ctx.emit_doc(&doc)?;
    Ok(Status::Ok)
}
