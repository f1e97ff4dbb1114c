//! The protocol's decisions, separate from HTTP so they can be tested
//! natively: where the file lives, what to do with what was fetched, how
//! long to wait after a failure, and what to tell the learner.

use std::fmt;

use crate::progress::ProgressState;

/// A learner's file is about 15 KB; anything near this cap is not ours.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
/// A request that has not finished by then is given up (and retried later).
pub const REQUEST_TIMEOUT_MS: u32 = 15_000;
const FIRST_RETRY_MS: u64 = 2_000;
const LONGEST_RETRY_MS: u64 = 5 * 60_000;

/// Waiting time before retry number `failures` (1 = after the first
/// failure): 2 s, 4 s, 8 s, … up to 5 minutes.
pub fn backoff_ms(failures: u32) -> u64 {
    let doublings = failures.saturating_sub(1).min(20);
    (FIRST_RETRY_MS << doublings).min(LONGEST_RETRY_MS)
}

/// Why a typed sync address was refused. `Display` is the English message;
/// the app shows the same in the learner's language, chosen by variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlError {
    Empty,
    /// Spaces, a query or a fragment.
    NotPlain,
    /// `http://` to another computer.
    PlainHttp,
    /// Neither `https://` nor a path on this site.
    Scheme,
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            UrlError::Empty => "Enter the address of the sync folder, for example /sync/ or https://learn.example.org/sync/.",
            UrlError::NotPlain => "The address must be a plain folder address, without spaces, \"?\" or \"#\".",
            UrlError::PlainHttp => "Use an https:// address: progress must not travel unencrypted over the network.",
            UrlError::Scheme => "The address must start with https:// (or with / for a folder on this site).",
        })
    }
}

/// Checks and normalises the backend address a learner typed: a path on
/// this site (`/sync/`) or an `https://` address (`http://` only for this
/// computer). The result ends with `/`.
pub fn check_base_url(input: &str) -> Result<String, UrlError> {
    let url = input.trim();
    if url.is_empty() {
        return Err(UrlError::Empty);
    }
    if url.contains(['?', '#']) || url.chars().any(char::is_whitespace) {
        return Err(UrlError::NotPlain);
    }
    let local_http = ["http://localhost", "http://127.0.0.1", "http://[::1]"]
        .iter()
        .any(|p| url.starts_with(p));
    let ok = (url.starts_with('/') && !url.starts_with("//"))
        || (url.starts_with("https://") && url.len() > "https://".len())
        || local_http;
    if !ok {
        return Err(if url.starts_with("http://") {
            UrlError::PlainHttp
        } else {
            UrlError::Scheme
        });
    }
    let mut url = url.to_owned();
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

/// The URL of the learner's file under a checked base address.
pub fn file_url(base: &str, file_id: &str) -> String {
    format!("{base}{file_id}.mtds")
}

/// What follows `#` in a link that sets up sync on another device:
/// `url=…` and, to link with an existing code, `code=…`. In the fragment,
/// the code never reaches any server's logs.
pub fn link_fragment(base: &str, code: Option<&str>) -> String {
    let mut out = format!("url={}", percent_encode(base));
    if let Some(code) = code {
        out.push_str("&code=");
        out.push_str(&percent_encode(code));
    }
    out
}

/// Reads `url` and `code` from a fragment made by [`link_fragment`].
pub fn parse_link_fragment(fragment: &str) -> (Option<String>, Option<String>) {
    let mut url = None;
    let mut code = None;
    for pair in fragment.trim_start_matches('#').split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = percent_decode(value).filter(|v| !v.is_empty());
        match key {
            "url" => url = value,
            "code" => code = value,
            _ => {}
        }
    }
    (url, code)
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// After a fetch: merge what the server holds into the local progress.
/// Returns the merged progress and whether the server needs it (it lacks
/// something, or holds no file yet).
pub fn plan_after_fetch(
    local: &ProgressState,
    remote: Option<&ProgressState>,
) -> (ProgressState, bool) {
    match remote {
        None => (local.clone(), true),
        Some(remote) => {
            let merged = local.clone().merge(remote.clone());
            let upload = merged != *remote;
            (merged, upload)
        }
    }
}

/// Why a sync did not complete. Local progress is untouched in every case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncError {
    /// The browser says it has no network.
    Offline,
    /// The request failed without an answer (server down, DNS, CORS).
    Unreachable,
    Timeout,
    /// 404 while linking: no device has stored anything under this code.
    NoSuchCode,
    /// An HTTP status the protocol does not expect.
    Status { code: u16, upload: bool },
    /// The server's answer was larger than any progress file can be.
    TooLarge { bytes: usize },
    NotOurs,
    Tampered,
    NewerFormat,
    /// Decrypted, but the progress inside cannot be read.
    Unreadable(String),
}

