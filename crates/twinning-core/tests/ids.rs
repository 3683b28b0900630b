//! Ids and slugs: text and JSON forms, deterministic UUIDv5 ids.

use proptest::prelude::*;
use twinning_core::{CityId, Error, Slug};

#[test]
fn ids_round_trip_through_text_and_json() {
    let id = CityId::from_slug(&"aalborg".parse().unwrap());
    assert_eq!(id.to_string().parse::<CityId>().unwrap(), id);
    let json = serde_json::to_string(&id).unwrap();
    assert_eq!(json, format!("\"{id}\""));
    assert_eq!(serde_json::from_str::<CityId>(&json).unwrap(), id);
    assert!(matches!("not-a-uuid".parse::<CityId>(), Err(Error::InvalidId { kind: "city", .. })));
}

#[test]
fn deterministic_ids_are_uuid_v5() {
    let id = CityId::from_slug(&"ghent".parse().unwrap());
    assert_eq!(id.as_uuid().get_version_num(), 5);
}

proptest! {
    #[test]
    fn slugs_round_trip(s in "[a-z0-9][a-z0-9_-]{0,63}") {
        let slug: Slug = s.parse().unwrap();
        prop_assert_eq!(slug.as_str(), s.as_str());
        let back: Slug = serde_json::from_str(&serde_json::to_string(&slug).unwrap()).unwrap();
        prop_assert_eq!(back, slug);
    }
}
