//! The command line's file layer: the input's first byte picks a command
//! line that reads a file, the rest is that file's bytes. Every run passes
//! the checks of `common/cli.rs`, ends with one of the statuses its command
//! documents, and — the command line being fixed and valid — a bad-input
//! error names one of its files. An answer written with `-o` reads back
//! through the command line: a match result verifies against its instance,
//! a suggested instance matches, a rendered output document validates as
//! its source did and renders to itself.

#![no_main]

#[path = "common/cli.rs"]
#[allow(dead_code, reason = "each target uses part of it")]
mod cli;

use cli::{AT, os};
use libfuzzer_sys::fuzz_target;

/// The file the input is written to, the command line (`@` is that file),
/// and the exit statuses the command documents.
struct Case {
    file: &'static str,
    args: &'static [&'static str],
    codes: &'static [u8],
}

const CHECK: &[&str] = &["eligibility", "check", "--cohort", "5", "--role", "mission-minded"];

const CASES: &[Case] = &[
    Case {
        file: "in.json",
        args: &[
            "eligibility",
            "check",
            "--cohort",
            "2",
            "--role",
            "twin",
            "--at",
            AT,
            "@",
            "-f",
            "json",
        ],
        codes: &[0, 1, 2, 3],
    },
    Case {
        file: "in.csv",
        args: &[
            "eligibility",
            "batch",
            "--cohort",
            "2",
            "--role",
            "twin",
            "--at",
            AT,
            "@",
            "-f",
            "json",
        ],
        codes: &[0, 1, 2, 3],
    },
    Case {
        file: "in.xlsx",
        args: &[
            "eligibility",
            "batch",
            "--cohort",
            "5",
            "--role",
            "mission-minded",
            "--at",
            AT,
            "@",
        ],
        codes: &[0, 1, 2, 3],
    },
    Case {
        file: "in.json",
        args: &[
            "eligibility",
            "batch",
            "--cohort",
            "2",
            "--role",
            "twin",
            "--at",
            AT,
            "@",
            "-o",
            "out.csv",
        ],
        codes: &[0, 1, 2, 3],
    },
    Case {
        file: "noext",
        args: &[
            "eligibility",
            "batch",
            "--cohort",
            "5",
            "--role",
            "mission-minded",
            "--at",
            AT,
            "@",
            "-f",
            "markdown",
        ],
        codes: &[0, 1, 2, 3],
    },
    Case {
        file: "in.json",
        args: &[
            "eligibility",
            "batch",
            "--cohort",
            "5",
            "--role",
            "mission-minded",
            "--at",
            AT,
            "--columns",
            "@",
            "survey.csv",
        ],
        codes: &[0, 1, 2, 3],
    },
    Case {
        file: "in.json",
        args: &[
            CHECK[0],
            CHECK[1],
            CHECK[2],
            CHECK[3],
            CHECK[4],
            CHECK[5],
            "--rules",
            "@",
            "--at",
            AT,
            "applicant.json",
        ],
        codes: &[0, 1, 2, 3],
    },
    Case {
        file: "in.json",
        args: &["match", "@", "-f", "json", "-o", "out.json", "--time-limit", "0.02"],
        codes: &[0, 2],
    },
    Case {
        file: "in.json",
        args: &[
            "match",
            "@",
            "-m",
            "welfare",
            "--max-hosts",
            "2",
            "-o",
            "out.json",
            "--time-limit",
            "0.02",
        ],
        codes: &[0, 2],
    },
    Case {
        file: "in.json",
        args: &["match", "@", "-m", "super-stable", "--mermaid"],
        codes: &[0, 1, 2],
    },
    Case {
        file: "in.json",
        args: &["match", "verify", "instance.json", "@", "--stability", "strong"],
        codes: &[0, 1, 2],
    },
    Case {
        file: "in.csv",
        args: &["suggest", "--learners", "@", "--instance", "out.json", "-f", "json"],
        codes: &[0, 2],
    },
    Case {
        file: "in.json",
        args: &["suggest", "--learners", "@", "--instance", "out.json"],
        codes: &[0, 2],
    },
    Case {
        file: "in.csv",
        args: &["suggest", "--learners", "interests.csv", "--peers", "@", "--max-len", "3"],
        codes: &[0, 2],
    },
    Case { file: "in.json", args: &["outputs", "validate", "@", "-f", "json"], codes: &[0, 1, 2] },
    Case { file: "in.xlsx", args: &["outputs", "validate", "@"], codes: &[0, 1, 2] },
    Case {
        file: "in.json",
        args: &["outputs", "render", "@", "-f", "json", "-o", "out.json"],
        codes: &[0, 2],
    },
    Case {
        file: "in.json",
        args: &["outputs", "validate", "plan.json", "--cohort", "@"],
        codes: &[0, 1, 2],
    },
    Case {
        file: "in.json",
        args: &["cohort", "show", "@", "--at", AT, "-f", "json"],
        codes: &[0, 2],
    },
    Case { file: "in.json", args: &["cohort", "calendar", "@", "-o", "out.ics"], codes: &[0, 2] },
    Case { file: "in.json", args: &["cohort", "timeline", "@", "-f", "markdown"], codes: &[0, 2] },
    Case {
        file: "in.json",
        args: &["--data", "@", "catalogue", "cities", "-f", "json"],
        codes: &[0, 2],
    },
    Case {
        file: "in.json",
        args: &["--data", "@", "cohort", "list", "-f", "json"],
        codes: &[0, 2],
    },
    Case {
        file: "in.json",
        args: &[
            "--data",
            "@",
            "eligibility",
            "check",
            "--cohort",
            "5",
            "--role",
            "mission-minded",
            "--at",
            AT,
            "applicant.json",
        ],
        codes: &[0, 1, 2, 3],
    },
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let case = &CASES[usize::from(pick) % CASES.len()];
    cli::begin();
    std::fs::write(case.file, bytes).expect("the input file can be written");
    let args: Vec<&str> = case.args.iter().map(|&a| if a == "@" { case.file } else { a }).collect();
    let run = cli::run(&os(&args));
    assert!(
        case.codes.contains(&run.code),
        "{args:?}: exit {} is not documented: {}",
        run.code,
        run.err
    );
    if run.code == 2 {
        let error = run.err.lines().rev().nth(1).unwrap_or_default();
        let files: Vec<&str> =
            args.iter().copied().filter(|a| a.contains('.') || *a == "noext").collect();
        assert!(
            files.iter().any(|f| error.contains(f)),
            "{args:?}: the error names none of {files:?}: {error}"
        );
        return;
    }
    round_trip(&args);
});

