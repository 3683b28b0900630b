//! Matching: decode any text as an instance with the default limits, run it
//! through every mechanism and have the independent checker look at each
//! output.
//!
//! Properties: decoding never panics and a decoded instance survives a JSON
//! round trip; deferred acceptance (both sides), the stable lattice's
//! matchings and the super-stable solver's matchings are feasible and stable
//! in their sense; the welfare-optimal, rank-maximal, budgeted and greedy
//! results are feasible, and an optimality bound never lies below the value;
//! every result document reads back equal; the same input gives the same
//! output.

#![no_main]

use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use twinning_matcher::{
    BudgetConfig, BudgetMode, BudgetObjective, Instance, Limits, Matching, Objective, Side,
    Stability, StableLattice, SuperStableOutcome, Violation, budgeted, check, deferred_acceptance,
    explain, greedy_selection, rank_maximal, super_stable, welfare_optimal,
};

/// The most stable matchings listed from the lattice.
const ENUMERATION_LIMIT: usize = 16;
/// The budgeted search's time limit.
const TIME_LIMIT: Duration = Duration::from_millis(20);

/// Checks `m` with the independent checker: no violation (a budget is only
/// binding on budgeted results) and, when `notion` is given, no blocking pair
/// of that notion. Also checks that its result document reads back equal.
fn assert_sound(inst: &Instance, m: &Matching, notion: Option<Stability>, budgeted: bool) {
    let name = &m.mechanism.name;
    let report = match check(inst, m) {
        Ok(report) => report,
        Err(err) => panic!("{name}: the checker refuses the result: {err}"),
    };
    let violations: Vec<&Violation> = report
        .violations
        .iter()
        .filter(|v| budgeted || !matches!(v, Violation::BudgetExceeded { .. }))
        .collect();
    assert!(violations.is_empty(), "{name}: {violations:?}");
    if let Some(notion) = notion {
        let blocking: Vec<_> =
            report.blocking_pairs.iter().filter(|b| b.breaks <= notion).collect();
        assert!(blocking.is_empty(), "{name} is not {notion:?}-stable: {blocking:?}");
    }
    if let Some(opt) = &m.optimality {
        assert!(opt.bound >= opt.value, "{name}: bound {} below value {}", opt.bound, opt.value);
        assert_eq!(opt.gap, opt.bound - opt.value, "{name}: gap");
        assert!(!opt.proven || opt.gap.is_zero(), "{name}: proven with a gap");
    }
    if let Err(err) = explain(inst, m) {
        panic!("{name}: explain refuses the result: {err}");
    }
    let json = m.to_json();
    match serde_json::from_str::<Matching>(&json) {
        Ok(back) => assert_eq!(&back, m, "{name}: result round trip\n{json}"),
        Err(err) => panic!("{name}: its result document is refused: {err}\n{json}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let inst = match Instance::from_json(text, &Limits::default()) {
        Ok(inst) => inst,
        Err(err) => {
            assert!(!err.to_string().is_empty());
            return;
        }
    };

    // No silent loss: the document we write reads back to an equal instance.
    match serde_json::to_string(&inst) {
        Ok(json) => match Instance::from_json(&json, &Limits::default()) {
            Ok(again) => assert_eq!(again, inst, "instance round trip\n{json}"),
            Err(err) => panic!("an instance's own JSON is refused: {err}\n{json}"),
        },
        Err(err) => panic!("an instance does not serialize: {err}"),
    }

    for side in [Side::Seeker, Side::Host] {
        for seed in [0, 7] {
            let m = deferred_acceptance(&inst, side, seed);
            assert_eq!(m, deferred_acceptance(&inst, side, seed), "deferred acceptance");
            assert_sound(&inst, &m, Some(Stability::Weak), false);
        }
    }

    match super_stable(&inst) {
        Ok(SuperStableOutcome::Found { matching }) => {
            assert_sound(&inst, &matching, Some(Stability::Super), false);
        }
        Ok(SuperStableOutcome::NoneExists { reason }) => assert!(!reason.is_empty()),
        Ok(_) => {}
        Err(err) => assert!(!inst.required_pairs().is_empty(), "super-stable: {err}"),
    }

    for result in [welfare_optimal(&inst, Objective::TotalScore), rank_maximal(&inst)] {
        match result {
            Ok(m) => assert_sound(&inst, &m, None, false),
            Err(err) => assert!(!err.to_string().is_empty()),
        }
    }

    for objective in [BudgetObjective::Welfare, BudgetObjective::Stable] {
        let config = BudgetConfig {
            max_hosts: None,
            objective,
            time_limit: Some(TIME_LIMIT),
            mode: BudgetMode::Exact,
            ..BudgetConfig::default()
        };
        for result in [budgeted(&inst, &config), greedy_selection(&inst, &config)] {
            match result {
                Ok(m) => assert_sound(&inst, &m, None, true),
                Err(err) => assert!(!err.to_string().is_empty()),
            }
        }
    }

    match StableLattice::new(&inst, 3) {
        Ok(lattice) => {
            let _ = lattice.rotations();
            for m in [
                lattice.seeker_optimal(),
                lattice.host_optimal(),
                lattice.egalitarian(),
                lattice.minimum_regret(),
            ] {
                assert_sound(&inst, &m, Some(Stability::Weak), false);
            }
            let listed = lattice.enumerate(ENUMERATION_LIMIT);
            assert!(listed.matchings.len() <= ENUMERATION_LIMIT);
            assert!(!listed.matchings.is_empty(), "the lattice lists no stable matching");
            for m in &listed.matchings {
                assert_sound(&inst, m, Some(Stability::Weak), false);
            }
        }
        Err(err) => panic!("the stable lattice fails: {err}"),
    }
});
