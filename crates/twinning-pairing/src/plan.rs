//! One cohort's pairing, end to end.

use std::time::Duration;

use chrono::{DateTime, FixedOffset};
use twinning_cohort::{Cohort, CohortNumber, Milestone, Role};
use twinning_eligibility::{Applicant, Batch, BuiltinRegistry, RuleSet, Verdict};
use twinning_matcher::{
    BudgetConfig, BudgetMode, BudgetObjective, CheckReport, Explanation, Matching, Stability,
};
use twinning_profile::{Catalogue, CityProfile};

use crate::{
    CityPairs, Error, Learner, Options, PairingInstance, Peer, Roster, Seats, Suggestions,
    city_pairs, suggest,
};

/// How many milestones a run lists after its instant.
pub const NEXT_MILESTONES: usize = 5;

/// Settings of a [`Plan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Seats per selected peer and the budget of peers.
    pub seats: Seats,
    /// How the preference lists are suggested.
    pub suggest: Options,
    /// What the budgeted selection maximises.
    pub objective: BudgetObjective,
    /// A guard on the exact search; past it the result states its gap.
    pub time_limit: Option<Duration>,
    /// The submission instant each candidate declares. The catalogue lists
    /// the cities that registered but no source gives when, so a run states
    /// the instant it assumes.
    pub submitted_at: DateTime<FixedOffset>,
}

/// One cohort's pairing: the rules that judge the candidates, the
/// candidates (the cities that applied in the cohort's applying role), the
/// learners who rank them, and the settings.
///
/// [`Plan::run`] goes rules → candidates → suggestions → budgeted selection
/// and matching → independent check → explanation, and returns everything
/// in one [`PairingRun`] that a front end only renders.
#[derive(Debug, Clone)]
pub struct Plan<'a> {
    catalogue: &'a Catalogue,
    cohort: &'a Cohort,
    rules: RuleSet,
    candidates: Vec<&'a CityProfile>,
    learners: Vec<Learner>,
    settings: Settings,
}

/// Cohort 5's Mission-minded registration closed in January 2026 (seed
/// 001); the last working day, at noon Brussels time, stands for the
/// undocumented submission instants.
const COHORT_5_SUBMISSION: &str = "2026-01-30T12:00:00+01:00";

impl<'a> Plan<'a> {
    /// A plan from its parts.
    #[must_use]
    pub fn new(
        catalogue: &'a Catalogue,
        cohort: &'a Cohort,
        rules: RuleSet,
        candidates: Vec<&'a CityProfile>,
        learners: Vec<Learner>,
        settings: Settings,
    ) -> Self {
        Plan { catalogue, cohort, rules, candidates, learners, settings }
    }

    /// Cohort 5 on `catalogue`: its Mission-minded cities are the candidates,
    /// judged by the built-in cohort 5 rules; `learners` (Mission Cities)
    /// rank those that are not ineligible and offer tested practices; at
    /// most the cohort's stated number of peers is selected (ten, seed 001)
    /// with two seats each (illustrative: no source gives it), maximising
    /// the total affinity; each candidate declares a submission on 30
    /// January 2026 (assumed: the registration closed that month).
    ///
    /// # Errors
    ///
    /// [`Error::Builtin`] if cohort 5 or its rules are missing from the
    /// built-in data.
    pub fn cohort5(catalogue: &'a Catalogue, learners: Vec<Learner>) -> Result<Self, Error> {
        let five = CohortNumber::new(5).map_err(|_| Error::Builtin { what: "cohort number 5" })?;
        let cohort = Cohort::builtin(five).ok_or(Error::Builtin { what: "cohort 5" })?;
        let rules = RuleSet::builtin(five, Role::MissionMindedCity)
            .ok_or(Error::Builtin { what: "cohort 5's Mission-minded rule set" })?;
        let max_hosts = cohort
            .cities_selected()
            .map(|n| u32::from(*n.value()))
            .ok_or(Error::Builtin { what: "cohort 5's number of selected cities" })?;
        let submitted_at = DateTime::parse_from_rfc3339(COHORT_5_SUBMISSION)
            .map_err(|_| Error::Builtin { what: "cohort 5's submission instant" })?;
        let settings = Settings {
            seats: Seats { per_host: 2, max_hosts: Some(max_hosts) },
            suggest: Options { min_score: 1, max_len: Some(5) },
            objective: BudgetObjective::Welfare,
            // A guard only: the exact search proves its optimum in well under
            // a second here, so the result does not depend on the machine.
            time_limit: Some(Duration::from_secs(120)),
            submitted_at,
        };
        let candidates = catalogue.mission_minded(five).collect();
        Ok(Plan::new(catalogue, cohort, rules, candidates, learners, settings))
    }

    /// The same plan with other settings.
    #[must_use]
    pub fn with_settings(mut self, settings: Settings) -> Self {
        self.settings = settings;
        self
    }

