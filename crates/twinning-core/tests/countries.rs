//! Country codes: the ones the programme uses, the mistakes people make.

use proptest::prelude::*;
use twinning_core::CountryCode;

#[test]
fn country_codes_used_by_the_programme_are_accepted() {
    // Every country named in the fact sheet's catalogue, Mission Cities and association tables.
    for code in [
        "DK", "PT", "TR", "GB", "DE", "PL", "BE", "GR", "FR", "SI", "CZ", "IT", "NO", "IS", "IL",
        "GE", "MD", "ME", "MK", "RS", "AM", "BA", "UA", "AL", "FO", "TN", "NZ", "CA", "KR", "CH",
        "EG", "JP", "MA", "XK",
    ] {
        assert_eq!(code.parse::<CountryCode>().unwrap().as_str(), code);
    }
}

#[test]
fn country_code_mistakes_people_make_are_explained() {
    let hint = |s: &str| s.parse::<CountryCode>().unwrap_err().to_string();
    assert!(hint("UK").contains("GB"));
    assert!(hint("EL").contains("GR"));
    assert!(hint("pt").contains("capitals"));
    assert!(hint("PRT").contains("two"));
    assert!(hint("").contains("two"));
    assert!(hint("QQ").contains("not an assigned"));
    assert!(hint("P1").contains("two capital letters"));
}

#[test]
fn country_code_serializes_as_a_plain_string() {
    let code: CountryCode = serde_json::from_str("\"SI\"").unwrap();
    assert_eq!(serde_json::to_string(&code).unwrap(), "\"SI\"");
    let err = serde_json::from_str::<CountryCode>("\"UK\"").unwrap_err();
    assert!(err.to_string().contains("GB"), "{err}");
}

proptest! {
    #[test]
    fn country_parsing_never_panics(s in "\\PC{0,4}") {
        let _ = s.parse::<CountryCode>();
    }
}
