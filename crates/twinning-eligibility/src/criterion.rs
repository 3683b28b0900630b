use chrono::{DateTime, FixedOffset, NaiveDate, Timelike};
use twinning_core::{Provenance, Reported, Slug};

twinning_core::keyed_enum! {
    /// A group of countries whose membership a criterion can require, judged on
    /// a given day.
    #[derive(
        Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize,
        serde::Deserialize,
    )]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum CountryGroup {
        /// A member state of the European Union.
        EuMember = "eu-member",
        /// A country associated to Horizon Europe (2021–2027).
        HorizonEuropeAssociated = "horizon-europe-associated",
        /// A country associated to Horizon 2020 (2014–2020), the programme cohort 1's call named.
        Horizon2020Associated = "horizon-2020-associated",
    }
}

impl CountryGroup {
    /// A short English phrase for sentences ("an EU member state").
    pub fn phrase(self) -> &'static str {
        match self {
            CountryGroup::EuMember => "an EU member state",
            CountryGroup::HorizonEuropeAssociated => "a country associated to Horizon Europe",
            CountryGroup::Horizon2020Associated => "a country associated to Horizon 2020",
        }
    }
}

/// The day on which a country's membership of a group is judged.
///
/// In JSON either the string `"submission"` or a day such as `"2024-01-01"`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(feature = "schema", schemars(with = "String"))]
pub enum DateBasis {
    /// The calendar day of the submission, in the offset the submission
    /// instant carries (or of the evaluation instant when the applicant has
    /// not submitted yet).
    #[default]
    Submission,
    /// A fixed day, for calls that name one.
    Day(NaiveDate),
}

impl TryFrom<String> for DateBasis {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        if value == "submission" {
            return Ok(DateBasis::Submission);
        }
        value
            .parse::<NaiveDate>()
            .map(DateBasis::Day)
            .map_err(|_| format!("expected \"submission\" or a day YYYY-MM-DD, found {value:?}"))
    }
}

impl From<DateBasis> for String {
    fn from(basis: DateBasis) -> Self {
        match basis {
            DateBasis::Submission => "submission".to_owned(),
            DateBasis::Day(day) => day.to_string(),
        }
    }
}

/// What a criterion checks: the published conditions of the calls, as data.
///
/// In JSON the variant is the `kind` field, in kebab-case.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
#[allow(
    clippy::large_enum_variant,
    reason = "a rule set holds a handful of criteria; boxing the window would only complicate the public shape"
)]
pub enum Rule {
    /// The applicant is a local authority or city administration (declared).
    LocalAuthority,
    /// The applicant's country belongs to at least one of `any_of` on the day
    /// `on` (answered by the registry).
    CountryIn {
        /// The accepted groups; at least one, no repeats.
        any_of: Vec<CountryGroup>,
        /// The day membership is judged on.
        #[serde(default)]
        on: DateBasis,
    },
    /// The applicant has committed to climate neutrality in `year` or earlier
    /// (declared).
    NeutralityBy {
        /// The latest accepted target year.
        year: i32,
    },
    /// The applicant is one of the Mission Cities (registry, declaration checked against it).
    IsMissionCity,
    /// The applicant is not one of the Mission Cities (registry, declaration checked against it).
    NotMissionCity,
    /// The applicant has not already been a Twin City or a Pilot City
    /// (registry, and the declaration where the registry's lists are partial).
    NotAlreadyTwinOrPilot,
    /// The submission falls inside the call window: at or after `opens`
    /// (when given) and no later than the minute `closes`, both inclusive.
    SubmissionWindow {
        /// When the call opened, if a source gives it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        opens: Option<Reported<DateTime<FixedOffset>>>,
        /// The last minute a submission is accepted, with every reading the
        /// sources give.
        closes: Reported<DateTime<FixedOffset>>,
    },
    /// The applicant was invited to apply (declared, or implied by a
    /// catalogue entry).
    Invited,
    /// The applicant takes part in one of the selected partner projects.
    PartnerProject {
        /// The selected projects by name; empty means "the projects the
        /// registry lists as selected".
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        any_of: Vec<String>,
    },
}

