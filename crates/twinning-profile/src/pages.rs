//! The catalogue's pages: a city, a partner project, and the lists of both,
//! each as a serializable view (what a service gets) and a [`Page`] (what a
//! person reads), so the command line and the server say the same.

use twinning_core::{Block, CountryCode, Page, PageTable, Role, Slug, Sourced, serde_key};

use crate::{
    Catalogue, CityKind, CityProfile, CityRole, FundingProgramme, PartnerProject, SourceConflict,
    Theme,
};

/// A city's page: its profile, its partner projects, where the sources
/// disagree about it, and whether it is a Mission City.
///
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CityPage {
    /// The city's profile.
    pub city: CityProfile,
    /// Acronyms of its partner projects, in the order of its memberships.
    pub projects: Vec<String>,
    /// Where sources disagree about it.
    pub conflicts: Vec<SourceConflict>,
    /// Whether it is a Mission City, with the source.
    pub mission_city: Sourced<bool>,
}

impl CityPage {
    /// The page of a catalogue city.
    pub fn new(cat: &Catalogue, city: &CityProfile) -> Self {
        CityPage {
            city: city.clone(),
            projects: cat.project_acronyms(city),
            conflicts: cat.conflicts_of(city).into_iter().cloned().collect(),
            mission_city: cat.is_mission_city(city),
        }
    }

    /// The page for people: the facts with their sources, then tables of
    /// identity candidates (when unresolved), roles, partner projects,
    /// tested practices and learning goals, then the conflicts.
    pub fn to_page(&self) -> Page {
        let mut doc = Page::new();
        self.push_to(&mut doc);
        doc
    }

    /// Appends the page's blocks to `doc` (several cities of one name are
    /// shown one after the other).
    pub fn push_to(&self, doc: &mut Page) {
        let c = &self.city;
        doc.push(Block::Title(format!("{} ({})", c.name(), c.country())));
        let mut fields = vec![("Kind".to_owned(), serde_key(&c.kind()))];
        if !c.variants().is_empty() {
            fields.push(("Also called".to_owned(), c.variants().join(", ")));
        }
        if let Some(p) = c.part_of() {
            fields.push(("Part of".to_owned(), p.to_owned()));
        }
        if let Some(t) = c.climate_neutrality_target() {
            fields
                .push(("Climate neutral by".to_owned(), format!("{} [{}]", t.value, t.provenance)));
        }
        fields.push(("Source".to_owned(), c.provenance().to_string()));
        doc.push(Block::Fields(fields));
        if !c.is_identified() {
            let mut t = PageTable::new(&["Candidate", "Country", "Why"]);
            for cand in c.candidates() {
                t.row(vec![
                    cand.name.clone(),
                    cand.country.to_string(),
                    cand.provenance.to_string(),
                ]);
            }
            doc.push(Block::Heading("Unresolved identity: candidates".to_owned()));
            doc.push(Block::Table(t));
        }
        if !c.roles().is_empty() {
            let mut t = PageTable::new(&["Role", "Cohort", "Since", "Source"]);
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
            let mut t = PageTable::new(&["Project", "Role in it", "Source"]);
            for (m, acronym) in c.memberships().iter().zip(&self.projects) {
                let roles: Vec<String> = m.roles.iter().map(serde_key).collect();
                t.row(vec![acronym.clone(), roles.join(", "), m.provenance.to_string()]);
            }
            doc.push(Block::Heading("Partner projects".to_owned()));
            doc.push(Block::Table(t));
        }
        if !c.practices().is_empty() {
            let mut t = PageTable::new(&["Tested practice", "Themes", "Figures"]);
            for p in c.practices() {
                let figures: Vec<String> = p.quantities().iter().map(ToString::to_string).collect();
                t.row(vec![p.title().to_owned(), theme_keys(p.themes()), figures.join("; ")]);
            }
            doc.push(Block::Heading("Tested practices".to_owned()));
            doc.push(Block::Table(t));
        }
        if !c.learning_goals().is_empty() {
            let mut t = PageTable::new(&["Learning goal", "Themes"]);
            for g in c.learning_goals() {
                t.row(vec![g.text().to_owned(), theme_keys(g.themes())]);
            }
            doc.push(Block::Heading("Learning goals".to_owned()));
            doc.push(Block::Table(t));
        }
        for conflict in &self.conflicts {
            doc.push(Block::Heading("Conflict in the sources".to_owned()));
            doc.push(Block::Text(format!("{} [{}]", conflict.description, conflict.provenance)));
        }
    }
}

/// Theme keys joined with commas.
fn theme_keys(themes: &[Theme]) -> String {
    themes.iter().map(|t| t.key()).collect::<Vec<_>>().join(", ")
}

/// A partner project's page for people: its facts with their sources and
/// the catalogue cities taking part. (Its JSON is the [`PartnerProject`].)
pub fn project_page(cat: &Catalogue, p: &PartnerProject) -> Page {
    let mut doc = Page::new();
    doc.push(Block::Title(p.acronym().to_owned()));
    let mut fields = Vec::new();
    if let Some(n) = p.full_name() {
        fields.push(("Full name".to_owned(), n.to_owned()));
    }
    if let Some(g) = p.programme() {
        fields
            .push(("Programme".to_owned(), format!("{} [{}]", serde_key(&g.value), g.provenance)));
    }
    if let Some(period) = p.period() {
        fields.push(("Period".to_owned(), period.to_string()));
    }
    if let Some(b) = p.budget_eur() {
        fields.push(("Budget (EUR)".to_owned(), b.to_string()));
    }
    fields.push(("Themes".to_owned(), theme_keys(p.themes())));
    fields.push(("Source".to_owned(), p.provenance().to_string()));
    doc.push(Block::Fields(fields));
    let mut t = PageTable::new(&["Catalogue city", "Country", "Role in the project"]);
    for (c, m) in cat.in_project(p.slug().as_str()) {
        let roles: Vec<String> = m.roles.iter().map(serde_key).collect();
        t.row(vec![c.name().to_owned(), c.country().to_string(), roles.join(", ")]);
    }
    doc.push(Block::Heading("Cities".to_owned()));
    doc.push(Block::Table(t));
    doc
}

