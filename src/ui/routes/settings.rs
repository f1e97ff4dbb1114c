use leptos::prelude::*;

use super::set_title;
use crate::ui::app::{CourseResource, Language};
use crate::ui::Progress;

/// A language's name in that language, as people look for it in a list.
pub(crate) fn language_name(code: &str) -> String {
    match code {
        "en" => "English",
        "de" => "Deutsch",
        "da" => "Dansk",
        "nb" => "Norsk bokmål",
        "fr" => "Français",
        "nl" => "Nederlands",
        other => other,
    }
    .to_owned()
}

#[component]
pub fn Settings() -> impl IntoView {
    set_title("Settings");
    let progress = expect_context::<Progress>();
    let language = expect_context::<Language>();
    let course = expect_context::<CourseResource>().0;
    let languages = move || match course.get() {
        Some(Ok((course, _))) => course.languages.clone(),
        _ => vec![language.0.get()],
    };
    let confirming = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    let counts = move || {
        progress.with(|s| {
            format!(
                "Stored in this browser: {}, {} and {}.",
                counted(
                    s.modules.values().map(|m| m.answers.len()).sum(),
                    "answer",
                    "answers"
                ),
                counted(
                    s.modules.values().map(|m| m.reflections.len()).sum(),
                    "written reflection",
                    "written reflections"
                ),
                counted(
                    s.modules.values().map(|m| m.visits.len()).sum(),
                    "visited section",
                    "visited sections"
                )
            )
        })
    };
    let delete = move |_| {
        confirming.set(false);
        status.set(Some(match progress.delete_all() {
            Ok(_) => "All your data on this device has been deleted.".to_owned(),
            Err(()) => "The browser did not allow the data to be deleted. Try clearing this site's data in the browser settings.".to_owned(),
        }));
    };
    let export = move |_| {
        let file = format!("mtd-learn-progress-{}.json", crate::ui::download::today());
        if !crate::ui::download::download(&file, "application/json", &progress.export()) {
            status.set(Some("The browser did not allow the download.".to_owned()));
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
                None => "The file could not be read.".to_owned(),
                Some(raw) => match progress.import(&raw) {
                    Ok(n) => format!(
                        "Imported {} from {}; your existing answers were kept.",
                        counted(n, "record", "records"),
                        file.name()
                    ),
                    Err(message) => message,
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
            <h1>"Settings"</h1>
            <section class="panel" aria-labelledby="language-title">
                <h2 id="language-title">"Language"</h2>
                <label for="language">"Language of the course content"</label>
                <select
                    id="language"
                    data-test="language"
                    on:change=move |event| language.choose(&event_target_value(&event))
                >
                    {move || languages().into_iter().map(|code| {
                        let selected = language.0.get() == code;
                        view! { <option value=code.clone() selected=selected>{language_name(&code)}</option> }
                    }).collect_view()}
                </select>
                <p class="hint">"Your answers are kept when you switch. Buttons and menus stay in English for now; more languages will follow."</p>
            </section>
            <crate::ui::reading::ReadingPanel/>
            <crate::ui::sync_panel::SyncPanel/>
            <section class="panel" aria-labelledby="data-title">
                <h2 id="data-title">"Your data"</h2>
                <p>"Your answers, self-assessments and reflections are stored in this browser, on this device. Nothing leaves it unless you turn on sync above, and there are no trackers."</p>
                <p>{counts}</p>
                <crate::ui::pwa::OfflineStatus/>
                <div class="data-actions">
                    <button type="button" class="button button--secondary" data-test="export" on:click=export>"Export my data"</button>
                    <label class="button button--secondary file-button">
                        "Import from a file"
                        <input type="file" accept="application/json,.json" data-test="import" class="visually-hidden" on:change=import/>
                    </label>
                </div>
                <p class="hint">"An export is a JSON file with everything listed above. Importing adds a file's answers to the ones here; nothing is replaced or lost."</p>
                <button class="button button--danger" data-test="delete-all" on:click=move |_| { status.set(None); confirming.set(true) }>
                    "Delete all my data"
                </button>
                <Show when=move || confirming.get()>
                    <div class="confirm" role="alertdialog" aria-labelledby="confirm-title" aria-describedby="confirm-body" data-test="confirm-dialog">
                        <p id="confirm-title" class="confirm__title">"Delete everything?"</p>
                        <p id="confirm-body">"This removes every answer, self-assessment and reflection stored by this app in this browser. It cannot be undone."</p>
                        <div class="confirm__actions">
                            <button class="button button--danger" data-test="confirm-delete" on:click=delete>"Yes, delete everything"</button>
                            <button class="button button--secondary" data-test="cancel-delete" node_ref=cancel_ref on:click=move |_| confirming.set(false)>"Cancel"</button>
                        </div>
                    </div>
                </Show>
                <p role="status" class="status">
                    {move || status.get().map(|text| view! { <span data-test="status">{text}</span> })}
                </p>
            </section>
        </div>
    }
}

fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
