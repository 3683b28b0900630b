use chrono::NaiveDate;
use twinning_cohort::{CohortNumber, Role};
use twinning_core::{CountryCode, Sourced};

use crate::CountryGroup;

/// An earlier role of a city in the programme, as a registry records it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EarlierRole {
    /// The cohort (for Pilot Cities: the Pilot Cities cohort), when known.
    /// When judging an application to cohort *n*, Twin City roles in cohorts
    /// before *n* and Pilot City roles in Pilot cohorts up to *n* count as
    /// earlier (Pilot cohort *n* was selected before Twin cohort *n* opened);
    /// a role whose cohort is unknown always counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cohort: Option<CohortNumber>,
    /// The role the city held.
    pub role: Role,
    /// The day the role started (its announcement), when known. An
    /// application is judged on the roles held at its submission: a role
    /// starting later does not count against it. Without a start, the
    /// cohort rule above applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
}

/// What a registry knows of a city's earlier Twin and Pilot roles.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EarlierRoles {
    /// The roles found, each with its source.
    pub records: Vec<Sourced<EarlierRole>>,
    /// Whether the registry's lists are complete, so that finding nothing
    /// proves there is nothing. The published lists of Twin and Pilot Cities
    /// are partial, so the built-in registry answers `false`.
    pub complete: bool,
}

/// The facts the criteria check declarations against.
///
/// Every answer carries its provenance; `None` means the registry does not
/// know, which makes the criterion *unknown* rather than failed. An answer
/// whose provenance is [`Confidence::Uncertain`](twinning_core::Confidence)
/// also leaves the criterion unknown.
///
/// [`BuiltinRegistry`](crate::BuiltinRegistry) answers from the
/// `twinning-profile` catalogue and country tables; tests and services with
/// their own records implement this trait.
pub trait Registry {
    /// Whether `country` belongs to `group` on `day`.
    fn country_in_group(
        &self,
        country: CountryCode,
        group: CountryGroup,
        day: NaiveDate,
    ) -> Option<Sourced<bool>>;

    /// Whether the city called `name` (in `country`, when declared) is one
    /// of the Mission Cities.
    fn mission_city(&self, name: &str, country: Option<CountryCode>) -> Option<Sourced<bool>>;

    /// The city's Twin and Pilot roles in any cohort; the evaluation keeps
    /// those held before the cohort applied to.
    fn earlier_roles(&self, name: &str, country: Option<CountryCode>) -> EarlierRoles;

    /// Whether the project called `project` is one of the selected partner
    /// projects; `None` for a project the registry does not know.
    fn selected_partner_project(&self, project: &str) -> Option<Sourced<bool>>;

    /// The city's entry in the catalogue of invited Mission-minded cities,
    /// if it has one: the partner projects the entry names.
    fn catalogue_entry(
        &self,
        name: &str,
        country: Option<CountryCode>,
    ) -> Option<Sourced<Vec<String>>>;

    /// The countries in which the registry knows a city called `name`, each
    /// with its source; empty when it knows none. A declared country outside
    /// this list is reported as a conflict. The default knows none.
    fn countries_of(&self, name: &str) -> Vec<Sourced<CountryCode>> {
        let _ = name;
        Vec::new()
    }

    /// The year by which the city has committed to climate neutrality, when
    /// the registry records it. The default knows none.
    fn neutrality_target(&self, name: &str, country: Option<CountryCode>) -> Option<Sourced<i32>> {
        let _ = (name, country);
        None
    }

    /// The name under which the registry records the city called `name`
    /// (`Plzeň` for `Pilsen`), so that an explanation can say which record
    /// it matched. The default knows none.
    fn city_record(&self, name: &str, country: Option<CountryCode>) -> Option<String> {
        let _ = (name, country);
        None
    }

    /// The name under which the registry records the project called
    /// `project` (`GREEN-LOG` for `GreenLog`). The default knows none.
    fn project_record(&self, project: &str) -> Option<String> {
        let _ = project;
        None
    }

    /// Known city names close to `name`, for a "did you mean …?" when
    /// nothing matched. The default knows none.
    fn closest_city_names(&self, name: &str, country: Option<CountryCode>) -> Vec<String> {
        let _ = (name, country);
        Vec::new()
    }

    /// Known project names close to `project`, for a "did you mean …?" when
    /// nothing matched. The default knows none.
    fn closest_project_names(&self, project: &str) -> Vec<String> {
        let _ = project;
        Vec::new()
    }
}

impl<R: Registry + ?Sized> Registry for &R {
    fn country_in_group(
        &self,
        country: CountryCode,
        group: CountryGroup,
        day: NaiveDate,
    ) -> Option<Sourced<bool>> {
        (**self).country_in_group(country, group, day)
    }

    fn mission_city(&self, name: &str, country: Option<CountryCode>) -> Option<Sourced<bool>> {
        (**self).mission_city(name, country)
    }

    fn earlier_roles(&self, name: &str, country: Option<CountryCode>) -> EarlierRoles {
        (**self).earlier_roles(name, country)
    }

    fn selected_partner_project(&self, project: &str) -> Option<Sourced<bool>> {
        (**self).selected_partner_project(project)
    }

    fn catalogue_entry(
        &self,
        name: &str,
        country: Option<CountryCode>,
    ) -> Option<Sourced<Vec<String>>> {
        (**self).catalogue_entry(name, country)
    }

    fn countries_of(&self, name: &str) -> Vec<Sourced<CountryCode>> {
        (**self).countries_of(name)
    }

    fn neutrality_target(&self, name: &str, country: Option<CountryCode>) -> Option<Sourced<i32>> {
        (**self).neutrality_target(name, country)
    }

    fn city_record(&self, name: &str, country: Option<CountryCode>) -> Option<String> {
        (**self).city_record(name, country)
    }

    fn project_record(&self, project: &str) -> Option<String> {
        (**self).project_record(project)
    }

    fn closest_city_names(&self, name: &str, country: Option<CountryCode>) -> Vec<String> {
        (**self).closest_city_names(name, country)
    }

    fn closest_project_names(&self, project: &str) -> Vec<String> {
        (**self).closest_project_names(project)
    }
}
