//! The matcher keeps its own copy of the check on ids (it depends on no
//! sibling crate); here the copy and `twinning_core::visible_id` must refuse
//! exactly the same ids.

use twinning::matcher::{Error, Instance, Limits};
use twinning::visible_id;

fn matcher_accepts(id: &str) -> bool {
    let doc = serde_json::json!({ "seekers": [{ "id": id }], "hosts": [] }).to_string();
    match Instance::from_json(&doc, &Limits::default()) {
        Ok(_) => true,
        Err(Error::HiddenId { .. }) => false,
        Err(e) => panic!("{id:?}: {e}"),
    }
}

#[test]
fn the_matcher_and_the_core_refuse_the_same_ids() {
    // Every character of the first planes up to Hangul compatibility, every
    // character the core refuses, and a sample of the rest.
    let chars = (0..0x3200_u32)
        .chain((0x3200..=0x10_FFFF).step_by(97))
        .chain(0xE0000..=0xE0FFF)
        .chain(0x1_0000..0x1_1000)
        .filter_map(char::from_u32);
    for c in chars {
        for id in [format!("a{c}b"), format!("{c}")] {
            assert_eq!(visible_id(&id).is_ok(), matcher_accepts(&id), "U+{:04X}", u32::from(c));
        }
    }
    // Decomposed against composed, and spaces at the ends.
    for id in ["Lie\u{300}ge", "Li\u{e8}ge", " a", "a ", "a b"] {
        assert_eq!(visible_id(id).is_ok(), matcher_accepts(id), "{id:?}");
    }
}
