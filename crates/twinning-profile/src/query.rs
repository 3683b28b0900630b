//! Searching the catalogue's cities by country, theme, partner project and
//! role.

use twinning_core::CountryCode;

use crate::{Catalogue, CityProfile, PartnerProject, Role, Theme};

/// A filter over a catalogue's cities; every field left `None` matches all.
///
/// ```
/// use twinning_profile::{Catalogue, CityQuery, Theme};
///
/// let catalogue = Catalogue::builtin();
/// let query = CityQuery { theme: Some(Theme::Mobility), ..CityQuery::default() };
/// let cities = catalogue.search(&query);
/// assert!(cities.iter().all(|c| c.themes().contains(&Theme::Mobility)));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct CityQuery<'a> {
    /// Only cities in this country.
    pub country: Option<CountryCode>,
    /// Only cities with a practice or a learning goal on this theme.
    pub theme: Option<Theme>,
    /// Only members of this partner project.
    pub project: Option<&'a PartnerProject>,
    /// Only cities that held this role at some time.
    pub role: Option<Role>,
}

impl CityQuery<'_> {
    /// Whether a city passes every filter.
    #[must_use]
    pub fn matches(&self, city: &CityProfile) -> bool {
        self.country.is_none_or(|c| city.country() == c)
            && self.theme.is_none_or(|t| city.themes().contains(&t))
            && self
                .project
                .is_none_or(|p| city.memberships().iter().any(|m| &m.project == p.slug()))
            && self.role.is_none_or(|r| city.has_role(r))
    }
}

impl Catalogue {
    /// The cities that pass `query`, in catalogue order.
    #[must_use]
    pub fn search(&self, query: &CityQuery<'_>) -> Vec<&CityProfile> {
        self.cities().iter().filter(|c| query.matches(c)).collect()
    }

    /// The acronyms of the partner projects a city belongs to (`URBREATH`),
    /// in its order; a project the catalogue does not hold is named by its
    /// slug.
    #[must_use]
    pub fn project_acronyms(&self, city: &CityProfile) -> Vec<String> {
        city.memberships()
            .iter()
            .map(|m| {
                self.project_by_slug(m.project.as_str())
                    .map_or_else(|| m.project.to_string(), |p| p.acronym().to_owned())
            })
            .collect()
    }
}

impl CityProfile {
    /// The themes of its practices and learning goals, in the taxonomy's
    /// order, each once.
    #[must_use]
    pub fn themes(&self) -> Vec<Theme> {
        let mut v: Vec<Theme> = self
            .practices()
            .iter()
            .flat_map(|p| p.themes().iter().copied())
            .chain(self.learning_goals().iter().flat_map(|g| g.themes().iter().copied()))
            .collect();
        v.sort();
        v.dedup();
        v
    }
}
