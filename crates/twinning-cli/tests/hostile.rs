//! A careless or hostile user: outputs aimed at inputs, folders reused,
//! devices and pipes instead of files. Nothing is destroyed, nothing hangs.

use crate::support::{assert_bad_input, data, read, scratch, twinning};

const AT: &str = "2026-03-01T12:00:00+01:00";

/// A copy of `tests/data/NAME` in `dir`.
fn copy(dir: &std::path::Path, name: &str) -> String {
    let to = dir.join(name);
    std::fs::copy(data(name), &to).unwrap();
    to.to_str().unwrap().to_owned()
}

#[test]
fn an_output_that_is_the_input_is_refused_and_the_input_kept() {
    let dir = scratch("same-file");
    let inst = copy(&dir, "instance-small.json");
    let before = read(dir.join("instance-small.json").as_path());
    // The same path, another spelling of it, a symbolic link, a hard link.
    let dotted = format!("{}/./instance-small.json", dir.display());
    std::os::unix::fs::symlink(&inst, dir.join("link.json")).unwrap();
    std::fs::hard_link(&inst, dir.join("hard.json")).unwrap();
    let link = dir.join("link.json");
    let hard = dir.join("hard.json");
    for (input, output) in [
        (inst.as_str(), inst.as_str()),
        (inst.as_str(), dotted.as_str()),
        (link.to_str().unwrap(), inst.as_str()),
        (inst.as_str(), link.to_str().unwrap()),
        (hard.to_str().unwrap(), inst.as_str()),
    ] {
        let run = twinning(&["-q", "match", input, "-o", output]);
        assert_bad_input(&run, "is the input file");
        assert_eq!(read(dir.join("instance-small.json").as_path()), before);
    }
    // The same for eligibility and for suggest --instance on its learners.
    let applicant = copy(&dir, "applicant-plymouth.json");
    let run = twinning(&[
        "-q",
        "eligibility",
        "check",
        "--cohort",
        "2",
        "--role",
        "twin",
        &applicant,
        "-o",
        &applicant,
    ]);
    assert_bad_input(&run, "is the input file");
    let learners = copy(&dir, "interests.csv");
    let before = read(dir.join("interests.csv").as_path());
    let run = twinning(&["-q", "suggest", "--learners", &learners, "--instance", &learners]);
    assert_bad_input(&run, "is the input file");
    assert_eq!(read(dir.join("interests.csv").as_path()), before);
}

