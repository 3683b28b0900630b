//! The transferability assessment: the practice and its city, the five
//! SITEE dimensions (weight, score, evidence, enablers, barriers), and up to
//! [`ADAPTATIONS`] adaptations; once complete, the library's verdict.

use maud::{Markup, html};
use rust_decimal::Decimal;
use twinning_cohort::OutputKind;
use twinning_core::{CityId, PracticeId};
use twinning_outputs::{
    Adaptation, CityRef, Dimension, DimensionAssessment, OutputBody, PathStep, PracticeRef,
    TransferabilityAssessment,
};

use super::{
    Found, OutputForm, Place, Values, choice, id_of, key, lines, many, need_number, number,
    options, select, short,
};

/// How many adaptation rows the form offers.
const ADAPTATIONS: usize = 3;

/// The transferability assessment's form.
pub(crate) struct Form;

/// The words for dimension row `i`.
fn dimension_words(i: usize) -> String {
    Dimension::ALL.get(i).map_or_else(
        || format!("dimension {}", i.saturating_add(1)),
        |d| format!("the {} dimension", d.label().to_lowercase()),
    )
}

/// How many adaptation rows to show: [`ADAPTATIONS`], or as many as a
/// stored assessment has.
fn adaptation_rows(v: &Values) -> usize {
    super::row_count(ADAPTATIONS, |j| !v.get(&format!("change{j}")).is_empty())
}

impl OutputForm for Form {
    const KIND: OutputKind = OutputKind::TransferabilityAssessment;
    const NOUN: &'static str = "the assessment";

    fn intro() -> Markup {
        html! {
            p { "Say which of your twin's practices you assess, then score how well it would work in your city on each of the five dimensions: 0 means the dimension blocks the transfer, 5 that it poses no obstacle. Give the evidence each score rests on, one point a line." }
            p { "The weights say how much each dimension counts; they must add up to exactly 1 (five times 0.2 unless you have a reason to weigh them differently)." }
        }
    }

    fn values(body: &OutputBody) -> Values {
        let mut v = Values::default();
        let OutputBody::TransferabilityAssessment(a) = body else { return v };
        if let Some(p) = &a.practice {
            v.set("practice", p.name.clone());
            v.set("pcity", p.city.name.clone());
        }
        for (i, dimension) in Dimension::ALL.iter().enumerate() {
            let Some(d) = a.dimensions.iter().find(|d| d.dimension == *dimension) else { continue };
            v.set(format!("weight{i}"), d.weight.to_string());
            v.set(format!("score{i}"), d.score.map(|s| s.to_string()).unwrap_or_default());
            v.set(format!("evidence{i}"), d.evidence.join("\n"));
            v.set(format!("enablers{i}"), d.enablers.join("\n"));
            v.set(format!("barriers{i}"), d.barriers.join("\n"));
        }
        for (j, a) in a.adaptations.iter().enumerate() {
            v.set(format!("adim{j}"), key(&a.dimension));
            v.set(format!("change{j}"), a.change.clone());
        }
        v
    }

    fn body(v: &Values, found: &mut Found) -> OutputBody {
        let (name, city) = (v.get("practice"), v.get("pcity"));
        let practice = (!name.is_empty() || !city.is_empty()).then(|| PracticeRef {
            id: id_of(&format!("{city} {name}"), 1, PracticeId::from_slug, PracticeId::from_uuid),
            name: name.to_owned(),
            city: CityRef::new(id_of(city, 1, CityId::from_slug, CityId::from_uuid), city),
        });
        let dimensions = Dimension::ALL
            .iter()
            .enumerate()
            .map(|(i, dimension)| {
                let words = super::capital(&dimension_words(i));
                let weight = need_number(v, &format!("weight{i}"), (&words, "the weight"), found);
                let score = number(v, &format!("score{i}"), (&words, "the score"), found);
                DimensionAssessment {
                    dimension: *dimension,
                    weight: weight.unwrap_or(Decimal::ZERO),
                    score,
                    evidence: lines(v, &format!("evidence{i}")),
                    enablers: lines(v, &format!("enablers{i}")),
                    barriers: lines(v, &format!("barriers{i}")),
                }
            })
            .collect();
        let adaptations = (0..adaptation_rows(v))
            .filter(|j| !v.get(&format!("change{j}")).is_empty())
            .map(|j| Adaptation {
                dimension: choice(v, &format!("adim{j}")).unwrap_or(Dimension::SocioCultural),
                change: v.get(&format!("change{j}")).to_owned(),
            })
            .collect();
        OutputBody::TransferabilityAssessment(TransferabilityAssessment {
            practice,
            dimensions,
            adaptations,
        })
    }

