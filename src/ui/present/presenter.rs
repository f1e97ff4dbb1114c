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
    crate::ui::l10n::clock(ms as u64)
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
    let module_title = module.title.clone();
    set_title(move || tr!(presenter_page_title, module = module_title));
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
            None => view! { <p class="presenter__end">{tr!(presenter_end)}</p> }.into_any(),
        }
    };
    let notes = move || {
        let slide = slides_notes.get(state.get().slide - 1)?;
        Some(match &slide.slide.notes {
            Some(notes) => view! {
                {notes.minutes.map(|m| view! { <p class="presenter__minutes">{tr!(presenter_minutes, minutes = m)}</p> })}
                <TextBlocks blocks=notes.body.clone()/>
            }
            .into_any(),
            None => view! { <p class="hint">{tr!(presenter_no_notes)}</p> }.into_any(),
        })
    };
    view! {
        <div class="presenter" data-test="presenter" lang=loaded.lang.clone()>
            <header class="presenter__bar">
                <h1 class="presenter__module">{module.title.clone()}</h1>
                <p data-test="presenter-counter">{move || tr!(slide_of, n = state.get().slide, total = total)}</p>
                <p>
                    <span class="presenter__label">{move || tr!(presenter_elapsed)}" "</span>
                    <span data-test="elapsed">{move || elapsed_text(now.get() - started.get())}</span>
                    <button type="button" class="button button--quiet" on:click=move |_| started.set(js_sys::Date::now())>{move || tr!(presenter_restart_timer)}</button>
                </p>
                <p><span class="presenter__label">{move || tr!(presenter_clock)}" "</span><span data-test="clock">{move || clock_text(now.get())}</span></p>
                <crate::ui::live::PresenterLive module=module.id.clone()/>
            </header>
            <div class="presenter__grid">
                <section class="presenter__current" aria-label=move || tr!(presenter_current)>
                    <div class="deck__frame deck__frame--small" node_ref=current_frame data-test="presenter-current">{current}</div>
                    <div class="presenter__actions">
                        <button type="button" class="button button--secondary" on:click=move |_| go(state.get_untracked().slide.saturating_sub(1))>"← "{move || tr!(section_previous)}</button>
                        <button type="button" class="button button--secondary" data-test="presenter-reveal" on:click=move |_| nav.toggle_reveal()>{move || tr!(presenter_reveal)}</button>
                        <button type="button" class="button button--primary" data-test="presenter-next" on:click=move |_| go(state.get_untracked().slide + 1)>{move || tr!(section_next)}" →"</button>
                    </div>
                </section>
                <section class="presenter__next" aria-label=move || tr!(presenter_next_slide)>
                    <p class="presenter__label">{move || tr!(section_next)}</p>
                    <div class="deck__frame deck__frame--small" node_ref=next_frame data-test="presenter-next-slide">{next}</div>
                </section>
                <section class="presenter__notes" aria-label=move || tr!(presenter_notes) data-test="notes">{notes}</section>
            </div>
        </div>
    }
}
