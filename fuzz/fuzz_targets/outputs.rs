//! Learning outputs: decode any text as a document; a document that decodes
//! survives a JSON round trip unchanged, validates the same way twice, renders
//! to Markdown (deterministically, and without error when it validates), and
//! moves through its lifecycle with typed errors only.

#![no_main]

use chrono::{DateTime, FixedOffset, NaiveDate};
use libfuzzer_sys::fuzz_target;
use twinning_cohort::Cohort;
use twinning_core::DateRange;
use twinning_outputs::{Document, OutputContext};

/// The instant the lifecycle is driven at.
const AT: &str = "2026-06-30T23:59:00+02:00";

fn contexts(doc: &Document) -> Vec<OutputContext> {
    let mut out = Vec::new();
    if let Some(cohort) = Cohort::builtin(doc.cohort) {
        out.push(OutputContext::for_output(cohort, doc.kind()));
    }
    let first = NaiveDate::from_ymd_opt(2024, 12, 1);
    let last = NaiveDate::from_ymd_opt(2026, 5, 31);
    if let (Some(a), Some(b)) = (first, last)
        && let Ok(days) = DateRange::new(a, b)
    {
        out.push(OutputContext::new(doc.cohort, days));
        out.push(OutputContext::new(doc.cohort, days).with_known_practices([]));
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let doc = match Document::from_json(text) {
        Ok(doc) => doc,
        Err(err) => {
            assert!(!err.to_string().is_empty());
            return;
        }
    };

    // No silent loss: what we write reads back equal.
    let json = match doc.to_json() {
        Ok(json) => json,
        Err(err) => panic!("a decoded document does not serialize: {err}"),
    };
    match Document::from_json(&json) {
        Ok(again) => assert_eq!(again, doc, "round trip changed the document\n{json}"),
        Err(err) => panic!("a decoded document's own JSON is refused: {err}\n{json}"),
    }

    // Rendering is deterministic and never fails on a String.
    let markdown = doc.to_markdown();
    assert_eq!(markdown, doc.to_markdown(), "rendering is not deterministic");

    for ctx in contexts(&doc) {
        let problems = doc.validate(&ctx);
        assert_eq!(problems, doc.validate(&ctx), "validation is not pure");
        let report = doc.check(&ctx);
        assert_eq!(report.problems, problems);
        if report.is_valid() {
            let mut out = String::new();
            assert!(doc.write_markdown(&mut out).is_ok(), "a valid document fails to render");
            assert_eq!(out, markdown);
        }
        // The lifecycle refuses with a typed error, never a panic.
        if let Ok(at) = DateTime::<FixedOffset>::parse_from_rfc3339(AT) {
            let mut copy = doc.clone();
            match copy.submit(&ctx, at) {
                Ok(()) => assert!(report.is_ready(), "submitted a document that is not ready"),
                Err(err) => assert!(!err.to_string().is_empty()),
            }
            let _ = copy.request_revision(at, "more detail");
            let _ = copy.accept(at);
            let _ = copy.to_json();
        }
    }
});
