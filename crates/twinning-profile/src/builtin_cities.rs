//! The built-in city tables as Rust data: the 112 Mission Cities, the known
//! Pilot Cities and Twin Cities, and the known twin pairs (FACTS.md §1.5,
//! §4, §4.1). The cohort 5 catalogue lives in `data/catalogue.json`.

use chrono::NaiveDate;
use twinning_core::Provenance;

use crate::{CityKind, CityProfileDraft, CityRole, Role};

/// How sure a table row is.
#[derive(Clone, Copy)]
pub(crate) enum Sure {
    /// Stated by the source.
    Yes,
    /// Deduced; the note gives the reasoning.
    Inferred(&'static str),
    /// Not confirmed by any source seen; the note says what is known.
    Unsure(&'static str),
}

/// A city row: slug, name, variants, kind, part-of, certainty.
pub(crate) struct CityRow {
    pub(crate) slug: &'static str,
    pub(crate) name: &'static str,
    pub(crate) variants: &'static [&'static str],
    pub(crate) kind: CityKind,
    pub(crate) part_of: Option<&'static str>,
    pub(crate) sure: Sure,
}

const fn c(slug: &'static str, name: &'static str, variants: &'static [&'static str]) -> CityRow {
    CityRow { slug, name, variants, kind: CityKind::Municipality, part_of: None, sure: Sure::Yes }
}

const fn metro(
    slug: &'static str,
    name: &'static str,
    variants: &'static [&'static str],
) -> CityRow {
    CityRow {
        slug,
        name,
        variants,
        kind: CityKind::MetropolitanAuthority,
        part_of: None,
        sure: Sure::Yes,
    }
}

const fn unsure(
    slug: &'static str,
    name: &'static str,
    variants: &'static [&'static str],
    note: &'static str,
) -> CityRow {
    CityRow {
        slug,
        name,
        variants,
        kind: CityKind::Municipality,
        part_of: None,
        sure: Sure::Unsure(note),
    }
}

