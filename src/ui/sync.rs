//! Sync in the browser: when to sync, the HTTP exchange, and the status the
//! settings page and footer show. The decisions themselves are in
//! `crate::sync` (native-tested); docs/sync-protocol.md describes the
//! protocol.
//!
//! Nothing is sent before the learner turns sync on: every entry point
//! below either is that turning on, or checks that a configuration exists.

use std::time::Duration;

use gloo_net::http::{Request, Response};

use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use web_sys::RequestCache;

use crate::progress::{decode, encode, Decoded, ProgressState};
use crate::store;
use crate::sync::*;
use crate::ui::http::{send, Deadline, NetError};
use crate::ui::Progress;

/// What is stored under `store::SYNC_KEY` while sync is on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncConfig {
    /// Checked by `check_base_url`; ends with `/`.
    pub url: String,
    /// As displayed (grouped).
    pub code: String,
}

impl SyncConfig {
    fn load() -> Option<Self> {
        let raw = store::read(store::SYNC_KEY).ok().flatten()?;
        let config: SyncConfig = serde_json::from_str(&raw).ok()?;
        (check_base_url(&config.url).is_ok() && SyncCode::parse(&config.code).is_ok())
            .then_some(config)
    }

    fn file_url(&self) -> Option<(String, Keys)> {
        let keys = Keys::derive(&SyncCode::parse(&self.code).ok()?);
        Some((file_url(&self.url, &keys.file_id), keys))
    }
}

/// Why sync could not be turned on. Kept as a value so the settings page
/// shows it in the language of the moment (`sync_panel::failure_text`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncFailure {
    Url(UrlError),
    Code(CodeError),
    /// The browser has no secure random source for a new code.
    NoRandom,
    /// The browser refused to store the setting.
    NotStored,
    Sync(SyncError),
}

/// The server's copy as last fetched, so a 304 can be merged without
/// downloading it again.
#[derive(Clone)]
struct Remote {
    etag: Option<String>,
    state: ProgressState,
}

#[derive(Clone, Copy)]
pub struct Sync {
    pub config: RwSignal<Option<SyncConfig>>,
    pub status: RwSignal<SyncStatus>,
    progress: Progress,
    remote: StoredValue<Option<Remote>>,
    running: StoredValue<bool>,
    again: StoredValue<bool>,
    failures: StoredValue<u32>,
    timer: StoredValue<Option<TimeoutHandle>>,
}

