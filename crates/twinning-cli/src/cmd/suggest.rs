//! `twinning suggest`: preference lists from theme affinity, written as a
//! matcher instance that `twinning match` reads.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{Value, json};
use twinning_matcher::{Instance, InstanceSpec, Limits};
use twinning_profile::{CityProfile, CohortNumber, Role, Theme};

use crate::error::{CliError, Status};
use crate::io::{Ctx, parse_csv, read_text, write_file};
use crate::render::{Block, Doc, Table};
use crate::suggest::{Item, Learner, Options, Peer, Suggestions, preference_json, suggest};

/// The columns of an interests CSV, in order.
pub(crate) const INTEREST_COLUMNS: [&str; 5] = ["city", "country", "side", "title", "themes"];

/// Cities read from a user's file: who wants to learn what, who offers what.
#[derive(Debug, Default)]
pub(crate) struct Profiles {
    /// Cities with learning goals.
    pub(crate) learners: Vec<Learner>,
    /// Cities with tested practices.
    pub(crate) peers: Vec<Peer>,
}

/// A learner from a catalogue or profile-document city (its learning goals).
pub(crate) fn learner_of(c: &CityProfile, id_prefix: &str) -> Learner {
    Learner {
        id: format!("{id_prefix}{}", c.slug()),
        name: c.name().to_owned(),
        goals: c
            .learning_goals()
            .iter()
            .map(|g| Item {
                title: g.text().to_owned(),
                themes: g.themes().iter().copied().collect(),
            })
            .collect(),
    }
}

/// A peer from a catalogue or profile-document city (its tested practices).
pub(crate) fn peer_of(c: &CityProfile) -> Peer {
    Peer {
        id: c.slug().to_string(),
        name: c.name().to_owned(),
        practices: c
            .practices()
            .iter()
            .map(|p| Item {
                title: p.title().to_owned(),
                themes: p.themes().iter().copied().collect(),
            })
            .collect(),
    }
}

/// The cohort 5 Mission-minded cities of the built-in catalogue, as peers.
pub(crate) fn builtin_peers() -> Result<Vec<Peer>, CliError> {
    let cat = crate::cmd::catalogue::catalogue()?;
    let five = CohortNumber::new(5).map_err(|e| CliError::internal(e.to_string()))?;
    Ok(cat.mission_minded(five).filter(|c| !c.practices().is_empty()).map(peer_of).collect())
}

/// Reads a profile document (JSON) or a registration-survey CSV (both as
/// `twinning-profile` defines them), or an interests CSV
/// (`city,country,side,title,themes`, told apart by its header).
pub(crate) fn load_profiles(path: &Path) -> Result<Profiles, CliError> {
    let text = read_text(path)?;
    let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let first_line = text.lines().next().unwrap_or("").trim();
    if is_csv && first_line.starts_with("city,") {
        return parse_interests_csv(path, &text);
    }
    let cat = crate::cmd::catalogue::catalogue()?;
    let doc = if is_csv {
        twinning_profile::load_csv(&text, cat).map_err(|e| {
            CliError::in_file(path, e).hint(format!(
                "an interests CSV has the columns {}; a registration-survey CSV has {} \
                 and practice_N_title/themes, goal_N_text/themes",
                INTEREST_COLUMNS.join(","),
                twinning_profile::CSV_COLUMNS.join(",")
            ))
        })?
    } else {
        twinning_profile::load_json(&text, cat).map_err(|e| {
            CliError::in_file(path, e)
                .hint("a profile document: {\"schema_version\": 1, \"cities\": [...]}")
        })?
    };
    let mut out = Profiles::default();
    for c in &doc.cities {
        if !c.learning_goals().is_empty() {
            out.learners.push(learner_of(c, ""));
        }
        if !c.practices().is_empty() {
            out.peers.push(peer_of(c));
        }
    }
    Ok(out)
}

