//! Diagrams that render: every Mermaid chart the command line writes is
//! parsed by Mermaid's own grammar (the `mermaid` npm package, pinned in
//! `tests/tools/mermaid`, run under Node), for the built-in cohorts and for
//! hostile titles.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

/// The folder of the Mermaid checker, or `None` (with a note) when its
/// packages are not installed on a developer's machine. CI installs them
/// (`.ci/run`) and a missing install fails there.
fn checker() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/tools/mermaid");
    let ready = dir.join("node_modules/mermaid/package.json").exists()
        && Command::new("node").arg("--version").output().is_ok();
    if ready {
        return Some(dir);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must install the Mermaid checker: npm ci --prefix tests/tools/mermaid"
    );
    eprintln!("skipped: run `npm ci --prefix tests/tools/mermaid` to parse charts with Mermaid");
    None
}

/// Runs Mermaid's parser on `files`; every file must parse.
fn assert_mermaid_parses(files: &[PathBuf]) {
    let Some(dir) = checker() else { return };
    let out = Command::new("node").arg(dir.join("check.mjs")).args(files).output().unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(report.lines().filter(|l| l.starts_with("ok ")).count(), files.len(), "{report}");
}

/// The ```mermaid blocks of a Markdown text.
fn mermaid_blocks(markdown: &str) -> Vec<String> {
    markdown
        .split("```mermaid\n")
        .skip(1)
        .filter_map(|b| b.split("```").next().map(str::to_owned))
        .collect()
}

#[test]
fn every_chart_parses_in_mermaid_including_hostile_titles() {
    let dir = scratch("mermaid");
    let mut files = Vec::new();
    for n in 1..=5 {
        let path = dir.join(format!("cohort-{n}.mmd"));
        let run = twinning(&["cohort", "timeline", &n.to_string(), "-o", path.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        files.push(path);
    }

    // A cohort whose titles start with Mermaid's keywords and hold its
    // separators, a date and a comment mark.
    let mut cohort: serde_json::Value =
        serde_json::from_str(&read(Path::new(&data("cohort-6.json")))).unwrap();
    cohort["name"] = "Cohort 6: 100% #hostile; title".into();
    let hostile = [
        "Call for Mission-minded cities: open",
        "Title page; section 2",
        "2027-01-11 kick-off #1",
        "click here: %% not a comment",
        "Section: excludes weekends",
        "dateFormat YYYY",
        "accTitle: x",
    ];
    for (phase, title) in cohort["phases"].as_array_mut().unwrap().iter_mut().zip(hostile) {
        phase["title"] = title.into();
    }
    for (activity, title) in
        cohort["activities"].as_array_mut().unwrap().iter_mut().zip(hostile.iter().rev())
    {
        activity["title"] = (*title).into();
    }
    let hostile_file = dir.join("hostile-cohort.json");
    std::fs::write(&hostile_file, cohort.to_string()).unwrap();
    let path = dir.join("hostile.mmd");
    let run = twinning(&[
        "cohort",
        "timeline",
        hostile_file.to_str().unwrap(),
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let chart = read(&path);
    assert!(chart.contains("#67;all for Mission-minded cities#58; open"), "{chart}");
    files.push(path);

    // An action plan whose actions have hostile titles, rendered to Markdown.
    let mut plan: serde_json::Value =
        serde_json::from_str(&read(Path::new(&data("output-action-plan.json")))).unwrap();
    for (action, title) in
        plan["body"]["content"]["actions"].as_array_mut().unwrap().iter_mut().zip(hostile)
    {
        action["title"] = title.into();
    }
    let plan_file = dir.join("plan.json");
    std::fs::write(&plan_file, plan.to_string()).unwrap();
    let run = twinning(&["outputs", "render", plan_file.to_str().unwrap(), "--format", "markdown"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let blocks = mermaid_blocks(&run.stdout);
    assert!(!blocks.is_empty(), "{}", run.stdout);
    for (i, b) in blocks.iter().enumerate() {
        let p = dir.join(format!("plan-{i}.mmd"));
        std::fs::write(&p, b).unwrap();
        files.push(p);
    }
    assert_mermaid_parses(&files);
}

#[test]
fn the_checker_refuses_a_chart_mermaid_cannot_read() {
    // The checker must not pass everything: the chart cohorts 1-4 used to
    // get ("Call for …" read as a callback) and a bad date both fail.
    let Some(dir) = checker() else { return };
    let scratch = scratch("mermaid-bad");
    let bad = [
        "gantt\n    dateFormat YYYY-MM-DD\n    Call for Twin Cities open :p1, 2023-05-01, 2023-07-01\n",
        "gantt\n    dateFormat YYYY-MM-DD\n    Phase :p1, 2023-13-01, 2023-07-01\n",
    ];
    for (i, text) in bad.iter().enumerate() {
        let p = scratch.join(format!("bad-{i}.mmd"));
        std::fs::write(&p, text).unwrap();
        let out = Command::new("node").arg(dir.join("check.mjs")).arg(&p).output().unwrap();
        assert!(!out.status.success(), "{text}");
    }
}

/// Graphviz's `dot`, or `None` (with a note) when it is not installed on a
/// developer's machine. CI installs it (`.ci/run`) and a missing one fails
/// there.
fn graphviz() -> bool {
    if Command::new("dot").arg("-V").output().is_ok() {
        return true;
    }
    assert!(std::env::var_os("CI").is_none(), "CI must install Graphviz: apt-get install graphviz");
    eprintln!("skipped: install Graphviz (`dot`) to parse the DOT drawings");
    false
}

#[test]
fn the_dot_drawing_names_cities_has_a_legend_and_parses_in_graphviz() {
    if !graphviz() {
        return;
    }
    // Ids as `suggest` writes them (catalogue slugs), one that is no slug, and a quote.
    let dir = scratch("dot-names");
    let instance = dir.join("instance.json");
    std::fs::write(
        &instance,
        r#"{"seekers":[{"id":"plzen","preferences":["gent","agueda"]},{"id":"x \"q\"","preferences":["gent"]}],
            "hosts":[{"id":"gent","capacity":1,"preferences":["plzen","x \"q\""]},
                     {"id":"agueda","capacity":1,"preferences":["plzen"]}]}"#,
    )
    .unwrap();
    let run = twinning(&["match", instance.to_str().unwrap(), "--dot", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dot_file = dir.join("m.dot");
    std::fs::write(&dot_file, &run.stdout).unwrap();
    let out = Command::new("dot").arg("-Tjson").arg(&dot_file).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let graph: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let label = |name: &str| {
        graph["objects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == name)
            .map(|o| o["label"].as_str().unwrap().to_owned())
    };
    // The catalogue's names (seed 000: Plzeň, Gent, Águeda), not the slugs.
    assert_eq!(label("s0").as_deref(), Some("Plzeň"));
    assert_eq!(label("h0").as_deref(), Some("Gent"));
    assert_eq!(label("h1").as_deref(), Some("Águeda"));
    assert_eq!(label("s1").as_deref(), Some("x 'q'"));
    assert_eq!(label("cluster_legend").as_deref(), Some("Legend"));
    assert!(label("legend_unmatched").is_some_and(|l| l.contains("unmatched")));
    // Plzeň ranks Gent first and Gent ranks Plzeň first: one edge, 1/1.
    let edges = graph["edges"].as_array().unwrap();
    assert!(edges.iter().any(|e| e["label"] == "1/1"), "{edges:?}");
}
