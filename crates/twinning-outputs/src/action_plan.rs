use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use twinning_core::{ActionId, DateRange};

use crate::graph::Dependencies;
use crate::money::ExactSum;
use crate::problem::{Problems, duplicates, need_text};
use crate::{CityRef, Error, Missing, OutputContext, Problem, ProblemKind, Reference};

/// The action plan: cohort 1's Replication Plan, cohort 2's Twin Cities Action
/// Plan, cohort 3's Twin City Action Plan and cohort 5's joint Replication or
/// Action Plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ActionPlan {
    /// For a joint plan (cohort 5), the partner cities that wrote it with the owner.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub joint_with: Vec<CityRef>,
    /// The actions.
    pub actions: Vec<Action>,
}

/// One action of the plan.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Its id, referenced by `depends_on`: a short name (`survey`) or a UUID.
    #[serde(deserialize_with = "crate::ids::action")]
    pub id: ActionId,
    /// What is done.
    pub title: String,
    /// Who is responsible (a department, a person).
    pub owner: String,
    /// The days it runs, both included.
    pub period: DateRange,
    /// Its budget in euros.
    #[serde(deserialize_with = "crate::amount::eur")]
    pub budget_eur: Decimal,
    /// Where the money comes from.
    pub funding: Vec<FundingSource>,
    /// How success is measured.
    pub kpis: Vec<Kpi>,
    /// What could go wrong.
    pub risks: Vec<Risk>,
    /// The actions that must end before this one starts.
    #[serde(deserialize_with = "crate::ids::actions")]
    pub depends_on: Vec<ActionId>,
}

/// A source of funding for an action.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FundingSource {
    /// Its name (municipal budget, a programme, a loan).
    pub name: String,
    /// The amount in euros.
    #[serde(deserialize_with = "crate::amount::eur")]
    pub amount_eur: Decimal,
    /// Whether the money is committed (true) or still hoped for (false).
    pub secured: bool,
}

/// A key performance indicator.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    /// What is measured.
    pub name: String,
    /// Its unit (`trips/day`, `%`, `t CO2e`).
    pub unit: String,
    /// The value today.
    #[serde(deserialize_with = "crate::amount::quantity")]
    pub baseline: Decimal,
    /// The value aimed for.
    #[serde(deserialize_with = "crate::amount::quantity")]
    pub target: Decimal,
}

/// Low, medium or high, for risks.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Rating {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}

impl Rating {
    /// Every rating, from low to high.
    pub const ALL: [Rating; 3] = [Rating::Low, Rating::Medium, Rating::High];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Rating::Low => "Low",
            Rating::Medium => "Medium",
            Rating::High => "High",
        }
    }
}

/// A risk to an action and how it is met.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// What could happen.
    pub description: String,
    /// How likely it is.
    pub likelihood: Rating,
    /// How much it would hurt.
    pub impact: Rating,
    /// What the city does about it.
    pub mitigation: String,
}

/// An action that starts on or before the last day of one of its prerequisites.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EarlyStart {
    /// The action.
    pub action: ActionId,
    /// Its first day.
    pub starts: NaiveDate,
    /// The prerequisite it overlaps.
    pub prerequisite: ActionId,
    /// The prerequisite's last day.
    pub prerequisite_ends: NaiveDate,
}

/// The schedule of an acyclic plan.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// Every action, each after all its prerequisites; among actions free to
    /// go next, the earlier one in the document comes first.
    pub order: Vec<ActionId>,
    /// The chain of dependent actions with the largest total duration.
    pub critical_path: Vec<ActionId>,
    /// That total: the sum of the durations (days, both ends counted) of the
    /// actions on the critical path — the fewest days the plan needs if every
    /// action starts the day after its last prerequisite ends.
    pub critical_path_days: u64,
    /// Actions that start on or before the last day of a prerequisite.
    pub early_starts: Vec<EarlyStart>,
    /// From the first action's start to the last action's end (`None` for an empty plan).
    pub span: Option<DateRange>,
}

/// The money of a plan, summed exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FundingSummary {
    /// Sum of the action budgets.
    #[serde(deserialize_with = "crate::amount::eur")]
    pub total_budget_eur: Decimal,
    /// Sum of the secured funding.
    #[serde(deserialize_with = "crate::amount::eur")]
    pub secured_eur: Decimal,
    /// Sum of the funding not yet secured.
    #[serde(deserialize_with = "crate::amount::eur")]
    pub unsecured_eur: Decimal,
    /// Total budget minus secured funding: what is still to be found
    /// (negative when more is secured than budgeted).
    #[serde(deserialize_with = "crate::amount::eur")]
    pub gap_eur: Decimal,
}

/// The result of resolving `depends_on` ids into indices.
struct Resolved {
    edges: Vec<(usize, usize)>,
    unknown: Vec<(String, ActionId)>,
    duplicates: Vec<(ActionId, usize, usize)>,
}

