//! Worked examples from the cohort pages (seed 004 for cohort 3).
//!
//! Cohort 3 (seed 004): kick-off in December 2024, 18 months, five
//! outputs; the programme end is INFERRED (≈ mid-2026), so the examples use
//! 1 December 2024 to 31 May 2026. The cohort 3 twin list was not found, so
//! the Twin City and its practices are illustrative; the peer is one of the
//! cohort-2 Pilot Cities cohort 3 drew on (Trondheim). Every expected number
//! is worked out by hand in the comments next to it.

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use twinning_cohort::OutputKind;
use twinning_core::{
    ActionId, ActivityId, CityId, DocumentError, LearningGoalId, MilestoneId, OutputId, PracticeId,
    Slug, StakeholderId,
};
use twinning_outputs::{
    Action, ActionPlan, Adaptation, AudienceGroup, CityRef, Dimension, DimensionAssessment,
    Document, EngagementActivity, EngagementLevel, Error, FundingSource, InfoSession, Kpi,
    LearningPriority, LearningRoadmap, Level, OutputBody, OutputContext, PracticeRef, ProblemKind,
    Quadrant, Rating, Reference, Risk, RoadmapActivity, RoadmapActivityKind, RoadmapMilestone,
    Sector, Severity, Stakeholder, StakeholderPlan, Stance, Status, Topic, Transferability,
    TransferabilityAssessment,
};
use twinning_profile::Theme;

use crate::{at, day, days, dec, uuid};

fn cohort3() -> OutputContext {
    OutputContext::new(crate::no(3), days(day(2024, 12, 1), day(2026, 5, 31)))
}

fn twin() -> CityRef {
    CityRef::new(CityId::from_uuid(uuid(0xC3)), "Example Twin City")
}

fn trondheim() -> CityRef {
    CityRef::new(CityId::from_slug(&"trondheim".parse::<Slug>().unwrap()), "Trondheim")
}

fn envelope(kind: OutputKind, n: u128, body: OutputBody) -> Document {
    let mut d = Document::starter(
        kind,
        OutputId::from_uuid(uuid(n)),
        twin(),
        &cohort3(),
        at("2025-01-20T10:00:00+01:00"),
    );
    d.body = body;
    d
}

fn practice(n: u128, name: &str) -> PracticeRef {
    PracticeRef { id: PracticeId::from_uuid(uuid(n)), name: name.into(), city: trondheim() }
}

// ---------------------------------------------------------------- roadmap

fn roadmap() -> Document {
    let mobility = LearningGoalId::from_uuid(uuid(101));
    let engagement = LearningGoalId::from_uuid(uuid(102));
    let funding = LearningGoalId::from_uuid(uuid(103));
    let bikes = practice(201, "Shared e-mobility pilot");
    let forum = practice(202, "Climate stakeholder forum");
    let mut n = 300;
    let mut act = |kind, title: &str, from, to, ps: Vec<LearningGoalId>, xs: Vec<PracticeId>| {
        n += 1;
        RoadmapActivity {
            id: ActivityId::from_uuid(uuid(n)),
            kind,
            title: title.into(),
            dates: days(from, to),
            priorities: ps,
            practices: xs,
        }
    };
    // Seed 004: one kick-off, three info seminars, two workshops, three site
    // visits (twice to the Pilot City, hosting it once), four thematic sessions.
    let activities = vec![
        act(
            RoadmapActivityKind::KickOff,
            "Kick-off event",
            day(2024, 12, 10),
            day(2024, 12, 10),
            vec![mobility, engagement, funding],
            vec![],
        ),
        act(
            RoadmapActivityKind::InfoSeminar,
            "NetZeroCities Portal",
            day(2025, 1, 28),
            day(2025, 1, 28),
            vec![funding],
            vec![],
        ),
        act(
            RoadmapActivityKind::InfoSeminar,
            "Activating Your Local Ecosystem",
            day(2025, 2, 25),
            day(2025, 2, 25),
            vec![engagement],
            vec![forum.id],
        ),
        act(
            RoadmapActivityKind::InfoSeminar,
            "EU Funding & Innovative Financing",
            day(2025, 3, 25),
            day(2025, 3, 25),
            vec![funding],
            vec![],
        ),
        act(
            RoadmapActivityKind::Workshop,
            "Workshop 1: Defining Your Learning Roadmap",
            day(2025, 2, 11),
            day(2025, 2, 11),
            vec![mobility, engagement, funding],
            vec![],
        ),
        act(
            RoadmapActivityKind::Workshop,
            "Workshop 2: Governance & Stakeholder Engagement",
            day(2025, 4, 8),
            day(2025, 4, 8),
            vec![engagement],
            vec![forum.id],
        ),
        act(
            RoadmapActivityKind::SiteVisit,
            "Visit to Trondheim (1)",
            day(2025, 5, 20),
            day(2025, 5, 21),
            vec![mobility],
            vec![bikes.id],
        ),
        act(
            RoadmapActivityKind::SiteVisit,
            "Hosting Trondheim",
            day(2025, 10, 7),
            day(2025, 10, 8),
            vec![engagement],
            vec![forum.id],
        ),
        act(
            RoadmapActivityKind::SiteVisit,
            "Visit to Trondheim (2)",
            day(2026, 3, 10),
            day(2026, 3, 11),
            vec![mobility, funding],
            vec![bikes.id],
        ),
        act(
            RoadmapActivityKind::ThematicSession,
            "Thematic session: mobility",
            day(2025, 6, 17),
            day(2025, 6, 17),
            vec![mobility],
            vec![bikes.id],
        ),
        act(
            RoadmapActivityKind::ThematicSession,
            "Thematic session: engagement",
            day(2025, 9, 16),
            day(2025, 9, 16),
            vec![engagement],
            vec![],
        ),
        act(
            RoadmapActivityKind::ThematicSession,
            "Thematic session: finance",
            day(2025, 11, 18),
            day(2025, 11, 18),
            vec![funding],
            vec![],
        ),
        act(
            RoadmapActivityKind::ThematicSession,
            "Thematic session: replication",
            day(2026, 2, 17),
            day(2026, 2, 17),
            vec![mobility],
            vec![],
        ),
    ];
    let body = LearningRoadmap {
        priorities: vec![
            LearningPriority {
                id: mobility,
                theme: Theme::Mobility,
                objective: "Launch a shared e-bike pilot linked to the railway station".into(),
                questions: vec!["How were docking sites chosen?".into()],
            },
            LearningPriority {
                id: engagement,
                theme: Theme::CitizenEngagement,
                objective: "Set up a standing climate stakeholder forum".into(),
                questions: vec!["Who chairs it, and how often does it meet?".into()],
            },
            LearningPriority {
                id: funding,
                theme: Theme::FinanceAndFunding,
                objective: "Find co-funding for the pilot".into(),
                questions: vec!["Which EU calls fit a pilot of this size?".into()],
            },
        ],
        practices: vec![bikes, forum],
        activities,
        milestones: vec![
            RoadmapMilestone {
                id: MilestoneId::from_uuid(uuid(401)),
                title: "Milestone 1: roadmap agreed".into(),
                date: day(2025, 3, 31),
            },
            RoadmapMilestone {
                id: MilestoneId::from_uuid(uuid(402)),
                title: "Milestone 2: action plan drafted".into(),
                date: day(2026, 4, 30),
            },
        ],
    };
    envelope(OutputKind::LearningRoadmap, 1, OutputBody::LearningRoadmap(body))
}

