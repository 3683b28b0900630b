//! Staff bearer tokens, stored as SHA-256 digests.
//!
//! A token is 32 bytes from the operating system's random source, so it
//! cannot be guessed or found in a dictionary: one plain SHA-256 is enough
//! to keep a stolen database from yielding usable tokens (a slow password
//! hash only helps against low-entropy secrets).

use rusqlite::{OptionalExtension as _, params};
use serde::Serialize;
use sha2::{Digest as _, Sha256};

use crate::Error;
use crate::store::{Store, now};

/// The prefix of every token, so that secret scanners recognise one.
const PREFIX: &str = "twn_";

/// The longest token name.
const MAX_NAME: usize = 64;

/// A staff token as `twinning serve token list` shows it: never the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TokenInfo {
    /// Who or what holds it; recorded as the actor in the audit log.
    pub name: String,
    /// When it was created (RFC 3339).
    pub created_at: String,
    /// When it was revoked, if it was.
    pub revoked_at: Option<String>,
}

/// Lower-case hex of bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The stored digest of a token.
pub(crate) fn digest(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

impl Store {
    /// Creates a staff token named `name` and returns it; only its digest
    /// is stored, so this is the one time it can be read.
    ///
    /// # Errors
    ///
    /// [`Error::Token`] when the name is empty, longer than 64 characters or
    /// already taken; [`Error::Random`] or [`Error::Database`] on failure.
    pub fn create_token(&self, name: &str) -> Result<String, Error> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME {
            return Err(Error::Token(format!("a name of 1 to {MAX_NAME} characters is needed")));
        }
        let mut secret = [0_u8; 32];
        getrandom::fill(&mut secret).map_err(|e| Error::Random(e.to_string()))?;
        let token = format!("{PREFIX}{}", hex(&secret));
        self.with(|c| {
            let taken: Option<i64> = c
                .query_row("SELECT id FROM tokens WHERE name = ?1", [name], |r| r.get(0))
                .optional()?;
            if taken.is_some() {
                return Err(Error::Token(format!("the name {name:?} is taken")));
            }
            c.execute(
                "INSERT INTO tokens (name, hash, created_at) VALUES (?1, ?2, ?3)",
                params![name, digest(&token), now()],
            )?;
            Ok(token)
        })
    }

    /// Revokes the token named `name`; `false` when no active one has it.
    ///
    /// # Errors
    ///
    /// [`Error::Database`] when the file cannot be written.
    pub fn revoke_token(&self, name: &str) -> Result<bool, Error> {
        self.with(|c| {
            let n = c.execute(
                "UPDATE tokens SET revoked_at = ?2 WHERE name = ?1 AND revoked_at IS NULL",
                params![name.trim(), now()],
            )?;
            Ok(n > 0)
        })
    }

    /// Every token, oldest first.
    ///
    /// # Errors
    ///
    /// [`Error::Database`] when the file cannot be read.
    pub fn tokens(&self) -> Result<Vec<TokenInfo>, Error> {
        self.with(|c| {
            let mut s = c.prepare("SELECT name, created_at, revoked_at FROM tokens ORDER BY id")?;
            let rows = s.query_map([], |r| {
                Ok(TokenInfo { name: r.get(0)?, created_at: r.get(1)?, revoked_at: r.get(2)? })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    /// The name of the active token `token`, if it is one.
    pub(crate) fn token_holder(&self, token: &str) -> Option<String> {
        self.token_holder_by_digest(&digest(token))
    }

    /// The name of the active token whose [`digest`] is `hash`, if any
    /// (a web session keeps the digest, never the token).
    pub(crate) fn token_holder_by_digest(&self, hash: &str) -> Option<String> {
        let hash = hash.to_owned();
        self.with(|c| {
            c.query_row(
                "SELECT name FROM tokens WHERE hash = ?1 AND revoked_at IS NULL",
                [hash],
                |r| r.get(0),
            )
            .optional()
            .ok()
            .flatten()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::digest;

    #[test]
    fn digest_is_sha256_hex() {
        // FIPS 180-2 example: SHA-256("abc").
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
