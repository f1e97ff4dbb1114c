//! The seminar self-assessment: a "before" and an "after" attempt, each
//! kept, and what changed between them.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::{set_fixed_title, set_title, with_module, NotFound};
use crate::assess::{compare_profiles, item_changes, knowledge_score, likert_profile};
use crate::content::{plain_text, Block, Likert, Module};
use crate::progress::{Answer, Phase};
use crate::ui::blocks::profile::ProfileChart;
use crate::ui::blocks::BlockView;
use crate::ui::pack::LoadedModule;
use crate::ui::{href, Progress};

/// "22 November 2026" (in the UI language) from milliseconds since 1970.
pub(crate) fn long_date(ms: u64) -> String {
    crate::ui::l10n::long_date(ms)
}

fn phase_name(phase: Phase) -> String {
    match phase {
        Phase::Before => tr!(assess_before),
        Phase::After => tr!(assess_after),
    }
}

fn likert_of(module: &Module) -> Option<Likert> {
    module.blocks().find_map(|b| match b {
        Block::Likert(l) => Some(l.clone()),
        _ => None,
    })
}

fn likert_value(progress: &Progress, key: &str, id: &str) -> Option<u8> {
    match progress.answer(key, id) {
        Some(Answer::Likert { value }) => Some(value),
        _ => None,
    }
}

/// The assessment's page: the two phases and, once both exist, the comparison.
#[component]
pub fn AssessmentOverview(loaded: LoadedModule) -> impl IntoView {
    let progress = expect_context::<Progress>();
    let module = loaded.module.clone();
    set_fixed_title(module.title.clone());
    let id = module.id.clone();
    let questions = module.questions().count();
    let statements = likert_of(&module).map_or(0, |l| l.statements.len());
    let phase_card = move |phase: Phase, module: Arc<Module>| {
        let id = id.clone();
        move || {
            let latest = progress.with(|s| s.latest_attempt(&id, phase));
            let count = progress.with(|s| s.attempts(&id, phase).len());
            let status = latest.as_ref().map(|a| {
                let score = progress.with(|s| {
                    knowledge_score(module.questions(), |q| s.answer(&a.key, q)).answered
                });
                let rated = likert_of(&module).map_or(0, |l| {
                    l.statements
                        .iter()
                        .filter(|st| likert_value(&progress, &a.key, &st.id).is_some())
                        .count()
                });
                tr!(
                    assess_started,
                    date = long_date(a.started),
                    score = score,
                    questions = questions,
                    rated = rated,
                    statements = statements
                )
            });
            let target = href(&format!("/assess/{id}/{}", phase.as_str()));
            let start = {
                let (id, target) = (id.clone(), target.clone());
                move |_| {
                    progress.start_attempt(&id, phase);
                    leptos_router::hooks::use_navigate()(&target, Default::default());
                }
            };
            view! {
                <li class="module-card module-card--plain phase-card" data-test="phase" data-phase=phase.as_str()>
                    <div class="module-card__body">
                        <h2 class="module-card__title">{phase_name(phase)}</h2>
                        <p class="module-card__summary">{status.clone().unwrap_or_else(|| tr!(assess_not_taken))}</p>
                        {(count > 1).then(|| view! { <p class="hint">{tr!(assess_attempts_kept, count = count)}</p> })}
                        <div class="question__actions">
                            {latest.is_some().then(|| view! { <A exact=true href=target.clone() attr:class="button button--primary" attr:data-test="continue-attempt">{tr!(assess_continue)}</A> })}
                            <button type="button" class=if latest.is_some() { "button button--secondary" } else { "button button--primary" } data-test="start-attempt" on:click=start.clone()>
                                {if latest.is_some() { tr!(assess_start_new) } else { tr!(assess_start) }}
                            </button>
                        </div>
                    </div>
                </li>
            }
        }
    };
    let comparison = {
        let module = module.clone();
        let id = module.id.clone();
        move || {
            let before = progress.with(|s| s.latest_attempt(&id, Phase::Before))?;
            let after = progress.with(|s| s.latest_attempt(&id, Phase::After))?;
            Some(view! { <Comparison module=module.clone() before=before.key after=after.key/> })
        }
    };
    view! {
        <div class="page" lang=loaded.lang.clone()>
            <nav class="breadcrumb" aria-label=move || tr!(breadcrumb_label)>
                <ol><li><A exact=true href="/">{move || tr!(nav_course)}</A></li><li aria-current="page">{module.title.clone()}</li></ol>
            </nav>
            <header class="module-head">
                <h1>{module.title.clone()}</h1>
                <p class="module-head__summary">{module.summary.clone()}</p>
                <p class="hint">{move || tr!(assess_private_hint)}</p>
            </header>
            <ul class="module-list">
                {phase_card(Phase::Before, module.clone())}
                {phase_card(Phase::After, module.clone())}
            </ul>
            {comparison}
        </div>
    }
}