#[test]
fn cohort3_roadmap_follows_the_activity_structure_and_is_ready() {
    let doc = roadmap();
    let OutputBody::LearningRoadmap(r) = &doc.body else { unreachable!() };
    let count = |k| r.activities.iter().filter(|a| a.kind == k).count();
    // Seed 004: 1 kick-off + 3 seminars + 2 workshops + 3 site visits + 4 sessions = 13.
    assert_eq!(r.activities.len(), 13);
    assert_eq!(
        [
            count(RoadmapActivityKind::KickOff),
            count(RoadmapActivityKind::InfoSeminar),
            count(RoadmapActivityKind::Workshop),
            count(RoadmapActivityKind::SiteVisit),
            count(RoadmapActivityKind::ThematicSession)
        ],
        [1, 3, 2, 3, 4]
    );
    // "two milestones" (seed 004).
    assert_eq!(r.milestones.len(), 2);
    let report = doc.check(&cohort3());
    assert_eq!(report.problems, vec![]);
    assert_eq!(report.missing, vec![]);
    assert_eq!(doc.title, "Twinning Learning Roadmap");
}

#[test]
fn roadmap_problems_name_path_and_value() {
    let mut doc = roadmap();
    let OutputBody::LearningRoadmap(r) = &mut doc.body else { unreachable!() };
    r.activities[6].dates = days(day(2026, 6, 2), day(2026, 6, 3)); // after the programme
    r.activities[6].priorities.push(LearningGoalId::from_uuid(uuid(999)));
    r.milestones[1].date = day(2024, 11, 30); // before it
    let problems = doc.validate(&cohort3());
    let found: Vec<(&str, &str)> =
        problems.iter().map(|p| (p.path.as_str(), p.value.as_str())).collect();
    assert_eq!(
        found,
        [
            ("activities[6].dates", "2026-06-02 to 2026-06-03"),
            ("activities[6].priorities[1]", "00000000-0000-0000-0000-0000000003e7"),
            ("milestones[1].date", "2024-11-30"),
        ]
    );
    assert_eq!(
        problems[1].kind,
        ProblemKind::UnknownReference { reference: Reference::LearningPriority }
    );
}

#[test]
fn practices_are_checked_against_known_ones_when_the_context_lists_them() {
    let doc = roadmap();
    let ctx = cohort3().with_known_practices([PracticeId::from_uuid(uuid(201))]);
    let problems = doc.validate(&ctx);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].path, "practices[1].id");
}

// ------------------------------------------------------------ stakeholders

fn stakeholder(n: u128, name: &str, sector: Sector, power: Level, interest: Level) -> Stakeholder {
    Stakeholder {
        id: StakeholderId::from_uuid(uuid(n)),
        name: name.into(),
        sector,
        power,
        interest,
        current_stance: Stance::Neutral,
        desired_stance: Stance::Supportive,
        engagement: EngagementLevel::Consult,
    }
}