impl ActionPlan {
    fn resolve(&self) -> Resolved {
        let mut index = BTreeMap::new();
        let mut duplicates = Vec::new();
        for (i, a) in self.actions.iter().enumerate() {
            if let Some(&first) = index.get(&a.id) {
                duplicates.push((a.id, first, i));
            } else {
                index.insert(a.id, i);
            }
        }
        let mut edges = Vec::new();
        let mut unknown = Vec::new();
        for (i, a) in self.actions.iter().enumerate() {
            for (j, dep) in a.depends_on.iter().enumerate() {
                match index.get(dep) {
                    Some(&p) => edges.push((p, i)),
                    None => unknown.push((format!("actions[{i}].depends_on[{j}]"), *dep)),
                }
            }
        }
        Resolved { edges, unknown, duplicates }
    }

    fn id_at(&self, i: usize) -> Option<ActionId> {
        self.actions.get(i).map(|a| a.id)
    }

    /// The topological order, critical path and early starts.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateAction`] when two actions share an id,
    /// [`Error::UnknownAction`] when an action depends on an id that is not in
    /// the plan, [`Error::DependencyCycle`] naming the actions on a cycle.
    pub fn schedule(&self) -> Result<Schedule, Error> {
        let resolved = self.resolve();
        if let Some(&(id, first, second)) = resolved.duplicates.first() {
            return Err(Error::DuplicateAction { id, first, second });
        }
        if let Some((path, id)) = resolved.unknown.into_iter().next() {
            return Err(Error::UnknownAction { path, id });
        }
        let graph = Dependencies::new(self.actions.len(), resolved.edges.iter().copied());
        let Some(order) = graph.topological() else {
            let cycle = graph.cycles().into_iter().next().unwrap_or_default();
            return Err(Error::DependencyCycle {
                actions: cycle.iter().filter_map(|&i| self.id_at(i)).collect(),
            });
        };

        // Earliest finish (in days) of each action if it starts right after its
        // prerequisites, and the prerequisite that decides it.
        let n = self.actions.len();
        let mut finish = vec![0u64; n];
        let mut via: Vec<Option<usize>> = vec![None; n];
        for &v in &order {
            let mut best: Option<(u64, usize)> = None;
            for p in graph.predecessors(v) {
                let f = finish.get(p).copied().unwrap_or(0);
                if best.is_none_or(|(bf, _)| f > bf) {
                    best = Some((f, p));
                }
            }
            let own = self.actions.get(v).map_or(0, |a| a.period.days());
            if let Some(slot) = finish.get_mut(v) {
                *slot = best.map_or(0, |(f, _)| f).saturating_add(own);
            }
            if let Some(slot) = via.get_mut(v) {
                *slot = best.map(|(_, p)| p);
            }
        }
        let mut end: Option<(u64, usize)> = None;
        for (v, &f) in finish.iter().enumerate() {
            if end.is_none_or(|(bf, _)| f > bf) {
                end = Some((f, v));
            }
        }
        let mut critical_path = Vec::new();
        let critical_path_days = end.map_or(0, |(f, _)| f);
        let mut cursor = end.map(|(_, v)| v);
        while let Some(v) = cursor {
            critical_path.extend(self.id_at(v));
            cursor = via.get(v).copied().flatten();
        }
        critical_path.reverse();

        let mut early_starts = Vec::new();
        let mut edges = resolved.edges;
        edges.sort_by_key(|&(p, v)| (v, p));
        edges.dedup();
        for (p, v) in edges {
            if let (Some(pre), Some(act)) = (self.actions.get(p), self.actions.get(v))
                && act.period.start() <= pre.period.end()
            {
                early_starts.push(EarlyStart {
                    action: act.id,
                    starts: act.period.start(),
                    prerequisite: pre.id,
                    prerequisite_ends: pre.period.end(),
                });
            }
        }
        let span = self.actions.iter().map(|a| a.period).reduce(|a, b| a.span(&b));
        Ok(Schedule {
            order: order.into_iter().filter_map(|i| self.id_at(i)).collect(),
            critical_path,
            critical_path_days,
            early_starts,
            span,
        })
    }

    /// Total budget, secured and unsecured funding and the funding gap, all
    /// summed exactly.
    ///
    /// # Errors
    ///
    /// [`Error::MoneyOverflow`] naming the amount at which a sum could no
    /// longer be represented exactly.
    pub fn funding(&self) -> Result<FundingSummary, Error> {
        let overflow = |path: String| Error::MoneyOverflow { path };
        let mut total = ExactSum::default();
        let mut secured = ExactSum::default();
        let mut unsecured = ExactSum::default();
        for (i, a) in self.actions.iter().enumerate() {
            total = total
                .add(a.budget_eur)
                .ok_or_else(|| overflow(format!("actions[{i}].budget_eur")))?;
            for (j, f) in a.funding.iter().enumerate() {
                let sum = if f.secured { &mut secured } else { &mut unsecured };
                *sum = sum
                    .add(f.amount_eur)
                    .ok_or_else(|| overflow(format!("actions[{i}].funding[{j}].amount_eur")))?;
            }
        }
        let value = |s: ExactSum| s.value().ok_or_else(|| overflow("actions".to_owned()));
        let secured_eur = value(secured)?;
        let gap = total.sub(secured_eur).ok_or_else(|| overflow("actions".to_owned()))?;
        Ok(FundingSummary {
            total_budget_eur: value(total)?,
            secured_eur,
            unsecured_eur: value(unsecured)?,
            gap_eur: value(gap)?,
        })
    }

