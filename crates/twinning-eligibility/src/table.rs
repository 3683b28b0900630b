//! Lists of applicants: a JSON list (or one applicant) and the applicants
//! table (CSV, `.xlsx` or `.ods`).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use twinning_core::{
    Column, ColumnMapping, CountryCode, DocumentReader, Table, TableOptions, TableRow, fold_name,
    read_table,
};

use crate::applicant::RawApplicant;
use crate::{Applicant, Claims, Error, MAX_DOCUMENT_BYTES};

/// The columns of an applicants table, in their documented order. Only
/// `name` is required; an empty cell is an undeclared answer. Headers are
/// matched ignoring case, spaces, accents and punctuation, and each column
/// also answers to the aliases in [`APPLICANT_COLUMN_ALIASES`] (the
/// registration survey's own names among them).
pub const APPLICANT_COLUMNS: [&str; 10] = [
    "reference",
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

/// Each column of [`APPLICANT_COLUMNS`] with the other headers that mean
/// it. `reference` is the row's key in the caller's system (a survey's
/// respondent id), carried through to the results.
pub const APPLICANT_COLUMN_ALIASES: [Column; 10] = [
    Column {
        name: "reference",
        aliases: &[
            "respondent id",
            "response id",
            "submission id",
            "id",
            "ref",
            "row id",
            "key",
            "slug",
        ],
    },
    Column {
        name: "name",
        aliases: &["city", "city name", "name of the city", "applicant", "municipality"],
    },
    Column { name: "country", aliases: &["country code", "country name", "nation"] },
    Column {
        name: "neutrality_year",
        aliases: &[
            "climate_neutrality_target",
            "climate neutrality year",
            "neutrality target",
            "target year",
        ],
    },
    Column {
        name: "submitted_at",
        aliases: &[
            "submitted",
            "submitted on",
            "submission date",
            "date submitted",
            "completion time",
            "completed at",
            "timestamp",
            "end date",
        ],
    },
    Column { name: "local_authority", aliases: &["is local authority", "is a local authority"] },
    Column { name: "invited", aliases: &["invited to apply"] },
    Column {
        name: "partner_projects",
        aliases: &["projects", "partner projects", "mission projects"],
    },
    Column {
        name: "claims_mission_city",
        aliases: &["mission city", "is mission city", "is a mission city"],
    },
    Column {
        name: "claims_earlier_twin_or_pilot",
        aliases: &["earlier twin or pilot", "previous twin or pilot", "was twin or pilot"],
    },
];

twinning_core::keyed_enum! {
    /// How dates such as `03/04/2026` are read: only when declared, or when
    /// the column itself shows it (a `25/01/2026` somewhere), never guessed.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum DateOrder {
        /// `DD/MM/YYYY`, as in most of Europe.
        DayFirst = "day-first",
        /// `MM/DD/YYYY`, as in the United States.
        MonthFirst = "month-first",
    }
}

/// How to read an applicants table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApplicantTableOptions {
    /// The separator and the sheet.
    pub table: TableOptions,
    /// The user's header-to-column mapping, for survey exports whose
    /// questions are the headers.
    pub mapping: Option<ColumnMapping>,
    /// The order of day and month in dates like `03/04/2026`.
    pub dates: Option<DateOrder>,
}

/// One applicant read from a table, with where it came from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ApplicantRow {
    /// The row's key from the `reference` column (a respondent id), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// Where the row is: `line 4` or `row 4`.
    pub place: String,
    /// The applicant.
    pub applicant: Applicant,
    /// The place of an earlier row with the same applicant (the same
    /// reference, or the same name and country): a duplicate submission.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<String>,
}

/// An applicants table as read: the rows, and notes to show the user about
/// how it was read (encoding, separator, ignored columns, times read as
/// Brussels time, date order, duplicates).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ApplicantTable {
    /// The applicants, in the table's order.
    pub rows: Vec<ApplicantRow>,
    /// How the table was read.
    pub notes: Vec<String>,
}

