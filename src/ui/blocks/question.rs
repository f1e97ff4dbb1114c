//! A knowledge question: choose, check, read why each option is right or
//! wrong, try again.

use std::sync::Arc;

use leptos::prelude::*;

use super::text::{rich, TextBlocks};
use crate::assess::{grade, option_order, Grade};
use crate::content::{Block, Question, QuestionKind};
use crate::progress::Answer;
use crate::ui::Progress;

#[component]
pub fn QuestionView(question: Question, #[prop(into)] module_id: String) -> impl IntoView {
    let progress = expect_context::<Progress>();
    let (initial, was_checked, tries) = match progress.answer(&module_id, &question.id) {
        Some(Answer::Choice {
            selected,
            checked,
            attempt,
        }) => (selected, checked, attempt),
        _ => (Vec::new(), false, 0),
    };
    let selected = RwSignal::new(initial);
    let checked = RwSignal::new(was_checked);
    let attempt = RwSignal::new(tries);
    let question = Arc::new(question);
    // Another tab may answer this question: follow the stored answer.
    let stored = {
        let (module_id, id) = (module_id.clone(), question.id.clone());
        Memo::new(move |_| progress.answer(&module_id, &id))
    };
    Effect::new(move |_| {
        if let Some(Answer::Choice {
            selected: s,
            checked: c,
            attempt: a,
        }) = stored.get()
        {
            if selected.get_untracked() != s {
                selected.set(s);
            }
            if checked.get_untracked() != c {
                checked.set(c);
            }
            if attempt.get_untracked() != a {
                attempt.set(a);
            }
        }
    });

    let save = {
        let (module_id, id) = (module_id.clone(), question.id.clone());
        move || {
            let answer = Answer::Choice {
                selected: selected.get_untracked(),
                checked: checked.get_untracked(),
                attempt: attempt.get_untracked(),
            };
            progress.set_answer(&module_id, &id, answer);
        }
    };
    let several = question.kind.allows_several();
    let toggle = {
        let save = save.clone();
        move |option: u8| {
            selected.update(|s| {
                if several {
                    if let Some(at) = s.iter().position(|&o| o == option) {
                        s.remove(at);
                    } else {
                        s.push(option);
                        s.sort_unstable();
                    }
                } else {
                    *s = vec![option];
                }
            });
            save();
        }
    };
    // The button pressed is replaced by the other one: keep the focus
    // here (on "Try again" after checking, on the first option after a
    // retry) instead of losing it to the page.
    let retry_button = NodeRef::<leptos::html::Button>::new();
    let option_list = NodeRef::<leptos::html::Ul>::new();
    let check = {
        let save = save.clone();
        move |_| {
            checked.set(true);
            save();
            request_animation_frame(move || {
                if let Some(button) = retry_button.get_untracked() {
                    let _ = button.focus();
                }
            });
        }
    };
    let retry = move |_| {
        checked.set(false);
        selected.set(Vec::new());
        attempt.update(|a| *a += 1);
        save();
        request_animation_frame(move || {
            use wasm_bindgen::JsCast;
            let first = option_list
                .get_untracked()
                .and_then(|list| list.query_selector("input").ok().flatten())
                .and_then(|input| input.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(input) = first {
                let _ = input.focus();
            }
        });
    };

    let name = format!("{module_id}--{}", question.id);
    let kind = question.kind;
    let hint = move || match kind {
        QuestionKind::Multiple => tr!(question_hint_multiple),
        QuestionKind::Single => tr!(question_hint_single),
        QuestionKind::TrueFalse => tr!(question_hint_true_false),
    };
    let (legend, extra): (Vec<Block>, Vec<Block>) = question
        .prompt
        .iter()
        .cloned()
        .partition(|b| matches!(b, Block::Paragraph(_)));
    let result = {
        let question = question.clone();
        move || {
            checked.get().then(|| {
                let (class, text) = match grade(&question, &selected.get()) {
                    Grade::Correct => ("result result--correct", tr!(question_correct)),
                    Grade::Partial => ("result result--partial", tr!(question_partial)),
                    Grade::Incorrect => ("result result--incorrect", tr!(question_incorrect)),
                };
                view! { <p class=class data-test="result">{text}" "<span class="result__hint">{tr!(question_read_why)}</span></p> }
            })
        }
    };
    // Each retry shows the options in a new order; answers keep the file's positions.
    let options = {
        let question = question.clone();
        let toggle = toggle.clone();
        let name = name.clone();
        move || {
            let order = option_order(
                &question.id,
                attempt.get(),
                question.options.len(),
                question.kind,
            );
            order
                .into_iter()
                .map(|i| (i, &question.options[i]))
                .map(|(i, option)| {
                    let i = i as u8;
                    let is_selected = move || selected.with(|s| s.contains(&i));
                    let toggle = toggle.clone();
                    let correct = option.correct;
                    let explanation = option.explanation.clone();
                    view! {
                        <li
                            class="option"
                            class:option--selected=is_selected
                            class:option--correct=move || checked.get() && correct
                            class:option--wrong=move || checked.get() && !correct && is_selected()
                        >
                            <label class="option__label">
                                <input
                                    type=if several { "checkbox" } else { "radio" }
                                    name=name.clone()
                                    value=i.to_string()
                                    prop:checked=is_selected
                                    // Locked after checking, but not greyed out: the
                                    // learner's choice stays as readable as the rest.
                                    aria-disabled=move || checked.get().then_some("true")
                                    on:click=move |e| if checked.get_untracked() { e.prevent_default() }
                                    on:change=move |_| if !checked.get_untracked() { toggle(i) }
                                />
                                <span class="option__text">{rich(&option.text)}</span>
                            </label>
                            <Show when=move || checked.get()>
                                <p class="explanation" data-test="explanation">
                                    <span class="explanation__verdict">
                                        {match (correct, is_selected()) {
                                            (true, true) => tr!(question_yours_correct),
                                            (true, false) => tr!(question_correct_answer),
                                            (false, true) => tr!(question_yours_wrong),
                                            (false, false) => tr!(question_not_correct),
                                        }}
                                        " "
                                    </span>
                                    {rich(&explanation)}
                                </p>
                            </Show>
                        </li>
                    }
                })
                .collect_view()
        }
    };

    view! {
        <fieldset class="question" data-test="question" data-id=question.id.clone()>
            <legend>
                <span class="question__label">{move || tr!(question_label)}</span>
                {legend.iter().map(|b| match b {
                    Block::Paragraph(t) => view! { <span class="question__text">{rich(t)}</span> }.into_any(),
                    _ => ().into_any(),
                }).collect_view()}
            </legend>
            <TextBlocks blocks=extra/>
            <p class="hint">{hint}</p>
            <ul class="options" role="list" node_ref=option_list>{options}</ul>
            <div class="question__feedback" aria-live="polite">{result}</div>
            <div class="question__actions">
                {move || if checked.get() {
                    view! { <button type="button" class="button button--secondary" data-test="retry" node_ref=retry_button on:click=retry.clone()>{tr!(question_retry)}</button> }.into_any()
                } else {
                    view! {
                        <button type="button" class="button button--primary" data-test="check" disabled=move || selected.with(Vec::is_empty) on:click=check.clone()>
                            {tr!(question_check)}
                        </button>
                    }.into_any()
                }}
            </div>
        </fieldset>
    }
}
