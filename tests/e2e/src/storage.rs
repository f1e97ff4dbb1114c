use serde_json::{json, Value};

use crate::browser::Browser;
use crate::failure::truncate;
use crate::page::{KEY_PREFIX, PROGRESS_KEY};

impl Browser {
    /// `localStorage[PROGRESS_KEY]` parsed as JSON; `None` when the key is
    /// absent; fails when it is not JSON.
    pub async fn stored_progress(&self) -> Option<Value> {
        let raw = self.local_storage(PROGRESS_KEY).await?;
        match serde_json::from_str(&raw) {
            Ok(v) => Some(v),
            Err(e) => {
                self.fail(&format!(
                    "localStorage[{PROGRESS_KEY:?}] is not JSON ({e}): {}",
                    truncate(&raw, 500)
                ))
                .await
            }
        }
    }

    /// Waits until the stored progress, parsed, satisfies `probe` (which
    /// says what it saw when it is not yet satisfied); returns its result.
    pub async fn wait_progress<T>(
        &self,
        what: &str,
        probe: impl Fn(&Value) -> Result<T, String>,
    ) -> T {
        let probe = &probe;
        self.wait_until(what, || async move {
            let raw = self
                .client
                .execute(
                    "return window.localStorage.getItem(arguments[0]);",
                    vec![json!(PROGRESS_KEY)],
                )
                .await
                .map_err(|e| format!("script error: {e}"))?;
            let raw = raw.as_str().ok_or("(progress key absent)")?;
            let v: Value = serde_json::from_str(raw)
                .map_err(|e| format!("not JSON ({e}): {}", truncate(raw, 500)))?;
            probe(&v)
        })
        .await
    }

    /// Waits until the stored progress (parsed) has a value at the JSON
    /// pointer `pointer` (e.g. `/data/modules/<module>/answers/<block>`) and
    /// returns that value.
    pub async fn wait_stored(&self, pointer: &str) -> Value {
        self.wait_progress(
            &format!("localStorage[{PROGRESS_KEY:?}] to hold {pointer}"),
            |v| {
                v.pointer(pointer)
                    .cloned()
                    .ok_or_else(|| truncate(&v.to_string(), 800))
            },
        )
        .await
    }

    /// Waits until no localStorage key of the app is left.
    pub async fn wait_no_app_keys(&self) {
        self.wait_script(
            &format!("no localStorage key starting with {KEY_PREFIX:?}"),
            "const keys = [];
             for (let i = 0; i < localStorage.length; i++) keys.push(localStorage.key(i));
             const left = keys.filter(k => k.startsWith(arguments[0]));
             return [left.length === 0, 'keys left: ' + JSON.stringify(left)];",
            vec![json!(KEY_PREFIX)],
        )
        .await;
    }

    /// `localStorage` keys that start with [`KEY_PREFIX`], sorted.
    pub async fn app_keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self
            .local_storage_keys()
            .await
            .into_iter()
            .filter(|k| k.starts_with(KEY_PREFIX))
            .collect();
        keys.sort();
        keys
    }
}
