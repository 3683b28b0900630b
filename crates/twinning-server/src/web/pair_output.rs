//! A pair's action plan, filled in on its private page: up to
//! [`ROWS`] actions (title, owner, start, end, budget in EUR), saved as a
//! draft and resumed, or submitted. Every problem is shown at once: the
//! form's own (a date that is not a date) and every problem and missing item
//! `Document::check` reports. The document is `twinning-outputs`'; the
//! lifecycle moves only as `Status::can_become` allows.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use maud::html;
use rust_decimal::Decimal;
use twinning_cohort::OutputKind;
use twinning_core::{ActionId, CityId, DateRange, OutputId, Slug, Uuid};
use twinning_outputs::{
    Action, CityRef, Document, FundingSource, Kpi, OutputBody, OutputContext, Rating, Risk,
    Severity, Status,
};

use super::layout::{Page, Section};
use super::staff::{db, form, see_other};
use crate::app::AppState;
use crate::store::{PairRecord, RunInfo};

/// How many action rows the form offers.
pub(crate) const ROWS: usize = 5;

/// One row of the form, as typed.
#[derive(Debug, Clone, Default)]
struct Row {
    title: String,
    owner: String,
    start: String,
    end: String,
    budget: String,
    fund: String,
    fundamt: String,
    secured: String,
    kpi: String,
    kpiunit: String,
    kpibase: String,
    kpitarget: String,
    risk: String,
    likely: String,
    impact: String,
    mitig: String,
}

/// The text fields of a row, by their form names.
const FIELDS: [&str; 16] = [
    "title",
    "owner",
    "start",
    "end",
    "budget",
    "fund",
    "fundamt",
    "secured",
    "kpi",
    "kpiunit",
    "kpibase",
    "kpitarget",
    "risk",
    "likely",
    "impact",
    "mitig",
];

impl Row {
    fn get(&self, field: &str) -> &str {
        match field {
            "title" => &self.title,
            "owner" => &self.owner,
            "start" => &self.start,
            "end" => &self.end,
            "budget" => &self.budget,
            "fund" => &self.fund,
            "fundamt" => &self.fundamt,
            "secured" => &self.secured,
            "kpi" => &self.kpi,
            "kpiunit" => &self.kpiunit,
            "kpibase" => &self.kpibase,
            "kpitarget" => &self.kpitarget,
            "risk" => &self.risk,
            "likely" => &self.likely,
            "impact" => &self.impact,
            _ => &self.mitig,
        }
    }

    fn set(&mut self, field: &str, value: String) {
        let slot = match field {
            "title" => &mut self.title,
            "owner" => &mut self.owner,
            "start" => &mut self.start,
            "end" => &mut self.end,
            "budget" => &mut self.budget,
            "fund" => &mut self.fund,
            "fundamt" => &mut self.fundamt,
            "secured" => &mut self.secured,
            "kpi" => &mut self.kpi,
            "kpiunit" => &mut self.kpiunit,
            "kpibase" => &mut self.kpibase,
            "kpitarget" => &mut self.kpitarget,
            "risk" => &mut self.risk,
            "likely" => &mut self.likely,
            "impact" => &mut self.impact,
            _ => &mut self.mitig,
        };
        *slot = value;
    }

    /// Whether nothing was typed (the selects always hold a value).
    fn is_blank(&self) -> bool {
        FIELDS
            .iter()
            .filter(|f| !matches!(**f, "secured" | "likely" | "impact"))
            .all(|f| self.get(f).trim().is_empty())
    }
}

/// A rating's form value.
fn rating(text: &str) -> Rating {
    match text {
        "low" => Rating::Low,
        "high" => Rating::High,
        _ => Rating::Medium,
    }
}

/// The pair a link opens, with its run.
async fn open(state: &AppState, token: String) -> Result<(RunInfo, PairRecord), Response> {
    match db(state, move |s| s.pair_by_link(&token)).await {
        Ok(Some(found)) => Ok(found),
        _ => Err(super::error_page(
            StatusCode::NOT_FOUND,
            "This link does not open a pair",
            "Check that you copied the whole link. If it still does not work, ask programme staff for a new one.",
        )),
    }
}