fn stakeholder_plan() -> Document {
    use Level::{High, Low};
    let mut mayor = stakeholder(501, "Mayor's office", Sector::Public, High, High);
    mayor.current_stance = Stance::Supportive;
    mayor.engagement = EngagementLevel::Collaborate;
    let transport = stakeholder(502, "Regional transport authority", Sector::Public, High, Low);
    let cyclists = stakeholder(503, "Cycling association", Sector::CivilSociety, Low, High);
    let university = stakeholder(504, "Local university", Sector::Academia, Low, High);
    let mut shops = stakeholder(505, "Chamber of commerce", Sector::Private, Low, Low);
    shops.current_stance = Stance::Resisting;
    shops.desired_stance = Stance::Neutral;
    shops.engagement = EngagementLevel::Inform;
    let activity = |title: &str, date, owner: &str, who: Vec<&Stakeholder>| EngagementActivity {
        title: title.into(),
        date,
        owner: owner.into(),
        stakeholders: who.into_iter().map(|s| s.id).collect(),
    };
    let activities = vec![
        activity("Steering group", day(2025, 3, 5), "Climate unit", vec![&mayor, &transport]),
        activity(
            "Co-design workshop",
            day(2025, 6, 3),
            "Mobility department",
            vec![&cyclists, &university],
        ),
        activity("Business newsletter", day(2025, 9, 1), "Economic development", vec![&shops]),
    ];
    let body = StakeholderPlan {
        stakeholders: vec![mayor, transport, cyclists, university, shops],
        activities,
    };
    envelope(OutputKind::StakeholderEngagementPlan, 2, OutputBody::StakeholderEngagementPlan(body))
}

#[test]
fn stakeholders_land_in_the_mendelow_quadrants() {
    let doc = stakeholder_plan();
    let OutputBody::StakeholderEngagementPlan(p) = &doc.body else { unreachable!() };
    let names = |q| p.grid(q).map(|s| s.name.as_str()).collect::<Vec<_>>();
    // Mendelow (1981): high/high manage closely, high/low keep satisfied, low/high keep
    // informed, low/low monitor.
    assert_eq!(names(Quadrant::ManageClosely), ["Mayor's office"]);
    assert_eq!(names(Quadrant::KeepSatisfied), ["Regional transport authority"]);
    assert_eq!(names(Quadrant::KeepInformed), ["Cycling association", "Local university"]);
    assert_eq!(names(Quadrant::Monitor), ["Chamber of commerce"]);
    assert!(doc.check(&cohort3()).is_ready());

    let md = doc.to_markdown();
    assert!(md.contains("| **High power** | **Keep satisfied:** Regional transport authority | **Manage closely:** Mayor's office |"), "{md}");
    assert!(md.contains("| **Low power** | **Monitor:** Chamber of commerce | **Keep informed:** Cycling association; Local university |"), "{md}");
}

#[test]
fn a_key_player_without_an_activity_is_a_problem() {
    let mut doc = stakeholder_plan();
    let OutputBody::StakeholderEngagementPlan(p) = &mut doc.body else { unreachable!() };
    p.activities[0].stakeholders = vec![p.stakeholders[1].id, StakeholderId::from_uuid(uuid(777))];
    p.activities[2].date = day(2026, 7, 1);
    let problems = doc.validate(&cohort3());
    let kinds: Vec<(&str, &ProblemKind)> =
        problems.iter().map(|p| (p.path.as_str(), &p.kind)).collect();
    assert_eq!(
        kinds,
        [
            (
                "activities[0].stakeholders[1]",
                &ProblemKind::UnknownReference { reference: Reference::Stakeholder }
            ),
            (
                "activities[2].date",
                &ProblemKind::OutsideProgramme { programme: cohort3().programme }
            ),
            ("stakeholders[0]", &ProblemKind::ManageCloselyWithoutActivity),
        ]
    );
    assert_eq!(problems[2].value, "Mayor's office");
}

#[test]
fn a_plan_missing_a_sector_is_incomplete() {
    let mut doc = stakeholder_plan();
    let OutputBody::StakeholderEngagementPlan(p) = &mut doc.body else { unreachable!() };
    p.stakeholders.retain(|s| s.sector != Sector::Academia);
    p.activities[1].stakeholders.retain(|id| *id != StakeholderId::from_uuid(uuid(504)));
    let missing = doc.missing();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].what, "a stakeholder from the academia sector");
}

// ------------------------------------------------------- transferability

fn dimension(d: Dimension, weight: &str, score: &str) -> DimensionAssessment {
    DimensionAssessment {
        dimension: d,
        weight: dec(weight),
        score: Some(dec(score)),
        evidence: vec![format!("{d} evidence")],
        enablers: vec![],
        barriers: vec![],
    }
}