/// Reads an answer written with `-o` back through the command line.
fn round_trip(args: &[&str]) {
    let file = args.iter().find(|a| a.starts_with("in.")).copied().unwrap_or("in.json");
    match args {
        ["match", _, "-f", "json", ..] => {
            let verify =
                cli::run(&os(&["match", "verify", file, "out.json", "--stability", "weak"]));
            assert_eq!(
                verify.code, 0,
                "deferred acceptance's result does not verify: {}",
                verify.err
            );
        }
        ["match", _, "-m", "welfare", ..] => {
            let verify =
                cli::run(&os(&["match", "verify", file, "out.json", "--stability", "none"]));
            assert_eq!(verify.code, 0, "the welfare result does not verify: {}", verify.err);
        }
        ["suggest", ..] if args.contains(&"--instance") => {
            let matched = cli::run(&os(&["match", "out.json", "-q", "-f", "json"]));
            assert_eq!(matched.code, 0, "the suggested instance does not match: {}", matched.err);
        }
        ["outputs", "render", ..] => {
            let source = cli::run(&os(&["outputs", "validate", file, "-q"]));
            std::fs::write("again.json", std::fs::read("out.json").expect("render wrote out.json"))
                .expect("a copy can be written");
            let rendered = cli::run(&os(&["outputs", "validate", "again.json", "-q"]));
            assert_eq!(
                source.code, rendered.code,
                "the rendered document validates otherwise: {}{}",
                source.err, rendered.err
            );
            let twice = cli::run(&os(&["outputs", "render", "again.json", "-f", "json"]));
            assert_eq!(twice.code, 0, "the rendered document does not render: {}", twice.err);
            let once = std::fs::read("again.json").expect("the copy reads");
            assert_eq!(twice.out, once, "rendering is not idempotent");
        }
        ["cohort", "calendar", ..] => {
            let ics = std::fs::read("out.ics").expect("calendar wrote out.ics");
            assert!(ics.starts_with(b"BEGIN:VCALENDAR\r\n"), "not an iCalendar file");
        }
        _ => {}
    }
}
