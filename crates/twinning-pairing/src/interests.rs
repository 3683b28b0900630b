//! The learning-interests table: who wants to learn what, who offers what.

use std::collections::BTreeSet;

use twinning_core::{CohortNumber, CountryCode, LineIndex, SlugSet};
use twinning_profile::{Catalogue, CityProfile, Theme};

use crate::{Error, Interest, Learner, Peer};

/// The columns of an interests table, in order.
pub const INTEREST_COLUMNS: [&str; 5] = ["city", "country", "side", "title", "themes"];

/// The largest interests table read, in bytes (the survey CSV's limit).
pub const MAX_INTERESTS_BYTES: usize = twinning_profile::MAX_CSV_BYTES;

/// Learners and peers, from an interests table or from city profiles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Interests {
    /// Cities with learning goals, in the order they first appear.
    pub learners: Vec<Learner>,
    /// Cities with tested practices, in the order they first appear.
    pub peers: Vec<Peer>,
}

impl Interests {
    /// Reads an interests table: a CSV with the header
    /// `city,country,side,title,themes` and one row per learning goal
    /// (`side` = `goal`) or tested practice (`side` = `practice`); `themes`
    /// are theme keys separated by `;` or spaces, `country` an ISO 3166-1
    /// alpha-2 code or empty. A city's id is the slug of its name
    /// ([`Slug::from_name`](twinning_core::Slug::from_name)); rows of one
    /// city (up to case and accents) gather under one learner or peer.
    ///
    /// ```
    /// use twinning_pairing::Interests;
    ///
    /// let table = "city,country,side,title,themes\n\
    ///              Plzeň,CZ,goal,Safer cycling,mobility\n\
    ///              Αθήνα,GR,practice,School streets,mobility;citizen-engagement\n";
    /// let read = Interests::from_csv(table)?;
    /// assert_eq!(read.learners[0].id, "plzen");
    /// assert_eq!(read.peers[0].id, "athina");
    /// # Ok::<(), twinning_pairing::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Interests`] naming the line and the column of the first bad
    /// cell (an unknown theme, side or country, an empty city or title, a
    /// city name with a hidden character (see
    /// [`visible_text`](twinning_core::visible_text); names are compared
    /// composed, NFC), a name that has no slug or shares one with another
    /// name), or the header
    /// when the columns differ; [`Error::TooLarge`] past
    /// [`MAX_INTERESTS_BYTES`].
    pub fn from_csv(text: &str) -> Result<Self, Error> {
        if text.len() > MAX_INTERESTS_BYTES {
            return Err(Error::TooLarge {
                what: "interests table",
                bytes: text.len(),
                limit: MAX_INTERESTS_BYTES,
            });
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader =
            csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| at(1, None, e.to_string()))?.clone();
        let found: Vec<&str> = headers.iter().collect();
        if found != INTEREST_COLUMNS {
            return Err(at(
                1,
                None,
                format!("the columns are {found:?}; expected {}", INTEREST_COLUMNS.join(",")),
            ));
        }
        let mut out = Interests::default();
        let mut slugs = SlugSet::new();
        let mut lines = LineIndex::new(text);
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                at(line, None, format!("{e}; every row has five cells, quote cells holding commas"))
            })?;
            let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
            let cell = |i: usize| record.get(i).unwrap_or("");
            let city = cell(0);
            if city.is_empty() {
                return Err(at(line, Some("city"), "empty city name".to_owned()));
            }
            // One spelling per city: composed (NFC), nothing hidden.
            let city = &*twinning_core::visible_text(city)
                .map_err(|e| at(line, Some("city"), format!("{city:?} {e}")))?;
            let country = cell(1);
            if !country.is_empty() {
                country
                    .to_ascii_uppercase()
                    .parse::<CountryCode>()
                    .map_err(|e| at(line, Some("country"), format!("{country:?}: {e}")))?;
            }
            let title = cell(3);
            if title.is_empty() {
                return Err(at(line, Some("title"), "empty title".to_owned()));
            }
            let themes = themes(cell(4)).map_err(|m| at(line, Some("themes"), m))?;
            let id =
                slugs.insert(city).map_err(|e| at(line, Some("city"), e.to_string()))?.to_string();
            let item = Interest { title: title.to_owned(), themes };
            match cell(2) {
                "goal" => match out.learners.iter_mut().find(|l| l.id == id) {
                    Some(l) => l.goals.push(item),
                    None => {
                        out.learners.push(Learner { id, name: city.to_owned(), goals: vec![item] });
                    }
                },
                "practice" => match out.peers.iter_mut().find(|p| p.id == id) {
                    Some(p) => p.practices.push(item),
                    None => {
                        out.peers.push(Peer { id, name: city.to_owned(), practices: vec![item] });
                    }
                },
                other => {
                    return Err(at(
                        line,
                        Some("side"),
                        format!("{other:?}: expected goal or practice"),
                    ));
                }
            }
        }
        Ok(out)
    }

    /// The learners (cities with learning goals) and peers (cities with
    /// tested practices) among city profiles, ids their slugs.
    #[must_use]
    pub fn from_profiles<'a>(cities: impl IntoIterator<Item = &'a CityProfile>) -> Self {
        let mut out = Interests::default();
        for c in cities {
            if !c.learning_goals().is_empty() {
                out.learners.push(Learner::from_profile(c));
            }
            if !c.practices().is_empty() {
                out.peers.push(Peer::from_profile(c));
            }
        }
        out
    }

    /// The learners and peers of a table file: an interests table (its
    /// header starts `city,`; see [`Interests::from_csv`]) or a
    /// registration-survey table (CSV, `.xlsx` or `.ods`, read by
    /// [`twinning_profile::load_table`] against `catalogue`, then
    /// [`Interests::from_profiles`]).
    ///
    /// # Errors
    ///
    /// The errors of [`Interests::from_csv`] for an interests table;
    /// [`Error::SurveyTable`] for a survey table.
    pub fn from_table(bytes: &[u8], catalogue: &Catalogue) -> Result<Self, Error> {
        let first_line = std::str::from_utf8(bytes)
            .map(|t| t.trim_start_matches('\u{feff}').lines().next().unwrap_or("").trim())
            .unwrap_or_default();
        if first_line.starts_with("city,") {
            return Interests::from_csv(&String::from_utf8_lossy(bytes));
        }
        let options = twinning_core::TableOptions::default();
        let doc =
            twinning_profile::load_table(bytes, &options, catalogue).map_err(Error::SurveyTable)?;
        Ok(Interests::from_profiles(&doc.cities))
    }

    /// The peers among the cohort 5 Mission-minded cities of `catalogue`
    /// (those whose profiles hold tested practices), ids their slugs: whom
    /// a learner pairs with when no peers are given, as in
    /// [`Plan::cohort5`](crate::Plan::cohort5).
    ///
    /// # Errors
    ///
    /// [`Error::Builtin`] if cohort number 5 is not a cohort number.
    pub fn cohort5_peers(catalogue: &Catalogue) -> Result<Vec<Peer>, Error> {
        let five = CohortNumber::new(5).map_err(|_| Error::Builtin { what: "cohort number 5" })?;
        Ok(Interests::from_profiles(catalogue.mission_minded(five)).peers)
    }
}

