//! `--data PATH` (or `TWINNING_DATA`): the built-in data with a data
//! overlay applied ([`ProgrammeData`]), loaded once, on first use, by the
//! commands that ask the catalogue, the registry or the cohorts.

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use twinning_eligibility::{Error, ProgrammeData};
use twinning_profile::Catalogue;

use crate::error::CliError;
use crate::io::{read_error, read_text};

/// Where the data comes from, and the data once loaded.
#[derive(Debug, Clone, Default)]
pub(crate) struct DataSource {
    /// `--data` / `TWINNING_DATA`, when given.
    path: Option<PathBuf>,
    loaded: OnceCell<ProgrammeData>,
}

impl DataSource {
    /// The data of `path` (the built-in data alone when `None`).
    pub(crate) fn new(path: Option<PathBuf>) -> Self {
        Self { path, loaded: OnceCell::new() }
    }

    /// The data, loading the overlay on first use.
    pub(crate) fn get(&self) -> Result<&ProgrammeData, CliError> {
        if let Some(d) = self.loaded.get() {
            return Ok(d);
        }
        let data = load(self.path.as_deref())?;
        Ok(self.loaded.get_or_init(|| data))
    }
}

fn load(path: Option<&Path>) -> Result<ProgrammeData, CliError> {
    Catalogue::try_builtin()
        .map_err(|e| CliError::internal(format!("the built-in catalogue does not load: {e}")))?;
    let Some(path) = path else {
        return Ok(ProgrammeData::builtin());
    };
    let text = read_text(path)?;
    ProgrammeData::from_overlay_json(&text, path.display().to_string()).map_err(|e| match e {
        Error::Overlay(e @ twinning_profile::Error::Document(_)) => read_error(path, &e),
        Error::OverlayCohort(e) => CliError::in_file(path, e).hint(
            "`twinning schema cohort` prints a cohort's shape; docs/data.md explains overlays",
        ),
        e => CliError::in_file(path, e).hint(
            "fix that entry of the data overlay; docs/data.md explains overlays and `twinning schema overlay` prints the shape",
        ),
    })
}
