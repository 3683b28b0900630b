//! Benchmarks of `twinning-matcher` with a small timing loop of its own
//! (no harness): deferred acceptance at the issue's two sizes, the dense
//! assignment, and the exact budgeted problems.
//!
//! ```text
//! cargo bench -p twinning-matcher --bench matcher                   # all cases
//! cargo bench -p twinning-matcher --bench matcher -- --only dense   # cases whose name contains "dense"
//! cargo bench -p twinning-matcher --bench matcher -- --write DIR    # also write the instances and rust.json for the peers
//! cargo bench -p twinning-matcher --bench matcher -- --reps 30      # at least 30 repetitions a case (a loaded machine)
//! cargo bench -p twinning-matcher --bench matcher -- --only family --seeds 0..4 --time-limit 600   # family cases to the proof
//! ```
//!
//! `bench/run_peers.sh` runs this with `--write` and then the Python peers on
//! the same files, and prints the side-by-side table.
//!
//! Memory: the bench runs under a counting allocator (`cap`). For the
//! deferred-acceptance cases a `…/memory` line gives what the generator's
//! lists occupy and the peak heap of building the instance from them and
//! solving, measured in a child process (`--memory CASE`) so that the peak
//! is that case's alone. The whole-process cross-check is
//! `/usr/bin/time -v … --only da-complete`.
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation,
    missing_docs,
    reason = "a benchmark binary reports on stdout and may stop on bad setup"
)]

#[allow(unreachable_pub, dead_code, reason = "shared with the peers through files")]
#[path = "../bench/generate.rs"]
mod generate;

use std::alloc::System;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use cap::Cap;

use twinning_matcher::{
    BudgetConfig, BudgetMode, BudgetObjective, Instance, Limits, Objective, Side, budgeted,
    deferred_acceptance, min_cost_assignment, welfare_optimal,
};

/// The bench's allocator: [`System`] counting the bytes in use (as
/// requested, so a vector's spare capacity counts) and their peak since the
/// process started; reallocation and zeroed allocation go to the system
/// unchanged, so the timings are those of the plain allocator.
#[global_allocator]
static ALLOC: Cap<System> = Cap::new(System, usize::MAX);

/// Megabytes (10^6 bytes), as `/usr/bin/time` figures are read.
fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// At least this many repetitions of every case (`--reps`; 0: each case's own).
static MIN_REPS: AtomicUsize = AtomicUsize::new(0);

/// Runs `f` `reps` times (or `--reps` times if more; at least once, at most
/// until `budget` is spent) and returns the minimum and median wall time.
fn time<T>(reps: usize, budget: Duration, mut f: impl FnMut() -> T) -> (Duration, Duration, T) {
    let reps = reps.max(MIN_REPS.load(Ordering::Relaxed));
    let start = Instant::now();
    let mut times = Vec::new();
    let mut last = None;
    loop {
        // The previous run's value is dropped first, so that two never
        // coexist (the process's peak memory is that of one run).
        drop(last.take());
        let t = Instant::now();
        last = Some(f());
        times.push(t.elapsed());
        if times.len() >= reps || start.elapsed() >= budget {
            break;
        }
    }
    times.sort();
    (times[0], times[times.len() / 2], last.unwrap())
}

/// Shapes of the budgeted family: seekers, hosts, list length, largest
/// capacity (capacities are 1 to it), `k`.
const FAMILY: [(usize, usize, usize, u32, u32); 6] = [
    (50, 50, 3, 2, 5),
    (100, 200, 5, 4, 10),
    (400, 400, 8, 6, 40),
    (1_000, 500, 10, 6, 50),
    (1_000, 1_000, 4, 3, 25),
    (200, 1_000, 10, 6, 20),
];

/// Seeds per shape, objective and scoring (`--seeds FROM..TO` runs others:
/// instances of the family that are not the benchmark's own).
const FAMILY_SEEDS: std::ops::Range<u64> = 0..2;