fn at(line: u64, column: Option<&'static str>, message: String) -> Error {
    Error::Interests { line, column, message }
}

/// The themes of a `themes` cell: keys separated by `;` or spaces.
fn themes(cell: &str) -> Result<BTreeSet<Theme>, String> {
    let mut themes = BTreeSet::new();
    for t in cell.split([';', ' ']).filter(|t| !t.is_empty()) {
        themes.insert(t.parse::<Theme>().map_err(|_| {
            format!(
                "unknown theme {t:?}; one of: {}",
                Theme::ALL.iter().map(|t| t.key()).collect::<Vec<_>>().join(", ")
            )
        })?);
    }
    if themes.is_empty() {
        return Err("no theme; give theme keys separated by ;".to_owned());
    }
    Ok(themes)
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    const HEAD: &str = "city,country,side,title,themes\n";

    #[test]
    fn rows_of_one_city_gather_and_keep_their_order() {
        let t = format!(
            "{HEAD}Torino,IT,goal,a,mobility\nTORINO,IT,goal,b,energy\nGent,BE,practice,c,energy\n"
        );
        let i = Interests::from_csv(&t).unwrap();
        assert_eq!(i.learners.len(), 1);
        assert_eq!(i.learners[0].name, "Torino");
        assert_eq!(i.learners[0].goals.len(), 2);
        assert_eq!(i.peers[0].id, "gent");
    }

    #[test]
    fn errors_name_the_line_and_the_column() {
        // CRLF line ends: the line numbers must not shift.
        let t = format!("{HEAD}Torino,IT,goal,a,mobility\r\nLyon,FR,goal,b,mobilty\r\n");
        let e = Interests::from_csv(&t).unwrap_err();
        assert!(matches!(e, Error::Interests { line: 3, column: Some("themes"), .. }), "{e}");
        let t = format!("{HEAD}Lyon,FR,teach,b,energy\n");
        assert!(matches!(
            Interests::from_csv(&t).unwrap_err(),
            Error::Interests { line: 2, column: Some("side"), .. }
        ));
        let e = Interests::from_csv("city,country,side\n").unwrap_err();
        assert!(matches!(e, Error::Interests { line: 1, column: None, .. }), "{e}");
    }

    #[test]
    fn one_city_in_two_spellings_is_one_learner_and_hidden_characters_are_refused() {
        // "Plzeň" composed (U+0148) and decomposed (n + U+030C).
        let t = format!("{HEAD}Plze\u{148},CZ,goal,a,energy\nPlzen\u{30c},CZ,goal,b,mobility\n");
        let i = Interests::from_csv(&t).unwrap();
        assert_eq!(i.learners.len(), 1);
        assert_eq!(i.learners[0].name, "Plze\u{148}");
        assert_eq!(i.learners[0].goals.len(), 2);
        let t = format!("{HEAD}Gent,BE,goal,a,energy\nGe\u{200b}nt,BE,goal,b,energy\n");
        let e = Interests::from_csv(&t).unwrap_err();
        assert!(matches!(e, Error::Interests { line: 3, column: Some("city"), .. }), "{e}");
        assert!(e.to_string().contains("U+200B"), "{e}");
    }

    #[test]
    fn two_cities_that_share_a_slug_are_refused() {
        // Before, every name without Latin letters became the id `city`.
        let t = format!("{HEAD}Αθήνα,GR,goal,a,energy\nПловдив,BG,goal,b,energy\n");
        let i = Interests::from_csv(&t).unwrap();
        assert_eq!(i.learners.len(), 2);
        let t = format!("{HEAD}Tokyo,,goal,a,energy\nTokyo 東京,,goal,b,energy\n");
        let e = Interests::from_csv(&t).unwrap_err();
        assert!(matches!(e, Error::Interests { line: 3, column: Some("city"), .. }), "{e}");
    }
}
