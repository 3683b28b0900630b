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

/// Explaining and writing a matching against reading its instance, at
/// most: measured on 20,000 seekers who all list the same 50 hosts (15 MB
/// read in 0.38 s; the explanation of 905,000 better hosts took 0.8 s and
/// writing its 282 MB of JSON 1.0 s, 4.7 times the reading).
const REPORT_PER_READ: u32 = 5;

/// What a budgeted search may take past its deadline, besides
/// [`SOLVE_GRACE`]: preparing the search and building the result, each
/// linear in the instance, and not cut short. Measured on the same
/// instance as [`REPORT_PER_READ`]: 0.08–0.15 s past the deadline after
/// 0.36 s of reading; half the reading covers it. The explanation's own
/// preparation (a stability check) is linear too and is given the same.
const LINEAR_PER_READ: u32 = 2;

/// The least grace of the budgeted search's assignment solves.
const SOLVE_GRACE: Duration = Duration::from_millis(50);

/// Building an instance after its last byte is parsed, against the parsing,
/// at most: measured with `twinning match` on 7–14 MB instances
/// (`bench/time_limit.sh`), 0.06–0.14 s after 0.15–0.35 s of parsing
/// (at most 0.63 of it); three quarters covers it.
const BUILD_PER_PARSE: f64 = 0.75;

/// What stopping a reading and saying so takes (freeing what was read,
/// writing the error, and on a busy machine waiting for a core): a reading
/// stops this long before the limit. Measured with `bench/time_limit.sh`
/// (`--limits 0.1,0.5,2`, load average 3–4 on two cores): with 20 ms,
/// refusals ended up to 12 ms after their limit.
const STOP_GRACE: Duration = Duration::from_millis(50);

/// How one run that reads an instance, searches, explains and writes the
/// answer shares a time limit counted from its start, so that the limit
/// bounds the run whole (`twinning match` uses it).
///
/// The search stops early enough to leave a reserve for the report — five
/// times the reading, but never more than half of what the reading left —
/// and for what the search takes past its deadline (half the reading and
/// 50 ms). When nothing is left, its deadline is the end of the reading:
/// the search does not start, and its answer is the selection found before
/// any search. The explanation ([`explain_until`](crate::explain_until))
/// then gets a quarter of what is left once its own preparation is set
/// aside (writing took up to twice as long as explaining), and stops there.
///
/// ```
/// use std::time::{Duration, Instant};
/// use twinning_matcher::{RunDeadlines, TimeLimit};
///
/// let started = Instant::now();
/// let read = started + Duration::from_millis(100);
/// let limit = Some(TimeLimit::After(Duration::from_secs(2)));
/// let d = RunDeadlines::new(limit, true, started, read);
/// // 2 s less 0.5 s for the report and 0.1 s for the search's overrun.
/// assert_eq!(d.search, Some(started + Duration::from_millis(1_400)));
/// assert_eq!(d.end, Some(started + Duration::from_secs(2)));
/// // From 1.5 s: a quarter of the 0.45 s left after a 0.05 s preparation.
/// let now = started + Duration::from_millis(1_500);
/// assert_eq!(d.explain(now), Some(now + Duration::from_millis(112_500) / 1_000));
/// // Without a budget or a given limit nothing is bounded.
/// assert_eq!(RunDeadlines::new(None, false, started, read).end, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunDeadlines {
    /// When the budgeted search stops
    /// ([`BudgetConfig::deadline`](crate::BudgetConfig::deadline)); `None`
    /// for no limit.
    pub search: Option<Instant>,
    /// When the run is due to end; `None` for no limit.
    pub end: Option<Instant>,
    /// How long reading the instance took: the measure of one pass over it.
    reading: Duration,
}

impl RunDeadlines {
    /// The deadlines of a run started at `started` that had read its
    /// instance at `read`, under the limit `given` (see
    /// [`TimeLimit::deadline`]). When the run is not `bounded` (no budget)
    /// and no limit is given, nothing is bounded: deferred acceptance and
    /// the other mechanisms are fast.
    #[must_use]
    pub fn new(given: Option<TimeLimit>, bounded: bool, started: Instant, read: Instant) -> Self {
        let reading = read.saturating_duration_since(started);
        if !bounded && given.is_none() {
            return Self { search: None, end: None, reading };
        }
        let end = TimeLimit::deadline(given, started);
        let search = end.map(|end| {
            let left = end.saturating_duration_since(read);
            let report = reading.saturating_mul(REPORT_PER_READ).min(left / 2);
            let overrun = (reading / LINEAR_PER_READ).saturating_add(SOLVE_GRACE);
            let search = left.saturating_sub(report).saturating_sub(overrun);
            read.checked_add(search).unwrap_or(read)
        });
        Self { search, end, reading }
    }

