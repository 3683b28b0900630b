//! The command-line grammar (clap derive). Each subcommand's `after_help`
//! carries worked examples; `twinning man` and `twinning completions` are
//! generated from these definitions.

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};
use twinning_cohort::{CohortNumber, OutputKind, Role};
use twinning_core::{Keyed, NumberLocale};
use twinning_matcher::{MechanismKind, Side, Stability};

use crate::cmd::eligibility::role_parser;
use crate::render::Format;

/// Plan, check and match cities for the EU Cities Mission's Twinning
/// Learning Programme.
#[derive(Debug, Parser)]
#[command(
    name = "twinning",
    version,
    about = "Check, match and plan cities in the EU Cities Mission's twinning programme",
    long_about = None,
    after_help = TOP_HELP,
    max_term_width = 80,
    disable_help_flag = true
)]
pub(crate) struct Cli {
    /// Options every command accepts.
    #[command(flatten)]
    pub(crate) global: GlobalArgs,
    /// The command to run.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The end of `twinning --help`: exit statuses, then examples.
const TOP_HELP: &str = "\
Exit status:
  0  done; the answer is yes (eligible, stable, valid)
  1  the answer is no (ineligible, no super-stable matching, problems found)
  2  bad input: unreadable or malformed file, unknown name, bad value
  3  undetermined: information needed for the answer is missing
  4  the output could not be written

Examples:
  twinning demo
  twinning cohort show 5 --at 2026-03-01
  twinning match instance.json --mechanism welfare
  twinning COMMAND --help";

/// Options every command accepts.
#[derive(Debug, Args)]
pub(crate) struct GlobalArgs {
    /// Output format [default: table, or as -o FILE.csv/.xlsx/.json/.md]
    #[arg(long, short = 'f', global = true, value_enum)]
    pub(crate) format: Option<Format>,
    /// No progress or notes on standard error; only the answer and errors.
    #[arg(long, short = 'q', global = true)]
    pub(crate) quiet: bool,
    /// Write the answer to FILE instead of standard output.
    #[arg(long, short = 'o', global = true, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// Data overlay (JSON) with facts newer than the built-in data
    // Cities, roles, pairs, memberships, cohorts published since the
    // release: docs/data.md; `twinning schema overlay` prints the shape.
    #[arg(long, global = true, value_name = "PATH", env = "TWINNING_DATA")]
    pub(crate) data: Option<PathBuf>,
    /// Print help.
    // `-h` prints the same as `--help`: clap's short form puts each
    // description beside its option, which does not fit 80 columns.
    #[arg(long, short = 'h', global = true, action = clap::ArgAction::HelpLong)]
    pub(crate) help: Option<bool>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Match seekers with hosts (instance file), or verify a result.
    #[command(
        args_conflicts_with_subcommands = true,
        subcommand_negates_reqs = true,
        after_help = "Under a budget the whole command ends within --time-limit seconds (default\n10; --time-limit none or 0: no limit): reading the instance, the search,\nexplaining and writing the answer. The search stops early enough to leave\ntime for the report and reports the best matching found with its gap; an\nexplanation that would not fit explains the first seekers only and says so;\na limit too short to read the instance and answer is refused (exit 2).\nPast one second the search prints its incumbent, bound and gap on standard\nerror (not with --quiet).\n\nExamples:\n  twinning match instance.json --mechanism deferred-acceptance\n  twinning match instance.json --mechanism welfare --max-hosts 10 --time-limit 5\n  twinning match instance.json --format json -o result.json\n  twinning match instance.json --mermaid\n  twinning match verify instance.json result.json"
    )]
    Match(MatchArgs),
    /// Eligibility of applicants under a cohort's rules, explained.
    #[command(
        subcommand,
        after_help = "Examples:\n  twinning eligibility check --cohort 2 --role twin plymouth.json\n  twinning eligibility batch --cohort 2 --role twin applicants.csv\n  twinning eligibility rules --cohort 5 --role mission-minded"
    )]
    Eligibility(EligibilityCommand),
    /// Learning-output documents: validate, render, start a new one.
    #[command(
        subcommand,
        after_help = "An action plan can also be a workbook to fill in (-o plan.xlsx): a row per\naction in Actions, rows naming their action in Funding, KPIs and Risks;\n`outputs validate plan.xlsx` reads it back and names the cell of a problem.\n\nExamples:\n  twinning outputs new action-plan --cohort 5 --city Kalamata -o plan.json\n  twinning outputs new action-plan --cohort 5 --city Kalamata -o plan.xlsx\n  twinning outputs validate plan.json\n  twinning outputs render plan.json --format markdown -o plan.md"
    )]
    Outputs(OutputsCommand),
    /// JSON Schema of every document the command line reads or writes.
    #[command(
        after_help = "Examples:\n  twinning schema\n  twinning schema instance > instance.schema.json\n  twinning schema --format json > all-schemas.json"
    )]
    Schema {
        /// The document type (omit to list them).
        #[arg(value_name = "TYPE")]
        name: Option<String>,
    },
    /// The built-in catalogue: cities, partner projects, Mission Cities.
    #[command(
        subcommand,
        after_help = "Examples:\n  twinning catalogue cities --mission-minded\n  twinning catalogue projects --country PT\n  twinning catalogue show pilsen"
    )]
    Catalogue(CatalogueCommand),
    /// Suggest preference lists by theme affinity; write an instance.
    #[command(
        after_help = "An interests CSV has the columns city,country,side,title,themes; side is goal\nor practice, themes are theme keys separated by ';'. JSON files are profile\ndocuments (twinning-profile). Without --peers, the peers are the cohort 5\nMission-minded cities of the built-in catalogue.\n\nExamples:\n  twinning suggest --learners interests.csv --instance instance.json\n  twinning suggest --learners cities.json --peers peers.json --max-hosts 5"
    )]
    Suggest(SuggestArgs),
    /// Run cohort 5 end to end on the built-in data and write the files.
    #[command(
        after_help = "Prints a short summary; the whole run is in DIR/report.md, next to\ninstance.json, result.json, eligibility.json, suggestions.json and\ncohort-5.ics. The Mission Cities' interests are SAMPLE data.\n\nExamples:\n  twinning demo\n  twinning demo --out ./twinning-out --at 2026-05-01T12:00+02:00\n  twinning demo --format json --quiet"
    )]
    Demo {
        /// The folder to write into (created if missing; see --force).
        #[arg(long, value_name = "DIR", default_value = "twinning-out")]
        out: PathBuf,
        /// Write into a folder that holds files (the demo's replaced)
        #[arg(long)]
        force: bool,
        /// The run instant (default: now); everything else is fixed.
        #[arg(long, value_name = "INSTANT")]
        at: Option<String>,
    },
    /// Cohorts: facts, calls, phases and milestones with their sources.
    #[command(
        subcommand,
        after_help = "Examples:\n  twinning cohort list\n  twinning cohort show 5 --at 2026-03-01\n  twinning cohort calendar 5 -o cohort-5.ics"
    )]
    Cohort(CohortCommand),
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  twinning completions bash > /etc/bash_completion.d/twinning\n  twinning completions zsh > ~/.zfunc/_twinning\n  twinning completions fish > ~/.config/fish/completions/twinning.fish"
    )]
    Completions {
        /// The shell.
        shell: Shell,
    },
    /// Serve the HTTP API; cohort runs kept in a SQLite file.
    #[command(
        after_help = "Staff routes (/v1/runs) need a bearer token made with `twinning serve token\ncreate NAME`. Logs are JSON lines on standard error (TWINNING_LOG=debug for\nmore). The guide is docs/server.md.\n\nExamples:\n  twinning serve\n  twinning serve --bind 0.0.0.0:8080 --db /var/lib/twinning/twinning.db\n  twinning serve token create alice\n  twinning serve token list\n  twinning serve token revoke alice"
    )]
    Serve(ServeArgs),
    /// Print the manual page (roff), generated from this help.
    #[command(after_help = "Examples:\n  twinning man > twinning.1 && man ./twinning.1")]
    Man,
}

