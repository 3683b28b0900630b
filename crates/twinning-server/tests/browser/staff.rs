//! A staff member's journey: sign in with the staff token, create a run,
//! upload a survey (checked before it is stored), add applicants, decide them, resolve the undetermined one with a reason,
//! and find the export; a form stripped of its CSRF token is refused.

use fantoccini::{Client, Locator};

use crate::browser::{Options, click, fill, next, path_is, run, screenshot, text};

/// The staff token of the test server, read from the page the test set up.
async fn sign_in(c: &Client, base: &str, token: &str) {
    c.goto(&format!("{base}/staff")).await.unwrap();
    assert_eq!(path_is(c, "/staff/sign-in").await, "/staff/sign-in");
    screenshot(c, "staff-sign-in").await;
    fill(c, "#token", token).await;
    next(c).await;
    assert_eq!(path_is(c, "/staff").await, "/staff");
    assert_eq!(text(c, "h1").await, "Cohort runs");
}

#[test]
#[ignore = "needs Chromium: .ci/run runs them"]
fn staff_resolve_an_undetermined_application_with_a_reason() {
    run(Options::default(), |c, base| async move {
        let token = crate::browser::staff_token();
        // A wrong token is refused on the form, with the problem named.
        c.goto(&format!("{base}/staff/sign-in")).await.unwrap();
        fill(&c, "#token", "not-a-token").await;
        next(&c).await;
        assert_eq!(text(&c, ".error-summary a").await, "The token is unknown or has been revoked.");
        sign_in(&c, &base, &token).await;
        fill(&c, "#name", "Cohort 4 Mission-minded").await;
        c.find(Locator::Css("#cohort")).await.unwrap().select_by_value("4").await.unwrap();
        crate::browser::submit(&c, "form[action='/staff/runs'] button").await;
        assert_eq!(path_is(&c, "/staff/runs/1").await, "/staff/runs/1");
        // A registration survey, checked before it is stored.
        let dir = std::env::temp_dir().join(format!("twinning-browser-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let survey = dir.join("survey.csv");
        std::fs::write(
            &survey,
            "slug,name,variants,country,kind,part_of,Neutrality year,projects\n\
             my-torino,Torino,Turin,IT,municipality,,2030,\n\
             my-bologna,Bologna,,IT,municipality,,2030,\n",
        )
        .unwrap();
        c.find(Locator::Css("#survey"))
            .await
            .unwrap()
            .send_keys(survey.to_str().unwrap())
            .await
            .unwrap();
        crate::browser::submit(&c, "form[action$='/survey'] button").await;
        assert_eq!(text(&c, "h1").await, "Check the survey before it is stored");
        let mapping = text(&c, "table").await;
        assert!(mapping.contains("Neutrality year climate_neutrality_target"), "{mapping}");
        screenshot(&c, "staff-survey-preview").await;
        crate::browser::submit(&c, "form[action$='/survey/store'] button").await;
        assert_eq!(path_is(&c, "/staff/runs/1").await, "/staff/runs/1");
        assert!(
            text(&c, "dl.summary").await.contains("Applicants\n2")
                || text(&c, "dl.summary").await.contains("Applicants 2")
        );
        let _ = std::fs::remove_dir_all(&dir);
        // Two applicants to cohort 4's Mission-minded call (closing
        // 12 September 2025, 17:00 CEST; neutrality by 2050): Braga gives no
        // neutrality year (undetermined), Rethymno gives 2060 (ineligible).
        fill(&c, "#applicants", r#"[{"name": "Braga", "country": "PT", "submitted_at": "2025-09-01T10:00:00+02:00", "claims": {"mission_city": false}},
            {"name": "Rethymno", "country": "GR", "neutrality_year": 2060, "submitted_at": "2025-09-01T10:00:00+02:00"}]"#).await;
        c.find(Locator::Css("#role"))
            .await
            .unwrap()
            .select_by_value("mission-minded-city")
            .await
            .unwrap();
        crate::browser::submit(&c, "form[action$='/applicants'] button").await;
        assert_eq!(path_is(&c, "/staff/runs/1").await, "/staff/runs/1");
        crate::browser::submit(&c, "form[action$='/decide'] button").await;
        assert_eq!(path_is(&c, "/staff/runs/1").await, "/staff/runs/1");
        let table = text(&c, "table.applications").await;
        assert!(table.contains("Braga"), "{table}");
        assert!(table.contains("Torino"), "{table}");
        assert!(table.contains("undetermined"), "{table}");
        assert!(table.contains("to climate neutrality by 2060"), "{table}");
        screenshot(&c, "staff-run").await;
        // A form without its CSRF token is refused.
        c.execute(
            "document.querySelector(\"form[action$='/override'] input[name=csrf]\").remove();",
            vec![],
        )
        .await
        .unwrap();
        click(&c, "#verdict-0-0").await;
        fill(&c, "#reason-0", "stripped").await;
        crate::browser::submit(&c, "form[action$='/override'] button").await;
        assert_eq!(text(&c, "h1").await, "This form cannot be accepted");
        // The real form, with a reason.
        c.goto(&format!("{base}/staff/runs/1")).await.unwrap();
        click(&c, "#verdict-0-0").await;
        fill(&c, "#reason-0", "Council decision of 2 May 2025: climate neutral by 2040").await;
        crate::browser::submit(&c, "form[action$='/override'] button").await;
        assert_eq!(path_is(&c, "/staff/runs/1").await, "/staff/runs/1");
        let table = text(&c, "table.applications").await;
        assert!(table.contains("overridden by staff: Council decision of 2 May 2025"), "{table}");
        assert!(c.source().await.unwrap().contains("None waiting."));
        // A budgeted matching of the sample learners with at most 3 hosts.
        fill(&c, "#interests", twinning_pairing::SAMPLE_INTERESTS).await;
        fill(&c, "#max_hosts", "3").await;
        crate::browser::submit(&c, "form[action$='/match'] button").await;
        assert_eq!(path_is(&c, "/staff/runs/1/matchings/1").await, "/staff/runs/1/matchings/1");
        assert!(text(&c, "main").await.contains("every constraint holds"));
        let lines = c.find_all(Locator::Css("svg.pairs line.pair")).await.unwrap().len();
        assert!(lines > 0);
        screenshot(&c, "staff-matching").await;
        crate::browser::submit(&c, "form[action$='/confirm'] button").await;
        assert_eq!(path_is(&c, "/staff/runs/1").await, "/staff/runs/1");
        let glance = text(&c, "dl.summary").await;
        assert!(
            glance.contains(&format!("Confirmed pairs\n{lines}"))
                || glance.contains(&format!("Confirmed pairs {lines}")),
            "{glance}"
        );
        // A private link for the first pair, opened as its city officers would.
        crate::browser::submit(&c, "form[action$='/link'] button").await;
        let link = c
            .find(Locator::Css("a.private-link"))
            .await
            .unwrap()
            .attr("href")
            .await
            .unwrap()
            .unwrap();
        c.goto(&link).await.unwrap();
        assert_eq!(text(&c, "h2").await, "What is due");
        let due = text(&c, "main table").await;
        assert!(due.contains("draft"), "{due}");
        screenshot(&c, "pair").await;
        // The officers fill in the action plan, fixing what the form reports.
        click(&c, "a[href$='/outputs/action-plan']").await;
        path_is(&c, &format!("{}/outputs/action-plan", url_path(&link))).await;
        for (field, value) in [
            ("#title0", "Safer school routes"),
            ("#owner0", "Mobility office"),
            ("#start0", "1 October 2026"),
            ("#end0", "2027-03-31"),
            ("#budget0", "12000"),
        ] {
            fill(&c, field, value).await;
        }
        crate::browser::submit(&c, "button[value=submit]").await;
        let summary = text(&c, ".error-summary").await;
        assert!(summary.contains("Action 1: enter the start date as year-month-day"), "{summary}");
        click(&c, ".error-summary a[href='#start0']").await;
        let focused = c.execute("return document.activeElement.id;", vec![]).await.unwrap();
        assert_eq!(focused, serde_json::json!("start0"));
        fill(&c, "#start0", "2026-10-01").await;
        crate::browser::submit(&c, "button[value=submit]").await;
        // Now the library's own checks: every missing item at once.
        let summary = text(&c, ".error-summary").await;
        assert!(summary.contains("Still missing: at least one funding source"), "{summary}");
        assert!(summary.contains("Still missing: at least one KPI"), "{summary}");
        screenshot(&c, "pair-action-plan-problems").await;
        for (field, value) in [
            ("#fund0", "City budget"),
            ("#fundamt0", "12000"),
            ("#kpi0", "Children walking or cycling to school"),
            ("#kpiunit0", "%"),
            ("#kpibase0", "20"),
            ("#kpitarget0", "40"),
            ("#risk0", "Parents' opposition"),
            ("#mitig0", "Co-design with schools"),
        ] {
            fill(&c, field, value).await;
        }
        crate::browser::submit(&c, "button[value=save]").await;
        assert!(text(&c, "main").await.contains("Your draft is saved."));
        crate::browser::submit(&c, "button[value=submit]").await;
        let due = text(&c, "main table").await;
        assert!(due.contains("submitted"), "{due}");
        // Staff see the submission in the tracker, read it and accept it.
        c.goto(&format!("{base}/staff/runs/1")).await.unwrap();
        let tracker = text(&c, "#pairs + table").await;
        assert!(tracker.contains("submitted"), "{tracker}");
        click(&c, "#pairs + table a[href$='/outputs/action-plan']").await;
        assert!(text(&c, "div.document").await.contains("Safer school routes"));
        crate::browser::submit(&c, "input[value=accepted] + button").await;
        assert!(text(&c, "main").await.contains("Status: accepted."));
        c.goto(&format!("{base}/staff/runs/1")).await.unwrap();
        let export = c.find(Locator::Css("a[href='/staff/runs/1/export.json']")).await.unwrap();
        assert_eq!(export.attr("download").await.unwrap(), Some(String::new()));
        // Sign out: the staff pages are closed again.
        crate::browser::submit(&c, ".signed-in button").await;
        assert_eq!(path_is(&c, "/staff/sign-in").await, "/staff/sign-in");
        c.goto(&format!("{base}/staff")).await.unwrap();
        assert_eq!(path_is(&c, "/staff/sign-in").await, "/staff/sign-in");
    });
}

/// The path of an absolute address.
fn url_path(link: &str) -> String {
    link.splitn(4, '/').nth(3).map(|p| format!("/{p}")).unwrap_or_default()
}
