use std::sync::Arc;

use chrono::NaiveDate;
use twinning_cohort::Role;
use twinning_core::{CountryCode, Provenance, Sourced};
use twinning_profile::{Catalogue, CityProfile, Countries, Overlay};

use crate::{CountryGroup, EarlierRole, EarlierRoles, Registry};

/// The cohort whose catalogue of invited Mission-minded cities the
/// `invited` and `partner-project` criteria consult.
const CATALOGUE_COHORT: u16 = 5;

/// The page of the cohort 5 catalogue.
const CATALOGUE_SOURCE: &str = "seed 000 (netzerocities.eu/twin-cities-mission-cities-2026-2027)";

/// The registry built from `twinning-profile`'s country tables and
/// catalogue: EU membership and Horizon Europe / Horizon 2020 association by
/// date, the 112 Mission Cities, earlier Twin and Pilot roles, and the
/// cohort 5 catalogue with its partner projects.
///
/// * A country answer the tables leave open (an association whose first day
///   is not known, sources in conflict) is `None`: the criterion is unknown.
///   Horizon 2020 records are held with uncertain confidence in the tables,
///   so cohort 1 decisions on associated countries come out undetermined
///   for a person to confirm.
/// * A city name the catalogue does not know is not a Mission City (the list
///   of 112 is complete; the answer is marked inferred, because a Mission
///   City spelt in an unknown way would not be recognised).
/// * The lists of earlier Twin and Pilot Cities are partial, so finding
///   nothing proves nothing ([`EarlierRoles::complete`] is `false`).
/// * The selected partner projects are the projects the catalogue names,
///   cited to the catalogue (seed 000).
/// * Climate-neutrality target years are those the catalogue records (a
///   few cohort 5 cities).
///
/// Names are matched ignoring case, accents, spaces, hyphens and
/// punctuation, including the variants the catalogue records (Köln /
/// Cologne, Pilsen / Plzeň, GreenLog / GREEN-LOG); where nothing matches,
/// the closest known names are offered.
///
/// [`BuiltinRegistry::with_overlay`] answers from the built-in data with a
/// data overlay applied (new cities, roles, pairs, memberships published
/// after the release); its answers cite the overlay's sources.
#[derive(Debug, Clone)]
pub struct BuiltinRegistry {
    countries: CountriesRef,
    catalogue: CatalogueRef,
}

/// The built-in country tables, or ones with an overlay's steps added.
#[derive(Debug, Clone)]
enum CountriesRef {
    Builtin(&'static Countries),
    Own(Arc<Countries>),
}

/// The built-in catalogue, or one with an overlay applied.
#[derive(Debug, Clone)]
enum CatalogueRef {
    Builtin(&'static Catalogue),
    Own(Arc<Catalogue>),
}

impl Default for BuiltinRegistry {
    fn default() -> Self {
        Self::new()
    }
}

impl BuiltinRegistry {
    /// The registry over the built-in tables (built once, shared).
    pub fn new() -> Self {
        Self {
            countries: CountriesRef::Builtin(Countries::builtin()),
            catalogue: CatalogueRef::Builtin(Catalogue::builtin()),
        }
    }

    /// The registry over the built-in tables with `overlay` applied to the
    /// catalogue (see [`Catalogue::with_overlay`]) and the country tables
    /// (its association steps, see [`Countries::with_overlay`]).
    ///
    /// ```
    /// use twinning_eligibility::BuiltinRegistry;
    /// use twinning_profile::Overlay;
    ///
    /// let overlay = Overlay::from_json(r#"{"schema_version": 1, "as_of": "2027-03-01"}"#)?;
    /// let registry = BuiltinRegistry::with_overlay(&overlay)?;
    /// assert_eq!(registry.overlay_as_of(), Some(overlay.as_of()));
    /// # Ok::<(), twinning_profile::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The [`twinning_profile::Error`] of [`Countries::with_overlay`] or
    /// [`Catalogue::with_overlay`], naming the overlay entry and field.
    pub fn with_overlay(overlay: &Overlay) -> Result<Self, twinning_profile::Error> {
        let countries = Countries::builtin().with_overlay(overlay)?;
        let catalogue = Catalogue::builtin().with_overlay(overlay)?;
        Ok(Self {
            countries: CountriesRef::Own(Arc::new(countries)),
            catalogue: CatalogueRef::Own(Arc::new(catalogue)),
        })
    }

    /// The registry over the built-in country tables and `catalogue` (the
    /// built-in one with overlays applied, say).
    pub fn with_catalogue(catalogue: Catalogue) -> Self {
        Self {
            countries: CountriesRef::Builtin(Countries::builtin()),
            catalogue: CatalogueRef::Own(Arc::new(catalogue)),
        }
    }

    /// The country tables the registry answers from.
    pub fn countries(&self) -> &Countries {
        match &self.countries {
            CountriesRef::Builtin(c) => c,
            CountriesRef::Own(c) => c,
        }
    }

    /// The catalogue the registry answers from.
    pub fn catalogue(&self) -> &Catalogue {
        match &self.catalogue {
            CatalogueRef::Builtin(c) => c,
            CatalogueRef::Own(c) => c,
        }
    }

    /// The day the built-in data was last checked against its sources
    /// ([`twinning_profile::BUILTIN_AS_OF`]).
    pub fn as_of(&self) -> Option<NaiveDate> {
        self.catalogue().as_of()
    }

    /// The `as_of` day of the overlay applied, if any.
    pub fn overlay_as_of(&self) -> Option<NaiveDate> {
        self.catalogue().overlay_as_of()
    }

