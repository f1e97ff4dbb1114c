//! The handout: every slide with its speaker notes, two per printed page.

use leptos::prelude::*;
use leptos_router::components::A;

use super::deck_params;
use super::slide_view::{SlideData, SlideView};
use crate::ui::blocks::text::TextBlocks;
use crate::ui::routes::{set_title, with_module};

#[component]
pub fn Handout() -> impl IntoView {
    let (module, _) = deck_params();
    with_module(
        move || module.get(),
        |_, loaded| {
            let module = loaded.module.clone();
            let module_title = module.title.clone();
            set_title(move || tr!(handout_page_title, module = module_title));
            let slides: Vec<SlideData> = module.slides().into_iter().map(SlideData::from).collect();
            let (title, back) = (
                module.title.clone(),
                crate::ui::href(&format!("/m/{}", module.id)),
            );
            let heading = tr!(handout_heading, module = module.title);
            view! {
                <div class="page handout" lang=loaded.lang.clone() data-test="handout">
                    <div class="no-print">
                        <nav class="breadcrumb" aria-label=tr!(breadcrumb_label)>
                            <ol><li><A exact=true href="/">{tr!(nav_course)}</A></li><li><A exact=true href=back>{title}</A></li></ol>
                        </nav>
                        <h1>{heading}</h1>
                        <p>{tr!(handout_intro)}</p>
                        <p><button type="button" class="button button--primary" on:click=|_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{tr!(print_or_pdf)}</button></p>
                    </div>
                    {slides.into_iter().map(|slide| {
                        let notes = slide.slide.notes.clone();
                        let number = slide.number;
                        view! {
                            <article class="handout__slide" data-test="handout-slide">
                                <p class="handout__number">{tr!(handout_slide, number = number)}</p>
                                <div class="handout__frame"><SlideView slide revealed=true/></div>
                                {notes.map(|n| view! {
                                    <div class="handout__notes">
                                        <p class="presenter__label">{match n.minutes { Some(m) => tr!(handout_notes_minutes, minutes = m), None => tr!(handout_notes) }}</p>
                                        <TextBlocks blocks=n.body/>
                                    </div>
                                })}
                            </article>
                        }
                    }).collect_view()}
                </div>
            }
            .into_any()
        },
    )
}
