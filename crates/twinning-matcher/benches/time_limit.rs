//! Overshoot harness of the budgeted search's time limit: how long past its
//! limit (or deadline, or cancellation) a budgeted search takes to return, on
//! large and adversarial instances. A measurement, not a test: nothing is
//! asserted, every figure is printed (`bench/time_limit.sh` runs it against
//! the release command line).
//!
//! ```text
//! cargo bench -p twinning-matcher --bench time_limit -- [--cli PATH] [--dir DIR]
//!     [--only SUBSTR] [--limits 0.5,2] [--no-lib] [--verify]
//! ```
//!
//! For every case (shape × objective × scored) it writes the instance to
//! `DIR` (default `$TMPDIR/twinning-time-limit`) and measures, in this
//! process (the library):
//!
//! * `read`: [`Instance::from_reader`] on the file (what the command line
//!   does before the search starts);
//! * `lib L`: [`budgeted`] with `time_limit = L`, wall time minus `L`;
//! * `past`: [`budgeted`] with a `deadline` already past (the time to
//!   return at all);
//! * `cancel`: [`budgeted`] cancelled from another thread 0.3 s in, wall
//!   time from the cancellation to the return;
//!
//! and with `--cli PATH`, the command line `PATH match FILE -m M
//! --time-limit L -f json -o /dev/null -q` for each limit: wall time from
//! the spawn to the exit minus `L` (so reading the file, the search,
//! explaining and writing the result, and the process start are all in it).
//! With `--verify` also `PATH match verify FILE RESULT` on the `--time-limit
//! 0.5` result: wall time minus `VERIFY_SEARCH_TIME`.
#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::cast_possible_truncation,
    missing_docs,
    reason = "a benchmark binary reports on stdout and may stop on bad setup"
)]

#[allow(unreachable_pub, dead_code, reason = "shared with the other benches")]
#[path = "../bench/generate.rs"]
mod generate;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use generate::{Market, Rng};
use twinning_matcher::{
    BudgetConfig, BudgetObjective, Cancel, Instance, Limits, Matching, VERIFY_SEARCH_TIME, budgeted,
};

/// One instance shape: its market, `k` and required pairs (seeker, host).
struct Shape {
    name: &'static str,
    market: Market,
    k: u32,
    required: Vec<(u32, u32)>,
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
        max_id_len: usize::MAX,
    }
}

fn with_scores(mut m: Market, scored: bool, seed: u64) -> Market {
    let mut rng = Rng::new(seed);
    m.scores = scored.then(|| {
        m.seekers.iter().map(|l| l.iter().map(|_| 1 + rng.below(100) as u32).collect()).collect()
    });
    m
}

/// Builds a shape on demand (one instance in memory at a time).
type MakeShape = Box<dyn Fn() -> Shape>;

/// The shapes, scored or not.
fn shapes(scored: bool) -> Vec<(&'static str, MakeShape)> {
    let short = move |k: u32, name: &'static str| -> MakeShape {
        Box::new(move || Shape {
            name,
            market: generate::budgeted(20_000, 5_000, 50, 8, scored, 101),
            k,
            required: Vec::new(),
        })
    };
    let cli = move |k: u32, name: &'static str| -> MakeShape {
        Box::new(move || Shape {
            name,
            market: generate::budgeted(20_000, 5_000, 10, 8, scored, 110),
            k,
            required: Vec::new(),
        })
    };
    vec![
        ("short-20000x5000-l50-k500", short(500, "short-20000x5000-l50-k500")),
        ("short-20000x5000-l50-k1", short(1, "short-20000x5000-l50-k1")),
        ("short-20000x5000-l50-k5000", short(5_000, "short-20000x5000-l50-k5000")),
        // Within the command line's 16 MiB input limit, scores included.
        ("cli-20000x5000-l10-k500", cli(500, "cli-20000x5000-l10-k500")),
        ("cli-20000x5000-l10-k1", cli(1, "cli-20000x5000-l10-k1")),
        ("cli-20000x5000-l10-k5000", cli(5_000, "cli-20000x5000-l10-k5000")),
        (
            "complete-2000x2000-k200",
            Box::new(move || {
                let mut m = generate::complete(2_000, 2_000, 102);
                let mut rng = Rng::new(103);
                m.capacities = (0..2_000).map(|_| 1 + rng.below(4) as u32).collect();
                Shape {
                    name: "complete-2000x2000-k200",
                    market: with_scores(m, scored, 104),
                    k: 200,
                    required: Vec::new(),
                }
            }),
        ),
        (
            "huge-cap-20000x5000-l20-k50",
            Box::new(move || {
                let mut m = generate::budgeted(20_000, 5_000, 20, 8, scored, 105);
                m.capacities = vec![1_000_000; 5_000];
                Shape {
                    name: "huge-cap-20000x5000-l20-k50",
                    market: m,
                    k: 50,
                    required: Vec::new(),
                }
            }),
        ),
        (
            "same-50-hosts-20000x5000-k25",
            Box::new(move || {
                let mut rng = Rng::new(106);
                let seekers: Vec<Vec<u32>> = (0..20_000).map(|_| rng.permutation(50)).collect();
                let hosts = generate::listed_by(&seekers, 5_000, &mut rng);
                let capacities = (0..5_000).map(|_| 1 + rng.below(200) as u32).collect();
                let m = Market { seekers, hosts, capacities, scores: None };
                Shape {
                    name: "same-50-hosts-20000x5000-k25",
                    market: with_scores(m, scored, 107),
                    k: 25,
                    required: Vec::new(),
                }
            }),
        ),
        (
            "closed-half-20000x5000-l20-k500",
            Box::new(move || {
                let mut m = generate::budgeted(20_000, 5_000, 20, 8, scored, 108);
                for c in m.capacities.iter_mut().step_by(2) {
                    *c = 0;
                }
                Shape {
                    name: "closed-half-20000x5000-l20-k500",
                    market: m,
                    k: 500,
                    required: Vec::new(),
                }
            }),
        ),
        (
            "required-20000x5000-l20-k500",
            Box::new(move || {
                let m = generate::budgeted(20_000, 5_000, 20, 8, scored, 109);
                // 200 hosts each get one required pair: their first applicant.
                let required = (0..200u32)
                    .filter_map(|h| m.hosts[h as usize * 25].first().map(|&s| (s, h * 25)))
                    .fold(Vec::<(u32, u32)>::new(), |mut acc, (s, h)| {
                        if !acc.iter().any(|x| x.0 == s) {
                            acc.push((s, h));
                        }
                        acc
                    });
                Shape { name: "required-20000x5000-l20-k500", market: m, k: 500, required }
            }),
        ),
    ]
}

