//! A reflection prompt: free text, saved as typed, never leaves the device.

use leptos::prelude::*;

use super::text::rich;
use crate::content::{Block, Reflection};
use crate::ui::Progress;

#[component]
pub fn ReflectionView(reflection: Reflection, #[prop(into)] module_id: String) -> impl IntoView {
    let progress = expect_context::<Progress>();
    // Follows the stored text, so that another tab's writing shows here too;
    // typing stores first, so the value set back is the one typed.
    let text = {
        let (module_id, id) = (module_id.clone(), reflection.id.clone());
        Memo::new(move |_| {
            progress.with(|p| p.reflection(&module_id, &id).unwrap_or_default().to_owned())
        })
    };
    let saved = RwSignal::new(!text.get_untracked().is_empty());
    let field_id = format!("reflection-{module_id}-{}", reflection.id);
    let id = reflection.id.clone();
    view! {
        <section class="reflection" data-test="reflection" data-id=reflection.id.clone()>
            <label for=field_id.clone() class="reflection__prompt">
                <span class="reflection__label">{move || tr!(block_reflection)}<span class="private-badge">{move || tr!(block_private)}</span></span>
                {reflection.prompt.iter().map(|b| match b {
                    Block::Paragraph(t) => view! { <span class="reflection__text">{rich(t)}</span> }.into_any(),
                    _ => ().into_any(),
                }).collect_view()}
            </label>
            <textarea
                id=field_id
                rows="6"
                prop:value=move || text.get()
                on:input=move |event| {
                    progress.set_reflection(&module_id, &id, event_target_value(&event));
                    saved.set(true);
                }
            ></textarea>
            <p class="reflection__status" aria-live="polite">
                {move || saved.get().then(|| tr!(block_saved))}
            </p>
        </section>
    }
}