/// `twinning suggest`.
#[derive(Debug, Args)]
pub(crate) struct SuggestArgs {
    /// Cities that want to learn: their learning goals (CSV or JSON).
    #[arg(long, value_name = "FILE")]
    pub(crate) learners: PathBuf,
    /// Cities that offer tested practices (default: built-in cohort 5).
    #[arg(long, value_name = "FILE")]
    pub(crate) peers: Option<PathBuf>,
    /// Seats per peer (host capacity) in the instance.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub(crate) capacity: u32,
    /// At most K peers selected (the instance's budget).
    #[arg(long, value_name = "K")]
    pub(crate) max_hosts: Option<u32>,
    /// Cut each list after N entries (never inside a tie).
    #[arg(long, value_name = "N")]
    pub(crate) max_len: Option<usize>,
    /// Lowest affinity score that makes a partner acceptable.
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub(crate) min_score: u32,
    /// Write the matcher instance to FILE.
    #[arg(long, value_name = "FILE")]
    pub(crate) instance: Option<PathBuf>,
}

/// Shells with completion scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Shell {
    /// GNU Bash.
    Bash,
    /// Z shell.
    Zsh,
    /// fish.
    Fish,
}

/// `twinning cohort …`.
#[derive(Debug, Subcommand)]
pub(crate) enum CohortCommand {
    /// List the built-in cohorts.
    #[command(
        after_help = "Examples:\n  twinning cohort list\n  twinning cohort list --format json"
    )]
    List,
    /// Show a cohort: pairing, calls, phases, milestones, outputs.
    #[command(
        after_help = "Examples:\n  twinning cohort show 5\n  twinning cohort show 5 --at 2026-03-01\n  twinning cohort show my-cohort-6.json --format markdown"
    )]
    Show {
        /// A built-in cohort number (1-5) or a cohort JSON file.
        #[arg(value_name = "COHORT")]
        cohort: String,
        /// Also show the phase, calls and next milestones at this instant.
        #[arg(long, value_name = "INSTANT")]
        at: Option<String>,
    },
    /// Write the cohort's dated milestones as an iCalendar (.ics) file.
    #[command(after_help = "Examples:\n  twinning cohort calendar 5 -o cohort-5.ics")]
    Calendar {
        /// A built-in cohort number (1-5) or a cohort JSON file.
        #[arg(value_name = "COHORT")]
        cohort: String,
    },
    /// Print the cohort's timeline as a Mermaid Gantt chart.
    #[command(
        after_help = "Examples:\n  twinning cohort timeline 5\n  twinning cohort timeline 4 --format markdown >> report.md"
    )]
    Timeline {
        /// A built-in cohort number (1-5) or a cohort JSON file.
        #[arg(value_name = "COHORT")]
        cohort: String,
    },
}