/// The 112 Mission Cities by country: (country, source, cities).
pub(crate) const MISSION_CITIES: &[(&str, &str, &[CityRow])] = &[
    (
        "AT",
        "klimaneutralestadt.at",
        &[c("klagenfurt", "Klagenfurt", &["Klagenfurt am Wörthersee"])],
    ),
    (
        "BE",
        "iclei-europe.org (28 Apr 2022); tovima.com (Leuven label)",
        &[
            c("antwerp", "Antwerpen", &["Antwerp", "Anvers"]),
            metro("brussels", "Brussels-Capital Region", &["Brussels", "Bruxelles", "Brussel"]),
            c("leuven", "Leuven", &["Louvain"]),
            unsure(
                "la-louviere",
                "La Louvière",
                &[],
                "not seen in the sources; needed to bring the EU count to 100",
            ),
        ],
    ),
    ("BG", "ceenergynews.com", &[c("gabrovo", "Gabrovo", &[]), c("sofia", "Sofia", &["Sofiya"])]),
    ("HR", "ceenergynews.com", &[c("zagreb", "Zagreb", &[])]),
    ("CY", "tovima.com (label list)", &[c("limassol", "Limassol", &["Lemesos"])]),
    ("CZ", "ceenergynews.com", &[c("liberec", "Liberec", &[])]),
    (
        "DK",
        "iclei-europe.org; einpresswire (label 12 Oct 2023)",
        &[
            c("aarhus", "Aarhus", &["Århus"]),
            c("copenhagen", "København", &["Copenhagen"]),
            c("sonderborg", "Sønderborg", &["Sonderborg"]),
        ],
    ),
    ("EE", "news.err.ee (28 Apr 2022)", &[c("tartu", "Tartu", &[])]),
    (
        "FI",
        "iclei-europe.org; respublicae.eu",
        &[
            c("espoo", "Espoo", &["Esbo"]),
            c("helsinki", "Helsinki", &["Helsingfors"]),
            c("lahti", "Lahti", &[]),
            c("lappeenranta", "Lappeenranta", &[]),
            c("tampere", "Tampere", &[]),
            c("turku", "Turku", &["Åbo"]),
        ],
    ),
    (
        "FR",
        "cnews.fr; lyonpoleimmo.com",
        &[
            metro("angers", "Angers Loire Métropole", &["Angers"]),
            metro("bordeaux", "Bordeaux Métropole", &["Bordeaux"]),
            metro("dijon", "Dijon Métropole", &["Dijon"]),
            c("dunkerque", "Dunkerque", &["Dunkirk"]),
            metro("grenoble", "Grenoble-Alpes Métropole", &["Grenoble"]),
            c("lyon", "Lyon", &["Lyons"]),
            c("marseille", "Marseille", &["Marseilles"]),
            metro("nantes", "Nantes Métropole", &["Nantes"]),
            c("paris", "Paris", &[]),
        ],
    ),
    (
        "DE",
        "hanse-office.de; stadtvonmorgen.de",
        &[
            c("aachen", "Aachen", &["Aix-la-Chapelle"]),
            c("dortmund", "Dortmund", &[]),
            c("dresden", "Dresden", &[]),
            c("frankfurt-am-main", "Frankfurt am Main", &["Frankfurt"]),
            c("heidelberg", "Heidelberg", &[]),
            c("leipzig", "Leipzig", &[]),
            c("mannheim", "Mannheim", &[]),
            c("munich", "München", &["Munich"]),
            c("munster", "Münster", &[]),
        ],
    ),
    (
        "GR",
        "ekathimerini.com (29 Apr 2022)",
        &[
            c("athens", "Athens", &["Athina", "Αθήνα"]),
            c("ioannina", "Ioannina", &[]),
            c("kalamata", "Kalamata", &[]),
            c("kozani", "Kozani", &[]),
            c("thessaloniki", "Thessaloniki", &["Θεσσαλονίκη", "Salonica"]),
            c("trikala", "Trikala", &[]),
        ],
    ),
    (
        "HU",
        "ceenergynews.com",
        &[c("budapest", "Budapest", &[]), c("miskolc", "Miskolc", &[]), c("pecs", "Pécs", &[])],
    ),
    (
        "IE",
        "iclei-europe.org (Cork); valladolid.es (Dublin)",
        &[c("cork", "Cork", &[]), c("dublin", "Dublin", &["Baile Átha Cliath"])],
    ),
    (
        "IT",
        "ansa.it (Apr 2022); quotidiano.net",
        &[
            c("bergamo", "Bergamo", &[]),
            c("bologna", "Bologna", &[]),
            c("firenze", "Firenze", &["Florence"]),
            c("milano", "Milano", &["Milan"]),
            c("padova", "Padova", &["Padua"]),
            c("parma", "Parma", &[]),
            c("prato", "Prato", &[]),
            c("roma", "Roma", &["Rome"]),
            c("torino", "Torino", &["Turin"]),
        ],
    ),
    ("LV", "ceenergynews.com", &[c("liepaja", "Liepāja", &[]), c("riga", "Rīga", &["Riga"])]),
    (
        "LT",
        "ceenergynews.com; eiturbanmobility.eu",
        &[c("taurage", "Tauragė", &[]), c("vilnius", "Vilnius", &[])],
    ),
    (
        "LU",
        "immotop.lu (11 May 2022); differdange.lu",
        &[c("differdange", "Differdange", &["Déifferdeng", "Differdingen"])],
    ),
    (
        "MT",
        "netzerocities.eu/twin-cities-cohort-2-2024/; NZC 5 Sep 2023",
        &[CityRow {
            slug: "gozo",
            name: "Gozo",
            variants: &["Għawdex"],
            kind: CityKind::MetropolitanAuthority,
            part_of: None,
            sure: Sure::Inferred(
                "Gozo is in the Pilot activity CF4Cities and Pilot cohort 2 was open only to Mission Cities; Malta needs one Mission City for the count of 100",
            ),
        }],
    ),
    (
        "NL",
        "europa-nu.nl; agendastad.nl",
        &[
            c("amsterdam", "Amsterdam", &[]),
            CityRow {
                slug: "eindhoven-helmond",
                name: "Eindhoven and Helmond",
                variants: &["Eindhoven", "Helmond", "Eindhoven & Helmond"],
                kind: CityKind::JointBid,
                part_of: None,
                sure: Sure::Yes,
            },
            c("groningen", "Groningen", &[]),
            c("rotterdam", "Rotterdam", &[]),
            c("the-hague", "Den Haag", &["The Hague", "'s-Gravenhage"]),
            c("utrecht", "Utrecht", &[]),
        ],
    ),
    (
        "PL",
        "ceenergynews.com",
        &[
            c("krakow", "Kraków", &["Cracow"]),
            c("lodz", "Łódź", &[]),
            c("rzeszow", "Rzeszów", &[]),
            c("warszawa", "Warszawa", &["Warsaw"]),
            c("wroclaw", "Wrocław", &[]),
        ],
    ),
    (
        "PT",
        "portugalresident.com",
        &[
            c("guimaraes", "Guimarães", &[]),
            c("lisbon", "Lisboa", &["Lisbon"]),
            c("porto", "Porto", &["Oporto"]),
        ],
    ),
    (
        "RO",
        "ceenergynews.com; viablecities.se (label Oct 2024)",
        &[
            CityRow {
                slug: "bucharest-sector-2",
                name: "Bucharest Sector 2",
                variants: &["Sector 2", "Bucharest, 2nd district", "București Sectorul 2"],
                kind: CityKind::District,
                part_of: Some("Bucharest"),
                sure: Sure::Yes,
            },
            c("cluj-napoca", "Cluj-Napoca", &[]),
            c("suceava", "Suceava", &[]),
        ],
    ),
    ("SK", "ceenergynews.com", &[c("bratislava", "Bratislava", &[]), c("kosice", "Košice", &[])]),
    (
        "SI",
        "sloveniatimes.com",
        &[c("kranj", "Kranj", &[]), c("ljubljana", "Ljubljana", &[]), c("velenje", "Velenje", &[])],
    ),
    (
        "ES",
        "ciclosfera.com; infolibre.es",
        &[
            c("barcelona", "Barcelona", &[]),
            c("madrid", "Madrid", &[]),
            c("sevilla", "Sevilla", &["Seville"]),
            c("valencia", "València", &["Valencia"]),
            c("valladolid", "Valladolid", &[]),
            c("vitoria-gasteiz", "Vitoria-Gasteiz", &["Vitoria", "Gasteiz"]),
            c("zaragoza", "Zaragoza", &["Saragossa"]),
        ],
    ),
    (
        "SE",
        "viablecities.se; news.cision.com",
        &[
            c("gavle", "Gävle", &[]),
            c("goteborg", "Göteborg", &["Gothenburg"]),
            c("helsingborg", "Helsingborg", &[]),
            c("lund", "Lund", &[]),
            c("malmo", "Malmö", &[]),
            c("stockholm", "Stockholm", &[]),
            c("umea", "Umeå", &[]),
        ],
    ),
    (
        "NO",
        "gassnova.no (14 Jun 2022)",
        &[
            c("oslo", "Oslo", &[]),
            c("stavanger", "Stavanger", &[]),
            c("trondheim", "Trondheim", &[]),
        ],
    ),
    (
        "GB",
        "bristolgreencapital.org; placedesignscotland.com",
        &[c("bristol", "Bristol", &[]), c("glasgow", "Glasgow", &[])],
    ),
    (
        "TR",
        "tovima.com (İzmir label)",
        &[
            CityRow {
                slug: "istanbul",
                name: "İstanbul",
                variants: &["Istanbul"],
                kind: CityKind::MetropolitanAuthority,
                part_of: None,
                sure: Sure::Unsure(
                    "not seen explicitly in the sources; the country count is consistent",
                ),
            },
            c("izmir", "İzmir", &["Izmir"]),
        ],
    ),
    ("IL", "viablecities.se (label 8 Oct 2024)", &[c("eilat", "Eilat", &[])]),
    ("AL", "netzerocities.eu/2026/02/16 (label)", &[c("elbasan", "Elbasan", &[])]),
    ("BA", "n1info.ba", &[c("sarajevo", "Sarajevo", &[])]),
    (
        "IS",
        "europa-nu.nl (country only)",
        &[unsure(
            "reykjavik",
            "Reykjavík",
            &["Reykjavik"],
            "the country is confirmed, the city is not named in the sources seen",
        )],
    ),
    (
        "ME",
        "europa-nu.nl (country only)",
        &[unsure(
            "podgorica",
            "Podgorica",
            &[],
            "the country is confirmed, the city is not named in the sources seen",
        )],
    ),
];

