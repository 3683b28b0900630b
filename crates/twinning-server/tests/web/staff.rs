//! Staff pages over HTTP: sign-in with a token, the session cookie, CSRF
//! tokens on every form, and a run from applicants to an override.

use serde_json::Value;

use crate::support::{Answer, Server, request};

/// The value of `name="csrf"` in a page.
pub(super) fn csrf(page: &str) -> String {
    page.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned()
}

/// The `name=value` part of the Set-Cookie header for `name`.
pub(super) fn cookie(a: &Answer, name: &str) -> String {
    a.headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, v)| v.clone())
        .find(|v| v.starts_with(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no cookie {name}: {:?}", a.headers))
}

pub(super) fn get(s: &Server, path: &str, cookie: &str) -> Answer {
    let h = vec![
        ("Cookie".to_owned(), cookie.to_owned()),
        ("Accept".to_owned(), "text/html".to_owned()),
    ];
    request(s.addr, "GET", path, &h, b"")
}

pub(super) fn post(s: &Server, path: &str, cookie: &str, form: &[(&str, &str)]) -> Answer {
    let h = vec![
        ("Cookie".to_owned(), cookie.to_owned()),
        ("Content-Type".to_owned(), "application/x-www-form-urlencoded".to_owned()),
    ];
    let body = serde_urlencoded::to_string(form).unwrap();
    request(s.addr, "POST", path, &h, body.as_bytes())
}

/// Signs in with the server's staff token; the session cookie.
pub(super) fn sign_in(s: &Server) -> String {
    let page = get(s, "/staff/sign-in", "");
    let pre = cookie(&page, "twinning_sign_in");
    let pre = pre.split(';').next().unwrap().to_owned();
    let token = csrf(&page.body);
    let done = post(s, "/staff/sign-in", &pre, &[("csrf", &token), ("token", &s.token)]);
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.header("location"), Some("/staff"));
    let session = cookie(&done, "twinning_session");
    assert!(session.contains("; HttpOnly"), "{session}");
    assert!(session.contains("; SameSite=Strict"), "{session}");
    assert!(session.contains("; Path=/staff"), "{session}");
    session.split(';').next().unwrap().to_owned()
}

#[test]
fn a_session_outlives_a_restart_and_cookies_are_secure_when_asked() {
    let s = Server::start();
    let session = sign_in(&s);
    assert!(!cookie(&get(&s, "/staff/sign-in", ""), "twinning_sign_in").contains("Secure"));
    let config = twinning_server::Config {
        rate_limit: None,
        secure_cookies: true,
        ..twinning_server::Config::default()
    };
    let s = s.restart(config);
    // The same cookie still opens the staff pages: the key is the file's.
    let home = get(&s, "/staff", &session);
    assert_eq!(home.status, 200, "{}", home.body);
    assert!(home.body.contains("Sign out"), "{}", home.body);
    // A cookie signed under another key (another database) does not.
    let other = Server::start();
    assert_eq!(get(&other, "/staff", &session).status, 303);
    // Behind HTTPS every cookie is marked Secure.
    let page = get(&s, "/staff/sign-in", "");
    assert!(cookie(&page, "twinning_sign_in").ends_with("; Secure"));
}

