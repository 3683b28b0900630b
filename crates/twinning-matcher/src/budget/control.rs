//! Bounding the work of one budgeted search: a deadline, a cancellation
//! handle another thread can pull, and a progress sink.
//!
//! The search checks [`Stop`] between steps; one step is at most one
//! deferred-acceptance run, one Lagrangian evaluation or a few seekers'
//! shortest-path searches of an assignment solve (which looks at the stop
//! itself, see `flow.rs`) — each at most linear in the list entries — so the
//! search returns within about one step of the deadline or the cancellation.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rust_decimal::Decimal;

/// A cancellation handle for [`budgeted`](crate::budgeted): cheap to clone,
/// and every clone sees [`Cancel::cancel`]. A server keeps one clone and puts
/// another into [`BudgetConfig::cancel`](crate::BudgetConfig::cancel); after
/// `cancel()` the search stops at its next step and returns the best matching
/// found so far with its proven bound and gap, exactly as at a deadline.
///
/// Two handles are equal when they are clones of the same handle.
///
/// # Example
///
/// ```
/// use twinning_matcher::Cancel;
///
/// let cancel = Cancel::new();
/// let for_the_search = cancel.clone();
/// assert!(!for_the_search.is_cancelled());
/// cancel.cancel();
/// assert!(for_the_search.is_cancelled());
/// ```
#[derive(Debug, Clone, Default)]
pub struct Cancel {
    flag: Arc<AtomicBool>,
    /// Tests only: the search's looks at the stop left before this handle
    /// cancels itself (see [`Cancel::after`]).
    #[cfg(test)]
    countdown: Option<Arc<std::sync::atomic::AtomicU64>>,
}

impl Cancel {
    /// A new handle, not cancelled.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks every search holding a clone of this handle to stop.
    pub fn cancel(&self) {
        self.flag.store(true, Ordering::Relaxed);
    }

    /// Whether [`Cancel::cancel`] was called on this handle or a clone.
    #[must_use]
    pub fn is_cancelled(&self) -> bool {
        self.flag.load(Ordering::Relaxed)
    }

    /// Tests only: a handle that cancels itself at the search's `n`-th look
    /// at the stop (`n = 0`: already cancelled), so that a test can stop a
    /// search at each of its check points in turn.
    #[cfg(test)]
    pub(crate) fn after(n: u64) -> Self {
        let c = Self { countdown: Some(Arc::new(n.into())), ..Self::default() };
        if n == 0 {
            c.cancel();
        }
        c
    }

    /// Tests only: the looks at the stop left before [`Cancel::after`]
    /// cancels (what a search that never stopped left over).
    #[cfg(test)]
    pub(crate) fn looks_left(&self) -> u64 {
        self.countdown.as_ref().map_or(0, |c| c.load(Ordering::Relaxed))
    }

    /// One look at the stop: whether the handle is cancelled (tests: counts
    /// down [`Cancel::after`]'s looks, cancelling at the last).
    fn look(&self) -> bool {
        #[cfg(test)]
        if let Some(left) = &self.countdown {
            let before = left.fetch_sub(1, Ordering::Relaxed);
            if before <= 1 {
                left.store(0, Ordering::Relaxed);
                self.cancel();
            }
        }
        self.is_cancelled()
    }
}

impl PartialEq for Cancel {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.flag, &other.flag)
    }
}

impl Eq for Cancel {}

/// A snapshot of a running budgeted search, in the units of the result's
/// [`Optimality`](crate::Optimality): total score when the instance has
/// scores, matched seekers otherwise (required pairs included).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SearchProgress {
    /// `total-score` or `matched-seekers`.
    pub objective: &'static str,
    /// Value of the best selection found so far.
    pub incumbent: Decimal,
    /// Proven upper bound on every feasible selection.
    pub bound: Decimal,
    /// `bound - incumbent`.
    pub gap: Decimal,
    /// Branch-and-bound nodes explored so far.
    pub nodes: u64,
    /// Time since the search started.
    pub elapsed: Duration,
}

