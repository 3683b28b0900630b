//! The programme's data: the built-in catalogue, registry and cohorts, with
//! a data overlay's records applied, and the days they are as of.

use chrono::NaiveDate;
use serde::Serialize;
use twinning_cohort::{Cohort, CohortNumber};
use twinning_core::{Block, Page};
use twinning_profile::{Catalogue, Overlay};

use crate::{BuiltinRegistry, Error};

/// The programme's data as a command or a service answers from it: the
/// catalogue and the eligibility registry over it ([`BuiltinRegistry`]), the
/// cohorts, and the [`DataDates`] they are as of — the built-in data alone,
/// or with a data overlay ([`Overlay`]) applied.
///
/// An overlay adds or corrects catalogue and country records (through
/// [`BuiltinRegistry::with_overlay`]) and may define cohorts; a cohort the
/// overlay defines replaces the built-in cohort of that number.
///
/// # Example
///
/// ```
/// use twinning_cohort::CohortNumber;
/// use twinning_eligibility::ProgrammeData;
///
/// let overlay = r#"{"schema_version": 1, "as_of": "2027-03-01", "description": "newer facts"}"#;
/// let data = ProgrammeData::from_overlay_json(overlay, "newer.json")?;
/// assert!(data.cohort(CohortNumber::new(5)?).is_some()); // built in
/// assert!(data.cohort(CohortNumber::new(6)?).is_none()); // this overlay defines none
/// assert_eq!(data.dates().overlay().map(|o| o.file.as_str()), Some("newer.json"));
/// assert_eq!(data.dates().fields()[1].1, "newer.json as of 2027-03-01");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ProgrammeData {
    registry: BuiltinRegistry,
    cohorts: Vec<Cohort>,
    dates: DataDates,
}

impl Default for ProgrammeData {
    fn default() -> Self {
        Self::builtin()
    }
}

impl ProgrammeData {
    /// The built-in data alone.
    pub fn builtin() -> Self {
        let registry = BuiltinRegistry::new();
        let dates = DataDates { builtin: registry.catalogue().as_of(), overlay: None };
        Self { registry, cohorts: Vec::new(), dates }
    }

    /// The built-in data with `overlay` applied; `file` names where the
    /// overlay came from (a path, an upload's name) in [`DataDates`].
    ///
    /// # Errors
    ///
    /// [`Error::Overlay`] when the overlay's catalogue or country records
    /// are rejected (naming the entry and field); [`Error::OverlayCohort`]
    /// when one of its cohorts is (naming `cohorts[i]`), or a number is
    /// defined twice.
    pub fn with_overlay(overlay: &Overlay, file: impl Into<String>) -> Result<Self, Error> {
        let registry = BuiltinRegistry::with_overlay(overlay).map_err(Error::Overlay)?;
        let cohorts = twinning_cohort::cohorts_from_values(overlay.cohorts())
            .map_err(Error::OverlayCohort)?;
        let overlay = OverlayDate { file: file.into(), as_of: overlay.as_of() };
        let dates = DataDates { builtin: registry.catalogue().as_of(), overlay: Some(overlay) };
        Ok(Self { registry, cohorts, dates })
    }

    /// The built-in data with the overlay of JSON text `json` applied
    /// ([`Overlay::from_json`], then [`ProgrammeData::with_overlay`]).
    ///
    /// # Errors
    ///
    /// [`Error::Overlay`] holding the [`twinning_profile::Error::Document`]
    /// of a text that is no overlay document (size, byte order mark,
    /// version, JSON shape with path, line and column), and the errors of
    /// [`ProgrammeData::with_overlay`].
    pub fn from_overlay_json(json: &str, file: impl Into<String>) -> Result<Self, Error> {
        let overlay = Overlay::from_json(json).map_err(Error::Overlay)?;
        Self::with_overlay(&overlay, file)
    }

    /// The catalogue: built-in, with the overlay's records.
    pub fn catalogue(&self) -> &Catalogue {
        self.registry.catalogue()
    }

    /// The eligibility registry over [`ProgrammeData::catalogue`].
    pub fn registry(&self) -> &BuiltinRegistry {
        &self.registry
    }

    /// Cohort `number`: the overlay's when it defines one, else the
    /// built-in one, else `None`.
    pub fn cohort(&self, number: CohortNumber) -> Option<&Cohort> {
        self.cohorts.iter().find(|c| c.number() == number).or_else(|| Cohort::builtin(number))
    }

