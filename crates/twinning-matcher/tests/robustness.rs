//! Nothing panics, whatever the input.

use proptest::prelude::*;
use twinning_matcher::{
    Instance, Limits, Side, StableLattice, check, deferred_acceptance, explain, super_stable,
};

fn json_value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        any::<i64>().prop_map(|v| v.to_string()),
        "[a-z0-9]{0,3}".prop_map(|s| format!("\"{s}\"")),
        Just("\"s1\"".to_owned()),
        Just("\"h1\"".to_owned()),
        Just("-1".to_owned()),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("id"),
                        Just("preferences"),
                        Just("capacity"),
                        Just("seekers"),
                        Just("hosts"),
                        Just("seeker"),
                        Just("host"),
                        Just("score"),
                        Just("scores"),
                        Just("forbidden"),
                        Just("required"),
                        Just("max_hosts"),
                        Just("version"),
                    ],
                    inner
                ),
                0..5
            )
            .prop_map(|v| {
                let items: Vec<String> = v.iter().map(|(k, x)| format!("\"{k}\":{x}")).collect();
                format!("{{{}}}", items.join(","))
            }),
        ]
    })
}

fn exercise(text: &str) {
    if let Ok(inst) = Instance::from_json(text, &Limits::default()) {
        for side in [Side::Seeker, Side::Host] {
            let m = deferred_acceptance(&inst, side, 7);
            let _ = check(&inst, &m).unwrap();
            let read = twinning_matcher::Matching::from_json(&m.to_json(), &Limits::default());
            assert_eq!(read.unwrap(), m);
            let _ = explain(&inst, &m).unwrap();
        }
        let _ = super_stable(&inst);
        if let Ok(l) = StableLattice::new(&inst, 3) {
            let _ = l.egalitarian();
            let _ = l.minimum_regret();
            let _ = l.enumerate(20);
        }
        let again = serde_json::to_string(&inst).unwrap();
        assert_eq!(Instance::from_json(&again, &Limits::default()).unwrap(), inst);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        exercise(&text);
    }

    #[test]
    fn arbitrary_json_never_panics(
        seekers in json_value(),
        hosts in json_value(),
        extra in json_value(),
    ) {
        exercise(&format!("{{\"seekers\":{seekers},\"hosts\":{hosts}}}"));
        exercise(&format!("{{\"seekers\":[{{\"id\":\"s1\",\"preferences\":{extra}}}],\"hosts\":[{{\"id\":\"h1\",\"capacity\":1,\"preferences\":{hosts}}}]}}"));
        exercise(&extra);
    }
}
