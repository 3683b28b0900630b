//! The self-check over HTTP: one question per page, answers carried in the
//! address, errors shown on the page, the result from the rule set.

use super::browse;
use crate::support::Server;

/// The answers of a Portuguese Mission-minded city to cohort 4's call
/// (closing 12 September 2025, 17:00 CEST; neutrality by 2050; beyond the
/// 112 Mission Cities; EU or associated country), submitted in time.
const ELIGIBLE: &str = "call=4-mission-minded-city&name=Braga&country=PT&neutral=year&year=2040\
    &mission=no&earlier=no&sub=date&sday=1&smonth=9&syear=2025&shour=10&sminute=0";

fn location(a: &crate::support::Answer) -> String {
    assert_eq!(a.status, 303, "{}", a.body);
    a.header("location").unwrap().to_owned()
}

#[test]
fn each_answer_leads_to_the_next_question_then_to_check_your_answers() {
    let s = Server::start();
    let start = browse(&s, "/check");
    assert!(start.body.contains("href=\"/check/call\""));
    let next = location(&browse(&s, "/check/call?call=4-mission-minded-city&answered=1"));
    assert_eq!(next, "/check/name?call=4-mission-minded-city");
    let next = location(&browse(
        &s,
        &format!("{next}&name=Braga&answered=1").replace("/check/name?", "/check/name?"),
    ));
    assert_eq!(next, "/check/country?call=4-mission-minded-city&name=Braga");
    // The cohort 4 Mission-minded rule set asks about neutrality, Mission
    // City status and the submission; after the last, the answers page.
    let last = location(&browse(&s, &format!("/check/submission?{ELIGIBLE}&answered=1")));
    assert!(last.starts_with("/check/answers?"), "{last}");
    let answers = browse(&s, &last);
    assert_eq!(answers.status, 200);
    assert!(answers.body.contains("<h1>Check your answers</h1>"));
    // One change link per question asked, each back to its question.
    for q in ["call", "name", "country", "climate-neutrality", "mission-city", "submission"] {
        assert!(answers.body.contains(&format!("href=\"/check/{q}?")), "{q}");
    }
    assert!(!answers.body.contains("href=\"/check/invited?"));
}

#[test]
fn a_missing_answer_is_shown_on_its_page_with_an_error_summary() {
    let s = Server::start();
    let page = browse(&s, "/check/name?call=4-mission-minded-city&name=&answered=1");
    assert_eq!(page.status, 400);
    assert!(page.body.contains("<title>Error: What is the name of your city?"));
    assert!(page.body.contains("<h2 id=\"error-summary-title\">There is a problem</h2>"));
    assert!(page.body.contains("<a href=\"#name\">Enter the name of your city.</a>"));
    assert!(page.body.contains("aria-describedby=\"name-hint name-error\""));
    let date = browse(
        &s,
        "/check/submission?call=4-mission-minded-city&name=B&country=PT&sub=date&sday=31&smonth=2&syear=2025&answered=1",
    );
    assert_eq!(date.status, 400);
    assert!(date.body.contains("must be a real date"));
    // Without a call chosen, every question sends back to the first.
    assert_eq!(location(&browse(&s, "/check/country")), "/check/call");
    // A result asked for too early goes to the first open question.
    assert_eq!(
        location(&browse(&s, "/check/result?call=4-mission-minded-city&name=B")),
        "/check/country?call=4-mission-minded-city&name=B"
    );
}

#[test]
fn a_city_name_with_markup_is_shown_as_text() {
    let s = Server::start();
    let q = ELIGIBLE.replace("name=Braga", "name=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    for path in
        [format!("/check/answers?{q}"), format!("/check/result?{q}"), format!("/check/name?{q}")]
    {
        let page = browse(&s, &path);
        assert_eq!(page.status, 200, "{path}");
        assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{path}");
        assert!(!page.body.contains("<script>alert(1)"), "{path}");
    }
    let search = browse(&s, "/catalogue?name=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assert!(search.body.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""));
}

#[test]
fn the_result_is_eligible_ineligible_or_undetermined_with_reasons() {
    let s = Server::start();
    let eligible = browse(&s, &format!("/check/result?{ELIGIBLE}"));
    assert!(eligible.body.contains("<div class=\"verdict eligible\"><h1>Your city can apply</h1>"));
    assert_eq!(eligible.body.matches("<span class=\"outcome passed\">Met. </span>").count(), 4);
    // 2060 is after the 2050 limit.
    let late = ELIGIBLE.replace("year=2040", "year=2060");
    let ineligible = browse(&s, &format!("/check/result?{late}"));
    assert!(ineligible.body.contains("<h1>Your city cannot apply</h1>"));
    assert!(ineligible.body.contains("<span class=\"outcome failed\">Not met. </span>"));
    assert!(ineligible.body.contains("2060"));
    // Submitted after 17:00 CEST on 12 September 2025: too late.
    let after =
        ELIGIBLE.replace("sday=1&", "sday=12&").replace("shour=10&sminute=0", "shour=17&sminute=1");
    let too_late = browse(&s, &format!("/check/result?{after}"));
    assert!(too_late.body.contains("<h1>Your city cannot apply</h1>"));
    // No neutrality year: undetermined, saying what is missing, with a link
    // back to that question.
    let unknown = ELIGIBLE.replace("neutral=year&year=2040", "neutral=unknown");
    let undetermined = browse(&s, &format!("/check/result?{unknown}"));
    assert!(undetermined.body.contains("<h1>We cannot tell yet</h1>"));
    assert!(undetermined.body.contains("<h2>What is missing</h2>"));
    assert!(
        undetermined
            .body
            .contains("Give the year your city has committed to be climate neutral by.")
    );
    assert!(undetermined.body.contains("href=\"/check/climate-neutrality?"));
}
