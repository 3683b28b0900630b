//! `twinning match` and `twinning match verify`.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use twinning_matcher::{
    BudgetConfig, BudgetMode, DeadlineReader, Explanation, Instance, Limits, MatchReport, Matching,
    ProgressSink, RunDeadlines, SearchProgress, SolveConfig, Solved, Stability,
};

use crate::cli::MatchArgs;
use crate::error::{CliError, Status};
use crate::io::{Ctx, MAX_INPUT_BYTES, read_text};
use crate::render::{Doc, Format};
use twinning_pairing::{Roster, match_page, no_super_stable_page, verify_page};

/// Reads and validates an instance file (or standard input for `-`),
/// streaming it through [`Instance::from_reader`] so that a large instance
/// never exists as text or as one string per list entry: syntax and shape
/// errors name the line, column and JSON path; semantic errors the agent and
/// list position. Under a time limit that ends at `end` the reading stops
/// as soon as it cannot end in time (see [`RunDeadlines::reading_on_course`]
/// and [`RunDeadlines::reading_stops`]).
pub(crate) fn load_instance(path: &Path, end: Option<Instant>) -> Result<Instance, CliError> {
    let Some(end) = end else { return read_instance(path, None) };
    // The reading runs on a thread of its own, so that the run can stop at
    // its limit even while a read waits (a slow pipe): a reading that
    // cannot end in time is left there, and `DeadlineReader` soon stops it.
    crate::io::note_input(path);
    let owned = path.to_owned();
    let (done, result) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            // Nobody waits any more when the limit came first.
            let _ = done.send(read_instance(&owned, Some(end)));
        })
        .map_err(|e| CliError::internal(format!("cannot start reading the instance: {e}")))?;
    let wait = RunDeadlines::reading_stops(end).saturating_duration_since(Instant::now());
    result.recv_timeout(wait).unwrap_or_else(|_| Err(late(path)))
}

/// [`load_instance`] on the thread that reads.
fn read_instance(path: &Path, end: Option<Instant>) -> Result<Instance, CliError> {
    let limits = Limits { max_input_bytes: MAX_INPUT_BYTES, ..Limits::default() };
    let readable = std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_file() && usize::try_from(m.len()).is_ok_and(|n| n <= MAX_INPUT_BYTES))
        .and_then(|m| Some((std::fs::File::open(path).ok()?, m.len())));
    let result = match readable {
        Some((file, total)) => {
            crate::io::note_input(path);
            match end {
                Some(end) => Instance::from_reader(DeadlineReader::new(file, total, end), &limits),
                None => Instance::from_reader(file, &limits),
            }
        }
        // Standard input, or a path `read_text` refuses with its own message.
        None => Instance::from_reader(read_text(path)?.as_bytes(), &limits),
    };
    result.map_err(|e| match e {
        twinning_matcher::Error::Json { message, .. }
            if message.contains(DeadlineReader::<()>::MESSAGE) =>
        {
            late(path)
        }
        twinning_matcher::Error::Json { path: at, line, column, message } => {
            json_error(path, &at, line, column, &message, "instance")
        }
        e => CliError::in_file(path, e)
            .hint("fix the instance; `twinning schema instance` prints the expected shape"),
    })
}

/// The time limit is shorter than reading the instance `path`: the run
/// cannot answer within it.
fn late(path: &Path) -> CliError {
    CliError::in_file(path, "the time limit is too short to read the instance and answer")
        .hint("raise --time-limit (or --time-limit none): reading alone takes most of it")
}

/// A JSON mistake at `line:column` and JSON path `at` of the `kind`
/// document `path` (a byte order mark as such), with a hint.
fn json_error(
    path: &Path,
    at: &str,
    line: usize,
    column: usize,
    message: &str,
    kind: &str,
) -> CliError {
    if message.contains("(U+FEFF)") {
        return CliError::input(format!(
            "{}:1:1: the text starts with a byte order mark (U+FEFF)",
            path.display()
        ))
        .hint("save the file as UTF-8 without BOM");
    }
    let place = if at.is_empty() || at == "." { String::new() } else { format!(" at {at}") };
    CliError::input(format!("{}:{line}:{column}{place}: {message}", path.display()))
        .hint(format!("fix the {kind}; `twinning schema {kind}` prints the expected shape"))
}

