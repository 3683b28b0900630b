//! The demo's `report.html`, opened from a file in Chromium with no server
//! behind it: its drawings render, it fetches nothing, and it passes the
//! accessibility audit. The README's picture is its screenshot.

use serde_json::json;
use twinning_pairing::{Plan, sample_learners};

use crate::audit::{audit, axe_source};
use crate::browser::{Options, run, screenshot};

#[test]
#[ignore = "needs Chromium: .ci/run runs them"]
fn the_offline_report_renders_its_drawings_and_fetches_nothing() {
    let cat = twinning_profile::Catalogue::builtin();
    let at = chrono::DateTime::parse_from_rfc3339("2026-05-01T12:00:00+02:00").unwrap();
    let plan = Plan::cohort5(cat, sample_learners(cat).unwrap()).unwrap();
    let demo = plan.run(at).unwrap();
    let html = demo.to_html("twinning-out");
    let dir = std::env::temp_dir().join(format!("twinning-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("report.html");
    std::fs::write(&file, &html).unwrap();
    let pairs = demo.matching.pairs.len();
    let axe = axe_source();
    run(Options::default(), |c, _base| async move {
        c.goto(&format!("file://{}", file.display())).await.unwrap();
        let title = c.execute("return document.title;", vec![]).await.unwrap();
        assert!(title.as_str().unwrap().contains("end to end"), "{title}");
        // Both drawings are laid out with a real size.
        let sizes = c
            .execute(
                "return [...document.querySelectorAll('svg')].map(s => {
                     const r = s.getBoundingClientRect(); return [s.getAttribute('class'), r.width, r.height]; });",
                vec![],
            )
            .await
            .unwrap();
        let sizes = sizes.as_array().unwrap();
        assert_eq!(sizes.len(), 2, "{sizes:?}");
        for s in sizes {
            assert!(s[1].as_f64().unwrap() > 300.0 && s[2].as_f64().unwrap() > 100.0, "{s}");
        }
        // One line per pair, and the today line inside cohort 5's months.
        let lines = c
            .execute("return document.querySelectorAll('svg.pairs line.pair').length;", vec![])
            .await
            .unwrap();
        assert_eq!(lines, json!(pairs));
        let today = c
            .execute("return document.querySelectorAll('svg.timeline .today').length;", vec![])
            .await
            .unwrap();
        assert_eq!(today, json!(1));
        // Nothing was fetched: the page is the only resource.
        let fetched = c
            .execute("return performance.getEntriesByType('resource').length;", vec![])
            .await
            .unwrap();
        assert_eq!(fetched, json!(0));
        let problems = audit(&c, &axe).await;
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        screenshot(&c, "report").await;
    });
    let _ = std::fs::remove_dir_all(&dir);
}
