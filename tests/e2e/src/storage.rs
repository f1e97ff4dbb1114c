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

    /// Waits until the stored progress (parsed) has a value at the JSON
    /// pointer `pointer` (e.g. `/data/modules/<module>/answers/<block>`) and
    /// returns that value.
    pub async fn wait_stored(&self, pointer: &str) -> Value {
        self.wait_until(
            &format!("localStorage[{PROGRESS_KEY:?}] to hold {pointer}"),
            || async move {
                let raw = self
                    .client
                    .execute(
                        "return window.localStorage.getItem(arguments[0]);",
                        vec![json!(PROGRESS_KEY)],
                    )
                    .await
                    .map_err(|e| format!("script error: {e}"))?;
                let Some(raw) = raw.as_str() else {
                    return Err("(key absent)".into());
                };
                let v: Value = serde_json::from_str(raw)
                    .map_err(|e| format!("not JSON ({e}): {}", truncate(raw, 500)))?;
                v.pointer(pointer)
                    .cloned()
                    .ok_or_else(|| truncate(raw, 800))
            },
        )
        .await
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
