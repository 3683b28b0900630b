//! What the two command-line targets share: a scratch folder holding the
//! prepared input files, the current directory of every run; running the
//! command line in-process ([`twinning_cli::run_args`]); and the checks
//! every run passes, whatever it was asked.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::os::unix::fs::MetadataExt as _;
use std::sync::Mutex;

/// The instant every command that takes `--at` is run at.
pub const AT: &str = "2026-03-01T12:00+01:00";

/// The prepared input files: the command line's own test data, by the name
/// they have in the scratch folder (no `/`: every path a run may use is a
/// plain name in the folder).
const DATA: &[(&str, &[u8])] = &[
    (
        "instance.json",
        include_bytes!("../../../crates/twinning-cli/tests/data/instance-small.json"),
    ),
    (
        "nss.json",
        include_bytes!("../../../crates/twinning-cli/tests/data/instance-no-super-stable.json"),
    ),
    (
        "overfull.json",
        include_bytes!("../../../crates/twinning-cli/tests/data/result-overfull.json"),
    ),
    (
        "applicant.json",
        include_bytes!("../../../crates/twinning-cli/tests/data/applicant-plymouth.json"),
    ),
    ("late.json", include_bytes!("../../../crates/twinning-cli/tests/data/applicant-late.json")),
    ("applicants.csv", include_bytes!("../../../crates/twinning-cli/tests/data/applicants.csv")),
    (
        "survey.csv",
        include_bytes!("../../../crates/twinning-cli/tests/data/survey/survey-export.csv"),
    ),
    (
        "survey.xlsx",
        include_bytes!("../../../crates/twinning-cli/tests/data/survey/survey-export.xlsx"),
    ),
    ("mapping.json", include_bytes!("../../../crates/twinning-cli/tests/data/survey/mapping.json")),
    ("interests.csv", include_bytes!("../../../crates/twinning-cli/tests/data/interests.csv")),
    (
        "learners.json",
        include_bytes!("../../../crates/twinning-cli/tests/data/profiles-learners.json"),
    ),
    (
        "plan.json",
        include_bytes!("../../../crates/twinning-cli/tests/data/output-action-plan.json"),
    ),
    ("cohort-6.json", include_bytes!("../../../crates/twinning-cli/tests/data/cohort-6.json")),
    ("overlay.json", include_bytes!("../../../crates/twinning-cli/tests/data/overlay.json")),
];

/// Files the command line itself writes once, before the first input: a
/// result of `instance.json`, a rule set, an action-plan workbook.
const MADE: &[&[&str]] = &[
    &["match", "instance.json", "-o", "result.json", "-q"],
    &["eligibility", "rules", "--cohort", "5", "--role", "mission-minded", "-o", "rules.json"],
    &["outputs", "new", "action-plan", "--at", AT, "--city", "Kalamata", "-o", "plan.xlsx", "-q"],
];

/// The prepared files: name, bytes, and how the file was when last written
/// (inode, length, modification time), to notice a run that replaced it.
static PREPARED: Mutex<Option<BTreeMap<String, (Vec<u8>, Stamp)>>> = Mutex::new(None);

type Stamp = (u64, u64, i64, i64);

fn stamp(name: &str) -> Option<Stamp> {
    let m = std::fs::metadata(name).ok()?;
    Some((m.ino(), m.len(), m.mtime(), m.mtime_nsec()))
}

/// Makes the scratch folder, once, and makes it the current directory.
fn prepare() -> BTreeMap<String, (Vec<u8>, Stamp)> {
    for var in ["TWINNING_DATA", "TWINNING_DB", "TWINNING_BIND"] {
        assert!(
            std::env::var_os(var).is_none(),
            "unset {var}: the fuzz targets choose every input"
        );
    }
    let dir = std::env::temp_dir().join(format!("twinning-fuzz-cli-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the scratch folder can be made");
    std::env::set_current_dir(&dir).expect("the scratch folder can be entered");
    let mut files = BTreeMap::new();
    for (name, bytes) in DATA {
        std::fs::write(name, bytes).expect("a prepared file can be written");
    }
    for args in MADE {
        let run = run(&args.iter().map(OsString::from).collect::<Vec<_>>());
        assert_eq!(run.code, 0, "preparing {args:?}: {}", run.err);
    }
    for entry in std::fs::read_dir(".").expect("the scratch folder lists") {
        let name = entry.expect("an entry").file_name().into_string().expect("a UTF-8 name");
        let bytes = std::fs::read(&name).expect("a prepared file reads");
        let stamp = stamp(&name).expect("a prepared file has metadata");
        files.insert(name, (bytes, stamp));
    }
    files
}

/// What one run of the command line produced.
#[derive(Debug)]
pub struct Run {
    /// The exit status.
    pub code: u8,
    /// Standard output's bytes.
    pub out: Vec<u8>,
    /// Standard error (always UTF-8).
    pub err: String,
}

/// Starts an input: makes the scratch folder on the first, else puts it
/// back as prepared (the previous input's files removed).
pub fn begin() {
    let mut prepared = PREPARED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    match prepared.as_mut() {
        Some(files) => restore(files),
        None => *prepared = Some(prepare()),
    }
}

/// Runs `twinning ARGS` in the scratch folder and checks what every run
/// must be: a documented exit status; on bad input (2) or a failed write
/// (4) exactly one error, as `twinning: error: …` and `  hint: …`, last on
/// standard error; otherwise no error line at all.
pub fn run(args: &[OsString]) -> Run {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let argv = std::iter::once(OsString::from("twinning")).chain(args.iter().cloned());
    let code = twinning_cli::run_args(argv, &mut out, &mut err);
    let err = String::from_utf8(err).expect("standard error is UTF-8");
    assert!([0, 1, 2, 3, 4].contains(&code), "undocumented exit status {code} for {args:?}");
    let errors = err.lines().filter(|l| l.starts_with("twinning: error:")).count();
    if code == 2 || code == 4 {
        let lines: Vec<&str> = err.lines().collect();
        assert!(err.ends_with('\n'), "{args:?}: the error does not end its line: {err:?}");
        assert_eq!(errors, 1, "{args:?}: exit {code} with {errors} error lines: {err}");
        match lines.as_slice() {
            [.., error, hint] => {
                let message = error.strip_prefix("twinning: error: ").unwrap_or_default();
                let hint = hint.strip_prefix("  hint: ").unwrap_or_default();
                assert!(!message.trim().is_empty(), "{args:?}: no error message: {err}");
                assert!(!hint.trim().is_empty(), "{args:?}: the error has no hint: {err}");
            }
            _ => panic!("{args:?}: exit {code} without an error and a hint: {err}"),
        }
    } else {
        assert_eq!(errors, 0, "{args:?}: exit {code} but an error was printed: {err}");
    }
    Run { code, out, err }
}

/// Puts the scratch folder back as prepared: removes what the run wrote
/// and rewrites a prepared file the run replaced.
fn restore(files: &mut BTreeMap<String, (Vec<u8>, Stamp)>) {
    let Ok(entries) = std::fs::read_dir(".") else { return };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        if name.to_str().is_some_and(|n| files.contains_key(n)) {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            let _ = std::fs::remove_dir_all(&path);
        } else {
            let _ = std::fs::remove_file(&path);
        }
    }
    for (name, (bytes, was)) in files.iter_mut() {
        if stamp(name) != Some(*was) {
            let _ = std::fs::remove_dir_all(name.as_str());
            std::fs::write(name.as_str(), &bytes).expect("a prepared file can be restored");
            *was = stamp(name).expect("a restored file has metadata");
        }
    }
}

/// `args` as command-line arguments.
pub fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}
