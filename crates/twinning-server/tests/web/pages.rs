//! Page headers, assets, error pages, the cohort and catalogue pages.

use twinning_profile::{Catalogue, CityQuery, Theme};

use super::browse;
use crate::support::Server;

#[test]
fn pages_are_html_in_english_with_a_policy_that_allows_only_their_own_files() {
    let s = Server::start();
    for path in ["/", "/cohorts", "/cohorts/5", "/catalogue", "/check", "/check/call"] {
        let a = browse(&s, path);
        assert_eq!(a.status, 200, "{path}: {}", a.body);
        assert_eq!(a.header("content-type"), Some("text/html; charset=utf-8"), "{path}");
        let csp = a.header("content-security-policy").unwrap();
        assert!(csp.starts_with("default-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(a.header("x-frame-options"), Some("DENY"));
        assert!(a.body.starts_with("<!DOCTYPE html><html lang=\"en\">"), "{path}");
        assert!(a.body.contains("<a class=\"skip-link\" href=\"#main\">"), "{path}");
        assert!(a.body.contains("<main id=\"main\""), "{path}");
        assert!(a.body.contains(" – Twinning Learning Programme</title>"), "{path}");
        // No inline script or style for the policy to block.
        assert!(!a.body.contains("<script>"), "{path}");
        assert!(!a.body.contains(" style="), "{path}");
    }
    // The API keeps its policy that allows nothing.
    let api = s.get("/v1/cohorts");
    assert_eq!(
        api.header("content-security-policy"),
        Some("default-src 'none'; frame-ancestors 'none'")
    );
}

#[test]
fn the_stylesheet_is_cached_for_a_year_at_an_address_that_changes_with_it() {
    let s = Server::start();
    let home = browse(&s, "/");
    let href =
        home.body.split("rel=\"stylesheet\" href=\"").nth(1).unwrap().split('"').next().unwrap();
    assert!(href.starts_with("/assets/style-") && href.ends_with(".css"), "{href}");
    let css = browse(&s, href);
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert_eq!(css.header("cache-control"), Some("public, max-age=31536000, immutable"));
    assert!(css.body.contains("@media print"));
    // An older address is gone, not served stale.
    assert_eq!(browse(&s, "/assets/style-0000000000000000.css").status, 404);
}

#[test]
fn an_unknown_address_is_an_html_page_for_browsers_and_a_problem_for_programs() {
    let s = Server::start();
    let page = browse(&s, "/no/such/page");
    assert_eq!(page.status, 404);
    assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(page.body.contains("<h1>Page not found</h1>"));
    let api = s.get("/no/such/page");
    assert_eq!(api.status, 404);
    assert_eq!(api.header("content-type"), Some("application/problem+json"));
    // Under /v1 even a browser gets the problem.
    assert_eq!(browse(&s, "/v1/nothing").header("content-type"), Some("application/problem+json"));
    assert_eq!(browse(&s, "/cohorts/9").status, 404);
    assert_eq!(browse(&s, "/catalogue/no-such-city").status, 404);
    let bad = browse(&s, "/?at=yesterday");
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("There is a problem with this address"));
}

#[test]
fn the_home_page_shows_the_open_call_and_its_deadline_in_brussels_time() {
    let s = Server::start();
    // Cohort 4's Mission-minded call closed at 17:00 CEST on 12 September
    // 2025 (netzerocities.eu/twinning-learning-programme, stamp 2025-09-12).
    let home = browse(&s, "/?at=2025-09-01T12:00:00%2B02:00");
    assert!(home.body.contains("it closes <time class=\"local-time\" datetime=\"2025-09-12T17:00:00+02:00\">12 September 2025, 17:00 CEST (Brussels)</time>"), "{}", home.body);
    // The day after, that call is no longer listed.
    let later = browse(&s, "/?at=2025-09-13");
    assert!(!later.body.contains(
        "datetime=\"2025-09-12T17:00:00+02:00\">12 September 2025, 17:00 CEST (Brussels)</time>."
    ));
}

#[test]
fn a_cohort_page_has_its_timeline_with_a_today_line_and_its_calendar() {
    let s = Server::start();
    // 1 March 2026 is inside cohort 5's Mission City registration
    // (February to March 2026, seed 001).
    let page = browse(&s, "/cohorts/5?at=2026-03-01");
    assert!(page.body.contains(
        "<svg class=\"timeline\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\""
    ));
    assert!(page.body.contains("class=\"today\""));
    assert!(page.body.contains("Today, 1 Mar 2026"));
    assert!(page.body.contains("href=\"/v1/cohorts/5/calendar.ics\""));
    assert!(page.body.contains("Registration for Mission cities open"));
    // Long after the cohort, no today line.
    let after = browse(&s, "/cohorts/5?at=2030-01-01");
    assert!(!after.body.contains("class=\"today\""));
    // The calendar link answers iCalendar.
    let ics = s.get("/v1/cohorts/5/calendar.ics");
    assert!(ics.body.starts_with("BEGIN:VCALENDAR"));
}

#[test]
fn the_catalogue_filters_by_theme_country_and_project() {
    let s = Server::start();
    let cat = Catalogue::builtin();
    let all = browse(&s, "/catalogue");
    assert!(all.body.contains(&format!("<h2>{} cities</h2>", cat.cities().len())));
    // Theme: every city with a practice or goal on mobility, computed here
    // from the profiles' own themes.
    let mobility: Vec<&str> = cat
        .cities()
        .iter()
        .filter(|c| {
            c.practices().iter().any(|p| p.themes().contains(&Theme::Mobility))
                || c.learning_goals().iter().any(|g| g.themes().contains(&Theme::Mobility))
        })
        .map(|c| c.slug().as_str())
        .collect();
    let page = browse(&s, "/catalogue?theme=mobility&country=&project=");
    assert_eq!(page.status, 200);
    let listed = page.body.matches("<li><a href=\"/catalogue/").count();
    assert_eq!(listed, mobility.len());
    for slug in &mobility {
        assert!(page.body.contains(&format!("href=\"/catalogue/{slug}\"")), "{slug}");
    }
    // Country and project narrow further.
    let pt = browse(&s, "/catalogue?country=PT");
    let in_pt = cat.cities().iter().filter(|c| c.country().as_str() == "PT").count();
    assert_eq!(pt.body.matches("<li><a href=\"/catalogue/").count(), in_pt);
    let project = &cat.projects()[0];
    let members = cat.search(&CityQuery { project: Some(project), ..CityQuery::default() });
    let by_project = browse(&s, &format!("/catalogue?project={}", project.slug()));
    assert_eq!(by_project.body.matches("<li><a href=\"/catalogue/").count(), members.len());
    // A value not in the lists is a 400 with the problem named.
    let bad = browse(&s, "/catalogue?theme=sunshine");
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("There is no theme &quot;sunshine&quot;"));
    assert!(bad.body.contains("<title>Error: Cities"));
}

#[test]
fn a_city_page_lists_its_practices_with_figures_and_sources() {
    let s = Server::start();
    let cat = Catalogue::builtin();
    let city = cat
        .cities()
        .iter()
        .find(|c| c.practices().iter().any(|p| !p.quantities().is_empty()))
        .unwrap();
    let page = browse(&s, &format!("/catalogue/{}", city.slug()));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<h2>Tested practices</h2>"));
    let practice = city.practices().iter().find(|p| !p.quantities().is_empty()).unwrap();
    let quantity = practice.quantities()[0].to_string();
    let escaped = quantity
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;");
    assert!(page.body.contains(&escaped), "{escaped}");
    assert!(page.body.contains("<h2 class=\"footer-heading\">Sources for this page</h2>"));
    assert!(page.body.contains(city.provenance().source()));
}
