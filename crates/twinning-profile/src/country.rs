//! EU membership and research-programme association per country, with
//! date-aware queries that answer yes, no or unknown together with the record
//! and its provenance.

use std::sync::LazyLock;

use chrono::NaiveDate;
use twinning_core::{Confidence, CountryCode, Provenance};

use crate::country_data;

twinning_core::keyed_enum! {
    /// A three-valued answer: the fact holds, it does not, or the tables cannot
    /// tell.
    #[derive(
        Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize,
        serde::Deserialize,
    )]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum YesNoUnknown {
        /// The fact holds on the date asked.
        Yes = "yes",
        /// The fact does not hold on the date asked.
        No = "no",
        /// The tables do not settle the question (no record, an unknown start
        /// date, or sources in conflict).
        Unknown = "unknown",
    }
}

/// The answer to a question about a country on a day: a [`YesNoUnknown`], the
/// record it rests on and that record's provenance.
///
/// `record` is `None` when the tables hold nothing for the country (the
/// verdict is then [`YesNoUnknown::No`] for EU membership, whose list is
/// complete, and [`YesNoUnknown::No`] with a note for association, whose list is
/// complete as far as the fact sheet goes).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Answer<R> {
    /// Yes, no or unknown.
    pub verdict: YesNoUnknown,
    /// The record the verdict rests on, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<R>,
    /// Where the verdict comes from.
    pub provenance: Provenance,
    /// Why the verdict is what it is, in a sentence.
    pub note: String,
}

impl<R> Answer<R> {
    /// Whether the verdict is [`YesNoUnknown::Yes`].
    pub fn is_yes(&self) -> bool {
        self.verdict == YesNoUnknown::Yes
    }

    /// The confidence of the provenance behind the verdict.
    pub fn confidence(&self) -> Confidence {
        self.provenance.confidence()
    }
}

/// The answer to "was country C associated to the programme on day D".
pub type AssociationAnswer = Answer<AssociationRecord>;

/// The answer to "was country C an EU member state on day D".
pub type MembershipAnswer = Answer<EuMembership>;

/// A country's membership of the European Union (or, before 1993, of the
/// European Communities), from its accession to its withdrawal if any.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EuMembership {
    /// The member state.
    pub country: CountryCode,
    /// Its English short name.
    pub name: String,
    /// The first day of membership.
    pub accession: NaiveDate,
    /// The last day of membership, for a state that left (the United Kingdom:
    /// 31 January 2020).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_day: Option<NaiveDate>,
    /// Where the dates come from.
    pub provenance: Provenance,
}

impl EuMembership {
    /// Whether the country was a member on `day`.
    pub fn member_on(&self, day: NaiveDate) -> bool {
        day >= self.accession && self.last_day.is_none_or(|last| day <= last)
    }
}

/// The research framework programme an association record concerns.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ResearchProgramme {
    /// Horizon Europe (2021–2027): the programme cohorts 2 to 5 name.
    HorizonEurope,
    /// Horizon 2020 (2014–2020): the programme cohort 1's call named.
    #[serde(rename = "horizon-2020")]
    Horizon2020,
}

/// How far a country takes part in the programme.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum AssociationScope {
    /// The whole programme.
    Full,
    /// The whole programme except the European Innovation Council Fund (the
    /// United Kingdom).
    FullExceptEicFund,
    /// Pillar II only ("Global Challenges and European Industrial
    /// Competitiveness", which holds the Missions).
    PillarIiOnly,
    /// Only some parts of the programme (Switzerland in Horizon 2020,
    /// 2014–2016).
    Partial,
    /// The sources do not settle the scope.
    Unknown,
}

impl AssociationScope {
    /// A label for people (`"Pillar II only"`).
    pub fn label(self) -> &'static str {
        match self {
            AssociationScope::Full => "the whole programme",
            AssociationScope::FullExceptEicFund => "the whole programme except the EIC Fund",
            AssociationScope::PillarIiOnly => "Pillar II only",
            AssociationScope::Partial => "part of the programme",
            AssociationScope::Unknown => "an unknown scope",
        }
    }
}

