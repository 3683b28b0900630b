//! The eligibility pages for people: one decision, a batch, the rule sets.
//! Their JSON is the library's own documents ([`Decision`], [`Batch`],
//! [`RuleSet`]); these are the [`Page`]s the command line and the web
//! pages render.

use twinning_core::{Block, Page, PageTable, serde_key};

use crate::{Batch, Decision, Outcome, RuleSet};

impl Decision {
    /// The decision for people: the verdict, the rule set and instant, one
    /// row per criterion with its sentence, and any conflict between what
    /// the applicant declared and the registry.
    pub fn to_page(&self) -> Page {
        let mut doc = Page::new();
        doc.push(Block::Title(format!("{}: {}", self.applicant(), self.verdict())));
        doc.push(Block::Fields(vec![
            ("Rules".to_owned(), self.rule_set().to_owned()),
            ("Cohort".to_owned(), self.cohort().to_string()),
            ("Role".to_owned(), self.role().to_string()),
            (
                "Evaluated at".to_owned(),
                self.evaluated_at().format("%Y-%m-%d %H:%M %:z").to_string(),
            ),
        ]));
        let mut t = PageTable::new(&["Criterion", "Outcome", "Why"]);
        for o in self.outcomes() {
            t.row(vec![o.criterion.to_string(), serde_key(&o.outcome), o.sentence.clone()]);
        }
        doc.push(Block::Heading("Criteria".to_owned()));
        doc.push(Block::Table(t));
        if !self.conflicts().is_empty() {
            let mut t = PageTable::new(&["Field", "Declared", "Registry", "Resolution"]);
            for c in self.conflicts() {
                t.row(vec![
                    c.field.clone(),
                    c.declared.clone(),
                    c.registry.clone(),
                    c.resolution.clone(),
                ]);
            }
            doc.push(Block::Heading("Conflicts with the registry".to_owned()));
            doc.push(Block::Table(t));
        }
        doc
    }
}

impl Batch {
    /// The batch for people, under the title of the rule set applied: how
    /// the table was read, the summary, failures by criterion, then one row
    /// per applicant with why not or what is missing. Its sheets (for CSV
    /// and `.xlsx`) are the decisions table of [`Batch::table`], the
    /// summary and the reading notes.
    pub fn to_page(&self, rules_title: &str) -> Page {
        let mut doc = Page::new();
        let s = &self.summary;
        doc.push(Block::Title(format!("Eligibility: {rules_title}")));
        if !self.notes.is_empty() {
            doc.push(Block::Heading("How the table was read".to_owned()));
            doc.push(Block::List(self.notes.clone()));
        }
        let mut summary = PageTable::new(&["Verdict", "Applicants"]);
        summary.row(vec!["eligible".to_owned(), s.eligible.to_string()]);
        summary.row(vec!["ineligible".to_owned(), s.ineligible.to_string()]);
        summary.row(vec!["undetermined".to_owned(), s.undetermined.to_string()]);
        summary.row(vec!["total".to_owned(), s.total.to_string()]);
        doc.push(Block::Heading("Summary".to_owned()));
        doc.push(Block::Table(summary.clone()));
        if !s.failed_by_criterion.is_empty() || !s.unknown_by_criterion.is_empty() {
            let mut t = PageTable::new(&["Criterion", "Failed", "Unknown"]);
            let mut keys: Vec<&String> =
                s.failed_by_criterion.keys().chain(s.unknown_by_criterion.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                t.row(vec![
                    k.clone(),
                    s.failed_by_criterion.get(k).copied().unwrap_or(0).to_string(),
                    s.unknown_by_criterion.get(k).copied().unwrap_or(0).to_string(),
                ]);
            }
            doc.push(Block::Heading("By criterion".to_owned()));
            doc.push(Block::Table(t));
        }
        doc.push(Block::Heading("Applicants".to_owned()));
        doc.push(Block::Table(self.applicants_table()));
        let (headers, rows) = self.table();
        doc.sheets.push(("Decisions".to_owned(), PageTable { headers, rows }));
        doc.sheets.push(("Summary".to_owned(), summary));
        if !self.notes.is_empty() {
            let mut notes = PageTable::new(&["How the table was read"]);
            for n in &self.notes {
                notes.row(vec![n.clone()]);
            }
            doc.sheets.push(("Notes".to_owned(), notes));
        }
        doc
    }

    /// One row per applicant: its reference (when the table had them), name,
    /// verdict, and every criterion not passed, conflict and duplicate.
    fn applicants_table(&self) -> PageTable {
        let with_refs = self.rows.iter().any(|r| r.reference.is_some());
        let mut headers = vec!["Applicant", "Verdict", "Why not, or what is missing"];
        if with_refs {
            headers.insert(0, "Ref");
        }
        let mut t = PageTable::new(&headers);
        for (i, d) in self.decisions.iter().enumerate() {
            let row = self.rows.get(i);
            let mut why: Vec<String> = d
                .outcomes()
                .iter()
                .filter(|c| c.outcome != Outcome::Passed)
                .map(|c| format!("{}: {}", c.criterion, c.sentence))
                .collect();
            for c in d.conflicts() {
                why.push(format!("conflict on {}: {}", c.field, c.resolution));
            }
            if let Some(first) = row.and_then(|r| r.duplicate_of.as_ref()) {
                why.push(format!("duplicate of {first}"));
            }
            let mut cells = vec![d.applicant().to_owned(), d.verdict().to_string(), why.join("\n")];
            if with_refs {
                cells.insert(0, row.and_then(|r| r.reference.clone()).unwrap_or_default());
            }
            t.row(cells);
        }
        t
    }
}

/// Rule sets for people: for each, its cohort, role and title, and a row
/// per criterion with its condition and source.
pub fn rules_page(sets: &[RuleSet]) -> Page {
    let mut doc = Page::new();
    doc.push(Block::Title("Eligibility rules".to_owned()));
    for r in sets {
        doc.push(Block::Heading(format!("Cohort {}, {}: {}", r.cohort(), r.role(), r.title())));
        let mut t = PageTable::new(&["Criterion", "Condition", "Source"]);
        for c in r.criteria() {
            t.row(vec![c.id.to_string(), c.summary.clone(), c.provenance.to_string()]);
        }
        doc.push(Block::Table(t));
    }
    doc
}
