//! Running the binary and making scratch folders.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What one run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `twinning` with `args` in the crate folder.
pub fn twinning(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_twinning"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().expect("exited normally, not by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `twinning eligibility COMMAND --cohort 2 --role twin tests/data/FILE`
/// followed by `extra`.
pub fn cohort_2_twin(command: &str, file: &str, extra: &[&str]) -> Run {
    let file = data(file);
    let mut args = vec!["eligibility", command, "--cohort", "2", "--role", "twin", &file];
    args.extend_from_slice(extra);
    twinning(&args)
}

/// Standard output of a run, parsed as JSON.
pub fn json(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}{}", run.stdout, run.stderr))
}

/// Path of a file in `tests/data`, as the binary (run in the crate folder) sees it.
pub fn data(name: &str) -> String {
    format!("tests/data/{name}")
}

/// A fresh, empty scratch folder under the system temp dir.
pub fn scratch(tag: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir =
        std::env::temp_dir().join(format!("twinning-cli-test-{}-{tag}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Asserts a bad-input run: exit 2, one error line naming `place`, then
/// exactly one hint line, nothing on stdout, no panic.
pub fn assert_bad_input(run: &Run, place: &str) {
    assert_eq!(run.code, 2, "exit status; stderr: {}", run.stderr);
    assert!(run.stdout.is_empty(), "nothing on stdout: {}", run.stdout);
    let first = run.stderr.lines().next().unwrap_or_default();
    assert!(first.starts_with("twinning: error: "), "{}", run.stderr);
    assert!(first.contains(place), "error line names {place:?}: {}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "one line plus a hint: {}", run.stderr);
    assert!(lines[1].starts_with("  hint: "), "one line plus a hint: {}", run.stderr);
}

/// Every line of `text` fits 80 columns.
pub fn assert_fits_80(text: &str) {
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "line longer than 80 columns: {line:?}");
    }
}

/// Reads a file written by the binary.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