/// Where a country stands in its association.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum AssociationStatus {
    /// An association agreement applies (possibly provisionally or
    /// retroactively).
    Associated,
    /// Entities are treated as if the country were associated while the
    /// agreement is concluded.
    TransitionalArrangement,
    /// Negotiations are under way; the country is not associated.
    Negotiating,
    /// Sources disagree on whether the country is associated.
    Conflicting,
}

impl AssociationStatus {
    /// A label for people (`"under a transitional arrangement"`).
    pub fn label(self) -> &'static str {
        match self {
            AssociationStatus::Associated => "associated",
            AssociationStatus::TransitionalArrangement => "under a transitional arrangement",
            AssociationStatus::Negotiating => "negotiating association",
            AssociationStatus::Conflicting => "of disputed status",
        }
    }
}

impl ResearchProgramme {
    /// The programme's name (`"Horizon Europe"`).
    pub fn label(self) -> &'static str {
        match self {
            ResearchProgramme::HorizonEurope => "Horizon Europe",
            ResearchProgramme::Horizon2020 => "Horizon 2020",
        }
    }
}

/// One step of a country's association to a research programme.
///
/// A country may have several records (a transitional arrangement, then the
/// agreement). `effective` is the first day the step applies when a source
/// gives it; when a source says only that the step applied *by* some day,
/// `effective` is `None` and `in_force_by` holds that day, so that questions
/// about earlier days are answered [`YesNoUnknown::Unknown`] rather than guessed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AssociationRecord {
    /// The country.
    pub country: CountryCode,
    /// Its English short name.
    pub name: String,
    /// The programme.
    pub programme: ResearchProgramme,
    /// Where the country stands.
    pub status: AssociationStatus,
    /// Which parts of the programme the step covers.
    pub scope: AssociationScope,
    /// The first day the step applies, when known (retroactive dates as the
    /// source gives them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective: Option<NaiveDate>,
    /// A day by which the step is known to apply, when the first day is not
    /// known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force_by: Option<NaiveDate>,
    /// Where the record comes from and how sure it is.
    pub provenance: Provenance,
}

impl AssociationRecord {
    /// The earliest day on which the step is known to apply.
    pub fn known_from(&self) -> Option<NaiveDate> {
        self.effective.or(self.in_force_by)
    }

    /// Whether the step makes the country count as associated (an agreement
    /// or a transitional arrangement).
    pub fn counts_as_associated(&self) -> bool {
        matches!(
            self.status,
            AssociationStatus::Associated | AssociationStatus::TransitionalArrangement
        )
    }
}

/// The built-in country tables: EU membership and association to Horizon
/// Europe and Horizon 2020.
///
/// ```
/// use chrono::NaiveDate;
/// use twinning_core::CountryCode;
/// use twinning_profile::{Countries, YesNoUnknown};
///
/// let gb: CountryCode = "GB".parse()?;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
/// let countries = Countries::builtin();
/// assert_eq!(countries.horizon_europe_association_on(gb, day(2023, 12, 31)).verdict, YesNoUnknown::No);
/// assert_eq!(countries.horizon_europe_association_on(gb, day(2024, 1, 1)).verdict, YesNoUnknown::Yes);
/// assert_eq!(countries.is_eu_member_on(gb, day(2019, 6, 1)).verdict, YesNoUnknown::Yes);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Countries {
    eu: Vec<EuMembership>,
    associations: Vec<AssociationRecord>,
}

static BUILTIN: LazyLock<Countries> = LazyLock::new(|| {
    let mut eu = country_data::eu_memberships();
    eu.sort_by_key(|m| m.country);
    let mut associations = country_data::associations();
    associations.sort_by_key(|r| (r.programme, r.country, r.known_from()));
    Countries { eu, associations }
});