#[test]
fn staff_pages_need_a_session_started_with_a_good_token() {
    let s = Server::start();
    let away = get(&s, "/staff", "");
    assert_eq!(away.status, 303);
    assert_eq!(away.header("location"), Some("/staff/sign-in"));
    let page = get(&s, "/staff/sign-in", "");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<label for=\"token\">Staff token</label>"));
    let pre = cookie(&page, "twinning_sign_in");
    assert!(pre.contains("HttpOnly") && pre.contains("SameSite=Strict"), "{pre}");
    let pre = pre.split(';').next().unwrap().to_owned();
    let token = csrf(&page.body);
    // Without the form's CSRF token: refused, even with the right staff token.
    assert_eq!(post(&s, "/staff/sign-in", &pre, &[("token", &s.token)]).status, 403);
    // Without the cookie the token was issued with: refused.
    assert_eq!(
        post(&s, "/staff/sign-in", "", &[("csrf", &token), ("token", &s.token)]).status,
        403
    );
    // A wrong staff token: the form again, with the problem.
    let wrong = post(&s, "/staff/sign-in", &pre, &[("csrf", &token), ("token", "not-a-token")]);
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains("The token is unknown or has been revoked."));
    let session = sign_in(&s);
    let runs = get(&s, "/staff", &session);
    assert_eq!(runs.status, 200);
    assert!(runs.body.contains("Signed in as <strong>staff</strong>"));
    // A forged cookie is no session.
    let forged = format!("{}0", session);
    assert_eq!(get(&s, "/staff", &forged).status, 303);
    // Revoking the token ends its sessions.
    assert!(s.store.revoke_token("staff").unwrap());
    assert_eq!(get(&s, "/staff", &session).status, 303);
}

#[test]
fn a_form_posted_without_its_csrf_token_is_refused_and_changes_nothing() {
    let s = Server::start();
    let session = sign_in(&s);
    let refused = post(&s, "/staff/runs", &session, &[("name", "Cohort 5"), ("cohort", "5")]);
    assert_eq!(refused.status, 403);
    assert!(refused.body.contains("This form cannot be accepted"));
    let other = post(
        &s,
        "/staff/runs",
        &session,
        &[("csrf", "0000"), ("name", "Cohort 5"), ("cohort", "5")],
    );
    assert_eq!(other.status, 403);
    assert_eq!(s.staff("GET", "/v1/runs", None).json(), Value::Array(vec![]));
    // With it, the run is made.
    let token = csrf(&get(&s, "/staff", &session).body);
    let made = post(
        &s,
        "/staff/runs",
        &session,
        &[("csrf", &token), ("name", "Cohort 5"), ("cohort", "5")],
    );
    assert_eq!(made.status, 303, "{}", made.body);
    assert_eq!(made.header("location"), Some("/staff/runs/1"));
    assert_eq!(s.staff("GET", "/v1/runs", None).json()[0]["name"], "Cohort 5");
    // Signing out needs it too.
    assert_eq!(post(&s, "/staff/sign-out", &session, &[]).status, 403);
}