/// `twinning match …`.
#[derive(Debug, Args)]
pub(crate) struct MatchArgs {
    /// `verify`, or nothing to match.
    #[command(subcommand)]
    pub(crate) verify: Option<MatchCommand>,
    /// The instance file (JSON; `twinning schema instance`).
    #[arg(value_name = "INSTANCE.json", required = true)]
    pub(crate) instance: Option<PathBuf>,
    /// The mechanism.
    #[arg(
        long,
        short = 'm',
        default_value = "deferred-acceptance",
        value_parser = choice_parser(&MechanismKind::ALL, MechanismKind::key, MechanismKind::description)
    )]
    pub(crate) mechanism: MechanismKind,
    /// Which side proposes in deferred acceptance.
    #[arg(long, default_value = "seekers", value_parser = choice_parser(&[Side::Seeker, Side::Host], proposing_key, proposing_help))]
    pub(crate) proposing: Side,
    /// Select at most K hosts (overrides the instance's max_hosts).
    #[arg(long, value_name = "K")]
    pub(crate) max_hosts: Option<u32>,
    /// Time limit in seconds of the whole run (default 10; none: no limit).
    #[arg(long, value_name = "S")]
    pub(crate) time_limit: Option<twinning_matcher::TimeLimit>,
    /// Under a budget, use the fast greedy selection only.
    #[arg(long)]
    pub(crate) greedy: bool,
    /// Tie-breaking seed of deferred acceptance (0: as written).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub(crate) seed: u64,
    /// Print the pairing as a Graphviz DOT graph.
    #[arg(long, conflicts_with = "mermaid")]
    pub(crate) dot: bool,
    /// Print the pairing as a Mermaid flowchart.
    #[arg(long)]
    pub(crate) mermaid: bool,
}

