//! End-to-end test harness for mtd-learn.
//!
//! Every [`Browser`] gets its own chromedriver process (on a free port) and its
//! own fresh Chromium profile, so each browser starts with empty storage.
//! Nothing here sleeps for a fixed time: every wait polls a condition every
//! [`POLL`] until [`TIMEOUT`] and then fails with a message that names what was
//! awaited, what was last seen, the current URL and the start of the page text.
//!
//! The app under test is reached through `MTD_BASE_URL` (set by
//! `scripts/test.sh`, which builds the release and serves it with nginx).

use std::fs;
use std::future::Future;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::wd::{Capabilities, TimeoutConfiguration};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

pub use fantoccini;

/// How long any wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// How often a waited-for condition is checked again.
pub const POLL: Duration = Duration::from_millis(50);

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The storage key of the learner's progress (see docs/dom-contract.md).
pub const PROGRESS_KEY: &str = "mtd-learn.progress";
/// Every key the app writes starts with this.
pub const KEY_PREFIX: &str = "mtd-learn.";

/// How much page text a failure message shows.
const PAGE_TEXT_LIMIT: usize = 1500;

/// Returns `el` is visible; shared by the JavaScript probes.
const JS_VISIBLE: &str = "const __vis = (e) => (typeof e.checkVisibility === 'function') \
     ? e.checkVisibility({ visibilityProperty: true }) \
     : !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);";

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

/// The base URL of the served app, without a trailing slash.
///
/// Panics when `MTD_BASE_URL` is not set: the e2e tests never skip.
pub fn base_url() -> String {
    match std::env::var("MTD_BASE_URL") {
        Ok(v) if !v.trim().is_empty() => v.trim().trim_end_matches('/').to_string(),
        _ => panic!(
            "MTD_BASE_URL is not set: run scripts/test.sh, which builds the release and serves it with nginx"
        ),
    }
}

/// The browser window sizes the suite runs at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Viewport {
    /// 390 x 844 CSS pixels (a current phone, portrait).
    Phone,
    /// 1920 x 1080 CSS pixels.
    Desktop,
}

impl Viewport {
    pub const ALL: [Viewport; 2] = [Viewport::Phone, Viewport::Desktop];

    /// Wanted `window.innerWidth` x `window.innerHeight`.
    pub fn size(self) -> (u32, u32) {
        match self {
            Viewport::Phone => (390, 844),
            Viewport::Desktop => (1920, 1080),
        }
    }

    /// Short name, used as the screenshot folder.
    pub fn name(self) -> &'static str {
        match self {
            Viewport::Phone => "phone",
            Viewport::Desktop => "desktop",
        }
    }
}

impl std::fmt::Display for Viewport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// `tests/e2e/screenshots/<viewport>/`.
pub fn screenshot_dir(viewport: Viewport) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("screenshots")
        .join(viewport.name())
}

fn truncate(s: &str, max_chars: usize) -> String {
    let mut out: String = s.chars().take(max_chars).collect();
    if s.chars().count() > max_chars {
        out.push_str(" […]");
    }
    out
}

// ---------------------------------------------------------------------------
// chromedriver process
// ---------------------------------------------------------------------------

/// A chromedriver process in its own process group, with a scratch folder that
/// holds the Chromium profile and the driver's log. Dropping it kills the whole
/// process group (chromedriver and any Chromium it started) and removes the
/// folder.
struct Driver {
    child: Option<Child>,
    port: u16,
    dir: PathBuf,
    /// The WebDriver session, once opened: ended on drop so that chromedriver
    /// quits and reaps Chromium itself.
    session: Option<String>,
}

static DRIVER_COUNT: AtomicUsize = AtomicUsize::new(0);

impl Driver {
    fn start() -> Driver {
        let mut last_err = String::new();
        // A free port can be taken between finding and using it; try again then.
        for _ in 0..3 {
            match Driver::try_start() {
                Ok(d) => return d,
                Err(e) => last_err = e,
            }
        }
        panic!("could not start {CHROMEDRIVER}: {last_err}");
    }

