//! The root component: contexts, the page frame and the routes.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use super::live::{JoinPage, LivePage};
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
    provide_context(super::reading::ReadingPrefs::start());
    let pwa = super::pwa::Pwa::start();
    provide_context(pwa);
    keep_content_offline(pwa);

    // The static "loading" text in index.html has done its job.
    if let Some(boot) = document().get_element_by_id("boot") {
        boot.remove();
    }
    // A first-visit preview (scripts/prerender.py) stays until this app's
    // page is ready.
    super::preview::hand_over_when_ready();

    view! {
        <Router base=super::base_path()>
            <FocusAfterNavigation/>
            <a class="skip-link" href="#main" on:click=skip_to_main>{move || tr!(app_skip_link)}</a>
            <header class="app-header">
                <div class="app-header__inner">
                    <A href="/" exact=true attr:class="brand">
                        <span class="brand__mark" aria-hidden="true"></span>
                        <span class="brand__name">"Make the Difference"</span>
                        <span class="brand__sub">{move || tr!(app_brand_sub)}</span>
                    </A>
                    <super::pwa::OfflineBadge/>
                    <nav aria-label=move || tr!(nav_label) class="main-nav">
                        <ul class="nav-list">
                            <li><A href="/" exact=true>{move || tr!(nav_course)}</A></li>
                            <li><A href="/results">{move || tr!(nav_results)}</A></li>
                            <li><A href="/settings">{move || tr!(nav_settings)}</A></li>
                        </ul>
                    </nav>
                </div>
            </header>
            <StorageNotice/>
            <super::pwa::UpdateBanner/>
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
                    <Route path=path!("live") view=JoinPage/>
                    <Route path=path!("live/:code") view=LivePage/>
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

/// Keeps the content language the learner reads (the chosen one, or the
/// course's fallback) available offline, after every switch and, at start,
/// once the first page has had 3 s to itself (its own downloads first).
fn keep_content_offline(pwa: super::pwa::Pwa) {
    let language = expect_context::<Language>();
    let course = expect_context::<CourseResource>().0;
    let settled = RwSignal::new(false);
    set_timeout(move || settled.set(true), std::time::Duration::from_secs(3));
    Effect::new(move |_| {
        let lang = language.0.get();
        if !settled.get() {
            return;
        }
        if let Some(Ok((course, _))) = course.get() {
            let content = if course.languages.contains(&lang) {
                lang
            } else {
                course.fallback_language().to_owned()
            };
            pwa.keep_offline(content);
        }
    });
}

/// Says where the learner's data is: only here, or here and synced.
#[component]
fn FooterPrivacy() -> impl IntoView {
    let sync = expect_context::<super::sync::Sync>();
    let location = leptos_router::hooks::use_location();
    let in_live_session = move || {
        location.pathname.with(|p| {
            let p = p.strip_prefix(super::base_path().as_str()).unwrap_or(p);
            p == "/live" || p.starts_with("/live/")
        })
    };
    view! {
        <div class="app-footer__privacy">
            {move || if sync.config.with(Option::is_some) {
                view! {
                    <p>{move || tr!(footer_sync_on)}" "
                        <A href="/settings" exact=true>{move || tr!(footer_sync_link)}</A></p>
                    <super::sync_panel::SyncStatusLine/>
                }.into_any()
            } else if in_live_session() {
                view! {
                    <p>{move || tr!(footer_live)}" "
                        <A href="/settings" exact=true>{move || tr!(footer_manage_link)}</A></p>
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
    focus_main();
}

/// Moves the focus to `main#main` (it has tabindex -1) without scrolling.
fn focus_main() {
    if let Some(main) = document().get_element_by_id("main") {
        use wasm_bindgen::JsCast;
        if let Ok(main) = main.dyn_into::<web_sys::HtmlElement>() {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = main.focus_with_options(&options);
        }
    }
}

/// After moving to another page, the focus goes to the main content, as
/// after the skip link: keyboard users go on from the new page's content
/// instead of from a link that is gone, and screen readers announce the
/// new page. Moving between slides of one deck leaves the focus alone.
#[component]
fn FocusAfterNavigation() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let previous = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let path = location.pathname.get();
        let before = previous.get_value();
        previous.set_value(Some(path.clone()));
        // The first page: the browser's own start is right.
        let Some(before) = before else { return };
        let parent = |p: &str| p.rsplit_once('/').map(|(head, _)| head.to_owned());
        let same_deck = parent(&before) == parent(&path)
            && (path.contains("/present/") || path.contains("/presenter/"));
        if before == path || same_deck {
            return;
        }
        // After the new page has replaced the old one.
        request_animation_frame(focus_main);
    });
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
