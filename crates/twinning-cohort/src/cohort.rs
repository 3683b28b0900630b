use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use twinning_core::{
    CohortId, CohortNumber, DocumentReader, MilestoneId, MonthRange, Reported, Slug, Sourced, Uuid,
    VersionField, YearMonth,
};

use crate::validate::validate;
use crate::{
    Activity, Error, KnownPair, Milestone, MilestoneKind, Module, Moment, Pairing, Phase,
    Registration, RegistrationStatus, RequiredOutput, Role, TimeCommitment, When, to_brussels,
};

/// The largest cohort document [`Cohort::from_json`] reads, in bytes.
pub const MAX_DOCUMENT_BYTES: usize = 1 << 20;

/// The cohort document version this crate reads and writes
/// (`"schema_version"`; a document without the field is read as version 1).
pub const SCHEMA_VERSION: u32 = 1;

/// How cohort documents are read: at most [`MAX_DOCUMENT_BYTES`], a
/// `schema_version` of [`SCHEMA_VERSION`] when given.
const READER: DocumentReader = DocumentReader::new("cohort json", MAX_DOCUMENT_BYTES).versioned(
    "schema_version",
    &[SCHEMA_VERSION as u64],
    VersionField::Optional,
);

fn default_schema_version() -> u32 {
    SCHEMA_VERSION
}

/// Reads `schema_version` and refuses a version this crate does not know
/// with the reader's message, for documents deserialized directly (the
/// reader probes the version before this runs).
fn known_schema_version<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let found = <u32 as serde::Deserialize>::deserialize(d)?;
    READER.check_version(u64::from(found)).map(|()| found).map_err(serde::de::Error::custom)
}

/// One cohort of the Twinning Learning Programme: who pairs with whom, its
/// calls and calendar, activities, time commitment and required outputs,
/// every fact with its provenance.
///
/// A `Cohort` is always valid: [`Cohort::from_json`] and deserialization run
/// the same checks (phases in order, deadlines inside their call window,
/// unique keys, required fields) and report every problem by field path.
/// The five built-in cohorts come from [`Cohort::builtin`].
///
/// ```
/// use twinning_cohort::{Cohort, CohortNumber, Role};
///
/// let c5 = Cohort::builtin(CohortNumber::new(5)?).ok_or("no cohort 5")?;
/// assert_eq!(c5.learner_role(), Role::MissionMindedCity);
/// assert_eq!(c5.peer_role(), Role::MissionCity);
/// assert_eq!(c5.programme_period().to_string(), "2026-09 to 2027-09");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "RawCohort", into = "RawCohort")]
pub struct Cohort {
    raw: RawCohort,
    number: CohortNumber,
    id: CohortId,
    period: MonthRange,
    milestones: Vec<Milestone>,
}

/// The JSON shape of a cohort; the [guide](crate::_documentation::guide#defining-a-cohort-6) walks through it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCohort {
    /// The document version; optional on input (1), always written.
    #[serde(default = "default_schema_version", deserialize_with = "known_schema_version")]
    pub(crate) schema_version: u32,
    pub(crate) number: u16,
    pub(crate) name: String,
    pub(crate) pairing: Pairing,
    pub(crate) programme_start: Reported<YearMonth>,
    pub(crate) programme_end: Reported<YearMonth>,
    pub(crate) duration_months: Reported<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) modules: Option<Sourced<Vec<Module>>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) registrations: Vec<Registration>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) phases: Vec<Phase>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) activities: Vec<Activity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) time_commitment: Option<TimeCommitment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) required_outputs: Vec<RequiredOutput>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) cities_selected: Option<Reported<u16>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) from_associated_countries: Option<Reported<u16>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) announcement: Option<Reported<When>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) known_pairs: Vec<KnownPair>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) notes: Vec<Sourced<String>>,
}

impl TryFrom<RawCohort> for Cohort {
    type Error = Error;

