use chrono::NaiveDate;
use twinning_profile::Theme;

use crate::problem::{Problems, need_text};
use crate::{Missing, OutputContext, Sector};

/// The internal Info Session: the city shares what it learnt with its own
/// institutions and communities.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct InfoSession {
    /// When it takes place; absent until scheduled.
    pub date: Option<NaiveDate>,
    /// Who is invited.
    pub audience: Vec<AudienceGroup>,
    /// What is shared.
    pub topics: Vec<Topic>,
    /// How many people attended, once it has taken place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendance: Option<u32>,
}

/// A group invited to the session.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AudienceGroup {
    /// Who (a department, the city council, a residents' network).
    pub name: String,
    /// Their sector, if one applies.
    pub sector: Option<Sector>,
}

/// A topic of the session.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// What is presented.
    pub title: String,
    /// Its theme, if one applies.
    pub theme: Option<Theme>,
}

impl InfoSession {
    pub(crate) fn validate(&self, ctx: &OutputContext, problems: &mut Problems) {
        if let Some(date) = self.date {
            problems.date_in("date".to_owned(), date, ctx.programme);
        }
    }

    pub(crate) fn missing(&self, missing: &mut Vec<Missing>) {
        if self.date.is_none() {
            missing.push(Missing::new("date", "the date of the session"));
        }
        if self.audience.is_empty() {
            missing.push(Missing::new("audience", "at least one audience group"));
        }
        for (i, a) in self.audience.iter().enumerate() {
            need_text(missing, format!("audience[{i}].name"), &a.name, "a name");
        }
        if self.topics.is_empty() {
            missing.push(Missing::new("topics", "at least one topic"));
        }
        for (i, t) in self.topics.iter().enumerate() {
            need_text(missing, format!("topics[{i}].title"), &t.title, "a title");
        }
    }
}
