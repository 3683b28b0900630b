//! The published criteria of cohorts 1–5, as rule sets.
//!
//! Sources and the readings followed are in the [guide](crate::_documentation::guide); each
//! criterion carries its own provenance and rationale.

use chrono::{DateTime, FixedOffset, NaiveDate};
use twinning_cohort::{Cohort, CohortNumber, Moment, Role};
use twinning_core::{Provenance, Reported, Sourced};

use crate::{CountryGroup, Criterion, DateBasis, Rule, RuleSet};

const NZC_C1_CALL: &str = "netzerocities.eu/twinning-programme/ (~May 2023)";
const EU_MAYORS_C1: &str = "eu-mayors.ec.europa.eu/nl/node/692 (16 May 2023)";
const SEED_003: &str = "seed 003 (NZC news, 8 Apr 2024)";
const CY_PORTAL_C2: &str = "fundingprogrammesportal.gov.cy/en/2024/04/twin-cities-to-accelerate-climate-neutrality (Apr 2024)";
const NZC_16_SEP_2024: &str = "NZC news, 16 Sep 2024";
const SEED_002: &str = "seed 002 (EIT Urban Mobility marketplace, Mar 2025)";
const NZC_C4_CALL: &str = "netzerocities.eu/twin-cities-mission-cities-2025/";
const NZC_PAGE_SEP_2025: &str = "netzerocities.eu/twinning-learning-programme (stamp 2025-09-12)";
const SEED_001: &str = "seed 001 (NZC cohort 5 page for Mission-minded cities, ~Dec 2025)";
const SEED_000: &str = "seed 000 (netzerocities.eu/twin-cities-mission-cities-2026-2027)";

/// An instant `h:m` on `y-m-d` at `offset_hours` east of UTC.
fn at(
    y: i32,
    mo: u32,
    d: u32,
    h: u32,
    mi: u32,
    offset_hours: i32,
) -> Option<DateTime<FixedOffset>> {
    let offset = FixedOffset::east_opt(offset_hours.checked_mul(3600)?)?;
    NaiveDate::from_ymd_opt(y, mo, d)?.and_hms_opt(h, mi, 0)?.and_local_timezone(offset).single()
}

fn criterion(id: &str, rule: Rule, summary: &str, p: Provenance) -> Option<Criterion> {
    Criterion::new(id, rule, summary, p).ok()
}

fn local_authority(source: &str) -> Option<Criterion> {
    criterion(
        "local-authority",
        Rule::LocalAuthority,
        "applicant is a local authority or city administration",
        Provenance::confirmed(source),
    )
}

fn country(groups: &[CountryGroup], summary: &str, p: Provenance) -> Option<Criterion> {
    criterion(
        "country",
        Rule::CountryIn { any_of: groups.to_vec(), on: DateBasis::Submission },
        summary,
        p,
    )
}

fn neutrality_2050(p: Provenance) -> Option<Criterion> {
    criterion(
        "neutrality",
        Rule::NeutralityBy { year: 2050 },
        "climate neutrality committed by 2050 or earlier",
        p,
    )
}

/// Every built-in rule set, in cohort then role order.
pub(crate) fn all() -> Vec<RuleSet> {
    [
        (1, Role::TwinCity),
        (2, Role::TwinCity),
        (3, Role::TwinCity),
        (4, Role::MissionCity),
        (4, Role::MissionMindedCity),
        (5, Role::MissionMindedCity),
        (5, Role::MissionCity),
    ]
    .into_iter()
    .filter_map(|(cohort, role)| builtin(CohortNumber::new(cohort).ok()?, role))
    .collect()
}

pub(crate) fn builtin(cohort: CohortNumber, role: Role) -> Option<RuleSet> {
    match (cohort.get(), role) {
        (1, Role::TwinCity) => cohort_1(cohort),
        (2 | 3, Role::TwinCity) => cohort_2_3(cohort),
        (4, Role::MissionCity) => cohort_4_mission(cohort),
        (4, Role::MissionMindedCity) => cohort_4_minded(cohort),
        (5, Role::MissionMindedCity) => cohort_5_minded(cohort),
        (5, Role::MissionCity) => cohort_5_mission(cohort),
        _ => None,
    }
}

