//! Invariants, checked on random documents.

use std::collections::BTreeMap;

use chrono::Days;
use proptest::prelude::*;
use rust_decimal::Decimal;
use twinning_cohort::OutputKind;
use twinning_core::{ActionId, CityId, DateRange, OutputId, StakeholderId};
use twinning_outputs::{
    Action, ActionPlan, CityRef, Dimension, DimensionAssessment, Document, EngagementActivity,
    EngagementLevel, Error, FundingSource, Kpi, Level, OutputBody, OutputContext, ProblemKind,
    Quadrant, Sector, Stakeholder, StakeholderPlan, Stance, TransferabilityAssessment,
};

use crate::{at, day, days, uuid};

const PROGRAMME_START: (i32, u32, u32) = (2026, 9, 1);

fn ctx() -> OutputContext {
    OutputContext::new(crate::no(5), days(day(2026, 9, 1), day(2027, 9, 30)))
}

fn aid(i: usize) -> ActionId {
    ActionId::from_uuid(uuid(1000 + i as u128))
}

/// A random acyclic plan: action `k` (in creation order) may depend only on
/// actions created before it; the actions are then stored in a shuffled order
/// so that document order is not a topological order.
#[derive(Debug, Clone)]
struct PlanSpec {
    /// Per created action: (start offset, duration in days, budget cents, deps as created indices).
    actions: Vec<(u64, u64, i64, Vec<usize>)>,
    /// Storage position of each created action.
    order: Vec<usize>,
}