/// `twinning match verify`.
#[derive(Debug, Subcommand)]
pub(crate) enum MatchCommand {
    /// Check a result against its instance with the independent checker.
    #[command(
        after_help = "Exit status 1 when a constraint is violated or a pair blocks under\n--stability, 0 when the result passes, 2 when a file is bad.\n\nExamples:\n  twinning match verify instance.json result.json\n  twinning match verify instance.json result.json --stability none"
    )]
    Verify {
        /// The instance file.
        #[arg(value_name = "INSTANCE.json")]
        instance: PathBuf,
        /// What `twinning match -f json` wrote, or a bare result document.
        #[arg(value_name = "RESULT.json")]
        result: PathBuf,
        /// The stability the result must have (none: feasibility only).
        #[arg(long, default_value = "weak", value_parser = choice_parser(&STABILITY, stability_key, stability_help))]
        stability: Required,
    },
}

/// Which rules to apply.
#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    /// The cohort (1-5 built in).
    #[arg(long, value_name = "N")]
    pub(crate) cohort: CohortNumber,
    /// The role applied for (a key, or its alias without `-city`).
    #[arg(long, value_parser = role_parser())]
    pub(crate) role: Role,
    /// A custom rule set (JSON) instead of the built-in one.
    #[arg(long, value_name = "RULES.json")]
    pub(crate) rules: Option<PathBuf>,
    /// Evaluate at this instant (default: now).
    #[arg(long, value_name = "INSTANT")]
    pub(crate) at: Option<String>,
}

/// `twinning eligibility …`.
#[derive(Debug, Subcommand)]
pub(crate) enum EligibilityCommand {
    /// Decide one applicant: eligible (0), ineligible (1) or undetermined (3).
    #[command(
        after_help = "Exit status: 0 eligible, 1 ineligible, 3 undetermined, 2 bad input.\n\nExamples:\n  twinning eligibility check --cohort 2 --role twin plymouth.json \\\n      --at 2024-05-20T10:00+02:00\n  twinning eligibility check --cohort 5 --role mission-minded a.json -f json"
    )]
    Check {
        /// Which rules.
        #[command(flatten)]
        rules: RulesArgs,
        /// The applicant (JSON; `twinning schema applicant`).
        #[arg(value_name = "FILE")]
        applicant: PathBuf,
    },
    /// Decide many applicants (CSV or JSON list) with a summary.
    #[command(
        after_help = "Table columns (any order; case, spaces and punctuation ignored; aliases such\nas \"City\" or \"Respondent ID\" too): reference, name, country (code or name),\nneutrality_year, submitted_at, local_authority, invited, partner_projects\n(separated by ;), claims_mission_city, claims_earlier_twin_or_pilot.\nOther columns are ignored with a note; --columns maps survey questions.\nTimes without an offset are read as Brussels time.\nExit status: 0 all eligible, 3 any undetermined, else 1 any ineligible.\n\nExamples:\n  twinning eligibility batch --cohort 4 --role mission-minded applicants.csv\n  twinning eligibility batch --cohort 5 --role mission-minded survey.xlsx \\\n      --columns mapping.json -o decisions.xlsx\n  twinning eligibility batch --cohort 2 --role twin list.json --format json"
    )]
    Batch {
        /// Which rules.
        #[command(flatten)]
        rules: RulesArgs,
        /// The applicants (.csv, .xlsx, .ods, a JSON list, or .jsonl: one a line).
        #[arg(value_name = "FILE")]
        applicants: PathBuf,
        /// How to read the applicants table.
        #[command(flatten)]
        table: TableArgs,
    },
    /// List the built-in rule sets and their criteria.
    #[command(
        after_help = "Examples:\n  twinning eligibility rules\n  twinning eligibility rules --cohort 5 --role mission-city --format json"
    )]
    Rules {
        /// Only this cohort (needs --role).
        #[arg(long, value_name = "N", requires = "role")]
        cohort: Option<CohortNumber>,
        /// Only this role (needs --cohort).
        #[arg(long, value_parser = role_parser(), requires = "cohort")]
        role: Option<Role>,
    },
}

