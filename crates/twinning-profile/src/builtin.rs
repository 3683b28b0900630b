//! Loading the built-in catalogue once: the Rust tables of
//! `builtin_cities.rs` merged with `data/catalogue.json`.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use twinning_core::{CohortNumber, Provenance, Slug};

use crate::builtin_cities::{
    INFERRED_PAIRS, MISSION_CITIES, OTHER_CITIES, PAIRS, ROLES, day, draft, mission_role,
    provenance,
};
use crate::catalogue::{CatalogueParts, TwinPair};
use crate::document::{city_drafts, parse_raw};
use crate::{Catalogue, CityProfile, CityProfileDraft, CityRole, Error, PartnerProject};

/// The cohort 5 catalogue, its partner projects, stated counts and
/// conflicts, embedded at build time.
const CATALOGUE_JSON: &str = include_str!("../data/catalogue.json");

/// The day the built-in data was last checked against its public sources:
/// 6 December 2026, when the December 2026 check of every catalogue, role,
/// membership and association fact against its page was applied (the
/// newest page the data cites is of 23 December 2025).
pub const BUILTIN_AS_OF: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2026, 12, 6) {
    Some(d) => d,
    None => chrono::NaiveDate::MIN,
};

static BUILTIN: LazyLock<Result<Catalogue, Error>> = LazyLock::new(load);
static EMPTY: LazyLock<Catalogue> = LazyLock::new(Catalogue::empty);

pub(crate) fn catalogue() -> &'static Catalogue {
    match &*BUILTIN {
        Ok(c) => c,
        Err(_) => &EMPTY,
    }
}

pub(crate) fn try_catalogue() -> Result<&'static Catalogue, Error> {
    BUILTIN.as_ref().map_err(Clone::clone)
}

/// The provenance of "not a Mission City" for a city outside the list.
pub(crate) fn mission_list_provenance() -> Provenance {
    Provenance::confirmed("netzerocities.eu/mission-cities/ (112 Mission Cities, 35 countries)")
        .with_note("the list of 112 is complete and every member is identified by a public page")
}

fn load() -> Result<Catalogue, Error> {
    let mut raw = parse_raw(CATALOGUE_JSON)?;
    let json_cities = city_drafts(&mut raw)?;
    // Drafts by slug, Rust tables first, then the JSON entries merged in.
    let mut drafts: BTreeMap<String, CityProfileDraft> = BTreeMap::new();
    for (country, source, rows) in MISSION_CITIES {
        for row in *rows {
            let source = row.source.unwrap_or(source);
            let mut d = draft(country, row, source);
            d.roles.push(mission_role(source, row.sure));
            drafts.insert(row.slug.to_owned(), d);
        }
    }
    for (country, row, source) in OTHER_CITIES {
        drafts.insert(row.slug.to_owned(), draft(country, row, source));
    }
    for (path, d) in json_cities {
        match drafts.get_mut(&d.slug) {
            Some(existing) => merge(existing, d, &path)?,
            None => {
                drafts.insert(d.slug.clone(), d);
            }
        }
    }
    for &(slug, role, cohort, since, source, sure) in ROLES {
        let Some(d) = drafts.get_mut(slug) else {
            return Err(Error::invalid("builtin roles", slug, "no city with this slug"));
        };
        let cohort = cohort
            .map(CohortNumber::new)
            .transpose()
            .map_err(|e| Error::invalid("builtin roles", slug, e))?;
        d.roles.push(CityRole {
            role,
            cohort,
            since: since.and_then(day),
            provenance: provenance(source, sure),
        });
    }
    let cities = drafts
        .into_values()
        .map(|d| {
            let path = format!("builtin.{}", d.slug);
            CityProfile::new(d, &path)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let projects = raw
        .projects
        .into_iter()
        .enumerate()
        .map(|(i, p)| PartnerProject::new(p, &format!("projects[{i}]")))
        .collect::<Result<Vec<_>, _>>()?;
    let mut twin_pairs = Vec::with_capacity(PAIRS.len() + raw.twin_pairs.len());
    for &(cohort, twin, peers, activity, source) in PAIRS {
        let slug = |s: &str| s.parse::<Slug>().map_err(|e| Error::invalid("builtin pairs", s, e));
        let cohort =
            CohortNumber::new(cohort).map_err(|e| Error::invalid("builtin pairs", twin, e))?;
        twin_pairs.push(TwinPair {
            cohort,
            twin: slug(twin)?,
            peers: peers.iter().map(|p| slug(p)).collect::<Result<_, _>>()?,
            activity: activity.map(str::to_owned),
            provenance: Provenance::confirmed(source),
        });
    }
    for &((cohort, twin, peers, activity, source), note) in INFERRED_PAIRS {
        let slug = |s: &str| s.parse::<Slug>().map_err(|e| Error::invalid("builtin pairs", s, e));
        let cohort =
            CohortNumber::new(cohort).map_err(|e| Error::invalid("builtin pairs", twin, e))?;
        twin_pairs.push(TwinPair {
            cohort,
            twin: slug(twin)?,
            peers: peers.iter().map(|p| slug(p)).collect::<Result<_, _>>()?,
            activity: activity.map(str::to_owned),
            provenance: Provenance::inferred(source, note),
        });
    }
    twin_pairs.extend(raw.twin_pairs);
    Catalogue::new(CatalogueParts {
        cities,
        projects,
        twin_pairs,
        stated_counts: raw.stated_counts,
        conflicts: raw.conflicts,
    })
    .map(|c| c.with_as_of(BUILTIN_AS_OF))
}

/// Adds a JSON entry's facts to a city the Rust tables already hold.
fn merge(into: &mut CityProfileDraft, from: CityProfileDraft, path: &str) -> Result<(), Error> {
    if into.country != from.country {
        return Err(Error::invalid(
            &format!("{path}.country"),
            from.country,
            "the built-in tables give this city another country",
        ));
    }
    for v in from.variants {
        if !into.variants.contains(&v) && v != into.name {
            into.variants.push(v);
        }
    }
    into.roles.extend(from.roles);
    into.memberships.extend(from.memberships);
    into.practices.extend(from.practices);
    into.learning_goals.extend(from.learning_goals);
    into.candidates.extend(from.candidates);
    if from.climate_neutrality_target.is_some() {
        into.climate_neutrality_target = from.climate_neutrality_target;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_loads() {
        if let Err(e) = &*BUILTIN {
            panic!("built-in catalogue fails to load: {e}");
        }
    }
}
