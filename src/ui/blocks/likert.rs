//! Likert statements: a private self-assessment. Answers stay on the device.

use leptos::prelude::*;

use super::profile::ProfileChart;
use super::text::{rich, TextBlocks};
use crate::assess::likert_profile;
use crate::content::Likert;
use crate::progress::Answer;
use crate::ui::Progress;

#[component]
pub fn LikertView(likert: Likert, #[prop(into)] module_id: String) -> impl IntoView {
    let progress = expect_context::<Progress>();
    let total = likert.statements.len();
    let answered = {
        let module_id = module_id.clone();
        let ids: Vec<String> = likert.statements.iter().map(|s| s.id.clone()).collect();
        move || {
            progress.with(|p| {
                ids.iter()
                    .filter(|id| p.answer(&module_id, id).is_some())
                    .count()
            })
        }
    };
    let likert_for_profile = likert.clone();
    let module_for_profile = module_id.clone();
    let statements = likert
        .statements
        .iter()
        .enumerate()
        .map(|(n, statement)| {
            let name = format!("{module_id}--{}", statement.id);
            let current = {
                let (module_id, id) = (module_id.clone(), statement.id.clone());
                move || match progress.with(|p| p.answer(&module_id, &id).cloned()) {
                    Some(Answer::Likert { value }) => Some(value),
                    _ => None,
                }
            };
            let labels = likert.scale.iter().enumerate().map(|(i, label)| {
                let value = (i + 1) as u8;
                let current = current.clone();
                let (module_id, id) = (module_id.clone(), statement.id.clone());
                view! {
                    <label class="scale__point">
                        <input
                            type="radio"
                            name=name.clone()
                            value=value.to_string()
                            prop:checked=move || current() == Some(value)
                            on:change=move |_| progress.set_answer(&module_id, &id, Answer::Likert { value })
                        />
                        <span>{label.clone()}</span>
                    </label>
                }
            }).collect_view();
            view! {
                <fieldset class="statement" data-test="statement" data-id=statement.id.clone()>
                    <legend><span class="statement__number">{n + 1}". "</span>{rich(&statement.text)}</legend>
                    <div class="scale">{labels}</div>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <section class="likert" data-test="likert" data-id=likert.id.clone() aria-label=move || tr!(block_self_assessment)>
            <p class="likert__label">{move || tr!(block_self_assessment)}<span class="private-badge">{move || tr!(block_private)}</span></p>
            <TextBlocks blocks=likert.intro/>
            {statements}
            <p class="likert__progress" aria-live="polite">{
                let answered = answered.clone();
                move || tr!(block_statements_answered, answered = answered(), total = total)
            }</p>
            {move || (answered() > 0).then(|| {
                let scores = likert_profile(&likert_for_profile, |id| match progress.answer(&module_for_profile, id) {
                    Some(Answer::Likert { value }) => Some(value),
                    _ => None,
                });
                view! { <ProfileChart scores title=tr!(block_your_profile)/> }
            })}
        </section>
    }
}
