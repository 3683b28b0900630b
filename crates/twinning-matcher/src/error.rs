use std::fmt;

/// The two sides of a matching market.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The side that asks for a partner (one host each at most); the
    /// default proposing side. JSON also reads `seekers`.
    #[default]
    #[serde(alias = "seekers")]
    Seeker,
    /// The side that offers places (up to its capacity). JSON also reads
    /// `hosts`.
    #[serde(alias = "hosts")]
    Host,
}

impl Side {
    /// The other side.
    #[must_use]
    pub const fn other(self) -> Self {
        match self {
            Self::Seeker => Self::Host,
            Self::Host => Self::Seeker,
        }
    }

    /// `"seeker"` or `"host"`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Seeker => "seeker",
            Self::Host => "host",
        }
    }

    /// `"seekers"` or `"hosts"`: the field of the instance document that lists this side.
    #[must_use]
    pub const fn field(self) -> &'static str {
        match self {
            Self::Seeker => "seekers",
            Self::Host => "hosts",
        }
    }
}

impl fmt::Display for Side {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an entry sits in a preference list: the index of the tier (the
/// element of `preferences`) and, when that element is a tie (a nested list),
/// the index inside the tie. Both are 0-based, as in a JSON path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ListPosition {
    /// Index of the element of `preferences`.
    pub tier: usize,
    /// Index inside the nested list when the element is a tie.
    pub within_tie: Option<usize>,
}

impl fmt::Display for ListPosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "preferences[{}]", self.tier)?;
        if let Some(inner) = self.within_tie {
            write!(f, "[{inner}]")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in `twinning-matcher`: a malformed or
/// inconsistent instance, an instance larger than the caller's [`Limits`],
/// or a request a solver cannot serve.
///
/// Outcomes such as "no super-stable matching exists" or "this seeker stays
/// unmatched" are values, not errors.
///
/// [`Limits`]: crate::Limits
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The JSON text is not a well-formed instance document.
    #[error("invalid instance json at {path} (line {line}, column {column}): {message}")]
    Json {
        /// The field path where reading stopped (`seekers[2].preferences`),
        /// `.` for the document itself.
        path: String,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the parser objected to.
        message: String,
    },
    /// The JSON text is not a well-formed result document.
    #[error("invalid result json at {path} (line {line}, column {column}): {message}")]
    ResultJson {
        /// The field path where reading stopped (`pairs[3].seeker`), `.` for
        /// the document itself.
        path: String,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the parser objected to.
        message: String,
    },
    /// The document declares a schema version this crate does not read.
    #[error("unsupported instance version {found}: this crate reads version {supported}")]
    UnsupportedVersion {
        /// The version in the document.
        found: u32,
        /// The version this crate reads.
        supported: u32,
    },
    /// A time limit that is neither positive seconds nor `none` (see
    /// [`TimeLimit`](crate::TimeLimit)).
    #[error(
        "{text}: not a positive number of seconds; give seconds such as 5 or 0.5, \
         or none (also 0) for no limit"
    )]
    InvalidTimeLimit {
        /// The text given, without surrounding spaces.
        text: String,
    },
    /// A size exceeds the caller's limits (checked before anything is allocated for it).
    #[error("{what} is {found}, above the limit of {limit}")]
    LimitExceeded {
        /// What was counted, with its place (`number of seekers`, `preference list of seeker "s1"`).
        what: String,
        /// The size found.
        found: u64,
        /// The configured limit.
        limit: u64,
    },
    /// An agent has an empty id.
    #[error("{side} at {field}[{index}] has an empty id")]
    EmptyId {
        /// Side of the agent.
        side: Side,
        /// `"seekers"` or `"hosts"`.
        field: &'static str,
        /// Position of the agent in its list.
        index: usize,
    },
    /// An id holds a character that prints as nothing or as something else
    /// (a zero-width space, a right-to-left override, a tab), a space at
    /// either end, or is not in composed form (NFC): two such ids would be
    /// different agents that print as the same text.
    #[error("{side} id {id:?} at {field}[{index}] {reason}")]
    HiddenId {
        /// Side of the agent.
        side: Side,
        /// `"seekers"` or `"hosts"`.
        field: &'static str,
        /// Position of the agent in its list.
        index: usize,
        /// The id.
        id: String,
        /// What is hidden in it, and what to do.
        reason: String,
    },
    /// A budget of no host (`max_hosts` 0): nothing could be matched, and
    /// every search would "prove" the empty matching optimal.
    #[error(
        "max_hosts is 0: no host may be selected, so nobody would be matched; give at least 1, \
         or leave max_hosts out for no budget"
    )]
    ZeroBudget,
    /// Two agents on the same side share an id.
    #[error("duplicate {side} id {id:?} at {field}[{first}] and {field}[{second}]")]
    DuplicateId {
        /// Side of the agents.
        side: Side,
        /// `"seekers"` or `"hosts"`.
        field: &'static str,
        /// The repeated id.
        id: String,
        /// Position of the first agent with the id.
        first: usize,
        /// Position of the second agent with the id.
        second: usize,
    },
    /// A preference list names an id that is not an agent of the other side.
    #[error("{side} {agent:?} lists unknown {} {id:?} at {position}", side.other())]
    UnknownId {
        /// Side of the agent whose list is wrong.
        side: Side,
        /// Id of the agent whose list is wrong.
        agent: String,
        /// The unknown id.
        id: String,
        /// Where in the list.
        position: ListPosition,
    },
    /// A preference list names the same partner twice.
    #[error("{side} {agent:?} lists {} {id:?} twice, at {first} and {second}", side.other())]
    ListedTwice {
        /// Side of the agent whose list is wrong.
        side: Side,
        /// Id of the agent whose list is wrong.
        agent: String,
        /// The repeated partner.
        id: String,
        /// First occurrence.
        first: ListPosition,
        /// Second occurrence.
        second: ListPosition,
    },
    /// A preference list contains an empty tie (`[]`).
    #[error("{side} {agent:?} has an empty tie at {position}")]
    EmptyTie {
        /// Side of the agent whose list is wrong.
        side: Side,
        /// Id of the agent whose list is wrong.
        agent: String,
        /// Where in the list.
        position: ListPosition,
    },
    /// A host capacity below zero.
    #[error("host {host:?} at hosts[{index}] has negative capacity {capacity}")]
    NegativeCapacity {
        /// The host id.
        host: String,
        /// Position of the host in `hosts`.
        index: usize,
        /// The capacity given.
        capacity: i64,
    },
    /// A `scores`, `forbidden` or `required` entry names an unknown agent.
    #[error("{field} names unknown {side} {id:?}")]
    UnknownPairId {
        /// Path of the entry, for example `scores[3].host`.
        field: String,
        /// Which side the id should belong to.
        side: Side,
        /// The unknown id.
        id: String,
    },
    /// The same pair appears twice in `scores`, `forbidden` or `required`.
    #[error("{field} repeats the pair ({seeker:?}, {host:?}) of {list}[{first}]")]
    DuplicatePair {
        /// Path of the second entry, for example `scores[7]`.
        field: String,
        /// `scores`, `forbidden` or `required`.
        list: &'static str,
        /// Position of the first entry.
        first: usize,
        /// Seeker id of the pair.
        seeker: String,
        /// Host id of the pair.
        host: String,
    },
    /// A pair is both forbidden and required.
    #[error(
        "pair ({seeker:?}, {host:?}) is both forbidden (forbidden[{forbidden}]) and required (required[{required}])"
    )]
    ForbiddenAndRequired {
        /// Seeker id of the pair.
        seeker: String,
        /// Host id of the pair.
        host: String,
        /// Position in `forbidden`.
        forbidden: usize,
        /// Position in `required`.
        required: usize,
    },
    /// A required pair is not mutually acceptable (one side does not list the other).
    #[error("required[{index}] pair ({seeker:?}, {host:?}) is not acceptable: {reason}")]
    RequiredNotAcceptable {
        /// Position in `required`.
        index: usize,
        /// Seeker id of the pair.
        seeker: String,
        /// Host id of the pair.
        host: String,
        /// Which side does not list the other.
        reason: &'static str,
    },
    /// The required pairs cannot all hold at once.
    #[error(
        "required[{index}] pair ({seeker:?}, {host:?}) conflicts with earlier required pairs: {reason}"
    )]
    RequiredConflict {
        /// Position in `required`.
        index: usize,
        /// Seeker id of the pair.
        seeker: String,
        /// Host id of the pair.
        host: String,
        /// Why (seeker already required elsewhere, host over capacity).
        reason: &'static str,
    },
    /// A score that is not a decimal number.
    #[error("{field} is not a decimal number: {value:?}")]
    InvalidScore {
        /// Path of the score, for example `scores[2].score`.
        field: String,
        /// The rejected text.
        value: String,
    },
    /// A matching names an agent or pair that does not belong to the instance.
    #[error("matching does not fit the instance: {reason}")]
    MatchingMismatch {
        /// What did not fit, naming the id.
        reason: String,
    },
    /// A solver was asked for something it does not support on this instance.
    #[error("{mechanism} cannot run on this instance: {reason}")]
    Unsupported {
        /// The mechanism asked for.
        mechanism: &'static str,
        /// Why not.
        reason: String,
    },
}

