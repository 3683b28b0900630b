use chrono::{DateTime, FixedOffset, NaiveDate};
use twinning_cohort::{CohortNumber, OutputKind};
use twinning_core::{CityId, DocumentError, DocumentReader, OutputId, Recovered, VersionField};

use crate::problem::{Problems, need_text};
use crate::{
    ActionPlan, Error, InfoSession, LearningRoadmap, Lifecycle, Missing, OutputContext, Problem,
    ProblemKind, Report, StakeholderPlan, Status, TransferabilityAssessment, default_title,
};

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// The largest JSON document [`Document::from_json`] accepts, in bytes (4 MiB).
pub const MAX_DOCUMENT_BYTES: usize = 4 * 1024 * 1024;

/// A city, by id and by the name to print.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CityRef {
    /// The city's id.
    pub id: CityId,
    /// Its name, such as `Águeda`.
    pub name: String,
}

impl CityRef {
    /// A reference to city `id` called `name`.
    pub fn new(id: CityId, name: impl Into<String>) -> Self {
        Self { id, name: name.into() }
    }
}

/// The content of a document, one variant per [`OutputKind`](twinning_cohort::OutputKind).
///
/// In JSON it is `{"kind": "<output kind key>", "content": {...}}`, so the kind
/// and the content can never disagree.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", content = "content", rename_all = "kebab-case", deny_unknown_fields)]
pub enum OutputBody {
    /// A Twinning Learning Roadmap.
    LearningRoadmap(LearningRoadmap),
    /// A Stakeholder Engagement Plan.
    StakeholderEngagementPlan(StakeholderPlan),
    /// A Transferability Assessment.
    TransferabilityAssessment(TransferabilityAssessment),
    /// An action or replication plan.
    ActionPlan(ActionPlan),
    /// An internal Info Session.
    InfoSession(InfoSession),
}

impl OutputBody {
    /// The kind of output.
    pub fn kind(&self) -> OutputKind {
        match self {
            OutputBody::LearningRoadmap(_) => OutputKind::LearningRoadmap,
            OutputBody::StakeholderEngagementPlan(_) => OutputKind::StakeholderEngagementPlan,
            OutputBody::TransferabilityAssessment(_) => OutputKind::TransferabilityAssessment,
            OutputBody::ActionPlan(_) => OutputKind::ActionPlan,
            OutputBody::InfoSession(_) => OutputKind::InfoSession,
        }
    }

    /// An empty body of `kind`: nothing filled in, and for the transferability
    /// assessment the five SITEE dimensions weighted equally.
    pub fn starter(kind: OutputKind) -> OutputBody {
        match kind {
            OutputKind::LearningRoadmap => OutputBody::LearningRoadmap(LearningRoadmap::default()),
            OutputKind::StakeholderEngagementPlan => {
                OutputBody::StakeholderEngagementPlan(StakeholderPlan::default())
            }
            OutputKind::TransferabilityAssessment => OutputBody::TransferabilityAssessment(
                TransferabilityAssessment::equal_weights(None),
            ),
            OutputKind::ActionPlan => OutputBody::ActionPlan(ActionPlan::default()),
            OutputKind::InfoSession => OutputBody::InfoSession(InfoSession::default()),
        }
    }
}

/// A learning-output document: the envelope every output shares (id, owner
/// city, cohort, title, due date, lifecycle) around its [`OutputBody`].
///
/// A document may be incomplete or wrong while it is a draft: its validity is
/// a [`Report`] from [`Document::check`], not a property of the type. Only the
/// structure (field names, enum keys, dates, decimals, a legal lifecycle, the
/// schema version) is enforced when it is decoded.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(from = "RawDocument", into = "RawDocument")]
pub struct Document {
    /// The document's id.
    pub id: OutputId,
    /// Its title, such as `Twin City Action Plan`.
    pub title: String,
    /// The city that owns it.
    pub city: CityRef,
    /// The cohort it belongs to.
    pub cohort: CohortNumber,
    /// When it is due, if the cohort sets a date.
    pub due: Option<NaiveDate>,
    /// Its review history.
    pub lifecycle: Lifecycle,
    /// Its content.
    pub body: OutputBody,
}

/// The `schema_version` field: it only reads [`SCHEMA_VERSION`], and fails
/// as soon as it meets another, so that plain serde deserialization reports
/// the version before any field a newer schema may have added.
#[derive(Clone, Copy, Debug)]
struct Version;

impl serde::Serialize for Version {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(SCHEMA_VERSION)
    }
}

