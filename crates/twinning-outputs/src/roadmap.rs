use std::collections::BTreeSet;

use chrono::NaiveDate;
use twinning_core::{ActivityId, DateRange, LearningGoalId, MilestoneId, PracticeId};
use twinning_profile::Theme;

use crate::problem::{Problems, duplicates, need_text};
use crate::{CityRef, Missing, OutputContext, Problem, ProblemKind, Reference};

/// The Twinning Learning Roadmap: what the city wants to learn, from which of
/// its twin's practices, and the activities and milestones that get it there.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LearningRoadmap {
    /// The learning priorities.
    pub priorities: Vec<LearningPriority>,
    /// The twin's practices the city wants to learn from.
    pub practices: Vec<PracticeRef>,
    /// Activities on the cohort's calendar that serve the priorities.
    pub activities: Vec<RoadmapActivity>,
    /// Milestones of the roadmap.
    pub milestones: Vec<RoadmapMilestone>,
}

/// One learning priority: a theme, an objective and the questions to answer.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LearningPriority {
    /// Its id, referenced by activities.
    pub id: LearningGoalId,
    /// The theme from the closed taxonomy of `twinning-profile`.
    pub theme: Theme,
    /// What the city wants to be able to do afterwards.
    pub objective: String,
    /// The questions the city wants answered.
    pub questions: Vec<String>,
}

/// A practice of another city, named by id with enough context to print it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PracticeRef {
    /// The practice's id.
    pub id: PracticeId,
    /// Its name, such as `beÁgueda e-bike sharing`.
    pub name: String,
    /// The city that tested it.
    pub city: CityRef,
}

/// What kind of programme activity serves a roadmap.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RoadmapActivityKind {
    /// A kick-off event.
    KickOff,
    /// An expert-led info seminar.
    InfoSeminar,
    /// An online workshop with peer cities.
    Workshop,
    /// An in-person site visit (travelling or hosting).
    SiteVisit,
    /// A thematic (clustered) session.
    ThematicSession,
    /// Anything else the city organises itself.
    Other,
}

impl RoadmapActivityKind {
    /// Every kind, in the order a cohort's calendar meets them.
    pub const ALL: [RoadmapActivityKind; 6] = [
        RoadmapActivityKind::KickOff,
        RoadmapActivityKind::InfoSeminar,
        RoadmapActivityKind::Workshop,
        RoadmapActivityKind::SiteVisit,
        RoadmapActivityKind::ThematicSession,
        RoadmapActivityKind::Other,
    ];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            RoadmapActivityKind::KickOff => "Kick-off",
            RoadmapActivityKind::InfoSeminar => "Info seminar",
            RoadmapActivityKind::Workshop => "Workshop",
            RoadmapActivityKind::SiteVisit => "Site visit",
            RoadmapActivityKind::ThematicSession => "Thematic session",
            RoadmapActivityKind::Other => "Other",
        }
    }
}

/// An activity placed on the cohort's calendar.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RoadmapActivity {
    /// Its id.
    pub id: ActivityId,
    /// What kind of activity it is.
    pub kind: RoadmapActivityKind,
    /// Its title.
    pub title: String,
    /// The days it takes place.
    pub dates: DateRange,
    /// The priorities it serves.
    pub priorities: Vec<LearningGoalId>,
    /// The practices it looks at.
    pub practices: Vec<PracticeId>,
}

/// A milestone of the roadmap.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RoadmapMilestone {
    /// Its id.
    pub id: MilestoneId,
    /// What is reached.
    pub title: String,
    /// When.
    pub date: NaiveDate,
}

impl LearningRoadmap {
    pub(crate) fn validate(&self, ctx: &OutputContext, problems: &mut Problems) {
        duplicates(
            problems,
            self.priorities.iter().enumerate().map(|(i, p)| (format!("priorities[{i}].id"), p.id)),
        );
        duplicates(
            problems,
            self.practices.iter().enumerate().map(|(i, p)| (format!("practices[{i}].id"), p.id)),
        );
        duplicates(
            problems,
            self.activities.iter().enumerate().map(|(i, a)| (format!("activities[{i}].id"), a.id)),
        );
        duplicates(
            problems,
            self.milestones.iter().enumerate().map(|(i, m)| (format!("milestones[{i}].id"), m.id)),
        );
        if let Some(known) = &ctx.known_practices {
            for (i, p) in self.practices.iter().enumerate() {
                if !known.contains(&p.id) {
                    problems.push(Problem::error(
                        format!("practices[{i}].id"),
                        p.id,
                        ProblemKind::UnknownReference { reference: Reference::Practice },
                    ));
                }
            }
        }
        let priorities: BTreeSet<_> = self.priorities.iter().map(|p| p.id).collect();
        let practices: BTreeSet<_> = self.practices.iter().map(|p| p.id).collect();
        for (i, a) in self.activities.iter().enumerate() {
            problems.range_in(format!("activities[{i}].dates"), a.dates, ctx.programme);
            for (j, p) in a.priorities.iter().enumerate() {
                if !priorities.contains(p) {
                    problems.push(Problem::error(
                        format!("activities[{i}].priorities[{j}]"),
                        p,
                        ProblemKind::UnknownReference { reference: Reference::LearningPriority },
                    ));
                }
            }
            for (j, p) in a.practices.iter().enumerate() {
                if !practices.contains(p) {
                    problems.push(Problem::error(
                        format!("activities[{i}].practices[{j}]"),
                        p,
                        ProblemKind::UnknownReference { reference: Reference::Practice },
                    ));
                }
            }
        }
        for (i, m) in self.milestones.iter().enumerate() {
            problems.date_in(format!("milestones[{i}].date"), m.date, ctx.programme);
        }
    }

    pub(crate) fn missing(&self, missing: &mut Vec<Missing>) {
        if self.priorities.is_empty() {
            missing.push(Missing::new("priorities", "at least one learning priority"));
        }
        for (i, p) in self.priorities.iter().enumerate() {
            need_text(missing, format!("priorities[{i}].objective"), &p.objective, "an objective");
            if p.questions.iter().all(|q| q.trim().is_empty()) {
                missing.push(Missing::new(
                    format!("priorities[{i}].questions"),
                    "at least one question to answer",
                ));
            }
            if !self.activities.iter().any(|a| a.priorities.contains(&p.id)) {
                missing.push(Missing::new(
                    format!("priorities[{i}]"),
                    "an activity that serves this priority",
                ));
            }
        }
        if self.practices.is_empty() {
            missing.push(Missing::new("practices", "at least one practice to learn from"));
        }
        for (i, p) in self.practices.iter().enumerate() {
            need_text(missing, format!("practices[{i}].name"), &p.name, "the practice's name");
        }
        if self.activities.is_empty() {
            missing.push(Missing::new("activities", "at least one activity"));
        }
        for (i, a) in self.activities.iter().enumerate() {
            need_text(missing, format!("activities[{i}].title"), &a.title, "a title");
        }
        if self.milestones.is_empty() {
            missing.push(Missing::new("milestones", "at least one milestone"));
        }
        for (i, m) in self.milestones.iter().enumerate() {
            need_text(missing, format!("milestones[{i}].title"), &m.title, "a title");
        }
    }
}