fn plan_spec(max: usize) -> impl Strategy<Value = PlanSpec> {
    (1..=max)
        .prop_flat_map(|n| {
            let actions = (0..n)
                .map(|k| {
                    (
                        0u64..300,
                        1u64..60,
                        0i64..10_000_000,
                        proptest::collection::vec(any::<bool>(), k),
                    )
                        .prop_map(|(s, d, c, mask)| {
                            let deps = mask
                                .iter()
                                .enumerate()
                                .filter(|(_, b)| **b)
                                .map(|(i, _)| i)
                                .collect();
                            (s, d, c, deps)
                        })
                })
                .collect::<Vec<_>>();
            (actions, Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        })
        .prop_map(|(actions, order)| PlanSpec { actions, order })
}

fn build(spec: &PlanSpec) -> ActionPlan {
    let start = day(PROGRAMME_START.0, PROGRAMME_START.1, PROGRAMME_START.2);
    let mut slots: Vec<Option<Action>> = vec![None; spec.actions.len()];
    for (k, (offset, duration, cents, deps)) in spec.actions.iter().enumerate() {
        let from = start.checked_add_days(Days::new(*offset)).unwrap();
        let to = from.checked_add_days(Days::new(duration - 1)).unwrap();
        slots[spec.order[k]] = Some(Action {
            id: aid(k),
            title: format!("Action {k}"),
            owner: "Owner".into(),
            period: DateRange::new(from, to).unwrap(),
            budget_eur: Decimal::new(*cents, 2),
            funding: vec![FundingSource {
                name: "Municipal budget".into(),
                amount_eur: Decimal::new(cents / 2, 2),
                secured: k % 2 == 0,
            }],
            kpis: vec![Kpi {
                name: "Done".into(),
                unit: "%".into(),
                baseline: Decimal::ZERO,
                target: Decimal::ONE_HUNDRED,
            }],
            risks: vec![],
            depends_on: deps.iter().map(|&d| aid(d)).collect(),
        });
    }
    ActionPlan { joint_with: vec![], actions: slots.into_iter().map(Option::unwrap).collect() }
}

fn document(body: OutputBody) -> Document {
    let mut d = Document::starter(
        body.kind(),
        OutputId::from_uuid(uuid(7)),
        CityRef::new(CityId::from_uuid(uuid(8)), "Kalamata"),
        &ctx(),
        at("2026-09-15T10:00:00+02:00"),
    );
    d.body = body;
    d
}

/// Whether `b` directly depends on `a` in `plan`.
fn depends(plan: &ActionPlan, b: ActionId, a: ActionId) -> bool {
    plan.actions.iter().any(|x| x.id == b && x.depends_on.contains(&a))
}

/// Longest chain of durations ending at each action, by plain recursion over
/// `depends_on` (independent of the crate's graph code).
fn longest(plan: &ActionPlan) -> u64 {
    fn go(plan: &ActionPlan, id: ActionId, memo: &mut BTreeMap<ActionId, u64>) -> u64 {
        if let Some(v) = memo.get(&id) {
            return *v;
        }
        let a = plan.actions.iter().find(|a| a.id == id).unwrap();
        let own = (a.period.end() - a.period.start()).num_days() as u64 + 1;
        let before = a.depends_on.iter().map(|d| go(plan, *d, memo)).max().unwrap_or(0);
        memo.insert(id, own + before);
        own + before
    }
    let mut memo = BTreeMap::new();
    plan.actions.iter().map(|a| go(plan, a.id, &mut memo)).max().unwrap_or(0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn acyclic_plans_get_an_order_that_respects_every_dependency(spec in plan_spec(12)) {
        let plan = build(&spec);
        let s = plan.schedule().unwrap();
        let position: BTreeMap<ActionId, usize> =
            s.order.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        prop_assert_eq!(position.len(), plan.actions.len());
        for a in &plan.actions {
            for d in &a.depends_on {
                prop_assert!(position[d] < position[&a.id], "{} before {}", d, a.id);
            }
        }
        // The critical path is a chain of dependencies whose length is the
        // longest chain of durations.
        for pair in s.critical_path.windows(2) {
            prop_assert!(depends(&plan, pair[1], pair[0]));
        }
        prop_assert_eq!(s.critical_path_days, longest(&plan));
        let no_cycle = document(OutputBody::ActionPlan(plan.clone()))
            .validate(&ctx())
            .iter()
            .all(|p| !matches!(p.kind, ProblemKind::DependencyCycle { .. }));
        prop_assert!(no_cycle);
    }

    #[test]
    fn a_back_edge_is_rejected_naming_a_real_cycle(spec in plan_spec(10), pick in any::<prop::sample::Index>()) {
        let mut plan = build(&spec);
        let edges: Vec<(usize, ActionId)> = plan
            .actions
            .iter()
            .enumerate()
            .flat_map(|(i, a)| a.depends_on.iter().map(move |d| (i, *d)))
            .collect();
        prop_assume!(!edges.is_empty());
        // Action i depends on d; make d depend on i as well.
        let (i, d) = edges[pick.index(edges.len())];
        let back = plan.actions[i].id;
        plan.actions.iter_mut().find(|a| a.id == d).unwrap().depends_on.push(back);

        let Err(Error::DependencyCycle { actions }) = plan.schedule() else {
            return Err(TestCaseError::fail("a cyclic plan was scheduled"));
        };
        prop_assert!(actions.len() >= 3);
        prop_assert_eq!(actions.first(), actions.last());
        for pair in actions.windows(2) {
            prop_assert!(depends(&plan, pair[1], pair[0]), "{} -> {} is no dependency", pair[0], pair[1]);
        }
        let problems = document(OutputBody::ActionPlan(plan)).validate(&ctx());
        let named = problems
            .iter()
            .any(|p| matches!(&p.kind, ProblemKind::DependencyCycle { actions: a } if a.len() >= 3));
        prop_assert!(named);
    }

    #[test]
    fn money_sums_never_lose_precision(
        amounts in proptest::collection::vec((-1_000_000_000_000_000i64..1_000_000_000_000_000, 0u32..=4, any::<bool>()), 0..40)
    ) {
        // Each amount is `units` at scale 0–4; the independent sums are over
        // integers at scale 4 (hundredths of a cent).
        let mut actions = Vec::new();
        let (mut total, mut secured) = (0i128, 0i128);
        for (k, (units, scale, is_secured)) in amounts.iter().enumerate() {
            let amount = Decimal::new(*units, *scale);
            let at_scale4 = i128::from(*units) * 10i128.pow(4 - scale);
            total += at_scale4;
            if *is_secured {
                secured += at_scale4;
            }
            actions.push(Action {
                id: aid(k),
                title: String::new(),
                owner: String::new(),
                period: days(day(2026, 9, 1), day(2026, 9, 1)),
                budget_eur: amount,
                funding: vec![FundingSource { name: String::new(), amount_eur: amount, secured: *is_secured }],
                kpis: vec![],
                risks: vec![],
                depends_on: vec![],
            });
        }
        let f = ActionPlan { joint_with: vec![], actions }.funding().unwrap();
        let expect = |v: i128| Decimal::from_i128_with_scale(v, 4);
        prop_assert_eq!(f.total_budget_eur, expect(total));
        prop_assert_eq!(f.secured_eur, expect(secured));
        prop_assert_eq!(f.unsecured_eur, expect(total - secured));
        prop_assert_eq!(f.gap_eur, expect(total - secured));
    }

    #[test]
    fn plans_round_trip_validate_idempotently_and_render(spec in plan_spec(8), title in "\\PC{0,30}", owner in "[a-z |:#]{0,12}") {
        let mut plan = build(&spec);
        plan.actions[0].title = title;
        plan.actions[0].owner = owner;
        let doc = document(OutputBody::ActionPlan(plan));
        let back = Document::from_json(&doc.to_json().unwrap()).unwrap();
        prop_assert_eq!(&back, &doc);
        let report = doc.check(&ctx());
        prop_assert_eq!(&doc.check(&ctx()), &report);
        prop_assert_eq!(&back.check(&ctx()), &report);
        if report.is_valid() {
            let md = doc.to_markdown();
            prop_assert_eq!(&md, &back.to_markdown());
            for i in 1..=doc_actions(&doc) {
                let gantt_line = format!("a{i}, ");
                prop_assert!(md.contains(&gantt_line));
            }
            prop_assert!(md.contains("```mermaid\ngantt"));
        }
    }

    #[test]
    fn assessments_round_trip_and_score_exactly(
        weights in proptest::collection::vec(0u32..=100, 5),
        scores in proptest::collection::vec(proptest::option::of(0u32..=50), 5),
    ) {
        let dims: Vec<DimensionAssessment> = Dimension::ALL
            .into_iter()
            .zip(weights.iter().zip(&scores))
            .map(|(dimension, (w, s))| DimensionAssessment {
                dimension,
                weight: Decimal::new(i64::from(*w), 2),
                score: s.map(|s| Decimal::new(i64::from(s), 1)),
                evidence: vec![],
                enablers: vec![],
                barriers: vec![],
            })
            .collect();
        let a = TransferabilityAssessment { practice: None, dimensions: dims, adaptations: vec![] };
        // Independently, in hundredths × tenths = thousandths.
        let weight_sum: u32 = weights.iter().sum();
        let expected = if weight_sum == 100 && scores.iter().all(Option::is_some) {
            let thousandths: u32 = weights.iter().zip(&scores).map(|(w, s)| w * s.unwrap()).sum();
            Some(Decimal::new(i64::from(thousandths), 3))
        } else {
            None
        };
        prop_assert_eq!(a.evaluate().map(|e| e.weighted_score), expected);
        let doc = document(OutputBody::TransferabilityAssessment(a));
        let problems = doc.validate(&ctx());
        prop_assert_eq!(
            problems.iter().any(|p| matches!(p.kind, ProblemKind::WeightsDoNotSumToOne { .. })),
            weight_sum != 100
        );
        prop_assert_eq!(Document::from_json(&doc.to_json().unwrap()).unwrap(), doc);
    }
}

fn level(high: bool) -> Level {
    if high { Level::High } else { Level::Low }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_grid_partitions_stakeholders_and_key_players_need_an_activity(
        people in proptest::collection::vec((any::<bool>(), any::<bool>()), 0..12),
        activities in proptest::collection::vec((0u64..500, proptest::collection::vec(0usize..14, 0..4)), 0..6),
    ) {
        let sid = |i: usize| StakeholderId::from_uuid(uuid(2000 + i as u128));
        let stakeholders: Vec<Stakeholder> = people
            .iter()
            .enumerate()
            .map(|(i, (power, interest))| Stakeholder {
                id: sid(i),
                name: format!("S{i}"),
                sector: Sector::ALL[i % 4],
                power: level(*power),
                interest: level(*interest),
                current_stance: Stance::Neutral,
                desired_stance: Stance::Supportive,
                engagement: EngagementLevel::Consult,
            })
            .collect();
        let start = day(2026, 9, 1);
        let acts: Vec<EngagementActivity> = activities
            .iter()
            .map(|(offset, who)| EngagementActivity {
                title: "Meeting".into(),
                date: start.checked_add_days(Days::new(*offset)).unwrap(),
                owner: "Climate unit".into(),
                stakeholders: who.iter().map(|&i| sid(i)).collect(),
            })
            .collect();
        let plan = StakeholderPlan { stakeholders, activities: acts };

        // Every stakeholder is in exactly one quadrant.
        let placed: usize = [Quadrant::ManageClosely, Quadrant::KeepSatisfied, Quadrant::KeepInformed, Quadrant::Monitor]
            .into_iter()
            .map(|q| plan.grid(q).count())
            .sum();
        prop_assert_eq!(placed, people.len());

        // Independently: high/high stakeholders that no activity names.
        let named: std::collections::BTreeSet<usize> =
            activities.iter().flat_map(|(_, who)| who.iter().copied()).collect();
        let expected: Vec<String> = people
            .iter()
            .enumerate()
            .filter(|(i, (p, n))| *p && *n && !named.contains(i))
            .map(|(i, _)| format!("stakeholders[{i}]"))
            .collect();
        // Out-of-range indices and dates after the programme are problems too.
        let unknown = activities.iter().flat_map(|(_, who)| who.iter()).filter(|&&i| i >= people.len()).count();
        let late = activities.iter().filter(|(offset, _)| *offset > 394).count(); // 2026-09-01 + 394 days = 2027-09-30

        let doc = document(OutputBody::StakeholderEngagementPlan(plan));
        let problems = doc.validate(&ctx());
        let found: Vec<String> = problems
            .iter()
            .filter(|p| p.kind == ProblemKind::ManageCloselyWithoutActivity)
            .map(|p| p.path.clone())
            .collect();
        prop_assert_eq!(found, expected);
        prop_assert_eq!(problems.iter().filter(|p| matches!(p.kind, ProblemKind::UnknownReference { .. })).count(), unknown);
        prop_assert_eq!(problems.iter().filter(|p| matches!(p.kind, ProblemKind::OutsideProgramme { .. })).count(), late);
        prop_assert_eq!(Document::from_json(&doc.to_json().unwrap()).unwrap(), doc.clone());
        if doc.check(&ctx()).is_valid() {
            prop_assert!(doc.to_markdown().contains("## Power/interest grid"));
        }
    }
}

fn doc_actions(doc: &Document) -> usize {
    match &doc.body {
        OutputBody::ActionPlan(p) => p.actions.len(),
        _ => 0,
    }
}

#[test]
fn every_kind_has_a_starter_body() {
    for kind in OutputKind::ALL {
        assert_eq!(OutputBody::starter(kind).kind(), kind);
    }
}
