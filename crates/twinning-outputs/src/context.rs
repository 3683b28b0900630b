use std::collections::BTreeSet;

use chrono::NaiveDate;
use twinning_cohort::{Cohort, CohortNumber, OutputKind};
use twinning_core::{DateRange, PracticeId};

/// What a document is checked against: the cohort it belongs to, that cohort's
/// programme period and the due date the cohort sets for this kind of output.
///
/// A context is small on purpose, so that documents can be checked without
/// loading a whole cohort; [`OutputContext::for_output`] builds one from a
/// [`Cohort`] of `twinning-cohort`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputContext {
    /// The cohort number (1–5 for the built-in cohorts).
    pub cohort: CohortNumber,
    /// The days the programme runs; dated entries must fall inside it.
    pub programme: DateRange,
    /// The due date of this output in the cohort's calendar, where the cohort defines one.
    pub due: Option<NaiveDate>,
    /// Practices that references may name; `None` accepts any practice id.
    pub known_practices: Option<BTreeSet<PracticeId>>,
    /// The cohort's own title for the output, used by
    /// [`Document::starter`](crate::Document::starter) instead of [`default_title`].
    pub title: Option<String>,
}

impl OutputContext {
    /// A context for cohort `cohort` running over `programme`, with no due
    /// date and no list of known practices.
    pub fn new(cohort: CohortNumber, programme: DateRange) -> Self {
        Self { cohort, programme, due: None, known_practices: None, title: None }
    }

    /// The context of an output of `kind` in `cohort`: its number, the days
    /// of its programme period (first day of the first month to last day of
    /// the last month), and — when the cohort requires this kind of output —
    /// the cohort's title for it and the last day of the month it is due.
    ///
    /// ```
    /// use twinning_cohort::{Cohort, CohortNumber, OutputKind};
    /// use twinning_outputs::OutputContext;
    ///
    /// let cohort = Cohort::builtin(CohortNumber::new(1)?).ok_or("no cohort 1")?;
    /// let ctx = OutputContext::for_output(cohort, OutputKind::ActionPlan);
    /// assert_eq!(ctx.cohort, 1);
    /// assert_eq!(ctx.title.as_deref(), Some("Replication Plan"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn for_output(cohort: &Cohort, kind: OutputKind) -> Self {
        let required = cohort.required_outputs().iter().find(|r| r.kind == kind);
        Self {
            cohort: cohort.number(),
            programme: cohort.programme_period().days(),
            due: required.and_then(|r| r.due.as_ref()).map(|due| due.value.last_day()),
            known_practices: None,
            title: required.map(|r| r.title.clone()),
        }
    }

    /// The same context with the due date set.
    #[must_use]
    pub fn with_due(mut self, due: NaiveDate) -> Self {
        self.due = Some(due);
        self
    }

    /// The same context restricted to the given known practices.
    #[must_use]
    pub fn with_known_practices(mut self, practices: impl IntoIterator<Item = PracticeId>) -> Self {
        self.known_practices = Some(practices.into_iter().collect());
        self
    }
}

/// The title each cohort's sources give an output of this kind.
///
/// The action plan is named differently by every cohort (§1.4 of the fact
/// sheet): the *Replication Plan* of cohort 1, the *Twin Cities Action Plan*
/// of cohort 2, the *Twin City Action Plan* of cohort 3 and the *joint
/// Replication or Action Plan* of cohort 5; other cohorts get a neutral title.
///
/// ```
/// use twinning_cohort::{CohortNumber, OutputKind};
/// use twinning_outputs::default_title;
///
/// let (one, three) = (CohortNumber::new(1)?, CohortNumber::new(3)?);
/// assert_eq!(default_title(OutputKind::ActionPlan, one), "Replication Plan");
/// assert_eq!(default_title(OutputKind::InfoSession, three), "Internal Info Session");
/// # Ok::<(), twinning_core::Error>(())
/// ```
pub fn default_title(kind: OutputKind, cohort: CohortNumber) -> &'static str {
    match (kind, cohort.get()) {
        (OutputKind::ActionPlan, 1) => "Replication Plan",
        (OutputKind::ActionPlan, 2) => "Twin Cities Action Plan",
        (OutputKind::ActionPlan, 3) => "Twin City Action Plan",
        (OutputKind::ActionPlan, 5) => "Joint Replication or Action Plan",
        (OutputKind::ActionPlan, _) => "Action Plan",
        (other, _) => other.title(),
    }
}