    fn cities(&self, name: &str, country: Option<CountryCode>) -> Vec<&CityProfile> {
        self.catalogue().find(name, country)
    }
}

/// `p` with the answer's own explanation in front of any note it carries.
fn with_note(p: Provenance, note: &str) -> Provenance {
    if note.is_empty() {
        return p;
    }
    let combined = match p.note() {
        Some(existing) if existing != note => format!("{note} ({existing})"),
        _ => note.to_owned(),
    };
    p.with_note(combined)
}

impl Registry for BuiltinRegistry {
    fn country_in_group(
        &self,
        country: CountryCode,
        group: CountryGroup,
        day: NaiveDate,
    ) -> Option<Sourced<bool>> {
        let (verdict, provenance, note) = match group {
            CountryGroup::EuMember => {
                let a = self.countries().is_eu_member_on(country, day);
                (a.verdict, a.provenance, a.note)
            }
            CountryGroup::HorizonEuropeAssociated => {
                let a = self.countries().horizon_europe_association_on(country, day);
                (a.verdict, a.provenance, a.note)
            }
            CountryGroup::Horizon2020Associated => {
                let a = self.countries().horizon_2020_association_on(country, day);
                (a.verdict, a.provenance, a.note)
            }
        };
        let value = match verdict {
            twinning_profile::YesNoUnknown::Yes => true,
            twinning_profile::YesNoUnknown::No => false,
            _ => return None,
        };
        Some(Sourced::new(value, with_note(provenance, &note)))
    }

    fn mission_city(&self, name: &str, country: Option<CountryCode>) -> Option<Sourced<bool>> {
        if let Some(answer) = self.catalogue().is_mission_city_named(name, country) {
            return Some(answer);
        }
        Some(Sourced::new(
            false,
            Provenance::inferred(
                "twinning-profile catalogue of the 112 Mission Cities",
                format!(
                    "no catalogue city is called {name:?}; the list of 112 is complete, but a \
                     Mission City spelt another way would not be recognised"
                ),
            ),
        ))
    }

    fn earlier_roles(&self, name: &str, country: Option<CountryCode>) -> EarlierRoles {
        let mut records = Vec::new();
        for city in self.cities(name, country) {
            for r in self.catalogue().past_twin_or_pilot_roles(city.id()) {
                if !matches!(r.role, Role::TwinCity | Role::PilotCity) {
                    continue;
                }
                let role = r.role;
                records.push(Sourced::new(
                    EarlierRole { cohort: r.cohort, role, since: r.since },
                    r.provenance.clone(),
                ));
            }
        }
        EarlierRoles { records, complete: false }
    }

    /// A project the cohort 5 catalogue names in a city's entry is a selected
    /// partner project: the answer cites the catalogue (seed 000), whose
    /// naming it is what makes it one, not the project's own record (whose
    /// full name or programme may be unknown). It is marked inferred: the
    /// page counts 14 projects while its entries name more labels.
    fn selected_partner_project(&self, project: &str) -> Option<Sourced<bool>> {
        let p = self.catalogue().project_by_name(project)?;
        let members = self.catalogue().in_project(p.slug().as_str());
        if members.is_empty() {
            return Some(Sourced::new(true, p.provenance().clone()));
        }
        Some(Sourced::new(
            true,
            Provenance::inferred(
                CATALOGUE_SOURCE,
                format!(
                    "{} is named as a partner project in the cohort 5 catalogue; the page counts 14 partner projects while its entries name more labels",
                    p.acronym()
                ),
            ),
        ))
    }

    fn catalogue_entry(
        &self,
        name: &str,
        country: Option<CountryCode>,
    ) -> Option<Sourced<Vec<String>>> {
        self.cities(name, country).into_iter().find_map(|city| {
            let listed = city.roles().iter().find(|r| {
                r.role == Role::MissionMindedCity && r.cohort.is_some_and(|c| c == CATALOGUE_COHORT)
            })?;
            let projects = city
                .memberships()
                .iter()
                .filter_map(|m| self.catalogue().project_by_slug(m.project.as_str()))
                .map(|p| p.acronym().to_owned())
                .collect();
            Some(Sourced::new(projects, listed.provenance.clone()))
        })
    }

    fn countries_of(&self, name: &str) -> Vec<Sourced<CountryCode>> {
        let mut found: Vec<Sourced<CountryCode>> = Vec::new();
        for city in self.catalogue().find_by_name(name) {
            if !found.iter().any(|f| f.value == city.country()) {
                found.push(Sourced::new(city.country(), city.provenance().clone()));
            }
        }
        found
    }

    fn neutrality_target(&self, name: &str, country: Option<CountryCode>) -> Option<Sourced<i32>> {
        self.cities(name, country).into_iter().find_map(|c| c.climate_neutrality_target().cloned())
    }

    fn city_record(&self, name: &str, country: Option<CountryCode>) -> Option<String> {
        let found = self.cities(name, country);
        let exact = found.iter().find(|c| c.answers_to(name)).or(found.first())?;
        Some(exact.name().to_owned())
    }

    fn project_record(&self, project: &str) -> Option<String> {
        self.catalogue().project_by_name(project).map(|p| p.acronym().to_owned())
    }

    fn closest_city_names(&self, name: &str, country: Option<CountryCode>) -> Vec<String> {
        self.catalogue().closest_city_names(name, country)
    }

    fn closest_project_names(&self, project: &str) -> Vec<String> {
        self.catalogue().closest_project_names(project)
    }
}