impl ApplicantTable {
    /// The applicants alone, in order.
    #[must_use]
    pub fn applicants(&self) -> Vec<Applicant> {
        self.rows.iter().map(|r| r.applicant.clone()).collect()
    }
}

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

    /// Reads JSON Lines: one applicant document on each line, blank lines
    /// skipped (the form survey tools and log pipelines export).
    ///
    /// ```
    /// use twinning_eligibility::Applicant;
    ///
    /// let text = "{\"schema_version\": 1, \"name\": \"Águeda\"}\n\n\
    ///             {\"schema_version\": 1, \"name\": \"Kalamata\"}\n";
    /// let read = Applicant::list_from_json_lines(text)?;
    /// assert_eq!(read.len(), 2);
    /// assert_eq!(read[1].name(), "Kalamata");
    /// # Ok::<(), twinning_eligibility::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The first document [`Applicant::from_json`] refuses: a JSON error
    /// ([`Error::Document`]) carries the file's line and the column on it;
    /// any other refusal comes as [`Error::InLine`] with the line (from 1).
    /// A text over the size limit is refused before any line is read.
    pub fn list_from_json_lines(text: &str) -> Result<Vec<Applicant>, Error> {
        LIST_READER.check_size(text.len())?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| {
                Applicant::from_json(l).map_err(|mut e| {
                    // A JSON error on the one line it read: its line is the file's.
                    if let Error::Document(twinning_core::DocumentError::Json { line, .. }) = &mut e
                        && *line == 1
                    {
                        *line = i + 1;
                        return e;
                    }
                    Error::InLine { line: i + 1, source: Box::new(e) }
                })
            })
            .collect()
    }

    /// Reads an applicants table in CSV text with the default options; see
    /// [`Applicant::read_table`].
    ///
    /// ```
    /// use twinning_eligibility::Applicant;
    ///
    /// let table = "name,country,invited,partner_projects\n\
    ///              Águeda,Portugal,yes,URBREATH;GreenLog\n";
    /// let read = Applicant::list_from_csv(table)?;
    /// assert_eq!(read[0].name(), "Águeda");
    /// assert_eq!(read[0].country().map(|c| c.to_string()).as_deref(), Some("PT"));
    /// assert_eq!(read[0].invited(), Some(true));
    /// assert_eq!(read[0].partner_projects().map(<[String]>::len), Some(2));
    /// # Ok::<(), twinning_eligibility::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Applicant::read_table`].
    pub fn list_from_csv(text: &str) -> Result<Vec<Applicant>, Error> {
        LIST_READER.check_size(text.len())?;
        Applicant::read_table(text.as_bytes(), &ApplicantTableOptions::default())
            .map(|t| t.applicants())
    }

    /// Reads an applicants table: CSV (separator detected; UTF-8, UTF-16
    /// with a byte order mark or Windows-1252) or the first (or named)
    /// sheet of an `.xlsx` or `.ods` workbook, one applicant per row.
    ///
    /// * Headers name some of [`APPLICANT_COLUMNS`] or their
    ///   [aliases](APPLICANT_COLUMN_ALIASES), or are renamed by the
    ///   options' mapping; `name` is required; other columns are ignored
    ///   with one note.
    /// * `country`: an ISO code or a country name in English or its own
    ///   language ([`CountryCode::from_name`]).
    /// * Yes/no cells: yes/no, true/false, 1/0, y/n and yes and no in the
    ///   programme's languages (ja/nein, oui/non, sí, sim/não, tak/nie,
    ///   ano/ne, igen/nem, da, ναι/όχι, evet/hayır, kyllä/ei …).
    /// * `partner_projects`: separated by `;`, `,` or new lines; a survey's
    ///   `slug:role` keeps the slug.
    /// * `submitted_at`: RFC 3339 with an offset, or a day or a time without
    ///   one — a spreadsheet's date cell, `2026-01-10 14:30`,
    ///   `10.01.2026 14:30`, `10/01/2026` — read on the Brussels clock, the
    ///   programme's, with a note saying so. `a/b/YYYY` is read day first
    ///   or month first only when declared in the options or when the column
    ///   shows it (a day above 12); otherwise refused, never guessed. Dots
    ///   (`10.01.2026`) are always day first.
    /// * Rows with the same reference, or the same name and country, are
    ///   kept and flagged as duplicates ([`ApplicantRow::duplicate_of`]).
    ///
    /// # Errors
    ///
    /// [`Error::TableFile`] when the file is not a table;
    /// [`Error::Table`] naming the row (a line, or a cell like `C7` in a
    /// spreadsheet) and the column of the first bad cell, or the header
    /// (no `name`, a column given twice).
    pub fn read_table(
        bytes: &[u8],
        options: &ApplicantTableOptions,
    ) -> Result<ApplicantTable, Error> {
        let table = read_table(bytes, &options.table)?;
        let header_error = |message: String| Error::Table {
            place: if table.from_sheet() { "the header row" } else { "line 1" }.to_owned(),
            column: None,
            message,
        };
        let matched = table
            .match_columns(&APPLICANT_COLUMN_ALIASES, options.mapping.as_ref())
            .map_err(|e| header_error(e.to_string()))?;
        let index = |name: &str| {
            APPLICANT_COLUMNS
                .iter()
                .position(|c| *c == name)
                .and_then(|i| matched.indices.get(i).copied().flatten())
        };
        if index("name").is_none() {
            // A survey's question for the name usually says "name" or "city".
            let likely = table.headers().iter().find(|h| {
                let key = fold_name(h);
                key.split(' ').any(|w| matches!(w, "name" | "city" | "municipality"))
            });
            let advice = match likely {
                Some(h) => format!(
                    "map it in a column mapping file, e.g. {{{h:?}: \"name\"}} (other questions \
                     likewise: {})",
                    APPLICANT_COLUMNS.join(", ")
                ),
                None => "name it \"name\" or map it in a column mapping".to_owned(),
            };
            return Err(header_error(format!(
                "no column for the applicant's name (\"name\", \"city\" …) among {}; {advice}",
                quoted(table.headers())
            )));
        }
        let mut notes: Vec<String> = table.notes().to_vec();
        if !matched.unused.is_empty() {
            notes.push(format!(
                "{} column{} not used: {}",
                matched.unused.len(),
                if matched.unused.len() == 1 { "" } else { "s" },
                quoted(&matched.unused)
            ));
        }
        let order = date_order(&table, index("submitted_at"), options.dates)?;
        if let Some((order, why)) = &order {
            notes.push(format!("dates read {}: {why}", order_words(*order)));
        }
        let columns = Columns { index: &index, order: order.map(|(o, _)| o) };
        let mut rows: Vec<ApplicantRow> = Vec::with_capacity(table.rows().len());
        let mut brussels = 0usize;
        for row in table.rows() {
            let (applicant, assumed) = from_row(&table, row, &columns)?;
            if assumed {
                brussels = brussels.saturating_add(1);
            }
            let reference = index("reference").and_then(|i| row.cell(i)).map(str::to_owned);
            let same = |r: &&ApplicantRow| {
                (reference.is_some() && r.reference == reference)
                    || (fold_name(r.applicant.name()) == fold_name(applicant.name())
                        && r.applicant.country() == applicant.country())
            };
            let duplicate_of = rows.iter().find(same).map(|r| r.place.clone());
            rows.push(ApplicantRow {
                reference,
                place: row.place.to_string(),
                applicant,
                duplicate_of,
            });
        }
        if brussels > 0 {
            notes.push(format!(
                "{brussels} submission time{} without an offset read as Brussels time \
                 (Europe/Brussels, the programme's clock)",
                if brussels == 1 { "" } else { "s" }
            ));
        }
        let duplicates: Vec<String> = rows
            .iter()
            .filter_map(|r| r.duplicate_of.as_ref().map(|d| format!("{} repeats {d}", r.place)))
            .collect();
        if !duplicates.is_empty() {
            notes.push(format!("duplicate submissions: {}", duplicates.join("; ")));
        }
        Ok(ApplicantTable { rows, notes })
    }
}

