//! Theme affinity: how well a peer's tested practices answer a learner's
//! learning goals.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use twinning_profile::{CityProfile, Theme, ThemeFamily};

/// Points for a shared emission domain (energy, mobility, buildings, …).
///
/// Sharing a sector says more about whether a practice can be transferred
/// than sharing a lever of change that almost every city names, so a domain
/// counts twice a lever.
pub const DOMAIN_WEIGHT: u32 = 2;

/// Points for a shared lever of change (governance, finance, citizen
/// engagement, …).
pub const LEVER_WEIGHT: u32 = 1;

/// The scoring rule in words, for reports: "a shared emission domain counts
/// 2 points, a shared lever of change 1".
#[must_use]
pub fn scoring_rule() -> String {
    format!(
        "a shared emission domain counts {DOMAIN_WEIGHT} points, a shared lever of change \
         {LEVER_WEIGHT}"
    )
}

/// Something a city wants to learn or has tested, with its themes.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Interest {
    /// A short title, as the city states it.
    pub title: String,
    /// The themes it touches.
    pub themes: BTreeSet<Theme>,
}

/// A city that wants to learn: the seeking side of the matcher (in cohort 5
/// a Mission City).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Learner {
    /// The id written into the matcher instance.
    pub id: String,
    /// The name people read.
    pub name: String,
    /// Its learning goals.
    pub goals: Vec<Interest>,
}

impl Learner {
    /// A learner from a city profile: its slug as id, its learning goals.
    #[must_use]
    pub fn from_profile(city: &CityProfile) -> Self {
        Learner {
            id: city.slug().to_string(),
            name: city.name().to_owned(),
            goals: city
                .learning_goals()
                .iter()
                .map(|g| Interest {
                    title: g.text().to_owned(),
                    themes: g.themes().iter().copied().collect(),
                })
                .collect(),
        }
    }
}

/// A city that offers tested practices: the hosting side of the matcher (in
/// cohort 5 a Mission-minded city).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Peer {
    /// The id written into the matcher instance.
    pub id: String,
    /// The name people read.
    pub name: String,
    /// Its tested practices.
    pub practices: Vec<Interest>,
}

impl Peer {
    /// A peer from a city profile: its slug as id, its tested practices.
    #[must_use]
    pub fn from_profile(city: &CityProfile) -> Self {
        Peer {
            id: city.slug().to_string(),
            name: city.name().to_owned(),
            practices: city
                .practices()
                .iter()
                .map(|p| Interest {
                    title: p.title().to_owned(),
                    themes: p.themes().iter().copied().collect(),
                })
                .collect(),
        }
    }
}

/// One theme a learner and a peer share, with what carries it on each side.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SharedTheme {
    /// The theme.
    pub theme: Theme,
    /// The learner's goals with this theme.
    pub goals: Vec<String>,
    /// The peer's practices with this theme.
    pub practices: Vec<String>,
}

/// How well a peer's tested practices answer a learner's goals.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Affinity {
    /// The score: [`DOMAIN_WEIGHT`] per shared emission domain plus
    /// [`LEVER_WEIGHT`] per shared lever; zero when nothing is shared. A
    /// whole number kept as a `Decimal`, the type of the matcher's scores.
    pub score: Decimal,
    /// The shared themes, in the taxonomy's order.
    pub shared: Vec<SharedTheme>,
}

impl Affinity {
    /// The keys of the shared themes, in the taxonomy's order
    /// (`["mobility", "citizen-engagement"]`).
    pub fn theme_keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.shared.iter().map(|s| s.theme.key())
    }
}

