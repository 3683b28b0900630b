//! `/v1/pairing`: suggestions by theme affinity, matching with every
//! mechanism, and the independent verification of a result.

use axum::Json;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use twinning_matcher::InstanceSpec;
use twinning_pairing::{
    Interests, Options, PairingInstance, Peer, Seats, Suggestions, scoring_rule, suggest as rank,
};
use twinning_profile::Catalogue;

use axum::extract::State;

use crate::app::AppState;
use crate::body::Body;
use crate::matching::{MatchAnswer, MatchRequest, VerifyAnswer, VerifyRequest};
use crate::openapi::doc;
use crate::problem::{ApiResult, Problem};

/// Cities: a profile document (JSON object), or CSV text — an interests
/// table (`city,country,side,title,themes`) or a registration survey.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub(crate) enum Cities {
    /// CSV text, told apart by its header.
    Csv(String),
    /// A profile document (`twinning schema profile`).
    Profiles(serde_json::Map<String, Value>),
}

/// What to suggest from.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct SuggestRequest {
    /// The cities that want to learn.
    pub(crate) learners: Cities,
    /// The cities that offer practices (default: the catalogue's cohort 5
    /// Mission-minded cities).
    #[serde(default)]
    pub(crate) peers: Option<Cities>,
    /// Seats per peer (default 2).
    #[serde(default)]
    pub(crate) capacity: Option<u32>,
    /// At most this many peers selected (the instance's budget).
    #[serde(default)]
    pub(crate) max_hosts: Option<u32>,
    /// Lowest affinity that makes a partner acceptable (default 1).
    #[serde(default)]
    pub(crate) min_score: Option<u32>,
    /// Cut each list after this many entries (never inside a tie).
    #[serde(default)]
    pub(crate) max_len: Option<usize>,
}

/// Ranked suggestions and the matcher instance they make.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub(crate) struct SuggestAnswer {
    /// How scores are computed.
    pub(crate) scoring_rule: String,
    /// Both sides' ranked lists, with the themes behind each entry.
    pub(crate) suggestions: Suggestions,
    /// The instance document, ready for `/v1/pairing/match`.
    pub(crate) instance: InstanceSpec,
}

/// Reads cities as the command line's `suggest` reads its files.
pub(crate) fn interests(cat: &Catalogue, cities: &Cities, field: &str) -> ApiResult<Interests> {
    let refused = |e: &dyn std::fmt::Display| Problem::invalid(format!("{field}: {e}")).at(field);
    match cities {
        Cities::Csv(text) => {
            let first = text.trim_start_matches('\u{feff}').lines().next().unwrap_or("").trim();
            if first.starts_with("city,") {
                Interests::from_csv(text).map_err(|e| refused(&e))
            } else {
                let doc = twinning_profile::load_csv(text, cat).map_err(|e| refused(&e))?;
                Ok(Interests::from_profiles(&doc.cities))
            }
        }
        Cities::Profiles(map) => {
            let text = Value::Object(map.clone()).to_string();
            let doc = twinning_profile::load_json(&text, cat).map_err(|e| refused(&e))?;
            Ok(Interests::from_profiles(&doc.cities))
        }
    }
}

/// The cohort 5 Mission-minded cities of the catalogue.
pub(crate) fn cohort5_peers(cat: &Catalogue) -> ApiResult<Vec<Peer>> {
    let five = twinning_core::CohortNumber::new(5).map_err(Problem::internal)?;
    Ok(Interests::from_profiles(cat.mission_minded(five)).peers)
}

/// Ranked preference lists by theme affinity, and their instance.
#[utoipa::path(post, path = "/v1/pairing/suggest", tag = "pairing",
    request_body = SuggestRequest,
    responses((status = 200, body = SuggestAnswer), (status = 400, body = doc::Problem), (status = 422, body = doc::Problem)))]
pub(crate) async fn suggest(
    State(state): State<AppState>,
    Body(req): Body<SuggestRequest>,
) -> ApiResult<Json<SuggestAnswer>> {
    let cat = state.data.catalogue();
    let mine = interests(cat, &req.learners, "learners")?;
    if mine.learners.is_empty() {
        return Err(Problem::invalid("no city states a learning goal").at("learners"));
    }
    let peers = match &req.peers {
        Some(p) => interests(cat, p, "peers")?.peers,
        None => cohort5_peers(cat)?,
    };
    if peers.is_empty() {
        return Err(Problem::invalid("no peer offers a tested practice").at("peers"));
    }
    let options = Options { min_score: req.min_score.unwrap_or(1), max_len: req.max_len };
    let suggestions = rank(&mine.learners, &peers, options);
    let seats = Seats { per_host: req.capacity.unwrap_or(2), max_hosts: req.max_hosts };
    let instance = PairingInstance::new(&mine.learners, &peers, &suggestions, seats)
        .map_err(|e| Problem::invalid(e.to_string()).at("learners"))?;
    Ok(Json(SuggestAnswer {
        scoring_rule: scoring_rule(),
        suggestions,
        instance: instance.spec().clone(),
    }))
}

/// Matches an instance with any mechanism; the result comes checked by the
/// independent checker and explained seeker by seeker.
#[utoipa::path(post, path = "/v1/pairing/match", tag = "pairing",
    request_body = MatchRequest,
    responses((status = 200, body = MatchAnswer), (status = 400, body = doc::Problem), (status = 422, body = doc::Problem)))]
pub(crate) async fn match_(Body(req): Body<MatchRequest>) -> ApiResult<Json<MatchAnswer>> {
    crate::matching::run_cancellable(req).await.map_err(Problem::internal)?.map(Json)
}

/// Checks a result against its instance: constraints, stated figures and
/// the stability required.
#[utoipa::path(post, path = "/v1/pairing/verify", tag = "pairing",
    request_body = VerifyRequest,
    responses((status = 200, body = VerifyAnswer), (status = 400, body = doc::Problem), (status = 422, body = doc::Problem)))]
pub(crate) async fn verify(Body(req): Body<VerifyRequest>) -> ApiResult<Json<VerifyAnswer>> {
    tokio::task::spawn_blocking(move || crate::matching::verify(&req))
        .await
        .map_err(Problem::internal)?
        .map(Json)
}
