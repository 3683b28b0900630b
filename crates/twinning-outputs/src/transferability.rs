use std::fmt;

use rust_decimal::Decimal;

use crate::money::sum_exact;
use crate::problem::{Problems, need_text};
use crate::{Missing, OutputContext, PracticeRef, Problem, ProblemKind, Reference};

/// The highest score a dimension can get; scores run from 0 to 5.
pub const SCORE_MAX: Decimal = Decimal::from_parts(5, 0, 0, false, 0);

/// A weighted score of at least 4.00 (with no dimension below
/// [`DIMENSION_FLOOR_AS_IS`]) means the practice transfers as is.
pub const AS_IS_THRESHOLD: Decimal = Decimal::from_parts(400, 0, 0, false, 2);

/// A weighted score of at least 2.50 means the practice transfers with
/// adaptation; below it, it does not transfer.
pub const ADAPTATION_THRESHOLD: Decimal = Decimal::from_parts(250, 0, 0, false, 2);

/// A practice cannot transfer *as is* while any dimension scores below 3:
/// that dimension needs adapting whatever the average says.
pub const DIMENSION_FLOOR_AS_IS: Decimal = Decimal::from_parts(3, 0, 0, false, 0);

/// The five context dimensions of the SITEE replicability frame.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Dimension {
    /// Culture, habits, acceptance, social structure.
    SocioCultural,
    /// Institutions and governance: mandates, laws, administrative capacity.
    Institutional,
    /// Technology, infrastructure, skills to run it.
    Technological,
    /// Environment and geography: climate, terrain, urban form.
    Environmental,
    /// Economy and finance: costs, funding, business models.
    Economic,
}

impl Dimension {
    /// The five dimensions, in the order of the acronym (S, I, T, E, E).
    pub const ALL: [Dimension; 5] = [
        Dimension::SocioCultural,
        Dimension::Institutional,
        Dimension::Technological,
        Dimension::Environmental,
        Dimension::Economic,
    ];

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Dimension::SocioCultural => "Socio-cultural",
            Dimension::Institutional => "Institutional / governance",
            Dimension::Technological => "Technological",
            Dimension::Environmental => "Environmental / geographic",
            Dimension::Economic => "Economic / financial",
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Whether a practice can move from its source city to the target city.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Transferability {
    /// Weighted score at least 4.00 and no dimension below 3.
    TransferableAsIs,
    /// Weighted score at least 2.50 (or at least 4.00 with a weak dimension).
    TransferableWithAdaptation,
    /// Weighted score below 2.50.
    NotTransferable,
}

impl Transferability {
    /// The verdict for a weighted score and the lowest dimension score, by the
    /// documented thresholds ([`AS_IS_THRESHOLD`], [`ADAPTATION_THRESHOLD`],
    /// [`DIMENSION_FLOOR_AS_IS`]).
    pub fn from_scores(weighted: Decimal, lowest: Decimal) -> Transferability {
        if weighted >= AS_IS_THRESHOLD && lowest >= DIMENSION_FLOOR_AS_IS {
            Transferability::TransferableAsIs
        } else if weighted >= ADAPTATION_THRESHOLD {
            Transferability::TransferableWithAdaptation
        } else {
            Transferability::NotTransferable
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Transferability::TransferableAsIs => "Transferable as is",
            Transferability::TransferableWithAdaptation => "Transferable with adaptation",
            Transferability::NotTransferable => "Not transferable",
        }
    }
}

impl fmt::Display for Transferability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The Transferability Assessment of one practice, from its source city to
/// the city that owns the document.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TransferabilityAssessment {
    /// The practice and the city that tested it; absent in a fresh starter.
    pub practice: Option<PracticeRef>,
    /// One entry per SITEE dimension.
    pub dimensions: Vec<DimensionAssessment>,
    /// Changes the practice needs to work in the target city.
    pub adaptations: Vec<Adaptation>,
}

/// The assessment of one dimension.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DimensionAssessment {
    /// Which dimension.
    pub dimension: Dimension,
    /// Its weight, from 0 to 1; the weights of all dimensions sum to exactly 1.
    #[serde(deserialize_with = "crate::amount::quantity")]
    pub weight: Decimal,
    /// The score from 0 (blocks transfer) to 5 (no obstacle); absent until scored.
    #[serde(default, deserialize_with = "crate::amount::quantity_opt")]
    pub score: Option<Decimal>,
    /// What the score rests on.
    pub evidence: Vec<String>,
    /// What helps the transfer.
    pub enablers: Vec<String>,
    /// What hinders it.
    pub barriers: Vec<String>,
}

/// A change the practice needs in the target city.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Adaptation {
    /// The dimension that calls for it.
    pub dimension: Dimension,
    /// What to change.
    pub change: String,
}

/// The outcome of a complete assessment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// Σ weight × score over the five dimensions, exact.
    pub weighted_score: Decimal,
    /// The lowest dimension score.
    pub lowest_score: Decimal,
    /// The first dimension (in SITEE order) with the lowest score.
    pub weakest: Dimension,
    /// The verdict by the documented thresholds.
    pub verdict: Transferability,
}

impl TransferabilityAssessment {
    /// A new assessment of `practice` with all five dimensions weighted
    /// equally (0.2 each) and nothing scored yet.
    pub fn equal_weights(practice: Option<PracticeRef>) -> Self {
        let weight = Decimal::from_parts(2, 0, 0, false, 1);
        Self {
            practice,
            dimensions: Dimension::ALL
                .into_iter()
                .map(|dimension| DimensionAssessment {
                    dimension,
                    weight,
                    score: None,
                    evidence: Vec::new(),
                    enablers: Vec::new(),
                    barriers: Vec::new(),
                })
                .collect(),
            adaptations: Vec::new(),
        }
    }

