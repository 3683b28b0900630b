//! Declared number conventions: a number written under a convention reads
//! back as the same plain number, and never under the other convention
//! when the two would disagree.

use proptest::prelude::*;
use twinning_core::NumberLocale;

/// `n` with its thousands grouped by `sep`, written here independently of
/// the code under test.
fn grouped(n: u64, sep: &str) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

proptest! {
    #[test]
    fn a_number_written_under_a_convention_reads_back(n in 0u64..1_000_000_000_000, cents in 0u32..100) {
        let plain = format!("{n}.{cents:02}");
        let de = format!("{},{cents:02}", grouped(n, "."));
        let en = format!("{}.{cents:02}", grouped(n, ","));
        let fr = format!("{},{cents:02}", grouped(n, "\u{202f}"));
        prop_assert_eq!(NumberLocale::De.to_plain(&de), Ok(plain.clone()));
        prop_assert_eq!(NumberLocale::En.to_plain(&en), Ok(plain.clone()));
        prop_assert_eq!(NumberLocale::Fr.to_plain(&fr), Ok(plain));
        // Grouped thousands never pass under the other convention: a
        // number with a thousands separator is refused, not misread.
        if n >= 1000 {
            prop_assert!(NumberLocale::En.to_plain(&de).is_err());
            prop_assert!(NumberLocale::De.to_plain(&en).is_err());
        }
    }
}
