//! Illustrative learners for cohort 5: real Mission Cities with SAMPLE
//! learning interests.

use twinning_profile::{Catalogue, Role};

use crate::{Error, Interests, Learner};

/// The sample learning interests, as an interests table
/// (`city,country,side,title,themes`). Written for demonstrations: no
/// source gives what these Mission Cities want to learn.
pub const SAMPLE_INTERESTS: &str = include_str!("../data/sample-interests.csv");

/// The prefix of every sample learner's id, so every file made from them
/// shows they are samples.
pub const SAMPLE_PREFIX: &str = "sample-";

/// The illustrative learners of cohort 5: each city of
/// [`SAMPLE_INTERESTS`] must be a Mission City of `catalogue`; the learner
/// takes the catalogue's spelling of its name and the id
/// `sample-<catalogue slug>`.
///
/// # Errors
///
/// [`Error::Interests`] if the table does not read, [`Error::UnknownCity`]
/// if one of its cities is not a Mission City of `catalogue`.
pub fn sample_learners(catalogue: &Catalogue) -> Result<Vec<Learner>, Error> {
    let read = Interests::from_csv(SAMPLE_INTERESTS)?;
    let mut out = Vec::with_capacity(read.learners.len());
    for l in read.learners {
        let city = catalogue
            .find_by_name(&l.name)
            .into_iter()
            .find(|c| c.has_role(Role::MissionCity))
            .ok_or_else(|| Error::UnknownCity {
                name: l.name.clone(),
                expected: "a Mission City of the catalogue",
            })?;
        out.push(Learner {
            id: format!("{SAMPLE_PREFIX}{}", city.slug()),
            name: city.name().to_owned(),
            goals: l.goals,
        });
    }
    Ok(out)
}