    fn place(steps: &[PathStep<'_>], v: &Values) -> Place {
        let first = steps.first().map(|s| (s.field, s.index));
        let then = steps.get(1).map(|s| s.field);
        match (first, then) {
            (Some(("practice", _)), Some("city")) => Place::new("pcity", "the practice's city"),
            (Some(("dimensions", Some(i))), field) => {
                let which = match field {
                    Some("weight") => "weight",
                    Some("evidence") => "evidence",
                    Some("enablers") => "enablers",
                    Some("barriers") => "barriers",
                    _ => "score",
                };
                Place::new(format!("{which}{i}"), dimension_words(i))
            }
            (Some(("dimensions", None)), _) => Place::new("weight0", "the weights"),
            (Some(("adaptations", Some(k))), _) => {
                let j = super::row_of(k, |j| !v.get(&format!("change{j}")).is_empty());
                Place::new(format!("change{j}"), format!("adaptation {}", j.saturating_add(1)))
            }
            (Some(("adaptations", None)), _) => Place::new("change0", "the adaptations"),
            _ => Place::new("practice", "the practice"),
        }
    }

    fn fields(v: &Values) -> Markup {
        let dimensions = options(&Dimension::ALL, Dimension::label);
        html! {
            fieldset class="action-row" {
                legend { h2 { "The practice" } }
                (super::text(v, "practice", "Which practice"))
                (super::text(v, "pcity", "The city that tested it"))
            }
            @for (i, dimension) in Dimension::ALL.iter().enumerate() {
                fieldset class="action-row" {
                    legend { h2 { (dimension.label()) } }
                    div class="date-input" {
                        (select(v, &format!("score{i}"), "Score", &scores(v.get(&format!("score{i}"))), ""))
                        (short(v, &format!("weight{i}"), "Weight", true))
                    }
                    (many(v, &format!("evidence{i}"), "Evidence", "What the score rests on, one point a line."))
                    (many(v, &format!("enablers{i}"), "What helps (optional)", "One point a line."))
                    (many(v, &format!("barriers{i}"), "What hinders (optional)", "One point a line."))
                }
            }
            fieldset class="action-row" {
                legend { h2 { "Adaptations" } }
                p { "What the practice needs changed to work in your city. A practice that transfers only with adaptation needs at least one." }
                @for j in 0..adaptation_rows(v) {
                    div class="date-input" {
                        (select(v, &format!("adim{j}"), &format!("Adaptation {}: dimension", j + 1), &dimensions, "socio-cultural"))
                        (short(v, &format!("change{j}"), &format!("Adaptation {}: what to change", j + 1), false))
                    }
                }
            }
        }
    }

    fn summary(body: &OutputBody) -> Option<Markup> {
        let OutputBody::TransferabilityAssessment(a) = body else { return None };
        let e = a.evaluate()?;
        Some(html! {
            p {
                "Weighted score " (e.weighted_score.round_dp(2)) " out of 5: "
                strong { (e.verdict.label().to_lowercase()) } ". "
                "The weakest dimension is " (e.weakest.label().to_lowercase()) " (" (e.lowest_score) ")."
            }
        })
    }
}

/// The scores to choose from: not scored yet, then 0 to 5 (and `current`
/// when a stored draft holds a score in between).
fn scores(current: &str) -> Vec<(String, String)> {
    let mut all = vec![(String::new(), "Not scored yet".to_owned())];
    for n in 0..=5 {
        let label = match n {
            0 => "0 – blocks the transfer".to_owned(),
            5 => "5 – no obstacle".to_owned(),
            n => n.to_string(),
        };
        all.push((n.to_string(), label));
    }
    if !current.is_empty() && !all.iter().any(|(k, _)| k == current) {
        all.push((current.to_owned(), current.to_owned()));
    }
    all
}
