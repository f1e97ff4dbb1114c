//! Chrome DevTools Protocol commands through chromedriver's
//! `goog/cdp/execute` endpoint: network emulation, installability and
//! other browser facts WebDriver has no command for.

use std::time::Duration;

use serde_json::{json, Value};

use crate::browser::Browser;
use crate::http::http;

impl Browser {
    /// Runs one CDP command in the current page's target; returns its result.
    pub async fn cdp(&self, command: &str, params: Value) -> Value {
        let Some(session) = self.driver.session.clone() else {
            self.fail("no WebDriver session for a CDP command").await
        };
        let body = json!({ "cmd": command, "params": params }).to_string();
        let port = self.driver.port;
        let path = format!("/session/{session}/goog/cdp/execute");
        let answer = tokio::task::spawn_blocking(move || {
            http(port, "POST", &path, Some(&body), Duration::from_secs(30))
        })
        .await
        .unwrap_or_else(|e| Err(format!("join: {e}")));
        match answer.map(|text| serde_json::from_str::<Value>(&text)) {
            Ok(Ok(v)) if v["value"].get("error").is_none() => v["value"].clone(),
            Ok(Ok(v)) => self.fail(&format!("CDP {command} failed: {}", v["value"])).await,
            Ok(Err(e)) => self.fail(&format!("CDP {command}: answer is not JSON ({e})")).await,
            Err(e) => self.fail(&format!("CDP {command}: {e}")).await,
        }
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
}