impl<'de> serde::Deserialize<'de> for Version {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let found = <u64 as serde::Deserialize>::deserialize(deserializer)?;
        READER.check_version(found).map(|()| Version).map_err(serde::de::Error::custom)
    }
}

/// The serialized shape of a [`Document`], with its schema version.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RawDocument {
    #[cfg_attr(feature = "schema", schemars(with = "u32"))]
    schema_version: Version,
    id: OutputId,
    title: String,
    city: CityRef,
    cohort: CohortNumber,
    due: Option<NaiveDate>,
    lifecycle: Lifecycle,
    body: OutputBody,
}

impl From<Document> for RawDocument {
    fn from(d: Document) -> Self {
        Self {
            schema_version: Version,
            id: d.id,
            title: d.title,
            city: d.city,
            cohort: d.cohort,
            due: d.due,
            lifecycle: d.lifecycle,
            body: d.body,
        }
    }
}

impl From<RawDocument> for Document {
    /// The version was checked when `schema_version` was read.
    fn from(raw: RawDocument) -> Self {
        Self {
            id: raw.id,
            title: raw.title,
            city: raw.city,
            cohort: raw.cohort,
            due: raw.due,
            lifecycle: raw.lifecycle,
            body: raw.body,
        }
    }
}

/// How output documents are read: at most [`MAX_DOCUMENT_BYTES`], and a
/// `schema_version` of [`SCHEMA_VERSION`] checked before anything else.
const READER: DocumentReader = DocumentReader::new("output document", MAX_DOCUMENT_BYTES)
    .versioned("schema_version", &[SCHEMA_VERSION as u64], VersionField::Required);

impl Document {
    /// A fresh draft of `kind` for `city`, titled as the context's cohort names
    /// it (else [`default_title`]), due when the context says, created at
    /// `created`.
    ///
    /// The starter passes [`Document::validate`] against `ctx`; what it still
    /// lacks is listed by [`Document::missing`].
    pub fn starter(
        kind: OutputKind,
        id: OutputId,
        city: CityRef,
        ctx: &OutputContext,
        created: DateTime<FixedOffset>,
    ) -> Document {
        Document {
            id,
            title: ctx.title.clone().unwrap_or_else(|| default_title(kind, ctx.cohort).to_owned()),
            city,
            cohort: ctx.cohort,
            due: ctx.due,
            lifecycle: Lifecycle::new(created),
            body: OutputBody::starter(kind),
        }
    }

    /// The kind of output.
    pub fn kind(&self) -> OutputKind {
        self.body.kind()
    }

    /// The current lifecycle status.
    pub fn status(&self) -> Status {
        self.lifecycle.status()
    }

    /// Every problem in the document, checked against `ctx`, in document
    /// order (envelope first). Pure: the same document and context always
    /// give the same list.
    pub fn validate(&self, ctx: &OutputContext) -> Vec<Problem> {
        let mut problems = Problems::default();
        if self.cohort != ctx.cohort {
            problems.push(Problem::error(
                "cohort".to_owned(),
                self.cohort,
                ProblemKind::WrongCohort { expected: ctx.cohort },
            ));
        }
        if let Some(expected) = ctx.due
            && self.due != Some(expected)
        {
            problems.push(Problem::error(
                "due".to_owned(),
                self.due.map_or_else(|| "none".to_owned(), |d| d.to_string()),
                ProblemKind::DueDateMismatch { expected },
            ));
        }
        // Every text reaches Markdown, spreadsheets and web pages: none may
        // hold a character that prints differently in each, or not at all.
        let hidden =
            serde_json::to_value(self).ok().and_then(|v| twinning_core::hidden_in_json(&v));
        if let Some((path, e)) = hidden {
            let path = path.strip_prefix("body.content.").map_or(path.clone(), str::to_owned);
            problems.push(Problem::error(
                path,
                "",
                ProblemKind::HiddenCharacter { description: e.to_string() },
            ));
        }
        match &self.body {
            OutputBody::LearningRoadmap(b) => b.validate(ctx, &mut problems),
            OutputBody::StakeholderEngagementPlan(b) => b.validate(ctx, &mut problems),
            OutputBody::TransferabilityAssessment(b) => b.validate(ctx, &mut problems),
            OutputBody::ActionPlan(b) => b.validate(ctx, &mut problems),
            OutputBody::InfoSession(b) => b.validate(ctx, &mut problems),
        }
        problems.0
    }

