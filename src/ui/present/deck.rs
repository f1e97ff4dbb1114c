//! The projector view: one slide per screen, steered by keyboard, clicker
//! or swipe.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use wasm_bindgen::JsCast;

use super::channel::{sync, DeckState};
use super::deck_params;
use super::keys::{Command, Navigation};
use super::slide_view::{SlideData, SlideView};
use crate::ui::live::{pollables, LiveDeck, LiveTrainer, Pollable, TrainerStatus};
use crate::ui::pack::LoadedModule;
use crate::ui::routes::{set_title, with_module};

#[component]
pub fn Deck() -> impl IntoView {
    let (module, start) = deck_params();
    with_module(
        move || module.get(),
        move |_, loaded| view! { <DeckView loaded start/> }.into_any(),
    )
}

/// Scales the slide's type down until its content fits the screen, so a
/// long slide never runs off a projector.
pub(crate) fn fit_to_screen(content: &web_sys::HtmlElement) {
    let style = content.style();
    let mut scale = 1.0_f64;
    let _ = style.set_property("--fit", "1");
    while content.scroll_height() > content.client_height() + 1 && scale > 0.4 {
        scale -= 0.05;
        let _ = style.set_property("--fit", &format!("{scale:.2}"));
    }
}

/// The address follows the slide, so a reload or a shared link opens it.
pub(crate) fn follow_in_address(state: RwSignal<DeckState>, base: String) {
    let navigate = use_navigate();
    Effect::new(move |_| {
        let n = state.get().slide;
        navigate(
            &crate::ui::href(&format!("{base}/{n}")),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    });
}

pub(crate) fn fit_after_render(node: NodeRef<leptos::html::Div>) {
    request_animation_frame(move || {
        // The slide may be gone by the next frame (the view was replaced).
        if let Some(frame) = node.try_get_untracked().flatten() {
            if let Some(content) = frame
                .query_selector("[data-test=slide-content]")
                .ok()
                .flatten()
            {
                if let Ok(content) = content.dyn_into::<web_sys::HtmlElement>() {
                    fit_to_screen(&content);
                }
            }
        }
    });
}

fn toggle_fullscreen() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.fullscreen_element().is_some() {
        document.exit_fullscreen();
    } else if let Some(root) = document.document_element() {
        let _ = root.request_fullscreen();
    }
}

