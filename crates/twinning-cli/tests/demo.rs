//! `twinning demo`: the main job, end to end.

use std::path::Path;

use crate::support::*;

const AT: &str = "2026-05-01T12:00+02:00";

fn run_demo(tag: &str) -> (Run, std::path::PathBuf) {
    let dir = scratch(tag).join("out");
    let run = twinning(&["demo", "--out", dir.to_str().unwrap(), "--at", AT]);
    (run, dir)
}

#[test]
fn the_demo_writes_every_file_and_they_hold_together() {
    let (run, dir) = run_demo("demo");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_fits_80(&run.stdout);
    assert!(run.stdout.contains("SAMPLE"));
    // Progress goes to standard error.
    assert!(run.stderr.contains("[1/3]") && run.stderr.contains("[3/3]"), "{}", run.stderr);
    for f in [
        "instance.json",
        "result.json",
        "eligibility.json",
        "suggestions.json",
        "report.md",
        "cohort-5.ics",
    ] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    let instance = read(&dir.join("instance.json"));
    let result = read(&dir.join("result.json"));
    crate::schema::assert_valid("instance", &instance);
    crate::schema::assert_valid("result", &result);
    crate::schema::assert_valid("batch", &read(&dir.join("eligibility.json")));

    // Seed 000: 24 candidates; seed 001: ten Mission-minded cities selected overall.
    let batch: serde_json::Value =
        serde_json::from_str(&read(&dir.join("eligibility.json"))).unwrap();
    assert_eq!(batch["summary"]["total"], 24);
    let r: serde_json::Value = serde_json::from_str(&result).unwrap();
    assert!(r["selected_hosts"].as_array().unwrap().len() <= 10);
    let i: serde_json::Value = serde_json::from_str(&instance).unwrap();
    assert_eq!(i["max_hosts"], 10);
    // Every illustrative seeker is labelled as a sample.
    for s in i["seekers"].as_array().unwrap() {
        assert!(s["id"].as_str().unwrap().starts_with("sample-"), "{s}");
    }
    let suggestions: serde_json::Value =
        serde_json::from_str(&read(&dir.join("suggestions.json"))).unwrap();
    assert_eq!(suggestions["sample_data"], true);
    let report = read(&dir.join("report.md"));
    assert!(report.starts_with("# Twinning cohort 5"));
    assert!(report.contains("SAMPLE DATA"));
    // Seed 001: after 1 May 2026 come the Torino conference and, in June 2026, the pairs.
    assert!(report.contains("Torino"));
    assert!(report.contains("2026-06"));

    // The result is feasible under the independent checker, read back from
    // the files, and the report states the checker's stability verdict.
    let (inst, res) = (dir.join("instance.json"), dir.join("result.json"));
    let (inst, res) = (inst.to_str().unwrap(), res.to_str().unwrap());
    let feasible = twinning(&["match", "verify", inst, res, "--stability", "none"]);
    assert_eq!(feasible.code, 0, "{}{}", feasible.stdout, feasible.stderr);
    let weak = twinning(&["match", "verify", inst, res]);
    let claims_stable = report.contains("no blocking pair among the selected hosts");
    assert_eq!(weak.code == 0, claims_stable, "{}", weak.stdout);

    // Standard output is the short summary, not the report: one screen, the
    // figures of the files, and the way to the full report.
    assert!(run.stdout.lines().count() <= 50, "{}", run.stdout);
    assert!(!run.stdout.contains("Why each Mission City"), "{}", run.stdout);
    assert!(report.contains("Why each Mission City got its twin"));
    let full = dir.join("report.md");
    assert!(run.stdout.contains(&format!("Full report: {}", full.display())), "{}", run.stdout);
    let s = &batch["summary"];
    let eligibility = format!(
        "24 candidates: {} eligible, {} ineligible, {} undetermined",
        s["eligible"], s["ineligible"], s["undetermined"]
    );
    assert!(run.stdout.contains(&eligibility), "{eligibility}: {}", run.stdout);
    let twinned = format!(
        "{} of 20 Mission Cities, {} with their first choice",
        r["metrics"]["matched"], r["metrics"]["rank_profile"][0]
    );
    assert!(run.stdout.contains(&twinned), "{twinned}: {}", run.stdout);
    // One row per selected host in the pairs table: the table's rows are the
    // lines between its rule and the next blank line.
    let rows = run
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("Host "))
        .skip(2)
        .take_while(|l| !l.is_empty())
        .filter(|l| !l.starts_with(' '))
        .count();
    assert_eq!(rows, r["selected_hosts"].as_array().unwrap().len(), "{}", run.stdout);
    assert!(run.stdout.contains("2026-06"), "next milestones: {}", run.stdout);

    let ics = read(&dir.join("cohort-5.ics"));
    let mut parser = ical::IcalParser::new(ics.as_bytes());
    let cal = parser.next().expect("a calendar").expect("it parses");
    assert!(!cal.events.is_empty());
}

#[test]
fn the_demo_is_deterministic_for_a_given_instant() {
    let (a, da) = run_demo("det-a");
    let (b, db) = run_demo("det-b");
    assert_eq!(a.code, 0);
    assert_eq!(b.code, 0);
    for f in
        ["instance.json", "result.json", "eligibility.json", "suggestions.json", "cohort-5.ics"]
    {
        assert_eq!(read(&da.join(f)), read(&db.join(f)), "{f}");
    }
    // The report and the summary name the folder; apart from that they are the same.
    let strip = |p: &Path, dir: &Path| read(p).replace(dir.to_str().unwrap(), "OUT");
    assert_eq!(strip(&da.join("report.md"), &da), strip(&db.join("report.md"), &db));
    assert_eq!(
        a.stdout.replace(da.to_str().unwrap(), "OUT"),
        b.stdout.replace(db.to_str().unwrap(), "OUT")
    );
}

#[test]
fn quiet_silences_progress() {
    let dir = scratch("quiet").join("out");
    let run = twinning(&[
        "demo",
        "--out",
        dir.to_str().unwrap(),
        "--at",
        AT,
        "--quiet",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let v = json(&run);
    assert_eq!(v["sample_data"], true);
    // The matcher's explanation, one entry per illustrative Mission City.
    crate::schema::assert_valid("explanation", &v["explanation"].to_string());
    assert_eq!(v["explanation"]["seekers"].as_array().unwrap().len(), 20);
}
