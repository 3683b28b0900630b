//! A server on a free loopback port with its own database, and a minimal
//! HTTP/1.1 client over std's TcpStream.

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread::JoinHandle;

use serde_json::Value;
use twinning_server::{Config, Store};

static NEXT: AtomicU32 = AtomicU32::new(0);

/// A running server; stops and removes its database on drop.
pub struct Server {
    pub addr: SocketAddr,
    pub token: String,
    pub store: Store,
    pub dir: PathBuf,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// The body's bytes (a workbook is not text).
    pub raw: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

impl Server {
    pub fn start() -> Server {
        Server::start_with(twinning_server::MAX_BODY_BYTES)
    }

    pub fn start_with(max_body_bytes: usize) -> Server {
        let config = Config { max_body_bytes, rate_limit: None, ..Config::default() };
        Server::start_config(config)
    }

    pub fn start_config(mut config: Config) -> Server {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let dir =
            std::env::temp_dir().join(format!("twinning-server-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("twinning.db");
        let store = Store::open(&db).unwrap();
        let token = store.create_token("staff").unwrap();
        config.db = db;
        Server::serve(store, config, token, dir)
    }

    /// Stops this server and starts another on the same database file (a
    /// new `Store::open`, as a restarted process would), on a new port.
    pub fn restart(mut self, config: Config) -> Server {
        self.shut_down();
        let db = self.dir.join("twinning.db");
        let store = Store::open(&db).unwrap();
        let config = Config { db, ..config };
        let (token, dir) = (std::mem::take(&mut self.token), std::mem::take(&mut self.dir));
        Server::serve(store, config, token, dir)
    }

    fn serve(store: Store, config: Config, token: String, dir: PathBuf) -> Server {
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (tx, rx) = std::sync::mpsc::channel();
        let served = store.clone();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                tx.send(listener.local_addr().unwrap()).unwrap();
                twinning_server::serve_on(listener, served, &config, async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
            });
        });
        let addr = rx.recv().unwrap();
        Server { addr, token, store, dir, stop: Some(stop), thread: Some(thread) }
    }

    /// Stops the server and waits for it.
    fn shut_down(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }

    pub fn request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Answer {
        request(self.addr, method, path, &headers(token, content_type), body)
    }

    pub fn get(&self, path: &str) -> Answer {
        self.request("GET", path, None, None, b"")
    }

    pub fn post(&self, path: &str, body: &Value) -> Answer {
        self.request("POST", path, None, Some("application/json"), body.to_string().as_bytes())
    }

    pub fn staff(&self, method: &str, path: &str, body: Option<&Value>) -> Answer {
        let text = body.map(Value::to_string).unwrap_or_default();
        let ct = body.map(|_| "application/json");
        self.request(method, path, Some(&self.token), ct, text.as_bytes())
    }
}

fn headers(token: Option<&str>, content_type: Option<&str>) -> Vec<(String, String)> {
    let mut h = Vec::new();
    if let Some(t) = token {
        h.push(("Authorization".to_owned(), format!("Bearer {t}")));
    }
    if let Some(c) = content_type {
        h.push(("Content-Type".to_owned(), c.to_owned()));
    }
    h
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shut_down();
        if !self.dir.as_os_str().is_empty() {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// One request on a fresh connection (`Connection: close`).
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> Answer {
    let mut s = TcpStream::connect(addr).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).unwrap();
    // A server may answer (413) before reading the whole body.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    parse(&raw)
}

fn parse(raw: &[u8]) -> Answer {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        body = dechunk(&body);
    }
    // Text answers must be UTF-8; a workbook is kept as bytes only.
    let binary = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("content-type") && v.starts_with("application/vnd.openxmlformats")
    });
    let text = if binary { String::new() } else { String::from_utf8(body.clone()).unwrap() };
    Answer { status, headers, body: text, raw: body }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = data.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(std::str::from_utf8(&data[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            break;
        }
        out.extend_from_slice(&data[end + 2..end + 2 + size]);
        data = &data[end + 2 + size + 2..];
    }
    out
}
