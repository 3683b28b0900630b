//! The pages of the pairing flow: a matching, a verification, suggestions
//! and a cohort run, each checked against values worked out by hand or
//! read from the run itself.

use twinning_core::Block;
use twinning_matcher::{Instance, Limits, Side, deferred_acceptance, verify};
use twinning_pairing::{
    Plan, SAMPLE_BANNER, match_page, no_super_stable_page, sample_learners, suggestions_page,
    verify_page,
};
use twinning_profile::Catalogue;

/// Three seekers, three hosts. Seeker-proposing deferred acceptance, by
/// hand: all three propose to h1 (capacity 1), which keeps s2; s1 then
/// proposes to h2, which takes it; s3 has no one left. So s1–h2 (s1's
/// 2nd choice, h2's 1st), s2–h1 (both 1st), s3 unmatched.
const SMALL: &str = r#"{
  "seekers": [
    {"id": "s1", "preferences": ["h1", "h2"]},
    {"id": "s2", "preferences": ["h1", ["h2", "h3"]]},
    {"id": "s3", "preferences": ["h1"]}
  ],
  "hosts": [
    {"id": "h1", "capacity": 1, "preferences": ["s2", "s1", "s3"]},
    {"id": "h2", "capacity": 1, "preferences": ["s1", "s2"]},
    {"id": "h3", "capacity": 2, "preferences": ["s2"]}
  ]
}"#;

fn small() -> Instance {
    Instance::from_json(SMALL, &Limits::default()).unwrap()
}

fn table(blocks: &[Block], heading: &str) -> twinning_core::PageTable {
    let at = blocks.iter().position(|b| *b == Block::Heading(heading.to_owned())).unwrap();
    match &blocks[at + 1] {
        Block::Table(t) => t.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_matching_page_shows_pairs_ranks_and_the_unmatched() {
    let instance = small();
    let m = deferred_acceptance(&instance, Side::Seeker, 0);
    let explanation = twinning_matcher::explain(&instance, &m).unwrap();
    let page = match_page(&instance, &m, &explanation);
    let Block::Title(title) = &page.blocks[0] else { panic!("no title") };
    assert!(title.starts_with("Matching (seeker-proposing deferred acceptance"), "{title}");
    let pairs = table(&page.blocks, "Pairs");
    let rows: Vec<&[String]> = pairs.rows.iter().map(|r| &r[..4]).collect();
    assert_eq!(rows, [["s1", "h2", "2", "1"], ["s2", "h1", "1", "1"]]);
    let at = page.blocks.iter().position(|b| *b == Block::Heading("Unmatched seekers".to_owned()));
    assert_eq!(page.blocks[at.unwrap() + 1], Block::Text("s3".to_owned()));
    let text = page.to_text();
    assert!(text.contains("Matched:           2 of 3"), "{text}");
    // One sentence per seeker.
    assert!(matches!(page.blocks.last(), Some(Block::List(l)) if l.len() == 3));
}

#[test]
fn a_matching_page_says_when_the_time_limit_cut_the_explanation() {
    let instance = small();
    let m = deferred_acceptance(&instance, Side::Seeker, 0);
    // A deadline already past explains nobody.
    let past = std::time::Instant::now();
    let none = twinning_matcher::explain_until(&instance, &m, Some(past)).unwrap();
    let page = match_page(&instance, &m, &none).to_text();
    assert!(page.contains("No seeker is explained: the time limit came first."), "{page}");
    assert!(page.contains("Raise --time-limit"), "{page}");
    // A whole explanation says nothing of the kind.
    let whole = twinning_matcher::explain(&instance, &m).unwrap();
    let page = match_page(&instance, &m, &whole).to_text();
    assert!(!page.contains("time limit came first"), "{page}");
}

#[test]
fn a_verification_page_names_blocking_pairs() {
    let instance = small();
    let stable = deferred_acceptance(&instance, Side::Seeker, 0);
    let v = verify(&instance, &stable, None).unwrap();
    let page = verify_page("r.json", &v);
    assert_eq!(
        page.blocks[0],
        Block::Title(format!("Verification of r.json: passed ({})", v.required))
    );

    // Without s1–h2, s1 and h2 each prefer the other to what they have.
    let mut broken = stable.clone();
    broken.pairs.retain(|p| p.seeker != "s1");
    broken.unmatched.insert(0, "s1".to_owned());
    let v = verify(&instance, &broken, None).unwrap();
    assert!(!v.passed);
    let page = verify_page("r.json", &v);
    assert_eq!(
        page.blocks[0],
        Block::Title(format!("Verification of r.json: failed ({})", v.required))
    );
    let blocking = table(&page.blocks, "Blocking pairs");
    assert!(blocking.rows.iter().any(|r| r[0] == "s1" && r[1] == "h2"), "{blocking:?}");
}

#[test]
fn no_super_stable_page_says_why() {
    let md = no_super_stable_page("h1 <script> ties").to_markdown();
    // The reason is text: its tag is escaped, as CommonMark allows.
    assert_eq!(md, "# No super-stable matching exists\n\nh1 \\<script\\> ties\n");
}

#[test]
fn cohort_run_pages_carry_the_sample_banner_and_their_figures() {
    let catalogue = Catalogue::try_builtin().unwrap();
    let plan = Plan::cohort5(catalogue, sample_learners(catalogue).unwrap()).unwrap();
    let run = plan.run("2026-05-01T12:00:00+02:00".parse().unwrap()).unwrap();

    let report = run.to_page("out").to_markdown();
    assert!(report.starts_with("# Twinning cohort 5, end to end (demo)\n"));
    assert!(report.contains(&twinning_core::escape_markdown(SAMPLE_BANNER)));
    assert!(report.contains("In out: instance.json"));

    let summary = run.summary_page("out/report.md");
    let text = summary.to_text();
    assert!(text.contains("Full report: out/report.md"), "{text}");
    let selected = run.matching.selected_hosts.clone().unwrap_or_default();
    assert_eq!(table(&summary.blocks, "Pairs").rows.len(), selected.len());

    let figures = run.summary(&["a.json", "b.md"]);
    assert_eq!(figures.files, ["a.json", "b.md"]);
    assert_eq!(figures.stable, run.is_stable());
    assert_eq!(figures.pairs.len(), run.pairs.pairs.len());

    let sample = run.sample_suggestions();
    assert!(sample.sample_data);
    assert!(sample.learners.iter().all(|l| l.id.starts_with(twinning_pairing::SAMPLE_PREFIX)));

    let answer = twinning_pairing::SuggestAnswer::new(&run.suggestions, &run.instance);
    assert_eq!(&answer.instance, run.instance.spec());
    assert_eq!(answer.suggestions, run.suggestions);
    let json = serde_json::to_value(&answer).unwrap();
    assert_eq!(json["scoring_rule"], twinning_pairing::scoring_rule());

    let page = suggestions_page(&run.learners, &run.peers, &run.suggestions);
    let headings = page.blocks.iter().filter(|b| matches!(b, Block::Heading(_))).count();
    assert_eq!(headings, run.learners.len());
}
