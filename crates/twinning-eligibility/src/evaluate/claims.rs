//! The criteria that weigh what an applicant declares against what a
//! registry knows: Mission City status, earlier Twin or Pilot roles, the
//! invitation and partner projects. Where the two disagree, the decision
//! records a conflict.

use twinning_cohort::{CohortNumber, Role};
use twinning_core::{Provenance, Sourced};

use super::{Checked, Context, cite, is_sure, registry_evidence, same_name};
use crate::{Conflict, Criterion, Evidence, EvidenceSource, Outcome, Reason, Registry};

use EvidenceSource::Declaration;

impl<R: Registry + ?Sized> Context<'_, R> {
    /// The applicant's name, with the registry record it matched when that
    /// is written differently (`Pilsen (recorded as Plzeň)`).
    fn who(&self) -> String {
        let name = self.name();
        match self.registry.city_record(name, self.country()) {
            Some(record) if record != name => format!("{name} (recorded as {record})"),
            _ => name.to_owned(),
        }
    }

    /// ` No registry city is called 'X'; did you mean 'Y'?` when the name
    /// matches no record, or an empty string.
    fn unknown_city_note(&self) -> String {
        let name = self.name();
        if self.registry.city_record(name, self.country()).is_some() {
            return String::new();
        }
        let suggestions = self.registry.closest_city_names(name, self.country());
        match twinning_profile::did_you_mean(&suggestions) {
            Some(q) => format!(" No registry city is called '{name}'; {q}"),
            None => String::new(),
        }
    }

    pub(super) fn mission_city(&mut self, c: &Criterion, required: bool) -> Checked {
        let name = self.name().to_owned();
        let who = self.who();
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
                     a declaration alone is not taken on trust.{} To settle it, staff check the \
                     list of Mission Cities (netzerocities.eu/mission-cities/).",
                    self.unknown_city_note()
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
        let cite = cite(&fact.provenance);
        if !sure {
            let why = fact.provenance.note().map(|n| format!(": {n}")).unwrap_or_default();
            return Checked::new(
                Outcome::Unknown,
                Reason::RegistryUncertain,
                format!(
                    "Whether {who} is one of the Mission Cities is uncertain in the \
                     registry{why}{cite}. To settle it, staff confirm which city applies and \
                     whether it is on the list of Mission Cities."
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
        let unknown = if fact.value { String::new() } else { self.unknown_city_note() };
        let (outcome, sentence) = match (required, fact.value) {
            (true, true) => (
                Outcome::Passed,
                format!("{who} is one of the Mission Cities{cite}.{conflict_note}"),
            ),
            (true, false) => (
                Outcome::Failed,
                format!(
                    "{who} is not one of the Mission Cities{cite}, and this call is for Mission \
                     Cities only.{unknown}{conflict_note}"
                ),
            ),
            (false, true) => (
                Outcome::Failed,
                format!(
                    "{who} is one of the Mission Cities{cite}, and this call is for cities \
                     beyond them.{conflict_note}"
                ),
            ),
            (false, false) => (
                Outcome::Passed,
                format!("{who} is not one of the Mission Cities{cite}.{unknown}{conflict_note}"),
            ),
        };
        Checked::new(outcome, reason, sentence, evidence)
    }

    pub(super) fn not_already(&mut self, c: &Criterion) -> Checked {
        let name = self.name().to_owned();
        let who = self.who();
        let claim = self.applicant.claims().earlier_twin_or_pilot;
        let roles = self.registry.earlier_roles(&name, self.country());
        let submitted = self.submission.date_naive();
        let mut evidence = Vec::new();
        if let Some(claim) = claim {
            evidence.push(Evidence::new("claims.earlier_twin_or_pilot", claim, Declaration, None));
        }
        let held_before = |r: &crate::EarlierRole| match r.since {
            // A role with a start counts when it started on or before the submission day.
            Some(since) => since <= submitted,
            None => match r.role {
                // A Twin City of this cohort is not "already" one; Pilot cohort n was
                // selected before Twin cohort n opened, so it counts.
                Role::TwinCity => r.cohort.is_none_or(|c| c < self.cohort),
                Role::PilotCity => r.cohort.is_none_or(|c| c <= self.cohort),
                Role::MissionMindedCity | Role::MissionCity => false,
            },
        };
        let twin_or_pilot =
            |r: &crate::EarlierRole| matches!(r.role, Role::TwinCity | Role::PilotCity);
        let relevant: Vec<&Sourced<crate::EarlierRole>> = roles
            .records
            .iter()
            .filter(|r| twin_or_pilot(&r.value) && held_before(&r.value))
            .collect();
        let later: Vec<&Sourced<crate::EarlierRole>> = roles
            .records
            .iter()
            .filter(|r| twin_or_pilot(&r.value) && !held_before(&r.value))
            .collect();
        for r in &relevant {
            evidence.push(Evidence::new(
                format!("earlier-role({name})"),
                role_text(&r.value),
                EvidenceSource::Registry,
                Some(r.provenance.clone()),
            ));
        }
        for r in &later {
            evidence.push(Evidence::new(
                format!("later-role({name})"),
                role_text(&r.value),
                EvidenceSource::Registry,
                Some(r.provenance.clone()),
            ));
        }
        let later_note = match later.first() {
            Some(r) => format!(
                " Its role as {}{} started after the submission on {submitted} and does not \
                 count against this application.",
                role_text(&r.value),
                cite(&r.provenance)
            ),
            None => String::new(),
        };
        let sure: Vec<&&Sourced<crate::EarlierRole>> =
            relevant.iter().filter(|r| is_sure(&r.provenance)).collect();
        if let Some(first) = sure.first() {
            let what = role_text(&first.value);
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
                    "{who} was already {what}{}, before its submission on {submitted}, and the \
                     call is for cities that have not been Twin or Pilot Cities.{note}",
                    cite(&first.provenance)
                ),
                evidence,
            );
        }
        if claim == Some(true) {
            return Checked::new(
                Outcome::Failed,
                Reason::EarlierRole,
                format!(
                    "{who} declares it has already been a Twin or Pilot City, and the call is \
                     for cities that have not."
                ),
                evidence,
            );
        }
        if let Some(first) = relevant.first() {
            return Checked::new(
                Outcome::Unknown,
                Reason::RegistryUncertain,
                format!(
                    "The registry holds an uncertain record that {who} was {}{}. To settle it, \
                     staff confirm the record with the city.",
                    role_text(&first.value),
                    cite(&first.provenance)
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
                format!(
                    "{who} had not been a Twin or Pilot City by its submission on \
                     {submitted}.{later_note}"
                ),
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
                    "{who} declares it has not been a Twin or Pilot City, and the registry's \
                     (partial) lists record no role held by its submission on \
                     {submitted}.{later_note}"
                ),
                evidence,
            )
        } else {
            Checked::new(
                Outcome::Unknown,
                Reason::NotDeclared,
                format!(
                    "The registry's lists of earlier Twin and Pilot Cities are partial and show \
                     nothing for {who} by {submitted}; the city has not declared whether it took \
                     part before.{later_note}{} To settle it, the city declares whether it has \
                     been a Twin or Pilot City (claims.earlier_twin_or_pilot).",
                    self.unknown_city_note()
                ),
                evidence,
            )
        }
    }

    pub(super) fn invited(&mut self, c: &Criterion) -> Checked {
        let name = self.name().to_owned();
        let who = self.who();
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
                format!(
                    "{who} is listed in the catalogue of invited cities{}.{note}",
                    cite(&entry.provenance)
                ),
                evidence,
            );
        }
        let unknown = self.unknown_city_note();
        match declared {
            Some(true) => Checked::new(
                Outcome::Passed,
                Reason::Invited,
                format!(
                    "{who} declares it was invited (the registry keeps no list of invitations \
                     beyond the catalogue).{unknown}"
                ),
                evidence,
            ),
            Some(false) => Checked::new(
                Outcome::Failed,
                Reason::NotInvited,
                format!("The call is by invitation only, and {who} declares it was not invited."),
                evidence,
            ),
            None => Checked::new(
                Outcome::Unknown,
                Reason::NotDeclared,
                format!(
                    "The call is by invitation only; {who} is not in the catalogue of invited \
                     cities and has not said whether it was invited.{unknown} To settle it, the \
                     city declares whether it was invited (invited)."
                ),
                evidence,
            ),
        }
    }

    pub(super) fn partner_project(&mut self, c: &Criterion, any_of: &[String]) -> Checked {
        let name = self.name().to_owned();
        let who = self.who();
        let declared = self.applicant.partner_projects();
        let entry = self.registry.catalogue_entry(&name, self.country());
        let mut evidence = Vec::new();
        // Candidates: the declared projects first, as the city wrote them (so that an
        // explanation names what it wrote), then the catalogue's projects for the city.
        let mut candidates: Vec<(String, EvidenceSource, Option<Provenance>)> = Vec::new();
        for p in declared.unwrap_or_default() {
            if !candidates.iter().any(|(q, ..)| same_name(p, q)) {
                candidates.push((p.clone(), Declaration, None));
            }
        }
        if let Some(entry) = entry.as_ref().filter(|e| is_sure(&e.provenance)) {
            for p in &entry.value {
                if !candidates.iter().any(|(q, ..)| same_name(p, q)) {
                    candidates.push((
                        p.clone(),
                        EvidenceSource::Registry,
                        Some(entry.provenance.clone()),
                    ));
                }
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
        let mut open = None;
        // What could not be confirmed, each with what would settle it.
        let mut unconfirmed: Vec<String> = Vec::new();
        let mut refused: Vec<String> = Vec::new();
        for (project, source, provenance) in candidates {
            evidence.push(Evidence::new("partner-project", &project, source, provenance));
            let record = self.registry.project_record(&project);
            let selected = if any_of.is_empty() {
                self.registry.selected_partner_project(&project)
            } else {
                let listed = any_of.iter().find(|s| same_name(s, &project));
                Some(Sourced::new(listed.is_some(), c.provenance.clone()))
            };
            let fact = format!("selected-partner-project({project})");
            let as_recorded = match &record {
                Some(r) if r != &project => format!("'{project}' is {r}"),
                _ => format!("'{project}'"),
            };
            match selected {
                Some(s) => {
                    evidence.push(registry_evidence(fact, &s));
                    if !is_sure(&s.provenance) {
                        open.get_or_insert(Reason::RegistryUncertain);
                        unconfirmed.push(format!(
                            "{as_recorded}, whose selection is uncertain{}",
                            cite(&s.provenance)
                        ));
                    } else if s.value {
                        let sentence = match &record {
                            Some(r) if r != &project => format!(
                                "'{project}' is {r}, a selected partner project{}; {who} takes \
                                 part in it.",
                                cite(&s.provenance)
                            ),
                            _ => format!(
                                "{who} takes part in {project}, a selected partner project{}.",
                                cite(&s.provenance)
                            ),
                        };
                        return Checked::new(
                            Outcome::Passed,
                            Reason::SelectedProject,
                            sentence,
                            evidence,
                        );
                    } else {
                        refused.push(as_recorded);
                    }
                }
                None => {
                    evidence.push(Evidence::new(fact, "unknown", EvidenceSource::Registry, None));
                    open = Some(Reason::RegistryUnknown);
                    let suggestions = self.registry.closest_project_names(&project);
                    let question = twinning_profile::did_you_mean(&suggestions)
                        .map(|q| format!(" ({q})"))
                        .unwrap_or_default();
                    unconfirmed
                        .push(format!("'{project}' is not a project the registry knows{question}"));
                }
            }
        }
        if let Some(reason) = open {
            return Checked::new(
                Outcome::Unknown,
                reason,
                format!(
                    "{who} names projects the registry cannot confirm as selected partner \
                     projects: {}. To settle it, staff check them against NetZeroCities' \
                     partner projects, or the city names its project as the catalogue writes it.",
                    unconfirmed.join("; ")
                ),
                evidence,
            );
        }
        // No project is known from any source: the catalogue either has no entry or does not
        // name the city's project (its source lost the name), and the applicant declared none.
        // Missing information is not a "no"; only an explicit, empty declaration is.
        if evidence.is_empty() && declared.is_none() {
            let sentence = if let Some(e) = &entry {
                format!(
                    "{who} has not declared its partner projects, and the catalogue lists it \
                     without naming a project{}. To settle it, the city declares its partner \
                     projects (partner_projects).",
                    cite(&e.provenance)
                )
            } else {
                format!(
                    "{who} has not declared its partner projects, and the catalogue has no \
                     entry for it.{} To settle it, the city declares its partner projects \
                     (partner_projects).",
                    self.unknown_city_note()
                )
            };
            return Checked::new(Outcome::Unknown, Reason::NotDeclared, sentence, evidence);
        }
        let named =
            if refused.is_empty() { String::new() } else { format!(" ({})", refused.join(", ")) };
        Checked::new(
            Outcome::Failed,
            Reason::NoSelectedProject,
            format!(
                "None of {who}'s projects{named} is one of the selected partner projects, which \
                 the call requires."
            ),
            evidence,
        )
    }
}

/// `a Twin City in cohort 1 (from 2023-09-25)`.
fn role_text(r: &crate::EarlierRole) -> String {
    let since = r.since.map(|d| format!(" (from {d})")).unwrap_or_default();
    format!("{} in cohort {}{since}", role_phrase(r.role), cohort_text(r.cohort))
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
