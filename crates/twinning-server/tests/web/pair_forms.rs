//! The forms of a pair's outputs over HTTP: every output cohort 3 asks for
//! (learning roadmap, stakeholder engagement plan, transferability
//! assessment, action plan, info session) has a form that saves and resumes
//! a draft, refuses a submission listing every problem with a link to its
//! field, accepts a complete one, refuses a form without its CSRF token and
//! shows a typed `<script>` as text. The expected problems follow the
//! library's rules (`Document::check`), counted by hand from the values
//! sent.

use serde_json::Value;

use super::staff::{csrf, get, post, sign_in};
use crate::support::{Answer, Server};

/// A cohort 3 run with confirmed pairs; the first pair's private page
/// (`/pair/{token}`).
fn cohort_3_pair(s: &Server) -> String {
    let session = sign_in(s);
    let token = csrf(&get(s, "/staff", &session).body);
    post(s, "/staff/runs", &session, &[("csrf", &token), ("name", "Cohort 3"), ("cohort", "3")]);
    let ran = post(
        s,
        "/staff/runs/1/match",
        &session,
        &[
            ("csrf", &token),
            ("interests", twinning_pairing::SAMPLE_INTERESTS),
            ("mechanism", "deferred-acceptance"),
            ("max_hosts", "3"),
            ("time_limit", "5"),
        ],
    );
    assert_eq!(ran.status, 303, "{}", ran.body);
    let confirmed =
        post(s, "/staff/runs/1/confirm", &session, &[("csrf", &token), ("matching", "1")]);
    assert_eq!(confirmed.status, 303, "{}", confirmed.body);
    let pair = s.staff("GET", "/v1/runs/1/pairs", None).json()[0]["id"].as_i64().unwrap();
    let made = post(s, &format!("/staff/runs/1/pairs/{pair}/link"), &session, &[("csrf", &token)]);
    let link = made
        .body
        .split("class=\"private-link\" href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    link[link.find("/pair/").unwrap()..].to_owned()
}

/// The (link target, sentence) of each entry of a page's error summary;
/// each target is a field of the page.
fn problems(page: &Answer) -> Vec<(String, String)> {
    let Some(summary) = page.body.split("class=\"error-summary\"").nth(1) else {
        return Vec::new();
    };
    let list = summary.split("</ul>").next().unwrap();
    list.split("<li><a href=\"#")
        .skip(1)
        .map(|item| {
            let (field, rest) = item.split_once("\">").unwrap();
            assert!(page.body.contains(&format!(" id=\"{field}\"")), "no field {field}");
            (field.to_owned(), rest.split("</a>").next().unwrap().to_owned())
        })
        .collect()
}

/// The stored output of `kind` of the first pair: its status and document.
fn stored(s: &Server, kind: &str) -> (String, Value) {
    let pairs = s.staff("GET", "/v1/runs/1/pairs", None).json();
    let output =
        pairs[0]["outputs"].as_array().unwrap().iter().find(|o| o["kind"] == kind).unwrap().clone();
    (output["status"].as_str().unwrap().to_owned(), output["document"].clone())
}

/// Posts `fields` to the form of `kind` with the page's CSRF token and
/// `intent`.
fn send(s: &Server, pair: &str, kind: &str, intent: &str, fields: &[(&str, &str)]) -> Answer {
    let path = format!("{pair}/outputs/{kind}");
    let token = csrf(&super::browse(s, &path).body);
    let mut all = vec![("csrf", token.as_str()), ("intent", intent)];
    all.extend_from_slice(fields);
    post(s, &path, "", &all)
}

/// Owned (name, value) pairs as the borrowed pairs `send` takes.
fn as_pairs(f: &[(String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// Whether `sentence` is in the summary, linked to `field`.
fn listed(found: &[(String, String)], field: &str, sentence: &str) -> bool {
    found.iter().any(|(f, p)| f == field && p == sentence)
}

#[test]
fn the_pair_page_links_every_owed_output_to_its_form() {
    let s = Server::start();
    let pair = cohort_3_pair(&s);
    let page = super::browse(&s, &pair);
    assert_eq!(page.status, 200, "{}", page.body);
    let three =
        twinning_cohort::Cohort::builtin(twinning_cohort::CohortNumber::new(3).unwrap()).unwrap();
    assert_eq!(three.required_outputs().len(), 5);
    for o in three.required_outputs() {
        let path = format!("{pair}/outputs/{}", o.kind.key());
        assert!(page.body.contains(&format!("<a href=\"{path}\">{}</a>", o.title)), "{}", o.title);
        let form = super::browse(&s, &path);
        assert_eq!(form.status, 200, "{path}: {}", form.body);
        assert!(form.body.contains(&format!("<h1>{} of ", o.title)), "{path}");
        assert!(form.body.contains("name=\"csrf\""), "{path}");
        // Every label names a field of the page, and every field is labelled.
        for id in form.body.split("<label for=\"").skip(1).map(|l| l.split('"').next().unwrap()) {
            assert!(form.body.contains(&format!("id=\"{id}\"")), "{path}: label for {id}");
        }
    }
    // No form for an output that does not exist.
    assert_eq!(super::browse(&s, &format!("{pair}/outputs/poem")).status, 404);
}

#[test]
fn a_cohort_asking_only_for_an_action_plan_has_no_other_form() {
    let s = Server::start();
    let session = sign_in(&s);
    let token = csrf(&get(&s, "/staff", &session).body);
    post(&s, "/staff/runs", &session, &[("csrf", &token), ("name", "Cohort 5"), ("cohort", "5")]);
    post(
        &s,
        "/staff/runs/1/match",
        &session,
        &[
            ("csrf", &token),
            ("interests", twinning_pairing::SAMPLE_INTERESTS),
            ("mechanism", "deferred-acceptance"),
            ("max_hosts", "3"),
            ("time_limit", "5"),
        ],
    );
    post(&s, "/staff/runs/1/confirm", &session, &[("csrf", &token), ("matching", "1")]);
    let made = post(&s, "/staff/runs/1/pairs/1/link", &session, &[("csrf", &token)]);
    let link = made
        .body
        .split("class=\"private-link\" href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let pair = &link[link.find("/pair/").unwrap()..];
    let page = super::browse(&s, &format!("{pair}/outputs/learning-roadmap"));
    assert_eq!(page.status, 404);
    assert!(
        page.body.contains("Your cohort does not ask this pair for the twinning learning roadmap.")
    );
    assert_eq!(super::browse(&s, &format!("{pair}/outputs/action-plan")).status, 200);

    // A budget of "1.500" is fifteen hundred euros to a German reader and
    // one and a half to an English one: the form asks, it does not guess.
    let sent = send(
        &s,
        pair,
        "action-plan",
        "save",
        &[("title0", "Safer school routes"), ("budget0", "1.500"), ("fund0", "")],
    );
    let found = problems(&sent);
    let budget: Vec<&String> =
        found.iter().filter(|(f, _)| f == "budget0").map(|(_, p)| p).collect();
    assert_eq!(budget.len(), 1, "{found:?}");
    assert!(budget[0].contains("is ambiguous"), "{}", budget[0]);
    // "1 500" (spaces between digits) and "1500.00" are read as written.
    for typed in ["1 500", "1500.00"] {
        let sent = send(&s, pair, "action-plan", "save", &[("budget0", typed)]);
        assert!(!problems(&sent).iter().any(|(f, _)| f == "budget0"), "{typed}");
    }
}

/// The five weights of an assessment with equal weights, as the form
/// shows them.
const WEIGHTS: [(&str, &str); 5] = [
    ("weight0", "0.2"),
    ("weight1", "0.2"),
    ("weight2", "0.2"),
    ("weight3", "0.2"),
    ("weight4", "0.2"),
];

#[test]
fn the_transferability_assessment_is_saved_resumed_and_submitted_when_complete() {
    let s = Server::start();
    let pair = cohort_3_pair(&s);
    let kind = "transferability-assessment";
    // The form starts with equal weights.
    let form = super::browse(&s, &format!("{pair}/outputs/{kind}"));
    assert_eq!(form.body.matches("value=\"0.2\"").count(), 5);
    // Nothing filled in: no practice (1), and for each of the five
    // dimensions a score and evidence (10) are missing.
    let empty = send(&s, &pair, kind, "submit", &WEIGHTS);
    assert_eq!(empty.status, 400);
    let found = problems(&empty);
    assert_eq!(found.len(), 11, "{found:?}");
    assert!(listed(&found, "practice", "Still missing: the practice to assess (the practice)."));
    assert!(listed(
        &found,
        "score0",
        "Still missing: a score from 0 to 5 (the socio-cultural dimension)."
    ));
    assert!(listed(
        &found,
        "evidence4",
        "Still missing: evidence for the score (the economic / financial dimension)."
    ));
    // Weights that add up to 1.1 and a score of 7 (a form sent by hand):
    // the library's errors, linked to their fields; a weight that is not a
    // number, the form's own.
    let mut wrong = vec![
        ("practice", "beÁgueda e-bike sharing"),
        ("pcity", "Águeda"),
        ("weight0", "0.3"),
        ("weight1", "0.2"),
        ("weight2", "0.2"),
        ("weight3", "0.2"),
        ("weight4", "0.2"),
        ("score1", "7"),
    ];
    let bad = send(&s, &pair, kind, "submit", &wrong);
    let found = problems(&bad);
    assert!(
        listed(
            &found,
            "score1",
            "The institutional / governance dimension: must lie between 0 and 5 (7)."
        ),
        "{found:?}"
    );
    assert!(
        listed(&found, "weight0", "The weights: dimension weights must sum to exactly 1 (1.1)."),
        "{found:?}"
    );
    wrong[2] = ("weight0", "a fifth");
    let unread = send(&s, &pair, kind, "submit", &wrong);
    assert!(listed(
        &problems(&unread),
        "weight0",
        "The socio-cultural dimension: enter the weight as a number, such as 40."
    ));
    // What was typed stays in the form.
    assert!(unread.body.contains("value=\"a fifth\""));

    // A draft is saved and resumed.
    let mut draft: Vec<(&str, &str)> =
        vec![("practice", "beÁgueda e-bike sharing"), ("pcity", "Águeda"), ("score0", "4")];
    draft.extend(WEIGHTS);
    draft.push(("evidence0", "Cycling is part of daily life\nA cycling NGO runs rides"));
    let saved = send(&s, &pair, kind, "save", &draft);
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert!(saved.body.contains("Your draft is saved."));
    let resumed = super::browse(&s, &format!("{pair}/outputs/{kind}"));
    assert!(resumed.body.contains("value=\"beÁgueda e-bike sharing\""));
    assert!(resumed.body.contains("<option value=\"4\" selected>4</option>"));
    assert!(
        resumed
            .body
            .contains(">Cycling is part of daily life\nA cycling NGO runs rides</textarea>")
    );
    let (status, document) = stored(&s, kind);
    assert_eq!(status, "draft");
    assert_eq!(
        document["body"]["content"]["dimensions"][0]["evidence"][1],
        "A cycling NGO runs rides"
    );

    // Every dimension scored 3: 0.2 × 15 = 3.0 lies between 2.50 and 4.00,
    // so the practice transfers only with adaptation, and the adaptations
    // are then missing.
    let mut all: Vec<(String, String)> = vec![
        ("practice".into(), "beÁgueda e-bike sharing".into()),
        ("pcity".into(), "Águeda".into()),
    ];
    for i in 0..5 {
        all.push((format!("weight{i}"), "0.2".into()));
        all.push((format!("score{i}"), "3".into()));
        all.push((format!("evidence{i}"), format!("Evidence {i}")));
    }
    let fields = |extra: &[(&'static str, &'static str)]| -> Vec<(String, String)> {
        let mut f = all.clone();
        f.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
        f
    };
    let threes = fields(&[]);
    let adapt = send(&s, &pair, kind, "submit", &as_pairs(&threes));
    assert_eq!(
        problems(&adapt),
        [(
            "change0".to_owned(),
            "Still missing: the adaptations a transfer with adaptation needs (the adaptations)."
                .to_owned()
        )]
    );
    let saved = send(&s, &pair, kind, "save", &as_pairs(&threes));
    assert!(saved.body.contains("<strong>transferable with adaptation</strong>"), "{}", saved.body);
    // With an adaptation it is complete and submitted; the tracker shows it.
    let complete = fields(&[("adim0", "economic"), ("change0", "Lease e-bikes instead of buying")]);
    let done = send(&s, &pair, kind, "submit", &as_pairs(&complete));
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.header("location"), Some(pair.as_str()));
    let (status, document) = stored(&s, kind);
    assert_eq!(status, "submitted");
    let document = twinning_outputs::Document::from_json(&document.to_string()).unwrap();
    let twinning_outputs::OutputBody::TransferabilityAssessment(a) = document.body else {
        panic!("not an assessment")
    };
    assert_eq!(a.adaptations[0].dimension, twinning_outputs::Dimension::Economic);
    assert_eq!(
        a.evaluate().unwrap().verdict,
        twinning_outputs::Transferability::TransferableWithAdaptation
    );
    // Submitted, it is no longer a draft to save, nor linked from the pair's page.
    assert_eq!(send(&s, &pair, kind, "save", &as_pairs(&complete)).status, 409);
    assert!(!super::browse(&s, &pair).body.contains(&format!("/outputs/{kind}\"")));
}

#[test]
fn the_stakeholder_plan_names_every_sector_and_engages_those_to_manage_closely() {
    let s = Server::start();
    let pair = cohort_3_pair(&s);
    let kind = "stakeholder-engagement-plan";
    // One public stakeholder with high power and high interest, no activity:
    // three sectors missing, no activity, and the key player unengaged.
    let one = [
        ("sname0", "Mobility department"),
        ("sector0", "public"),
        ("power0", "high"),
        ("interest0", "high"),
        ("now0", "neutral"),
        ("want0", "supportive"),
        ("engage0", "collaborate"),
    ];
    let first = send(&s, &pair, kind, "submit", &one);
    assert_eq!(first.status, 400);
    let found = problems(&first);
    assert_eq!(found.len(), 5, "{found:?}");
    assert!(listed(
        &found,
        "sname0",
        "Stakeholder 1: stakeholder to manage closely has no engagement activity (Mobility department)."
    ));
    for sector in ["private", "civil society", "academia"] {
        assert!(
            listed(
                &found,
                "sname1",
                &format!(
                    "Still missing: a stakeholder from the {sector} sector (the stakeholders)."
                )
            ),
            "{sector}: {found:?}"
        );
    }
    assert!(listed(
        &found,
        "atitle0",
        "Still missing: at least one engagement activity (the activities)."
    ));
    // The form's own problems: a date that is not one, an unnamed
    // stakeholder ticked.
    let mut typed = one.to_vec();
    typed.extend([
        ("atitle0", "Kick-off workshop"),
        ("adate0", "next spring"),
        ("aowner0", "Climate office"),
        ("a0s0", "yes"),
        ("a0s4", "yes"),
    ]);
    let found = problems(&send(&s, &pair, kind, "save", &typed));
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(listed(
        &found,
        "adate0",
        "Activity 1: enter the date as year-month-day, such as 2026-10-01."
    ));
    assert!(listed(
        &found,
        "a0s4",
        "Activity 1: stakeholder 5 has no name; name them or untick them."
    ));
    // A date outside the programme (December 2024 to June 2026).
    typed[8] = ("adate0", "2026-09-01");
    typed.pop();
    let late = send(&s, &pair, kind, "submit", &typed);
    assert!(problems(&late).iter().any(|(f, p)| f == "adate0"
        && p == "Activity 1: date outside the programme period 2024-12-01 to 2026-06-30 (2026-09-01)."),
        "{:?}", problems(&late));
    // Saved with a stakeholder in every sector; resumed as typed.
    typed[8] = ("adate0", "2025-03-12");
    typed.extend([
        ("sname1", "Bike shops' association"),
        ("sector1", "private"),
        ("sname2", "<script>alert(1)</script>"),
        ("sector2", "civil-society"),
        ("sname3", "University of Aveiro"),
        ("sector3", "academia"),
        ("engage3", "consult"),
    ]);
    let saved = send(&s, &pair, kind, "save", &typed);
    assert_eq!(saved.status, 200, "{}", saved.body);
    let resumed = super::browse(&s, &format!("{pair}/outputs/{kind}"));
    assert!(resumed.body.contains("<option value=\"academia\" selected>Academia</option>"));
    assert!(resumed.body.contains("<option value=\"consult\" selected>Consult</option>"));
    assert!(resumed.body.contains("id=\"a0s0\" name=\"a0s0\" value=\"yes\" checked"));
    assert!(resumed.body.contains("value=\"2025-03-12\""));
    // A typed <script> is text, in the field and in the checkbox labels.
    assert!(!resumed.body.contains("<script>alert(1)"));
    assert!(resumed.body.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""));
    assert!(resumed.body.contains("Stakeholder 3: &lt;script&gt;alert(1)&lt;/script&gt;</label>"));
    // Complete: submitted.
    let done = send(&s, &pair, kind, "submit", &typed);
    assert_eq!(done.status, 303, "{}", done.body);
    let (status, document) = stored(&s, kind);
    assert_eq!(status, "submitted");
    assert_eq!(document["body"]["content"]["stakeholders"].as_array().unwrap().len(), 4);
    assert_eq!(document["body"]["content"]["stakeholders"][2]["name"], "<script>alert(1)</script>");
}

#[test]
fn the_learning_roadmap_links_each_priority_to_an_activity_that_serves_it() {
    let s = Server::start();
    let pair = cohort_3_pair(&s);
    let kind = "learning-roadmap";
    // Nothing: the four lists are missing.
    let found = problems(&send(&s, &pair, kind, "submit", &[]));
    assert_eq!(
        found,
        [
            (
                "objective0",
                "Still missing: at least one learning priority (the learning priorities)."
            ),
            ("prname0", "Still missing: at least one practice to learn from (the practices)."),
            ("atitle0", "Still missing: at least one activity (the activities)."),
            ("mtitle0", "Still missing: at least one milestone (the milestones)."),
        ]
        .map(|(f, p)| (f.to_owned(), p.to_owned()))
    );
    // A second priority, in row 2 with row 1 blank, no activity serves it
    // and it has no question; a milestone past the programme's end.
    let mut typed = vec![
        ("theme1", "mobility"),
        ("objective1", "Run an e-bike sharing scheme"),
        ("prname0", "beÁgueda e-bike sharing"),
        ("prcity0", "Águeda"),
        ("akind0", "site-visit"),
        ("atitle0", "Visit to Águeda"),
        ("astart0", "2025-04-07"),
        ("aend0", "2025-04-08"),
        ("a0x0", "yes"),
        ("mtitle0", "Pilot running"),
        ("mdate0", "2026-07-01"),
    ];
    let found = problems(&send(&s, &pair, kind, "submit", &typed));
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(listed(
        &found,
        "mdate0",
        "Milestone 1: date outside the programme period 2024-12-01 to 2026-06-30 (2026-07-01)."
    ));
    assert!(listed(
        &found,
        "questions1",
        "Still missing: at least one question to answer (priority 2)."
    ));
    assert!(listed(
        &found,
        "a0p1",
        "Still missing: an activity that serves this priority (priority 2)."
    ));
    // A draft with the fixes, resumed.
    typed[10] = ("mdate0", "2026-06-30");
    typed.extend([
        ("questions1", "How are bikes rebalanced?\nWho pays for repairs?"),
        ("a0p1", "yes"),
    ]);
    assert_eq!(send(&s, &pair, kind, "save", &typed).status, 200);
    let resumed = super::browse(&s, &format!("{pair}/outputs/{kind}"));
    // The stored priority is the first of the list, shown in row 1.
    assert!(
        resumed.body.contains(
            "id=\"objective0\" name=\"objective0\" value=\"Run an e-bike sharing scheme\""
        )
    );
    assert!(resumed.body.contains("<option value=\"site-visit\" selected>Site visit</option>"));
    assert!(resumed.body.contains("id=\"a0p0\" name=\"a0p0\" value=\"yes\" checked"));
    // Submitted as resumed.
    let mut again = vec![
        ("theme0", "mobility"),
        ("objective0", "Run an e-bike sharing scheme"),
        ("questions0", "How are bikes rebalanced?"),
    ];
    again.extend(typed.iter().copied().filter(|(k, _)| !k.ends_with('1') && *k != "a0p1"));
    again.push(("a0p0", "yes"));
    let done = send(&s, &pair, kind, "submit", &again);
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(stored(&s, kind).0, "submitted");
}

#[test]
fn the_info_session_needs_a_date_an_audience_and_a_topic() {
    let s = Server::start();
    let pair = cohort_3_pair(&s);
    let kind = "info-session";
    let found = problems(&send(&s, &pair, kind, "submit", &[]));
    assert_eq!(
        found,
        [
            ("date", "Still missing: the date of the session (the session's date)."),
            ("aud0", "Still missing: at least one audience group (the audience)."),
            ("topic0", "Still missing: at least one topic (the topics)."),
        ]
        .map(|(f, p)| (f.to_owned(), p.to_owned()))
    );
    let mut typed = vec![
        ("date", "2025-13-01"),
        ("attendance", "about forty"),
        ("aud0", "City council"),
        ("asector0", "public"),
        ("topic0", "What Águeda taught us"),
        ("ttheme0", "mobility"),
    ];
    let back = send(&s, &pair, kind, "save", &typed);
    let found = problems(&back);
    assert_eq!(found.len(), 2, "{found:?}");
    // Each problem is also said beside its field, which points to it.
    assert!(back.body.contains(
        "<p class=\"error-message\" id=\"date-error\"><span class=\"visually-hidden\">Error: </span>The session: enter the date"
    ));
    assert!(back.body.contains(
        "id=\"date\" name=\"date\" value=\"2025-13-01\" autocomplete=\"off\" aria-describedby=\"date-error\" aria-invalid=\"true\""
    ));
    assert_eq!(back.body.matches("aria-invalid=\"true\"").count(), 2);
    assert!(listed(
        &found,
        "date",
        "The session: enter the date as year-month-day, such as 2026-10-01."
    ));
    assert!(listed(
        &found,
        "attendance",
        "The session: enter how many people came as a whole number, such as 35, or leave it empty."
    ));
    // A sign or a fifth digit of year, which chrono's `%Y` would take, and
    // an attendance with a sign: each asked again, not read.
    for (field, value) in [("date", "+12026-05-20"), ("date", "20260-5-20"), ("attendance", "+40")]
    {
        let mut odd = typed.clone();
        odd[0] = ("date", "2026-05-20");
        odd[1] = ("attendance", "");
        let at = odd.iter().position(|(f, _)| *f == field).unwrap();
        odd[at] = (field, value);
        let found = problems(&send(&s, &pair, kind, "save", &odd));
        assert!(found.iter().any(|(f, _)| f == field), "{value}: {found:?}");
    }
    typed[0] = ("date", "2026-05-20");
    typed[1] = ("attendance", "");
    assert_eq!(send(&s, &pair, kind, "save", &typed).status, 200);
    let resumed = super::browse(&s, &format!("{pair}/outputs/{kind}"));
    assert!(resumed.body.contains("id=\"date\" name=\"date\" value=\"2026-05-20\""));
    assert!(resumed.body.contains("<option value=\"public\" selected>Public</option>"));
    // The form offers four audience rows; a document with six (sent by
    // hand here, or stored through the API) shows all six, so saving it
    // again loses none.
    let six = ["City council", "Mobility", "Schools", "Parks", "Cycling NGO", "Chamber"];
    let names: Vec<String> = (0..6).map(|i| format!("aud{i}")).collect();
    let mut longer = typed.clone();
    longer.retain(|(k, _)| !k.starts_with("aud") && !k.starts_with("asector"));
    longer.extend(names.iter().map(String::as_str).zip(six));
    assert_eq!(send(&s, &pair, kind, "save", &longer).status, 200);
    let resumed = super::browse(&s, &format!("{pair}/outputs/{kind}"));
    assert!(resumed.body.contains("id=\"aud5\" name=\"aud5\" value=\"Chamber\""));
    assert!(!resumed.body.contains("id=\"aud6\""));
    assert_eq!(stored(&s, kind).1["body"]["content"]["audience"].as_array().unwrap().len(), 6);
    let done = send(&s, &pair, kind, "submit", &typed);
    assert_eq!(done.status, 303, "{}", done.body);
    let (status, document) = stored(&s, kind);
    assert_eq!(status, "submitted");
    assert_eq!(document["body"]["content"]["topics"][0]["theme"], "mobility");
    assert_eq!(document["title"], "Internal Info Session");
}

#[test]
fn every_form_refuses_a_post_without_its_csrf_token_and_shows_a_typed_script_as_text() {
    let s = Server::start();
    let pair = cohort_3_pair(&s);
    // (kind, a text field of its form)
    for (kind, field) in [
        ("learning-roadmap", "objective0"),
        ("stakeholder-engagement-plan", "sname0"),
        ("transferability-assessment", "practice"),
        ("action-plan", "title0"),
        ("info-session", "topic0"),
    ] {
        let path = format!("{pair}/outputs/{kind}");
        let script = "<script>alert(1)</script>";
        let refused = post(&s, &path, "", &[("intent", "save"), (field, script)]);
        assert_eq!(refused.status, 403, "{kind}");
        let forged = post(&s, &path, "", &[("csrf", "0000"), ("intent", "save"), (field, script)]);
        assert_eq!(forged.status, 403, "{kind}");
        assert_eq!(stored(&s, kind).1, Value::Null, "{kind}: nothing stored");
        // Submitted with the token, the form comes back with problems, the
        // script shown as text.
        let mut fields = vec![(field, script)];
        if kind == "transferability-assessment" {
            fields.extend(WEIGHTS);
        }
        let back = send(&s, &pair, kind, "submit", &fields);
        assert_eq!(back.status, 400, "{kind}: {}", back.body);
        assert!(!back.body.contains("<script>alert(1)"), "{kind}");
        assert!(back.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{kind}");
    }
}
