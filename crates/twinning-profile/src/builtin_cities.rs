//! The built-in city tables as Rust data: the 112 Mission Cities, the known
//! Pilot Cities and Twin Cities, and the known twin pairs, each with the
//! public page or seed it comes from. The cohort 5 catalogue lives in
//! `data/catalogue.json`.

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
}

/// A city row: slug, name, variants, kind, part-of, certainty.
pub(crate) struct CityRow {
    pub(crate) slug: &'static str,
    pub(crate) name: &'static str,
    pub(crate) variants: &'static [&'static str],
    pub(crate) kind: CityKind,
    pub(crate) part_of: Option<&'static str>,
    pub(crate) sure: Sure,
    /// The page that confirms this row, when it is not the country's source.
    pub(crate) source: Option<&'static str>,
}

const fn c(slug: &'static str, name: &'static str, variants: &'static [&'static str]) -> CityRow {
    CityRow {
        slug,
        name,
        variants,
        kind: CityKind::Municipality,
        part_of: None,
        sure: Sure::Yes,
        source: None,
    }
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
        source: None,
    }
}

/// A Mission City confirmed by its own page rather than the country's.
const fn confirmed_by(
    slug: &'static str,
    name: &'static str,
    variants: &'static [&'static str],
    kind: CityKind,
    source: &'static str,
) -> CityRow {
    CityRow { slug, name, variants, kind, part_of: None, sure: Sure::Yes, source: Some(source) }
}

