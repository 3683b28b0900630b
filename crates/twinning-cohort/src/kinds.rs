use std::fmt;

/// The kinds of learning output a twinned city may have to deliver.
///
/// Cohorts name them differently (cohort 1's *Replication Plan*, cohort 2's
/// *Twin Cities Action Plan*, cohort 5's *joint Replication or Action Plan*
/// are all [`OutputKind::ActionPlan`]); each cohort's required outputs carry
/// the title that cohort uses.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum OutputKind {
    /// The Twinning Learning Roadmap: learning priorities and how to pursue them.
    LearningRoadmap,
    /// The Stakeholder Engagement Plan.
    StakeholderEngagementPlan,
    /// The Transferability Assessment of a practice from the peer city.
    TransferabilityAssessment,
    /// The action or replication plan that turns what was learnt into local action.
    ActionPlan,
    /// The internal info session that shares what was learnt with local stakeholders.
    InfoSession,
}

impl OutputKind {
    /// Every kind, in the order a city usually produces them.
    pub const ALL: [OutputKind; 5] = [
        OutputKind::LearningRoadmap,
        OutputKind::StakeholderEngagementPlan,
        OutputKind::TransferabilityAssessment,
        OutputKind::ActionPlan,
        OutputKind::InfoSession,
    ];

    /// The kebab-case key used in JSON and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            OutputKind::LearningRoadmap => "learning-roadmap",
            OutputKind::StakeholderEngagementPlan => "stakeholder-engagement-plan",
            OutputKind::TransferabilityAssessment => "transferability-assessment",
            OutputKind::ActionPlan => "action-plan",
            OutputKind::InfoSession => "info-session",
        }
    }
}

impl fmt::Display for OutputKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The role in which a city takes part in a cohort.
///
/// Cohorts 1–3 paired learning Twin Cities with Pilot Cities; cohorts 4–5
/// pair Mission-minded cities with Mission Cities.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// A Twin City learning from a Pilot City (cohorts 1–3).
    TwinCity,
    /// A Pilot City sharing its pilot activities (cohorts 1–3).
    PilotCity,
    /// A Mission-minded city, beyond the 112 Mission Cities (cohorts 4–5).
    MissionMindedCity,
    /// One of the 112 Mission Cities (cohorts 4–5).
    MissionCity,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 4] =
        [Role::TwinCity, Role::PilotCity, Role::MissionMindedCity, Role::MissionCity];

    /// The kebab-case key used in JSON and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Role::TwinCity => "twin-city",
            Role::PilotCity => "pilot-city",
            Role::MissionMindedCity => "mission-minded-city",
            Role::MissionCity => "mission-city",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The learning modules of the programme, in the order a cohort takes them.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Module {
    /// *Getting started*: the twins get to know their peers and set priorities.
    GettingStarted,
    /// *Co-creating*: visits and workshops with the peer city.
    CoCreating,
    /// *Capitalising*: turning what was learnt into a plan at home.
    Capitalising,
}

impl Module {
    /// The three modules, in order.
    pub const ALL: [Module; 3] = [Module::GettingStarted, Module::CoCreating, Module::Capitalising];

    /// The module's name as the programme writes it.
    pub fn title(self) -> &'static str {
        match self {
            Module::GettingStarted => "Getting started",
            Module::CoCreating => "Co-creating",
            Module::Capitalising => "Capitalising",
        }
    }
}

impl fmt::Display for Module {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// What sort of activity a cohort's activity is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ActivityKind {
    /// The event that opens the programme for a cohort.
    KickOff,
    /// An expert-led information seminar.
    InfoSeminar,
    /// An online workshop held with the peer cities.
    OnlineWorkshop,
    /// In-person visits between the paired cities.
    SiteVisit,
    /// Online sessions grouped by theme, held alongside the peer cities.
    ThematicSession,
    /// An information webinar for cities thinking of applying.
    Webinar,
    /// Days on which cities meet to form their pairs.
    MatchmakingDays,
    /// A conference at which the programme meets.
    Conference,
}

impl ActivityKind {
    /// The kebab-case key used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            ActivityKind::KickOff => "kick-off",
            ActivityKind::InfoSeminar => "info-seminar",
            ActivityKind::OnlineWorkshop => "online-workshop",
            ActivityKind::SiteVisit => "site-visit",
            ActivityKind::ThematicSession => "thematic-session",
            ActivityKind::Webinar => "webinar",
            ActivityKind::MatchmakingDays => "matchmaking-days",
            ActivityKind::Conference => "conference",
        }
    }
}

impl fmt::Display for ActivityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// What a dated milestone marks.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum MilestoneKind {
    /// A call for applications or expressions of interest opens.
    CallOpens,
    /// A call closes: its deadline.
    CallCloses,
    /// The selected cities or pairs are announced.
    Announcement,
    /// The programme starts running.
    ProgrammeStart,
    /// The programme ends.
    ProgrammeEnd,
    /// A dated activity (webinar, kick-off, conference, ...).
    Activity,
}

impl MilestoneKind {
    /// The kebab-case key used in exports.
    pub fn key(self) -> &'static str {
        match self {
            MilestoneKind::CallOpens => "call-opens",
            MilestoneKind::CallCloses => "call-closes",
            MilestoneKind::Announcement => "announcement",
            MilestoneKind::ProgrammeStart => "programme-start",
            MilestoneKind::ProgrammeEnd => "programme-end",
            MilestoneKind::Activity => "activity",
        }
    }
}

impl fmt::Display for MilestoneKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}