impl Error {
    pub(crate) fn limit(what: impl Into<String>, found: usize, limit: usize) -> Self {
        Self::LimitExceeded {
            what: what.into(),
            found: u64::try_from(found).unwrap_or(u64::MAX),
            limit: u64::try_from(limit).unwrap_or(u64::MAX),
        }
    }
}

/// What a JSON loader says about a byte order mark at the start of the text.
pub(crate) const BOM_MESSAGE: &str =
    "the text starts with a byte order mark (U+FEFF); save it as UTF-8 without BOM";

/// Where and why a JSON document could not be read: the field path (`.` for
/// the document itself), line, column and serde's message without the
/// position it repeats.
pub(crate) struct JsonFault {
    pub(crate) path: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) message: String,
}

impl JsonFault {
    /// The fault of `e` at field path `path` (`""` or `?` for the document
    /// itself), without the position serde repeats in its message.
    pub(crate) fn new(path: impl Into<String>, e: &serde_json::Error) -> Self {
        let full = e.to_string();
        let message = match full.rfind(" at line ") {
            Some(cut) => full.get(..cut).unwrap_or(&full).to_owned(),
            None => full,
        };
        let path = path.into();
        let path = if path.is_empty() || path == "?" { ".".to_owned() } else { path };
        JsonFault { path, line: e.line(), column: e.column(), message: plain_words(&message) }
    }
}