    /// The cohorts the overlay defines, in its order (empty without one).
    pub fn overlay_cohorts(&self) -> &[Cohort] {
        &self.cohorts
    }

    /// Every cohort by number: the built-in ones, each replaced by the
    /// overlay's of the same number, and the overlay's new ones.
    pub fn cohorts(&self) -> Vec<&Cohort> {
        let builtin = twinning_cohort::builtin_cohorts()
            .iter()
            .filter(|c| !self.cohorts.iter().any(|o| o.number() == c.number()));
        let mut all: Vec<&Cohort> = builtin.chain(&self.cohorts).collect();
        all.sort_by_key(|c| c.number());
        all
    }

    /// The days the data is as of.
    pub fn dates(&self) -> &DataDates {
        &self.dates
    }
}

/// The days the programme's data is as of: the built-in data's, and the
/// overlay's with where it came from. Serializes as
/// `{"builtin": day or null, "overlay": {"file", "as_of"} or null}`, what
/// answers carry as `data_as_of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DataDates {
    /// The day the built-in data was last checked against its sources.
    builtin: Option<NaiveDate>,
    /// The overlay's day and name, when an overlay is applied.
    overlay: Option<OverlayDate>,
}

/// A data overlay's day, and where the overlay came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OverlayDate {
    /// Where the overlay came from: a path, an upload's name.
    pub file: String,
    /// The overlay's `as_of` day.
    pub as_of: NaiveDate,
}

impl DataDates {
    /// The day of the built-in catalogue, if it has one.
    pub fn builtin(&self) -> Option<NaiveDate> {
        self.builtin
    }

    /// The overlay's day and name, when an overlay is applied.
    pub fn overlay(&self) -> Option<&OverlayDate> {
        self.overlay.as_ref()
    }

    /// `label: value` lines: `Built-in data as of` (empty when undated),
    /// then `Overlay` as `FILE as of DAY` when there is one.
    pub fn fields(&self) -> Vec<(String, String)> {
        let builtin = self.builtin.map(|d| d.to_string()).unwrap_or_default();
        let mut v = vec![("Built-in data as of".to_owned(), builtin)];
        if let Some(o) = &self.overlay {
            v.push(("Overlay".to_owned(), format!("{} as of {}", o.file, o.as_of)));
        }
        v
    }

    /// Appends a `Data` section holding [`DataDates::fields`] to `page`.
    pub fn push_to(&self, page: &mut Page) {
        page.push(Block::Heading("Data".to_owned())).push(Block::Fields(self.fields()));
    }

    /// Gives the main table of `page` for CSV and `.xlsx` (the first of
    /// [`Page::tables`], which become its sheets) a `Data as of` column
    /// holding the fields as one `label: value; …` cell, so a list read
    /// as one table still says how old it is. The blocks, and so the
    /// text and Markdown, are unchanged.
    ///
    /// ```
    /// use twinning_core::{Block, Page, PageTable};
    /// use twinning_eligibility::ProgrammeData;
    ///
    /// let dates = ProgrammeData::builtin().dates().clone();
    /// let mut page = Page::new();
    /// page.push(Block::Table(PageTable { headers: vec!["City".into()], rows: vec![vec!["Gent".into()]] }));
    /// dates.stamp_main_table(&mut page);
    /// let stamp = format!("Built-in data as of: {}", dates.builtin().ok_or("undated")?);
    /// assert_eq!(page.tables()[0].1.rows, [["Gent".to_owned(), stamp]]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn stamp_main_table(&self, page: &mut Page) {
        let stamp = self.fields().iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>();
        let stamp = stamp.join("; ");
        let mut sheets = page.tables();
        if let Some((_, main)) = sheets.first_mut() {
            main.headers.push("Data as of".to_owned());
            for row in &mut main.rows {
                row.push(stamp.clone());
            }
        }
        page.sheets = sheets;
    }

    /// Adds these dates as `data_as_of` to a JSON object, or to each object
    /// of an array; other values are left as they are.
    pub fn stamp_json(&self, json: &mut serde_json::Value) {
        let as_of = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        let add = |v: &mut serde_json::Value| {
            if let serde_json::Value::Object(map) = v {
                map.insert("data_as_of".to_owned(), as_of.clone());
            }
        };
        match json {
            serde_json::Value::Array(items) => items.iter_mut().for_each(add),
            other => add(other),
        }
    }
}
