use chrono::NaiveDate;
use twinning_core::{CountryCode, Sourced};

use crate::{CountryGroup, EarlierRoles, Registry};

/// The registry built from the `twinning-profile` tables and catalogue.
#[derive(Debug, Default)]
pub struct BuiltinRegistry {}

impl BuiltinRegistry {
    /// The built-in registry.
    pub fn new() -> Self {
        Self {}
    }
}

impl Registry for BuiltinRegistry {
    fn country_in_group(
        &self,
        _: CountryCode,
        _: CountryGroup,
        _: NaiveDate,
    ) -> Option<Sourced<bool>> {
        None
    }
    fn mission_city(&self, _: &str, _: Option<CountryCode>) -> Option<Sourced<bool>> {
        None
    }
    fn earlier_roles(&self, _: &str, _: Option<CountryCode>) -> EarlierRoles {
        EarlierRoles::default()
    }
    fn selected_partner_project(&self, _: &str) -> Option<Sourced<bool>> {
        None
    }
    fn catalogue_entry(&self, _: &str, _: Option<CountryCode>) -> Option<Sourced<Vec<String>>> {
        None
    }
}