/// Where a budgeted search reports its [`SearchProgress`]: a callback, called
/// on the searching thread about every [`ProgressSink::INTERVAL`] once the
/// root bound is known (never more often), so it should return quickly.
///
/// Two sinks are equal when they are clones of the same sink.
///
/// # Example
///
/// ```
/// use std::sync::{Arc, Mutex};
/// use twinning_matcher::ProgressSink;
///
/// let seen = Arc::new(Mutex::new(Vec::new()));
/// let log = Arc::clone(&seen);
/// let sink = ProgressSink::new(move |p| {
///     if let Ok(mut v) = log.lock() {
///         v.push(p.gap);
///     }
/// });
/// # let _ = sink;
/// ```
#[derive(Clone)]
pub struct ProgressSink(Arc<dyn Fn(&SearchProgress) + Send + Sync>);

impl ProgressSink {
    /// The least time between two reports.
    pub const INTERVAL: Duration = Duration::from_millis(100);

    /// A sink calling `f` with each report.
    pub fn new(f: impl Fn(&SearchProgress) + Send + Sync + 'static) -> Self {
        Self(Arc::new(f))
    }

    pub(crate) fn report(&self, progress: &SearchProgress) {
        (self.0)(progress);
    }
}

impl fmt::Debug for ProgressSink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ProgressSink(..)")
    }
}

impl PartialEq for ProgressSink {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for ProgressSink {}

/// When a search must stop: the earliest of its deadlines, or a cancellation.
#[derive(Debug, Clone, Default)]
pub(crate) struct Stop {
    pub(crate) deadline: Option<Instant>,
    pub(crate) cancel: Option<Cancel>,
}

impl Stop {
    /// Never stops.
    #[cfg(test)]
    pub(crate) fn never() -> Self {
        Self::default()
    }

    /// Whether the search must stop now.
    pub(crate) fn hit(&self) -> bool {
        self.cancel.as_ref().is_some_and(Cancel::look)
            || self.deadline.is_some_and(|d| Instant::now() >= d)
    }

    /// The same stop with its deadline brought forward to halfway between
    /// now and it: for a stage (the greedy warm start) that must leave time
    /// to the stages after it.
    pub(crate) fn halfway(&self) -> Self {
        let now = Instant::now();
        Self {
            deadline: self.deadline.map(|d| now + d.saturating_duration_since(now) / 2),
            cancel: self.cancel.clone(),
        }
    }

    /// Whether the stop came from the cancellation handle.
    pub(crate) fn cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(Cancel::is_cancelled)
    }
}

/// A progress sink, the conversion of internal values into the caller's
/// units, and the objective's name.
pub(crate) type Reporter<'a> = (&'a ProgressSink, &'a dyn Fn(i64) -> Option<Decimal>, &'static str);

/// The search's side of progress reporting: raw internal values in, a
/// [`SearchProgress`] out, throttled to [`ProgressSink::INTERVAL`].
pub(crate) struct Monitor<'a> {
    pub(crate) stop: Stop,
    sink: Option<Reporter<'a>>,
    start: Instant,
    last: Option<Instant>,
}

impl<'a> Monitor<'a> {
    /// A monitor that stops at `stop` and reports to `sink`, turning internal
    /// values into the caller's units with `units`.
    pub(crate) fn new(stop: Stop, sink: Option<Reporter<'a>>) -> Self {
        Self { stop, sink, start: Instant::now(), last: None }
    }

    /// Reports `(incumbent, bound)` (computed only when a report is due).
    pub(crate) fn tick(&mut self, nodes: u64, values: impl FnOnce() -> Option<(i64, i64)>) {
        let Some((sink, units, objective)) = self.sink else { return };
        let now = Instant::now();
        if self.last.is_some_and(|l| now.duration_since(l) < ProgressSink::INTERVAL) {
            return;
        }
        let Some((incumbent, bound)) = values() else { return };
        let (Some(incumbent), Some(bound)) = (units(incumbent), units(bound)) else { return };
        let bound = bound.max(incumbent);
        let Some(gap) = bound.checked_sub(incumbent) else { return };
        self.last = Some(now);
        sink.report(&SearchProgress {
            objective,
            incumbent,
            bound,
            gap,
            nodes,
            elapsed: now.duration_since(self.start),
        });
    }
}
