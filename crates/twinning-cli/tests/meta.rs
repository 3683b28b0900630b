//! Help, usage errors, completions and the man page.

use crate::support::*;

#[test]
fn help_lists_exit_statuses() {
    let run = twinning(&["--help"]);
    assert_eq!(run.code, 0);
    for line in ["0  done", "1  the answer is no", "2  bad input", "3  undetermined"] {
        assert!(run.stdout.contains(line), "{line}");
    }
    assert_fits_80(&run.stdout);
}

#[test]
fn usage_errors_exit_2() {
    let run = twinning(&["no-such-command"]);
    assert_eq!(run.code, 2);
    let run = twinning(&["--format", "yaml", "man"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("yaml"));
}

#[test]
fn completions_for_three_shells() {
    for (shell, marker) in
        [("bash", "complete -F"), ("zsh", "#compdef twinning"), ("fish", "complete -c twinning")]
    {
        let run = twinning(&["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(run.stdout.contains(marker), "{shell}");
    }
}

#[test]
fn man_page_is_roff_and_can_go_to_a_file() {
    let dir = scratch("man");
    let file = dir.join("twinning.1");
    let run = twinning(&["man", "--output", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let page = read(&file);
    assert!(page.starts_with(".ie"), "roff header: {}", &page[..40.min(page.len())]);
    assert!(page.contains(".TH twinning"));
}

#[test]
fn unwritable_output_exits_4() {
    let run = twinning(&["man", "--output", "/nonexistent-folder/x/twinning.1"]);
    assert_eq!(run.code, 4);
    assert!(
        run.stderr.starts_with("twinning: error: cannot write /nonexistent-folder/x/twinning.1")
    );
}

#[test]
fn every_help_fits_80_columns() {
    let commands: &[&[&str]] = &[
        &["cohort", "--help"],
        &["cohort", "show", "--help"],
        &["catalogue", "--help"],
        &["catalogue", "cities", "--help"],
        &["eligibility", "--help"],
        &["eligibility", "batch", "--help"],
        &["match", "--help"],
        &["match", "verify", "--help"],
        &["outputs", "--help"],
        &["outputs", "new", "--help"],
        &["suggest", "--help"],
        &["demo", "--help"],
        &["schema", "--help"],
    ];
    for args in commands {
        let run = twinning(args);
        assert_eq!(run.code, 0, "{args:?}");
        assert!(run.stdout.contains("Examples:") || args.len() == 2, "{args:?} has examples");
        assert_fits_80(&run.stdout);
    }
}