/// The page of the Mission Label's May 2025 round (Istanbul, Reykjavík).
const LABEL_MAY_2025: &str = "newseurope.io/2025/05/european-commission-awards-the-eu-mission-label-to-39-new-cities/ (EU Mission Label, May 2025)";

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
            confirmed_by(
                "la-louviere",
                "La Louvière",
                &[],
                CityKind::Municipality,
                "cirbportal.irisnet.be (news-904)",
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
        "timesofmalta.com (article …951340)",
        &[CityRow {
            slug: "gozo",
            name: "Gozo",
            variants: &["Għawdex"],
            kind: CityKind::MetropolitanAuthority,
            part_of: None,
            sure: Sure::Yes,
            source: None,
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
                source: None,
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
                source: None,
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
            confirmed_by(
                "istanbul",
                "İstanbul",
                &["Istanbul"],
                CityKind::MetropolitanAuthority,
                LABEL_MAY_2025,
            ),
            c("izmir", "İzmir", &["Izmir"]),
        ],
    ),
    ("IL", "viablecities.se (label 8 Oct 2024)", &[c("eilat", "Eilat", &[])]),
    ("AL", "netzerocities.eu/2026/02/16 (label)", &[c("elbasan", "Elbasan", &[])]),
    ("BA", "n1info.ba", &[c("sarajevo", "Sarajevo", &[])]),
    ("IS", LABEL_MAY_2025, &[c("reykjavik", "Reykjavík", &["Reykjavik"])]),
    (
        "ME",
        "westernbalkans-infohub.eu (interview with the mayor)",
        &[c("podgorica", "Podgorica", &[])],
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
            source: None,
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
    ("PT", c("braga", "Braga", &[]), SC_TESTES),
    ("PT", c("fundao", "Fundão", &["Fundao"]), SC_TESTES),
    ("PT", c("torres-vedras", "Torres Vedras", &[]), SC_TESTES),
    ("GR", c("penteli", "Penteli", &["Penteli Municipality"]), ENERGIA_GR),
    (
        "GR",
        c("palaio-faliro", "Palaio Faliro", &["Paleo Faliro", "Palaio Faliro Municipality"]),
        ENERGIA_GR,
    ),
    ("GR", c("mytilene", "Mytilene", &["Mytilini"]), ENERGIA_GR),
    (
        "GR",
        c("vari-voula-vouliagmeni", "Vari-Voula-Vouliagmeni", &["Vari Voula Vouliagmeni"]),
        ENERGIA_GR,
    ),
    ("TR", metro("konya", "Konya", &["Konya Metropolitan Municipality"]), UFUKAVRUPA_C1),
    ("UA", c("rivne", "Rivne", &["Rovno"]), UFUKAVRUPA_C1),
    (
        "TR",
        metro(
            "antalya",
            "Antalya",
            &["Antalya Metropolitan Municipality", "Antalya Büyükşehir Belediyesi"],
        ),
        ANTALYA_PAGE,
    ),
    ("ES", c("esplugues-de-llobregat", "Esplugues de Llobregat", &["Esplugues"]), ESMARTCITY_C3),
    ("ES", c("dos-hermanas", "Dos Hermanas", &[]), ESMARTCITY_C3),
    ("ES", c("girona", "Girona", &["Gerona"]), ESMARTCITY_C3),
    ("DK", c("holbaek", "Holbæk", &["Holbaek"]), ESMARTCITY_C3),
    ("PT", c("tomar", "Tomar", &[]), SMART_CITIES_C3),
    ("PT", c("valongo", "Valongo", &[]), SMART_CITIES_C3),
    (
        "TR",
        metro("gaziantep", "Gaziantep", &["Gaziantep Metropolitan Municipality"]),
        ESMARTCITY_C3,
    ),
    ("TR", c("bandirma", "Bandırma", &["Bandirma"]), ESMARTCITY_C3),
    ("TR", c("mentese", "Menteşe", &["Mentese"]), ESMARTCITY_C3),
    ("GR", c("heraklion", "Heraklion", &["Iraklio", "Irakleio", "Ηράκλειο"]), ESMARTCITY_C3),
    ("GR", c("fyli", "Fyli", &["Phyle"]), ESMARTCITY_C3),
    ("GR", c("larisa", "Larisa", &["Larissa"]), ESMARTCITY_C3),
    (
        "RS",
        CityRow {
            slug: "medijana",
            name: "Medijana",
            variants: &[],
            kind: CityKind::District,
            part_of: Some("Niš"),
            sure: Sure::Yes,
            source: None,
        },
        ESMARTCITY_C3,
    ),
    ("GB", c("newcastle-upon-tyne", "Newcastle upon Tyne", &["Newcastle"]), ESMARTCITY_C3),
    ("LV", c("balvi", "Balvi", &[]), ESMARTCITY_C3),
    (
        "FR",
        metro("la-rochelle", "Communauté d'agglomération de La Rochelle", &["La Rochelle"]),
        ESMARTCITY_C3,
    ),
    ("IT", c("pescara", "Pescara", &[]), ESMARTCITY_C3),
    ("IT", c("reggio-emilia", "Reggio Emilia", &["Reggio nell'Emilia"]), ESMARTCITY_C3),
];

const SC_TESTES: &str = "sc-testes.pt/noticias/netzerocities-escolhe-quatro-municipios-portugueses-para-programa-de-cidades-gemeas-09-10/";
const ENERGIA_GR: &str = "energia.gr/article/211150/";
const UFUKAVRUPA_C1: &str = "ufukavrupa.org.tr (28 Sep 2023, Turkish page)";
const ESMARTCITY_C3: &str = "esmartcity.es/2025/01/23/mas-20-ciudades-se-unen-programa-hermanamiento-europeo-descarbonizacion";
const SMART_CITIES_C3: &str = "smart-cities.pt/noticias/tomar-e-valongo-integram-programa-de-neutralidade-climatica-do-netzerocities-28-01/";
const EDIFICIOS_C2: &str = "edificioseenergia.pt/noticias/vila-de-cascais-escolhida-para-integrar-o-projecto-netzerocities/";
const ANTALYA_PAGE: &str =
    "yesilisplatformu.com/surdurulebilir-sehirler-agi-nda-yeni-eslesme-antalya-bukres";
const SMART_CITIES_P2: &str = "smart-cities.pt/noticias/netzerocities-procura-cidades-para-programa-de-descarbonizacao-22-04/";

/// A role to attach to a city: (city slug, role, cohort, since, source, certainty).
pub(crate) type RoleRow =
    (&'static str, Role, Option<u16>, Option<(i32, u32, u32)>, &'static str, Sure);

const PILOT_1: Option<(i32, u32, u32)> = Some((2023, 3, 3));
const PILOT_2: Option<(i32, u32, u32)> = Some((2024, 1, 23));
const PILOT_3: Option<(i32, u32, u32)> = Some((2024, 5, 31));
const TWIN_1: Option<(i32, u32, u32)> = Some((2023, 9, 25));
const TWIN_2: Option<(i32, u32, u32)> = Some((2024, 9, 16));
/// Cohort 3's Twin Cities were announced in January 2025; the first report is
/// dated 23 January 2025 (esmartcity.es). The role starts then, not earlier.
const TWIN_3: Option<(i32, u32, u32)> = Some((2025, 1, 23));
const P3_NOTE: Sure = Sure::Inferred(
    "the city is named in a cohort 3 Pilot activity's title; selection was in May 2024, the last day of the month is used",
);
const PAIRED: Sure = Sure::Inferred(
    "paired with a cohort 2 Twin City as a Pilot City; cohort 2 Twin Cities learn from the second cohort of Pilot Cities (seed 003), announced on 23 January 2024",
);
const P1_DAY: Sure = Sure::Inferred(
    "Pilot cohort 1 was announced around 1-3 March 2023; 3 March 2023 (climate-kic.org) is used",
);

const GUIMARAES_DAY: Sure =
    Sure::Inferred("a Pilot City since March 2023; the first day of the month is used");
const ANTALYA_COHORT: Sure = Sure::Inferred(
    "an 18-month programme paired with Bucharest; the page does not state the cohort, cohort 2 is the likely one",
);
const BUCHAREST_PILOT: Sure = Sure::Inferred(
    "the pages say 'Bucharest'; Pilot cohort 2 was open only to Mission Cities, and Bucharest's Mission City is Sector 2",
);
const ANGERS_PILOT: Sure = Sure::Inferred(
    "a cohort 3 Pilot City paired with Heraklion; Pilot cohort 3 was selected in May 2024, the last day of the month is used",
);

/// Pilot and Twin roles, each with the page that names it.
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
        "klagenfurt",
        Role::PilotCity,
        Some(2),
        PILOT_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/; seed 003 (CF4Cities)",
        PAIRED,
    ),
    (
        "gozo",
        Role::PilotCity,
        Some(2),
        PILOT_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/; seed 003 (CF4Cities)",
        PAIRED,
    ),
    (
        "vilnius",
        Role::PilotCity,
        Some(2),
        PILOT_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/; seed 003 (CF4Cities)",
        PAIRED,
    ),
    (
        "espoo",
        Role::PilotCity,
        Some(2),
        PILOT_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/; seed 003 (COMET)",
        PAIRED,
    ),
    (
        "marseille",
        Role::PilotCity,
        Some(2),
        PILOT_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/; seed 003 (Mars2030ClimatNowAct)",
        PAIRED,
    ),
    (
        "lyon",
        Role::PilotCity,
        Some(2),
        PILOT_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/; seed 003 (The Climate Hall)",
        PAIRED,
    ),
    (
        "lund",
        Role::PilotCity,
        Some(2),
        PILOT_2,
        "netzerocities.eu/twin-cities-cohort-2-2024/; seed 003 (CoPilot Lund)",
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
    ("braga", Role::TwinCity, Some(1), TWIN_1, SC_TESTES, Sure::Yes),
    ("fundao", Role::TwinCity, Some(1), TWIN_1, SC_TESTES, Sure::Yes),
    ("matosinhos", Role::TwinCity, Some(1), TWIN_1, SC_TESTES, Sure::Yes),
    ("torres-vedras", Role::TwinCity, Some(1), TWIN_1, SC_TESTES, Sure::Yes),
    ("penteli", Role::TwinCity, Some(1), TWIN_1, ENERGIA_GR, Sure::Yes),
    ("palaio-faliro", Role::TwinCity, Some(1), TWIN_1, ENERGIA_GR, Sure::Yes),
    ("mytilene", Role::TwinCity, Some(1), TWIN_1, ENERGIA_GR, Sure::Yes),
    ("vari-voula-vouliagmeni", Role::TwinCity, Some(1), TWIN_1, ENERGIA_GR, Sure::Yes),
    ("konya", Role::TwinCity, Some(1), TWIN_1, UFUKAVRUPA_C1, Sure::Yes),
    ("guimaraes", Role::PilotCity, Some(1), Some((2023, 3, 1)), SC_TESTES, GUIMARAES_DAY),
    ("dijon", Role::PilotCity, Some(1), PILOT_1, SC_TESTES, P1_DAY),
    ("turku", Role::PilotCity, Some(1), PILOT_1, SC_TESTES, P1_DAY),
    ("bristol", Role::PilotCity, Some(1), PILOT_1, ENERGIA_GR, P1_DAY),
    ("istanbul", Role::PilotCity, Some(1), PILOT_1, ENERGIA_GR, P1_DAY),
    ("cluj-napoca", Role::PilotCity, Some(1), PILOT_1, ENERGIA_GR, P1_DAY),
    ("rivne", Role::PilotCity, Some(1), PILOT_1, UFUKAVRUPA_C1, P1_DAY),
    ("cascais", Role::TwinCity, Some(2), TWIN_2, EDIFICIOS_C2, Sure::Yes),
    ("antalya", Role::TwinCity, Some(2), TWIN_2, ANTALYA_PAGE, ANTALYA_COHORT),
    ("lisbon", Role::PilotCity, Some(2), PILOT_2, SMART_CITIES_P2, Sure::Yes),
    ("porto", Role::PilotCity, Some(2), PILOT_2, SMART_CITIES_P2, Sure::Yes),
    ("copenhagen", Role::PilotCity, Some(2), PILOT_2, SMART_CITIES_P2, Sure::Yes),
    ("stockholm", Role::PilotCity, Some(2), PILOT_2, SMART_CITIES_P2, Sure::Yes),
    ("zagreb", Role::PilotCity, Some(2), PILOT_2, SMART_CITIES_P2, Sure::Yes),
    ("aarhus", Role::PilotCity, Some(2), PILOT_2, EDIFICIOS_C2, Sure::Yes),
    ("bucharest-sector-2", Role::PilotCity, Some(2), PILOT_2, SMART_CITIES_P2, BUCHAREST_PILOT),
    ("tomar", Role::TwinCity, Some(3), TWIN_3, SMART_CITIES_C3, Sure::Yes),
    ("valongo", Role::TwinCity, Some(3), TWIN_3, SMART_CITIES_C3, Sure::Yes),
    ("esplugues-de-llobregat", Role::TwinCity, Some(3), TWIN_3, ESMARTCITY_C3, Sure::Yes),
    ("dos-hermanas", Role::TwinCity, Some(3), TWIN_3, ESMARTCITY_C3, Sure::Yes),
    ("girona", Role::TwinCity, Some(3), TWIN_3, ESMARTCITY_C3, Sure::Yes),
    ("holbaek", Role::TwinCity, Some(3), TWIN_3, ESMARTCITY_C3, Sure::Yes),
    ("gaziantep", Role::TwinCity, Some(3), TWIN_3, ESMARTCITY_C3, Sure::Yes),
    ("bandirma", Role::TwinCity, Some(3), TWIN_3, ESMARTCITY_C3, Sure::Yes),
    ("mentese", Role::TwinCity, Some(3), TWIN_3, ESMARTCITY_C3, Sure::Yes),
    ("heraklion", Role::TwinCity, Some(3), TWIN_3, ESMARTCITY_C3, Sure::Yes),
    ("fyli", Role::TwinCity, Some(3), TWIN_3, ESMARTCITY_C3, Sure::Yes),
    ("larisa", Role::TwinCity, Some(3), TWIN_3, ESMARTCITY_C3, Sure::Yes),
    ("gent", Role::TwinCity, Some(3), TWIN_3, ESMARTCITY_C3, Sure::Yes),
    ("medijana", Role::TwinCity, Some(3), TWIN_3, ESMARTCITY_C3, Sure::Yes),
    ("newcastle-upon-tyne", Role::TwinCity, Some(3), TWIN_3, ESMARTCITY_C3, Sure::Yes),
    ("balvi", Role::TwinCity, Some(3), TWIN_3, ESMARTCITY_C3, Sure::Yes),
    ("la-rochelle", Role::TwinCity, Some(3), TWIN_3, ESMARTCITY_C3, Sure::Yes),
    ("pescara", Role::TwinCity, Some(3), TWIN_3, ESMARTCITY_C3, Sure::Yes),
    ("reggio-emilia", Role::TwinCity, Some(3), TWIN_3, ESMARTCITY_C3, Sure::Yes),
    ("angers", Role::PilotCity, Some(3), PILOT_3, ESMARTCITY_C3, ANGERS_PILOT),
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
    (1, "braga", &["uppsala"], None, SC_TESTES),
    (1, "fundao", &["turku"], None, SC_TESTES),
    (1, "matosinhos", &["dijon"], None, SC_TESTES),
    (1, "torres-vedras", &["guimaraes"], None, SC_TESTES),
    (1, "penteli", &["bristol"], None, ENERGIA_GR),
    (1, "palaio-faliro", &["nantes"], None, ENERGIA_GR),
    (1, "mytilene", &["istanbul"], None, ENERGIA_GR),
    (1, "vari-voula-vouliagmeni", &["cluj-napoca"], None, ENERGIA_GR),
    (1, "konya", &["rivne"], None, UFUKAVRUPA_C1),
    (2, "cascais", &["aarhus"], None, EDIFICIOS_C2),
    (3, "tomar", &["trondheim"], None, SMART_CITIES_C3),
    (3, "valongo", &["thessaloniki"], None, SMART_CITIES_C3),
    (3, "dos-hermanas", &["athens"], None, ESMARTCITY_C3),
    (3, "heraklion", &["angers"], None, ESMARTCITY_C3),
];

/// Known twin pairs whose cohort or peer is inferred: (pair, note).
pub(crate) const INFERRED_PAIRS: &[(PairRow, &str)] = &[(
    (2, "antalya", &["bucharest-sector-2"], None, ANTALYA_PAGE),
    "an 18-month programme whose cohort the page does not state (cohort 2 is the likely one); the page says 'Bucharest', whose Mission City and likely Pilot City is Sector 2",
)];

pub(crate) fn provenance(source: &str, sure: Sure) -> Provenance {
    match sure {
        Sure::Yes => Provenance::confirmed(source),
        Sure::Inferred(note) => Provenance::inferred(source, note),
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
