//! The learning roadmap: up to [`PRIORITIES`] learning priorities (theme,
//! objective, questions), [`PRACTICES`] practices of the twin to learn
//! from, [`ACTIVITIES`] activities ticking the priorities and practices
//! they serve, and [`MILESTONES`] milestones.

use maud::{Markup, html};
use twinning_cohort::OutputKind;
use twinning_core::{ActivityId, CityId, DateRange, LearningGoalId, MilestoneId, PracticeId, Uuid};
use twinning_outputs::{
    CityRef, LearningPriority, LearningRoadmap, OutputBody, PathStep, PracticeRef, RoadmapActivity,
    RoadmapActivityKind, RoadmapMilestone,
};
use twinning_profile::Theme;

use super::{
    Found, OutputForm, Place, Values, checks, choice, date, id_of, key, lines, many, need_day,
    options, row_count, row_of, select, short,
};

/// How many learning priority rows the form offers.
const PRIORITIES: usize = 3;
/// How many practice rows the form offers.
const PRACTICES: usize = 3;
/// How many activity rows the form offers.
const ACTIVITIES: usize = 4;
/// How many milestone rows the form offers.
const MILESTONES: usize = 3;

/// The learning roadmap's form.
pub(crate) struct Form;

/// The UUID of row `i`.
fn uuid(i: usize) -> Uuid {
    Uuid::from_u128(u128::try_from(i).unwrap_or_default().saturating_add(1))
}

fn priority_filled(v: &Values, i: usize) -> bool {
    !v.blank(&[format!("objective{i}"), format!("questions{i}")])
}

fn practice_filled(v: &Values, i: usize) -> bool {
    !v.blank(&[format!("prname{i}"), format!("prcity{i}")])
}

fn activity_filled(v: &Values, j: usize) -> bool {
    let mut names = vec![format!("atitle{j}"), format!("astart{j}"), format!("aend{j}")];
    names.extend((0..priority_rows(v)).map(|i| format!("a{j}p{i}")));
    names.extend((0..practice_rows(v)).map(|i| format!("a{j}x{i}")));
    !v.blank(&names)
}

fn milestone_filled(v: &Values, k: usize) -> bool {
    !v.blank(&[format!("mtitle{k}"), format!("mdate{k}")])
}

/// How many priority rows to show: [`PRIORITIES`], or as many as a stored
/// roadmap has (and so for the other lists).
fn priority_rows(v: &Values) -> usize {
    row_count(PRIORITIES, |i| priority_filled(v, i))
}

fn practice_rows(v: &Values) -> usize {
    row_count(PRACTICES, |i| practice_filled(v, i))
}

fn activity_rows(v: &Values) -> usize {
    row_count(ACTIVITIES, |j| activity_filled(v, j))
}

fn milestone_rows(v: &Values) -> usize {
    row_count(MILESTONES, |k| milestone_filled(v, k))
}

impl OutputForm for Form {
    const KIND: OutputKind = OutputKind::LearningRoadmap;
    const NOUN: &'static str = "the roadmap";

    fn intro() -> Markup {
        html! {
            p { "Say what your city wants to learn (each priority with the questions it should answer), from which of your twin's practices, through which activities of the programme, and the milestones along the way. Leave a row empty if you need fewer." }
            p { "Every priority needs an activity that serves it: tick it under the activity. Dates are days such as 2026-10-01, inside the programme's period." }
        }
    }

    fn values(body: &OutputBody) -> Values {
        let mut v = Values::default();
        let OutputBody::LearningRoadmap(r) = body else { return v };
        for (i, p) in r.priorities.iter().enumerate() {
            v.set(format!("theme{i}"), key(&p.theme));
            v.set(format!("objective{i}"), p.objective.clone());
            v.set(format!("questions{i}"), p.questions.join("\n"));
        }
        for (i, p) in r.practices.iter().enumerate() {
            v.set(format!("prname{i}"), p.name.clone());
            v.set(format!("prcity{i}"), p.city.name.clone());
        }
        for (j, a) in r.activities.iter().enumerate() {
            v.set(format!("akind{j}"), key(&a.kind));
            v.set(format!("atitle{j}"), a.title.clone());
            v.set(format!("astart{j}"), a.dates.start().to_string());
            v.set(format!("aend{j}"), a.dates.end().to_string());
            for (i, p) in r.priorities.iter().enumerate() {
                if a.priorities.contains(&p.id) {
                    v.set(format!("a{j}p{i}"), "yes");
                }
            }
            for (i, p) in r.practices.iter().enumerate() {
                if a.practices.contains(&p.id) {
                    v.set(format!("a{j}x{i}"), "yes");
                }
            }
        }
        for (k, m) in r.milestones.iter().enumerate() {
            v.set(format!("mtitle{k}"), m.title.clone());
            v.set(format!("mdate{k}"), m.date.to_string());
        }
        v
    }

