//! The CSV export of the registration survey: one row per city.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use twinning_core::{DocumentError, Provenance, Slug, Sourced};

use crate::document::check_city_against;
use crate::{
    Catalogue, CityKind, CityProfile, CityProfileDraft, Error, LearningGoalDraft, PracticeDraft,
    ProfileDocument, ProjectMembership, ProjectRole, Theme,
};

/// The largest CSV file [`load_csv`] accepts, in bytes (16 MiB).
pub const MAX_CSV_BYTES: usize = 16 * 1024 * 1024;

/// The most data rows [`load_csv`] accepts.
pub const MAX_CSV_ROWS: usize = 10_000;

/// How many numbered practice and goal column groups a row may have
/// (`practice_1_title` … `practice_10_title`).
pub const MAX_CSV_ITEMS: usize = 10;

/// The fixed columns, in the order the survey exports them.
pub const CSV_COLUMNS: [&str; 10] = [
    "slug",
    "name",
    "variants",
    "country",
    "kind",
    "part_of",
    "climate_neutrality_target",
    "projects",
    "source",
    "as_of",
];

/// What a column of the header means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Fixed(&'static str),
    Practice(usize, &'static str),
    Goal(usize, &'static str),
}

/// Other names of fixed columns: the applicants table's names
/// (`twinning-eligibility`), so one table serves both readers.
const CSV_ALIASES: [(&str, &str); 2] =
    [("neutrality_year", "climate_neutrality_target"), ("partner_projects", "projects")];

fn classify(header: &str) -> Option<Column> {
    let key = twinning_core::fold_header(header);
    let fixed = CSV_ALIASES
        .iter()
        .find(|(alias, _)| twinning_core::fold_header(alias) == key)
        .map(|(_, c)| *c)
        .or_else(|| CSV_COLUMNS.iter().copied().find(|c| twinning_core::fold_header(c) == key));
    if let Some(c) = fixed {
        return Some(Column::Fixed(c));
    }
    let numbered = |prefix: &str, fields: &[&'static str]| -> Option<(usize, &'static str)> {
        let rest = header.strip_prefix(prefix)?;
        let (n, field) = rest.split_once('_')?;
        let n: usize = n.parse().ok()?;
        let field = fields.iter().find(|f| **f == field)?;
        (1..=MAX_CSV_ITEMS).contains(&n).then_some((n, *field))
    };
    if let Some((n, f)) = numbered("practice_", &["title", "description", "themes", "projects"]) {
        return Some(Column::Practice(n, f));
    }
    numbered("goal_", &["text", "themes"]).map(|(n, f)| Column::Goal(n, f))
}

/// The survey column a table header is read as, by its canonical name
/// (`name`, `climate_neutrality_target`, `practice_2_title`), or `None`
/// for a header [`load_csv`] and [`load_table`] refuse. For showing an
/// upload's column mapping before anything is stored.
///
/// ```
/// use twinning_profile::survey_column;
///
/// assert_eq!(survey_column("Neutrality year").as_deref(), Some("climate_neutrality_target"));
/// assert_eq!(survey_column("practice_2_title").as_deref(), Some("practice_2_title"));
/// assert_eq!(survey_column("favourite colour"), None);
/// ```
#[must_use]
pub fn survey_column(header: &str) -> Option<String> {
    classify(header).map(|c| match c {
        Column::Fixed(name) => name.to_owned(),
        Column::Practice(n, field) => format!("practice_{n}_{field}"),
        Column::Goal(n, field) => format!("goal_{n}_{field}"),
    })
}

fn csv_err(line: u64, column: &str, value: &str, reason: impl ToString) -> Error {
    Error::Csv {
        line,
        column: column.to_owned(),
        value: value.to_owned(),
        reason: reason.to_string(),
    }
}

fn list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(';').map(str::trim).filter(|s| !s.is_empty())
}

fn themes(line: u64, column: &str, cell: &str) -> Result<Vec<Theme>, Error> {
    list(cell).map(|t| t.parse::<Theme>().map_err(|e| csv_err(line, column, t, e))).collect()
}

