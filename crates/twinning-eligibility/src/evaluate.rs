use chrono::{DateTime, FixedOffset, TimeDelta};
use twinning_cohort::{CohortNumber, Role};
use twinning_core::{Confidence, CountryCode, Provenance, Reported, Sourced};

use crate::{
    Applicant, Conflict, CountryGroup, Criterion, CriterionOutcome, DateBasis, Decision, Evidence,
    EvidenceSource, Outcome, Reason, Registry, Rule, RuleSet, Verdict,
};

use EvidenceSource::{Declaration, Evaluation, RuleSet as FromRuleSet};

/// What one criterion check produces before it is wrapped with its id.
struct Checked {
    outcome: Outcome,
    reason: Reason,
    sentence: String,
    evidence: Vec<Evidence>,
}

impl Checked {
    fn new(outcome: Outcome, reason: Reason, sentence: String, evidence: Vec<Evidence>) -> Self {
        Self { outcome, reason, sentence, evidence }
    }
}

/// Everything a criterion may consult.
struct Context<'a, R: ?Sized> {
    applicant: &'a Applicant,
    registry: &'a R,
    submission: DateTime<FixedOffset>,
    submission_source: EvidenceSource,
    /// The cohort applied to: only roles held before it count as earlier.
    cohort: CohortNumber,
    /// The country registry look-ups and the country criterion use, with
    /// where it comes from (the declaration, or the registry when the two
    /// disagree and the registry knows the city in one country only).
    country: Option<(CountryCode, Evidence)>,
    conflicts: Vec<Conflict>,
}

fn is_sure(p: &Provenance) -> bool {
    p.confidence() != Confidence::Uncertain
}

fn registry_evidence<T: std::fmt::Display>(fact: String, s: &Sourced<T>) -> Evidence {
    Evidence::new(fact, &s.value, EvidenceSource::Registry, Some(s.provenance.clone()))
}

fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl RuleSet {
    /// Decides whether `applicant` may join this cohort in this role, as of
    /// the instant `at`.
    ///
    /// The submission instant is the applicant's own when it has submitted,
    /// otherwise `at` (a portal asks "if I submitted now"). Country groups
    /// are judged on the day the rule names, by default the submission day.
    /// Registry facts come from `registry`; a declaration contradicting one
    /// is listed in [`Decision::conflicts`].
    ///
    /// The same inputs always give the same decision. Never fails: an
    /// applicant missing a needed declaration gets an undetermined decision.
    pub fn evaluate<R: Registry + ?Sized>(
        &self,
        applicant: &Applicant,
        at: DateTime<FixedOffset>,
        registry: &R,
    ) -> Decision {
        let (submission, submission_source) = match applicant.submitted_at() {
            Some(t) => (t, Declaration),
            None => (at, Evaluation),
        };
        let mut conflicts = Vec::new();
        let country = identify_country(applicant, registry, &mut conflicts);
        let mut cx = Context {
            applicant,
            registry,
            submission,
            submission_source,
            cohort: self.cohort(),
            country,
            conflicts,
        };
        let outcomes: Vec<CriterionOutcome> = self
            .criteria()
            .iter()
            .map(|c| {
                let checked = cx.check(c);
                CriterionOutcome {
                    criterion: c.id.clone(),
                    kind: c.rule.kind().to_owned(),
                    outcome: checked.outcome,
                    reason: checked.reason,
                    sentence: checked.sentence,
                    evidence: checked.evidence,
                }
            })
            .collect();
        Decision {
            rule_set: self.title().to_owned(),
            cohort: self.cohort(),
            role: self.role(),
            applicant: applicant.name().to_owned(),
            evaluated_at: at,
            verdict: Verdict::from_outcomes(outcomes.iter().map(|o| o.outcome)),
            outcomes,
            conflicts: cx.conflicts,
        }
    }
}