/// Águeda's beÁgueda e-bike sharing (seed 000: 22 docking stations, 69 e-bikes,
/// linked to the Vouga railway line) assessed for Kalamata, a Greek Mission
/// City (§4), as in cohort 5 where Mission Cities learn from Mission-minded
/// cities. The scores are illustrative; the arithmetic is what is tested.
fn agueda_to_kalamata() -> TransferabilityAssessment {
    let agueda = CityRef::new(CityId::from_slug(&"agueda".parse::<Slug>().unwrap()), "Águeda");
    let mut dims = vec![
        dimension(Dimension::SocioCultural, "0.25", "4"),
        dimension(Dimension::Institutional, "0.20", "3"),
        dimension(Dimension::Technological, "0.15", "5"),
        dimension(Dimension::Environmental, "0.20", "3.5"),
        dimension(Dimension::Economic, "0.20", "2"),
    ];
    dims[2].evidence = vec!["22 docking stations and 69 e-bikes in service in Águeda".into()];
    dims[2].enablers = vec!["off-the-shelf docking and e-bike systems".into()];
    dims[4].barriers = vec!["no operating budget secured beyond a pilot year".into()];
    TransferabilityAssessment {
        practice: Some(PracticeRef {
            id: PracticeId::from_slug(&"agueda-beagueda".parse::<Slug>().unwrap()),
            name: "beÁgueda e-bike sharing".into(),
            city: agueda,
        }),
        dimensions: dims,
        adaptations: vec![Adaptation {
            dimension: Dimension::Economic,
            change: "Share operating costs with the port and tourism operators".into(),
        }],
    }
}

#[test]
fn agueda_e_bike_sharing_transfers_to_kalamata_with_adaptation() {
    let a = agueda_to_kalamata();
    // By hand: 0.25×4 + 0.20×3 + 0.15×5 + 0.20×3.5 + 0.20×2
    //        = 1.00 + 0.60 + 0.75 + 0.70 + 0.40 = 3.45.
    let e = a.evaluate().unwrap();
    assert_eq!(e.weighted_score, dec("3.45"));
    assert_eq!(e.weakest, Dimension::Economic);
    assert_eq!(e.lowest_score, dec("2"));
    // 2.50 ≤ 3.45 < 4.00.
    assert_eq!(e.verdict, Transferability::TransferableWithAdaptation);

    let ctx = OutputContext::new(crate::no(5), days(day(2026, 9, 1), day(2027, 9, 30)));
    let kalamata =
        CityRef::new(CityId::from_slug(&"kalamata".parse::<Slug>().unwrap()), "Kalamata");
    let mut doc = Document::starter(
        OutputKind::TransferabilityAssessment,
        OutputId::from_uuid(uuid(50)),
        kalamata,
        &ctx,
        at("2026-10-01T09:00:00+03:00"),
    );
    doc.body = OutputBody::TransferabilityAssessment(a);
    assert!(doc.check(&ctx).is_ready());
    let md = doc.to_markdown();
    assert!(md.contains("**Transferable with adaptation** — weighted score 3.45 of 5"), "{md}");
    assert!(md.contains("| Socio-cultural | 0.25 | 4 | 1.00 |"), "{md}");
}

#[test]
fn a_strong_average_with_a_weak_dimension_is_not_transferable_as_is() {
    let mut a = agueda_to_kalamata();
    for (d, s) in a.dimensions.iter_mut().zip(["5", "5", "5", "5", "2"]) {
        d.score = Some(dec(s));
    }
    // 0.25×5 + 0.20×5 + 0.15×5 + 0.20×5 + 0.20×2 = 4.40, but Economic is 2 < 3.
    let e = a.evaluate().unwrap();
    assert_eq!(e.weighted_score, dec("4.40"));
    assert_eq!(e.verdict, Transferability::TransferableWithAdaptation);
    a.dimensions[4].score = Some(dec("3"));
    // 4.00 + 0.20×3 = 4.60, lowest 3.
    assert_eq!(a.evaluate().unwrap().weighted_score, dec("4.60"));
    assert_eq!(a.evaluate().unwrap().verdict, Transferability::TransferableAsIs);
    for d in &mut a.dimensions {
        d.score = Some(dec("2"));
    }
    // Every score 2: 2 × (sum of weights = 1) = 2 < 2.50.
    assert_eq!(a.evaluate().unwrap().verdict, Transferability::NotTransferable);
}

#[test]
fn weights_must_sum_to_exactly_one() {
    let mut a = agueda_to_kalamata();
    a.dimensions[4].weight = dec("0.15"); // 0.25+0.20+0.15+0.20+0.15 = 0.95
    a.dimensions[1].score = Some(dec("5.5"));
    assert_eq!(a.evaluate(), None);
    let doc = envelope(
        OutputKind::TransferabilityAssessment,
        3,
        OutputBody::TransferabilityAssessment(a),
    );
    let problems = doc.validate(&cohort3());
    let found: Vec<(&str, &str)> =
        problems.iter().map(|p| (p.path.as_str(), p.value.as_str())).collect();
    assert_eq!(found, [("dimensions[1].score", "5.5"), ("dimensions[].weight", "0.95")]);
    assert_eq!(problems[1].kind, ProblemKind::WeightsDoNotSumToOne { sum: Some(dec("0.95")) });
}