fn kebab<T: serde::de::DeserializeOwned>(line: u64, column: &str, cell: &str) -> Result<T, Error> {
    serde_json::from_value(serde_json::Value::String(cell.to_owned()))
        .map_err(|e| csv_err(line, column, cell, e))
}

/// Reads a registration-survey CSV export (one row per city) and checks
/// every row against `catalogue`.
///
/// The header names the columns; their order is free, and case, spaces
/// and punctuation do not matter (`As of` is `as_of`). The applicants
/// table's `neutrality_year` and `partner_projects` are read as
/// `climate_neutrality_target` and `projects`. Fixed columns:
///
/// | column | required | content |
/// |---|---|---|
/// | `slug` | yes | stable key, `a-z0-9-_` (`gent`) |
/// | `name` | yes | name with diacritics (`Plzeň`) |
/// | `variants` | no | other names, `;`-separated (`Pilsen; Plzen`) |
/// | `country` | yes | ISO 3166-1 alpha-2 (`GB`, not `UK`) |
/// | `kind` | no | `municipality` (default), `district`, `metropolitan-authority`, `joint-bid` |
/// | `part_of` | no | the larger city of a district |
/// | `climate_neutrality_target` | no | a year, 2000–2100 |
/// | `projects` | no | `slug:role` pairs, `;`-separated (`spine:twin; climaborough:partner`); the role defaults to `partner` |
/// | `source` | no | where the row comes from; defaults to `registration survey` |
/// | `as_of` | no | the day the answers speak for, `YYYY-MM-DD` |
///
/// Numbered groups, `N` from 1 to [`MAX_CSV_ITEMS`]: `practice_N_title`,
/// `practice_N_description`, `practice_N_themes` (theme keys,
/// `;`-separated), `practice_N_projects` (project slugs); `goal_N_text`,
/// `goal_N_themes`. A group whose cells are all empty is skipped; the
/// practice's slug is `<city slug>-practice-N`, the goal's
/// `<city slug>-goal-N`. Every row's provenance is the survey's, marked
/// confirmed (the city reports on itself) and naming the line.
///
/// Rows are never dropped or changed: the file loads whole, or the first
/// problem is reported.
///
/// # Errors
///
/// [`Error::Document`] above [`MAX_CSV_BYTES`] or [`MAX_CSV_ROWS`];
/// [`Error::Csv`] for an unknown or missing column, a malformed row (wrong
/// number of fields, bad quoting), or a bad cell (theme, kind, role, year,
/// date); the city checks' errors ([`Error::EmptyField`],
/// [`Error::UnknownCountry`], [`Error::InvalidValue`]) with a path
/// `line N.field`; [`Error::DuplicateId`] and [`Error::UnknownProject`] as in
/// [`crate::load_json`].
pub fn load_csv(text: &str, catalogue: &Catalogue) -> Result<ProfileDocument, Error> {
    if text.len() > MAX_CSV_BYTES {
        return Err(DocumentError::too_large("csv file", text.len(), MAX_CSV_BYTES).into());
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| csv_err(1, "header", "", e))?.clone();
    let columns = classify_headers(headers.iter())?;
    let mut rows: Vec<(u64, Vec<String>)> = Vec::new();
    for (row, record) in reader.records().enumerate() {
        if row >= MAX_CSV_ROWS {
            return Err(too_many_rows(row));
        }
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, csv::Position::line);
            csv_err(line, "row", "", e)
        })?;
        let line = record.position().map_or(0, csv::Position::line);
        rows.push((line, record.iter().map(str::to_owned).collect()));
    }
    load_rows(&columns, rows, catalogue)
}

fn too_many_rows(row: usize) -> Error {
    DocumentError::TooLarge {
        what: "csv file",
        size: row.saturating_add(1),
        limit: MAX_CSV_ROWS,
        unit: "rows",
    }
    .into()
}

