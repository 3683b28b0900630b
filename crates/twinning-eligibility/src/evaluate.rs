//! Evaluating a rule set: the decision, its context and the criteria that
//! read only the declaration and the country tables; the submission window
//! (`window`) and the criteria that weigh a declaration against a registry
//! (`claims`) have files of their own.

use chrono::{DateTime, FixedOffset};
use twinning_cohort::CohortNumber;
use twinning_core::{Confidence, CountryCode, Provenance, Sourced};

use crate::{
    Applicant, Conflict, CountryGroup, Criterion, CriterionOutcome, DateBasis, Decision, Evidence,
    EvidenceSource, Outcome, Reason, Registry, Rule, RuleSet, Verdict,
};

use EvidenceSource::{Declaration, Evaluation, RuleSet as FromRuleSet};

mod claims;
mod window;

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

/// Names compare by [`twinning_profile::name_key`]: case, accents, spaces,
/// hyphens and punctuation do not count (`GreenLog` is `GREEN-LOG`).
fn same_name(a: &str, b: &str) -> bool {
    twinning_profile::same_name(a, b)
}

/// A source in brackets after the fact it supports: ` [seed 000]`.
fn cite(p: &Provenance) -> String {
    format!(" [{}]", p.source())
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
}

/// "an EU member state", "an EU member state or a country associated to ...".
fn either_phrase(groups: &[CountryGroup]) -> String {
    let phrases: Vec<&str> = groups.iter().map(|g| g.phrase()).collect();
    phrases.join(" or ")
}