impl Sync {
    /// Reads the stored configuration and, if sync is on, syncs at once and
    /// whenever progress changes, the network returns or the app is shown
    /// again.
    pub fn start(progress: Progress) -> Self {
        let config = SyncConfig::load();
        let on = config.is_some();
        let sync = Sync {
            config: RwSignal::new(config),
            status: RwSignal::new(SyncStatus::Off),
            progress,
            remote: StoredValue::new(None),
            running: StoredValue::new(false),
            again: StoredValue::new(false),
            failures: StoredValue::new(0),
            timer: StoredValue::new(None),
        };
        // After a local change: mark pending and sync 2 s after the last one.
        Effect::new(move |previous: Option<u64>| {
            let n = progress.local_changes.get();
            if previous.is_some_and(|p| p != n) && sync.config.get_untracked().is_some() {
                if !matches!(sync.status.get_untracked(), SyncStatus::Failed { .. }) {
                    sync.status.set(SyncStatus::Pending);
                    sync.schedule(2_000);
                }
            }
            n
        });
        let online = window_event_listener(leptos::ev::online, move |_| {
            sync.failures.set_value(0);
            sync.schedule(0);
        });
        let shown = window_event_listener_untyped("visibilitychange", move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                sync.schedule(0);
            }
        });
        on_cleanup(move || {
            online.remove();
            shown.remove();
        });
        if on {
            sync.schedule(0);
        }
        sync
    }

    /// Runs a sync after `delay_ms`, replacing any sync already planned.
    /// Does nothing while sync is off.
    pub fn schedule(self, delay_ms: u64) {
        if self.config.get_untracked().is_none() {
            return;
        }
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                self.timer.set_value(None);
                self.run();
            },
            Duration::from_millis(delay_ms),
        )
        .ok();
        self.timer.set_value(handle);
    }

    /// "Sync now".
    pub fn now(self) {
        self.failures.set_value(0);
        self.schedule(0);
    }

    fn run(self) {
        if self.running.get_value() {
            self.again.set_value(true);
            return;
        }
        let Some(config) = self.config.get_untracked() else {
            return;
        };
        self.running.set_value(true);
        self.status.set(SyncStatus::Syncing);
        leptos::task::spawn_local(async move {
            let changes = self.progress.local_changes.get_untracked();
            let result = self.exchange(&config, false).await;
            self.running.set_value(false);
            // Turned off (or relinked) meanwhile: forget the outcome.
            if self.config.get_untracked().as_ref() != Some(&config) {
                return;
            }
            match result {
                Ok(()) => {
                    self.failures.set_value(0);
                    if self.progress.local_changes.get_untracked() != changes {
                        self.status.set(SyncStatus::Pending);
                        self.schedule(2_000);
                    } else {
                        self.status.set(SyncStatus::Synced { at: store::now_ms() });
                    }
                }
                Err(error) => {
                    let failures = self.failures.get_value().saturating_add(1);
                    self.failures.set_value(failures);
                    let wait = backoff_ms(failures);
                    self.status.set(SyncStatus::Failed {
                        error,
                        retry_at: store::now_ms() + wait,
                    });
                    self.schedule(wait);
                }
            }
            if std::mem::take(&mut *self.again.write_value()) {
                self.schedule(0);
            }
        });
    }

    /// Turns sync on with a new code; the first sync must succeed (which
    /// creates the file on the server), else sync stays off and the error
    /// says why.
    pub async fn create(self, url: String) -> Result<(), SyncFailure> {
        let url = check_base_url(&url).map_err(SyncFailure::Url)?;
        let mut bytes = [0u8; CODE_BYTES];
        if !store::random_bytes(&mut bytes) {
            return Err(SyncFailure::NoRandom);
        }
        let code = SyncCode::from_bytes(bytes).to_string();
        self.turn_on(SyncConfig { url, code }, false).await
    }

    /// Links this device to a code made on another device. The server must
    /// already hold a file for it.
    pub async fn link(self, url: String, code: String) -> Result<(), SyncFailure> {
        let url = check_base_url(&url).map_err(SyncFailure::Url)?;
        let code = SyncCode::parse(&code).map_err(SyncFailure::Code)?.to_string();
        self.turn_on(SyncConfig { url, code }, true).await
    }

    async fn turn_on(self, config: SyncConfig, linking: bool) -> Result<(), SyncFailure> {
        self.off();
        self.status.set(SyncStatus::Syncing);
        match self.exchange(&config, linking).await {
            Ok(()) => {
                let raw = serde_json::to_string(&config).expect("config serialises");
                if store::write_raw(store::SYNC_KEY, &raw).is_err() {
                    self.status.set(SyncStatus::Off);
                    return Err(SyncFailure::NotStored);
                }
                self.config.set(Some(config));
                self.status.set(SyncStatus::Synced { at: store::now_ms() });
                Ok(())
            }
            Err(error) => {
                self.status.set(SyncStatus::Off);
                Err(SyncFailure::Sync(error))
            }
        }
    }

    /// Turns sync off: forgets the code and address; progress stays.
    pub fn off(self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        self.timer.set_value(None);
        let _ = store::remove(store::SYNC_KEY);
        self.config.set(None);
        self.remote.set_value(None);
        self.failures.set_value(0);
        self.status.set(SyncStatus::Off);
    }

    /// One sync: fetch, merge, upload if the server lacks something; on a
    /// 412 (another device wrote in between) fetch and merge again.
    async fn exchange(self, config: &SyncConfig, linking: bool) -> Result<(), SyncError> {
        let (url, keys) = config
            .file_url()
            .ok_or(SyncError::Unreadable("the stored sync code is damaged".into()))?;
        for _ in 0..3 {
            let known = self.remote.get_value();
            let deadline = Deadline::start(REQUEST_TIMEOUT_MS)?;
            let mut get = Request::get(&url)
                .cache(RequestCache::NoStore)
                .abort_signal(Some(&deadline.signal()));
            if let Some(etag) = known.as_ref().and_then(|r| r.etag.as_deref()) {
                get = get.header("If-None-Match", etag);
            }
            let response = send(get.build(), &deadline).await?;
            let remote = match response.status() {
                304 if known.is_some() => known,
                200 => Some(Remote {
                    etag: response.headers().get("ETag"),
                    state: read_state(&keys, response).await?,
                }),
                404 if linking => return Err(SyncError::NoSuchCode),
                404 => None,
                code => return Err(SyncError::Status { code, upload: false }),
            };
            let local = self.progress.snapshot();
            let (merged, upload) = plan_after_fetch(&local, remote.as_ref().map(|r| &r.state));
            if merged != local {
                self.progress.merge_remote(merged.clone());
            }
            self.remote.set_value(remote.clone());
            if !upload {
                return Ok(());
            }
            let mut nonce = [0u8; NONCE_BYTES];
            if !store::random_bytes(&mut nonce) {
                return Err(SyncError::Unreadable("the browser has no secure random source".into()));
            }
            let plain = encode(&merged, &self.progress.device(), store::now_ms());
            let body = js_sys::Uint8Array::from(seal(&keys, nonce, plain.as_bytes()).as_slice());
            let deadline = Deadline::start(REQUEST_TIMEOUT_MS)?;
            let mut put = Request::put(&url)
                .cache(RequestCache::NoStore)
                .abort_signal(Some(&deadline.signal()))
                .header("Content-Type", "application/octet-stream");
            put = match remote.as_ref().map(|r| r.etag.as_deref()) {
                Some(Some(etag)) => put.header("If-Match", etag),
                Some(None) => put,
                None => put.header("If-None-Match", "*"),
            };
            let response = send(put.body(body), &deadline).await?;
            match response.status() {
                200 | 201 | 204 => {
                    // The new ETag is unknown (nginx sends none on PUT): the
                    // next sync fetches the file once in full.
                    self.remote.set_value(None);
                    return Ok(());
                }
                412 => continue,
                code => return Err(SyncError::Status { code, upload: true }),
            }
        }
        // Three rounds lost to other devices: try again later.
        Err(SyncError::Status { code: 412, upload: true })
    }
}