/// A city in a list of catalogue cities.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CityListEntry {
    /// The city's slug.
    pub slug: Slug,
    /// Its name.
    pub name: String,
    /// Its country.
    pub country: CountryCode,
    /// What kind of place it is.
    pub kind: CityKind,
    /// Its roles in the programme.
    pub roles: Vec<CityRole>,
    /// Acronyms of its partner projects.
    pub projects: Vec<String>,
    /// The themes of its practices and learning goals.
    pub themes: Vec<Theme>,
    /// Whether the sources identify it (false: candidates remain).
    pub identified: bool,
}

impl CityListEntry {
    /// The list entry of a catalogue city.
    pub fn new(cat: &Catalogue, c: &CityProfile) -> Self {
        CityListEntry {
            slug: c.slug().clone(),
            name: c.name().to_owned(),
            country: c.country(),
            kind: c.kind(),
            roles: c.roles().to_vec(),
            projects: cat.project_acronyms(c),
            themes: c.themes(),
            identified: c.is_identified(),
        }
    }
}

/// Which list of cities a [`city_list_page`] shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CityList {
    /// Catalogue cities: roles and partner projects.
    Catalogue,
    /// Mission Cities: their kind, and a note on the 2022 selection.
    MissionCities,
    /// Mission Cities of one country: their kind.
    MissionCitiesOfCountry,
}

/// A list of cities for people: a title with the count and one row each
/// (unresolved identities marked).
pub fn city_list_page(entries: &[CityListEntry], list: CityList) -> Page {
    let catalogue = list == CityList::Catalogue;
    let mut t = if catalogue {
        PageTable::new(&["City", "Country", "Roles", "Projects"])
    } else {
        PageTable::new(&["City", "Country", "Kind"])
    };
    for e in entries {
        let mut name = e.name.clone();
        if !e.identified {
            name.push_str(" (unresolved)");
        }
        if catalogue {
            t.row(vec![name, e.country.to_string(), roles_text(&e.roles), e.projects.join(", ")]);
        } else {
            t.row(vec![name, e.country.to_string(), serde_key(&e.kind)]);
        }
    }
    let title = if catalogue { "Cities in the catalogue" } else { "Mission Cities" };
    let mut doc = Page::new();
    doc.push(Block::Title(format!("{title} ({})", entries.len())));
    doc.push(Block::Table(t));
    if list == CityList::MissionCities {
        doc.push(Block::Text(
            "The 2022 selection named 112 Mission Cities (100 in EU member states, 12 in \
             associated countries); a few identifications are uncertain, see \
             `twinning catalogue show NAME`."
                .to_owned(),
        ));
    }
    doc
}

/// `Twin City C2, Mission City`: each role with its cohort where it has one.
fn roles_text(roles: &[CityRole]) -> String {
    let mut v: Vec<String> = roles
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

/// A partner project in a list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ProjectListEntry {
    /// The project's slug.
    pub slug: Slug,
    /// Its acronym.
    pub acronym: String,
    /// Its full name, when known.
    pub full_name: Option<String>,
    /// The programme that funds it, with the source.
    pub programme: Option<Sourced<FundingProgramme>>,
    /// Its themes.
    pub themes: Vec<Theme>,
    /// The names of the catalogue cities taking part.
    pub catalogue_cities: Vec<String>,
}

/// The partner projects with a catalogue city in `country` (when given)
/// and the `theme` (when given), in catalogue order.
pub fn project_list(
    cat: &Catalogue,
    country: Option<CountryCode>,
    theme: Option<Theme>,
) -> Vec<ProjectListEntry> {
    let mut out = Vec::new();
    for p in cat.projects() {
        let members = cat.in_project(p.slug().as_str());
        if let Some(cc) = country
            && !members.iter().any(|(c, _)| c.country() == cc)
        {
            continue;
        }
        if theme.is_some_and(|t| !p.themes().contains(&t)) {
            continue;
        }
        out.push(ProjectListEntry {
            slug: p.slug().clone(),
            acronym: p.acronym().to_owned(),
            full_name: p.full_name().map(str::to_owned),
            programme: p.programme().cloned(),
            themes: p.themes().to_vec(),
            catalogue_cities: members.iter().map(|(c, _)| c.name().to_owned()).collect(),
        });
    }
    out
}

/// A list of partner projects for people: acronym, programme, catalogue
/// cities and themes.
pub fn project_list_page(entries: &[ProjectListEntry]) -> Page {
    let mut t = PageTable::new(&["Project", "Programme", "Catalogue cities", "Themes"]);
    for p in entries {
        let programme = p.programme.as_ref().map(|s| serde_key(&s.value)).unwrap_or_default();
        t.row(vec![
            p.acronym.clone(),
            programme,
            p.catalogue_cities.join(", "),
            theme_keys(&p.themes),
        ]);
    }
    let mut doc = Page::new();
    doc.push(Block::Title(format!("Partner projects ({})", entries.len())));
    doc.push(Block::Table(t));
    doc
}
