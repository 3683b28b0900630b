//! The stakeholder engagement plan: up to [`STAKEHOLDERS`] stakeholders
//! (sector, power, interest, stance now and sought, engagement) and up to
//! [`ACTIVITIES`] engagement activities, each ticking the stakeholders it
//! engages.

use maud::{Markup, html};
use twinning_cohort::OutputKind;
use twinning_core::{StakeholderId, Uuid};
use twinning_outputs::{
    EngagementActivity, EngagementLevel, Level, OutputBody, PathStep, Sector, Stakeholder,
    StakeholderPlan, Stance,
};

use super::{
    Found, OutputForm, Place, Values, checks, choice, date, key, need_day, options, select, short,
};

/// How many stakeholder rows the form offers (one for each sector and two
/// more).
const STAKEHOLDERS: usize = 6;
/// How many activity rows the form offers.
const ACTIVITIES: usize = 4;

/// The stakeholder plan's form.
pub(crate) struct Form;

/// The id of the stakeholder in row `i`.
fn id(i: usize) -> StakeholderId {
    StakeholderId::from_uuid(Uuid::from_u128(
        u128::try_from(i).unwrap_or_default().saturating_add(1),
    ))
}

/// Whether stakeholder row `i` is filled in (it has a name).
fn named(v: &Values, i: usize) -> bool {
    !v.get(&format!("sname{i}")).is_empty()
}

/// The names of activity row `j`'s typed fields.
fn activity_fields(v: &Values, j: usize) -> Vec<String> {
    let mut names = vec![format!("atitle{j}"), format!("adate{j}"), format!("aowner{j}")];
    names.extend((0..stakeholder_rows(v)).map(|i| format!("a{j}s{i}")));
    names
}

/// How many stakeholder rows to show: [`STAKEHOLDERS`], or as many as a
/// stored plan has.
fn stakeholder_rows(v: &Values) -> usize {
    super::row_count(STAKEHOLDERS, |i| named(v, i))
}

/// How many activity rows to show: [`ACTIVITIES`], or as many as a stored
/// plan has.
fn activity_rows(v: &Values) -> usize {
    super::row_count(ACTIVITIES, |j| !v.blank(&activity_fields(v, j)))
}

impl OutputForm for Form {
    const KIND: OutputKind = OutputKind::StakeholderEngagementPlan;
    const NOUN: &'static str = "the plan";

    fn intro() -> Markup {
        html! {
            p { "Name the people and organisations who matter to your plans, at least one from each sector, and say where each stands now and where you want them. Power and interest place each one on the power/interest grid: those with high power and high interest must be engaged by at least one activity." }
            p { "Then list the activities that engage them, with a date such as 2026-10-01 and who is responsible, and tick the stakeholders each one engages. Leave a row empty if you need fewer." }
        }
    }

    fn values(body: &OutputBody) -> Values {
        let mut v = Values::default();
        let OutputBody::StakeholderEngagementPlan(plan) = body else { return v };
        for (i, s) in plan.stakeholders.iter().enumerate() {
            v.set(format!("sname{i}"), s.name.clone());
            v.set(format!("sector{i}"), key(&s.sector));
            v.set(format!("power{i}"), key(&s.power));
            v.set(format!("interest{i}"), key(&s.interest));
            v.set(format!("now{i}"), key(&s.current_stance));
            v.set(format!("want{i}"), key(&s.desired_stance));
            v.set(format!("engage{i}"), key(&s.engagement));
        }
        for (j, a) in plan.activities.iter().enumerate() {
            v.set(format!("atitle{j}"), a.title.clone());
            v.set(format!("adate{j}"), a.date.to_string());
            v.set(format!("aowner{j}"), a.owner.clone());
            for (i, s) in plan.stakeholders.iter().enumerate() {
                if a.stakeholders.contains(&s.id) {
                    v.set(format!("a{j}s{i}"), "yes");
                }
            }
        }
        v
    }

