//! Ids people can type: an action or a stakeholder is named in a document
//! by a short key (`survey`, `pilot-lanes`) or by a UUID. A key stands for
//! the UUID derived from it (`ActionId::from_slug`), so the same key names
//! the same action everywhere it is written.

use std::fmt;

use twinning_core::{ActionId, Slug, StakeholderId, Uuid};

/// Reads an id from a UUID or a key, for any id type made from both.
fn read<'de, D, T>(d: D, from_slug: fn(&Slug) -> T, from_uuid: fn(Uuid) -> T) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Visitor<T> {
        from_slug: fn(&Slug) -> T,
        from_uuid: fn(Uuid) -> T,
    }
    impl<T> serde::de::Visitor<'_> for Visitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a short name such as \"survey\" (a-z, 0-9, -, _) or a UUID")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<T, E> {
            if let Ok(uuid) = Uuid::parse_str(v) {
                return Ok((self.from_uuid)(uuid));
            }
            v.parse::<Slug>().map(|s| (self.from_slug)(&s)).map_err(|_| {
                E::custom(format!(
                    "{v:?} is not an id: write a short name with lower-case letters, digits, \
                     - and _ (for example \"survey\" or \"pilot-lanes\"), the same wherever the \
                     action is referred to"
                ))
            })
        }
    }
    d.deserialize_str(Visitor { from_slug, from_uuid })
}

/// An action's id.
pub(crate) fn action<'de, D: serde::Deserializer<'de>>(d: D) -> Result<ActionId, D::Error> {
    read(d, ActionId::from_slug, ActionId::from_uuid)
}

/// A list of action ids.
pub(crate) fn actions<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<ActionId>, D::Error> {
    #[derive(serde::Deserialize)]
    struct One(#[serde(deserialize_with = "action")] ActionId);
    let list: Vec<One> = serde::Deserialize::deserialize(d)?;
    Ok(list.into_iter().map(|o| o.0).collect())
}

/// A stakeholder's id.
pub(crate) fn stakeholder<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<StakeholderId, D::Error> {
    read(d, StakeholderId::from_slug, StakeholderId::from_uuid)
}

/// A list of stakeholder ids.
pub(crate) fn stakeholders<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<StakeholderId>, D::Error> {
    #[derive(serde::Deserialize)]
    struct One(#[serde(deserialize_with = "stakeholder")] StakeholderId);
    let list: Vec<One> = serde::Deserialize::deserialize(d)?;
    Ok(list.into_iter().map(|o| o.0).collect())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    #[test]
    fn a_key_stands_for_the_uuid_derived_from_it() {
        let mut de = serde_json::Deserializer::from_str("\"survey\"");
        let id = action(&mut de).unwrap();
        assert_eq!(id, ActionId::from_slug(&"survey".parse().unwrap()));
        let mut de = serde_json::Deserializer::from_str("\"00000000-0000-0000-0000-00000000000a\"");
        assert_eq!(action(&mut de).unwrap().to_string(), "00000000-0000-0000-0000-00000000000a");
        let mut de = serde_json::Deserializer::from_str("\"Demand survey!\"");
        assert!(action(&mut de).unwrap_err().to_string().contains("short name"));
    }
}
