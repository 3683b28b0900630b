//! Staff sessions and CSRF tokens, kept in no table.
//!
//! Signing in with a staff token sets a cookie `twinning_session` holding
//! the token's stored digest (never the token), an expiry and an
//! HMAC-SHA256 of both under the database's signing key; it is `HttpOnly`,
//! `SameSite=Strict`, `Path=/staff`, and `Secure` when the server is told
//! it is reached over HTTPS. Each request checks the MAC, the expiry and
//! that the token is still active, so revoking the token ends its
//! sessions. Every staff form carries a CSRF token, the HMAC of the session
//! cookie; the sign-in form's is the HMAC of a random cookie set with it.
//! The key is drawn when the database is created and kept in it (table
//! `server_keys`), so a restart signs nobody out.

use axum::http::{HeaderMap, HeaderValue, header};
use sha2::{Digest as _, Sha256};

use crate::store::hex;

/// The session cookie's name.
pub(crate) const SESSION: &str = "twinning_session";
/// The sign-in form's cookie.
pub(crate) const SIGN_IN: &str = "twinning_sign_in";
/// How long a session lasts, in seconds (8 hours: a working day).
pub(crate) const SESSION_SECONDS: i64 = 8 * 3600;

/// HMAC-SHA256 (RFC 2104) of `msg` under `key`.
pub(crate) fn hmac(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        let hashed = Sha256::digest(key);
        block.iter_mut().zip(hashed.iter()).for_each(|(b, k)| *b = *k);
    } else {
        block.iter_mut().zip(key.iter()).for_each(|(b, k)| *b = *k);
    }
    let pad = |byte: u8| block.map(|b| b ^ byte);
    let inner = Sha256::new().chain_update(pad(0x36)).chain_update(msg).finalize();
    Sha256::new().chain_update(pad(0x5c)).chain_update(inner).finalize().into()
}

/// Signs and checks sessions, CSRF tokens and cookies with one key.
#[derive(Clone)]
pub(crate) struct Signer {
    key: [u8; 32],
    /// Whether cookies carry `Secure` (the server is reached over HTTPS).
    secure: bool,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer").field("secure", &self.secure).finish_non_exhaustive()
    }
}

impl Signer {
    /// A signer with `key`; `secure` marks every cookie `Secure`.
    pub(crate) fn new(key: [u8; 32], secure: bool) -> Signer {
        Signer { key, secure }
    }

    /// The MAC of `purpose` and `value`, as hex.
    fn mac(&self, purpose: &str, value: &str) -> String {
        hex(&hmac(&self.key, format!("{purpose}\n{value}").as_bytes()))
    }

    /// A session cookie's value for the token with digest `token_digest`,
    /// valid until `expires` (Unix seconds).
    pub(crate) fn session_value(&self, token_digest: &str, expires: i64) -> String {
        let body = format!("{token_digest}.{expires}");
        let m = self.mac("session", &body);
        format!("{body}.{m}")
    }

    /// The token digest a session cookie value vouches for at `now` (Unix
    /// seconds), if its MAC is right and it has not expired.
    pub(crate) fn session_digest(&self, value: &str, now: i64) -> Option<String> {
        let mut parts = value.split('.');
        let (digest, expires, given) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        let expected = self.mac("session", &format!("{digest}.{expires}"));
        let expires: i64 = expires.parse().ok()?;
        (same(&expected, given) && now < expires).then(|| digest.to_owned())
    }

    /// The CSRF token of forms shown with the cookie value `cookie` (the
    /// session's, the sign-in form's, or a pair link's token).
    pub(crate) fn csrf_token(&self, purpose: &str, cookie: &str) -> String {
        self.mac(purpose, cookie)
    }

    /// Whether `given` is the CSRF token for `cookie`.
    pub(crate) fn csrf_ok(&self, purpose: &str, cookie: &str, given: &str) -> bool {
        same(&self.csrf_token(purpose, cookie), given)
    }

    /// A `Set-Cookie` value: HttpOnly, SameSite=Strict, for `/staff`, and
    /// Secure when the server is reached over HTTPS; `max_age` 0 deletes it.
    pub(crate) fn set_cookie(&self, name: &str, value: &str, max_age: i64) -> Option<HeaderValue> {
        let secure = if self.secure { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{name}={value}; Path=/staff; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
        ))
        .ok()
    }
}

/// Random hex for the sign-in cookie.
pub(crate) fn nonce() -> Option<String> {
    let mut n = [0u8; 16];
    getrandom::fill(&mut n).ok().map(|()| hex(&n))
}

/// `a == b` in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The value of cookie `name` in the request's `Cookie` headers.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

#[cfg(test)]
mod tests {
    use super::{Signer, hmac};
    use crate::store::hex;

    #[test]
    fn hmac_sha256_matches_rfc_4231() {
        // RFC 4231, test case 2.
        assert_eq!(
            hex(&hmac(b"Jefe", b"what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than the block is hashed first.
        assert_eq!(
            hex(&hmac(&[0xaa; 131], b"Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn a_session_is_good_until_it_expires_and_only_as_signed() {
        let signer = Signer::new([7; 32], false);
        let v = signer.session_value("abc", 1_000);
        assert_eq!(signer.session_digest(&v, 999).as_deref(), Some("abc"));
        assert_eq!(signer.session_digest(&v, 1_000), None);
        // Another digest or a later expiry with the same MAC is refused.
        let forged = v.replacen("abc", "abd", 1);
        assert_eq!(signer.session_digest(&forged, 10), None);
        let extended = v.replacen(".1000.", ".9999.", 1);
        assert_eq!(signer.session_digest(&extended, 10), None);
        assert_eq!(signer.session_digest("abc.1000", 10), None);
        // Another key does not vouch for it.
        assert_eq!(Signer::new([8; 32], false).session_digest(&v, 999), None);
    }

    #[test]
    fn a_csrf_token_belongs_to_one_cookie() {
        let signer = Signer::new([7; 32], false);
        let t = signer.csrf_token("staff", "cookie-a");
        assert!(signer.csrf_ok("staff", "cookie-a", &t));
        assert!(!signer.csrf_ok("staff", "cookie-b", &t));
        assert!(!signer.csrf_ok("sign-in", "cookie-a", &t));
        assert!(!signer.csrf_ok("staff", "cookie-a", ""));
    }

    #[test]
    fn cookies_are_secure_only_when_asked() {
        let plain = Signer::new([7; 32], false).set_cookie("a", "b", 60);
        let secure = Signer::new([7; 32], true).set_cookie("a", "b", 60);
        let text = |v: Option<axum::http::HeaderValue>| {
            v.and_then(|v| v.to_str().ok().map(str::to_owned)).unwrap_or_default()
        };
        let (plain, secure) = (text(plain), text(secure));
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Strict"));
        assert!(!plain.contains("Secure"));
        assert!(secure.ends_with("; Secure"), "{secure}");
    }
}
