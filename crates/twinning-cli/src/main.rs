//! `twinning`: the command line of the twinning crates.
//!
//! Programme staff and city officers use it on their own JSON and CSV files
//! without writing Rust; services in other languages integrate through the
//! same documented JSON formats (`twinning schema` prints them). The guide
//! is `docs/cli.md`; `twinning --help` lists the commands and exit statuses.

mod cli;
mod cmd;
mod data;
mod error;
mod io;
mod render;
mod when;

use std::process::ExitCode;

use clap::Parser as _;

use crate::cli::{
    CatalogueCommand, CatalogueFilters, Cli, CohortCommand, Command, EligibilityCommand,
    MatchCommand, OutputsCommand, RulesArgs,
};
use crate::error::{CliError, Status};
use crate::io::Ctx;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // --help and --version print and exit 0; usage errors are bad
            // input (2), shown like every other error.
            if !err.use_stderr() {
                let _ = err.print();
                return ExitCode::SUCCESS;
            }
            let err = CliError::usage(&err.render().to_string());
            eprintln!("{err}");
            return ExitCode::from(err.code);
        }
    };
    match run(cli) {
        Ok(status) => ExitCode::from(status.code()),
        Err(err) => {
            eprintln!("{err}");
            ExitCode::from(err.code)
        }
    }
}

/// Runs one parsed command line.
fn run(cli: Cli) -> Result<Status, CliError> {
    let format = io::resolve_format(cli.global.format, cli.global.output.as_deref())?;
    let ctx = Ctx {
        format,
        quiet: cli.global.quiet,
        output: cli.global.output,
        data: data::DataSource::new(cli.global.data),
    };
    match cli.command {
        Command::Completions { shell } => cmd::meta::completions(&ctx, shell),
        Command::Man => cmd::meta::man(&ctx),
        Command::Serve(args) => cmd::serve::run(&ctx, args),
        Command::Match(m) => match (m.verify, m.instance) {
            (Some(MatchCommand::Verify { instance, result, stability }), _) => {
                cmd::matching::verify(&ctx, &instance, &result, stability.0)
            }
            (None, Some(instance)) => {
                let opts = cmd::matching::MatchOptions {
                    mechanism: m.mechanism,
                    proposing: m.proposing,
                    max_hosts: m.max_hosts,
                    time_limit: m.time_limit,
                    greedy: m.greedy,
                    seed: m.seed,
                    dot: m.dot,
                    mermaid: m.mermaid,
                };
                cmd::matching::run(&ctx, &instance, &opts)
            }
            (None, None) => Err(CliError::input("no instance file given")
                .hint("twinning match INSTANCE.json, or twinning match verify INSTANCE RESULT")),
        },
        Command::Eligibility(e) => match e {
            EligibilityCommand::Check { rules, applicant } => {
                let (set, at) = rules_and_instant(&rules)?;
                cmd::eligibility::check(&ctx, &set, &applicant, at)
            }
            EligibilityCommand::Batch { rules, applicants, table } => {
                let (set, at) = rules_and_instant(&rules)?;
                cmd::eligibility::batch(&ctx, &set, &applicants, &table, at)
            }
            EligibilityCommand::Rules { cohort, role } => match (cohort, role) {
                (Some(c), Some(r)) => {
                    cmd::eligibility::rules(&ctx, Some(&cmd::eligibility::rule_set(c, r, None)?))
                }
                _ => cmd::eligibility::rules(&ctx, None),
            },
        },
        Command::Outputs(o) => match o {
            OutputsCommand::Validate { file, cohort, number_locale } => cmd::outputs::validate(
                &ctx,
                &file,
                cohort.as_deref(),
                number_locale.unwrap_or_default(),
            ),
            OutputsCommand::Render { file, number_locale } => {
                cmd::outputs::render(&ctx, &file, number_locale.unwrap_or_default())
            }
            OutputsCommand::New { kind, cohort, city, at } => {
                let at = when::instant_or_now(at.as_deref())?;
                cmd::outputs::new(&ctx, kind, &cmd::cohort::resolve(&cohort)?, &city, at)
            }
        },
        Command::Schema { name } => cmd::schema::run(&ctx, name.as_deref()),
        Command::Catalogue(c) => match c {
            CatalogueCommand::Cities { filters, mission_minded } => {
                cmd::catalogue::cities(&ctx, &filters_of(filters, mission_minded), false)
            }
            CatalogueCommand::Projects { filters } => {
                cmd::catalogue::projects(&ctx, &filters_of(filters, false))
            }
            CatalogueCommand::MissionCities { filters } => {
                cmd::catalogue::cities(&ctx, &filters_of(filters, false), true)
            }
            CatalogueCommand::Show { name } => cmd::catalogue::show(&ctx, &name),
        },
        Command::Suggest { learners, peers, capacity, max_hosts, max_len, min_score, instance } => {
            let args = cmd::suggest::SuggestArgs {
                learners: &learners,
                peers: peers.as_deref(),
                capacity,
                max_hosts,
                options: twinning_pairing::Options { min_score, max_len },
                instance: instance.as_deref(),
            };
            cmd::suggest::run(&ctx, &args)
        }
        Command::Demo { out, force, at } => {
            let at = when::instant_or_now(at.as_deref())?;
            cmd::demo::run(&ctx, &out, force, at)
        }
        Command::Cohort(c) => match c {
            CohortCommand::List => cmd::cohort::list(&ctx),
            CohortCommand::Show { cohort, at } => {
                let at = at.as_deref().map(when::parse_instant).transpose()?;
                cmd::cohort::show(&ctx, &cmd::cohort::resolve_in(&ctx, &cohort)?, at)
            }
            CohortCommand::Calendar { cohort } => {
                cmd::cohort::calendar(&ctx, &cmd::cohort::resolve_in(&ctx, &cohort)?)
            }
            CohortCommand::Timeline { cohort } => {
                cmd::cohort::timeline(&ctx, &cmd::cohort::resolve_in(&ctx, &cohort)?)
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
