//! Offline use and updates: registers the service worker (public/sw.js),
//! asks it to keep the learner's content language offline, tells the
//! learner when a new version is ready, and shows when the device is
//! offline.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// What the service worker reported after caching a language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OfflineReady {
    pub lang: String,
    pub files: u32,
    pub of: u32,
    pub bytes: u64,
}

#[derive(Clone, Copy)]
pub struct Pwa {
    pub online: RwSignal<bool>,
    pub update_ready: RwSignal<bool>,
    pub offline_ready: RwSignal<Option<OfflineReady>>,
    container: StoredValue<Option<ServiceWorkerContainer>, LocalStorage>,
    reload_on_change: StoredValue<bool>,
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    // Absent on plain http:// (other than localhost) and in some private modes.
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

impl Pwa {
    pub fn start() -> Self {
        let pwa = Pwa {
            online: RwSignal::new(window().navigator().on_line()),
            update_ready: RwSignal::new(false),
            offline_ready: RwSignal::new(None),
            container: StoredValue::new_local(container()),
            reload_on_change: StoredValue::new(false),
        };
        let on = window_event_listener(leptos::ev::online, move |_| pwa.online.set(true));
        let off = window_event_listener(leptos::ev::offline, move |_| pwa.online.set(false));
        on_cleanup(move || {
            on.remove();
            off.remove();
        });
        if let Some(container) = pwa.container.get_value() {
            pwa.register(container);
        }
        pwa
    }

    fn register(self, container: ServiceWorkerContainer) {
        let controlled = container.controller().is_some();
        let on_change = Closure::<dyn FnMut()>::new(move || {
            if self.reload_on_change.get_value() {
                let _ = window().location().reload();
            }
        });
        container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            if let Some(ready) = read_language_cached(&e.data()) {
                self.offline_ready.set(Some(ready));
            }
        });
        container.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();

        let promise = container.register("sw.js");
        leptos::task::spawn_local(async move {
            let Ok(registration) = wasm_bindgen_futures::JsFuture::from(promise).await else {
                return;
            };
            let registration: ServiceWorkerRegistration = registration.unchecked_into();
            // A new version installed while the app was closed: already waiting.
            if controlled && registration.waiting().is_some() {
                self.update_ready.set(true);
            }
            let reg = registration.clone();
            let on_found = Closure::<dyn FnMut()>::new(move || {
                let Some(installing) = reg.installing() else { return };
                let worker = installing.clone();
                let on_state = Closure::<dyn FnMut()>::new(move || {
                    // "installed" with a page already controlled = an update
                    // (the first install needs no reload).
                    if worker.state() == ServiceWorkerState::Installed && controlled {
                        self.update_ready.set(true);
                    }
                });
                installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
                on_state.forget();
            });
            registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
            on_found.forget();
        });
    }

    /// Asks the service worker to keep `lang`'s content (and the course
    /// index) offline; it answers with a `language-cached` message.
    pub fn keep_offline(self, lang: String) {
        let Some(container) = self.container.get_value() else { return };
        let Ok(ready) = container.ready() else { return };
        leptos::task::spawn_local(async move {
            let Ok(registration) = wasm_bindgen_futures::JsFuture::from(ready).await else {
                return;
            };
            let registration: ServiceWorkerRegistration = registration.unchecked_into();
            if let Some(worker) = registration.active() {
                post(&worker, &[("type", "cache-language"), ("lang", &lang)]);
            }
        });
    }

    /// Activates the waiting version; the page reloads when it takes over.
    pub fn reload_to_update(self) {
        self.reload_on_change.set_value(true);
        let Some(container) = self.container.get_value() else {
            let _ = window().location().reload();
            return;
        };
        let Ok(ready) = container.ready() else { return };
        leptos::task::spawn_local(async move {
            let waiting = wasm_bindgen_futures::JsFuture::from(ready)
                .await
                .ok()
                .map(|r| r.unchecked_into::<ServiceWorkerRegistration>())
                .and_then(|r| r.waiting());
            match waiting {
                Some(worker) => post(&worker, &[("type", "skip-waiting")]),
                None => {
                    let _ = window().location().reload();
                }
            }
        });
    }
}

fn post(worker: &ServiceWorker, fields: &[(&str, &str)]) {
    let message = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&message, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    let _ = worker.post_message(&message);
}

fn read_language_cached(data: &JsValue) -> Option<OfflineReady> {
    let get = |key: &str| js_sys::Reflect::get(data, &JsValue::from_str(key)).ok();
    if get("type")?.as_string()? != "language-cached" {
        return None;
    }
    Some(OfflineReady {
        lang: get("lang")?.as_string()?,
        files: get("files")?.as_f64()? as u32,
        of: get("of")?.as_f64()? as u32,
        bytes: get("bytes")?.as_f64()? as u64,
    })
}

/// "A new version is ready" with a reload button, at the top of every page.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let pwa = expect_context::<Pwa>();
    view! {
        <Show when=move || pwa.update_ready.get()>
            <div class="notice notice--info update-banner" role="status" data-test="update-ready">
                <p>{move || tr!(update_ready)}</p>
                <button type="button" class="button button--primary" data-test="update-reload" on:click=move |_| pwa.reload_to_update()>
                    {move || tr!(update_reload)}
                </button>
            </div>
        </Show>
    }
}

/// A small badge in the header while the device has no network.
#[component]
pub fn OfflineBadge() -> impl IntoView {
    let pwa = expect_context::<Pwa>();
    view! {
        <p class="offline-badge" role="status" data-test="offline-indicator" hidden=move || pwa.online.get()>
            {move || tr!(offline_badge)}
        </p>
    }
}

/// Settings: what is kept for offline use.
#[component]
pub fn OfflineStatus() -> impl IntoView {
    let pwa = expect_context::<Pwa>();
    let text = move || match pwa.offline_ready.get() {
        Some(r) if r.files == r.of => tr!(
            offline_ready,
            files = r.files,
            kb = r.bytes.div_ceil(1024)
        ),
        Some(r) => tr!(offline_partly, files = r.files, of = r.of),
        None if pwa.container.with_value(Option::is_none) => tr!(offline_unsupported),
        None => tr!(offline_preparing),
    };
    view! {
        <p
            data-test="offline-ready"
            data-files=move || pwa.offline_ready.get().map(|r| r.files.to_string())
            data-bytes=move || pwa.offline_ready.get().map(|r| r.bytes.to_string())
        >
            {text}
        </p>
    }
}
