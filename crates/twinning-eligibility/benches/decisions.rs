//! Decisions per second for every built-in rule set, with a simple timing
//! loop (no benchmark framework): `cargo bench -p twinning-eligibility`.
//!
//! A portal evaluating on every keystroke needs a decision in well under a
//! millisecond; this prints how many decisions a second each rule set allows,
//! for a fully declared applicant and for an empty form.
#![allow(clippy::print_stdout, reason = "a benchmark reports on standard output")]

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use twinning_eligibility::{Applicant, BuiltinRegistry, Claims, RuleSet};

const BUDGET: Duration = Duration::from_millis(400);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let registry = BuiltinRegistry::new();
    let full = Applicant::new("Plymouth")?
        .with_country("GB".parse()?)
        .with_local_authority(true)
        .with_neutrality_year(2030)
        .with_invited(true)
        .with_partner_projects(["UP2030"])
        .with_claims(Claims { mission_city: Some(false), earlier_twin_or_pilot: Some(false) });
    let empty = Applicant::new("Plymouth")?;
    let at: DateTime<FixedOffset> = "2024-05-20T10:00:00+02:00".parse()?;
    println!("{:<45} {:>16} {:>16}", "rule set", "full form /s", "empty form /s");
    let mut total = 0u64;
    let mut elapsed = Duration::ZERO;
    for rules in RuleSet::builtins() {
        let (n_full, t_full) = run(|| rules.evaluate(black_box(&full), at, &registry));
        let (n_empty, t_empty) = run(|| rules.evaluate(black_box(&empty), at, &registry));
        println!(
            "{:<45} {:>16.0} {:>16.0}",
            rules.title(),
            per_second(n_full, t_full),
            per_second(n_empty, t_empty)
        );
        total += n_full + n_empty;
        elapsed += t_full + t_empty;
    }
    let applicants = vec![full; 1000];
    let c2 =
        RuleSet::builtin(twinning_cohort::CohortNumber::new(2)?, twinning_cohort::Role::TwinCity)
            .ok_or("no cohort 2")?;
    let (n, t) = run(|| c2.evaluate_all(black_box(&applicants), at, &registry));
    println!("{:<45} {:>16.0}", "cohort 2 batch of 1000 (decisions /s)", per_second(n * 1000, t));
    println!(
        "{:<45} {:>16.0}",
        "all built-in rule sets (decisions /s)",
        per_second(total, elapsed)
    );

    // The peer: what a portal does with the same form anyway, reading it
    // from JSON. The ratio says how evaluation compares with that.
    let json = serde_json::to_string(applicants.first().ok_or("no applicant")?)?;
    let (n_read, t_read) = run(|| Applicant::from_json(black_box(&json)));
    let read = per_second(n_read, t_read);
    let decide = per_second(total, elapsed);
    println!("{:<45} {:>16.0}", "reading the full form from JSON (/s)", read);
    println!(
        "{:<45} {:>16.2}",
        "time of one decision / time of one read",
        read / decide.max(f64::MIN_POSITIVE)
    );
    Ok(())
}

/// Runs `f` repeatedly for about [`BUDGET`]; returns the count and the time taken.
fn run<T>(mut f: impl FnMut() -> T) -> (u64, Duration) {
    for _ in 0..10 {
        black_box(f());
    }
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < BUDGET {
        for _ in 0..16 {
            black_box(f());
        }
        n += 16;
    }
    (n, start.elapsed())
}

fn per_second(n: u64, t: Duration) -> f64 {
    n as f64 / t.as_secs_f64().max(f64::MIN_POSITIVE)
}
