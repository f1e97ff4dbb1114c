//! The stored form: `{ "schema": N, "device": "...", "updated": "...", "data": {...} }`.
//!
//! Decoding never panics and tells apart data it can use, data it cannot read
//! (to be kept aside, never overwritten) and data from a newer app version
//! (never downgraded).

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::state::ProgressState;
use super::time::iso8601;

/// The current schema version. Raise it with a migration from every earlier
/// version (see docs/progress-format.md).
pub const SCHEMA: u32 = 2;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub schema: u32,
    /// Set in exported files, so a file from elsewhere is recognised as foreign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    pub device: String,
    pub updated: String,
    pub data: ProgressState,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decoded {
    Current(Envelope),
    /// Written by a newer version of the app: leave it alone.
    Newer {
        schema: u64,
    },
    /// Not progress we can read; `reason` says why, in words for a person.
    Unreadable {
        reason: String,
    },
}

pub fn encode(state: &ProgressState, device: &str, now_ms: u64) -> String {
    let envelope = Envelope {
        schema: SCHEMA,
        format: None,
        device: device.to_owned(),
        updated: iso8601(now_ms),
        data: state.clone(),
    };
    serde_json::to_string(&envelope)
        .expect("progress serialises: it holds only strings, numbers and maps")
}

/// The value of `format` in an exported file.
pub const EXPORT_FORMAT: &str = "mtd-learn-progress";

/// An export file: the envelope, marked, indented so a person can read it.
pub fn export(state: &ProgressState, device: &str, now_ms: u64) -> String {
    let envelope = Envelope {
        schema: SCHEMA,
        format: Some(EXPORT_FORMAT.to_owned()),
        device: device.to_owned(),
        updated: iso8601(now_ms),
        data: state.clone(),
    };
    serde_json::to_string_pretty(&envelope).expect("progress serialises")
}

/// Why an export file cannot be imported. `Display` says it in English
/// words a learner can act on; the app shows the same in the learner's
/// language, chosen by variant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// Not JSON at all; the parser's message.
    NotJson(String),
    /// JSON, but not a progress export of this app.
    NotOurs,
    /// Exported by a newer version of the app.
    Newer { schema: u64 },
    /// Ours, but damaged; why.
    Unreadable(String),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NotJson(e) => write!(f, "This file is not a progress export of this app: it is not valid JSON ({e})."),
            ImportError::NotOurs => f.write_str("This file is not a progress export of this app. Choose a file saved with \"Export my data\"."),
            ImportError::Newer { schema } => write!(f, "This file was exported by a newer version of the app (format {schema}). Reload the app to get the newer version, then import again."),
            ImportError::Unreadable(reason) => write!(f, "This export cannot be read: {reason}."),
        }
    }
}

/// Reads an export file (or a stored envelope) for merging.
pub fn import(raw: &str) -> Result<ProgressState, ImportError> {
    let value: Value =
        serde_json::from_str(raw).map_err(|e| ImportError::NotJson(e.to_string()))?;
    let ours = value.get("format").and_then(Value::as_str) == Some(EXPORT_FORMAT)
        || (value.get("schema").is_some() && value.get("data").is_some());
    if !ours {
        return Err(ImportError::NotOurs);
    }
    match decode(raw) {
        Decoded::Current(envelope) => Ok(envelope.data),
        Decoded::Newer { schema } => Err(ImportError::Newer { schema }),
        Decoded::Unreadable { reason } => Err(ImportError::Unreadable(reason)),
    }
}

pub fn decode(raw: &str) -> Decoded {
    let value: Value = match serde_json::from_str(raw) {
        Ok(value) => value,
        Err(e) => {
            return Decoded::Unreadable {
                reason: format!("the stored progress is not valid JSON ({e})"),
            }
        }
    };
    let Some(schema) = value.get("schema").and_then(Value::as_u64) else {
        return Decoded::Unreadable {
            reason: "the stored progress has no schema version".into(),
        };
    };
    if schema > u64::from(SCHEMA) {
        return Decoded::Newer { schema };
    }
    if schema == 0 {
        return Decoded::Unreadable {
            reason: "the stored progress has schema 0, which never existed".into(),
        };
    }
    let value = match super::migrate::migrate(value, schema) {
        Ok(value) => value,
        Err(reason) => {
            return Decoded::Unreadable {
                reason: format!(
                    "the stored progress (schema {schema}) could not be upgraded: {reason}"
                ),
            }
        }
    };
    match serde_json::from_value::<Envelope>(value) {
        Ok(envelope) => Decoded::Current(envelope),
        Err(e) => Decoded::Unreadable {
            reason: format!("the stored progress has an unexpected shape ({e})"),
        },
    }
}
