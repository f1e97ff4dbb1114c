//! The presenter window: the current and the next slide, the speaker notes,
//! the time since the start and the clock. It steers the projector window
//! and follows it (see `channel`).

use leptos::prelude::*;

use super::channel::{sync, DeckState};
use super::deck::{fit_after_render, follow_in_address};
use super::deck_params;
use super::keys::Navigation;
use super::slide_view::{SlideData, SlideView};
use crate::ui::blocks::text::TextBlocks;
use crate::ui::pack::LoadedModule;
use crate::ui::routes::{set_title, with_module};

#[component]
pub fn Presenter() -> impl IntoView {
    let (module, start) = deck_params();
    with_module(
        move || module.get(),
        move |_, loaded| view! { <PresenterView loaded start/> }.into_any(),
    )
}

fn clock_text(ms: f64) -> String {
    let date = js_sys::Date::new(&ms.into());
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

fn elapsed_text(ms: f64) -> String {
    let secs = (ms / 1000.0).max(0.0) as u64;
    format!(
        "{:02}:{:02}:{:02}",
        secs / 3600,
        (secs / 60) % 60,
        secs % 60
    )
}

#[component]
fn PresenterView(loaded: LoadedModule, start: usize) -> impl IntoView {
    let module = loaded.module.clone();
    set_title(&format!("{} – presenter", module.title));
    let slides: Vec<SlideData> = module.slides().into_iter().map(SlideData::from).collect();
    let total = slides.len();
    let state = RwSignal::new(DeckState::opened_at(start.clamp(1, total.max(1))));
    sync(&module.id, state);
    follow_in_address(state, format!("/presenter/{}", module.id));

    let started = RwSignal::new(js_sys::Date::now());
    let now = RwSignal::new(js_sys::Date::now());
    let tick = set_interval_with_handle(
        move || now.set(js_sys::Date::now()),
        std::time::Duration::from_millis(1000),
    )
    .ok();
    on_cleanup(move || {
        if let Some(t) = tick {
            t.clear();
        }
    });

    let nav = Navigation::new(state, total);
    let go = move |n: usize| nav.go(n);
    nav.listen(|_| {});

    let current_frame = NodeRef::<leptos::html::Div>::new();
    let next_frame = NodeRef::<leptos::html::Div>::new();
    let (slides_now, slides_next, slides_notes) = (slides.clone(), slides.clone(), slides);
    let current = move || {
        let data = slides_now.get(state.get().slide - 1).cloned();
        fit_after_render(current_frame);
        data.map(|slide| view! { <SlideView slide revealed=Signal::derive(move || state.get().revealed)/> })
    };
    let next = move || {
        let data = slides_next.get(state.get().slide).cloned();
        fit_after_render(next_frame);
        match data {
            Some(slide) => view! { <SlideView slide revealed=false/> }.into_any(),
            None => view! { <p class="presenter__end">"End of the module"</p> }.into_any(),
        }
    };
    let notes = move || {
        let slide = slides_notes.get(state.get().slide - 1)?;
        Some(match &slide.slide.notes {
            Some(notes) => view! {
                {notes.minutes.map(|m| view! { <p class="presenter__minutes">{format!("About {m} min")}</p> })}
                <TextBlocks blocks=notes.body.clone()/>
            }
            .into_any(),
            None => view! { <p class="hint">"No notes for this slide."</p> }.into_any(),
        })
    };
    view! {
        <div class="presenter" data-test="presenter" lang=loaded.lang.clone()>
            <header class="presenter__bar">
                <h1 class="presenter__module">{module.title.clone()}</h1>
                <p data-test="presenter-counter">{move || format!("Slide {} of {total}", state.get().slide)}</p>
                <p>
                    <span class="presenter__label">"Elapsed "</span>
                    <span data-test="elapsed">{move || elapsed_text(now.get() - started.get())}</span>
                    <button type="button" class="button button--quiet" on:click=move |_| started.set(js_sys::Date::now())>"Restart timer"</button>
                </p>
                <p><span class="presenter__label">"Clock "</span><span data-test="clock">{move || clock_text(now.get())}</span></p>
                <crate::ui::live::PresenterLive module=module.id.clone()/>
            </header>
            <div class="presenter__grid">
                <section class="presenter__current" aria-label="Current slide">
                    <div class="deck__frame deck__frame--small" node_ref=current_frame data-test="presenter-current">{current}</div>
                    <div class="presenter__actions">
                        <button type="button" class="button button--secondary" on:click=move |_| go(state.get_untracked().slide.saturating_sub(1))>"← Previous"</button>
                        <button type="button" class="button button--secondary" data-test="presenter-reveal" on:click=move |_| nav.toggle_reveal()>"Reveal answer (R)"</button>
                        <button type="button" class="button button--primary" data-test="presenter-next" on:click=move |_| go(state.get_untracked().slide + 1)>"Next →"</button>
                    </div>
                </section>
                <section class="presenter__next" aria-label="Next slide">
                    <p class="presenter__label">"Next"</p>
                    <div class="deck__frame deck__frame--small" node_ref=next_frame data-test="presenter-next-slide">{next}</div>
                </section>
                <section class="presenter__notes" aria-label="Speaker notes" data-test="notes">{notes}</section>
            </div>
        </div>
    }
}
