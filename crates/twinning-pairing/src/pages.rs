//! The pages of the pairing flow for people: suggested preference lists, a
//! matching with its explanation, and a verification — each a [`Page`]
//! that the command line and the web pages render.

use twinning_core::{Block, Page, PageTable, serde_key};
use twinning_matcher::{
    Explanation, Instance, InstanceSpec, Matching, Optimality, Verification, Violation,
};

use crate::{Learner, PairingInstance, Peer, Suggestions, Words, ordinal, scoring_rule, sentences};

/// Ranked suggestions and the matcher instance they make: what `twinning
/// suggest -f json` prints.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SuggestAnswer {
    /// How scores are computed ([`scoring_rule`]).
    pub scoring_rule: String,
    /// Both sides' ranked lists, with the themes behind each entry.
    pub suggestions: Suggestions,
    /// The instance document, ready for the matcher.
    pub instance: InstanceSpec,
}

impl SuggestAnswer {
    /// The answer of `suggestions` and the `instance` built from them.
    pub fn new(suggestions: &Suggestions, instance: &PairingInstance) -> Self {
        SuggestAnswer {
            scoring_rule: scoring_rule(),
            suggestions: suggestions.clone(),
            instance: instance.spec().clone(),
        }
    }
}

/// Suggested preference lists for people: for each learner, its ranked
/// peers with their scores and the shared themes that justify each (ties
/// share a rank).
pub fn suggestions_page(learners: &[Learner], peers: &[Peer], s: &Suggestions) -> Page {
    let mut doc = Page::new();
    doc.push(Block::Title("Suggested preferences".to_owned()));
    doc.push(Block::Text(format!(
        "{} learners, {} peers. A peer is suggested when its tested practices share a theme \
         with the learner's goals; {}. Equal scores are ties.",
        learners.len(),
        peers.len(),
        scoring_rule()
    )));
    for l in learners {
        doc.push(Block::Heading(format!("{} ({})", l.name, l.id)));
        let list = s.of_learner(&l.id);
        if list.is_empty() {
            doc.push(Block::Text("No peer shares a theme with these goals.".to_owned()));
            continue;
        }
        let mut t = PageTable::new(&["Rank", "Peer", "Score", "Shared themes"]);
        for r in list {
            let shared: Vec<&str> = r.affinity.theme_keys().collect();
            t.row(vec![
                r.rank.to_string(),
                r.name.clone(),
                r.affinity.score.to_string(),
                shared.join(", "),
            ]);
        }
        doc.push(Block::Table(t));
    }
    doc
}

/// The page when no super-stable matching exists, saying why.
pub fn no_super_stable_page(reason: &str) -> Page {
    let mut doc = Page::new();
    doc.push(Block::Title("No super-stable matching exists".to_owned()));
    doc.push(Block::Text(reason.to_owned()));
    doc
}

/// A matching for people: the mechanism and its parameters, the pairs with
/// both sides' ranks, the unmatched seekers, the metrics (with why a
/// budgeted result is not proven optimal, when it is not), and why each
/// seeker got its host. Agents are named by their ids.
pub fn match_page(instance: &Instance, m: &Matching, explanation: &Explanation) -> Page {
    let mut doc = Page::new();
    let params: Vec<String> =
        m.mechanism.parameters.iter().map(|(k, v)| format!("{k}={v}")).collect();
    doc.push(Block::Title(if params.is_empty() {
        format!("Matching ({})", m.mechanism.name)
    } else {
        format!("Matching ({}; {})", m.mechanism.name, params.join(", "))
    }));
    let mut t = PageTable::new(&["Seeker", "Host", "Seeker's rank", "Host's rank", "Score"]);
    for p in &m.pairs {
        t.row(vec![
            p.seeker.clone(),
            p.host.clone(),
            p.seeker_rank.to_string(),
            p.host_rank.to_string(),
            p.score.map(|s| s.to_string()).unwrap_or_default(),
        ]);
    }
    doc.push(Block::Heading("Pairs".to_owned()));
    doc.push(Block::Table(t));
    doc.push(Block::Heading("Unmatched seekers".to_owned()));
    doc.push(Block::Text(if m.unmatched.is_empty() {
        "None.".to_owned()
    } else {
        m.unmatched.join(", ")
    }));
    let mx = &m.metrics;
    let mut fields = vec![
        ("Matched".to_owned(), format!("{} of {}", mx.matched, mx.matched + mx.unmatched)),
        (
            "Hosts used".to_owned(),
            format!("{} of {} ({} seats)", mx.hosts_used, m.hosts.len(), mx.seats),
        ),
        ("Rank profile".to_owned(), profile_text(&mx.rank_profile)),
        ("Host rank profile".to_owned(), profile_text(&mx.host_rank_profile)),
        ("Regret".to_owned(), mx.regret.map_or("none".to_owned(), |r| r.to_string())),
    ];
    if let Some(total) = mx.total_score {
        fields.push(("Total score".to_owned(), total.to_string()));
    }
    if let Some(sel) = &m.selected_hosts {
        fields.push(("Selected hosts".to_owned(), format!("{} ({})", sel.len(), sel.join(", "))));
    }
    if let Some(o) = &m.optimality {
        fields.push(("Optimality".to_owned(), optimality_with_reason(o, why_unproven(m))));
    }
    doc.push(Block::Heading("Metrics".to_owned()));
    doc.push(Block::Fields(fields));
    doc.push(Block::Heading("Why each seeker got its host".to_owned()));
    doc.push(Block::List(sentences(explanation, &Words::ids(instance.has_ties()))));
    if let Some(cut) = explanation.cut {
        let explained = match cut.explained {
            0 => "No seeker is explained".to_owned(),
            n => format!("Only the first {n} of {} seekers are explained", cut.seekers),
        };
        doc.push(Block::Text(format!(
            "{explained}: the time limit came first. Raise --time-limit (or use --time-limit \
             none) to explain every seeker."
        )));
    }
    doc
}