/// The instance document of a shape.
fn document(shape: &Shape) -> String {
    let mut text = shape.market.to_json(Some(shape.k));
    if !shape.required.is_empty() {
        text.pop();
        text.push_str(",\"required\":[");
        for (i, (s, h)) in shape.required.iter().enumerate() {
            let sep = if i > 0 { "," } else { "" };
            text.push_str(&format!("{sep}{{\"seeker\":\"s{s}\",\"host\":\"h{h}\"}}"));
        }
        text.push_str("]}");
    }
    text
}

fn stopped(m: &Matching) -> String {
    let p = &m.mechanism.parameters;
    let stop = p.get("stopped").map_or("-", String::as_str);
    let nodes = p.get("nodes").map_or("?", String::as_str);
    let gap = m.optimality.as_ref().map_or_else(|| "?".to_owned(), |o| o.gap.to_string());
    format!("{stop}/n{nodes}/gap{gap}")
}

fn secs(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64())
}

fn over(wall: Duration, limit: Duration) -> String {
    format!("{:+.3}", wall.as_secs_f64() - limit.as_secs_f64())
}

struct Opts {
    cli: Option<PathBuf>,
    dir: PathBuf,
    only: Option<String>,
    limits: Vec<Duration>,
    lib: bool,
    verify: bool,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1));
    let opts = Opts {
        cli: value("--cli").map(PathBuf::from),
        dir: value("--dir")
            .map_or_else(|| std::env::temp_dir().join("twinning-time-limit"), PathBuf::from),
        only: value("--only").cloned(),
        limits: value("--limits").map_or_else(
            || vec![Duration::from_millis(500), Duration::from_secs(2)],
            |l| l.split(',').map(|x| Duration::from_secs_f64(x.parse().unwrap())).collect(),
        ),
        lib: !args.iter().any(|a| a == "--no-lib"),
        verify: args.iter().any(|a| a == "--verify"),
    };
    if args.iter().any(|a| a == "--list") {
        for scored in [false, true] {
            for (name, _) in shapes(scored) {
                for objective in ["welfare", "stable"] {
                    println!("{name}/{}/{objective}", if scored { "scored" } else { "unscored" });
                }
            }
        }
        return;
    }
    std::fs::create_dir_all(&opts.dir).unwrap();
    println!(
        "case | objective | MB | read s | lib {} | past | cancel | cli {}{}",
        opts.limits.iter().map(|l| secs(*l)).collect::<Vec<_>>().join(" | lib "),
        opts.limits.iter().map(|l| secs(*l)).collect::<Vec<_>>().join(" | cli "),
        if opts.verify { " | verify" } else { "" }
    );
    for scored in [false, true] {
        for (name, make) in shapes(scored) {
            for (objective, flag) in [
                (BudgetObjective::Welfare, "welfare"),
                (BudgetObjective::Stable, "deferred-acceptance"),
            ] {
                let tag = format!(
                    "{name}/{}/{}",
                    if scored { "scored" } else { "unscored" },
                    if flag == "welfare" { "welfare" } else { "stable" }
                );
                if opts.only.as_ref().is_some_and(|o| !tag.contains(o.as_str()) && tag != *o) {
                    continue;
                }
                run_case(&opts, &tag, make.as_ref(), objective, flag, scored);
            }
        }
    }
}

