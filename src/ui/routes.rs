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
use crate::ui::pack::{module_resource, LoadError, LoadedModule};

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
        (Some(Err(error)), _) => view! { <ContentError error/> }.into_any(),
        (Some(Ok((course, _))), _) if course.module(&id.get()).is_none() => {
            view! { <NotFound/> }.into_any()
        }
        (_, Some(Err(error))) => view! { <ContentError error/> }.into_any(),
        (Some(Ok((course, _))), Some(Ok(loaded))) => match course.module(&id.get()) {
            Some(entry) => render(entry.clone(), loaded),
            None => view! { <NotFound/> }.into_any(),
        },
        _ => view! { <Loading/> }.into_any(),
    }
}

/// Keeps the browser tab's title at "<page> – Make the Difference" (the
/// course name alone for an empty page) while the calling page lives.
/// `page` is read in an effect, so a title made with `tr!` follows
/// language switches.
pub fn set_title(page: impl Fn() -> String + 'static) {
    Effect::new(move |_| {
        let page = page();
        let title = if page.is_empty() {
            tr!(app_title)
        } else {
            format!("{page} – Make the Difference")
        };
        document().set_title(&title);
    });
}

/// [`set_title`] for a title that does not change, such as a module's.
pub fn set_fixed_title(page: String) {
    set_title(move || page.clone());
}

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" data-test="loading" role="status">{move || tr!(loading)}</p> }
}

#[component]
pub fn ContentError(error: LoadError) -> impl IntoView {
    view! {
        <div class="notice notice--error" role="alert" data-test="content-error">
            <p class="notice__title">{move || tr!(content_error_title)}</p>
            <p>{move || error.text()}</p>
            <p>{move || tr!(content_error_hint)}</p>
        </div>
    }
}