    /// Whether the run can still answer within its limit once its instance
    /// is read at `now`: what is left covers what the search takes past its
    /// deadline (half the reading and 50 ms), the least a budgeted run
    /// needs even when the search does not start. A run without a limit
    /// always can. A run that cannot should stop and say that its limit is
    /// shorter than reading its instance, rather than answer late.
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use twinning_matcher::{RunDeadlines, TimeLimit};
    ///
    /// let started = Instant::now();
    /// let read = started + Duration::from_millis(400);
    /// let limit = |ms| Some(TimeLimit::After(Duration::from_millis(ms)));
    /// // 0.2 s and 50 ms needed after a 0.4 s reading.
    /// assert!(RunDeadlines::new(limit(700), true, started, read).can_answer(read));
    /// assert!(!RunDeadlines::new(limit(600), true, started, read).can_answer(read));
    /// assert!(RunDeadlines::new(None, false, started, read).can_answer(read));
    /// ```
    #[must_use]
    pub fn can_answer(self, now: Instant) -> bool {
        self.end.is_none_or(|end| {
            let need = (self.reading / LINEAR_PER_READ).saturating_add(SOLVE_GRACE);
            end.saturating_duration_since(now) >= need
        })
    }

    /// When a reading under a limit that ends at `end` must have stopped,
    /// so that the run can say so within the limit: 50 ms before it.
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use twinning_matcher::RunDeadlines;
    ///
    /// let end = Instant::now() + Duration::from_secs(1);
    /// assert_eq!(RunDeadlines::reading_stops(end), end - Duration::from_millis(50));
    /// ```
    #[must_use]
    pub fn reading_stops(end: Instant) -> Instant {
        end.checked_sub(STOP_GRACE).unwrap_or(end)
    }

    /// Whether reading an instance of `total` bytes, begun at `began`,
    /// `done` bytes of which are read at `now`, may go on under a limit
    /// that ends at `end`, so that it ends in time for
    /// [`RunDeadlines::can_answer`]. Once every byte is read, the parsing's
    /// time is known: the building after it (measured at most 0.63 of the
    /// parsing; three quarters counted) and what the run then needs must fit
    /// before `end`. From half the bytes on, a reading whose pace so far
    /// foretells twice what is left stops there, rather than at the limit;
    /// before that the pace is too uncertain (a busy machine) and only the
    /// limit itself is checked, less 50 ms to stop and say so.
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use twinning_matcher::RunDeadlines;
    ///
    /// let began = Instant::now();
    /// let end = |ms| began + Duration::from_millis(ms);
    /// let at = |ms| began + Duration::from_millis(ms);
    /// // All read in 0.4 s: building ends by 0.7 s, and the run then needs
    /// // 0.35 s and 50 ms.
    /// assert!(RunDeadlines::reading_on_course(end(1_100), began, at(400), 1_000, 1_000));
    /// assert!(!RunDeadlines::reading_on_course(end(1_000), began, at(400), 1_000, 1_000));
    /// // Half read in 0.2 s: the same foretold, only twice the time left stops it.
    /// assert!(RunDeadlines::reading_on_course(end(600), began, at(200), 500, 1_000));
    /// assert!(!RunDeadlines::reading_on_course(end(500), began, at(200), 500, 1_000));
    /// // Too little read to tell the pace: only the limit counts.
    /// assert!(RunDeadlines::reading_on_course(end(200), began, at(100), 100, 1_000));
    /// assert!(!RunDeadlines::reading_on_course(end(140), began, at(100), 100, 1_000));
    /// ```
    #[must_use]
    pub fn reading_on_course(
        end: Instant,
        began: Instant,
        now: Instant,
        done: u64,
        total: u64,
    ) -> bool {
        if now.checked_add(STOP_GRACE).is_none_or(|now| now >= end) {
            return false;
        }
        if done == 0 || done.saturating_mul(2) < total {
            return true;
        }
        let parse = now.saturating_duration_since(began).as_secs_f64() * total as f64 / done as f64;
        let reading = parse * (1.0 + BUILD_PER_PARSE);
        let need = reading / f64::from(LINEAR_PER_READ) + SOLVE_GRACE.as_secs_f64();
        let left = end.saturating_duration_since(began).as_secs_f64();
        let slack = if done >= total { 1.0 } else { 2.0 };
        reading + need <= left * slack
    }

