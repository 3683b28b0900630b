//! The time limit of a budgeted search as a person writes it.

use std::str::FromStr;
use std::time::{Duration, Instant};

use crate::Error;

/// The time limit of a budgeted exact search as a person writes it (a
/// command-line option, a form field): positive seconds such as `5` or
/// `0.5`, or `none` (also `0`) to run the search to its proof. It becomes
/// [`BudgetConfig::time_limit`](crate::BudgetConfig::time_limit) through
/// [`TimeLimit::duration`].
///
/// ```
/// use std::time::Duration;
/// use twinning_matcher::TimeLimit;
///
/// assert_eq!("2.5".parse::<TimeLimit>()?.duration(), Some(Duration::from_millis(2500)));
/// assert_eq!("none".parse::<TimeLimit>()?.duration(), None);
/// assert!("soon".parse::<TimeLimit>().is_err());
/// # Ok::<(), twinning_matcher::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeLimit {
    /// Stop after this long (positive, at most [`TimeLimit::MAX`]).
    After(Duration),
    /// Run the exact search to its proof, however long it takes.
    Unlimited,
}

impl TimeLimit {
    /// The longest limit: a day. Longer ones are cut to it.
    pub const MAX: Duration = Duration::from_secs(86_400);

    /// The limit of a budgeted search when none is given: ten seconds, the
    /// default of `twinning match --time-limit` and of the server's
    /// `time_limit`.
    pub const DEFAULT: Duration = Duration::from_secs(10);

    /// The limit of a search whose limit may not have been given: `given`,
    /// else [`TimeLimit::DEFAULT`]; `None` for no limit.
    ///
    /// ```
    /// use std::time::Duration;
    /// use twinning_matcher::TimeLimit;
    ///
    /// assert_eq!(TimeLimit::or_default(None), Some(TimeLimit::DEFAULT));
    /// assert_eq!(TimeLimit::or_default(Some(TimeLimit::Unlimited)), None);
    /// let given = TimeLimit::After(Duration::from_millis(2500));
    /// assert_eq!(TimeLimit::or_default(Some(given)), Some(Duration::from_millis(2500)));
    /// ```
    #[must_use]
    pub fn or_default(given: Option<TimeLimit>) -> Option<Duration> {
        given.map_or(Some(Self::DEFAULT), TimeLimit::duration)
    }

    /// When a search whose limit counts from `started` must stop, for
    /// [`BudgetConfig::deadline`](crate::BudgetConfig::deadline): the limit
    /// of [`TimeLimit::or_default`] after `started` (a command line passes
    /// its own start, so that reading the instance counts); `None` for no
    /// limit.
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use twinning_matcher::TimeLimit;
    ///
    /// let started = Instant::now();
    /// assert_eq!(TimeLimit::deadline(None, started), Some(started + Duration::from_secs(10)));
    /// assert_eq!(TimeLimit::deadline(Some(TimeLimit::Unlimited), started), None);
    /// ```
    #[must_use]
    pub fn deadline(given: Option<TimeLimit>, started: Instant) -> Option<Instant> {
        Self::or_default(given).and_then(|limit| started.checked_add(limit))
    }

    /// The limit for [`BudgetConfig::time_limit`](crate::BudgetConfig::time_limit):
    /// `None` for no limit.
    #[must_use]
    pub fn duration(self) -> Option<Duration> {
        match self {
            TimeLimit::After(d) => Some(d),
            TimeLimit::Unlimited => None,
        }
    }
}

impl FromStr for TimeLimit {
    type Err = Error;

    /// Reads positive seconds, or `none` (any case) or `0` for no limit;
    /// spaces around are ignored.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidTimeLimit`] for anything else: a negative, infinite
    /// or not-a-number value, or text that is not a number.
    fn from_str(text: &str) -> Result<Self, Error> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("none") {
            return Ok(TimeLimit::Unlimited);
        }
        match text.parse::<f64>() {
            Ok(0.0) => Ok(TimeLimit::Unlimited),
            Ok(s) if s.is_finite() && s > 0.0 => {
                Ok(TimeLimit::After(Duration::from_secs_f64(s.min(86_400.0))))
            }
            _ => Err(Error::InvalidTimeLimit { text: text.to_owned() }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_none_or_zero() {
        let read = |t: &str| t.parse::<TimeLimit>().map(TimeLimit::duration);
        assert_eq!(read("5"), Ok(Some(Duration::from_secs(5))));
        assert_eq!(read(" 0.5 "), Ok(Some(Duration::from_millis(500))));
        assert_eq!(read("none"), Ok(None));
        assert_eq!(read("NONE"), Ok(None));
        assert_eq!(read("0"), Ok(None));
        assert_eq!(read("1e9"), Ok(Some(TimeLimit::MAX)));
        for bad in ["-1", "inf", "NaN", "soon", ""] {
            let e = bad.parse::<TimeLimit>().unwrap_err();
            assert_eq!(e, Error::InvalidTimeLimit { text: bad.to_owned() });
            assert!(e.to_string().contains("none (also 0) for no limit"), "{bad}");
        }
    }
}