/// The context the cohort gives an action plan.
async fn context(state: &AppState, info: &RunInfo) -> Result<OutputContext, Response> {
    let run = info.id;
    let doc = db(state, move |s| s.cohort_document(run)).await?;
    super::staff::cohort_of(info, doc.as_ref())
        .map(|c| OutputContext::for_output(&c, OutputKind::ActionPlan))
        .ok_or_else(|| super::bad_request_page("The run's cohort cannot be read."))
}

/// The rows of a stored draft, padded to [`ROWS`].
fn rows_of(document: Option<&serde_json::Value>) -> Vec<Row> {
    let mut rows: Vec<Row> = document
        .and_then(|v| serde_json::from_value::<Document>(v.clone()).ok())
        .and_then(|d| match d.body {
            OutputBody::ActionPlan(p) => Some(p.actions),
            _ => None,
        })
        .unwrap_or_default()
        .into_iter()
        .map(|a| {
            let mut r = Row {
                title: a.title,
                owner: a.owner,
                start: a.period.start().to_string(),
                end: a.period.end().to_string(),
                budget: a.budget_eur.to_string(),
                ..Row::default()
            };
            if let Some(f) = a.funding.first() {
                r.fund = f.name.clone();
                r.fundamt = f.amount_eur.to_string();
                r.secured = if f.secured { "yes".to_owned() } else { "no".to_owned() };
            }
            if let Some(k) = a.kpis.first() {
                r.kpi = k.name.clone();
                r.kpiunit = k.unit.clone();
                r.kpibase = k.baseline.to_string();
                r.kpitarget = k.target.to_string();
            }
            if let Some(k) = a.risks.first() {
                r.risk = k.description.clone();
                r.likely = k.likelihood.label().to_lowercase();
                r.impact = k.impact.label().to_lowercase();
                r.mitig = k.mitigation.clone();
            }
            r
        })
        .collect();
    rows.resize(ROWS.max(rows.len()), Row::default());
    rows
}

