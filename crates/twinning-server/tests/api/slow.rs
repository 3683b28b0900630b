//! Slow and cross-origin clients: a client that trickles its headers or its
//! body cannot hold the server, and CORS headers go only to the origins the
//! configuration names.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use twinning_server::{Config, Origin};

use crate::support::{Server, request};

/// A server whose read timeouts are one second.
fn impatient() -> Server {
    Server::start_config(Config {
        rate_limit: None,
        header_read_timeout: Duration::from_secs(1),
        body_read_timeout: Duration::from_secs(1),
        ..Config::default()
    })
}

/// Reads until the server closes the connection or `limit` passes; returns
/// what arrived and whether the server closed it.
fn read_until_closed(s: &mut TcpStream, limit: Duration) -> (Vec<u8>, bool) {
    s.set_read_timeout(Some(limit)).unwrap();
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return (raw, true),
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            // Reset by the server counts as closed; a timeout does not.
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return (raw, true),
            Err(_) => return (raw, false),
        }
    }
}

#[test]
fn a_client_trickling_its_headers_is_disconnected() {
    let server = impatient();
    let mut slow = TcpStream::connect(server.addr).unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n").unwrap();
    let started = Instant::now();
    let (raw, closed) = read_until_closed(&mut slow, Duration::from_secs(10));
    assert!(closed, "the connection is still open after {:?}", started.elapsed());
    assert!(started.elapsed() < Duration::from_secs(10));
    // Whatever hyper sends before closing (a 408 or nothing), it is no answer
    // to the unfinished request.
    assert!(!String::from_utf8_lossy(&raw).contains("200 OK"));
}

#[test]
fn other_clients_are_served_while_a_slow_one_waits() {
    let server = impatient();
    let mut slow = TcpStream::connect(server.addr).unwrap();
    slow.write_all(b"POST /v1/eligibility/check HTTP/1.1\r\nHost: x\r\n").unwrap();
    let answer = server.get("/healthz");
    assert_eq!(answer.status, 200);
}

#[test]
fn a_body_that_does_not_arrive_in_time_is_a_408_problem() {
    let server = impatient();
    let mut slow = TcpStream::connect(server.addr).unwrap();
    slow.write_all(
        b"POST /v1/eligibility/check HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
          Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"cohort\":",
    )
    .unwrap();
    let (raw, _) = read_until_closed(&mut slow, Duration::from_secs(10));
    let text = String::from_utf8_lossy(&raw);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("application/problem+json"), "{text}");
    assert!(text.contains("request-timeout"), "{text}");
}

fn preflight(server: &Server, origin: &str) -> crate::support::Answer {
    let headers = vec![
        ("Origin".to_owned(), origin.to_owned()),
        ("Access-Control-Request-Method".to_owned(), "POST".to_owned()),
        ("Access-Control-Request-Headers".to_owned(), "authorization, content-type".to_owned()),
    ];
    request(server.addr, "OPTIONS", "/v1/eligibility/check", &headers, b"")
}

#[test]
fn no_cors_headers_unless_configured() {
    let server = Server::start();
    let answer = preflight(&server, "https://portal.example.eu");
    assert_eq!(answer.header("access-control-allow-origin"), None);
}

#[test]
fn cors_headers_go_only_to_the_configured_origins() {
    let portal = Origin::parse("https://Portal.Example.eu").unwrap();
    let server = Server::start_config(Config {
        rate_limit: None,
        cors_origins: vec![portal],
        ..Config::default()
    });
    let allowed = preflight(&server, "https://portal.example.eu");
    assert_eq!(allowed.header("access-control-allow-origin"), Some("https://portal.example.eu"));
    let methods = allowed.header("access-control-allow-methods").unwrap_or_default();
    assert!(methods.contains("POST"), "{methods}");
    let other = preflight(&server, "https://evil.example.com");
    assert_eq!(other.header("access-control-allow-origin"), None);
}

#[test]
fn origins_are_scheme_host_and_port_only() {
    for good in ["https://portal.example.eu", "http://localhost:3000", "https://[::1]:8443/"] {
        assert!(Origin::parse(good).is_ok(), "{good}");
    }
    for bad in [
        "*",
        "portal.example.eu",
        "ftp://portal.example.eu",
        "https://",
        "https://portal.example.eu/path",
        "https://user@portal.example.eu",
        "https://*.example.eu",
    ] {
        assert!(Origin::parse(bad).is_err(), "{bad}");
    }
}
