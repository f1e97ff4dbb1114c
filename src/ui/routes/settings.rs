use leptos::prelude::*;

use super::set_title;
use crate::lang::{language_name, UI_LANGUAGES};
use crate::progress::ImportError;
use crate::ui::app::Language;
use crate::ui::l10n::plural;
use crate::ui::Progress;

/// What the status line under "Your data" says. Kept as a value, not as
/// text, so that it is shown in the language of the moment.
#[derive(Clone, Debug)]
enum Status {
    Deleted,
    DeleteRefused,
    DownloadRefused,
    FileUnreadable,
    Imported { records: usize, file: String },
    ImportFailed(ImportError),
}

impl Status {
    fn text(&self) -> String {
        match self {
            Status::Deleted => tr!(settings_deleted),
            Status::DeleteRefused => tr!(settings_delete_refused),
            Status::DownloadRefused => tr!(settings_download_refused),
            Status::FileUnreadable => tr!(settings_file_unreadable),
            Status::Imported { records, file } => tr!(
                settings_imported,
                records = plural(
                    *records,
                    tr!(settings_records_one, count = records),
                    tr!(settings_records_many, count = records)
                ),
                file = file
            ),
            Status::ImportFailed(error) => import_error_text(error),
        }
    }
}

/// An import error in the UI language (`ImportError`'s `Display` is the
/// English one).
fn import_error_text(error: &ImportError) -> String {
    match error {
        ImportError::NotJson(detail) => tr!(import_error_not_json, detail = detail),
        ImportError::NotOurs => tr!(import_error_not_ours),
        ImportError::Newer { schema } => tr!(import_error_newer, schema = schema),
        ImportError::Unreadable(reason) => tr!(import_error_unreadable, reason = reason),
    }
}

#[component]
pub fn Settings() -> impl IntoView {
    set_title(move || tr!(nav_settings));
    let progress = expect_context::<Progress>();
    let language = expect_context::<Language>();
    let confirming = RwSignal::new(false);
    let status = RwSignal::new(None::<Status>);
    let counts = move || {
        progress.with(|s| {
            let answers: usize = s.modules.values().map(|m| m.answers.len()).sum();
            let reflections: usize = s.modules.values().map(|m| m.reflections.len()).sum();
            let visits: usize = s.modules.values().map(|m| m.visits.len()).sum();
            tr!(
                settings_counts,
                answers = plural(
                    answers,
                    tr!(settings_answers_one, count = answers),
                    tr!(settings_answers_many, count = answers)
                ),
                reflections = plural(
                    reflections,
                    tr!(settings_reflections_one, count = reflections),
                    tr!(settings_reflections_many, count = reflections)
                ),
                visits = plural(
                    visits,
                    tr!(settings_visits_one, count = visits),
                    tr!(settings_visits_many, count = visits)
                )
            )
        })
    };
    let delete = move |_| {
        confirming.set(false);
        status.set(Some(match progress.delete_all() {
            Ok(_) => Status::Deleted,
            Err(()) => Status::DeleteRefused,
        }));
    };
    let export = move |_| {
        let file = format!("mtd-learn-progress-{}.json", crate::ui::download::today());
        if !crate::ui::download::download(&file, "application/json", &progress.export()) {
            status.set(Some(Status::DownloadRefused));
        }
    };
    let import = move |event: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            status.set(Some(match text {
                None => Status::FileUnreadable,
                Some(raw) => match progress.import(&raw) {
                    Ok(records) => Status::Imported {
                        records,
                        file: file.name(),
                    },
                    Err(error) => Status::ImportFailed(error),
                },
            }));
        });
    };
    // Move focus into the dialog so keyboard and screen-reader users land on it.
    let cancel_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move || {
        if confirming.get() {
            if let Some(button) = cancel_ref.get() {
                let _ = button.focus();
            }
        }
    });
    view! {
        <div class="page page--narrow">
            <h1>{move || tr!(nav_settings)}</h1>
            <section class="panel" aria-labelledby="language-title">
                <h2 id="language-title">{move || tr!(settings_language)}</h2>
                <label for="language">{move || tr!(settings_language_label)}</label>
                <select
                    id="language"
                    data-test="language"
                    on:change=move |event| language.choose(&event_target_value(&event))
                >
                    // Every UI language, each named in itself (and marked so).
                    {UI_LANGUAGES.iter().map(|&code| {
                        let selected = move || language.0.get() == code;
                        view! { <option value=code lang=code selected=selected>{language_name(code)}</option> }
                    }).collect_view()}
                </select>
                <p class="hint">{move || tr!(settings_language_hint)}</p>
            </section>
            <crate::ui::reading::ReadingPanel/>
            <crate::ui::sync_panel::SyncPanel/>
            <section class="panel" aria-labelledby="data-title">
                <h2 id="data-title">{move || tr!(settings_data_title)}</h2>
                <p>{move || tr!(settings_data_body)}</p>
                <p>{counts}</p>
                <crate::ui::pwa::OfflineStatus/>
                <div class="data-actions">
                    <button type="button" class="button button--secondary" data-test="export" on:click=export>{move || tr!(settings_export)}</button>
                    <label class="button button--secondary file-button">
                        {move || tr!(settings_import)}
                        <input type="file" accept="application/json,.json" data-test="import" class="visually-hidden" on:change=import/>
                    </label>
                </div>
                <p class="hint">{move || tr!(settings_export_hint)}</p>
                <button class="button button--danger" data-test="delete-all" on:click=move |_| { status.set(None); confirming.set(true) }>
                    {move || tr!(settings_delete_all)}
                </button>
                <Show when=move || confirming.get()>
                    <div class="confirm" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-body" data-test="confirm-dialog">
                        <p id="confirm-title" class="confirm__title">{move || tr!(settings_confirm_title)}</p>
                        <p id="confirm-body">{move || tr!(settings_confirm_body)}</p>
                        <div class="confirm__actions">
                            <button class="button button--danger" data-test="confirm-delete" on:click=delete>{move || tr!(settings_confirm_yes)}</button>
                            <button class="button button--secondary" data-test="cancel-delete" node_ref=cancel_ref on:click=move |_| confirming.set(false)>{move || tr!(settings_cancel)}</button>
                        </div>
                    </div>
                </Show>
                <p role="status" class="status">
                    {move || status.get().map(|s| view! { <span data-test="status">{s.text()}</span> })}
                </p>
            </section>
        </div>
    }
}