    fn body(v: &Values, found: &mut Found) -> OutputBody {
        let priorities = (0..priority_rows(v))
            .filter(|i| priority_filled(v, *i))
            .map(|i| LearningPriority {
                id: LearningGoalId::from_uuid(uuid(i)),
                theme: choice(v, &format!("theme{i}")).unwrap_or(Theme::Energy),
                objective: v.get(&format!("objective{i}")).to_owned(),
                questions: lines(v, &format!("questions{i}")),
            })
            .collect();
        let practices = (0..practice_rows(v))
            .filter(|i| practice_filled(v, *i))
            .map(|i| {
                let city = v.get(&format!("prcity{i}"));
                PracticeRef {
                    id: PracticeId::from_uuid(uuid(i)),
                    name: v.get(&format!("prname{i}")).to_owned(),
                    city: CityRef::new(id_of(city, i, CityId::from_slug, CityId::from_uuid), city),
                }
            })
            .collect();
        let mut activities = Vec::new();
        for j in (0..activity_rows(v)).filter(|j| activity_filled(v, *j)) {
            let place = format!("Activity {}", j.saturating_add(1));
            let mut ticked =
                |rows: usize, tag: char, what: &str, filled: &dyn Fn(usize) -> bool| {
                    let mut ids = Vec::new();
                    for i in (0..rows).filter(|i| v.ticked(&format!("a{j}{tag}{i}"))) {
                        if filled(i) {
                            ids.push(uuid(i));
                        } else {
                            found.add(
                                format!("a{j}{tag}{i}"),
                                format!(
                                    "{place}: {what} {} is empty; fill it in or untick it.",
                                    i.saturating_add(1)
                                ),
                            );
                        }
                    }
                    ids
                };
            let served = ticked(priority_rows(v), 'p', "priority", &|i| priority_filled(v, i));
            let looked = ticked(practice_rows(v), 'x', "practice", &|i| practice_filled(v, i));
            let start = need_day(v, &format!("astart{j}"), (&place, "the first day"), found);
            let end = need_day(v, &format!("aend{j}"), (&place, "the last day"), found);
            let dates = match (start, end) {
                (Some(s), Some(e)) => DateRange::new(s, e).ok().or_else(|| {
                    found.add(
                        format!("aend{j}"),
                        format!("{place}: the last day must not be before the first day."),
                    );
                    None
                }),
                _ => None,
            };
            if let Some(dates) = dates {
                activities.push(RoadmapActivity {
                    id: ActivityId::from_uuid(uuid(j)),
                    kind: choice(v, &format!("akind{j}")).unwrap_or(RoadmapActivityKind::Workshop),
                    title: v.get(&format!("atitle{j}")).to_owned(),
                    dates,
                    priorities: served.into_iter().map(LearningGoalId::from_uuid).collect(),
                    practices: looked.into_iter().map(PracticeId::from_uuid).collect(),
                });
            }
        }
        let mut milestones = Vec::new();
        for k in (0..milestone_rows(v)).filter(|k| milestone_filled(v, *k)) {
            let place = format!("Milestone {}", k.saturating_add(1));
            if let Some(day) = need_day(v, &format!("mdate{k}"), (&place, "the date"), found) {
                milestones.push(RoadmapMilestone {
                    id: MilestoneId::from_uuid(uuid(k)),
                    title: v.get(&format!("mtitle{k}")).to_owned(),
                    date: day,
                });
            }
        }
        OutputBody::LearningRoadmap(LearningRoadmap {
            priorities,
            practices,
            activities,
            milestones,
        })
    }