    pub(crate) fn validate(&self, ctx: &OutputContext, problems: &mut Problems) {
        duplicates(
            problems,
            self.actions.iter().enumerate().map(|(i, a)| (format!("actions[{i}].id"), a.id)),
        );
        let resolved = self.resolve();
        for (path, id) in &resolved.unknown {
            problems.push(Problem::error(
                path.clone(),
                id,
                ProblemKind::UnknownReference { reference: Reference::Action },
            ));
        }
        let graph = Dependencies::new(self.actions.len(), resolved.edges.iter().copied());
        for cycle in graph.cycles() {
            let titles: Vec<&str> = cycle
                .iter()
                .filter_map(|&i| self.actions.get(i).map(|a| a.title.as_str()))
                .collect();
            let first = cycle.first().copied().unwrap_or(0);
            problems.push(Problem::error(
                format!("actions[{first}].depends_on"),
                titles.join(" -> "),
                ProblemKind::DependencyCycle {
                    actions: cycle.iter().filter_map(|&i| self.id_at(i)).collect(),
                },
            ));
        }
        for (i, a) in self.actions.iter().enumerate() {
            if a.period.start() < ctx.programme.start() {
                problems.push(Problem::error(
                    format!("actions[{i}].period"),
                    a.period,
                    ProblemKind::OutsideProgramme { programme: ctx.programme },
                ));
            }
            problems.money(format!("actions[{i}].budget_eur"), a.budget_eur);
            for (j, f) in a.funding.iter().enumerate() {
                problems.money(format!("actions[{i}].funding[{j}].amount_eur"), f.amount_eur);
            }
            for (j, k) in a.kpis.iter().enumerate() {
                if k.target == k.baseline {
                    problems.push(Problem::warning(
                        format!("actions[{i}].kpis[{j}].target"),
                        k.target,
                        ProblemKind::TargetEqualsBaseline,
                    ));
                }
            }
        }
        let mut edges = resolved.edges;
        edges.sort_by_key(|&(p, v)| (v, p));
        edges.dedup();
        for (p, v) in edges {
            if let (Some(pre), Some(act)) = (self.actions.get(p), self.actions.get(v))
                && p != v
                && act.period.start() <= pre.period.end()
            {
                let j = act.depends_on.iter().position(|d| *d == pre.id).unwrap_or(0);
                problems.push(Problem::warning(
                    format!("actions[{v}].depends_on[{j}]"),
                    act.period.start(),
                    ProblemKind::StartsBeforePrerequisiteEnds {
                        prerequisite: pre.id,
                        prerequisite_ends: pre.period.end(),
                    },
                ));
            }
        }
        if let Err(Error::MoneyOverflow { path }) = self.funding() {
            problems.push(Problem::error(path, "overflow", ProblemKind::MoneyOverflow));
        }
    }

    pub(crate) fn missing(&self, missing: &mut Vec<Missing>) {
        if self.actions.is_empty() {
            missing.push(Missing::new("actions", "at least one action"));
        }
        for (i, a) in self.actions.iter().enumerate() {
            need_text(missing, format!("actions[{i}].title"), &a.title, "a title");
            need_text(missing, format!("actions[{i}].owner"), &a.owner, "an owner");
            if a.funding.is_empty() {
                missing.push(Missing::new(
                    format!("actions[{i}].funding"),
                    "at least one funding source",
                ));
            }
            for (j, f) in a.funding.iter().enumerate() {
                need_text(missing, format!("actions[{i}].funding[{j}].name"), &f.name, "a name");
            }
            if a.kpis.is_empty() {
                missing.push(Missing::new(format!("actions[{i}].kpis"), "at least one KPI"));
            }
            for (j, k) in a.kpis.iter().enumerate() {
                need_text(missing, format!("actions[{i}].kpis[{j}].name"), &k.name, "a name");
            }
            for (j, r) in a.risks.iter().enumerate() {
                need_text(
                    missing,
                    format!("actions[{i}].risks[{j}].mitigation"),
                    &r.mitigation,
                    "a mitigation",
                );
            }
        }
        if !self.actions.is_empty() && self.actions.iter().all(|a| a.risks.is_empty()) {
            missing.push(Missing::new("actions[].risks", "at least one risk in the plan"));
        }
    }
}
