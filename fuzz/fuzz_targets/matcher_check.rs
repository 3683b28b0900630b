//! The independent checker on outside results: `INSTANCE \n%%\n RESULT`,
//! both as JSON, as `twinning match verify` reads them. A result naming an
//! unknown agent is a typed error; any other result gets a report whose
//! every entry names agents of the instance, and checking is deterministic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use twinning_matcher::{Instance, Limits, Matching, Violation, check, explain};

const SEPARATOR: &str = "\n%%\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some((instance_text, result_text)) = text.split_once(SEPARATOR) else { return };
    let Ok(inst) = Instance::from_json(instance_text, &Limits::default()) else { return };
    let matching: Matching = match serde_json::from_str(result_text) {
        Ok(m) => m,
        Err(err) => {
            assert!(!err.to_string().is_empty());
            return;
        }
    };
    let report = match check(&inst, &matching) {
        Ok(report) => report,
        Err(err) => {
            assert!(!err.to_string().is_empty());
            return;
        }
    };
    assert_eq!(check(&inst, &matching).ok().as_ref(), Some(&report), "checking is not pure");
    let known_seeker = |s: &str| inst.seeker_index(s).is_some();
    let known_host = |h: &str| inst.host_index(h).is_some();
    for b in &report.blocking_pairs {
        assert!(known_seeker(&b.seeker) && known_host(&b.host), "blocking pair {b:?}");
    }
    for v in &report.violations {
        match v {
            Violation::CapacityExceeded { host, capacity, assigned } => {
                assert!(known_host(host) && assigned > capacity, "{v:?}");
            }
            Violation::UnacceptablePair { seeker, host }
            | Violation::ForbiddenPair { seeker, host }
            | Violation::RequiredMissing { seeker, host }
            | Violation::HostNotSelected { seeker, host } => {
                assert!(known_seeker(seeker) && known_host(host), "{v:?}");
            }
            Violation::BudgetExceeded { max_hosts, used } => {
                assert!(*used > *max_hosts as usize, "{v:?}");
            }
            _ => {}
        }
    }
    if let Err(err) = explain(&inst, &matching) {
        panic!("the checker accepts a result that explain refuses: {err}");
    }
});