#[test]
fn each_sitee_dimension_is_assessed_exactly_once() {
    let mut a = agueda_to_kalamata();
    a.dimensions[3].dimension = Dimension::SocioCultural;
    let doc = envelope(
        OutputKind::TransferabilityAssessment,
        3,
        OutputBody::TransferabilityAssessment(a),
    );
    let kinds: Vec<(String, ProblemKind)> =
        doc.validate(&cohort3()).into_iter().map(|p| (p.path, p.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("dimensions[3].dimension".to_owned(), ProblemKind::DuplicateDimension),
            ("dimensions".to_owned(), ProblemKind::MissingDimension),
        ]
    );
}

// ------------------------------------------------------------ action plan

fn aid(n: u128) -> ActionId {
    ActionId::from_uuid(uuid(600 + n))
}

fn action(
    n: u128,
    title: &str,
    from: (i32, u32, u32),
    to: (i32, u32, u32),
    budget: &str,
) -> Action {
    Action {
        id: aid(n),
        title: title.into(),
        owner: "Mobility department".into(),
        period: days(day(from.0, from.1, from.2), day(to.0, to.1, to.2)),
        budget_eur: dec(budget),
        funding: vec![],
        kpis: vec![Kpi {
            name: format!("{title} done"),
            unit: "%".into(),
            baseline: dec("0"),
            target: dec("100"),
        }],
        risks: vec![],
        depends_on: vec![],
    }
}

fn fund(name: &str, amount: &str, secured: bool) -> FundingSource {
    FundingSource { name: name.into(), amount_eur: dec(amount), secured }
}

fn action_plan() -> ActionPlan {
    let mut a1 = action(1, "Baseline mobility survey", (2025, 3, 1), (2025, 4, 30), "15000.00");
    a1.funding = vec![fund("Municipal budget", "15000.00", true)];
    a1.risks = vec![Risk {
        description: "Low response rate".into(),
        likelihood: Rating::Medium,
        impact: Rating::Low,
        mitigation: "Survey at the railway station as well as online".into(),
    }];
    let mut a2 =
        action(2, "Stakeholder co-design workshops", (2025, 5, 1), (2025, 6, 30), "8000.00");
    a2.funding = vec![fund("Municipal budget", "8000.00", true)];
    a2.depends_on = vec![aid(1)];
    let mut a3 = action(3, "Procure e-bikes and docks", (2025, 7, 1), (2025, 12, 31), "250000.00");
    a3.funding = vec![fund("EU call", "150000", false), fund("Municipal budget", "50000", true)];
    a3.depends_on = vec![aid(2)];
    let mut a4 = action(4, "Cycle lane retrofit design", (2025, 4, 15), (2025, 9, 30), "40000.50");
    a4.funding = vec![fund("Regional fund", "20000.25", true)];
    a4.depends_on = vec![aid(1)];
    let mut a5 = action(5, "Pilot launch and evaluation", (2026, 1, 5), (2026, 5, 15), "30000");
    a5.funding = vec![fund("Municipal budget", "10000", true), fund("Sponsorship", "5000", false)];
    a5.depends_on = vec![aid(3), aid(4)];
    ActionPlan { joint_with: vec![], actions: vec![a1, a2, a3, a4, a5] }
}

fn action_plan_doc() -> Document {
    envelope(OutputKind::ActionPlan, 4, OutputBody::ActionPlan(action_plan()))
}

#[test]
fn twin_city_action_plan_schedule_by_hand() {
    let plan = action_plan();
    let s = plan.schedule().unwrap();
    // Durations, both ends counted:
    //   A1 1 Mar–30 Apr 2025: 31 + 30 = 61
    //   A2 1 May–30 Jun: 31 + 30 = 61
    //   A3 1 Jul–31 Dec: 31+31+30+31+30+31 = 184
    //   A4 15 Apr–30 Sep: 16+31+30+31+31+30 = 169
    //   A5 5 Jan–15 May 2026: 27+28+31+30+15 = 131
    // Earliest finishes: A1 61, A2 122, A4 61+169 = 230, A3 122+184 = 306,
    // A5 max(306, 230) + 131 = 437. Critical path A1 → A2 → A3 → A5, 437 days.
    assert_eq!(s.critical_path, [aid(1), aid(2), aid(3), aid(5)]);
    assert_eq!(s.critical_path_days, 437);
    // Kahn's order, document order among free actions: A1; then A2 and A4
    // are free, A2 first; A3 becomes free and precedes A4; A5 last.
    assert_eq!(s.order, [aid(1), aid(2), aid(3), aid(4), aid(5)]);
    // A4 starts 15 Apr, before A1 ends on 30 Apr; nothing else overlaps.
    assert_eq!(s.early_starts.len(), 1);
    assert_eq!(s.early_starts[0].action, aid(4));
    assert_eq!(s.early_starts[0].prerequisite, aid(1));
    assert_eq!(s.early_starts[0].prerequisite_ends, day(2025, 4, 30));
    assert_eq!(s.span, Some(days(day(2025, 3, 1), day(2026, 5, 15))));
}

