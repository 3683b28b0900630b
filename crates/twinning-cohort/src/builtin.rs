//! The five built-in cohorts, read from the JSON documents under `data/`.
//!
//! The data goes through [`Cohort::from_json`], the same path a downstream
//! cohort 6 takes, so the built-in cohorts obey every rule a custom one does.
//! The integration tests load each document and fail on any problem; at run
//! time a document that did not load would be left out rather than panic.

use std::sync::LazyLock;

use crate::{Cohort, CohortNumber, Error};

/// The embedded documents, in cohort order.
pub(crate) const DOCUMENTS: [(&str, &str); 5] = [
    ("data/cohort-1.json", include_str!("../data/cohort-1.json")),
    ("data/cohort-2.json", include_str!("../data/cohort-2.json")),
    ("data/cohort-3.json", include_str!("../data/cohort-3.json")),
    ("data/cohort-4.json", include_str!("../data/cohort-4.json")),
    ("data/cohort-5.json", include_str!("../data/cohort-5.json")),
];

static COHORTS: LazyLock<Vec<Cohort>> = LazyLock::new(|| {
    let mut cohorts: Vec<Cohort> =
        DOCUMENTS.iter().filter_map(|(_, json)| Cohort::from_json(json).ok()).collect();
    cohorts.sort_by_key(Cohort::number);
    cohorts
});

/// The built-in cohorts 1 to 5, in order.
///
/// ```
/// let numbers: Vec<u16> =
///     twinning_cohort::builtin_cohorts().iter().map(|c| c.number().get()).collect();
/// assert_eq!(numbers, [1, 2, 3, 4, 5]);
/// ```
pub fn builtin_cohorts() -> &'static [Cohort] {
    &COHORTS
}

impl Cohort {
    /// The built-in cohort `number` (1 to 5), if there is one.
    ///
    /// ```
    /// use twinning_cohort::{Cohort, CohortNumber};
    ///
    /// let five = CohortNumber::new(5)?;
    /// assert_eq!(Cohort::builtin(five).map(Cohort::number), Some(five));
    /// assert!(Cohort::builtin(CohortNumber::new(6)?).is_none());
    /// # Ok::<(), twinning_core::Error>(())
    /// ```
    pub fn builtin(number: CohortNumber) -> Option<&'static Cohort> {
        builtin_cohorts().iter().find(|c| c.number() == number)
    }
}

/// Cohort documents given as JSON values, such as the `cohorts` of a data
/// overlay (`twinning_profile::Overlay::cohorts`), each checked as
/// [`Cohort::from_json`] checks a document, in the order given.
///
/// ```
/// use twinning_cohort::{Cohort, CohortNumber, cohorts_from_values};
///
/// let five = Cohort::builtin(CohortNumber::new(5)?).ok_or("cohort 5 is built in")?;
/// let value: serde_json::Value = serde_json::from_str(&five.to_json())?;
/// let read = cohorts_from_values(std::slice::from_ref(&value))?;
/// assert_eq!(read[0].number(), five.number());
/// let twice = cohorts_from_values(&[value.clone(), value])
///     .err().ok_or("two cohort 5s are refused")?;
/// assert_eq!(twice.to_string(), "cohorts[1]: cohort 5 is already defined at cohorts[0]");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`Error::InEntry`] naming the entry (`cohorts[i]`) around the error of
/// [`Cohort::from_json`]; [`Error::DuplicateCohort`] for a number given
/// twice.
pub fn cohorts_from_values(values: &[serde_json::Value]) -> Result<Vec<Cohort>, Error> {
    let mut out: Vec<Cohort> = Vec::with_capacity(values.len());
    for (i, value) in values.iter().enumerate() {
        let path = format!("cohorts[{i}]");
        let cohort = Cohort::from_json(&value.to_string())
            .map_err(|e| Error::InEntry { path: path.clone(), source: Box::new(e) })?;
        if let Some(j) = out.iter().position(|c| c.number() == cohort.number()) {
            return Err(Error::DuplicateCohort {
                path,
                number: cohort.number(),
                first: format!("cohorts[{j}]"),
            });
        }
        out.push(cohort);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_document_loads() {
        for (path, json) in DOCUMENTS {
            if let Err(e) = Cohort::from_json(json) {
                panic!("{path}: {e}");
            }
        }
    }
}
