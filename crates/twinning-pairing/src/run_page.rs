//! The pages of a cohort's pairing run ([`PairingRun`]): the full report,
//! the short summary, and the JSON views of the summary and of the sample
//! suggestions.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use twinning_cohort::Milestone;
use twinning_core::{Block, Page, PageTable, serde_key};
use twinning_eligibility::{Outcome, Summary, Verdict};
use twinning_matcher::{Explanation, Pair};

use crate::{
    Interest, PairingRun, Ranked, Words, optimality_text, scoring_rule, sentence, sentences,
};

/// The styles of [`PairingRun::to_html`]: readable type, tables, and the
/// colours of the drawings' classes ([`twinning_cohort::TIMELINE_CLASSES`],
/// [`crate::PAIRS_CLASSES`]). Contrast meets WCAG 2.2 AA.
const REPORT_CSS: &str = "body { font-family: system-ui, sans-serif; color: #0b0c0c; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
table { border-collapse: collapse; margin: 0 0 1.5rem; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.3rem 0.6rem; text-align: left; vertical-align: top; }
svg text { font-family: system-ui, sans-serif; font-size: 13px; fill: #0b0c0c; }
.timeline, .pairs { width: 100%; height: auto; margin: 0 0 1.5rem; }
.timeline .axis { stroke: #b1b4b6; }
.timeline .grid { stroke: #e2e3e4; }
.timeline .month { fill: #505a5f; font-size: 12px; }
.timeline .phase { fill: #1d70b8; }
.timeline .deadline { fill: #d4351c; }
.timeline .event { fill: #1d4f91; }
.timeline .today { stroke: #d4351c; stroke-width: 2; stroke-dasharray: 4 3; }
.timeline .today-label { fill: #b10e1e; font-weight: 700; }
.pairs .heading { font-weight: 700; }
.pairs .pair { stroke: #1d70b8; stroke-width: 2; }
.pairs .seeker { fill: #1d70b8; }
.pairs .seeker.unmatched { fill: #fff; stroke: #d4351c; stroke-width: 2; }
.pairs .host { fill: #fff; stroke: #505a5f; stroke-width: 1.5; }
.pairs .host.selected { fill: #00703c; stroke: #00703c; }
.pairs .selected-label { font-weight: 700; }
";

/// The warning every page of a run on sample learners carries.
pub const SAMPLE_BANNER: &str = "ILLUSTRATIVE RUN: the Mission Cities below are real, but \
their learning interests are SAMPLE DATA written for this demo, and their ids carry the prefix \
`sample-`. The Mission-minded cities, their practices, projects and the cohort 5 rules and \
calendar come from the built-in catalogue with their sources.";

/// A learner of a run on sample data, with its sample interests.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SampleLearner {
    /// Its id (`sample-…`).
    pub id: String,
    /// The real city's name.
    pub name: String,
    /// Its learning interests: sample data.
    pub sample_interests: Vec<Interest>,
}

/// The suggestions of a run on sample learners, marked as sample data.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SampleSuggestions {
    /// Always true: the learners' interests are sample data.
    pub sample_data: bool,
    /// The [`SAMPLE_BANNER`].
    pub note: String,
    /// The learners with their sample interests.
    pub learners: Vec<SampleLearner>,
    /// For each learner id, its ranked peers with the shared themes.
    pub ranked_peers: BTreeMap<String, Vec<Ranked>>,
}

/// The outcome of a run on sample learners, in figures.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RunSummary {
    /// The run instant.
    pub at: DateTime<FixedOffset>,
    /// Always true: the learners' interests are sample data.
    pub sample_data: bool,
    /// The eligibility counts.
    pub eligibility: Summary,
    /// The selected peers (hosts), by id.
    pub selected_hosts: Vec<String>,
    /// The pairs, by id.
    pub pairs: Vec<Pair>,
    /// The learners left unmatched, by id.
    pub unmatched: Vec<String>,
    /// Whether the independent checker found the matching feasible and
    /// free of blocking pairs among the selected hosts.
    pub stable: bool,
    /// Why each learner got its peer, or none.
    pub explanation: Explanation,
    /// The cohort's next milestones after the run instant.
    pub next_milestones: Vec<Milestone>,
    /// The files written with the run, by name.
    pub files: Vec<String>,
}

impl PairingRun<'_> {
    /// The suggestions of a run on sample learners, marked as such.
    pub fn sample_suggestions(&self) -> SampleSuggestions {
        SampleSuggestions {
            sample_data: true,
            note: SAMPLE_BANNER.to_owned(),
            learners: self
                .learners
                .iter()
                .map(|l| SampleLearner {
                    id: l.id.clone(),
                    name: l.name.clone(),
                    sample_interests: l.goals.clone(),
                })
                .collect(),
            ranked_peers: self.suggestions.learners.clone(),
        }
    }

    /// The run in figures, naming the `files` written with it.
    pub fn summary(&self, files: &[&str]) -> RunSummary {
        RunSummary {
            at: self.at,
            sample_data: true,
            eligibility: self.eligibility.summary.clone(),
            selected_hosts: self.matching.selected_hosts.clone().unwrap_or_default(),
            pairs: self.matching.pairs.clone(),
            unmatched: self.matching.unmatched.clone(),
            stable: self.is_stable(),
            explanation: self.explanation.clone(),
            next_milestones: self.next_milestones.clone(),
            files: files.iter().map(|f| (*f).to_owned()).collect(),
        }
    }

    /// Calls `f` with the words of a run: cities by name, Mission Cities
    /// "twinned with" their peers.
    fn with_words<R>(&self, f: impl FnOnce(&Words<'_>) -> R) -> R {
        let name = |id: &str| self.roster.name(id);
        f(&Words {
            name: &name,
            seekers: "Mission Cities",
            matched: "twinned with",
            unmatched: "not twinned",
            ties: self.instance.instance().has_ties(),
        })
    }

    /// The full report as one self-contained HTML file (the demo's
    /// `report.html`): the cohort's timeline and the pairs drawn as SVG, then
    /// [`PairingRun::to_page`] as HTML. Styles are inside the file and
    /// nothing is fetched, so it opens offline; every text is escaped.
    #[must_use]
    pub fn to_html(&self, folder: &str) -> String {
        // The title, the sample-data banner and the run's facts first, then
        // the drawings, then the rest of the report.
        let mut head = self.to_page(folder);
        let rest = Page { blocks: head.blocks.split_off(head.blocks.len().min(3)), ..Page::new() };
        let timeline = twinning_cohort::timeline_svg(self.cohort, Some(self.at.date_naive()))
            .unwrap_or_default();
        let pairs = crate::drawing::pairs_svg(&self.matching, self.roster.names());
        let title = twinning_core::escape_html(&format!(
            "Twinning {}, end to end (demo)",
            self.cohort.name()
        ));
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{title}</title>\n<style>\n{REPORT_CSS}</style>\n</head>\n<body>\n<main>\n\
             {}<h2>Timeline</h2>\n{timeline}\n<h2>The pairs</h2>\n{pairs}\n{}</main>\n</body>\n</html>\n",
            head.to_html(),
            rest.to_html()
        )
    }

    /// The full report of a run on sample learners (the demo's
    /// `report.md`): every candidate's verdict, the suggested lists, the
    /// selection and matching with the independent check, why each learner
    /// got its twin, the next milestones, and what the files in `folder`
    /// hold.
    pub fn to_page(&self, folder: &str) -> Page {
        let mut doc = Page::new();
        doc.push(Block::Title("Twinning cohort 5, end to end (demo)".to_owned()));
        doc.push(Block::Text(SAMPLE_BANNER.to_owned()));
        doc.push(Block::Fields(vec![
            ("Run instant".to_owned(), self.at.format("%Y-%m-%d %H:%M %:z").to_string()),
            ("Cohort".to_owned(), self.cohort.name().to_owned()),
            (
                "Phase at run".to_owned(),
                self.cohort.phase_at(self.at).map_or("none".to_owned(), |p| p.title.clone()),
            ),
        ]));
        self.push_eligibility(&mut doc);
        self.push_suggestions(&mut doc);
        self.push_matching(&mut doc);
        doc.push(Block::Heading("4. Why each Mission City got its twin".to_owned()));
        doc.push(Block::List(self.with_words(|w| sentences(&self.explanation, w))));
        doc.push(Block::Heading(format!(
            "5. Next milestones after {}",
            self.at.format("%Y-%m-%d")
        )));
        let mut t = PageTable::new(&["When", "Milestone", "Source"]);
        for m in &self.next_milestones {
            t.row(vec![m.when.to_human(), m.title.clone(), m.provenance.to_string()]);
        }
        doc.push(t.or_text("None: the programme has ended."));
        doc.push(Block::Heading("Files".to_owned()));
        doc.push(Block::Text(format!(
            "In {folder}: instance.json (the matcher instance: edit it and run `twinning match`), \
             result.json (the result document), eligibility.json (the decisions), \
             suggestions.json (the ranked lists with their shared themes), report.md (this \
             report) and cohort-5.ics (the cohort 5 calendar)."
        )));
        doc
    }

    fn push_eligibility(&self, doc: &mut Page) {
        let s = &self.eligibility.summary;
        doc.push(Block::Heading(format!("1. Eligibility of the {} candidates", s.total)));
        doc.push(Block::Text(format!(
            "Rules: {}. Each candidate declares what the catalogue records: its partner \
             projects, that it was invited (the catalogue lists invited cities), and a \
             registration on {} (assumed: no source gives the instants). Eligible: {}, \
             ineligible: {}, undetermined: {}. Undetermined candidates stay in the pool as \
             hosts, flagged; ineligible ones are left out.",
            self.rules.title(),
            self.settings.submitted_at.to_rfc3339(),
            s.eligible,
            s.ineligible,
            s.undetermined
        )));
        let mut t = PageTable::new(&["City", "Country", "Verdict", "Failed or unknown"]);
        for (c, d) in self.candidates.iter().zip(&self.eligibility.decisions) {
            let open: Vec<String> = d
                .outcomes()
                .iter()
                .filter(|o| o.outcome != Outcome::Passed)
                .map(|o| format!("{} ({})", o.criterion, serde_key(&o.outcome)))
                .collect();
            t.row(vec![
                c.name().to_owned(),
                c.country().to_string(),
                d.verdict().to_string(),
                open.join(", "),
            ]);
        }
        doc.push(Block::Table(t));
    }

    fn push_suggestions(&self, doc: &mut Page) {
        doc.push(Block::Heading("2. Suggested preferences (SAMPLE interests)".to_owned()));
        doc.push(Block::Text(format!(
            "{} illustrative Mission Cities rank the {} hosts whose tested practices share a \
             theme with their sample learning interests (top {}, ties kept); {}.",
            self.learners.len(),
            self.peers.len(),
            self.settings.suggest.max_len.unwrap_or_default(),
            scoring_rule()
        )));
        let mut t =
            PageTable::new(&["Mission City (sample)", "Sample interests", "Top suggestions"]);
        for l in &self.learners {
            let interests: Vec<&str> = l.goals.iter().map(|g| g.title.as_str()).collect();
            let top: Vec<String> = self
                .suggestions
                .of_learner(&l.id)
                .iter()
                .take(3)
                .map(|r| format!("{}. {} ({})", r.rank, r.name, r.affinity.score))
                .collect();
            t.row(vec![l.name.clone(), interests.join("; "), top.join("; ")]);
        }
        doc.push(Block::Table(t));
    }

    fn push_matching(&self, doc: &mut Page) {
        let seats = self.settings.seats;
        let max_hosts = seats.max_hosts.unwrap_or_default();
        doc.push(Block::Heading(format!(
            "3. Selection of at most {max_hosts} hosts and the matching"
        )));
        let selected = self.pairs.selected_peers.clone().unwrap_or_default();
        doc.push(Block::Text(format!(
            "Mechanism: {}: the hosts (at most {max_hosts}) and the assignment that maximise \
             the total affinity score; each host takes up to {} Mission Cities (illustrative). \
             The independent checker then tests the result for stability among the selected \
             hosts. Selected hosts ({}): {}.",
            self.matching.mechanism.name,
            seats.per_host,
            selected.len(),
            selected.iter().map(|h| h.name.as_str()).collect::<Vec<_>>().join(", ")
        )));
        let mut t =
            PageTable::new(&["Mission City (sample)", "Twinned with", "Rank", "Shared themes"]);
        for p in &self.pairs.pairs {
            let shared: Vec<&str> = p.shared.iter().map(|x| x.theme.key()).collect();
            t.row(vec![
                p.learner.name.clone(),
                p.peer.name.clone(),
                p.learner_rank.to_string(),
                shared.join(", "),
            ]);
        }
        doc.push(Block::Table(t));
        let metrics = &self.matching.metrics;
        let unmatched: Vec<&str> = self.pairs.unmatched.iter().map(|u| u.name.as_str()).collect();
        let mut fields = vec![
            ("Matched".to_owned(), format!("{} of {}", metrics.matched, self.learners.len())),
            (
                "Unmatched".to_owned(),
                if unmatched.is_empty() { "none".to_owned() } else { unmatched.join(", ") },
            ),
            (
                "First choices".to_owned(),
                metrics.rank_profile.first().copied().unwrap_or(0).to_string(),
            ),
        ];
        if let Some(o) = &self.matching.optimality {
            fields.push(("Optimality".to_owned(), optimality_text(o)));
        }
        fields.push((
            "Independent check".to_owned(),
            if self.is_stable() {
                "no violated constraint, no blocking pair among the selected hosts".to_owned()
            } else {
                format!(
                    "{} violations, {} blocking pairs (see result.json)",
                    self.check.violations.len(),
                    self.check.blocking_pairs.len()
                )
            },
        ));
        doc.push(Block::Fields(fields));
    }

    /// The short answer of a run: the sample-data warning, the outcome in
    /// figures, who is twinned with whom (one row per host), anyone left
    /// out and why, the next two milestones, and where the full report
    /// (`report`) is.
    pub fn summary_page(&self, report: &str) -> Page {
        let r = &self.matching;
        let e = &self.eligibility.summary;
        let seats = self.settings.seats;
        let mut doc = Page::new();
        doc.push(Block::Title("Twinning cohort 5, end to end (demo)".to_owned()));
        doc.push(Block::Text(
            "ILLUSTRATIVE RUN: real Mission Cities with SAMPLE learning interests (ids \
             `sample-…`); the candidates, rules and calendar are the built-in catalogue's."
                .to_owned(),
        ));
        let selected = r.selected_hosts.clone().unwrap_or_default();
        let seekers = r.metrics.matched + r.metrics.unmatched;
        let phase = self.cohort.phase_at(self.at).map_or("no phase running", |p| p.title.as_str());
        let mut fields = vec![
            (
                "Run instant".to_owned(),
                format!("{} ({phase})", self.at.format("%Y-%m-%d %H:%M %:z")),
            ),
            (
                "Eligibility".to_owned(),
                format!(
                    "{} candidates: {} eligible, {} ineligible, {} undetermined",
                    e.total, e.eligible, e.ineligible, e.undetermined
                ),
            ),
        ];
        for (verdict, label, note) in [
            (Verdict::Ineligible, "Ineligible", "left out of the host pool"),
            (Verdict::Undetermined, "Undetermined", "kept as hosts, flagged"),
        ] {
            let names: Vec<&str> = self.with_verdict(verdict).map(|(_, d)| d.applicant()).collect();
            if !names.is_empty() {
                fields.push((label.to_owned(), format!("{} ({note})", names.join(", "))));
            }
        }
        fields.extend([
            (
                "Hosts selected".to_owned(),
                format!(
                    "{} of at most {}, {} seats each",
                    selected.len(),
                    seats.max_hosts.unwrap_or_default(),
                    seats.per_host
                ),
            ),
            (
                "Twinned".to_owned(),
                format!(
                    "{} of {seekers} Mission Cities, {} with their first choice",
                    r.metrics.matched,
                    r.metrics.rank_profile.first().copied().unwrap_or(0)
                ),
            ),
        ]);
        if let Some(o) = &r.optimality {
            fields.push(("Optimality".to_owned(), optimality_text(o)));
        }
        fields.push((
            "Checker".to_owned(),
            if self.is_stable() {
                "feasible, no blocking pair among the selected hosts".to_owned()
            } else {
                "blocking pairs or violations: see report.md".to_owned()
            },
        ));
        doc.push(Block::Fields(fields));

        let mut t = PageTable::new(&["Host", "Twinned with (sample)"]);
        for h in &selected {
            let guests: Vec<String> = r
                .pairs
                .iter()
                .filter(|p| &p.host == h)
                .map(|p| self.roster.name(&p.seeker))
                .collect();
            t.row(vec![self.roster.name(h), guests.join(", ")]);
        }
        doc.push(Block::Heading("Pairs".to_owned()));
        doc.push(t.or_text("None."));
        let left_out: Vec<String> = self.with_words(|w| {
            self.explanation
                .seekers
                .iter()
                .filter(|x| x.host.is_none())
                .map(|x| sentence(x, w))
                .collect()
        });
        if !left_out.is_empty() {
            doc.push(Block::Heading("Not twinned".to_owned()));
            doc.push(Block::List(left_out));
        }
        doc.push(Block::Heading("Next milestones".to_owned()));
        let next: Vec<String> = self
            .next_milestones
            .iter()
            .take(2)
            .map(|m| format!("{}: {}", m.when.to_human(), m.title))
            .collect();
        doc.push(if next.is_empty() {
            Block::Text("None: the programme has ended.".to_owned())
        } else {
            Block::List(next)
        });
        doc.push(Block::Text(format!(
            "Full report: {report} (every candidate's verdict, the suggested lists, why each \
             Mission City got its twin, sources). Also written there: instance.json, \
             result.json, eligibility.json, suggestions.json, cohort-5.ics."
        )));
        doc
    }
}
