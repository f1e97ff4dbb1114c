//! The stored form: `{ "schema": N, "device": "...", "updated": "...", "data": {...} }`.
//!
//! Decoding never panics and tells apart data it can use, data it cannot read
//! (to be kept aside, never overwritten) and data from a newer app version
//! (never downgraded).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::state::ProgressState;
use super::time::iso8601;

/// The current schema version. Raise it with a migration from every earlier
/// version (see docs/progress-format.md).
pub const SCHEMA: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub schema: u32,
    pub device: String,
    pub updated: String,
    pub data: ProgressState,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decoded {
    Current(Envelope),
    /// Written by a newer version of the app: leave it alone.
    Newer { schema: u64 },
    /// Not progress we can read; `reason` says why, in words for a person.
    Unreadable { reason: String },
}

pub fn encode(state: &ProgressState, device: &str, now_ms: u64) -> String {
    let envelope = Envelope { schema: SCHEMA, device: device.to_owned(), updated: iso8601(now_ms), data: state.clone() };
    serde_json::to_string(&envelope).expect("progress serialises: it holds only strings, numbers and maps")
}

pub fn decode(raw: &str) -> Decoded {
    let value: Value = match serde_json::from_str(raw) {
        Ok(value) => value,
        Err(e) => return Decoded::Unreadable { reason: format!("the stored progress is not valid JSON ({e})") },
    };
    let Some(schema) = value.get("schema").and_then(Value::as_u64) else {
        return Decoded::Unreadable { reason: "the stored progress has no schema version".into() };
    };
    if schema > u64::from(SCHEMA) {
        return Decoded::Newer { schema };
    }
    if schema == 0 {
        return Decoded::Unreadable { reason: "the stored progress has schema 0, which never existed".into() };
    }
    match serde_json::from_value::<Envelope>(value) {
        Ok(envelope) => Decoded::Current(envelope),
        Err(e) => Decoded::Unreadable { reason: format!("the stored progress has an unexpected shape ({e})") },
    }
}