/// Parses an interests CSV: one row per learning goal (`side` = `goal`) or
/// tested practice (`side` = `practice`); `themes` are theme keys separated
/// by `;` or spaces.
pub(crate) fn parse_interests_csv(path: &Path, text: &str) -> Result<Profiles, CliError> {
    let csv = parse_csv(path, text, "every row needs five fields; quote cells holding commas")?;
    let found: Vec<&str> = csv.headers.iter().collect();
    if found != INTEREST_COLUMNS {
        return Err(CliError::in_file(path, format!("line 1: columns {found:?}"))
            .hint(format!("an interests CSV has the columns {}", INTEREST_COLUMNS.join(","))));
    }
    let mut out = Profiles::default();
    for (line, r) in &csv.rows {
        let cell = |i: usize| r.get(i).unwrap_or("");
        let at = |col: &str, msg: String| {
            CliError::in_file(path, format!("line {line}, column {col}: {msg}")).hint(
                "rows are city,country,side,title,themes; side is goal or practice, themes \
                 are theme keys separated by ;",
            )
        };
        let city = cell(0);
        if city.is_empty() {
            return Err(at("city", "empty city name".to_owned()));
        }
        let country = cell(1);
        if !country.is_empty() {
            country
                .to_ascii_uppercase()
                .parse::<twinning_core::CountryCode>()
                .map_err(|e| at("country", format!("{country:?}: {e}")))?;
        }
        let title = cell(3);
        if title.is_empty() {
            return Err(at("title", "empty title".to_owned()));
        }
        let mut themes = BTreeSet::new();
        for t in cell(4).split([';', ' ']).filter(|t| !t.is_empty()) {
            themes.insert(t.parse::<Theme>().map_err(|_| {
                at("themes", format!("unknown theme {t:?}")).hint(format!(
                    "one of: {}",
                    Theme::ALL.iter().map(|t| t.key()).collect::<Vec<_>>().join(", ")
                ))
            })?);
        }
        if themes.is_empty() {
            return Err(at("themes", "no theme".to_owned()));
        }
        let id = crate::text::slugify(city, "city");
        let item = Item { title: title.to_owned(), themes };
        match cell(2) {
            "goal" => match out.learners.iter_mut().find(|l| l.id == id) {
                Some(l) => l.goals.push(item),
                None => out.learners.push(Learner { id, name: city.to_owned(), goals: vec![item] }),
            },
            "practice" => match out.peers.iter_mut().find(|p| p.id == id) {
                Some(p) => p.practices.push(item),
                None => out.peers.push(Peer { id, name: city.to_owned(), practices: vec![item] }),
            },
            other => return Err(at("side", format!("{other:?}: expected goal or practice"))),
        }
    }
    Ok(out)
}

/// The matcher instance of a set of suggestions: preference lists with
/// ties, one score per acceptable pair (the affinity), host capacities and
/// the budget.
pub(crate) fn instance_json(
    learners: &[Learner],
    peers: &[Peer],
    s: &Suggestions,
    capacity: u32,
    max_hosts: Option<u32>,
) -> Value {
    let seekers: Vec<Value> = learners
        .iter()
        .map(|l| {
            let list = s.learners.get(&l.id).map(|v| preference_json(v)).unwrap_or(json!([]));
            json!({"id": l.id, "preferences": list})
        })
        .collect();
    let hosts: Vec<Value> = peers
        .iter()
        .map(|p| {
            let list = s.peers.get(&p.id).map(|v| preference_json(v)).unwrap_or(json!([]));
            json!({"id": p.id, "capacity": capacity, "preferences": list})
        })
        .collect();
    let mut scores = Vec::new();
    for l in learners {
        for r in s.learners.get(&l.id).into_iter().flatten() {
            scores
                .push(json!({"seeker": l.id, "host": r.id, "score": r.affinity.score.to_string()}));
        }
    }
    let mut doc = json!({"version": 1, "seekers": seekers, "hosts": hosts, "scores": scores});
    if let (Some(k), Value::Object(map)) = (max_hosts, &mut doc) {
        map.insert("max_hosts".to_owned(), json!(k));
    }
    doc
}

