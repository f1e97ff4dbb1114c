use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    super::set_title(move || tr!(not_found_title));
    view! {
        <div class="page page--narrow">
            <h1>{move || tr!(not_found_title)}</h1>
            <p>{move || tr!(not_found_body)}</p>
            <p><A exact=true href="/" attr:class="button">{move || tr!(not_found_home)}</A></p>
        </div>
    }
}
