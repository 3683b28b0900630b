//! The one error type of the command line, and the exit statuses.

use std::fmt;
use std::path::Path;

/// How a command that ran to the end answered; the process exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    /// 0: the command did its work and the answer is "yes" (or there is no
    /// yes/no question).
    Ok,
    /// 1: the domain answer is "no": ineligible, no super-stable matching,
    /// the checker found problems, a document failed validation.
    No,
    /// 3: the answer cannot be determined from the information given.
    Undetermined,
}

impl Status {
    /// The process exit status.
    pub(crate) fn code(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::No => 1,
            Status::Undetermined => 3,
        }
    }

    /// The worse of two statuses (undetermined beats no beats ok), for batches.
    pub(crate) fn worst(self, other: Status) -> Status {
        let rank = |s: Status| match s {
            Status::Ok => 0,
            Status::No => 1,
            Status::Undetermined => 2,
        };
        if rank(other) > rank(self) { other } else { self }
    }
}

/// Exit status for bad input: an unreadable or malformed file, a bad value.
pub(crate) const EXIT_BAD_INPUT: u8 = 2;
/// Exit status when the command could not write its output.
pub(crate) const EXIT_IO: u8 = 4;

/// Everything that stops a command before it can answer.
///
/// Printed as one line `twinning: error: <message>` and, when there is one,
/// a second line `  hint: <hint>`. No backtraces, no debug output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CliError {
    /// The exit status ([`EXIT_BAD_INPUT`] or [`EXIT_IO`]).
    pub(crate) code: u8,
    /// What went wrong and where, lower-case, no trailing period.
    pub(crate) message: String,
    /// What the user can do about it.
    pub(crate) hint: Option<String>,
}

impl CliError {
    /// Bad input (exit status 2).
    pub(crate) fn input(message: impl Into<String>) -> Self {
        CliError { code: EXIT_BAD_INPUT, message: message.into(), hint: None }
    }

    /// Bad input found in `file` (exit status 2); the message follows the file name.
    pub(crate) fn in_file(file: &Path, message: impl fmt::Display) -> Self {
        CliError::input(format!("{}: {message}", file.display()))
    }

    /// The output could not be written (exit status 4).
    pub(crate) fn io(target: &str, err: &std::io::Error) -> Self {
        CliError {
            code: EXIT_IO,
            message: format!("cannot write {target}: {err}"),
            hint: Some("check that the folder exists and is writable".to_owned()),
        }
    }

    /// A failure of the built-in data or of the command line itself, not of
    /// the user's input (exit status 2, with a hint to report it).
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        CliError::input(message)
            .hint("this is a bug in the built-in data or the command line; please report it")
    }

    /// A command-line usage error from clap, as one line plus a hint: the
    /// first line of clap's message with its indented details, and as the
    /// hint clap's tip, the possible values or the usage line.
    pub(crate) fn usage(rendered: &str) -> Self {
        let mut message = String::new();
        let (mut tip, mut values, mut usage) = (None, None, None);
        for line in rendered.lines() {
            let trimmed = line.trim();
            if let Some(rest) = trimmed.strip_prefix("error:") {
                message.push_str(rest.trim());
            } else if let Some(rest) = trimmed.strip_prefix("tip:") {
                tip = Some(rest.trim().to_owned());
            } else if let Some(rest) =
                trimmed.strip_prefix("[possible values:").and_then(|r| r.strip_suffix(']'))
            {
                values = Some(format!("possible values:{rest}"));
            } else if let Some(rest) = trimmed.strip_prefix("Usage:") {
                usage = Some(format!("usage: {}; more with --help", rest.trim()));
            } else if line.starts_with(' ') && !trimmed.is_empty() && usage.is_none() {
                message.push(' ');
                message.push_str(trimmed);
            }
        }
        if message.is_empty() {
            // clap shows the help, not an error, when the command is left out.
            message.push_str("no command given");
        }
        let hint = tip.or(values).or(usage).unwrap_or_else(|| "see twinning --help".to_owned());
        CliError::input(message).hint(hint)
    }

    /// Adds the hint line.
    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "twinning: error: {}", one_line(&self.message))?;
        let hint = self.hint.as_deref().unwrap_or(FALLBACK_HINT);
        write!(f, "\n  hint: {}", one_line(hint))
    }
}

/// The hint of an error that names none of its own.
const FALLBACK_HINT: &str = "run the command with --help for its options and examples";

/// Collapses line breaks so that a message stays on one line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worst_orders_statuses() {
        assert_eq!(Status::Ok.worst(Status::No), Status::No);
        assert_eq!(Status::No.worst(Status::Undetermined), Status::Undetermined);
        assert_eq!(Status::Undetermined.worst(Status::Ok), Status::Undetermined);
        assert_eq!([Status::Ok, Status::No, Status::Undetermined].map(Status::code), [0, 1, 3]);
    }

    #[test]
    fn clap_errors_become_one_line_plus_a_hint() {
        let missing = "error: the following required arguments were not provided:\n  \
                       --role <ROLE>\n\nUsage: twinning eligibility check --role <ROLE> \
                       <FILE>\n\nFor more information, try '--help'.\n";
        assert_eq!(
            CliError::usage(missing).to_string(),
            "twinning: error: the following required arguments were not provided: --role \
             <ROLE>\n  hint: usage: twinning eligibility check --role <ROLE> <FILE>; more with \
             --help"
        );
        let value = "error: invalid value 'foo' for '--mechanism <MECHANISM>'\n  [possible \
                     values: welfare, rank-maximal]\n\nFor more information, try '--help'.\n";
        assert_eq!(
            CliError::usage(value).to_string(),
            "twinning: error: invalid value 'foo' for '--mechanism <MECHANISM>'\n  hint: \
             possible values: welfare, rank-maximal"
        );
        let tip = "error: unrecognized subcommand 'cohrt'\n\n  tip: a similar subcommand \
                   exists: 'cohort'\n\nUsage: twinning [OPTIONS] <COMMAND>\n";
        assert_eq!(
            CliError::usage(tip).to_string(),
            "twinning: error: unrecognized subcommand 'cohrt'\n  hint: a similar subcommand \
             exists: 'cohort'"
        );
    }

    #[test]
    fn every_error_has_a_hint() {
        assert_eq!(
            CliError::input("x").to_string(),
            format!("twinning: error: x\n  hint: {FALLBACK_HINT}")
        );
    }

    #[test]
    fn display_is_one_line_plus_hint() {
        let e = CliError::input("a.json:3:4: bad\nthing").hint("fix it");
        assert_eq!(e.to_string(), "twinning: error: a.json:3:4: bad thing\n  hint: fix it");
    }
}
