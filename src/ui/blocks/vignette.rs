//! A case vignette: read a step, choose, see what follows from the choice.
//! The path taken is stored so the learner can come back to it.

use std::sync::Arc;

use leptos::prelude::*;

use super::text::{rich, TextBlocks};
use crate::assess::replay;
use crate::content::{ChoiceQuality, Vignette};
use crate::progress::Answer;
use crate::ui::Progress;

fn quality_label(quality: ChoiceQuality) -> (&'static str, String) {
    match quality {
        ChoiceQuality::Recommended => ("choice-result--good", tr!(case_good)),
        ChoiceQuality::Partial => ("choice-result--partial", tr!(case_partial)),
        ChoiceQuality::NotRecommended => ("choice-result--poor", tr!(case_poor)),
    }
}

#[component]
pub fn VignetteView(vignette: Vignette, #[prop(into)] module_id: String) -> impl IntoView {
    let progress = expect_context::<Progress>();
    let initial = match progress.answer(&module_id, &vignette.id) {
        Some(Answer::Vignette { path }) => path,
        _ => Vec::new(),
    };
    let path = RwSignal::new(initial);
    // Another tab may work on this case: follow the stored path.
    let stored = {
        let (module_id, id) = (module_id.clone(), vignette.id.clone());
        Memo::new(move |_| match progress.answer(&module_id, &id) {
            Some(Answer::Vignette { path }) => Some(path),
            _ => None,
        })
    };
    Effect::new(move |_| {
        if let Some(theirs) = stored.get() {
            if path.with_untracked(|p| *p != theirs) {
                path.set(theirs);
            }
        }
    });
    let vignette = Arc::new(vignette);
    let save = {
        let (module_id, id) = (module_id.clone(), vignette.id.clone());
        move || {
            progress.set_answer(
                &module_id,
                &id,
                Answer::Vignette {
                    path: path.get_untracked(),
                },
            )
        }
    };
    // The choice pressed is gone after choosing: the focus goes to what
    // follows from it (read out by screen readers), and after a restart to
    // the first choice, instead of to the top of the page.
    let case_steps = NodeRef::<leptos::html::Div>::new();
    let focus_in_case = move |selector: &'static str| {
        request_animation_frame(move || {
            use wasm_bindgen::JsCast;
            let target = case_steps
                .get_untracked()
                .and_then(|steps| steps.query_selector(selector).ok().flatten())
                .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(target) = target {
                let _ = target.focus();
            }
        });
    };
    let restart = {
        let save = save.clone();
        move |_| {
            path.set(Vec::new());
            save();
            focus_in_case("button[data-test=choice]");
        }
    };

    let steps = {
        let vignette = vignette.clone();
        move || {
            let case = replay(&vignette, &path.get());
            let mut views = Vec::new();
            for &(step_at, choice_at) in &case.taken {
                let step = &vignette.steps[step_at];
                let chosen = &step.choices[choice_at];
                let (class, verdict) = quality_label(chosen.quality);
                views.push(view! {
                    <div class="case-step case-step--done">
                        <TextBlocks blocks=step.body.clone()/>
                        <p class="case-step__chosen"><span class="case-step__you">{tr!(case_you_chose)}" "</span>{rich(&chosen.text)}</p>
                        <p class=format!("choice-result {class}") data-test="choice-result" tabindex="-1"><strong>{verdict}" "</strong>{rich(&chosen.feedback)}</p>
                    </div>
                }.into_any());
            }
            // A stored path that no longer fits the case leaves the learner at that step.
            if case.taken.len() < path.with(Vec::len) {
                path.update(|p| p.truncate(case.taken.len()));
            }
            let current = case.current.map(|at| &vignette.steps[at]);
            match current {
                Some(step) if !step.choices.is_empty() => {
                    let step_id = step.id.clone();
                    let choices = step.choices.iter().enumerate().map(|(i, c)| {
                        let step_id = step_id.clone();
                        let save = save.clone();
                        view! {
                            <li>
                                <button type="button" class="choice" data-test="choice" on:click=move |_| {
                                    path.update(|p| p.push((step_id.clone(), i as u8)));
                                    save();
                                    // The step just done is the one before the current step or the end.
                                    focus_in_case(".case-step--done:nth-last-child(2) [data-test=choice-result]");
                                }>{rich(&c.text)}</button>
                            </li>
                        }
                    }).collect_view();
                    views.push(
                        view! {
                            <div class="case-step case-step--current">
                                <TextBlocks blocks=step.body.clone()/>
                                    <ul class="choices" role="list">{choices}</ul>
                            </div>
                        }
                        .into_any(),
                    );
                }
                ending => {
                    views.push(view! {
                        <div class="case-step case-step--end">
                            {ending.map(|step| view! { <TextBlocks blocks=step.body.clone()/> })}
                            <p class="case-end" data-test="case-end">{tr!(case_end)}</p>
                        </div>
                    }.into_any());
                }
            }
            views
        }
    };

    view! {
        <section class="vignette" data-test="vignette" data-id=vignette.id.clone() aria-labelledby=format!("case-{}", vignette.id)>
            <p class="vignette__label">{move || tr!(case_label)}</p>
            <h2 class="vignette__title" id=format!("case-{}", vignette.id)>{vignette.title.clone()}</h2>
            <TextBlocks blocks=vignette.intro.clone()/>
            <div node_ref=case_steps>{steps}</div>
            <Show when=move || path.with(|p| !p.is_empty())>
                <button type="button" class="button button--quiet" on:click=restart.clone()>{move || tr!(case_restart)}</button>
            </Show>
        </section>
    }
}
