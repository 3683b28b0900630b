//! Load on loopback: requests per second and p50/p99 latency of eligibility
//! checks at 1, 16 and 64 concurrent clients, beside the HTTP floor (the
//! constant answer of `/healthz` on the same server) and the in-process
//! decision rate. Run with `cargo bench -p twinning-server --bench load`;
//! the figures go to docs/server.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::print_stdout,
    clippy::cast_precision_loss,
    missing_docs,
    reason = "a benchmark program"
)]

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use twinning_eligibility::{Applicant, BuiltinRegistry, RuleSet};
use twinning_server::{Config, Store};

const SECONDS: f64 = 3.0;

const CHECK: &str = r#"{"cohort": 5, "role": "mission-minded-city", "at": "2025-09-11T10:00:00+02:00", "applicant": {"schema_version": 1, "name": "Kalamata", "country": "GR", "local_authority": true, "invited": true, "submitted_at": "2025-09-10T12:00:00+02:00"}}"#;

/// One keep-alive connection.
struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Client {
    fn new(addr: SocketAddr) -> Client {
        let s = TcpStream::connect(addr).unwrap();
        s.set_nodelay(true).unwrap();
        Client { reader: BufReader::new(s.try_clone().unwrap()), writer: s }
    }

    fn call(&mut self, request: &[u8]) -> u16 {
        self.writer.write_all(request).unwrap();
        let mut line = String::new();
        self.reader.read_line(&mut line).unwrap();
        let status: u16 = line.split(' ').nth(1).unwrap().parse().unwrap();
        let mut length = 0;
        loop {
            line.clear();
            self.reader.read_line(&mut line).unwrap();
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                length = v.trim().parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).unwrap();
        status
    }
}

fn get(path: &str) -> Vec<u8> {
    format!("GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").into_bytes()
}

fn post(path: &str, body: &str) -> Vec<u8> {
    format!(
        "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// (requests per second, p50, p99) of `clients` connections for SECONDS.
fn load(addr: SocketAddr, request: &[u8], clients: usize) -> (f64, Duration, Duration) {
    let deadline = Instant::now() + Duration::from_secs_f64(SECONDS);
    let mut latencies: Vec<Duration> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..clients)
            .map(|_| {
                scope.spawn(move || {
                    let mut c = Client::new(addr);
                    let mut out = Vec::new();
                    while Instant::now() < deadline {
                        let t = Instant::now();
                        assert_eq!(c.call(request), 200);
                        out.push(t.elapsed());
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    latencies.sort();
    let n = latencies.len();
    let at = |q: f64| latencies[((n as f64 * q) as usize).min(n - 1)];
    (n as f64 / SECONDS, at(0.50), at(0.99))
}

fn main() {
    let dir = std::env::temp_dir().join(format!("twinning-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = Config { db: dir.join("twinning.db"), rate_limit: None, ..Config::default() };
    let store = Store::open(&config.db).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            twinning_server::serve_on(listener, store, &config, std::future::pending())
                .await
                .unwrap();
        });
    });
    let addr = rx.recv().unwrap();

    // In process: decisions per second, one thread.
    let applicant: Applicant = serde_json::from_value(
        serde_json::from_str::<serde_json::Value>(CHECK).unwrap()["applicant"].clone(),
    )
    .unwrap();
    let rules = RuleSet::builtin(
        twinning_cohort::CohortNumber::new(5).unwrap(),
        twinning_cohort::Role::MissionMindedCity,
    )
    .unwrap();
    let at = "2025-09-11T10:00:00+02:00".parse().unwrap();
    let registry = BuiltinRegistry::new();
    let start = Instant::now();
    let mut n = 0_u64;
    while start.elapsed() < Duration::from_secs(1) {
        std::hint::black_box(rules.evaluate(&applicant, at, &registry));
        n += 1;
    }
    println!(
        "in-process decisions: {:.0}/s (one thread)",
        n as f64 / start.elapsed().as_secs_f64()
    );

    println!("| clients | endpoint | requests/s | p50 | p99 | share of floor |");
    println!("|---|---|---|---|---|---|");
    let floor_req = get("/healthz");
    let check_req = post("/v1/eligibility/check", CHECK);
    for clients in [1, 16, 64] {
        let (floor, f50, f99) = load(addr, &floor_req, clients);
        let (rps, p50, p99) = load(addr, &check_req, clients);
        println!(
            "| {clients} | GET /healthz (floor) | {floor:.0} | {f50:.2?} | {f99:.2?} | 100 % |"
        );
        println!(
            "| {clients} | POST /v1/eligibility/check | {rps:.0} | {p50:.2?} | {p99:.2?} | {:.0} % |",
            100.0 * rps / floor
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
