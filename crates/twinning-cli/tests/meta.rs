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
    assert_bad_input(&twinning(&["no-such-command"]), "no-such-command");
    assert_bad_input(&twinning(&["--format", "yaml", "man"]), "yaml");
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

/// The subcommands a help text lists under `Commands:` (without `help`).
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_owned)
        .collect()
}

/// Asserts that a help text ends with an `Examples:` block of indented
/// `twinning …` lines (continuations indented further).
fn assert_ends_with_examples(args: &[String], help: &str) {
    let lines: Vec<&str> = help.trim_end().lines().collect();
    let at = lines.iter().rposition(|l| *l == "Examples:");
    let at = at.unwrap_or_else(|| panic!("{args:?}: no Examples: block\n{help}"));
    let examples = &lines[at + 1..];
    assert!(!examples.is_empty(), "{args:?}: empty Examples: block");
    for line in examples {
        assert!(
            line.starts_with("  twinning ") || line.starts_with("      "),
            "{args:?}: the help ends with examples only, found {line:?}"
        );
    }
}

#[test]
fn every_help_fits_80_columns_and_ends_with_examples() {
    // Walk the whole command tree from the top-level help, so a new command
    // is checked without being listed here.
    let mut todo: Vec<Vec<String>> = vec![Vec::new()];
    let mut seen = 0;
    while let Some(path) = todo.pop() {
        for flag in ["--help", "-h"] {
            let mut args = path.clone();
            args.push(flag.to_owned());
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = twinning(&refs);
            assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
            assert_fits_80(&run.stdout);
            assert_ends_with_examples(&args, &run.stdout);
            if flag == "--help" {
                for sub in subcommands(&run.stdout) {
                    let mut next = path.clone();
                    next.push(sub);
                    todo.push(next);
                }
            }
        }
        seen += 1;
    }
    // twinning; 11 commands; cohort 4, catalogue 4, eligibility 3, match 1,
    // outputs 3, serve 1 (token) and serve token 3 subcommands.
    assert_eq!(seen, 1 + 11 + 4 + 4 + 3 + 1 + 3 + 1 + 3);
}

#[test]
fn usage_errors_are_one_line_plus_a_hint() {
    let run = twinning(&["cohrt", "list"]);
    assert_bad_input(&run, "unrecognized subcommand 'cohrt'");
    assert!(run.stderr.contains("hint: a similar subcommand exists: 'cohort'"), "{}", run.stderr);
    let run = twinning(&["match", "x.json", "--mechanism", "fastest"]);
    assert_bad_input(&run, "'fastest'");
    assert!(run.stderr.contains("hint: possible values: deferred-acceptance"), "{}", run.stderr);
    let run = twinning(&["eligibility", "check", "--cohort", "2", "a.json"]);
    assert_bad_input(&run, "--role <ROLE>");
    assert!(run.stderr.contains("hint: usage: twinning eligibility check"), "{}", run.stderr);
}

/// Found by the `cli_args` fuzz target: a command line without its command
/// (`twinning`, `twinning --`, `twinning eligibility`) printed an empty error.
#[test]
fn a_missing_command_is_named() {
    for (args, usage) in [
        (&[][..], "hint: usage: twinning [OPTIONS] <COMMAND>"),
        (&["--"][..], "hint: usage: twinning [OPTIONS] <COMMAND>"),
        (&["eligibility"][..], "hint: usage: twinning eligibility [OPTIONS] <COMMAND>"),
        (&["serve", "token"][..], "hint: usage: twinning serve token [OPTIONS] <COMMAND>"),
    ] {
        let run = twinning(args);
        assert_bad_input(&run, "twinning: error: no command given");
        assert!(run.stderr.contains(usage), "{args:?}: {}", run.stderr);
    }
}