/// The family's seeds: `--seeds FROM..TO` (end excluded), or the default.
fn family_seeds(args: &[String]) -> std::ops::Range<u64> {
    let Some(text) = args.iter().position(|a| a == "--seeds").and_then(|i| args.get(i + 1)) else {
        return FAMILY_SEEDS;
    };
    let (from, to) = text.split_once("..").expect("--seeds takes FROM..TO");
    from.parse().expect("--seeds: FROM is a number")..to.parse().expect("--seeds: TO is a number")
}

fn big_limits() -> Limits {
    Limits {
        max_input_bytes: usize::MAX,
        max_seekers: usize::MAX,
        max_hosts: usize::MAX,
        max_list_len: usize::MAX,
        max_entries: usize::MAX,
        max_pairs: usize::MAX,
        max_capacity: u32::MAX,
        max_id_len: 256,
    }
}

struct Report {
    rows: Vec<String>,
    json: String,
}

impl Report {
    /// A memory line: the input lists, the peak heap of the measured part
    /// above them, and the process's peak heap during it (both together).
    fn add_memory(
        &mut self,
        case: &str,
        lists: usize,
        peak: usize,
        process: usize,
        matched: usize,
    ) {
        let line = format!(
            "{case:<34} lists {:>7.1} MB  build+da peak {:>7.1} MB  heap peak {:>7.1} MB  matched {matched}",
            mb(lists),
            mb(peak),
            mb(process)
        );
        println!("{line}");
        self.rows.push(line);
        let _ = write!(
            self.json,
            "{}\"{case}\":{{\"lists_bytes\":{lists},\"peak_bytes\":{peak},\"process_peak_bytes\":{process}}}",
            if self.json.len() > 1 { "," } else { "" },
        );
    }

    fn add(&mut self, case: &str, min: Duration, median: Duration, extra: &str) {
        let line = format!(
            "{case:<34} min {:>10.3} ms  median {:>10.3} ms  {extra}",
            min.as_secs_f64() * 1e3,
            median.as_secs_f64() * 1e3
        );
        println!("{line}");
        self.rows.push(line);
        let _ = write!(
            self.json,
            "{}\"{case}\":{{\"min_s\":{},\"median_s\":{},\"extra\":\"{}\"}}",
            if self.json.len() > 1 { "," } else { "" },
            min.as_secs_f64(),
            median.as_secs_f64(),
            extra.replace('"', "'")
        );
    }
}

/// The markets of the deferred-acceptance cases, by case name.
fn da_market(name: &str) -> Option<generate::Market> {
    match name {
        // Small enough for the pure-Python `matching` package.
        "da-small-1000x50-complete" => Some(generate::complete(1_000, 50, 1)),
        "da-complete-10000x500" => Some(generate::complete(10_000, 500, 2)),
        "da-short-100000x5000-len10" => Some(generate::short_lists(100_000, 5_000, 10, 3)),
        _ => None,
    }
}

/// `--memory CASE`, run in a process of its own (the allocator's peak is
/// the process's): generates the case's lists, builds the instance from
/// them and runs deferred acceptance once, and prints the heap the lists
/// occupy, the process's peak heap, and the matched count.
fn memory_child(name: &str) {
    let market = da_market(name).expect("--memory takes a deferred-acceptance case name");
    let lists = ALLOC.allocated();
    let inst = Instance::from_strict_lists(
        &market.seekers,
        &market.hosts,
        &market.capacities,
        &big_limits(),
    )
    .unwrap();
    let matched = deferred_acceptance(&inst, Side::Seeker, 0).metrics.matched;
    drop(inst);
    println!("{lists} {} {matched}", ALLOC.max_allocated());
}

