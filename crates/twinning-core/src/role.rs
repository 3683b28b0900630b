use std::str::FromStr;

use crate::Error;

crate::keyed_enum! {
    /// The role in which a city takes part in the programme.
    ///
    /// Cohorts 1–3 paired learning Twin Cities with Pilot Cities; cohorts 4–5
    /// pair Mission-minded cities with the 112 Mission Cities. A cohort's
    /// calendar, a city's profile and an eligibility rule set all name roles
    /// with this one type.
    ///
    /// ```
    /// use twinning_core::Role;
    ///
    /// assert_eq!(Role::MissionMindedCity.key(), "mission-minded-city");
    /// assert_eq!("mission-minded".parse::<Role>()?, Role::MissionMindedCity); // short alias
    /// assert_eq!("twin-city".parse::<Role>()?, Role::TwinCity);
    /// # Ok::<(), twinning_core::Error>(())
    /// ```
    #[derive(
        Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize,
        serde::Deserialize,
    )]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum Role {
        /// A Twin City learning from a Pilot City (cohorts 1–3).
        TwinCity = "twin-city",
        /// A Pilot City sharing its pilot activities (cohorts 1–3).
        PilotCity = "pilot-city",
        /// A Mission-minded city, beyond the 112 Mission Cities (cohorts 4–5).
        MissionMindedCity = "mission-minded-city",
        /// One of the 112 Mission Cities selected on 28 April 2022 (cohorts 4–5).
        MissionCity = "mission-city",
    }
}

impl Role {
    /// The short name the command line also accepts (`twin`, `pilot`,
    /// `mission-minded`, `mission`): the key without `-city`.
    #[must_use]
    pub fn alias(self) -> &'static str {
        self.key().strip_suffix("-city").unwrap_or(self.key())
    }

    /// A short label for narrow columns: `Twin`, `Pilot`, `Mission-minded`,
    /// `Mission`.
    #[must_use]
    pub const fn label(self) -> &'static str {
        match self {
            Role::TwinCity => "Twin",
            Role::PilotCity => "Pilot",
            Role::MissionMindedCity => "Mission-minded",
            Role::MissionCity => "Mission",
        }
    }
}

impl FromStr for Role {
    type Err = Error;

    /// Reads a role's key (`mission-minded-city`) or its short alias
    /// (`mission-minded`, see [`Role::alias`]).
    fn from_str(s: &str) -> Result<Self, Error> {
        Role::from_key(s)
            .or_else(|| Role::ALL.into_iter().find(|r| r.alias() == s))
            .ok_or_else(|| Error::UnknownRole { value: s.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_aliases_as_the_programme_writes_them() {
        let table = [
            (Role::TwinCity, "twin-city", "twin"),
            (Role::PilotCity, "pilot-city", "pilot"),
            (Role::MissionMindedCity, "mission-minded-city", "mission-minded"),
            (Role::MissionCity, "mission-city", "mission"),
        ];
        for (role, key, alias) in table {
            assert_eq!(role.key(), key);
            assert_eq!(role.alias(), alias);
            assert_eq!(key.parse::<Role>().unwrap(), role);
            assert_eq!(alias.parse::<Role>().unwrap(), role);
            assert_eq!(serde_json::to_string(&role).unwrap(), format!("\"{key}\""));
        }
        assert_eq!(Role::ALL.map(|r| r.key()), table.map(|t| t.1));
    }

    #[test]
    fn json_takes_keys_only() {
        assert!(serde_json::from_str::<Role>("\"twin\"").is_err());
        assert!("Twin".parse::<Role>().is_err());
        assert_eq!(
            "city".parse::<Role>().unwrap_err(),
            Error::UnknownRole { value: "city".to_owned() }
        );
    }
}
