//! The criteria that weigh what an applicant declares against what a
//! registry knows: Mission City status, earlier Twin or Pilot roles, the
//! invitation and partner projects. Where the two disagree, the decision
//! records a conflict.

use twinning_cohort::{CohortNumber, Role};
use twinning_core::{Provenance, Sourced};

use super::{Checked, Context, is_sure, registry_evidence, same_name};
use crate::{Conflict, Criterion, Evidence, EvidenceSource, Outcome, Reason, Registry};

use EvidenceSource::Declaration;

impl<R: Registry + ?Sized> Context<'_, R> {
    pub(super) fn mission_city(&mut self, c: &Criterion, required: bool) -> Checked {
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

    pub(super) fn not_already(&mut self, c: &Criterion) -> Checked {
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

    pub(super) fn invited(&mut self, c: &Criterion) -> Checked {
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

    pub(super) fn partner_project(&mut self, c: &Criterion, any_of: &[String]) -> Checked {
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
