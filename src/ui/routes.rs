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

use crate::content::ModuleEntry;
use crate::ui::app::CourseResource;
use crate::ui::pack::{module_resource, LoadedModule};

/// The one way a page gets its module: waits for the course and the module
/// file, shows loading, load errors and "not found" for unknown modules, and
/// calls `render` once both are there. The id is memoised, so moving
/// between sections or slides of a module does not load it again.
pub fn with_module(
    module_id: impl Fn() -> String + Send + Sync + 'static,
    render: impl Fn(ModuleEntry, LoadedModule) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let id = Memo::new(move |_| module_id());
    let course = expect_context::<CourseResource>().0;
    let loaded = module_resource(move || id.get());
    move || match (course.get(), loaded.get()) {
        (Some(Err(message)), _) => view! { <ContentError message/> }.into_any(),
        (Some(Ok((course, _))), _) if course.module(&id.get()).is_none() => {
            view! { <NotFound/> }.into_any()
        }
        (_, Some(Err(message))) => view! { <ContentError message/> }.into_any(),
        (Some(Ok((course, _))), Some(Ok(loaded))) => match course.module(&id.get()) {
            Some(entry) => render(entry.clone(), loaded),
            None => view! { <NotFound/> }.into_any(),
        },
        _ => view! { <Loading/> }.into_any(),
    }
}

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
