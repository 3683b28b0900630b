//! Country names as people write them in forms: English, the country's own
//! languages, and the usual short or older forms.

use crate::{CountryCode, fold_name};

/// `(code, names)`: the EU member states, the EEA and Horizon Europe
/// associated countries and the other countries the programme's sources
/// name. Names are matched through [`fold_name`], so case and accents do
/// not matter (`Ísland`, `island`).
const NAMES: &[(&str, &[&str])] = &[
    ("AL", &["Albania", "Shqipëria", "Shqipëri"]),
    ("AM", &["Armenia", "Hayastan", "Հայաստան"]),
    ("AT", &["Austria", "Österreich"]),
    ("BA", &["Bosnia and Herzegovina", "Bosnia-Herzegovina", "Bosna i Hercegovina"]),
    ("BE", &["Belgium", "België", "Belgique", "Belgien"]),
    ("BG", &["Bulgaria", "България", "Bulgariya"]),
    ("CA", &["Canada"]),
    ("CH", &["Switzerland", "Schweiz", "Suisse", "Svizzera", "Svizra"]),
    ("CY", &["Cyprus", "Κύπρος", "Kıbrıs"]),
    ("CZ", &["Czechia", "Czech Republic", "Česko", "Česká republika"]),
    ("DE", &["Germany", "Deutschland"]),
    ("DK", &["Denmark", "Danmark"]),
    ("EE", &["Estonia", "Eesti"]),
    ("EG", &["Egypt"]),
    ("ES", &["Spain", "España"]),
    ("FI", &["Finland", "Suomi"]),
    ("FO", &["Faroe Islands", "Føroyar", "Færøerne"]),
    ("FR", &["France"]),
    ("GB", &["United Kingdom", "UK", "Great Britain", "Britain"]),
    ("GE", &["Georgia", "Sakartvelo", "საქართველო"]),
    ("GR", &["Greece", "Ελλάδα", "Ελλάς", "Hellas"]),
    ("HR", &["Croatia", "Hrvatska"]),
    ("HU", &["Hungary", "Magyarország"]),
    ("IE", &["Ireland", "Éire"]),
    ("IL", &["Israel"]),
    ("IS", &["Iceland", "Ísland"]),
    ("IT", &["Italy", "Italia"]),
    ("JP", &["Japan"]),
    ("KR", &["South Korea", "Korea", "Republic of Korea"]),
    ("LI", &["Liechtenstein"]),
    ("LT", &["Lithuania", "Lietuva"]),
    ("LU", &["Luxembourg", "Lëtzebuerg", "Luxemburg"]),
    ("LV", &["Latvia", "Latvija"]),
    ("MA", &["Morocco"]),
    ("MD", &["Moldova", "Republic of Moldova"]),
    ("ME", &["Montenegro", "Crna Gora", "Црна Гора"]),
    ("MK", &["North Macedonia", "Северна Македонија", "Severna Makedonija"]),
    ("MT", &["Malta"]),
    ("NL", &["Netherlands", "The Netherlands", "Nederland", "Holland"]),
    ("NO", &["Norway", "Norge", "Noreg"]),
    ("NZ", &["New Zealand", "Aotearoa"]),
    ("PL", &["Poland", "Polska"]),
    ("PT", &["Portugal"]),
    ("RO", &["Romania", "România"]),
    ("RS", &["Serbia", "Србија", "Srbija"]),
    ("SE", &["Sweden", "Sverige"]),
    ("SI", &["Slovenia", "Slovenija"]),
    ("SK", &["Slovakia", "Slovensko"]),
    ("TN", &["Tunisia"]),
    ("TR", &["Türkiye", "Turkey", "Turkiye"]),
    ("UA", &["Ukraine", "Україна", "Ukraina"]),
    ("XK", &["Kosovo", "Kosova"]),
];

impl CountryCode {
    /// The country a form's answer names: an ISO code (`PT`, any case) or
    /// a name in English or the country's own language (`Portugal`,
    /// `Deutschland`, `Česko`, `Ελλάδα`, `Türkiye`), ignoring case and
    /// accents. `None` when the name is not one the table knows.
    ///
    /// ```
    /// use twinning_core::CountryCode;
    ///
    /// assert_eq!(CountryCode::from_name("Deutschland").map(|c| c.to_string()).as_deref(), Some("DE"));
    /// assert_eq!(CountryCode::from_name("czech republic").map(|c| c.to_string()).as_deref(), Some("CZ"));
    /// assert_eq!(CountryCode::from_name("pt").map(|c| c.to_string()).as_deref(), Some("PT"));
    /// assert!(CountryCode::from_name("Atlantis").is_none());
    /// ```
    #[must_use]
    pub fn from_name(name: &str) -> Option<CountryCode> {
        let name = name.trim();
        if let Some(code) =
            Some(name).filter(|n| n.len() == 2).and_then(|n| n.to_ascii_uppercase().parse().ok())
        {
            return Some(code);
        }
        let key = fold_name(name);
        NAMES
            .iter()
            .find(|(_, names)| names.iter().any(|n| fold_name(n) == key))
            .and_then(|(code, _)| code.parse().ok())
    }

    /// The English name of the country when [`CountryCode::from_name`]'s
    /// table knows it.
    #[must_use]
    pub fn english_name(&self) -> Option<&'static str> {
        NAMES
            .iter()
            .find(|(code, _)| *code == self.as_str())
            .and_then(|(_, names)| names.first().copied())
    }
}
