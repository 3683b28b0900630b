//! The eligibility self-check, after the GOV.UK Design System's pattern for
//! eligibility checkers: a start page, one question per page, a page to
//! check the answers (each with a change link), and a result page giving
//! each criterion's outcome in the library's own words.
//!
//! No state is kept on the server: every answer so far travels in the
//! address (forms are `GET`, earlier answers ride along as hidden fields),
//! so the back button, a bookmark and a second tab all work. The questions
//! asked are the ones the chosen rule set's criteria need; the decision is
//! [`RuleSet::evaluate`]'s.

use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use maud::{Markup, html};
use serde::{Deserialize, Serialize};
use twinning_core::CountryCode;
use twinning_eligibility::{
    Applicant, Claims, Outcome, ProgrammeData, Reason, Rule, RuleSet, Verdict,
};
use twinning_profile::Catalogue;

use super::catalogue::country_name;
use super::layout::{Page, Section, brussels};
use crate::app::AppState;

/// Every answer so far; each field is one form control's value.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub(crate) struct Answers {
    #[serde(skip_serializing_if = "Option::is_none")]
    call: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    la: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    neutral: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mission: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    earlier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sday: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    smonth: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    syear: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shour: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sminute: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    invited: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project: Option<String>,
    /// Set by a question's form: this request answers it.
    #[serde(skip_serializing)]
    answered: Option<String>,
}

/// A field's value, trimmed, blank as `None`.
fn val(v: Option<&String>) -> Option<&str> {
    v.map(|s| s.trim()).filter(|s| !s.is_empty())
}

impl Answers {
    /// Reads the query; a malformed one (a field twice) is a 400 page.
    fn parse(query: Option<&str>) -> Result<Answers, Response> {
        serde_urlencoded::from_str(query.unwrap_or_default()).map_err(|e| {
            super::bad_request_page(&format!("The answers in the address cannot be read ({e}). Start again from the first question."))
        })
    }

    /// The answers as a query string, for links.
    fn query(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }

    /// Every answer as (name, value), for hidden fields.
    fn pairs(&self) -> Vec<(String, String)> {
        serde_urlencoded::from_str::<Vec<(String, String)>>(&self.query()).unwrap_or_default()
    }

    /// The rule set the first answer chose.
    fn rule_set(&self) -> Option<&'static RuleSet> {
        let call = val(self.call.as_ref())?;
        builtins().iter().find(|r| call_key(r) == call)
    }
}

/// The built-in rule sets, newest cohort first.
fn builtins() -> &'static [RuleSet] {
    static ALL: std::sync::OnceLock<Vec<RuleSet>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut all = RuleSet::builtins();
        all.sort_by_key(|r| (std::cmp::Reverse(r.cohort()), r.role().key()));
        all
    })
}

/// A rule set's key in the form: `4-mission-city`.
fn call_key(r: &RuleSet) -> String {
    format!("{}-{}", r.cohort().get(), r.role().key())
}

/// One question of the self-check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Question {
    Call,
    Name,
    Country,
    LocalAuthority,
    Neutrality,
    MissionCity,
    EarlierRole,
    Submission,
    Invited,
    Project,
}

impl Question {
    const ALL: [Question; 10] = [
        Question::Call,
        Question::Name,
        Question::Country,
        Question::LocalAuthority,
        Question::Neutrality,
        Question::MissionCity,
        Question::EarlierRole,
        Question::Submission,
        Question::Invited,
        Question::Project,
    ];

