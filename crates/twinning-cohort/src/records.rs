//! The records a cohort is made of. Their fields are public; a [`Cohort`]
//! checks them all together when it is built, so any record reached through
//! a `Cohort` is valid.
//!
//! [`Cohort`]: crate::Cohort

use std::fmt;

use chrono::{DateTime, FixedOffset};

use twinning_core::{CountryCode, MilestoneId, MonthRange, Provenance, Reported, Slug, YearMonth};

use crate::{ActivityKind, MilestoneKind, Moment, OutputKind, Role, When};

/// Who learns from whom in a cohort.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Pairing {
    /// The role of the cities that learn (Twin Cities, Mission-minded cities).
    pub learner: Role,
    /// The role of the cities they learn from or with (Pilot Cities, Mission Cities).
    pub peer: Role,
    /// How the source describes the pairing, in this library's words.
    pub summary: String,
    /// Where the pairing is stated.
    pub provenance: Provenance,
}

/// A call for one role: when it opens and when it closes.
///
/// `closes` is the deadline. An instant is honoured to the minute in its own
/// offset; a day or month closes at 23:59 Brussels time on its last day (see
/// [`Moment`]). `None` means no source gives the date.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// A key unique within the cohort, such as `mission-city-eoi`.
    pub id: Slug,
    /// The role that registers through this call.
    pub role: Role,
    /// The call's name.
    pub title: String,
    /// When the call opens, every reading kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens: Option<Reported<Moment>>,
    /// When the call closes, every reading kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes: Option<Reported<Moment>>,
}

/// A stretch of a cohort's calendar given to the month ("April – May 2026:
/// Matchmaking Days").
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// A key unique within the cohort.
    pub id: Slug,
    /// What happens in the phase.
    pub title: String,
    /// The months it covers, both ends included.
    pub months: MonthRange,
    /// Where the phase is stated or how it was inferred.
    pub provenance: Provenance,
}

/// How many in-person visits a city makes and hosts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SiteVisits {
    /// Trips the learning city makes to its peer.
    pub to_peer: u16,
    /// Visits the learning city hosts from its peer.
    pub hosted: u16,
}

impl SiteVisits {
    /// All visits, made and hosted.
    pub fn total(&self) -> u32 {
        u32::from(self.to_peer) + u32::from(self.hosted)
    }
}

/// Something a cohort does together: a kick-off, seminars, workshops, site
/// visits, webinars, Matchmaking Days.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// A key unique within the cohort.
    pub id: Slug,
    /// What sort of activity.
    pub kind: ActivityKind,
    /// The activity's title as the programme gives it (a seminar's topic, a
    /// workshop's name).
    pub title: String,
    /// A description in this library's words, when the source says more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// How many sessions or visits, when a source counts them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u16>,
    /// For site visits: which way the cities travel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visits: Option<SiteVisits>,
    /// When it happens, when a source dates it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Reported<When>>,
    /// Where the activity is stated.
    pub provenance: Provenance,
}

/// An output each learning city of a cohort must deliver.
///
/// No source gives a due date for any output. The built-in cohorts follow
/// one convention: an output is due by the programme's last month, marked
/// [`Confidence::Inferred`](twinning_core::Confidence::Inferred).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RequiredOutput {
    /// What kind of output it is.
    pub kind: OutputKind,
    /// The cohort's own name for it ("Replication Plan", "Twin City Action Plan").
    pub title: String,
    /// When it is due, with how that was established; `None` when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<twinning_core::Sourced<YearMonth>>,
    /// Where the output is required.
    pub provenance: Provenance,
}

/// A closed range of small counts, such as "1–2 representatives".
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CountRange {
    /// The least, when a source gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<u16>,
    /// The most, when a source gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u16>,
}

impl fmt::Display for CountRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.min, self.max) {
            (Some(a), Some(b)) if a == b => write!(f, "{a}"),
            (Some(a), Some(b)) => write!(f, "{a}-{b}"),
            (Some(a), None) => write!(f, "at least {a}"),
            (None, Some(b)) => write!(f, "at most {b}"),
            (None, None) => f.write_str("not stated"),
        }
    }
}

/// What taking part asks of a learning city.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TimeCommitment {
    /// City representatives taking part.
    pub representatives: CountRange,
    /// Working hours per month.
    pub hours_per_month: CountRange,
    /// The least level of English asked of representatives (CEFR, such as `B2`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub english_level: Option<String>,
    /// A caveat in this library's words (for example "2 representatives recommended").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Where the commitment is stated.
    pub provenance: Provenance,
}

/// A dated point of a cohort's calendar, derived from its calls,
/// announcement, programme period and dated activities.
///
/// Milestones are computed when a cohort is built and are not part of its
/// JSON. Their ids are UUIDv5 values under the cohort's id, so they are the
/// same in every build.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Milestone {
    /// The deterministic id.
    pub id: MilestoneId,
    /// The stable key the id is derived from, such as `call.mission-city-eoi.closes`,
    /// `activity.torino-conference` or `programme.start`.
    pub key: String,
    /// What it marks.
    pub kind: MilestoneKind,
    /// A short title for calendars and timelines.
    pub title: String,
    /// When, in the reading the library follows.
    pub when: When,
    /// The instant the milestone marks, by which milestones are ordered: the
    /// last minute of a deadline ([`MilestoneKind::CallCloses`]) or of the
    /// programme ([`MilestoneKind::ProgrammeEnd`]), the first instant of
    /// anything else. Days and months are read on the Brussels
    /// clock.
    pub at: DateTime<FixedOffset>,
    /// Where the followed reading comes from.
    pub provenance: Provenance,
    /// The other readings sources give, in this library's words, if any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
}

impl fmt::Display for Milestone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}  {}", self.when, self.title)
    }
}

/// A pair of cities a source names for a cohort.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KnownPair {
    /// The learning city as the source names it.
    pub learner: String,
    /// The learning city's country.
    pub country: CountryCode,
    /// The city, cities or pilot project it is paired with, as the source names them.
    pub peer: String,
    /// Where the pair is named.
    pub provenance: Provenance,
}