impl SyncError {
    /// A short word for the status line and for tests (`data-sync-error`).
    pub fn kind(&self) -> &'static str {
        match self {
            SyncError::Offline => "offline",
            SyncError::Unreachable => "unreachable",
            SyncError::Timeout => "timeout",
            SyncError::NoSuchCode => "no-such-code",
            SyncError::Status { code, .. } if matches!(code, 401 | 403) => "refused",
            SyncError::Status { code, .. } if *code >= 500 => "server-error",
            SyncError::Status { .. } => "status",
            SyncError::TooLarge { .. } => "too-large",
            SyncError::NotOurs => "not-ours",
            SyncError::Tampered => "tampered",
            SyncError::NewerFormat => "newer",
            SyncError::Unreadable(_) => "unreadable",
        }
    }
}

impl fmt::Display for SyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyncError::Offline => f.write_str("This device is offline. Your progress is saved here and will sync when the network is back."),
            SyncError::Unreachable => f.write_str("The sync server cannot be reached. Check the address; your progress is saved on this device."),
            SyncError::Timeout => write!(f, "The sync server did not answer within {} seconds.", REQUEST_TIMEOUT_MS / 1000),
            SyncError::NoSuchCode => f.write_str("Nothing is stored under this code at this address. Check the code and the address, or let the first device sync once."),
            SyncError::Status { code: 401 | 403, .. } => f.write_str("The sync server refused access (it needs a login or does not allow writing). Ask whoever runs it to open the sync folder."),
            SyncError::Status { code: 413, .. } => f.write_str("The sync server does not accept a file this large. Ask whoever runs it to raise its size limit."),
            SyncError::Status { code, .. } if *code >= 500 => write!(f, "The sync server has a problem (HTTP {code})."),
            SyncError::Status { code, upload: true } => write!(f, "The sync server did not accept the upload (HTTP {code})."),
            SyncError::Status { code, upload: false } => write!(f, "The sync server answered with HTTP {code}."),
            SyncError::TooLarge { bytes } => write!(f, "The sync server sent {bytes} bytes, far more than a progress file; it was not read."),
            SyncError::NotOurs => f.write_str("The address does not point to a sync folder of this app: the server sent something else."),
            SyncError::Tampered => f.write_str("The file on the server cannot be decrypted with this code: it was changed, or it belongs to another code."),
            SyncError::NewerFormat => f.write_str("Another device uses a newer version of this app. Reload this page to update, then sync again."),
            SyncError::Unreadable(reason) => write!(f, "The synced progress cannot be read: {reason}."),
        }
    }
}

/// What the status line shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncStatus {
    Off,
    Syncing,
    /// Everything local is on the server (at this time, ms since epoch).
    Synced { at: u64 },
    /// Local changes wait for the next sync.
    Pending,
    /// The last try failed; the next one is due at `retry_at`.
    Failed { error: SyncError, retry_at: u64 },
}

impl SyncStatus {
    /// For `data-sync-state`: off, syncing, synced, pending, offline, error.
    pub fn state(&self) -> &'static str {
        match self {
            SyncStatus::Off => "off",
            SyncStatus::Syncing => "syncing",
            SyncStatus::Synced { .. } => "synced",
            SyncStatus::Pending => "pending",
            SyncStatus::Failed {
                error: SyncError::Offline,
                ..
            } => "offline",
            SyncStatus::Failed { .. } => "error",
        }
    }
}