impl Countries {
    /// The built-in tables, built once.
    pub fn builtin() -> &'static Countries {
        &BUILTIN
    }

    /// Tables from your own records (sorted on the way in), for tests and
    /// services with newer information.
    pub fn new(mut eu: Vec<EuMembership>, mut associations: Vec<AssociationRecord>) -> Self {
        eu.sort_by_key(|m| m.country);
        associations.sort_by_key(|r| (r.programme, r.country, r.known_from()));
        Self { eu, associations }
    }

    /// Every EU membership record (current and former members), by country code.
    pub fn eu_memberships(&self) -> &[EuMembership] {
        &self.eu
    }

    /// Every association record, by programme, country and date.
    pub fn association_records(&self) -> &[AssociationRecord] {
        &self.associations
    }

    /// The association records of `country` for `programme`, earliest first.
    pub fn associations_of(
        &self,
        country: CountryCode,
        programme: ResearchProgramme,
    ) -> impl Iterator<Item = &AssociationRecord> {
        self.associations.iter().filter(move |r| r.country == country && r.programme == programme)
    }

    /// The English short name of `country` when the tables know it.
    pub fn name(&self, country: CountryCode) -> Option<&str> {
        self.eu.iter().find(|m| m.country == country).map(|m| m.name.as_str()).or_else(|| {
            self.associations.iter().find(|r| r.country == country).map(|r| r.name.as_str())
        })
    }

    /// Whether `country` was a member state of the EU on `day`.
    ///
    /// The list of member states is complete, so a country without a record
    /// gets [`YesNoUnknown::No`].
    pub fn is_eu_member_on(&self, country: CountryCode, day: NaiveDate) -> MembershipAnswer {
        match self.eu.iter().find(|m| m.country == country) {
            Some(m) => {
                let member = m.member_on(day);
                let note = if member {
                    format!("{} has been a member since {}", m.name, m.accession)
                } else if day < m.accession {
                    format!("{} joined on {}, after {day}", m.name, m.accession)
                } else {
                    format!(
                        "{} left the EU after {}",
                        m.name,
                        m.last_day.map(|d| d.to_string()).unwrap_or_default()
                    )
                };
                Answer {
                    verdict: if member { YesNoUnknown::Yes } else { YesNoUnknown::No },
                    provenance: m.provenance.clone(),
                    record: Some(m.clone()),
                    note,
                }
            }
            None => Answer {
                verdict: YesNoUnknown::No,
                record: None,
                provenance: country_data::eu_list_provenance(),
                note: format!("{country} has never been an EU member state"),
            },
        }
    }

    /// Whether `country` counted as associated to Horizon Europe on `day`.
    ///
    /// An agreement or a transitional arrangement gives [`YesNoUnknown::Yes`]; a
    /// day before a known first day gives [`YesNoUnknown::No`]; a day before a
    /// step whose first day is unknown, or a record whose sources conflict,
    /// gives [`YesNoUnknown::Unknown`]. The scope (full, Pillar II only ...) is in
    /// the returned record: the caller decides whether it suffices.
    pub fn horizon_europe_association_on(
        &self,
        country: CountryCode,
        day: NaiveDate,
    ) -> AssociationAnswer {
        self.association_on(country, day, ResearchProgramme::HorizonEurope)
    }

    /// Whether `country` counted as associated to Horizon 2020 on `day`.
    ///
    /// Horizon 2020 ended in 2020 but cohort 1 (2023) still named its
    /// associated countries, so an association, once effective, is treated
    /// as lasting. The fact sheet does not cover Horizon 2020: every record
    /// is from general knowledge and marked [`Confidence::Uncertain`].
    pub fn horizon_2020_association_on(
        &self,
        country: CountryCode,
        day: NaiveDate,
    ) -> AssociationAnswer {
        self.association_on(country, day, ResearchProgramme::Horizon2020)
    }

    /// Whether `country` was associated to `programme` on `day` (see
    /// [`Countries::horizon_europe_association_on`]).
    pub fn association_on(
        &self,
        country: CountryCode,
        day: NaiveDate,
        programme: ResearchProgramme,
    ) -> AssociationAnswer {
        let records: Vec<&AssociationRecord> = self.associations_of(country, programme).collect();
        if records.is_empty() {
            return Answer {
                verdict: YesNoUnknown::No,
                record: None,
                provenance: country_data::association_list_provenance(programme),
                note: format!("no association of {country} to {} is recorded", programme.label()),
            };
        }
        // The latest step known to apply on `day`.
        let applying = records
            .iter()
            .filter(|r| r.known_from().is_some_and(|from| from <= day))
            .max_by_key(|r| r.known_from());
        if let Some(r) = applying {
            let (verdict, note) = match r.status {
                AssociationStatus::Associated | AssociationStatus::TransitionalArrangement => {
                    let note = format!(
                        "{} is {} to {} for {} on {day}",
                        r.name,
                        r.status.label(),
                        r.programme.label(),
                        r.scope.label()
                    );
                    (YesNoUnknown::Yes, note)
                }
                AssociationStatus::Negotiating => {
                    (YesNoUnknown::No, format!("{} was still negotiating on {day}", r.name))
                }
                AssociationStatus::Conflicting => {
                    (YesNoUnknown::Unknown, format!("sources disagree on {}'s status", r.name))
                }
            };
            return Answer {
                verdict,
                provenance: r.provenance.clone(),
                record: Some((*r).clone()),
                note,
            };
        }
        // Nothing known to apply yet: unknown if a step's start is not known
        // exactly (it may already apply) or the sources conflict.
        let unsettled = records.iter().find(|r| {
            r.status == AssociationStatus::Conflicting
                || (r.counts_as_associated() && r.effective.is_none())
        });
        if let Some(r) = unsettled {
            return Answer {
                verdict: YesNoUnknown::Unknown,
                provenance: r.provenance.clone(),
                record: Some((*r).clone()),
                note: match r.in_force_by {
                    Some(by) if r.status != AssociationStatus::Conflicting => format!(
                        "{}'s association is known to apply by {by}, its first day is not known",
                        r.name
                    ),
                    _ => format!("the sources do not settle {}'s association on {day}", r.name),
                },
            };
        }
        let first = records.iter().min_by_key(|r| r.known_from());
        match first {
            Some(r) => Answer {
                verdict: YesNoUnknown::No,
                provenance: r.provenance.clone(),
                record: Some((*r).clone()),
                note: format!(
                    "{}'s association applies from {}, after {day}",
                    r.name,
                    r.known_from().map(|d| d.to_string()).unwrap_or_default()
                ),
            },
            None => Answer {
                verdict: YesNoUnknown::Unknown,
                record: None,
                provenance: country_data::association_list_provenance(programme),
                note: format!("no usable association record for {country}"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn cc(s: &str) -> CountryCode {
        s.parse().unwrap()
    }

    #[test]
    fn twenty_seven_current_members() {
        let c = Countries::builtin();
        let now = day(2026, 1, 1);
        let members = c.eu_memberships().iter().filter(|m| m.member_on(now)).count();
        assert_eq!(members, 27);
    }

    #[test]
    fn croatia_joined_in_july_2013() {
        let c = Countries::builtin();
        assert_eq!(c.is_eu_member_on(cc("HR"), day(2013, 6, 30)).verdict, YesNoUnknown::No);
        assert_eq!(c.is_eu_member_on(cc("HR"), day(2013, 7, 1)).verdict, YesNoUnknown::Yes);
    }

    #[test]
    fn morocco_had_only_the_2021_22_transitional_arrangement() {
        // EC association updates; sciencebusiness.net.
        let c = Countries::builtin();
        let on = |y, m, d| c.horizon_europe_association_on(cc("MA"), day(y, m, d)).verdict;
        assert_eq!(on(2022, 6, 1), YesNoUnknown::Yes);
        assert_eq!(on(2026, 1, 1), YesNoUnknown::No);
    }

    #[test]
    fn in_force_by_leaves_earlier_days_unknown() {
        let c = Countries::builtin();
        // Tunisia: in force by August 2022, first day not given.
        assert_eq!(
            c.horizon_europe_association_on(cc("TN"), day(2022, 1, 15)).verdict,
            YesNoUnknown::Unknown
        );
        assert_eq!(
            c.horizon_europe_association_on(cc("TN"), day(2022, 9, 1)).verdict,
            YesNoUnknown::Yes
        );
        // Armenia: in the 2021 group, effective retroactively from 1 Jan 2021
        // (ope-connect.urjc.es).
        assert_eq!(
            c.horizon_europe_association_on(cc("AM"), day(2021, 1, 1)).verdict,
            YesNoUnknown::Yes
        );
    }

    #[test]
    fn unrecorded_country_is_not_associated() {
        let c = Countries::builtin();
        let a = c.horizon_europe_association_on(cc("US"), day(2025, 1, 1));
        assert_eq!(a.verdict, YesNoUnknown::No);
        assert!(a.record.is_none());
    }
}
