use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    super::set_title("Page not found");
    view! {
        <div class="page page--narrow">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. The link may be mistyped, or the module may have been renamed or removed from this course."</p>
            <p><A exact=true href="/" attr:class="button">"Go to the course overview"</A></p>
        </div>
    }
}