/// Every reading of a registration moment as an instant: `edge` picks the
/// first instant a moment covers (openings) or its last minute (deadlines).
/// `extra` adds readings the cohort data keeps only in notes.
fn instants(
    moment: &Reported<Moment>,
    edge: fn(&Moment) -> DateTime<FixedOffset>,
    extra: Vec<Sourced<DateTime<FixedOffset>>>,
    extra_rationale: &str,
) -> Reported<DateTime<FixedOffset>> {
    let convert = |s: &Sourced<Moment>| Sourced::new(edge(&s.value), s.provenance.clone());
    let mut alternatives: Vec<_> = moment.alternatives().iter().map(convert).collect();
    alternatives.extend(extra);
    if alternatives.is_empty() {
        return Reported::single(edge(moment.value()), moment.followed().provenance.clone());
    }
    let rationale = moment.rationale().unwrap_or(extra_rationale).to_owned();
    Reported::disputed(convert(moment.followed()), alternatives, rationale)
}

/// The call window of `cohort` for `role` as `twinning-cohort` records it
/// (days and months run from 00:00 to 23:59 Brussels time), with the
/// deadline's provenance.
fn window(cohort: CohortNumber, role: Role) -> Option<(Rule, Provenance)> {
    window_with(cohort, role, Vec::new(), Vec::new(), "")
}

fn window_with(
    cohort: CohortNumber,
    role: Role,
    extra_opens: Vec<Sourced<DateTime<FixedOffset>>>,
    extra_closes: Vec<Sourced<DateTime<FixedOffset>>>,
    extra_rationale: &str,
) -> Option<(Rule, Provenance)> {
    let registration = Cohort::builtin(cohort)?.registration(role)?;
    let closes = registration.closes.as_ref()?;
    let provenance = closes.followed().provenance.clone();
    let rule = Rule::SubmissionWindow {
        opens: registration
            .opens
            .as_ref()
            .map(|o| instants(o, Moment::start_instant, extra_opens, extra_rationale)),
        closes: instants(closes, Moment::end_instant, extra_closes, extra_rationale),
    };
    Some((rule, provenance))
}

fn cohort_1(cohort: CohortNumber) -> Option<RuleSet> {
    let cest = "the CEST reading of the printed time: Brussels was on summer time (+02:00) in May and June 2023";
    let (window, window_provenance) = window_with(
        cohort,
        Role::TwinCity,
        vec![Sourced::new(at(2023, 5, 3, 12, 0, 2)?, Provenance::inferred(NZC_C1_CALL, cest))],
        vec![Sourced::new(at(2023, 6, 30, 23, 59, 2)?, Provenance::inferred(NZC_C1_CALL, cest))],
        "the instant as printed (CET, +01:00) is followed; see the window criterion's rationale",
    )?;
    RuleSet::new(
        "Cohort 1 (2023) Twin Cities",
        cohort,
        Role::TwinCity,
        vec![
            local_authority(EU_MAYORS_C1)?,
            country(
                &[CountryGroup::EuMember, CountryGroup::Horizon2020Associated],
                "based in an EU member state or a Horizon 2020 associated country",
                Provenance::confirmed(NZC_C1_CALL),
            )?
            .with_rationale(
                "Cohort 1 named Horizon 2020's associated countries, later cohorts Horizon \
                 Europe's; the text of each call is followed. Mission Cities could apply, so \
                 there is no Mission City criterion.",
            ),
            criterion(
                "window",
                window,
                "submitted between 3 May 2023 12:00 and 30 June 2023 23:59 (CET as printed)",
                window_provenance,
            )?
            .with_rationale(
                "The page prints CET although Brussels was on CEST; the printed offset (+01:00) \
                 is followed because it is the only text an applicant could rely on, and it is \
                 the later, more generous reading for the deadline. The CEST readings are kept \
                 as alternatives, and a submission that falls between the two readings is \
                 flagged in the decision.",
            ),
        ],
    )
    .ok()
}

