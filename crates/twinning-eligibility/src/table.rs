//! Lists of applicants: a JSON list (or one applicant) and the applicants
//! table (CSV).

use twinning_core::{DocumentReader, LineIndex};

use crate::applicant::RawApplicant;
use crate::{Applicant, Claims, Error, MAX_DOCUMENT_BYTES};

/// The columns of an applicants table, in their documented order. Only
/// `name` is required; an empty cell is an undeclared answer.
pub const APPLICANT_COLUMNS: [&str; 9] = [
    "name",
    "country",
    "neutrality_year",
    "submitted_at",
    "local_authority",
    "invited",
    "partner_projects",
    "claims_mission_city",
    "claims_earlier_twin_or_pilot",
];

/// How a JSON list of applicants is read (each element then goes through
/// the applicant's own checks).
const LIST_READER: DocumentReader = DocumentReader::new("applicants JSON", MAX_DOCUMENT_BYTES);

impl Applicant {
    /// Reads one applicant document or a JSON list of them.
    ///
    /// # Errors
    ///
    /// As [`Applicant::from_json`]; for a list, [`Error::InList`] names the
    /// position of the element whose checks failed.
    pub fn list_from_json(json: &str) -> Result<Vec<Applicant>, Error> {
        if !json.trim_start_matches('\u{feff}').trim_start().starts_with('[') {
            return Applicant::from_json(json).map(|a| vec![a]);
        }
        let raw: Vec<RawApplicant> = LIST_READER.read(json)?;
        raw.into_iter()
            .enumerate()
            .map(|(index, r)| {
                Applicant::try_from(r).map_err(|e| Error::InList { index, source: Box::new(e) })
            })
            .collect()
    }

    /// Reads an applicants table: a CSV whose header names some of
    /// [`APPLICANT_COLUMNS`] (`name` is required) and one applicant per row.
    /// Yes/no cells take `yes`/`no`, `true`/`false` or `1`/`0`;
    /// `partner_projects` are separated by `;`; `submitted_at` is read by
    /// [`twinning_cohort::parse_instant`] (a day is midnight on the Brussels
    /// clock; a time needs its offset).
    ///
    /// ```
    /// use twinning_eligibility::Applicant;
    ///
    /// let table = "name,country,invited,partner_projects\n\
    ///              Águeda,PT,yes,URBREATH;GreenLog\n";
    /// let read = Applicant::list_from_csv(table)?;
    /// assert_eq!(read[0].name(), "Águeda");
    /// assert_eq!(read[0].invited(), Some(true));
    /// assert_eq!(read[0].partner_projects().map(<[String]>::len), Some(2));
    /// # Ok::<(), twinning_eligibility::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Table`] naming the line and the column of the first bad cell
    /// (or the header: an unknown column, no `name`); [`Error::Document`]
    /// past [`MAX_DOCUMENT_BYTES`].
    pub fn list_from_csv(text: &str) -> Result<Vec<Applicant>, Error> {
        LIST_READER.check_size(text.len())?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let at = |line: u64, column: Option<&str>, message: String| Error::Table {
            line,
            column: column.map(str::to_owned),
            message,
        };
        let mut reader =
            csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| at(1, None, e.to_string()))?.clone();
        let columns = APPLICANT_COLUMNS.join(", ");
        if let Some(h) = headers.iter().find(|h| !APPLICANT_COLUMNS.contains(h)) {
            return Err(at(1, None, format!("unknown column {h:?}; the columns are {columns}")));
        }
        if !headers.iter().any(|h| h == "name") {
            return Err(at(1, None, format!("no \"name\" column; the columns are {columns}")));
        }
        let mut lines = LineIndex::new(text);
        let mut out = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                at(line, None, format!("{e}; quote cells holding commas"))
            })?;
            let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
            let applicant = from_row(&headers, &record)
                .map_err(|(column, message)| at(line, Some(column), message))?;
            out.push(applicant);
        }
        Ok(out)
    }
}

/// One row of the table; an error names the column.
fn from_row(
    headers: &csv::StringRecord,
    row: &csv::StringRecord,
) -> Result<Applicant, (&'static str, String)> {
    let get = |col: &str| {
        headers.iter().position(|h| h == col).and_then(|i| row.get(i)).filter(|v| !v.is_empty())
    };
    let name = get("name").ok_or(("name", "empty name".to_owned()))?;
    let mut a = Applicant::new(name).map_err(|e| ("name", e.to_string()))?;
    if let Some(v) = get("country") {
        a = a.with_country(v.parse().map_err(|e| ("country", format!("{v:?}: {e}")))?);
    }
    if let Some(v) = get("neutrality_year") {
        let year: i32 =
            v.parse().map_err(|_| ("neutrality_year", format!("{v:?} is not a year")))?;
        if !crate::NEUTRALITY_YEARS.contains(&year) {
            let range = &crate::NEUTRALITY_YEARS;
            let reason = format!("{year} is not a year from {} to {}", range.start(), range.end());
            return Err(("neutrality_year", reason));
        }
        a = a.with_neutrality_year(year);
    }
    if let Some(v) = get("submitted_at") {
        let at = twinning_cohort::parse_instant(v).map_err(|e| ("submitted_at", e.to_string()))?;
        a = a.with_submitted_at(at);
    }
    let flag = |col: &'static str| -> Result<Option<bool>, (&'static str, String)> {
        match get(col) {
            None => Ok(None),
            Some(v) => match v.to_ascii_lowercase().as_str() {
                "true" | "yes" | "1" => Ok(Some(true)),
                "false" | "no" | "0" => Ok(Some(false)),
                _ => Err((col, format!("{v:?}: expected yes or no"))),
            },
        }
    };
    if let Some(b) = flag("local_authority")? {
        a = a.with_local_authority(b);
    }
    if let Some(b) = flag("invited")? {
        a = a.with_invited(b);
    }
    if let Some(v) = get("partner_projects") {
        a = a.with_partner_projects(v.split(';').map(str::trim).filter(|p| !p.is_empty()));
    }
    let claims = Claims {
        mission_city: flag("claims_mission_city")?,
        earlier_twin_or_pilot: flag("claims_earlier_twin_or_pilot")?,
    };
    Ok(a.with_claims(claims))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests")]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_line_and_the_column_with_crlf_line_ends() {
        let t = "name,invited\r\nLyon,yes\r\nGent,perhaps\r\n";
        let e = Applicant::list_from_csv(t).unwrap_err();
        assert!(
            matches!(&e, Error::Table { line: 3, column: Some(c), .. } if c == "invited"),
            "{e}"
        );
        let e = Applicant::list_from_csv("country\nPT\n").unwrap_err();
        assert!(matches!(&e, Error::Table { line: 1, column: None, .. }), "{e}");
    }

    #[test]
    fn a_submission_without_an_offset_is_refused_not_guessed() {
        let e = Applicant::list_from_csv("name,submitted_at\nLyon,2026-01-10T12:00\n").unwrap_err();
        assert!(e.to_string().contains("offset"), "{e}");
    }

    #[test]
    fn a_json_list_names_the_element_that_fails() {
        let list = r#"[{"name": "Lyon"}, {"name": ""}]"#;
        let e = Applicant::list_from_json(list).unwrap_err();
        assert!(matches!(e, Error::InList { index: 1, .. }), "{e}");
        assert_eq!(Applicant::list_from_json(r#"{"name": "Lyon"}"#).unwrap().len(), 1);
    }
}