    /// The settings.
    #[must_use]
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The cohort.
    #[must_use]
    pub fn cohort(&self) -> &'a Cohort {
        self.cohort
    }

    /// The rule set that judges the candidates.
    #[must_use]
    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    /// Runs the pairing at instant `at` (the instant eligibility is judged
    /// at and milestones are counted from).
    ///
    /// Candidates judged ineligible are left out; undetermined ones stay in
    /// the pool, flagged in [`PairingRun::eligibility`]. The result is the
    /// same for the same plan and instant, byte for byte.
    ///
    /// # Errors
    ///
    /// [`Error::NoLearner`] without learners, [`Error::Applicant`] if a
    /// candidate's catalogue record does not make an applicant,
    /// [`Error::Instance`] if the suggested instance is refused by the
    /// matcher, [`Error::Matching`] if a mechanism, the checker or the
    /// explanation refuses it.
    pub fn run(&self, at: DateTime<FixedOffset>) -> Result<PairingRun<'a>, Error> {
        if self.learners.is_empty() {
            return Err(Error::NoLearner);
        }
        let applicants = self
            .candidates
            .iter()
            .map(|c| applicant_of(self.catalogue, c, self.settings.submitted_at))
            .collect::<Result<Vec<_>, _>>()?;
        let eligibility = self.rules.evaluate_all(&applicants, at, &BuiltinRegistry::new());
        let peers: Vec<Peer> = self
            .candidates
            .iter()
            .zip(&eligibility.decisions)
            .filter(|(c, d)| d.verdict() != Verdict::Ineligible && !c.practices().is_empty())
            .map(|(c, _)| Peer::from_profile(c))
            .collect();
        let suggestions = suggest(&self.learners, &peers, self.settings.suggest);
        let instance =
            PairingInstance::new(&self.learners, &peers, &suggestions, self.settings.seats)?;
        let config = BudgetConfig {
            max_hosts: self.settings.seats.max_hosts,
            objective: self.settings.objective,
            time_limit: self.settings.time_limit,
            mode: BudgetMode::Exact,
            ..BudgetConfig::default()
        };
        let matching =
            twinning_matcher::budgeted(instance.instance(), &config).map_err(Error::Matching)?;
        let check =
            twinning_matcher::check(instance.instance(), &matching).map_err(Error::Matching)?;
        let explanation =
            twinning_matcher::explain(instance.instance(), &matching).map_err(Error::Matching)?;
        let roster = Roster::new(&self.learners, &peers);
        let pairs = city_pairs(&matching, &roster, &suggestions);
        let next_milestones =
            self.cohort.next_milestones(at, NEXT_MILESTONES).into_iter().cloned().collect();
        Ok(PairingRun {
            at,
            cohort: self.cohort,
            rules: self.rules.clone(),
            settings: self.settings.clone(),
            candidates: self.candidates.clone(),
            eligibility,
            learners: self.learners.clone(),
            peers,
            roster,
            suggestions,
            instance,
            matching,
            check,
            explanation,
            pairs,
            next_milestones,
        })
    }
}

/// Everything one run of a [`Plan`] found, for a front end to render.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct PairingRun<'a> {
    /// The run instant.
    pub at: DateTime<FixedOffset>,
    /// The cohort.
    pub cohort: &'a Cohort,
    /// The rules that judged the candidates.
    pub rules: RuleSet,
    /// The settings the run used.
    pub settings: Settings,
    /// The candidates, in catalogue order.
    pub candidates: Vec<&'a CityProfile>,
    /// One decision per candidate, in the same order, with the counts.
    pub eligibility: Batch,
    /// The learners (the seekers).
    pub learners: Vec<Learner>,
    /// The peers in the pool: candidates not ineligible, with tested practices.
    pub peers: Vec<Peer>,
    /// Names of learners and peers by id.
    pub roster: Roster,
    /// The suggested preference lists with the affinity behind each entry.
    pub suggestions: Suggestions,
    /// The matcher instance built from the suggestions.
    pub instance: PairingInstance,
    /// The budgeted matching.
    pub matching: Matching,
    /// The independent checker's report on the matching.
    pub check: CheckReport,
    /// Why each learner got its peer, or none.
    pub explanation: Explanation,
    /// The matching in cities.
    pub pairs: CityPairs,
    /// The cohort's next milestones after the run instant (at most
    /// [`NEXT_MILESTONES`]).
    pub next_milestones: Vec<Milestone>,
}

impl PairingRun<'_> {
    /// Whether the checker found the matching feasible and free of blocking
    /// pairs (among the selected peers, for a budgeted matching).
    #[must_use]
    pub fn is_stable(&self) -> bool {
        self.check.is_stable(Stability::Weak)
    }

    /// The decisions with a given verdict, with their candidates.
    pub fn with_verdict(
        &self,
        verdict: Verdict,
    ) -> impl Iterator<Item = (&CityProfile, &twinning_eligibility::Decision)> + '_ {
        self.candidates
            .iter()
            .copied()
            .zip(&self.eligibility.decisions)
            .filter(move |(_, d)| d.verdict() == verdict)
    }
}

/// The applicant a catalogue city makes: what the catalogue records — its
/// country, its partner projects (by acronym), that it is a local authority
/// and was invited (the catalogue lists invited cities) — and the declared
/// submission instant.
///
/// # Errors
///
/// [`Error::Applicant`] if the city's name does not make an applicant.
pub fn applicant_of(
    catalogue: &Catalogue,
    city: &CityProfile,
    submitted_at: DateTime<FixedOffset>,
) -> Result<Applicant, Error> {
    let projects = catalogue.project_acronyms(city);
    let applicant = Applicant::new(city.name())
        .map_err(|source| Error::Applicant { city: city.name().to_owned(), source })?
        .with_country(city.country())
        .with_invited(true)
        .with_local_authority(true)
        .with_submitted_at(submitted_at);
    Ok(if projects.is_empty() { applicant } else { applicant.with_partner_projects(projects) })
}
