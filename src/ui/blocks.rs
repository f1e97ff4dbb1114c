//! Views of content blocks. Content becomes elements built here, never HTML
//! strings, so a content pack cannot inject markup.

mod contact;
mod likert;
pub mod profile;
pub mod question;
mod reflection;
pub mod text;
mod vignette;

use leptos::prelude::*;

use crate::content::Block;
use contact::ContactView;
use likert::LikertView;
use question::QuestionView;
use reflection::ReflectionView;
use text::TextBlocks;
use vignette::VignetteView;

/// One block of a section in the learning view.
#[component]
pub fn BlockView(block: Block, #[prop(into)] module_id: String) -> impl IntoView {
    match block {
        Block::Question(question) => view! { <QuestionView question module_id/> }.into_any(),
        Block::Likert(likert) => view! { <LikertView likert module_id/> }.into_any(),
        Block::Vignette(vignette) => view! { <VignetteView vignette module_id/> }.into_any(),
        Block::Reflection(reflection) => {
            view! { <ReflectionView reflection module_id/> }.into_any()
        }
        Block::Callout(callout) => {
            let (class, label) = match callout.tone {
                crate::content::Tone::Info => ("callout callout--info", tr!(block_note)),
                crate::content::Tone::Tip => ("callout callout--tip", tr!(block_tip)),
                crate::content::Tone::Warning => ("callout callout--warning", tr!(block_important)),
            };
            let title = callout.title.unwrap_or(label);
            let aria_label = title.clone();
            view! {
                <aside class=class aria-label=aria_label>
                    <p class="callout__title">{title}</p>
                    <TextBlocks blocks=callout.body/>
                </aside>
            }
            .into_any()
        }
        Block::Term(term) => view! {
            <div class="term" id=format!("term-{}", term.id) data-test="term">
                <h2 class="term__title">{term.title}</h2>
                <div class="term__body"><TextBlocks blocks=term.body/></div>
            </div>
        }
        .into_any(),
        Block::Contact(contact) => view! { <ContactView contact/> }.into_any(),
        text_block => view! { <TextBlocks blocks=vec![text_block]/> }.into_any(),
    }
}
