//! Table uploads: a CSV (any usual separator and encoding), an `.xlsx` or
//! an `.ods` workbook as the request body, with how to read it in the query
//! (`sheet`, `delimiter`, `dates`, `columns`). The libraries read the table;
//! this module only maps HTTP onto their options.

use axum::http::{HeaderMap, StatusCode, header};
use serde::Deserialize;
use twinning_core::{ColumnMapping, TableOptions};
use twinning_eligibility::{ApplicantTable, ApplicantTableOptions, DateOrder};

use crate::problem::{ApiResult, Problem};

/// The media types a table upload may have.
pub(crate) const TABLE_MEDIA_TYPES: [&str; 4] = [
    "text/csv",
    "text/tab-separated-values",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.spreadsheet",
];

/// Refuses a body whose `Content-Type` is not one of [`TABLE_MEDIA_TYPES`]
/// with a 415 naming them.
pub(crate) fn require_table(headers: &HeaderMap) -> ApiResult<()> {
    let media_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    if media_type.as_deref().is_some_and(|m| TABLE_MEDIA_TYPES.contains(&m)) {
        Ok(())
    } else {
        Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            format!("send the table as one of: {}", TABLE_MEDIA_TYPES.join(", ")),
        ))
    }
}

/// How to read an uploaded table: `?sheet=&delimiter=&dates=&columns=`.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct TableQuery {
    /// The sheet of a workbook; default the first.
    pub(crate) sheet: Option<String>,
    /// The separator of a CSV: `,` `;` `|` or `tab`; default detected.
    pub(crate) delimiter: Option<String>,
    /// The order of `a/b/YYYY` dates: `day-first` or `month-first`; default
    /// read only when the column shows it, else refused.
    pub(crate) dates: Option<String>,
    /// A column mapping, as the JSON object `eligibility batch --columns`
    /// reads: `{"the header in the file": "column", …}`.
    pub(crate) columns: Option<String>,
}

impl TableQuery {
    /// The table options, the separator and sheet alone.
    pub(crate) fn table_options(&self) -> ApiResult<TableOptions> {
        let delimiter = match self.delimiter.as_deref().map(str::trim) {
            None | Some("") => None,
            Some("tab" | "\t") => Some(b'\t'),
            Some(d @ ("," | ";" | "|")) => d.bytes().next(),
            Some(other) => {
                return Err(Problem::bad_request(format!("delimiter {other:?}: use , ; | or tab"))
                    .at("delimiter"));
            }
        };
        Ok(TableOptions { delimiter, sheet: self.sheet.clone() })
    }

    /// The options of an applicants table.
    pub(crate) fn applicant_options(&self) -> ApiResult<ApplicantTableOptions> {
        let dates = self
            .dates
            .as_deref()
            .map(|d| {
                DateOrder::from_key(d.trim()).ok_or_else(|| {
                    Problem::bad_request(format!("dates {d:?}: use day-first or month-first"))
                        .at("dates")
                })
            })
            .transpose()?;
        let mapping = self
            .columns
            .as_deref()
            .map(|c| {
                ColumnMapping::from_json(c)
                    .map_err(|e| Problem::bad_request(format!("columns: {e}")).at("columns"))
            })
            .transpose()?;
        Ok(ApplicantTableOptions { table: self.table_options()?, mapping, dates })
    }

    /// Reads `bytes` as an applicants table; a bad cell is a 422 naming the
    /// row (a line, or a cell like `C7`) and the column.
    pub(crate) fn read_applicants(&self, bytes: &[u8]) -> ApiResult<ApplicantTable> {
        let options = self.applicant_options()?;
        twinning_eligibility::Applicant::read_table(bytes, &options)
            .map_err(|e| Problem::invalid(e.to_string()))
    }
}
