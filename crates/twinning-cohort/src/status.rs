use std::fmt;

use chrono::{DateTime, FixedOffset};

use crate::Role;

/// Whether a city of some role can register for a cohort at an instant, and
/// why.
///
/// A deadline is inclusive to the minute: a call that closes at
/// `2025-09-12T17:00+02:00` still accepts an application at 17:00:59 on that
/// clock and refuses one at 17:01. Instants are compared as instants, so an
/// application stamped in any offset is judged correctly.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "status", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RegistrationStatus {
    /// The call has not opened yet.
    NotYetOpen {
        /// When it opens (the start of the followed reading).
        opens: DateTime<FixedOffset>,
    },
    /// The call is open.
    Open {
        /// When it opened, if a source says.
        opened: Option<DateTime<FixedOffset>>,
        /// The last minute it accepts applications, if a source says.
        closes: Option<DateTime<FixedOffset>>,
    },
    /// The call has closed.
    Closed {
        /// The last minute it accepted applications.
        deadline: DateTime<FixedOffset>,
        /// Why it is closed, naming the deadline and the reading followed.
        reason: String,
    },
    /// The deadline has not passed but no source says when the call opens,
    /// so whether it is open cannot be told.
    Unknown {
        /// The last minute it accepts applications.
        closes: DateTime<FixedOffset>,
        /// What is missing.
        reason: String,
    },
    /// The cohort has no call for this role (Pilot Cities, for example,
    /// were chosen by a separate call).
    NoCall {
        /// The role asked about.
        role: Role,
    },
}

impl RegistrationStatus {
    /// Whether applications are accepted.
    pub fn is_open(&self) -> bool {
        matches!(self, RegistrationStatus::Open { .. })
    }
}

impl fmt::Display for RegistrationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RegistrationStatus::NotYetOpen { opens } => {
                write!(f, "not yet open: opens {}", opens.to_rfc3339())
            }
            RegistrationStatus::Open { closes: Some(c), .. } => {
                write!(f, "open until {}", c.to_rfc3339())
            }
            RegistrationStatus::Open { closes: None, .. } => f.write_str("open, no deadline known"),
            RegistrationStatus::Closed { reason, .. } => write!(f, "closed: {reason}"),
            RegistrationStatus::Unknown { reason, .. } => write!(f, "unknown: {reason}"),
            RegistrationStatus::NoCall { role } => write!(f, "no call for {role} in this cohort"),
        }
    }
}