    /// The address segment.
    fn slug(self) -> &'static str {
        match self {
            Question::Call => "call",
            Question::Name => "name",
            Question::Country => "country",
            Question::LocalAuthority => "local-authority",
            Question::Neutrality => "climate-neutrality",
            Question::MissionCity => "mission-city",
            Question::EarlierRole => "earlier-role",
            Question::Submission => "submission",
            Question::Invited => "invited",
            Question::Project => "partner-project",
        }
    }

    /// The question, as the page's heading.
    fn text(self) -> &'static str {
        match self {
            Question::Call => "Which call do you want to check?",
            Question::Name => "What is the name of your city?",
            Question::Country => "Which country is your city in?",
            Question::LocalAuthority => {
                "Is the applicant a local authority or city administration?"
            }
            Question::Neutrality => "By which year has your city committed to be climate neutral?",
            Question::MissionCity => {
                "Is your city one of the EU Mission's Climate-Neutral and Smart Cities (a Mission City)?"
            }
            Question::EarlierRole => {
                "Has your city already been a Twin City or a Pilot City of the programme?"
            }
            Question::Submission => "When did you, or will you, submit the application?",
            Question::Invited => "Was your city invited to apply?",
            Question::Project => "Which partner project does your city take part in?",
        }
    }

    /// The short label on the check-your-answers page.
    fn label(self) -> &'static str {
        match self {
            Question::Call => "Call",
            Question::Name => "City",
            Question::Country => "Country",
            Question::LocalAuthority => "Local authority",
            Question::Neutrality => "Climate neutral by",
            Question::MissionCity => "Mission City",
            Question::EarlierRole => "Twin or Pilot City before",
            Question::Submission => "Submission",
            Question::Invited => "Invited to apply",
            Question::Project => "Partner project",
        }
    }

    /// The form controls the question owns.
    fn fields(self) -> &'static [&'static str] {
        match self {
            Question::Call => &["call"],
            Question::Name => &["name"],
            Question::Country => &["country"],
            Question::LocalAuthority => &["la"],
            Question::Neutrality => &["neutral", "year"],
            Question::MissionCity => &["mission"],
            Question::EarlierRole => &["earlier"],
            Question::Submission => &["sub", "sday", "smonth", "syear", "shour", "sminute"],
            Question::Invited => &["invited"],
            Question::Project => &["project"],
        }
    }

    fn from_slug(s: &str) -> Option<Question> {
        Question::ALL.into_iter().find(|q| q.slug() == s)
    }

    /// The question a criterion's rule needs answered, if any (country
    /// groups need the country, asked of everyone).
    fn for_rule(rule: &Rule) -> Option<Question> {
        match rule {
            Rule::LocalAuthority => Some(Question::LocalAuthority),
            Rule::NeutralityBy { .. } => Some(Question::Neutrality),
            Rule::IsMissionCity | Rule::NotMissionCity => Some(Question::MissionCity),
            Rule::NotAlreadyTwinOrPilot => Some(Question::EarlierRole),
            Rule::SubmissionWindow { .. } => Some(Question::Submission),
            Rule::Invited => Some(Question::Invited),
            Rule::PartnerProject { .. } => Some(Question::Project),
            _ => None,
        }
    }
}

/// The questions `rules` needs, in the order they are asked.
fn questions(rules: Option<&RuleSet>) -> Vec<Question> {
    let needed: Vec<Question> = rules
        .map(|r| r.criteria().iter().filter_map(|c| Question::for_rule(&c.rule)).collect())
        .unwrap_or_default();
    Question::ALL
        .into_iter()
        .filter(|q| {
            matches!(q, Question::Call | Question::Name | Question::Country) || needed.contains(q)
        })
        .collect()
}

/// A yes / no / do-not-know answer.
fn yes_no(v: Option<&str>) -> Option<bool> {
    match v {
        Some("yes") => Some(true),
        Some("no") => Some(false),
        _ => None,
    }
}

/// What an answer means, or the problem with it: (field, message).
type Checked<T> = Result<T, (&'static str, String)>;

/// The submission instant the answers give: `None` for "now".
fn submission(a: &Answers) -> Checked<Option<DateTime<FixedOffset>>> {
    match val(a.sub.as_ref()) {
        Some("now") => Ok(None),
        Some("date") => {
            let num = |v: Option<&String>| val(v).and_then(twinning_core::parse_digits::<u32>);
            let (Some(d), Some(m), Some(y)) =
                (num(a.sday.as_ref()), num(a.smonth.as_ref()), num(a.syear.as_ref()))
            else {
                return Err(("sday", "Enter the day, month and year of the submission as numbers, for example 12 9 2025.".into()));
            };
            let Some(date) = i32::try_from(y).ok().and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
            else {
                return Err((
                    "sday",
                    "The submission date must be a real date, for example 12 9 2025.".into(),
                ));
            };
            if !(2020..=2100).contains(&date.year_ce().1) {
                return Err((
                    "syear",
                    "The year of the submission must be between 2020 and 2100.".into(),
                ));
            }
            let hour = val(a.shour.as_ref()).map_or(Some(12), twinning_core::parse_digits::<u32>);
            let minute =
                val(a.sminute.as_ref()).map_or(Some(0), twinning_core::parse_digits::<u32>);
            let Some(time) = hour.zip(minute).and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0))
            else {
                return Err(("shour", "Enter the time as hours from 0 to 23 and minutes from 0 to 59, for example 17 and 00.".into()));
            };
            Ok(Some(twinning_cohort::brussels_time(date.and_time(time)).resolve()))
        }
        _ => Err(("sub", "Select whether you have submitted or will submit now.".into())),
    }
}