/// The country to judge the applicant by: the declared one, unless the
/// registry knows a city of that name only in one other country, whose
/// country is then used. The contradiction is reported either way.
fn identify_country<R: Registry + ?Sized>(
    applicant: &Applicant,
    registry: &R,
    conflicts: &mut Vec<Conflict>,
) -> Option<(CountryCode, Evidence)> {
    let declared = applicant.country()?;
    let declared_evidence = Evidence::new("country", declared, Declaration, None);
    let known: Vec<Sourced<CountryCode>> = registry
        .countries_of(applicant.name())
        .into_iter()
        .filter(|k| is_sure(&k.provenance))
        .collect();
    if known.is_empty() || known.iter().any(|k| k.value == declared) {
        return Some((declared, declared_evidence));
    }
    let listed: Vec<String> = known.iter().map(|k| k.value.to_string()).collect();
    let (chosen, resolution) = match known.as_slice() {
        [only] => (
            Some((
                only.value,
                Evidence::new(
                    "country",
                    only.value,
                    EvidenceSource::Registry,
                    Some(only.provenance.clone()),
                ),
            )),
            format!(
                "the registry's country {} is used for every criterion; staff should confirm \
                 which city applies",
                only.value
            ),
        ),
        _ => (
            Some((declared, declared_evidence)),
            "the registry knows this name in several other countries, so the declared country \
             is kept; staff should settle which city applies"
                .to_owned(),
        ),
    };
    conflicts.push(Conflict {
        criterion: None,
        field: "country".into(),
        declared: declared.to_string(),
        registry: listed.join(", "),
        provenance: known
            .first()
            .map(|k| k.provenance.clone())
            .unwrap_or_else(|| Provenance::confirmed("registry")),
        resolution,
    });
    chosen
}

