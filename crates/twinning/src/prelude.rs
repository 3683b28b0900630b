//! The types most programs use, for a glob import: `use twinning::prelude::*;`.
//!
//! Ids and the main record and result types only; errors and builders stay
//! in their modules.

pub use twinning_cohort::{Cohort, OutputKind};
pub use twinning_core::{
    ActionId, ApplicantId, CityId, CohortId, CohortNumber, CountryCode, DateRange, MonthRange,
    OutputId, ProjectId, Provenance, Reported, Role, YearMonth,
};
pub use twinning_eligibility::{Applicant, RuleSet};
pub use twinning_matcher::{Instance, Matching};
pub use twinning_outputs::Document;
pub use twinning_pairing::{Learner, Peer, Plan};
pub use twinning_profile::Theme;