fn quoted(items: &[String]) -> String {
    items.iter().map(|h| format!("{h:?}")).collect::<Vec<_>>().join(", ")
}

fn order_words(order: DateOrder) -> &'static str {
    match order {
        DateOrder::DayFirst => "day first (DD/MM/YYYY)",
        DateOrder::MonthFirst => "month first (MM/DD/YYYY)",
    }
}

/// The column indices and the date order a row is read with.
struct Columns<'a> {
    index: &'a dyn Fn(&str) -> Option<usize>,
    order: Option<DateOrder>,
}

/// `a/b/YYYY` or `a-b-YYYY` at the start of a cell: `(a, b)`.
fn slashed(cell: &str) -> Option<(u32, u32, i32, &str)> {
    let (date, rest) = cell.split_once([' ', 'T']).unwrap_or((cell, ""));
    let mut parts = date.split(['/', '-']);
    let a = parts.next()?.parse().ok()?;
    let b = parts.next()?.parse().ok()?;
    let year = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
    parts.next().is_none().then_some((a, b, year, rest.trim()))
}

/// The order of `a/b/YYYY` dates in the submission column: declared, or
/// shown by a cell whose first or second number is above 12.
///
/// # Errors
///
/// A cell that contradicts the declared or shown order, or that could be
/// read both ways when nothing decides.
fn date_order(
    table: &Table,
    column: Option<usize>,
    declared: Option<DateOrder>,
) -> Result<Option<(DateOrder, String)>, Error> {
    let Some(col) = column else { return Ok(None) };
    let mut day_first: Option<String> = None;
    let mut month_first: Option<String> = None;
    let mut ambiguous: Option<(&TableRow, String)> = None;
    for row in table.rows() {
        let Some(cell) = row.cell(col) else { continue };
        let Some((a, b, _, _)) = slashed(cell) else { continue };
        let seen = format!("{cell} at {}", table.place(row, col));
        if a > 12 && b <= 12 {
            day_first.get_or_insert(seen);
        } else if b > 12 && a <= 12 {
            month_first.get_or_insert(seen);
        } else if a != b && ambiguous.is_none() {
            ambiguous = Some((row, cell.to_owned()));
        }
    }
    let cell_error = |row: &TableRow, message: String| Error::Table {
        place: table.place(row, col).to_string(),
        column: None,
        message,
    };
    match (declared, day_first, month_first) {
        (Some(d), _, _) => Ok(Some((d, "as declared".to_owned()))),
        (None, Some(d), Some(m)) => {
            let row = table.rows().first();
            Err(Error::Table {
                place: row.map(|r| table.place(r, col).row.to_string()).unwrap_or_default(),
                column: table.headers().get(col).cloned(),
                message: format!(
                    "the dates mix orders: {d} is day first, {m} is month first; fix one"
                ),
            })
        }
        (None, Some(d), None) => Ok(Some((DateOrder::DayFirst, format!("the column has {d}")))),
        (None, None, Some(m)) => Ok(Some((DateOrder::MonthFirst, format!("the column has {m}")))),
        (None, None, None) => match ambiguous {
            Some((row, cell)) => Err(cell_error(
                row,
                format!(
                    "{cell:?} could be day first or month first and nothing in the column says \
                     which; declare the order (day-first or month-first), or write 2026-04-03"
                ),
            )),
            None => Ok(None),
        },
    }
}

