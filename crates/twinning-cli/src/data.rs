//! `--data PATH` (or `TWINNING_DATA`): the built-in data with a data
//! overlay applied, loaded once, on first use, by the commands that ask
//! the catalogue, the registry or the cohorts.

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::{Value, json};
use twinning_cohort::{Cohort, CohortNumber};
use twinning_eligibility::BuiltinRegistry;
use twinning_profile::{Catalogue, Overlay};

use crate::error::CliError;
use crate::io::{read_error, read_text};

/// Where the data comes from, and the data once loaded.
#[derive(Debug, Clone, Default)]
pub(crate) struct DataSource {
    /// `--data` / `TWINNING_DATA`, when given.
    path: Option<PathBuf>,
    loaded: OnceCell<Data>,
}

/// The built-in data, with the overlay's records when one is given.
#[derive(Debug, Clone)]
pub(crate) struct Data {
    registry: BuiltinRegistry,
    cohorts: Vec<Cohort>,
    overlay: Option<(PathBuf, NaiveDate)>,
}

impl DataSource {
    /// The data of `path` (the built-in data alone when `None`).
    pub(crate) fn new(path: Option<PathBuf>) -> Self {
        Self { path, loaded: OnceCell::new() }
    }

    /// The data, loading the overlay on first use.
    pub(crate) fn get(&self) -> Result<&Data, CliError> {
        if let Some(d) = self.loaded.get() {
            return Ok(d);
        }
        let data = Data::load(self.path.as_deref())?;
        Ok(self.loaded.get_or_init(|| data))
    }
}

impl Data {
    fn load(path: Option<&Path>) -> Result<Data, CliError> {
        Catalogue::try_builtin().map_err(|e| {
            CliError::internal(format!("the built-in catalogue does not load: {e}"))
        })?;
        let Some(path) = path else {
            return Ok(Data {
                registry: BuiltinRegistry::new(),
                cohorts: Vec::new(),
                overlay: None,
            });
        };
        let text = read_text(path)?;
        let overlay = Overlay::from_json(&text).map_err(|e| data_error(path, &e))?;
        let registry = BuiltinRegistry::with_overlay(&overlay).map_err(|e| data_error(path, &e))?;
        let cohorts = twinning_cohort::cohorts_from_values(overlay.cohorts()).map_err(|e| {
            CliError::in_file(path, e).hint(
                "`twinning schema cohort` prints a cohort's shape; docs/data.md explains overlays",
            )
        })?;
        Ok(Data { registry, cohorts, overlay: Some((path.to_owned(), overlay.as_of())) })
    }

    /// The catalogue (built-in, with the overlay's records).
    pub(crate) fn catalogue(&self) -> &Catalogue {
        self.registry.catalogue()
    }

    /// The eligibility registry over the catalogue.
    pub(crate) fn registry(&self) -> &BuiltinRegistry {
        &self.registry
    }

    /// Cohort `n`: the overlay's when it defines one, else the built-in.
    pub(crate) fn cohort(&self, n: CohortNumber) -> Option<&Cohort> {
        self.cohorts.iter().find(|c| c.number() == n).or_else(|| Cohort::builtin(n))
    }

    /// The overlay's cohorts.
    pub(crate) fn overlay_cohorts(&self) -> &[Cohort] {
        &self.cohorts
    }

    /// "Data as of" lines: the built-in day, and the overlay's.
    pub(crate) fn as_of_fields(&self) -> Vec<(String, String)> {
        let mut v = vec![(
            "Built-in data as of".to_owned(),
            self.catalogue().as_of().map(|d| d.to_string()).unwrap_or_default(),
        )];
        if let Some((path, day)) = &self.overlay {
            v.push(("Overlay".to_owned(), format!("{} as of {day}", path.display())));
        }
        v
    }

    /// The same as JSON: `{"builtin": day, "overlay": {"file", "as_of"}}`.
    pub(crate) fn as_of_json(&self) -> Value {
        let overlay = self
            .overlay
            .as_ref()
            .map(|(path, day)| json!({"file": path.display().to_string(), "as_of": day}));
        json!({"builtin": self.catalogue().as_of(), "overlay": overlay})
    }
}

/// An overlay error: the file, then the entry and field the library names.
fn data_error(path: &Path, e: &twinning_profile::Error) -> CliError {
    if matches!(e, twinning_profile::Error::Document(_)) {
        return read_error(path, e);
    }
    CliError::in_file(path, e).hint(
        "fix that entry of the data overlay; docs/data.md explains overlays and `twinning schema overlay` prints the shape",
    )
}
