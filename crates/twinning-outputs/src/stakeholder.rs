use std::collections::BTreeSet;
use std::fmt;

use chrono::NaiveDate;
use twinning_core::StakeholderId;

use crate::problem::{Problems, duplicates, need_text};
use crate::{Missing, OutputContext, Problem, ProblemKind, Reference};

/// The Stakeholder Engagement Plan: who matters, where they sit on the
/// power/interest grid, where they stand and where the city wants them, and
/// the activities that engage them.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct StakeholderPlan {
    /// The stakeholders.
    pub stakeholders: Vec<Stakeholder>,
    /// The planned engagement activities.
    pub activities: Vec<EngagementActivity>,
}

/// The sector a stakeholder (or an audience) belongs to.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Sector {
    /// Public bodies: departments, agencies, utilities, other authorities.
    Public,
    /// Companies and business associations.
    Private,
    /// Associations, NGOs, citizens' groups.
    CivilSociety,
    /// Universities and research institutes.
    Academia,
}

impl Sector {
    /// Every sector.
    pub const ALL: [Sector; 4] =
        [Sector::Public, Sector::Private, Sector::CivilSociety, Sector::Academia];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Sector::Public => "Public",
            Sector::Private => "Private",
            Sector::CivilSociety => "Civil society",
            Sector::Academia => "Academia",
        }
    }
}

/// High or low, as the power/interest grid reads power and interest.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// Low.
    Low,
    /// High.
    High,
}

impl Level {
    /// Both levels, low first.
    pub const ALL: [Level; 2] = [Level::Low, Level::High];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Level::Low => "Low",
            Level::High => "High",
        }
    }
}

/// A quadrant of the power/interest grid (Mendelow), named by what the city does.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Quadrant {
    /// High power, high interest: the key players.
    ManageClosely,
    /// High power, low interest.
    KeepSatisfied,
    /// Low power, high interest.
    KeepInformed,
    /// Low power, low interest: minimal effort.
    Monitor,
}

impl Quadrant {
    /// The quadrant for a power and an interest.
    pub fn of(power: Level, interest: Level) -> Quadrant {
        match (power, interest) {
            (Level::High, Level::High) => Quadrant::ManageClosely,
            (Level::High, Level::Low) => Quadrant::KeepSatisfied,
            (Level::Low, Level::High) => Quadrant::KeepInformed,
            (Level::Low, Level::Low) => Quadrant::Monitor,
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Quadrant::ManageClosely => "Manage closely",
            Quadrant::KeepSatisfied => "Keep satisfied",
            Quadrant::KeepInformed => "Keep informed",
            Quadrant::Monitor => "Monitor",
        }
    }
}

impl fmt::Display for Quadrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A stakeholder's disposition towards the city's plans.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Stance {
    /// In favour (+).
    Supportive,
    /// Neither (0).
    Neutral,
    /// Against (−).
    Resisting,
}

impl Stance {
    /// Every stance, from in favour to against.
    pub const ALL: [Stance; 3] = [Stance::Supportive, Stance::Neutral, Stance::Resisting];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Stance::Supportive => "Supportive",
            Stance::Neutral => "Neutral",
            Stance::Resisting => "Resisting",
        }
    }
}

/// How deeply the city involves a stakeholder, from least to most.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum EngagementLevel {
    /// Kept up to date.
    Inform,
    /// Asked for views.
    Consult,
    /// Works with the city on parts of the plan.
    Involve,
    /// A partner in decisions and delivery.
    Collaborate,
}

impl EngagementLevel {
    /// Every level, from least to most involvement.
    pub const ALL: [EngagementLevel; 4] = [
        EngagementLevel::Inform,
        EngagementLevel::Consult,
        EngagementLevel::Involve,
        EngagementLevel::Collaborate,
    ];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            EngagementLevel::Inform => "Inform",
            EngagementLevel::Consult => "Consult",
            EngagementLevel::Involve => "Involve",
            EngagementLevel::Collaborate => "Collaborate",
        }
    }
}