    fn place(steps: &[PathStep<'_>], v: &Values) -> Place {
        let first = steps.first().map(|s| (s.field, s.index));
        let then = steps.get(1).map(|s| s.field);
        match (first, then) {
            (Some(("priorities", Some(k))), field) => {
                let i = row_of(k, |i| priority_filled(v, i));
                let words = format!("priority {}", i.saturating_add(1));
                match field {
                    // What serves a priority is ticked under an activity.
                    None => Place::new(format!("a0p{i}"), words),
                    Some("questions") => Place::new(format!("questions{i}"), words),
                    Some(_) => Place::new(format!("objective{i}"), words),
                }
            }
            (Some(("priorities", None)), _) => Place::new("objective0", "the learning priorities"),
            (Some(("practices", Some(k))), field) => {
                let i = row_of(k, |i| practice_filled(v, i));
                let name = if field == Some("city") { "prcity" } else { "prname" };
                Place::new(format!("{name}{i}"), format!("practice {}", i.saturating_add(1)))
            }
            (Some(("practices", None)), _) => Place::new("prname0", "the practices"),
            (Some(("activities", Some(k))), field) => {
                let j = row_of(k, |j| activity_filled(v, j));
                let name = match field {
                    Some("dates") => format!("astart{j}"),
                    Some("priorities") => format!("a{j}p0"),
                    Some("practices") => format!("a{j}x0"),
                    _ => format!("atitle{j}"),
                };
                Place::new(name, format!("activity {}", j.saturating_add(1)))
            }
            (Some(("activities", None)), _) => Place::new("atitle0", "the activities"),
            (Some(("milestones", Some(k))), field) => {
                let m = row_of(k, |m| milestone_filled(v, m));
                let name = if field == Some("date") { "mdate" } else { "mtitle" };
                Place::new(format!("{name}{m}"), format!("milestone {}", m.saturating_add(1)))
            }
            (Some(("milestones", None)), _) => Place::new("mtitle0", "the milestones"),
            _ => Place::new("objective0", "the roadmap"),
        }
    }

    fn fields(v: &Values) -> Markup {
        let themes = options(&Theme::ALL, Theme::label);
        let kinds = options(&RoadmapActivityKind::ALL, RoadmapActivityKind::label);
        let boxes =
            |j: usize, tag: char, rows: usize, what: &str, name: &str| -> Vec<(String, String)> {
                (0..rows)
                    .map(|i| {
                        let typed = v.get(&format!("{name}{i}"));
                        let label = if typed.is_empty() {
                            format!("{what} {}", i + 1)
                        } else {
                            format!("{what} {}: {typed}", i + 1)
                        };
                        (format!("a{j}{tag}{i}"), label)
                    })
                    .collect()
            };
        html! {
            h2 { "Learning priorities" }
            @for i in 0..priority_rows(v) {
                fieldset class="action-row" {
                    legend { h3 { "Priority " (i + 1) } }
                    div class="date-input" { (select(v, &format!("theme{i}"), "Theme", &themes, "energy")) }
                    (super::text(v, &format!("objective{i}"), "What you want to be able to do afterwards"))
                    (many(v, &format!("questions{i}"), "Questions to answer", "One question a line."))
                }
            }
            h2 { "Practices to learn from" }
            @for i in 0..practice_rows(v) {
                fieldset class="action-row" {
                    legend { h3 { "Practice " (i + 1) } }
                    div class="date-input" {
                        (short(v, &format!("prname{i}"), "Which practice", false))
                        (short(v, &format!("prcity{i}"), "The city that tested it", false))
                    }
                }
            }
            h2 { "Activities" }
            @for j in 0..activity_rows(v) {
                fieldset class="action-row" {
                    legend { h3 { "Activity " (j + 1) } }
                    div class="date-input" { (select(v, &format!("akind{j}"), "Kind", &kinds, "workshop")) }
                    (super::text(v, &format!("atitle{j}"), "What"))
                    div class="date-input" {
                        (date(v, &format!("astart{j}"), "First day"))
                        (date(v, &format!("aend{j}"), "Last day"))
                    }
                    (checks(v, "The priorities it serves", &boxes(j, 'p', priority_rows(v), "Priority", "objective")))
                    (checks(v, "The practices it looks at", &boxes(j, 'x', practice_rows(v), "Practice", "prname")))
                }
            }
            h2 { "Milestones" }
            @for k in 0..milestone_rows(v) {
                fieldset class="action-row" {
                    legend { h3 { "Milestone " (k + 1) } }
                    (super::text(v, &format!("mtitle{k}"), "What is reached"))
                    div class="date-input" { (date(v, &format!("mdate{k}"), "When")) }
                }
            }
        }
    }
}
