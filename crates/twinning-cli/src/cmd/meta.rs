//! `twinning completions` and `twinning man`: generated from the clap grammar.

use clap::CommandFactory as _;

use crate::cli::{Cli, Shell};
use crate::error::{CliError, Status};
use crate::io::Ctx;

/// Prints the completion script for `shell`.
pub(crate) fn completions(ctx: &Ctx, shell: Shell) -> Result<Status, CliError> {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    let generator = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    clap_complete::generate(generator, &mut cmd, "twinning", &mut buf);
    ctx.emit(&String::from_utf8_lossy(&buf))?;
    Ok(Status::Ok)
}

/// Prints the man page in roff.
pub(crate) fn man(ctx: &Ctx) -> Result<Status, CliError> {
    let cmd = Cli::command();
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd).render(&mut buf).map_err(|e| CliError::io("the manual page", &e))?;
    ctx.emit(&String::from_utf8_lossy(&buf))?;
    Ok(Status::Ok)
}
