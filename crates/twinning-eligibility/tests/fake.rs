//! A registry whose facts each test states itself.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, NaiveDate};
use twinning_cohort::{CohortNumber, Role};
use twinning_core::{CountryCode, Provenance, Sourced};
use twinning_eligibility::{CountryGroup, EarlierRole, EarlierRoles, Registry};

/// Cohort `n`.
pub(crate) fn no(n: u16) -> CohortNumber {
    CohortNumber::new(n).unwrap()
}

pub(crate) fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub(crate) fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

pub(crate) fn cc(s: &str) -> CountryCode {
    s.parse().unwrap()
}

/// Membership of a country in a group from a day on (inclusive), optionally until a day (exclusive).
#[derive(Clone, Debug)]
pub(crate) struct Span {
    pub(crate) country: CountryCode,
    pub(crate) group: CountryGroup,
    pub(crate) from: NaiveDate,
    pub(crate) until: Option<NaiveDate>,
    pub(crate) provenance: Provenance,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Fake {
    pub(crate) spans: Vec<Span>,
    /// Countries the fake has no answer for at all.
    pub(crate) unknown_countries: BTreeSet<CountryCode>,
    /// Mission Cities by lower-case name, with their provenance.
    pub(crate) mission_cities: BTreeMap<String, Provenance>,
    /// Whether the fake can answer Mission City questions at all.
    pub(crate) knows_mission_cities: bool,
    pub(crate) earlier: BTreeMap<String, Vec<Sourced<EarlierRole>>>,
    pub(crate) complete_earlier: bool,
    /// Partner projects by lower-case name: selected or not.
    pub(crate) projects: BTreeMap<String, Sourced<bool>>,
    pub(crate) catalogue: BTreeMap<String, Sourced<Vec<String>>>,
    /// The countries a city name is known in, by lower-case name.
    pub(crate) countries: BTreeMap<String, Vec<CountryCode>>,
    /// Climate-neutrality target years by lower-case name.
    pub(crate) targets: BTreeMap<String, Sourced<i32>>,
}

impl Fake {
    /// A registry with the EU and association facts the tests rely on, from the
    /// association pages the built-in tables cite (GB from 2024-01-01, CH from
    /// 2025-01-01, NO and TR from 2021-01-01), and no cities.
    pub(crate) fn europe() -> Self {
        let mut f = Fake { knows_mission_cities: true, ..Fake::default() };
        for code in [
            "ES", "FR", "DE", "PT", "IE", "RO", "GR", "FI", "SE", "BE", "PL", "IT", "NL", "DK",
            "HU", "SI", "CZ", "AT",
        ] {
            f.span(code, CountryGroup::EuMember, "1995-01-01", None);
        }
        f.span("GB", CountryGroup::EuMember, "1973-01-01", Some("2020-02-01"));
        f.span("GB", CountryGroup::HorizonEuropeAssociated, "2024-01-01", None);
        f.span("CH", CountryGroup::HorizonEuropeAssociated, "2025-01-01", None);
        f.span("NO", CountryGroup::HorizonEuropeAssociated, "2021-01-01", None);
        f.span("TR", CountryGroup::HorizonEuropeAssociated, "2021-01-01", None);
        f.span("NO", CountryGroup::Horizon2020Associated, "2014-01-01", None);
        f.span("TR", CountryGroup::Horizon2020Associated, "2014-01-01", None);
        f
    }

    pub(crate) fn span(
        &mut self,
        country: &str,
        group: CountryGroup,
        from: &str,
        until: Option<&str>,
    ) {
        self.spans.push(Span {
            country: cc(country),
            group,
            from: day(from),
            until: until.map(day),
            provenance: Provenance::confirmed("test fact"),
        });
    }

    pub(crate) fn mission_city(mut self, name: &str) -> Self {
        self.mission_cities.insert(name.to_lowercase(), Provenance::confirmed("test list"));
        self
    }

