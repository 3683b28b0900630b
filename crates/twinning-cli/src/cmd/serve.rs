//! `twinning serve` and `twinning serve token create|revoke|list`: the
//! command line only reads its settings and calls `twinning-server`.

use serde_json::json;
use twinning_server::{Config, RateLimit, Store};

use crate::cli::{ServeArgs, ServeCommand, TokenCommand};
use crate::error::{CliError, Status};
use crate::io::Ctx;
use crate::render::{Block, Doc, Table};

/// `twinning serve`.
pub(crate) fn run(ctx: &Ctx, args: ServeArgs) -> Result<Status, CliError> {
    let db_error = |e: twinning_server::Error| {
        CliError::input(format!("{}: {e}", args.db.display()))
            .hint("check the --db path (TWINNING_DB) and its folder's permissions")
    };
    match args.command {
        None => {
            twinning_server::init_logging();
            let rate_limit = (args.rate_limit > 0).then(|| RateLimit::per_second(args.rate_limit));
            let config = Config {
                bind: args.bind,
                db: args.db.clone(),
                rate_limit,
                cors_origins: args.cors_origins.clone(),
                secure_cookies: args.secure_cookies,
                data: std::sync::Arc::new(ctx.data.get()?.clone()), // a bad overlay stops here
                ..Config::default()
            };
            twinning_server::run(config).map_err(|e| match e {
                twinning_server::Error::Io(io) => CliError::input(format!("{}: {io}", args.bind))
                    .hint("is another server on that address? try --bind 127.0.0.1:0"),
                other => db_error(other),
            })?;
            Ok(Status::Ok)
        }
        Some(ServeCommand::Token(t)) => {
            let store = Store::open(&args.db).map_err(db_error)?;
            match t {
                TokenCommand::Create { name } => {
                    let token = store.create_token(&name).map_err(db_error)?;
                    ctx.progress(&format!(
                        "token for {name:?} (shown once; send it as Authorization: Bearer TOKEN):"
                    ));
                    ctx.emit(&format!("{token}\n"))?;
                    Ok(Status::Ok)
                }
                TokenCommand::Revoke { name } => {
                    if store.revoke_token(&name).map_err(db_error)? {
                        ctx.progress(&format!("revoked the token of {name:?}"));
                        Ok(Status::Ok)
                    } else {
                        Err(CliError::input(format!("no active token named {name:?}"))
                            .hint("`twinning serve token list` shows them"))
                    }
                }
                TokenCommand::List => {
                    let tokens = store.tokens().map_err(db_error)?;
                    let mut doc = Doc::new(json!(tokens));
                    let mut t = Table::new(&["Name", "Created", "Revoked"]);
                    for k in &tokens {
                        t.row(vec![
                            k.name.clone(),
                            k.created_at.clone(),
                            k.revoked_at.clone().unwrap_or_default(),
                        ]);
                    }
                    doc.push(Block::Title("Staff tokens".to_owned()));
                    doc.push(Block::Table(t));
                    ctx.emit_doc(&doc)?;
                    Ok(Status::Ok)
                }
            }
        }
    }
}
