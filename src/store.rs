//! Progress in the browser's localStorage, through gloo-storage.
//!
//! Rules: reading never panics; data that cannot be read is copied to a
//! quarantine key before anything else is written; data from a newer app
//! version is never overwritten; every write merges with what is stored, so
//! a second tab's newer records survive.

use gloo_storage::{LocalStorage, Storage};

use crate::progress::{decode, encode, Decoded, ProgressState};

pub const PROGRESS_KEY: &str = "mtd-learn.progress";
pub const QUARANTINE_PREFIX: &str = "mtd-learn.quarantine.";
pub const LANGUAGE_KEY: &str = "mtd-learn.language";
/// Present only while sync is on: `{"url": "...", "code": "..."}`.
pub const SYNC_KEY: &str = "mtd-learn.sync";
/// Every key of the app starts with this; "delete all my data" removes them all.
pub const KEY_PREFIX: &str = "mtd-learn.";

/// Why stored progress could not be used as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Unreadable data, kept under `key`.
    Quarantined { key: String, reason: String },
    /// Written by a newer version of the app: kept as it is, and this
    /// session works in memory so as not to downgrade it.
    NewerVersion { schema: u64 },
    /// The browser refuses storage (private mode, disabled, full).
    Unavailable,
}

pub struct Loaded {
    pub state: ProgressState,
    pub device: String,
    pub notice: Option<Notice>,
    /// False when writing would destroy data we do not understand.
    pub writable: bool,
}

pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Reads the stored progress. Never fails: problems become a notice.
pub fn load() -> Loaded {
    let raw = match read(PROGRESS_KEY) {
        Ok(raw) => raw,
        Err(()) => {
            return Loaded {
                state: ProgressState::default(),
                device: new_device_id(),
                notice: Some(Notice::Unavailable),
                writable: false,
            }
        }
    };
    let Some(raw) = raw else {
        return Loaded {
            state: ProgressState::default(),
            device: new_device_id(),
            notice: None,
            writable: true,
        };
    };
    match decode(&raw) {
        Decoded::Current(envelope) => Loaded {
            state: envelope.data,
            device: envelope.device,
            notice: None,
            writable: true,
        },
        Decoded::Newer { schema } => Loaded {
            state: ProgressState::default(),
            device: new_device_id(),
            notice: Some(Notice::NewerVersion { schema }),
            writable: false,
        },
        Decoded::Unreadable { reason } => {
            let key = format!("{QUARANTINE_PREFIX}{}", now_ms());
            // Only once the copy is safely stored may the main key be reused;
            // clearing it then stops the next save from copying it again.
            let copied = write(&key, &raw).is_ok() && remove(PROGRESS_KEY).is_ok();
            Loaded {
                state: ProgressState::default(),
                device: new_device_id(),
                notice: Some(if copied {
                    Notice::Quarantined { key, reason }
                } else {
                    Notice::Unavailable
                }),
                writable: copied,
            }
        }
    }
}

/// Writes `state` merged with whatever another tab stored meanwhile, and
/// returns the merged state.
pub fn save(state: &ProgressState, device: &str) -> Result<ProgressState, ()> {
    let merged = match read(PROGRESS_KEY)? {
        Some(raw) => match decode(&raw) {
            Decoded::Current(stored) => stored.data.merge(state.clone()),
            // Someone wrote something we cannot read since we loaded: keep it aside first.
            Decoded::Unreadable { .. } => {
                write(&format!("{QUARANTINE_PREFIX}{}", now_ms()), &raw)?;
                state.clone()
            }
            Decoded::Newer { .. } => return Err(()),
        },
        None => state.clone(),
    };
    write(PROGRESS_KEY, &encode(&merged, device, now_ms()))?;
    Ok(merged)
}

/// Decodes a value another tab stored (from a `storage` event).
pub fn decode_foreign(raw: &str) -> Option<ProgressState> {
    match decode(raw) {
        Decoded::Current(envelope) => Some(envelope.data),
        _ => None,
    }
}

/// The browser's localStorage, or `Err` where the browser refuses it
/// (storage switched off, some private modes, sandboxed frames). Checked
/// first because gloo-storage's `raw()` panics when storage is missing.
fn storage() -> Result<web_sys::Storage, ()> {
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Ok(LocalStorage::raw()),
        _ => Err(()),
    }
}

pub fn read(key: &str) -> Result<Option<String>, ()> {
    storage()?.get_item(key).map_err(|_| ())
}

/// Fails when storage is refused or full (quota exceeded).
fn write(key: &str, value: &str) -> Result<(), ()> {
    storage()?.set_item(key, value).map_err(|_| ())
}

/// Stores a plain value of the app (such as the name for the certificate).
pub fn write_raw(key: &str, value: &str) -> Result<(), ()> {
    write(key, value)
}

pub fn remove(key: &str) -> Result<(), ()> {
    storage()?.remove_item(key).map_err(|_| ())
}

/// The language the learner chose, if it is one the UI has.
pub fn load_language() -> Option<String> {
    read(LANGUAGE_KEY)
        .ok()
        .flatten()
        .filter(|l| crate::lang::is_ui_language(l))
}

pub fn save_language(lang: &str) -> Result<(), ()> {
    write(LANGUAGE_KEY, lang)
}

/// The first of the browser's preferred languages that the UI has
/// ("de-AT" gives "de", "no" gives "nb").
pub fn browser_language() -> Option<String> {
    let navigator = web_sys::window()?.navigator();
    let mut tags: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    tags.extend(navigator.language());
    crate::lang::from_browser_tags(tags.iter().map(String::as_str)).map(str::to_owned)
}

/// Removes every key of this app; returns how many were removed.
pub fn delete_all() -> Result<usize, ()> {
    let storage = storage()?;
    let length = storage.length().map_err(|_| ())?;
    let keys: Vec<String> = (0..length)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(KEY_PREFIX))
        .collect();
    for key in &keys {
        storage.remove_item(key).map_err(|_| ())?;
    }
    Ok(keys.len())
}

/// Fills `bytes` from the browser's cryptographic random source; false
/// where there is none.
pub fn random_bytes(bytes: &mut [u8]) -> bool {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(bytes).ok())
        .is_some()
}

/// A random id for this browser profile (64 bits, hex).
fn new_device_id() -> String {
    let mut bytes = [0u8; 8];
    let filled = random_bytes(&mut bytes);
    if !filled {
        let seed = (js_sys::Math::random() * f64::from(u32::MAX)) as u64 ^ now_ms();
        bytes = seed.to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