/// serde's message in the user's words: no Rust type names (`i64`, `struct
/// LeanSpec`). The matcher depends on no sibling crate, so this is its own
/// short list (twinning-core keeps the one of the domain documents).
fn plain_words(message: &str) -> String {
    const WORDS: [(&str, &str); 6] = [
        ("floating point", "a number with a fraction"),
        ("expected i64", "expected a whole number"),
        ("expected u64", "expected a whole number, 0 or more"),
        ("expected u32", "expected a whole number, 0 or more"),
        ("expected usize", "expected a whole number, 0 or more"),
        ("expected i32", "expected a whole number"),
    ];
    let mut out = WORDS.iter().fold(message.to_owned(), |m, (from, to)| m.replace(from, to));
    // "expected struct SomeSpec": the struct's name means nothing to a user.
    const STRUCT: &str = "expected struct ";
    if let Some(at) = out.find(STRUCT) {
        let rest = out.get(at + STRUCT.len()..).unwrap_or_default();
        let len = rest.find(|c: char| !c.is_alphanumeric() && c != '_').unwrap_or(rest.len());
        let name = rest.get(..len).unwrap_or_default();
        let words = if name.ends_with("Spec") && !name.contains("Host") && !name.contains("Seeker")
        {
            "expected an instance: an object with \"seekers\" and \"hosts\""
        } else {
            "expected an object"
        };
        out = format!(
            "{}{words}{}",
            out.get(..at).unwrap_or_default(),
            rest.get(len..).unwrap_or_default()
        );
    }
    out
}

/// Reads one JSON document of type `T` from `text`, at most
/// `limits.max_input_bytes` long (`what` names it in the limit error), and
/// turns a fault into the caller's error with `wrap`. A byte order mark is
/// refused rather than skipped.
pub(crate) fn read_json<T: serde::de::DeserializeOwned>(
    text: &str,
    limits: &crate::Limits,
    what: &'static str,
    wrap: fn(JsonFault) -> Error,
) -> Result<T, Error> {
    if text.len() > limits.max_input_bytes {
        return Err(Error::limit(what, text.len(), limits.max_input_bytes));
    }
    if text.starts_with('\u{feff}') {
        let message = BOM_MESSAGE.to_owned();
        return Err(wrap(JsonFault { path: ".".to_owned(), line: 1, column: 1, message }));
    }
    if let Some(f) = list_fault(text.as_bytes()) {
        return Err(wrap(f));
    }
    let fault = |path: String, e: &serde_json::Error| wrap(JsonFault::new(path, e));
    let de = &mut serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut *de)
        .map_err(|e| fault(e.path().to_string(), e.inner()))?;
    de.end().map_err(|e| fault(".".to_owned(), &e))?;
    Ok(value)
}

/// The fault of a document whose first character (in `start`, the text or
/// its first buffered bytes) opens a list: serde would read an object's
/// fields from the list one by one and complain about the second.
pub(crate) fn list_fault(start: &[u8]) -> Option<JsonFault> {
    let at = start.iter().position(|b| !b.is_ascii_whitespace())?;
    if start.get(at) != Some(&b'[') {
        return None;
    }
    let before = start.get(..at).unwrap_or_default();
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
    Some(JsonFault {
        path: ".".to_owned(),
        line,
        column: at - line_start + 1,
        message: "the document is a list [ … ]; write one object { … }".to_owned(),
    })
}
