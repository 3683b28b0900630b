//! `twinning match …` and `twinning match verify`.

use crate::support::*;

const SMALL: &str = "tests/data/instance-small.json";

fn pairs(json: &serde_json::Value) -> Vec<(String, String)> {
    json["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["seeker"].as_str().unwrap().to_owned(), p["host"].as_str().unwrap().to_owned()))
        .collect()
}

#[test]
fn welfare_maximises_the_total_score() {
    // By hand: h1 takes one seeker. s3 can only go to h1 (score 5); then
    // s1->h2 (2) and s2->h3 (2) give 9, the best of all feasible matchings
    // (s1->h1 gives 3 + s2 2 = 5 at most).
    let run = twinning(&["match", SMALL, "--mechanism", "welfare", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&run);
    let v = &v["result"];
    assert_eq!(v["metrics"]["total_score"], "9");
    let mut p = pairs(v);
    p.sort();
    assert_eq!(
        p,
        [("s1".into(), "h2".into()), ("s2".into(), "h3".into()), ("s3".into(), "h1".into())]
    );
    assert_eq!(v["unmatched"], serde_json::json!([]));
}

#[test]
fn rank_maximal_gives_the_most_first_choices() {
    // Only one seeker can have its first choice (all rank h1 first); every
    // seeker can still be matched (s1->h2, s2->h2/h3), so the profile is [1, 2].
    let run = twinning(&["match", SMALL, "--mechanism", "rank-maximal", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&run);
    assert_eq!(v["result"]["metrics"]["rank_profile"], serde_json::json!([1, 2]));
}

#[test]
fn a_budget_selects_at_most_k_hosts() {
    let run = twinning(&[
        "match",
        SMALL,
        "--mechanism",
        "welfare",
        "--max-hosts",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v = json(&run);
    // One host: h1 alone is worth 5 (s3), h3 alone 2, h2 alone 2.
    assert_eq!(v["result"]["selected_hosts"], serde_json::json!(["h1"]));
    assert_eq!(v["result"]["optimality"]["proven"], true);
    // s1 and s2 rank h1 first but h1 keeps s3 (its last choice, worth 5):
    // an optimum, not a stable outcome, and the explanation says so.
    let why = &v["explanation"]["seekers"];
    assert_eq!(why[0]["better_hosts"][0]["host"], "h1");
    assert_eq!(why[0]["better_hosts"][0]["why_not"]["reason"], "host-would-accept");
    assert_eq!(why[0]["better_hosts"][1]["why_not"]["reason"], "not-selected");
    assert_eq!(why[0]["unmatched"]["no_stable_matching_matches_it"], false);
}

#[test]
fn the_table_report_fits_and_drawings_name_the_agents() {
    let run = twinning(&["match", SMALL, "--mechanism", "welfare"]);
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("Total score:"));
    assert_fits_80(&run.stdout);
    let dot = twinning(&["match", SMALL, "--mechanism", "welfare", "--dot"]);
    assert!(dot.stdout.starts_with("digraph matching {"));
    assert!(dot.stdout.contains("label=\"s3\""));
    let mmd = twinning(&["match", SMALL, "--mechanism", "welfare", "--mermaid"]);
    assert!(mmd.stdout.starts_with("flowchart LR\n"));
}

#[test]
fn results_are_byte_identical_and_verify() {
    let dir = scratch("match");
    let out = dir.join("result.json");
    let a = twinning(&[
        "match",
        SMALL,
        "-m",
        "welfare",
        "--format",
        "json",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(a.code, 0, "{}", a.stderr);
    let first = read(&out);
    let b = twinning(&["match", SMALL, "-m", "welfare", "--format", "json"]);
    assert_eq!(first, b.stdout);
    // A welfare optimum is feasible but need not be stable: h1 holds s3, its
    // last choice, while s1 (at h2) and s2 (at h3) both prefer h1 and h1
    // prefers each of them to s3, so (s1, h1) and (s2, h1) block.
    let feasible =
        twinning(&["match", "verify", SMALL, out.to_str().unwrap(), "--stability", "none"]);
    assert_eq!(feasible.code, 0, "{}{}", feasible.stdout, feasible.stderr);
    let stable = twinning(&["match", "verify", SMALL, out.to_str().unwrap(), "--format", "json"]);
    assert_eq!(stable.code, 1, "{}{}", stable.stdout, stable.stderr);
    let v = json(&stable);
    let blocking: Vec<(&str, &str)> = v["report"]["blocking_pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["seeker"].as_str().unwrap(), b["host"].as_str().unwrap()))
        .collect();
    assert_eq!(blocking, [("s1", "h1"), ("s2", "h1")]);
}

#[test]
fn deferred_acceptance_is_stable_and_verifies() {
    // By hand, seekers proposing: all ask h1, which keeps s2 (its first
    // choice); s1 moves on to h2 and is held; s3 lists only h1 and stays
    // unmatched.
    let dir = scratch("da");
    let out = dir.join("da.json");
    let run = twinning(&["match", SMALL, "--format", "json", "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&read(&out)).unwrap();
    let mut p = pairs(&v["result"]);
    p.sort();
    assert_eq!(p, [("s1".into(), "h2".into()), ("s2".into(), "h1".into())]);
    assert_eq!(v["result"]["unmatched"], serde_json::json!(["s3"]));
    let check = twinning(&["match", "verify", SMALL, out.to_str().unwrap()]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    // The report explains: s1 did not get h1, full with s2 whom h1 ranks
    // higher; s3 lists only h1, which holds s2, whom it ranks higher.
    let md = twinning(&["match", SMALL, "--format", "markdown"]);
    assert!(
        md.stdout.contains(
            "- s1: matched with h2 (its 2nd choice; h2 ranks it 1st); h1 is full with seekers \
             it ranks higher: s2.\n"
        ),
        "{}",
        md.stdout
    );
    assert!(
        md.stdout.contains("- s3: unmatched; h1 is full with seekers it ranks higher: s2."),
        "{}",
        md.stdout
    );
    let hosts = twinning(&["match", SMALL, "--proposing", "hosts", "--format", "json"]);
    assert_eq!(hosts.code, 0, "{}", hosts.stderr);
}

#[test]
fn lattice_mechanisms_give_stable_matchings() {
    for mechanism in ["egalitarian", "minimum-regret"] {
        let dir = scratch(mechanism);
        let out = dir.join("r.json");
        let run = twinning(&[
            "match",
            SMALL,
            "-m",
            mechanism,
            "--format",
            "json",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 0, "{mechanism}: {}", run.stderr);
        let check = twinning(&["match", "verify", SMALL, out.to_str().unwrap()]);
        assert_eq!(check.code, 0, "{mechanism}: {}", check.stdout);
    }
}

#[test]
fn no_super_stable_matching_exits_1() {
    // Both seekers are indifferent between h1 and h2 and both hosts put s1
    // first: whichever host gets s1, the other host and s1 block (s1 loses
    // nothing, the host gains), so no super-stable matching exists.
    let run =
        twinning(&["match", &data("instance-no-super-stable.json"), "--mechanism", "super-stable"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("No super-stable matching exists"));
    let found = twinning(&["match", SMALL, "--mechanism", "super-stable", "--format", "json"]);
    assert_eq!(found.code, 0, "{}", found.stderr);
}

#[test]
fn verify_finds_an_overfull_host() {
    let run = twinning(&["match", "verify", SMALL, &data("result-overfull.json")]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("h1"), "{}", run.stdout);
}

#[test]
fn verify_rejects_a_result_of_another_instance() {
    assert_bad_input(
        &twinning(&["match", "verify", SMALL, &data("result-unknown-host.json")]),
        "h7",
    );
}

#[test]
fn bad_instances_exit_2_naming_the_place() {
    assert_bad_input(&twinning(&["match", &data("bad-instance-unknown-id.json")]), "\"h9\"");
    assert_bad_input(&twinning(&["match", &data("bad-instance-negative-capacity.json")]), "-2");
    let run = twinning(&["match", &data("bad-instance-type.json")]);
    assert_bad_input(&run, "hosts[0].capacity");
    assert!(run.stderr.contains("two"));
    assert_bad_input(&twinning(&["match", &data("bad-instance-unknown-field.json")]), "colour");
    assert_bad_input(
        &twinning(&["match", &data("bad-instance-syntax.json")]),
        "bad-instance-syntax.json:3:",
    );
    assert_bad_input(&twinning(&["match", "tests/data/nope.json"]), "nope.json");
    assert_bad_input(&twinning(&["match", SMALL, "-m", "welfare", "--time-limit=-1"]), "-1");
}

#[test]
fn time_limit_none_or_zero_means_no_limit() {
    for limit in ["none", "0", "5"] {
        let run =
            twinning(&["match", SMALL, "-m", "welfare", "--max-hosts", "1", "--time-limit", limit]);
        assert_eq!(run.code, 0, "--time-limit {limit}: {}", run.stderr);
        assert!(run.stdout.contains("proven optimal"), "{}", run.stdout);
    }
}

/// Three seekers, two one-seat hosts, strict lists:
///
/// ```text
/// s1: h1 > h2      h1: s2 > s1 > s3
/// s2: h2 > h1      h2: s1 > s2 > s3
/// s3: h1 > h2
/// ```
const RURAL: &str = r#"{
  "seekers": [
    {"id": "s1", "preferences": ["h1", "h2"]},
    {"id": "s2", "preferences": ["h2", "h1"]},
    {"id": "s3", "preferences": ["h1", "h2"]}
  ],
  "hosts": [
    {"id": "h1", "capacity": 1, "preferences": ["s2", "s1", "s3"]},
    {"id": "h2", "capacity": 1, "preferences": ["s1", "s2", "s3"]}
  ]
}"#;

#[test]
fn a_seeker_no_stable_matching_places_gets_the_rural_hospitals_sentence() {
    // By hand. Seekers proposing: s1 -> h1, s2 -> h2, s3 -> h1 (h1 keeps s1,
    // whom it ranks above s3), s3 -> h2 (h2 keeps s2): {s1-h1, s2-h2}.
    // Hosts proposing: h1 -> s2, h2 -> s1, each accepted: {s1-h2, s2-h1}.
    // The two stable matchings differ, and s3 is unmatched in both. No
    // stable matching can place s3: there are two seats, so if s3 holds one,
    // s1 or s2 is unmatched; that seeker lists s3's host, and both hosts rank
    // s3 last, so the pair (that seeker, s3's host) would block.
    let dir = scratch("rural");
    let inst = dir.join("rural.json");
    std::fs::write(&inst, RURAL).unwrap();
    let inst = inst.to_str().unwrap();
    for (side, s3_reasons) in [
        (
            "seekers",
            "h1 is full with seekers it ranks higher: s1; h2 is full with seekers it ranks \
             higher: s2.",
        ),
        (
            "hosts",
            "h1 is full with seekers it ranks higher: s2; h2 is full with seekers it ranks \
             higher: s1.",
        ),
    ] {
        let md = twinning(&["match", inst, "--proposing", side, "--format", "markdown"]);
        assert_eq!(md.code, 0, "{}", md.stderr);
        let line = md.stdout.lines().find(|l| l.starts_with("- s3:")).unwrap();
        assert_eq!(
            line,
            format!(
                "- s3: unmatched; {s3_reasons} No stable matching gives s3 a host: this \
                 matching is stable, and by the rural-hospitals theorem every stable matching \
                 leaves the same seekers unmatched."
            ),
            "{side}"
        );
        let out = twinning(&["match", inst, "--proposing", side, "--format", "json"]);
        let v = json(&out);
        assert_eq!(v["result"]["unmatched"], serde_json::json!(["s3"]), "{side}");
        let s3 = &v["explanation"]["seekers"][2];
        assert_eq!(s3["seeker"], "s3");
        assert_eq!(s3["unmatched"]["no_stable_matching_matches_it"], true, "{side}");
        // Matched seekers carry no certificate.
        assert!(v["explanation"]["seekers"][0].get("unmatched").is_none());
    }
    // The same holds for the stable matchings the lattice mechanisms pick.
    for mechanism in ["egalitarian", "minimum-regret"] {
        let out = twinning(&["match", inst, "-m", mechanism, "--format", "json"]);
        let v = json(&out);
        assert_eq!(
            v["explanation"]["seekers"][2]["unmatched"]["no_stable_matching_matches_it"],
            true
        );
    }
}

#[test]
fn verify_reads_a_bare_result_document_too() {
    let dir = scratch("bare");
    let out = dir.join("report.json");
    let run = twinning(&["match", SMALL, "--format", "json", "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&read(&out)).unwrap();
    let bare = dir.join("result.json");
    std::fs::write(&bare, v["result"].to_string()).unwrap();
    let check = twinning(&["match", "verify", SMALL, bare.to_str().unwrap()]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    // An error inside a match report names the path under `result`.
    let mut broken = v.clone();
    broken["result"]["pairs"][0]["host"] = serde_json::json!(7);
    let bad = dir.join("broken.json");
    std::fs::write(&bad, serde_json::to_string_pretty(&broken).unwrap()).unwrap();
    assert_bad_input(
        &twinning(&["match", "verify", SMALL, bad.to_str().unwrap()]),
        "result.pairs[0].host",
    );
}

#[test]
fn verify_exits_1_when_the_stated_figures_do_not_describe_the_pairs() {
    // Deferred acceptance on the small instance pairs s1-h2 (s1's 2nd
    // choice, h2's 1st) and s2-h1 and leaves s3 out. Each edit below keeps
    // the pairs, which the checker accepts, and falsifies one stated figure.
    let dir = scratch("figures");
    let run = twinning(&["match", SMALL, "--format", "json"]);
    let honest = json(&run)["result"].clone();
    let edits = [
        (
            "/pairs/0/seeker_rank",
            serde_json::json!(1),
            "pair (s1, h2): seeker_rank 1 stated, the instance gives 2",
        ),
        ("/unmatched", serde_json::json!([]), "unmatched: [] stated, the pairs leave [s3]"),
        (
            "/hosts/2/filled",
            serde_json::json!(1),
            "hosts: h3 stated 1 of 2 seats filled, the pairs fill 0 of 2",
        ),
        (
            "/metrics/rank_profile",
            serde_json::json!([2]),
            "metrics.rank_profile: [2] stated, the pairs give [1, 1]",
        ),
    ];
    for (n, (pointer, value, expected)) in edits.into_iter().enumerate() {
        let tag = pointer;
        let mut doc = honest.clone();
        *doc.pointer_mut(pointer).unwrap() = value;
        let path = dir.join(format!("edit-{n}.json"));
        std::fs::write(&path, doc.to_string()).unwrap();
        let path = path.to_str().unwrap();
        for stability in ["none", "weak"] {
            let run = twinning(&["match", "verify", SMALL, path, "--stability", stability]);
            assert_eq!(run.code, 1, "{tag}/{stability}: {}{}", run.stdout, run.stderr);
            assert!(run.stdout.contains(&format!("- {expected}\n")), "{tag}: {}", run.stdout);
        }
        let v = json(&twinning(&["match", "verify", SMALL, path, "-f", "json"]));
        assert_eq!(v["passed"], false);
        assert_eq!(v["figures"], serde_json::json!([expected]), "{tag}");
    }
    // The honest document passes, with nothing to say about its figures.
    let path = dir.join("honest.json");
    std::fs::write(&path, honest.to_string()).unwrap();
    let v = json(&twinning(&["match", "verify", SMALL, path.to_str().unwrap(), "-f", "json"]));
    assert_eq!(v["passed"], true);
    assert_eq!(v["figures"], serde_json::json!([]));
}

/// 3,000 seekers who each list 10 of 60 hosts of 6 seats, every host
/// ranking them all, with a budget of 5 hosts.
fn crowded_instance(path: &std::path::Path) {
    let seekers: Vec<String> = (0..3_000)
        .map(|i| {
            let prefs: Vec<String> =
                (0..10).map(|k| format!("\"h{}\"", (i * 7 + k * 11) % 60)).collect();
            format!(r#"{{"id":"s{i}","preferences":[{}]}}"#, prefs.join(","))
        })
        .collect();
    let ranking: Vec<String> = (0..3_000).map(|i| format!("\"s{}\"", (i * 41) % 3_000)).collect();
    let hosts: Vec<String> = (0..60)
        .map(|j| format!(r#"{{"id":"h{j}","capacity":6,"preferences":[{}]}}"#, ranking.join(",")))
        .collect();
    let text = format!(
        r#"{{"seekers":[{}],"hosts":[{}],"max_hosts":5}}"#,
        seekers.join(","),
        hosts.join(",")
    );
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_time_limit_shorter_than_the_reading_is_refused_with_a_hint() {
    // A millisecond is gone before the 3,000 seekers are read, and a run
    // needs at least 50 ms after its reading: the command refuses within
    // its limit rather than answer late, and writes nothing.
    let dir = scratch("match-limit");
    let instance = dir.join("instance.json");
    crowded_instance(&instance);
    let inst = instance.to_str().unwrap();
    for name in ["result.json", "result.md"] {
        let out = dir.join(name);
        let res = out.to_str().unwrap();
        let run = twinning(&["match", inst, "--time-limit", "0.001", "-o", res]);
        assert_bad_input(&run, "the time limit is too short to read the instance and answer");
        assert!(run.stderr.contains("instance.json"), "{}", run.stderr);
        assert!(run.stderr.contains("hint: raise --time-limit"), "{}", run.stderr);
        assert!(!out.exists());
    }
}

#[test]
fn a_stalled_standard_input_is_refused_at_the_time_limit() {
    // Nothing ever arrives on standard input, and the pipe stays open: the
    // command must still stop at its limit and say why, not wait forever.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_twinning"))
        .args(["match", "-", "--max-hosts", "1", "--time-limit", "0.3"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdin = child.stdin.take();
    let waited = std::time::Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if waited.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("still waiting for standard input after a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(code, Some(2), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(stderr.starts_with("twinning: error: -: the time limit is too short"), "{stderr}");
}

#[test]
fn a_short_time_limit_answers_whole_and_says_what_it_left_out_or_refuses() {
    // How much of 0.12 s is left for the explanation depends on the
    // machine's load: whatever it is, the answer is a whole result that
    // verifies, and an explanation cut short says so on standard error and
    // in the JSON; or the command refuses as above.
    let dir = scratch("match-short-limit");
    let instance = dir.join("instance.json");
    crowded_instance(&instance);
    let out = dir.join("result.json");
    let (inst, res) = (instance.to_str().unwrap(), out.to_str().unwrap());
    let run = twinning(&["match", inst, "--time-limit", "0.12", "-f", "json", "-o", res]);
    if run.code == 2 {
        assert!(run.stderr.contains("the time limit is too short"), "{}", run.stderr);
        return;
    }
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&read(&out)).unwrap();
    let explained = report["explanation"]["seekers"].as_array().unwrap().len();
    match report["explanation"].get("cut") {
        Some(cut) => {
            assert_eq!(cut["seekers"], 3_000);
            assert_eq!(cut["explained"], explained);
            let note = format!("time limit left room to explain {explained} of 3000 seekers");
            assert!(run.stderr.contains(&note), "{}", run.stderr);
        }
        None => {
            assert_eq!(explained, 3_000);
            assert!(!run.stderr.contains("left room"), "{}", run.stderr);
        }
    }
    let verified = twinning(&["match", "verify", inst, res]);
    assert_eq!(verified.code, 0, "{}{}", verified.stdout, verified.stderr);
    // Without the limit every seeker is explained and nothing says otherwise.
    let whole = twinning(&["match", inst, "--time-limit", "none", "-f", "json"]);
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    let report = json(&whole);
    assert!(report["explanation"].get("cut").is_none());
    assert_eq!(report["explanation"]["seekers"].as_array().unwrap().len(), 3_000);
    assert!(!whole.stderr.contains("left room"), "{}", whole.stderr);
}

#[test]
fn without_a_budget_or_a_time_limit_the_explanation_is_whole() {
    // Deferred acceptance has no time limit unless one is given: its
    // explanation is never cut.
    let dir = scratch("match-nolimit");
    let instance = dir.join("instance.json");
    crowded_instance(&instance);
    let text = read(&instance).replace(r#","max_hosts":5"#, "");
    std::fs::write(&instance, text).unwrap();
    let run = twinning(&["match", instance.to_str().unwrap(), "-f", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = json(&run);
    assert!(report["explanation"].get("cut").is_none());
    assert_eq!(report["explanation"]["seekers"].as_array().unwrap().len(), 3_000);
}
