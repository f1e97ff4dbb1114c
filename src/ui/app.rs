//! The root component: contexts, the page frame and the routes.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use super::pack::{fetch_course, LoadError, ModuleCache};
use super::present::{Deck, Handout, Presenter};
use super::progress_context::Progress;
use super::routes::{
    AttemptPage, Certificate, Home, ModulePage, NotFound, Results, SectionPage, Settings,
};
use crate::content::{Course, Problem};
use crate::store::Notice;

/// The course index, loaded once for the whole app.
#[derive(Clone, Copy)]
pub struct CourseResource(pub LocalResource<Result<(Arc<Course>, Vec<Problem>), LoadError>>);

/// The learner's language, for the UI and the content alike: chosen in
/// Settings, else the browser's first language the UI has, else English.
/// A module missing in it is shown in the nearest language it has.
#[derive(Clone, Copy)]
pub struct Language(pub RwSignal<String>);

impl Language {
    fn initial() -> Self {
        let lang = crate::store::load_language()
            .or_else(crate::store::browser_language)
            .unwrap_or_else(|| crate::lang::DEFAULT_LANGUAGE.to_owned());
        Language(RwSignal::new(lang))
    }

    /// Switches and remembers the choice (in memory only if storage refuses).
    pub fn choose(&self, lang: &str) {
        let _ = crate::store::save_language(lang);
        self.0.set(lang.to_owned());
    }
}

#[component]
pub fn App() -> impl IntoView {
    let progress = Progress::load();
    provide_context(progress);
    provide_context(ModuleCache::new());
    provide_context(CourseResource(LocalResource::new(fetch_course)));
    let language = Language::initial();
    provide_context(language);
    super::l10n::install(language.0);
    // <html lang> names the UI language, for screen readers and hyphenation.
    Effect::new(move |_| {
        let lang = super::l10n::lang();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", &lang);
        }
    });

    progress.follow_other_tabs();
    provide_context(super::sync::Sync::start(progress));

    // The static "loading" text in index.html has done its job.
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }

    view! {
        <Router>
            <a class="skip-link" href="#main" on:click=skip_to_main>{move || tr!(app_skip_link)}</a>
            <header class="app-header">
                <div class="app-header__inner">
                    <A href="/" exact=true attr:class="brand">
                        <span class="brand__mark" aria-hidden="true"></span>
                        <span class="brand__name">"Make the Difference"</span>
                        <span class="brand__sub">{move || tr!(app_brand_sub)}</span>
                    </A>
                    <nav aria-label=move || tr!(nav_label)>
                        <ul class="nav-list">
                            <li><A href="/" exact=true>{move || tr!(nav_course)}</A></li>
                            <li><A href="/results">{move || tr!(nav_results)}</A></li>
                            <li><A href="/settings">{move || tr!(nav_settings)}</A></li>
                        </ul>
                    </nav>
                </div>
            </header>
            <StorageNotice/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("") view=Home/>
                    <Route path=path!("m/:module") view=ModulePage/>
                    <Route path=path!("m/:module/:section") view=SectionPage/>
                    <Route path=path!("assess/:module/:phase") view=AttemptPage/>
                    <Route path=path!("present/:module") view=Deck/>
                    <Route path=path!("present/:module/:n") view=Deck/>
                    <Route path=path!("presenter/:module/:n") view=Presenter/>
                    <Route path=path!("handout/:module") view=Handout/>
                    <Route path=path!("results") view=Results/>
                    <Route path=path!("certificate") view=Certificate/>
                    <Route path=path!("settings") view=Settings/>
                </Routes>
            </main>
            <footer class="app-footer">
                <FooterPrivacy/>
                <p class="app-footer__small">
                    {move || tr!(footer_based_on)}
                </p>
            </footer>
        </Router>
    }
}

/// Says where the learner's data is: only here, or here and synced.
#[component]
fn FooterPrivacy() -> impl IntoView {
    let sync = expect_context::<super::sync::Sync>();
    view! {
        <div class="app-footer__privacy">
            {move || if sync.config.with(Option::is_some) {
                view! {
                    <p>{move || tr!(footer_sync_on)}" "
                        <A href="/settings" exact=true>{move || tr!(footer_sync_link)}</A></p>
                    <super::sync_panel::SyncStatusLine/>
                }.into_any()
            } else {
                view! {
                    <p>{move || tr!(footer_private)}" "
                        <A href="/settings" exact=true>{move || tr!(footer_manage_link)}</A></p>
                }.into_any()
            }}
        </div>
    }
}

fn skip_to_main(event: leptos::ev::MouseEvent) {
    event.prevent_default();
    if let Some(main) = document().get_element_by_id("main") {
        use wasm_bindgen::JsCast;
        if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
            let _ = main.focus();
        }
    }
}

/// Tells the learner once when stored progress could not be used as it was.
#[component]
fn StorageNotice() -> impl IntoView {
    let progress = expect_context::<Progress>();
    move || {
        progress.notice.get().map(|notice| {
            let (title, body, download) = match notice {
                Notice::Quarantined { key, reason } => (
                    tr!(storage_quarantined_title),
                    tr!(storage_quarantined_body, reason = reason),
                    Some(key),
                ),
                Notice::NewerVersion { schema } => (
                    tr!(storage_newer_title),
                    tr!(storage_newer_body, schema = schema),
                    None,
                ),
                Notice::Unavailable => (
                    tr!(storage_unavailable_title),
                    tr!(storage_unavailable_body),
                    None,
                ),
            };
            let link = download.map(|key| {
                let save = move |_| {
                    if let Ok(Some(raw)) = crate::store::read(&key) {
                        super::download::download("mtd-learn-kept-progress.json", "application/json", &raw);
                    }
                };
                view! { <button type="button" class="button button--secondary" data-test="download-quarantine" on:click=save>{tr!(storage_download)}</button> }
            });
            view! {
                <div class="notice notice--warning" role="alert" data-test="storage-notice">
                    <p class="notice__title">{title}</p>
                    <p>{body}</p>
                    {link}
                    <button class="button button--quiet" on:click=move |_| progress.notice.set(None)>{tr!(storage_dismiss)}</button>
                </div>
            }
        })
    }
}