    /// The sum of the weights, exact (`None` if it overflows).
    pub fn weight_sum(&self) -> Option<Decimal> {
        sum_exact(self.dimensions.iter().map(|d| &d.weight)).ok()
    }

    /// The weighted score and verdict, once every SITEE dimension is assessed
    /// exactly once, every score and weight is in range and the weights sum
    /// to exactly 1; `None` before that.
    pub fn evaluate(&self) -> Option<Evaluation> {
        if self.weight_sum()? != Decimal::ONE {
            return None;
        }
        let mut weighted = Decimal::ZERO;
        let mut lowest: Option<(Decimal, Dimension)> = None;
        for dimension in Dimension::ALL {
            let mut entries = self.dimensions.iter().filter(|d| d.dimension == dimension);
            let entry = entries.next()?;
            if entries.next().is_some() {
                return None;
            }
            let score = entry.score?;
            if !in_range(score, SCORE_MAX) || !in_range(entry.weight, Decimal::ONE) {
                return None;
            }
            weighted = weighted.checked_add(entry.weight.checked_mul(score)?)?;
            if lowest.is_none_or(|(low, _)| score < low) {
                lowest = Some((score, dimension));
            }
        }
        let (lowest_score, weakest) = lowest?;
        Some(Evaluation {
            weighted_score: weighted,
            lowest_score,
            weakest,
            verdict: Transferability::from_scores(weighted, lowest_score),
        })
    }

    pub(crate) fn validate(&self, ctx: &OutputContext, problems: &mut Problems) {
        if let (Some(known), Some(practice)) = (&ctx.known_practices, &self.practice)
            && !known.contains(&practice.id)
        {
            problems.push(Problem::error(
                "practice.id".to_owned(),
                practice.id,
                ProblemKind::UnknownReference { reference: Reference::Practice },
            ));
        }
        for dimension in Dimension::ALL {
            let mut seen = self
                .dimensions
                .iter()
                .enumerate()
                .filter(|(_, d)| d.dimension == dimension)
                .map(|(i, _)| i);
            match seen.next() {
                None => problems.push(Problem::error(
                    "dimensions".to_owned(),
                    dimension.label(),
                    ProblemKind::MissingDimension,
                )),
                Some(_) => {
                    for again in seen {
                        problems.push(Problem::error(
                            format!("dimensions[{again}].dimension"),
                            dimension.label(),
                            ProblemKind::DuplicateDimension,
                        ));
                    }
                }
            }
        }
        for (i, d) in self.dimensions.iter().enumerate() {
            if !in_range(d.weight, Decimal::ONE) {
                problems.push(Problem::error(
                    format!("dimensions[{i}].weight"),
                    d.weight,
                    ProblemKind::OutOfRange { min: Decimal::ZERO, max: Decimal::ONE },
                ));
            }
            if let Some(score) = d.score
                && !in_range(score, SCORE_MAX)
            {
                problems.push(Problem::error(
                    format!("dimensions[{i}].score"),
                    score,
                    ProblemKind::OutOfRange { min: Decimal::ZERO, max: SCORE_MAX },
                ));
            }
        }
        let sum = self.weight_sum();
        if sum != Some(Decimal::ONE) {
            problems.push(Problem::error(
                "dimensions[].weight".to_owned(),
                sum.map_or_else(|| "overflow".to_owned(), |s| s.to_string()),
                ProblemKind::WeightsDoNotSumToOne { sum },
            ));
        }
    }

    pub(crate) fn missing(&self, missing: &mut Vec<Missing>) {
        match &self.practice {
            None => missing.push(Missing::new("practice", "the practice to assess")),
            Some(practice) => {
                need_text(missing, "practice.name".to_owned(), &practice.name, "its name");
                need_text(
                    missing,
                    "practice.city.name".to_owned(),
                    &practice.city.name,
                    "the source city's name",
                );
            }
        }
        for (i, d) in self.dimensions.iter().enumerate() {
            if d.score.is_none() {
                missing.push(Missing::new(format!("dimensions[{i}].score"), "a score from 0 to 5"));
            }
            if d.evidence.iter().all(|e| e.trim().is_empty()) {
                missing.push(Missing::new(
                    format!("dimensions[{i}].evidence"),
                    "evidence for the score",
                ));
            }
        }
        if let Some(evaluation) = self.evaluate()
            && evaluation.verdict == Transferability::TransferableWithAdaptation
            && self.adaptations.is_empty()
        {
            missing.push(Missing::new(
                "adaptations",
                "the adaptations a transfer with adaptation needs",
            ));
        }
    }
}

fn in_range(value: Decimal, max: Decimal) -> bool {
    Decimal::ZERO <= value && value <= max
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn thresholds_are_inclusive() {
        assert_eq!(
            Transferability::from_scores(d("4.00"), d("3")),
            Transferability::TransferableAsIs
        );
        assert_eq!(
            Transferability::from_scores(d("3.99"), d("3")),
            Transferability::TransferableWithAdaptation
        );
        assert_eq!(
            Transferability::from_scores(d("4.5"), d("2.9")),
            Transferability::TransferableWithAdaptation
        );
        assert_eq!(
            Transferability::from_scores(d("2.50"), d("0")),
            Transferability::TransferableWithAdaptation
        );
        assert_eq!(
            Transferability::from_scores(d("2.49"), d("2")),
            Transferability::NotTransferable
        );
    }

    #[test]
    fn constants_read_as_documented() {
        assert_eq!(AS_IS_THRESHOLD.to_string(), "4.00");
        assert_eq!(ADAPTATION_THRESHOLD.to_string(), "2.50");
        assert_eq!(SCORE_MAX, d("5"));
        assert_eq!(DIMENSION_FLOOR_AS_IS, d("3"));
    }
}
