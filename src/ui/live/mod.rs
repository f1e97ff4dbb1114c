//! Live sessions in the browser (docs/live-session.md): the trainer's side
//! in the presentation deck, the participant's page at `/live/<code>`, and
//! the few HTTP exchanges with the session folder they share. The
//! decisions (file formats, aggregate, intervals) are in `crate::live`.

mod participant;
mod trainer;

pub use participant::{JoinForm, JoinPage, LivePage};
pub use trainer::{pollables, LiveDeck, LiveTrainer, Pollable, PresenterLive, TrainerStatus};

use gloo_net::http::Request;
use web_sys::RequestCache;

use crate::live::{SessionCode, REQUEST_TIMEOUT_MS};
use crate::ui::http::{send, Deadline, NetError};

/// The session folder's base when nothing else is said: the sync folder of
/// the site the app is served from.
pub const DEFAULT_BASE: &str = "/sync/";
/// No listing or file of a session comes near this.
const MAX_READ_BYTES: usize = 1024 * 1024;

/// What a GET brought.
pub(crate) enum Got {
    Text {
        text: String,
        /// Only when it may be sent as `If-None-Match` next time.
        etag: Option<String>,
        /// The server's `Date`.
        date: Option<String>,
    },
    NotModified,
    Missing,
    Status(u16),
}

/// GET, bypassing the browser cache, conditional on `etag` when given.
pub(crate) async fn get(url: &str, etag: Option<&str>) -> Result<Got, NetError> {
    let deadline = Deadline::start(REQUEST_TIMEOUT_MS)?;
    let mut request = Request::get(url)
        .cache(RequestCache::NoStore)
        .abort_signal(Some(&deadline.signal()));
    if let Some(etag) = etag {
        request = request.header("If-None-Match", etag);
    }
    let response = send(request.build(), &deadline).await?;
    match response.status() {
        200 => {
            let headers = response.headers();
            let declared = headers
                .get("Content-Length")
                .and_then(|v| v.parse::<usize>().ok());
            if declared.is_some_and(|n| n > MAX_READ_BYTES) {
                return Ok(Got::Status(413));
            }
            let date = headers.get("Date");
            let modified = headers.get("Last-Modified");
            let etag = headers.get("ETag").filter(|_| {
                crate::live::etag_trustworthy(modified.as_deref(), date.as_deref())
            });
            let text = response.text().await.map_err(|_| NetError::Unreachable)?;
            if text.len() > MAX_READ_BYTES {
                return Ok(Got::Status(413));
            }
            Ok(Got::Text { text, etag, date })
        }
        304 => Ok(Got::NotModified),
        404 => Ok(Got::Missing),
        status => Ok(Got::Status(status)),
    }
}

/// PUT a JSON file; returns the status.
pub(crate) async fn put(url: &str, body: String) -> Result<u16, NetError> {
    let deadline = Deadline::start(REQUEST_TIMEOUT_MS)?;
    let request = Request::put(url)
        .cache(RequestCache::NoStore)
        .abort_signal(Some(&deadline.signal()))
        .header("Content-Type", "application/json")
        .body(body);
    Ok(send(request, &deadline).await?.status())
}

/// DELETE a file or (with a trailing `/`) the whole folder.
pub(crate) async fn delete(url: &str) -> Result<u16, NetError> {
    let deadline = Deadline::start(REQUEST_TIMEOUT_MS)?;
    let request = Request::delete(url)
        .cache(RequestCache::NoStore)
        .abort_signal(Some(&deadline.signal()))
        .build();
    Ok(send(request, &deadline).await?.status())
}

pub(crate) fn accepted(status: u16) -> bool {
    matches!(status, 200 | 201 | 204)
}

/// `addr` resolved against the document's base, as an absolute address.
fn absolute(addr: &str) -> String {
    let base = leptos::prelude::document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_default();
    web_sys::Url::new_with_base(addr, &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| addr.to_owned())
}

/// The link participants open: `<app>/live/<CODE>`, with `#url=<folder
/// base>` when the base is not this site's `/sync/`.
pub fn join_link(base: &str, code: &SessionCode) -> String {
    let page = absolute(&format!("live/{code}"));
    if base == DEFAULT_BASE {
        page
    } else {
        format!("{page}#{}", crate::sync::link_fragment(&absolute(base), None))
    }
}

/// Lower-case hex of `n` random bytes (`None` without a secure source).
fn random_hex(n: usize) -> Option<String> {
    let mut bytes = vec![0u8; n];
    crate::store::random_bytes(&mut bytes)
        .then(|| bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// This tab's anonymous id in the session with folder `folder`: 64 random
/// bits, kept in sessionStorage so a reload keeps it (and so replaces,
/// not adds, an answer); never the device id.
pub(crate) fn participant_id(folder: &str) -> Option<String> {
    let key = format!("mtd-learn.live.participant.{folder}");
    let storage = session_storage();
    if let Some(id) = storage
        .as_ref()
        .and_then(|s| s.get_item(&key).ok().flatten())
        .filter(|id| id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        return Some(id);
    }
    let id = random_hex(8)?;
    if let Some(s) = storage {
        let _ = s.set_item(&key, &id);
    }
    Some(id)
}

/// Whether the page is shown (not a background tab or a locked phone).
pub(crate) fn visible() -> bool {
    leptos::prelude::document().visibility_state() == web_sys::VisibilityState::Visible
}

/// What a failed request means for people, in the UI language (a clause
/// that the messages around it complete).
pub(crate) fn net_text(error: NetError) -> String {
    match error {
        NetError::Offline => tr!(live_net_offline),
        NetError::Unreachable => tr!(live_net_unreachable),
        NetError::Timeout => tr!(live_net_timeout),
    }
}

/// Why a request to the session folder failed: no answer, or an HTTP
/// status that is not a success.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    Net(NetError),
    Status(u16),
}

impl Failure {
    /// In the UI language ("HTTP 500" is the same in every language).
    pub fn text(self) -> String {
        match self {
            Failure::Net(error) => net_text(error),
            Failure::Status(code) => format!("HTTP {code}"),
        }
    }
}

/// A session code that was not accepted, in the UI language
/// (`SessionCodeError`'s `Display` is the English text the native tests read).
pub(crate) fn code_error_text(error: &crate::live::SessionCodeError) -> String {
    use crate::live::SessionCodeError;
    match error {
        SessionCodeError::Length { found } => tr!(live_code_error_length, found = found),
        SessionCodeError::Character(c) => tr!(live_code_error_character, character = c),
    }
}
