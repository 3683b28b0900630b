//! The built-in country tables, as Rust data.
//!
//! Dates are written as `(year, month, day)` and checked by the unit tests
//! below; a date that could not exist is dropped from a record rather than
//! panicking (and the tests would catch it).

use chrono::NaiveDate;
use twinning_core::{CountryCode, Provenance};

use crate::country::{
    AssociationRecord, AssociationScope as Scope, AssociationStatus as Status, EuMembership,
    ResearchProgramme,
};

type Ymd = (i32, u32, u32);

fn date((y, m, d): Ymd) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn code(text: &str) -> Option<CountryCode> {
    CountryCode::new(text).ok()
}

const EU_SOURCE: &str = "EU accession treaties (general knowledge; not part of the fact sheet)";

/// Provenance of the list of member states as a whole.
pub(crate) fn eu_list_provenance() -> Provenance {
    Provenance::confirmed(EU_SOURCE)
        .with_note("the list of current and former member states is complete")
}

/// Provenance of a programme's association list as a whole.
pub(crate) fn association_list_provenance(programme: ResearchProgramme) -> Provenance {
    match programme {
        ResearchProgramme::HorizonEurope => Provenance::confirmed(
            "research-and-innovation.ec.europa.eu (Horizon Europe association updates)",
        )
        .with_note("countries absent from the list of Horizon Europe associated countries"),
        ResearchProgramme::Horizon2020 => Provenance::uncertain(
            "general knowledge of the Horizon 2020 association agreements",
            "not in the fact sheet: verify before relying on it",
        ),
    }
}

/// (code, name, accession, last day of membership).
const EU: &[(&str, &str, Ymd, Option<Ymd>)] = &[
    ("AT", "Austria", (1995, 1, 1), None),
    ("BE", "Belgium", (1958, 1, 1), None),
    ("BG", "Bulgaria", (2007, 1, 1), None),
    ("CY", "Cyprus", (2004, 5, 1), None),
    ("CZ", "Czechia", (2004, 5, 1), None),
    ("DE", "Germany", (1958, 1, 1), None),
    ("DK", "Denmark", (1973, 1, 1), None),
    ("EE", "Estonia", (2004, 5, 1), None),
    ("ES", "Spain", (1986, 1, 1), None),
    ("FI", "Finland", (1995, 1, 1), None),
    ("FR", "France", (1958, 1, 1), None),
    ("GB", "United Kingdom", (1973, 1, 1), Some((2020, 1, 31))),
    ("GR", "Greece", (1981, 1, 1), None),
    ("HR", "Croatia", (2013, 7, 1), None),
    ("HU", "Hungary", (2004, 5, 1), None),
    ("IE", "Ireland", (1973, 1, 1), None),
    ("IT", "Italy", (1958, 1, 1), None),
    ("LT", "Lithuania", (2004, 5, 1), None),
    ("LU", "Luxembourg", (1958, 1, 1), None),
    ("LV", "Latvia", (2004, 5, 1), None),
    ("MT", "Malta", (2004, 5, 1), None),
    ("NL", "Netherlands", (1958, 1, 1), None),
    ("PL", "Poland", (2004, 5, 1), None),
    ("PT", "Portugal", (1986, 1, 1), None),
    ("RO", "Romania", (2007, 1, 1), None),
    ("SE", "Sweden", (1995, 1, 1), None),
    ("SI", "Slovenia", (2004, 5, 1), None),
    ("SK", "Slovakia", (2004, 5, 1), None),
];

pub(crate) fn eu_memberships() -> Vec<EuMembership> {
    EU.iter()
        .filter_map(|&(c, name, acc, last)| {
            let provenance = if last.is_some() {
                Provenance::confirmed(EU_SOURCE).with_note(
                    "withdrew under the Withdrawal Agreement; membership ended on 31 January 2020",
                )
            } else {
                Provenance::confirmed(EU_SOURCE).with_note(
                    "founding members count from 1 January 1958, when the EEC treaty took effect",
                )
            };
            Some(EuMembership {
                country: code(c)?,
                name: name.to_owned(),
                accession: date(acc)?,
                last_day: match last {
                    Some(l) => Some(date(l)?),
                    None => None,
                },
                provenance,
            })
        })
        .collect()
}

/// One row of an association table.
struct Row {
    code: &'static str,
    name: &'static str,
    status: Status,
    scope: Scope,
    effective: Option<Ymd>,
    in_force_by: Option<Ymd>,
    source: &'static str,
    note: Option<&'static str>,
    uncertain: bool,
}

