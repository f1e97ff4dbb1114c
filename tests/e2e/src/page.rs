use std::fs;
use std::path::{Path, PathBuf};

use fantoccini::error::{CmdError, ErrorStatus};
use fantoccini::Locator;
use serde_json::{json, Value};

use crate::browser::Browser;
use crate::failure::truncate;
use crate::viewport::Viewport;

/// The storage key of the learner's progress (see docs/dom-contract.md).
pub const PROGRESS_KEY: &str = "mtd-learn.progress";
/// Every key the app writes starts with this.
pub const KEY_PREFIX: &str = "mtd-learn.";

/// `tests/e2e/screenshots/<viewport>/`.
pub fn screenshot_dir(viewport: Viewport) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("screenshots")
        .join(viewport.name())
}

impl Browser {
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

    /// Replaces the value of the text field `selector` by typing `text`
    /// (real key events, so the app's input handlers run).
    pub async fn fill(&self, selector: &str, text: &str) {
        self.wait_visible(selector).await;
        let el = match self.client.find(Locator::Css(selector)).await {
            Ok(el) => el,
            Err(e) => self.fail(&format!("could not find `{selector}`: {e}")).await,
        };
        if let Err(e) = el.clear().await {
            self.fail(&format!("could not clear `{selector}`: {e}")).await;
        }
        if let Err(e) = el.send_keys(text).await {
            self.fail(&format!("could not type into `{selector}`: {e}")).await;
        }
    }

    /// Scrolls `el` to the middle of the window, as a person scrolls what
    /// they want to tap into comfortable view (WebDriver alone scrolls it
    /// to the very edge, under the phone layout's bottom bar), then clicks.
    async fn tap(&self, el: &fantoccini::elements::Element) -> Result<(), CmdError> {
        let arg = serde_json::to_value(el).map_err(|e| CmdError::Json(e))?;
        self.client
            .execute("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", vec![arg])
            .await?;
        el.click().await
    }

    /// Clicks the first visible, enabled element matching `selector` (a real
    /// WebDriver click), retrying until [`TIMEOUT`](crate::TIMEOUT) while it
    /// is missing, hidden, disabled, covered or replaced by a re-render.
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
                    (Ok(true), Ok(true)) => match self.tap(&el).await {
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
                let err = match self.tap(el).await {
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
                        return self.tap(f).await.map_err(|e| format!("fallback click: {e}"));
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

    pub(crate) async fn try_screenshot(&self, name: &str) -> Result<PathBuf, String> {
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