#[test]
fn staff_decide_a_run_and_override_an_undetermined_verdict_with_a_reason() {
    let s = Server::start();
    let session = sign_in(&s);
    let token = csrf(&get(&s, "/staff", &session).body);
    post(&s, "/staff/runs", &session, &[("csrf", &token), ("name", "Cohort 4"), ("cohort", "4")]);
    // Cohort 4's Mission-minded call asks for climate neutrality by 2050
    // (netzerocities.eu/twinning-learning-programme, stamp 2025-09-12):
    // Braga declares no year, so its verdict is undetermined.
    let applicants = r#"[{"name": "Braga", "country": "PT", "submitted_at": "2025-09-01T10:00:00+02:00",
        "claims": {"mission_city": false}},
        {"name": "<script>alert(1)</script>", "country": "PT", "neutrality_year": 2060,
        "submitted_at": "2025-09-01T10:00:00+02:00"}]"#;
    let added = post(
        &s,
        "/staff/runs/1/applicants",
        &session,
        &[("csrf", &token), ("role", "mission-minded-city"), ("applicants", applicants)],
    );
    assert_eq!(added.status, 303, "{}", added.body);
    assert_eq!(post(&s, "/staff/runs/1/decide", &session, &[("csrf", &token)]).status, 303);
    let page = get(&s, "/staff/runs/1", &session);
    assert!(page.body.contains("<dt>Undetermined</dt><dd>1</dd>"), "{}", page.body);
    assert!(page.body.contains("<dt>Ineligible</dt><dd>1</dd>"));
    assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.body.contains("<script>alert(1)"));
    assert!(page.body.contains("Cannot tell: </span>Braga has not declared the year"));
    assert!(page.body.contains("<h3 id=\"queue-0\">Braga</h3>"));
    // An override without a reason is refused, and says why.
    let no_reason = post(
        &s,
        "/staff/runs/1/override",
        &session,
        &[("csrf", &token), ("applicant", "Braga"), ("verdict", "eligible"), ("reason", " ")],
    );
    assert_eq!(no_reason.status, 400);
    assert!(no_reason.body.contains("Give the reason for the override"));
    let done = post(
        &s,
        "/staff/runs/1/override",
        &session,
        &[
            ("csrf", &token),
            ("applicant", "Braga"),
            ("verdict", "eligible"),
            ("reason", "Council decision of 2 May: neutrality by 2040"),
        ],
    );
    assert_eq!(done.status, 303, "{}", done.body);
    let audit = s.staff("GET", "/v1/runs/1/audit", None).json();
    let last = audit.as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["action"], "override");
    assert_eq!(last["actor"], "staff");
    assert_eq!(last["reason"], "Council decision of 2 May: neutrality by 2040");
    let page = get(&s, "/staff/runs/1", &session);
    assert!(page.body.contains("<dt>Eligible</dt><dd>1</dd>"));
    assert!(page.body.contains("None waiting."));
    // The applications table as CSV and as a workbook, read back with
    // independent readers (csv, calamine).
    let csv_answer = get(&s, "/staff/runs/1/tables/applications.csv", &session);
    assert_eq!(csv_answer.header("content-type"), Some("text/csv; charset=utf-8"));
    let mut reader = csv::Reader::from_reader(csv_answer.body.as_bytes());
    let head: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(head, ["name", "role", "verdict", "overridden_by", "override_reason", "reasons"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let braga = rows.iter().find(|r| &r[0] == "Braga").unwrap();
    assert_eq!(&braga[2], "eligible");
    assert_eq!(&braga[3], "staff");
    assert_eq!(&braga[4], "Council decision of 2 May: neutrality by 2040");
    let script = rows.iter().find(|r| &r[0] == "<script>alert(1)</script>").unwrap();
    assert_eq!(&script[2], "ineligible");
    assert!(script[5].contains("2060"), "{}", &script[5]);
    let xlsx = get(&s, "/staff/runs/1/tables/applications.xlsx", &session);
    assert_eq!(xlsx.status, 200);
    use calamine::Reader as _;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(xlsx.raw.clone())).unwrap();
    let sheet = book.worksheet_range("applications").unwrap();
    let cells: Vec<Vec<String>> =
        sheet.rows().map(|r| r.iter().map(ToString::to_string).collect()).collect();
    assert_eq!(cells.len(), 3);
    assert_eq!(cells[0], head);
    assert!(cells.iter().any(|r| r[0] == "Braga" && r[2] == "eligible"));
    // The export is the API's bundle.
    let export = get(&s, "/staff/runs/1/export.json", &session);
    assert_eq!(export.header("content-disposition"), Some("attachment; filename=\"run-1.json\""));
    let bundle: Value = serde_json::from_str(&export.body).unwrap();
    assert_eq!(bundle, s.staff("GET", "/v1/runs/1/export", None).json());
}