/// The form page, with every problem listed.
fn page(
    state: &AppState,
    token: &str,
    pair: &PairRecord,
    rows: &[Row],
    problems: &[(String, String)],
    saved: bool,
) -> Response {
    let csrf = state.signer.csrf_token("pair", token);
    let main = html! {
        a class="back-link" href=(format!("/pair/{token}")) { "Back to your pair's page" }
        @if !problems.is_empty() {
            div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" {
                h2 id="error-summary-title" { "There is a problem" }
                ul { @for (field, p) in problems { li { a href=(format!("#{field}")) { (p) } } } }
            }
        }
        @if saved { div class="panel open" role="status" { p { "Your draft is saved. You can come back to it with the same link." } } }
        h1 { "Action plan of " (pair.seeker) " and " (pair.host) }
        p { "List the actions you will take. Leave a row empty if you need fewer. Dates are days such as 2026-10-01; budgets are euros such as 12000 or 12000.50. Before you submit, give each action its funding, an indicator and a risk." }
        form method="post" action=(format!("/pair/{token}/outputs/action-plan")) novalidate {
            input type="hidden" name="csrf" value=(csrf);
            @for (i, r) in rows.iter().enumerate() {
                fieldset class="action-row" {
                    legend { h2 { "Action " (i + 1) } }
                    div class="field" { label for=(format!("title{i}")) { "What" } input type="text" class="wide" id=(format!("title{i}")) name=(format!("title{i}")) value=(r.title); }
                    div class="field" { label for=(format!("owner{i}")) { "Who is responsible" } input type="text" class="wide" id=(format!("owner{i}")) name=(format!("owner{i}")) value=(r.owner); }
                    div class="date-input" {
                        div { label for=(format!("start{i}")) { "Starts" } input type="text" id=(format!("start{i}")) name=(format!("start{i}")) value=(r.start) autocomplete="off"; }
                        div { label for=(format!("end{i}")) { "Ends" } input type="text" id=(format!("end{i}")) name=(format!("end{i}")) value=(r.end) autocomplete="off"; }
                        div { label for=(format!("budget{i}")) { "Budget (EUR)" } input type="text" inputmode="decimal" id=(format!("budget{i}")) name=(format!("budget{i}")) value=(r.budget) autocomplete="off"; }
                    }
                    div class="date-input" {
                        div { label for=(format!("fund{i}")) { "Funded by" } input type="text" id=(format!("fund{i}")) name=(format!("fund{i}")) value=(r.fund) autocomplete="off"; }
                        div { label for=(format!("fundamt{i}")) { "Amount (EUR)" } input type="text" inputmode="decimal" id=(format!("fundamt{i}")) name=(format!("fundamt{i}")) value=(r.fundamt) autocomplete="off"; }
                        div { label for=(format!("secured{i}")) { "Secured?" }
                            select id=(format!("secured{i}")) name=(format!("secured{i}")) {
                                option value="no" selected[r.secured != "yes"] { "Not yet" }
                                option value="yes" selected[r.secured == "yes"] { "Yes" }
                            }
                        }
                    }
                    div class="date-input" {
                        div { label for=(format!("kpi{i}")) { "Indicator (KPI)" } input type="text" id=(format!("kpi{i}")) name=(format!("kpi{i}")) value=(r.kpi) autocomplete="off"; }
                        div { label for=(format!("kpiunit{i}")) { "Unit" } input type="text" id=(format!("kpiunit{i}")) name=(format!("kpiunit{i}")) value=(r.kpiunit) autocomplete="off"; }
                        div { label for=(format!("kpibase{i}")) { "Now" } input type="text" inputmode="decimal" class="narrow" id=(format!("kpibase{i}")) name=(format!("kpibase{i}")) value=(r.kpibase) autocomplete="off"; }
                        div { label for=(format!("kpitarget{i}")) { "Target" } input type="text" inputmode="decimal" class="narrow" id=(format!("kpitarget{i}")) name=(format!("kpitarget{i}")) value=(r.kpitarget) autocomplete="off"; }
                    }
                    div class="date-input" {
                        div { label for=(format!("risk{i}")) { "Risk" } input type="text" id=(format!("risk{i}")) name=(format!("risk{i}")) value=(r.risk) autocomplete="off"; }
                        @for (field, label) in [("likely", "Likelihood"), ("impact", "Impact")] {
                            div { label for=(format!("{field}{i}")) { (label) }
                                select id=(format!("{field}{i}")) name=(format!("{field}{i}")) {
                                    @for v in ["low", "medium", "high"] {
                                        option value=(v) selected[r.get(field) == v || (r.get(field).is_empty() && v == "medium")] { (v) }
                                    }
                                }
                            }
                        }
                        div { label for=(format!("mitig{i}")) { "What you will do about it" } input type="text" id=(format!("mitig{i}")) name=(format!("mitig{i}")) value=(r.mitig) autocomplete="off"; }
                    }
                }
            }
            button class="button secondary" type="submit" name="intent" value="save" { "Save as a draft" }
            button class="button" type="submit" name="intent" value="submit" { "Submit the action plan" }
        }
    };
    let title = if problems.is_empty() {
        "Action plan".to_owned()
    } else {
        "Error: Action plan".to_owned()
    };
    Page::new(title, Section::None, main)
        .status(if problems.is_empty() { StatusCode::OK } else { StatusCode::BAD_REQUEST })
        .into_response()
}

/// `GET /pair/{token}/outputs/action-plan`: the form, with the draft.
pub(crate) async fn show(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let (_, pair) = match open(&state, token.clone()).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let Some(output) = pair.outputs.iter().find(|o| o.kind == OutputKind::ActionPlan.key()) else {
        return super::not_found_page("Your cohort does not ask this pair for an action plan.");
    };
    page(&state, &token, &pair, &rows_of(output.document.as_ref()), &[], false)
}