    fn try_start() -> Result<Driver, String> {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!(
            "mtd-e2e-{}-{}-{}",
            std::process::id(),
            DRIVER_COUNT.fetch_add(1, Ordering::SeqCst),
            nanos
        ));
        fs::create_dir_all(dir.join("profile"))
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let port = free_port()?;
        let log = fs::File::create(dir.join("chromedriver.log"))
            .map_err(|e| format!("cannot create the chromedriver log: {e}"))?;
        let log2 = log
            .try_clone()
            .map_err(|e| format!("cannot clone the log handle: {e}"))?;
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log2)
            // Own process group, so that drop can kill Chromium as well.
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot run {CHROMEDRIVER}: {e}"))?;
        let mut driver = Driver {
            child: Some(child),
            port,
            dir,
            session: None,
        };
        driver.wait_ready()?;
        Ok(driver)
    }

    /// Polls `GET /status` until chromedriver says it is ready.
    fn wait_ready(&mut self) -> Result<(), String> {
        let start = Instant::now();
        loop {
            if let Some(child) = self.child.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    return Err(format!(
                        "chromedriver on port {} exited with {status} before answering; its log:\n{}",
                        self.port,
                        self.log()
                    ));
                }
            }
            let last = match http(self.port, "GET", "/status", None, Duration::from_secs(2)) {
                Ok(body) => {
                    let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
                    if v["value"]["ready"] == json!(true) {
                        return Ok(());
                    }
                    format!("status answer: {}", truncate(&body, 300))
                }
                Err(e) => e,
            };
            if start.elapsed() >= TIMEOUT {
                return Err(format!(
                    "chromedriver on port {} did not answer GET /status with ready=true within {TIMEOUT:?}; last: {last}; its log:\n{}",
                    self.port,
                    self.log()
                ));
            }
            std::thread::sleep(POLL);
        }
    }

    fn log(&self) -> String {
        let text = fs::read_to_string(self.dir.join("chromedriver.log")).unwrap_or_default();
        truncate(&text, 3000)
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn profile_dir(&self) -> PathBuf {
        self.dir.join("profile")
    }

    /// Kills the process group, reaps chromedriver and waits (bounded) until no
    /// live process is left in the group. Idempotent.
    fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let pgid = child.id();
        // First let chromedriver end the session (Chromium quits and is
        // reaped); the kill below catches whatever is left.
        if let Some(session) = self.session.take() {
            if let Ok(None) = child.try_wait() {
                let _ = http(
                    self.port,
                    "DELETE",
                    &format!("/session/{session}"),
                    None,
                    Duration::from_secs(10),
                );
            }
        }
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{pgid}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = child.kill();
        let _ = child.wait();
        let start = Instant::now();
        while !live_group_members(pgid).is_empty() && start.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(POLL);
        }
        let left = live_group_members(pgid);
        if !left.is_empty() {
            eprintln!("warning: processes of chromedriver group {pgid} still alive: {left:?}");
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        self.stop();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn free_port() -> Result<u16, String> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| format!("cannot find a free port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("cannot read the free port: {e}"))
}

/// Live (not zombie) processes whose process group is `pgid`.
fn live_group_members(pgid: u32) -> Vec<u32> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir("/proc") else {
        return found;
    };
    for entry in entries.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses.
        let Some(close) = stat.rfind(')') else {
            continue;
        };
        let fields: Vec<&str> = stat[close + 1..].split_whitespace().collect();
        if fields.len() > 2 && fields[0] != "Z" && fields[0] != "X" && fields[2] == pgid.to_string()
        {
            found.push(pid);
        }
    }
    found
}