/// One row of the table, and whether its submission time was read on the
/// Brussels clock for lack of an offset; an error names the cell.
fn from_row(
    table: &Table,
    row: &TableRow,
    columns: &Columns<'_>,
) -> Result<(Applicant, bool), Error> {
    let at = |name: &str, message: String| {
        let i = (columns.index)(name).unwrap_or(0);
        Error::Table { place: table.place(row, i).to_string(), column: None, message }
    };
    let get = |name: &str| (columns.index)(name).and_then(|i| row.cell(i));
    let name = get("name").ok_or_else(|| at("name", "empty name".to_owned()))?;
    let mut a = Applicant::new(name).map_err(|e| at("name", e.to_string()))?;
    if let Some(v) = get("country") {
        let code = CountryCode::from_name(v).ok_or_else(|| {
            at(
                "country",
                format!(
                    "{v:?} is not a country code or a country name this reader knows; write the \
                     ISO code, e.g. DE or GR"
                ),
            )
        })?;
        a = a.with_country(code);
    }
    if let Some(v) = get("neutrality_year") {
        let year: i32 = twinning_core::parse_digits(v)
            .filter(|y| (1000..=9999).contains(y))
            .ok_or_else(|| at("neutrality_year", format!("{v:?} is not a year such as 2030")))?;
        if !crate::NEUTRALITY_YEARS.contains(&year) {
            let range = &crate::NEUTRALITY_YEARS;
            return Err(at(
                "neutrality_year",
                format!("{year} is not a year from {} to {}", range.start(), range.end()),
            ));
        }
        a = a.with_neutrality_year(year);
    }
    let mut assumed = false;
    if let Some(v) = get("submitted_at") {
        let (when, brussels) = submitted_at(v, columns.order).map_err(|m| at("submitted_at", m))?;
        assumed = brussels;
        a = a.with_submitted_at(when);
    }
    let flag = |col: &'static str| -> Result<Option<bool>, Error> {
        match get(col) {
            None => Ok(None),
            Some(v) => yes_no(v).map(Some).ok_or_else(|| {
                at(
                    col,
                    format!("{v:?}: expected yes or no (also true/false, 1/0, ja/nein, oui/non …)"),
                )
            }),
        }
    };
    if let Some(b) = flag("local_authority")? {
        a = a.with_local_authority(b);
    }
    if let Some(b) = flag("invited")? {
        a = a.with_invited(b);
    }
    if let Some(v) = get("partner_projects") {
        a = a.with_partner_projects(
            v.split([';', ',', '\n'])
                .map(|p| p.split_once(':').map_or(p, |(slug, _role)| slug).trim())
                .filter(|p| !p.is_empty()),
        );
    }
    let claims = Claims {
        mission_city: flag("claims_mission_city")?,
        earlier_twin_or_pilot: flag("claims_earlier_twin_or_pilot")?,
    };
    Ok((a.with_claims(claims), assumed))
}

