//! The authorisation matrix: every staff route × no token, a wrong token,
//! a revoked token and a staff token; the security headers; no CORS.

use twinning_server::STAFF_ROUTES;

use crate::support::Server;

#[test]
fn every_staff_route_needs_an_active_token() {
    let s = Server::start();
    let revoked = s.store.create_token("gone").unwrap();
    assert!(s.store.revoke_token("gone").unwrap());
    let wrong = format!("twn_{}", "0".repeat(64));
    for (method, path) in STAFF_ROUTES {
        let body = if method == "GET" { "" } else { "{}" };
        let ct = (method != "GET").then_some("application/json");
        for token in [None, Some(wrong.as_str()), Some(revoked.as_str()), Some("")] {
            let a = s.request(method, path, token, ct, body.as_bytes());
            assert_eq!(a.status, 401, "{method} {path} with {token:?}: {}", a.body);
            assert_eq!(a.header("www-authenticate"), Some("Bearer"));
            assert_eq!(a.header("content-type"), Some("application/problem+json"));
        }
        let a = s.request(method, path, Some(&s.token), ct, body.as_bytes());
        assert!(
            a.status != 401 && a.status != 403 && a.status < 500,
            "{method} {path} with the staff token: {} {}",
            a.status,
            a.body
        );
    }
}

#[test]
fn a_basic_or_malformed_authorization_is_refused() {
    let s = Server::start();
    for value in ["Basic c3RhZmY6c3RhZmY=", "Bearer", "bearer x", &s.token] {
        let headers = vec![("Authorization".to_owned(), value.to_owned())];
        let a = crate::support::request(s.addr, "GET", "/v1/runs", &headers, b"");
        assert_eq!(a.status, 401, "{value}");
    }
}

#[test]
fn security_headers_and_no_cors() {
    let s = Server::start();
    let headers = vec![("Origin".to_owned(), "https://evil.example".to_owned())];
    for path in ["/healthz", "/v1/cohorts", "/v1/runs", "/nowhere"] {
        let a = crate::support::request(s.addr, "GET", path, &headers, b"");
        assert_eq!(a.header("x-content-type-options"), Some("nosniff"), "{path}");
        assert_eq!(a.header("x-frame-options"), Some("DENY"));
        assert_eq!(a.header("referrer-policy"), Some("no-referrer"));
        assert_eq!(
            a.header("content-security-policy"),
            Some("default-src 'none'; frame-ancestors 'none'")
        );
        assert_eq!(a.header("cache-control"), Some("no-store"));
        assert_eq!(a.header("access-control-allow-origin"), None);
    }
    let preflight = vec![
        ("Origin".to_owned(), "https://evil.example".to_owned()),
        ("Access-Control-Request-Method".to_owned(), "POST".to_owned()),
    ];
    let a = crate::support::request(s.addr, "OPTIONS", "/v1/eligibility/check", &preflight, b"");
    assert_eq!(a.header("access-control-allow-origin"), None);
    assert!(a.status >= 400, "{}", a.status);
}

#[test]
fn tokens_are_stored_hashed() {
    let s = Server::start();
    let raw = std::fs::read(s.dir.join("twinning.db")).unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert!(!text.contains(&s.token));
    // The WAL may hold the newest pages: check it too.
    if let Ok(wal) = std::fs::read(s.dir.join("twinning.db-wal")) {
        assert!(!String::from_utf8_lossy(&wal).contains(&s.token));
    }
    let names: Vec<String> = s.store.tokens().unwrap().into_iter().map(|t| t.name).collect();
    assert_eq!(names, ["staff"]);
}

#[test]
fn public_routes_are_rate_limited_per_address_and_staff_routes_are_not() {
    let limit = twinning_server::RateLimit { per_second: 1.0, burst: 3.0 };
    let s = Server::start_config(twinning_server::Config {
        rate_limit: Some(limit),
        ..twinning_server::Config::default()
    });
    let statuses: Vec<u16> = (0..5).map(|_| s.get("/v1/cohorts").status).collect();
    assert_eq!(statuses, [200, 200, 200, 429, 429]);
    let limited = s.get("/v1/cohorts/5");
    assert_eq!(limited.header("content-type"), Some("application/problem+json"));
    assert_eq!(limited.header("retry-after"), Some("1"));
    // Health, the API description and staff routes are not limited.
    assert_eq!(s.get("/healthz").status, 200);
    assert_eq!(s.get("/v1/openapi.json").status, 200);
    assert_eq!(s.staff("GET", "/v1/runs", None).status, 200);
}
