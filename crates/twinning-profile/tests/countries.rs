//! Country tables: EU membership and programme association, as the cited
//! pages give them (status as of December 2025).

use chrono::NaiveDate;
use twinning_core::{Confidence, CountryCode};
use twinning_profile::{AssociationScope, AssociationStatus, Countries, YesNoUnknown};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn cc(s: &str) -> CountryCode {
    s.parse().unwrap()
}

fn he(code: &str, on: NaiveDate) -> YesNoUnknown {
    Countries::builtin().horizon_europe_association_on(cc(code), on).verdict
}

#[test]
fn united_kingdom_joins_horizon_europe_on_1_january_2024() {
    assert_eq!(he("GB", day(2023, 12, 31)), YesNoUnknown::No);
    let a = Countries::builtin().horizon_europe_association_on(cc("GB"), day(2024, 1, 1));
    assert_eq!(a.verdict, YesNoUnknown::Yes);
    let record = a.record.unwrap();
    assert_eq!(record.scope, AssociationScope::FullExceptEicFund);
    assert_eq!(record.status, AssociationStatus::Associated);
    assert_eq!(a.provenance.confidence(), Confidence::Confirmed);
}

#[test]
fn switzerland_is_associated_retroactively_from_1_january_2025() {
    assert_eq!(he("CH", day(2024, 12, 31)), YesNoUnknown::No);
    assert_eq!(he("CH", day(2025, 1, 1)), YesNoUnknown::Yes);
}

#[test]
fn norway_and_turkiye_are_associated_from_the_start_of_2021() {
    for code in ["NO", "IS", "IL", "TR"] {
        assert_eq!(he(code, day(2020, 12, 31)), YesNoUnknown::No, "{code}");
        assert_eq!(he(code, day(2021, 1, 1)), YesNoUnknown::Yes, "{code}");
    }
}

#[test]
fn the_2022_round_is_known_only_by_august_2022() {
    // "in force by 1 Jul / 1 Aug 2022": before that the first day is unknown.
    for code in ["AL", "FO", "TN"] {
        assert_eq!(he(code, day(2022, 3, 1)), YesNoUnknown::Unknown, "{code}");
        assert_eq!(he(code, day(2022, 8, 1)), YesNoUnknown::Yes, "{code}");
    }
}

#[test]
fn the_2021_group_is_associated_retroactively_from_1_january_2021() {
    // ope-connect.urjc.es: NO, IS, IL, TR, GE, MD, ME, MK, RS, AM, BA, XK, UA.
    for code in ["NO", "IS", "IL", "TR", "GE", "MD", "ME", "MK", "RS", "AM", "BA", "XK", "UA"] {
        assert_eq!(he(code, day(2020, 12, 31)), YesNoUnknown::No, "{code}");
        assert_eq!(he(code, day(2021, 1, 1)), YesNoUnknown::Yes, "{code}");
    }
}

#[test]
fn korea_negotiates_then_is_associated_to_pillar_two_from_2025() {
    // k-erc.eu: associated (Pillar II) from 1 Jan 2025, signed 17 July 2025.
    assert_eq!(he("KR", day(2024, 6, 1)), YesNoUnknown::No);
    let a = Countries::builtin().horizon_europe_association_on(cc("KR"), day(2025, 1, 1));
    assert_eq!(a.verdict, YesNoUnknown::Yes);
    let r = a.record.unwrap();
    assert_eq!(r.status, AssociationStatus::Associated);
    assert_eq!(r.scope, AssociationScope::PillarIiOnly);
    assert!(a.provenance.source().contains("k-erc.eu"));
}

#[test]
fn new_zealand_is_associated_to_pillar_two_from_9_july_2023() {
    let on = |d| Countries::builtin().horizon_europe_association_on(cc("NZ"), d);
    assert_eq!(on(day(2023, 7, 9)).record.unwrap().status, AssociationStatus::Associated);
    assert_eq!(on(day(2023, 7, 9)).record.unwrap().scope, AssociationScope::PillarIiOnly);
    // Before: the transitional arrangement of February 2023.
    assert_eq!(
        on(day(2023, 7, 8)).record.unwrap().status,
        AssociationStatus::TransitionalArrangement
    );
}