impl<R: Registry + ?Sized> Context<'_, R> {
    fn name(&self) -> &str {
        self.applicant.name()
    }

    fn country(&self) -> Option<CountryCode> {
        self.country.as_ref().map(|(c, _)| *c)
    }

    fn check(&mut self, c: &Criterion) -> Checked {
        match &c.rule {
            Rule::LocalAuthority => self.local_authority(),
            Rule::CountryIn { any_of, on } => self.country_in(any_of, *on),
            Rule::NeutralityBy { year } => self.neutrality_by(c, *year),
            Rule::IsMissionCity => self.mission_city(c, true),
            Rule::NotMissionCity => self.mission_city(c, false),
            Rule::NotAlreadyTwinOrPilot => self.not_already(c),
            Rule::SubmissionWindow { opens, closes } => self.window(opens.as_ref(), closes),
            Rule::Invited => self.invited(c),
            Rule::PartnerProject { any_of } => self.partner_project(c, any_of),
        }
    }

    fn local_authority(&self) -> Checked {
        let name = self.name();
        match self.applicant.local_authority() {
            Some(true) => Checked::new(
                Outcome::Passed,
                Reason::LocalAuthority,
                format!("{name} applies as a local authority or city administration."),
                vec![Evidence::new("local_authority", true, Declaration, None)],
            ),
            Some(false) => Checked::new(
                Outcome::Failed,
                Reason::NotLocalAuthority,
                format!(
                    "Only local authorities and city administrations may apply, and {name} \
                     declares that it is neither."
                ),
                vec![Evidence::new("local_authority", false, Declaration, None)],
            ),
            None => Checked::new(
                Outcome::Unknown,
                Reason::NotDeclared,
                format!(
                    "{name} has not said whether it applies as a local authority or city \
                     administration."
                ),
                Vec::new(),
            ),
        }
    }

    fn country_in(&self, any_of: &[CountryGroup], on: DateBasis) -> Checked {
        let name = self.name();
        let Some((country, country_evidence)) = self.country.clone() else {
            return Checked::new(
                Outcome::Unknown,
                Reason::CountryMissing,
                format!("{name} has not declared its country."),
                Vec::new(),
            );
        };
        let day = match on {
            DateBasis::Submission => self.submission.date_naive(),
            DateBasis::Day(day) => day,
        };
        let mut evidence = vec![country_evidence];
        if on == DateBasis::Submission {
            evidence.push(Evidence::new("submission-day", day, self.submission_source, None));
        }
        let mut missing = false;
        let mut uncertain = false;
        for &group in any_of {
            let fact = format!("{}({country}, {day})", group.key());
            match self.registry.country_in_group(country, group, day) {
                Some(answer) => {
                    evidence.push(registry_evidence(fact, &answer));
                    if !is_sure(&answer.provenance) {
                        uncertain = true;
                    } else if answer.value {
                        return Checked::new(
                            Outcome::Passed,
                            Reason::CountryInGroup,
                            format!("On {day}, {country} was {}.", group.phrase()),
                            evidence,
                        );
                    }
                }
                None => {
                    evidence.push(Evidence::new(fact, "unknown", EvidenceSource::Registry, None));
                    missing = true;
                }
            }
        }
        let groups = either_phrase(any_of);
        if missing || uncertain {
            let (reason, why) = if missing {
                (Reason::RegistryUnknown, "the registry has no answer")
            } else {
                (Reason::RegistryUncertain, "the registry's answer is uncertain")
            };
            return Checked::new(
                Outcome::Unknown,
                reason,
                format!("Whether {country} was {groups} on {day} is open: {why}."),
                evidence,
            );
        }
        Checked::new(
            Outcome::Failed,
            Reason::CountryOutsideGroups,
            format!("On {day}, {country} was not {groups}, as the call requires."),
            evidence,
        )
    }

    fn neutrality_by(&mut self, c: &Criterion, limit: i32) -> Checked {
        let name = self.name().to_owned();
        let declared = self.applicant.neutrality_year();
        let recorded = self.registry.neutrality_target(&name, self.country());
        let mut evidence = Vec::new();
        if let Some(d) = declared {
            evidence.push(Evidence::new("neutrality_year", d, Declaration, None));
        }
        if let Some(r) = &recorded {
            evidence.push(registry_evidence(format!("neutrality-target({name})"), r));
        }
        // A sure registry record is followed; an uncertain one only flags a contradiction.
        let sure = recorded.as_ref().filter(|r| is_sure(&r.provenance));
        if let (Some(d), Some(r)) = (declared, &recorded)
            && d != r.value
        {
            self.conflicts.push(Conflict {
                criterion: Some(c.id.clone()),
                field: "neutrality_year".into(),
                declared: d.to_string(),
                registry: r.value.to_string(),
                provenance: r.provenance.clone(),
                resolution: if sure.is_some() {
                    "the registry is followed; staff should confirm with the city".into()
                } else {
                    "the registry is uncertain, so the declaration is used".into()
                },
            });
        }
        let (year, whose) = match (sure, declared) {
            (Some(r), _) => (r.value, "the registry records"),
            (None, Some(d)) => (d, "declares"),
            (None, None) => {
                return Checked::new(
                    Outcome::Unknown,
                    Reason::NotDeclared,
                    format!(
                        "{name} has not declared the year of its climate-neutrality commitment \
                         ({limit} or earlier is required)."
                    ),
                    evidence,
                );
            }
        };
        let note = match (sure, declared) {
            (Some(r), Some(d)) if r.value != d => {
                " This contradicts the applicant's declaration; the registry is followed."
            }
            _ => "",
        };
        evidence.push(Evidence::new("latest-accepted-year", limit, FromRuleSet, None));
        let subject = if whose == "declares" {
            format!("{name} commits")
        } else {
            format!("As the registry records, {name} commits")
        };
        if year <= limit {
            Checked::new(
                Outcome::Passed,
                Reason::NeutralityInTime,
                format!(
                    "{subject} to climate neutrality by {year}, within the {limit} limit.{note}"
                ),
                evidence,
            )
        } else {
            Checked::new(
                Outcome::Failed,
                Reason::NeutralityTooLate,
                format!(
                    "{subject} to climate neutrality by {year}, later than the {limit} the call \
                     requires.{note}"
                ),
                evidence,
            )
        }
    }

    fn mission_city(&mut self, c: &Criterion, required: bool) -> Checked {
        let name = self.name().to_owned();
        let claim = self.applicant.claims().mission_city;
        let mut evidence = Vec::new();
        if let Some(claim) = claim {
            evidence.push(Evidence::new("claims.mission_city", claim, Declaration, None));
        }
        let Some(fact) = self.registry.mission_city(&name, self.country()) else {
            evidence.push(Evidence::new("mission-city", "unknown", EvidenceSource::Registry, None));
            return Checked::new(
                Outcome::Unknown,
                Reason::RegistryUnknown,
                format!(
                    "The registry cannot tell whether {name} is one of the Mission Cities, and \
                     a declaration alone is not taken on trust."
                ),
                evidence,
            );
        };
        evidence.push(registry_evidence(format!("mission-city({name})"), &fact));
        let sure = is_sure(&fact.provenance);
        if let Some(claim) = claim
            && claim != fact.value
        {
            let resolution = if sure {
                "the registry is followed; staff should confirm with the city"
            } else {
                "the registry is uncertain, so the criterion is left open for staff to decide"
            };
            self.conflicts.push(Conflict {
                criterion: Some(c.id.clone()),
                field: "claims.mission_city".into(),
                declared: claim.to_string(),
                registry: fact.value.to_string(),
                provenance: fact.provenance.clone(),
                resolution: resolution.into(),
            });
        }
        if !sure {
            return Checked::new(
                Outcome::Unknown,
                Reason::RegistryUncertain,
                format!(
                    "Whether {name} is one of the Mission Cities is uncertain in the registry."
                ),
                evidence,
            );
        }
        let reason = if fact.value { Reason::MissionCity } else { Reason::NotMissionCity };
        let conflict_note = match claim {
            Some(claim) if claim != fact.value => {
                " This contradicts the applicant's declaration; the registry is followed."
            }
            _ => "",
        };
        let (outcome, sentence) = match (required, fact.value) {
            (true, true) => {
                (Outcome::Passed, format!("{name} is one of the Mission Cities.{conflict_note}"))
            }
            (true, false) => (
                Outcome::Failed,
                format!(
                    "{name} is not one of the Mission Cities, and this call is for Mission \
                     Cities only.{conflict_note}"
                ),
            ),
            (false, true) => (
                Outcome::Failed,
                format!(
                    "{name} is one of the Mission Cities, and this call is for cities beyond \
                     them.{conflict_note}"
                ),
            ),
            (false, false) => (
                Outcome::Passed,
                format!("{name} is not one of the Mission Cities.{conflict_note}"),
            ),
        };
        Checked::new(outcome, reason, sentence, evidence)
    }

    fn not_already(&mut self, c: &Criterion) -> Checked {
        let name = self.name().to_owned();
        let claim = self.applicant.claims().earlier_twin_or_pilot;
        let roles = self.registry.earlier_roles(&name, self.country());
        let mut evidence = Vec::new();
        if let Some(claim) = claim {
            evidence.push(Evidence::new("claims.earlier_twin_or_pilot", claim, Declaration, None));
        }
        let relevant: Vec<&Sourced<crate::EarlierRole>> = roles
            .records
            .iter()
            .filter(|r| match r.value.role {
                // A Twin City of this cohort is not "already" one; Pilot cohort n was
                // selected before Twin cohort n opened, so it counts.
                Role::TwinCity => r.value.cohort.is_none_or(|c| c < self.cohort),
                Role::PilotCity => r.value.cohort.is_none_or(|c| c <= self.cohort),
                Role::MissionMindedCity | Role::MissionCity => false,
            })
            .collect();
        for r in &relevant {
            evidence.push(Evidence::new(
                format!("earlier-role({name})"),
                format!("{} in cohort {}", r.value.role, cohort_text(r.value.cohort)),
                EvidenceSource::Registry,
                Some(r.provenance.clone()),
            ));
        }
        let sure: Vec<&&Sourced<crate::EarlierRole>> =
            relevant.iter().filter(|r| is_sure(&r.provenance)).collect();
        if let Some(first) = sure.first() {
            let what = format!(
                "{} in cohort {}",
                role_phrase(first.value.role),
                cohort_text(first.value.cohort)
            );
            let mut note = "";
            if claim == Some(false) {
                note = " This contradicts the applicant's declaration; the registry is followed.";
                self.conflicts.push(Conflict {
                    criterion: Some(c.id.clone()),
                    field: "claims.earlier_twin_or_pilot".into(),
                    declared: "false".into(),
                    registry: what.clone(),
                    provenance: first.provenance.clone(),
                    resolution: "the registry is followed; staff should confirm with the city"
                        .into(),
                });
            }
            return Checked::new(
                Outcome::Failed,
                Reason::EarlierRole,
                format!(
                    "{name} was already {what}, and the call is for cities that have not been \
                     Twin or Pilot Cities.{note}"
                ),
                evidence,
            );
        }
        if claim == Some(true) {
            return Checked::new(
                Outcome::Failed,
                Reason::EarlierRole,
                format!(
                    "{name} declares it has already been a Twin or Pilot City, and the call is \
                     for cities that have not."
                ),
                evidence,
            );
        }
        if !relevant.is_empty() {
            return Checked::new(
                Outcome::Unknown,
                Reason::RegistryUncertain,
                format!(
                    "The registry holds an uncertain record of an earlier role for {name}; staff \
                     should check it."
                ),
                evidence,
            );
        }
        if roles.complete {
            evidence.push(Evidence::new(
                format!("earlier-role({name})"),
                "none",
                EvidenceSource::Registry,
                None,
            ));
            return Checked::new(
                Outcome::Passed,
                Reason::NoEarlierRole,
                format!("{name} has not been a Twin or Pilot City before."),
                evidence,
            );
        }
        evidence.push(Evidence::new(
            format!("earlier-role({name})"),
            "none found in partial lists",
            EvidenceSource::Registry,
            None,
        ));
        if claim == Some(false) {
            Checked::new(
                Outcome::Passed,
                Reason::NoEarlierRole,
                format!(
                    "{name} declares it has not been a Twin or Pilot City, and the registry's \
                     (partial) lists record no earlier role."
                ),
                evidence,
            )
        } else {
            Checked::new(
                Outcome::Unknown,
                Reason::NotDeclared,
                format!(
                    "The registry's lists of earlier Twin and Pilot Cities are partial and show \
                     nothing for {name}; the city has not declared whether it took part before."
                ),
                evidence,
            )
        }
    }

    fn window(
        &self,
        opens: Option<&Reported<DateTime<FixedOffset>>>,
        closes: &Reported<DateTime<FixedOffset>>,
    ) -> Checked {
        let t = self.submission;
        let mut evidence =
            vec![Evidence::new("submitted_at", t.to_rfc3339(), self.submission_source, None)];
        if let Some(o) = opens {
            evidence.push(reading_evidence("opens", o.followed()));
        }
        evidence.push(reading_evidence("closes", closes.followed()));
        let verdict =
            |o: Option<DateTime<FixedOffset>>, c: DateTime<FixedOffset>| window_position(t, o, c);
        let followed = verdict(opens.map(|o| *o.value()), *closes.value());
        // Every other reading that would change the outcome is named.
        let mut differing = Vec::new();
        let mut why = None;
        if let Some(o) = opens {
            for alt in o.alternatives() {
                let other = verdict(Some(alt.value), *closes.value());
                if other != followed {
                    evidence.push(reading_evidence("opens (other reading)", alt));
                    differing.push(format!(
                        "with an opening at {} it would be {}",
                        minute(alt.value),
                        other.word()
                    ));
                    why = why.or(o.rationale());
                }
            }
        }
        for alt in closes.alternatives() {
            let other = verdict(opens.map(|o| *o.value()), alt.value);
            if other != followed {
                evidence.push(reading_evidence("closes (other reading)", alt));
                differing.push(format!(
                    "with a closing at {} it would be {}",
                    minute(alt.value),
                    other.word()
                ));
                why = why.or(closes.rationale());
            }
        }
        let who =
            if self.submission_source == Evaluation { "Submitting now" } else { "The submission" };
        let mut sentence = match followed {
            Position::Inside => format!(
                "{who} ({}) falls inside the call window, which closes at {}.",
                minute(t),
                minute(*closes.value())
            ),
            Position::Before => format!(
                "{who} ({}) comes before the call opens at {}.",
                minute(t),
                opens.map_or_else(String::new, |o| minute(*o.value()))
            ),
            Position::After => format!(
                "{who} ({}) comes after the call's last minute, {}.",
                minute(t),
                minute(*closes.value())
            ),
        };
        if !differing.is_empty() {
            sentence.push_str(&format!(" Sources disagree: {}", differing.join(", and ")));
            match why {
                Some(why) => sentence.push_str(&format!("; the reading followed is kept: {why}.")),
                None => sentence.push('.'),
            }
        }
        let (outcome, reason) = match followed {
            Position::Inside => (Outcome::Passed, Reason::SubmittedInWindow),
            Position::Before => (Outcome::Failed, Reason::SubmittedBeforeOpening),
            Position::After => (Outcome::Failed, Reason::SubmittedAfterClosing),
        };
        Checked::new(outcome, reason, sentence, evidence)
    }

    fn invited(&mut self, c: &Criterion) -> Checked {
        let name = self.name().to_owned();
        let declared = self.applicant.invited();
        let entry = self.registry.catalogue_entry(&name, self.country());
        let mut evidence = Vec::new();
        if let Some(d) = declared {
            evidence.push(Evidence::new("invited", d, Declaration, None));
        }
        if let Some(entry) = entry.as_ref().filter(|e| is_sure(&e.provenance)) {
            evidence.push(Evidence::new(
                format!("catalogue-entry({name})"),
                true,
                EvidenceSource::Registry,
                Some(entry.provenance.clone()),
            ));
            let mut note = "";
            if declared == Some(false) {
                note = " This contradicts the applicant's declaration; the catalogue is followed.";
                self.conflicts.push(Conflict {
                    criterion: Some(c.id.clone()),
                    field: "invited".into(),
                    declared: "false".into(),
                    registry: "listed in the catalogue of invited cities".into(),
                    provenance: entry.provenance.clone(),
                    resolution: "the catalogue is followed; staff should confirm with the city"
                        .into(),
                });
            }
            return Checked::new(
                Outcome::Passed,
                Reason::Invited,
                format!("{name} is listed in the catalogue of invited cities.{note}"),
                evidence,
            );
        }
        match declared {
            Some(true) => Checked::new(
                Outcome::Passed,
                Reason::Invited,
                format!(
                    "{name} declares it was invited (the registry keeps no list of invitations \
                     beyond the catalogue)."
                ),
                evidence,
            ),
            Some(false) => Checked::new(
                Outcome::Failed,
                Reason::NotInvited,
                format!("The call is by invitation only, and {name} declares it was not invited."),
                evidence,
            ),
            None => Checked::new(
                Outcome::Unknown,
                Reason::NotDeclared,
                format!(
                    "The call is by invitation only; {name} has not said whether it was invited."
                ),
                evidence,
            ),
        }
    }

    fn partner_project(&mut self, c: &Criterion, any_of: &[String]) -> Checked {
        let name = self.name().to_owned();
        let declared = self.applicant.partner_projects();
        let entry = self.registry.catalogue_entry(&name, self.country());
        let mut evidence = Vec::new();
        // Candidates: the catalogue's projects for the city first, then the declared ones.
        let mut candidates: Vec<(String, EvidenceSource, Option<Provenance>)> = Vec::new();
        if let Some(entry) = entry.as_ref().filter(|e| is_sure(&e.provenance)) {
            for p in &entry.value {
                candidates.push((
                    p.clone(),
                    EvidenceSource::Registry,
                    Some(entry.provenance.clone()),
                ));
            }
            if let Some(declared) = declared
                && !declared.is_empty()
                && !declared.iter().any(|d| entry.value.iter().any(|e| same_name(d, e)))
            {
                self.conflicts.push(Conflict {
                    criterion: Some(c.id.clone()),
                    field: "partner_projects".into(),
                    declared: declared.join(", "),
                    registry: entry.value.join(", "),
                    provenance: entry.provenance.clone(),
                    resolution: "both lists are checked; staff should confirm which projects the \
                                 city takes part in"
                        .into(),
                });
            }
        }
        for p in declared.unwrap_or_default() {
            if !candidates.iter().any(|(q, ..)| same_name(p, q)) {
                candidates.push((p.clone(), Declaration, None));
            }
        }
        let mut open = None;
        for (project, source, provenance) in candidates {
            evidence.push(Evidence::new("partner-project", &project, source, provenance));
            let selected = if any_of.is_empty() {
                self.registry.selected_partner_project(&project)
            } else {
                Some(Sourced::new(
                    any_of.iter().any(|s| same_name(s, &project)),
                    c.provenance.clone(),
                ))
            };
            let fact = format!("selected-partner-project({project})");
            match selected {
                Some(s) => {
                    evidence.push(registry_evidence(fact, &s));
                    if !is_sure(&s.provenance) {
                        open.get_or_insert(Reason::RegistryUncertain);
                    } else if s.value {
                        return Checked::new(
                            Outcome::Passed,
                            Reason::SelectedProject,
                            format!("{name} takes part in {project}, a selected partner project."),
                            evidence,
                        );
                    }
                }
                None => {
                    evidence.push(Evidence::new(fact, "unknown", EvidenceSource::Registry, None));
                    open = Some(Reason::RegistryUnknown);
                }
            }
        }
        if let Some(reason) = open {
            return Checked::new(
                Outcome::Unknown,
                reason,
                format!(
                    "{name} names projects the registry cannot confirm as selected partner \
                     projects; staff should check them."
                ),
                evidence,
            );
        }
        // No project is known from any source: the catalogue either has no entry or does not
        // name the city's project (its source lost the name), and the applicant declared none.
        // Missing information is not a "no"; only an explicit, empty declaration is.
        if evidence.is_empty() && declared.is_none() {
            let sentence = if entry.is_some() {
                format!(
                    "{name} has not declared its partner projects, and the catalogue lists it \
                     without naming a project."
                )
            } else {
                format!(
                    "{name} has not declared its partner projects, and the catalogue has no \
                     entry for it."
                )
            };
            return Checked::new(Outcome::Unknown, Reason::NotDeclared, sentence, evidence);
        }
        Checked::new(
            Outcome::Failed,
            Reason::NoSelectedProject,
            format!(
                "None of {name}'s projects is one of the selected partner projects, which the \
                 call requires."
            ),
            evidence,
        )
    }
}