/// Yes and no as forms write them, in the programme's languages, compared
/// through [`fold_name`] (so `Não`, `nao` and `NÃO` meet).
const YES: &[&str] = &[
    "yes", "y", "true", "1", "x", "ja", "jā", "jah", "oui", "si", "sì", "sí", "sim", "tak", "ano",
    "áno", "igen", "da", "да", "ναι", "evet", "kyllä", "taip", "wahr",
];
const NO: &[&str] = &[
    "no", "n", "false", "0", "nein", "nee", "nej", "non", "não", "nie", "ne", "nē", "nem", "не",
    "όχι", "hayır", "ei", "falsch",
];

/// A yes/no cell's answer.
fn yes_no(cell: &str) -> Option<bool> {
    let key = fold_name(cell);
    if YES.iter().any(|y| fold_name(y) == key) {
        Some(true)
    } else if NO.iter().any(|n| fold_name(n) == key) {
        Some(false)
    } else {
        None
    }
}

/// A submission time: with an offset as written, else on the Brussels
/// clock (the flag says so).
fn submitted_at(
    cell: &str,
    order: Option<DateOrder>,
) -> Result<(DateTime<FixedOffset>, bool), String> {
    let cell = cell.trim();
    let with_offset = DateTime::parse_from_rfc3339(cell)
        .or_else(|_| DateTime::parse_from_str(cell, "%Y-%m-%dT%H:%M%:z"));
    if with_offset.is_ok() {
        // The cohort crate's reader of instants: it refuses the offset
        // -00:00 ("unknown") and a year past four digits, as everywhere.
        return twinning_cohort::parse_instant(cell)
            .map(|at| (at, false))
            .map_err(|e| e.to_string());
    }
    let (date, time) = if let Some((a, b, year, rest)) = slashed(cell) {
        let (day, month) = match order {
            Some(DateOrder::DayFirst) => (a, b),
            Some(DateOrder::MonthFirst) => (b, a),
            None if a == b => (a, b),
            None => {
                return Err(format!(
                    "{cell:?} could be day first or month first; declare the order, or write \
                     2026-04-03"
                ));
            }
        };
        let date = NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
            format!("{cell:?} is not a date read {}", order.map_or("", order_words))
        })?;
        (date, rest)
    } else {
        let (date, rest) = cell.split_once([' ', 'T']).unwrap_or((cell, ""));
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .or_else(|_| NaiveDate::parse_from_str(date, "%d.%m.%Y"))
            .or_else(|_| NaiveDate::parse_from_str(date, "%Y/%m/%d"))
            .map_err(|_| {
                format!(
                    "{cell:?} is not a date; write 2026-01-10T14:30+01:00, 2026-01-10 14:30 \
                     (Brussels time) or 10.01.2026"
                )
            })?;
        (date, rest.trim())
    };
    if !(1000..=9999).contains(&chrono::Datelike::year(&date)) {
        return Err(format!(
            "{cell:?}: the year must be between 1000 and 9999, written with four digits"
        ));
    }
    let time = if time.is_empty() {
        NaiveTime::MIN
    } else {
        let upper = time.to_ascii_uppercase();
        let (clock, pm) = match (upper.strip_suffix("PM"), upper.strip_suffix("AM")) {
            (Some(c), _) => (c.trim().to_owned(), Some(true)),
            (_, Some(c)) => (c.trim().to_owned(), Some(false)),
            _ => (upper.clone(), None),
        };
        if clock.ends_with('Z') || clock.contains('+') || clock.matches('-').count() > 0 {
            let iso = format!("{date}T{clock}");
            let at = DateTime::parse_from_rfc3339(&iso)
                .or_else(|_| DateTime::parse_from_str(&iso, "%Y-%m-%dT%H:%M%:z"))
                .map_err(|_| format!("{cell:?}: write the time as 14:30 or 14:30:00+01:00"))?;
            return Ok((at, false));
        }
        let t = NaiveTime::parse_from_str(&clock, "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(&clock, "%H:%M"))
            .map_err(|_| format!("{cell:?}: write the time as 14:30 or 14:30:00"))?;
        match pm {
            None => t,
            Some(pm) => {
                let h = chrono::Timelike::hour(&t);
                if !(1..=12).contains(&h) {
                    return Err(format!("{cell:?}: a 12-hour time runs from 1 to 12"));
                }
                let h24 = (h % 12) + if pm { 12 } else { 0 };
                chrono::Timelike::with_hour(&t, h24).ok_or_else(|| format!("{cell:?}: bad time"))?
            }
        }
    };
    let local = NaiveDateTime::new(date, time);
    Ok((twinning_cohort::brussels_time(local).resolve(), true))
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
            matches!(&e, Error::Table { place, .. } if place == "line 3, column \"invited\""),
            "{e}"
        );
        let e = Applicant::list_from_csv("country\nPT\n").unwrap_err();
        assert!(matches!(&e, Error::Table { place, .. } if place == "line 1"), "{e}");
    }

    #[test]
    fn a_submission_without_an_offset_is_read_on_the_brussels_clock_and_said() {
        let t = Applicant::read_table(
            b"name,submitted_at\nLyon,2026-01-10T12:00\nGent,2026-07-10 12:00\n",
            &ApplicantTableOptions::default(),
        )
        .unwrap();
        // January is CET (+01:00), July CEST (+02:00): the EU's summer-time rule.
        let at = |i: usize| t.rows[i].applicant.submitted_at().unwrap().to_rfc3339();
        assert_eq!(at(0), "2026-01-10T12:00:00+01:00");
        assert_eq!(at(1), "2026-07-10T12:00:00+02:00");
        assert!(t.notes.iter().any(|n| n.contains("Brussels")), "{:?}", t.notes);
    }

    #[test]
    fn slashed_dates_are_read_only_when_the_order_is_known() {
        let read = |t: &str, dates| {
            let o = ApplicantTableOptions { dates, ..ApplicantTableOptions::default() };
            Applicant::read_table(t.as_bytes(), &o)
        };
        let e = read("name,submitted_at\nLyon,03/04/2026\n", None).unwrap_err();
        assert!(e.to_string().contains("day first or month first"), "{e}");
        let t = read("name,submitted_at\nLyon,03/04/2026\n", Some(DateOrder::DayFirst)).unwrap();
        assert_eq!(
            t.rows[0].applicant.submitted_at().unwrap().to_rfc3339(),
            "2026-04-03T00:00:00+02:00"
        );
        // 25/01 shows the column is day first, so 03/04 is 3 April.
        let t = read("name,submitted_at\nLyon,03/04/2026\nGent,25/01/2026 17:05\n", None).unwrap();
        assert_eq!(
            t.rows[0].applicant.submitted_at().unwrap().to_rfc3339(),
            "2026-04-03T00:00:00+02:00"
        );
        assert_eq!(
            t.rows[1].applicant.submitted_at().unwrap().to_rfc3339(),
            "2026-01-25T17:05:00+01:00"
        );
        let e = read("name,submitted_at\nLyon,25/01/2026\nGent,01/25/2026\n", None).unwrap_err();
        assert!(e.to_string().contains("mix"), "{e}");
        let t = read("name,submitted_at\nLyon,1/10/2026 2:30:00 PM\n", Some(DateOrder::MonthFirst))
            .unwrap();
        assert_eq!(
            t.rows[0].applicant.submitted_at().unwrap().to_rfc3339(),
            "2026-01-10T14:30:00+01:00"
        );
    }

    #[test]
    fn yes_and_no_in_the_programmes_languages() {
        for y in [
            "Yes", "JA", "oui", "Sí", "sim", "Tak", "ano", "igen", "Ναι", "evet", "Kyllä", "1",
            "TRUE",
        ] {
            assert_eq!(yes_no(y), Some(true), "{y}");
        }
        for n in [
            "No", "nein", "Non", "NÃO", "nao", "nie", "ne", "nem", "όχι", "hayır", "ei", "0",
            "false",
        ] {
            assert_eq!(yes_no(n), Some(false), "{n}");
        }
        assert_eq!(yes_no("perhaps"), None);
    }

    #[test]
    fn a_survey_without_a_name_column_is_told_which_question_to_map() {
        let e = Applicant::read_table(
            b"Respondent ID;Name of your city or municipality;Country\n1;Gent;BE\n",
            &ApplicantTableOptions::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("{\"Name of your city or municipality\": \"name\"}"), "{e}");
    }

    #[test]
    fn duplicates_are_flagged_and_kept() {
        let t = Applicant::read_table(
            b"Respondent ID;City;Country\n17;Gent;Belgium\n18;Gent;BE\n17;Ghent;BE\n",
            &ApplicantTableOptions::default(),
        )
        .unwrap();
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0].duplicate_of, None);
        assert_eq!(t.rows[1].duplicate_of.as_deref(), Some("line 2"));
        assert_eq!(t.rows[2].duplicate_of.as_deref(), Some("line 2"));
        assert_eq!(t.rows[2].reference.as_deref(), Some("17"));
    }

    #[test]
    fn a_json_list_names_the_element_that_fails() {
        let list = r#"[{"name": "Lyon"}, {"name": ""}]"#;
        let e = Applicant::list_from_json(list).unwrap_err();
        assert!(matches!(e, Error::InList { index: 1, .. }), "{e}");
    }

    #[test]
    fn an_instant_with_an_unknown_offset_is_refused() {
        let e = Applicant::list_from_csv("name,submitted_at\nGent,2026-01-10T14:30:00-00:00\n")
            .unwrap_err();
        assert!(e.to_string().contains("offset unknown"), "{e}");
        let ok =
            Applicant::list_from_csv("name,submitted_at\nGent,2026-01-10T14:30+01:00\n").unwrap();
        assert_eq!(
            ok[0].submitted_at().map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-01-10T14:30:00+01:00")
        );
    }

    #[test]
    fn a_year_is_digits_only() {
        for bad in ["+2030", "2030.0", "２０３０", "2,030", "-2030", "'2030"] {
            let csv = format!("name,neutrality_year\nGent,\"{bad}\"\n");
            let e = Applicant::list_from_csv(&csv).unwrap_err();
            assert!(e.to_string().contains("is not a year such as 2030"), "{bad}: {e}");
        }
        let ok = Applicant::list_from_csv("name,neutrality_year\nGent, 2030 \n").unwrap();
        assert_eq!(ok[0].neutrality_year(), Some(2030));
    }

    #[test]
    fn json_lines_read_one_applicant_a_line_and_name_a_bad_line() {
        let good = "{\"schema_version\": 1, \"name\": \"A\"}\r\n  \n{\"schema_version\": 1, \"name\": \"B\"}";
        let read = Applicant::list_from_json_lines(good).unwrap();
        let names: Vec<&str> = read.iter().map(Applicant::name).collect();
        assert_eq!(names, ["A", "B"]);
        // Two documents on one line, or a broken third line, name the line.
        let two = "{\"schema_version\": 1, \"name\": \"A\"}\n\n{\"schema_version\": 1, \"name\": \"B\"} {}\n";
        let e = Applicant::list_from_json_lines(two).unwrap_err();
        let at = |e: &Error| match e {
            Error::Document(twinning_core::DocumentError::Json { line, column, .. }) => {
                Some((*line, *column))
            }
            _ => None,
        };
        // `{"schema_version": 1, "name": "B"} {}`: the second value starts at column 36.
        assert_eq!(at(&e), Some((3, 36)), "{e}");
        // A document that reads but fails the applicant's checks: InLine.
        let bad =
            "{\"schema_version\": 1, \"name\": \"A\"}\n{\"schema_version\": 1, \"name\": \"\"}";
        let e = Applicant::list_from_json_lines(bad).unwrap_err();
        assert!(matches!(e, Error::InLine { line: 2, .. }), "{e}");
        assert!(e.to_string().starts_with("line 2: "), "{e}");
        assert_eq!(Applicant::list_from_json(r#"{"name": "Lyon"}"#).unwrap().len(), 1);
    }
}