#[component]
fn DeckView(loaded: LoadedModule, start: usize) -> impl IntoView {
    let module = loaded.module.clone();
    let module_title = module.title.clone();
    set_title(move || tr!(deck_page_title, module = module_title));
    let slides: Vec<SlideData> = module.slides().into_iter().map(SlideData::from).collect();
    let total = slides.len();
    let state = RwSignal::new(DeckState::opened_at(start.clamp(1, total.max(1))));
    let black = RwSignal::new(false);
    let overview = RwSignal::new(false);
    let help = RwSignal::new(false);
    let id = module.id.clone();
    sync(&id, state);
    let live = LiveTrainer::new(state, id.clone(), loaded.lang.clone(), total);
    live.announce();
    let polls: Vec<Vec<Pollable>> = slides.iter().map(|s| pollables(&s.slide.blocks)).collect();
    let first_poll = {
        let polls = polls.clone();
        move || polls.get(state.get_untracked().slide - 1).and_then(|p| p.first().cloned())
    };

    follow_in_address(state, format!("/present/{id}"));

    let nav = Navigation::new(state, total);
    let go = move |n: usize| nav.go(n);
    let typed = nav.typed;
    let open_presenter = {
        let id = id.clone();
        move || {
            let n = state.get_untracked().slide;
            if let Some(w) = web_sys::window() {
                let _ = w.open_with_url_and_target_and_features(
                    &crate::ui::outside_href(&format!("/presenter/{id}/{n}")),
                    &format!("mtd-presenter-{id}"),
                    "width=1280,height=800",
                );
            }
        }
    };
    nav.listen(move |cmd| match cmd {
        Command::Jump => overview.set(false),
        Command::Black => black.update(|b| *b = !*b),
        Command::Fullscreen => toggle_fullscreen(),
        Command::Overview => overview.update(|o| *o = !*o),
        Command::Presenter => open_presenter(),
        Command::Live => {
            if live.live() {
                live.join_shown.update(|s| *s = !*s);
            } else if live.status.get_untracked() != TrainerStatus::Ended {
                live.start();
            }
        }
        Command::Poll => {
            if let Some(item) = first_poll() {
                let open = live.poll.with_untracked(|p| p.as_ref().is_some_and(|p| p.open && p.id == item.poll.id));
                if open { live.close_poll() } else { live.open_poll(item.poll) }
            }
        }
        Command::Help => help.update(|h| *h = !*h),
        _ => {}
    });
    // The poll result takes the right side of the slide: fit it again.
    let results_shown = {
        let polls = polls.clone();
        Memo::new(move |_| {
            let n = state.with(|s| s.slide);
            live.poll.with(|p| p.as_ref().is_some_and(|p| polls.get(n - 1).is_some_and(|here| here.iter().any(|i| i.poll.id == p.id))))
        })
    };

    // Swipe on tablets: left for the next slide, right for the previous one.
    let touch_x = StoredValue::new(None::<i32>);
    let on_touch_start = move |e: leptos::ev::TouchEvent| {
        touch_x.set_value(e.changed_touches().get(0).map(|t| t.client_x()))
    };
    let on_touch_end = move |e: leptos::ev::TouchEvent| {
        let (Some(from), Some(to)) = (
            touch_x.get_value(),
            e.changed_touches().get(0).map(|t| t.client_x()),
        ) else {
            return;
        };
        let current = state.get_untracked().slide;
        if to - from < -60 {
            go(current + 1);
        } else if to - from > 60 {
            go(current.saturating_sub(1));
        }
    };

    let frame = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let _ = results_shown.get();
        fit_after_render(frame);
    });
    let slides_for_view = slides.clone();
    let current_slide = move || {
        let data = slides_for_view.get(state.get().slide - 1).cloned();
        fit_after_render(frame);
        data.map(|slide| view! { <SlideView slide revealed=Signal::derive(move || state.get().revealed)/> })
    };
    let overview_grid = move || {
        overview.get().then(|| {
            view! {
                <nav class="deck-overview" aria-label=tr!(deck_all_slides) data-test="overview">
                    <ol>
                        {slides.iter().map(|s| {
                            let n = s.number;
                            let label = s.section_title.clone();
                            let first_words = s.slide.blocks.first().map(block_preview).unwrap_or_default();
                            view! {
                                <li>
                                    <button type="button" class="deck-overview__slide" class:current=move || state.get().slide == n data-test="overview-slide"
                                        on:click=move |_| { go(n); overview.set(false); }>
                                        <span class="deck-overview__number">{n}</span>
                                        <span class="deck-overview__title">{label}</span>
                                        <span class="deck-overview__preview">{first_words}</span>
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </nav>
            }
        })
    };
    view! {
        <div class="deck" data-test="deck" lang=loaded.lang.clone() on:touchstart=on_touch_start on:touchend=on_touch_end>
            // The page's heading for screen readers; slides have h2 titles.
            <h1 class="visually-hidden">{module.title.clone()}</h1>
            <div class="deck__frame" class:deck__frame--results=move || results_shown.get() node_ref=frame data-test="slide" data-slide=move || state.get().slide.to_string()>
                {current_slide}
            </div>
            <div class="deck__progress" role="progressbar" aria-label=move || tr!(deck_slide)
                aria-valuemin="1" aria-valuemax=total.to_string() aria-valuenow=move || state.get().slide.to_string()
                aria-valuetext=move || tr!(slide_of, n = state.get().slide, total = total)>
                <div class="deck__progress-bar" style:width=move || format!("{:.2}%", state.get().slide as f64 / total.max(1) as f64 * 100.0)></div>
            </div>
            <p class="deck__counter" aria-live="polite" data-test="counter">{move || format!("{} / {total}", state.get().slide)}</p>
            <Show when=move || !typed.get().is_empty()>
                <p class="deck__jump" data-test="jump">{move || tr!(deck_jump, n = typed.get())}</p>
            </Show>
            <Show when=move || black.get()>
                <div class="deck__black" data-test="black"><p class="visually-hidden">{move || tr!(deck_black)}</p></div>
            </Show>
            {overview_grid}
            <LiveDeck trainer=live polls/>
            <Show when=move || help.get()>
                <KeyHelp/>
            </Show>
        </div>
    }
}

/// The deck's keys, shown with ? or H. A key's name is translated where
/// the keyboard says it in words ("Space", "Home"); its letter is not.
#[component]
fn KeyHelp() -> impl IntoView {
    let keys = move || {
        [
            (tr!(deck_key_next), tr!(deck_key_next_does)),
            (tr!(deck_key_previous), tr!(deck_key_previous_does)),
            (tr!(deck_key_first_last), tr!(deck_key_first_last_does)),
            (tr!(deck_key_jump), tr!(deck_key_jump_does)),
            ("R".to_owned(), tr!(deck_key_reveal_does)),
            (tr!(deck_key_black), tr!(deck_key_black_does)),
            ("F".to_owned(), tr!(deck_key_fullscreen_does)),
            (tr!(deck_key_overview), tr!(deck_key_overview_does)),
            ("P".to_owned(), tr!(deck_key_presenter_does)),
            ("L".to_owned(), tr!(deck_key_live_does)),
            ("Q".to_owned(), tr!(deck_key_poll_does)),
            (tr!(deck_key_help), tr!(deck_key_help_does)),
        ]
        .into_iter()
        .map(|(k, what)| view! { <dt>{k}</dt><dd>{what}</dd> })
        .collect_view()
    };
    view! {
        <section class="deck-help" data-test="key-help" aria-label=move || tr!(deck_keys)>
            <h2>{move || tr!(deck_keys)}</h2>
            <dl>{keys}</dl>
        </section>
    }
}

/// A few words of a block for the overview grid.
fn block_preview(block: &crate::content::Block) -> String {
    use crate::content::{plain_text, Block};
    let text = match block {
        Block::Paragraph(t) | Block::Heading(t) => plain_text(t),
        Block::List { items, .. } => items.first().map(|t| plain_text(t)).unwrap_or_default(),
        Block::Question(_) => tr!(question_label),
        Block::Likert(_) => tr!(deck_discussion),
        Block::Vignette(v) => tr!(slide_case, title = v.title),
        Block::Reflection(_) => tr!(slide_reflect),
        _ => String::new(),
    };
    text.split_whitespace()
        .take(12)
        .collect::<Vec<_>>()
        .join(" ")
}