#[expect(clippy::too_many_arguments, reason = "one positional row per table line reads best")]
const fn he(
    code: &'static str,
    name: &'static str,
    status: Status,
    scope: Scope,
    effective: Option<Ymd>,
    in_force_by: Option<Ymd>,
    source: &'static str,
    note: Option<&'static str>,
) -> Row {
    Row { code, name, status, scope, effective, in_force_by, source, note, uncertain: false }
}

const ROUND_2021: &str = "bibliotheksportal.de (25 Oct 2021); ope-connect.urjc.es (10 Jan 2022)";
const ROUND_2022: &str =
    "ope-connect.urjc.es; era.gv.at; EC Horizon Europe association updates page";
const ROUND_2022_RETRO: &str = "ope-connect.urjc.es (Horizon Europe association update); era.gv.at; EC Horizon Europe association updates page";

/// Horizon Europe, each row with the pages it comes from (as of December 2025).
const HORIZON_EUROPE: &[Row] = &[
    he(
        "NO",
        "Norway",
        Status::Associated,
        Scope::Full,
        Some((2021, 1, 1)),
        None,
        ROUND_2021,
        Some("ratified 24 Sep 2021, applied retroactively from 1 Jan 2021"),
    ),
    he(
        "IS",
        "Iceland",
        Status::Associated,
        Scope::Full,
        Some((2021, 1, 1)),
        None,
        ROUND_2021,
        Some("ratified 24 Sep 2021, applied retroactively from 1 Jan 2021"),
    ),
    he(
        "IL",
        "Israel",
        Status::Associated,
        Scope::Full,
        Some((2021, 1, 1)),
        None,
        "ope-connect.urjc.es (10 Jan 2022)",
        Some("applicable by Dec 2021, retroactive to 1 Jan 2021"),
    ),
    he(
        "TR",
        "Türkiye",
        Status::Associated,
        Scope::Full,
        Some((2021, 1, 1)),
        None,
        "ope-connect.urjc.es (10 Jan 2022)",
        Some("applicable by Dec 2021, retroactive to 1 Jan 2021"),
    ),
    he(
        "GE",
        "Georgia",
        Status::Associated,
        Scope::Full,
        Some((2021, 1, 1)),
        None,
        "ope-connect.urjc.es (10 Jan 2022)",
        Some("applicable by Dec 2021, effective retroactively from 1 Jan 2021"),
    ),
    he(
        "MD",
        "Moldova",
        Status::Associated,
        Scope::Full,
        Some((2021, 1, 1)),
        None,
        "ope-connect.urjc.es (10 Jan 2022)",
        Some("applicable by Dec 2021, effective retroactively from 1 Jan 2021"),
    ),
    he(
        "ME",
        "Montenegro",
        Status::Associated,
        Scope::Full,
        Some((2021, 1, 1)),
        None,
        "ope-connect.urjc.es (10 Jan 2022)",
        Some("applicable by Dec 2021, effective retroactively from 1 Jan 2021"),
    ),
    he(
        "MK",
        "North Macedonia",
        Status::Associated,
        Scope::Full,
        Some((2021, 1, 1)),
        None,
        "ope-connect.urjc.es (10 Jan 2022)",
        Some("applicable by Dec 2021, effective retroactively from 1 Jan 2021"),
    ),
    he(
        "RS",
        "Serbia",
        Status::Associated,
        Scope::Full,
        Some((2021, 1, 1)),
        None,
        "ope-connect.urjc.es (10 Jan 2022)",
        Some("applicable by Dec 2021, effective retroactively from 1 Jan 2021"),
    ),
    he(
        "AM",
        "Armenia",
        Status::Associated,
        Scope::Full,
        Some((2021, 1, 1)),
        None,
        ROUND_2022_RETRO,
        Some(
            "signed by Dec 2021 and in force by 1 Jul or 1 Aug 2022, effective retroactively from 1 Jan 2021",
        ),
    ),
    he(
        "BA",
        "Bosnia and Herzegovina",
        Status::Associated,
        Scope::Full,
        Some((2021, 1, 1)),
        None,
        ROUND_2022_RETRO,
        Some(
            "signed by Dec 2021 and in force by 1 Jul or 1 Aug 2022, effective retroactively from 1 Jan 2021",
        ),
    ),
    he(
        "XK",
        "Kosovo",
        Status::Associated,
        Scope::Full,
        Some((2021, 1, 1)),
        None,
        ROUND_2022_RETRO,
        Some(
            "signed by Dec 2021 and in force by 1 Jul or 1 Aug 2022, effective retroactively from 1 Jan 2021; XK is a user-assigned code",
        ),
    ),
    he(
        "UA",
        "Ukraine",
        Status::Associated,
        Scope::Full,
        Some((2021, 1, 1)),
        None,
        ROUND_2022_RETRO,
        Some(
            "signed by Dec 2021 and in force by 1 Jul or 1 Aug 2022, effective retroactively from 1 Jan 2021",
        ),
    ),
    he(
        "AL",
        "Albania",
        Status::Associated,
        Scope::Full,
        None,
        Some((2022, 8, 1)),
        ROUND_2022,
        Some("negotiations concluded by Dec 2021; in force by 1 Jul or 1 Aug 2022"),
    ),
    he(
        "FO",
        "Faroe Islands",
        Status::Associated,
        Scope::Full,
        None,
        Some((2022, 8, 1)),
        ROUND_2022,
        Some("negotiations concluded by Dec 2021; in force by 1 Jul or 1 Aug 2022"),
    ),
    he(
        "TN",
        "Tunisia",
        Status::Associated,
        Scope::Full,
        None,
        Some((2022, 8, 1)),
        "ope-connect.urjc.es; chemistryworld.com",
        Some("joined in 2022; in force by 1 Jul or 1 Aug 2022"),
    ),
    he(
        "NZ",
        "New Zealand",
        Status::TransitionalArrangement,
        Scope::PillarIiOnly,
        None,
        Some((2023, 2, 28)),
        "eubuero.de; ukro.ac.uk; era.gv.at",
        Some(
            "negotiations concluded 20 Dec 2022; transitional arrangement from February 2023; the agreement's entry into force is uncertain",
        ),
    ),
    he(
        "NZ",
        "New Zealand",
        Status::Associated,
        Scope::PillarIiOnly,
        Some((2023, 7, 9)),
        None,
        "research-and-innovation.ec.europa.eu (New Zealand launch event, 28 Jul 2023)",
        Some(
            "associated to Pillar II: the agreement was signed and provisionally applied from 9 Jul 2023",
        ),
    ),
    he(
        "GB",
        "United Kingdom",
        Status::Associated,
        Scope::FullExceptEicFund,
        Some((2024, 1, 1)),
        None,
        "research-and-innovation.ec.europa.eu (Horizon Europe association updates)",
        Some("associated from 1 January 2024, except the EIC Fund"),
    ),
    he(
        "CA",
        "Canada",
        Status::Associated,
        Scope::PillarIiOnly,
        Some((2024, 1, 1)),
        None,
        "joint statement of 3 Jul 2024 (newswire.ca); EC Horizon Europe association updates page",
        Some("associated to Pillar II from 1 Jan 2024; the agreement was signed on 3 Jul 2024"),
    ),
    he(
        "KR",
        "Republic of Korea",
        Status::Negotiating,
        Scope::PillarIiOnly,
        None,
        Some((2024, 3, 25)),
        "thepienews.com",
        Some("negotiations concluded 25 Mar 2024"),
    ),
    he(
        "KR",
        "Republic of Korea",
        Status::Associated,
        Scope::PillarIiOnly,
        Some((2025, 1, 1)),
        None,
        "k-erc.eu/2025/07/news-activities/27961/; horizon-europe.gouv.fr; lexaris.de",
        Some(
            "associated to Pillar II from 1 Jan 2025; the agreement was signed on 17 Jul 2025 (OJ 2025/1532)",
        ),
    ),
    he(
        "CH",
        "Switzerland",
        Status::Associated,
        Scope::Full,
        Some((2025, 1, 1)),
        None,
        "sbfi.admin.ch (10 Nov 2025); swissinfo.ch",
        Some(
            "agreement signed 10 Nov 2025 and applied provisionally, retroactively from 1 Jan 2025 (also Euratom and Digital Europe)",
        ),
    ),
    he(
        "EG",
        "Egypt",
        Status::TransitionalArrangement,
        Scope::Full,
        Some((2025, 4, 10)),
        None,
        "research-and-innovation.ec.europa.eu (Egypt page); sciencebusiness.net",
        Some(
            "full association under a transitional arrangement from 10 Apr 2025, pending signature",
        ),
    ),
    he(
        "EG",
        "Egypt",
        Status::Associated,
        Scope::Full,
        Some((2025, 10, 22)),
        None,
        "research-and-innovation.ec.europa.eu (Egypt page); sciencebusiness.net",
        Some("full association; the agreement was signed on 22 Oct 2025"),
    ),
    he(
        "JP",
        "Japan",
        Status::Negotiating,
        Scope::PillarIiOnly,
        None,
        Some((2025, 12, 22)),
        "librarylearningspace.com (23 Dec 2025); miragenews.com; aca-secretariat.be",
        Some("negotiations concluded 22 Dec 2025"),
    ),
    he(
        "JP",
        "Japan",
        Status::TransitionalArrangement,
        Scope::PillarIiOnly,
        Some((2026, 1, 1)),
        None,
        "librarylearningspace.com (23 Dec 2025); miragenews.com; aca-secretariat.be",
        Some(
            "transitional arrangements for calls from 2026 (1 January 2026 is inferred from 'from 2026'); signature expected in 2026",
        ),
    ),
    he(
        "MA",
        "Morocco",
        Status::TransitionalArrangement,
        Scope::Unknown,
        Some((2021, 1, 1)),
        None,
        "EC Horizon Europe association updates page; sciencebusiness.net",
        Some("only the transitional arrangement for the 2021-22 calls"),
    ),
    he(
        "MA",
        "Morocco",
        Status::Negotiating,
        Scope::Unknown,
        Some((2023, 1, 1)),
        None,
        "EC Horizon Europe association updates page; sciencebusiness.net",
        Some(
            "not associated since the 2021-22 transitional arrangement; 1 Jan 2023 is the first day after it",
        ),
    ),
];