use chrono::Datelike as _;

/// Checks the answer to `q`; `Ok` when it is usable.
fn check(q: Question, a: &Answers) -> Checked<()> {
    let three = |v: Option<&String>, field: &'static str, what: &str| match val(v) {
        Some("yes" | "no" | "unknown") => Ok(()),
        _ => Err((field, format!("Select yes, no or I do not know {what}."))),
    };
    match q {
        Question::Call => {
            a.rule_set().map(|_| ()).ok_or(("call", "Select the call you want to check.".into()))
        }
        Question::Name => match val(a.name.as_ref()) {
            None => Err(("name", "Enter the name of your city.".into())),
            Some(n) => Applicant::new(n)
                .map(|_| ())
                .map_err(|e| ("name", format!("The name cannot be used: {e}."))),
        },
        Question::Country => match val(a.country.as_ref()).map(str::parse::<CountryCode>) {
            Some(Ok(_)) => Ok(()),
            _ => Err(("country", "Select the country your city is in.".into())),
        },
        Question::LocalAuthority => {
            three(a.la.as_ref(), "la", "for whether the applicant is a local authority")
        }
        Question::MissionCity => {
            three(a.mission.as_ref(), "mission", "for whether your city is a Mission City")
        }
        Question::EarlierRole => {
            three(a.earlier.as_ref(), "earlier", "for whether your city was a Twin or Pilot City")
        }
        Question::Invited => {
            three(a.invited.as_ref(), "invited", "for whether your city was invited")
        }
        Question::Neutrality => match val(a.neutral.as_ref()) {
            Some("unknown") => Ok(()),
            Some("year") => match val(a.year.as_ref()).map(twinning_core::parse_digits::<i32>) {
                Some(Some(y)) if twinning_eligibility::NEUTRALITY_YEARS.contains(&y) => Ok(()),
                Some(Some(_)) => Err(("year", "The year must be between 2000 and 2100.".into())),
                _ => Err(("year", "Enter the year as four digits, for example 2040.".into())),
            },
            _ => Err(("neutral", "Select whether your city has committed to a year.".into())),
        },
        Question::Submission => submission(a).map(|_| ()),
        Question::Project => match val(a.project.as_ref()) {
            Some(_) => Ok(()),
            None => Err(("project", "Select a partner project, none, or I do not know.".into())),
        },
    }
}

/// The answers to the questions the chosen call asks, without answers
/// left from another call's questions.
fn asked(a: &Answers) -> Answers {
    let fields: Vec<&str> =
        questions(a.rule_set()).into_iter().flat_map(|q| q.fields().iter().copied()).collect();
    let kept: Vec<(String, String)> =
        a.pairs().into_iter().filter(|(k, _)| fields.contains(&k.as_str())).collect();
    serde_urlencoded::to_string(&kept)
        .ok()
        .and_then(|q| serde_urlencoded::from_str(&q).ok())
        .unwrap_or_default()
}

/// The applicant the answers describe (unanswered questions left out, so
/// the library reports them as missing).
fn applicant(a: &Answers) -> Option<Applicant> {
    let a = &asked(a);
    let mut out = Applicant::new(val(a.name.as_ref())?).ok()?;
    if let Some(Ok(c)) = val(a.country.as_ref()).map(str::parse::<CountryCode>) {
        out = out.with_country(c);
    }
    if let Some(la) = yes_no(val(a.la.as_ref())) {
        out = out.with_local_authority(la);
    }
    if val(a.neutral.as_ref()) == Some("year")
        && let Some(Some(y)) = val(a.year.as_ref()).map(twinning_core::parse_digits::<i32>)
    {
        out = out.with_neutrality_year(y);
    }
    if let Ok(Some(at)) = submission(a) {
        out = out.with_submitted_at(at);
    }
    if let Some(i) = yes_no(val(a.invited.as_ref())) {
        out = out.with_invited(i);
    }
    match val(a.project.as_ref()) {
        Some("none") => out = out.with_partner_projects(Vec::<String>::new()),
        Some("unknown") | None => {}
        Some(p) => out = out.with_partner_projects([p]),
    }
    Some(out.with_claims(Claims {
        mission_city: yes_no(val(a.mission.as_ref())),
        earlier_twin_or_pilot: yes_no(val(a.earlier.as_ref())),
    }))
}