impl From<NetError> for SyncError {
    fn from(error: NetError) -> Self {
        match error {
            NetError::Offline => SyncError::Offline,
            NetError::Unreachable => SyncError::Unreachable,
            NetError::Timeout => SyncError::Timeout,
        }
    }
}

/// Reads, caps, decrypts and decodes the server's file.
async fn read_state(keys: &Keys, response: Response) -> Result<ProgressState, SyncError> {
    let declared = response
        .headers()
        .get("Content-Length")
        .and_then(|v| v.parse::<usize>().ok());
    if let Some(bytes) = declared.filter(|n| *n > MAX_BODY_BYTES) {
        return Err(SyncError::TooLarge { bytes });
    }
    let body = response.binary().await.map_err(|_| SyncError::Unreachable)?;
    if body.len() > MAX_BODY_BYTES {
        return Err(SyncError::TooLarge { bytes: body.len() });
    }
    let plain = open(keys, &body).map_err(|e| match e {
        OpenError::NotOurs => SyncError::NotOurs,
        OpenError::NewerFormat(_) => SyncError::NewerFormat,
        OpenError::Tampered => SyncError::Tampered,
    })?;
    let text = String::from_utf8(plain)
        .map_err(|_| SyncError::Unreadable("it is not text".into()))?;
    match decode(&text) {
        Decoded::Current(envelope) => Ok(envelope.data),
        Decoded::Newer { .. } => Err(SyncError::NewerFormat),
        Decoded::Unreadable { reason } => Err(SyncError::Unreadable(reason)),
    }
}
