//! The action plan: up to [`ROWS`] actions (title, owner, start, end,
//! budget in EUR), each with a funding source, an indicator and a risk.

use maud::{Markup, html};
use twinning_cohort::OutputKind;
use twinning_core::{ActionId, DateRange, Uuid};
use twinning_outputs::{
    Action, ActionPlan, FundingSource, Kpi, OutputBody, PathStep, Rating, Risk,
};

use super::{
    Found, OutputForm, Place, Values, key, need_day, need_eur, need_number, options, select, short,
};

/// How many action rows the form offers.
pub(crate) const ROWS: usize = 5;

/// The text fields of a row, by their form names (the selects `secured`,
/// `likely` and `impact` always hold a value, so they do not count).
const TYPED: [&str; 13] = [
    "title",
    "owner",
    "start",
    "end",
    "budget",
    "fund",
    "fundamt",
    "kpi",
    "kpiunit",
    "kpibase",
    "kpitarget",
    "risk",
    "mitig",
];

/// The action plan's form.
pub(crate) struct Form;

impl OutputForm for Form {
    const KIND: OutputKind = OutputKind::ActionPlan;
    const NOUN: &'static str = "the action plan";

    fn intro() -> Markup {
        html! {
            p { "List the actions you will take. Leave a row empty if you need fewer. Dates are days such as 2026-10-01; budgets are euros such as 12000 or 12000.50. Before you submit, give each action its funding, an indicator and a risk." }
        }
    }

    fn values(body: &OutputBody) -> Values {
        let mut v = Values::default();
        let OutputBody::ActionPlan(plan) = body else { return v };
        for (i, a) in plan.actions.iter().enumerate() {
            v.set(format!("title{i}"), a.title.clone());
            v.set(format!("owner{i}"), a.owner.clone());
            v.set(format!("start{i}"), a.period.start().to_string());
            v.set(format!("end{i}"), a.period.end().to_string());
            v.set(format!("budget{i}"), a.budget_eur.to_string());
            if let Some(f) = a.funding.first() {
                v.set(format!("fund{i}"), f.name.clone());
                v.set(format!("fundamt{i}"), f.amount_eur.to_string());
                v.set(format!("secured{i}"), if f.secured { "yes" } else { "no" });
            }
            if let Some(k) = a.kpis.first() {
                v.set(format!("kpi{i}"), k.name.clone());
                v.set(format!("kpiunit{i}"), k.unit.clone());
                v.set(format!("kpibase{i}"), k.baseline.to_string());
                v.set(format!("kpitarget{i}"), k.target.to_string());
            }
            if let Some(r) = a.risks.first() {
                v.set(format!("risk{i}"), r.description.clone());
                v.set(format!("likely{i}"), key(&r.likelihood));
                v.set(format!("impact{i}"), key(&r.impact));
                v.set(format!("mitig{i}"), r.mitigation.clone());
            }
        }
        v
    }

