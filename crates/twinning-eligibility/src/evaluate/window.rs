//! The submission-window criterion: whether an application arrived between
//! the call's opening and its closing minute, under every reading of those
//! instants the sources give.

use chrono::{DateTime, FixedOffset, TimeDelta};
use twinning_core::{Reported, Sourced};

use super::{Checked, Context};
use crate::{Evidence, EvidenceSource, Outcome, Reason, Registry};

use EvidenceSource::{Evaluation, RuleSet as FromRuleSet};

impl<R: Registry + ?Sized> Context<'_, R> {
    pub(super) fn window(
        &self,
        opens: Option<&Reported<DateTime<FixedOffset>>>,
        closes: &Reported<DateTime<FixedOffset>>,
    ) -> Checked {
        let t = self.submission;
        let mut evidence =
            vec![Evidence::new("submitted_at", t.to_rfc3339(), self.submission_source, None)];
        if let Some(o) = opens {
            evidence.push(reading_evidence("opens", o.followed()));
        }
        evidence.push(reading_evidence("closes", closes.followed()));
        let verdict =
            |o: Option<DateTime<FixedOffset>>, c: DateTime<FixedOffset>| window_position(t, o, c);
        let followed = verdict(opens.map(|o| *o.value()), *closes.value());
        // Every other reading that would change the outcome is named.
        let mut differing = Vec::new();
        let mut why = None;
        if let Some(o) = opens {
            for alt in o.alternatives() {
                let other = verdict(Some(alt.value), *closes.value());
                if other != followed {
                    evidence.push(reading_evidence("opens (other reading)", alt));
                    differing.push(format!(
                        "with an opening at {} it would be {}",
                        minute(alt.value),
                        other.word()
                    ));
                    why = why.or(o.rationale());
                }
            }
        }
        for alt in closes.alternatives() {
            let other = verdict(opens.map(|o| *o.value()), alt.value);
            if other != followed {
                evidence.push(reading_evidence("closes (other reading)", alt));
                differing.push(format!(
                    "with a closing at {} it would be {}",
                    minute(alt.value),
                    other.word()
                ));
                why = why.or(closes.rationale());
            }
        }
        let who =
            if self.submission_source == Evaluation { "Submitting now" } else { "The submission" };
        let mut sentence = match followed {
            Position::Inside => format!(
                "{who} ({}) falls inside the call window, which closes at {}.",
                minute(t),
                minute(*closes.value())
            ),
            Position::Before => format!(
                "{who} ({}) comes before the call opens at {}.",
                minute(t),
                opens.map_or_else(String::new, |o| minute(*o.value()))
            ),
            Position::After => format!(
                "{who} ({}) comes after the call's last minute, {}.",
                minute(t),
                minute(*closes.value())
            ),
        };
        if !differing.is_empty() {
            sentence.push_str(&format!(" Sources disagree: {}", differing.join(", and ")));
            match why {
                Some(why) => sentence.push_str(&format!("; the reading followed is kept: {why}.")),
                None => sentence.push('.'),
            }
        }
        let (outcome, reason) = match followed {
            Position::Inside => (Outcome::Passed, Reason::SubmittedInWindow),
            Position::Before => (Outcome::Failed, Reason::SubmittedBeforeOpening),
            Position::After => (Outcome::Failed, Reason::SubmittedAfterClosing),
        };
        Checked::new(outcome, reason, sentence, evidence)
    }
}

/// Where an instant lies relative to a call window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Position {
    Before,
    Inside,
    After,
}

impl Position {
    fn word(self) -> &'static str {
        match self {
            Position::Before => "too early",
            Position::Inside => "on time",
            Position::After => "late",
        }
    }
}

/// Opening inclusive; closing inclusive to the minute: any instant before
/// the minute after `closes` is on time.
fn window_position(
    t: DateTime<FixedOffset>,
    opens: Option<DateTime<FixedOffset>>,
    closes: DateTime<FixedOffset>,
) -> Position {
    if opens.is_some_and(|o| t < o) {
        return Position::Before;
    }
    match closes.checked_add_signed(TimeDelta::minutes(1)) {
        Some(limit) if t >= limit => Position::After,
        _ => Position::Inside,
    }
}

fn minute(t: DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%d %H:%M %:z").to_string()
}

fn reading_evidence(what: &str, s: &Sourced<DateTime<FixedOffset>>) -> Evidence {
    Evidence::new(what, s.value.to_rfc3339(), FromRuleSet, Some(s.provenance.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn closing_minute_is_inclusive() {
        let closes = at("2025-03-28T17:00:00+01:00");
        assert_eq!(
            window_position(at("2025-03-28T17:00:59+01:00"), None, closes),
            Position::Inside
        );
        assert_eq!(window_position(at("2025-03-28T17:01:00+01:00"), None, closes), Position::After);
        // The same instant written in another offset.
        assert_eq!(window_position(at("2025-03-28T16:00:30Z"), None, closes), Position::Inside);
    }

    #[test]
    fn opening_is_inclusive() {
        let o = at("2023-05-03T12:00:00+01:00");
        let c = at("2023-06-30T23:59:00+01:00");
        assert_eq!(window_position(o, Some(o), c), Position::Inside);
        assert_eq!(window_position(at("2023-05-03T11:59:59+01:00"), Some(o), c), Position::Before);
    }
}