    pub(crate) fn earlier(mut self, name: &str, cohort: u16, role: Role) -> Self {
        self.earlier.entry(name.to_lowercase()).or_default().push(Sourced::new(
            EarlierRole { cohort: Some(no(cohort)), role, since: None },
            Provenance::confirmed("test list"),
        ));
        self
    }

    pub(crate) fn project(mut self, name: &str, selected: bool) -> Self {
        self.projects.insert(
            name.to_lowercase(),
            Sourced::new(selected, Provenance::confirmed("test list")),
        );
        self
    }

    pub(crate) fn target(mut self, city: &str, year: i32, provenance: Provenance) -> Self {
        self.targets.insert(city.to_lowercase(), Sourced::new(year, provenance));
        self
    }

    pub(crate) fn catalogued(mut self, city: &str, projects: &[&str]) -> Self {
        self.catalogue.insert(
            city.to_lowercase(),
            Sourced::new(
                projects.iter().map(|p| (*p).to_owned()).collect(),
                Provenance::confirmed("test catalogue"),
            ),
        );
        self
    }
}

impl Registry for Fake {
    fn country_in_group(
        &self,
        country: CountryCode,
        group: CountryGroup,
        on: NaiveDate,
    ) -> Option<Sourced<bool>> {
        if self.unknown_countries.contains(&country) {
            return None;
        }
        let hit = self.spans.iter().find(|s| {
            s.country == country
                && s.group == group
                && s.from <= on
                && s.until.is_none_or(|u| on < u)
        });
        Some(match hit {
            Some(s) => Sourced::new(true, s.provenance.clone()),
            None => Sourced::new(false, Provenance::confirmed("test fact")),
        })
    }

    fn mission_city(&self, name: &str, _: Option<CountryCode>) -> Option<Sourced<bool>> {
        if !self.knows_mission_cities {
            return None;
        }
        Some(match self.mission_cities.get(&name.to_lowercase()) {
            Some(p) => Sourced::new(true, p.clone()),
            None => Sourced::new(false, Provenance::confirmed("test list")),
        })
    }

    fn earlier_roles(&self, name: &str, _: Option<CountryCode>) -> EarlierRoles {
        EarlierRoles {
            records: self.earlier.get(&name.to_lowercase()).cloned().unwrap_or_default(),
            complete: self.complete_earlier,
        }
    }

    fn selected_partner_project(&self, project: &str) -> Option<Sourced<bool>> {
        self.projects.get(&project.to_lowercase()).cloned()
    }

    fn catalogue_entry(&self, name: &str, _: Option<CountryCode>) -> Option<Sourced<Vec<String>>> {
        self.catalogue.get(&name.to_lowercase()).cloned()
    }

    fn countries_of(&self, name: &str) -> Vec<Sourced<CountryCode>> {
        self.countries
            .get(&name.to_lowercase())
            .map(|v| {
                v.iter().map(|c| Sourced::new(*c, Provenance::confirmed("test list"))).collect()
            })
            .unwrap_or_default()
    }

    fn neutrality_target(&self, name: &str, _: Option<CountryCode>) -> Option<Sourced<i32>> {
        self.targets.get(&name.to_lowercase()).cloned()
    }
}

/// The built-in rule set of a cohort and role.
pub(crate) fn rules(cohort: u16, role: Role) -> twinning_eligibility::RuleSet {
    twinning_eligibility::RuleSet::builtin(no(cohort), role).unwrap()
}

/// A Twin City application complete in every declaration: it meets every
/// cohort 2–3 criterion given the right country and day.
pub(crate) fn twin(name: &str, country: &str, submitted: &str) -> twinning_eligibility::Applicant {
    twinning_eligibility::Applicant::new(name)
        .unwrap()
        .with_country(cc(country))
        .with_local_authority(true)
        .with_neutrality_year(2050)
        .with_claims(twinning_eligibility::Claims {
            mission_city: None,
            earlier_twin_or_pilot: Some(false),
        })
        .with_submitted_at(at(submitted))
}
