//! `twinning suggest`: preference lists from theme affinity, written as a
//! matcher instance that `twinning match` reads.

use std::path::Path;

use twinning_pairing::{
    INTEREST_COLUMNS, Interests, Options, PairingInstance, Seats, SuggestAnswer, suggest,
    suggestions_page,
};

use crate::cli::SuggestArgs;
use crate::error::{CliError, Status};
use crate::io::{Ctx, Written, read_text, write_file};
use crate::render::Doc;

/// Reads a profile document (JSON) or a registration-survey CSV (both as
/// `twinning-profile` defines them), or an interests CSV
/// (`city,country,side,title,themes`, told apart by its header).
pub(crate) fn load_profiles(ctx: &Ctx, path: &Path) -> Result<Interests, CliError> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let is_table = matches!(ext.as_deref(), Some("csv" | "tsv" | "txt" | "xlsx" | "xls" | "ods"));
    if is_table {
        let bytes = crate::io::read_bytes(path)?;
        let cat = crate::cmd::catalogue::catalogue_of(ctx)?;
        return Interests::from_table(&bytes, cat).map_err(|e| {
            let hint = match e {
                twinning_pairing::Error::SurveyTable(_) => format!(
                    "an interests CSV has the columns {}; a registration-survey table has {} \
                     and practice_N_title/themes, goal_N_text/themes",
                    INTEREST_COLUMNS.join(","),
                    twinning_profile::CSV_COLUMNS.join(",")
                ),
                _ => "rows are city,country,side,title,themes; side is goal or practice, themes \
                      are theme keys separated by ;"
                    .to_owned(),
            };
            CliError::in_file(path, e).hint(hint)
        });
    }
    let text = read_text(path)?;
    let cat = crate::cmd::catalogue::catalogue_of(ctx)?;
    let doc = twinning_profile::load_json(&text, cat).map_err(|e| {
        CliError::in_file(path, e)
            .hint("a profile document: {\"schema_version\": 1, \"cities\": [...]}")
    })?;
    Ok(Interests::from_profiles(&doc.cities))
}

/// `twinning suggest`.
pub(crate) fn run(ctx: &Ctx, a: &SuggestArgs) -> Result<Status, CliError> {
    let mine = load_profiles(ctx, &a.learners)?;
    if mine.learners.is_empty() {
        return Err(CliError::in_file(&a.learners, "no city states a learning goal")
            .hint("learners need learning goals (side `goal` in an interests CSV)"));
    }
    let peers = match &a.peers {
        Some(p) => load_profiles(ctx, p)?.peers,
        None => Interests::cohort5_peers(crate::cmd::catalogue::catalogue_of(ctx)?)
            .map_err(|e| CliError::internal(e.to_string()))?,
    };
    // Errors name the file they come from: the built-in peers are never empty.
    let peers_file = a.peers.as_deref().unwrap_or(Path::new("the built-in peers"));
    if peers.is_empty() {
        return Err(CliError::in_file(peers_file, "no peer offers a tested practice").hint(
            "peers need tested practices (side `practice` in an interests CSV), or omit --peers",
        ));
    }
    let s = suggest(&mine.learners, &peers, Options { min_score: a.min_score, max_len: a.max_len });
    let seats = Seats { per_host: a.capacity, max_hosts: a.max_hosts };
    let instance = PairingInstance::new(&mine.learners, &peers, &s, seats).map_err(|e| {
        let files = format!("{}, {}", a.learners.display(), peers_file.display());
        CliError::in_file(Path::new(&files), e).hint("every city needs a name of its own")
    })?;
    if let Some(path) = &a.instance {
        let replaced = write_file(path, instance.to_json().as_bytes())? == Written::Replaced;
        ctx.progress(&format!(
            "{} {}: edit the lists if you like, then `twinning match {}`",
            if replaced { "replaced" } else { "wrote" },
            path.display(),
            path.display()
        ));
    }
    let answer = SuggestAnswer::new(&s, &instance);
    ctx.emit_doc(&Doc::with(&answer, suggestions_page(&mine.learners, &peers, &s)))?;
    Ok(Status::Ok)
}
