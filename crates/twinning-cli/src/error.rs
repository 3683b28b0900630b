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

    /// Adds the hint line.
    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "twinning: error: {}", one_line(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", one_line(hint))?;
        }
        Ok(())
    }
}

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
    fn display_is_one_line_plus_hint() {
        let e = CliError::input("a.json:3:4: bad\nthing").hint("fix it");
        assert_eq!(e.to_string(), "twinning: error: a.json:3:4: bad thing\n  hint: fix it");
    }
}
