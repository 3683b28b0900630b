//! Amounts written under a declared number convention (`plan.json` is a
//! two-action plan written by hand). Expected values are the amounts as a
//! reader of that convention reads them.

use rust_decimal::Decimal;
use twinning_core::NumberLocale;
use twinning_outputs::{Document, OutputBody};

const PLAN: &str = include_str!("plan.json");

/// The plan with its first funding amount written as `amount`.
fn plan_with(amount: &str) -> String {
    PLAN.replacen("\"amount_eur\": \"150000\"", &format!("\"amount_eur\": \"{amount}\""), 1)
}

fn first_funding(doc: &Document) -> Decimal {
    let OutputBody::ActionPlan(p) = &doc.body else {
        return Decimal::MIN; // not an action plan: no assertion below expects this
    };
    p.actions[0].funding[0].amount_eur
}

#[test]
fn a_thousands_point_is_read_only_where_the_convention_is_declared() {
    let text = plan_with("150.000");
    let e = Document::from_json(&text).unwrap_err().to_string();
    assert!(e.contains("ambiguous") && e.contains("number convention"), "{e}");
    let de = Document::from_json_in(&text, NumberLocale::De).unwrap();
    assert_eq!(first_funding(&de), Decimal::new(150_000, 0));
    // Under the English convention "150.000" is 150 with three decimals: not a euro amount.
    let e = Document::from_json_in(&text, NumberLocale::En).unwrap_err().to_string();
    assert!(e.contains("two decimals"), "{e}");
}

#[test]
fn each_convention_reads_its_own_amounts_and_refuses_the_others() {
    for (amount, locale, cents) in [
        ("1.500,50", NumberLocale::De, 150_050),
        ("1,500.50", NumberLocale::En, 150_050),
        ("1\u{a0}500,50", NumberLocale::Fr, 150_050),
        ("1,500", NumberLocale::En, 150_000),
    ] {
        let doc = Document::from_json_in(&plan_with(amount), locale).unwrap();
        assert_eq!(first_funding(&doc), Decimal::new(cents, 2), "{amount} {locale}");
    }
    let e = Document::from_json_in(&plan_with("1,500.50"), NumberLocale::De).unwrap_err();
    assert!(e.to_string().contains("amount_eur"), "{e}");
    assert!(Document::from_json(&plan_with("1,500")).unwrap_err().to_string().contains("comma"));
    // Plain numbers read the same under every convention; the locale does not leak.
    let plain = Document::from_json(PLAN).unwrap();
    for locale in NumberLocale::ALL {
        assert_eq!(
            first_funding(&Document::from_json_in(PLAN, locale).unwrap()),
            first_funding(&plain)
        );
    }
    assert!(Document::from_json(&plan_with("150.000")).is_err());
}
