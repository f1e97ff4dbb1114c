//! Chrome DevTools Protocol commands through chromedriver
//! (`POST /session/{id}/goog/cdp/execute`): emulated media features (dark
//! theme, reduced motion), emulated zoom, network emulation (offline), and
//! the accessibility tree.

use std::time::Duration;

use serde_json::{json, Value};

use crate::browser::Browser;
use crate::failure::truncate;
use crate::http::http;

/// The colour scheme the page is asked to follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    pub const BOTH: [Theme; 2] = [Theme::Light, Theme::Dark];

    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

impl std::fmt::Display for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One node of the accessibility tree, as a screen reader gets it.
#[derive(Clone, Debug)]
pub struct AxNode {
    pub role: String,
    pub name: String,
    /// The DOM node behind it (to match it to an element), if any.
    pub backend_id: Option<i64>,
    pub ignored: bool,
}

impl AxNode {
    /// A node of CDP's `Accessibility.AXNode`, the name's whitespace collapsed.
    fn from_cdp(n: &Value) -> AxNode {
        AxNode {
            role: n["role"]["value"].as_str().unwrap_or_default().to_string(),
            name: n["name"]["value"]
                .as_str()
                .unwrap_or_default()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            backend_id: n["backendDOMNodeId"].as_i64(),
            ignored: n["ignored"].as_bool().unwrap_or(false),
        }
    }
}

impl Browser {
    /// Runs one CDP command in the current page's target and returns its
    /// result; fails the test on an error.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        match self.try_cdp(cmd, params).await {
            Ok(v) => v,
            Err(e) => self.fail(&format!("CDP {cmd} failed: {e}")).await,
        }
    }

    async fn try_cdp(&self, cmd: &str, params: Value) -> Result<Value, String> {
        let session = match self.client.session_id().await {
            Ok(Some(s)) => s,
            other => return Err(format!("no WebDriver session ({other:?})")),
        };
        let port = self.driver.port;
        let path = format!("/session/{session}/goog/cdp/execute");
        let body = json!({ "cmd": cmd, "params": params }).to_string();
        let res = tokio::task::spawn_blocking(move || {
            http(port, "POST", &path, Some(&body), Duration::from_secs(30))
        })
        .await
        .map_err(|e| format!("join: {e}"))??;
        let v: Value = serde_json::from_str(&res)
            .map_err(|e| format!("answer is not JSON ({e}): {}", truncate(&res, 300)))?;
        if v["value"]["error"].is_string() {
            return Err(format!(
                "{}: {}",
                v["value"]["error"],
                truncate(v["value"]["message"].as_str().unwrap_or(""), 500)
            ));
        }
        Ok(v["value"].clone())
    }

    /// Switches the page's network off (or on) as the browser sees it:
    /// `navigator.onLine` and the online/offline events follow.
    pub async fn set_offline(&self, offline: bool) {
        self.cdp("Network.enable", json!({})).await;
        self.cdp(
            "Network.emulateNetworkConditions",
            json!({ "offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
        )
        .await;
    }

    /// Emulates `prefers-color-scheme` and `prefers-reduced-motion` (the
    /// emulation stays across navigations of this window) and waits until
    /// the page's `matchMedia` agrees.
    pub async fn emulate_media(&self, theme: Theme, reduced_motion: bool) {
        self.cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [
                { "name": "prefers-color-scheme", "value": theme.name() },
                { "name": "prefers-reduced-motion", "value": if reduced_motion { "reduce" } else { "no-preference" } },
            ] }),
        )
        .await;
        self.wait_media(theme, reduced_motion).await;
    }

    /// Waits until `matchMedia` reports the theme and motion preference.
    pub async fn wait_media(&self, theme: Theme, reduced_motion: bool) {
        self.wait_script(
            &format!("matchMedia to report prefers-color-scheme: {theme} and reduced motion {reduced_motion}"),
            "const dark = matchMedia('(prefers-color-scheme: dark)').matches;
             const light = matchMedia('(prefers-color-scheme: light)').matches;
             const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
             const ok = (arguments[0] === 'dark' ? dark && !light : light && !dark) && reduce === arguments[1];
             return [ok, { dark, light, reduce }];",
            vec![json!(theme.name()), json!(reduced_motion)],
        )
        .await;
    }

    /// Shows the page as at `percent` % browser zoom of a `width` x `height`
    /// CSS-pixel window: the layout viewport shrinks by the factor and each
    /// CSS pixel becomes `percent / 100` device pixels, so a screenshot has
    /// the window's size and shows what a zoomed-in reader sees. `None`
    /// ends the emulation.
    pub async fn emulate_zoom(&self, zoom: Option<(u32, u32, u32)>) {
        match zoom {
            Some((width, height, percent)) => {
                let f = f64::from(percent) / 100.0;
                let (w, h) = (
                    (f64::from(width) / f).round() as u32,
                    (f64::from(height) / f).round() as u32,
                );
                self.cdp(
                    "Emulation.setDeviceMetricsOverride",
                    json!({ "width": w, "height": h, "deviceScaleFactor": f, "mobile": false }),
                )
                .await;
                self.wait_script(
                    &format!("the layout viewport to be {w} CSS px wide ({percent} % of {width})"),
                    "return [window.innerWidth === arguments[0], window.innerWidth + 'x' + window.innerHeight + ' @' + devicePixelRatio];",
                    vec![json!(w)],
                )
                .await;
            }
            None => {
                self.cdp("Emulation.clearDeviceMetricsOverride", json!({}))
                    .await;
                let (w, _) = self.viewport.size();
                self.wait_script(
                    &format!("the layout viewport to be {w} CSS px wide again"),
                    "return [window.innerWidth === arguments[0] && devicePixelRatio === 1, window.innerWidth + ' @' + devicePixelRatio];",
                    vec![json!(w)],
                )
                .await;
            }
        }
    }

    /// The whole accessibility tree of the page (CDP
    /// `Accessibility.getFullAXTree`), ignored nodes included but marked.
    pub async fn ax_tree(&self) -> Vec<AxNode> {
        let v = self.cdp("Accessibility.getFullAXTree", json!({})).await;
        v["nodes"]
            .as_array()
            .map(|nodes| nodes.iter().map(AxNode::from_cdp).collect())
            .unwrap_or_default()
    }

    /// Role and accessible name of the first element matching `selector`,
    /// read from the accessibility tree (what a screen reader announces).
    pub async fn ax_of(&self, selector: &str) -> AxNode {
        let doc = self.cdp("DOM.getDocument", json!({ "depth": 0 })).await;
        let root = doc["root"]["nodeId"].as_i64().unwrap_or(0);
        let found = self
            .cdp(
                "DOM.querySelector",
                json!({ "nodeId": root, "selector": selector }),
            )
            .await;
        let node = found["nodeId"].as_i64().unwrap_or(0);
        if node == 0 {
            self.fail(&format!(
                "no element `{selector}` for the accessibility tree"
            ))
            .await;
        }
        let v = self
            .cdp(
                "Accessibility.getPartialAXTree",
                json!({ "nodeId": node, "fetchRelatives": false }),
            )
            .await;
        let n = v["nodes"]
            .as_array()
            .and_then(|a| a.first())
            .cloned()
            .unwrap_or(Value::Null);
        AxNode::from_cdp(&n)
    }
}
