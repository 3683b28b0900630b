//! The errors of starting and running the server.

/// What stopped the server from starting or serving.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database could not be opened, migrated or written.
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
    /// The database is newer than this program.
    #[error("database: schema version {found} is newer than this program's {supported}")]
    SchemaTooNew {
        /// The version in the file.
        found: i64,
        /// The newest version this program knows.
        supported: i64,
    },
    /// Listening or serving failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A token name was empty, too long or already used.
    #[error("token: {0}")]
    Token(String),
    /// The system's random source failed.
    #[error("random source: {0}")]
    Random(String),
}