/// How long after the start a budgeted search begins to print progress.
const PROGRESS_AFTER: Duration = Duration::from_secs(1);

/// One progress line of a budgeted search.
fn progress_line(p: &SearchProgress) -> String {
    format!(
        "searching ({:.0} s, {} nodes): {} {}, bound {}, gap {}",
        p.elapsed.as_secs_f64(),
        p.nodes,
        p.objective,
        p.incumbent,
        p.bound,
        p.gap
    )
}

/// Sends a progress line once a second after the first.
fn progress_sink(lines: Sender<String>) -> ProgressSink {
    let printed = AtomicU64::new(0);
    ProgressSink::new(move |p| {
        let second = p.elapsed.as_secs();
        if p.elapsed >= PROGRESS_AFTER && printed.fetch_max(second, Ordering::Relaxed) < second {
            let _ = lines.send(progress_line(p));
        }
    })
}

/// Runs the chosen mechanism through [`twinning_matcher::solve`]; a
/// budgeted search stops at `deadline` (see [`RunDeadlines`]), and when
/// longer than a second prints its progress on
/// standard error unless `--quiet`. The search runs on a thread of its own
/// (with the main thread's 8 MiB of stack) so that its lines reach `ctx` as
/// they come.
pub(crate) fn solve(
    ctx: &Ctx,
    instance: &Instance,
    opts: &MatchArgs,
    deadline: Option<Instant>,
) -> Result<Solved, CliError> {
    let (lines, received) = std::sync::mpsc::channel();
    let config = SolveConfig {
        mechanism: opts.mechanism,
        proposing: opts.proposing,
        seed: opts.seed,
        budget: BudgetConfig {
            max_hosts: opts.max_hosts,
            deadline,
            progress: (!ctx.quiet).then(|| progress_sink(lines)),
            mode: if opts.greedy { BudgetMode::Greedy } else { BudgetMode::Exact },
            ..BudgetConfig::default()
        },
    };
    let solved = std::thread::scope(|scope| {
        let search = std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn_scoped(scope, move || twinning_matcher::solve(instance, &config))
            .map_err(|e| CliError::internal(format!("cannot start the search: {e}")))?;
        received.iter().for_each(|line: String| ctx.progress(&line));
        search.join().map_err(|panic| std::panic::resume_unwind(panic))
    })?;
    solved.map_err(|e| {
        CliError::input(format!("the instance cannot be solved this way: {e}"))
            .hint("try another --mechanism, or drop required pairs or the budget")
    })
}

/// `twinning match INSTANCE.json`.
pub(crate) fn run(ctx: &Ctx, path: &Path, opts: &MatchArgs) -> Result<Status, CliError> {
    let started = Instant::now();
    // The limit as known before reading (a budget in the instance is known
    // after): `RunDeadlines`' own rule, with nothing read yet.
    let end = RunDeadlines::new(opts.time_limit, opts.max_hosts.is_some(), started, started).end;
    let instance = load_instance(path, end)?;
    let budgeted = opts.max_hosts.or(instance.max_hosts()).is_some();
    let read = Instant::now();
    let deadlines = RunDeadlines::new(opts.time_limit, budgeted, started, read);
    if !deadlines.can_answer(read) {
        return Err(late(path));
    }
    ctx.progress(&format!(
        "matching {} seekers and {} hosts from {}",
        instance.seeker_count(),
        instance.host_count(),
        path.display()
    ));
    let matching = match solve(ctx, &instance, opts, deadlines.search)? {
        Solved::Matching(m) => *m,
        Solved::NoSuperStable(reason) => {
            let mut doc = Doc::new(json!({"outcome": "none-exists", "reason": reason}));
            doc.page = no_super_stable_page(&reason);
            ctx.emit_doc(&doc)?;
            return Ok(Status::No);
        }
    };
    if opts.dot {
        let names = Roster::of_instance(&instance, crate::cmd::catalogue::catalogue_of(ctx)?);
        ctx.emit(&twinning_matcher::to_dot_named(&instance, &matching, names.names()))?;
    } else if opts.mermaid {
        ctx.emit(&twinning_matcher::to_mermaid(&instance, &matching))?;
    } else {
        let explanation = explain(&instance, &matching, deadlines.explain(Instant::now()))?;
        if let Some(cut) = explanation.cut {
            ctx.progress(&format!(
                "note: the time limit left room to explain {} of {} seekers (the first \
                 ones); raise --time-limit to explain every one",
                cut.explained, cut.seekers
            ));
        }
        // Only what the format prints is built (the page; JSON is written
        // as it is serialized), and what is no longer needed is freed on a
        // thread of its own while the answer is written: a large
        // instance's lists and explanation are most of the memory a run
        // needs, and freeing them takes time.
        if ctx.format == Format::Json {
            drop_aside(instance);
            let report = MatchReport { result: matching, explanation };
            ctx.emit_with(|w| {
                serde_json::to_writer_pretty(&mut *w, &report)?;
                w.write_all(b"\n")
            })?;
            drop_aside(report);
        } else {
            // The page reads no rank: the explanation's tables go first.
            let mut instance = instance;
            instance.release_lookups();
            let doc = Doc {
                page: match_page(&instance, &matching, &explanation),
                ..Doc::new(Value::Null)
            };
            drop_aside((instance, matching, explanation));
            ctx.emit_doc(&doc)?;
            drop_aside(doc);
        }
    }
    Ok(Status::Ok)
}

