//! The pairs drawn: one line per pair, names escaped, selected hosts marked.

use std::collections::BTreeMap;

use twinning_matcher::Matching;

#[test]
fn the_pairs_are_drawn_with_names_escaped_and_selected_hosts_marked() {
    let cat = twinning_profile::Catalogue::builtin();
    let plan =
        twinning_pairing::Plan::cohort5(cat, twinning_pairing::sample_learners(cat).unwrap())
            .unwrap();
    let at = chrono::DateTime::parse_from_rfc3339("2026-05-01T12:00:00+02:00").unwrap();
    let run = plan.run(at).unwrap();
    let m: &Matching = &run.matching;
    let svg = twinning_pairing::pairs_svg(m, run.roster.names());
    assert_eq!(svg.matches("class=\"pair\"").count(), m.pairs.len());
    let selected = m.selected_hosts.as_ref().map_or(0, Vec::len);
    assert!(selected > 0);
    assert_eq!(svg.matches("class=\"host selected\"").count(), selected);
    // Every learner appears by its name, not its id.
    for p in &m.pairs {
        let name = &run.roster.names()[&p.seeker];
        assert!(svg.contains(&twinning_core::escape_html(name)), "{name}");
    }
    // A hostile name is text.
    let mut names = BTreeMap::new();
    if let Some(p) = m.pairs.first() {
        names.insert(p.seeker.clone(), "<script>alert(1)</script>".to_owned());
    }
    let hostile = twinning_pairing::pairs_svg(m, &names);
    assert!(!hostile.contains("<script>") && hostile.contains("&lt;script&gt;"));
}
