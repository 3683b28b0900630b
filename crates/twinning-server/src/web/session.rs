//! Staff sessions and CSRF tokens, kept in no table.
//!
//! Signing in with a staff token sets a cookie `twinning_session` holding
//! the token's stored digest (never the token), an expiry and an
//! HMAC-SHA256 of both under a key drawn at start-up; it is `HttpOnly`,
//! `SameSite=Strict` and `Path=/staff`. Each request checks the MAC, the
//! expiry and that the token is still active, so revoking the token ends
//! its sessions. Every staff form carries a CSRF token, the HMAC of the
//! session cookie; the sign-in form's is the HMAC of a random cookie set
//! with it. A restart draws a new key: staff sign in again.

use std::sync::OnceLock;

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

/// The process's signing key, drawn once; `None` when the system has no
/// randomness to give (then nobody can sign in).
fn key() -> Option<&'static [u8; 32]> {
    static KEY: OnceLock<Option<[u8; 32]>> = OnceLock::new();
    KEY.get_or_init(|| {
        let mut k = [0u8; 32];
        getrandom::fill(&mut k).ok().map(|()| k)
    })
    .as_ref()
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

/// The MAC of `purpose` and `value`, as hex.
fn mac(purpose: &str, value: &str) -> Option<String> {
    key().map(|k| hex(&hmac(k, format!("{purpose}\n{value}").as_bytes())))
}

/// A session cookie's value for the token with digest `token_digest`,
/// valid until `expires` (Unix seconds).
pub(crate) fn session_value(token_digest: &str, expires: i64) -> Option<String> {
    let body = format!("{token_digest}.{expires}");
    mac("session", &body).map(|m| format!("{body}.{m}"))
}

/// The token digest a session cookie value vouches for at `now` (Unix
/// seconds), if its MAC is right and it has not expired.
pub(crate) fn session_digest(value: &str, now: i64) -> Option<String> {
    let mut parts = value.split('.');
    let (digest, expires, given) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let expected = mac("session", &format!("{digest}.{expires}"))?;
    let expires: i64 = expires.parse().ok()?;
    (same(&expected, given) && now < expires).then(|| digest.to_owned())
}

/// The CSRF token of forms shown with the cookie value `cookie` (the
/// session's, or the sign-in form's).
pub(crate) fn csrf_token(purpose: &str, cookie: &str) -> Option<String> {
    mac(purpose, cookie)
}

/// Whether `given` is the CSRF token for `cookie`.
pub(crate) fn csrf_ok(purpose: &str, cookie: &str, given: &str) -> bool {
    csrf_token(purpose, cookie).is_some_and(|t| same(&t, given))
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

/// A `Set-Cookie` value: HttpOnly, SameSite=Strict, for `/staff`;
/// `max_age` 0 deletes it.
pub(crate) fn set_cookie(name: &str, value: &str, max_age: i64) -> Option<HeaderValue> {
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/staff; HttpOnly; SameSite=Strict; Max-Age={max_age}"
    ))
    .ok()
}

#[cfg(test)]
mod tests {
    use super::{csrf_ok, csrf_token, hmac, session_digest, session_value};
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
        let v = session_value("abc", 1_000).unwrap_or_default();
        assert_eq!(session_digest(&v, 999).as_deref(), Some("abc"));
        assert_eq!(session_digest(&v, 1_000), None);
        // Another digest or a later expiry with the same MAC is refused.
        let forged = v.replacen("abc", "abd", 1);
        assert_eq!(session_digest(&forged, 10), None);
        let extended = v.replacen(".1000.", ".9999.", 1);
        assert_eq!(session_digest(&extended, 10), None);
        assert_eq!(session_digest("abc.1000", 10), None);
    }

    #[test]
    fn a_csrf_token_belongs_to_one_cookie() {
        let t = csrf_token("staff", "cookie-a").unwrap_or_default();
        assert!(csrf_ok("staff", "cookie-a", &t));
        assert!(!csrf_ok("staff", "cookie-b", &t));
        assert!(!csrf_ok("sign-in", "cookie-a", &t));
        assert!(!csrf_ok("staff", "cookie-a", ""));
    }
}