    /// When the explanation started `now` must stop: a quarter of what is
    /// left once its preparation is set aside, the rest for writing what it
    /// explained (the JSON text or the page must be written whole); `now`
    /// itself, so that nothing is explained, when the preparation would not
    /// fit; `None` for no limit.
    #[must_use]
    pub fn explain(self, now: Instant) -> Option<Instant> {
        let setup = self.reading / LINEAR_PER_READ;
        self.end.map(|end| {
            let left = end.saturating_duration_since(now);
            if left <= setup { now } else { now.checked_add((left - setup) / 4).unwrap_or(end) }
        })
    }
}

/// A reader of an instance under a run's time limit (see
/// [`RunDeadlines::reading_on_course`]): it reads through `inner` until the
/// reading cannot end in time, then fails with an I/O error of kind
/// [`TimedOut`](std::io::ErrorKind::TimedOut) whose message is
/// [`DeadlineReader::MESSAGE`], which [`Instance::from_reader`](crate::Instance::from_reader)
/// passes on in its [`Error::Json`] message.
///
/// ```
/// use std::io::Read;
/// use std::time::{Duration, Instant};
/// use twinning_matcher::DeadlineReader;
///
/// let text = b"{\"seekers\": [], \"hosts\": []}";
/// let mut late = DeadlineReader::new(&text[..], text.len() as u64, Instant::now());
/// assert!(late.read_to_end(&mut Vec::new()).is_err());
/// let end = Instant::now() + Duration::from_secs(60);
/// let mut timely = DeadlineReader::new(&text[..], text.len() as u64, end);
/// assert!(timely.read_to_end(&mut Vec::new()).is_ok());
/// ```
#[derive(Debug)]
pub struct DeadlineReader<R> {
    inner: R,
    end: Instant,
    /// When the reading began, the bytes read so far and the whole size.
    began: Instant,
    done: u64,
    total: u64,
}

impl<R> DeadlineReader<R> {
    /// The message of the error a stopped reading fails with.
    pub const MESSAGE: &'static str = "the time limit is too short to read the instance";

    /// Reads `inner`, `total` bytes long (a file's length), under a limit
    /// that ends at `end`; the reading begins now.
    pub fn new(inner: R, total: u64, end: Instant) -> Self {
        Self { inner, end, began: Instant::now(), done: 0, total }
    }
}

impl<R: std::io::Read> std::io::Read for DeadlineReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let now = Instant::now();
        if !RunDeadlines::reading_on_course(self.end, self.began, now, self.done, self.total) {
            return Err(std::io::Error::new(std::io::ErrorKind::TimedOut, Self::MESSAGE));
        }
        let n = self.inner.read(buf)?;
        self.done = self.done.saturating_add(n as u64);
        Ok(n)
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

    #[test]
    fn a_reading_past_its_limit_fails_with_the_message() {
        let text = br#"{"seekers": [{"id": "s", "preferences": ["h"]}], "hosts": [{"id": "h", "capacity": 1, "preferences": ["s"]}]}"#;
        let total = text.len() as u64;
        let late = DeadlineReader::new(&text[..], total, Instant::now());
        match crate::Instance::from_reader(late, &crate::Limits::default()) {
            Err(Error::Json { message, .. }) => {
                assert!(message.contains(DeadlineReader::<()>::MESSAGE), "{message}");
            }
            other => panic!("{other:?}"),
        }
        let end = Instant::now() + Duration::from_secs(600);
        let timely = DeadlineReader::new(&text[..], total, end);
        let instance = crate::Instance::from_reader(timely, &crate::Limits::default()).unwrap();
        assert_eq!(instance.seeker_count(), 1);
    }
}
