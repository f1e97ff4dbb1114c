//! Leptos components and routes. Knows neither HTTP nor storage details: it
//! asks `pack` for content and `progress_context` for the learner's state.

mod app;
mod blocks;
mod download;
mod pack;
mod present;
mod progress_context;
mod pwa;
mod reading;
mod sync;
mod sync_panel;
pub(crate) mod routes;

pub use app::App;
pub use blocks::question::QuestionView;
pub use pack::ModuleCache;
pub use progress_context::Progress;

/// An app-internal address. One place to add a sub-path prefix later.
pub fn href(path: &str) -> String {
    path.to_owned()
}
