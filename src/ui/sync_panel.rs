//! Settings → Sync, and the one-line sync status for the footer.

use leptos::prelude::*;

use super::sync::Sync;
use crate::sync::{link_fragment, parse_link_fragment, qr_svg_path, SyncError, SyncStatus};

/// "14:05" in the learner's time zone.
fn clock(ms: u64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

fn status_text(status: &SyncStatus) -> String {
    match status {
        SyncStatus::Off => "Sync is off.".into(),
        SyncStatus::Syncing => "Syncing…".into(),
        SyncStatus::Synced { at } => format!("Synced at {}.", clock(*at)),
        SyncStatus::Pending => "Changes are waiting to sync.".into(),
        SyncStatus::Failed {
            error: SyncError::Offline,
            ..
        } => SyncError::Offline.to_string(),
        SyncStatus::Failed { error, retry_at } => format!(
            "{error} Your progress is safe on this device; the next try is at {}.",
            clock(*retry_at)
        ),
    }
}

/// The status as text with machine-readable state for tests and styling.
#[component]
pub fn SyncStatusLine() -> impl IntoView {
    let sync = expect_context::<Sync>();
    view! {
        <p
            class="sync-status"
            data-test="sync-status"
            data-sync-state=move || sync.status.with(SyncStatus::state)
            data-sync-error=move || sync.status.with(|s| match s {
                SyncStatus::Failed { error, .. } => error.kind(),
                _ => "",
            })
        >
            {move || sync.status.with(status_text)}
        </p>
    }
}

/// The link that sets up sync on another device, absolute, with the code in
/// the fragment.
fn device_link(url: &str, code: &str) -> String {
    let document = document();
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    let absolute = web_sys::Url::new_with_base(url, &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| url.to_owned());
    let settings = web_sys::Url::new_with_base("settings", &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| "/settings".to_owned());
    format!("{settings}#{}", link_fragment(&absolute, Some(code)))
}

#[component]
pub fn SyncPanel() -> impl IntoView {
    let sync = expect_context::<Sync>();
    // A link from a trainer (address) or another device (address and code).
    let (link_url, link_code) = window()
        .location()
        .hash()
        .ok()
        .filter(|h| h.len() > 1)
        .map(|h| parse_link_fragment(&h))
        .unwrap_or((None, None));
    if link_url.is_some() || link_code.is_some() {
        // Keep the code out of the address bar and the history.
        if let Ok(history) = window().history() {
            let path = window().location().pathname().unwrap_or_default();
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
        }
    }
    let from_link = link_code.is_some();
    let url = RwSignal::new(link_url.unwrap_or_default());
    let code = RwSignal::new(link_code.unwrap_or_default());
    let message = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let start = move |_| {
        busy.set(true);
        message.set(None);
        leptos::task::spawn_local(async move {
            if let Err(e) = sync.create(url.get_untracked()).await {
                message.set(Some(e));
            }
            busy.set(false);
        });
    };
    let link = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        busy.set(true);
        message.set(None);
        leptos::task::spawn_local(async move {
            if let Err(e) = sync.link(url.get_untracked(), code.get_untracked()).await {
                message.set(Some(e));
            }
            busy.set(false);
        });
    };

    let off_view = move || {
        view! {
            <p>"Sync is off: your progress stays in this browser. With sync on, it is encrypted on this device, stored on a server you choose, and merged with your other devices. The server cannot read it."</p>
            <label for="sync-url">"Address of the sync folder"</label>
            <input
                id="sync-url"
                type="url"
                inputmode="url"
                autocomplete="off"
                spellcheck="false"
                placeholder="https://learn.example.org/sync/"
                aria-describedby="sync-url-hint"
                data-test="sync-url"
                prop:value=move || url.get()
                on:input=move |e| url.set(event_target_value(&e))
            />
            <p class="hint" id="sync-url-hint">"Your organisation or trainer gives you this address. On a server set up with this app's sample configuration it is /sync/."</p>
            <div class="data-actions">
                <button type="button" class="button" data-test="sync-start" disabled=move || busy.get() on:click=start>
                    "Start sync with a new code"
                </button>
            </div>
            <form class="sync-link" on:submit=link>
                <h3>"Already syncing on another device?"</h3>
                <label for="sync-link-code">"Sync code from the other device"</label>
                <input
                    id="sync-link-code"
                    type="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    data-test="sync-link-code"
                    prop:value=move || code.get()
                    on:input=move |e| code.set(event_target_value(&e))
                />
                {from_link.then(|| view! {
                    <p class="hint" data-test="sync-from-link">"The address and code come from a link. Check them, then link this device."</p>
                })}
                <button type="submit" class="button button--secondary" data-test="sync-link" disabled=move || busy.get()>
                    "Link this device"
                </button>
            </form>
        }
    };

    let on_view = move |config: super::sync::SyncConfig| {
        let link = device_link(&config.url, &config.code);
        let qr = qr_svg_path(&link).map(|(size, d)| {
            let box_size = size + 8;
            view! {
                <svg
                    class="sync-qr"
                    data-test="sync-qr"
                    role="img"
                    aria-label="QR code of the link that sets up sync on another device"
                    viewBox=format!("-4 -4 {box_size} {box_size}")
                    shape-rendering="crispEdges"
                >
                    <rect x="-4" y="-4" width=box_size height=box_size class="sync-qr__light"/>
                    <path d=d class="sync-qr__dark"/>
                </svg>
            }
        });
        view! {
            <SyncStatusLine/>
            <p>"Your progress is encrypted on this device before it is sent to "<code>{config.url.clone()}</code>". The code below is the only key: keep it to yourself."</p>
            <p class="sync-code-label">"Your sync code"</p>
            <p class="sync-code" data-test="sync-code">{config.code.clone()}</p>
            <p>"To sync another device, enter the address and this code there, or scan this QR code with it:"</p>
            {qr}
            <p class="hint sync-device-link">
                "Or open this link on the other device: "
                <a href=link.clone() data-test="sync-device-link">{link.clone()}</a>
            </p>
            <div class="data-actions">
                <button type="button" class="button" data-test="sync-now" on:click=move |_| sync.now()>"Sync now"</button>
                <button type="button" class="button button--secondary" data-test="sync-off" on:click=move |_| sync.off()>"Turn sync off"</button>
            </div>
            <p class="hint">"Turning sync off makes this device forget the code. Your progress stays here, and the encrypted file stays on the server for your other devices."</p>
        }
    };

    view! {
        <section class="panel" aria-labelledby="sync-title" data-test="sync-panel">
            <h2 id="sync-title">"Sync between devices"</h2>
            {move || match sync.config.get() {
                Some(config) => on_view(config).into_any(),
                None => off_view().into_any(),
            }}
            <p role="alert" class="status">
                {move || message.get().map(|text| view! { <span data-test="sync-message">{text}</span> })}
            </p>
        </section>
    }
}