/// Frees `value` on a thread of its own, so that the command can go on (or
/// end: the process does not wait for the thread); in place when no thread
/// can be started.
fn drop_aside<T: Send + 'static>(value: T) {
    // A thread that cannot start hands its closure back dropped: in place.
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// The hint when a result does not fit its instance.
const MISMATCH_HINT: &str =
    "check that the result belongs to this instance: its ids, and no seeker in two pairs";

/// Explains a matching until `deadline` (see
/// [`twinning_matcher::explain_until`]), naming the result file when it
/// does not fit the instance.
pub(crate) fn explain(
    instance: &Instance,
    m: &Matching,
    deadline: Option<Instant>,
) -> Result<Explanation, CliError> {
    twinning_matcher::explain_until(instance, m, deadline).map_err(|e| {
        CliError::input(format!("cannot explain the matching: {e}")).hint(MISMATCH_HINT)
    })
}

/// Reads a result document, bare or inside a [`MatchReport`] (what
/// `match -f json` writes), through [`MatchReport::read_result`]: a regular
/// file is streamed (up to the matcher's default input limit, the
/// explanation skipped unread); standard input and devices are read as text
/// up to the command line's input limit.
pub(crate) fn load_result(path: &Path) -> Result<Matching, CliError> {
    let limits = Limits::default();
    let streamable = std::fs::metadata(path).ok().filter(|m| m.is_file() && path != Path::new("-"));
    let result = if let Some(meta) = streamable {
        let limit = limits.max_input_bytes;
        if usize::try_from(meta.len()).map_or(true, |n| n > limit) {
            let size = meta.len();
            let message = format!("file of {size} bytes is larger than the limit of {limit} bytes");
            return Err(CliError::in_file(path, message)
                .hint("check the path: a result is far smaller than that"));
        }
        let file = std::fs::File::open(path)
            .map_err(|e| CliError::in_file(path, format!("cannot read: {e}")))?;
        crate::io::note_input(path);
        MatchReport::read_result(file, &limits)
    } else {
        MatchReport::read_result(std::io::Cursor::new(read_text(path)?), &limits)
    };
    result.map_err(|e| match e {
        twinning_matcher::Error::ResultJson { path: at, line, column, message } => {
            json_error(path, &at, line, column, &message, "result")
        }
        e => CliError::in_file(path, e)
            .hint("fix the result; `twinning schema result` prints the expected shape"),
    })
}

/// `twinning match verify`: the matcher's independent checker. Exit 1 when
/// a constraint is violated or a pair blocks in the required sense.
pub(crate) fn verify(
    ctx: &Ctx,
    instance_path: &Path,
    result_path: &Path,
    notion: Option<Stability>,
) -> Result<Status, CliError> {
    let instance = load_instance(instance_path, None)?;
    let result = load_result(result_path)?;
    let v = twinning_matcher::verify(&instance, &result, notion)
        .map_err(|e| CliError::in_file(result_path, e).hint(MISMATCH_HINT))?;
    let doc = Doc::with(&v, verify_page(&result_path.display().to_string(), &v));
    ctx.emit_doc(&doc)?;
    Ok(if v.passed { Status::Ok } else { Status::No })
}
