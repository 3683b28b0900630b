//! The server's settings.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db: PathBuf::from(DEFAULT_DB),
            max_body_bytes: MAX_BODY_BYTES,
            rate_limit: Some(crate::RateLimit::per_second(DEFAULT_RATE_LIMIT)),
        }
    }
}