/// Compares a learner's goals with a peer's practices.
///
/// ```
/// use twinning_pairing::{Interest, Learner, Peer, affinity};
/// use twinning_profile::Theme;
///
/// let goal = Interest { title: "safer cycling".into(), themes: [Theme::Mobility].into() };
/// let practice = Interest {
///     title: "school streets".into(),
///     themes: [Theme::Mobility, Theme::CitizenEngagement].into(),
/// };
/// let learner = Learner { id: "torino".into(), name: "Torino".into(), goals: vec![goal] };
/// let peer = Peer { id: "agueda".into(), name: "Águeda".into(), practices: vec![practice] };
/// let a = affinity(&learner, &peer);
/// assert_eq!(a.score, 2.into()); // mobility, an emission domain
/// assert_eq!(a.shared[0].practices, ["school streets"]);
/// ```
#[must_use]
pub fn affinity(learner: &Learner, peer: &Peer) -> Affinity {
    let goals = by_theme(&learner.goals);
    let practices = by_theme(&peer.practices);
    let mut score = 0u32;
    let mut shared = Vec::new();
    for (theme, goal_titles) in &goals {
        if let Some(practice_titles) = practices.get(theme) {
            score = score.saturating_add(weight(*theme));
            shared.push(SharedTheme {
                theme: *theme,
                goals: goal_titles.clone(),
                practices: practice_titles.clone(),
            });
        }
    }
    Affinity { score: Decimal::from(score), shared }
}

/// The points a shared theme is worth.
#[must_use]
pub fn weight(theme: Theme) -> u32 {
    match theme.family() {
        ThemeFamily::EmissionDomain => DOMAIN_WEIGHT,
        ThemeFamily::LeverOfChange => LEVER_WEIGHT,
    }
}

/// Titles of the items carrying each theme, themes in taxonomy order.
fn by_theme(items: &[Interest]) -> BTreeMap<Theme, Vec<String>> {
    let mut map: BTreeMap<Theme, Vec<String>> = BTreeMap::new();
    for item in items {
        for theme in &item.themes {
            let titles = map.entry(*theme).or_default();
            if !titles.contains(&item.title) {
                titles.push(item.title.clone());
            }
        }
    }
    map
}

#[cfg(test)]
#[allow(clippy::indexing_slicing, reason = "tests")]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn item(title: &str, themes: &[Theme]) -> Interest {
        Interest { title: title.to_owned(), themes: themes.iter().copied().collect() }
    }

    pub(crate) fn learner(id: &str, goals: Vec<Interest>) -> Learner {
        Learner { id: id.to_owned(), name: id.to_uppercase(), goals }
    }

    pub(crate) fn peer(id: &str, practices: Vec<Interest>) -> Peer {
        Peer { id: id.to_owned(), name: id.to_uppercase(), practices }
    }

    #[test]
    fn affinity_weights_domains_twice_levers_once_and_names_the_carriers() {
        let l = learner(
            "l",
            vec![
                item("safer cycling", &[Theme::Mobility, Theme::CitizenEngagement]),
                item("heat plan", &[Theme::NatureBasedSolutions]),
            ],
        );
        let p = peer(
            "p",
            vec![
                item("e-bike sharing", &[Theme::Mobility]),
                item("school streets", &[Theme::Mobility, Theme::CitizenEngagement]),
            ],
        );
        let a = affinity(&l, &p);
        // mobility (domain, 2) + citizen engagement (lever, 1); heat plan unmatched.
        assert_eq!(a.score, Decimal::from(3));
        assert_eq!(
            a.shared.iter().map(|s| s.theme).collect::<Vec<_>>(),
            vec![Theme::Mobility, Theme::CitizenEngagement]
        );
        assert_eq!(a.shared[0].practices, vec!["e-bike sharing", "school streets"]);
        assert_eq!(a.shared[0].goals, vec!["safer cycling"]);
    }

    #[test]
    fn nothing_shared_scores_zero() {
        let l = learner("l", vec![item("g", &[Theme::Energy])]);
        let p = peer("p", vec![item("x", &[Theme::Mobility])]);
        assert_eq!(affinity(&l, &p), Affinity { score: Decimal::ZERO, shared: vec![] });
    }
}
