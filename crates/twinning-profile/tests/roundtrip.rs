//! Arbitrary valid profiles survive JSON unchanged.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use twinning_core::{Confidence, CountryCode, Provenance, Slug, Sourced};
use twinning_profile::{
    Catalogue, CityKind, CityProfile, CityProfileDraft, CityRole, IdentityCandidate,
    LearningGoalDraft, PracticeDraft, ProfileDocument, ProjectMembership, ProjectRole, Quantity,
    Role, Theme, Unit, load_json,
};

fn text() -> impl Strategy<Value = String> {
    // Any printable text with at least one visible character, diacritics
    // included, short of the character pairs that only mojibake produces
    // (`Ã` followed by `Š`, say), which names reject.
    "[A-Za-zÀ-ž0-9][A-Za-zÀ-ž0-9 ,.'’()-]{0,24}"
        .prop_filter("not mojibake", |s| twinning_profile::detect_mojibake(s).is_none())
}

fn provenance() -> impl Strategy<Value = Provenance> {
    (
        text(),
        prop::sample::select(vec![
            Confidence::Confirmed,
            Confidence::Inferred,
            Confidence::Uncertain,
        ]),
        prop::option::of(0i64..20_000),
        prop::option::of(text()),
    )
        .prop_map(|(source, confidence, day, note)| {
            let mut p = Provenance::new(source, confidence).unwrap();
            if let Some(d) = day {
                let base = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
                p = p.with_as_of(base + chrono::Days::new(d.unsigned_abs()));
            }
            if let Some(n) = note {
                p = p.with_note(n);
            }
            p
        })
}

fn themes() -> impl Strategy<Value = Vec<Theme>> {
    prop::sample::subsequence(Theme::ALL.to_vec(), 1..=4).prop_shuffle()
}

fn quantity() -> impl Strategy<Value = Quantity> {
    (
        any::<u32>(),
        0u32..6,
        prop::sample::select(vec![
            Unit::Count,
            Unit::Eur,
            Unit::Km,
            Unit::Ha,
            Unit::M2,
            Unit::Percent,
        ]),
        any::<bool>(),
        text(),
        any::<bool>(),
    )
        .prop_map(|(m, scale, unit, negative, what, approx)| {
            let mut amount = Decimal::new(i64::from(m), scale);
            if negative && unit == Unit::Percent {
                amount.set_sign_negative(true);
            }
            Quantity::new(amount, unit, what, approx).unwrap()
        })
}

/// Project slugs the built-in catalogue defines, so documents load.
const PROJECTS: [&str; 5] = ["spine", "amigos", "urbreath", "dut", "greenincities"];

fn role() -> impl Strategy<Value = CityRole> {
    (
        prop::sample::select(vec![
            Role::MissionCity,
            Role::PilotCity,
            Role::TwinCity,
            Role::MissionMindedCity,
        ]),
        1u16..=9,
        any::<bool>(),
        prop::option::of(0u64..10_000),
        provenance(),
    )
        .prop_map(|(role, cohort, pilot_cohort_known, since, provenance)| CityRole {
            role,
            cohort: match role {
                Role::MissionCity => None,
                Role::PilotCity if !pilot_cohort_known => None,
                _ => Some(twinning_core::CohortNumber::new(cohort).unwrap()),
            },
            since: since
                .map(|d| NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(d)),
            provenance,
        })
}

fn draft() -> impl Strategy<Value = CityProfileDraft> {
    let countries: Vec<CountryCode> = CountryCode::all().collect();
    let kinds = vec![
        CityKind::Municipality,
        CityKind::District,
        CityKind::MetropolitanAuthority,
        CityKind::JointBid,
    ];
    let project_roles = vec![
        ProjectRole::Leader,
        ProjectRole::Lighthouse,
        ProjectRole::Follower,
        ProjectRole::Fellow,
        ProjectRole::Multiplier,
        ProjectRole::Observer,
        ProjectRole::LivingLab,
        ProjectRole::Twin,
        ProjectRole::Partner,
    ];
    let membership = (
        prop::sample::select(PROJECTS.to_vec()),
        prop::collection::vec(prop::sample::select(project_roles), 1..3),
        provenance(),
    )
        .prop_map(|(p, roles, provenance)| ProjectMembership {
            project: Slug::new(p).unwrap(),
            roles,
            provenance,
        });
    let practice = (
        text(),
        text(),
        themes(),
        prop::collection::vec(quantity(), 0..3),
        prop::sample::subsequence(PROJECTS.to_vec(), 0..2),
        prop::option::of(provenance()),
    );
    let goal = (text(), themes(), prop::option::of(provenance()));
    (
        (
            "[a-z][a-z0-9-]{0,20}",
            text(),
            prop::collection::vec(text(), 0..3),
            prop::sample::select(countries.clone()),
            prop::sample::select(kinds),
            prop::option::of(text()),
        ),
        (
            prop::collection::vec((text(), prop::sample::select(countries), provenance()), 0..2),
            prop::collection::vec(role(), 0..4),
            prop::option::of((2000i32..=2100, provenance())),
            prop::collection::vec(membership, 0..3),
            prop::collection::vec(practice, 0..3),
            prop::collection::vec(goal, 0..3),
            provenance(),
        ),
    )
        .prop_map(
            |(
                (slug, name, variants, country, kind, part_of),
                (candidates, roles, target, memberships, practices, goals, provenance),
            )| {
                let mut d =
                    CityProfileDraft::new(slug.clone(), name, country.as_str(), kind, provenance);
                d.variants = variants;
                d.part_of = part_of;
                d.candidates = candidates
                    .into_iter()
                    .map(|(name, country, provenance)| IdentityCandidate {
                        name,
                        country,
                        provenance,
                    })
                    .collect();
                d.roles = roles;
                d.climate_neutrality_target = target.map(|(y, p)| Sourced::new(y, p));
                d.memberships = memberships;
                d.practices = practices
                    .into_iter()
                    .enumerate()
                    .map(|(i, (title, description, themes, quantities, projects, provenance))| {
                        PracticeDraft {
                            id: None,
                            slug: format!("{slug}-p{i}"),
                            title,
                            description,
                            themes,
                            quantities,
                            projects: projects.into_iter().map(str::to_owned).collect(),
                            provenance,
                        }
                    })
                    .collect();
                d.learning_goals = goals
                    .into_iter()
                    .enumerate()
                    .map(|(i, (text, themes, provenance))| LearningGoalDraft {
                        id: None,
                        slug: format!("{slug}-g{i}"),
                        text,
                        themes,
                        provenance,
                    })
                    .collect();
                d
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn valid_profiles_round_trip_through_json(d in draft()) {
        let city = CityProfile::new(d, "city").unwrap();
        let json = serde_json::to_string(&city).unwrap();
        let back: CityProfile = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &city);
        // Writing again gives the same bytes.
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }

    #[test]
    fn documents_round_trip_through_load_json(d in draft()) {
        let city = CityProfile::new(d, "city").unwrap();
        let doc = ProfileDocument::new(vec![city], Vec::new());
        let text = doc.to_json().unwrap();
        prop_assert_eq!(load_json(&text, Catalogue::builtin()).unwrap(), doc);
    }
}

#[test]
fn the_builtin_catalogue_round_trips_through_json() {
    let cat = Catalogue::try_builtin().unwrap();
    let doc = ProfileDocument::new(cat.cities().to_vec(), cat.projects().to_vec());
    let text = doc.to_json().unwrap();
    assert_eq!(load_json(&text, cat).unwrap(), doc);
}
