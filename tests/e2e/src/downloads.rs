use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{json, Value};

use crate::browser::Browser;
use crate::failure::truncate;
use crate::http::http;

/// Chromium's name ending for a download in progress.
const PARTIAL: &str = ".crdownload";

impl Browser {
    /// The folder this browser saves downloads into: fresh and empty at
    /// start, removed with the browser.
    pub fn download_dir(&self) -> PathBuf {
        self.driver.download_dir()
    }

    /// Headless Chromium may ignore the download preferences; tell it through
    /// the DevTools protocol as well (chromedriver's `goog/cdp/execute`).
    pub(crate) async fn allow_downloads(&self) {
        let Ok(Some(session)) = self.client.session_id().await else {
            self.fail("no WebDriver session id: cannot set up downloads")
                .await
        };
        let port = self.driver.port;
        let path = format!("/session/{session}/goog/cdp/execute");
        let body = json!({
            "cmd": "Browser.setDownloadBehavior",
            "params": {
                "behavior": "allow",
                "downloadPath": self.download_dir().display().to_string(),
            },
        })
        .to_string();
        let res = tokio::task::spawn_blocking(move || {
            http(port, "POST", &path, Some(&body), Duration::from_secs(10))
        })
        .await;
        let answer = match res {
            Ok(Ok(body)) => body,
            Ok(Err(e)) => {
                self.fail(&format!("Browser.setDownloadBehavior: {e}"))
                    .await
            }
            Err(e) => {
                self.fail(&format!("Browser.setDownloadBehavior: {e}"))
                    .await
            }
        };
        let v: Value = serde_json::from_str(&answer).unwrap_or(Value::Null);
        if v["value"].get("error").is_some() || v.get("value").is_none() {
            self.fail(&format!(
                "Browser.setDownloadBehavior was refused: {}",
                truncate(&answer, 500)
            ))
            .await;
        }
    }

    /// Waits until exactly one finished download whose file name starts with
    /// `prefix` is in [`Browser::download_dir`] and no download is still in
    /// progress; returns its path and its text. Fails if several match.
    pub async fn wait_download(&self, prefix: &str) -> (PathBuf, String) {
        let dir = self.download_dir();
        let found = self
            .wait_until(
                &format!("a finished download named {prefix:?}… in {}", dir.display()),
                || {
                    let dir = dir.clone();
                    async move { finished_download(&dir, prefix) }
                },
            )
            .await;
        match found {
            Ok(v) => v,
            Err(e) => self.fail(&e).await,
        }
    }

    /// Writes `text` to a file `name` in this browser's scratch folder (removed
    /// with the browser); returns its absolute path, e.g. for a file input.
    pub async fn write_temp_file(&self, name: &str, text: &str) -> PathBuf {
        let dir = self.driver.files_dir();
        let path = dir.join(name);
        let res = fs::create_dir_all(&dir).and_then(|()| fs::write(&path, text));
        if let Err(e) = res {
            self.fail(&format!("cannot write {}: {e}", path.display()))
                .await;
        }
        path
    }
}

/// `Ok(Ok(..))`: exactly one finished match and nothing in progress;
/// `Ok(Err(..))`: an ambiguity that waiting will not fix; `Err`: keep waiting.
#[allow(clippy::type_complexity)]
fn finished_download(
    dir: &Path,
    prefix: &str,
) -> Result<Result<(PathBuf, String), String>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut names: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let seen = || format!("files: {names:?}");
    if names.iter().any(|n| n.ends_with(PARTIAL)) {
        return Err(format!("a download is still in progress; {}", seen()));
    }
    let hits: Vec<&String> = names.iter().filter(|n| n.starts_with(prefix)).collect();
    match hits.as_slice() {
        [] => Err(format!("no match yet; {}", seen())),
        [one] => {
            let path = dir.join(one.as_str());
            let text = fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            Ok(Ok((path, text)))
        }
        _ => Ok(Err(format!(
            "several downloads start with {prefix:?}: {}",
            seen()
        ))),
    }
}