#[test]
fn egypt_fully_associated_once_signed_on_22_october_2025() {
    let on = |d| Countries::builtin().horizon_europe_association_on(cc("EG"), d);
    assert_eq!(
        on(day(2025, 10, 21)).record.unwrap().status,
        AssociationStatus::TransitionalArrangement
    );
    let signed = on(day(2025, 10, 22)).record.unwrap();
    assert_eq!(
        (signed.status, signed.scope),
        (AssociationStatus::Associated, AssociationScope::Full)
    );
}

#[test]
fn egypt_from_10_april_2025_and_canada_pillar_two() {
    assert_eq!(he("EG", day(2025, 4, 9)), YesNoUnknown::No);
    assert_eq!(he("EG", day(2025, 4, 10)), YesNoUnknown::Yes);
    let ca = Countries::builtin().horizon_europe_association_on(cc("CA"), day(2024, 1, 1));
    assert_eq!(ca.verdict, YesNoUnknown::Yes);
    let ca = ca.record.unwrap();
    assert_eq!(
        (ca.status, ca.scope),
        (AssociationStatus::Associated, AssociationScope::PillarIiOnly)
    );
    assert!(ca.provenance.source().contains("newswire.ca"));
}

#[test]
fn japan_in_2026_and_morocco_not_associated_since_2022() {
    // Japan: concluded December 2025, not signed; transitional for 2026 calls.
    assert_eq!(he("JP", day(2025, 12, 1)), YesNoUnknown::No);
    assert_eq!(he("JP", day(2026, 1, 1)), YesNoUnknown::Yes);
    // Morocco: only the 2021–22 transitional arrangement (EC; sciencebusiness.net).
    assert_eq!(he("MA", day(2022, 6, 1)), YesNoUnknown::Yes);
    assert_eq!(he("MA", day(2026, 1, 1)), YesNoUnknown::No);
}

#[test]
fn member_states_are_not_in_the_association_table() {
    assert_eq!(he("FR", day(2025, 1, 1)), YesNoUnknown::No);
}

#[test]
fn eu_membership_by_date() {
    let c = Countries::builtin();
    assert_eq!(c.is_eu_member_on(cc("GB"), day(2020, 1, 31)).verdict, YesNoUnknown::Yes);
    assert_eq!(c.is_eu_member_on(cc("GB"), day(2020, 2, 1)).verdict, YesNoUnknown::No);
    assert_eq!(c.is_eu_member_on(cc("PL"), day(2004, 4, 30)).verdict, YesNoUnknown::No);
    assert_eq!(c.is_eu_member_on(cc("PL"), day(2004, 5, 1)).verdict, YesNoUnknown::Yes);
    assert_eq!(c.is_eu_member_on(cc("BG"), day(2007, 1, 1)).verdict, YesNoUnknown::Yes);
    assert_eq!(c.is_eu_member_on(cc("NO"), day(2025, 1, 1)).verdict, YesNoUnknown::No);
    assert_eq!(c.is_eu_member_on(cc("TR"), day(2025, 1, 1)).verdict, YesNoUnknown::No);
}

#[test]
fn horizon_2020_answers_are_marked_uncertain() {
    let c = Countries::builtin();
    let tr = c.horizon_2020_association_on(cc("TR"), day(2023, 5, 3));
    assert_eq!(tr.verdict, YesNoUnknown::Yes);
    assert_eq!(tr.confidence(), Confidence::Uncertain);
    assert!(tr.provenance.note().unwrap().contains("not in the fact sheet"));
    // The United Kingdom's Horizon 2020 status is not settled.
    assert_eq!(
        c.horizon_2020_association_on(cc("GB"), day(2023, 5, 3)).verdict,
        YesNoUnknown::Unknown
    );
    // Kosovo was not associated to Horizon 2020.
    assert_eq!(c.horizon_2020_association_on(cc("XK"), day(2023, 5, 3)).verdict, YesNoUnknown::No);
}

#[test]
fn answers_serialize_with_their_provenance() {
    let a = Countries::builtin().horizon_europe_association_on(cc("GB"), day(2024, 1, 1));
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["verdict"], "yes");
    assert_eq!(json["record"]["effective"], "2024-01-01");
    assert!(json["provenance"]["source"].as_str().unwrap().contains("europa.eu"));
}