#[test]
fn twin_city_action_plan_money_by_hand() {
    let f = action_plan().funding().unwrap();
    // Budget: 15000.00 + 8000.00 + 250000.00 + 40000.50 + 30000 = 343000.50
    assert_eq!(f.total_budget_eur, dec("343000.50"));
    // Secured: 15000.00 + 8000.00 + 50000 + 20000.25 + 10000 = 103000.25
    assert_eq!(f.secured_eur, dec("103000.25"));
    // Unsecured: 150000 + 5000 = 155000
    assert_eq!(f.unsecured_eur, dec("155000"));
    // Gap: 343000.50 − 103000.25 = 240000.25
    assert_eq!(f.gap_eur, dec("240000.25"));
}

#[test]
fn the_action_plan_is_ready_but_warns_about_the_early_start() {
    let doc = action_plan_doc();
    assert_eq!(doc.title, "Twin City Action Plan");
    let report = doc.check(&cohort3());
    assert!(report.is_ready(), "{report:?}");
    let warnings: Vec<_> = report.warnings().collect();
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].path, "actions[3].depends_on[0]");
    assert_eq!(warnings[0].value, "2025-04-15");
    assert_eq!(warnings[0].severity, Severity::Warning);
}

#[test]
fn a_cycle_is_named_and_blocks_the_schedule() {
    let mut plan = action_plan();
    plan.actions[0].depends_on.push(aid(5));
    // Cycles through A1: A1 → A2 → A3 → A5 → A1 and A1 → A4 → A5 → A1. The
    // shortest one found breadth first from A1 (successors A2 then A4) is
    // A1 → A4 → A5 → A1: A2's successor A3 reaches A5 one step later than A4.
    let expected = vec![aid(1), aid(4), aid(5), aid(1)];
    assert_eq!(plan.schedule(), Err(Error::DependencyCycle { actions: expected.clone() }));
    let doc = envelope(OutputKind::ActionPlan, 4, OutputBody::ActionPlan(plan));
    let cycle: Vec<_> = doc
        .validate(&cohort3())
        .into_iter()
        .filter(|p| matches!(p.kind, ProblemKind::DependencyCycle { .. }))
        .collect();
    assert_eq!(cycle.len(), 1);
    assert_eq!(cycle[0].kind, ProblemKind::DependencyCycle { actions: expected });
    assert_eq!(
        cycle[0].value,
        "Baseline mobility survey -> Cycle lane retrofit design -> Pilot launch and evaluation -> Baseline mobility survey"
    );
    assert!(doc.to_markdown().contains("No schedule: action dependencies form a cycle"));
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut doc = action_plan_doc();
    doc.cohort = crate::no(2);
    let OutputBody::ActionPlan(plan) = &mut doc.body else { unreachable!() };
    plan.actions[0].period = days(day(2024, 11, 1), day(2025, 4, 30)); // before the programme
    plan.actions[1].budget_eur = dec("-8000.00");
    plan.actions[2].depends_on.push(aid(42));
    plan.actions[2].funding[0].amount_eur = dec("-1");
    plan.actions[3].depends_on.push(aid(4)); // depends on itself
    let ctx = cohort3().with_due(day(2026, 5, 15));
    let report = doc.check(&ctx);
    let found: Vec<(&str, &str)> =
        report.errors().map(|p| (p.path.as_str(), p.value.as_str())).collect();
    assert_eq!(
        found,
        [
            ("cohort", "2"),
            ("due", "none"),
            ("actions[2].depends_on[1]", "00000000-0000-0000-0000-000000000282"),
            ("actions[3].depends_on", "Cycle lane retrofit design -> Cycle lane retrofit design"),
            ("actions[0].period", "2024-11-01 to 2025-04-30"),
            ("actions[1].budget_eur", "-8000.00"),
            ("actions[2].funding[0].amount_eur", "-1"),
        ]
    );
    assert!(!report.is_valid());
    // Validation is pure: asking twice gives the same answer.
    assert_eq!(doc.check(&ctx), report);
}

#[test]
fn money_overflow_is_a_problem_not_a_panic() {
    let mut plan = action_plan();
    plan.actions[1].budget_eur = Decimal::MAX;
    // 15000.00 + 79228162514264337593543950335 needs two decimals on a
    // 29-digit integer part: more than a Decimal's 96-bit mantissa holds, so
    // the sum is refused at the second action rather than rounded.
    assert_eq!(plan.funding(), Err(Error::MoneyOverflow { path: "actions[1].budget_eur".into() }));
    let doc = envelope(OutputKind::ActionPlan, 4, OutputBody::ActionPlan(plan));
    let overflow: Vec<_> = doc
        .validate(&cohort3())
        .into_iter()
        .filter(|p| p.kind == ProblemKind::MoneyOverflow)
        .collect();
    assert_eq!(overflow.len(), 1);
    assert_eq!(overflow[0].path, "actions[1].budget_eur");
    assert!(doc.to_markdown().contains("Totals cannot be computed"));
}

#[test]
fn the_gantt_marks_the_critical_path() {
    let md = action_plan_doc().to_markdown();
    assert!(md.contains("    Baseline mobility survey :crit, a1, 2025-03-01, 61d\n"), "{md}");
    assert!(md.contains("    Cycle lane retrofit design :a4, 2025-04-15, 169d\n"), "{md}");
    assert!(md.contains("- Critical path: A1 → A2 → A3 → A5 (437 days)"), "{md}");
    assert!(md.contains("| Funding gap | 240000.25 |"), "{md}");
}