/// How a table of applicants is read.
#[derive(Debug, Clone, Args)]
pub(crate) struct TableArgs {
    /// The sheet of a workbook [default: the first].
    #[arg(long, value_name = "NAME")]
    pub(crate) sheet: Option<String>,
    /// The CSV separator: , ; tab or | [default: detected].
    #[arg(long, value_name = "CHAR", value_parser = delimiter_parser)]
    pub(crate) delimiter: Option<u8>,
    /// JSON mapping headers to columns: {"Your city?": "name"}
    #[arg(long, value_name = "FILE")]
    pub(crate) columns: Option<PathBuf>,
    /// Order of dates like 03/04/2026 [default: as the column shows]
    #[arg(long, value_name = "ORDER", value_parser = keyed_parser::<twinning_eligibility::DateOrder>(date_order_help))]
    pub(crate) dates: Option<twinning_eligibility::DateOrder>,
}

fn date_order_help(o: twinning_eligibility::DateOrder) -> &'static str {
    match o {
        twinning_eligibility::DateOrder::DayFirst => "25/01/2026 is 25 January",
        twinning_eligibility::DateOrder::MonthFirst => "01/25/2026 is 25 January",
    }
}

/// `--delimiter`: one of `,` `;` `|`, or `tab` / `\t`.
fn delimiter_parser(s: &str) -> Result<u8, String> {
    match s {
        "," => Ok(b','),
        ";" => Ok(b';'),
        "|" => Ok(b'|'),
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ => Err(format!("{s:?}: give , ; | or tab")),
    }
}

/// `twinning outputs …`.
#[derive(Debug, Subcommand)]
pub(crate) enum OutputsCommand {
    /// Check a document: every problem and gap at once (exit 1 on errors).
    #[command(
        after_help = "A string amount such as \"150.000\" or \"1,500\" is refused as ambiguous unless\n--number-locale says how the file writes numbers: de 1.500,50 (150.000 is\n150 thousand), en 1,500.50, fr 1 500,50.\n\nExamples:\n  twinning outputs validate action-plan.json\n  twinning outputs validate plan.json --number-locale de\n  twinning outputs validate roadmap.json --cohort my-cohort-6.json --format json"
    )]
    Validate {
        /// The document (JSON).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Check against this cohort (number or JSON file), not the document's.
        #[arg(long, value_name = "COHORT")]
        cohort: Option<String>,
        /// Amounts in strings as written in: de (1.500,50), en, fr
        #[arg(long, value_name = "LOCALE", value_parser = number_locale)]
        number_locale: Option<NumberLocale>,
    },
    /// Render a document as Markdown to hand in (JSON with --format json).
    #[command(
        after_help = "Examples:\n  twinning outputs render action-plan.json --format markdown -o action-plan.md"
    )]
    Render {
        /// The document (JSON).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Amounts in strings as written in: de (1.500,50), en, fr
        #[arg(long, value_name = "LOCALE", value_parser = number_locale)]
        number_locale: Option<NumberLocale>,
    },
    /// Write a valid starter document of KIND to fill in.
    #[command(
        after_help = "Examples:\n  twinning outputs new action-plan --cohort 5 --city Kalamata -o plan.json\n  twinning outputs new learning-roadmap --cohort 3 --city \"Alba Iulia\""
    )]
    New {
        /// The kind of output.
        #[arg(value_parser = keyed_parser(OutputKind::title))]
        kind: OutputKind,
        /// The cohort (number or JSON file).
        #[arg(long, value_name = "COHORT", default_value = "5")]
        cohort: String,
        /// The city that writes it.
        #[arg(long, value_name = "NAME", default_value = "My city")]
        city: String,
        /// Creation instant recorded in the lifecycle (default: now).
        #[arg(long, value_name = "INSTANT")]
        at: Option<String>,
    },
}