fn cohort_2_3(cohort: CohortNumber) -> Option<RuleSet> {
    let (title, provenance, window_summary, window_rationale) = if cohort == 2 {
        (
            "Cohort 2 (2024) Twin Cities",
            Provenance::confirmed(SEED_003),
            "submitted between 8 April 2024 and 7 June 2024 (extended from 31 May)",
            "The call first closed on 31 May 2024; a later programme page says it was open \
             until 7 June 2024. The extension is followed, since cities relied on the later \
             announcement; no source prints a clock time, so the day runs to 23:59 Brussels \
             time (+02:00 in June).",
        )
    } else {
        (
            "Cohort 3 (2024) Twin Cities",
            Provenance::uncertain(
                NZC_16_SEP_2024,
                "the cohort 3 criteria were not found; the cohort 2 criteria are assumed, as the announcement implies",
            ),
            "submitted between 10 September 2024 and 14 November 2024 17:00 CET (extended from 31 October)",
            "The call first closed on 31 October 2024; the programme page and a national \
             contact point report the extension to 14 November 2024, 17:00 CET, which is \
             followed.",
        )
    };
    let (window, window_provenance) = window(cohort, Role::TwinCity)?;
    let p = || provenance.clone();
    RuleSet::new(
        title,
        cohort,
        Role::TwinCity,
        vec![
            local_authority(if cohort == 2 { CY_PORTAL_C2 } else { NZC_16_SEP_2024 })?,
            country(
                &[CountryGroup::EuMember, CountryGroup::HorizonEuropeAssociated],
                "located in an EU member state or a Horizon Europe associated country",
                p(),
            )?
            .with_rationale(
                "Association is judged on the submission day, so a country that joined Horizon \
                 Europe later (the United Kingdom on 1 January 2024) counts from that day on.",
            ),
            neutrality_2050(p())?.with_rationale(
                "Sources word it 'a commitment to 2050 climate neutrality', 'before or by 2050' \
                 and 'by 2050 at the latest'; one reprint says 'before or after 2050', which \
                 would exclude nobody and is read as a misprint. 2050 or earlier is followed.",
            ),
            criterion(
                "not-mission-city",
                Rule::NotMissionCity,
                "not one of the 112 Mission Cities",
                p(),
            )?,
            criterion(
                "not-twin-or-pilot",
                Rule::NotAlreadyTwinOrPilot,
                "not already a Twin City or a Pilot City",
                p(),
            )?
            .with_rationale(
                "One early announcement words it 'not already part of the Twinning and Pilot \
                 Cities programme'; all read the same way: any earlier Twin or Pilot role \
                 excludes the city.",
            ),
            criterion("window", window, window_summary, window_provenance)?
                .with_rationale(window_rationale),
        ],
    )
    .ok()
}

fn cohort_4_mission(cohort: CohortNumber) -> Option<RuleSet> {
    RuleSet::new(
        "Cohort 4 (2025) Mission Cities",
        cohort,
        Role::MissionCity,
        vec![
            criterion(
                "mission-city",
                Rule::IsMissionCity,
                "one of the 112 Mission Cities",
                Provenance::confirmed(SEED_002),
            )?,
            criterion(
                "window",
                window(cohort, Role::MissionCity)?.0,
                "expression of interest submitted between 1 March 2025 and 28 March 2025 17:00 CET",
                Provenance::confirmed(SEED_002),
            )?,
        ],
    )
    .ok()
}