// ----------------------------------------------------------- info session

fn info_session() -> Document {
    let body = InfoSession {
        date: Some(day(2026, 4, 22)),
        audience: vec![
            AudienceGroup { name: "City council".into(), sector: Some(Sector::Public) },
            AudienceGroup {
                name: "Cycling association".into(),
                sector: Some(Sector::CivilSociety),
            },
        ],
        topics: vec![
            Topic { title: "What we learnt in Trondheim".into(), theme: None },
            Topic { title: "The e-bike pilot".into(), theme: Some(Theme::Mobility) },
        ],
        attendance: None,
    };
    envelope(OutputKind::InfoSession, 5, OutputBody::InfoSession(body))
}

#[test]
fn cohort3_delivers_five_outputs_that_are_all_ready() {
    let docs = [
        roadmap(),
        stakeholder_plan(),
        envelope(
            OutputKind::TransferabilityAssessment,
            3,
            OutputBody::TransferabilityAssessment(agueda_to_kalamata()),
        ),
        action_plan_doc(),
        info_session(),
    ];
    // §1.4: cohort 3 requires exactly these five kinds.
    let kinds: BTreeSet<_> = docs.iter().map(Document::kind).collect();
    assert_eq!(kinds, OutputKind::ALL.into_iter().collect());
    for doc in &docs {
        let report = doc.check(&cohort3());
        assert!(report.is_ready(), "{}: {report:?}", doc.kind());
        let back = Document::from_json(&doc.to_json().unwrap()).unwrap();
        assert_eq!(&back, doc);
        assert_eq!(doc.to_markdown(), back.to_markdown());
    }
}

#[test]
fn the_lifecycle_runs_draft_submitted_revision_accepted() {
    let ctx = cohort3();
    let mut doc = info_session();
    let OutputBody::InfoSession(s) = &mut doc.body else { unreachable!() };
    s.topics.clear();
    let err = doc.submit(&ctx, at("2026-04-01T12:00:00+02:00")).unwrap_err();
    assert_eq!(err, Error::NotReady { id: doc.id, errors: 0, missing: 1 });
    assert_eq!(doc.status(), Status::Draft);

    let mut doc = info_session();
    assert!(matches!(
        doc.accept(at("2026-04-01T12:00:00+02:00")),
        Err(Error::IllegalTransition { from: Status::Draft, to: Status::Accepted, .. })
    ));
    doc.submit(&ctx, at("2026-04-01T12:00:00+02:00")).unwrap();
    doc.request_revision(at("2026-04-03T09:30:00+02:00"), "Add the attendance").unwrap();
    assert!(doc.accept(at("2026-04-04T09:30:00+02:00")).is_err());
    doc.submit(&ctx, at("2026-04-05T09:30:00+02:00")).unwrap();
    doc.accept(at("2026-04-06T16:00:00+02:00")).unwrap();
    let statuses: Vec<Status> = doc.lifecycle.history().iter().map(|c| c.status).collect();
    assert_eq!(
        statuses,
        [
            Status::Draft,
            Status::Submitted,
            Status::RevisionRequested,
            Status::Submitted,
            Status::Accepted
        ]
    );
    assert_eq!(doc.lifecycle.history()[2].note.as_deref(), Some("Add the attendance"));
    // The lifecycle survives JSON, offsets included.
    let back = Document::from_json(&doc.to_json().unwrap()).unwrap();
    assert_eq!(back.lifecycle, doc.lifecycle);
    assert_eq!(back.lifecycle.updated().unwrap().offset().local_minus_utc(), 7200);
}

#[test]
fn starters_are_valid_and_list_what_is_missing() {
    let ctx = cohort3().with_due(day(2026, 5, 31));
    for kind in OutputKind::ALL {
        let doc = Document::starter(
            kind,
            OutputId::from_uuid(uuid(9)),
            twin(),
            &ctx,
            at("2025-01-20T10:00:00+01:00"),
        );
        assert_eq!(doc.kind(), kind);
        assert_eq!(doc.due, Some(day(2026, 5, 31)));
        assert_eq!(doc.validate(&ctx), vec![], "{kind}");
        assert!(!doc.missing().is_empty(), "{kind}");
        assert_eq!(Document::from_json(&doc.to_json().unwrap()).unwrap(), doc);
        assert!(doc.to_markdown().starts_with("# "));
    }
}

// ------------------------------------------------------------------ JSON