    fn body(v: &Values, found: &mut Found) -> OutputBody {
        let stakeholders = (0..stakeholder_rows(v))
            .filter(|i| named(v, *i))
            .map(|i| Stakeholder {
                id: id(i),
                name: v.get(&format!("sname{i}")).to_owned(),
                sector: choice(v, &format!("sector{i}")).unwrap_or(Sector::Public),
                power: choice(v, &format!("power{i}")).unwrap_or(Level::Low),
                interest: choice(v, &format!("interest{i}")).unwrap_or(Level::Low),
                current_stance: choice(v, &format!("now{i}")).unwrap_or(Stance::Neutral),
                desired_stance: choice(v, &format!("want{i}")).unwrap_or(Stance::Supportive),
                engagement: choice(v, &format!("engage{i}")).unwrap_or(EngagementLevel::Inform),
            })
            .collect();
        let mut activities = Vec::new();
        for j in (0..activity_rows(v)).filter(|j| !v.blank(&activity_fields(v, *j))) {
            let place = format!("Activity {}", j.saturating_add(1));
            let mut engaged = Vec::new();
            for i in (0..stakeholder_rows(v)).filter(|i| v.ticked(&format!("a{j}s{i}"))) {
                if named(v, i) {
                    engaged.push(id(i));
                } else {
                    found.add(
                        format!("a{j}s{i}"),
                        format!(
                            "{place}: stakeholder {} has no name; name them or untick them.",
                            i.saturating_add(1)
                        ),
                    );
                }
            }
            if let Some(day) = need_day(v, &format!("adate{j}"), (&place, "the date"), found) {
                activities.push(EngagementActivity {
                    title: v.get(&format!("atitle{j}")).to_owned(),
                    date: day,
                    owner: v.get(&format!("aowner{j}")).to_owned(),
                    stakeholders: engaged,
                });
            }
        }
        OutputBody::StakeholderEngagementPlan(StakeholderPlan { stakeholders, activities })
    }

    fn place(steps: &[PathStep<'_>], v: &Values) -> Place {
        let first = steps.first().map(|s| (s.field, s.index));
        let then = steps.get(1).map(|s| (s.field, s.index));
        match (first, then) {
            (Some(("stakeholders", Some(k))), _) => {
                let i = super::row_of(k, |i| named(v, i));
                Place::new(format!("sname{i}"), format!("stakeholder {}", i.saturating_add(1)))
            }
            (Some(("stakeholders", None)), _) => {
                // A sector nobody comes from: the first row free to name one.
                let free = (0..stakeholder_rows(v)).find(|i| !named(v, *i)).unwrap_or(0);
                Place::new(format!("sname{free}"), "the stakeholders")
            }
            (Some(("activities", Some(k))), field) => {
                let j = super::row_of(k, |j| !v.blank(&activity_fields(v, j)));
                let words = format!("activity {}", j.saturating_add(1));
                let field = match field {
                    Some(("date", _)) => format!("adate{j}"),
                    Some(("owner", _)) => format!("aowner{j}"),
                    Some(("stakeholders", _)) => format!("a{j}s0"),
                    _ => format!("atitle{j}"),
                };
                Place::new(field, words)
            }
            (Some(("activities", None)), _) => Place::new("atitle0", "the activities"),
            _ => Place::new("sname0", "the plan"),
        }
    }

    fn fields(v: &Values) -> Markup {
        let sectors = options(&Sector::ALL, Sector::label);
        let levels = options(&Level::ALL, Level::label);
        let stances = options(&Stance::ALL, Stance::label);
        let engagements = options(&EngagementLevel::ALL, EngagementLevel::label);
        html! {
            h2 { "Stakeholders" }
            @for i in 0..stakeholder_rows(v) {
                fieldset class="action-row" {
                    legend { h3 { "Stakeholder " (i + 1) } }
                    (super::text(v, &format!("sname{i}"), "Who"))
                    div class="date-input" {
                        (select(v, &format!("sector{i}"), "Sector", &sectors, "public"))
                        (select(v, &format!("power{i}"), "Power over your plans", &levels, "low"))
                        (select(v, &format!("interest{i}"), "Interest in them", &levels, "low"))
                    }
                    div class="date-input" {
                        (select(v, &format!("now{i}"), "Stands now", &stances, "neutral"))
                        (select(v, &format!("want{i}"), "Where you want them", &stances, "supportive"))
                        (select(v, &format!("engage{i}"), "How you involve them", &engagements, "inform"))
                    }
                }
            }
            h2 { "Engagement activities" }
            @for j in 0..activity_rows(v) {
                fieldset class="action-row" {
                    legend { h3 { "Activity " (j + 1) } }
                    (super::text(v, &format!("atitle{j}"), "What happens"))
                    div class="date-input" {
                        (date(v, &format!("adate{j}"), "When"))
                        (short(v, &format!("aowner{j}"), "Who is responsible", false))
                    }
                    (checks(v, "The stakeholders it engages", &(0..stakeholder_rows(v)).map(|i| {
                        let name = v.get(&format!("sname{i}"));
                        let label = if name.is_empty() { format!("Stakeholder {}", i + 1) } else { format!("Stakeholder {}: {name}", i + 1) };
                        (format!("a{j}s{i}"), label)
                    }).collect::<Vec<_>>()))
                }
            }
        }
    }
}