    fn try_from(raw: RawCohort) -> Result<Self, Self::Error> {
        let problems = validate(&raw);
        if !problems.is_empty() {
            return Err(Error::Invalid { cohort: raw.number.to_string(), problems });
        }
        let invalid = |message: String| Error::Invalid {
            cohort: raw.number.to_string(),
            problems: vec![crate::FieldProblem { path: "number".to_owned(), message }],
        };
        let number = CohortNumber::new(raw.number).map_err(|e| invalid(e.to_string()))?;
        let slug = Slug::new(format!("cohort-{number}")).map_err(|e| invalid(e.to_string()))?;
        let id = CohortId::from_slug(&slug);
        let period = MonthRange::new(*raw.programme_start.value(), *raw.programme_end.value())
            .map_err(|e| invalid(e.to_string()))?;
        let milestones = milestones_of(&raw, id, period);
        Ok(Self { raw, number, id, period, milestones })
    }
}

impl From<Cohort> for RawCohort {
    fn from(c: Cohort) -> Self {
        c.raw
    }
}

fn alternatives<T: std::fmt::Display>(r: &Reported<T>) -> Vec<String> {
    r.alternatives().iter().map(|s| format!("{} ({})", s.value, s.provenance)).collect()
}

fn milestone_id(cohort: CohortId, key: &str) -> MilestoneId {
    MilestoneId::from_uuid(Uuid::new_v5(cohort.as_uuid(), key.as_bytes()))
}

fn milestones_of(raw: &RawCohort, cohort: CohortId, period: MonthRange) -> Vec<Milestone> {
    let mut out = Vec::new();
    let mut push = |key: String, kind, title: String, when: When, r: Option<(&_, Vec<String>)>| {
        let (provenance, alternatives) = match r {
            Some((p, alts)) => (Clone::clone(p), alts),
            None => (raw.programme_start.followed().provenance.clone(), Vec::new()),
        };
        let at = match kind {
            MilestoneKind::CallCloses | MilestoneKind::ProgrammeEnd => when.end_instant(),
            _ => when.start_instant(),
        };
        out.push(Milestone {
            id: milestone_id(cohort, &key),
            key,
            kind,
            title,
            when,
            at,
            provenance,
            alternatives,
        });
    };
    for reg in &raw.registrations {
        if let Some(opens) = &reg.opens {
            let key = format!("call.{}.opens", reg.id);
            let title = format!("{} opens", reg.title);
            let src = Some((&opens.followed().provenance, alternatives(opens)));
            push(key, MilestoneKind::CallOpens, title, When::at(*opens.value()), src);
        }
        if let Some(closes) = &reg.closes {
            let key = format!("call.{}.closes", reg.id);
            let title = format!("{} closes", reg.title);
            let src = Some((&closes.followed().provenance, alternatives(closes)));
            push(key, MilestoneKind::CallCloses, title, When::at(*closes.value()), src);
        }
    }
    if let Some(a) = &raw.announcement {
        let src = Some((&a.followed().provenance, alternatives(a)));
        let title = "Selection announced".to_owned();
        push("announcement".to_owned(), MilestoneKind::Announcement, title, *a.value(), src);
    }
    let start = &raw.programme_start;
    let src = Some((&start.followed().provenance, alternatives(start)));
    let when = When::at(Moment::Month(period.start()));
    push(
        "programme.start".to_owned(),
        MilestoneKind::ProgrammeStart,
        "Programme starts".to_owned(),
        when,
        src,
    );
    let end = &raw.programme_end;
    let src = Some((&end.followed().provenance, alternatives(end)));
    let when = When::at(Moment::Month(period.end()));
    push(
        "programme.end".to_owned(),
        MilestoneKind::ProgrammeEnd,
        "Programme ends".to_owned(),
        when,
        src,
    );
    for act in &raw.activities {
        if let Some(when) = &act.when {
            let src = Some((&when.followed().provenance, alternatives(when)));
            push(
                format!("activity.{}", act.id),
                MilestoneKind::Activity,
                act.title.clone(),
                *when.value(),
                src,
            );
        }
    }
    out.sort_by(|a, b| (a.at, &a.key).cmp(&(b.at, &b.key)));
    out
}