/// Cities that are neither Mission Cities nor in the cohort 5 catalogue but
/// held Pilot or Twin roles: (country, row, source).
pub(crate) const OTHER_CITIES: &[(&str, CityRow, &str)] = &[
    ("IE", c("galway", "Galway", &["Gaillimh"]), "netzerocities.eu/2024/05/07/bridging-cities-…"),
    ("SE", c("uppsala", "Uppsala", &[]), "smartcitysweden.com"),
    ("RO", c("alba-iulia", "Alba Iulia", &[]), "climateneutral2030.cityofkozani.gov.gr"),
    ("ES", c("soria", "Soria", &[]), "seed 003; seed 004"),
    ("DE", c("koln", "Köln", &["Cologne", "Koeln"]), "seed 003; seed 004"),
    (
        "TR",
        c("eskisehir", "Eskişehir", &["Eskisehir"]),
        "netzerocities.eu/2024/04/18/innovating-together-…",
    ),
    ("FI", c("oulu", "Oulu", &["Uleåborg"]), "NZC news, 25 Sep 2023"),
    (
        "FR",
        CityRow {
            slug: "courcy",
            name: "Courcy",
            variants: &["Commune de Courcy"],
            kind: CityKind::Municipality,
            part_of: Some("Communauté Urbaine du Grand Reims"),
            sure: Sure::Yes,
        },
        "netzerocities.eu/twin-cities-cohort-2-2024/",
    ),
    (
        "GR",
        c("chalkida", "Chalkida", &["Chalcis", "Chalkida Municipality", "Chalkída"]),
        "netzerocities.eu/twin-cities-cohort-2-2024/",
    ),
    (
        "HU",
        c("szombathely", "Szombathely", &["Municipality of Szombathely City with County Rights"]),
        "netzerocities.eu/twin-cities-cohort-2-2024/",
    ),
    (
        "NL",
        c("amersfoort", "Amersfoort", &["City of Amersfoort"]),
        "netzerocities.eu/twin-cities-cohort-2-2024/",
    ),
    ("ES", c("fuenlabrada", "Fuenlabrada", &[]), "netzerocities.eu/twin-cities-cohort-2-2024/"),
    (
        "ES",
        c(
            "sant-boi-de-llobregat",
            "Sant Boi de Llobregat",
            &["Sant Boi de Llobregat City Council", "Sant Boi"],
        ),
        "netzerocities.eu/twin-cities-cohort-2-2024/",
    ),
    ("GB", c("milton-keynes", "Milton Keynes", &[]), "netzerocities.eu/twin-cities-cohort-2-2024/"),
    ("GB", c("plymouth", "Plymouth", &[]), "netzerocities.eu/twin-cities-cohort-2-2024/"),
];

