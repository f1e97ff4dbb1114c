//! HTTP with a time limit, shared by sync and live sessions: every request
//! is built with a [`Deadline`]'s abort signal and sent with [`send`],
//! which tells offline, timeout and unreachable apart.

use std::time::Duration;

use gloo_net::http::{Request, Response};
use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};

/// Why a request got no answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetError {
    /// The browser says it has no network.
    Offline,
    /// No answer (server down, DNS, CORS).
    Unreachable,
    /// The deadline passed.
    Timeout,
}

pub fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// A request's time limit: aborts it after the given time.
pub struct Deadline {
    controller: web_sys::AbortController,
    timer: Option<TimeoutHandle>,
}

impl Deadline {
    pub fn start(timeout_ms: u32) -> Result<Self, NetError> {
        let controller = web_sys::AbortController::new().map_err(|_| NetError::Unreachable)?;
        let abort = controller.clone();
        let timer = set_timeout_with_handle(
            move || abort.abort(),
            Duration::from_millis(u64::from(timeout_ms)),
        )
        .ok();
        Ok(Deadline { controller, timer })
    }

    pub fn signal(&self) -> web_sys::AbortSignal {
        self.controller.signal()
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(timer) = self.timer.take() {
            timer.clear();
        }
    }
}

/// Sends a request built with `deadline`'s signal.
pub async fn send(
    request: Result<Request, gloo_net::Error>,
    deadline: &Deadline,
) -> Result<Response, NetError> {
    if !online() {
        return Err(NetError::Offline);
    }
    let request = request.map_err(|_| NetError::Unreachable)?;
    request.send().await.map_err(|_| {
        if deadline.signal().aborted() {
            NetError::Timeout
        } else if !online() {
            NetError::Offline
        } else {
            NetError::Unreachable
        }
    })
}