/// Where an instant lies relative to a call window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Position {
    Before,
    Inside,
    After,
}

impl Position {
    fn word(self) -> &'static str {
        match self {
            Position::Before => "too early",
            Position::Inside => "on time",
            Position::After => "late",
        }
    }
}

/// Opening inclusive; closing inclusive to the minute: any instant before
/// the minute after `closes` is on time.
fn window_position(
    t: DateTime<FixedOffset>,
    opens: Option<DateTime<FixedOffset>>,
    closes: DateTime<FixedOffset>,
) -> Position {
    if opens.is_some_and(|o| t < o) {
        return Position::Before;
    }
    match closes.checked_add_signed(TimeDelta::minutes(1)) {
        Some(limit) if t >= limit => Position::After,
        _ => Position::Inside,
    }
}

fn minute(t: DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%d %H:%M %:z").to_string()
}

fn reading_evidence(what: &str, s: &Sourced<DateTime<FixedOffset>>) -> Evidence {
    Evidence::new(what, s.value.to_rfc3339(), FromRuleSet, Some(s.provenance.clone()))
}

fn cohort_text(cohort: Option<CohortNumber>) -> String {
    cohort.map_or_else(|| "(unknown)".to_owned(), |c| c.to_string())
}

fn role_phrase(role: Role) -> &'static str {
    match role {
        Role::TwinCity => "a Twin City",
        Role::PilotCity => "a Pilot City",
        Role::MissionMindedCity => "a Mission-minded city",
        Role::MissionCity => "a Mission City",
    }
}

/// "an EU member state", "an EU member state or a country associated to ...".
fn either_phrase(groups: &[CountryGroup]) -> String {
    let phrases: Vec<&str> = groups.iter().map(|g| g.phrase()).collect();
    phrases.join(" or ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn closing_minute_is_inclusive() {
        let closes = at("2025-03-28T17:00:00+01:00");
        assert_eq!(
            window_position(at("2025-03-28T17:00:59+01:00"), None, closes),
            Position::Inside
        );
        assert_eq!(window_position(at("2025-03-28T17:01:00+01:00"), None, closes), Position::After);
        // The same instant written in another offset.
        assert_eq!(window_position(at("2025-03-28T16:00:30Z"), None, closes), Position::Inside);
    }

    #[test]
    fn opening_is_inclusive() {
        let o = at("2023-05-03T12:00:00+01:00");
        let c = at("2023-06-30T23:59:00+01:00");
        assert_eq!(window_position(o, Some(o), c), Position::Inside);
        assert_eq!(window_position(at("2023-05-03T11:59:59+01:00"), Some(o), c), Position::Before);
    }
}
