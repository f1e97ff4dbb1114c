use std::time::Duration;

use serde_json::Value;

use crate::browser::Browser;
use crate::http::http;

/// How much page text a failure message shows.
const PAGE_TEXT_LIMIT: usize = 1500;

pub(crate) fn truncate(s: &str, max_chars: usize) -> String {
    let mut out: String = s.chars().take(max_chars).collect();
    if s.chars().count() > max_chars {
        out.push_str(" […]");
    }
    out
}

impl Browser {
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
}