/// A role to attach to a city: (city slug, role, cohort, since, source, certainty).
pub(crate) type RoleRow =
    (&'static str, Role, Option<u16>, Option<(i32, u32, u32)>, &'static str, Sure);

const PILOT_1: Option<(i32, u32, u32)> = Some((2023, 3, 3));
const PILOT_2: Option<(i32, u32, u32)> = Some((2024, 1, 23));
const PILOT_3: Option<(i32, u32, u32)> = Some((2024, 5, 31));
const TWIN_1: Option<(i32, u32, u32)> = Some((2023, 9, 25));
const TWIN_2: Option<(i32, u32, u32)> = Some((2024, 9, 16));
const P3_NOTE: Sure = Sure::Inferred(
    "the city is named in a cohort 3 Pilot activity's title; selection was in May 2024, the last day of the month is used",
);
const PAIRED: Sure = Sure::Inferred(
    "paired with a cohort 2 Twin City as a Pilot City; which Pilot cohort it belongs to is uncertain, and the role is known to be held by the cohort 2 Twin announcement",
);
const P1_DAY: Sure = Sure::Inferred(
    "Pilot cohort 1 was announced around 1-3 March 2023; 3 March 2023 (climate-kic.org) is used",
);

/// Pilot and Twin roles (FACTS.md §1.5 and §4.1).
pub(crate) const ROLES: &[RoleRow] = &[
    (
        "malmo",
        Role::PilotCity,
        Some(1),
        PILOT_1,
        "smartcitysweden.com; eurocities.eu (26 May 2023)",
        P1_DAY,
    ),
    ("uppsala", Role::PilotCity, Some(1), PILOT_1, "smartcitysweden.com", P1_DAY),
    ("umea", Role::PilotCity, Some(1), PILOT_1, "smartcitysweden.com", P1_DAY),
    ("kozani", Role::PilotCity, Some(1), PILOT_1, "climateneutral2030.cityofkozani.gov.gr", P1_DAY),
    (
        "vitoria-gasteiz",
        Role::PilotCity,
        Some(1),
        PILOT_1,
        "seed 003; itd.upm.es (Spanish multi-city pilot)",
        P1_DAY,
    ),
    ("liberec", Role::PilotCity, Some(1), PILOT_1, "itd.upm.es", P1_DAY),
    ("leuven", Role::PilotCity, Some(1), PILOT_1, "itd.upm.es", P1_DAY),
    (
        "galway",
        Role::PilotCity,
        Some(1),
        PILOT_1,
        "netzerocities.eu/2024/05/07/bridging-cities-…",
        P1_DAY,
    ),
    (
        "budapest",
        Role::PilotCity,
        Some(1),
        PILOT_1,
        "netzerocities.eu/2024/04/18/innovating-together-… (Budapest Cares)",
        P1_DAY,
    ),
    ("nantes", Role::PilotCity, Some(1), PILOT_1, "eurocities.eu (26 May 2023)", P1_DAY),
    ("munich", Role::PilotCity, Some(2), PILOT_2, "climatealliance.org", Sure::Yes),
    ("dortmund", Role::PilotCity, Some(2), PILOT_2, "climatealliance.org", Sure::Yes),
    ("heidelberg", Role::PilotCity, Some(2), PILOT_2, "climatealliance.org", Sure::Yes),
    ("leipzig", Role::PilotCity, Some(2), PILOT_2, "climatealliance.org", Sure::Yes),
    ("dresden", Role::PilotCity, Some(2), PILOT_2, "climatealliance.org", Sure::Yes),
    ("brussels", Role::PilotCity, Some(2), PILOT_2, "climatealliance.org", Sure::Yes),
    ("oslo", Role::PilotCity, Some(2), PILOT_2, "ufukavrupa.org.tr", Sure::Yes),
    ("trondheim", Role::PilotCity, Some(2), PILOT_2, "ufukavrupa.org.tr", Sure::Yes),
    ("pecs", Role::PilotCity, Some(2), PILOT_2, "ufukavrupa.org.tr (Pécs and Miskolc)", Sure::Yes),
    (
        "miskolc",
        Role::PilotCity,
        Some(2),
        PILOT_2,
        "ufukavrupa.org.tr (Pécs and Miskolc)",
        Sure::Yes,
    ),
    (
        "bratislava",
        Role::PilotCity,
        Some(2),
        PILOT_2,
        "ufukavrupa.org.tr (Bratislava and Košice)",
        Sure::Yes,
    ),
    (
        "kosice",
        Role::PilotCity,
        Some(2),
        PILOT_2,
        "ufukavrupa.org.tr (Bratislava and Košice)",
        Sure::Yes,
    ),
    (
        "athens",
        Role::PilotCity,
        Some(3),
        PILOT_3,
        "netzerocities.eu/pilot-cities-cohort-3-2024/ (ASCEND – Athens Superblock)",
        P3_NOTE,
    ),
    (
        "elbasan",
        Role::PilotCity,
        Some(3),
        PILOT_3,
        "netzerocities.eu/pilot-cities-cohort-3-2024/ (Green and Sustainable Energy in Elbasan Buildings)",
        P3_NOTE,
    ),
    (
        "izmir",
        Role::PilotCity,
        Some(3),
        PILOT_3,
        "netzerocities.eu/pilot-cities-cohort-3-2024/ (GCC-SYNERGY, Izmir)",
        P3_NOTE,
    ),
    (
        "thessaloniki",
        Role::PilotCity,
        Some(3),
        PILOT_3,
        "netzerocities.eu/pilot-cities-cohort-3-2024/ (ReGenWesT, Thessaloniki)",
        P3_NOTE,
    ),
    (
        "trikala",
        Role::PilotCity,
        Some(3),
        PILOT_3,
        "netzerocities.eu/pilot-cities-cohort-3-2024/ (Trikala's City Climate Neutrality Hub)",
        P3_NOTE,
    ),
    (
        "lisbon",
        Role::PilotCity,
        None,
        TWIN_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/ (Lx Climate Lab)",
        PAIRED,
    ),
    (
        "klagenfurt",
        Role::PilotCity,
        None,
        TWIN_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/ (CF4Cities)",
        PAIRED,
    ),
    (
        "gozo",
        Role::PilotCity,
        None,
        TWIN_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/ (CF4Cities)",
        PAIRED,
    ),
    (
        "vilnius",
        Role::PilotCity,
        None,
        TWIN_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/ (CF4Cities)",
        PAIRED,
    ),
    (
        "espoo",
        Role::PilotCity,
        None,
        TWIN_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/ (COMET)",
        PAIRED,
    ),
    (
        "copenhagen",
        Role::PilotCity,
        None,
        TWIN_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/ (FLEX4U)",
        PAIRED,
    ),
    (
        "marseille",
        Role::PilotCity,
        None,
        TWIN_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/ (Mars2030ClimatNowAct)",
        PAIRED,
    ),
    (
        "lyon",
        Role::PilotCity,
        None,
        TWIN_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/ (The Climate Hall)",
        PAIRED,
    ),
    (
        "lund",
        Role::PilotCity,
        None,
        TWIN_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/ (CoPilot Lund)",
        PAIRED,
    ),
    (
        "alba-iulia",
        Role::TwinCity,
        Some(1),
        TWIN_1,
        "climateneutral2030.cityofkozani.gov.gr",
        Sure::Yes,
    ),
    ("soria", Role::TwinCity, Some(1), TWIN_1, "seed 003; seed 004", Sure::Yes),
    ("koln", Role::TwinCity, Some(1), TWIN_1, "seed 003; seed 004", Sure::Yes),
    (
        "eskisehir",
        Role::TwinCity,
        Some(1),
        TWIN_1,
        "netzerocities.eu/2024/04/18/innovating-together-…",
        Sure::Yes,
    ),
    (
        "belfast",
        Role::TwinCity,
        Some(1),
        TWIN_1,
        "netzerocities.eu/2024/05/07/bridging-cities-…",
        Sure::Yes,
    ),
    ("oulu", Role::TwinCity, Some(1), TWIN_1, "NZC news, 25 Sep 2023", Sure::Yes),
    (
        "courcy",
        Role::TwinCity,
        Some(2),
        TWIN_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/",
        Sure::Yes,
    ),
    (
        "chalkida",
        Role::TwinCity,
        Some(2),
        TWIN_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/",
        Sure::Yes,
    ),
    (
        "szombathely",
        Role::TwinCity,
        Some(2),
        TWIN_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/",
        Sure::Yes,
    ),
    (
        "amersfoort",
        Role::TwinCity,
        Some(2),
        TWIN_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/",
        Sure::Yes,
    ),
    (
        "fuenlabrada",
        Role::TwinCity,
        Some(2),
        TWIN_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/",
        Sure::Yes,
    ),
    (
        "sant-boi-de-llobregat",
        Role::TwinCity,
        Some(2),
        TWIN_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/",
        Sure::Yes,
    ),
    (
        "milton-keynes",
        Role::TwinCity,
        Some(2),
        TWIN_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/",
        Sure::Yes,
    ),
    (
        "plymouth",
        Role::TwinCity,
        Some(2),
        TWIN_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/",
        Sure::Yes,
    ),
];

