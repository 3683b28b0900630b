use std::fmt;
use std::num::NonZeroU16;
use std::str::FromStr;

use crate::Error;

/// The number of a cohort of the Twinning Learning Programme: 1 for the first
/// cohort, 5 for the one that starts in 2026.
///
/// Every crate that names a cohort by its number uses this type, so a
/// profile's "mission-minded city of cohort 5", a rule set for cohort 5 and
/// an output due in cohort 5 compare equal without conversions. Numbers start
/// at 1; in JSON a cohort number is a plain integer.
///
/// ```
/// use twinning_core::CohortNumber;
///
/// let five: CohortNumber = "5".parse()?;
/// assert_eq!(five.get(), 5);
/// assert_eq!(five, CohortNumber::new(5)?);
/// assert_eq!(serde_json::to_string(&five)?, "5");
/// assert!(CohortNumber::new(0).is_err());
/// assert!(serde_json::from_str::<CohortNumber>("0").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(try_from = "u16", into = "u16")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(with = "NonZeroU16"))]
pub struct CohortNumber(NonZeroU16);

impl CohortNumber {
    /// Cohort `number`, which must be at least 1.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidCohortNumber`] when `number` is 0.
    pub fn new(number: u16) -> Result<Self, Error> {
        NonZeroU16::new(number)
            .map(Self)
            .ok_or_else(|| Error::InvalidCohortNumber { value: number.to_string() })
    }

    /// The number, at least 1.
    #[must_use]
    pub const fn get(self) -> u16 {
        self.0.get()
    }
}

impl From<NonZeroU16> for CohortNumber {
    fn from(number: NonZeroU16) -> Self {
        Self(number)
    }
}

impl From<CohortNumber> for u16 {
    fn from(number: CohortNumber) -> Self {
        number.get()
    }
}

impl From<CohortNumber> for u32 {
    fn from(number: CohortNumber) -> Self {
        u32::from(number.get())
    }
}

impl TryFrom<u16> for CohortNumber {
    type Error = Error;

    fn try_from(number: u16) -> Result<Self, Error> {
        Self::new(number)
    }
}

impl TryFrom<u32> for CohortNumber {
    type Error = Error;

    fn try_from(number: u32) -> Result<Self, Error> {
        u16::try_from(number)
            .map_err(|_| Error::InvalidCohortNumber { value: number.to_string() })
            .and_then(Self::new)
    }
}

impl PartialEq<u16> for CohortNumber {
    fn eq(&self, other: &u16) -> bool {
        self.get() == *other
    }
}

impl fmt::Display for CohortNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.get(), f)
    }
}

impl FromStr for CohortNumber {
    type Err = Error;

    /// Reads a cohort number written in decimal digits, such as `"5"`.
    fn from_str(s: &str) -> Result<Self, Error> {
        s.parse::<u16>()
            .map_err(|_| Error::InvalidCohortNumber { value: s.to_owned() })
            .and_then(Self::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_start_at_one() {
        assert!(CohortNumber::new(0).is_err());
        assert_eq!(CohortNumber::new(1).unwrap().get(), 1);
        assert_eq!(CohortNumber::new(u16::MAX).unwrap().get(), u16::MAX);
    }

    #[test]
    fn text_is_decimal_digits() {
        assert_eq!("5".parse::<CohortNumber>().unwrap(), 5);
        for bad in ["", "0", "-1", "five", "65536", " 5"] {
            let err = bad.parse::<CohortNumber>().unwrap_err();
            assert_eq!(err, Error::InvalidCohortNumber { value: bad.to_owned() }, "{bad:?}");
        }
    }

    #[test]
    fn json_is_a_plain_integer_checked_on_the_way_in() {
        let five = CohortNumber::new(5).unwrap();
        assert_eq!(serde_json::to_string(&five).unwrap(), "5");
        assert_eq!(serde_json::from_str::<CohortNumber>("5").unwrap(), five);
        let err = serde_json::from_str::<CohortNumber>("0").unwrap_err().to_string();
        assert!(err.contains("invalid cohort number \"0\""), "{err}");
        assert!(serde_json::from_str::<CohortNumber>("\"5\"").is_err());
    }

    #[test]
    fn wider_integers_convert_when_they_fit() {
        assert_eq!(CohortNumber::try_from(3_u32).unwrap(), 3);
        assert!(CohortNumber::try_from(70_000_u32).is_err());
        assert_eq!(u32::from(CohortNumber::new(4).unwrap()), 4);
    }
}
