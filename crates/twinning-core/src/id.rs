//! Uuid-backed identifiers, all made by one macro.

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

use crate::{Error, Slug};

/// The namespace under which every deterministic twinning id is derived.
///
/// It is itself the UUIDv5 of the URL `urn:twinning` in the standard URL
/// namespace, so anyone can recompute it.
fn twinning_namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:twinning")
}

/// Derives the UUIDv5 of `kind:slug` under the twinning namespace.
fn derive(kind: &str, slug: &Slug) -> Uuid {
    let mut name = Vec::with_capacity(kind.len() + 1 + slug.as_str().len());
    name.extend_from_slice(kind.as_bytes());
    name.push(b':');
    name.extend_from_slice(slug.as_str().as_bytes());
    Uuid::new_v5(&twinning_namespace(), &name)
}

macro_rules! define_id {
    ($(#[$meta:meta])* $name:ident, $kind:literal) => {
        $(#[$meta])*
        ///
        /// A transparent wrapper around a [`Uuid`]. It prints and parses as the
        /// hyphenated UUID and serializes as a plain string. There is no
        /// `Default`: the nil UUID is not an id of anything.
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(transparent)]
        #[repr(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// What this id names, as used in error messages and in the derivation of
            /// deterministic ids.
            pub const KIND: &'static str = $kind;

            /// Wraps an existing UUID.
            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            /// The wrapped UUID.
            pub const fn as_uuid(&self) -> &Uuid {
                &self.0
            }

            /// The deterministic id of the record with this stable slug: the UUIDv5 of
            #[doc = concat!("`", $kind, ":<slug>`")]
            /// under the twinning namespace. Built-in catalogue records use it, so the
            /// same record has the same id in every build and on every machine.
            pub fn from_slug(slug: &Slug) -> Self {
                Self(derive($kind, slug))
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl FromStr for $name {
            type Err = Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self).map_err(|e| Error::InvalidId {
                    kind: $kind,
                    value: s.to_owned(),
                    reason: e.to_string(),
                })
            }
        }

        impl From<Uuid> for $name {
            fn from(uuid: Uuid) -> Self {
                Self(uuid)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }
    };
}

define_id!(
    /// Identifies a city, district, metropolitan authority or joint bid.
    CityId,
    "city"
);
define_id!(
    /// Identifies an EU-funded partner project (or a programme label such as DUT).
    ProjectId,
    "project"
);
define_id!(
    /// Identifies a tested practice that a city offers to peers.
    PracticeId,
    "practice"
);
define_id!(
    /// Identifies a learning goal that a city states.
    LearningGoalId,
    "learning-goal"
);
define_id!(
    /// Identifies a cohort of the programme.
    CohortId,
    "cohort"
);
define_id!(
    /// Identifies a milestone, deadline or phase in a cohort's calendar.
    MilestoneId,
    "milestone"
);
define_id!(
    /// Identifies an activity (a workshop, seminar, site visit, ...) of a cohort.
    ActivityId,
    "activity"
);
define_id!(
    /// Identifies an applicant in an eligibility check.
    ApplicantId,
    "applicant"
);
define_id!(
    /// Identifies a learning-output document (roadmap, plan, assessment, ...).
    OutputId,
    "output"
);
define_id!(
    /// Identifies an action in an action or replication plan.
    ActionId,
    "action"
);
define_id!(
    /// Identifies a stakeholder in a stakeholder engagement plan.
    StakeholderId,
    "stakeholder"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespace_is_the_v5_of_the_urn() {
        // Independently: UUIDv5 is SHA-1 based and its version nibble is 5.
        let ns = twinning_namespace();
        assert_eq!(ns.get_version_num(), 5);
        assert_eq!(ns, Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:twinning"));
    }

    #[test]
    fn same_slug_different_kinds_differ() {
        let slug: Slug = "aalborg".parse().unwrap();
        assert_ne!(CityId::from_slug(&slug).as_uuid(), ProjectId::from_slug(&slug).as_uuid());
        assert_eq!(CityId::from_slug(&slug), CityId::from_slug(&slug));
    }

    #[test]
    fn parse_error_names_kind_and_value() {
        let err = "nope".parse::<CityId>().unwrap_err();
        let text = err.to_string();
        assert!(text.contains("city"), "{text}");
        assert!(text.contains("\"nope\""), "{text}");
    }
}