fn cohort_4_minded(cohort: CohortNumber) -> Option<RuleSet> {
    let p = || Provenance::confirmed(NZC_C4_CALL);
    RuleSet::new(
        "Cohort 4 (2025) Mission-minded cities",
        cohort,
        Role::MissionMindedCity,
        vec![
            criterion(
                "not-mission-city",
                Rule::NotMissionCity,
                "beyond the 112 Mission Cities",
                p(),
            )?,
            country(
                &[CountryGroup::EuMember, CountryGroup::HorizonEuropeAssociated],
                "from an EU member state or a Horizon Europe associated country",
                p(),
            )?
            .with_rationale(
                "Association is judged on the submission day: Switzerland counts from 1 January \
                 2025, the date its association applies from (the agreement was signed later and \
                 applies retroactively).",
            ),
            neutrality_2050(p())?,
            criterion(
                "window",
                window(cohort, Role::MissionMindedCity)?.0,
                "submitted by 12 September 2025 17:00 CEST",
                Provenance::confirmed(NZC_PAGE_SEP_2025),
            )?
            .with_rationale("No source gives the opening date, so the window has no lower bound."),
        ],
    )
    .ok()
}

fn cohort_5_minded(cohort: CohortNumber) -> Option<RuleSet> {
    let p = || Provenance::confirmed(SEED_001);
    RuleSet::new(
        "Cohort 5 (2026–2027) Mission-minded cities",
        cohort,
        Role::MissionMindedCity,
        vec![
            criterion(
                "partner-project",
                Rule::PartnerProject { any_of: Vec::new() },
                "part of a selected EU-funded project partnering with NetZeroCities",
                Provenance::confirmed(format!("{SEED_001}; {SEED_000}")),
            )?
            .with_rationale(
                "The registry's list of selected partner projects is used: the projects the \
                 catalogue (seed 000) names in its entries, matched ignoring case, spaces, \
                 hyphens and accents ('GreenLog' is GREEN-LOG). The page counts 14 projects \
                 while its entries name 25 labels, so the answer is marked inferred; a project \
                 the registry does not know leaves the criterion open rather than failed, with \
                 the closest known names offered.",
            ),
            criterion("invited", Rule::Invited, "invited to apply", p())?.with_rationale(
                "The call is invitation-only; a city listed in the catalogue counts as invited, \
                 otherwise the applicant's declaration is taken, since no list of invitations is \
                 published. There is no 'not a Mission City' criterion: seeds 000 and 001 define \
                 cohort 5's Mission-minded cities by invitation and membership of a selected \
                 partner project, and NetZeroCities' own catalogue (seed 000) lists a Mission \
                 City, Frankfurt am Main (rhein-main-service.info); 'beyond the 112 Mission \
                 Cities' is the 2025 pages' wording (netzerocities.eu/twin-cities-mission-cities-2025/). \
                 The tension is kept as the catalogue conflict 'frankfurt-mission-city'.",
            ),
            criterion(
                "window",
                window(cohort, Role::MissionMindedCity)?.0,
                "registered in December 2025 or January 2026",
                Provenance::uncertain(SEED_001, "the source gives months only"),
            )?,
        ],
    )
    .ok()
}

fn cohort_5_mission(cohort: CohortNumber) -> Option<RuleSet> {
    RuleSet::new(
        "Cohort 5 (2026–2027) Mission Cities",
        cohort,
        Role::MissionCity,
        vec![
            criterion(
                "mission-city",
                Rule::IsMissionCity,
                "part of the EU Cities Mission",
                Provenance::confirmed(SEED_001),
            )?,
            criterion(
                "window",
                window(cohort, Role::MissionCity)?.0,
                "registered in February or March 2026",
                Provenance::uncertain(SEED_001, "the source gives months only"),
            )?,
        ],
    )
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_builds() {
        assert_eq!(all().len(), 7);
    }

    #[test]
    fn pilot_cities_have_no_builtin() {
        for cohort in 1..=5 {
            assert!(builtin(CohortNumber::new(cohort).unwrap(), Role::PilotCity).is_none());
        }
    }
}
