//! `twinning catalogue cities|projects|mission-cities|show`.

use serde_json::{Value, json};
use twinning_core::CountryCode;
use twinning_profile::{Catalogue, CityProfile, CityQuery, PartnerProject, Role, Theme};

use crate::error::{CliError, Status};
use crate::io::Ctx;
use crate::render::{Block, Doc, Table};
use crate::text::key;

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
pub(crate) fn catalogue_of(ctx: &Ctx) -> Result<&Catalogue, CliError> {
    Ok(ctx.data.get()?.catalogue())
}

/// The "Data as of" block (table, Markdown, a sheet of the workbook).
fn as_of_block(ctx: &Ctx, doc: &mut Doc) -> Result<(), CliError> {
    doc.push(Block::Heading("Data".to_owned()));
    doc.push(Block::Fields(ctx.data.get()?.as_of_fields()));
    Ok(())
}

/// [`as_of_block`] for a list, whose CSV holds its main table only: that
/// table gets a `Data as of` column there (and in the workbook), not in the
/// terminal table.
fn as_of_list(ctx: &Ctx, doc: &mut Doc) -> Result<(), CliError> {
    as_of_block(ctx, doc)?;
    let fields = ctx.data.get()?.as_of_fields();
    let stamp = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join("; ");
    let mut sheets = doc.tables();
    if let Some((_, main)) = sheets.first_mut() {
        main.headers.push("Data as of".to_owned());
        for row in &mut main.rows {
            row.push(stamp.clone());
        }
    }
    doc.sheets = sheets;
    Ok(())
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

fn roles_text(c: &CityProfile) -> String {
    let mut v: Vec<String> = c
        .roles()
        .iter()
        .map(|r| match (r.role, r.cohort) {
            (role @ (Role::TwinCity | Role::MissionMindedCity), Some(n)) => {
                format!("{} C{n}", role.label())
            }
            (role, _) => role.label().to_owned(),
        })
        .collect();
    v.dedup();
    v.join(", ")
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
    let list = cat.search(&query);
    let mut t = if mission_cities {
        Table::new(&["City", "Country", "Kind"])
    } else {
        Table::new(&["City", "Country", "Roles", "Projects"])
    };
    let mut rows = Vec::new();
    for c in &list {
        let projects = cat.project_acronyms(c);
        let mut name = c.name().to_owned();
        if !c.is_identified() {
            name.push_str(" (unresolved)");
        }
        if mission_cities {
            t.row(vec![name, c.country().to_string(), key(&c.kind())]);
        } else {
            t.row(vec![name, c.country().to_string(), roles_text(c), projects.join(", ")]);
        }
        rows.push(json!({
            "slug": c.slug(),
            "name": c.name(),
            "country": c.country(),
            "kind": c.kind(),
            "roles": c.roles(),
            "projects": projects,
            "themes": c.themes(),
            "identified": c.is_identified(),
        }));
    }
    let as_of = ctx.data.get()?.as_of_json();
    let mut doc = Doc::new(json!({"data_as_of": as_of, "cities": rows}));
    let title = if mission_cities { "Mission Cities" } else { "Cities in the catalogue" };
    doc.push(Block::Title(format!("{title} ({})", list.len())));
    doc.push(Block::Table(t));
    if mission_cities && cc.is_none() {
        doc.push(Block::Text(
            "The 2022 selection named 112 Mission Cities (100 in EU member states, 12 in \
             associated countries); a few identifications are uncertain, see \
             `twinning catalogue show NAME`."
                .to_owned(),
        ));
    }
    as_of_list(ctx, &mut doc)?;
    ctx.emit_doc(&doc)?;
    Ok(Status::Ok)
}

/// `twinning catalogue projects`.
pub(crate) fn projects(ctx: &Ctx, f: &Filters) -> Result<Status, CliError> {
    let cat = catalogue_of(ctx)?;
    let cc = country(f.country.as_deref())?;
    let th = f.theme.as_deref().map(theme).transpose()?;
    let mut t = Table::new(&["Project", "Programme", "Catalogue cities", "Themes"]);
    let mut rows = Vec::new();
    for p in cat.projects() {
        let members = cat.in_project(p.slug().as_str());
        if let Some(cc) = cc
            && !members.iter().any(|(c, _)| c.country() == cc)
        {
            continue;
        }
        if th.is_some_and(|t| !p.themes().contains(&t)) {
            continue;
        }
        let names: Vec<&str> = members.iter().map(|(c, _)| c.name()).collect();
        let programme = p.programme().map(|s| key(&s.value)).unwrap_or_default();
        t.row(vec![
            p.acronym().to_owned(),
            programme,
            names.join(", "),
            p.themes().iter().map(|t| t.key()).collect::<Vec<_>>().join(", "),
        ]);
        rows.push(json!({
            "slug": p.slug(),
            "acronym": p.acronym(),
            "full_name": p.full_name(),
            "programme": p.programme(),
            "themes": p.themes(),
            "catalogue_cities": names,
        }));
    }
    let count = rows.len();
    let as_of = ctx.data.get()?.as_of_json();
    let mut doc = Doc::new(json!({"data_as_of": as_of, "projects": rows}));
    doc.push(Block::Title(format!("Partner projects ({count})")));
    doc.push(Block::Table(t));
    as_of_list(ctx, &mut doc)?;
    ctx.emit_doc(&doc)?;
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
    let mut doc = Doc::new(Value::Null);
    let mut json_cities = Vec::new();
    for c in &found {
        city_blocks(&mut doc, cat, c);
        let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
        if let Value::Object(map) = &mut v {
            map.insert("conflicts".to_owned(), json!(cat.conflicts_of(*c)));
        }
        json_cities.push(v);
    }
    let as_of = ctx.data.get()?.as_of_json();
    for v in &mut json_cities {
        if let Value::Object(map) = v {
            map.insert("data_as_of".to_owned(), as_of.clone());
        }
    }
    doc.json = if json_cities.len() == 1 {
        json_cities.pop().unwrap_or(Value::Null)
    } else {
        Value::from(json_cities)
    };
    as_of_block(ctx, &mut doc)?;
    ctx.emit_doc(&doc)?;
    Ok(Status::Ok)
}

fn city_blocks(doc: &mut Doc, cat: &Catalogue, c: &CityProfile) {
    doc.push(Block::Title(format!("{} ({})", c.name(), c.country())));
    let mut fields = vec![("Kind".to_owned(), key(&c.kind()))];
    if !c.variants().is_empty() {
        fields.push(("Also called".to_owned(), c.variants().join(", ")));
    }
    if let Some(p) = c.part_of() {
        fields.push(("Part of".to_owned(), p.to_owned()));
    }
    if let Some(t) = c.climate_neutrality_target() {
        fields.push(("Climate neutral by".to_owned(), format!("{} [{}]", t.value, t.provenance)));
    }
    fields.push(("Source".to_owned(), c.provenance().to_string()));
    doc.push(Block::Fields(fields));
    if !c.is_identified() {
        let mut t = Table::new(&["Candidate", "Country", "Why"]);
        for cand in c.candidates() {
            t.row(vec![cand.name.clone(), cand.country.to_string(), cand.provenance.to_string()]);
        }
        doc.push(Block::Heading("Unresolved identity: candidates".to_owned()));
        doc.push(Block::Table(t));
    }
    if !c.roles().is_empty() {
        let mut t = Table::new(&["Role", "Cohort", "Since", "Source"]);
        for r in c.roles() {
            t.row(vec![
                r.role.key().to_owned(),
                r.cohort.map(|n| n.to_string()).unwrap_or_default(),
                r.since.map(|d| d.to_string()).unwrap_or_default(),
                r.provenance.to_string(),
            ]);
        }
        doc.push(Block::Heading("Roles".to_owned()));
        doc.push(Block::Table(t));
    }
    if !c.memberships().is_empty() {
        let mut t = Table::new(&["Project", "Role in it", "Source"]);
        for (m, acronym) in c.memberships().iter().zip(cat.project_acronyms(c)) {
            let roles: Vec<String> = m.roles.iter().map(key).collect();
            t.row(vec![acronym, roles.join(", "), m.provenance.to_string()]);
        }
        doc.push(Block::Heading("Partner projects".to_owned()));
        doc.push(Block::Table(t));
    }
    if !c.practices().is_empty() {
        let mut t = Table::new(&["Tested practice", "Themes", "Figures"]);
        for p in c.practices() {
            let figures: Vec<String> = p.quantities().iter().map(ToString::to_string).collect();
            t.row(vec![
                p.title().to_owned(),
                p.themes().iter().map(|t| t.key()).collect::<Vec<_>>().join(", "),
                figures.join("; "),
            ]);
        }
        doc.push(Block::Heading("Tested practices".to_owned()));
        doc.push(Block::Table(t));
    }
    if !c.learning_goals().is_empty() {
        let mut t = Table::new(&["Learning goal", "Themes"]);
        for g in c.learning_goals() {
            t.row(vec![
                g.text().to_owned(),
                g.themes().iter().map(|t| t.key()).collect::<Vec<_>>().join(", "),
            ]);
        }
        doc.push(Block::Heading("Learning goals".to_owned()));
        doc.push(Block::Table(t));
    }
    for conflict in cat.conflicts_of(c) {
        doc.push(Block::Heading("Conflict in the sources".to_owned()));
        doc.push(Block::Text(format!("{} [{}]", conflict.description, conflict.provenance)));
    }
}

fn show_project(ctx: &Ctx, cat: &Catalogue, p: &PartnerProject) -> Result<Status, CliError> {
    let mut doc = Doc::of(p);
    doc.push(Block::Title(p.acronym().to_owned()));
    let mut fields = Vec::new();
    if let Some(n) = p.full_name() {
        fields.push(("Full name".to_owned(), n.to_owned()));
    }
    if let Some(g) = p.programme() {
        fields.push(("Programme".to_owned(), format!("{} [{}]", key(&g.value), g.provenance)));
    }
    if let Some(period) = p.period() {
        fields.push(("Period".to_owned(), period.to_string()));
    }
    if let Some(b) = p.budget_eur() {
        fields.push(("Budget (EUR)".to_owned(), b.to_string()));
    }
    fields.push((
        "Themes".to_owned(),
        p.themes().iter().map(|t| t.key()).collect::<Vec<_>>().join(", "),
    ));
    fields.push(("Source".to_owned(), p.provenance().to_string()));
    doc.push(Block::Fields(fields));
    let mut t = Table::new(&["Catalogue city", "Country", "Role in the project"]);
    for (c, m) in cat.in_project(p.slug().as_str()) {
        let roles: Vec<String> = m.roles.iter().map(key).collect();
        t.row(vec![c.name().to_owned(), c.country().to_string(), roles.join(", ")]);
    }
    doc.push(Block::Heading("Cities".to_owned()));
    doc.push(Block::Table(t));
    as_of_block(ctx, &mut doc)?;
    if let Value::Object(map) = &mut doc.json {
        map.insert("data_as_of".to_owned(), ctx.data.get()?.as_of_json());
    }
    ctx.emit_doc(&doc)?;
    Ok(Status::Ok)
}