/// `--number-locale`: `de`, `en`, `fr` or `plain`.
fn number_locale(s: &str) -> Result<NumberLocale, String> {
    s.parse()
}

/// Filters shared by the catalogue lists.
#[derive(Debug, Args)]
pub(crate) struct CatalogueFilters {
    /// Only this country (ISO 3166-1 alpha-2, such as PT).
    #[arg(long, value_name = "CC")]
    pub(crate) country: Option<String>,
    /// Only members of this partner project (acronym or alias).
    #[arg(long, value_name = "P")]
    pub(crate) project: Option<String>,
    /// Only cities or projects with this theme (such as mobility).
    #[arg(long, value_name = "T")]
    pub(crate) theme: Option<String>,
}

/// `twinning catalogue …`.
#[derive(Debug, Subcommand)]
pub(crate) enum CatalogueCommand {
    /// List catalogue cities, with their roles and projects.
    #[command(
        after_help = "Examples:\n  twinning catalogue cities --mission-minded\n  twinning catalogue cities --country TR\n  twinning catalogue cities --project AMIGOS --format json\n  twinning catalogue cities --theme nature-based-solutions"
    )]
    Cities {
        /// Filters.
        #[command(flatten)]
        filters: CatalogueFilters,
        /// Only the cohort 5 Mission-minded catalogue.
        #[arg(long)]
        mission_minded: bool,
    },
    /// List the partner projects the catalogue names.
    #[command(
        after_help = "Examples:\n  twinning catalogue projects\n  twinning catalogue projects --country PT --theme mobility"
    )]
    Projects {
        /// Filters (--project is ignored here).
        #[command(flatten)]
        filters: CatalogueFilters,
    },
    /// List the Mission Cities of the 2022 selection.
    #[command(after_help = "Examples:\n  twinning catalogue mission-cities --country IT")]
    MissionCities {
        /// Filters.
        #[command(flatten)]
        filters: CatalogueFilters,
    },
    /// Show one city or project; any spelling, accents optional.
    #[command(
        after_help = "Examples:\n  twinning catalogue show agueda\n  twinning catalogue show Pilsen\n  twinning catalogue show urbreath --format json"
    )]
    Show {
        /// A city name or variant, or a project acronym.
        #[arg(value_name = "NAME")]
        name: String,
    },
}

/// A parser for any enum with kebab-case keys (`keyed_enum!`): the keys as in
/// JSON, listed by `--help` with `help`'s words.
pub(crate) fn keyed_parser<T: Keyed + Send + Sync>(
    help: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T> {
    choice_parser(T::all(), T::key, help)
}

/// A parser choosing one of `values` by its `key`, listed by `--help` with
/// `help`'s words: the library's values themselves, never a mirror enum.
pub(crate) fn choice_parser<T: Copy + Send + Sync + 'static>(
    values: &'static [T],
    key: fn(T) -> &'static str,
    help: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T> {
    PossibleValuesParser::new(values.iter().map(|&v| PossibleValue::new(key(v)).help(help(v))))
        .try_map(move |s| {
            values.iter().copied().find(|&v| key(v) == s).ok_or_else(|| format!("unknown {s:?}"))
        })
}

fn proposing_key(side: Side) -> &'static str {
    match side {
        Side::Seeker => "seekers",
        Side::Host => "hosts",
    }
}

