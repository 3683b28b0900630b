//! An automated accessibility audit: axe-core (pinned in tests/tools/axe)
//! injected into every page, WCAG 2.0, 2.1 and 2.2 A and AA rules and
//! axe's best practices; no serious or critical violation allowed.
//! The same walk takes the screenshots in docs/screenshots.

use std::path::Path;

use fantoccini::Client;
use serde_json::{Value, json};

use crate::browser::{Options, click, next, run, screenshot};

/// axe-core's script, installed by `npm ci --prefix tests/tools/axe`.
pub fn axe_source() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/tools/axe/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{}: {e}; run `npm ci --prefix tests/tools/axe` (see docs/web.md)", path.display())
    })
}

/// The serious and critical violations on the current page, as
/// "rule: target" lines.
pub async fn audit(c: &Client, axe: &str) -> Vec<String> {
    c.execute(axe, vec![]).await.unwrap();
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag', values:
                 ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })
               .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact,
                   nodes: v.nodes.map(n => n.target.join(' ')) }))))
               .catch(e => done([{ id: 'axe-error', impact: 'critical', nodes: [String(e)] }]));",
            vec![],
        )
        .await
        .unwrap();
    let Value::Array(violations) = found else { panic!("axe answered {found}") };
    violations
        .iter()
        .filter(|v| v["impact"] == json!("serious") || v["impact"] == json!("critical"))
        .map(|v| format!("{} ({}): {}", v["id"], v["impact"], v["nodes"]))
        .collect()
}

/// The eligible answers to cohort 4's Mission-minded call (see the journeys).
const ANSWERS: &str = "call=4-mission-minded-city&name=Braga&country=PT&neutral=year&year=2040\
    &mission=no&earlier=no&sub=date&sday=1&smonth=9&syear=2025&shour=10&sminute=0";

