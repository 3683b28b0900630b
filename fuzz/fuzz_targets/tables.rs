//! Tables as people hand them over: any bytes (text in any encoding, a zip
//! that may or may not be a workbook) read as an applicants table never
//! panic; a table that reads keeps one applicant per data row, and each
//! error names a place.

#![no_main]

use libfuzzer_sys::fuzz_target;
use twinning_core::{TableOptions, read_table};
use twinning_eligibility::{Applicant, ApplicantTableOptions, Error};

fuzz_target!(|data: &[u8]| {
    let rows = read_table(data, &TableOptions::default()).map(|t| t.rows().len());
    match Applicant::read_table(data, &ApplicantTableOptions::default()) {
        Ok(table) => {
            assert_eq!(Ok(table.rows.len()), rows, "a row was dropped or invented");
            for r in &table.rows {
                assert!(!r.place.is_empty());
            }
        }
        Err(Error::Table { place, message, .. }) => {
            assert!(!place.is_empty() && !message.is_empty());
        }
        Err(err) => assert!(!err.to_string().is_empty()),
    }
});