impl Rule {
    /// The kebab-case key of the rule's kind, as in JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::LocalAuthority => "local-authority",
            Rule::CountryIn { .. } => "country-in",
            Rule::NeutralityBy { .. } => "neutrality-by",
            Rule::IsMissionCity => "is-mission-city",
            Rule::NotMissionCity => "not-mission-city",
            Rule::NotAlreadyTwinOrPilot => "not-already-twin-or-pilot",
            Rule::SubmissionWindow { .. } => "submission-window",
            Rule::Invited => "invited",
            Rule::PartnerProject { .. } => "partner-project",
        }
    }

    /// Checks the rule's own consistency; returns the offending field (below
    /// the rule) and the reason.
    pub(crate) fn check(&self) -> Result<(), (String, String)> {
        match self {
            Rule::CountryIn { any_of, .. } => {
                if any_of.is_empty() {
                    return Err(("any_of".into(), "name at least one country group".into()));
                }
                for (i, g) in any_of.iter().enumerate() {
                    if any_of.iter().take(i).any(|h| h == g) {
                        return Err((format!("any_of[{i}]"), format!("{g} is listed twice")));
                    }
                }
                Ok(())
            }
            Rule::NeutralityBy { year } => {
                if (2000..=2100).contains(year) {
                    Ok(())
                } else {
                    Err(("year".into(), format!("{year} is outside 2000..=2100")))
                }
            }
            Rule::SubmissionWindow { opens, closes } => {
                for (i, c) in closes.all().enumerate() {
                    if !on_the_minute(&c.value) {
                        return Err((
                            format!("closes[{i}]"),
                            format!("{} is not a whole minute", c.value),
                        ));
                    }
                }
                if let Some(opens) = opens {
                    for (i, o) in opens.all().enumerate() {
                        if !on_the_minute(&o.value) {
                            return Err((
                                format!("opens[{i}]"),
                                format!("{} is not a whole minute", o.value),
                            ));
                        }
                        for c in closes.all() {
                            if c.value < o.value {
                                return Err((
                                    "closes".into(),
                                    format!("{} is before the opening {}", c.value, o.value),
                                ));
                            }
                        }
                    }
                }
                Ok(())
            }
            Rule::PartnerProject { any_of } => {
                for (i, name) in any_of.iter().enumerate() {
                    if name.trim().is_empty() || name.len() > crate::MAX_NAME_LEN {
                        return Err((
                            format!("any_of[{i}]"),
                            format!("project names are 1 to {} bytes", crate::MAX_NAME_LEN),
                        ));
                    }
                    if let Err(e) = twinning_core::visible_text(name) {
                        return Err((format!("any_of[{i}]"), format!("the project name has {e}")));
                    }
                }
                if any_of.len() > crate::MAX_LIST_LEN {
                    return Err((
                        "any_of".into(),
                        format!("at most {} projects", crate::MAX_LIST_LEN),
                    ));
                }
                Ok(())
            }
            Rule::LocalAuthority
            | Rule::IsMissionCity
            | Rule::NotMissionCity
            | Rule::NotAlreadyTwinOrPilot
            | Rule::Invited => Ok(()),
        }
    }
}

fn on_the_minute(t: &DateTime<FixedOffset>) -> bool {
    t.second() == 0 && t.nanosecond() == 0
}

/// One criterion of a rule set: what it checks, where the condition was
/// published, and which reading it follows where sources disagree.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// A key unique within the rule set (`country`, `window`), used in
    /// decisions and summaries.
    pub id: Slug,
    /// What is checked.
    pub rule: Rule,
    /// The condition in a few words, for people reading the rule set.
    pub summary: String,
    /// Where the condition was published and how sure the library is of it.
    pub provenance: Provenance,
    /// Which reading the rule follows where sources disagree, and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale: Option<String>,
}

impl Criterion {
    /// A criterion with no rationale.
    ///
    /// # Errors
    ///
    /// [`Error::Core`](crate::Error::Core) when `id` is not a valid slug.
    pub fn new(
        id: &str,
        rule: Rule,
        summary: impl Into<String>,
        provenance: Provenance,
    ) -> Result<Self, crate::Error> {
        Ok(Self { id: id.parse()?, rule, summary: summary.into(), provenance, rationale: None })
    }

    /// The same criterion with `rationale` saying which reading it follows and why.
    #[must_use]
    pub fn with_rationale(self, rationale: impl Into<String>) -> Self {
        Self { rationale: Some(rationale.into()), ..self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_basis_reads_submission_or_a_day() {
        assert_eq!(DateBasis::try_from("submission".to_owned()), Ok(DateBasis::Submission));
        let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        assert_eq!(DateBasis::try_from("2024-01-01".to_owned()), Ok(DateBasis::Day(day)));
        assert_eq!(String::from(DateBasis::Day(day)), "2024-01-01");
        assert!(DateBasis::try_from("tomorrow".to_owned()).unwrap_err().contains("tomorrow"));
    }

    #[test]
    fn rules_check_their_own_parameters() {
        let dup = Rule::CountryIn {
            any_of: vec![CountryGroup::EuMember, CountryGroup::EuMember],
            on: DateBasis::Submission,
        };
        assert_eq!(dup.check().unwrap_err().0, "any_of[1]");
        assert!(Rule::NeutralityBy { year: 2050 }.check().is_ok());
        assert!(Rule::NeutralityBy { year: 1999 }.check().is_err());
        let blank = Rule::PartnerProject { any_of: vec![" ".into()] };
        assert_eq!(blank.check().unwrap_err().0, "any_of[0]");
    }

    #[test]
    fn kinds_match_their_json_tags() {
        for (rule, tag) in [
            (Rule::LocalAuthority, "local-authority"),
            (Rule::NotAlreadyTwinOrPilot, "not-already-twin-or-pilot"),
            (Rule::NeutralityBy { year: 2050 }, "neutrality-by"),
        ] {
            let json = serde_json::to_value(&rule).unwrap();
            assert_eq!(json["kind"], tag);
            assert_eq!(rule.kind(), tag);
        }
        for g in CountryGroup::ALL {
            assert_eq!(serde_json::to_value(g).unwrap(), g.key());
        }
    }
}