/// The rows of a posted form.
fn posted_rows(fields: &[(String, String)]) -> Vec<Row> {
    (0..ROWS)
        .map(|i| {
            let mut r = Row::default();
            for f in FIELDS {
                let name = format!("{f}{i}");
                if let Some((_, v)) = fields.iter().find(|(k, _)| *k == name) {
                    r.set(f, v.trim().to_owned());
                }
            }
            r
        })
        .collect()
}

/// The document the rows make, and the form's own problems as (field id,
/// sentence).
fn document(
    rows: &[Row],
    pair: &PairRecord,
    ctx: &OutputContext,
) -> (Document, Vec<(String, String)>) {
    let mut problems = Vec::new();
    let mut actions = Vec::new();
    for (i, r) in rows.iter().enumerate().filter(|(_, r)| !r.is_blank()) {
        let n = i + 1;
        let day = |text: &str, field: &str, what: &str, problems: &mut Vec<(String, String)>| {
            let d = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            if d.is_none() {
                problems.push((
                    format!("{field}{i}"),
                    format!(
                        "Action {n}: enter the {what} date as year-month-day, such as 2026-10-01."
                    ),
                ));
            }
            d
        };
        let start = day(&r.start, "start", "start", &mut problems);
        let end = day(&r.end, "end", "end", &mut problems);
        let budget = Decimal::from_str_exact(&r.budget.replace(' ', "")).ok();
        if budget.is_none() {
            problems.push((
                format!("budget{i}"),
                format!("Action {n}: enter the budget in euros as a number, such as 12000."),
            ));
        }
        let period = match (start, end) {
            (Some(s), Some(e)) => match DateRange::new(s, e) {
                Ok(p) => Some(p),
                Err(_) => {
                    problems.push((
                        format!("end{i}"),
                        format!("Action {n}: the end date must not be before the start date."),
                    ));
                    None
                }
            },
            _ => None,
        };
        let number = |text: &str, field: &str, what: &str, problems: &mut Vec<(String, String)>| {
            let d = Decimal::from_str_exact(&text.replace(' ', "")).ok();
            if d.is_none() {
                problems.push((
                    format!("{field}{i}"),
                    format!("Action {n}: enter {what} as a number, such as 40."),
                ));
            }
            d
        };
        let mut funding = Vec::new();
        if !r.fund.is_empty()
            && let Some(amount_eur) =
                number(&r.fundamt, "fundamt", "the amount of funding in euros", &mut problems)
        {
            funding.push(FundingSource {
                name: r.fund.clone(),
                amount_eur,
                secured: r.secured == "yes",
            });
        }
        let mut kpis = Vec::new();
        if !r.kpi.is_empty() {
            let baseline =
                number(&r.kpibase, "kpibase", "where the indicator stands now", &mut problems);
            let target = number(&r.kpitarget, "kpitarget", "the indicator's target", &mut problems);
            if let (Some(baseline), Some(target)) = (baseline, target) {
                kpis.push(Kpi { name: r.kpi.clone(), unit: r.kpiunit.clone(), baseline, target });
            }
        }
        let mut risks = Vec::new();
        if !r.risk.is_empty() {
            risks.push(Risk {
                description: r.risk.clone(),
                likelihood: rating(&r.likely),
                impact: rating(&r.impact),
                mitigation: r.mitig.clone(),
            });
        }
        if let (Some(period), Some(budget_eur)) = (period, budget) {
            actions.push(Action {
                id: ActionId::from_uuid(Uuid::from_u128(u128::try_from(n).unwrap_or_default())),
                title: r.title.clone(),
                owner: r.owner.clone(),
                period,
                budget_eur,
                funding,
                kpis,
                risks,
                depends_on: Vec::new(),
            });
        }
    }
    let city_id = pair.seeker.parse::<Slug>().map_or_else(
        |_| CityId::from_uuid(Uuid::from_u128(u128::try_from(pair.id).unwrap_or_default())),
        |s| CityId::from_slug(&s),
    );
    let id = OutputId::from_uuid(Uuid::from_u128(u128::try_from(pair.id).unwrap_or_default()));
    let now = twinning_cohort::to_brussels(chrono::Utc::now().fixed_offset());
    let mut doc = Document::starter(
        OutputKind::ActionPlan,
        id,
        CityRef::new(city_id, pair.seeker.clone()),
        ctx,
        now,
    );
    if let OutputBody::ActionPlan(plan) = &mut doc.body {
        plan.actions = actions;
    }
    (doc, problems)
}

