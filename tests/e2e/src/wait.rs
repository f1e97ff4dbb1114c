use std::future::Future;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::browser::Browser;
use crate::failure::truncate;

/// How long any wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// How often a waited-for condition is checked again.
pub const POLL: Duration = Duration::from_millis(50);

/// Returns `el` is visible; shared by the JavaScript probes.
const JS_VISIBLE: &str = "const __vis = (e) => (typeof e.checkVisibility === 'function') \
     ? e.checkVisibility({ visibilityProperty: true }) \
     : !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);";

impl Browser {
    /// Calls `probe` every [`POLL`] until it returns `Ok`, for at most
    /// [`TIMEOUT`]. `Err` carries what was observed; the failure message says
    /// "timed out waiting for <what>" with the last observation.
    pub async fn wait_until<T, F, Fut>(&self, what: &str, probe: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, String>>,
    {
        self.wait_until_within(what, TIMEOUT, probe).await
    }

    /// [`Browser::wait_until`] with another limit, for conditions that
    /// depend on the app's own timers (such as sync retries backing off).
    pub async fn wait_until_within<T, F, Fut>(
        &self,
        what: &str,
        timeout: Duration,
        mut probe: F,
    ) -> T
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
            if start.elapsed() >= timeout {
                self.fail(&format!(
                    "timed out after {timeout:?} waiting for {what}\n  last seen: {last}"
                ))
                .await;
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Polls a script that returns `[done: bool, observed: any]`.
    pub async fn wait_script(&self, what: &str, script: &str, args: Vec<Value>) -> Value {
        self.wait_script_within(what, TIMEOUT, script, args).await
    }

    /// [`Browser::wait_script`] with another limit.
    pub async fn wait_script_within(
        &self,
        what: &str,
        timeout: Duration,
        script: &str,
        args: Vec<Value>,
    ) -> Value {
        self.wait_until_within(what, timeout, || {
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
}

fn observed(v: &Value) -> String {
    match v {
        Value::String(s) => truncate(s, 500),
        Value::Null => "(nothing)".into(),
        other => truncate(&other.to_string(), 500),
    }
}
