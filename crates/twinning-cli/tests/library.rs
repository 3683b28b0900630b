//! The library entry point `run_args`: the binary's behaviour, in-process.

use crate::support::{data, scratch, twinning};

/// Runs `twinning ARGS` through the library: exit status, stdout, stderr.
fn in_process(args: &[&str]) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let argv = std::iter::once("twinning").chain(args.iter().copied());
    let code = twinning_cli::run_args(argv, &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

#[test]
fn run_args_answers_as_the_binary_does() {
    let manifest = env!("CARGO_MANIFEST_DIR");
    let plymouth = format!("{manifest}/{}", data("applicant-plymouth.json"));
    let missing = format!("{manifest}/{}", data("no-such-file.json"));
    let at = "2024-05-20T10:00+02:00";
    for args in [
        vec!["eligibility", "check", "--cohort", "2", "--role", "twin", &plymouth, "--at", at],
        vec!["match", &missing],
        vec!["cohort", "show", "5", "--at", "2026-03-01", "-f", "json"],
        vec!["--version"],
        vec!["nonsense"],
    ] {
        let (code, out, err) = in_process(&args);
        let run = twinning(&args);
        assert_eq!(i32::from(code), run.code, "{args:?}");
        assert_eq!(out, run.stdout, "{args:?}");
        assert_eq!(err, run.stderr, "{args:?}");
    }
    // Eligible (0), a missing file (2), a usage error (2): the three kinds
    // of answer above, so the comparison is not between empty strings.
    assert_eq!(
        in_process(&[
            "eligibility",
            "check",
            "--cohort",
            "2",
            "--role",
            "twin",
            &plymouth,
            "--at",
            at
        ])
        .0,
        0
    );
    let (code, out, err) = in_process(&["match", &missing]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.starts_with("twinning: error: ") && err.contains("no-such-file.json"), "{err}");
}

#[test]
fn each_run_keeps_its_own_list_of_files_read() {
    // The first run reads a file; a second run in the same process may
    // write there: "never over this run's input" is per run.
    let dir = scratch("library-runs");
    let cohort = dir.join("cohort.json");
    let cohort = cohort.to_str().unwrap();
    std::fs::copy(format!("{}/{}", env!("CARGO_MANIFEST_DIR"), data("cohort-6.json")), cohort)
        .unwrap();
    assert_eq!(in_process(&["cohort", "show", cohort, "-q"]).0, 0);
    let (code, _, err) = in_process(&["cohort", "show", cohort, "-f", "json", "-o", cohort]);
    assert_eq!(code, 2, "within one run the input is still protected: {err}");
    assert!(err.contains("is the input file"), "{err}");
    let (code, _, err) = in_process(&["schema", "cohort", "-o", cohort, "-q"]);
    assert_eq!(code, 0, "a later run may write the earlier run's input: {err}");
    assert!(std::fs::read_to_string(cohort).unwrap().contains("\"$schema\""));
    std::fs::remove_dir_all(dir).unwrap();
}
