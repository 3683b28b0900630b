use std::str::FromStr;

/// Which of the two families in NetZeroCities' vocabulary a [`Theme`] belongs to.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ThemeFamily {
    /// A sector where emissions arise and are cut.
    EmissionDomain,
    /// A means by which a city changes how it works.
    LeverOfChange,
}

twinning_core::keyed_enum! {
    /// The closed taxonomy of themes that tested practices and learning goals
    /// share, so that "what city A has tested" can be compared with "what city B
    /// wants to learn".
    ///
    /// The five emission domains and six levers of change follow the vocabulary
    /// NetZeroCities uses for climate-neutrality portfolios. A practice or goal
    /// carries one or more themes, so "what A has tested" meets "what B wants to
    /// learn" on the same keys. The [guide](crate::_documentation::guide#why-is-the-theme-taxonomy-closed)
    /// explains why the list is closed and how the catalogue's bullets
    /// map onto it. Serialized in kebab-case (`"mobility"`,
    /// `"citizen-engagement"`); the keys are stable and other crates store them.
    ///
    /// ```
    /// use twinning_profile::{Theme, ThemeFamily};
    ///
    /// let t: Theme = "nature-based-solutions".parse()?;
    /// assert_eq!(t.family(), ThemeFamily::EmissionDomain);
    /// assert_eq!(Theme::ALL.len(), 11);
    /// # Ok::<(), twinning_profile::Error>(())
    /// ```
    #[derive(
        Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize,
        serde::Deserialize,
    )]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum Theme {
        /// Energy systems: generation, district heating and cooling, positive
        /// energy districts, energy communities, grids.
        Energy = "energy",
        /// Mobility and transport: public transport, active mobility (walking,
        /// cycling, micro-mobility), road safety, logistics, parking, the
        /// 15-minute city.
        Mobility = "mobility",
        /// Buildings and the built environment: retrofit, building envelopes,
        /// bioclimatic design, neighbourhood renewal.
        Buildings = "buildings",
        /// Waste and the circular economy: material loops, re-use, circular
        /// neighbourhoods and textiles.
        WasteAndCircularEconomy = "waste-and-circular-economy",
        /// Green infrastructure and nature-based solutions: urban greening, heat
        /// islands, ecosystem restoration, blue-green infrastructure.
        NatureBasedSolutions = "nature-based-solutions",
        /// Governance and policy: mandates, climate plans (SECAP, SUMP), climate
        /// budgets, cross-department structures.
        GovernanceAndPolicy = "governance-and-policy",
        /// Finance and funding: investment plans, EU funding, innovative
        /// financing, procurement.
        FinanceAndFunding = "finance-and-funding",
        /// Citizen engagement and social innovation: participation, co-creation,
        /// behaviour change, justice and inclusion.
        CitizenEngagement = "citizen-engagement",
        /// Data and digital: digital twins, sensors, data platforms, data-driven
        /// planning.
        DataAndDigital = "data-and-digital",
        /// Capacity and learning: living labs, testbeds, peer learning, skills.
        CapacityAndLearning = "capacity-and-learning",
        /// Technology: deploying and testing technical solutions, such as
        /// hydrogen, smart systems or new vehicles.
        Technology = "technology",
    }
}

impl Theme {
    /// The family the theme belongs to.
    pub fn family(self) -> ThemeFamily {
        match self {
            Theme::Energy
            | Theme::Mobility
            | Theme::Buildings
            | Theme::WasteAndCircularEconomy
            | Theme::NatureBasedSolutions => ThemeFamily::EmissionDomain,
            Theme::GovernanceAndPolicy
            | Theme::FinanceAndFunding
            | Theme::CitizenEngagement
            | Theme::DataAndDigital
            | Theme::CapacityAndLearning
            | Theme::Technology => ThemeFamily::LeverOfChange,
        }
    }

    /// A label for people, such as `"Mobility and transport"`.
    pub fn label(self) -> &'static str {
        match self {
            Theme::Energy => "Energy",
            Theme::Mobility => "Mobility and transport",
            Theme::Buildings => "Buildings",
            Theme::WasteAndCircularEconomy => "Waste and circular economy",
            Theme::NatureBasedSolutions => "Green infrastructure and nature-based solutions",
            Theme::GovernanceAndPolicy => "Governance and policy",
            Theme::FinanceAndFunding => "Finance and funding",
            Theme::CitizenEngagement => "Citizen engagement and social innovation",
            Theme::DataAndDigital => "Data and digital",
            Theme::CapacityAndLearning => "Capacity and learning",
            Theme::Technology => "Technology",
        }
    }
}

impl FromStr for Theme {
    type Err = crate::Error;

    /// Parses the kebab-case key (see [`Theme::key`]).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Theme::from_key(s).ok_or_else(|| crate::Error::UnknownTheme { value: s.to_owned() })
    }
}