#[test]
fn json_rejects_unknown_fields_versions_and_mismatched_kinds() {
    let json = info_session().to_json().unwrap();
    assert!(json.contains("\"schema_version\": 1"));
    assert!(json.contains("\"kind\": \"info-session\""));

    let extra = json.replacen("\"cohort\": 3", "\"cohort\": 3, \"colour\": \"red\"", 1);
    let err = Document::from_json(&extra).unwrap_err();
    assert!(
        matches!(&err, Error::Document(DocumentError::Json { message, .. }) if message.contains("colour")),
        "{err}"
    );
    assert!(
        matches!(&err, Error::Document(DocumentError::Json { path, .. }) if path == "colour"),
        "{err}"
    );

    let v2 = json.replacen("\"schema_version\": 1", "\"schema_version\": 2", 1);
    let err = Document::from_json(&v2).unwrap_err();
    assert!(
        matches!(&err, Error::Document(DocumentError::UnsupportedVersion { found, supported: [1], .. }) if found == "2"),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "output document has schema_version 2; this build reads schema_version 1"
    );

    // Plain serde (as a service embedding the type would use) meets the
    // version first too, before a field a newer schema may have added.
    let v2_extra = v2.replacen("\"cohort\": 3", "\"cohort\": 3, \"colour\": \"red\"", 1);
    let err = serde_json::from_str::<Document>(&v2_extra).unwrap_err().to_string();
    assert!(err.starts_with("output document has schema_version 2"), "{err}");

    let none = json.replacen("\"schema_version\": 1,", "", 1);
    assert!(matches!(
        Document::from_json(&none).unwrap_err(),
        Error::Document(DocumentError::MissingVersion { supported: [1], .. })
    ));

    let wrong = json.replacen("\"kind\": \"info-session\"", "\"kind\": \"action-plan\"", 1);
    assert!(matches!(
        Document::from_json(&wrong),
        Err(Error::Document(DocumentError::Json { .. }))
    ));

    let inner = json.replacen("\"topics\": [", "\"topicz\": [], \"topics\": [", 1);
    assert!(matches!(
        Document::from_json(&inner),
        Err(Error::Document(DocumentError::Json { .. }))
    ));
}

#[test]
fn money_keeps_its_scale_through_json() {
    let doc = action_plan_doc();
    let json = doc.to_json().unwrap();
    assert!(json.contains("\"budget_eur\": \"40000.50\""), "{json}");
    let back = Document::from_json(&json).unwrap();
    let OutputBody::ActionPlan(p) = &back.body else { unreachable!() };
    assert_eq!(p.actions[3].budget_eur.to_string(), "40000.50");
}

// ------------------------------------------------------- built-in cohorts

#[test]
fn contexts_come_from_the_built_in_cohorts() {
    use twinning_cohort::Cohort;
    // §1.4: the action plan's name differs by cohort.
    for (n, title) in [(1, "Replication Plan"), (3, "Twin City Action Plan")] {
        let ctx = OutputContext::for_output(
            Cohort::builtin(crate::no(n)).unwrap(),
            OutputKind::ActionPlan,
        );
        assert_eq!(ctx.cohort, n);
        assert_eq!(ctx.title.as_deref(), Some(title));
    }
    // §1.1: cohort 3 kicked off in December 2024; §1.4: it requires all five kinds.
    let c3 = Cohort::builtin(crate::no(3)).unwrap();
    for kind in OutputKind::ALL {
        let ctx = OutputContext::for_output(c3, kind);
        assert_eq!(ctx.programme.start(), day(2024, 12, 1));
        assert!(ctx.title.is_some(), "{kind}");
        // The cohort crate's convention: due by the programme's last month.
        assert_eq!(ctx.due, Some(ctx.programme.end()), "{kind}");
    }
}

#[test]
fn the_worked_cohort3_outputs_validate_against_the_built_in_cohort() {
    let c3 = twinning_cohort::Cohort::builtin(crate::no(3)).unwrap();
    let docs = [
        roadmap(),
        stakeholder_plan(),
        envelope(
            OutputKind::TransferabilityAssessment,
            3,
            OutputBody::TransferabilityAssessment(agueda_to_kalamata()),
        ),
        action_plan_doc(),
        info_session(),
    ];
    for mut doc in docs {
        let ctx = OutputContext::for_output(c3, doc.kind());
        let errors = |d: &Document| {
            d.validate(&ctx)
                .into_iter()
                .filter(|p| p.severity == Severity::Error)
                .collect::<Vec<_>>()
        };
        let problems = errors(&doc);
        assert_eq!(problems.len(), 1, "only the due date is unset: {problems:?}");
        assert_eq!(problems[0].path, "due");
        doc.due = ctx.due;
        assert_eq!(errors(&doc), vec![], "{}", doc.kind());
    }
}

#[test]
fn a_text_that_prints_differently_in_each_file_is_a_problem_at_its_path() {
    let clean = roadmap();
    assert!(clean.validate(&cohort3()).is_empty());
    // A line break and a tab are text.
    let mut ok = roadmap();
    ok.title = "Learning roadmap\n\tKalamata".to_owned();
    assert!(ok.validate(&cohort3()).is_empty(), "{:?}", ok.validate(&cohort3()));
    // A bell in the title, and a right-to-left override inside the content.
    let mut doc = roadmap();
    doc.title = "Learning roadmap\u{7}".to_owned();
    let problems = doc.validate(&cohort3());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "title");
    assert!(matches!(problems[0].kind, ProblemKind::HiddenCharacter { .. }));
    assert!(problems[0].kind.to_string().contains("U+0007"));
    let mut doc = roadmap();
    let OutputBody::LearningRoadmap(r) = &mut doc.body else { unreachable!() };
    r.milestones[1].title = "\u{202e}Site visit".to_owned();
    let problems = doc.validate(&cohort3());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "milestones[1].title");
}
