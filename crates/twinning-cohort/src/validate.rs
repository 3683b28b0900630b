//! The rules every cohort obeys, checked all at once so that a document's
//! author sees every problem in one pass.

use std::collections::BTreeMap;

use twinning_core::Reported;

use crate::cohort::RawCohort;
use crate::{CountRange, FieldProblem, Moment};

struct Problems(Vec<FieldProblem>);

impl Problems {
    fn add(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldProblem { path: path.into(), message: message.into() });
    }

    fn non_blank(&mut self, path: impl Into<String>, text: &str) {
        if text.trim().is_empty() {
            self.add(path, "must not be empty");
        }
    }
}

/// The readings of a reported fact with the path of each.
fn readings<'a, T>(path: &str, r: &'a Reported<T>) -> Vec<(String, &'a T)> {
    let mut out = vec![(path.to_owned(), r.value())];
    for (j, alt) in r.alternatives().iter().enumerate() {
        out.push((format!("{path}.alternatives[{j}]"), &alt.value));
    }
    out
}

fn check_range(p: &mut Problems, path: &str, r: &CountRange) {
    if let (Some(min), Some(max)) = (r.min, r.max)
        && max < min
    {
        p.add(path, format!("max {max} is below min {min}"));
    }
}

pub(crate) fn validate(raw: &RawCohort) -> Vec<FieldProblem> {
    let mut p = Problems(Vec::new());
    if raw.number == 0 {
        p.add("number", "must be 1 or more");
    }
    p.non_blank("name", &raw.name);
    p.non_blank("pairing.summary", &raw.pairing.summary);
    if raw.pairing.learner == raw.pairing.peer {
        p.add("pairing.peer", format!("is the same role as the learner ({})", raw.pairing.learner));
    }
    let (start, end) = (raw.programme_start.value(), raw.programme_end.value());
    if end < start {
        p.add("programme_end", format!("ends in {end}, before the programme starts in {start}"));
    }
    for (path, months) in readings("duration_months", &raw.duration_months) {
        if *months == 0 {
            p.add(path, "must be 1 or more");
        }
    }
    if let Some(modules) = &raw.modules {
        for (i, m) in modules.value.iter().enumerate() {
            if modules.value.iter().take(i).any(|earlier| earlier == m) {
                p.add(format!("modules.value[{i}]"), format!("module {m} is listed twice"));
            }
        }
    }

    // Ids are unique within calls, within phases and within activities:
    // milestone ids are derived from them (`call.<id>.opens`, `phase.<id>`,
    // `activity.<id>`), so the three lists never collide with each other.
    let mut seen: BTreeMap<(&str, String), String> = BTreeMap::new();
    let mut key = |p: &mut Problems, list: &'static str, path: String, id: &str| {
        if let Some(first) = seen.get(&(list, id.to_owned())) {
            p.add(format!("{path}.id"), format!("duplicate id {id:?}, first used at {first}.id"));
        } else {
            seen.insert((list, id.to_owned()), path);
        }
    };
    for (i, reg) in raw.registrations.iter().enumerate() {
        let path = format!("registrations[{i}]");
        key(&mut p, "call", path.clone(), reg.id.as_str());
        p.non_blank(format!("{path}.title"), &reg.title);
        if raw.registrations.iter().take(i).any(|r| r.role == reg.role) {
            p.add(format!("{path}.role"), format!("a second call for role {}", reg.role));
        }
        if let (Some(opens), Some(closes)) = (&reg.opens, &reg.closes) {
            let opens = readings(&format!("{path}.opens"), opens);
            for (cpath, close) in readings(&format!("{path}.closes"), closes) {
                for (opath, open) in &opens {
                    check_window(&mut p, &cpath, close, opath, open);
                }
            }
        }
    }
    for (i, phase) in raw.phases.iter().enumerate() {
        let path = format!("phases[{i}]");
        key(&mut p, "phase", path.clone(), phase.id.as_str());
        p.non_blank(format!("{path}.title"), &phase.title);
        if let Some(prev) = i.checked_sub(1).and_then(|j| raw.phases.get(j))
            && phase.months.start() <= prev.months.end()
        {
            p.add(
                format!("{path}.months"),
                format!(
                    "starts in {}, not after the previous phase {:?} ends in {} (phases are in order and do not overlap)",
                    phase.months.start(),
                    prev.id.as_str(),
                    prev.months.end()
                ),
            );
        }
    }
    for (i, act) in raw.activities.iter().enumerate() {
        let path = format!("activities[{i}]");
        key(&mut p, "activity", path.clone(), act.id.as_str());
        p.non_blank(format!("{path}.title"), &act.title);
        if act.count == Some(0) {
            p.add(format!("{path}.count"), "must be 1 or more when given");
        }
    }
    for (i, out) in raw.required_outputs.iter().enumerate() {
        p.non_blank(format!("required_outputs[{i}].title"), &out.title);
    }
    if let Some(tc) = &raw.time_commitment {
        check_range(&mut p, "time_commitment.representatives", &tc.representatives);
        check_range(&mut p, "time_commitment.hours_per_month", &tc.hours_per_month);
    }
    for (i, pair) in raw.known_pairs.iter().enumerate() {
        p.non_blank(format!("known_pairs[{i}].learner"), &pair.learner);
        p.non_blank(format!("known_pairs[{i}].peer"), &pair.peer);
    }
    for (i, note) in raw.notes.iter().enumerate() {
        p.non_blank(format!("notes[{i}].value"), &note.value);
    }
    // Every text reaches calendars, Markdown and web pages: none may hold a
    // character that prints differently in each (or not at all).
    if let Ok(value) = serde_json::to_value(raw)
        && let Some((path, e)) = twinning_core::hidden_in_json(&value)
    {
        p.add(path, e.to_string());
    }
    p.0
}

fn check_window(p: &mut Problems, cpath: &str, close: &Moment, opath: &str, open: &Moment) {
    if close.end_instant() < open.start_instant() {
        p.add(cpath, format!("deadline {close} falls before the call opens ({opath} is {open})"));
    }
}
