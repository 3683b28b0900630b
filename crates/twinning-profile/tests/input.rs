//! Input from users: JSON documents and the survey CSV, one test per class of
//! bad input.

use twinning_core::{Confidence, DocumentError};
use twinning_profile::{
    Catalogue, CityKind, Error, ProjectRole, SCHEMA_VERSION, Theme, load_csv, load_json,
};

fn cat() -> &'static Catalogue {
    Catalogue::try_builtin().unwrap()
}

const PROV: &str = r#"{"source": "city survey", "confidence": "confirmed"}"#;

fn city(slug: &str, name: &str, country: &str, extra: &str) -> String {
    format!(
        r#"{{"slug": "{slug}", "name": "{name}", "country": "{country}", "kind": "municipality"{extra}, "provenance": {PROV}}}"#
    )
}

fn doc(cities: &[String]) -> String {
    format!(r#"{{"schema_version": 1, "cities": [{}]}}"#, cities.join(", "))
}

#[test]
fn a_valid_list_loads_unchanged() {
    let extra = format!(
        r#", "variants": ["Pilsen"], "memberships": [{{"project": "urbreath", "roles": ["follower"], "provenance": {PROV}}}],
        "practices": [{{"slug": "plzen-square", "title": "Square", "themes": ["nature-based-solutions", "mobility"],
                        "quantities": [{{"amount": "4.50", "unit": "ha", "what": "greened", "approximate": true}}], "projects": ["urbreath"]}}],
        "learning_goals": [{{"slug": "plzen-goal", "text": "Learn", "themes": ["finance-and-funding"]}}]"#
    );
    let text =
        doc(&[city("my-plzen", "Plzeň", "CZ", &extra), city("my-mechelen", "Mechelen", "BE", "")]);
    let d = load_json(&text, cat()).unwrap();
    assert_eq!(d.schema_version, SCHEMA_VERSION);
    assert_eq!(d.cities.len(), 2);
    let p = &d.cities[0];
    assert_eq!((p.name(), p.country().as_str(), p.kind()), ("Plzeň", "CZ", CityKind::Municipality));
    assert_eq!(p.variants(), ["Pilsen"]);
    assert_eq!(p.memberships()[0].roles, [ProjectRole::Follower]);
    let practice = &p.practices()[0];
    assert_eq!(practice.themes(), [Theme::NatureBasedSolutions, Theme::Mobility]);
    assert_eq!(practice.quantities()[0].amount().to_string(), "4.50");
    assert!(practice.quantities()[0].is_approximate());
    assert_eq!(p.learning_goals()[0].themes(), [Theme::FinanceAndFunding]);
    // Lossless: the written document loads back equal.
    assert_eq!(load_json(&d.to_json().unwrap(), cat()).unwrap(), d);
}

#[test]
fn one_city_documents_load() {
    let text =
        format!(r#"{{"schema_version": 1, "city": {}}}"#, city("bodrum-x", "Bodrum", "TR", ""));
    assert_eq!(load_json(&text, cat()).unwrap().cities[0].name(), "Bodrum");
}

#[test]
fn unknown_country_is_rejected_with_its_path() {
    let text = doc(&[city("a", "A", "BE", ""), city("b", "B", "UK", "")]);
    match load_json(&text, cat()).unwrap_err() {
        Error::UnknownCountry { path, value, reason } => {
            assert_eq!(path, "cities[1].country");
            assert_eq!(value, "UK");
            assert!(reason.contains("GB"), "{reason}");
        }
        e => panic!("unexpected {e:?}"),
    }
    let text = doc(&[city("a", "A", "XX", "")]);
    assert!(
        matches!(load_json(&text, cat()), Err(Error::UnknownCountry { value, .. }) if value == "XX")
    );
}

#[test]
fn duplicate_ids_are_rejected() {
    let text = doc(&[city("same", "A", "BE", ""), city("same", "B", "BE", "")]);
    match load_json(&text, cat()).unwrap_err() {
        Error::DuplicateId { path, kind, first, .. } => {
            assert_eq!((path.as_str(), kind, first.as_str()), ("cities[1]", "city", "cities[0]"));
        }
        e => panic!("unexpected {e:?}"),
    }
    let practice = r#", "practices": [{"slug": "shared", "title": "T", "themes": ["energy"]}]"#;
    let text = doc(&[city("a", "A", "BE", practice), city("b", "B", "BE", practice)]);
    assert!(matches!(
        load_json(&text, cat()),
        Err(Error::DuplicateId { kind: "practice", path, .. }) if path == "cities[1].practices[0]"
    ));
}

#[test]
fn unknown_project_references_are_rejected() {
    let extra = format!(
        r#", "memberships": [{{"project": "no-such-project", "roles": ["partner"], "provenance": {PROV}}}]"#
    );
    let text = format!(r#"{{"schema_version": 1, "city": {}}}"#, city("a", "A", "BE", &extra));
    assert_eq!(
        load_json(&text, cat()).unwrap_err(),
        Error::UnknownProject {
            path: "city.memberships[0].project".to_owned(),
            value: "no-such-project".to_owned(),
            suggestions: Vec::new(),
        }
    );
    // The same reference is fine once the document defines the project.
    let text = format!(
        r#"{{"schema_version": 1, "city": {}, "projects": [{{"slug": "no-such-project", "acronym": "NSP", "themes": ["energy"], "provenance": {PROV}}}]}}"#,
        city("a", "A", "BE", &extra)
    );
    let d = load_json(&text, cat()).unwrap();
    assert_eq!(d.projects[0].acronym(), "NSP");
    assert!(d.projects[0].full_name().is_none());
}

#[test]
fn empty_names_are_rejected() {
    let text = doc(&[city("a", "  ", "BE", "")]);
    assert_eq!(
        load_json(&text, cat()).unwrap_err(),
        Error::EmptyField { path: "cities[0].name".to_owned(), field: "name" }
    );
}

#[test]
fn wrong_types_name_the_field_and_line() {
    let text = "{\"schema_version\": 1, \"cities\": [\n".to_owned()
        + &city(
            "a",
            "A",
            "BE",
            r#", "practices": [{"slug": "p", "title": "T", "themes": "energy"}]"#,
        )
        + "]}";
    match load_json(&text, cat()).unwrap_err() {
        Error::Document(DocumentError::Json { path, line, .. }) => {
            assert_eq!(path, "cities[0].practices[0].themes");
            assert_eq!(line, 2);
        }
        e => panic!("unexpected {e:?}"),
    }
    let text = doc(&[city(
        "a",
        "A",
        "BE",
        r#", "practices": [{"slug": "p", "title": "T", "themes": ["weather"]}]"#,
    )]);
    assert!(
        matches!(load_json(&text, cat()), Err(Error::Document(DocumentError::Json { path, .. })) if path.ends_with("themes[0]"))
    );
    let text = doc(&[city("a", "A", "BE", r#", "colour": "blue""#)]);
    assert!(matches!(load_json(&text, cat()), Err(Error::Document(DocumentError::Json { .. }))));
    assert!(matches!(
        load_json("{not json", cat()),
        Err(Error::Document(DocumentError::Json { line: 1, .. }))
    ));
}

#[test]
fn other_rule_breaks_are_invalid_values() {
    let text = doc(&[city("Bad Slug", "A", "BE", "")]);
    assert!(
        matches!(load_json(&text, cat()), Err(Error::InvalidValue { path, .. }) if path == "cities[0].slug")
    );
    let role = format!(r#", "roles": [{{"role": "twin-city", "provenance": {PROV}}}]"#);
    let text = doc(&[city("a", "A", "BE", &role)]);
    assert!(
        matches!(load_json(&text, cat()), Err(Error::InvalidValue { path, .. }) if path == "cities[0].roles[0].cohort")
    );
    let themes =
        r#", "learning_goals": [{"slug": "g", "text": "T", "themes": ["energy", "energy"]}]"#;
    let text = doc(&[city("a", "A", "BE", themes)]);
    assert!(
        matches!(load_json(&text, cat()), Err(Error::InvalidValue { path, .. }) if path == "cities[0].learning_goals[0].themes[1]")
    );
    let goal = r#", "learning_goals": [{"slug": "same-goal", "text": "T", "themes": ["energy"]}]"#;
    let text = doc(&[city("a", "A", "BE", goal), city("b", "B", "BE", goal)]);
    assert!(matches!(
        load_json(&text, cat()),
        Err(Error::DuplicateId { kind: "learning-goal", .. })
    ));
    let text = format!(
        r#"{{"schema_version": 1, "cities": [], "conflicts": [{{"slug": "x", "description": "d", "provenance": {PROV}}}]}}"#
    );
    assert!(
        matches!(load_json(&text, cat()), Err(Error::InvalidValue { path, .. }) if path == "conflicts")
    );
    let text = r#"{"schema_version": 2, "cities": []}"#;
    assert_eq!(
        load_json(text, cat()).unwrap_err().to_string(),
        "profile json has schema_version 2; this build reads schema_version 1"
    );
}

#[test]
fn oversized_documents_are_refused_before_parsing() {
    let text = " ".repeat(twinning_profile::MAX_DOCUMENT_BYTES + 1);
    assert!(matches!(
        load_json(&text, cat()),
        Err(Error::Document(DocumentError::TooLarge { .. }))
    ));
}

const HEADER: &str = "slug,name,variants,country,kind,part_of,climate_neutrality_target,projects,practice_1_title,practice_1_themes,practice_1_projects,goal_1_text,goal_1_themes";

#[test]
fn a_survey_export_loads() {
    let text = format!(
        "{HEADER}\n\
         my-basaksehir,Başakşehir,Basaksehir,TR,district,İstanbul,2053,multigination:pilot; coenerbuild,Participation tools,citizen-engagement; data-and-digital,multigination,Learn digital twins,data-and-digital\n\
         my-gent,Gent,Ghent;Gand,BE,,,,,,,,,\n"
    );
    let d = load_csv(&text, cat()).unwrap();
    assert_eq!(d.cities.len(), 2);
    let b = &d.cities[0];
    assert_eq!(
        (b.name(), b.kind(), b.part_of()),
        ("Başakşehir", CityKind::District, Some("İstanbul"))
    );
    assert_eq!(b.climate_neutrality_target().unwrap().value, 2053);
    let roles: Vec<(&str, ProjectRole)> =
        b.memberships().iter().map(|m| (m.project.as_str(), m.roles[0])).collect();
    assert_eq!(
        roles,
        [("multigination", ProjectRole::Pilot), ("coenerbuild", ProjectRole::Partner)]
    );
    assert_eq!(b.practices()[0].slug().as_str(), "my-basaksehir-practice-1");
    assert_eq!(b.practices()[0].themes(), [Theme::CitizenEngagement, Theme::DataAndDigital]);
    assert_eq!(b.learning_goals()[0].text(), "Learn digital twins");
    assert!(b.provenance().source().contains("csv line 2"));
    assert_eq!(b.provenance().confidence(), Confidence::Confirmed);
    let g = &d.cities[1];
    assert_eq!(g.variants(), ["Ghent", "Gand"]);
    assert!(g.practices().is_empty() && g.learning_goals().is_empty());
    assert_eq!(g.kind(), CityKind::Municipality);
}

#[test]
fn a_malformed_csv_row_names_its_line() {
    let text = "slug,name,country\na,A,BE\nb,B,BE,extra\n";
    match load_csv(text, cat()).unwrap_err() {
        Error::Csv { line, column, .. } => assert_eq!((line, column.as_str()), (3, "row")),
        e => panic!("unexpected {e:?}"),
    }
}

#[test]
fn csv_cells_are_checked_with_line_and_column() {
    let unknown_col = "slug,name,country,colour\na,A,BE,blue\n";
    assert!(
        matches!(load_csv(unknown_col, cat()), Err(Error::Csv { line: 1, column, .. }) if column == "colour")
    );
    let missing = "slug,name\na,A\n";
    assert!(
        matches!(load_csv(missing, cat()), Err(Error::Csv { column, .. }) if column == "country")
    );
    let theme = "slug,name,country,practice_1_title,practice_1_themes\na,A,BE,T,weather\n";
    assert!(matches!(
        load_csv(theme, cat()),
        Err(Error::Csv { line: 2, column, value, .. }) if column == "practice_1_themes" && value == "weather"
    ));
    let year = "slug,name,country,climate_neutrality_target\na,A,BE,soon\n";
    assert!(matches!(load_csv(year, cat()), Err(Error::Csv { line: 2, .. })));
    let role = "slug,name,country,projects\na,A,BE,spine:captain\n";
    assert!(
        matches!(load_csv(role, cat()), Err(Error::Csv { column, .. }) if column == "projects")
    );
}

#[test]
fn csv_rows_go_through_the_same_checks_as_json() {
    let country = "slug,name,country\na,A,BE\nb,B,EL\n";
    assert!(
        matches!(load_csv(country, cat()), Err(Error::UnknownCountry { path, .. }) if path == "line 3.country")
    );
    let name = "slug,name,country\na,,BE\n";
    assert!(
        matches!(load_csv(name, cat()), Err(Error::EmptyField { path, .. }) if path == "line 2.name")
    );
    let dup = "slug,name,country\na,A,BE\na,A2,BE\n";
    assert!(
        matches!(load_csv(dup, cat()), Err(Error::DuplicateId { path, first, .. }) if path == "line 3" && first == "line 2")
    );
    let project = "slug,name,country,projects\na,A,BE,urbeath:follower\n";
    let err = load_csv(project, cat()).unwrap_err();
    assert!(matches!(&err, Error::UnknownProject { value, .. } if value == "urbeath"));
    // The slug is one letter short of `urbreath`: the message asks.
    assert!(err.to_string().ends_with("did you mean 'urbreath'?"), "{err}");
}

#[test]
fn documents_extend_the_catalogue_but_cannot_shadow_it() {
    let text = doc(&[city("my-town", "Mytown", "IE", "")]);
    let both = cat().extended_with(load_json(&text, cat()).unwrap()).unwrap();
    assert_eq!(both.cities().len(), cat().cities().len() + 1);
    assert_eq!(both.find_by_name("mytown")[0].country().as_str(), "IE");
    let text = doc(&[city("gent", "Gent", "BE", "")]);
    let shadow = load_json(&text, cat()).unwrap();
    assert!(matches!(cat().extended_with(shadow), Err(Error::DuplicateId { kind: "city", .. })));
}

#[test]
fn a_survey_table_reads_the_same_from_excel_files() {
    // The same two rows as `a_survey_export_loads`, as Excel writes them in
    // a continental locale: UTF-8 with a byte order mark, `;`, CRLF; and as
    // an `.xlsx` workbook (written by `twinning_core::write_xlsx`, read back
    // by calamine).
    let rows = [
        [
            "my-basaksehir",
            "Başakşehir",
            "Basaksehir",
            "TR",
            "district",
            "İstanbul",
            "2053",
            "multigination:pilot; coenerbuild",
            "Participation tools",
            "citizen-engagement; data-and-digital",
            "multigination",
            "Learn digital twins",
            "data-and-digital",
        ],
        ["my-gent", "Gent", "Ghent;Gand", "BE", "", "", "", "", "", "", "", "", ""],
    ];
    let comma: String = rows
        .iter()
        .map(|r| {
            r.map(|c| if c.contains(',') { format!("\"{c}\"") } else { c.to_owned() }).join(",")
        })
        .map(|l| format!("{l}\n"))
        .collect();
    let expected = load_csv(&format!("{HEADER}\n{comma}"), cat()).unwrap();
    let semicolon: String = rows
        .iter()
        .map(|r| {
            r.map(|c| if c.contains(';') { format!("\"{c}\"") } else { c.to_owned() }).join(";")
        })
        .map(|l| format!("{l}\r\n"))
        .collect();
    let text = format!("\u{feff}{}\r\n{semicolon}", HEADER.replace(',', ";"));
    let options = twinning_core::TableOptions::default();
    let read = twinning_profile::load_table(text.as_bytes(), &options, cat()).unwrap();
    assert_eq!(read.cities, expected.cities);

    let headers: Vec<String> = HEADER.split(',').map(str::to_owned).collect();
    let body: Vec<Vec<String>> = rows.iter().map(|r| r.map(str::to_owned).to_vec()).collect();
    let xlsx = twinning_core::write_xlsx(&[twinning_core::SheetOut {
        name: "Survey",
        headers: &headers,
        rows: &body,
    }])
    .unwrap();
    let read = twinning_profile::load_table(&xlsx, &options, cat()).unwrap();
    assert_eq!(read.cities.len(), 2);
    assert_eq!(read.cities[0].name(), "Başakşehir");
    assert_eq!(read.cities[1].variants(), expected.cities[1].variants());
}
