//! Settings → Sync, and the one-line sync status for the footer.

use leptos::prelude::*;

use super::sync::Sync;
use crate::sync::{link_fragment, parse_link_fragment, qr_svg_path, SyncError, SyncStatus};

use super::l10n::clock;
use super::sync::SyncFailure;
use crate::sync::{CodeError, UrlError, REQUEST_TIMEOUT_MS};

fn status_text(status: &SyncStatus) -> String {
    match status {
        SyncStatus::Off => tr!(sync_status_off),
        SyncStatus::Syncing => tr!(sync_status_syncing),
        SyncStatus::Synced { at } => tr!(sync_status_synced, time = clock(*at)),
        SyncStatus::Pending => tr!(sync_status_pending),
        SyncStatus::Failed {
            error: SyncError::Offline,
            ..
        } => sync_error_text(&SyncError::Offline),
        SyncStatus::Failed { error, retry_at } => tr!(
            sync_status_failed,
            error = sync_error_text(error),
            time = clock(*retry_at)
        ),
    }
}

/// A sync error in the UI language, by kind (`SyncError`'s `Display` is
/// the English text, which the native tests read).
pub fn sync_error_text(error: &SyncError) -> String {
    match error {
        SyncError::Offline => tr!(sync_error_offline),
        SyncError::Unreachable => tr!(sync_error_unreachable),
        SyncError::Timeout => tr!(sync_error_timeout, seconds = REQUEST_TIMEOUT_MS / 1000),
        SyncError::NoSuchCode => tr!(sync_error_no_such_code),
        SyncError::Status {
            code: 401 | 403, ..
        } => tr!(sync_error_refused),
        SyncError::Status { code: 413, .. } => tr!(sync_error_too_large_upload),
        SyncError::Status { code, .. } if *code >= 500 => tr!(sync_error_server, code = code),
        SyncError::Status { code, upload: true } => tr!(sync_error_upload, code = code),
        SyncError::Status {
            code,
            upload: false,
        } => tr!(sync_error_status, code = code),
        SyncError::TooLarge { bytes } => {
            tr!(
                sync_error_too_large,
                bytes = super::l10n::integer(*bytes as u64)
            )
        }
        SyncError::NotOurs => tr!(sync_error_not_ours),
        SyncError::Tampered => tr!(sync_error_tampered),
        SyncError::NewerFormat => tr!(sync_error_newer),
        SyncError::Unreadable(reason) => tr!(sync_error_unreadable, reason = reason),
    }
}

/// Why sync could not be turned on, in the UI language.
fn failure_text(failure: &SyncFailure) -> String {
    match failure {
        SyncFailure::Url(UrlError::Empty) => tr!(url_error_empty),
        SyncFailure::Url(UrlError::NotPlain) => tr!(url_error_not_plain),
        SyncFailure::Url(UrlError::PlainHttp) => tr!(url_error_plain_http),
        SyncFailure::Url(UrlError::Scheme) => tr!(url_error_scheme),
        SyncFailure::Code(CodeError::Length { found }) => tr!(code_error_length, found = found),
        SyncFailure::Code(CodeError::Character(c)) => tr!(code_error_character, character = c),
        SyncFailure::Code(CodeError::Check) => tr!(code_error_check),
        SyncFailure::NoRandom => tr!(sync_no_random),
        SyncFailure::NotStored => tr!(sync_not_stored),
        SyncFailure::Sync(error) => sync_error_text(error),
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
    let message = RwSignal::new(None::<SyncFailure>);
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
            <p>{move || tr!(sync_off_intro)}</p>
            <label for="sync-url">{move || tr!(sync_url_label)}</label>
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
            <p class="hint" id="sync-url-hint">{move || tr!(sync_url_hint)}</p>
            <div class="data-actions">
                <button type="button" class="button" data-test="sync-start" disabled=move || busy.get() on:click=start>
                    {move || tr!(sync_start)}
                </button>
            </div>
            <form class="sync-link" on:submit=link>
                <h3>{move || tr!(sync_link_heading)}</h3>
                <label for="sync-link-code">{move || tr!(sync_code_label)}</label>
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
                    <p class="hint" data-test="sync-from-link">{move || tr!(sync_from_link)}</p>
                })}
                <button type="submit" class="button button--secondary" data-test="sync-link" disabled=move || busy.get()>
                    {move || tr!(sync_link)}
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
                    aria-label=move || tr!(sync_qr_label)
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
            <p>{move || tr!(sync_on_intro_before)}<code>{config.url.clone()}</code>{move || tr!(sync_on_intro_after)}</p>
            <p class="sync-code-label">{move || tr!(sync_code_heading)}</p>
            <p class="sync-code" data-test="sync-code">{config.code.clone()}</p>
            <p>{move || tr!(sync_other_device)}</p>
            {qr}
            <p class="hint sync-device-link">
                {move || tr!(sync_open_link)}" "
                <a href=link.clone() data-test="sync-device-link">{link.clone()}</a>
            </p>
            <div class="data-actions">
                <button type="button" class="button" data-test="sync-now" on:click=move |_| sync.now()>{move || tr!(sync_now)}</button>
                <button type="button" class="button button--secondary" data-test="sync-off" on:click=move |_| sync.off()>{move || tr!(sync_off)}</button>
            </div>
            <p class="hint">{move || tr!(sync_off_hint)}</p>
        }
    };

    view! {
        <section class="panel" aria-labelledby="sync-title" data-test="sync-panel">
            <h2 id="sync-title">{move || tr!(sync_title)}</h2>
            {move || match sync.config.get() {
                Some(config) => on_view(config).into_any(),
                None => off_view().into_any(),
            }}
            <p role="alert" class="status">
                {move || message.get().map(|failure| view! { <span data-test="sync-message">{failure_text(&failure)}</span> })}
            </p>
        </section>
    }
}