/// Where a document path points in the form: `actions[1].budget_eur`
/// is row 1's budget field.
fn field_of(path: &str) -> String {
    let row = path
        .strip_prefix("body.")
        .unwrap_or(path)
        .strip_prefix("actions[")
        .and_then(|rest| rest.split(']').next())
        .and_then(|n| n.parse::<usize>().ok());
    let which = if path.contains("funding") {
        "fund"
    } else if path.contains("kpis") {
        "kpi"
    } else if path.contains("risks") {
        "risk"
    } else if path.contains("budget") {
        "budget"
    } else if path.contains("owner") {
        "owner"
    } else if path.contains("period") {
        "start"
    } else {
        "title"
    };
    format!("{which}{}", row.unwrap_or(0))
}

/// `POST /pair/{token}/outputs/action-plan`: save the draft, or submit
/// when nothing is wrong or missing; otherwise every problem at once.
pub(crate) async fn post(
    State(state): State<AppState>,
    Path(token): Path<String>,
    body: Bytes,
) -> Response {
    let fields: Vec<(String, String)> = match form(&body) {
        Ok(f) => f,
        Err(r) => return r,
    };
    let csrf =
        fields.iter().find(|(k, _)| k == "csrf").map(|(_, v)| v.as_str()).unwrap_or_default();
    if !state.signer.csrf_ok("pair", &token, csrf) {
        return super::error_page(
            StatusCode::FORBIDDEN,
            "This form cannot be accepted",
            "The form did not come from this site's page, or that page is out of date. Go back, reload the page and send it again.",
        );
    }
    let submit = fields.iter().any(|(k, v)| k == "intent" && v == "submit");
    let (info, pair) = match open(&state, token.clone()).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let ctx = match context(&state, &info).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let rows = posted_rows(&fields);
    let (doc, mut problems) = document(&rows, &pair, &ctx);
    if submit {
        let report = doc.check(&ctx);
        for p in report.problems.iter().filter(|p| p.severity == Severity::Error) {
            problems.push((field_of(&p.path), format!("{}: {} ({})", p.path, p.kind, p.value)));
        }
        for m in &report.missing {
            problems.push((field_of(&m.path), format!("Still missing: {} ({}).", m.what, m.path)));
        }
        if rows.iter().all(Row::is_blank) {
            problems.push((
                "title0".to_owned(),
                "Add at least one action before you submit.".to_owned(),
            ));
        }
    }
    if !problems.is_empty() {
        return page(&state, &token, &pair, &rows, &problems, false);
    }
    let Ok(value) = serde_json::to_value(&doc) else {
        return super::bad_request_page("The action plan could not be stored.");
    };
    let (run, id) = (info.id, pair.id);
    let who = format!("pair {id} ({})", pair.seeker);
    let stored = db(&state, move |s| {
        s.update_output(
            run,
            id,
            OutputKind::ActionPlan.key(),
            Some(&value),
            |from| {
                let from_status = Status::from_key(from);
                if submit {
                    match from_status {
                        Some(f) if f.can_become(Status::Submitted) => Ok(Status::Submitted.key()),
                        _ => Err(format!("an output in status {from} cannot be submitted")),
                    }
                } else {
                    match from_status {
                        Some(Status::Draft) => Ok(Status::Draft.key()),
                        Some(Status::RevisionRequested) => Ok(Status::RevisionRequested.key()),
                        _ => Err(format!("an output in status {from} is no longer a draft")),
                    }
                }
            },
            &who,
        )
    })
    .await;
    match stored {
        Ok(_) if submit => see_other(&format!("/pair/{token}")),
        Ok(_) => page(&state, &token, &pair, &rows, &[], true),
        Err(r) => r,
    }
}