/// Reads a registration-survey table as [`load_csv`] does, from a file's
/// bytes: CSV with any usual separator and encoding, or a sheet of an
/// `.xlsx` or `.ods` workbook (see [`twinning_core::read_table`]). Headers
/// are matched ignoring case, spaces and punctuation; a spreadsheet row's
/// number stands for the line in messages.
///
/// # Errors
///
/// As [`load_csv`]; [`Error::Csv`] with line 0 and column `file` when the
/// bytes are not a table.
pub fn load_table(
    bytes: &[u8],
    options: &twinning_core::TableOptions,
    catalogue: &Catalogue,
) -> Result<ProfileDocument, Error> {
    let table = twinning_core::read_table(bytes, options).map_err(|e| csv_err(0, "file", "", e))?;
    if table.rows().len() > MAX_CSV_ROWS {
        return Err(too_many_rows(table.rows().len()));
    }
    let rows = table
        .rows()
        .iter()
        .map(|r| {
            let line = match r.place {
                twinning_core::RowPlace::Line(l) => l,
                twinning_core::RowPlace::Sheet { row, .. } => u64::from(row),
            };
            (line, r.cells.clone())
        })
        .collect();
    let columns = classify_headers(table.headers().iter().map(String::as_str))?;
    load_rows(&columns, rows, catalogue)
}

/// What each header means; every required column present.
fn classify_headers<'h>(headers: impl Iterator<Item = &'h str>) -> Result<Vec<Column>, Error> {
    let mut columns = Vec::new();
    for h in headers {
        let c = classify(h).ok_or_else(|| {
            csv_err(1, h, h, "unknown column (see the column table in the docs of load_csv)")
        })?;
        if columns.contains(&c) {
            return Err(csv_err(1, h, h, "column given twice"));
        }
        columns.push(c);
    }
    for required in ["slug", "name", "country"] {
        if !columns.contains(&Column::Fixed(required)) {
            return Err(csv_err(1, required, "", "required column is missing"));
        }
    }
    Ok(columns)
}

/// The rows of a survey table, checked one by one.
fn load_rows(
    columns: &[Column],
    rows: Vec<(u64, Vec<String>)>,
    catalogue: &Catalogue,
) -> Result<ProfileDocument, Error> {
    let mut cities: Vec<(String, CityProfile)> = Vec::new();
    for (line, record) in &rows {
        let line = *line;
        let cells: Vec<(Column, &str)> =
            columns.iter().copied().zip(record.iter().map(String::as_str)).collect();
        let path = format!("line {line}");
        let draft = row_draft(line, &cells)?;
        let city = CityProfile::new(draft, &path)?;
        check_city_against(&path, &city, &cities, &[], catalogue)?;
        cities.push((path, city));
    }
    Ok(ProfileDocument::new(cities.into_iter().map(|(_, c)| c).collect(), Vec::new()))
}