    fn body(v: &Values, found: &mut Found) -> OutputBody {
        let mut actions = Vec::new();
        for i in (0..rows(v)).filter(|i| !v.blank(&TYPED.map(|f| format!("{f}{i}")))) {
            let n = i.saturating_add(1);
            let place = format!("Action {n}");
            let at = |what| (place.as_str(), what);
            let start = need_day(v, &format!("start{i}"), at("the start date"), found);
            let end = need_day(v, &format!("end{i}"), at("the end date"), found);
            let budget = need_eur(v, &format!("budget{i}"), at("the budget in euros"), found);
            let period = match (start, end) {
                (Some(s), Some(e)) => DateRange::new(s, e).ok().or_else(|| {
                    found.add(
                        format!("end{i}"),
                        format!("{place}: the end date must not be before the start date."),
                    );
                    None
                }),
                _ => None,
            };
            let mut funding = Vec::new();
            if !v.get(&format!("fund{i}")).is_empty()
                && let Some(amount_eur) =
                    need_eur(v, &format!("fundamt{i}"), at("the amount of funding in euros"), found)
            {
                funding.push(FundingSource {
                    name: v.get(&format!("fund{i}")).to_owned(),
                    amount_eur,
                    secured: v.get(&format!("secured{i}")) == "yes",
                });
            }
            let mut kpis = Vec::new();
            if !v.get(&format!("kpi{i}")).is_empty() {
                let baseline = need_number(
                    v,
                    &format!("kpibase{i}"),
                    at("where the indicator stands now"),
                    found,
                );
                let target =
                    need_number(v, &format!("kpitarget{i}"), at("the indicator's target"), found);
                if let (Some(baseline), Some(target)) = (baseline, target) {
                    kpis.push(Kpi {
                        name: v.get(&format!("kpi{i}")).to_owned(),
                        unit: v.get(&format!("kpiunit{i}")).to_owned(),
                        baseline,
                        target,
                    });
                }
            }
            let mut risks = Vec::new();
            if !v.get(&format!("risk{i}")).is_empty() {
                risks.push(Risk {
                    description: v.get(&format!("risk{i}")).to_owned(),
                    likelihood: super::choice(v, &format!("likely{i}")).unwrap_or(Rating::Medium),
                    impact: super::choice(v, &format!("impact{i}")).unwrap_or(Rating::Medium),
                    mitigation: v.get(&format!("mitig{i}")).to_owned(),
                });
            }
            if let (Some(period), Some(budget_eur)) = (period, budget) {
                actions.push(Action {
                    id: ActionId::from_uuid(Uuid::from_u128(u128::try_from(n).unwrap_or_default())),
                    title: v.get(&format!("title{i}")).to_owned(),
                    owner: v.get(&format!("owner{i}")).to_owned(),
                    period,
                    budget_eur,
                    funding,
                    kpis,
                    risks,
                    depends_on: Vec::new(),
                });
            }
        }
        OutputBody::ActionPlan(ActionPlan { joint_with: Vec::new(), actions })
    }

    fn place(steps: &[PathStep<'_>], v: &Values) -> Place {
        let row = match steps.first() {
            Some(PathStep { field: "actions", index: Some(k) }) => {
                super::row_of(*k, |i| !v.blank(&TYPED.map(|f| format!("{f}{i}"))))
            }
            _ => return Place::new("title0", "the action plan"),
        };
        let which = match steps.get(1).map(|s| s.field) {
            Some("funding") => "fund",
            Some("kpis") => "kpi",
            Some("risks") => "risk",
            Some("budget_eur") => "budget",
            Some("owner") => "owner",
            Some("period") => "start",
            _ => "title",
        };
        Place::new(format!("{which}{row}"), format!("action {}", row.saturating_add(1)))
    }

    fn fields(v: &Values) -> Markup {
        let ratings = options(&Rating::ALL, |r| r.label());
        let secured =
            [("no".to_owned(), "Not yet".to_owned()), ("yes".to_owned(), "Yes".to_owned())];
        html! {
            @for i in 0..rows(v) {
                fieldset class="action-row" {
                    legend { h2 { "Action " (i + 1) } }
                    (super::text(v, &format!("title{i}"), "What"))
                    (super::text(v, &format!("owner{i}"), "Who is responsible"))
                    div class="date-input" {
                        (short(v, &format!("start{i}"), "Starts", false))
                        (short(v, &format!("end{i}"), "Ends", false))
                        (short(v, &format!("budget{i}"), "Budget (EUR)", true))
                    }
                    div class="date-input" {
                        (short(v, &format!("fund{i}"), "Funded by", false))
                        (short(v, &format!("fundamt{i}"), "Amount (EUR)", true))
                        (select(v, &format!("secured{i}"), "Secured?", &secured, "no"))
                    }
                    div class="date-input" {
                        (short(v, &format!("kpi{i}"), "Indicator (KPI)", false))
                        (short(v, &format!("kpiunit{i}"), "Unit", false))
                        (short(v, &format!("kpibase{i}"), "Now", true))
                        (short(v, &format!("kpitarget{i}"), "Target", true))
                    }
                    div class="date-input" {
                        (short(v, &format!("risk{i}"), "Risk", false))
                        (select(v, &format!("likely{i}"), "Likelihood", &ratings, "medium"))
                        (select(v, &format!("impact{i}"), "Impact", &ratings, "medium"))
                        (short(v, &format!("mitig{i}"), "What you will do about it", false))
                    }
                }
            }
        }
    }
}

/// How many rows to show: [`ROWS`], or more when a stored plan has more.
fn rows(v: &Values) -> usize {
    super::row_count(ROWS, |i| !v.blank(&TYPED.map(|f| format!("{f}{i}"))))
}