/// Checks an instance built here the way `twinning match` will read it, and
/// returns it with its text in the instance document's field order.
pub(crate) fn checked_instance(doc: &Value) -> Result<(Instance, String), CliError> {
    let spec: InstanceSpec = serde_json::from_value(doc.clone())
        .map_err(|e| CliError::internal(format!("the suggested instance is malformed: {e}")))?;
    let instance = Instance::new(&spec, &Limits::default())
        .map_err(|e| CliError::internal(format!("the suggested instance is invalid: {e}")))?;
    let text = serde_json::to_string_pretty(&spec)
        .map_err(|e| CliError::internal(format!("the suggested instance does not print: {e}")))?;
    Ok((instance, format!("{text}\n")))
}

/// Options of `twinning suggest`.
#[derive(Debug, Clone)]
pub(crate) struct SuggestArgs<'a> {
    /// The learners' file.
    pub(crate) learners: &'a Path,
    /// The peers' file; `None`: the built-in cohort 5 Mission-minded cities.
    pub(crate) peers: Option<&'a Path>,
    /// Seats per host.
    pub(crate) capacity: u32,
    /// Budget written into the instance.
    pub(crate) max_hosts: Option<u32>,
    /// Ranking options.
    pub(crate) options: Options,
    /// Where to write the instance.
    pub(crate) instance: Option<&'a Path>,
}

/// `twinning suggest`.
pub(crate) fn run(ctx: &Ctx, a: &SuggestArgs<'_>) -> Result<Status, CliError> {
    let mine = load_profiles(a.learners)?;
    if mine.learners.is_empty() {
        return Err(CliError::in_file(a.learners, "no city states a learning goal")
            .hint("learners need learning goals (side `goal` in an interests CSV)"));
    }
    let peers = match a.peers {
        Some(p) => load_profiles(p)?.peers,
        None => builtin_peers()?,
    };
    if peers.is_empty() {
        return Err(CliError::input("no peer offers a tested practice").hint(
            "peers need tested practices (side `practice` in an interests CSV), or omit --peers",
        ));
    }
    let s = suggest(&mine.learners, &peers, a.options);
    let instance = instance_json(&mine.learners, &peers, &s, a.capacity, a.max_hosts);
    let (_, text) = checked_instance(&instance)?;
    if let Some(path) = a.instance {
        write_file(path, text.as_bytes())?;
        ctx.progress(&format!(
            "wrote {}: edit the lists if you like, then `twinning match {}`",
            path.display(),
            path.display()
        ));
    }
    let doc = suggestions_doc(&mine.learners, &peers, &s, &instance);
    ctx.emit_doc(&doc)?;
    Ok(Status::Ok)
}

/// The report of a set of suggestions: for each learner, its ranked peers
/// with the shared themes that justify each.
pub(crate) fn suggestions_doc(
    learners: &[Learner],
    peers: &[Peer],
    s: &Suggestions,
    instance: &Value,
) -> Doc {
    let mut doc = Doc::new(json!({"suggestions": s, "instance": instance}));
    doc.push(Block::Title("Suggested preferences".to_owned()));
    doc.push(Block::Text(format!(
        "{} learners, {} peers. A peer is suggested when its tested practices share a theme \
         with the learner's goals; {}. Equal scores are ties.",
        learners.len(),
        peers.len(),
        crate::suggest::scoring_text()
    )));
    for l in learners {
        doc.push(Block::Heading(format!("{} ({})", l.name, l.id)));
        let list = s.learners.get(&l.id).map(Vec::as_slice).unwrap_or_default();
        if list.is_empty() {
            doc.push(Block::Text("No peer shares a theme with these goals.".to_owned()));
            continue;
        }
        let mut t = Table::new(&["Rank", "Peer", "Score", "Shared themes"]);
        for r in list {
            let shared: Vec<&str> = r.affinity.shared.iter().map(|x| x.theme.key()).collect();
            t.row(vec![
                r.rank.to_string(),
                r.name.clone(),
                r.affinity.score.to_string(),
                shared.join(", "),
            ]);
        }
        doc.push(Block::Table(t));
    }
    doc
}

/// Whether a catalogue city is a cohort 5 Mission-minded city.
pub(crate) fn is_mission_minded_5(c: &CityProfile) -> bool {
    c.roles().iter().any(|r| r.role == Role::MissionMindedCity && r.cohort.is_some_and(|n| n == 5))
}
