//! `twinning`: the command line of the twinning crates.
//!
//! Programme staff and city officers use it on their own JSON and CSV files
//! without writing Rust; services in other languages integrate through the
//! same documented JSON formats (`twinning schema` prints them). The guide
//! is `docs/cli.md`; `twinning --help` lists the commands and exit statuses.
//!
//! This library is the whole command line: the `twinning` binary is
//! [`main`], and [`run_args`] runs one command line in-process, writing to
//! the writers it is given (the fuzz targets and tests use it).

mod cli;
mod cmd;
mod data;
mod error;
mod io;
mod render;
mod when;

use std::cell::RefCell;
use std::ffi::OsString;
use std::io::{IsTerminal as _, Write};
use std::process::ExitCode;

use clap::Parser as _;

use crate::cli::{
    CatalogueCommand, CatalogueFilters, Cli, CohortCommand, Command, EligibilityCommand,
    MatchCommand, OutputsCommand, RulesArgs,
};
use crate::error::{CliError, Status};
use crate::io::Ctx;

/// Runs one command line as the `twinning` binary does, and returns its
/// exit status (0 yes, 1 no, 2 bad input, 3 undetermined, 4 the output
/// could not be written; `twinning --help` explains them).
///
/// `args` is the whole command line, the program name first, as
/// [`std::env::args_os`] gives it. The answer (and `--help`) goes to `out`,
/// notes, progress and errors to `err`; files are read and written (`-o`,
/// `--instance`, `demo --out`) relative to the current directory, and the
/// path `-` reads standard input, as in the binary. `out` counts as not a
/// terminal. `serve` without `token` runs the server until it stops.
pub fn run_args<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    run_with(args, out, err, false)
}

/// The `twinning` binary: [`run_args`] on the process's arguments,
/// standard output and standard error.
pub fn main() -> ExitCode {
    let terminal = std::io::stdout().is_terminal();
    let (mut out, mut err) = (std::io::stdout(), std::io::stderr());
    ExitCode::from(run_with(std::env::args_os(), &mut out, &mut err, terminal))
}

fn run_with<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write, terminal: bool) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    io::forget_files();
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        // --help and --version print and exit 0; usage errors are bad
        // input (2), shown like every other error.
        Err(e) if !e.use_stderr() => {
            let _ = write!(out, "{}", e.render()).and_then(|()| out.flush());
            return 0;
        }
        Err(e) => {
            let e = CliError::usage(&e.render().to_string());
            let _ = writeln!(err, "{e}");
            return e.code;
        }
    };
    let global = cli.global;
    let result = io::resolve_format(global.format, global.output.as_deref()).and_then(|format| {
        let ctx = Ctx {
            format,
            quiet: global.quiet,
            output: global.output,
            data: data::DataSource::new(global.data),
            terminal,
            out: RefCell::new(&mut *out),
            err: RefCell::new(&mut *err),
        };
        run(&ctx, cli.command)
    });
    match result {
        Ok(status) => status.code(),
        Err(e) => {
            let _ = writeln!(err, "{e}");
            e.code
        }
    }
}

/// Runs one parsed command line.
fn run(ctx: &Ctx<'_>, command: Command) -> Result<Status, CliError> {
    match command {
        Command::Completions { shell } => cmd::meta::completions(ctx, shell),
        Command::Man => cmd::meta::man(ctx),
        Command::Serve(args) => cmd::serve::run(ctx, args),
        Command::Match(m) => match (&m.verify, &m.instance) {
            (Some(MatchCommand::Verify { instance, result, stability }), _) => {
                cmd::matching::verify(ctx, instance, result, stability.0)
            }
            (None, Some(instance)) => cmd::matching::run(ctx, instance, &m),
            (None, None) => Err(CliError::input("no instance file given")
                .hint("twinning match INSTANCE.json, or twinning match verify INSTANCE RESULT")),
        },
        Command::Eligibility(e) => match e {
            EligibilityCommand::Check { rules, applicant } => {
                let (set, at) = rules_and_instant(&rules)?;
                cmd::eligibility::check(ctx, &set, &applicant, at)
            }
            EligibilityCommand::Batch { rules, applicants, table } => {
                let (set, at) = rules_and_instant(&rules)?;
                cmd::eligibility::batch(ctx, &set, &applicants, &table, at)
            }
            EligibilityCommand::Rules { cohort, role } => match (cohort, role) {
                (Some(c), Some(r)) => {
                    cmd::eligibility::rules(ctx, Some(&cmd::eligibility::rule_set(c, r, None)?))
                }
                _ => cmd::eligibility::rules(ctx, None),
            },
        },
        Command::Outputs(o) => match o {
            OutputsCommand::Validate { file, cohort, number_locale } => cmd::outputs::validate(
                ctx,
                &file,
                cohort.as_deref(),
                number_locale.unwrap_or_default(),
            ),
            OutputsCommand::Render { file, number_locale } => {
                cmd::outputs::render(ctx, &file, number_locale.unwrap_or_default())
            }
            OutputsCommand::New { kind, cohort, city, at } => {
                let at = when::instant_or_now(at.as_deref())?;
                cmd::outputs::new(ctx, kind, &cmd::cohort::resolve_in(ctx, &cohort)?, &city, at)
            }
        },
        Command::Schema { name } => cmd::schema::run(ctx, name.as_deref()),
        Command::Catalogue(c) => match c {
            CatalogueCommand::Cities { filters, mission_minded } => {
                cmd::catalogue::cities(ctx, &filters_of(filters, mission_minded), false)
            }
            CatalogueCommand::Projects { filters } => {
                cmd::catalogue::projects(ctx, &filters_of(filters, false))
            }
            CatalogueCommand::MissionCities { filters } => {
                cmd::catalogue::cities(ctx, &filters_of(filters, false), true)
            }
            CatalogueCommand::Show { name } => cmd::catalogue::show(ctx, &name),
        },
        Command::Suggest(args) => cmd::suggest::run(ctx, &args),
        Command::Demo { out, force, at } => {
            let at = when::instant_or_now(at.as_deref())?;
            cmd::demo::run(ctx, &out, force, at)
        }
        Command::Cohort(c) => match c {
            CohortCommand::List => cmd::cohort::list(ctx),
            CohortCommand::Show { cohort, at } => {
                let at = at.as_deref().map(when::parse_instant).transpose()?;
                cmd::cohort::show(ctx, &cmd::cohort::resolve_in(ctx, &cohort)?, at)
            }
            CohortCommand::Calendar { cohort } => {
                cmd::cohort::calendar(ctx, &cmd::cohort::resolve_in(ctx, &cohort)?)
            }
            CohortCommand::Timeline { cohort } => {
                cmd::cohort::timeline(ctx, &cmd::cohort::resolve_in(ctx, &cohort)?)
            }
        },
    }
}

/// The rule set and instant of `--cohort/--role/--rules/--at`.
fn rules_and_instant(
    args: &RulesArgs,
) -> Result<(twinning_eligibility::RuleSet, chrono::DateTime<chrono::FixedOffset>), CliError> {
    let at = when::instant_or_now(args.at.as_deref())?;
    let set = cmd::eligibility::rule_set(args.cohort, args.role, args.rules.as_deref())?;
    Ok((set, at))
}

fn filters_of(f: CatalogueFilters, mission_minded: bool) -> cmd::catalogue::Filters {
    cmd::catalogue::Filters {
        country: f.country,
        project: f.project,
        theme: f.theme,
        mission_minded,
    }
}
