//! A pair's journey through one of the new output forms: staff confirm the
//! pairs of a cohort 3 run (which asks for all five outputs) and hand out a
//! private link; the pair's officers find every output linked from their
//! page, fill in the transferability assessment, fix what the form
//! reports, save a draft (and read the library's verdict), and submit it;
//! staff see it submitted in the tracker.

use fantoccini::{Client, Locator};

use crate::browser::{Options, click, fill, next, path_is, run, screenshot, text};

/// Chooses `value` in the list matching `css`.
async fn choose(c: &Client, css: &str, value: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .select_by_value(value)
        .await
        .unwrap();
}

#[test]
#[ignore = "needs Chromium: .ci/run runs them"]
fn a_pair_fills_in_its_transferability_assessment_fixing_what_the_form_reports() {
    run(Options::default(), |c, base| async move {
        // Staff: a cohort 3 run, matched and confirmed, and a private link.
        c.goto(&format!("{base}/staff/sign-in")).await.unwrap();
        fill(&c, "#token", &crate::browser::staff_token()).await;
        next(&c).await;
        assert_eq!(path_is(&c, "/staff").await, "/staff");
        fill(&c, "#name", "Cohort 3").await;
        choose(&c, "#cohort", "3").await;
        crate::browser::submit(&c, "form[action='/staff/runs'] button").await;
        assert_eq!(path_is(&c, "/staff/runs/1").await, "/staff/runs/1");
        fill(&c, "#interests", twinning_pairing::SAMPLE_INTERESTS).await;
        crate::browser::submit(&c, "form[action$='/match'] button").await;
        crate::browser::submit(&c, "form[action$='/confirm'] button").await;
        crate::browser::submit(&c, "form[action$='/link'] button").await;
        let link = c
            .find(Locator::Css("a.private-link"))
            .await
            .unwrap()
            .attr("href")
            .await
            .unwrap()
            .unwrap();
        // The pair's page links each of the five outputs to its form.
        c.goto(&link).await.unwrap();
        for kind in twinning_cohort::OutputKind::ALL {
            let css = format!("main table a[href$='/outputs/{}']", kind.key());
            assert!(c.find(Locator::Css(&css)).await.is_ok(), "{css}");
        }
        click(&c, "a[href$='/outputs/transferability-assessment']").await;
        let form =
            path_is(&c, &format!("{}/outputs/transferability-assessment", path_of(&link))).await;
        assert!(form.ends_with("/outputs/transferability-assessment"), "{form}");
        // Every dimension scored 3 (a weighted 3.0: transfer with
        // adaptation), but the last one's evidence forgotten.
        fill(&c, "#practice", "beÁgueda e-bike sharing").await;
        fill(&c, "#pcity", "Águeda").await;
        for i in 0..5 {
            choose(&c, &format!("#score{i}"), "3").await;
        }
        for i in 0..4 {
            fill(&c, &format!("#evidence{i}"), &format!("Site visit notes, part {}", i + 1)).await;
        }
        crate::browser::submit(&c, "button[value=submit]").await;
        let summary = text(&c, ".error-summary").await;
        assert!(
            summary.contains(
                "Still missing: evidence for the score (the economic / financial dimension)."
            ),
            "{summary}"
        );
        assert!(
            summary.contains("Still missing: the adaptations a transfer with adaptation needs"),
            "{summary}"
        );
        // What was chosen stays chosen.
        let kept = c.find(Locator::Css("#score2")).await.unwrap().prop("value").await.unwrap();
        assert_eq!(kept.as_deref(), Some("3"));
        screenshot(&c, "pair-transferability-problems").await;
        click(&c, ".error-summary a[href='#evidence4']").await;
        let focused = c.execute("return document.activeElement.id;", vec![]).await.unwrap();
        assert_eq!(focused, serde_json::json!("evidence4"));
        fill(&c, "#evidence4", "Leasing offers from two banks").await;
        choose(&c, "#adim0", "economic").await;
        fill(&c, "#change0", "Lease the e-bikes instead of buying them").await;
        crate::browser::submit(&c, "button[value=save]").await;
        let main = text(&c, "main").await;
        assert!(main.contains("Your draft is saved."), "{main}");
        assert!(main.contains("transferable with adaptation"), "{main}");
        crate::browser::submit(&c, "button[value=submit]").await;
        assert_eq!(path_is(&c, &path_of(&link)).await, path_of(&link));
        let due = text(&c, "main table").await;
        let row = due.lines().find(|l| l.contains("Transferability Assessment")).unwrap_or(&due);
        assert!(row.contains("submitted"), "{due}");
        // Staff see it submitted and read it.
        c.goto(&format!("{base}/staff/runs/1")).await.unwrap();
        let tracker = text(&c, "#pairs + table").await;
        assert!(tracker.contains("submitted"), "{tracker}");
        click(&c, "#pairs + table a[href$='/outputs/transferability-assessment']").await;
        assert!(text(&c, "div.document").await.contains("beÁgueda e-bike sharing"));
    });
}

/// The path of an absolute address.
fn path_of(link: &str) -> String {
    link.splitn(4, '/').nth(3).map(|p| format!("/{p}")).unwrap_or_default()
}
