//! The internal info session: its date, the number who came (once it has
//! taken place), up to [`AUDIENCE`] audience groups and [`TOPICS`] topics.

use maud::{Markup, html};
use twinning_cohort::OutputKind;
use twinning_outputs::{AudienceGroup, InfoSession, OutputBody, PathStep, Sector, Topic};
use twinning_profile::Theme;

use super::{
    Found, OutputForm, Place, Values, choice, date, day, key, options, row_of, select, short,
};

/// How many audience rows the form offers.
const AUDIENCE: usize = 4;
/// How many topic rows the form offers.
const TOPICS: usize = 4;

/// The info session's form.
pub(crate) struct Form;

/// How many audience rows to show: [`AUDIENCE`], or as many as a stored
/// session has.
fn audience_rows(v: &Values) -> usize {
    super::row_count(AUDIENCE, |i| !v.get(&format!("aud{i}")).is_empty())
}

/// How many topic rows to show: [`TOPICS`], or as many as a stored session
/// has.
fn topic_rows(v: &Values) -> usize {
    super::row_count(TOPICS, |i| !v.get(&format!("topic{i}")).is_empty())
}

impl OutputForm for Form {
    const KIND: OutputKind = OutputKind::InfoSession;
    const NOUN: &'static str = "the info session";

    fn intro() -> Markup {
        html! {
            p { "Plan the session where your city shares what it learnt with its own departments and communities: when it takes place (a day such as 2026-10-01, inside the programme's period), who is invited and what is presented. Leave a row empty if you need fewer." }
        }
    }

    fn values(body: &OutputBody) -> Values {
        let mut v = Values::default();
        let OutputBody::InfoSession(s) = body else { return v };
        v.set("date", s.date.map(|d| d.to_string()).unwrap_or_default());
        v.set("attendance", s.attendance.map(|n| n.to_string()).unwrap_or_default());
        for (i, a) in s.audience.iter().enumerate() {
            v.set(format!("aud{i}"), a.name.clone());
            v.set(format!("asector{i}"), a.sector.as_ref().map(key).unwrap_or_default());
        }
        for (i, t) in s.topics.iter().enumerate() {
            v.set(format!("topic{i}"), t.title.clone());
            v.set(format!("ttheme{i}"), t.theme.as_ref().map(key).unwrap_or_default());
        }
        v
    }

    fn body(v: &Values, found: &mut Found) -> OutputBody {
        let date = day(v, "date", ("The session", "the date"), found);
        let attendance = match v.get("attendance") {
            "" => None,
            typed => {
                let n = twinning_core::parse_digits::<u32>(typed.trim());
                if n.is_none() {
                    found.add(
                        "attendance",
                        "The session: enter how many people came as a whole number, such as 35, or leave it empty.",
                    );
                }
                n
            }
        };
        let audience = (0..audience_rows(v))
            .filter(|i| !v.get(&format!("aud{i}")).is_empty())
            .map(|i| AudienceGroup {
                name: v.get(&format!("aud{i}")).to_owned(),
                sector: choice::<Sector>(v, &format!("asector{i}")),
            })
            .collect();
        let topics = (0..topic_rows(v))
            .filter(|i| !v.get(&format!("topic{i}")).is_empty())
            .map(|i| Topic {
                title: v.get(&format!("topic{i}")).to_owned(),
                theme: choice::<Theme>(v, &format!("ttheme{i}")),
            })
            .collect();
        OutputBody::InfoSession(InfoSession { date, audience, topics, attendance })
    }

    fn place(steps: &[PathStep<'_>], v: &Values) -> Place {
        match steps.first().map(|s| (s.field, s.index)) {
            Some(("audience", Some(k))) => {
                let i = row_of(k, |i| !v.get(&format!("aud{i}")).is_empty());
                Place::new(format!("aud{i}"), format!("audience group {}", i.saturating_add(1)))
            }
            Some(("audience", None)) => Place::new("aud0", "the audience"),
            Some(("topics", Some(k))) => {
                let i = row_of(k, |i| !v.get(&format!("topic{i}")).is_empty());
                Place::new(format!("topic{i}"), format!("topic {}", i.saturating_add(1)))
            }
            Some(("topics", None)) => Place::new("topic0", "the topics"),
            Some(("attendance", _)) => Place::new("attendance", "the attendance"),
            _ => Place::new("date", "the session's date"),
        }
    }

    fn fields(v: &Values) -> Markup {
        let mut sectors = vec![(String::new(), "No one sector".to_owned())];
        sectors.extend(options(&Sector::ALL, Sector::label));
        let mut themes = vec![(String::new(), "No one theme".to_owned())];
        themes.extend(options(&Theme::ALL, Theme::label));
        html! {
            fieldset class="action-row" {
                legend { h2 { "The session" } }
                div class="date-input" {
                    (date(v, "date", "When"))
                    (short(v, "attendance", "How many came (once it has taken place)", true))
                }
            }
            fieldset class="action-row" {
                legend { h2 { "Who is invited" } }
                @for i in 0..audience_rows(v) {
                    div class="date-input" {
                        (short(v, &format!("aud{i}"), &format!("Group {}", i + 1), false))
                        (select(v, &format!("asector{i}"), &format!("Group {}: sector", i + 1), &sectors, ""))
                    }
                }
            }
            fieldset class="action-row" {
                legend { h2 { "What is presented" } }
                @for i in 0..topic_rows(v) {
                    div class="date-input" {
                        (short(v, &format!("topic{i}"), &format!("Topic {}", i + 1), false))
                        (select(v, &format!("ttheme{i}"), &format!("Topic {}: theme", i + 1), &themes, ""))
                    }
                }
            }
        }
    }
}