/// Why a budgeted result is not proven optimal, from its mechanism.
fn why_unproven(m: &Matching) -> &'static str {
    match m.mechanism.parameters.get("stopped").map(String::as_str) {
        Some("cancelled") => "the search was cancelled",
        Some(_) => "the time limit stopped the search; raise --time-limit or use --time-limit none",
        None if m.mechanism.name.starts_with("greedy") => "greedy mode",
        None => "greedy mode or time limit",
    }
}

/// The objective's value and whether it is proven optimal, or the bound
/// and gap: `welfare = 12 (proven optimal)`.
pub fn optimality_text(o: &Optimality) -> String {
    optimality_with_reason(o, "greedy mode or time limit")
}

/// [`optimality_text`] naming `why` a result is not proven, when it is not.
fn optimality_with_reason(o: &Optimality, why: &str) -> String {
    if o.proven {
        format!("{} = {} (proven optimal)", o.objective, o.value)
    } else {
        format!(
            "{} = {}, bound {}, gap {} (not proven: {why})",
            o.objective, o.value, o.bound, o.gap
        )
    }
}

/// `[3, 1]` → `1st: 3, 2nd: 1`.
fn profile_text(profile: &[u64]) -> String {
    if profile.is_empty() {
        return "none".to_owned();
    }
    profile
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{}: {n}", ordinal(i + 1)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A verification for people, of the result called `label`: passed or
/// failed in the required sense, the violated constraints, the stated
/// figures that disagree with the pairs, and the blocking pairs (when it
/// passed, those that block only under stronger notions).
pub fn verify_page(label: &str, v: &Verification) -> Page {
    let (ok, required, report) = (v.passed, v.required, &v.report);
    let mut doc = Page::new();
    doc.push(Block::Title(format!(
        "Verification of {label}: {} ({required})",
        if ok { "passed" } else { "failed" }
    )));
    if !report.violations.is_empty() {
        let mut t = PageTable::new(&["Violation"]);
        for v in &report.violations {
            t.row(vec![violation_text(v)]);
        }
        doc.push(Block::Heading("Violated constraints".to_owned()));
        doc.push(Block::Table(t));
    }
    if !v.figures.is_empty() {
        doc.push(Block::Heading("Stated figures that disagree with the pairs".to_owned()));
        doc.push(Block::List(v.figures.clone()));
    }
    if !report.blocking_pairs.is_empty() {
        let mut t = PageTable::new(&["Seeker", "Host", "Seeker's view", "Host's view", "Breaks"]);
        for b in &report.blocking_pairs {
            t.row(vec![
                b.seeker.clone(),
                b.host.clone(),
                serde_key(&b.seeker_view),
                serde_key(&b.host_view),
                format!("{} stability", serde_key(&b.breaks)),
            ]);
        }
        doc.push(Block::Heading(if ok {
            "Pairs that block only under stronger notions".to_owned()
        } else {
            "Blocking pairs".to_owned()
        }));
        doc.push(Block::Table(t));
    }
    doc
}

/// A violated constraint in words.
fn violation_text(v: &Violation) -> String {
    match v {
        Violation::CapacityExceeded { host, capacity, assigned } => {
            format!("host {host} holds {assigned} seekers, capacity {capacity}")
        }
        Violation::UnacceptablePair { seeker, host } => {
            format!("pair ({seeker}, {host}) is not acceptable to both")
        }
        Violation::ForbiddenPair { seeker, host } => {
            format!("pair ({seeker}, {host}) is forbidden")
        }
        Violation::RequiredMissing { seeker, host } => {
            format!("required pair ({seeker}, {host}) is not matched")
        }
        Violation::BudgetExceeded { max_hosts, used } => {
            format!("{used} hosts receive seekers, the budget allows {max_hosts}")
        }
        Violation::HostNotSelected { seeker, host } => {
            format!("seeker {seeker} is matched to {host}, which is not selected")
        }
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}