/// A redirect (303) to `path` with the answers.
fn see_other(path: &str, a: &Answers) -> Response {
    let q = a.query();
    let to = if q.is_empty() { path.to_owned() } else { format!("{path}?{q}") };
    (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response()
}

/// The first unanswered (or wrongly answered) question, if any.
fn first_open(a: &Answers) -> Option<Question> {
    questions(a.rule_set()).into_iter().find(|q| check(*q, a).is_err())
}

/// `GET /check`: the start page.
pub(crate) async fn start() -> Response {
    let main = html! {
        h1 { "Check if your city can apply" }
        p class="lead" { "Use this service to check whether your city meets the published conditions of a call of the Twinning Learning Programme." }
        p { "You will be asked up to 10 short questions about your city, such as its country and its climate-neutrality commitment. It takes about 3 minutes." }
        p { "The answer is a guide, not a decision: programme staff check every application against the official lists." }
        a class="button start" href="/check/call" role="button" draggable="false" { "Start now" }
        h2 { "Before you start" }
        p { "You may want to know your city's climate-neutrality target year and whether your city takes part in an EU partner project." }
    };
    Page::new("Check if your city can apply", Section::Check, main).into_response()
}

/// `GET /check/{question}`: the question, or (with `answered`) the answer
/// checked and the next page.
pub(crate) async fn question(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let Some(q) = Question::from_slug(&slug) else {
        return super::not_found_page(
            "There is no such question. Start again from the first question.",
        );
    };
    let a = match Answers::parse(query.as_deref()) {
        Ok(a) => a,
        Err(page) => return page,
    };
    if q != Question::Call && a.rule_set().is_none() {
        return see_other("/check/call", &Answers::default());
    }
    if !questions(a.rule_set()).contains(&q) {
        return see_other("/check/answers", &a);
    }
    let error = if a.answered.is_some() {
        match check(q, &a) {
            Ok(()) => {
                let next = first_open(&a)
                    .map_or("/check/answers".to_owned(), |n| format!("/check/{}", n.slug()));
                return see_other(&next, &a);
            }
            Err(e) => Some(e),
        }
    } else {
        None
    };
    question_page(&state.data, q, &a, error.as_ref())
}

/// The hidden fields carrying every answer but `q`'s.
fn hidden(q: Question, a: &Answers) -> Markup {
    html! {
        @for (k, v) in a.pairs() {
            @if !q.fields().contains(&k.as_str()) {
                input type="hidden" name=(k) value=(v);
            }
        }
        input type="hidden" name="answered" value="1";
    }
}

/// Radio buttons: (value, label, hint).
fn radios(
    name: &str,
    current: Option<&str>,
    options: &[(String, String, Option<String>)],
) -> Markup {
    html! {
        div class="radios" {
            @for (i, (value, label, hint)) in options.iter().enumerate() {
                @let id = if i == 0 { name.to_owned() } else { format!("{name}-{i}") };
                div class="radio" {
                    input type="radio" id=(id) name=(name) value=(value) checked[current == Some(value.as_str())]
                        aria-describedby=[hint.as_ref().map(|_| format!("{id}-hint"))];
                    label for=(id) { (label) }
                }
                @if let Some(h) = hint { p class="hint radio-hint" id=(format!("{id}-hint")) { (h) } }
            }
        }
    }
}

fn yes_no_unknown(name: &str, current: Option<&str>) -> Markup {
    radios(
        name,
        current,
        &[
            ("yes".into(), "Yes".into(), None),
            ("no".into(), "No".into(), None),
            ("unknown".into(), "I do not know".into(), None),
        ],
    )
}

/// The page for `q`, with `error` shown in a summary and beside the field.
fn question_page(
    data: &ProgrammeData,
    q: Question,
    a: &Answers,
    error: Option<&(&'static str, String)>,
) -> Response {
    let now = twinning_cohort::to_brussels(chrono::Utc::now().fixed_offset());
    let rules = a.rule_set();
    let list = questions(rules);
    let position = list.iter().position(|x| *x == q).unwrap_or(0);
    let back = match position.checked_sub(1).and_then(|i| list.get(i)) {
        Some(prev) => format!("/check/{}?{}", prev.slug(), a.query()),
        None => "/check".to_owned(),
    };
    let msg = error.map(|(_, m)| m.as_str());
    let body = html! {
        @match q {
            Question::Call => {
                fieldset aria-describedby=[msg.map(|_| "call-error")] {
                    legend class="question" { h1 { (q.text()) } }
                    @if let Some(m) = msg { p class="error-message" id="call-error" { span class="visually-hidden" { "Error: " } (m) } }
                    (radios("call", val(a.call.as_ref()), &builtins().iter().map(|r| {
                        let hint = data.cohort(r.cohort())
                            .map(|c| call_status(&c.registration_status(r.role(), now)));
                        (call_key(r), r.title().to_owned(), hint)
                    }).collect::<Vec<_>>()))
                }
            }
            Question::Name => {
                div class="field" {
                    h1 { label class="question" for="name" { (q.text()) } }
                    p class="hint" id="name-hint" { "As it is written in your application, for example Valencia." }
                    @if let Some(m) = msg { p class="error-message" id="name-error" { span class="visually-hidden" { "Error: " } (m) } }
                    input type="text" class="wide" id="name" name="name" value=[val(a.name.as_ref())] autocomplete="organization" spellcheck="false"
                        aria-describedby=(if msg.is_some() { "name-hint name-error" } else { "name-hint" });
                }
            }
            Question::Country => {
                div class="field" {
                    h1 { label class="question" for="country" { (q.text()) } }
                    @if let Some(m) = msg { p class="error-message" id="country-error" { span class="visually-hidden" { "Error: " } (m) } }
                    select id="country" name="country" aria-describedby=[msg.map(|_| "country-error")] {
                        option value="" { "Choose a country" }
                        @for (code, name) in countries() {
                            option value=(code.as_str()) selected[val(a.country.as_ref()) == Some(code.as_str())] { (name) }
                        }
                    }
                }
            }
            Question::LocalAuthority | Question::MissionCity | Question::EarlierRole | Question::Invited => {
                @let field = q.fields().first().copied().unwrap_or_default();
                @let current = match q { Question::LocalAuthority => &a.la, Question::MissionCity => &a.mission, Question::EarlierRole => &a.earlier, _ => &a.invited };
                fieldset aria-describedby=[msg.map(|_| format!("{field}-error"))] {
                    legend class="question" { h1 { (q.text()) } }
                    @if q == Question::MissionCity { p class="hint" { "The 112 cities the EU selected in 2022 for the Mission on Climate-Neutral and Smart Cities." } }
                    @if q == Question::LocalAuthority { p class="hint" { "A municipality, a city council, or a metropolitan authority applies; a company or an association does not." } }
                    @if let Some(m) = msg { p class="error-message" id=(format!("{field}-error")) { span class="visually-hidden" { "Error: " } (m) } }
                    (yes_no_unknown(field, val(current.as_ref())))
                }
            }
            Question::Neutrality => {
                fieldset aria-describedby=[msg.map(|_| "neutral-error")] {
                    legend class="question" { h1 { (q.text()) } }
                    @if let Some(m) = msg { p class="error-message" id="neutral-error" { span class="visually-hidden" { "Error: " } (m) } }
                    div class="radios" {
                        div class="radio" {
                            input type="radio" id="neutral" name="neutral" value="year" checked[val(a.neutral.as_ref()) == Some("year")];
                            label for="neutral" { "We have committed to a year" }
                        }
                        div class="field" {
                            label for="year" { "Year" }
                            input type="text" inputmode="numeric" class="narrow" id="year" name="year" value=[val(a.year.as_ref())] autocomplete="off";
                        }
                        div class="radio" {
                            input type="radio" id="neutral-1" name="neutral" value="unknown" checked[val(a.neutral.as_ref()) == Some("unknown")];
                            label for="neutral-1" { "We have not committed to a year, or I do not know" }
                        }
                    }
                }
            }
            Question::Submission => {
                fieldset aria-describedby=[msg.map(|_| "sub-error")] {
                    legend class="question" { h1 { (q.text()) } }
                    @if let Some(w) = window(rules) { p class="hint" { "The call accepts applications until " (w) "." } }
                    @if let Some(m) = msg { p class="error-message" id="sub-error" { span class="visually-hidden" { "Error: " } (m) } }
                    div class="radios" {
                        div class="radio" {
                            input type="radio" id="sub" name="sub" value="now" checked[val(a.sub.as_ref()) == Some("now")];
                            label for="sub" { "Not yet: check as if we submitted now" }
                        }
                        div class="radio" {
                            input type="radio" id="sub-1" name="sub" value="date" checked[val(a.sub.as_ref()) == Some("date")];
                            label for="sub-1" { "On this date (Brussels time):" }
                        }
                    }
                    div class="date-input" {
                        div { label for="sday" { "Day" } input type="text" inputmode="numeric" class="narrow" id="sday" name="sday" value=[val(a.sday.as_ref())] autocomplete="off"; }
                        div { label for="smonth" { "Month" } input type="text" inputmode="numeric" class="narrow" id="smonth" name="smonth" value=[val(a.smonth.as_ref())] autocomplete="off"; }
                        div { label for="syear" { "Year" } input type="text" inputmode="numeric" class="narrow" id="syear" name="syear" value=[val(a.syear.as_ref())] autocomplete="off"; }
                        div { label for="shour" { "Hour (0 to 23)" } input type="text" inputmode="numeric" class="narrow" id="shour" name="shour" value=[val(a.shour.as_ref())] autocomplete="off"; }
                        div { label for="sminute" { "Minute" } input type="text" inputmode="numeric" class="narrow" id="sminute" name="sminute" value=[val(a.sminute.as_ref())] autocomplete="off"; }
                    }
                    p class="hint" { "Leave the time blank for midday." }
                }
            }
            Question::Project => {
                fieldset aria-describedby=[msg.map(|_| "project-error")] {
                    legend class="question" { h1 { (q.text()) } }
                    @if let Some(m) = msg { p class="error-message" id="project-error" { span class="visually-hidden" { "Error: " } (m) } }
                    (radios("project", val(a.project.as_ref()), &project_options(data.catalogue(), rules)))
                }
            }
        }
    };
    let error_field = error.map(|(f, _)| *f);
    let main = html! {
        a class="back-link" href=(back) { "Back" }
        @if let (Some(m), Some(f)) = (msg, error_field) {
            div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" {
                h2 id="error-summary-title" { "There is a problem" }
                ul { li { a href=(format!("#{f}")) { (m) } } }
            }
        }
        @if rules.is_some() { p class="hint" { "Question " (position + 1) " of " (list.len()) } }
        form method="get" action=(format!("/check/{}", q.slug())) novalidate {
            (hidden(q, a))
            (body)
            button class="button" type="submit" { "Continue" }
        }
    };
    let title = if error.is_some() { format!("Error: {}", q.text()) } else { q.text().to_owned() };
    Page::new(title, Section::Check, main)
        .status(if error.is_some() { StatusCode::BAD_REQUEST } else { StatusCode::OK })
        .into_response()
}

/// A call's status in plain text, for the call question's hints.
fn call_status(s: &twinning_cohort::RegistrationStatus) -> String {
    use twinning_cohort::RegistrationStatus as S;
    let at = |t: &DateTime<FixedOffset>| {
        twinning_cohort::to_brussels(*t).format("%-d %B %Y, %H:%M").to_string()
    };
    match s {
        S::NotYetOpen { opens } => format!("Opens {} Brussels time.", at(opens)),
        S::Open { closes: Some(c), .. } => format!("Open until {} Brussels time.", at(c)),
        S::Open { closes: None, .. } => "Open.".to_owned(),
        S::Closed { deadline, .. } => {
            format!("Closed on {} Brussels time; you can still check past answers.", at(deadline))
        }
        S::Unknown { closes, .. } => format!("Closes {} Brussels time.", at(closes)),
        _ => "No call for this role.".to_owned(),
    }
}

/// Every country by English name.
fn countries() -> Vec<(CountryCode, String)> {
    let mut all: Vec<(CountryCode, String)> = CountryCode::all()
        .filter(|c| !c.is_user_assigned() || *c == CountryCode::KOSOVO)
        .filter_map(|c| c.english_name().map(|n| (c, n.to_owned())))
        .collect();
    all.sort_by(|a, b| a.1.cmp(&b.1));
    all
}

/// The call's last minute, from the rule set's window criterion.
fn window(rules: Option<&RuleSet>) -> Option<Markup> {
    rules?.criteria().iter().find_map(|c| match &c.rule {
        Rule::SubmissionWindow { closes, .. } => Some(brussels(*closes.value())),
        _ => None,
    })
}

/// The partner-project choices: the rule's own list, else the catalogue's
/// projects; then none and do-not-know.
fn project_options(
    cat: &Catalogue,
    rules: Option<&RuleSet>,
) -> Vec<(String, String, Option<String>)> {
    let named: Vec<String> = rules
        .and_then(|r| {
            r.criteria().iter().find_map(|c| match &c.rule {
                Rule::PartnerProject { any_of } if !any_of.is_empty() => Some(any_of.clone()),
                _ => None,
            })
        })
        .unwrap_or_else(|| {
            let mut all: Vec<String> =
                cat.projects().iter().map(|p| p.acronym().to_owned()).collect();
            all.sort_by_key(|p| p.to_lowercase());
            all
        });
    named
        .into_iter()
        .map(|p| (p.clone(), p, None))
        .chain([
            ("none".to_owned(), "None of these".to_owned(), None),
            ("unknown".to_owned(), "I do not know".to_owned(), None),
        ])
        .collect()
}

/// An answer in words, for the summary.
fn answer_text(q: Question, a: &Answers) -> String {
    let three = |v: Option<&String>| match val(v) {
        Some("yes") => "Yes",
        Some("no") => "No",
        _ => "I do not know",
    };
    match q {
        Question::Call => a.rule_set().map(|r| r.title().to_owned()).unwrap_or_default(),
        Question::Name => val(a.name.as_ref()).unwrap_or_default().to_owned(),
        Question::Country => val(a.country.as_ref())
            .and_then(|c| c.parse::<CountryCode>().ok())
            .map(country_name)
            .unwrap_or_default(),
        Question::LocalAuthority => three(a.la.as_ref()).to_owned(),
        Question::MissionCity => three(a.mission.as_ref()).to_owned(),
        Question::EarlierRole => three(a.earlier.as_ref()).to_owned(),
        Question::Invited => three(a.invited.as_ref()).to_owned(),
        Question::Neutrality => match val(a.neutral.as_ref()) {
            Some("year") => val(a.year.as_ref()).unwrap_or_default().to_owned(),
            _ => "Not committed, or not known".to_owned(),
        },
        Question::Submission => match submission(a) {
            Ok(None) => "Not yet (checked as if submitted now)".to_owned(),
            Ok(Some(at)) => {
                let b = twinning_cohort::to_brussels(at);
                b.format("%-d %B %Y, %H:%M Brussels time").to_string()
            }
            Err(_) => String::new(),
        },
        Question::Project => match val(a.project.as_ref()) {
            Some("none") => "None".to_owned(),
            Some("unknown") | None => "I do not know".to_owned(),
            Some(p) => p.to_owned(),
        },
    }
}

/// The answers as a summary list, with change links when `change`.
fn summary(a: &Answers, change: bool) -> Markup {
    let q = a.query();
    html! {
        dl class=(if change { "summary" } else { "summary two" }) {
            @for question in questions(a.rule_set()) {
                div {
                    dt { (question.label()) }
                    dd { (answer_text(question, a)) }
                    @if change {
                        dd {
                            a href=(format!("/check/{}?{q}", question.slug())) {
                                "Change" span class="visually-hidden" { " " (question.label().to_lowercase()) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /check/answers`: every answer with a change link.
pub(crate) async fn answers(RawQuery(query): RawQuery) -> Response {
    let a = match Answers::parse(query.as_deref()) {
        Ok(a) => a,
        Err(page) => return page,
    };
    if let Some(open) = first_open(&a) {
        return see_other(&format!("/check/{}", open.slug()), &a);
    }
    let main = html! {
        h1 { "Check your answers" }
        (summary(&a, true))
        h2 { "Now see your result" }
        p { "The result says, for each condition of the call, whether your answers meet it and why." }
        form method="get" action="/check/result" novalidate {
            @for (k, v) in a.pairs() { input type="hidden" name=(k) value=(v); }
            button class="button" type="submit" { "See your result" }
        }
    };
    Page::new("Check your answers", Section::Check, main).into_response()
}

/// `s` with its first letter in upper case.
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// What to do about an unknown outcome, in plain words.
fn missing(reason: Reason, kind: &str) -> &'static str {
    match reason {
        Reason::NotDeclared => match kind {
            "local-authority" => "Say whether the applicant is a local authority.",
            "neutrality-by" => "Give the year your city has committed to be climate neutral by.",
            "invited" => "Find out whether your city was invited to apply.",
            "partner-project" => "Find out which partner project your city takes part in.",
            "not-already-twin-or-pilot" => {
                "Find out whether your city was a Twin or Pilot City before."
            }
            "is-mission-city" | "not-mission-city" => {
                "Find out whether your city is a Mission City."
            }
            "country-in" => "Give your city's country.",
            _ => "Answer the question this condition needs.",
        },
        Reason::RegistryUnknown | Reason::RegistryUncertain => {
            "The programme's published lists do not settle this; staff will check it with you."
        }
        _ => "Staff will check this with you.",
    }
}

/// The question to change for an unknown criterion of `kind`.
fn question_for_kind(kind: &str) -> Option<Question> {
    match kind {
        "local-authority" => Some(Question::LocalAuthority),
        "neutrality-by" => Some(Question::Neutrality),
        "invited" => Some(Question::Invited),
        "partner-project" => Some(Question::Project),
        "not-already-twin-or-pilot" => Some(Question::EarlierRole),
        "is-mission-city" | "not-mission-city" => Some(Question::MissionCity),
        "country-in" => Some(Question::Country),
        "submission-window" => Some(Question::Submission),
        _ => None,
    }
}

/// `GET /check/result`: the decision, criterion by criterion.
pub(crate) async fn result(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let a = match Answers::parse(query.as_deref()) {
        Ok(a) => a,
        Err(page) => return page,
    };
    if let Some(open) = first_open(&a) {
        return see_other(&format!("/check/{}", open.slug()), &a);
    }
    let (Some(rules), Some(applicant)) = (a.rule_set(), applicant(&a)) else {
        return see_other("/check/call", &Answers::default());
    };
    let now = match super::cohorts::at_or_page(None) {
        Ok(now) => now,
        Err(page) => return page,
    };
    let decision = rules.evaluate(&applicant, now, state.data.registry());
    let (class, heading, lead) = match decision.verdict() {
        Verdict::Eligible => {
            ("eligible", "Your city can apply", "Your answers meet every condition of this call.")
        }
        Verdict::Ineligible => (
            "ineligible",
            "Your city cannot apply",
            "Your answers do not meet at least one condition of this call.",
        ),
        _ => (
            "undetermined",
            "We cannot tell yet",
            "Some conditions cannot be checked from your answers. See what is missing below.",
        ),
    };
    let titles: Vec<(&str, &str)> =
        rules.criteria().iter().map(|c| (c.id.as_str(), c.summary.as_str())).collect();
    let title_of =
        |id: &str| capitalised(titles.iter().find(|(i, _)| *i == id).map_or(id, |(_, t)| *t));
    let unknown: Vec<_> =
        decision.outcomes().iter().filter(|o| o.outcome == Outcome::Unknown).collect();
    let q = a.query();
    let main = html! {
        div class=(format!("verdict {class}")) {
            h1 { (heading) }
            p { (applicant.name()) ": " (rules.title()) }
        }
        p class="lead" { (lead) }
        @if !unknown.is_empty() {
            h2 { "What is missing" }
            ul {
                @for o in &unknown {
                    li {
                        strong { (title_of(o.criterion.as_str())) ": " }
                        (missing(o.reason, &o.kind))
                        @if o.reason == Reason::NotDeclared {
                            @if let Some(question) = question_for_kind(&o.kind) {
                                " " a class="no-print" href=(format!("/check/{}?{q}", question.slug())) {
                                    "Change your answer" span class="visually-hidden" { " to " (question.label().to_lowercase()) }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { "Each condition" }
        ol class="criteria" {
            @for o in decision.outcomes() {
                li {
                    h3 { (title_of(o.criterion.as_str())) }
                    p {
                        @match o.outcome {
                            Outcome::Passed => span class="outcome passed" { "Met. " },
                            Outcome::Failed => span class="outcome failed" { "Not met. " },
                            _ => span class="outcome unknown" { "Cannot tell yet. " },
                        }
                        (o.sentence)
                    }
                }
            }
        }
        @if !decision.conflicts().is_empty() {
            h2 { "Where your answers differ from the programme's lists" }
            ul { @for c in decision.conflicts() { li { (c.resolution) } } }
        }
        h2 { "Your answers" }
        (summary(&a, false))
        p class="meta" { "Checked on " (brussels(decision.evaluated_at())) " against “" (decision.rule_set()) "”." }
        h2 class="no-print" { "Keep a copy" }
        p class="no-print" { "Print this page or save it as PDF with your browser's print command: the printout leaves out the navigation and keeps your answers and the reasons." }
        p class="no-print" {
            a href=(format!("/check/answers?{q}")) { "Change your answers" } " or "
            a href="/check" { "start again" } "."
        }
    };
    let sources = rules.criteria().iter().map(|c| &c.provenance);
    Page::new(format!("{heading}: your result"), Section::Check, main).cite(sources).into_response()
}
