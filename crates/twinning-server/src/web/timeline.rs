//! A cohort's timeline on its page: the library's SVG
//! ([`twinning_cohort::timeline_svg`], which escapes every text and colours
//! by class only, as the page's policy requires). The same facts are in the
//! table after it, for readers who do not see the picture.

use chrono::NaiveDate;
use maud::{Markup, PreEscaped};
use twinning_cohort::Cohort;

/// The SVG for `cohort`, with a "today" line at `today` when it falls
/// inside the picture's months. `None` when the cohort has nothing dated.
pub(crate) fn svg(cohort: &Cohort, today: NaiveDate) -> Option<Markup> {
    twinning_cohort::timeline_svg(cohort, Some(today)).map(PreEscaped)
}
