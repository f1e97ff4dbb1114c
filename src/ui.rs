//! Leptos components and routes. Knows neither HTTP nor storage details: it
//! asks `pack` for content and `progress_context` for the learner's state.

/// A UI string of `locales/<lang>.json` in the learner's language, as a
/// `String`; reading it inside a closure follows language switches.
/// `tr!(key)` or `tr!(key, name = value, ...)` for `{{ name }}` placeholders.
macro_rules! tr {
    ($key:ident) => {
        $crate::ui::l10n::owned(|locale| leptos_i18n::td_string!(locale, $key))
    };
    ($key:ident, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::ui::l10n::fill(
            $crate::ui::l10n::text(|locale| leptos_i18n::td_string!(locale, $key)),
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),+],
        )
    };
}

mod app;
mod blocks;
mod download;
mod http;
pub mod l10n;
mod live;
mod pack;
mod present;
mod preview;
mod progress_context;
mod pwa;
mod reading;
pub(crate) mod routes;
mod sync;
mod sync_panel;

pub use app::App;
pub use blocks::question::QuestionView;
pub use pack::ModuleCache;
pub use progress_context::Progress;

/// An app-internal address for router links (`<A>`, `navigate`): the
/// router adds the base path of a sub-path deployment itself.
pub fn href(path: &str) -> String {
    path.to_owned()
}

/// The path the app is served under: "" at the site root, "/learning"
/// when built with `--public-url /learning/` (read from `<base href>`).
pub fn base_path() -> String {
    leptos::prelude::document()
        .base_uri()
        .ok()
        .flatten()
        .and_then(|b| web_sys::Url::new(&b).ok())
        .map(|u| u.pathname().trim_end_matches('/').to_owned())
        .unwrap_or_default()
}

/// An app address for places the router does not handle (`window.open`).
pub fn outside_href(path: &str) -> String {
    format!("{}{path}", base_path())
}
