//! The catalogue's pages: what the JSON view holds and what people read,
//! checked against the seed entries they come from.

use twinning_core::Block;
use twinning_profile::{
    Catalogue, CityList, CityListEntry, CityPage, CityQuery, Role, city_list_page, project_list,
    project_list_page, project_page,
};

fn plzen() -> CityPage {
    let cat = Catalogue::builtin();
    let city = cat.find_by_name("Pilsen");
    assert_eq!(city.len(), 1);
    CityPage::new(cat, city[0])
}

#[test]
fn a_city_page_names_its_projects_in_membership_order() {
    // Seed 000: Plzeň follows URBREATH and is a partner of CLIMABOROUGH.
    let page = plzen();
    assert_eq!(page.projects, ["URBREATH", "CLIMABOROUGH"]);
    assert!(!page.mission_city.value, "Plzeň is not one of the 112 Mission Cities");
    let text = page.to_page().to_text();
    assert!(text.starts_with("Plzeň (CZ)\n==========\n"), "{text}");
    assert!(text.contains("Also called: Pilsen, Plzen"), "{text}");
    assert!(text.contains("URBREATH      follower"), "{text}");
}

#[test]
fn a_city_page_serializes_the_profile_with_its_additions() {
    let json = serde_json::to_value(plzen()).unwrap();
    assert_eq!(json["city"]["name"], "Plzeň");
    assert_eq!(json["city"]["country"], "CZ");
    assert_eq!(json["projects"][1], "CLIMABOROUGH");
    assert_eq!(json["mission_city"]["value"], false);
    assert!(json["conflicts"].is_array());
}

#[test]
fn a_mission_city_page_says_so() {
    let cat = Catalogue::builtin();
    let tartu = cat.find_by_name("Tartu");
    let page = CityPage::new(cat, tartu[0]);
    assert!(page.mission_city.value, "Tartu was selected in April 2022");
}

#[test]
fn city_lists_count_their_rows_and_mark_unresolved_names() {
    let cat = Catalogue::builtin();
    let query = CityQuery { role: Some(Role::MissionCity), ..CityQuery::default() };
    let entries: Vec<CityListEntry> =
        cat.search(&query).into_iter().map(|c| CityListEntry::new(cat, c)).collect();
    let page = city_list_page(&entries, CityList::MissionCities);
    let Some(Block::Title(title)) = page.blocks.first() else { panic!("no title") };
    assert_eq!(title, &format!("Mission Cities ({})", entries.len()));
    let Some(Block::Table(table)) = page.blocks.get(1) else { panic!("no table") };
    assert_eq!(table.headers, ["City", "Country", "Kind"]);
    assert_eq!(table.rows.len(), entries.len());
    let unresolved = entries.iter().filter(|e| !e.identified).count();
    let marked = table.rows.iter().filter(|r| r[0].ends_with(" (unresolved)")).count();
    assert_eq!(marked, unresolved);
    // The note on the 2022 selection only under the whole list.
    assert!(matches!(page.blocks.get(2), Some(Block::Text(t)) if t.contains("112 Mission Cities")));
    let one_country = city_list_page(&entries, CityList::MissionCitiesOfCountry);
    assert_eq!(one_country.blocks.len(), 2);
}

#[test]
fn project_lists_filter_by_country_and_theme() {
    let cat = Catalogue::builtin();
    let all = project_list(cat, None, None);
    assert_eq!(all.len(), cat.projects().len());
    let cz = project_list(cat, Some("CZ".parse().unwrap()), None);
    assert!(cz.iter().any(|p| p.acronym == "URBREATH"));
    assert!(cz.len() < all.len());
    for p in &cz {
        let members = cat.in_project(p.slug.as_str());
        assert!(members.iter().any(|(c, _)| c.country().as_str() == "CZ"), "{}", p.acronym);
    }
    let page = project_list_page(&cz);
    assert!(page.to_markdown().starts_with(&format!("# Partner projects ({})", cz.len())));
}

#[test]
fn a_project_page_lists_its_catalogue_cities() {
    let cat = Catalogue::builtin();
    let urbreath = cat.project_by_name("URBREATH").unwrap();
    let text = project_page(cat, urbreath).to_text();
    assert!(text.starts_with("URBREATH\n========\n"), "{text}");
    assert!(text.contains("Plzeň"), "{text}");
}
