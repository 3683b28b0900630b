//! The bad-input gallery (`tests/data/bad/` at the repository root) through
//! the command line: each file, given to the command that reads its kind of
//! document, gives exactly the error line its manifest entry names (exit 2,
//! one hint line), or runs when the entry says the input is legitimate.

use std::path::PathBuf;

use crate::support::{Run, assert_bad_input, scratch, twinning};

fn bad_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/bad")
}

/// The command that reads `document` from `file`, or `None` when the command
/// line reads no such document.
fn run_on(document: &str, file: &str) -> Option<Run> {
    let args: Vec<&str> = match document {
        "cohort" => vec!["cohort", "show", file],
        "instance" => vec!["match", file],
        "result" => vec!["match", "verify", "tests/data/instance-small.json", file],
        "applicant" => {
            vec!["eligibility", "check", "--cohort", "5", "--role", "mission-minded-city", file]
        }
        "rule-set" => vec![
            "eligibility",
            "check",
            "--cohort",
            "6",
            "--role",
            "mission-minded-city",
            "--rules",
            file,
            "tests/data/applicant-plymouth.json",
        ],
        "profile" | "survey-csv" => vec!["suggest", "--learners", file],
        "output" => vec!["outputs", "validate", file],
        "decision" => return None,
        other => panic!("gallery.json names an unknown document type {other:?}"),
    };
    Some(twinning(&args))
}

#[test]
fn the_gallery_gives_the_same_errors_through_the_command_line() {
    let text = std::fs::read_to_string(bad_dir().join("gallery.json")).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
    let entries = manifest["entries"].as_array().unwrap();
    assert!(entries.len() >= 12);
    let huge_dir = scratch("gallery");
    let mut checked = 0;
    for e in entries {
        let name = e["file"].as_str().unwrap();
        let document = e["document"].as_str().unwrap();
        let path = if e["generated"].as_bool().unwrap_or(false) {
            // Just past the command line's 16 MiB read limit.
            let path = huge_dir.join(name);
            let len = 16 * 1024 * 1024 + 2;
            let mut body = vec![b' '; len];
            body[0] = b'{';
            body[len - 1] = b'}';
            std::fs::write(&path, body).unwrap();
            path
        } else {
            bad_dir().join(name)
        };
        let file = path.to_str().unwrap();
        let Some(run) = run_on(document, file) else {
            assert!(e["cli"].is_null(), "{name}: the command line reads no {document}");
            continue;
        };
        checked += 1;
        match e["cli"].as_str() {
            None => {
                assert_eq!(e["outcome"], "accepted", "{name}: a rejected entry names its cli line");
                assert_eq!(run.code, 0, "{name} runs: {}", run.stderr);
            }
            Some(expected) => {
                assert_bad_input(&run, name);
                let first = run.stderr.lines().next().unwrap();
                let want = format!("twinning: error: {}", expected.replace("{file}", file));
                assert_eq!(first, want, "{name}");
            }
        }
    }
    assert!(checked >= 12, "most of the gallery runs through the command line");
    let _ = std::fs::remove_dir_all(huge_dir);
}
