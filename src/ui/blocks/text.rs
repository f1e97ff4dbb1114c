//! Rich text and plain text blocks.

use leptos::prelude::*;

use crate::content::{Block, Inline};

/// Renders inline content as elements.
pub fn rich(text: &[Inline]) -> AnyView {
    text.iter().map(inline).collect_view().into_any()
}

fn inline(part: &Inline) -> AnyView {
    match part {
        Inline::Text(s) => s.clone().into_any(),
        Inline::Emphasis(inner) => view! { <em>{rich(inner)}</em> }.into_any(),
        Inline::Strong(inner) => view! { <strong>{rich(inner)}</strong> }.into_any(),
        Inline::Code(s) => view! { <code>{s.clone()}</code> }.into_any(),
        Inline::Link { href, text } => {
            let external = href.starts_with("http");
            view! {
                <a
                    href=href.clone()
                    target=external.then_some("_blank")
                    rel=external.then_some("noopener noreferrer")
                >
                    {rich(text)}
                    {external.then(|| view! { <span class="visually-hidden">{tr!(new_tab)}</span> })}
                </a>
            }
            .into_any()
        }
    }
}

/// Paragraphs, headings, lists and quotations. Interactive blocks inside a
/// callout or prompt are not allowed by the format, so they cannot occur here.
#[component]
pub fn TextBlocks(blocks: Vec<Block>) -> impl IntoView {
    blocks
        .into_iter()
        .map(|block| match block {
            Block::Heading(t) => view! { <h2 class="prose__heading">{rich(&t)}</h2> }.into_any(),
            Block::Paragraph(t) => view! { <p>{rich(&t)}</p> }.into_any(),
            Block::List { ordered: false, items } => {
                view! { <ul>{items.iter().map(|t| view! { <li>{rich(t)}</li> }).collect_view()}</ul> }.into_any()
            }
            Block::List { ordered: true, items } => {
                view! { <ol>{items.iter().map(|t| view! { <li>{rich(t)}</li> }).collect_view()}</ol> }.into_any()
            }
            Block::Quote(paragraphs) => view! {
                <blockquote>{paragraphs.iter().map(|t| view! { <p>{rich(t)}</p> }).collect_view()}</blockquote>
            }
            .into_any(),
            _ => ().into_any(),
        })
        .collect_view()
}