/// A minimal blocking HTTP/1.1 client for talking to chromedriver directly
/// (readiness and browser logs). Returns the response body.
fn http(
    port: u16,
    method: &str,
    path: &str,
    body: Option<&str>,
    timeout: Duration,
) -> Result<String, String> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream =
        TcpStream::connect_timeout(&addr, timeout).map_err(|e| format!("connect: {e}"))?;
    let _ = stream.set_read_timeout(Some(timeout));
    let _ = stream.set_write_timeout(Some(timeout));
    let body = body.unwrap_or("");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .map_err(|e| format!("write: {e}"))?;
    // chromedriver announces `Connection: close` but may keep the socket open,
    // so read by Content-Length instead of to the end.
    let mut raw = Vec::new();
    let mut buf = [0u8; 8192];
    let text = loop {
        let n = stream.read(&mut buf).map_err(|e| format!("read: {e}"))?;
        raw.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&raw).into_owned();
        if n == 0 {
            break text;
        }
        if let Some(head_end) = text.find("\r\n\r\n") {
            let length = text[..head_end].lines().find_map(|l| {
                let (name, value) = l.split_once(':')?;
                if name.trim().eq_ignore_ascii_case("content-length") {
                    value.trim().parse::<usize>().ok()
                } else {
                    None
                }
            });
            if let Some(len) = length {
                if raw.len() >= head_end + 4 + len {
                    break text;
                }
            }
        }
    };
    match text.split_once("\r\n\r\n") {
        Some((_, body)) => {
            // Tolerate chunked encoding: keep only the JSON object.
            match (body.find('{'), body.rfind('}')) {
                (Some(a), Some(b)) if b >= a => Ok(body[a..=b].to_string()),
                _ => Ok(body.to_string()),
            }
        }
        None => Err(format!("malformed answer: {}", truncate(&text, 200))),
    }
}

// ---------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------

/// One Chromium (fresh profile) driven through its own chromedriver.
pub struct Browser {
    /// The WebDriver client; use the helpers below where they fit.
    pub client: Client,
    pub viewport: Viewport,
    base: String,
    /// What the test is doing; named in failure messages.
    step: Mutex<String>,
    // Declared last: dropped after the client.
    driver: Driver,
}