/// Knowledge and attitudes, before and after.
#[component]
fn Comparison(module: Arc<Module>, before: String, after: String) -> impl IntoView {
    let progress = expect_context::<Progress>();
    let (b, a) = progress.with(|s| {
        (
            knowledge_score(module.questions(), |q| s.answer(&before, q)),
            knowledge_score(module.questions(), |q| s.answer(&after, q)),
        )
    });
    let attitudes = likert_of(&module).map(|likert| {
        let scores_before = likert_profile(&likert, |id| likert_value(&progress, &before, id));
        let scores_after = likert_profile(&likert, |id| likert_value(&progress, &after, id));
        let subscales = compare_profiles(&scores_before, &scores_after);
        let items: Vec<_> = item_changes(&likert, |id| likert_value(&progress, &before, id), |id| likert_value(&progress, &after, id))
            .into_iter()
            .take(5)
            .collect();
        let text_of = |id: &str| likert.statements.iter().find(|s| s.id == id).map(|s| plain_text(&s.text)).unwrap_or_default();
        view! {
            <ProfileChart scores=scores_after before=scores_before title=tr!(assess_chart_title)/>
            <ul class="changes" data-test="subscale-changes">
                {subscales.into_iter().map(|c| view! {
                    <li>{match c.delta() {
                        Some(d) if d.abs() < 0.05 => tr!(assess_no_change, label = c.label),
                        Some(d) => tr!(
                            assess_change,
                            label = c.label,
                            change = format!("{}{}", if d > 0.0 { "+" } else { "−" }, crate::ui::l10n::decimal(d.abs(), 1))
                        ),
                        None => tr!(assess_not_both, label = c.label),
                    }}</li>
                }).collect_view()}
            </ul>
            <h3>{tr!(assess_changed_most)}</h3>
            {if items.is_empty() {
                view! { <p>{tr!(assess_none_changed)}</p> }.into_any()
            } else {
                view! {
                    <ol class="changes" data-test="item-changes">
                        {items.iter().map(|c| view! {
                            <li>{tr!(assess_item_change, statement = text_of(&c.statement), before = c.before, after = c.after)}</li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        }
    });
    view! {
        <section class="panel comparison" aria-labelledby="comparison-title" data-test="comparison">
            <h2 id="comparison-title">{move || tr!(assess_what_changed)}</h2>
            <p data-test="knowledge-change">
                {move || tr!(
                    assess_knowledge_change,
                    before = crate::ui::l10n::number(b.points),
                    before_max = b.max,
                    after = crate::ui::l10n::number(a.points),
                    after_max = a.max,
                    change = format!(
                        "{}{}",
                        if a.points >= b.points { "+" } else { "−" },
                        crate::ui::l10n::number((a.points - b.points).abs())
                    )
                )}
            </p>
            {attitudes}
        </section>
    }
}

/// One attempt: every question and statement of the assessment on one page.
#[component]
pub fn AttemptPage() -> impl IntoView {
    let params = use_params_map();
    let phase = move || params.read().get("phase").and_then(|p| Phase::parse(&p));
    with_module(
        move || params.read().get("module").unwrap_or_default(),
        move |_, loaded| match phase() {
            Some(phase) => view! { <Attempt loaded phase/> }.into_any(),
            None => view! { <NotFound/> }.into_any(),
        },
    )
}

#[component]
fn Attempt(loaded: LoadedModule, phase: Phase) -> impl IntoView {
    let progress = expect_context::<Progress>();
    let module = loaded.module.clone();
    let module_title = module.title.clone();
    set_title(move || format!("{} – {}", phase_name(phase), module_title));
    let overview = href(&format!("/m/{}", module.id));
    let key = progress
        .with(|s| s.latest_attempt(&module.id, phase))
        .map_or_else(|| progress.start_attempt(&module.id, phase), |a| a.key);
    let title = module.title.clone();
    view! {
        <article class="page page--reading" lang=loaded.lang.clone() data-test="attempt" data-phase=phase.as_str()>
            <nav class="breadcrumb" aria-label=move || tr!(breadcrumb_label)>
                <ol><li><A exact=true href="/">{move || tr!(nav_course)}</A></li><li><A exact=true href=overview.clone()>{title}</A></li></ol>
            </nav>
            <h1>{move || phase_name(phase)}</h1>
            {module.sections.iter().map(|section| {
                let blocks: Vec<_> = section.blocks().cloned().collect();
                let key = key.clone();
                view! {
                    <section class="prose" aria-label=section.title.clone()>
                        <h2>{section.title.clone()}</h2>
                        {blocks.into_iter().map(|block| view! { <BlockView block module_id=key.clone()/> }).collect_view()}
                    </section>
                }
            }).collect_view()}
            <p><A exact=true href=overview attr:class="button button--primary" attr:data-test="attempt-done">{move || tr!(assess_done)}</A></p>
        </article>
    }
}