/// One stakeholder.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Stakeholder {
    /// Its id, referenced by activities: a short name or a UUID.
    #[serde(deserialize_with = "crate::ids::stakeholder")]
    pub id: StakeholderId,
    /// Its name.
    pub name: String,
    /// Its sector.
    pub sector: Sector,
    /// Its power over the plans.
    pub power: Level,
    /// Its interest in them.
    pub interest: Level,
    /// Where it stands now.
    pub current_stance: Stance,
    /// Where the city wants it to stand.
    pub desired_stance: Stance,
    /// How deeply the city involves it.
    pub engagement: EngagementLevel,
}

impl Stakeholder {
    /// Its place on the power/interest grid.
    pub fn quadrant(&self) -> Quadrant {
        Quadrant::of(self.power, self.interest)
    }
}

/// A planned engagement activity.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EngagementActivity {
    /// What happens (a workshop, a bilateral meeting, a newsletter).
    pub title: String,
    /// When.
    pub date: NaiveDate,
    /// Who in the city is responsible.
    pub owner: String,
    /// The stakeholders it engages.
    #[serde(deserialize_with = "crate::ids::stakeholders")]
    pub stakeholders: Vec<StakeholderId>,
}

impl StakeholderPlan {
    /// The stakeholders in each quadrant, in document order.
    pub fn grid(&self, quadrant: Quadrant) -> impl Iterator<Item = &Stakeholder> {
        self.stakeholders.iter().filter(move |s| s.quadrant() == quadrant)
    }

    pub(crate) fn validate(&self, ctx: &OutputContext, problems: &mut Problems) {
        duplicates(
            problems,
            self.stakeholders
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("stakeholders[{i}].id"), s.id)),
        );
        let known: BTreeSet<_> = self.stakeholders.iter().map(|s| s.id).collect();
        let mut engaged = BTreeSet::new();
        for (i, a) in self.activities.iter().enumerate() {
            problems.date_in(format!("activities[{i}].date"), a.date, ctx.programme);
            for (j, s) in a.stakeholders.iter().enumerate() {
                if known.contains(s) {
                    engaged.insert(*s);
                } else {
                    problems.push(Problem::error(
                        format!("activities[{i}].stakeholders[{j}]"),
                        s,
                        ProblemKind::UnknownReference { reference: Reference::Stakeholder },
                    ));
                }
            }
        }
        for (i, s) in self.stakeholders.iter().enumerate() {
            if s.quadrant() == Quadrant::ManageClosely && !engaged.contains(&s.id) {
                problems.push(Problem::error(
                    format!("stakeholders[{i}]"),
                    &s.name,
                    ProblemKind::ManageCloselyWithoutActivity,
                ));
            }
        }
    }

    pub(crate) fn missing(&self, missing: &mut Vec<Missing>) {
        if self.stakeholders.is_empty() {
            missing.push(Missing::new("stakeholders", "at least one stakeholder"));
        }
        for sector in Sector::ALL {
            if !self.stakeholders.iter().any(|s| s.sector == sector) {
                missing.push(Missing::new(
                    "stakeholders",
                    format!("a stakeholder from the {} sector", sector.label().to_lowercase()),
                ));
            }
        }
        for (i, s) in self.stakeholders.iter().enumerate() {
            need_text(missing, format!("stakeholders[{i}].name"), &s.name, "a name");
        }
        if self.activities.is_empty() {
            missing.push(Missing::new("activities", "at least one engagement activity"));
        }
        for (i, a) in self.activities.iter().enumerate() {
            need_text(missing, format!("activities[{i}].title"), &a.title, "a title");
            need_text(missing, format!("activities[{i}].owner"), &a.owner, "an owner");
            if a.stakeholders.is_empty() {
                missing.push(Missing::new(
                    format!("activities[{i}].stakeholders"),
                    "the stakeholders it engages",
                ));
            }
        }
    }
}