/// A known twin pair: (cohort, twin, peers, activity, source).
pub(crate) type PairRow =
    (u16, &'static str, &'static [&'static str], Option<&'static str>, &'static str);

const SPANISH_PILOT: &str = "Spanish multi-city pilot led by Vitoria-Gasteiz; Barcelona and Valencia were also presented as project partners";

/// Known twin pairs.
pub(crate) const PAIRS: &[PairRow] = &[
    (
        1,
        "alba-iulia",
        &["kozani"],
        None,
        "climateneutral2030.cityofkozani.gov.gr/en/netzerocities-twinning-programme/",
    ),
    (1, "soria", &["vitoria-gasteiz"], Some(SPANISH_PILOT), "seed 003; seed 004 (photo caption)"),
    (1, "koln", &["vitoria-gasteiz"], Some(SPANISH_PILOT), "seed 003; seed 004 (photo caption)"),
    (
        1,
        "eskisehir",
        &["budapest"],
        Some("Budapest Cares"),
        "netzerocities.eu/2024/04/18/innovating-together-…",
    ),
    (
        1,
        "belfast",
        &["galway"],
        Some("retrofit programme"),
        "netzerocities.eu/2024/05/07/bridging-cities-…",
    ),
    (
        2,
        "courcy",
        &["lisbon"],
        Some("Lx Climate Lab"),
        "netzerocities.eu/twin-cities-cohort-2-2024/",
    ),
    (
        2,
        "chalkida",
        &["klagenfurt", "gozo", "vilnius"],
        Some(
            "CF4Cities (Climate Funding 4 Cities: Turbocharging Citizen Engagement and Climate Actions)",
        ),
        "netzerocities.eu/twin-cities-cohort-2-2024/",
    ),
    (
        2,
        "szombathely",
        &[],
        Some("MODENT – Modelling energy transitions pathways (Hungary)"),
        "netzerocities.eu/twin-cities-cohort-2-2024/",
    ),
    (
        2,
        "amersfoort",
        &["espoo"],
        Some("COMET – Espoo Climate Community"),
        "netzerocities.eu/twin-cities-cohort-2-2024/",
    ),
    (
        2,
        "fuenlabrada",
        &["copenhagen"],
        Some("FLEX4U – Flexumers4Future"),
        "netzerocities.eu/twin-cities-cohort-2-2024/",
    ),
    (
        2,
        "sant-boi-de-llobregat",
        &["marseille"],
        Some("Mars2030ClimatNowAct – Marseille 2030 Objectif Climat: a just pact to now act"),
        "netzerocities.eu/twin-cities-cohort-2-2024/",
    ),
    (
        2,
        "milton-keynes",
        &["lyon"],
        Some("The Climate Hall – The Climate Hall Lyon 2030"),
        "netzerocities.eu/twin-cities-cohort-2-2024/",
    ),
    (2, "plymouth", &["lund"], Some("CoPilot Lund"), "netzerocities.eu/twin-cities-cohort-2-2024/"),
];

pub(crate) fn provenance(source: &str, sure: Sure) -> Provenance {
    match sure {
        Sure::Yes => Provenance::confirmed(source),
        Sure::Inferred(note) => Provenance::inferred(source, note),
        Sure::Unsure(note) => Provenance::uncertain(source, note),
    }
}

pub(crate) fn day((y, m, d): (i32, u32, u32)) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The day the 112 Mission Cities were announced.
pub(crate) const SELECTION_DAY: (i32, u32, u32) = (2022, 4, 28);

pub(crate) fn draft(country: &str, row: &CityRow, source: &str) -> CityProfileDraft {
    let mut d =
        CityProfileDraft::new(row.slug, row.name, country, row.kind, provenance(source, row.sure));
    d.variants = row.variants.iter().map(|v| (*v).to_owned()).collect();
    d.part_of = row.part_of.map(str::to_owned);
    d
}

pub(crate) fn mission_role(source: &str, sure: Sure) -> CityRole {
    let base = format!(
        "{source}; selection of 28 April 2022 (ec.europa.eu/newsroom/rtd/redirection/item/744369)"
    );
    CityRole {
        role: Role::MissionCity,
        cohort: None,
        since: day(SELECTION_DAY),
        provenance: provenance(&base, sure),
    }
}