#[test]
fn staff_run_a_budgeted_matching_see_its_pairs_and_confirm_them() {
    let s = Server::start();
    let session = sign_in(&s);
    let token = csrf(&get(&s, "/staff", &session).body);
    post(&s, "/staff/runs", &session, &[("csrf", &token), ("name", "Cohort 5"), ("cohort", "5")]);
    // Every problem of the form at once.
    let bad = post(
        &s,
        "/staff/runs/1/match",
        &session,
        &[
            ("csrf", &token),
            ("interests", ""),
            ("mechanism", "lottery"),
            ("max_hosts", "-1"),
            ("time_limit", "600"),
        ],
    );
    assert_eq!(bad.status, 400);
    let summary =
        bad.body.split("class=\"error-summary\"").nth(1).unwrap().split("</ul>").next().unwrap();
    assert_eq!(summary.matches("<li>").count(), 4, "{summary}");
    assert!(bad.body.contains("Paste the learners' interests: one row per learning goal."));
    assert!(bad.body.contains("Choose a mechanism from the list."));
    assert!(bad.body.contains("The time limit must be a whole number of seconds from 1 to 60."));
    assert!(
        post(
            &s,
            "/staff/runs/1/match",
            &session,
            &[("interests", twinning_pairing::SAMPLE_INTERESTS)]
        )
        .status
            == 403
    );
    let ran = post(
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
    assert_eq!(ran.status, 303, "{}", ran.body);
    assert_eq!(ran.header("location"), Some("/staff/runs/1/matchings/1"));
    let page = get(&s, "/staff/runs/1/matchings/1", &session);
    assert_eq!(page.status, 200);
    let stored = s.staff("GET", "/v1/runs/1/matchings/1", None).json();
    let pairs = stored["result"]["pairs"].as_array().unwrap();
    assert!(!pairs.is_empty());
    // The budget holds: at most 3 hosts take pairs.
    let hosts: std::collections::BTreeSet<&str> =
        pairs.iter().map(|p| p["host"].as_str().unwrap()).collect();
    assert!(hosts.len() <= 3, "{hosts:?}");
    assert!(page.body.contains("<svg class=\"pairs\" role=\"img\""));
    assert_eq!(page.body.matches("<line class=\"pair\"").count(), pairs.len());
    assert_eq!(page.body.matches("class=\"host selected\"").count(), hosts.len());
    assert!(page.body.contains("every constraint holds"));
    // Each learner's preferences, its host in bold.
    assert!(page.body.contains("<h2>Each learner's preferences</h2>"));
    let first = &pairs[0];
    // Hosts are named as the catalogue names them, in the tables and the drawing.
    let catalogue = twinning_profile::Catalogue::try_builtin().unwrap();
    let host_id = first["host"].as_str().unwrap();
    let host_name = catalogue.city_by_slug(host_id).unwrap().name();
    assert_ne!(host_name, host_id);
    assert!(page.body.contains(&format!("<strong>{host_name}</strong>")), "{host_name}");
    let svg =
        page.body.split("<svg class=\"pairs\"").nth(1).unwrap().split("</svg>").next().unwrap();
    assert!(svg.contains(host_name), "{host_name} in {svg}");
    // No learner's own ranking yet; one recorded shows beside the suggestions.
    assert!(page.body.contains("<th scope=\"col\">Its own ranking</th>"));
    let seeker = first["seeker"].as_str().unwrap();
    let url = format!("/v1/runs/1/preferences/{seeker}");
    let put = s.staff("PUT", &url, Some(&serde_json::json!({"hosts": [host_id]})));
    assert_eq!(put.status, 200, "{}", put.body);
    let page = get(&s, "/staff/runs/1/matchings/1", &session);
    let rows = page.body.split("Its own ranking</th>").nth(1).unwrap();
    assert_eq!(rows.matches(&format!("<td>{host_name}</td>")).count(), 1, "{rows}");
    let recorded = rows.matches("<td>none recorded</td>").count();
    assert_eq!(recorded, stored["instance"]["seekers"].as_array().unwrap().len() - 1);
    assert_eq!(stored["time_limit_ms"], 5000);
    // Confirm: each pair owes the cohort's outputs.
    let confirmed =
        post(&s, "/staff/runs/1/confirm", &session, &[("csrf", &token), ("matching", "1")]);
    assert_eq!(confirmed.status, 303, "{}", confirmed.body);
    let run = get(&s, "/staff/runs/1", &session);
    let five =
        twinning_cohort::Cohort::builtin(twinning_cohort::CohortNumber::new(5).unwrap()).unwrap();
    assert!(run.body.contains(&format!("<dt>Confirmed pairs</dt><dd>{}</dd>", pairs.len())));
    for o in five.required_outputs() {
        assert!(run.body.contains(&o.title), "{}", o.title);
    }
    assert_eq!(
        s.staff("GET", "/v1/runs/1/pairs", None).json().as_array().unwrap().len(),
        pairs.len()
    );

    // A private link for the first pair opens its page, without signing in.
    let first = s.staff("GET", "/v1/runs/1/pairs", None).json()[0].clone();
    let pair_id = first["id"].as_i64().unwrap().to_string();
    let path = format!("/staff/runs/1/pairs/{pair_id}/link");
    assert_eq!(post(&s, &path, &session, &[]).status, 403);
    let made = post(&s, &path, &session, &[("csrf", &token)]);
    assert_eq!(made.status, 200, "{}", made.body);
    let link = made
        .body
        .split("class=\"private-link\" href=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let at = link.find("/pair/").unwrap();
    let page = super::browse(&s, &link[at..]);
    assert_eq!(page.status, 200, "{}", page.body);
    // The page names both cities as the catalogue does, not by their ids.
    let catalogue = twinning_profile::Catalogue::try_builtin().unwrap();
    let name = |id: &str| catalogue.city_by_slug(id).unwrap().name().to_owned();
    let (seeker, host) = (first["seeker"].as_str().unwrap(), first["host"].as_str().unwrap());
    let heading = format!("<h1>{} and {}</h1>", name(seeker), name(host));
    assert!(page.body.contains(&heading), "{heading}: {}", page.body);
    for o in five.required_outputs() {
        assert!(page.body.contains(&o.title), "{}", o.title);
    }
    assert!(page.body.contains("href=\"/v1/cohorts/5/calendar.ics\""));
    assert_eq!(page.header("cache-control"), Some("no-store"));
    // A wrong link opens nothing.
    let token_part = &link[at + "/pair/".len()..];
    let last = if token_part.ends_with('0') { '1' } else { '0' };
    let wrong = super::browse(&s, &format!("/pair/{}{last}", &token_part[..token_part.len() - 1]));
    assert_eq!(wrong.status, 404);
    assert!(wrong.body.contains("This link does not open a pair"));

    // The pair's officers fill in the action plan cohort 5 asks for.
    let form_path = format!("{}/outputs/action-plan", &link[at..]);
    let form = super::browse(&s, &form_path);
    assert_eq!(form.status, 200, "{}", form.body);
    assert_eq!(form.body.matches("<fieldset class=\"action-row\">").count(), 5);
    let pair_csrf = csrf(&form.body);
    let send = |fields: &[(&str, &str)]| post(&s, &form_path, "", fields);
    assert_eq!(send(&[("intent", "submit"), ("title0", "x")]).status, 403);
    // Three mistakes in three rows: all reported at once.
    let wrong = send(&[
        ("csrf", &pair_csrf),
        ("intent", "submit"),
        ("title0", "Safer school routes"),
        ("owner0", "Mobility office"),
        ("start0", "1 October"),
        ("end0", "2027-03-31"),
        ("budget0", "12000"),
        ("title1", "Tram stop shade"),
        ("owner1", "Parks"),
        ("start1", "2026-10-01"),
        ("end1", "2027-03-31"),
        ("budget1", "lots"),
        ("title2", "Data platform"),
        ("owner2", "IT"),
        ("start2", "2027-05-01"),
        ("end2", "2027-01-01"),
        ("budget2", "5000"),
    ]);
    assert_eq!(wrong.status, 400);
    let summary =
        wrong.body.split("class=\"error-summary\"").nth(1).unwrap().split("</ul>").next().unwrap();
    assert!(summary.contains("Action 1: enter the start date as year-month-day"), "{summary}");
    assert!(summary.contains("Action 2: enter the budget in euros"), "{summary}");
    assert!(
        summary.contains("Action 3: the end date must not be before the start date."),
        "{summary}"
    );
    // What was typed stays in the form.
    assert!(wrong.body.contains("value=\"Tram stop shade\""));
    // A draft is saved and resumed.
    let one = [
        ("title0", "Safer school routes"),
        ("owner0", "Mobility office"),
        ("start0", "2026-10-01"),
        ("end0", "2027-03-31"),
        ("budget0", "12000"),
    ];
    // Submitting without funding, an indicator and a risk: the library
    // names each missing item at once, and nothing changes.
    let mut bare = vec![("csrf", pair_csrf.as_str()), ("intent", "submit")];
    bare.extend(one);
    let missing = send(&bare);
    assert_eq!(missing.status, 400);
    assert!(missing.body.contains("Still missing: at least one funding source (action 1)."));
    assert!(missing.body.contains("Still missing: at least one KPI (action 1)."));
    let complete = [
        ("fund0", "City budget"),
        ("fundamt0", "12000"),
        ("secured0", "yes"),
        ("kpi0", "Children walking or cycling to school"),
        ("kpiunit0", "%"),
        ("kpibase0", "20"),
        ("kpitarget0", "40"),
        ("risk0", "Parents' opposition"),
        ("likely0", "medium"),
        ("impact0", "high"),
        ("mitig0", "Co-design with schools"),
    ];
    let mut draft = vec![("csrf", pair_csrf.as_str()), ("intent", "save")];
    draft.extend(one);
    draft.extend(complete);
    let saved = send(&draft);
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert!(saved.body.contains("Your draft is saved."));
    let resumed = super::browse(&s, &form_path);
    assert!(resumed.body.contains("value=\"Safer school routes\""));
    assert!(resumed.body.contains("value=\"2027-03-31\""));
    assert!(
        resumed.body.contains("value=\"Parents&#39; opposition\"")
            || resumed.body.contains("value=\"Parents' opposition\"")
    );
    let pairs_now = s.staff("GET", "/v1/runs/1/pairs", None).json();
    let plan = pairs_now[0]["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"] == "action-plan")
        .unwrap()
        .clone();
    assert_eq!(plan["status"], "draft");
    let document = twinning_outputs::Document::from_json(&plan["document"].to_string()).unwrap();
    let twinning_outputs::OutputBody::ActionPlan(body) = document.body else {
        panic!("not an action plan")
    };
    assert_eq!(body.actions[0].title, "Safer school routes");
    assert_eq!(body.actions[0].budget_eur.to_string(), "12000");
    // Submitted: the tracker shows it.
    let mut sub = vec![("csrf", pair_csrf.as_str()), ("intent", "submit")];
    sub.extend(one);
    sub.extend(complete);
    let submitted = send(&sub);
    assert_eq!(submitted.status, 303, "{}", submitted.body);
    let pairs_now = s.staff("GET", "/v1/runs/1/pairs", None).json();
    let plan = pairs_now[0]["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"] == "action-plan")
        .unwrap()
        .clone();
    assert_eq!(plan["status"], "submitted");
    // A submitted plan is no longer a draft to save.
    assert_eq!(send(&draft).status, 409);

    // Staff read it and accept it.
    let review = format!("/staff/runs/1/pairs/{pair_id}/outputs/action-plan");
    let read = get(&s, &review, &session);
    assert_eq!(read.status, 200, "{}", read.body);
    // The document is rendered from its Markdown: its tables are tables.
    assert!(read.body.contains("<div class=\"document\">"));
    assert!(read.body.contains("<table>"), "{}", read.body);
    assert!(read.body.contains("Safer school routes"));
    assert_eq!(post(&s, &review, &session, &[("to", "accepted")]).status, 403);
    assert_eq!(post(&s, &review, &session, &[("csrf", &token), ("to", "accepted")]).status, 303);
    let pairs_now = s.staff("GET", "/v1/runs/1/pairs", None).json();
    let plan = pairs_now[0]["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["kind"] == "action-plan")
        .unwrap()
        .clone();
    assert_eq!(plan["status"], "accepted");
    // Accepted is final.
    assert_eq!(
        post(&s, &review, &session, &[("csrf", &token), ("to", "revision-requested")]).status,
        409
    );
}

/// A multipart body with `fields` and one file.
fn multipart(fields: &[(&str, &str)], file: (&str, &str, &[u8])) -> (String, Vec<u8>) {
    let boundary = "twinning-test-boundary";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    let (name, filename, bytes) = file;
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes());
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Three cities in the survey's columns (twinning-profile's load_csv, which
/// reads "Neutrality year" as climate_neutrality_target).
const SURVEY: &str = "slug,name,variants,country,kind,part_of,Neutrality year,projects\n\
my-torino,Torino,Turin,IT,municipality,,2030,\n\
my-bologna,Bologna,,IT,municipality,,2030,\n\
my-gent,Gent,Ghent;Gand,BE,,,,\n";

#[test]
fn a_survey_upload_shows_its_column_mapping_and_cities_before_anything_is_stored() {
    let s = Server::start();
    let session = sign_in(&s);
    let token = csrf(&get(&s, "/staff", &session).body);
    post(&s, "/staff/runs", &session, &[("csrf", &token), ("name", "Cohort 5"), ("cohort", "5")]);
    let upload = |fields: &[(&str, &str)], bytes: &[u8]| {
        let (ct, body) = multipart(fields, ("survey", "survey.csv", bytes));
        let h = vec![("Cookie".to_owned(), session.clone()), ("Content-Type".to_owned(), ct)];
        request(s.addr, "POST", "/staff/runs/1/survey", &h, &body)
    };
    // Without the CSRF token: refused.
    assert_eq!(upload(&[("role", "mission-city")], SURVEY.as_bytes()).status, 403);
    let preview = upload(&[("csrf", &token), ("role", "mission-city")], SURVEY.as_bytes());
    assert_eq!(preview.status, 200, "{}", preview.body);
    // An alias is read as its column.
    assert!(
        preview
            .body
            .contains("<td>Neutrality year</td><td><code>climate_neutrality_target</code></td>")
    );
    assert!(preview.body.contains("<caption>3 cities to add as Mission City applicants</caption>"));
    for city in ["Torino", "Bologna", "Gent"] {
        assert!(preview.body.contains(&format!("<td>{city}</td>")), "{city}");
    }
    // Nothing stored yet.
    assert_eq!(s.staff("GET", "/v1/runs/1/applicants", None).json().as_array().unwrap().len(), 0);
    // A header the reader does not know is named, and nothing is offered to store.
    let bad = SURVEY.replacen("projects", "favourite colour", 1);
    let refused = upload(&[("csrf", &token), ("role", "mission-city")], bad.as_bytes());
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains(
        "<td>favourite colour</td><td><span class=\"outcome failed\">Not a survey column</span>"
    ));
    assert!(!refused.body.contains("survey/store"));
    // Storing the previewed file adds its cities.
    let data = preview
        .body
        .split("name=\"data\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let stored = post(
        &s,
        "/staff/runs/1/survey/store",
        &session,
        &[("csrf", &token), ("role", "mission-city"), ("data", &data)],
    );
    assert_eq!(stored.status, 303, "{}", stored.body);
    let applicants = s.staff("GET", "/v1/runs/1/applicants", None).json();
    let names: Vec<&str> =
        applicants.as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 3);
    assert!(names.contains(&"Torino") && names.contains(&"Gent"), "{names:?}");
    assert!(applicants.as_array().unwrap().iter().all(|a| a["role"] == "mission-city"));
}
