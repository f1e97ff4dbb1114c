use std::sync::Mutex;
use std::time::Duration;

use fantoccini::wd::{Capabilities, TimeoutConfiguration};
use fantoccini::{Client, ClientBuilder};
use serde_json::json;

use crate::driver::Driver;
use crate::viewport::Viewport;

const CHROMIUM: &str = "/usr/bin/chromium";

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

/// One Chromium (fresh profile) driven through its own chromedriver.
pub struct Browser {
    /// The WebDriver client; use the helpers below where they fit.
    pub client: Client,
    pub viewport: Viewport,
    base: String,
    /// What the test is doing; named in failure messages.
    pub(crate) step: Mutex<String>,
    // Declared last: dropped after the client.
    pub(crate) driver: Driver,
}

impl Browser {
    /// Starts chromedriver and Chromium at the given viewport, with a fresh
    /// profile, and checks `window.innerWidth` equals the viewport width.
    pub async fn start(viewport: Viewport) -> Browser {
        Browser::start_at(viewport, base_url()).await
    }

    /// Like [`Browser::start`], with a browser whose preferred language is
    /// `lang` (e.g. "nb"): `navigator.language` and the Accept-Language
    /// header. Without this, Chromium's language is the machine's (en-US).
    pub async fn start_in_language(viewport: Viewport, lang: &str) -> Browser {
        Browser::launch(viewport, base_url(), Some(lang)).await
    }

    /// Like [`Browser::start`], for an app served elsewhere (a test's own
    /// [`crate::Server`]); `base` without a trailing slash.
    pub async fn start_at(viewport: Viewport, base: String) -> Browser {
        Browser::launch(viewport, base, None).await
    }

    async fn launch(viewport: Viewport, base: String, lang: Option<&str>) -> Browser {
        let driver = Driver::start();
        let (w, h) = viewport.size();
        let mut caps = Capabilities::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert("pageLoadStrategy".into(), json!("normal"));
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        let mut args = vec![
            "--headless".to_string(),
            "--no-sandbox".to_string(),
            "--disable-gpu".to_string(),
            "--disable-quic".to_string(),
            "--no-first-run".to_string(),
            "--disable-background-networking".to_string(),
            "--disable-component-update".to_string(),
            "--disable-sync".to_string(),
            format!("--user-data-dir={}", driver.profile_dir().display()),
            format!("--window-size={w},{h}"),
        ];
        if viewport.is_phone() {
            // Real phones overlay scrollbars; headless Chromium would give a classic one ~15 px.
            args.push("--hide-scrollbars".to_string());
        }
        // Downloads land in the scratch folder without a prompt.
        let downloads = driver.download_dir();
        let mut prefs = json!({
            "download.default_directory": downloads.display().to_string(),
            "download.prompt_for_download": false,
            "download.directory_upgrade": true,
        });
        if let Some(lang) = lang {
            // The flag sets navigator.language, the preference the list in
            // navigator.languages and Accept-Language.
            args.push(format!("--lang={lang}"));
            args.push(format!("--accept-lang={lang}"));
            prefs["intl.accept_languages"] = json!(lang);
        }
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": CHROMIUM,
                "args": args,
                "prefs": prefs,
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
        browser.allow_downloads().await;
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

    /// Opens `path` (relative to the base URL) or an absolute `http…` URL
    /// and, where nginx answered with a first-visit preview, waits until the
    /// app has taken over from it (the preview's controls do nothing).
    pub async fn goto(&self, path: &str) {
        self.open(path).await;
        self.wait_app_took_over().await;
    }

    /// [`Browser::goto`] without waiting for the app: for tests of what a
    /// page shows before (or without) the app.
    pub async fn open(&self, path: &str) {
        let url = if path.starts_with("http://") || path.starts_with("https://") {
            path.to_string()
        } else {
            self.url(path)
        };
        if let Err(e) = self.client.goto(&url).await {
            self.fail(&format!("could not open {url}: {e}")).await;
        }
    }

    /// Reloads the page (and waits for the app as [`Browser::goto`] does).
    pub async fn refresh(&self) {
        if let Err(e) = self.client.refresh().await {
            self.fail(&format!("could not reload the page: {e}")).await;
        }
        self.wait_app_took_over().await;
    }

    /// Waits until no first-visit preview (`#preview`, scripts/prerender.py)
    /// is in the page: the app has swapped in its own page.
    pub async fn wait_app_took_over(&self) {
        self.wait_script(
            "the app to take over from the first-visit preview (#preview removed)",
            "const p = document.getElementById('preview');
             return [!p, p ? 'the preview is still in the page' : null];",
            vec![],
        )
        .await;
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
}
