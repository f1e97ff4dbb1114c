//! A slide as the room sees it. Interactive blocks become their projector
//! form: questions reveal their answer only on the trainer's key, and
//! self-assessments are discussion prompts without anyone's answers.

use leptos::prelude::*;

use crate::content::{Block, QuestionKind, Slide, SlideRef};
use crate::ui::blocks::text::{rich, TextBlocks};
use crate::ui::blocks::BlockView;

/// Shown statements of a Likert block on a slide; the rest are counted.
const LIKERT_ON_SLIDE: usize = 5;

/// What a slide needs to be drawn, owned so it can outlive the module borrow.
#[derive(Clone, Debug)]
pub struct SlideData {
    pub number: usize,
    pub section_title: String,
    pub opens_section: bool,
    pub slide: Slide,
}

impl From<SlideRef<'_>> for SlideData {
    fn from(s: SlideRef<'_>) -> Self {
        SlideData {
            number: s.number,
            section_title: s.section.title.clone(),
            opens_section: s.index == 0,
            slide: s.slide.clone(),
        }
    }
}

#[component]
pub fn SlideView(
    slide: SlideData,
    /// Whether question answers are shown.
    #[prop(into)]
    revealed: Signal<bool>,
) -> impl IntoView {
    let heading = if slide.opens_section {
        // h2: the page's h1 is the module (deck, presenter) or the handout.
        view! { <h2 class="slide__title">{slide.section_title.clone()}</h2> }.into_any()
    } else {
        view! { <p class="slide__kicker">{slide.section_title.clone()}</p> }.into_any()
    };
    let blocks = slide
        .slide
        .blocks
        .iter()
        .map(|block| slide_block(block, revealed))
        .collect_view();
    view! {
        <div class="slide__content" data-test="slide-content">
            {heading}
            {blocks}
        </div>
    }
}

fn slide_block(block: &Block, revealed: Signal<bool>) -> AnyView {
    match block {
        Block::Question(q) => {
            let options = q.options.clone();
            let explanations: Vec<_> = q
                .options
                .iter()
                .filter(|o| o.correct)
                .map(|o| o.explanation.clone())
                .collect();
            let prompt: Vec<Block> = q.prompt.clone();
            view! {
                <div class="slide-question" data-test="slide-question" data-id=q.id.clone()>
                    <p class="slide-question__label">{match q.kind { QuestionKind::Multiple => tr!(slide_question_several), _ => tr!(question_label) }}</p>
                    <TextBlocks blocks=prompt/>
                    <ol class="slide-question__options" type="A">
                        {options.into_iter().map(|o| {
                            let correct = o.correct;
                            view! {
                                <li class:correct=move || revealed.get() && correct>
                                    {rich(&o.text)}
                                    <Show when=move || revealed.get() && correct>
                                        <span class="slide-question__mark">" ✓ "{tr!(slide_correct)}</span>
                                    </Show>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                    <Show
                        when=move || revealed.get()
                        fallback=|| view! { <p class="slide-question__hint" data-test="reveal-hint">{tr!(slide_reveal_hint)}</p> }
                    >
                        <div class="slide-question__explanation" data-test="revealed">
                            {explanations.iter().map(|e| view! { <p>{rich(e)}</p> }).collect_view()}
                        </div>
                    </Show>
                </div>
            }
            .into_any()
        }
        Block::Likert(l) => {
            let more = l.statements.len().saturating_sub(LIKERT_ON_SLIDE);
            view! {
                <div class="slide-discussion" data-test="slide-likert">
                    <p class="slide-question__label">{tr!(slide_discussion)}</p>
                    <ul>
                        {l.statements.iter().take(LIKERT_ON_SLIDE).map(|s| view! { <li>{rich(&s.text)}</li> }).collect_view()}
                    </ul>
                    {(more > 0).then(|| view! { <p class="slide-question__hint">{tr!(slide_more_statements, count = more)}</p> })}
                </div>
            }
            .into_any()
        }
        Block::Vignette(v) => {
            let first = v.steps.first().cloned();
            view! {
                <div class="slide-discussion" data-test="slide-case">
                    <p class="slide-question__label">{tr!(slide_case, title = v.title)}</p>
                    <TextBlocks blocks=v.intro.clone()/>
                    {first.map(|step| view! {
                        <TextBlocks blocks=step.body.clone()/>
                        <ol type="A">{step.choices.iter().map(|c| view! { <li>{rich(&c.text)}</li> }).collect_view()}</ol>
                    })}
                </div>
            }
            .into_any()
        }
        Block::Reflection(r) => view! {
            <div class="slide-discussion" data-test="slide-reflection">
                <p class="slide-question__label">{tr!(slide_reflect)}</p>
                <TextBlocks blocks=r.prompt.clone()/>
            </div>
        }
        .into_any(),
        other => view! { <BlockView block=other.clone() module_id="present"/> }.into_any(),
    }
}