fn row_draft(line: u64, cells: &[(Column, &str)]) -> Result<CityProfileDraft, Error> {
    let fixed = |name: &str| {
        cells
            .iter()
            .find(|(c, _)| matches!(c, Column::Fixed(n) if *n == name))
            .map_or("", |(_, v)| *v)
    };
    let as_of = match fixed("as_of") {
        "" => None,
        s => Some(s.parse::<NaiveDate>().map_err(|e| {
            csv_err(line, "as_of", s, format!("{e}; write the day as YYYY-MM-DD, e.g. 2025-09-12"))
        })?),
    };
    let source = match fixed("source") {
        "" => format!("registration survey (csv line {line})"),
        s => format!("{s} (csv line {line})"),
    };
    let mut provenance = Provenance::confirmed(source)
        .with_note("reported by the city itself in the registration survey");
    if let Some(d) = as_of {
        provenance = provenance.with_as_of(d);
    }
    let kind = match fixed("kind") {
        "" => CityKind::Municipality,
        s => kebab(line, "kind", s)?,
    };
    let mut draft = CityProfileDraft::new(
        fixed("slug"),
        fixed("name"),
        fixed("country"),
        kind,
        provenance.clone(),
    );
    draft.variants = list(fixed("variants")).map(str::to_owned).collect();
    draft.part_of = Some(fixed("part_of")).filter(|s| !s.is_empty()).map(str::to_owned);
    draft.climate_neutrality_target = match fixed("climate_neutrality_target") {
        "" => None,
        s => {
            let year = twinning_core::parse_digits::<i32>(s).ok_or_else(|| {
                csv_err(line, "climate_neutrality_target", s, "write the year as digits, e.g. 2030")
            })?;
            Some(Sourced::new(year, provenance.clone()))
        }
    };
    for entry in list(fixed("projects")) {
        let (slug, role) = match entry.split_once(':') {
            Some((s, r)) => (s.trim(), kebab::<ProjectRole>(line, "projects", r.trim())?),
            None => (entry, ProjectRole::Partner),
        };
        let project: Slug = slug.parse().map_err(|e| csv_err(line, "projects", slug, e))?;
        draft.memberships.push(ProjectMembership {
            project,
            roles: vec![role],
            provenance: provenance.clone(),
        });
    }
    let mut practices: BTreeMap<usize, BTreeMap<&str, &str>> = BTreeMap::new();
    let mut goals: BTreeMap<usize, BTreeMap<&str, &str>> = BTreeMap::new();
    for (c, v) in cells {
        match c {
            Column::Practice(n, f) => {
                practices.entry(*n).or_default().insert(f, v);
            }
            Column::Goal(n, f) => {
                goals.entry(*n).or_default().insert(f, v);
            }
            Column::Fixed(_) => {}
        }
    }
    for (n, fields) in practices {
        if fields.values().all(|v| v.is_empty()) {
            continue;
        }
        let get = |f: &str| fields.get(f).copied().unwrap_or("");
        draft.practices.push(PracticeDraft {
            id: None,
            slug: format!("{}-practice-{n}", draft.slug),
            title: get("title").to_owned(),
            description: get("description").to_owned(),
            themes: themes(line, &format!("practice_{n}_themes"), get("themes"))?,
            quantities: Vec::new(),
            projects: list(get("projects")).map(str::to_owned).collect(),
            provenance: None,
        });
    }
    for (n, fields) in goals {
        if fields.values().all(|v| v.is_empty()) {
            continue;
        }
        let get = |f: &str| fields.get(f).copied().unwrap_or("");
        draft.learning_goals.push(LearningGoalDraft {
            id: None,
            slug: format!("{}-goal-{n}", draft.slug),
            text: get("text").to_owned(),
            themes: themes(line, &format!("goal_{n}_themes"), get("themes"))?,
            provenance: None,
        });
    }
    Ok(draft)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_country_name_of_the_membership_tables_is_read_back_as_its_code() {
        // The EU and association tables (with their sources) are an
        // independent list of English names for the core's name reader.
        let c = crate::Countries::builtin();
        let names = c
            .eu_memberships()
            .iter()
            .map(|m| (m.name.as_str(), m.country))
            .chain(c.association_records().iter().map(|r| (r.name.as_str(), r.country)));
        for (name, code) in names {
            assert_eq!(twinning_core::CountryCode::from_name(name), Some(code), "{name}");
        }
    }

    #[test]
    fn numbered_columns_are_recognised() {
        assert_eq!(classify("practice_3_themes"), Some(Column::Practice(3, "themes")));
        assert_eq!(classify("goal_10_text"), Some(Column::Goal(10, "text")));
        assert_eq!(classify("goal_11_text"), None);
        assert_eq!(classify("practice_0_title"), None);
        assert_eq!(classify("practice_1_colour"), None);
        assert_eq!(classify("country"), Some(Column::Fixed("country")));
        // The applicants table's names and spellings with spaces and capitals.
        assert_eq!(classify("neutrality_year"), Some(Column::Fixed("climate_neutrality_target")));
        assert_eq!(classify("Partner projects"), Some(Column::Fixed("projects")));
        assert_eq!(classify("As of"), Some(Column::Fixed("as_of")));
    }
}