#[test]
fn replacing_an_existing_output_is_stated() {
    let dir = scratch("replace");
    let out = dir.join("answer.txt");
    let out = out.to_str().unwrap();
    let first = twinning(&["match", &data("instance-small.json"), "-o", out]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(!first.stderr.contains("replaced"), "{}", first.stderr);
    let second = twinning(&["match", &data("instance-small.json"), "-o", out]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(second.stderr.contains("replaced the existing file"), "{}", second.stderr);
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["answer.txt"]);
}

#[test]
fn the_demo_replaces_its_own_files_and_refuses_a_folder_with_others_unless_forced() {
    let dir = scratch("demo-twice");
    let out = dir.join("out");
    let out = out.to_str().unwrap();
    assert_eq!(twinning(&["-q", "demo", "--out", out, "--at", AT]).code, 0);
    let report = read(&dir.join("out/report.md"));
    // A second run into the same folder replaces the first run's files and says so.
    let again = twinning(&["demo", "--out", out, "--at", AT]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(again.stderr.contains("note: replacing instance.json"), "{}", again.stderr);
    assert_eq!(read(&dir.join("out/report.md")), report);
    // A file the demo did not write is never mixed in without --force.
    std::fs::write(dir.join("out/notes.txt"), "mine").unwrap();
    let mixed = twinning(&["-q", "demo", "--out", out, "--at", AT]);
    assert_bad_input(&mixed, "already holds 1 file(s) the demo did not write");
    let forced = twinning(&["demo", "--out", out, "--at", AT, "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_eq!(read(&dir.join("out/notes.txt")), "mine");
    assert_eq!(read(&dir.join("out/report.md")), report);
    // The summary aimed at the demo's own report is refused before anything
    // is written, in a new folder too.
    let fresh = dir.join("fresh");
    let summary = fresh.join("report.md");
    let run = twinning(&[
        "-q",
        "demo",
        "--out",
        fresh.to_str().unwrap(),
        "-o",
        summary.to_str().unwrap(),
        "--at",
        AT,
    ]);
    assert_bad_input(&run, "is the demo's own");
    assert!(!summary.exists());
}

#[test]
fn devices_and_endless_pipes_are_read_only_up_to_the_limit() {
    let run = twinning(&["match", "/dev/zero"]);
    assert_bad_input(&run, "/dev/zero: goes on past the limit");
    let run = twinning(&["eligibility", "check", "--cohort", "2", "--role", "twin", "/dev/zero"]);
    assert_bad_input(&run, "/dev/zero: goes on past the limit");
    // A sparse file far past the limit is refused by its size, unread.
    let dir = scratch("huge");
    let huge = dir.join("huge.json");
    std::fs::File::create(&huge).unwrap().set_len(1 << 31).unwrap();
    let run = twinning(&["match", huge.to_str().unwrap()]);
    assert_bad_input(&run, "larger than the limit");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn verify_reads_a_report_larger_than_the_input_limit() {
    let dir = scratch("big-report");
    let report = dir.join("report.json");
    let run = twinning(&["-q", "-f", "json", "match", &data("instance-small.json")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The explanation of a large instance is what makes a report large:
    // stand in for it with 20 MiB of text (over the 16 MiB input limit).
    let mut doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    doc["explanation"]["padding"] = serde_json::Value::String("x".repeat(20 << 20));
    std::fs::write(&report, serde_json::to_string(&doc).unwrap()).unwrap();
    let run =
        twinning(&["match", "verify", &data("instance-small.json"), report.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    // Trailing data after the report is refused, with its place.
    std::fs::write(&report, format!("{}\n{{}}", serde_json::to_string(&doc).unwrap())).unwrap();
    let run =
        twinning(&["match", "verify", &data("instance-small.json"), report.to_str().unwrap()]);
    assert_bad_input(&run, "report.json:2:1");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_printed_rule_set_reads_back_and_another_cohort_or_role_is_refused() {
    let dir = scratch("rules");
    let rules = dir.join("cohort-5.json");
    let printed = twinning(&[
        "-q",
        "-f",
        "json",
        "eligibility",
        "rules",
        "--cohort",
        "5",
        "--role",
        "mission-minded",
    ]);
    assert_eq!(printed.code, 0, "{}", printed.stderr);
    std::fs::write(&rules, &printed.stdout).unwrap();
    let rules = rules.to_str().unwrap();
    let applicant = data("applicant-plymouth.json");
    let check = |cohort: &str, role: &str| {
        twinning(&[
            "-q",
            "eligibility",
            "check",
            "--cohort",
            cohort,
            "--role",
            role,
            "--rules",
            rules,
            &applicant,
        ])
    };
    let same = check("5", "mission-minded");
    assert_ne!(same.code, 2, "{}", same.stderr);
    assert_bad_input(&check("4", "mission-minded"), "the rule set is for cohort 5");
    assert_bad_input(&check("5", "mission-city"), "the rule set is for cohort 5");
}

#[test]
fn applicants_one_per_line_are_all_read_and_a_second_document_in_json_is_refused() {
    let dir = scratch("json-lines");
    let plymouth = read(std::path::Path::new(&format!(
        "{}/{}",
        env!("CARGO_MANIFEST_DIR"),
        data("applicant-plymouth.json")
    )));
    let one_line = plymouth.replace('\n', "");
    // Two documents one after the other in a .json file: refused at the
    // second one's line, with a hint to make a list or JSON Lines.
    let two = dir.join("two.json");
    std::fs::write(&two, format!("{plymouth}{plymouth}")).unwrap();
    let lines_before = plymouth.lines().count();
    let run = twinning(&[
        "-q",
        "eligibility",
        "batch",
        "--cohort",
        "2",
        "--role",
        "twin",
        two.to_str().unwrap(),
    ]);
    assert_bad_input(&run, &format!("two.json:{}:", lines_before + 1));
    assert!(run.stderr.contains(".jsonl"), "{}", run.stderr);
    // The same two as JSON Lines (with a blank line): both decided.
    let jsonl = dir.join("two.jsonl");
    std::fs::write(&jsonl, format!("{one_line}\n\n{}\n", one_line.replace("Plymouth", "Exeter")))
        .unwrap();
    let run = twinning(&[
        "-q",
        "-f",
        "json",
        "eligibility",
        "batch",
        "--cohort",
        "2",
        "--role",
        "twin",
        jsonl.to_str().unwrap(),
    ]);
    assert!(run.code == 0 || run.code == 1 || run.code == 3, "{}", run.stderr);
    let names: Vec<String> = crate::support::json(&run)["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["applicant"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(names, ["Plymouth", "Exeter"]);
    // A broken third line is named with its column.
    std::fs::write(&jsonl, format!("{one_line}\n\n{one_line} {{}}\n")).unwrap();
    let run = twinning(&[
        "-q",
        "eligibility",
        "batch",
        "--cohort",
        "2",
        "--role",
        "twin",
        jsonl.to_str().unwrap(),
    ]);
    assert_bad_input(&run, &format!("two.jsonl:3:{}", one_line.chars().count() + 2));
}