fn run_case(
    opts: &Opts,
    tag: &str,
    make: &dyn Fn() -> Shape,
    objective: BudgetObjective,
    flag: &str,
    scored: bool,
) {
    let shape = make();
    let file = opts.dir.join(format!(
        "{}-{}.json",
        shape.name,
        if scored { "scored" } else { "unscored" }
    ));
    if !file.exists() {
        std::fs::write(&file, document(&shape)).unwrap();
    }
    drop(shape);
    let bytes = std::fs::metadata(&file).unwrap().len();
    let t = Instant::now();
    let instance =
        Instance::from_reader(std::fs::File::open(&file).unwrap(), &big_limits()).unwrap();
    let read = t.elapsed();
    let mut cols = Vec::new();
    put(&mut cols, tag.to_owned());
    put(&mut cols, format!("{:.1}", bytes as f64 / 1e6));
    put(&mut cols, secs(read));
    if opts.lib {
        let mut first = None;
        for &limit in &opts.limits {
            let config =
                BudgetConfig { objective, time_limit: Some(limit), ..BudgetConfig::default() };
            let t = Instant::now();
            let m = budgeted(&instance, &config).unwrap();
            put(&mut cols, format!("{} ({})", over(t.elapsed(), limit), stopped(&m)));
            first.get_or_insert(m);
        }
        // What the command line does after the search: explain the result
        // and write it as JSON.
        if let Some(m) = first {
            let t = Instant::now();
            let explanation = twinning_matcher::explain(&instance, &m).unwrap();
            let report = twinning_matcher::MatchReport { result: m, explanation };
            let text = serde_json::to_string_pretty(&report).unwrap();
            put(
                &mut cols,
                format!("explain+json {} ({:.1} MB)", secs(t.elapsed()), text.len() as f64 / 1e6),
            );
        }
        let config =
            BudgetConfig { objective, deadline: Some(Instant::now()), ..BudgetConfig::default() };
        let t = Instant::now();
        let m = budgeted(&instance, &config).unwrap();
        put(&mut cols, format!("{} ({})", secs(t.elapsed()), stopped(&m)));
        let cancel = Cancel::new();
        let config =
            BudgetConfig { objective, cancel: Some(cancel.clone()), ..BudgetConfig::default() };
        let (m, since) = std::thread::scope(|scope| {
            let run = scope.spawn(|| budgeted(&instance, &config).unwrap());
            std::thread::sleep(Duration::from_millis(300));
            cancel.cancel();
            let at = Instant::now();
            let m = run.join().unwrap();
            (m, at.elapsed())
        });
        put(&mut cols, format!("{} ({})", secs(since), stopped(&m)));
    }
    drop(instance);
    if let Some(cli) = &opts.cli {
        let mut first_result = None;
        for &limit in &opts.limits {
            let out = opts.dir.join(format!("result-{}.json", limit.as_millis()));
            let t = Instant::now();
            let status = Command::new(cli)
                .arg("match")
                .arg(&file)
                .args(["-m", flag, "--time-limit", &limit.as_secs_f64().to_string()])
                .args(["-f", "json", "-q", "-o"])
                .arg(&out)
                .output()
                .unwrap();
            let wall = t.elapsed();
            let note = if status.status.success() {
                "ok".to_owned()
            } else {
                String::from_utf8_lossy(&status.stderr).lines().next().unwrap_or("").to_owned()
            };
            put(&mut cols, format!("{} ({note})", over(wall, limit)));
            if first_result.is_none() && status.status.success() {
                first_result = Some(out);
            }
        }
        if opts.verify {
            put(&mut cols, first_result.map_or_else(|| "-".to_owned(), |r| verify(cli, &file, &r)));
        }
    }
    println!();
}

/// Prints one column as soon as it is measured (a case cut short by a
/// timeout still shows what it measured).
fn put(cols: &mut Vec<String>, c: String) {
    use std::io::Write as _;
    print!("{}{c}", if cols.is_empty() { "" } else { " | " });
    let _ = std::io::stdout().flush();
    cols.push(c);
}

fn verify(cli: &Path, file: &Path, result: &Path) -> String {
    let t = Instant::now();
    let status = Command::new(cli)
        .arg("match")
        .arg("verify")
        .arg(file)
        .arg(result)
        .args(["--stability", "none", "-q", "-o", "/dev/null"])
        .output()
        .unwrap();
    format!("{} (exit {:?})", over(t.elapsed(), VERIFY_SEARCH_TIME), status.status.code())
}