/// The deferred-acceptance cases: building the instance from the lists
/// (`rank-tables`), deferred acceptance on it (`da`), both (`da+tables`),
/// and the heap they need (`memory`, measured in a child process, see
/// [`memory_child`]): what the lists occupy, and the peak heap of building
/// the instance and solving on top of them. Returns the case's market.
fn da_case(report: &mut Report, name: &str, reps: usize) -> generate::Market {
    let exe = std::env::current_exe().unwrap();
    let out = std::process::Command::new(exe).args(["--memory", name]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let figures: Vec<usize> = text.split_whitespace().map(|x| x.parse().unwrap()).collect();
    let &[lists, process, matched] = &figures[..] else {
        unreachable!("--memory {name} printed {text:?}")
    };
    report.add_memory(&format!("{name}/memory"), lists, process - lists, process, matched);
    let m = da_market(name).unwrap();
    let limits = big_limits();
    let (min, med, inst) = time(reps, Duration::from_secs(20), || {
        Instance::from_strict_lists(&m.seekers, &m.hosts, &m.capacities, &limits).unwrap()
    });
    report.add(&format!("{name}/rank-tables"), min, med, "");
    let (min, med, r) =
        time(reps, Duration::from_secs(20), || deferred_acceptance(&inst, Side::Seeker, 0));
    report.add(&format!("{name}/da"), min, med, &format!("matched {}", r.metrics.matched));
    // One instance at a time, so that the peak memory of the process is that
    // of one run (`/usr/bin/time -v … --only da-complete`).
    drop(inst);
    let (min, med, r) = time(reps, Duration::from_secs(20), || {
        let inst =
            Instance::from_strict_lists(&m.seekers, &m.hosts, &m.capacities, &limits).unwrap();
        deferred_acceptance(&inst, Side::Seeker, 0)
    });
    report.add(&format!("{name}/da+tables"), min, med, &format!("matched {}", r.metrics.matched));
    m
}

/// The time limit of each family case: 10 s (the command line's default),
/// or `--time-limit SECS` (longer runs to the proof, or under a profiler).
fn family_limit() -> Duration {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--time-limit")
        .and_then(|i| args.get(i + 1))
        .map_or(Duration::from_secs(10), |t| {
            Duration::from_secs_f64(t.parse().expect("--time-limit takes seconds"))
        })
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(name) = args.iter().position(|a| a == "--memory").and_then(|i| args.get(i + 1)) {
        memory_child(name);
        return;
    }
    let only = args.iter().position(|a| a == "--only").and_then(|i| args.get(i + 1)).cloned();
    let write = args.iter().position(|a| a == "--write").and_then(|i| args.get(i + 1)).cloned();
    if let Some(n) = args.iter().position(|a| a == "--reps").and_then(|i| args.get(i + 1)) {
        MIN_REPS.store(n.parse().expect("--reps takes a number"), Ordering::Relaxed);
    }
    let want = |name: &str| only.as_ref().is_none_or(|o| name.contains(o.as_str()));
    let mut report = Report { rows: Vec::new(), json: String::from("{") };
    let out = |file: &str, text: &str| {
        if let Some(dir) = &write {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::write(format!("{dir}/{file}"), text).unwrap();
        }
    };

    if want("da-small") {
        let m = da_case(&mut report, "da-small-1000x50-complete", 20);
        out("da-small.json", &m.to_json(None));
    }
    if want("da-complete") {
        da_case(&mut report, "da-complete-10000x500", 10);
    }
    if want("da-short") {
        da_case(&mut report, "da-short-100000x5000-len10", 10);
    }
    if want("dense") {
        let n = 2_000;
        let c = generate::dense(n, 4);
        if write.is_some() {
            let mut text = format!("{n}\n");
            for row in c.chunks(n) {
                let line: Vec<String> = row.iter().map(i64::to_string).collect();
                text.push_str(&line.join(" "));
                text.push('\n');
            }
            out("dense-2000.txt", &text);
        }
        let (min, med, cols) =
            time(5, Duration::from_secs(30), || min_cost_assignment(n, &c).unwrap());
        let total: i64 = cols.iter().enumerate().map(|(i, &j)| c[i * n + j]).sum();
        report.add("dense-2000x2000", min, med, &format!("cost {total}"));
    }
    if want("welfare-sparse") {
        // Unbudgeted welfare on a sparse scored market (shortest augmenting paths).
        let m = generate::budgeted(20_000, 1_000, 10, 40, true, 6);
        let inst = Instance::from_json(&m.to_json(None), &big_limits()).unwrap();
        for (objective, label) in
            [(Objective::TotalScore, "total-score"), (Objective::RankMaximal, "rank-maximal")]
        {
            let (min, med, r) =
                time(5, Duration::from_secs(20), || welfare_optimal(&inst, objective).unwrap());
            report.add(
                &format!("welfare-sparse-20000x1000-len10/{label}"),
                min,
                med,
                &format!("matched {} score {:?}", r.metrics.matched, r.metrics.total_score),
            );
        }
    }
    if want("rank-maximal") {
        // Rank-maximal with as many ranks as hosts (the combinatorial
        // algorithm; exact weights would need about 10,000 bits): random
        // complete lists, complete lists that agree (everybody wants the
        // same hosts first), and capacities 3 on 1,000 × 334.
        for (name, m) in [
            ("rank-maximal-1000x1000-complete", generate::complete(1_000, 1_000, 21)),
            ("rank-maximal-1000x1000-correlated", generate::correlated(1_000, 1_000, 50, 22)),
            ("rank-maximal-1000x334-cap3", generate::complete(1_000, 334, 23)),
        ] {
            let inst =
                Instance::from_strict_lists(&m.seekers, &m.hosts, &m.capacities, &big_limits())
                    .unwrap();
            let (min, med, r) = time(5, Duration::from_secs(20), || {
                welfare_optimal(&inst, Objective::RankMaximal).unwrap()
            });
            let mut profile = vec![0usize; 3];
            for p in &r.pairs {
                if let Some(slot) = profile.get_mut(p.seeker_rank.saturating_sub(1) as usize) {
                    *slot += 1;
                }
            }
            report.add(
                name,
                min,
                med,
                &format!("matched {} first three ranks {profile:?}", r.metrics.matched),
            );
        }
    }
    if want("welfare-complete") {
        // Unbudgeted welfare on complete lists (the dense Jonker–Volgenant
        // path): unit capacities with scores 1–100 (the peer `lap` solves the
        // same matrix), the same without scores (rank score), and capacities
        // 1–2 on 1,000 × 700 (about 1,050 seats).
        for (name, ns, nh, max_cap, scored) in [
            ("welfare-complete-1000x1000", 1_000, 1_000, 1, true),
            ("welfare-complete-1000x1000-unscored", 1_000, 1_000, 1, false),
            ("welfare-complete-1000x700-cap1-2", 1_000, 700, 2, true),
        ] {
            let m = generate::budgeted(ns, nh, nh, max_cap, scored, 8);
            let text = m.to_json(None);
            if max_cap == 1 && scored {
                out(&format!("{name}.json"), &text);
            }
            // The first call on a fresh instance also builds what is built
            // once per instance (the linked rows, the integer scores):
            // the least of three fresh instances.
            let mut first = Duration::MAX;
            for _ in 0..3 {
                let fresh = Instance::from_json(&text, &big_limits()).unwrap();
                let t = Instant::now();
                welfare_optimal(&fresh, Objective::TotalScore).unwrap();
                first = first.min(t.elapsed());
            }
            report.add(&format!("{name}/first-call"), first, first, "");
            let inst = Instance::from_json(&text, &big_limits()).unwrap();
            let (min, med, r) = time(5, Duration::from_secs(20), || {
                welfare_optimal(&inst, Objective::TotalScore).unwrap()
            });
            let o = r.optimality.unwrap();
            report.add(name, min, med, &format!("{} {}", o.objective, o.value));
        }
    }
    // Two families: capacities 1–5 (ten hosts seat at most 50) and "wide"
    // capacities 1–2n/10 (ten hosts could seat everybody, so hosts compete).
    for (family, wide) in [("", false), ("wide-", true)] {
        for (ns, nh) in [(50, 100), (200, 500), (1_000, 2_000)] {
            for (objective, tag, scored) in [
                (BudgetObjective::Welfare, "welfare", true),
                (BudgetObjective::Stable, "stable", false),
            ] {
                let name = format!("budget-{tag}-{family}{ns}x{nh}-k10");
                if !want(&name) {
                    continue;
                }
                let max_cap = if wide { (2 * ns / 10) as u32 } else { 5 };
                let m = generate::budgeted(ns, nh, 10, max_cap, scored, 5 + ns as u64);
                let text = m.to_json(Some(10));
                out(&format!("{name}.json"), &text);
                let inst = Instance::from_json(&text, &big_limits()).unwrap();
                for (mode, label) in [(BudgetMode::Exact, "exact"), (BudgetMode::Greedy, "greedy")]
                {
                    let config = BudgetConfig {
                        max_hosts: None,
                        objective,
                        time_limit: Some(Duration::from_secs(60)),
                        mode,
                        ..BudgetConfig::default()
                    };
                    let (min, med, r) =
                        time(3, Duration::from_secs(20), || budgeted(&inst, &config).unwrap());
                    let o = r.optimality.unwrap();
                    report.add(
                        &format!("{name}/{label}"),
                        min,
                        med,
                        &format!(
                            "value {} bound {} proven {} nodes {}",
                            o.value,
                            o.bound,
                            o.proven,
                            r.mechanism.parameters.get("nodes").map_or("?", String::as_str)
                        ),
                    );
                }
            }
        }
    }
    // The issue-15 family: k 5–50, 50–1,000 agents a side, lists of 3–10,
    // capacities 1–6, scores or none, both objectives, several seeds. The
    // search runs under the command line's default 10 s limit; a case that
    // does not finish says so (proven false, with its bound).
    for (shape, &(ns, nh, len, max_cap, k)) in FAMILY.iter().enumerate() {
        for (objective, tag) in
            [(BudgetObjective::Welfare, "welfare"), (BudgetObjective::Stable, "stable")]
        {
            for (scored, scoring) in [(true, "scored"), (false, "unscored")] {
                for seed in family_seeds(&args) {
                    let name = format!(
                        "family-{tag}-{scoring}-{ns}x{nh}-len{len}-cap{max_cap}-k{k}-s{seed}"
                    );
                    if !want(&name) {
                        continue;
                    }
                    let m = generate::budgeted(
                        ns,
                        nh,
                        len,
                        max_cap,
                        scored,
                        1_000 + 10 * shape as u64 + seed,
                    );
                    let text = m.to_json(Some(k));
                    out(&format!("{name}.json"), &text);
                    let inst = Instance::from_json(&text, &big_limits()).unwrap();
                    let config = BudgetConfig {
                        max_hosts: None,
                        objective,
                        time_limit: Some(family_limit()),
                        mode: BudgetMode::Exact,
                        ..BudgetConfig::default()
                    };
                    let (min, med, r) =
                        time(3, Duration::from_secs(5), || budgeted(&inst, &config).unwrap());
                    let o = r.optimality.unwrap();
                    report.add(
                        &format!("{name}/exact"),
                        min,
                        med,
                        &format!(
                            "value {} bound {} proven {} nodes {}",
                            o.value,
                            o.bound,
                            o.proven,
                            r.mechanism.parameters.get("nodes").map_or("?", String::as_str)
                        ),
                    );
                }
            }
        }
    }
    report.json.push('}');
    out("rust.json", &report.json);
    let _ = report.rows;
}