impl Cohort {
    /// Reads a cohort from JSON and checks it.
    ///
    /// # Errors
    ///
    /// [`Error::Document`] for documents over [`MAX_DOCUMENT_BYTES`] bytes,
    /// with a byte order mark or another `schema_version`, and with the field
    /// path, line and column when the JSON does not have the cohort shape;
    /// [`Error::Invalid`] listing every rule broken, by field path.
    ///
    /// # Example
    ///
    /// ```
    /// use twinning_cohort::{Cohort, Error};
    ///
    /// let source = r#"{"source": "my programme office", "confidence": "confirmed"}"#;
    /// let json = format!(r#"{{
    ///   "number": 6, "name": "Cohort 6",
    ///   "pairing": {{"learner": "mission-minded-city", "peer": "mission-city",
    ///                "summary": "as cohort 5", "provenance": {source}}},
    ///   "programme_start": {{"followed": {{"value": "2027-10", "provenance": {source}}}}},
    ///   "programme_end": {{"followed": {{"value": "2028-09", "provenance": {source}}}}},
    ///   "duration_months": {{"followed": {{"value": 11, "provenance": {source}}}}},
    ///   "phases": [
    ///     {{"id": "b", "title": "B", "months": {{"start": "2027-05", "end": "2027-06"}}, "provenance": {source}}},
    ///     {{"id": "a", "title": "A", "months": {{"start": "2027-01", "end": "2027-02"}}, "provenance": {source}}}
    ///   ]
    /// }}"#);
    /// let Err(Error::Invalid { problems, .. }) = Cohort::from_json(&json) else {
    ///     return Err("phases out of order must be refused".into());
    /// };
    /// assert_eq!(problems[0].path, "phases[1].months");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Cohort, Error> {
        let raw: RawCohort = READER.read(json)?;
        Cohort::try_from(raw)
    }

    /// The cohort as pretty-printed JSON that [`Cohort::from_json`] reads back
    /// to an equal cohort. (Serializing a cohort cannot fail: every map in it
    /// has string keys.)
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.raw).unwrap_or_default()
    }

    /// The cohort's number (1 for the first cohort of 2023).
    pub fn number(&self) -> CohortNumber {
        self.number
    }

    /// The deterministic id, `CohortId::from_slug("cohort-N")`.
    pub fn id(&self) -> CohortId {
        self.id
    }

    /// The cohort's name.
    pub fn name(&self) -> &str {
        &self.raw.name
    }

    /// Who pairs with whom, with provenance.
    pub fn pairing(&self) -> &Pairing {
        &self.raw.pairing
    }

    /// The role of the learning cities.
    pub fn learner_role(&self) -> Role {
        self.raw.pairing.learner
    }

    /// The role of the cities they are paired with.
    pub fn peer_role(&self) -> Role {
        self.raw.pairing.peer
    }

    /// The months the programme runs, start and end month included, in the
    /// readings followed.
    pub fn programme_period(&self) -> MonthRange {
        self.period
    }

    /// The programme's first month, every reading kept.
    pub fn programme_start(&self) -> &Reported<YearMonth> {
        &self.raw.programme_start
    }

    /// The programme's last month, every reading kept (inferred for cohorts 2–4).
    pub fn programme_end(&self) -> &Reported<YearMonth> {
        &self.raw.programme_end
    }

    /// The programme's length in months as sources state it, every reading kept.
    pub fn duration_months(&self) -> &Reported<u16> {
        &self.raw.duration_months
    }

    /// The learning modules, when known.
    pub fn modules(&self) -> Option<&Sourced<Vec<Module>>> {
        self.raw.modules.as_ref()
    }

    /// Every call of the cohort.
    pub fn registrations(&self) -> &[Registration] {
        &self.raw.registrations
    }

    /// The call for `role`, if the cohort has one.
    pub fn registration(&self, role: Role) -> Option<&Registration> {
        self.raw.registrations.iter().find(|r| r.role == role)
    }

    /// Month-granular phases, in order and not overlapping.
    pub fn phases(&self) -> &[Phase] {
        &self.raw.phases
    }

    /// Dated milestones, sorted by [`Milestone::at`] then key.
    pub fn milestones(&self) -> &[Milestone] {
        &self.milestones
    }

    /// The cohort's activities.
    pub fn activities(&self) -> &[Activity] {
        &self.raw.activities
    }

    /// What taking part asks of a learning city, when known.
    pub fn time_commitment(&self) -> Option<&TimeCommitment> {
        self.raw.time_commitment.as_ref()
    }

    /// What each learning city must deliver.
    pub fn required_outputs(&self) -> &[RequiredOutput] {
        &self.raw.required_outputs
    }

    /// How many learning cities were selected, every reading kept.
    pub fn cities_selected(&self) -> Option<&Reported<u16>> {
        self.raw.cities_selected.as_ref()
    }

    /// How many of the selected cities are from associated countries.
    pub fn from_associated_countries(&self) -> Option<&Reported<u16>> {
        self.raw.from_associated_countries.as_ref()
    }

    /// When the selection was (or is to be) announced, every reading kept.
    pub fn announcement(&self) -> Option<&Reported<When>> {
        self.raw.announcement.as_ref()
    }

    /// Pairs of cities the sources name (a partial list).
    pub fn known_pairs(&self) -> &[KnownPair] {
        &self.raw.known_pairs
    }

    /// Further sourced facts that fit no field (headline figures, contacts, caveats).
    pub fn notes(&self) -> &[Sourced<String>] {
        &self.raw.notes
    }

    /// Whether a city of `role` can register at `at`: not yet open, open,
    /// closed (with the reason), unknown, or no call for that role.
    ///
    /// The followed readings of the call's dates are used. The deadline is
    /// inclusive to the minute; a day or month deadline closes at 23:59
    /// Brussels time on its last day.
    pub fn registration_status(&self, role: Role, at: DateTime<FixedOffset>) -> RegistrationStatus {
        let Some(reg) = self.registration(role) else {
            return RegistrationStatus::NoCall { role };
        };
        let opened = reg.opens.as_ref().map(|o| o.value().start_instant());
        if let Some(opens) = opened
            && at < opens
        {
            return RegistrationStatus::NotYetOpen { opens };
        }
        let Some(closes) = &reg.closes else {
            return RegistrationStatus::Open { opened, closes: None };
        };
        let deadline = closes.value().end_instant();
        let past =
            deadline.checked_add_signed(Duration::minutes(1)).is_none_or(|after| at >= after);
        if past {
            let mut reason = format!(
                "the deadline {} ({} UTC) has passed",
                deadline.to_rfc3339(),
                deadline.naive_utc().format("%Y-%m-%d %H:%M")
            );
            if let Some(why) = closes.rationale() {
                reason.push_str("; reading followed: ");
                reason.push_str(why);
            }
            return RegistrationStatus::Closed { deadline, reason };
        }
        match opened {
            Some(_) => RegistrationStatus::Open { opened, closes: Some(deadline) },
            None => RegistrationStatus::Unknown {
                closes: deadline,
                reason: format!("no source gives the opening date of {}", reg.title),
            },
        }
    }

    /// The phase running at `at`, judged on the Brussels calendar.
    pub fn phase_at(&self, at: DateTime<FixedOffset>) -> Option<&Phase> {
        let day = to_brussels(at).date_naive();
        self.raw.phases.iter().find(|p| p.months.contains(day))
    }

    /// Up to `limit` milestones whose [`Milestone::at`] lies strictly after
    /// `after`, earliest first. A deadline counts at its last minute, so a
    /// call closing "in January" is still ahead on 15 January.
    pub fn next_milestones(&self, after: DateTime<FixedOffset>, limit: usize) -> Vec<&Milestone> {
        self.milestones.iter().filter(|m| m.at > after).take(limit).collect()
    }

    /// Whole months of the programme elapsed on `on`: 0 before and during
    /// the first month, counting up at the start of each month, and at most
    /// the months between the first and last month.
    pub fn months_elapsed(&self, on: NaiveDate) -> u32 {
        let span = self.period.start().months_until(self.period.end());
        let Ok(month) = YearMonth::of(on) else {
            return if on < self.period.start().first_day() { 0 } else { span.unsigned_abs() };
        };
        let elapsed = self.period.start().months_until(month).clamp(0, span);
        elapsed.unsigned_abs()
    }

    /// Months of the programme still to come on `on`: the months between the
    /// first and last month, minus [`Cohort::months_elapsed`].
    pub fn months_remaining(&self, on: NaiveDate) -> u32 {
        let span = self.period.start().months_until(self.period.end()).unsigned_abs();
        span.saturating_sub(self.months_elapsed(on))
    }

    /// The deterministic id of a phase, for calendars.
    pub fn phase_uid(&self, phase: &Phase) -> MilestoneId {
        milestone_id(self.id, &format!("phase.{}", phase.id))
    }

    /// The deterministic id of a required output's due date in calendars,
    /// derived from the cohort's id, the output's kind and its title.
    pub fn output_uid(&self, output: &RequiredOutput) -> MilestoneId {
        milestone_id(self.id, &format!("output.{}.{}", output.kind.key(), output.title))
    }
}