    /// What the document still lacks before it can be submitted.
    pub fn missing(&self) -> Vec<Missing> {
        let mut missing = Vec::new();
        need_text(&mut missing, "title".to_owned(), &self.title, "a title");
        need_text(&mut missing, "city.name".to_owned(), &self.city.name, "the city's name");
        match &self.body {
            OutputBody::LearningRoadmap(b) => b.missing(&mut missing),
            OutputBody::StakeholderEngagementPlan(b) => b.missing(&mut missing),
            OutputBody::TransferabilityAssessment(b) => b.missing(&mut missing),
            OutputBody::ActionPlan(b) => b.missing(&mut missing),
            OutputBody::InfoSession(b) => b.missing(&mut missing),
        }
        missing
    }

    /// [`validate`](Document::validate) and [`missing`](Document::missing) together.
    pub fn check(&self, ctx: &OutputContext) -> Report {
        Report { problems: self.validate(ctx), missing: self.missing() }
    }

    /// Hands the document in at `at`, if it is ready.
    ///
    /// # Errors
    ///
    /// [`Error::NotReady`] when [`check`](Document::check) finds an error or
    /// a missing item; the lifecycle errors of [`Lifecycle::transition`].
    pub fn submit(&mut self, ctx: &OutputContext, at: DateTime<FixedOffset>) -> Result<(), Error> {
        let report = self.check(ctx);
        if !report.is_ready() {
            return Err(Error::NotReady {
                id: self.id,
                errors: report.errors().count(),
                missing: report.missing.len(),
            });
        }
        self.lifecycle.transition(self.id, Status::Submitted, at, None)
    }

    /// Records that the programme accepted the submitted document.
    ///
    /// # Errors
    ///
    /// The lifecycle errors of [`Lifecycle::transition`].
    pub fn accept(&mut self, at: DateTime<FixedOffset>) -> Result<(), Error> {
        self.lifecycle.transition(self.id, Status::Accepted, at, None)
    }

    /// Records that the programme asked for a revision, saying what to change.
    ///
    /// # Errors
    ///
    /// The lifecycle errors of [`Lifecycle::transition`].
    pub fn request_revision(
        &mut self,
        at: DateTime<FixedOffset>,
        note: impl Into<String>,
    ) -> Result<(), Error> {
        self.lifecycle.transition(self.id, Status::RevisionRequested, at, Some(note.into()))
    }

    /// The document as pretty-printed JSON with its schema version.
    ///
    /// # Errors
    ///
    /// [`Error::Document`] if serialization fails, which the document's
    /// types do not allow in practice.
    pub fn to_json(&self) -> Result<String, Error> {
        serde_json::to_string_pretty(self)
            .map_err(|e| DocumentError::json(READER.what(), ".", &e).into())
    }

    /// Reads a document from JSON.
    ///
    /// # Errors
    ///
    /// [`Error::Document`] above [`MAX_DOCUMENT_BYTES`], for a byte order
    /// mark, for a missing or other `schema_version` (before anything else
    /// is looked at), and for malformed JSON, unknown fields or values of
    /// the wrong shape, with the field path, line and column.
    pub fn from_json(text: &str) -> Result<Document, Error> {
        Ok(READER.read(text)?)
    }

    /// Reads a document like [`Document::from_json`], but when it has
    /// mistakes of shape or value, reports every one of them, not only the
    /// first (see [`twinning_core::DocumentReader::read_all`]); the
    /// document with neutral values in their place comes along when every
    /// mistake could be stepped over, for [`Document::check`] to find the
    /// problems of the rest.
    ///
    /// # Errors
    ///
    /// [`Recovered`] with each mistake as a [`DocumentError`].
    pub fn from_json_all(text: &str) -> Result<Document, Recovered<Document>> {
        READER.read_all(text)
    }

    /// Reads a document like [`Document::from_json`], with the number
    /// strings of amounts and quantities read under `locale`: a file whose
    /// author wrote `"150.000"` for 150 thousand declares
    /// [`NumberLocale::De`](twinning_core::NumberLocale::De). JSON numbers
    /// are read as JSON numbers whatever the locale.
    ///
    /// # Errors
    ///
    /// As [`Document::from_json`]; a number string that breaks the
    /// convention is refused with the field path.
    pub fn from_json_in(
        text: &str,
        locale: twinning_core::NumberLocale,
    ) -> Result<Document, Error> {
        crate::amount::with_locale(locale, || Document::from_json(text))
    }

    /// [`Document::from_json_all`] with number strings read under `locale`
    /// (see [`Document::from_json_in`]).
    ///
    /// # Errors
    ///
    /// As [`Document::from_json_all`].
    pub fn from_json_all_in(
        text: &str,
        locale: twinning_core::NumberLocale,
    ) -> Result<Document, Recovered<Document>> {
        crate::amount::with_locale(locale, || Document::from_json_all(text))
    }
}