#[test]
#[ignore = "needs Chromium: .ci/run runs them"]
fn no_page_has_a_serious_or_critical_accessibility_violation() {
    let axe = axe_source();
    run(Options::default(), |c, base| async move {
        let slug = twinning_profile::Catalogue::builtin()
            .cities()
            .iter()
            .find(|city| city.practices().iter().any(|p| !p.quantities().is_empty()))
            .map(|city| city.slug().to_string())
            .unwrap();
        let undetermined = ANSWERS.replace("neutral=year&year=2040", "neutral=unknown");
        let ineligible = ANSWERS.replace("year=2040", "year=2060");
        // (address, screenshot name if the page is one of the main ones)
        let pages: Vec<(String, Option<&str>)> = vec![
            ("/?at=2025-09-01".into(), Some("home")),
            ("/cohorts".into(), None),
            ("/cohorts/5?at=2026-03-01".into(), Some("cohort-5")),
            ("/cohorts/4".into(), None),
            ("/catalogue".into(), None),
            ("/catalogue?theme=mobility".into(), Some("catalogue")),
            ("/catalogue?theme=sunshine".into(), None),
            (format!("/catalogue/{slug}"), Some("city")),
            ("/check".into(), Some("check-start")),
            ("/check/call".into(), Some("check-question")),
            ("/check/call?answered=1".into(), Some("check-error")),
            ("/check/name?call=4-mission-minded-city".into(), None),
            ("/check/country?call=4-mission-minded-city&name=Braga".into(), None),
            ("/check/climate-neutrality?call=4-mission-minded-city&name=Braga&country=PT".into(), None),
            ("/check/mission-city?call=4-mission-minded-city&name=Braga&country=PT&neutral=unknown".into(), None),
            ("/check/submission?call=4-mission-minded-city&name=Braga&country=PT&neutral=unknown&mission=no".into(), None),
            ("/check/partner-project?call=5-mission-minded-city&name=Braga&country=PT".into(), None),
            ("/check/local-authority?call=3-twin-city&name=Braga&country=PT".into(), None),
            (format!("/check/answers?{ANSWERS}"), Some("check-answers")),
            (format!("/check/result?{ANSWERS}"), Some("check-result-eligible")),
            (format!("/check/result?{ineligible}"), Some("check-result-ineligible")),
            (format!("/check/result?{undetermined}"), None),
            ("/no-such-page".into(), Some("not-found")),
        ];
        let mut problems = Vec::new();
        for (address, shot) in &pages {
            c.goto(&format!("{base}{address}")).await.unwrap();
            for v in audit(&c, &axe).await {
                problems.push(format!("{address}: {v}"));
            }
            if let Some(name) = shot {
                screenshot(&c, name).await;
            }
        }
        // The skip link, when focused, is on screen.
        c.goto(&format!("{base}/")).await.unwrap();
        crate::browser::press(&c, &crate::browser::tab()).await;
        screenshot(&c, "skip-link").await;
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        // The staff pages, signed in.
        c.goto(&format!("{base}/staff/sign-in")).await.unwrap();
        for v in audit(&c, &axe).await {
            problems.push(format!("/staff/sign-in: {v}"));
        }
        crate::browser::fill(&c, "#token", &crate::browser::staff_token()).await;
        next(&c).await;
        crate::browser::fill(&c, "#name", "Audit").await;
        crate::browser::submit(&c, "form[action='/staff/runs'] button").await;
        crate::browser::path_is(&c, "/staff/runs/1").await;
        crate::browser::fill(&c, "#applicants", r#"[{"name": "Braga", "country": "PT"}]"#).await;
        c.find(fantoccini::Locator::Css("#role"))
            .await
            .unwrap()
            .select_by_value("mission-minded-city")
            .await
            .unwrap();
        crate::browser::submit(&c, "form[action$='/applicants'] button").await;
        crate::browser::path_is(&c, "/staff/runs/1").await;
        crate::browser::submit(&c, "form[action$='/decide'] button").await;
        crate::browser::path_is(&c, "/staff/runs/1").await;
        crate::browser::fill(&c, "#interests", twinning_pairing::SAMPLE_INTERESTS).await;
        crate::browser::submit(&c, "form[action$='/match'] button").await;
        crate::browser::path_is(&c, "/staff/runs/1/matchings/1").await;
        // The survey preview, and its page for a file it cannot read.
        let dir = std::env::temp_dir().join(format!("twinning-audit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (file, text) in [
            ("good.csv", "slug,name,country,Neutrality year\nmy-torino,Torino,IT,2030\n"),
            ("bad.csv", "slug,name,country,favourite colour\nmy-torino,Torino,IT,blue\n"),
        ] {
            c.goto(&format!("{base}/staff/runs/1")).await.unwrap();
            let path = dir.join(file);
            std::fs::write(&path, text).unwrap();
            c.find(fantoccini::Locator::Css("#survey"))
                .await
                .unwrap()
                .send_keys(path.to_str().unwrap())
                .await
                .unwrap();
            crate::browser::submit(&c, "form[action$='/survey'] button").await;
            for v in audit(&c, &axe).await {
                problems.push(format!("survey preview of {file}: {v}"));
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
        c.goto(&format!("{base}/staff/runs/1/matchings/1")).await.unwrap();
        crate::browser::submit(&c, "form[action$='/confirm'] button").await;
        crate::browser::submit(&c, "form[action$='/link'] button").await;
        let link = c
            .find(fantoccini::Locator::Css("a.private-link"))
            .await
            .unwrap()
            .attr("href")
            .await
            .unwrap()
            .unwrap();
        for v in audit(&c, &axe).await {
            problems.push(format!("the private link page: {v}"));
        }
        c.goto(&link).await.unwrap();
        for v in audit(&c, &axe).await {
            problems.push(format!("a pair's page: {v}"));
        }
        c.goto(&format!("{link}/outputs/action-plan")).await.unwrap();
        for v in audit(&c, &axe).await {
            problems.push(format!("the action plan form: {v}"));
        }
        crate::browser::submit(&c, "button[value=submit]").await;
        for v in audit(&c, &axe).await {
            problems.push(format!("the action plan form with problems: {v}"));
        }
        // A cohort 3 run, whose pairs owe all five outputs: each new form,
        // as it opens and with the problems of an empty submission.
        c.goto(&format!("{base}/staff")).await.unwrap();
        crate::browser::fill(&c, "#name", "Audit 3").await;
        c.find(fantoccini::Locator::Css("#cohort"))
            .await
            .unwrap()
            .select_by_value("3")
            .await
            .unwrap();
        crate::browser::submit(&c, "form[action='/staff/runs'] button").await;
        crate::browser::path_is(&c, "/staff/runs/2").await;
        crate::browser::fill(&c, "#interests", twinning_pairing::SAMPLE_INTERESTS).await;
        crate::browser::submit(&c, "form[action$='/match'] button").await;
        crate::browser::submit(&c, "form[action$='/confirm'] button").await;
        crate::browser::submit(&c, "form[action$='/link'] button").await;
        let link3 = c
            .find(fantoccini::Locator::Css("a.private-link"))
            .await
            .unwrap()
            .attr("href")
            .await
            .unwrap()
            .unwrap();
        for kind in [
            "learning-roadmap",
            "stakeholder-engagement-plan",
            "transferability-assessment",
            "info-session",
        ] {
            c.goto(&format!("{link3}/outputs/{kind}")).await.unwrap();
            for v in audit(&c, &axe).await {
                problems.push(format!("the {kind} form: {v}"));
            }
            crate::browser::submit(&c, "button[value=submit]").await;
            assert!(c.find(fantoccini::Locator::Css(".error-summary")).await.is_ok(), "{kind}");
            for v in audit(&c, &axe).await {
                problems.push(format!("the {kind} form with problems: {v}"));
            }
        }
        for address in [
            "/staff",
            "/staff/runs/1",
            "/staff/runs/1/matchings/1",
            "/staff/runs/1/pairs/1/outputs/action-plan",
        ] {
            c.goto(&format!("{base}{address}")).await.unwrap();
            for v in audit(&c, &axe).await {
                problems.push(format!("{address}: {v}"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        // And a page reached by a form is audited in the state a user sees.
        c.goto(&format!("{base}/check/call")).await.unwrap();
        click(&c, "input[value='4-mission-minded-city']").await;
        next(&c).await;
        assert!(audit(&c, &axe).await.is_empty());
    });
}
