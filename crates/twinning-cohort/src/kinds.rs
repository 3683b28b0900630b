use std::fmt;

twinning_core::keyed_enum! {
    /// The kinds of learning output a twinned city may have to deliver.
    ///
    /// Cohorts name them differently (cohort 1's *Replication Plan*, cohort 2's
    /// *Twin Cities Action Plan*, cohort 5's *joint Replication or Action Plan*
    /// are all [`OutputKind::ActionPlan`]); each cohort's required outputs carry
    /// the title that cohort uses.
    #[derive(
        Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize,
        serde::Deserialize,
    )]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum OutputKind {
        /// The Twinning Learning Roadmap: learning priorities and how to pursue them.
        LearningRoadmap = "learning-roadmap",
        /// The Stakeholder Engagement Plan.
        StakeholderEngagementPlan = "stakeholder-engagement-plan",
        /// The Transferability Assessment of a practice from the peer city.
        TransferabilityAssessment = "transferability-assessment",
        /// The action or replication plan that turns what was learnt into local action.
        ActionPlan = "action-plan",
        /// The internal info session that shares what was learnt with local stakeholders.
        InfoSession = "info-session",
    }
}

impl OutputKind {
    /// The output's name in general terms ("Stakeholder Engagement Plan");
    /// a cohort's required outputs carry the title that cohort uses.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            OutputKind::LearningRoadmap => "Twinning Learning Roadmap",
            OutputKind::StakeholderEngagementPlan => "Stakeholder Engagement Plan",
            OutputKind::TransferabilityAssessment => "Transferability Assessment",
            OutputKind::ActionPlan => "Action Plan (or Replication Plan)",
            OutputKind::InfoSession => "Internal Info Session",
        }
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

twinning_core::keyed_enum! {
    /// What sort of activity a cohort's activity is.
    #[derive(
        Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize,
        serde::Deserialize,
    )]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum ActivityKind {
        /// The event that opens the programme for a cohort.
        KickOff = "kick-off",
        /// An expert-led information seminar.
        InfoSeminar = "info-seminar",
        /// An online workshop held with the peer cities.
        OnlineWorkshop = "online-workshop",
        /// In-person visits between the paired cities.
        SiteVisit = "site-visit",
        /// Online sessions grouped by theme, held alongside the peer cities.
        ThematicSession = "thematic-session",
        /// An information webinar for cities thinking of applying.
        Webinar = "webinar",
        /// Days on which cities meet to form their pairs.
        MatchmakingDays = "matchmaking-days",
        /// A conference at which the programme meets.
        Conference = "conference",
    }
}

twinning_core::keyed_enum! {
    /// What a dated milestone marks.
    #[derive(
        Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize,
        serde::Deserialize,
    )]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum MilestoneKind {
        /// A call for applications or expressions of interest opens.
        CallOpens = "call-opens",
        /// A call closes: its deadline.
        CallCloses = "call-closes",
        /// The selected cities or pairs are announced.
        Announcement = "announcement",
        /// The programme starts running.
        ProgrammeStart = "programme-start",
        /// The programme ends.
        ProgrammeEnd = "programme-end",
        /// A dated activity (webinar, kick-off, conference, ...).
        Activity = "activity",
    }
}