const H2020_SOURCE: &str = "general knowledge of the Horizon 2020 association agreements";
const H2020_NOTE: &str = "not in the fact sheet; taken from general knowledge and not checked against a source: verify before relying on it";

const fn h2020(code: &'static str, name: &'static str, scope: Scope, effective: Ymd) -> Row {
    Row {
        code,
        name,
        status: Status::Associated,
        scope,
        effective: Some(effective),
        in_force_by: None,
        source: H2020_SOURCE,
        note: None,
        uncertain: true,
    }
}

/// Horizon 2020, from general knowledge (every row uncertain).
const HORIZON_2020: &[Row] = &[
    h2020("NO", "Norway", Scope::Full, (2014, 1, 1)),
    h2020("IS", "Iceland", Scope::Full, (2014, 1, 1)),
    h2020("IL", "Israel", Scope::Full, (2014, 1, 1)),
    h2020("TR", "Türkiye", Scope::Full, (2014, 1, 1)),
    h2020("MD", "Moldova", Scope::Full, (2014, 1, 1)),
    h2020("AL", "Albania", Scope::Full, (2014, 1, 1)),
    h2020("BA", "Bosnia and Herzegovina", Scope::Full, (2014, 1, 1)),
    h2020("MK", "North Macedonia", Scope::Full, (2014, 1, 1)),
    h2020("ME", "Montenegro", Scope::Full, (2014, 1, 1)),
    h2020("RS", "Serbia", Scope::Full, (2014, 1, 1)),
    h2020("CH", "Switzerland", Scope::Partial, (2014, 9, 15)),
    h2020("CH", "Switzerland", Scope::Full, (2017, 1, 1)),
    h2020("FO", "Faroe Islands", Scope::Full, (2015, 1, 1)),
    h2020("UA", "Ukraine", Scope::Full, (2015, 1, 1)),
    h2020("TN", "Tunisia", Scope::Full, (2016, 1, 1)),
    h2020("GE", "Georgia", Scope::Full, (2016, 1, 1)),
    h2020("AM", "Armenia", Scope::Full, (2016, 1, 1)),
    Row {
        code: "GB",
        name: "United Kingdom",
        status: Status::Conflicting,
        scope: Scope::Unknown,
        effective: None,
        in_force_by: None,
        source: H2020_SOURCE,
        note: Some(
            "a member state until 31 Jan 2020; under the Withdrawal Agreement it kept taking part in Horizon 2020 to the programme's end without being an associated country, and cohort 1 still selected Belfast; whether the call counted it as associated is not settled",
        ),
        uncertain: true,
    },
];