fn proposing_help(side: Side) -> &'static str {
    match side {
        Side::Seeker => "seekers propose: the seeker-optimal stable matching",
        Side::Host => "hosts propose: the host-optimal stable matching",
    }
}

/// What `match verify --stability` requires: a stability notion, or
/// `None` for feasibility only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Required(pub(crate) Option<Stability>);

/// The choices of `match verify --stability`.
const STABILITY: [Required; 4] = [
    Required(None),
    Required(Some(Stability::Weak)),
    Required(Some(Stability::Strong)),
    Required(Some(Stability::Super)),
];

fn stability_key(Required(s): Required) -> &'static str {
    match s {
        None => "none",
        Some(Stability::Weak) => "weak",
        Some(Stability::Strong) => "strong",
        Some(Stability::Super) => "super",
    }
}

fn stability_help(Required(s): Required) -> &'static str {
    match s {
        None => "feasibility only: capacities, lists, pairs, budget",
        Some(Stability::Weak) => "no pair in which both sides strictly gain",
        Some(Stability::Strong) => "no pair in which one side gains and the other does not lose",
        Some(Stability::Super) => "no pair in which neither side loses",
    }
}

/// `twinning serve …`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// `token …`, or nothing to serve.
    #[command(subcommand)]
    pub(crate) command: Option<ServeCommand>,
    /// The address to listen on.
    #[arg(long, value_name = "ADDR", env = "TWINNING_BIND", default_value = twinning_server::DEFAULT_BIND)]
    pub(crate) bind: std::net::SocketAddr,
    /// The SQLite database file (created when missing).
    #[arg(long, value_name = "PATH", env = "TWINNING_DB", default_value = twinning_server::DEFAULT_DB, global = true)]
    pub(crate) db: PathBuf,
    /// Requests per second per address on public routes (0: no limit).
    #[arg(long, value_name = "N", env = "TWINNING_RATE_LIMIT", default_value_t = twinning_server::DEFAULT_RATE_LIMIT)]
    pub(crate) rate_limit: u32,
    /// A web origin whose scripts may call the API (CORS); repeatable
    #[arg(long = "cors-origin", value_name = "ORIGIN", env = "TWINNING_CORS_ORIGINS", value_delimiter = ',', value_parser = twinning_server::Origin::parse)]
    pub(crate) cors_origins: Vec<twinning_server::Origin>,
    /// Mark staff cookies `Secure` (the server is reached over HTTPS)
    #[arg(long, env = "TWINNING_SECURE_COOKIES")]
    pub(crate) secure_cookies: bool,
}

/// `twinning serve token …`.
#[derive(Debug, Subcommand)]
pub(crate) enum ServeCommand {
    /// Staff bearer tokens: create, revoke, list.
    #[command(
        subcommand,
        after_help = "Examples:\n  twinning serve token create alice\n  twinning serve token list --format json\n  twinning serve token revoke alice --db /var/lib/twinning/twinning.db"
    )]
    Token(TokenCommand),
}

/// `twinning serve token …`.
#[derive(Debug, Subcommand)]
pub(crate) enum TokenCommand {
    /// Create a token for NAME and print it (only its hash is stored).
    #[command(
        after_help = "The token is printed once; keep it in a secret store.\n\nExamples:\n  twinning serve token create alice\n  twinning serve token create portal --db /var/lib/twinning/twinning.db"
    )]
    Create {
        /// Who holds it; the audit log names them.
        name: String,
    },
    /// Revoke the token of NAME.
    #[command(after_help = "Examples:\n  twinning serve token revoke alice")]
    Revoke {
        /// The holder's name.
        name: String,
    },
    /// List the tokens (names and dates, never the secrets).
    #[command(
        after_help = "Examples:\n  twinning serve token list\n  twinning serve token list --format json"
    )]
    List,
}
