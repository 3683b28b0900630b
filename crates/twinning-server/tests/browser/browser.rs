//! A headless Chromium session per test, through a chromedriver of its own.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use crate::support::Server;

/// One browser at a time: the machine has two cores.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The staff token of the server the current journey runs against.
static TOKEN: Mutex<String> = Mutex::new(String::new());

/// The staff token of the journey's server.
pub fn staff_token() -> String {
    TOKEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
}

/// Why a test is ignored by default.
pub const NEEDS: &str = "needs Chromium: .ci/run runs them";

/// A chromedriver process, killed on drop.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// How a session is set up.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Run with JavaScript off (the pages must work without it).
    pub javascript: bool,
    /// The browser's time zone (the `TZ` of its process).
    pub time_zone: &'static str,
}

impl Default for Options {
    fn default() -> Self {
        Options { javascript: true, time_zone: "Europe/Brussels" }
    }
}

/// Runs `journey` with a fresh server and browser.
pub fn run<F, Fut>(options: Options, journey: F)
where
    F: FnOnce(Client, String) -> Fut,
    Fut: Future<Output = ()>,
{
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let server = Server::start();
    *TOKEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = server.token.clone();
    let port = free_port();
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".to_owned());
    let child = Command::new(&chromedriver)
        .arg(format!("--port={port}"))
        .env("TZ", options.time_zone)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("{chromedriver}: {e}; install chromium-driver (see docs/web.md)")
        });
    let _driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start on port {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
    let base = format!("http://{}", server.addr);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    rt.block_on(async move {
        let mut prefs = serde_json::Map::new();
        if !options.javascript {
            prefs.insert("profile.managed_default_content_settings.javascript".into(), json!(2));
        }
        let mut chrome = json!({
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,900", "--lang=en-GB", "--force-prefers-reduced-motion"],
            "prefs": prefs,
        });
        if let Ok(bin) = std::env::var("CHROMIUM") {
            chrome["binary"] = json!(bin);
        }
        let mut caps = serde_json::Map::new();
        caps.insert("goog:chromeOptions".into(), chrome);
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a WebDriver session in Chromium");
        journey(client.clone(), base).await;
        client.close().await.unwrap();
    });
}

/// The text of the first element matching `css`.
pub async fn text(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).text().await.unwrap()
}

/// Clicks the first element matching `css`.
pub async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).click().await.unwrap();
}

/// Types `value` into the field matching `css`, replacing what it held.
pub async fn fill(c: &Client, css: &str, value: &str) {
    let e = c.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
    e.clear().await.unwrap();
    e.send_keys(value).await.unwrap();
}

/// Presses `Continue` (the form's submit button) and waits for the next page.
pub async fn next(c: &Client) {
    submit(c, "form button[type=submit]").await;
}

/// Clicks the button matching `css` and waits for the page it leads to,
/// even when that page has the same address.
pub async fn submit(c: &Client, css: &str) {
    let before = c.current_url().await.unwrap();
    // A mark on the old document: gone once the new one is in. (With
    // JavaScript off there is no mark, and the address must change.)
    let marked = c.execute("window.__twinning_old = true; return true;", vec![]).await.is_ok();
    click(c, css).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        let moved = if marked {
            matches!(c.execute("return window.__twinning_old === undefined;", vec![]).await, Ok(v) if v == json!(true))
        } else {
            c.current_url().await.unwrap() != before
        };
        if moved {
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    wait_loaded(c).await;
}

/// Waits until the document has loaded.
async fn wait_loaded(c: &Client) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        // With JavaScript off the script cannot run; WebDriver's own wait
        // for the page load is all there is.
        match c.execute("return document.readyState;", vec![]).await {
            Ok(v) if v == json!("complete") => return,
            Ok(_) => tokio::time::sleep(Duration::from_millis(25)).await,
            Err(_) => return,
        }
    }
}

/// The path of the current page, once it is `expected` (waiting up to
/// 10 s for a navigation to finish); the last path seen otherwise.
pub async fn path_is(c: &Client, expected: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = c.current_url().await.unwrap().path().to_owned();
        if now == expected || Instant::now() >= deadline {
            wait_loaded(c).await;
            return now;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Sends keys to whatever has focus.
pub async fn press(c: &Client, keys: &str) {
    c.active_element().await.unwrap().send_keys(keys).await.unwrap();
}

/// The Tab key, as text for `press`.
pub fn tab() -> String {
    char::from(Key::Tab).to_string()
}

/// The Enter key.
pub fn enter() -> String {
    char::from(Key::Enter).to_string()
}

/// The Space key.
pub fn space() -> String {
    " ".to_owned()
}

/// Presses Tab until the focused element matches `css` (at most 60
/// times), returning how many presses it took.
pub async fn tab_to(c: &Client, css: &str) -> usize {
    for n in 1..=60 {
        press(c, &tab()).await;
        let here = c
            .execute("return document.activeElement.matches(arguments[0]);", vec![json!(css)])
            .await
            .unwrap();
        if here == json!(true) {
            return n;
        }
    }
    panic!("Tab never reached {css}");
}

/// Whether the focused element shows the focus style: the yellow
/// background of links and buttons, or the yellow outline of fields.
pub async fn focus_is_visible(c: &Client) -> bool {
    let v = c
        .execute(
            "const s = getComputedStyle(document.activeElement);
             return [s.backgroundColor, s.outlineColor, s.outlineStyle, s.boxShadow];",
            vec![],
        )
        .await
        .unwrap();
    let yellow = "rgb(255, 221, 0)";
    let all = v.to_string();
    v[0] == json!(yellow)
        || (v[1] == json!(yellow) && v[2] != json!("none"))
        || all.contains(yellow)
}

/// Saves a screenshot of the page as `name`.png in the folder
/// `TWINNING_SCREENSHOTS` names, when it is set (docs/screenshots is made
/// this way; see docs/web.md).
pub async fn screenshot(c: &Client, name: &str) {
    if let Ok(dir) = std::env::var("TWINNING_SCREENSHOTS") {
        let height =
            c.execute("return document.documentElement.scrollHeight;", vec![]).await.unwrap();
        let height = height.as_u64().unwrap_or(900).clamp(600, 4000) as u32;
        c.set_window_size(1280, height).await.unwrap();
        let png = c.screenshot().await.unwrap();
        c.set_window_size(1280, 900).await.unwrap();
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.png")), png).unwrap();
    }
}
