//! `twinning serve` as a process: nothing acknowledged is lost when it is
//! killed (SIGKILL) mid-stream, SIGTERM drains and exits 0, and the server
//! answers from the same data overlay (`--data`) as the other commands.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs,
    reason = "tests"
)]

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_twinning");

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("twinning-serve-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn token(db: &Path) -> String {
    let out = Command::new(BIN)
        .args(["serve", "token", "create", "staff", "--db"])
        .arg(db)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// Starts the server on a free port; its address from the "listening" log
/// line. Standard error keeps being drained so the server never blocks.
fn start(db: &Path) -> (Child, SocketAddr) {
    start_with(&[], db)
}

/// [`start`] with global options (`--data FILE`) before `serve`.
fn start_with(global: &[&str], db: &Path) -> (Child, SocketAddr) {
    let mut child = Command::new(BIN)
        .args(global)
        .args(["serve", "--bind", "127.0.0.1:0", "--db"])
        .arg(db)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("the server logs before it exits").unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        if v["fields"]["message"] == "listening" {
            break v["fields"]["addr"].as_str().unwrap().parse().unwrap();
        }
    };
    std::thread::spawn(move || for _ in lines.by_ref() {});
    (child, addr)
}

/// One request; `None` when the connection fails (the server is gone).
fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    token: &str,
    body: &str,
) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(10))).ok()?;
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(head.as_bytes()).ok()?;
    let mut raw = String::new();
    s.read_to_string(&mut raw).ok()?;
    let status = raw.split(' ').nth(1)?.parse().ok()?;
    let body = raw.split_once("\r\n\r\n")?.1.to_owned();
    Some((status, body))
}

#[test]
fn sigkill_mid_stream_loses_no_acknowledged_write() {
    let dir = temp_dir("kill");
    let db = dir.join("twinning.db");
    let token = token(&db);
    let (mut child, addr) = start(&db);

    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    let writer = {
        let acked = Arc::clone(&acked);
        let token = token.clone();
        std::thread::spawn(move || {
            for i in 0.. {
                let name = format!("run-{i}");
                let body = format!(r#"{{"name": "{name}", "cohort": 5}}"#);
                match request(addr, "POST", "/v1/runs", &token, &body) {
                    Some((201, _)) => acked.lock().unwrap().push(name),
                    Some((status, body)) => panic!("{status}: {body}"),
                    None => break,
                }
            }
        })
    };
    let started = Instant::now();
    while acked.lock().unwrap().len() < 25 && started.elapsed() < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    writer.join().unwrap();
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= 25, "only {} writes before the kill", acked.len());

    let (mut child, addr) = start(&db);
    let (status, body) = request(addr, "GET", "/v1/runs", &token, "").unwrap();
    assert_eq!(status, 200);
    let runs: Vec<serde_json::Value> = serde_json::from_str(&body).unwrap();
    let stored: Vec<&str> = runs.iter().map(|r| r["name"].as_str().unwrap()).collect();
    for name in &acked {
        assert!(stored.contains(&name.as_str()), "acknowledged {name} is missing");
    }
    child.kill().unwrap();
    child.wait().unwrap();

    let store = twinning_server::Store::open(&db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn sigterm_drains_and_exits_0() {
    let dir = temp_dir("term");
    let db = dir.join("twinning.db");
    let token = token(&db);
    let (mut child, addr) = start(&db);
    let (status, _) = request(addr, "GET", "/readyz", &token, "").unwrap();
    assert_eq!(status, 200);
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "{exit:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

const OVERLAY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/overlay.json");

#[test]
fn the_server_decides_from_the_overlay_as_the_command_line_does() {
    let dir = temp_dir("data");
    let db = dir.join("twinning.db");
    let (mut child, addr) = start_with(&["--data", OVERLAY], &db);
    let applicant = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/applicant-exampleton.json");
    let at = "2026-01-21T12:00:00+01:00";
    let body = format!(
        r#"{{"cohort": 5, "role": "mission-minded-city", "at": "{at}", "applicant": {}}}"#,
        std::fs::read_to_string(applicant).unwrap()
    );
    let (status, served) = request(addr, "POST", "/v1/eligibility/check", "", &body).unwrap();
    let (six, _) = request(addr, "GET", "/v1/cohorts/6", "", "").unwrap();
    let (_, city) = request(addr, "GET", "/v1/catalogue/cities/exampleton", "", "").unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(status, 200, "{served}");
    assert_eq!(six, 200, "the overlay's cohort 6 is served");
    let args = ["--data", OVERLAY, "eligibility", "check", "--cohort", "5", "--role"];
    let out = Command::new(BIN)
        .args(args)
        .args(["mission-minded", "--at", at, "--format", "json", applicant])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let cli: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let served: serde_json::Value = serde_json::from_str(&served).unwrap();
    // Exampleton is a Mission-minded city only in the overlay.
    assert_eq!(served["verdict"], "eligible", "{served}");
    assert_eq!(served, cli);
    // A city the overlay adds, with the days the data is as of, as `catalogue show`.
    let out = Command::new(BIN)
        .args(["--data", OVERLAY, "catalogue", "show", "exampleton", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let city: serde_json::Value = serde_json::from_str(&city).unwrap();
    assert_eq!(city["data_as_of"]["overlay"]["as_of"], "2027-03-01", "{city}");
    assert_eq!(city, shown);
}

#[test]
fn a_bad_overlay_stops_the_server_from_starting() {
    let dir = temp_dir("bad-data");
    let bad = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/overlay-bad-country.json");
    let out = Command::new(BIN)
        .args(["--data", bad, "serve", "--bind", "127.0.0.1:0", "--db"])
        .arg(dir.join("twinning.db"))
        .output()
        .unwrap();
    // Refused before the database is opened: nothing is created.
    let created = dir.join("twinning.db").exists();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(!created, "no database file for a server that did not start");
    // The command line's usual error: exit 2, one line naming the file, the
    // entry and the field, then one hint; no log line, no panic.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].starts_with("twinning: error: "), "{stderr}");
    assert!(lines[0].contains("overlay-bad-country.json: cities[0].country"), "{stderr}");
    assert!(lines[1].starts_with("  hint: "), "{stderr}");
}
