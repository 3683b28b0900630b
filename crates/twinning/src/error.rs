/// Any error from the twinning crates, for embedders that want one type.
///
/// Each variant wraps one crate's error unchanged; its message is the inner
/// message, and `source()` reaches the same causes.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// From `twinning-core`: an id, country code, date range or provenance.
    #[error(transparent)]
    Core(#[from] twinning_core::Error),
    /// From `twinning-cohort`: a custom cohort document.
    #[error(transparent)]
    Cohort(#[from] twinning_cohort::Error),
    /// From `twinning-profile`: a city or project profile, the catalogue.
    #[error(transparent)]
    Profile(#[from] twinning_profile::Error),
    /// From `twinning-eligibility`: an applicant or a rule set.
    #[error(transparent)]
    Eligibility(#[from] twinning_eligibility::Error),
    /// From `twinning-matcher`: a matching instance or a solver's limits.
    #[error(transparent)]
    Matcher(#[from] twinning_matcher::Error),
    /// From `twinning-pairing`: an interests table or a pairing run.
    #[error(transparent)]
    Pairing(#[from] twinning_pairing::Error),
    /// From `twinning-outputs`: a learning-output document.
    #[error(transparent)]
    Outputs(#[from] twinning_outputs::Error),
}
