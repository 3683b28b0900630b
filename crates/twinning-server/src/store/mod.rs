//! The SQLite file: migrations, staff tokens and cohort runs.
//!
//! One connection behind a mutex: SQLite takes one writer at a time
//! anyway, and every write is one transaction, so parallel requests to one
//! run are serialised and lose no update.

mod migrations;
mod runs;
mod tokens;

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rusqlite::{Connection, OptionalExtension as _};

pub(crate) use crate::store::migrations::SCHEMA_VERSION;
pub(crate) use crate::store::runs::{
    ApplicantIn, ApplicantRecord, AuditEntry, Bundle, DecisionIn, MatchingIn, MatchingRecord,
    OutputRecord, PairRecord, PreferenceRecord, RunInfo, StoreError,
};
pub use crate::store::tokens::TokenInfo;
pub(crate) use crate::store::tokens::{digest, hex};

/// The database of cohort runs and staff tokens: one SQLite file in WAL
/// mode with foreign keys on, migrated to this program's schema on open.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
    /// The key that signs staff sessions and CSRF tokens, kept in the file.
    session_key: [u8; 32],
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The signing key is a secret: never in a log line.
        f.debug_struct("Store").field("conn", &self.conn).finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (or creates) the database at `path` and runs the migrations.
    ///
    /// # Errors
    ///
    /// [`Error::Database`](crate::Error::Database) when the file cannot be
    /// opened or migrated, [`Error::SchemaTooNew`](crate::Error::SchemaTooNew)
    /// when a newer program wrote it, [`Error::Random`](crate::Error::Random)
    /// when a new file's signing key cannot be drawn.
    pub fn open(path: &Path) -> Result<Store, crate::Error> {
        let mut conn = Connection::open(path)?;
        configure(&conn)?;
        migrations::migrate(&mut conn, SCHEMA_VERSION)?;
        let session_key = signing_key(&mut conn, "session")?;
        Ok(Store { conn: Arc::new(Mutex::new(conn)), session_key })
    }

    /// The key that signs staff sessions and CSRF tokens: drawn when the
    /// file was created and kept in it (table `server_keys`), so sessions
    /// outlive a restart and every server on one file agrees.
    pub(crate) fn session_key(&self) -> &[u8; 32] {
        &self.session_key
    }

    /// Runs `f` on the connection (one caller at a time).
    pub(crate) fn with<R>(&self, f: impl FnOnce(&mut Connection) -> R) -> R {
        let mut guard: MutexGuard<'_, Connection> =
            self.conn.lock().unwrap_or_else(PoisonError::into_inner);
        f(&mut guard)
    }

    /// SQLite's `PRAGMA integrity_check`: `ok` when the file is sound, else
    /// the problems it found, one a line.
    ///
    /// # Errors
    ///
    /// [`Error::Database`](crate::Error::Database) when the check cannot run.
    pub fn integrity_check(&self) -> Result<String, crate::Error> {
        self.with(|c| {
            let mut s = c.prepare("PRAGMA integrity_check")?;
            let lines: Vec<String> = s.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
            Ok(lines.join("\n"))
        })
    }

    /// Whether the database answers.
    pub(crate) fn ping(&self) -> bool {
        self.with(|c| c.query_row("SELECT 1", [], |r| r.get::<_, i64>(0)).is_ok())
    }
}

/// The signing key called `name`, drawn from the system's randomness and
/// stored the first time it is asked for.
fn signing_key(conn: &mut Connection, name: &str) -> Result<[u8; 32], crate::Error> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // rusqlite refuses a blob of another length (the table's CHECK too).
    let stored: Option<[u8; 32]> = tx
        .query_row("SELECT key FROM server_keys WHERE name = ?1", [name], |r| r.get(0))
        .optional()?;
    let key = match stored {
        Some(key) => key,
        None => {
            let mut key = [0u8; 32];
            getrandom::fill(&mut key).map_err(|e| crate::Error::Random(e.to_string()))?;
            tx.execute(
                "INSERT INTO server_keys (name, key, created_at) VALUES (?1, ?2, ?3)",
                rusqlite::params![name, key.as_slice(), now()],
            )?;
            key
        }
    };
    tx.commit()?;
    Ok(key)
}

/// WAL, foreign keys, a busy timeout and full sync: an acknowledged write
/// survives a crash of the process or the machine.
pub(crate) fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// The current instant as RFC 3339 (UTC, milliseconds).
pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
