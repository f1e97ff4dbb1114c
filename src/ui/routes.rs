//! One component per page.

mod assessment;
mod home;
mod module_page;
mod not_found;
mod results;
mod section_page;
mod settings;

pub use assessment::AttemptPage;
pub use home::Home;
pub use module_page::ModulePage;
pub use not_found::NotFound;
pub use results::{Certificate, Results};
pub use section_page::SectionPage;
pub use settings::Settings;

use leptos::prelude::*;

/// Sets the browser tab's title: "<page> – Make the Difference".
pub fn set_title(page: &str) {
    let title = if page.is_empty() {
        "Make the Difference – Learning".to_owned()
    } else {
        format!("{page} – Make the Difference")
    };
    document().set_title(&title);
}

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" data-test="loading" role="status">"Loading…"</p> }
}

#[component]
pub fn ContentError(message: String) -> impl IntoView {
    view! {
        <div class="notice notice--error" role="alert" data-test="content-error">
            <p class="notice__title">"This content could not be loaded"</p>
            <p>{message}</p>
            <p>"Check your connection and reload the page. If it keeps happening, tell whoever hosts this app."</p>
        </div>
    }
}