impl Browser {
    /// Starts chromedriver and Chromium at the given viewport, with a fresh
    /// profile, and checks `window.innerWidth` equals the viewport width.
    pub async fn start(viewport: Viewport) -> Browser {
        let base = base_url();
        let driver = Driver::start();
        let (w, h) = viewport.size();
        let mut caps = Capabilities::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert("pageLoadStrategy".into(), json!("normal"));
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": CHROMIUM,
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    format!("--user-data-dir={}", driver.profile_dir().display()),
                    format!("--window-size={w},{h}"),
                ],
            }),
        );
        let connect = ClientBuilder::rustls()
            .expect("rustls initialisation for fantoccini")
            .capabilities(caps)
            .connect(&driver.url())
            .await;
        let client = match connect {
            Ok(c) => c,
            Err(e) => panic!(
                "could not open a Chromium session through chromedriver at {}: {e}\nchromedriver log:\n{}",
                driver.url(),
                driver.log()
            ),
        };
        let mut driver = driver;
        driver.session = client.session_id().await.ok().flatten();
        let browser = Browser {
            client,
            viewport,
            base,
            step: Mutex::new(String::from("starting the browser")),
            driver,
        };
        if let Err(e) = browser
            .client
            .update_timeouts(TimeoutConfiguration::new(
                Some(Duration::from_secs(10)),
                Some(Duration::from_secs(30)),
                Some(Duration::ZERO),
            ))
            .await
        {
            browser
                .fail(&format!("could not set WebDriver timeouts: {e}"))
                .await;
        }
        browser.fit_viewport().await;
        browser
    }

    /// Resizes the window until the layout viewport (`innerWidth` x
    /// `innerHeight`) is the wanted size; fails unless the width matches.
    async fn fit_viewport(&self) {
        let (w, h) = self.viewport.size();
        let mut seen = (0i64, 0i64);
        for _ in 0..5 {
            let v = self
                .js("return [window.innerWidth, window.innerHeight];", vec![])
                .await;
            let (iw, ih) = (v[0].as_i64().unwrap_or(0), v[1].as_i64().unwrap_or(0));
            seen = (iw, ih);
            if iw == w as i64 && ih == h as i64 {
                return;
            }
            eprintln!(
                "note: [{}] viewport is {iw}x{ih}, wanted {w}x{h}: resizing the window",
                self.viewport
            );
            let (ow, oh) = match self.client.get_window_size().await {
                Ok((ow, oh)) => (ow as i64, oh as i64),
                Err(e) => {
                    self.fail(&format!("could not read the window size: {e}"))
                        .await
                }
            };
            let new_w = (ow + (w as i64 - iw)).max(1) as u32;
            let new_h = (oh + (h as i64 - ih)).max(1) as u32;
            if let Err(e) = self.client.set_window_size(new_w, new_h).await {
                self.fail(&format!(
                    "could not set the window size to {new_w}x{new_h}: {e}"
                ))
                .await;
            }
        }
        if seen.0 != w as i64 {
            self.fail(&format!(
                "viewport: expected window.innerWidth {w} (for {}), found {} (innerHeight {})",
                self.viewport, seen.0, seen.1
            ))
            .await;
        }
        eprintln!(
            "note: [{}] innerHeight is {} instead of {h}; the width matches",
            self.viewport, seen.1
        );
    }

    /// Ends the WebDriver session (Chromium quits) and stops chromedriver.
    /// Dropping a `Browser` without calling this also cleans up, by killing
    /// the process group.
    pub async fn close(self) {
        let Browser {
            client, mut driver, ..
        } = self;
        if tokio::time::timeout(Duration::from_secs(10), client.close())
            .await
            .is_ok_and(|r| r.is_ok())
        {
            driver.session = None;
        }
        drop(driver);
    }

    /// Names the step the test is in; failure messages include it.
    pub fn step(&self, what: &str) {
        eprintln!("[{}] step: {what}", self.viewport);
        if let Ok(mut s) = self.step.lock() {
            *s = what.to_string();
        }
    }

    // -- addresses ----------------------------------------------------------

    /// The base URL without a trailing slash.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// `path` ("/m/x") joined to the base URL.
    pub fn url(&self, path: &str) -> String {
        if path.starts_with('/') {
            format!("{}{path}", self.base)
        } else {
            format!("{}/{path}", self.base)
        }
    }

    /// Opens `path` (relative to the base URL) or an absolute `http…` URL.
    pub async fn goto(&self, path: &str) {
        let url = if path.starts_with("http://") || path.starts_with("https://") {
            path.to_string()
        } else {
            self.url(path)
        };
        if let Err(e) = self.client.goto(&url).await {
            self.fail(&format!("could not open {url}: {e}")).await;
        }
    }

    /// Reloads the page.
    pub async fn refresh(&self) {
        if let Err(e) = self.client.refresh().await {
            self.fail(&format!("could not reload the page: {e}")).await;
        }
    }

    /// The current URL as the browser reports it.
    pub async fn current_url(&self) -> String {
        match self.client.current_url().await {
            Ok(u) => u.to_string(),
            Err(e) => {
                self.fail(&format!("could not read the current URL: {e}"))
                    .await
            }
        }
    }

    // -- failure reporting ----------------------------------------------------

    /// The current URL, title, the start of the visible page text and the
    /// browser console; never fails.
    pub async fn context(&self) -> String {
        let page = self
            .client
            .execute(
                "return [location.href, document.title, document.body ? document.body.innerText : '(no body)'];",
                vec![],
            )
            .await;
        let mut out = match page {
            Ok(v) => format!(
                "  current URL: {}\n  title: {}\n  page text: {}",
                v[0].as_str().unwrap_or("?"),
                v[1].as_str().unwrap_or("?"),
                truncate(
                    &v[2]
                        .as_str()
                        .unwrap_or("")
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    PAGE_TEXT_LIMIT
                )
            ),
            Err(e) => format!("  (could not read the page: {e})"),
        };
        let console = self.console_log().await;
        if !console.is_empty() {
            out.push_str("\n  browser console:\n");
            out.push_str(&truncate(&console.join("\n"), 2000));
        }
        out
    }

    /// Browser console entries logged since the last call (chromedriver's log
    /// endpoint); empty when it cannot be read.
    pub async fn console_log(&self) -> Vec<String> {
        let Ok(Some(session)) = self.client.session_id().await else {
            return Vec::new();
        };
        let port = self.driver.port;
        let path = format!("/session/{session}/se/log");
        let res = tokio::task::spawn_blocking(move || {
            http(
                port,
                "POST",
                &path,
                Some(r#"{"type":"browser"}"#),
                Duration::from_secs(5),
            )
        })
        .await;
        let Ok(Ok(body)) = res else {
            return Vec::new();
        };
        let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
        v["value"]
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|e| {
                        format!(
                            "    [{}] {}",
                            e["level"].as_str().unwrap_or("?"),
                            truncate(e["message"].as_str().unwrap_or(""), 400)
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Fails the test: saves a screenshot `failed-<test>` and panics with
    /// `msg` plus [`Browser::context`].
    pub async fn fail(&self, msg: &str) -> ! {
        let ctx = self.context().await;
        let test = std::thread::current().name().unwrap_or("test").replace(
            |c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_',
            "_",
        );
        let shot = match self.try_screenshot(&format!("failed-{test}")).await {
            Ok(p) => format!("  screenshot: {}", p.display()),
            Err(e) => format!("  (no screenshot: {e})"),
        };
        let step = self.step.lock().map(|s| s.clone()).unwrap_or_default();
        panic!(
            "[{}] during \"{step}\": {msg}\n{ctx}\n{shot}",
            self.viewport
        );
    }

    /// Fails unless `cond` holds.
    pub async fn check(&self, cond: bool, msg: &str) {
        if !cond {
            self.fail(msg).await;
        }
    }

    // -- JavaScript -----------------------------------------------------------

    /// Runs `script` (a function body; use `return`) in the page.
    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        match self.client.execute(script, args).await {
            Ok(v) => v,
            Err(e) => {
                self.fail(&format!(
                    "script failed: {e}\n  script: {}",
                    truncate(script, 300)
                ))
                .await
            }
        }
    }

    // -- waiting --------------------------------------------------------------

    /// Calls `probe` every [`POLL`] until it returns `Ok`, for at most
    /// [`TIMEOUT`]. `Err` carries what was observed; the failure message says
    /// "timed out waiting for <what>" with the last observation.
    pub async fn wait_until<T, F, Fut>(&self, what: &str, mut probe: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, String>>,
    {
        let start = Instant::now();
        loop {
            let last = match probe().await {
                Ok(v) => return v,
                Err(e) => e,
            };
            if start.elapsed() >= TIMEOUT {
                self.fail(&format!(
                    "timed out after {TIMEOUT:?} waiting for {what}\n  last seen: {last}"
                ))
                .await;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Polls a script that returns `[done: bool, observed: any]`.
    pub async fn wait_script(&self, what: &str, script: &str, args: Vec<Value>) -> Value {
        self.wait_until(what, || {
            let args = args.clone();
            async move {
                match self.client.execute(script, args).await {
                    Ok(v) if v[0] == json!(true) => Ok(v[1].clone()),
                    Ok(v) => Err(observed(&v[1])),
                    Err(e) => Err(format!("script error: {e}")),
                }
            }
        })
        .await
    }

    /// Waits until the JavaScript expression `expr` is truthy.
    pub async fn wait_js(&self, expr: &str) {
        let script = format!("return [!!({expr}), null];");
        self.wait_script(&format!("`{expr}` to be true"), &script, vec![])
            .await;
    }

    /// Waits until an element matching `selector` is present and visible.
    pub async fn wait_visible(&self, selector: &str) {
        let script = format!(
            "{JS_VISIBLE}
             const all = Array.from(document.querySelectorAll(arguments[0]));
             const shown = all.filter(__vis).length;
             return [shown > 0, all.length === 0 ? 'no element matches'
                 : all.length + ' element(s) match, none is visible'];"
        );
        self.wait_script(
            &format!("a visible element `{selector}`"),
            &script,
            vec![json!(selector)],
        )
        .await;
    }

    /// Waits until at least `n` elements match `selector` (visible or not).
    pub async fn wait_count(&self, selector: &str, n: usize) -> usize {
        let v = self
            .wait_script(
                &format!("at least {n} element(s) `{selector}`"),
                "const c = document.querySelectorAll(arguments[0]).length;
                 return [c >= arguments[1], c];",
                vec![json!(selector), json!(n)],
            )
            .await;
        v.as_u64().unwrap_or(0) as usize
    }

    /// Waits until a visible element matching `selector` has text containing
    /// `needle`; returns that element's text.
    pub async fn wait_text(&self, selector: &str, needle: &str) -> String {
        let script = format!(
            "{JS_VISIBLE}
             const all = Array.from(document.querySelectorAll(arguments[0])).filter(__vis);
             const hit = all.find(e => e.innerText.includes(arguments[1]));
             if (hit) return [true, hit.innerText];
             return [false, all.length === 0 ? 'no visible element matches'
                 : 'texts: ' + JSON.stringify(all.slice(0, 5).map(e => e.innerText.slice(0, 200)))];"
        );
        let v = self
            .wait_script(
                &format!("`{selector}` with text containing {needle:?}"),
                &script,
                vec![json!(selector), json!(needle)],
            )
            .await;
        v.as_str().unwrap_or("").to_string()
    }

    /// Waits until the URL (without query and fragment) ends with `suffix`;
    /// returns the URL.
    pub async fn wait_url_ends_with(&self, suffix: &str) -> String {
        let v = self
            .wait_script(
                &format!("the URL to end with {suffix:?}"),
                "const p = location.origin + location.pathname;
                 return [p.endsWith(arguments[0]), location.href];",
                vec![json!(suffix)],
            )
            .await;
        v.as_str().unwrap_or("").to_string()
    }

    /// Waits until `localStorage[key]` exists and contains `needle`; returns
    /// the stored value.
    pub async fn wait_storage_contains(&self, key: &str, needle: &str) -> String {
        let v = self
            .wait_script(
                &format!("localStorage[{key:?}] to contain {needle:?}"),
                "const v = window.localStorage.getItem(arguments[0]);
                 if (v !== null && v.includes(arguments[1])) return [true, v];
                 return [false, v === null ? '(key absent)' : v.slice(0, 500)];",
                vec![json!(key), json!(needle)],
            )
            .await;
        v.as_str().unwrap_or("").to_string()
    }

    // -- reading --------------------------------------------------------------

    /// `innerText` of the first element matching `selector`, if any.
    pub async fn text(&self, selector: &str) -> Option<String> {
        let v = self
            .js(
                "const e = document.querySelector(arguments[0]); return e ? e.innerText : null;",
                vec![json!(selector)],
            )
            .await;
        v.as_str().map(str::to_string)
    }

    /// Attribute `name` of the first element matching `selector`.
    pub async fn attr(&self, selector: &str, name: &str) -> Option<String> {
        let v = self
            .js(
                "const e = document.querySelector(arguments[0]);
                 return e ? e.getAttribute(arguments[1]) : null;",
                vec![json!(selector), json!(name)],
            )
            .await;
        v.as_str().map(str::to_string)
    }

    /// How many elements match `selector` right now.
    pub async fn count(&self, selector: &str) -> usize {
        let v = self
            .js(
                "return document.querySelectorAll(arguments[0]).length;",
                vec![json!(selector)],
            )
            .await;
        v.as_u64().unwrap_or(0) as usize
    }

    /// `localStorage.getItem(key)`.
    pub async fn local_storage(&self, key: &str) -> Option<String> {
        let v = self
            .js(
                "return window.localStorage.getItem(arguments[0]);",
                vec![json!(key)],
            )
            .await;
        v.as_str().map(str::to_string)
    }

    /// All localStorage keys.
    pub async fn local_storage_keys(&self) -> Vec<String> {
        let v = self
            .js(
                "const s = window.localStorage; const out = [];
                 for (let i = 0; i < s.length; i++) out.push(s.key(i));
                 return out;",
                vec![],
            )
            .await;
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|k| k.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// `[window.innerWidth, window.innerHeight]`.
    pub async fn inner_size(&self) -> (i64, i64) {
        let v = self
            .js("return [window.innerWidth, window.innerHeight];", vec![])
            .await;
        (v[0].as_i64().unwrap_or(-1), v[1].as_i64().unwrap_or(-1))
    }

    // -- acting ---------------------------------------------------------------

    /// Clicks the first visible, enabled element matching `selector` (a real
    /// WebDriver click), retrying until [`TIMEOUT`] while it is missing,
    /// hidden, disabled, covered or replaced by a re-render.
    pub async fn click(&self, selector: &str) {
        self.wait_until(&format!("a clickable `{selector}`"), || async move {
            let els = self
                .client
                .find_all(Locator::Css(selector))
                .await
                .map_err(|e| format!("find: {e}"))?;
            if els.is_empty() {
                return Err("no element matches".into());
            }
            let mut why = Vec::new();
            for el in els {
                match (el.is_displayed().await, el.is_enabled().await) {
                    (Ok(true), Ok(true)) => match el.click().await {
                        Ok(()) => return Ok(()),
                        Err(e) => why.push(format!("click: {e}")),
                    },
                    (Ok(false), _) => why.push("not displayed".into()),
                    (_, Ok(false)) => why.push("disabled".into()),
                    (Err(e), _) | (_, Err(e)) => why.push(format!("{e}")),
                }
            }
            Err(why.join("; "))
        })
        .await
    }

    /// Clicks the `index`-th (0-based) element matching `selector`, whether
    /// or not WebDriver counts it as displayed (custom-styled radio buttons).
    /// If the click is refused (not interactable, covered), the `index`-th
    /// element of `fallback` is clicked instead, when given.
    pub async fn click_nth(&self, selector: &str, index: usize, fallback: Option<&str>) {
        self.wait_until(
            &format!("element #{} of `{selector}` to be clickable", index + 1),
            || async move {
                let els = self
                    .client
                    .find_all(Locator::Css(selector))
                    .await
                    .map_err(|e| format!("find: {e}"))?;
                let Some(el) = els.get(index) else {
                    return Err(format!("only {} element(s) match", els.len()));
                };
                let err = match el.click().await {
                    Ok(()) => return Ok(()),
                    Err(e) => e,
                };
                let refused = err.is_element_not_interactable()
                    || matches!(&err, CmdError::Standard(wd) if wd.error == ErrorStatus::ElementClickIntercepted);
                if let (true, Some(fb)) = (refused, fallback) {
                    let fbs = self
                        .client
                        .find_all(Locator::Css(fb))
                        .await
                        .map_err(|e| format!("find fallback: {e}"))?;
                    if let Some(f) = fbs.get(index) {
                        eprintln!(
                            "note: [{}] `{selector}` #{} refused the click ({err}); clicked `{fb}` #{} instead",
                            self.viewport,
                            index + 1,
                            index + 1
                        );
                        return f.click().await.map_err(|e| format!("fallback click: {e}"));
                    }
                }
                Err(format!("click: {err}"))
            },
        )
        .await
    }

    // -- screenshots ----------------------------------------------------------

    /// Saves `tests/e2e/screenshots/<viewport>/<name>.png`; fails the test if
    /// it cannot.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        match self.try_screenshot(name).await {
            Ok(p) => p,
            Err(e) => self.fail(&format!("screenshot {name:?}: {e}")).await,
        }
    }

    async fn try_screenshot(&self, name: &str) -> Result<PathBuf, String> {
        let png = self
            .client
            .screenshot()
            .await
            .map_err(|e| format!("WebDriver screenshot: {e}"))?;
        let dir = screenshot_dir(self.viewport);
        fs::create_dir_all(&dir).map_err(|e| format!("create {}: {e}", dir.display()))?;
        let path = dir.join(format!("{name}.png"));
        fs::write(&path, png).map_err(|e| format!("write {}: {e}", path.display()))?;
        Ok(path)
    }
}

fn observed(v: &Value) -> String {
    match v {
        Value::String(s) => truncate(s, 500),
        Value::Null => "(nothing)".into(),
        other => truncate(&other.to_string(), 500),
    }
}