fn build(rows: &[Row], programme: ResearchProgramme) -> Vec<AssociationRecord> {
    rows.iter()
        .filter_map(|row| {
            let provenance = if row.uncertain {
                let note = match row.note {
                    Some(n) => format!("{n}; {H2020_NOTE}"),
                    None => H2020_NOTE.to_owned(),
                };
                Provenance::uncertain(row.source, note)
            } else {
                let p = Provenance::confirmed(row.source);
                match row.note {
                    Some(n) => p.with_note(n),
                    None => p,
                }
            };
            Some(AssociationRecord {
                country: code(row.code)?,
                name: row.name.to_owned(),
                programme,
                status: row.status,
                scope: row.scope,
                effective: match row.effective {
                    Some(d) => Some(date(d)?),
                    None => None,
                },
                in_force_by: match row.in_force_by {
                    Some(d) => Some(date(d)?),
                    None => None,
                },
                provenance,
            })
        })
        .collect()
}

pub(crate) fn associations() -> Vec<AssociationRecord> {
    let mut all = build(HORIZON_EUROPE, ResearchProgramme::HorizonEurope);
    all.extend(build(HORIZON_2020, ResearchProgramme::Horizon2020));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_row_is_dropped() {
        assert_eq!(eu_memberships().len(), EU.len());
        assert_eq!(associations().len(), HORIZON_EUROPE.len() + HORIZON_2020.len());
    }
}
