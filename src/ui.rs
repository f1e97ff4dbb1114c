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
pub mod l10n;
mod pack;
mod present;
mod progress_context;
pub(crate) mod routes;
mod sync;
mod sync_panel;

pub use app::App;
pub use blocks::question::QuestionView;
pub use pack::ModuleCache;
pub use progress_context::Progress;

/// An app-internal address. One place to add a sub-path prefix later.
pub fn href(path: &str) -> String {
    path.to_owned()
}
