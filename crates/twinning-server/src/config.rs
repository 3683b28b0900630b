//! The server's settings.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use twinning_eligibility::ProgrammeData;

/// The address `twinning serve` binds by default: loopback only.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// The database file `twinning serve` opens by default.
pub const DEFAULT_DB: &str = "twinning.db";

/// The largest request body accepted, in bytes (413 beyond).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// Requests per second per client address on the public routes, by
/// default (bursts of twice that).
pub const DEFAULT_RATE_LIMIT: u32 = 50;

/// The longest time limit a matching request may ask for.
pub const MAX_TIME_LIMIT: Duration = Duration::from_secs(60);

/// How long a client may take to send a request's headers before its
/// connection is closed (a client that trickles them holds a connection).
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a client may take to send a request's body before the request
/// is answered 408.
pub const DEFAULT_BODY_READ_TIMEOUT: Duration = Duration::from_secs(30);

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address to listen on.
    pub bind: SocketAddr,
    /// The SQLite database file (created with its folder's permissions).
    pub db: PathBuf,
    /// The largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// The rate limit of the public `/v1` routes per client address;
    /// `None` turns it off. Staff routes are not limited.
    pub rate_limit: Option<crate::RateLimit>,
    /// How long a client may take to send a request's headers.
    pub header_read_timeout: Duration,
    /// How long a client may take to send a request's body.
    pub body_read_timeout: Duration,
    /// The origins whose browser scripts may call the API (CORS). Empty, the
    /// default, sends no CORS headers, so browsers on other origins are
    /// refused. Build entries with [`Origin::parse`].
    pub cors_origins: Vec<Origin>,
    /// Whether the staff pages' cookies carry `Secure`, so browsers send
    /// them only over HTTPS. Turn it on when the server is reached through
    /// an HTTPS proxy; off (the default) it also works on plain
    /// `http://127.0.0.1`.
    pub secure_cookies: bool,
    /// The programme's data every answer is given from: the catalogue,
    /// the eligibility registry and the cohorts, with a data overlay's
    /// newer facts when one is applied. The default is the built-in data
    /// alone ([`ProgrammeData::builtin`]); `twinning serve` passes the
    /// overlay of `--data` / `TWINNING_DATA`, as every other command does,
    /// so the server and the command line answer from the same facts.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use std::sync::Arc;
    /// use twinning_eligibility::ProgrammeData;
    ///
    /// let overlay = r#"{"schema_version": 1, "as_of": "2027-03-01"}"#;
    /// let data = ProgrammeData::from_overlay_json(overlay, "newer.json")?;
    /// let config = twinning_server::Config { data: Arc::new(data), ..Default::default() };
    /// assert!(config.data.dates().overlay().is_some());
    /// # Ok(())
    /// # }
    /// ```
    pub data: Arc<ProgrammeData>,
}

/// A web origin allowed to call the API from a browser: a scheme, a host and
/// an optional port, exactly as browsers send it in `Origin`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin(String);

impl Origin {
    /// Reads an origin such as `https://portal.example.eu` or
    /// `http://localhost:3000`.
    ///
    /// # Errors
    ///
    /// A message naming what is wrong: a scheme other than `http` or
    /// `https`, a missing host, or a path, query, user or wildcard (`*` is
    /// refused: staff routes take bearer tokens, and a wildcard would let
    /// any page script them).
    pub fn parse(text: &str) -> Result<Origin, String> {
        let text = text.trim();
        let (scheme, rest) = ["https://", "http://"]
            .into_iter()
            .find_map(|scheme| Some((scheme, text.strip_prefix(scheme)?)))
            .ok_or_else(|| {
                format!("{text:?} is not an origin: it must start with https:// or http://")
            })?;
        let host = rest.strip_suffix('/').unwrap_or(rest);
        if host.is_empty() {
            return Err(format!("{text:?} has no host"));
        }
        if let Some(c) = host
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']')))
        {
            return Err(format!(
                "{text:?} is not an origin: {c:?} is not allowed (an origin is scheme://host[:port], with no path, user or wildcard)"
            ));
        }
        Ok(Origin(format!("{scheme}{host}").to_ascii_lowercase()))
    }

    /// The origin as browsers send it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db: PathBuf::from(DEFAULT_DB),
            max_body_bytes: MAX_BODY_BYTES,
            rate_limit: Some(crate::RateLimit::per_second(DEFAULT_RATE_LIMIT)),
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            body_read_timeout: DEFAULT_BODY_READ_TIMEOUT,
            cors_origins: Vec::new(),
            secure_cookies: false,
            data: Arc::new(ProgrammeData::builtin()),
        }
    }
}
